/**
 * The GitHub Actions cache service (v2), emulated on 127.0.0.1 so the real
 * @actions/cache client runs against it, as on a GitHub-hosted runner:
 *
 * - twirp JSON RPC at /twirp/github.actions.results.api.v1.CacheService/<method>
 *   (GetCacheEntryDownloadURL, CreateCacheEntry, FinalizeCacheEntryUpload),
 *   with the runner's bearer token checked, proto field names in JSON
 *   (restore_keys, signed_upload_url, size_bytes...), int64 as strings, and
 *   twirp errors ({code, msg}) for what the real service refuses: a second
 *   entry with the same key and version is 409 already_exists;
 * - the key lookup as GitHub documents it: entries of the same version only,
 *   the key exactly, then as a prefix, then each restore key exactly and as a
 *   prefix, the newest first;
 * - Azure Blob Storage behind the signed URLs the RPCs return: Put Blob
 *   (x-ms-blob-type: BlockBlob), Put Block (?comp=block&blockid=), Put Block
 *   List (?comp=blocklist, XML), Get Blob Properties (HEAD) and Get Blob with
 *   x-ms-range / Range (206), each checking the URL's signature and
 *   permissions (sp=r to read, sp=cw to write).
 *
 * @actions/cache downloads a blob with the Azure SDK (ranged, in parallel) only
 * when its host ends in .blob.core.windows.net, and with a plain GET otherwise.
 * `blobHost: 'azure'` makes the signed URLs name such a host over http://, and
 * env() points HTTP_PROXY at this server (NO_PROXY keeps 127.0.0.1 direct), so
 * the SDK's own download path runs as in production; `blobHost: 'local'` uses
 * 127.0.0.1 URLs directly.
 *
 * Blobs are kept as files in a scratch folder (a CUDA-sized bench entry would not
 * fit comfortably in memory).
 */
import { createReadStream, createWriteStream, mkdtempSync, rmSync, statSync, existsSync, readFileSync, appendFileSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';

const SERVICE = 'github.actions.results.api.v1.CacheService';
const ACCOUNT = 'torchcraft';
const CONTAINER = 'actions-cache';
const AZURE_HOST = `${ACCOUNT}.blob.core.windows.net`;

export interface CacheEntry {
  id: number;
  key: string;
  version: string;
  /** Blob name in the container. */
  blob: string;
  size: number;
  finalized: boolean;
  createdAt: number;
}

export interface CacheRequest {
  kind: 'twirp' | 'blob';
  /** RPC method, or the blob operation: put-blob, put-block, put-block-list, properties, get. */
  op: string;
  status: number;
  /** GET/HEAD: the bytes sent. */
  bytes?: number;
  /** The RPC's request body, for twirp. */
  body?: Record<string, unknown>;
  /** Through the proxy (absolute-form request URL). */
  proxied?: boolean;
}

export interface CacheFaults {
  /** Answer twirp calls with this HTTP status (a twirp "internal"/"unavailable" error), `count` times (all when absent). */
  twirpStatus?: { status: number; count?: number };
  /** Accept twirp calls and never answer. */
  twirpHang?: boolean;
  /** Answer blob downloads (GET/HEAD) with this status. */
  blobDownloadStatus?: number;
  /** Accept blob uploads and never answer. */
  blobUploadHang?: boolean;
}

export interface CacheServiceOptions {
  blobHost?: 'azure' | 'local';
  token?: string;
  /** Where blobs live; a scratch folder (removed by stop) when absent. */
  dir?: string;
}

interface Signed {
  blob: string;
  sig: string;
  permissions: string;
}

export class CacheService {
  readonly entries: CacheEntry[] = [];
  readonly requests: CacheRequest[] = [];
  readonly token: string;
  private readonly blobHost: 'azure' | 'local';
  private readonly dir: string;
  private readonly ownsDir: boolean;
  private server: Server | undefined;
  private port = 0;
  private faults: CacheFaults = {};
  /** Requests held unanswered by a hang fault, to end in release(). */
  private readonly held: ServerResponse[] = [];
  private twirpFaultsLeft = 0;
  private nextId = 1;
  private clock = 0;
  private readonly signatures = new Map<string, Signed>();
  /** blob -> staged block ids (their data in files). */
  private readonly staged = new Map<string, Set<string>>();

  constructor(options: CacheServiceOptions = {}) {
    this.blobHost = options.blobHost ?? 'azure';
    this.token = options.token ?? `runtime-token-${randomBytes(8).toString('hex')}`;
    this.ownsDir = options.dir === undefined;
    this.dir = options.dir ?? mkdtempSync(join(tmpdir(), 'torchcraft-cache-service-'));
  }

  async start(): Promise<void> {
    const server = createServer((req, res) => {
      this.handle(req, res).catch((e: unknown) => {
        if (!res.headersSent) res.writeHead(500, { 'Content-Type': 'text/plain' });
        res.end(`emulator error: ${(e as Error).message}`);
      });
    });
    this.server = server;
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, '127.0.0.1', () => resolve());
    });
    this.port = (server.address() as AddressInfo).port;
  }

  async stop(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    if (server) {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    }
    if (this.ownsDir) rmSync(this.dir, { recursive: true, force: true });
  }

  /**
   * End the faults and answer every request a hang held with a refusal (403) the
   * clients do not retry, so work a test gave up on ends instead of outliving it.
   */
  release(): void {
    this.setFaults({});
    for (const res of this.held.splice(0)) {
      if (res.headersSent || res.destroyed) continue;
      const data = JSON.stringify({ code: 'permission_denied', msg: 'released by the test' });
      res.writeHead(403, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(data) });
      res.end(data);
    }
  }

  setFaults(faults: CacheFaults): void {
    this.faults = faults;
    this.twirpFaultsLeft = faults.twirpStatus?.count ?? Number.POSITIVE_INFINITY;
  }

  get origin(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  /** What the runner gives a JavaScript action for the v2 cache service. */
  env(): Record<string, string> {
    const env: Record<string, string> = {
      ACTIONS_CACHE_SERVICE_V2: 'True',
      ACTIONS_RESULTS_URL: `${this.origin}/`,
      ACTIONS_RUNTIME_TOKEN: this.token,
      GITHUB_SERVER_URL: 'https://github.com',
    };
    if (this.blobHost === 'azure') {
      env.HTTP_PROXY = this.origin;
      env.http_proxy = this.origin;
      env.NO_PROXY = '127.0.0.1,localhost';
      env.no_proxy = '127.0.0.1,localhost';
    }
    return env;
  }

  /** The bytes of a finalized entry's blob. */
  blobOf(entry: CacheEntry): Buffer {
    return readFileSync(this.blobPath(entry.blob));
  }

  finalized(): CacheEntry[] {
    return this.entries.filter((e) => e.finalized);
  }

  private blobPath(blob: string): string {
    return join(this.dir, `${blob}.blob`);
  }

  private blockPath(blob: string, id: string): string {
    return join(this.dir, `${blob}.block-${Buffer.from(id, 'base64').toString('hex')}`);
  }

  /** A signed URL for a blob of this service, as the RPCs hand out (for tests that drive the Azure SDK directly). */
  signedUrl(blob: string, permissions: 'r' | 'cw'): string {
    return this.sign(blob, permissions);
  }

  private sign(blob: string, permissions: string): string {
    const sig = randomBytes(16).toString('base64url');
    this.signatures.set(sig, { blob, sig, permissions });
    const query = `sv=2024-08-04&sr=b&sp=${permissions}&se=2099-01-01T00%3A00%3A00Z&sig=${sig}`;
    const base = this.blobHost === 'azure' ? `http://${AZURE_HOST}/${CONTAINER}` : `${this.origin}/${ACCOUNT}/${CONTAINER}`;
    return `${base}/${blob}?${query}`;
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const raw = req.url ?? '/';
    const proxied = /^https?:\/\//i.test(raw);
    const url = new URL(raw, this.origin);
    if (url.pathname.startsWith('/twirp/')) return this.twirp(req, res, url);
    if (proxied && url.host !== AZURE_HOST) {
      res.writeHead(502, { 'Content-Type': 'text/plain' });
      res.end(`the emulator proxies only ${AZURE_HOST}, not ${url.host}\n`);
      return;
    }
    const parts = url.pathname.split('/').filter(Boolean);
    // IP style: /<account>/<container>/<blob>; through the proxy: /<container>/<blob>.
    const [container, blob] = proxied ? parts : parts.slice(1);
    if (container !== CONTAINER || !blob) {
      res.writeHead(404, { 'Content-Type': 'application/xml' });
      res.end(azureError('ResourceNotFound', 'The specified resource does not exist.'));
      return;
    }
    return this.blobOp(req, res, url, blob, proxied);
  }

  private async twirp(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    const method = url.pathname.slice(`/twirp/${SERVICE}/`.length);
    const text = await readBody(req);
    let body: Record<string, unknown> = {};
    try {
      body = text ? (JSON.parse(text) as Record<string, unknown>) : {};
    } catch {
      return this.twirpError(res, method, body, 400, 'malformed', 'the request body is not JSON');
    }
    if (this.faults.twirpHang) {
      this.requests.push({ kind: 'twirp', op: method, status: 0, body });
      this.held.push(res);
      return; // never answered, until release()
    }
    if (this.faults.twirpStatus && this.twirpFaultsLeft > 0) {
      this.twirpFaultsLeft--;
      const code = this.faults.twirpStatus.status === 503 ? 'unavailable' : 'internal';
      return this.twirpError(res, method, body, this.faults.twirpStatus.status, code, 'the cache service is having a bad day');
    }
    if (req.headers.authorization !== `Bearer ${this.token}`) {
      return this.twirpError(res, method, body, 401, 'unauthenticated', 'invalid or missing runtime token');
    }
    if (!String(req.headers['content-type'] ?? '').startsWith('application/json')) {
      return this.twirpError(res, method, body, 415, 'bad_route', 'only application/json is served');
    }
    const key = typeof body.key === 'string' ? body.key : '';
    const version = typeof body.version === 'string' ? body.version : '';
    if (!key || !version) return this.twirpError(res, method, body, 400, 'invalid_argument', 'key and version are required');

    switch (method) {
      case 'GetCacheEntryDownloadURL': {
        const restoreKeys = Array.isArray(body.restore_keys) ? body.restore_keys.filter((k): k is string => typeof k === 'string') : [];
        const entry = this.lookup(key, restoreKeys, version);
        if (!entry) return this.twirpOk(res, method, body, { ok: false });
        return this.twirpOk(res, method, body, { ok: true, signed_download_url: this.sign(entry.blob, 'r'), matched_key: entry.key });
      }
      case 'CreateCacheEntry': {
        if (this.entries.some((e) => e.key === key && e.version === version)) {
          return this.twirpError(res, method, body, 409, 'already_exists', 'cache entry with the same key, version, and scope already exists');
        }
        const blob = randomBytes(12).toString('hex');
        this.entries.push({ id: this.nextId++, key, version, blob, size: 0, finalized: false, createdAt: ++this.clock });
        return this.twirpOk(res, method, body, { ok: true, signed_upload_url: this.sign(blob, 'cw') });
      }
      case 'FinalizeCacheEntryUpload': {
        const entry = this.entries.find((e) => e.key === key && e.version === version && !e.finalized);
        if (!entry) return this.twirpOk(res, method, body, { ok: false, message: 'no cache entry is being created for this key and version' });
        const size = existsSync(this.blobPath(entry.blob)) ? statSync(this.blobPath(entry.blob)).size : -1;
        if (String(size) !== String(body.size_bytes)) {
          return this.twirpOk(res, method, body, { ok: false, message: `size_bytes ${String(body.size_bytes)} does not match the uploaded blob (${size})` });
        }
        entry.size = size;
        entry.finalized = true;
        entry.createdAt = ++this.clock;
        return this.twirpOk(res, method, body, { ok: true, entry_id: String(entry.id) });
      }
      default:
        return this.twirpError(res, method, body, 404, 'bad_route', `no such method ${method}`);
    }
  }

  /** GitHub's matching: same version; key exact, key prefix, then each restore key exact and prefix; newest first. */
  private lookup(key: string, restoreKeys: string[], version: string): CacheEntry | undefined {
    const candidates = this.entries.filter((e) => e.finalized && e.version === version).sort((a, b) => b.createdAt - a.createdAt);
    for (const k of [key, ...restoreKeys]) {
      const exact = candidates.find((e) => e.key === k);
      if (exact) return exact;
      const prefix = candidates.find((e) => e.key.startsWith(k));
      if (prefix) return prefix;
    }
    return undefined;
  }

  private twirpOk(res: ServerResponse, op: string, body: Record<string, unknown>, answer: Record<string, unknown>): void {
    this.requests.push({ kind: 'twirp', op, status: 200, body });
    const data = JSON.stringify(answer);
    res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(data) });
    res.end(data);
  }

  private twirpError(res: ServerResponse, op: string, body: Record<string, unknown>, status: number, code: string, msg: string): void {
    this.requests.push({ kind: 'twirp', op, status, body });
    const data = JSON.stringify({ code, msg });
    res.writeHead(status, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(data) });
    res.end(data);
  }

  private async blobOp(req: IncomingMessage, res: ServerResponse, url: URL, blob: string, proxied: boolean): Promise<void> {
    const method = req.method ?? 'GET';
    const comp = url.searchParams.get('comp');
    const op = method === 'PUT' ? (comp === 'block' ? 'put-block' : comp === 'blocklist' ? 'put-block-list' : 'put-blob') : method === 'HEAD' ? 'properties' : 'get';
    const record = (status: number, bytes?: number): void => {
      this.requests.push({ kind: 'blob', op, status, bytes, proxied });
    };
    const fail = async (status: number, code: string, text: string): Promise<void> => {
      await readBody(req).catch(() => '');
      record(status);
      const data = azureError(code, text);
      res.writeHead(status, { 'Content-Type': 'application/xml', 'x-ms-error-code': code, 'Content-Length': Buffer.byteLength(data) });
      res.end(method === 'HEAD' ? undefined : data);
    };

    const signed = this.signatures.get(url.searchParams.get('sig') ?? '');
    const needs = method === 'PUT' ? 'w' : 'r';
    if (!signed || signed.blob !== blob || !signed.permissions.includes(needs)) {
      return fail(403, 'AuthenticationFailed', 'Server failed to authenticate the request: signature or permissions do not match.');
    }
    const common = { 'x-ms-request-id': randomBytes(8).toString('hex'), 'x-ms-version': '2024-08-04', Date: new Date().toUTCString() };

    if (method === 'PUT') {
      if (this.faults.blobUploadHang) {
        record(0);
        this.held.push(res);
        return; // never answered, until release()
      }
      if (op === 'put-block') {
        const id = url.searchParams.get('blockid') ?? '';
        if (!id) return fail(400, 'InvalidQueryParameterValue', 'blockid is required');
        await pipeline(req, createWriteStream(this.blockPath(blob, id)));
        const set = this.staged.get(blob) ?? new Set<string>();
        set.add(id);
        this.staged.set(blob, set);
        record(201);
        res.writeHead(201, { ...common, 'Content-Length': 0, 'x-ms-request-server-encrypted': 'true' });
        res.end();
        return;
      }
      if (op === 'put-block-list') {
        const xml = await readBody(req);
        const ids = [...xml.matchAll(/<(Latest|Uncommitted|Committed)>([^<]*)<\/\1>/g)].map((m) => m[2]);
        const staged = this.staged.get(blob) ?? new Set<string>();
        const missing = ids.filter((id) => !staged.has(id));
        if (ids.length === 0 || missing.length > 0) return fail(400, 'InvalidBlockList', `The specified block list is invalid (${missing.length} blocks were never staged).`);
        writeFileSync(this.blobPath(blob), '');
        for (const id of ids) appendFileSync(this.blobPath(blob), readFileSync(this.blockPath(blob, id)));
        for (const id of staged) rmSync(this.blockPath(blob, id), { force: true });
        this.staged.delete(blob);
        record(201);
        res.writeHead(201, { ...common, ETag: etagOf(blob), 'Last-Modified': new Date().toUTCString(), 'Content-Length': 0 });
        res.end();
        return;
      }
      if (String(req.headers['x-ms-blob-type'] ?? '') !== 'BlockBlob') return fail(400, 'MissingRequiredHeader', 'x-ms-blob-type: BlockBlob is required');
      await pipeline(req, createWriteStream(this.blobPath(blob)));
      record(201);
      res.writeHead(201, { ...common, ETag: etagOf(blob), 'Last-Modified': new Date().toUTCString(), 'Content-Length': 0 });
      res.end();
      return;
    }

    if (method !== 'GET' && method !== 'HEAD') return fail(405, 'UnsupportedHttpVerb', `${method} is not served`);
    if (this.faults.blobDownloadStatus) return fail(this.faults.blobDownloadStatus, 'ServerBusy', 'The server is busy.');
    const path = this.blobPath(blob);
    if (!existsSync(path)) return fail(404, 'BlobNotFound', 'The specified blob does not exist.');
    const size = statSync(path).size;
    const headers = {
      ...common,
      'Content-Type': 'application/octet-stream',
      ETag: etagOf(blob),
      'Last-Modified': new Date(0).toUTCString(),
      'Accept-Ranges': 'bytes',
      'x-ms-blob-type': 'BlockBlob',
      'x-ms-lease-status': 'unlocked',
      'x-ms-lease-state': 'available',
      'x-ms-server-encrypted': 'true',
    };
    if (method === 'HEAD') {
      record(200, 0);
      res.writeHead(200, { ...headers, 'Content-Length': size });
      res.end();
      return;
    }
    const range = String(req.headers['x-ms-range'] ?? req.headers.range ?? '');
    const m = /^bytes=(\d+)-(\d*)$/.exec(range);
    if (m) {
      const start = Number(m[1]);
      const end = m[2] === '' ? size - 1 : Math.min(Number(m[2]), size - 1);
      if (start >= size || end < start) return fail(416, 'InvalidRange', 'The range specified is invalid for the current size of the resource.');
      record(206, end - start + 1);
      res.writeHead(206, { ...headers, 'Content-Length': end - start + 1, 'Content-Range': `bytes ${start}-${end}/${size}` });
      await pipeline(createReadStream(path, { start, end }), res);
      return;
    }
    record(200, size);
    res.writeHead(200, { ...headers, 'Content-Length': size });
    await pipeline(createReadStream(path), res);
  }
}

function etagOf(blob: string): string {
  return `"0x8DC${blob.slice(0, 12).toUpperCase()}"`;
}

function azureError(code: string, message: string): string {
  return `<?xml version="1.0" encoding="utf-8"?><Error><Code>${code}</Code><Message>${message}</Message></Error>`;
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/** Started on a free port; stop() it in afterAll. */
export async function startCacheService(options: CacheServiceOptions = {}): Promise<CacheService> {
  const service = new CacheService(options);
  await service.start();
  return service;
}
