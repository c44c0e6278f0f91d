/**
 * A small PEP 503 "simple" index over wheels already on disk, served on
 * 127.0.0.1 and counting the bytes it sends, so the benchmark can say what pip
 * downloaded without a network. Each tree is one index (`/<tree>/<project>/`);
 * its wheels are served from `/files/<tree>/<file name>`.
 */
import { createHash } from 'node:crypto';
import { createReadStream, existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { basename, dirname, join, resolve } from 'node:path';

export interface Wheel {
  /** Absolute path on disk. */
  path: string;
  /** The file's name, as pip reads name, version and tags from it. */
  filename: string;
  /** "sha256=..." when known, for the link's fragment (PyPI always gives one). */
  hash?: string;
}

/** Normalised project name (PEP 503) -> its files. */
export type Projects = Map<string, Wheel[]>;

export interface IndexTree {
  /** URL path segment: "pypi", "cpu". */
  name: string;
  projects: Projects;
}

/** PEP 503 normalisation: "Typing_Extensions" -> "typing-extensions". */
export function normalizeProject(name: string): string {
  return name.toLowerCase().replace(/[-_.]+/g, '-');
}

/** The project a wheel's file name belongs to ("torch-2.13.0+cpu-cp311-...whl" -> "torch"). */
export function projectOfWheel(filename: string): string | undefined {
  const m = /^([A-Za-z0-9][A-Za-z0-9._]*?)-\d[^-]*(-\d[^-]*)?-[^-]+-[^-]+-[^-]+\.whl$/.exec(filename);
  return m ? normalizeProject(m[1]) : undefined;
}

/** The version in a wheel's file name ("2.13.0+cpu"). */
export function versionOfWheel(filename: string): string | undefined {
  return /^[^-]+-([^-]+)-/.exec(filename)?.[1];
}

function add(projects: Projects, project: string, wheel: Wheel): void {
  const list = projects.get(project) ?? [];
  if (!list.some((w) => w.filename === wheel.filename)) list.push(wheel);
  projects.set(project, list);
}

/**
 * The wheels of a PEP 503 tree on disk (`simple/<project>/index.html` with links
 * relative to the page). Links to files that are not there are skipped; so are sdists:
 * the comparison is between binary installs.
 */
export function readSimpleTree(simpleDir: string, into: Projects = new Map()): Projects {
  let entries: string[];
  try {
    entries = readdirSync(simpleDir);
  } catch {
    return into;
  }
  for (const entry of entries) {
    const page = join(simpleDir, entry, 'index.html');
    let html: string;
    try {
      html = readFileSync(page, 'utf8');
    } catch {
      continue;
    }
    for (const m of html.matchAll(/href="([^"]+)"/g)) {
      const [target, fragment] = m[1].split('#', 2);
      if (/^[a-z]+:/i.test(target)) continue; // only files beside the tree
      const path = resolve(dirname(page), decodeURIComponent(target));
      const filename = basename(path);
      if (!filename.endsWith('.whl') || !existsSync(path)) continue;
      add(into, normalizeProject(entry), { path, filename, hash: fragment?.startsWith('sha256=') ? fragment : undefined });
    }
  }
  return into;
}

/** The wheels lying in a find-links folder, grouped by project. */
export function readWheelFolder(dir: string, into: Projects = new Map()): Projects {
  let entries: string[];
  try {
    entries = readdirSync(dir);
  } catch {
    return into;
  }
  for (const filename of entries) {
    const project = projectOfWheel(filename);
    if (project === undefined) continue;
    add(into, project, { path: join(dir, filename), filename });
  }
  return into;
}

/** Give every wheel without a hash its sha256 (read once, before any timing), as a real index would. */
export async function hashMissing(projects: Projects): Promise<void> {
  for (const wheels of projects.values()) {
    for (const w of wheels) {
      if (w.hash !== undefined) continue;
      const hash = createHash('sha256');
      await new Promise<void>((done) => {
        createReadStream(w.path)
          .on('data', (c) => hash.update(c))
          .on('error', () => done())
          .on('end', () => done());
      });
      w.hash = `sha256=${hash.digest('hex')}`;
    }
  }
}

export interface StaticIndex {
  /** "http://127.0.0.1:PORT" (no trailing slash). */
  url: string;
  /** Bytes sent for a tree so far (pages and files). */
  bytesServed(tree: string): number;
  /** The wheel files sent for a tree, in order (one entry per download). */
  filesServed(tree: string): string[];
  /** The wheel files a client already had, answered 304 Not Modified (a warm pip cache revalidating). */
  filesRevalidated(tree: string): string[];
  close(): Promise<void>;
}

const escapeHtml = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/"/g, '&quot;');

/** The project page pip reads. */
export function projectPage(tree: string, wheels: readonly Wheel[]): string {
  const links = wheels.map((w) => {
    const href = `/files/${tree}/${encodeURIComponent(w.filename)}${w.hash ? `#${w.hash}` : ''}`;
    return `<a href="${escapeHtml(href)}">${escapeHtml(w.filename)}</a><br/>`;
  });
  return `<!DOCTYPE html>\n<html><body>\n${links.join('\n')}\n</body></html>\n`;
}

/** Start serving the trees on 127.0.0.1 (a free port). Every socket idles out after `idleTimeoutMs`. */
export async function startStaticIndex(trees: readonly IndexTree[], idleTimeoutMs = 60_000): Promise<StaticIndex> {
  const byName = new Map(trees.map((t) => [t.name, t]));
  const bytes = new Map<string, number>();
  const files = new Map<string, string[]>();
  const revalidated = new Map<string, string[]>();
  const count = (tree: string, n: number): void => {
    bytes.set(tree, (bytes.get(tree) ?? 0) + n);
  };

  const sendText = (res: ServerResponse, tree: string | undefined, status: number, body: string): void => {
    const data = Buffer.from(body, 'utf8');
    res.writeHead(status, { 'Content-Type': 'text/html; charset=utf-8', 'Content-Length': data.length });
    res.end(data);
    if (tree !== undefined) count(tree, data.length);
  };

  const handle = (req: IncomingMessage, res: ServerResponse): void => {
    let path: string[];
    try {
      path = new URL(req.url ?? '/', 'http://127.0.0.1').pathname.split('/').filter(Boolean).map(decodeURIComponent);
    } catch {
      sendText(res, undefined, 400, 'bad request');
      return;
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      sendText(res, undefined, 405, 'only GET');
      return;
    }
    if (path[0] === 'files' && path.length === 3) {
      const tree = byName.get(path[1]);
      const wheel = tree && [...tree.projects.values()].flat().find((w) => w.filename === path[2]);
      if (!tree || !wheel) {
        sendText(res, undefined, 404, 'no such file');
        return;
      }
      let size: number;
      let mtime: Date;
      try {
        ({ size, mtime } = statSync(wheel.path));
      } catch {
        sendText(res, undefined, 404, 'no such file');
        return;
      }
      // As download.pytorch.org (S3 behind CloudFront): validators, no Cache-Control; pip caches
      // the file and revalidates it next time, which costs a 304 and no body.
      const validators = { ETag: `"${size.toString(16)}-${Math.floor(mtime.getTime() / 1000).toString(16)}"`, 'Last-Modified': mtime.toUTCString() };
      if (req.headers['if-none-match'] === validators.ETag) {
        revalidated.set(tree.name, [...(revalidated.get(tree.name) ?? []), wheel.filename]);
        res.writeHead(304, validators);
        res.end();
        return;
      }
      res.writeHead(200, { 'Content-Type': 'application/octet-stream', 'Content-Length': size, ...validators });
      if (req.method === 'HEAD') {
        res.end();
        return;
      }
      files.set(tree.name, [...(files.get(tree.name) ?? []), wheel.filename]);
      const stream = createReadStream(wheel.path);
      stream.on('data', (chunk) => count(tree.name, chunk.length));
      stream.on('error', () => res.destroy());
      stream.pipe(res);
      return;
    }
    const tree = byName.get(path[0] ?? '');
    if (!tree) {
      sendText(res, undefined, 404, 'no such index');
      return;
    }
    if (path.length === 1) {
      const names = [...tree.projects.keys()].sort();
      sendText(res, tree.name, 200, `<!DOCTYPE html>\n<html><body>\n${names.map((n) => `<a href="/${tree.name}/${n}/">${n}</a><br/>`).join('\n')}\n</body></html>\n`);
      return;
    }
    const project = normalizeProject(path[1]);
    if (path.length === 2 && project !== path[1]) {
      // PEP 503: redirect a non-normalised name to the normalised URL.
      res.writeHead(301, { Location: `/${tree.name}/${project}/`, 'Content-Length': 0 });
      res.end();
      return;
    }
    const wheels = tree.projects.get(project);
    if (!wheels) {
      sendText(res, tree.name, 404, 'no such project');
      return;
    }
    sendText(res, tree.name, 200, projectPage(tree.name, wheels));
  };

  const server = createServer(handle);
  server.setTimeout(idleTimeoutMs);
  server.requestTimeout = idleTimeoutMs;
  server.headersTimeout = Math.min(idleTimeoutMs, 30_000);
  await new Promise<void>((ready, fail) => {
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => ready());
  });
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    bytesServed: (tree) => bytes.get(tree) ?? 0,
    filesServed: (tree) => [...(files.get(tree) ?? [])],
    filesRevalidated: (tree) => [...(revalidated.get(tree) ?? [])],
    close: () =>
      new Promise<void>((done) => {
        server.close(() => done());
        server.closeAllConnections();
      }),
  };
}
