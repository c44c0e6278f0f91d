/**
 * The one HTTP client: every network request torchcraft makes goes through
 * fetchText, with a time bound for the whole request (connect, headers and body),
 * a size bound on the body, and a result instead of an exception. It stands on
 * @actions/http-client, which honours the runner's proxy settings (HTTPS_PROXY,
 * HTTP_PROXY, NO_PROXY) as the other actions of a job do.
 *
 * file:// URLs are read from disk under the same bounds, as pip reads a
 * file:// index: a folder stands for its index.html.
 *
 * Credentials in the URL (https://user:token@host/) are sent as HTTP Basic
 * authentication to that host only, never to a host a redirect leads to.
 */
import type { RequestOptions } from 'node:http';
import { open, stat } from 'node:fs/promises';
import { constants as fsConstants } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import type { HttpClient, HttpClientResponse } from '@actions/http-client';
import { TORCHCRAFT_VERSION } from '../version.js';

export interface FetchOptions {
  /** The whole request, redirects included, ends within this. */
  timeoutMs: number;
  /** Bodies larger than this are not read (outcome too-large). */
  maxBytes: number;
  /** The Accept header. */
  accept?: string;
}

export type FetchFailure = 'not-found' | 'http-error' | 'unreachable' | 'timeout' | 'too-large' | 'unreadable';

export type FetchResult =
  | { ok: true; url: string; status: number; contentType: string; body: string; durationMs: number }
  | { ok: false; url: string; failure: FetchFailure; status?: number; detail: string; durationMs: number };

const MAX_REDIRECTS = 5;

/** The toolkit's handler interface (its module is not exported on its own). */
type RequestHandler = NonNullable<ConstructorParameters<typeof HttpClient>[1]>[number];

/** GET a URL as text, within the bounds; never throws, never outlives timeoutMs by more than a moment. */
export async function fetchText(url: string, options: FetchOptions): Promise<FetchResult> {
  const begin = Date.now();
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return { ok: false, url, failure: 'unreadable', detail: 'not a URL', durationMs: 0 };
  }
  if (parsed.protocol === 'file:') return readFileUrl(parsed, url, options, begin);
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    return { ok: false, url, failure: 'unreadable', detail: `${parsed.protocol} URLs are not supported`, durationMs: 0 };
  }
  return fetchHttp(parsed, url, options, begin);
}

/** Sends the URL's own credentials as Basic auth to its own host; aborts everything at the deadline. */
class BoundedRequests implements RequestHandler {
  constructor(
    private readonly host: string,
    private readonly authorization: string | undefined,
    private readonly signal: AbortSignal,
  ) {}
  prepareRequest(options: RequestOptions): void {
    options.signal = this.signal;
    if (this.authorization && options.host === this.host && options.headers) {
      (options.headers as Record<string, string>).authorization = this.authorization;
    }
  }
  canHandleAuthentication(): boolean {
    return false;
  }
  handleAuthentication(): Promise<HttpClientResponse> {
    return Promise.reject(new Error('not used'));
  }
}

function basicAuthorization(u: URL): string | undefined {
  if (u.username === '' && u.password === '') return undefined;
  const decode = (s: string): string => {
    try {
      return decodeURIComponent(s);
    } catch {
      return s;
    }
  };
  return `Basic ${Buffer.from(`${decode(u.username)}:${decode(u.password)}`).toString('base64')}`;
}

/** The client module is large (undici rides along): loaded on the first request, not at start-up. */
let clientModule: Promise<typeof import('@actions/http-client')> | undefined;
function loadClient(): Promise<typeof import('@actions/http-client')> {
  clientModule ??= import('@actions/http-client');
  return clientModule;
}

async function fetchHttp(u: URL, url: string, options: FetchOptions, begin: number): Promise<FetchResult> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), options.timeoutMs);
  timer.unref();
  const fail = (failure: FetchFailure, detail: string, status?: number): FetchResult => ({
    ok: false,
    url,
    failure,
    ...(status !== undefined ? { status } : {}),
    detail,
    durationMs: Date.now() - begin,
  });
  try {
    const { HttpClient: Client } = await loadClient();
    // The request goes to the URL without its userinfo; the credentials travel in the header.
    const target = new URL(u.href);
    target.username = '';
    target.password = '';
    const client: HttpClient = new Client(`torchcraft/${TORCHCRAFT_VERSION}`, [new BoundedRequests(u.hostname, basicAuthorization(u), controller.signal)], {
      allowRetries: false,
      maxRedirects: MAX_REDIRECTS,
      socketTimeout: options.timeoutMs,
      keepAlive: false,
    });
    const response = await client.get(target.href, options.accept ? { accept: options.accept } : {});
    const status = response.message.statusCode ?? 0;
    const contentType = String(response.message.headers['content-type'] ?? '');
    if (status < 200 || status >= 300) {
      response.message.resume();
      if (status === 404 || status === 410) return fail('not-found', `HTTP ${status}`, status);
      return fail('http-error', `HTTP ${status}${status === 401 || status === 403 ? ' (the credentials were refused)' : ''}`, status);
    }
    const declared = Number(response.message.headers['content-length'] ?? NaN);
    if (Number.isFinite(declared) && declared > options.maxBytes) {
      response.message.destroy();
      return fail('too-large', `the page is ${declared} bytes, over the ${options.maxBytes}-byte limit`, status);
    }
    const body = await readBounded(response.message, options.maxBytes);
    if (body === null) return fail('too-large', `the page is over the ${options.maxBytes}-byte limit`, status);
    return { ok: true, url: finalUrl(response, target), status, contentType, body: decodeBody(body, contentType), durationMs: Date.now() - begin };
  } catch (e) {
    if (controller.signal.aborted) return fail('timeout', `no complete answer within ${seconds(options.timeoutMs)}`);
    return fail(classifyError(e), describeError(e));
  } finally {
    clearTimeout(timer);
  }
}

/** The URL the answer came from, after redirects (relative links resolve against it). */
function finalUrl(response: HttpClientResponse, requested: URL): string {
  // The last request's Host header carries the port; ClientRequest.host does not.
  const req = (response.message as unknown as { req?: { protocol?: string; path?: string; getHeader?(name: string): unknown } }).req;
  const host = req?.getHeader?.('host');
  if (typeof host === 'string' && req?.path) {
    try {
      return new URL(req.path, `${req.protocol ?? requested.protocol}//${host}`).href;
    } catch {
      // fall through
    }
  }
  return requested.href;
}

function readBounded(stream: NodeJS.ReadableStream & { destroy(): void }, maxBytes: number): Promise<Buffer | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    stream.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxBytes) {
        stream.destroy();
        resolve(null);
        return;
      }
      chunks.push(chunk);
    });
    stream.on('end', () => resolve(Buffer.concat(chunks)));
    stream.on('error', reject);
    stream.on('close', () => resolve(size > maxBytes ? null : Buffer.concat(chunks)));
  });
}

function decodeBody(body: Buffer, contentType: string): string {
  const charset = /charset\s*=\s*"?([A-Za-z0-9_-]+)/i.exec(contentType)?.[1];
  try {
    return new TextDecoder(charset ?? 'utf-8').decode(body);
  } catch {
    return new TextDecoder('utf-8').decode(body);
  }
}

function classifyError(e: unknown): FetchFailure {
  const message = e instanceof Error ? e.message : String(e);
  if (/Request timeout/i.test(message) || (e as NodeJS.ErrnoException)?.code === 'ETIMEDOUT') return 'timeout';
  return 'unreachable';
}

function describeError(e: unknown): string {
  const code = (e as NodeJS.ErrnoException)?.code;
  const words: Record<string, string> = {
    ECONNREFUSED: 'connection refused',
    ECONNRESET: 'connection reset',
    ENOTFOUND: 'host not found',
    EAI_AGAIN: 'name resolution failed',
    EHOSTUNREACH: 'host unreachable',
    ENETUNREACH: 'network unreachable',
    ETIMEDOUT: 'connection timed out',
    CERT_HAS_EXPIRED: 'TLS certificate expired',
    DEPTH_ZERO_SELF_SIGNED_CERT: 'self-signed TLS certificate',
    UNABLE_TO_VERIFY_LEAF_SIGNATURE: 'TLS certificate not trusted',
    SELF_SIGNED_CERT_IN_CHAIN: 'self-signed TLS certificate in chain',
  };
  if (code && words[code]) return words[code];
  const message = e instanceof Error ? e.message : String(e);
  // The first line only, shortened: error texts can carry whatever a server sent.
  const first = message.split(/\r?\n/, 1)[0];
  return (code ? `${code}: ` : '') + (first.length > 160 ? `${first.slice(0, 157)}...` : first);
}

function seconds(ms: number): string {
  return `${Number((ms / 1000).toFixed(1))} s`;
}

/** A file:// page: a regular file, or a folder's index.html (as pip reads a file:// index). */
async function readFileUrl(u: URL, url: string, options: FetchOptions, begin: number): Promise<FetchResult> {
  const fail = (failure: FetchFailure, detail: string): FetchResult => ({ ok: false, url, failure, detail, durationMs: Date.now() - begin });
  let path: string;
  try {
    path = fileURLToPath(u);
  } catch {
    return fail('unreadable', 'not a local file URL');
  }
  try {
    let info = await stat(path);
    if (info.isDirectory()) {
      path = join(path, 'index.html');
      info = await stat(path);
    }
    // A FIFO or a device would block or never end.
    if (!info.isFile()) return fail('unreadable', 'not a regular file');
    if (info.size > options.maxBytes) return fail('too-large', `the page is ${info.size} bytes, over the ${options.maxBytes}-byte limit`);
    const handle = await open(path, fsConstants.O_RDONLY | (fsConstants.O_NONBLOCK ?? 0));
    try {
      const buffer = Buffer.alloc(Math.min(info.size, options.maxBytes) + 1);
      const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0);
      if (bytesRead > options.maxBytes) return fail('too-large', `the page is over the ${options.maxBytes}-byte limit`);
      return { ok: true, url: u.href, status: 200, contentType: '', body: buffer.subarray(0, bytesRead).toString('utf8'), durationMs: Date.now() - begin };
    } finally {
      await handle.close();
    }
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return fail('not-found', 'no such file');
    return fail('unreadable', code ?? String(e));
  }
}
