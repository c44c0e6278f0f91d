/**
 * Index URLs may carry credentials (https://user:token@host/...). These helpers
 * are the only way a URL reaches a log, a summary or an output.
 */

const PLACEHOLDER = '***';

/** pip expands only ${NAME} with NAME of upper-case letters, digits and underscores. */
const PIP_VARIABLE = /^\$\{[A-Z0-9_]+\}$/;

/** Everything between "scheme://" and the last "@": the userinfo of a URL too odd to parse (a "/" in a token). */
const ODD_USERINFO = /^([a-z][a-z0-9+.-]*:\/\/)(.*)@/is;

/** The URL with any user/password replaced by ***; unparsable text has anything before its last '@' masked. */
export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.username === '' && u.password === '') return url;
    // Keep ${VAR} references readable: they are not secrets, the variable's value is.
    const keep = (s: string): string => (PIP_VARIABLE.test(safeDecode(s)) ? safeDecode(s) : PLACEHOLDER);
    const user = u.username ? keep(u.username) : '';
    const pass = u.password ? keep(u.password) : '';
    const auth = pass ? `${user}:${pass}` : user;
    return `${u.protocol}//${auth}@${u.host}${u.pathname}${u.search}${u.hash}`;
  } catch {
    return url.replace(ODD_USERINFO, `$1${PLACEHOLDER}@`);
  }
}

/**
 * The secret parts of a URL, decoded and as written, for core.setSecret: the
 * password, or the user name when it stands alone (https://TOKEN@host). A user
 * name beside a password is not masked: "bot" would turn every "bot" in the log to ***.
 */
export function secretsInUrl(url: string): string[] {
  let user: string;
  let password: string;
  try {
    const u = new URL(url);
    user = u.username;
    password = u.password;
  } catch {
    const m = ODD_USERINFO.exec(url);
    if (!m) return [];
    // Too odd to parse: mask the whole userinfo and each part of it.
    const at = m[2].indexOf(':');
    user = at < 0 ? m[2] : m[2].slice(0, at);
    password = at < 0 ? '' : m[2].slice(at + 1);
    return [...new Set([m[2], user, password].filter((s) => s.length > 0 && !PIP_VARIABLE.test(s)))];
  }
  const secret = password || user;
  if (!secret) return [];
  const decoded = safeDecode(secret);
  if (PIP_VARIABLE.test(decoded)) return [];
  return [...new Set([secret, decoded])];
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
