/**
 * A PEP 503 simple index on 127.0.0.1, served by the test itself, laid out
 * like download.pytorch.org: <base>/<variant>/<project>/ lists links
 * (with #sha256= fragments) to files served from <base>/<variant>/<file>.
 * A flat PyPI-like index for other packages lives at /simple/<project>/.
 * Faults can be switched on: HTTP 503 for the first N requests, a download
 * cut off half-way for the first N downloads, basic auth.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import type { BuiltWheel } from './wheels.js';

export interface Faults {
  /** Answer 503 to the first `count` requests whose path includes `pathIncludes` (any path when absent). */
  unavailable?: { count: number; pathIncludes?: string };
  /** Send Content-Length, half the body, then close the socket, for the first `count` downloads matching. */
  cutDownloads?: { count: number; pathIncludes?: string };
  /** Require these credentials (401 otherwise). */
  auth?: { user: string; password: string };
}

export interface RecordedRequest {
  method: string;
  path: string;
  status: number;
  /** What the fault injection did to it, if anything. */
  fault?: '503' | 'cut' | '401';
}

export interface IndexContent {
  /** Base path of the PyTorch-style indexes, default "/whl". */
  base?: string;
  /** variant -> wheels: { cu126: [torch, torchvision] }. */
  variants: Record<string, BuiltWheel[]>;
  /** Wheels of the flat PyPI-like index at /simple/. */
  pypi?: BuiltWheel[];
}

/** PEP 503 name normalisation. */
function normalise(name: string): string {
  return name.toLowerCase().replace(/[-_.]+/g, '-');
}

function page(title: string, links: { href: string; text: string }[]): string {
  const body = links.map((l) => `    <a href="${l.href}">${l.text}</a><br/>`).join('\n');
  return `<!DOCTYPE html>\n<html>\n  <head><title>${title}</title></head>\n  <body>\n    <h1>${title}</h1>\n${body}\n  </body>\n</html>\n`;
}

export class IndexServer {
  readonly requests: RecordedRequest[] = [];
  private server: Server | undefined;
  private port = 0;
  private faults: Faults = {};
  private unavailableLeft = 0;
  private cutsLeft = 0;
  private readonly base: string;
  /** folder path ("/whl/cu126") -> wheels in it. */
  private readonly folders = new Map<string, BuiltWheel[]>();

  constructor(content: IndexContent) {
    this.base = (content.base ?? '/whl').replace(/\/+$/, '');
    for (const [variant, wheels] of Object.entries(content.variants)) this.folders.set(`${this.base}/${variant}`, wheels);
    if (content.pypi) this.folders.set('/simple', content.pypi);
  }

  async start(): Promise<void> {
    const server = createServer((req, res) => this.handle(req, res));
    this.server = server;
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, '127.0.0.1', () => resolve());
    });
    this.port = (server.address() as AddressInfo).port;
  }

  /** Closes the server and every connection a client kept alive. Safe to call twice. */
  async stop(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    if (!server) return;
    await new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    });
  }

  /** Replace the faults; counters start again. Clears the request record. */
  setFaults(faults: Faults): void {
    this.faults = faults;
    this.unavailableLeft = faults.unavailable?.count ?? 0;
    this.cutsLeft = faults.cutDownloads?.count ?? 0;
    this.requests.length = 0;
  }

  get origin(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  /** "http://127.0.0.1:PORT/whl" (credentials inserted when given). */
  baseUrl(credentials?: { user: string; password: string }): string {
    if (!credentials) return `${this.origin}${this.base}`;
    return `http://${encodeURIComponent(credentials.user)}:${encodeURIComponent(credentials.password)}@127.0.0.1:${this.port}${this.base}`;
  }

  /** The index URL of a variant: "http://127.0.0.1:PORT/whl/cu126". */
  variantUrl(variant: string, credentials?: { user: string; password: string }): string {
    return `${this.baseUrl(credentials)}/${variant}`;
  }

  /** The flat PyPI-like index: "http://127.0.0.1:PORT/simple". */
  get pypiUrl(): string {
    return `${this.origin}/simple`;
  }

  private record(req: IncomingMessage, status: number, fault?: RecordedRequest['fault']): void {
    this.requests.push({ method: req.method ?? 'GET', path: req.url ?? '', status, fault });
  }

  private handle(req: IncomingMessage, res: ServerResponse): void {
    const path = decodeURIComponent((req.url ?? '/').split('?')[0]);
    const matches = (rule?: { pathIncludes?: string }): boolean => !rule?.pathIncludes || path.includes(rule.pathIncludes);

    const auth = this.faults.auth;
    if (auth) {
      const expected = `Basic ${Buffer.from(`${auth.user}:${auth.password}`).toString('base64')}`;
      if (req.headers.authorization !== expected) {
        this.record(req, 401, '401');
        res.writeHead(401, { 'WWW-Authenticate': 'Basic realm="torchcraft-test"', 'Content-Type': 'text/plain' });
        res.end('Unauthorized\n');
        return;
      }
    }
    if (this.unavailableLeft > 0 && matches(this.faults.unavailable)) {
      this.unavailableLeft--;
      this.record(req, 503, '503');
      res.writeHead(503, { 'Content-Type': 'text/plain', 'Retry-After': '0' });
      res.end('Service Unavailable\n');
      return;
    }

    const slash = path.lastIndexOf('/');
    const folder = path.slice(0, slash);
    const leaf = path.slice(slash + 1);

    // A file: <folder>/<filename>.
    const files = this.folders.get(folder);
    const file = files?.find((w) => w.filename === leaf);
    if (file) {
      const data = readFileSync(file.path);
      if (this.cutsLeft > 0 && matches(this.faults.cutDownloads)) {
        this.cutsLeft--;
        this.record(req, 200, 'cut');
        res.writeHead(200, { 'Content-Type': 'application/octet-stream', 'Content-Length': String(data.length) });
        // Flush half the body, then drop the connection: the client sees a short read.
        res.write(data.subarray(0, Math.floor(data.length / 2)), () => res.socket?.destroy());
        return;
      }
      // As download.pytorch.org (S3 behind CloudFront): an ETag and Last-Modified, no Cache-Control,
      // so pip keeps the file in its HTTP cache and revalidates it next time (304, no body).
      const validators = { ETag: `"${file.sha256.slice(0, 32)}"`, 'Last-Modified': 'Thu, 19 Nov 2026 10:00:00 GMT' };
      if (req.headers['if-none-match'] === validators.ETag) {
        this.record(req, 304);
        res.writeHead(304, validators);
        res.end();
        return;
      }
      this.record(req, 200);
      res.writeHead(200, { 'Content-Type': 'application/octet-stream', 'Content-Length': String(data.length), ...validators });
      res.end(data);
      return;
    }

    // A project page: <folder>/<project>/ (the trailing slash leaves leaf empty).
    if (leaf === '') {
      const projectSlash = folder.lastIndexOf('/');
      const indexFolder = folder.slice(0, projectSlash);
      const project = folder.slice(projectSlash + 1);
      const inIndex = this.folders.get(indexFolder);
      if (inIndex) {
        const wheels = inIndex.filter((w) => normalise(w.name) === normalise(project));
        if (wheels.length > 0) {
          const links = wheels.map((w) => ({
            href: `${indexFolder}/${encodeURIComponent(w.filename)}#sha256=${w.sha256}`,
            text: w.filename,
          }));
          return this.html(req, res, page(`Links for ${project}`, links));
        }
      }
      // The index root: every project it holds.
      const root = this.folders.get(folder);
      if (root) {
        const names = [...new Set(root.map((w) => normalise(w.name)))].sort();
        return this.html(req, res, page('Simple index', names.map((n) => ({ href: `${n}/`, text: n }))));
      }
    }
    this.record(req, 404);
    res.writeHead(404, { 'Content-Type': 'text/plain' });
    res.end('Not Found\n');
  }

  private html(req: IncomingMessage, res: ServerResponse, body: string): void {
    this.record(req, 200);
    res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8', 'Content-Length': String(Buffer.byteLength(body)) });
    res.end(body);
  }
}
