import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { connect, type AddressInfo, type Socket } from 'node:net';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { fetchText } from '../../src/net/http.js';
import { runTool } from '../../src/process/run-tool.js';

type Handler = (req: IncomingMessage, res: ServerResponse) => void;

const seen: { path: string; authorization?: string; host?: string }[] = [];
const sockets = new Set<Socket>();
let server: Server;
let base = '';

const routes: Record<string, Handler> = {
  '/ok': (_q, r) => {
    r.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    r.end('<html>héllo</html>');
  },
  '/missing': (_q, r) => {
    r.writeHead(404);
    r.end('no');
  },
  '/down': (_q, r) => {
    r.writeHead(503);
    r.end('busy');
  },
  '/big-declared': (_q, r) => {
    r.writeHead(200, { 'content-length': String(10_000) });
    r.end('x'.repeat(10_000));
  },
  '/big-chunked': (_q, r) => {
    r.writeHead(200, { 'content-type': 'text/html' });
    for (let i = 0; i < 20; i++) r.write('y'.repeat(1000));
    r.end();
  },
  '/stall': () => {
    // Accept, read the request, never answer.
  },
  '/drip': (_q, r) => {
    r.writeHead(200, { 'content-type': 'text/html' });
    const t = setInterval(() => r.write('z'), 50);
    r.on('close', () => clearInterval(t));
  },
  '/redirect-same': (_q, r) => {
    r.writeHead(302, { location: `${base}/ok` });
    r.end();
  },
  '/redirect-other-host': (_q, r) => {
    r.writeHead(302, { location: `${base.replace('127.0.0.1', 'localhost')}/ok` });
    r.end();
  },
};

beforeAll(async () => {
  server = createServer((req, res) => {
    seen.push({ path: req.url ?? '', authorization: req.headers.authorization, host: req.headers.host });
    const route = routes[(req.url ?? '').split('?')[0]];
    if (route) route(req, res);
    else {
      res.writeHead(500);
      res.end();
    }
  });
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  for (const s of sockets) s.destroy();
  await new Promise<void>((r) => server.close(() => r()));
});

const opts = { timeoutMs: 3000, maxBytes: 5000 };

describe('fetchText over HTTP', () => {
  it('reads a page with its content type, decoding the charset', async () => {
    const r = await fetchText(`${base}/ok`, opts);
    expect(r).toMatchObject({ ok: true, status: 200, contentType: 'text/html; charset=utf-8', body: '<html>héllo</html>' });
  });

  it('tells a missing page from a failing server', async () => {
    expect(await fetchText(`${base}/missing`, opts)).toMatchObject({ ok: false, failure: 'not-found', status: 404 });
    expect(await fetchText(`${base}/down`, opts)).toMatchObject({ ok: false, failure: 'http-error', status: 503, detail: 'HTTP 503' });
  });

  it('does not read a body over the size bound, declared or not', async () => {
    expect(await fetchText(`${base}/big-declared`, opts)).toMatchObject({ ok: false, failure: 'too-large' });
    expect(await fetchText(`${base}/big-chunked`, opts)).toMatchObject({ ok: false, failure: 'too-large' });
  });

  it('ends at the time bound when the server never answers, or drips', async () => {
    for (const path of ['/stall', '/drip']) {
      const r = await fetchText(`${base}${path}`, { timeoutMs: 400, maxBytes: 1_000_000 });
      expect(r).toMatchObject({ ok: false, failure: 'timeout' });
      // Bounded: the bound and a moment, not the 3-minute default of the toolkit.
      expect(r.durationMs).toBeLessThan(5000);
    }
  });

  it('says a refused connection is unreachable', async () => {
    const probe = createServer();
    await new Promise<void>((r) => probe.listen(0, '127.0.0.1', r));
    const port = (probe.address() as AddressInfo).port;
    await new Promise<void>((r) => probe.close(() => r()));
    expect(await fetchText(`http://127.0.0.1:${port}/x`, opts)).toMatchObject({ ok: false, failure: 'unreachable', detail: 'connection refused' });
  });

  it('sends the URL credentials as Basic auth to its own host only, never past a redirect to another host', async () => {
    seen.length = 0;
    const withAuth = base.replace('http://', 'http://bot:s%40cret@');
    expect((await fetchText(`${withAuth}/redirect-same`, opts)).ok).toBe(true);
    expect(seen.map((s) => s.authorization)).toEqual([`Basic ${Buffer.from('bot:s@cret').toString('base64')}`, `Basic ${Buffer.from('bot:s@cret').toString('base64')}`]);
    seen.length = 0;
    const r = await fetchText(`${withAuth}/redirect-other-host`, opts);
    expect(r.ok).toBe(true);
    expect(seen[0].authorization).toBeDefined();
    expect(seen[1].host).toMatch(/^localhost:/);
    expect(seen[1].authorization).toBeUndefined();
    // Relative links on the page resolve against where it came from.
    expect(r.ok && r.url).toMatch(/^http:\/\/localhost:\d+\/ok$/);
  });

  it('goes through the proxy the runner sets', async () => {
    // A CONNECT proxy (what the toolkit's tunnel agent speaks) that records where it was asked to go
    // and sends every tunnel to the local server: nothing leaves this machine.
    const asked: string[] = [];
    const proxy = createServer();
    proxy.on('connect', (req: IncomingMessage, client: Socket) => {
      asked.push(req.url ?? '');
      const port = Number(new URL(base).port);
      const upstream = connect(port, '127.0.0.1', () => {
        client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
        upstream.pipe(client);
        client.pipe(upstream);
      });
      upstream.on('error', () => client.destroy());
      client.on('error', () => upstream.destroy());
    });
    await new Promise<void>((r) => proxy.listen(0, '127.0.0.1', r));
    const saved = { http: process.env.http_proxy, HTTP: process.env.HTTP_PROXY };
    process.env.HTTP_PROXY = `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`;
    delete process.env.http_proxy;
    try {
      const r = await fetchText('http://pytorch-mirror.test/ok', opts);
      expect(r).toMatchObject({ ok: true, body: '<html>héllo</html>' });
      expect(asked).toEqual(['pytorch-mirror.test:80']);
    } finally {
      if (saved.HTTP === undefined) delete process.env.HTTP_PROXY;
      else process.env.HTTP_PROXY = saved.HTTP;
      if (saved.http !== undefined) process.env.http_proxy = saved.http;
      await new Promise<void>((r) => proxy.close(() => r()));
    }
  });

  it('refuses URLs it cannot fetch, without throwing', async () => {
    expect(await fetchText('not a url', opts)).toMatchObject({ ok: false, failure: 'unreadable' });
    expect(await fetchText('ftp://x/y', opts)).toMatchObject({ ok: false, failure: 'unreadable' });
  });
});

describe('fetchText over file://', () => {
  const root = mkdtempSync(join(process.env.TORCHCRAFT_TEST_TMP ?? tmpdir(), 'http-file-'));

  it('reads a folder as its index.html, as pip reads a file:// index', async () => {
    mkdirSync(join(root, 'cpu', 'torch'), { recursive: true });
    writeFileSync(join(root, 'cpu', 'torch', 'index.html'), '<html></html>');
    const r = await fetchText(pathToFileURL(join(root, 'cpu', 'torch')).href + '/', opts);
    expect(r).toMatchObject({ ok: true, body: '<html></html>', contentType: '' });
  });

  it('says what is missing, too large or not a regular file', async () => {
    expect(await fetchText(pathToFileURL(join(root, 'nope')).href, opts)).toMatchObject({ ok: false, failure: 'not-found' });
    writeFileSync(join(root, 'big.html'), 'b'.repeat(6000));
    expect(await fetchText(pathToFileURL(join(root, 'big.html')).href, opts)).toMatchObject({ ok: false, failure: 'too-large' });
    if (process.platform !== 'win32') {
      const fifo = join(root, 'fifo');
      expect((await runTool('mkfifo', [fifo], { timeoutMs: 5000 })).ok).toBe(true);
      // A FIFO would block a reader forever.
      expect(await fetchText(pathToFileURL(fifo).href, opts)).toMatchObject({ ok: false, failure: 'unreadable', detail: 'not a regular file' });
    }
  });
});
