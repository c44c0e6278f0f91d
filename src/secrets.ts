/**
 * Index URLs may carry credentials (https://user:token@host/...). These helpers
 * are the only way a URL reaches a log, a summary or an output.
 */

const PLACEHOLDER = '***';

/** The URL with any user/password replaced by ***; unparsable text has anything before an '@' masked. */
export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.username === '' && u.password === '') return url;
    // Keep ${VAR} references readable: they are not secrets, the variable's value is.
    const keep = (s: string): string => (/^\$\{[A-Za-z_][A-Za-z0-9_]*\}$/.test(decodeURIComponent(s)) ? decodeURIComponent(s) : PLACEHOLDER);
    const user = u.username ? keep(u.username) : '';
    const pass = u.password ? keep(u.password) : '';
    const auth = pass ? `${user}:${pass}` : user;
    return `${u.protocol}//${auth}@${u.host}${u.pathname}${u.search}${u.hash}`;
  } catch {
    return url.replace(/^([a-z][a-z0-9+.-]*:\/\/)[^/@]*@/i, `$1${PLACEHOLDER}@`);
  }
}

/** The secret parts of a URL (password, and the user name when it is a token), decoded and as written, for core.setSecret. */
export function secretsInUrl(url: string): string[] {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    const m = /^[a-z][a-z0-9+.-]*:\/\/([^/@]*)@/i.exec(url);
    return m ? m[1].split(':').filter((s) => s.length > 0) : [];
  }
  const found = new Set<string>();
  for (const part of [u.username, u.password]) {
    if (!part) continue;
    const decoded = safeDecode(part);
    if (/^\$\{[A-Za-z_][A-Za-z0-9_]*\}$/.test(decoded)) continue;
    found.add(part);
    found.add(decoded);
  }
  return [...found];
}

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

/** Replace every secret in a text (installer output, say) with ***. */
export function scrub(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const s of secrets) if (s.length >= 3) out = out.split(s).join(PLACEHOLDER);
  return out;
}

/** Every URL in a text (a requirements file, a message) with its credentials masked. */
export function redactText(text: string): string {
  return text.replace(/[A-Za-z][A-Za-z0-9+.-]*:\/\/[^\s"']+/g, (url) => redactUrl(url));
}
