#!/usr/bin/env node
import { createRequire as __WEBPACK_EXTERNAL_createRequire } from "module";
/******/ var __webpack_modules__ = ({

/***/ 486:
/***/ ((module, __unused_webpack___webpack_exports__, __nccwpck_require__) => {

__nccwpck_require__.a(module, async (__webpack_handle_async_dependencies__, __webpack_async_result__) => { try {
/* harmony import */ var _main_js__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(660);
// Entry point of the CLI bundle (dist/cli/index.js), the package's "bin".

process.exitCode = await (0,_main_js__WEBPACK_IMPORTED_MODULE_0__/* .runCli */ .a)({
    argv: process.argv.slice(2),
    env: process.env,
    cwd: process.cwd(),
    stdout: (t) => process.stdout.write(t),
    stderr: (t) => process.stderr.write(t),
    isTty: process.stdout.isTTY === true,
    platform: process.platform,
    arch: process.arch,
});

__webpack_async_result__();
} catch(e) { __webpack_async_result__(e); } }, 1);

/***/ }),

/***/ 660:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {


// EXPORTS
__nccwpck_require__.d(__webpack_exports__, {
  a: () => (/* binding */ runCli)
});

;// CONCATENATED MODULE: external "node:util"
const external_node_util_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:util");
;// CONCATENATED MODULE: external "node:path"
const external_node_path_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:path");
// EXTERNAL MODULE: ./node_modules/@renovatebot/pep440/index.js
var pep440 = __nccwpck_require__(898);
;// CONCATENATED MODULE: ./src/setting-names.ts
/** The CLI spells requirements-path as --output; every other input keeps its name. */
function cliFlag(input) {
    return `--${input === 'requirements-path' ? 'output' : input}`;
}
const ACTION_NAMES = {
    name: (input) => `input ${input}`,
    set: (input, value) => `${input}: ${value}`,
};
const CLI_NAMES = {
    name: (input) => cliFlag(input),
    set: (input, value) => `${cliFlag(input)} ${value}`,
};

;// CONCATENATED MODULE: ./src/secrets.ts
/**
 * Credentials in URLs, by structure. Every part of a URL that can carry a
 * secret is masked: the userinfo (https://user:token@host), the query
 * (?token=...) and the fragment (#...). These helpers are the only way a URL
 * reaches a log, a summary, an output or the terminal; secretsInUrl gives the
 * same parts to core.setSecret and to scrub() before anything is printed.
 *
 * Everything here is linear in its input: a text is cut at whitespace once and
 * each URL is located by index scans, never by a backtracking regex.
 */
const PLACEHOLDER = '***';
/** pip expands only ${NAME} with NAME of upper-case letters, digits and underscores: such references are not secrets. */
const PIP_VARIABLE = /^\$\{[A-Z0-9_]+\}$/;
/** Fragment keys pip gives meaning to; their values (a project name, a hash) are not secrets and help the reader. */
const PIP_FRAGMENT_KEYS = new Set(['egg', 'subdirectory', 'md5', 'sha1', 'sha224', 'sha256', 'sha384', 'sha512']);
/** Schemes whose URLs the WHATWG parser treats as "special": `\` ends the host as `/` does. */
const SPECIAL = new Set(['http', 'https', 'ws', 'wss', 'ftp', 'file']);
/** A query or fragment value shorter than this is not masked alone (it would mask every "1" in the log); the whole query still is. */
const MIN_VALUE_SECRET = 3;
const SCHEME = /^([A-Za-z][A-Za-z0-9+.-]*):/;
function locate(url) {
    const scheme = SCHEME.exec(url);
    if (!scheme)
        return null;
    const special = SPECIAL.has(scheme[1].toLowerCase());
    let authority = scheme[0].length;
    if (special) {
        while (authority < url.length && (url[authority] === '/' || url[authority] === '\\'))
            authority++;
    }
    else if (url.startsWith('//', authority)) {
        authority += 2;
    }
    else {
        // mailto:, data:, urn:...: no authority; only a query or fragment can carry a secret.
        return { authority, at: -1, odd: false, ...queryAndFragment(url, authority) };
    }
    const ends = special ? '/?#\\' : '/?#';
    let hostEnd = authority;
    while (hostEnd < url.length && !ends.includes(url[hostEnd]))
        hostEnd++;
    let at = url.lastIndexOf('@', hostEnd - 1);
    if (at < authority)
        at = -1;
    let odd = false;
    if (at < 0 && url.indexOf('@', hostEnd) >= 0 && !parses(url)) {
        // https://bot:ab/cd@host: the URL parser cannot read it, and pip cannot either; what
        // stands before the last "@" is meant as credentials, so all of it is masked.
        at = url.lastIndexOf('@');
        odd = true;
        hostEnd = at + 1;
        while (hostEnd < url.length && !ends.includes(url[hostEnd]))
            hostEnd++;
    }
    return { authority, at, odd, ...queryAndFragment(url, hostEnd) };
}
function queryAndFragment(url, from) {
    const fragment = url.indexOf('#', from);
    const query = url.indexOf('?', from);
    return { fragment, query: query >= 0 && (fragment < 0 || query < fragment) ? query : -1 };
}
function parses(url) {
    try {
        new URL(url);
        return true;
    }
    catch {
        return false;
    }
}
function safeDecode(s) {
    try {
        return decodeURIComponent(s);
    }
    catch {
        return s;
    }
}
function safeEncode(s) {
    try {
        return encodeURIComponent(s);
    }
    catch {
        return s;
    }
}
function isReference(s) {
    return PIP_VARIABLE.test(safeDecode(s));
}
/** A value already masked, perhaps followed by the punctuation that closed a quote around it: left as it is, so masking twice changes nothing. */
function alreadyMasked(value) {
    return value.startsWith(PLACEHOLDER) && /^[\s"'`)\]}>,.;:]*$/.test(value.slice(PLACEHOLDER.length));
}
function maskValue(value) {
    if (value === '' || isReference(value) || alreadyMasked(value))
        return value;
    return PLACEHOLDER;
}
/** `a=1&token=x` -> `a=***&token=***`: names stay readable, every value is masked. */
function maskPairs(text, keep = new Set()) {
    return text
        .split('&')
        .map((pair) => {
        const eq = pair.indexOf('=');
        if (eq < 0)
            return maskValue(pair);
        const name = pair.slice(0, eq);
        return keep.has(name.toLowerCase()) ? pair : `${name}=${maskValue(pair.slice(eq + 1))}`;
    })
        .join('&');
}
function maskUserinfo(userinfo, odd) {
    if (odd)
        return PLACEHOLDER;
    const colon = userinfo.indexOf(':');
    const user = colon < 0 ? userinfo : userinfo.slice(0, colon);
    const shownUser = user === '' ? '' : maskValue(user);
    if (colon < 0)
        return shownUser;
    const password = userinfo.slice(colon + 1);
    return `${shownUser}:${password === '' ? '' : maskValue(password)}`;
}
/**
 * The URL with its userinfo, query values and fragment values replaced by ***,
 * everything else as written. ${VAR} references stay: the variable's value is
 * the secret, not its name.
 */
function redactUrl(url) {
    const parts = locate(url);
    if (!parts)
        return url;
    const { authority, at, odd, query, fragment } = parts;
    let out = url.slice(0, authority);
    let rest = authority;
    if (at >= 0) {
        out += `${maskUserinfo(url.slice(authority, at), odd)}@`;
        rest = at + 1;
    }
    const pathEnd = query >= 0 ? query : fragment >= 0 ? fragment : url.length;
    out += url.slice(rest, pathEnd);
    if (query >= 0)
        out += `?${maskPairs(url.slice(query + 1, fragment >= 0 ? fragment : url.length))}`;
    if (fragment >= 0)
        out += `#${maskPairs(url.slice(fragment + 1), PIP_FRAGMENT_KEYS)}`;
    return out;
}
/**
 * The secret parts of a URL, as written and decoded, for core.setSecret and
 * scrub(): the password (or the user name when it stands alone, https://TOKEN@host),
 * the whole userinfo of a URL too odd to parse, the query and fragment whole and
 * each of their values. A user name beside a password is not masked: "bot" would
 * turn every "bot" in the log to ***.
 */
function secretsInUrl(url) {
    const parts = locate(url);
    if (!parts)
        return [];
    const { authority, at, odd, query, fragment } = parts;
    const found = [];
    const add = (s, min = 1) => {
        if (s.length < min || isReference(s))
            return;
        // As written, decoded, and as torchcraft.txt and URL serialisers write it (quotes and spaces percent-encoded).
        const decoded = safeDecode(s);
        found.push(s, decoded, safeEncode(decoded), s.replace(/["'\\\s]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`));
    };
    if (at >= 0) {
        const userinfo = url.slice(authority, at);
        const colon = userinfo.indexOf(':');
        const user = colon < 0 ? userinfo : userinfo.slice(0, colon);
        const password = colon < 0 ? '' : userinfo.slice(colon + 1);
        // Too odd to parse: the whole userinfo, and what follows its first ":" (the user name alone would mask every "bot").
        if (odd)
            [userinfo, password].forEach((s) => add(s));
        else
            add(password || user);
    }
    const pairs = (text, keep) => {
        if (text === '')
            return;
        const values = text.split('&').flatMap((pair) => {
            const eq = pair.indexOf('=');
            if (eq < 0)
                return [pair];
            return keep.has(pair.slice(0, eq).toLowerCase()) ? [] : [pair.slice(eq + 1)];
        });
        const secret = values.filter((v) => v !== '' && !isReference(v));
        if (secret.length === 0)
            return;
        add(text, MIN_VALUE_SECRET);
        for (const v of secret)
            add(v, MIN_VALUE_SECRET);
    };
    if (query >= 0)
        pairs(url.slice(query + 1, fragment >= 0 ? fragment : url.length), new Set());
    if (fragment >= 0)
        pairs(url.slice(fragment + 1), PIP_FRAGMENT_KEYS);
    return [...new Set(found.filter((s) => s.length > 0))];
}
/** Replace every secret in a text (installer output, say) with ***. */
function scrub(text, secrets) {
    let out = text;
    for (const s of secrets)
        if (s.length >= MIN_VALUE_SECRET)
            out = out.split(s).join(PLACEHOLDER);
    return out;
}
const SCHEME_CHAR = /[A-Za-z0-9+.-]/;
const LETTER = /[A-Za-z]/;
const SPACE = /\s/;
const CLOSERS = { '"': '"', "'": "'", '`': '`', '(': ')', '<': '>', '[': ']', '{': '}' };
/**
 * Every URL in a text (a requirements file, a message) with its credentials
 * masked. A URL runs from its scheme to the next whitespace (quotes may belong
 * to a password), or, when a quote or bracket opens it, to the last matching
 * one in that word.
 */
function redactText(text) {
    let out = '';
    let copied = 0;
    // Scheme characters are walked back over at most once: never past the previous "://".
    let floor = 0;
    for (let sep = text.indexOf('://'); sep >= 0; sep = text.indexOf('://', sep + 3)) {
        if (sep < copied)
            continue;
        let start = sep;
        while (start > Math.max(copied, floor) && SCHEME_CHAR.test(text[start - 1]))
            start--;
        floor = sep + 3;
        while (start < sep && !LETTER.test(text[start]))
            start++;
        if (start === sep)
            continue;
        let end = sep + 3;
        while (end < text.length && !SPACE.test(text[end]))
            end++;
        // "https://...": a URL set in quotes or brackets ends at the last closing one in its word,
        // so what follows it stays; a quote inside a password is still inside the URL.
        const closer = CLOSERS[text[start - 1]];
        if (closer !== undefined) {
            const close = text.lastIndexOf(closer, end - 1);
            if (close > sep)
                end = close;
        }
        out += text.slice(copied, start) + redactUrl(text.slice(start, end));
        copied = end;
    }
    return out + text.slice(copied);
}

;// CONCATENATED MODULE: ./src/sinks/limits.ts
/**
 * Bounds on what outside input can make torchcraft print: a value in a message
 * is shortened, a list (GPUs, notes, warnings) is cut with a line saying how
 * many were left out. Each sink applies them where text leaves the program.
 */
/** Longest value an error message quotes whole. */
const MAX_QUOTED = 200;
/**
 * The text, or its start and a count when it is longer than `max` characters:
 * "aaaa… (102400 characters)". Never cuts a surrogate pair in half.
 */
function shorten(text, max = MAX_QUOTED) {
    if (text.length <= max)
        return text;
    const keep = Math.max(1, max - 24);
    let cut = text.slice(0, keep);
    if (/[\ud800-\udbff]$/.test(cut))
        cut = cut.slice(0, -1);
    return `${cut}… (${text.length} characters)`;
}
/** Items beyond `max` left out, with one more item saying how many. */
function capItems(items, max, more) {
    return items.length <= max ? [...items] : [...items.slice(0, max), more(items.length - max)];
}
/** "and 6330 more" for a list cut by capItems. */
function andMore(n, what) {
    return `… and ${n} more ${what}`;
}

;// CONCATENATED MODULE: ./src/errors.ts



/** Longest problem sentence kept whole; longer ones quote outside text that slipped through. */
const MAX_PROBLEM = 2000;
/**
 * A value the user gave that torchcraft cannot use. It names the input (by its
 * action name: `torch-version`), the value, and what is allowed, so the action
 * and the CLI can each print it in their own words (`--torch-version` for the CLI).
 * Thrown before anything is written.
 *
 * The one place values enter error messages: the value is stored with any URL
 * credentials masked and shortened (a 100 KB input is quoted by its start and
 * its length), so no caller has to remember either.
 */
class InputError extends Error {
    input;
    /** The offending value as shown: credentials masked, shortened. */
    value;
    /** What is wrong and what is allowed, a sentence (credentials masked, bounded). */
    problem;
    constructor(
    /** The action input's name, e.g. "torch-version". */
    input, value, problem) {
        const shownValue = shorten(redactText(value));
        const shownProblem = shorten(redactText(problem), MAX_PROBLEM);
        super(`Invalid ${input} ${JSON.stringify(shownValue)}: ${shownProblem}`);
        this.input = input;
        this.value = shownValue;
        this.problem = shownProblem;
        this.name = 'InputError';
    }
    /** The same message, naming the input the way the CLI spells it. */
    forCli() {
        return `Invalid ${cliFlag(this.input)} ${JSON.stringify(this.value)}: ${this.problem}`;
    }
}

;// CONCATENATED MODULE: ./src/index-url.ts
/**
 * Index URLs: checking the index-base-url input, and composing the URL of one
 * index (`<base>/cu126`, `<base>/nightly/cpu`) from it with the URL class, so
 * the parts stay what they are: a query stays a query
 * (`https://mirror/whl/cpu?token=...`, never `https://mirror/whl?token=.../cpu`).
 *
 * pip expands `${NAME}` references in requirement files; the URL class would
 * percent-encode their braces, so they are replaced by stand-ins before parsing
 * and put back after.
 */

const INPUT = 'index-base-url';
const ALLOWED = 'allowed: an absolute http://, https:// or file:// URL such as https://download.pytorch.org/whl';
const REFERENCE = /\$\{([A-Z0-9_]+)\}/g;
/** What pip or a shell would cut the URL at, or a terminal act on. */
const FORBIDDEN = /[\s\u0000-\u001f\u007f-\u009f\u2028\u2029\\]/;
function describeChar(c) {
    const code = `U+${c.codePointAt(0).toString(16).toUpperCase().padStart(4, '0')}`;
    if (c === ' ')
        return 'a space';
    if (c === '\\')
        return 'a backslash';
    if (/\s/.test(c))
        return `whitespace (${code})`;
    return `a control character (${code})`;
}
/**
 * The base URL as given, trailing slashes removed, or an InputError saying what
 * is wrong with it: the scheme, the host, the port, a "/" in the password.
 */
function parseIndexBaseUrl(value) {
    const url = value.replace(/\/+$/, '');
    const fail = (problem) => {
        throw new InputError(INPUT, url, problem);
    };
    const bad = FORBIDDEN.exec(url);
    if (bad) {
        fail(`it contains ${describeChar(bad[0])} at character ${bad.index + 1}; a URL cannot hold spaces, control characters or backslashes: percent-encode them (a space is %20).`);
    }
    const scheme = /^([A-Za-z][A-Za-z0-9+.-]*):/.exec(url);
    if (!scheme)
        fail(`it is not an absolute URL (it has no scheme such as https://); ${ALLOWED}.`);
    const protocol = scheme[1].toLowerCase();
    if (!['http', 'https', 'file'].includes(protocol))
        fail(`the scheme ${JSON.stringify(`${scheme[1]}:`)} is not supported; ${ALLOWED}.`);
    const afterScheme = url.slice(scheme[0].length);
    if (!afterScheme.startsWith('//'))
        fail(`"${scheme[1]}:" must be followed by "//" and ${protocol === 'file' ? 'a path (file:///srv/mirror/whl)' : 'a host'}; ${ALLOWED}.`);
    const reference = /\$\{([^}]*)\}/.exec(url);
    if (reference && !/^[A-Z0-9_]+$/.test(reference[1])) {
        fail(`pip expands only \${UPPER_CASE} variable references (letters A-Z, digits, underscores), not \${${reference[1]}}.`);
    }
    if (protocol !== 'file')
        checkAuthority(afterScheme.slice(2), fail);
    try {
        new URL(withStandIns(url).text);
    }
    catch {
        fail(`it is not a valid URL; ${ALLOWED}.`);
    }
    return url;
}
/** Host, port and credentials of an http(s) URL, named when wrong. */
function checkAuthority(rest, fail) {
    const end = rest.search(/[/?#]/);
    const authority = end < 0 ? rest : rest.slice(0, end);
    const laterAt = end < 0 ? -1 : rest.indexOf('@', end);
    if (!authority.includes('@') && laterAt >= 0) {
        // https://bot:ab/cd@host: the "/" (or "?", "#") in the password ends the host part.
        const ender = rest[end];
        const userinfo = rest.slice(0, laterAt);
        if (/^[^/?#]*:/.test(userinfo)) {
            const name = ender === '/' ? 'a "/"' : ender === '?' ? 'a "?"' : 'a "#"';
            const encoded = ender === '/' ? '%2F' : ender === '?' ? '%3F' : '%23';
            fail(`the user name or password holds ${name}, which ends the host part of a URL: write it as ${encoded} (percent-encoded).`);
        }
    }
    const hostPort = authority.slice(authority.lastIndexOf('@') + 1);
    if (hostPort === '')
        fail(`it has no host (the part after "//"); ${ALLOWED}.`);
    const portAt = hostPort.startsWith('[') ? hostPort.indexOf(']:') + 1 : hostPort.lastIndexOf(':');
    const host = portAt > 0 ? hostPort.slice(0, portAt) : hostPort;
    if (host === '')
        fail(`it has no host before the port; ${ALLOWED}.`);
    if (portAt > 0) {
        const port = hostPort.slice(portAt + 1);
        if (port !== '' && !/^\d+$/.test(port)) {
            fail(`the port ${JSON.stringify(port)} is not a number; a port is a number from 1 to 65535 (https://mirror.example:8443/whl).`);
        }
        if (/^\d+$/.test(port) && (Number(port) < 1 || Number(port) > 65535)) {
            fail(`the port ${port} is out of range; a port is a number from 1 to 65535.`);
        }
    }
    if (host.startsWith('[') && !host.endsWith(']'))
        fail(`the host ${JSON.stringify(host)} opens "[" (an IPv6 address) without closing it.`);
}
/** `${NAME}` references replaced by stand-ins the URL class leaves alone (lower case, in every part). */
function withStandIns(url) {
    const refs = [];
    let nonce = 0;
    while (url.toLowerCase().includes(`tcref${nonce}z`))
        nonce++;
    const text = url.replace(REFERENCE, (whole) => {
        refs.push(whole);
        return `tcref${nonce}z${refs.length - 1}q`;
    });
    const restore = (s) => s.replace(new RegExp(`tcref${nonce}z(\\d+)q`, 'g'), (_m, i) => refs[Number(i)]);
    return { text, restore };
}
/**
 * The URL of an index under the base: its path extended by the segments, its
 * query and fragment kept where they were, ${VAR} references as written.
 */
function joinIndexUrl(base, ...segments) {
    const { text, restore } = withStandIns(base);
    const url = new URL(text);
    url.pathname = `${url.pathname.replace(/\/+$/, '')}/${segments.map(encodeURIComponent).join('/')}`;
    return restore(url.href);
}

;// CONCATENATED MODULE: ./src/options.ts
/**
 * Every setting torchcraft takes, once: its action input name, its default and
 * how a raw string becomes a typed value. The action reads raw strings from
 * INPUT_* variables and the CLI from flags (--torch-version for input
 * torch-version); both hand them to parseOptions, so validation and messages
 * are the same everywhere. action.yml must list exactly these inputs with these
 * defaults (a test holds the two together).
 */



const DEFAULT_INDEX_BASE_URL = 'https://download.pytorch.org/whl';
const COMPANIONS = ['torchvision', 'torchaudio'];
/** The inputs, in the order action.yml and the README list them. */
const INPUTS = [
    { name: 'backend', default: 'auto', description: 'Which build: auto (detect), or a variant as PyTorch publishes it: cpu, cu126, cu130, rocm7.2, xpu, mps.' },
    { name: 'torch-version', default: '', description: 'torch release to plan within: empty (newest that works), 2.5 (the 2.5 line), 2.5.1 (exact), or a PEP 440 specifier such as >=2.4,<2.6.' },
    { name: 'python-version', default: '', description: 'Python that will install, e.g. 3.12. Empty: asked of the `python` input interpreter (or python/python3 on PATH).' },
    { name: 'packages', default: 'torch torchvision torchaudio', description: 'Packages to write, separated by spaces, commas or newlines: torch and any of torchvision, torchaudio. A companion with no release for the chosen torch is left out.' },
    { name: 'requirements-path', default: 'torchcraft.txt', description: 'Where to write the requirements file, relative to the working directory.' },
    { name: 'index-base-url', default: DEFAULT_INDEX_BASE_URL, description: 'Base of the per-variant PEP 503 indexes (<base>/cpu, <base>/cu126 ...): an internal mirror, http(s):// or file://. Credentials may be given as https://user:${TOKEN}@host/... so pip expands them from the environment.' },
    { name: 'machine', default: '', description: 'Plan for this machine instead of detecting: a path to a machine description JSON file (as `torchcraft detect` prints), or the JSON itself.' },
    { name: 'probe-timeout', default: '10', description: 'Seconds detection may take in all; a hung nvidia-smi is killed after it.' },
    { name: 'requirements', default: '', description: "The project's own requirement files and pyproject.toml, one per line: their PyTorch pins (torch, torchvision, xformers...) constrain the plan." },
    { name: 'extras', default: '', description: 'Optional-dependency groups of pyproject.toml to honour, separated by spaces or commas. Empty: all of them.' },
    { name: 'install', default: 'false', description: 'Install torchcraft.txt after writing it.' },
    { name: 'python', default: '', description: 'Interpreter to install into. Empty: `python` on PATH (as actions/setup-python leaves it), else `python3`.' },
    { name: 'installer', default: 'auto', description: 'auto (uv when on PATH, else pip), pip or uv.' },
    { name: 'retries', default: '3', description: 'How many times a failed install is retried, with growing waits, when the failure is worth retrying (network, HTTP 5xx, a cut-off download).' },
    { name: 'require-gpu', default: 'false', description: 'Fail when no usable GPU was found, or when the installed torch runs a small operation on none of the GPUs the plan serves.' },
    { name: 'verify', default: 'true', description: 'After installing, import torch, check that it is the planned build, and run a small operation on every GPU of the planned backend (a build without kernels for a GPU is named, with the fix).' },
    { name: 'channel', default: 'stable', description: 'stable, test (release candidates) or nightly: the /whl/test/<variant> and /whl/nightly/<variant> indexes, pre-releases allowed.' },
    { name: 'cache', default: 'auto', description: "With install: restore the installer's download cache (pip's or uv's) before installing and save it after a successful install that missed. auto: on for GitHub-hosted runners, off for self-hosted; true; false.", actionOnly: true },
    { name: 'export-constraints', default: 'true', description: "With install: write a constraints file of the installed torch family's exact versions and export PIP_CONSTRAINT and UV_CONSTRAINT, so the job's later installs keep this build or fail loudly.", actionOnly: true },
];
const BACKEND = /^(auto|cpu|mps|xpu|cu\d{3}|rocm\d+\.\d+(\.\d+)?)$/;
const PYTHON = /^3\.\d{1,2}$/;
const ALLOWED_PACKAGES = ['torch', ...COMPANIONS];
function raw(options, name) {
    const spec = INPUTS.find((i) => i.name === name);
    const value = (options[name] ?? '').trim();
    return value === '' ? spec.default : value;
}
function listOf(text) {
    return text
        .split(/[\s,]+/)
        .map((s) => s.trim())
        .filter((s) => s.length > 0);
}
/** YAML 1.2 core-schema booleans, as @actions/core's getBooleanInput accepts them. */
function parseBoolean(name, value) {
    if (['true', 'True', 'TRUE'].includes(value))
        return true;
    if (['false', 'False', 'FALSE'].includes(value))
        return false;
    throw new InputError(name, value, 'allowed: true or false.');
}
function parseIntegerIn(name, value, min, max) {
    if (!/^\d+$/.test(value) || Number(value) < min || Number(value) > max) {
        throw new InputError(name, value, `allowed: a whole number from ${min} to ${max}.`);
    }
    return Number(value);
}
function oneOf(name, value, allowed) {
    if (!allowed.includes(value))
        throw new InputError(name, value, `allowed: ${allowed.join(', ')}.`);
    return value;
}
/** "2.5", "2.5.1" or any PEP 440 specifier; the policy decides whether a release matches. */
function parseTorchVersion(value) {
    if (value === '')
        return '';
    if ((0,pep440.valid)(value) !== null || (0,pep440.validRange)(value) || /^\d+\.\d+\.\*$/.test(value))
        return value;
    throw new InputError('torch-version', value, 'allowed: empty, a version such as 2.5 or 2.5.1, or a PEP 440 specifier such as >=2.4,<2.6.');
}
function parsePackages(value) {
    const names = listOf(value).map((n) => n.toLowerCase());
    for (const n of names) {
        if (!ALLOWED_PACKAGES.includes(n))
            throw new InputError('packages', value, `unknown package ${JSON.stringify(n)}; allowed: ${ALLOWED_PACKAGES.join(', ')}.`);
    }
    if (!names.includes('torch'))
        throw new InputError('packages', value, 'must include torch (and any of torchvision, torchaudio).');
    // torch first, then the companions in the order given, each once.
    return ['torch', ...new Set(names.filter((n) => n !== 'torch'))];
}
/** auto, or a YAML boolean as getBooleanInput reads one. */
function parseCache(value) {
    if (value === 'auto')
        return 'auto';
    try {
        return String(parseBoolean('cache', value));
    }
    catch {
        throw new InputError('cache', value, 'allowed: auto (on for GitHub-hosted runners, off for self-hosted), true or false.');
    }
}
/** Validate every setting at once, before anything is probed or written. */
function parseOptions(options) {
    const backend = raw(options, 'backend').toLowerCase();
    if (!BACKEND.test(backend)) {
        throw new InputError('backend', raw(options, 'backend'), 'allowed: auto, cpu, mps, xpu, cuNNN (cu126, cu130 ...) or rocmX.Y (rocm6.4, rocm7.2 ...).');
    }
    const pythonVersion = raw(options, 'python-version');
    if (pythonVersion !== '' && !PYTHON.test(pythonVersion)) {
        throw new InputError('python-version', pythonVersion, 'allowed: empty (ask the interpreter) or a version such as 3.12.');
    }
    const requirementsPath = raw(options, 'requirements-path');
    if (requirementsPath.includes('\0'))
        throw new InputError('requirements-path', requirementsPath, 'a path may not contain NUL.');
    // A control character would end a log line or an output; no real file name holds one.
    if (/[\u0001-\u001f\u007f-\u009f\u2028\u2029]/.test(requirementsPath)) {
        throw new InputError('requirements-path', requirementsPath, 'a path may not contain control characters (a line break, a tab, an escape); allowed: a file path such as torchcraft.txt.');
    }
    if (/[\\/]$/.test(requirementsPath))
        throw new InputError('requirements-path', requirementsPath, 'names a folder; allowed: a file path such as torchcraft.txt or ci/torch.txt.');
    const extras = listOf(raw(options, 'extras'));
    const requirements = raw(options, 'requirements')
        .split(/\r?\n/)
        .map((s) => s.trim())
        .filter((s) => s.length > 0);
    // Silently ignoring groups the user named would plan without the pins they meant.
    if (extras.length > 0 && requirements.length === 0) {
        throw new InputError('extras', raw(options, 'extras'), 'picks groups of a pyproject.toml given in requirements, and requirements is empty: add the pyproject.toml to requirements.');
    }
    return {
        backend,
        torchVersion: parseTorchVersion(raw(options, 'torch-version')),
        pythonVersion: pythonVersion === '' ? undefined : pythonVersion,
        packages: parsePackages(raw(options, 'packages')),
        requirementsPath,
        indexBaseUrl: parseIndexBaseUrl(raw(options, 'index-base-url')),
        machine: raw(options, 'machine') || undefined,
        probeTimeoutMs: parseIntegerIn('probe-timeout', raw(options, 'probe-timeout'), 1, 600) * 1000,
        requirements,
        extras: extras.length === 0 ? 'all' : extras,
        install: parseBoolean('install', raw(options, 'install')),
        python: raw(options, 'python') || undefined,
        installer: oneOf('installer', raw(options, 'installer'), ['auto', 'pip', 'uv']),
        retries: parseIntegerIn('retries', raw(options, 'retries'), 0, 10),
        requireGpu: parseBoolean('require-gpu', raw(options, 'require-gpu')),
        verify: parseBoolean('verify', raw(options, 'verify')),
        channel: oneOf('channel', raw(options, 'channel'), ['stable', 'test', 'nightly']),
        cache: parseCache(raw(options, 'cache')),
        exportConstraints: parseBoolean('export-constraints', raw(options, 'export-constraints')),
    };
}

;// CONCATENATED MODULE: external "node:fs/promises"
const promises_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:fs/promises");
;// CONCATENATED MODULE: external "assert"
const external_assert_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("assert");
;// CONCATENATED MODULE: external "path"
const external_path_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("path");
;// CONCATENATED MODULE: external "fs"
const external_fs_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("fs");
;// CONCATENATED MODULE: ./node_modules/@actions/io/lib/io-util.js
var __awaiter = (undefined && undefined.__awaiter) || function (thisArg, _arguments, P, generator) {
    function adopt(value) { return value instanceof P ? value : new P(function (resolve) { resolve(value); }); }
    return new (P || (P = Promise))(function (resolve, reject) {
        function fulfilled(value) { try { step(generator.next(value)); } catch (e) { reject(e); } }
        function rejected(value) { try { step(generator["throw"](value)); } catch (e) { reject(e); } }
        function step(result) { result.done ? resolve(result.value) : adopt(result.value).then(fulfilled, rejected); }
        step((generator = generator.apply(thisArg, _arguments || [])).next());
    });
};


const { chmod, copyFile, lstat, mkdir, open: io_util_open, readdir, rename, rm, rmdir, stat, symlink, unlink } = external_fs_namespaceObject.promises;
// export const {open} = 'fs'
const IS_WINDOWS = process.platform === 'win32';
/**
 * Custom implementation of readlink to ensure Windows junctions
 * maintain trailing backslash for backward compatibility with Node.js < 24
 *
 * In Node.js 20, Windows junctions (directory symlinks) always returned paths
 * with trailing backslashes. Node.js 24 removed this behavior, which breaks
 * code that relied on this format for path operations.
 *
 * This implementation restores the Node 20 behavior by adding a trailing
 * backslash to all junction results on Windows.
 */
function readlink(fsPath) {
    return __awaiter(this, void 0, void 0, function* () {
        const result = yield fs.promises.readlink(fsPath);
        // On Windows, restore Node 20 behavior: add trailing backslash to all results
        // since junctions on Windows are always directory links
        if (IS_WINDOWS && !result.endsWith('\\')) {
            return `${result}\\`;
        }
        return result;
    });
}
// See https://github.com/nodejs/node/blob/d0153aee367422d0858105abec186da4dff0a0c5/deps/uv/include/uv/win.h#L691
const UV_FS_O_EXLOCK = 0x10000000;
const READONLY = external_fs_namespaceObject.constants.O_RDONLY;
function exists(fsPath) {
    return __awaiter(this, void 0, void 0, function* () {
        try {
            yield stat(fsPath);
        }
        catch (err) {
            if (err.code === 'ENOENT') {
                return false;
            }
            throw err;
        }
        return true;
    });
}
function isDirectory(fsPath_1) {
    return __awaiter(this, arguments, void 0, function* (fsPath, useStat = false) {
        const stats = useStat ? yield stat(fsPath) : yield lstat(fsPath);
        return stats.isDirectory();
    });
}
/**
 * On OSX/Linux, true if path starts with '/'. On Windows, true for paths like:
 * \, \hello, \\hello\share, C:, and C:\hello (and corresponding alternate separator cases).
 */
function isRooted(p) {
    p = normalizeSeparators(p);
    if (!p) {
        throw new Error('isRooted() parameter "p" cannot be empty');
    }
    if (IS_WINDOWS) {
        return (p.startsWith('\\') || /^[A-Z]:/i.test(p) // e.g. \ or \hello or \\hello
        ); // e.g. C: or C:\hello
    }
    return p.startsWith('/');
}
/**
 * Best effort attempt to determine whether a file exists and is executable.
 * @param filePath    file path to check
 * @param extensions  additional file extensions to try
 * @return if file exists and is executable, returns the file path. otherwise empty string.
 */
function tryGetExecutablePath(filePath, extensions) {
    return __awaiter(this, void 0, void 0, function* () {
        let stats = undefined;
        try {
            // test file exists
            stats = yield stat(filePath);
        }
        catch (err) {
            if (err.code !== 'ENOENT') {
                // eslint-disable-next-line no-console
                console.log(`Unexpected error attempting to determine if executable file exists '${filePath}': ${err}`);
            }
        }
        if (stats && stats.isFile()) {
            if (IS_WINDOWS) {
                // on Windows, test for valid extension
                const upperExt = external_path_namespaceObject.extname(filePath).toUpperCase();
                if (extensions.some(validExt => validExt.toUpperCase() === upperExt)) {
                    return filePath;
                }
            }
            else {
                if (isUnixExecutable(stats)) {
                    return filePath;
                }
            }
        }
        // try each extension
        const originalFilePath = filePath;
        for (const extension of extensions) {
            filePath = originalFilePath + extension;
            stats = undefined;
            try {
                stats = yield stat(filePath);
            }
            catch (err) {
                if (err.code !== 'ENOENT') {
                    // eslint-disable-next-line no-console
                    console.log(`Unexpected error attempting to determine if executable file exists '${filePath}': ${err}`);
                }
            }
            if (stats && stats.isFile()) {
                if (IS_WINDOWS) {
                    // preserve the case of the actual file (since an extension was appended)
                    try {
                        const directory = external_path_namespaceObject.dirname(filePath);
                        const upperName = external_path_namespaceObject.basename(filePath).toUpperCase();
                        for (const actualName of yield readdir(directory)) {
                            if (upperName === actualName.toUpperCase()) {
                                filePath = external_path_namespaceObject.join(directory, actualName);
                                break;
                            }
                        }
                    }
                    catch (err) {
                        // eslint-disable-next-line no-console
                        console.log(`Unexpected error attempting to determine the actual case of the file '${filePath}': ${err}`);
                    }
                    return filePath;
                }
                else {
                    if (isUnixExecutable(stats)) {
                        return filePath;
                    }
                }
            }
        }
        return '';
    });
}
function normalizeSeparators(p) {
    p = p || '';
    if (IS_WINDOWS) {
        // convert slashes on Windows
        p = p.replace(/\//g, '\\');
        // remove redundant slashes
        return p.replace(/\\\\+/g, '\\');
    }
    // remove redundant slashes
    return p.replace(/\/\/+/g, '/');
}
// on Mac/Linux, test the execute bit
//     R   W  X  R  W X R W X
//   256 128 64 32 16 8 4 2 1
function isUnixExecutable(stats) {
    return ((stats.mode & 1) > 0 ||
        ((stats.mode & 8) > 0 &&
            process.getgid !== undefined &&
            stats.gid === process.getgid()) ||
        ((stats.mode & 64) > 0 &&
            process.getuid !== undefined &&
            stats.uid === process.getuid()));
}
// Get the path of cmd.exe in windows
function getCmdPath() {
    var _a;
    return (_a = process.env['COMSPEC']) !== null && _a !== void 0 ? _a : `cmd.exe`;
}
//# sourceMappingURL=io-util.js.map
;// CONCATENATED MODULE: ./node_modules/@actions/io/lib/io.js
var io_awaiter = (undefined && undefined.__awaiter) || function (thisArg, _arguments, P, generator) {
    function adopt(value) { return value instanceof P ? value : new P(function (resolve) { resolve(value); }); }
    return new (P || (P = Promise))(function (resolve, reject) {
        function fulfilled(value) { try { step(generator.next(value)); } catch (e) { reject(e); } }
        function rejected(value) { try { step(generator["throw"](value)); } catch (e) { reject(e); } }
        function step(result) { result.done ? resolve(result.value) : adopt(result.value).then(fulfilled, rejected); }
        step((generator = generator.apply(thisArg, _arguments || [])).next());
    });
};



/**
 * Copies a file or folder.
 * Based off of shelljs - https://github.com/shelljs/shelljs/blob/9237f66c52e5daa40458f94f9565e18e8132f5a6/src/cp.js
 *
 * @param     source    source path
 * @param     dest      destination path
 * @param     options   optional. See CopyOptions.
 */
function cp(source_1, dest_1) {
    return io_awaiter(this, arguments, void 0, function* (source, dest, options = {}) {
        const { force, recursive, copySourceDirectory } = readCopyOptions(options);
        const destStat = (yield ioUtil.exists(dest)) ? yield ioUtil.stat(dest) : null;
        // Dest is an existing file, but not forcing
        if (destStat && destStat.isFile() && !force) {
            return;
        }
        // If dest is an existing directory, should copy inside.
        const newDest = destStat && destStat.isDirectory() && copySourceDirectory
            ? path.join(dest, path.basename(source))
            : dest;
        if (!(yield ioUtil.exists(source))) {
            throw new Error(`no such file or directory: ${source}`);
        }
        const sourceStat = yield ioUtil.stat(source);
        if (sourceStat.isDirectory()) {
            if (!recursive) {
                throw new Error(`Failed to copy. ${source} is a directory, but tried to copy without recursive flag.`);
            }
            else {
                yield cpDirRecursive(source, newDest, 0, force);
            }
        }
        else {
            if (path.relative(source, newDest) === '') {
                // a file cannot be copied to itself
                throw new Error(`'${newDest}' and '${source}' are the same file`);
            }
            yield io_copyFile(source, newDest, force);
        }
    });
}
/**
 * Moves a path.
 *
 * @param     source    source path
 * @param     dest      destination path
 * @param     options   optional. See MoveOptions.
 */
function mv(source_1, dest_1) {
    return io_awaiter(this, arguments, void 0, function* (source, dest, options = {}) {
        if (yield ioUtil.exists(dest)) {
            let destExists = true;
            if (yield ioUtil.isDirectory(dest)) {
                // If dest is directory copy src into dest
                dest = path.join(dest, path.basename(source));
                destExists = yield ioUtil.exists(dest);
            }
            if (destExists) {
                if (options.force == null || options.force) {
                    yield rmRF(dest);
                }
                else {
                    throw new Error('Destination already exists');
                }
            }
        }
        yield mkdirP(path.dirname(dest));
        yield ioUtil.rename(source, dest);
    });
}
/**
 * Remove a path recursively with force
 *
 * @param inputPath path to remove
 */
function rmRF(inputPath) {
    return io_awaiter(this, void 0, void 0, function* () {
        if (ioUtil.IS_WINDOWS) {
            // Check for invalid characters
            // https://docs.microsoft.com/en-us/windows/win32/fileio/naming-a-file
            if (/[*"<>|]/.test(inputPath)) {
                throw new Error('File path must not contain `*`, `"`, `<`, `>` or `|` on Windows');
            }
        }
        try {
            // note if path does not exist, error is silent
            yield ioUtil.rm(inputPath, {
                force: true,
                maxRetries: 3,
                recursive: true,
                retryDelay: 300
            });
        }
        catch (err) {
            throw new Error(`File was unable to be removed ${err}`);
        }
    });
}
/**
 * Make a directory.  Creates the full path with folders in between
 * Will throw if it fails
 *
 * @param   fsPath        path to create
 * @returns Promise<void>
 */
function mkdirP(fsPath) {
    return io_awaiter(this, void 0, void 0, function* () {
        ok(fsPath, 'a path argument must be provided');
        yield ioUtil.mkdir(fsPath, { recursive: true });
    });
}
/**
 * Returns path of a tool had the tool actually been invoked.  Resolves via paths.
 * If you check and the tool does not exist, it will throw.
 *
 * @param     tool              name of the tool
 * @param     check             whether to check if tool exists
 * @returns   Promise<string>   path to tool
 */
function which(tool, check) {
    return io_awaiter(this, void 0, void 0, function* () {
        if (!tool) {
            throw new Error("parameter 'tool' is required");
        }
        // recursive when check=true
        if (check) {
            const result = yield which(tool, false);
            if (!result) {
                if (IS_WINDOWS) {
                    throw new Error(`Unable to locate executable file: ${tool}. Please verify either the file path exists or the file can be found within a directory specified by the PATH environment variable. Also verify the file has a valid extension for an executable file.`);
                }
                else {
                    throw new Error(`Unable to locate executable file: ${tool}. Please verify either the file path exists or the file can be found within a directory specified by the PATH environment variable. Also check the file mode to verify the file is executable.`);
                }
            }
            return result;
        }
        const matches = yield findInPath(tool);
        if (matches && matches.length > 0) {
            return matches[0];
        }
        return '';
    });
}
/**
 * Returns a list of all occurrences of the given tool on the system path.
 *
 * @returns   Promise<string[]>  the paths of the tool
 */
function findInPath(tool) {
    return io_awaiter(this, void 0, void 0, function* () {
        if (!tool) {
            throw new Error("parameter 'tool' is required");
        }
        // build the list of extensions to try
        const extensions = [];
        if (IS_WINDOWS && process.env['PATHEXT']) {
            for (const extension of process.env['PATHEXT'].split(external_path_namespaceObject.delimiter)) {
                if (extension) {
                    extensions.push(extension);
                }
            }
        }
        // if it's rooted, return it if exists. otherwise return empty.
        if (isRooted(tool)) {
            const filePath = yield tryGetExecutablePath(tool, extensions);
            if (filePath) {
                return [filePath];
            }
            return [];
        }
        // if any path separators, return empty
        if (tool.includes(external_path_namespaceObject.sep)) {
            return [];
        }
        // build the list of directories
        //
        // Note, technically "where" checks the current directory on Windows. From a toolkit perspective,
        // it feels like we should not do this. Checking the current directory seems like more of a use
        // case of a shell, and the which() function exposed by the toolkit should strive for consistency
        // across platforms.
        const directories = [];
        if (process.env.PATH) {
            for (const p of process.env.PATH.split(external_path_namespaceObject.delimiter)) {
                if (p) {
                    directories.push(p);
                }
            }
        }
        // find all matches
        const matches = [];
        for (const directory of directories) {
            const filePath = yield tryGetExecutablePath(external_path_namespaceObject.join(directory, tool), extensions);
            if (filePath) {
                matches.push(filePath);
            }
        }
        return matches;
    });
}
function readCopyOptions(options) {
    const force = options.force == null ? true : options.force;
    const recursive = Boolean(options.recursive);
    const copySourceDirectory = options.copySourceDirectory == null
        ? true
        : Boolean(options.copySourceDirectory);
    return { force, recursive, copySourceDirectory };
}
function cpDirRecursive(sourceDir, destDir, currentDepth, force) {
    return io_awaiter(this, void 0, void 0, function* () {
        // Ensure there is not a run away recursive copy
        if (currentDepth >= 255)
            return;
        currentDepth++;
        yield mkdirP(destDir);
        const files = yield ioUtil.readdir(sourceDir);
        for (const fileName of files) {
            const srcFile = `${sourceDir}/${fileName}`;
            const destFile = `${destDir}/${fileName}`;
            const srcFileStat = yield ioUtil.lstat(srcFile);
            if (srcFileStat.isDirectory()) {
                // Recurse
                yield cpDirRecursive(srcFile, destFile, currentDepth, force);
            }
            else {
                yield io_copyFile(srcFile, destFile, force);
            }
        }
        // Change the mode for the newly created directory
        yield ioUtil.chmod(destDir, (yield ioUtil.stat(sourceDir)).mode);
    });
}
// Buffered file copy
function io_copyFile(srcFile, destFile, force) {
    return io_awaiter(this, void 0, void 0, function* () {
        if ((yield ioUtil.lstat(srcFile)).isSymbolicLink()) {
            // unlink/re-link it
            try {
                yield ioUtil.lstat(destFile);
                yield ioUtil.unlink(destFile);
            }
            catch (e) {
                // Try to override file permission
                if (e.code === 'EPERM') {
                    yield ioUtil.chmod(destFile, '0666');
                    yield ioUtil.unlink(destFile);
                }
                // other errors = it doesn't exist, no work to do
            }
            // Copy over symlink
            const symlinkFull = yield ioUtil.readlink(srcFile);
            yield ioUtil.symlink(symlinkFull, destFile, ioUtil.IS_WINDOWS ? 'junction' : null);
        }
        else if (!(yield ioUtil.exists(destFile)) || force) {
            yield ioUtil.copyFile(srcFile, destFile);
        }
    });
}
//# sourceMappingURL=io.js.map
;// CONCATENATED MODULE: ./src/machine.ts
const OSES = ['linux', 'windows', 'macos'];
const ARCHES = ['x86_64', 'aarch64'];
const VENDORS = ['nvidia', 'amd', 'intel', 'apple'];

;// CONCATENATED MODULE: external "node:child_process"
const external_node_child_process_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:child_process");
;// CONCATENATED MODULE: ./src/process/run-tool.ts
/**
 * The one place torchcraft starts external programs. Every call passes an
 * argument array (never a shell string), runs under a timeout, and comes back
 * as a captured result: this function never throws and never hangs. A missing
 * program, a non-zero exit, a hang or a flood of output are all just results
 * for the caller to turn into a note and a fallback.
 */

const DEFAULT_MAX_OUTPUT = 1024 * 1024;
/** After a timeout, how long to wait for the process to go before giving up on it. */
const KILL_GRACE_MS = 1000;
/** After the program exits, how long its pipes may take to deliver what is left in them. */
const EXIT_DRAIN_MS = 250;
let started = 0;
/** How many programs this process has started: the benchmark reports it. */
function toolsStarted() {
    return started;
}
function runTool(command, args, options) {
    const begin = Date.now();
    const maxBytes = options.maxOutputBytes ?? DEFAULT_MAX_OUTPUT;
    return new Promise((resolve) => {
        const out = [];
        const err = [];
        let outBytes = 0;
        let errBytes = 0;
        let truncated = false;
        let timedOut = false;
        let settled = false;
        let timer;
        let drainTimer;
        let exited;
        const finish = (exitCode, spawnError) => {
            if (settled)
                return;
            settled = true;
            clearTimeout(timer);
            clearTimeout(drainTimer);
            const stdout = Buffer.concat(out).toString('utf8');
            const stderr = Buffer.concat(err).toString('utf8');
            resolve({
                command,
                args,
                exitCode,
                stdout,
                stderr,
                timedOut,
                spawnError,
                truncated,
                durationMs: Date.now() - begin,
                ok: !timedOut && spawnError === undefined && exitCode === 0,
            });
        };
        let child;
        try {
            started++;
            child = (0,external_node_child_process_namespaceObject.spawn)(command, args, {
                env: options.env ?? process.env,
                cwd: options.cwd,
                shell: false,
                windowsHide: true,
                stdio: ['ignore', 'pipe', 'pipe'],
                // Its own process group on POSIX, so a timeout kills the children a wrapper
                // script started too (a `sleep` that holds the pipe would outlive its shell).
                detached: process.platform !== 'win32',
            });
        }
        catch (e) {
            // spawn throws synchronously for malformed arguments (a NUL byte, say).
            finish(null, e.code ?? String(e));
            return;
        }
        const kill = () => {
            try {
                if (process.platform !== 'win32' && child.pid !== undefined)
                    process.kill(-child.pid, 'SIGKILL');
                else
                    child.kill('SIGKILL');
            }
            catch {
                // Already gone.
            }
        };
        timer = setTimeout(() => {
            timedOut = true;
            kill();
            // Do not wait on pipes a grandchild may still hold: report after a short grace.
            setTimeout(() => finish(null), KILL_GRACE_MS).unref();
        }, options.timeoutMs);
        const collect = (chunks, which) => (data) => {
            const size = which === 'stdout' ? outBytes : errBytes;
            if (size < maxBytes) {
                const room = maxBytes - size;
                const piece = data.length > room ? data.subarray(0, room) : data;
                chunks.push(piece);
                if (which === 'stdout')
                    outBytes += piece.length;
                else
                    errBytes += piece.length;
                if (piece.length < data.length)
                    truncated = true;
            }
            else {
                truncated = true;
            }
            options.onOutput?.(data.toString('utf8'), which);
        };
        child.stdout?.on('data', collect(out, 'stdout'));
        child.stderr?.on('data', collect(err, 'stderr'));
        child.on('error', (e) => finish(null, e.code ?? e.message));
        // The wait ends when the program exits, not when its pipes close: a child it left
        // behind (a daemon, a `sleep &`) may hold them open for ever. What is still in the
        // pipes is read for a short while, then they are let go.
        child.on('exit', (code) => {
            if (timedOut)
                return;
            exited = code;
            drainTimer = setTimeout(() => {
                child.stdout?.destroy();
                child.stderr?.destroy();
                finish(code);
            }, EXIT_DRAIN_MS);
            drainTimer.unref();
        });
        child.on('close', (code) => {
            clearTimeout(drainTimer);
            finish(timedOut ? null : (exited ?? code));
        });
    });
}
/** One line for messages: the command and its arguments, quoted where needed. */
function describeCommand(command, args) {
    return [command, ...args].map((a) => (/^[\w@%+=:,./-]+$/.test(a) ? a : JSON.stringify(a))).join(' ');
}

;// CONCATENATED MODULE: external "node:fs"
const external_node_fs_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:fs");
;// CONCATENATED MODULE: ./src/detect/find-tool.ts
/**
 * Finding a program before starting it: looking on PATH costs no process, and
 * detection on a machine without GPU tools should start none (it is benchmarked).
 */



/** An environment variable, by the case-insensitive name Windows uses. */
function envValue(lookup, name) {
    if (lookup.platform !== 'win32')
        return lookup.env[name];
    const key = Object.keys(lookup.env).find((k) => k.toUpperCase() === name.toUpperCase());
    return key === undefined ? undefined : lookup.env[key];
}
/** Whether `path` is a file this platform can start. */
async function isExecutable(path, platform) {
    try {
        if (!(await (0,promises_namespaceObject.stat)(path)).isFile())
            return false;
        if (platform !== 'win32')
            await (0,promises_namespaceObject.access)(path, external_node_fs_namespaceObject.constants.X_OK);
        return true;
    }
    catch {
        return false;
    }
}
/**
 * File names to try for a program: on Windows each PATHEXT extension that can be
 * started without a shell (.exe, .com: runTool never uses one), elsewhere the name.
 */
function candidateNames(name, lookup) {
    if (lookup.platform !== 'win32')
        return [name];
    if (/\.(exe|com)$/i.test(name))
        return [name];
    const pathext = (envValue(lookup, 'PATHEXT') ?? '.COM;.EXE').split(';');
    const exts = pathext.map((e) => e.trim().toLowerCase()).filter((e) => e === '.exe' || e === '.com');
    return (exts.length > 0 ? exts : ['.exe']).map((e) => name + e);
}
/** The first PATH entry holding `name` as a program, or undefined. */
async function findOnPath(name, lookup) {
    const delimiter = lookup.platform === 'win32' ? ';' : ':';
    const dirs = (envValue(lookup, 'PATH') ?? '').split(delimiter).filter((d) => d.trim() !== '');
    for (const dir of dirs) {
        // Windows PATH entries are sometimes quoted.
        const clean = dir.replace(/^"(.*)"$/, '$1');
        for (const file of candidateNames(name, lookup)) {
            const full = (0,external_node_path_namespaceObject.join)(clean, file);
            if (await isExecutable(full, lookup.platform))
                return full;
        }
    }
    return undefined;
}
/** `name` on PATH, else the first of `extraPaths` that is a program. */
async function findTool(name, extraPaths, lookup) {
    const onPath = await findOnPath(name, lookup);
    if (onPath !== undefined)
        return onPath;
    for (const path of extraPaths)
        if (await isExecutable(path, lookup.platform))
            return path;
    return undefined;
}

;// CONCATENATED MODULE: ./src/detect/context.ts
/**
 * What every probe shares: where the file system is, how to find and run a
 * program within the detection's time budget, and how a failed run reads as a note.
 */



/** Below this much time left, a program is not started at all. */
const MIN_RUN_MS = 250;
/** A single program gets at most this share of the whole budget, leaving room for a fallback. */
const RUN_SHARE = 0.7;
class ProbeContext {
    platform;
    env;
    fsRoot;
    timeoutMs;
    deadline;
    constructor(platform, env, fsRoot, timeoutMs, now = Date.now()) {
        this.platform = platform;
        this.env = env;
        this.fsRoot = fsRoot;
        this.timeoutMs = timeoutMs;
        this.deadline = now + timeoutMs;
    }
    /** A path on the probed file system: "/proc/driver/nvidia/version" under fsRoot. */
    path(absolute) {
        return (0,external_node_path_namespaceObject.join)(this.fsRoot, absolute);
    }
    find(name, extraPaths = []) {
        return findTool(name, extraPaths, this);
    }
    /** How long the next program may run: a share of the budget, never past the deadline. */
    runLimitMs(share = RUN_SHARE) {
        return Math.min(this.deadline - Date.now(), Math.ceil(this.timeoutMs * share));
    }
    /**
     * Run a program under the budget; undefined when too little time is left to
     * start it (the caller notes that it was skipped).
     */
    async run(command, args, share = RUN_SHARE) {
        const limit = this.runLimitMs(share);
        if (limit < MIN_RUN_MS)
            return undefined;
        const result = await runTool(command, args, { timeoutMs: limit, env: this.env, maxOutputBytes: 1024 * 1024 });
        return { ...result, limitMs: limit };
    }
}
/** "nvidia-smi timed out after 7 s: driver hung?", "rocminfo failed (exit 1): ROCk module is NOT loaded". */
function describeRunFailure(label, result, timeoutHint = '') {
    if (result === undefined)
        return `${label} was not run: the detection time budget was spent`;
    if (result.timedOut) {
        const seconds = Number((result.limitMs / 1000).toFixed(1));
        return `${label} timed out after ${seconds} s and was killed${timeoutHint ? `: ${timeoutHint}` : ''}`;
    }
    if (result.spawnError !== undefined)
        return `${label} could not be started (${result.spawnError})`;
    const said = firstLine(result.stderr) || firstLine(result.stdout);
    return `${label} failed (exit ${result.exitCode})${said ? `: ${said}` : ''}`;
}
/** The first non-empty line of a tool's output, shortened for a note. */
function firstLine(text) {
    const line = text.split(/\r?\n/).find((l) => l.trim() !== '')?.trim() ?? '';
    return line.length > 160 ? `${line.slice(0, 157)}...` : line;
}

;// CONCATENATED MODULE: ./src/detect/files.ts
/**
 * File reads for probes: a missing, unreadable or odd file is just "nothing
 * there", never an exception. Sysfs and procfs files are small; reads are bounded.
 */

const MAX_FILE_BYTES = 64 * 1024;
/** The file's text (at most 64 KiB), or undefined when it cannot be read. */
async function readText(path) {
    let handle;
    try {
        handle = await (0,promises_namespaceObject.open)(path, 'r');
        const buffer = Buffer.alloc(MAX_FILE_BYTES);
        let length = 0;
        // procfs files report size 0: read until end of file rather than trusting stat.
        while (length < MAX_FILE_BYTES) {
            const { bytesRead } = await handle.read(buffer, length, MAX_FILE_BYTES - length, null);
            if (bytesRead === 0)
                break;
            length += bytesRead;
        }
        return buffer.subarray(0, length).toString('utf8');
    }
    catch {
        return undefined;
    }
    finally {
        await handle?.close().catch(() => undefined);
    }
}
/** Entry names of a directory, sorted; [] when it cannot be listed. */
async function listDir(path) {
    try {
        return (await (0,promises_namespaceObject.readdir)(path)).sort();
    }
    catch {
        return [];
    }
}

;// CONCATENATED MODULE: ./src/detect/text.ts
/**
 * Small text helpers shared by the parsers. Tool output is untrusted: a parser
 * looks at a bounded amount of it, line by line, without regexes that backtrack.
 */
/** Tool output beyond this is not something a parser needs to read. */
const MAX_PARSE_CHARS = 256 * 1024;
/** The lines of a tool's output, CRLF or LF, BOM dropped, at most MAX_PARSE_CHARS read. */
function linesOf(text) {
    const bounded = typeof text === 'string' ? text.slice(0, MAX_PARSE_CHARS) : '';
    return bounded.replace(/^\uFEFF/, '').split(/\r?\n|\r/);
}
/** "550.54.15", "470.256.02", "560.94": dotted numbers, two or three parts. */
function isDriverVersion(s) {
    return /^\d{1,4}\.\d{1,4}(?:\.\d{1,4})?$/.test(s);
}
/** "8.6" from "8.6", "8,6" (a localized decimal comma) or "8 . 6"; undefined otherwise. */
function normalizeMajorMinor(s) {
    const m = /^\s*(\d{1,2})\s*[.,]\s*(\d{1,2})\s*$/.exec(s);
    return m ? `${Number(m[1])}.${Number(m[2])}` : undefined;
}

;// CONCATENATED MODULE: ./src/detect/kfd-parse.ts
/**
 * The amdgpu kernel driver's topology (/sys/class/kfd/kfd/topology/nodes/N/properties):
 * present without ROCm's user space, so it still tells which AMD GPUs there are.
 */

/**
 * "gfx90a" from gfx_target_version 90010: major (decimal), then minor and
 * stepping as one hex digit each (9, 0, 10 -> "9" "0" "a"). 0 is a CPU node.
 */
function decodeGfxTargetVersion(value) {
    if (!Number.isSafeInteger(value) || value <= 0)
        return undefined;
    const major = Math.floor(value / 10000);
    const minor = Math.floor(value / 100) % 100;
    const stepping = value % 100;
    if (major < 1 || major > 99 || minor > 15 || stepping > 15)
        return undefined;
    return `gfx${major}${minor.toString(16)}${stepping.toString(16)}`;
}
/** The node's gfx name, or undefined for a CPU node or a file without the field. */
function parseKfdNodeProperties(text) {
    for (const line of linesOf(text)) {
        const m = /^gfx_target_version\s+(\d{1,9})\s*$/.exec(line);
        if (m)
            return decodeGfxTargetVersion(Number(m[1]));
    }
    return undefined;
}

;// CONCATENATED MODULE: ./src/detect/rocminfo-parse.ts
/**
 * Parsers for ROCm's user-space tools. They never throw; CPU agents are dropped.
 */

/** "gfx90a" from "gfx90a", "gfx90a:sramecc+:xnack-" or "amdgcn-amd-amdhsa--gfx90a:xnack-". */
function gfxFromIsaName(text) {
    const m = /(?:^|--)(gfx[0-9a-f]{2,5})(?=$|:)/i.exec(text.trim());
    return m ? m[1].toLowerCase() : undefined;
}
/**
 * GPU agents of `rocminfo`: one block per "Agent N" header; the block's first
 * `Name:` is the agent's (ISA names come later, under "ISA Info:").
 */
function parseRocminfo(text) {
    const blocks = [];
    let current;
    for (const raw of linesOf(text)) {
        if (raw.length > 1000)
            continue;
        const line = raw.trim();
        if (/^Agent \d+$/.test(line)) {
            current = {};
            blocks.push(current);
            continue;
        }
        if (current === undefined)
            continue;
        const colon = line.indexOf(':');
        if (colon <= 0)
            continue;
        const key = line.slice(0, colon).trim();
        const value = line.slice(colon + 1).trim();
        if (key === 'Name') {
            if (current.name === undefined)
                current.name = value;
            else if (current.isa === undefined && value.startsWith('amdgcn-'))
                current.isa = value;
        }
        else if (key === 'Marketing Name' && current.marketing === undefined) {
            current.marketing = value;
        }
        else if (key === 'Device Type' && current.deviceType === undefined) {
            current.deviceType = value;
        }
    }
    const agents = [];
    for (const b of blocks) {
        if (b.deviceType?.toUpperCase() !== 'GPU')
            continue;
        const gfx = gfxFromIsaName(b.name ?? '') ?? gfxFromIsaName(b.isa ?? '');
        agents.push(agentNamed(b.marketing, gfx));
    }
    return agents;
}
/** GPU targets of `rocm_agent_enumerator`, one per line; gfx000 is the CPU agent. */
function parseRocmAgentEnumerator(text) {
    const agents = [];
    for (const raw of linesOf(text)) {
        const gfx = /^gfx[0-9a-f]{2,5}$/i.test(raw.trim()) ? raw.trim().toLowerCase() : undefined;
        if (gfx === undefined || gfx === 'gfx000')
            continue;
        agents.push(agentNamed(undefined, gfx));
    }
    return agents;
}
function agentNamed(marketing, gfx) {
    const name = marketing !== undefined && marketing !== '' ? marketing : gfx !== undefined ? `AMD GPU (${gfx})` : 'AMD GPU';
    return gfx === undefined ? { name } : { name, gfx };
}

;// CONCATENATED MODULE: ./src/detect/amd.ts




const KFD_NODES = '/sys/class/kfd/kfd/topology/nodes';
async function probeAmd(ctx) {
    if (ctx.platform !== 'linux')
        return { gpus: [], notes: [], troubles: [] };
    const notes = [];
    const failures = [];
    const rocmVersion = (await readText(ctx.path('/opt/rocm/.info/version')))?.trim().split(/\r?\n/)[0];
    if (rocmVersion)
        notes.push(`ROCm ${rocmVersion.slice(0, 40)} is installed (/opt/rocm/.info/version)`);
    const agents = (await fromTool(ctx, 'rocminfo', parseRocminfo, notes, failures)) ??
        (await fromTool(ctx, 'rocm_agent_enumerator', parseRocmAgentEnumerator, notes, failures)) ??
        (await fromKfd(ctx, notes));
    // A failed ROCm tool matters when nothing else found the GPUs: then one may be there unseen.
    const found = agents.length > 0;
    return { gpus: agents.map((a) => ({ vendor: 'amd', ...a })), notes: found ? [...notes, ...failures] : notes, troubles: found ? [] : failures };
}
/** GPUs from one ROCm tool; undefined when the tool is absent, failed or listed no GPU (try the next source). */
async function fromTool(ctx, name, parse, notes, failures) {
    const program = await ctx.find(name, [ctx.path(`/opt/rocm/bin/${name}`)]);
    if (program === undefined)
        return undefined;
    const result = await ctx.run(program, [], 0.5);
    if (!result?.ok) {
        failures.push(describeRunFailure(name, result));
        return undefined;
    }
    const agents = parse(result.stdout);
    if (agents.length === 0) {
        notes.push(`${name} listed no AMD GPU`);
        return undefined;
    }
    return agents;
}
async function fromKfd(ctx, notes) {
    const nodes = await listDir(ctx.path(KFD_NODES));
    const gfxs = await Promise.all(nodes.map(async (node) => {
        const text = await readText(ctx.path(`${KFD_NODES}/${node}/properties`));
        return text === undefined ? undefined : parseKfdNodeProperties(text);
    }));
    const agents = gfxs.filter((g) => g !== undefined).map((gfx) => agentNamed(undefined, gfx));
    if (agents.length > 0)
        notes.push(`read ${agents.length} AMD GPU(s) from the kernel's kfd topology (${KFD_NODES}): ROCm tools not found or not working`);
    return agents;
}

;// CONCATENATED MODULE: ./src/detect/apple.ts

async function probeApple(ctx, arch) {
    if (ctx.platform !== 'darwin')
        return { appleSilicon: false, gpus: [], notes: [] };
    const notes = [];
    const sysctl = await ctx.find('sysctl', [ctx.path('/usr/sbin/sysctl')]);
    if (arch !== 'arm64') {
        if (sysctl === undefined)
            return { appleSilicon: false, gpus: [], notes: ['sysctl not found: could not check for Rosetta'] };
        const translated = await ctx.run(sysctl, ['-n', 'sysctl.proc_translated'], 0.3);
        // On an Intel Mac the key does not exist and sysctl fails: that is the answer, not an error.
        if (!translated?.ok || translated.stdout.trim() !== '1')
            return { appleSilicon: false, gpus: [], notes: [] };
        notes.push('node runs as x64 under Rosetta 2 on an Apple Silicon (aarch64) machine');
    }
    let name = 'Apple Silicon';
    if (sysctl === undefined) {
        notes.push('sysctl not found: chip name unknown');
    }
    else {
        const brand = await ctx.run(sysctl, ['-n', 'machdep.cpu.brand_string'], 0.3);
        const text = brand?.ok ? brand.stdout.trim() : '';
        if (/^Apple\s\S/.test(text) && text.length < 100)
            name = text;
        else if (!brand?.ok)
            notes.push(describeRunFailure('sysctl -n machdep.cpu.brand_string', brand));
    }
    return { appleSilicon: true, gpus: [{ vendor: 'apple', name }], notes };
}

;// CONCATENATED MODULE: ./src/detect/python-parse.ts

/** The line the probe script prints; anything else in the output (a noisy sitecustomize) is ignored. */
const PROBE_MARKER = 'torchcraft-python';
/**
 * One run, one line: `torchcraft-python|3.12|64|arm64|` (Windows: `...|64|ARM64|win-amd64`):
 * version, pointer size, platform.machine(), and on Windows sysconfig.get_platform().
 * platform.machine() is what pip's tags use on macOS and Linux (it is the
 * running slice of a universal2 binary, and x86_64 under Rosetta). On Windows
 * it is not: it reads the CPU (WMI, Python 3.12+) or PROCESSOR_ARCHITEW6432,
 * so an x64 Python on Windows on Arm says ARM64; sysconfig.get_platform()
 * comes from the interpreter's own build ("win-amd64") and pip uses that
 * there. sysconfig is imported on Windows only: elsewhere it is not needed.
 * The pointer size catches a 32-bit interpreter on a 64-bit kernel (a 32-bit
 * Raspberry Pi OS says aarch64), which takes no 64-bit wheel.
 */
const PROBE_SCRIPT = 'import platform, sys; ' +
    `print("|".join(["${PROBE_MARKER}", "%d.%d" % sys.version_info[:2], "64" if sys.maxsize > 2**32 else "32", platform.machine(), ` +
    `__import__("sysconfig").get_platform() if sys.platform == "win32" else ""]))`;
/** "3.12" from the interpreter's output, or undefined. */
function parsePythonVersion(text) {
    const m = /^\s*(\d{1,2})\.(\d{1,3})\s*$/.exec(String(text).slice(0, 200));
    return m ? `${Number(m[1])}.${Number(m[2])}` : undefined;
}
/** A machine or platform name as printed: short, no spaces or quotes (it goes into notes). */
const NAME = /^[A-Za-z0-9_.-]{1,64}$/;
/** The probe line's fields; {} when no line carries the marker and a version. Never throws. */
function parsePythonProbe(text) {
    for (const line of linesOf(text)) {
        const fields = line.trim().split('|');
        if (fields[0] !== PROBE_MARKER || fields.length !== 5)
            continue;
        const version = parsePythonVersion(fields[1]);
        if (version === undefined)
            continue;
        const out = { version };
        const bits = fields[2].trim();
        const machine = fields[3].trim();
        const platform = fields[4].trim();
        if (bits === '64' || bits === '32')
            out.bits = bits === '64' ? 64 : 32;
        if (NAME.test(machine))
            out.machine = machine;
        if (NAME.test(platform))
            out.platform = platform;
        return out;
    }
    return {};
}
const WINDOWS_PLATFORMS = { 'win-amd64': 'x86_64', 'win-arm64': 'aarch64', win32: undefined, 'win-arm32': undefined };
const MACHINES = { x86_64: 'x86_64', amd64: 'x86_64', x64: 'x86_64', arm64: 'aarch64', aarch64: 'aarch64' };
/**
 * The interpreter's architecture: on Windows from its build (sysconfig's
 * win-amd64 / win-arm64 / win32), elsewhere from platform.machine(); none for
 * a 32-bit interpreter, whatever the CPU.
 */
function interpreterArch(output) {
    if (output.bits === 32)
        return { reported: `${output.platform ?? output.machine ?? 'an unknown CPU'} (a 32-bit interpreter)` };
    const platform = output.platform?.toLowerCase();
    if (platform !== undefined && Object.hasOwn(WINDOWS_PLATFORMS, platform)) {
        const arch = WINDOWS_PLATFORMS[platform];
        return arch !== undefined ? { arch, reported: output.platform } : { reported: output.platform };
    }
    if (output.machine === undefined)
        return {};
    const lower = output.machine.toLowerCase();
    return Object.hasOwn(MACHINES, lower) ? { arch: MACHINES[lower], reported: output.machine } : { reported: output.machine };
}

;// CONCATENATED MODULE: ./src/detect/arch.ts

const EMULATION_HINT = { macos: 'Rosetta?', windows: 'x64 emulation?', linux: 'emulated?' };
function chooseArch(evidence) {
    const machine = evidence.appleSilicon ? 'aarch64' : evidence.node;
    const interpreter = evidence.interpreter;
    if (interpreter === undefined)
        return { arch: machine, notes: [] };
    const found = interpreterArch(interpreter);
    if (found.arch === undefined) {
        const why = found.reported === undefined
            ? `${interpreter.name} did not say which architecture it runs as`
            : `${interpreter.name} runs as ${found.reported}, which torchcraft does not plan for`;
        return { arch: machine, notes: [`${why}: planning for ${machine} wheels, the machine's`] };
    }
    const arch = found.arch;
    if (arch === 'aarch64' && evidence.node === 'x86_64') {
        return { arch, notes: [`${interpreter.name} is an aarch64 interpreter while node runs as ${evidence.processArch}: planning for aarch64 wheels`] };
    }
    if (arch !== machine) {
        return { arch, notes: [`${interpreter.name} is an ${arch} interpreter on an ${machine} machine (${EMULATION_HINT[evidence.os]}): planning for ${arch} wheels`] };
    }
    return { arch, notes: [] };
}

;// CONCATENATED MODULE: ./src/data/nvidia-gpus.ts
/**
 * Compute capability from an NVIDIA GPU's marketing name, for drivers too old
 * to answer the `compute_cap` query (before R510) and for containers that only
 * show /proc/driver/nvidia/gpus/<bus>/information.
 *
 * Source: NVIDIA, "CUDA GPU Compute Capability" https://developer.nvidia.com/cuda-gpus
 * and "Legacy CUDA GPU Compute Capability" https://developer.nvidia.com/cuda-legacy-gpus
 * (checked: GB10 12.1, RTX PRO Blackwell 12.0, Jetson T5000/T4000 11.0, B300/GB300 10.3,
 * B200/GB200 10.0, Jetson Orin 8.7, Jetson Xavier 7.2, TITAN X (Pascal)/Xp 6.1 but
 * GTX TITAN X 5.2, Quadro GP100 6.0).
 *
 * Rows are tried in order, the most specific first: "RTX PRO 6000 Blackwell",
 * "RTX 6000 Ada", "RTX A6000" and "Quadro RTX 6000" are four generations.
 */
const TABLE = [
    // Blackwell
    [/\bGB10\b/, '12.1'],
    [/\bRTX PRO \d{4}\b.*\bBLACKWELL\b/, '12.0'],
    [/\bRTX 50[5-9]0\b/, '12.0'],
    [/\bJETSON T[45]000\b|\bTHOR\b/, '11.0'],
    [/\bG?B300\b/, '10.3'],
    [/\bG?B[12]00\b/, '10.0'],
    // Hopper
    [/\bGH200\b|\bH(?:100|200|800|20)\b/, '9.0'],
    // Ada
    [/\bRTX \d{4}(?: SFF)? ADA\b/, '8.9'],
    [/\bRTX 40[5-9]0\b/, '8.9'],
    [/\bL(?:4|40S?|20)\b/, '8.9'],
    // Jetson Orin (Ampere, 8.7)
    [/\bORIN\b/, '8.7'],
    // Ampere
    [/\bA(?:100|800|30)\b/, '8.0'],
    [/\bRTX A\d{3,4}\b/, '8.6'],
    [/\bRTX 30[5-9]0\b/, '8.6'],
    [/\bA(?:10G?|16|40|2)\b/, '8.6'],
    // Jetson Xavier (Volta, 7.2)
    [/\bXAVIER\b/, '7.2'],
    // Turing
    [/\bTITAN RTX\b/, '7.5'],
    [/\bQUADRO RTX \d{4}\b/, '7.5'],
    [/\bRTX 20[6-8]0\b/, '7.5'],
    [/\bGTX 16[3-6]0\b/, '7.5'],
    [/\bT4\b/, '7.5'],
    [/\bT(?:400|600|1000|1200|2000)\b/, '7.5'],
    // Volta
    [/\bV100S?\b|\bTITAN V\b|\bGV100\b/, '7.0'],
    // Pascal
    [/\bP100\b|\bGP100\b/, '6.0'],
    [/\bTX2\b/, '6.2'],
    [/\bTITAN XP\b|\bTITAN X \(PASCAL\)/, '6.1'],
    [/\bGTX TITAN X\b/, '5.2'],
    [/\bP(?:4|6|40)\b|\bGTX 10[5-8]0\b|\bQUADRO P\d{3,4}\b/, '6.1'],
    // Maxwell
    [/\bJETSON NANO\b/, '5.3'],
    [/\bM(?:4|6|40|60)\b|\bGTX 9[5-8]0\b|\bQUADRO M\d{4}\b/, '5.2'],
    [/\bM10\b|\bGTX 750\b/, '5.0'],
    [/\bGTX 9[5-8]0M\b/, '5.2'],
    [/\bGTX 745\b/, '5.0'],
    // Pascal, small
    [/\bGT 1030\b|\bMX[1-3]50\b/, '6.1'],
    // Kepler (suffixes: K40m, K40c, K20Xm, K20c): the Tesla names nvidia-smi prints
    [/\bK80\b/, '3.7'],
    [/\bK(?:20X?|40)[CMST]?\b/, '3.5'],
    [/\bK10\b/, '3.0'],
    [/\bGTX TITAN(?: BLACK| Z)?$|\bGTX 780(?: TI)?\b/, '3.5'],
    [/\bGTX 6[5-9]0(?: TI)?\b|\bGTX 7[67]0\b/, '3.0'],
    [/\bQUADRO K6000\b/, '3.5'],
];
/** "8.6" for "NVIDIA GeForce RTX 3090"; undefined when the name is not in the table. */
function computeCapabilityFromName(name) {
    // Names are short; a long string is not a GPU name and is not worth matching.
    if (name.length > 200)
        return undefined;
    const normal = name.toUpperCase().replace(/\s+/g, ' ').trim();
    if (normal === '')
        return undefined;
    for (const [pattern, capability] of TABLE)
        if (pattern.test(normal))
            return capability;
    return undefined;
}

;// CONCATENATED MODULE: ./src/detect/nvidia-smi-parse.ts
/**
 * Parsers for nvidia-smi's output (formats in shared/reference/tool-outputs.md).
 * They never throw: anything unexpected yields fewer rows or undefined fields.
 */

/**
 * Rows of the query. The name is everything between the index and the first
 * field that looks like a driver version, so a comma inside a name or a
 * localized "9,0" capability does not shift the columns.
 */
function parseNvidiaQuery(text) {
    const rows = [];
    for (const raw of linesOf(text)) {
        const line = raw.trim();
        if (line === '' || line.length > 1000)
            continue;
        const parts = line.split(',').map((p) => p.trim());
        if (parts.length < 3 || !/^\d{1,3}$/.test(parts[0]))
            continue;
        const driverAt = parts.findIndex((p, i) => i >= 2 && (isDriverVersion(p) || isNotAvailable(p)));
        if (driverAt < 0)
            continue;
        const name = parts.slice(1, driverAt).join(', ').trim();
        if (name === '' || isNotAvailable(name))
            continue;
        const row = { index: Number(parts[0]), name };
        if (isDriverVersion(parts[driverAt]))
            row.driver = parts[driverAt];
        const rest = parts.slice(driverAt + 1);
        if (rest.length > 0) {
            const capability = normalizeMajorMinor(rest.join('.'));
            if (capability !== undefined)
                row.computeCapability = capability;
        }
        rows.push(row);
    }
    return rows;
}
function isNotAvailable(s) {
    return s === '[N/A]' || s === 'N/A' || s === '[Not Supported]' || s === '[Unknown Error]';
}
/**
 * Reads "Driver Version: 550.54.15" and "CUDA Version: 12.4" from plain
 * `nvidia-smi` (both layouts), `DRIVER version : 580.65.06` / `CUDA Version : 13.0`
 * from `--version`, and the padded `-q` lines.
 */
function parseNvidiaSmiHeader(text) {
    const header = {};
    for (const line of linesOf(text)) {
        if (line.length > 2000)
            continue;
        if (header.cuda === undefined) {
            const m = /CUDA Version\s*:\s*(\d{1,3}\.\d{1,3})(?![\d.])/i.exec(line);
            if (m)
                header.cuda = m[1];
        }
        if (header.driver === undefined) {
            const m = /Driver Version\s*:\s*(\d{1,4}\.\d{1,4}(?:\.\d{1,4})?)(?![\d.])/i.exec(line);
            if (m)
                header.driver = m[1];
        }
        if (header.cuda !== undefined && header.driver !== undefined)
            break;
    }
    return header;
}
function classifyNvidiaSmiFailure(exitCode, output) {
    const text = typeof output === 'string' ? output.slice(0, 64 * 1024) : '';
    if (/"compute_cap"\s+is not a valid field/i.test(text))
        return 'compute-cap-rejected';
    if (exitCode === 9 || /couldn't communicate with the NVIDIA driver/i.test(text))
        return 'no-driver';
    if (exitCode === 6 || /No devices were found/i.test(text))
        return 'no-devices';
    return 'other';
}

;// CONCATENATED MODULE: ./src/detect/proc-driver-parse.ts
/**
 * Parsers for the files the NVIDIA kernel driver leaves on Linux, read when
 * nvidia-smi is absent (containers without the utility capability).
 */

/**
 * The driver version from /proc/driver/nvidia/version, both the proprietary
 * ("NVIDIA UNIX x86_64 Kernel Module  550.54.15  Tue Mar ...") and the open
 * ("NVIDIA UNIX Open Kernel Module for x86_64  580.65.06  Release Build ...") forms:
 * the first dotted number after "Kernel Module" on the NVRM line.
 */
function parseProcDriverVersion(text) {
    for (const line of linesOf(text)) {
        if (!line.startsWith('NVRM version:') || line.length > 2000)
            continue;
        const at = line.indexOf('Kernel Module');
        if (at < 0)
            continue;
        for (const token of line.slice(at + 'Kernel Module'.length).split(/\s+/)) {
            if (isDriverVersion(token))
                return token;
        }
    }
    return undefined;
}
/** /sys/module/nvidia/version holds the version alone: "580.65.06". */
function parseSysModuleVersion(text) {
    const first = linesOf(text)[0]?.trim() ?? '';
    return isDriverVersion(first) ? first : undefined;
}
/** The `Model:` line of /proc/driver/nvidia/gpus/<bus id>/information. */
function parseGpuInformationModel(text) {
    for (const line of linesOf(text)) {
        if (!line.startsWith('Model:') || line.length > 1000)
            continue;
        const model = line.slice('Model:'.length).trim();
        return model === '' ? undefined : model;
    }
    return undefined;
}

;// CONCATENATED MODULE: ./src/detect/nvidia.ts
/**
 * NVIDIA GPUs: nvidia-smi where it can be found, else the files the kernel
 * driver leaves on Linux (containers without nvidia-smi), else Jetson's device tree.
 * Reports names, compute capabilities, the driver version and the driver's CUDA
 * version; what a driver can run is policy's business, not this module's.
 */







const QUERY_ARGS = ['--query-gpu=index,name,driver_version,compute_cap', '--format=csv,noheader'];
/** For drivers before R510, which reject the whole query when it names compute_cap. */
const QUERY_ARGS_NO_COMPUTE_CAP = ['--query-gpu=index,name,driver_version', '--format=csv,noheader'];
const WSL_NVIDIA_SMI = '/usr/lib/wsl/lib/nvidia-smi';
const HUNG_HINT = 'driver hung?';
/** Where nvidia-smi may be besides PATH, as the probed machine spells them. */
function nvidiaSmiLocations(ctx) {
    if (ctx.platform === 'win32') {
        const systemRoot = envValue(ctx, 'SystemRoot') ?? 'C:\\Windows';
        const programFiles = envValue(ctx, 'ProgramFiles') ?? 'C:\\Program Files';
        return [(0,external_node_path_namespaceObject.join)(systemRoot, 'System32', 'nvidia-smi.exe'), (0,external_node_path_namespaceObject.join)(programFiles, 'NVIDIA Corporation', 'NVSMI', 'nvidia-smi.exe')];
    }
    return [ctx.path(WSL_NVIDIA_SMI)];
}
function notFoundNote(ctx) {
    if (ctx.platform === 'win32') {
        return 'nvidia-smi not found on PATH, in %SystemRoot%\\System32 or in %ProgramFiles%\\NVIDIA Corporation\\NVSMI';
    }
    return `nvidia-smi not found on PATH or at ${WSL_NVIDIA_SMI}`;
}
async function probeNvidia(ctx) {
    if (ctx.platform === 'darwin')
        return { gpus: [], notes: [], troubles: [] };
    const notes = [];
    const troubles = [];
    const smi = await ctx.find('nvidia-smi', nvidiaSmiLocations(ctx));
    if (smi === undefined) {
        notes.push(notFoundNote(ctx));
    }
    else {
        const fromSmi = await probeWithNvidiaSmi(ctx, smi, notes, troubles);
        if (fromSmi.length > 0)
            return { gpus: fromSmi, notes, troubles };
    }
    if (ctx.platform === 'linux') {
        const fromFiles = await probeDriverFiles(ctx, notes);
        if (fromFiles.length > 0)
            return { gpus: fromFiles, notes, troubles };
        const jetson = await probeJetson(ctx, notes);
        if (jetson.length > 0)
            return { gpus: jetson, notes, troubles };
    }
    return { gpus: [], notes, troubles };
}
async function probeWithNvidiaSmi(ctx, smi, notes, troubles) {
    // The plain run carries the CUDA version in its header; start both at once.
    const [query, plain] = await Promise.all([ctx.run(smi, QUERY_ARGS), ctx.run(smi, [])]);
    let rows = [];
    let derivedFromNames = false;
    if (query?.ok) {
        rows = parseNvidiaQuery(query.stdout);
        if (rows.length === 0)
            notes.push(`nvidia-smi --query-gpu printed no GPU rows: ${JSON.stringify(query.stdout.slice(0, 120))}`);
    }
    else if (query !== undefined && !query.timedOut && classifyNvidiaSmiFailure(query.exitCode, query.stdout + query.stderr) === 'compute-cap-rejected') {
        notes.push('nvidia-smi rejected the compute_cap query field (a driver before R510): compute capability taken from the GPU names');
        const retry = await ctx.run(smi, QUERY_ARGS_NO_COMPUTE_CAP);
        if (retry?.ok) {
            rows = parseNvidiaQuery(retry.stdout);
            derivedFromNames = true;
            if (rows.length === 0)
                notes.push('nvidia-smi --query-gpu printed no GPU rows');
        }
        else {
            troubles.push(describeSmiFailure('nvidia-smi --query-gpu (without compute_cap)', retry));
        }
    }
    else {
        troubles.push(describeSmiFailure('nvidia-smi --query-gpu', query));
    }
    if (rows.length === 0)
        return [];
    let header = parseNvidiaSmiHeader(plain === undefined ? '' : plain.stdout);
    if (header.cuda === undefined) {
        // Some builds print the header differently; --version has "CUDA Version : 13.0" on recent drivers.
        const version = await ctx.run(smi, ['--version'], 0.3);
        const fromVersion = parseNvidiaSmiHeader(version?.stdout ?? '');
        header = { driver: header.driver ?? fromVersion.driver, cuda: fromVersion.cuda };
        if (header.cuda === undefined)
            notes.push("nvidia-smi did not print the driver's CUDA version");
    }
    return rows.map((row) => {
        const gpu = { vendor: 'nvidia', name: row.name };
        const capability = row.computeCapability ?? computeCapabilityFromName(row.name);
        if (capability !== undefined)
            gpu.computeCapability = capability;
        else
            notes.push(unknownCapabilityNote(row.name, derivedFromNames ? 'the driver is too old to report it' : 'nvidia-smi did not report it'));
        const driver = row.driver ?? header.driver;
        if (driver !== undefined)
            gpu.driver = driver;
        if (header.cuda !== undefined)
            gpu.cuda = header.cuda;
        return gpu;
    });
}
function describeSmiFailure(label, result) {
    if (result !== undefined && !result.timedOut && result.spawnError === undefined) {
        const kind = classifyNvidiaSmiFailure(result.exitCode, result.stdout + result.stderr);
        if (kind === 'no-driver')
            return `${label}: nvidia-smi couldn't communicate with the NVIDIA driver (exit ${result.exitCode}): is the driver installed and loaded?`;
        if (kind === 'no-devices')
            return `${label}: nvidia-smi found no devices (exit ${result.exitCode})`;
    }
    return describeRunFailure(label, result, HUNG_HINT);
}
function unknownCapabilityNote(name, why) {
    return `compute capability of ${JSON.stringify(name)} unknown: ${why} and the name is not in torchcraft's table`;
}
/**
 * Containers without nvidia-smi: the driver version from /proc (or /sys/module),
 * the GPUs from /proc/driver/nvidia/gpus/<bus id>/information. No CUDA version:
 * only nvidia-smi tells it, and planning derives it from the driver branch.
 */
async function probeDriverFiles(ctx, notes) {
    const [procVersion, moduleVersion, busIds] = await Promise.all([
        readText(ctx.path('/proc/driver/nvidia/version')),
        readText(ctx.path('/sys/module/nvidia/version')),
        listDir(ctx.path('/proc/driver/nvidia/gpus')),
    ]);
    const fromProc = procVersion === undefined ? undefined : parseProcDriverVersion(procVersion);
    const driver = fromProc ?? (moduleVersion === undefined ? undefined : parseSysModuleVersion(moduleVersion));
    const source = fromProc !== undefined ? '/proc/driver/nvidia/version' : '/sys/module/nvidia/version';
    const models = await Promise.all(busIds.map(async (bus) => {
        const text = await readText(ctx.path(`/proc/driver/nvidia/gpus/${bus}/information`));
        return text === undefined ? undefined : parseGpuInformationModel(text);
    }));
    const names = models.filter((m) => m !== undefined);
    if (driver === undefined && names.length === 0)
        return [];
    if (names.length === 0) {
        notes.push(`NVIDIA driver ${driver} is loaded (${source}) but no GPU is listed in /proc/driver/nvidia/gpus`);
        return [];
    }
    notes.push(`read ${names.length} NVIDIA GPU(s) from /proc/driver/nvidia/gpus` +
        (driver !== undefined ? ` and driver ${driver} from ${source}` : ', driver version unknown') +
        "; without nvidia-smi the driver's CUDA version is unknown");
    return names.map((name) => {
        const gpu = { vendor: 'nvidia', name };
        const capability = computeCapabilityFromName(name);
        if (capability !== undefined)
            gpu.computeCapability = capability;
        else
            notes.push(unknownCapabilityNote(name, 'nvidia-smi is not available'));
        if (driver !== undefined)
            gpu.driver = driver;
        return gpu;
    });
}
/** Jetson boards (L4T) have an integrated GPU and often no nvidia-smi: the board's model names it. */
async function probeJetson(ctx, notes) {
    const release = await readText(ctx.path('/etc/nv_tegra_release'));
    if (release === undefined)
        return [];
    const l4t = /^#\s*(R\d+)\s*\(release\),\s*REVISION:\s*([\d.]+)/.exec(release.slice(0, 500));
    notes.push(`NVIDIA Jetson (L4T${l4t ? ` ${l4t[1]}.${l4t[2]}` : ''}, /etc/nv_tegra_release)`);
    const model = (await readText(ctx.path('/proc/device-tree/model')))?.replace(/\0/g, '').trim();
    if (model === undefined || model === '')
        return [];
    const capability = computeCapabilityFromName(model);
    if (capability === undefined) {
        notes.push(unknownCapabilityNote(model, 'nvidia-smi is not available'));
        return [{ vendor: 'nvidia', name: model }];
    }
    return [{ vendor: 'nvidia', name: model, computeCapability: capability }];
}

;// CONCATENATED MODULE: ./src/detect/pci-parse.ts
/**
 * PCI display devices as Linux sysfs shows them (/sys/bus/pci/devices/<addr>/
 * class, vendor, device: one hex number each, "0x030000", "0x8086", "0x56a0").
 */
const PCI_VENDOR_INTEL = 0x8086;
const PCI_VENDOR_AMD = 0x1002;
const PCI_VENDOR_NVIDIA = 0x10de;
/** "0x8086\n" -> 0x8086; anything else -> undefined. */
function parsePciHex(text) {
    const m = /^\s*0x([0-9a-f]{1,8})\s*$/i.exec(typeof text === 'string' ? text.slice(0, 64) : '');
    return m ? parseInt(m[1], 16) : undefined;
}
/** A device from the three files' contents; undefined when any is unreadable. */
function parsePciDevice(classText, vendorText, deviceText) {
    const cls = parsePciHex(classText);
    const vendor = parsePciHex(vendorText);
    const device = parsePciHex(deviceText);
    if (cls === undefined || vendor === undefined || device === undefined)
        return undefined;
    return { class: cls, vendor, device };
}
/**
 * Display controllers: VGA (0x0300xx), 3D (0x0302xx: NVIDIA's data-center cards)
 * and "other display" (0x0380xx: Intel Data Center GPU Max, some AMD Instinct).
 */
function isDisplayClass(cls) {
    const subclass = cls >> 8;
    return subclass === 0x0300 || subclass === 0x0302 || subclass === 0x0380;
}
/** "0x56a0": lower-case hex, four digits, with 0x. */
function formatPciId(id) {
    return `0x${id.toString(16).padStart(4, '0')}`;
}

;// CONCATENATED MODULE: ./src/detect/pci.ts


const PCI_DEVICES = '/sys/bus/pci/devices';
/** Display devices in address order. */
async function listPciDisplayDevices(ctx) {
    if (ctx.platform !== 'linux')
        return [];
    const addresses = await listDir(ctx.path(PCI_DEVICES));
    const devices = await Promise.all(addresses.map(async (address) => {
        const dir = `${PCI_DEVICES}/${address}`;
        const cls = await readText(ctx.path(`${dir}/class`));
        // Most PCI devices are not display controllers: read vendor and device only for those.
        if (cls === undefined || !isDisplayClass(parsePciDevice(cls, '0x0', '0x0')?.class ?? -1))
            return undefined;
        const [vendor, device] = await Promise.all([readText(ctx.path(`${dir}/vendor`)), readText(ctx.path(`${dir}/device`))]);
        return parsePciDevice(cls, vendor ?? '', device ?? '');
    }));
    return devices.filter((d) => d !== undefined);
}

;// CONCATENATED MODULE: ./src/detect/pci-names.ts
/**
 * Marketing names for a few Intel GPUs by PCI device id, for messages only
 * (whether a GPU can run XPU builds is decided by policy from the id).
 * Sources: Intel compute-runtime's device list (shared/source/dll/devices/) and
 * Intel's GPU hardware table https://dgpu-docs.intel.com/devices/hardware-table.html
 */
const INTEL_NAMES = {
    0x56a0: 'Intel(R) Arc(TM) A770 Graphics',
    0x56a1: 'Intel(R) Arc(TM) A750 Graphics',
    0x56a2: 'Intel(R) Arc(TM) A580 Graphics',
    0x56a5: 'Intel(R) Arc(TM) A380 Graphics',
    0x56a6: 'Intel(R) Arc(TM) A310 Graphics',
    0x5690: 'Intel(R) Arc(TM) A770M Graphics',
    0x5691: 'Intel(R) Arc(TM) A730M Graphics',
    0x5692: 'Intel(R) Arc(TM) A550M Graphics',
    0x5693: 'Intel(R) Arc(TM) A370M Graphics',
    0x5694: 'Intel(R) Arc(TM) A350M Graphics',
    0xe20b: 'Intel(R) Arc(TM) B580 Graphics',
    0xe20c: 'Intel(R) Arc(TM) B570 Graphics',
    0x56c0: 'Intel(R) Data Center GPU Flex 170',
    0x56c1: 'Intel(R) Data Center GPU Flex 140',
    0x0bd5: 'Intel(R) Data Center GPU Max 1550',
    0x0bd6: 'Intel(R) Data Center GPU Max 1550',
    0x0bd7: 'Intel(R) Data Center GPU Max 1350',
    0x0bd8: 'Intel(R) Data Center GPU Max 1350',
    0x0bd9: 'Intel(R) Data Center GPU Max 1100',
    0x0bda: 'Intel(R) Data Center GPU Max 1100',
    0x0bdb: 'Intel(R) Data Center GPU Max 1100',
    0x7d55: 'Intel(R) Arc(TM) Graphics',
    0x3e92: 'Intel(R) UHD Graphics 630',
    0x3e9b: 'Intel(R) UHD Graphics 630',
    0x4680: 'Intel(R) UHD Graphics 770',
    0xa780: 'Intel(R) UHD Graphics 770',
    0x9a49: 'Intel(R) Iris(R) Xe Graphics',
    0x46a6: 'Intel(R) Iris(R) Xe Graphics',
};
const VENDOR_WORDS = { 0x8086: 'Intel', 0x1002: 'AMD', 0x10de: 'NVIDIA' };
/** "Intel(R) Arc(TM) A770 Graphics", or "Intel GPU [8086:56a0]" for an id not in the list. */
function pciGpuName(vendor, device) {
    if (vendor === 0x8086 && INTEL_NAMES[device] !== undefined)
        return INTEL_NAMES[device];
    const word = VENDOR_WORDS[vendor] ?? 'GPU';
    const hex = (n) => n.toString(16).padStart(4, '0');
    return `${word} GPU [${hex(vendor)}:${hex(device)}]`;
}

;// CONCATENATED MODULE: ./src/detect/python.ts
/**
 * The Python interpreter that will install: its version ("3.12") and the
 * architecture it runs as, from one run of it (detection's process count is
 * benchmarked: one interpreter run, whatever is asked of it).
 */




/** The arguments of the one run: `python -c <script>`. */
const PYTHON_PROBE_ARGS = ['-c', PROBE_SCRIPT];
async function probePython(ctx, python) {
    const notes = [];
    const candidates = python !== undefined ? [python] : ['python', 'python3'];
    for (const candidate of candidates) {
        const program = /[\\/]/.test(candidate) || (0,external_node_path_namespaceObject.isAbsolute)(candidate)
            ? ((await isExecutable(candidate, ctx.platform)) ? candidate : undefined)
            : await ctx.find(candidate);
        if (program === undefined) {
            notes.push(`${candidate} not found${/[\\/]/.test(candidate) ? '' : ' on PATH'}`);
            continue;
        }
        const result = await ctx.run(program, [...PYTHON_PROBE_ARGS], 0.5);
        const said = result?.ok ? parsePythonProbe(result.stdout) : {};
        if (said.version !== undefined) {
            const interpreter = { name: candidate };
            if (said.bits !== undefined)
                interpreter.bits = said.bits;
            if (said.machine !== undefined)
                interpreter.machine = said.machine;
            if (said.platform !== undefined)
                interpreter.platform = said.platform;
            return { python: said.version, interpreter, notes: [] };
        }
        notes.push(result?.ok ? `${candidate} printed no version: ${JSON.stringify(result.stdout.slice(0, 80))}` : describeRunFailure(`${candidate} -c <version>`, result));
    }
    notes.push('Python version unknown: Python checks are skipped');
    return { notes };
}

;// CONCATENATED MODULE: ./src/detect/windows-video-parse.ts
/**
 * `Get-CimInstance Win32_VideoController | Select-Object Name,PNPDeviceID,DriverVersion
 * | ConvertTo-Json`: an object for one controller, an array for several.
 */
function parseVideoControllers(text) {
    let data;
    try {
        data = JSON.parse(String(text).slice(0, 1024 * 1024).replace(/^\uFEFF/, '').trim());
    }
    catch {
        return [];
    }
    const items = Array.isArray(data) ? data : [data];
    const controllers = [];
    for (const item of items) {
        if (item === null || typeof item !== 'object')
            continue;
        const record = item;
        if (typeof record.Name !== 'string' || record.Name.trim() === '')
            continue;
        const controller = { name: record.Name.trim() };
        if (typeof record.PNPDeviceID === 'string') {
            const ids = /^PCI\\VEN_([0-9A-F]{4})&DEV_([0-9A-F]{4})/i.exec(record.PNPDeviceID);
            if (ids) {
                controller.vendor = parseInt(ids[1], 16);
                controller.device = parseInt(ids[2], 16);
            }
        }
        if (typeof record.DriverVersion === 'string' && record.DriverVersion.trim() !== '') {
            controller.driverVersion = record.DriverVersion.trim();
        }
        controllers.push(controller);
    }
    return controllers;
}
/**
 * The NVIDIA driver version ("560.94") hidden in Windows' "32.0.15.6094": the
 * last five digits, split 3+2. Used only when nvidia-smi cannot be run.
 */
function nvidiaDriverFromWindowsVersion(version) {
    const digits = /^\d+\.\d+\.(\d+)\.(\d+)$/.exec(version.trim());
    if (!digits)
        return undefined;
    const tail = (digits[1] + digits[2].padStart(4, '0')).slice(-5);
    if (tail.length < 5)
        return undefined;
    return `${Number(tail.slice(0, 3))}.${tail.slice(3)}`;
}

;// CONCATENATED MODULE: ./src/detect/windows.ts
/**
 * Windows video controllers through PowerShell's CIM query: Intel and AMD GPUs
 * (their ids), and NVIDIA ones as a fallback when nvidia-smi cannot be run.
 */




const VIDEO_CONTROLLER_ARGS = [
    '-NoProfile',
    '-NonInteractive',
    '-Command',
    'Get-CimInstance Win32_VideoController | Select-Object Name,PNPDeviceID,DriverVersion | ConvertTo-Json',
];
async function probeWindowsVideo(ctx) {
    if (ctx.platform !== 'win32')
        return { controllers: [], notes: [], troubles: [] };
    const systemRoot = envValue(ctx, 'SystemRoot') ?? 'C:\\Windows';
    const powershell = await ctx.find('powershell', [(0,external_node_path_namespaceObject.join)(systemRoot, 'System32', 'WindowsPowerShell', 'v1.0', 'powershell.exe')]);
    if (powershell === undefined) {
        return { controllers: [], notes: ['powershell not found: Intel and AMD GPUs not detected'], troubles: [] };
    }
    const result = await ctx.run(powershell, VIDEO_CONTROLLER_ARGS);
    if (!result?.ok)
        return { controllers: [], notes: [], troubles: [describeRunFailure('Get-CimInstance Win32_VideoController', result)] };
    const controllers = parseVideoControllers(result.stdout);
    return { controllers, notes: controllers.length === 0 ? ['Win32_VideoController listed no video controller'] : [], troubles: [] };
}

;// CONCATENATED MODULE: ./src/detect/index.ts
/**
 * Machine detection: probes the OS, arch, Python and GPUs and reports them as
 * plain data (src/machine.ts). No policy here: names, capabilities, driver
 * versions, gfx names and PCI ids only. Probes run concurrently under one time
 * budget; every failure becomes a note, and nothing but an unsupported
 * platform or arch throws.
 */













/** After the deadline, how long to wait for probes to wind down (runTool's kill grace is 1 s). */
const GRACE_MS = 1500;
function osOf(platform) {
    if (platform === 'linux')
        return 'linux';
    if (platform === 'win32')
        return 'windows';
    if (platform === 'darwin')
        return 'macos';
    throw new Error(`torchcraft cannot detect this machine: platform ${JSON.stringify(platform)} is not supported (linux, win32 or darwin)`);
}
function archOf(arch) {
    if (arch === 'x64')
        return 'x86_64';
    if (arch === 'arm64')
        return 'aarch64';
    throw new Error(`torchcraft cannot detect this machine: arch ${JSON.stringify(arch)} is not supported (x64 or arm64)`);
}
async function detectMachine(options) {
    const os = osOf(options.platform);
    const nodeArch = archOf(options.arch);
    const ctx = new ProbeContext(options.platform, options.env, options.fsRoot, options.timeoutMs);
    const settle = (what, probe, empty) => withinDeadline(ctx, what, probe, empty);
    const [python, nvidia, amd, pci, windows, apple] = await Promise.all([
        options.pythonVersion !== undefined
            ? Promise.resolve({ python: options.pythonVersion, notes: [] })
            : settle('the Python probe', probePython(ctx, options.python), { notes: [] }),
        settle('the NVIDIA probe', probeNvidia(ctx), { gpus: [], notes: [], troubles: [] }),
        settle('the AMD probe', probeAmd(ctx), { gpus: [], notes: [], troubles: [] }),
        settle('the PCI scan', listPciDisplayDevices(ctx).then((devices) => ({ devices, notes: [] })), { devices: [], notes: [] }),
        settle('the video controller query', probeWindowsVideo(ctx), { controllers: [], notes: [], troubles: [] }),
        settle('the Apple probe', probeApple(ctx, options.arch), { appleSilicon: false, gpus: [], notes: [] }),
    ]);
    const notes = [...nvidia.notes, ...amd.notes, ...pci.notes, ...windows.notes, ...apple.notes];
    const gpus = [...nvidia.gpus, ...amd.gpus];
    for (const device of pci.devices)
        gpus.push(...fromPci(device, nvidia.gpus.length > 0, amd.gpus.length > 0, notes));
    for (const controller of windows.controllers)
        gpus.push(...fromVideoController(controller, nvidia.gpus.length > 0, notes));
    gpus.push(...apple.gpus);
    notes.push(...python.notes);
    // The interpreter that installs decides the wheels' arch (an x86_64 Python under Rosetta still lists the Apple GPU: policy applies Intel-Mac rules).
    const { arch, notes: archNotes } = chooseArch({ os, processArch: options.arch, node: nodeArch, appleSilicon: apple.appleSilicon, interpreter: python.interpreter });
    notes.push(...archNotes);
    if (gpus.length === 0)
        notes.push('no GPU found');
    const warnings = [...nvidia.troubles, ...amd.troubles, ...windows.troubles];
    // One order whatever the source: NVIDIA, AMD, Intel, Apple (stable within a vendor).
    gpus.sort((a, b) => VENDORS.indexOf(a.vendor) - VENDORS.indexOf(b.vendor));
    // Field order as in the documented JSON form: os, arch, python, gpus, notes (warnings only when there are some).
    return {
        os,
        arch,
        ...(python.python !== undefined ? { python: python.python } : {}),
        gpus,
        notes,
        ...(warnings.length > 0 ? { warnings } : {}),
    };
}
/** A probe's result, or `empty` with a note if it has not finished shortly after the deadline. */
function withinDeadline(ctx, what, probe, empty) {
    let timer;
    const late = new Promise((resolve) => {
        // A GPU probe still running at the deadline is stuck on a tool: a trouble, not a note.
        const lateNote = `${what} did not finish in time`;
        timer = setTimeout(() => resolve('troubles' in empty ? { ...empty, troubles: [lateNote] } : { ...empty, notes: [lateNote] }), Math.max(0, ctx.deadline - Date.now()) + GRACE_MS);
        timer.unref();
    });
    // A probe should never reject; if one does, that bug becomes a note, not a crash.
    const safe = probe.catch((e) => ({ ...empty, notes: [`${what} failed: ${String(e)}`] }));
    return Promise.race([safe, late]).finally(() => clearTimeout(timer));
}
/**
 * A PCI display device as a GPU: every Intel one (policy decides which can run
 * XPU builds, from the id), and NVIDIA or AMD ones only when their own probe
 * found nothing, so a GPU without its driver or tools is still seen.
 */
function fromPci(device, haveNvidia, haveAmd, notes) {
    const name = pciGpuName(device.vendor, device.device);
    if (device.vendor === PCI_VENDOR_INTEL)
        return [{ vendor: 'intel', name, deviceId: formatPciId(device.device) }];
    if (device.vendor === PCI_VENDOR_NVIDIA && !haveNvidia) {
        notes.push(`${name} is on the PCI bus but no NVIDIA driver answered: driver version unknown`);
        return [{ vendor: 'nvidia', name }];
    }
    if (device.vendor === PCI_VENDOR_AMD && !haveAmd) {
        notes.push(`${name} is on the PCI bus but neither ROCm nor the kernel's kfd topology names its gfx target`);
        return [{ vendor: 'amd', name }];
    }
    return [];
}
/** A Windows video controller as a GPU: Intel and AMD always, NVIDIA when nvidia-smi gave nothing. */
function fromVideoController(controller, haveNvidia, notes) {
    if (controller.vendor === PCI_VENDOR_INTEL) {
        const gpu = { vendor: 'intel', name: controller.name };
        if (controller.device !== undefined)
            gpu.deviceId = formatPciId(controller.device);
        return [gpu];
    }
    if (controller.vendor === PCI_VENDOR_AMD)
        return [{ vendor: 'amd', name: controller.name }];
    if (controller.vendor === PCI_VENDOR_NVIDIA && !haveNvidia) {
        const gpu = { vendor: 'nvidia', name: controller.name };
        const capability = computeCapabilityFromName(controller.name);
        if (capability !== undefined)
            gpu.computeCapability = capability;
        const driver = controller.driverVersion === undefined ? undefined : nvidiaDriverFromWindowsVersion(controller.driverVersion);
        if (driver !== undefined)
            gpu.driver = driver;
        notes.push(`${controller.name} listed by Windows but nvidia-smi gave nothing: driver ${driver ?? 'unknown'} read from Win32_VideoController, CUDA version unknown`);
        return [gpu];
    }
    return [];
}

;// CONCATENATED MODULE: ./src/read-file.ts
/**
 * Reading a file the user named (a machine description, a requirements file)
 * without letting it block or flood the run: only regular files are read (a
 * FIFO would block until a writer came, /dev/zero would never end), opened
 * with O_NONBLOCK so that opening a FIFO cannot block either, and at most
 * `maxBytes` are read.
 */


class FileReadError extends Error {
    code;
    reason;
    constructor(
    /** An errno code ("ENOENT") or ours: "ENOTREG" (not a regular file), "EFBIG" (over the limit). */
    code, 
    /** In words, for a message: "no such file", "it is a FIFO (named pipe), not a regular file". */
    reason) {
        super(reason);
        this.code = code;
        this.reason = reason;
        this.name = 'FileReadError';
    }
}
const REASONS = {
    ENOENT: 'no such file',
    ENOTDIR: 'a folder on its path is a file',
    EISDIR: 'it is a folder',
    EACCES: 'permission denied',
    EPERM: 'permission denied',
    ELOOP: 'too many symbolic links',
    ENAMETOOLONG: 'the name is too long',
};
/** An error from the file system, in words (and its code when it has no words here). */
function describeFsError(e) {
    if (e instanceof FileReadError)
        return e.reason;
    const code = e?.code;
    if (typeof code === 'string')
        return REASONS[code] ?? code;
    return e instanceof Error ? e.message : String(e);
}
function kindOf(stats) {
    if (stats.isFIFO())
        return 'a FIFO (named pipe)';
    if (stats.isCharacterDevice())
        return 'a character device';
    if (stats.isBlockDevice())
        return 'a block device';
    if (stats.isSocket())
        return 'a socket';
    return 'not a plain file';
}
function formatBytes(n) {
    return n >= 1024 * 1024 ? `${n / (1024 * 1024)} MiB` : `${Math.round(n / 1024)} KiB`;
}
/** The bytes of a regular file, at most maxBytes; a FileReadError (or the fs error) otherwise. */
async function readRegularFile(path, maxBytes) {
    let handle;
    try {
        handle = await (0,promises_namespaceObject.open)(path, external_node_fs_namespaceObject.constants.O_RDONLY | (external_node_fs_namespaceObject.constants.O_NONBLOCK ?? 0));
    }
    catch (e) {
        const code = e?.code;
        throw new FileReadError(typeof code === 'string' ? code : 'EIO', describeFsError(e));
    }
    try {
        const stats = await handle.stat();
        if (stats.isDirectory())
            throw new FileReadError('EISDIR', REASONS.EISDIR);
        if (!stats.isFile())
            throw new FileReadError('ENOTREG', `it is ${kindOf(stats)}, not a regular file`);
        if (stats.size > maxBytes)
            throw new FileReadError('EFBIG', `it is larger than ${formatBytes(maxBytes)}`);
        // The size may be wrong (files in /proc say 0): read until the end or past the limit.
        const chunks = [];
        let total = 0;
        for (;;) {
            const buffer = Buffer.alloc(Math.min(64 * 1024, maxBytes + 1 - total));
            const { bytesRead } = await handle.read(buffer, 0, buffer.length, null);
            if (bytesRead === 0)
                break;
            chunks.push(buffer.subarray(0, bytesRead));
            total += bytesRead;
            if (total > maxBytes)
                throw new FileReadError('EFBIG', `it is larger than ${formatBytes(maxBytes)}`);
        }
        return Buffer.concat(chunks);
    }
    catch (e) {
        if (e instanceof FileReadError)
            throw e;
        const code = e?.code;
        throw new FileReadError(typeof code === 'string' ? code : 'EIO', describeFsError(e));
    }
    finally {
        await handle.close();
    }
}

;// CONCATENATED MODULE: ./src/detect/load-machine.ts
/**
 * Reading a machine description the user wrote (input `machine`, flag
 * `--machine FILE`): the same JSON that `torchcraft detect` prints. Validated
 * field by field so a mistake is named before anything is planned; unknown
 * fields are dropped. An NVIDIA GPU written without its compute capability gets
 * the one its name tells, as detection does, with a note: without it the plan
 * cannot tell a Pascal card from a Blackwell one.
 */





const load_machine_INPUT = 'machine';
/** Optional string fields each vendor may carry, and the form each must have. */
const GPU_FIELDS = {
    nvidia: {
        computeCapability: { pattern: /^\d{1,2}\.\d{1,2}$/, allowed: 'a "major.minor" string such as "8.6"' },
        driver: { pattern: /^\d{1,4}(?:\.\d{1,4}){1,2}$/, allowed: 'a dotted version string such as "550.54.15"' },
        cuda: { pattern: /^\d{1,3}\.\d{1,3}$/, allowed: 'a "major.minor" string such as "12.4"' },
    },
    amd: {
        gfx: { pattern: /^gfx[0-9a-f]{2,5}$/, allowed: 'an LLVM target string such as "gfx942"' },
    },
    intel: {
        deviceId: { pattern: /^0x[0-9a-f]{4}$/, allowed: 'a PCI device id string such as "0x56a0" (lower-case hex with 0x)' },
    },
    apple: {},
};
/** The machine described by `text`; throws InputError('machine', source, ...) naming the field at fault. */
function parseMachineJson(text, source) {
    const fail = (problem) => {
        throw new InputError(load_machine_INPUT, source, problem);
    };
    let data;
    try {
        data = JSON.parse(text.replace(/^\uFEFF/, ''));
    }
    catch (e) {
        // JSON.parse quotes the start of the text in its message: that could be anything the path
        // pointed at (/proc/self/environ), so only where it failed is said.
        return fail(`it is not valid JSON (${jsonProblem(text, e)}); expected an object like {"os": "linux", "arch": "x86_64", "gpus": []}`);
    }
    if (!isRecord(data))
        return fail(`expected a JSON object with "os", "arch" and "gpus", got ${load_machine_kindOf(data)}`);
    const os = data.os;
    if (typeof os !== 'string' || !OSES.includes(os)) {
        fail(`field "os" is ${describe(os)}; allowed: ${OSES.map((o) => JSON.stringify(o)).join(', ')}`);
    }
    const arch = data.arch;
    if (typeof arch !== 'string' || !ARCHES.includes(arch)) {
        fail(`field "arch" is ${describe(arch)}; allowed: ${ARCHES.map((a) => JSON.stringify(a)).join(', ')}`);
    }
    const machine = { os: os, arch: arch, gpus: [], notes: [] };
    if (data.python !== undefined) {
        // "3.13t": a free-threaded build, which has wheels of its own.
        if (typeof data.python !== 'string' || !/^3\.\d{1,2}t?$/.test(data.python)) {
            fail(`field "python" is ${describe(data.python)}; allowed: a "3.N" string such as "3.12" (or "3.13t" for a free-threaded Python), or leave it out`);
        }
        machine.python = data.python;
    }
    if (data.gpus !== undefined) {
        if (!Array.isArray(data.gpus))
            fail(`field "gpus" is ${describe(data.gpus)}; allowed: an array of GPU objects (may be empty)`);
        machine.gpus = data.gpus.map((gpu, i) => parseGpu(gpu, `gpus[${i}]`, fail));
    }
    else {
        fail('field "gpus" is missing; allowed: an array of GPU objects, [] for none');
    }
    if (data.notes !== undefined) {
        if (!Array.isArray(data.notes) || !data.notes.every((n) => typeof n === 'string')) {
            fail(`field "notes" is ${describe(data.notes)}; allowed: an array of strings, or leave it out`);
        }
        machine.notes = [...data.notes];
    }
    for (const gpu of machine.gpus) {
        if (gpu.vendor !== 'nvidia' || gpu.computeCapability !== undefined)
            continue;
        const capability = computeCapabilityFromName(gpu.name);
        if (capability === undefined)
            continue;
        gpu.computeCapability = capability;
        machine.notes.push(`computeCapability of ${gpu.name} taken from its name: ${capability}`);
    }
    if (data.warnings !== undefined) {
        if (!Array.isArray(data.warnings) || !data.warnings.every((n) => typeof n === 'string')) {
            fail(`field "warnings" is ${describe(data.warnings)}; allowed: an array of strings, or leave it out`);
        }
        if (data.warnings.length > 0)
            machine.warnings = [...data.warnings];
    }
    return machine;
}
function parseGpu(value, at, fail) {
    if (!isRecord(value))
        return fail(`${at} is ${describe(value)}; allowed: an object with "vendor" and "name"`);
    const vendor = value.vendor;
    if (typeof vendor !== 'string' || !VENDORS.includes(vendor)) {
        fail(`${at}.vendor is ${describe(vendor)}; allowed: ${VENDORS.map((v) => JSON.stringify(v)).join(', ')}`);
    }
    if (typeof value.name !== 'string' || value.name.trim() === '') {
        fail(`${at}.name is ${describe(value.name)}; allowed: a non-empty string such as "NVIDIA A100-SXM4-80GB"`);
    }
    const gpu = { vendor: vendor, name: value.name };
    for (const [field, rule] of Object.entries(GPU_FIELDS[vendor])) {
        const v = value[field];
        if (v === undefined)
            continue;
        if (typeof v !== 'string' || !rule.pattern.test(v))
            fail(`${at}.${field} is ${describe(v)}; allowed: ${rule.allowed}, or leave it out`);
        gpu[field] = v;
    }
    return gpu;
}
/** Where JSON.parse failed, in words, without quoting the text. */
function jsonProblem(text, e) {
    const message = e instanceof Error ? e.message : String(e);
    const position = /position (\d+)/.exec(message);
    if (position)
        return `it fails at character ${Number(position[1]) + 1}`;
    if (/Unexpected end/.test(message))
        return 'it ends too early';
    const token = /Unexpected token '(.)'/u.exec(message);
    const at = token ? text.indexOf(token[1]) : -1;
    return at >= 0 ? `it fails at character ${at + 1}` : 'it cannot be parsed';
}
function isRecord(v) {
    return typeof v === 'object' && v !== null && !Array.isArray(v);
}
function load_machine_kindOf(v) {
    if (v === null)
        return 'null';
    if (Array.isArray(v))
        return 'an array';
    return typeof v === 'object' ? 'an object' : `a ${typeof v}`;
}
/** How a wrong value reads in a message: `"Linux"`, `3.12 (a number)`, `missing`. */
function describe(v) {
    if (v === undefined)
        return 'missing';
    if (typeof v === 'string')
        return JSON.stringify(v.length > 60 ? `${v.slice(0, 57)}...` : v);
    if (typeof v === 'number' || typeof v === 'boolean')
        return `${String(v)} (a ${typeof v}, not a string)`;
    return load_machine_kindOf(v);
}
/** A machine description file larger than this is not one (a description of 64 GPUs is a few KiB). */
const MAX_MACHINE_FILE_BYTES = 4 * 1024 * 1024;
/**
 * The text of a machine description file. Only a regular file is read (a FIFO
 * would block the run until something wrote to it), and at most 4 MiB of it.
 */
async function readMachineFile(path, given) {
    try {
        return (await readRegularFile(path, MAX_MACHINE_FILE_BYTES)).toString('utf8');
    }
    catch (e) {
        const why = e instanceof Error ? e.message : String(e);
        throw new InputError(load_machine_INPUT, given, `cannot read the file (${why}); allowed: a path to a machine description JSON file, or the JSON itself.`);
    }
}
/** Bounds on a machine description, detected or given: no real machine comes near them. */
const MACHINE_LIMITS = { gpus: 64, nameChars: 256, notes: 200, warnings: 50, textChars: 1000 };
/**
 * The machine within MACHINE_LIMITS: GPUs past the 64th left out (a tool that
 * printed 6,394 "GPUs" would otherwise fill the summary past GitHub's 1 MiB and
 * the json output past 1 MB), names and notes shortened, the lists cut, each cut
 * said in a note ("… and N more").
 */
function capMachine(machine) {
    const gpus = machine.gpus.slice(0, MACHINE_LIMITS.gpus).map((g) => (g.name.length > MACHINE_LIMITS.nameChars ? { ...g, name: shorten(g.name, MACHINE_LIMITS.nameChars) } : g));
    const cutList = (items, max, what) => {
        const kept = items.slice(0, max).map((t) => shorten(t, MACHINE_LIMITS.textChars));
        return items.length > max ? [...kept, `… and ${items.length - max} more ${what}`] : kept;
    };
    const notes = cutList(machine.notes, MACHINE_LIMITS.notes, 'notes');
    if (machine.gpus.length > MACHINE_LIMITS.gpus) {
        notes.unshift(`${machine.gpus.length} GPUs were reported; only the first ${MACHINE_LIMITS.gpus} are planned for and shown (… and ${machine.gpus.length - MACHINE_LIMITS.gpus} more). No machine has that many: check what the GPU tool printed.`);
    }
    const capped = { ...machine, gpus, notes };
    if (machine.warnings !== undefined)
        capped.warnings = cutList(machine.warnings, MACHINE_LIMITS.warnings, 'warnings');
    return capped;
}

;// CONCATENATED MODULE: ./src/package-name.ts
/**
 * PEP 503 normalisation: lower case, every run of `-`, `_` and `.` becomes one `-`.
 * `Torch_Vision` is `torch-vision` (a different project from `torchvision`).
 * One rule for the requirements reader and the planner, which both compare names.
 */
function normalizeName(name) {
    return name.trim().replace(/[-_.]+/g, '-').toLowerCase();
}

;// CONCATENATED MODULE: ./src/requirements/family.ts
/**
 * Which Python projects belong to the PyTorch family: the ones whose builds must
 * match the torch build torchcraft chooses, so a pin on any of them constrains
 * the plan. Names are compared after PEP 503 normalisation.
 */

/** The family, normalised. `pytorch-triton` also stands for its suffixed builds (see isPytorchFamily). */
const PYTORCH_FAMILY = [
    'torch',
    'torchvision',
    'torchaudio',
    'xformers',
    'torchao',
    'torchtext',
    'torchdata',
    'triton',
    'pytorch-triton',
];

/**
 * True for a (normalised or not) project name of the family. The triton builds the
 * PyTorch index serves per accelerator (`pytorch-triton-rocm`, `pytorch-triton-xpu`…)
 * are all `pytorch-triton-*`, and new ones appear with new backends, so they match by prefix.
 */
function isPytorchFamily(name) {
    const n = normalizeName(name);
    return PYTORCH_FAMILY.includes(n) || n.startsWith('pytorch-triton-');
}

;// CONCATENATED MODULE: ./src/requirements/target.ts
/** The marker variables PEP 508 defines (with the legacy dotted spellings packaging still accepts, mapped in markers.ts). */
const MARKER_VARIABLES = [
    'python_version',
    'python_full_version',
    'os_name',
    'sys_platform',
    'platform_release',
    'platform_system',
    'platform_version',
    'platform_machine',
    'platform_python_implementation',
    'implementation_name',
    'implementation_version',
    'extra',
];
// What CPython reports on each OS: sys.platform, platform.system(), os.name,
// and platform.machine(), which differs per OS for the same CPU
// (Windows says AMD64/ARM64, macOS arm64, Linux aarch64).
const PER_OS = {
    linux: { sys_platform: 'linux', platform_system: 'Linux', os_name: 'posix', machine: { x86_64: 'x86_64', aarch64: 'aarch64' } },
    windows: { sys_platform: 'win32', platform_system: 'Windows', os_name: 'nt', machine: { x86_64: 'AMD64', aarch64: 'ARM64' } },
    macos: { sys_platform: 'darwin', platform_system: 'Darwin', os_name: 'posix', machine: { x86_64: 'x86_64', aarch64: 'arm64' } },
};
function markerValues(target) {
    const os = PER_OS[target.os];
    const values = {
        sys_platform: os.sys_platform,
        platform_system: os.platform_system,
        os_name: os.os_name,
        platform_machine: os.machine[target.arch],
        implementation_name: 'cpython',
        platform_python_implementation: 'CPython',
    };
    const python = parsePython(target.python);
    if (python) {
        values.python_version = python.version;
        values.python_full_version = python.full;
        values.implementation_version = python.full;
    }
    return values;
}
/** "3.12" -> 3.12 / 3.12.0; "3.12.4" -> 3.12 / 3.12.4; "3.13t" (free-threaded) -> 3.13 / 3.13.0; anything else is unknown. */
function parsePython(text) {
    const m = /^\s*(\d+)\.(\d+)(?:\.(\d+))?t?\s*$/.exec(text ?? '');
    if (!m)
        return null;
    return { version: `${m[1]}.${m[2]}`, full: `${m[1]}.${m[2]}.${m[3] ?? '0'}` };
}

;// CONCATENATED MODULE: ./src/requirements/markers.ts
/**
 * PEP 508 environment markers: a tokenizer, a recursive-descent parser over the
 * grammar (`or` / `and` / parentheses / comparisons), and an evaluator for a
 * target machine. The text comes from the user's files, so nothing here throws:
 * garbage is an error result the caller turns into an InputError or a note.
 *
 * Evaluation is three-valued. A variable the target does not know (the Python
 * when none was given, the kernel release) makes its comparison "unknown", and
 * `and`/`or` combine as in Kleene logic, so `sys_platform == "darwin" and
 * python_version < "3.10"` is plainly false on Linux even without a Python.
 * Only a marker whose outcome really hinges on an unknown is reported as such.
 */



// packaging still accepts these older spellings; real files carry them.
const LEGACY_NAMES = {
    'os.name': 'os_name',
    'sys.platform': 'sys_platform',
    'platform.version': 'platform_version',
    'platform.machine': 'platform_machine',
    'platform.python_implementation': 'platform_python_implementation',
    python_implementation: 'platform_python_implementation',
};
// Nesting deeper than this is not a real marker; refusing it keeps the
// recursive parser far from the stack limit whatever the input.
const MAX_DEPTH = 64;
// Likewise for length: `and` chains build a tree as deep as they are long, and
// evaluation recurses over it. Real markers have a few dozen tokens.
const MAX_TOKENS = 2000;
/** Evaluate a marker (the text after `;`) for an environment. Never throws. */
function evaluateMarker(text, env) {
    try {
        const parsed = parseMarker(text);
        if (!parsed.ok)
            return parsed;
        return evaluateTree(parsed.tree, env);
    }
    catch (e) {
        // Defensive: every known failure is a result already; this keeps the promise.
        return { ok: false, error: `marker could not be evaluated (${e instanceof Error ? e.message : String(e)})` };
    }
}
function parseMarker(text) {
    const tokens = tokenize(text);
    if (!tokens.ok)
        return tokens;
    if (tokens.tokens.length === 0)
        return { ok: false, error: 'empty marker' };
    if (tokens.tokens.length > MAX_TOKENS)
        return { ok: false, error: `more than ${MAX_TOKENS} tokens` };
    const parser = new Parser(tokens.tokens, text);
    return parser.parseAll();
}
function tokenize(text) {
    const tokens = [];
    let i = 0;
    while (i < text.length) {
        const c = text[i];
        if (c === ' ' || c === '\t' || c === '\n' || c === '\r' || c === '\f' || c === '\v') {
            i++;
            continue;
        }
        if (c === '(' || c === ')') {
            tokens.push({ kind: c === '(' ? 'lparen' : 'rparen', at: i });
            i++;
            continue;
        }
        if (c === '"' || c === "'") {
            // PEP 508 strings have no escapes: they end at the next matching quote.
            const end = text.indexOf(c, i + 1);
            if (end < 0)
                return { ok: false, error: `unterminated string at column ${i + 1}` };
            tokens.push({ kind: 'str', value: text.slice(i + 1, end), at: i });
            i = end + 1;
            continue;
        }
        const op = /^(===|==|!=|<=|>=|~=|<|>)/.exec(text.slice(i, i + 3));
        if (op) {
            tokens.push({ kind: 'op', op: op[1], at: i });
            i += op[1].length;
            continue;
        }
        const word = /^[A-Za-z_][A-Za-z0-9_.]*/.exec(text.slice(i, i + 64));
        if (word) {
            const w = word[0];
            if (w === 'and' || w === 'or' || w === 'in' || w === 'not')
                tokens.push({ kind: w, at: i });
            else {
                const name = MARKER_VARIABLES.includes(w) ? w : LEGACY_NAMES[w];
                if (!name)
                    return { ok: false, error: `unknown marker variable "${w}" at column ${i + 1}` };
                tokens.push({ kind: 'var', name, at: i });
            }
            i += w.length;
            continue;
        }
        return { ok: false, error: `unexpected ${JSON.stringify(c)} at column ${i + 1}` };
    }
    return { ok: true, tokens };
}
class MarkerSyntaxError {
    message;
    constructor(message) {
        this.message = message;
    }
}
/**
 *   marker_or  = marker_and ('or' marker_and)*
 *   marker_and = marker_expr ('and' marker_expr)*
 *   marker_expr = marker_var marker_op marker_var | '(' marker_or ')'
 *   marker_op  = version_cmp | 'in' | 'not' 'in'
 */
class Parser {
    tokens;
    text;
    pos = 0;
    depth = 0;
    constructor(tokens, text) {
        this.tokens = tokens;
        this.text = text;
    }
    parseAll() {
        try {
            const tree = this.parseOr();
            if (this.pos < this.tokens.length)
                this.fail('expected "and", "or" or the end');
            return { ok: true, tree };
        }
        catch (e) {
            if (e instanceof MarkerSyntaxError)
                return { ok: false, error: e.message };
            throw e;
        }
    }
    fail(expected) {
        const t = this.tokens[this.pos];
        const where = t ? `at column ${t.at + 1} ("${this.text.slice(t.at, t.at + 12)}")` : 'at the end';
        throw new MarkerSyntaxError(`${expected} ${where}`);
    }
    parseOr() {
        let left = this.parseAnd();
        while (this.tokens[this.pos]?.kind === 'or') {
            this.pos++;
            left = { kind: 'or', left, right: this.parseAnd() };
        }
        return left;
    }
    parseAnd() {
        let left = this.parseExpr();
        while (this.tokens[this.pos]?.kind === 'and') {
            this.pos++;
            left = { kind: 'and', left, right: this.parseExpr() };
        }
        return left;
    }
    parseExpr() {
        const t = this.tokens[this.pos];
        if (t?.kind === 'lparen') {
            if (++this.depth > MAX_DEPTH)
                this.fail(`nesting deeper than ${MAX_DEPTH}`);
            this.pos++;
            const inner = this.parseOr();
            if (this.tokens[this.pos]?.kind !== 'rparen')
                this.fail('expected ")"');
            this.pos++;
            this.depth--;
            return inner;
        }
        const lhs = this.parseOperand();
        const op = this.parseOp();
        const rhs = this.parseOperand();
        return { kind: 'cmp', lhs, op, rhs };
    }
    parseOperand() {
        const t = this.tokens[this.pos];
        if (t?.kind === 'var') {
            this.pos++;
            return { kind: 'var', name: t.name };
        }
        if (t?.kind === 'str') {
            this.pos++;
            return { kind: 'str', value: t.value };
        }
        return this.fail('expected a marker variable or a quoted string');
    }
    parseOp() {
        const t = this.tokens[this.pos];
        if (t?.kind === 'op') {
            this.pos++;
            return t.op;
        }
        if (t?.kind === 'in') {
            this.pos++;
            return 'in';
        }
        if (t?.kind === 'not' && this.tokens[this.pos + 1]?.kind === 'in') {
            this.pos += 2;
            return 'not in';
        }
        return this.fail('expected a comparison (==, !=, <, <=, >, >=, ~=, ===, in, not in)');
    }
}
/**
 * `extra` is special (as in pip): the marker is true when it holds for any one
 * of the extras being installed, or, with none, for extra == "".
 */
function evaluateTree(tree, env) {
    const unknown = new Set();
    const candidates = env.extras === 'unknown' ? [null] : env.extras.length > 0 && usesExtra(tree) ? env.extras.map(normalizeName) : [''];
    let value = false;
    for (const extra of candidates) {
        const r = evaluateNode(tree, env.values, extra, unknown);
        if (typeof r === 'object')
            return { ok: false, error: r.error };
        value = or(value, r);
    }
    return { ok: true, value, unknown: value === 'unknown' ? [...unknown] : [] };
}
function usesExtra(node) {
    if (node.kind === 'cmp')
        return isExtra(node.lhs) || isExtra(node.rhs);
    return usesExtra(node.left) || usesExtra(node.right);
}
function isExtra(o) {
    return o.kind === 'var' && o.name === 'extra';
}
function markers_valueOf(o, values, extra) {
    if (o.kind === 'str')
        return o.value;
    if (o.name === 'extra')
        return extra;
    return values[o.name] ?? null;
}
function evaluateNode(node, values, extra, unknown) {
    if (node.kind === 'cmp')
        return compare(node, values, extra, unknown);
    const left = evaluateNode(node.left, values, extra, unknown);
    if (typeof left === 'object')
        return left;
    const right = evaluateNode(node.right, values, extra, unknown);
    if (typeof right === 'object')
        return right;
    return node.kind === 'and' ? and(left, right) : or(left, right);
}
function and(a, b) {
    if (a === false || b === false)
        return false;
    if (a === 'unknown' || b === 'unknown')
        return 'unknown';
    return true;
}
function or(a, b) {
    if (a === true || b === true)
        return true;
    if (a === 'unknown' || b === 'unknown')
        return 'unknown';
    return false;
}
function compare(node, values, extra, unknown) {
    let lhs = markers_valueOf(node.lhs, values, extra);
    let rhs = markers_valueOf(node.rhs, values, extra);
    if (lhs === null || rhs === null) {
        for (const o of [node.lhs, node.rhs])
            if (o.kind === 'var' && markers_valueOf(o, values, extra) === null)
                unknown.add(o.name);
        return 'unknown';
    }
    // Extra names compare normalised on both sides (PEP 685).
    if (isExtra(node.lhs) || isExtra(node.rhs)) {
        lhs = normalizeName(lhs);
        rhs = normalizeName(rhs);
    }
    switch (node.op) {
        case 'in':
            return rhs.includes(lhs);
        case 'not in':
            return !rhs.includes(lhs);
        default:
            return compareVersionsOrStrings(lhs, node.op, rhs);
    }
}
/**
 * As packaging does: when `op rhs` is a valid PEP 440 specifier and the left side
 * a valid version, compare as versions ("3.10" > "3.9"); otherwise as strings.
 */
function compareVersionsOrStrings(lhs, op, rhs) {
    const spec = `${op}${rhs}`;
    if (op !== '===' && (0,pep440.valid)(lhs) !== null && (0,pep440.validRange)(spec)) {
        return (0,pep440.satisfies)(lhs, spec, { prereleases: true });
    }
    switch (op) {
        case '===':
        case '==':
            return lhs === rhs;
        case '!=':
            return lhs !== rhs;
        case '<':
            return lhs < rhs;
        case '<=':
            return lhs <= rhs;
        case '>':
            return lhs > rhs;
        case '>=':
            return lhs >= rhs;
        case '~=':
            return { error: `"${lhs}" ~= "${rhs}" compares versions, and these are not both versions` };
    }
}

;// CONCATENATED MODULE: ./src/requirements/requirement.ts
/**
 * One PEP 508 requirement string, `name[extras] specifier ; marker` or
 * `name[extras] @ url ; marker`, split into its parts. Syntax only: whether the
 * marker holds is markers.ts's job, what the name means is the caller's.
 * Never throws: a string that is not a requirement is an error result, with the
 * name when it could be read, so the caller can be strict about family packages
 * and lenient about the rest.
 */



// PEP 508 identifiers: letters and digits at both ends, `-_.` allowed inside.
const requirement_NAME = /^[A-Za-z0-9](?:[A-Za-z0-9._-]*[A-Za-z0-9])?/;
const EXTRA = /^[A-Za-z0-9](?:[A-Za-z0-9._-]*[A-Za-z0-9])?$/;
function parseRequirement(text) {
    const s = text.trim();
    const nameMatch = requirement_NAME.exec(s);
    if (!nameMatch)
        return { ok: false, error: 'does not start with a project name' };
    const name = nameMatch[0];
    const project = normalizeName(name);
    const fail = (error) => ({ ok: false, error, project });
    let rest = s.slice(name.length).trimStart();
    let extras = [];
    if (rest.startsWith('[')) {
        const close = rest.indexOf(']');
        if (close < 0)
            return fail('has "[" without a closing "]"');
        const inner = rest.slice(1, close).trim();
        extras = inner === '' ? [] : inner.split(',').map((e) => e.trim());
        const bad = extras.find((e) => !EXTRA.test(e));
        if (bad !== undefined)
            return fail(`has an invalid extra ${JSON.stringify(shorten(bad, 80))}`);
        rest = rest.slice(close + 1).trimStart();
    }
    if (rest.startsWith('@')) {
        // A URL ends at whitespace; a marker after it must be set off by whitespace (PEP 508).
        const after = rest.slice(1).trimStart();
        const end = after.search(/\s/);
        const url = end < 0 ? after : after.slice(0, end);
        if (url === '')
            return fail('has "@" without a URL');
        const tail = end < 0 ? '' : after.slice(end).trim();
        if (tail === '')
            return { ok: true, requirement: { name, project, extras, specifier: '', url } };
        if (!tail.startsWith(';'))
            return fail(`has ${JSON.stringify(tail.slice(0, 20))} after the URL where only "; marker" may follow`);
        const marker = tail.slice(1).trim();
        if (marker === '')
            return fail('has ";" without a marker');
        return { ok: true, requirement: { name, project, extras, specifier: '', url, marker } };
    }
    const semi = rest.indexOf(';');
    let spec = (semi < 0 ? rest : rest.slice(0, semi)).trim();
    let marker;
    if (semi >= 0) {
        marker = rest.slice(semi + 1).trim();
        if (marker === '')
            return fail('has ";" without a marker');
    }
    if (spec.startsWith('(')) {
        if (!spec.endsWith(')'))
            return fail('has "(" without a closing ")"');
        spec = spec.slice(1, -1).trim();
    }
    if (spec !== '' && !isValidSpecifier(spec)) {
        return fail(`has an invalid version specifier ${JSON.stringify(shorten(spec, 80))} (PEP 440: e.g. "==2.5.1", ">=2.4,<2.6", "~=2.5")`);
    }
    // Validated as written; stored without whitespace, which carries no meaning there.
    const specifier = spec.replace(/\s+/g, '');
    return { ok: true, requirement: { name, project, extras, specifier, ...(marker !== undefined ? { marker } : {}) } };
}
function isValidSpecifier(specifier) {
    try {
        return (0,pep440.validRange)(specifier);
    }
    catch {
        return false;
    }
}

;// CONCATENATED MODULE: ./src/pytorch-index/wheel-name.ts
/**
 * Wheel file names (PEP 427, with PEP 425 compressed tag sets):
 * `{name}-{version}(-{build})?-{python}-{abi}-{platform}.whl`, `-` in the name
 * written as `_`. `torch-2.14.1%2Bcu130-cp313-cp313t-manylinux_2_28_x86_64.whl` is
 * torch 2.14.1+cu130 for free-threaded CPython 3.13 on glibc 2.28+ x86_64 Linux.
 * Pure and linear in the name's length: names come from index pages and users' files.
 */


/** Longer than any real wheel name; a longer "name" is garbage, not parsed. */
const MAX_NAME = 512;
/** The last path segment of a URL or path, percent-decoded, without query or fragment. */
function lastSegment(link) {
    const path = link.split(/[?#]/, 1)[0];
    const last = path.slice(Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\')) + 1);
    try {
        // URLs escape the "+" of a local label as %2B; a path that is not escaped stays as it is.
        return decodeURIComponent(last);
    }
    catch {
        return last;
    }
}
/** A wheel file name's parts, or null when the text is not one. */
function parseWheelName(fileName) {
    if (fileName.length > MAX_NAME || !/\.whl$/i.test(fileName))
        return null;
    const parts = fileName.slice(0, -'.whl'.length).split('-');
    if (parts.length !== 5 && parts.length !== 6)
        return null;
    const [name, version] = parts;
    const build = parts.length === 6 ? parts[2] : undefined;
    const [py, abi, platform] = parts.slice(-3);
    if (!/^[A-Za-z0-9](?:[A-Za-z0-9._]*[A-Za-z0-9])?$/.test(name) || (0,pep440.valid)(version) === null)
        return null;
    // PEP 427: a build tag starts with a digit.
    if (build !== undefined && !/^\d[A-Za-z0-9_.]*$/.test(build))
        return null;
    const tags = (set) => {
        const list = set.split('.');
        return list.every((t) => /^[A-Za-z0-9_]+$/.test(t)) ? list.map((t) => t.toLowerCase()) : null;
    };
    const pythonTags = tags(py);
    const abiTags = tags(abi);
    const platformTags = tags(platform);
    if (!pythonTags || !abiTags || !platformTags)
        return null;
    return {
        name,
        project: normalizeName(name),
        version,
        local: ((0,pep440.explain)(version)?.local ?? '').toLowerCase(),
        ...(build !== undefined ? { build } : {}),
        pythonTags,
        abiTags,
        platformTags,
    };
}
/** The wheel a URL or path names, or null when its last segment is not a wheel file name. */
function wheelFromLink(link) {
    return parseWheelName(lastSegment(link));
}

;// CONCATENATED MODULE: ./src/requirements/wheel.ts
/**
 * What a wheel link in a project's requirements tells: the project and the exact
 * version, local label included (`torch-2.1.2%2Bcu121-cp311-cp311-linux_x86_64.whl`
 * is torch 2.1.2+cu121). A line that installs that file installs that version, so
 * it can pin the plan. The file name itself is read by the one wheel-name parser
 * (src/pytorch-index/wheel-name.ts), which index pages go through too.
 */


/** The wheel a URL or path names, or null when its last segment is not a wheel file name. */
function wheel_wheelFromLink(link) {
    const wheel = wheelFromLink(link);
    return wheel === null ? null : { name: wheel.name, version: wheel.version };
}
/** The exact version a link to `project`'s wheel installs; null when the link is not such a wheel. */
function wheelPin(link, project) {
    const wheel = wheel_wheelFromLink(link);
    if (wheel === null || normalizeName(wheel.name) !== normalizeName(project))
        return null;
    return wheel.version;
}

;// CONCATENATED MODULE: ./src/requirements/collector.ts
/**
 * Where requirements from every file end up: the family's constraints, the
 * notes for the user, the files read. Both readers (pip requirement files and
 * pyproject.toml) hand each requirement string here, so the rules for what is
 * an error and what is a note live in one place:
 *
 * - a PyTorch-family requirement must be fully valid (name, specifier, marker):
 *   a mistake there would silently change the plan, so it is an InputError;
 * - any other package is pip's business: a line pip may refuse is a note, not
 *   a failure, as long as it starts with a project name;
 * - text that is not a requirement at all (no name) is an InputError, because
 *   torchcraft cannot tell whether it was meant to be torch;
 * - what the project's own install will do behind torchcraft.txt's back (a family
 *   package from a URL, a pin torchcraft cannot read) is a warning, not a note:
 *   the user must see it, since it undoes the plan.
 */







/** `NAME=value` (a .env line): a single "=" after a name. */
const ASSIGNMENT = /^\s*([A-Za-z_][A-Za-z0-9_.-]*)\s*=(?!=)/;
/** A note or warning longer than this quotes outside text at length: it is shortened. */
const MAX_NOTE = 1000;
class Collector {
    values;
    constraints = [];
    notes = [];
    /** What will undo or bypass the plan when the project installs itself; see ProjectRequirements.warnings. */
    warnings = [];
    files = [];
    // Each list is de-duplicated through a set beside it: a search of the list per
    // line made 40,000 lines cost ~27 s.
    seen = { notes: new Set(), warnings: new Set(), files: new Set(), constraints: new Set() };
    constructor(values) {
        this.values = values;
    }
    note(source, message) {
        const line = shorten(`${source}: ${message}`, MAX_NOTE);
        if (!this.seen.notes.has(line)) {
            this.seen.notes.add(line);
            this.notes.push(line);
        }
    }
    warn(source, message) {
        const line = shorten(`${source}: ${message}`, MAX_NOTE);
        if (!this.seen.warnings.has(line)) {
            this.seen.warnings.add(line);
            this.warnings.push(line);
        }
    }
    /** Record a family pin, once per (project, specifier, source). */
    constrain(constraint) {
        const key = JSON.stringify([constraint.project, constraint.specifier, constraint.source]);
        if (!this.seen.constraints.has(key)) {
            this.seen.constraints.add(key);
            this.constraints.push(constraint);
        }
    }
    /**
     * A family package installed from a link (`torch @ url`, a wheel's URL or path,
     * an editable checkout): the line fixes the build, so the project's install
     * replaces torchcraft's. A wheel's file name still tells the version (and the
     * build, by its local label), which becomes a pin so the plan agrees with it.
     */
    direct(project, link, origin, shown, what) {
        const pin = wheelPin(link, project);
        if (pin !== null)
            this.constrain({ project, specifier: `==${pin}`, source: origin.source });
        const planned = pin !== null ? ` torchcraft plans for ${project}==${pin}, the version its file name gives, but` : ' torchcraft does not constrain it, and';
        this.warn(origin.source, `${quote(shown)} ${what}, which fixes the build;${planned} installing that line will replace the build torchcraft.txt chose.`);
    }
    /**
     * Whether a requirement with this marker applies to the target: true (holds or
     * may hold, with a note for a family package when unknown), false (with a note
     * for a family package). A marker that cannot be read is an InputError on a
     * family package and a note (false) on any other.
     */
    applies(marker, family, origin, extras, shown) {
        if (marker === undefined)
            return true;
        const result = evaluateMarker(marker, { values: this.values, extras });
        if (!result.ok) {
            if (family)
                throw new InputError('requirements', origin.file, `${origin.place}: the marker of ${quote(shown)} cannot be read: ${result.error}.`);
            this.note(origin.source, `the marker of ${quote(shown)} cannot be read (${result.error}); it is not a PyTorch package, so torchcraft leaves it to pip.`);
            return false;
        }
        if (result.value === false) {
            if (family)
                this.note(origin.source, `${quote(shown)} does not apply to this machine (its marker is false here), so it does not constrain the plan.`);
            return false;
        }
        if (result.value === 'unknown' && family) {
            this.note(origin.source, `${quote(shown)} depends on ${result.unknown.join(', ')}, which is not known for this machine; it is counted as applying.`);
        }
        return true;
    }
    fileRead(display) {
        if (!this.seen.files.has(display)) {
            this.seen.files.add(display);
            this.files.push(display);
        }
    }
    /**
     * Record one requirement string. Returns it when it applies to the target (its
     * marker holds or may hold), null when it does not or could not be read.
     * `shown` is the text as written, for messages, when `text` had environment
     * variables expanded: their values stay out of notes.
     */
    add(text, origin, extras, shown = text) {
        const parsed = parseRequirement(text);
        const assignment = parsed.ok ? null : ASSIGNMENT.exec(shown);
        if (assignment) {
            // KEY=value is never a requirement (a single "=" is no operator), and it is how .env files
            // hold secrets: the value is not repeated in any message.
            const what = `${quote(`${assignment[1]}=…`)} is a variable assignment, not a requirement (a version needs "=="); the rest of the line is not shown`;
            if (isPytorchFamily(assignment[1]))
                throw new InputError('requirements', origin.file, `${origin.place}: ${what}.`);
            this.note(origin.source, `${what}; torchcraft leaves it to pip.`);
            return null;
        }
        if (!parsed.ok) {
            if (parsed.project === undefined) {
                throw new InputError('requirements', origin.file, `${origin.place}: ${quote(shown)} is not a requirement: it ${parsed.error}.`);
            }
            if (isPytorchFamily(parsed.project)) {
                throw new InputError('requirements', origin.file, `${origin.place}: ${quote(shown)} ${parsed.error}.`);
            }
            this.note(origin.source, `${quote(shown)} ${parsed.error}; it is not a PyTorch package, so torchcraft leaves it to pip.`);
            return null;
        }
        const req = parsed.requirement;
        const family = isPytorchFamily(req.project);
        if (!this.applies(req.marker, family, origin, extras, shown))
            return null;
        if (!family)
            return req;
        if (req.url !== undefined) {
            this.direct(req.project, req.url, origin, shown, `installs ${req.project} from a URL`);
            return req;
        }
        this.constrain({ project: req.project, specifier: req.specifier, source: origin.source });
        return req;
    }
}
/** Text from a user's file, shortened and with any URL credentials masked, for messages. */
function quote(text) {
    const clean = redactText(text.trim());
    return JSON.stringify(clean.length > 120 ? `${clean.slice(0, 117)}...` : clean);
}

;// CONCATENATED MODULE: ./node_modules/smol-toml/dist/error.js
/*!
 * Copyright (c) Squirrel Chat et al., All rights reserved.
 * SPDX-License-Identifier: BSD-3-Clause
 *
 * Redistribution and use in source and binary forms, with or without
 * modification, are permitted provided that the following conditions are met:
 *
 * 1. Redistributions of source code must retain the above copyright notice, this
 *    list of conditions and the following disclaimer.
 * 2. Redistributions in binary form must reproduce the above copyright notice,
 *    this list of conditions and the following disclaimer in the
 *    documentation and/or other materials provided with the distribution.
 * 3. Neither the name of the copyright holder nor the names of its contributors
 *    may be used to endorse or promote products derived from this software without
 *    specific prior written permission.
 *
 * THIS SOFTWARE IS PROVIDED BY THE COPYRIGHT HOLDERS AND CONTRIBUTORS "AS IS" AND
 * ANY EXPRESS OR IMPLIED WARRANTIES, INCLUDING, BUT NOT LIMITED TO, THE IMPLIED
 * WARRANTIES OF MERCHANTABILITY AND FITNESS FOR A PARTICULAR PURPOSE ARE
 * DISCLAIMED. IN NO EVENT SHALL THE COPYRIGHT HOLDER OR CONTRIBUTORS BE LIABLE
 * FOR ANY DIRECT, INDIRECT, INCIDENTAL, SPECIAL, EXEMPLARY, OR CONSEQUENTIAL
 * DAMAGES (INCLUDING, BUT NOT LIMITED TO, PROCUREMENT OF SUBSTITUTE GOODS OR
 * SERVICES; LOSS OF USE, DATA, OR PROFITS; OR BUSINESS INTERRUPTION) HOWEVER
 * CAUSED AND ON ANY THEORY OF LIABILITY, WHETHER IN CONTRACT, STRICT LIABILITY,
 * OR TORT (INCLUDING NEGLIGENCE OR OTHERWISE) ARISING IN ANY WAY OUT OF THE USE
 * OF THIS SOFTWARE, EVEN IF ADVISED OF THE POSSIBILITY OF SUCH DAMAGE.
 */
function getLineColFromPtr(string, ptr) {
    let lines = string.slice(0, ptr).split(/\r?\n/);
    return [lines.length, lines.pop().length + 1];
}
function makeCodeBlock(string, line, column) {
    let lines = string.split(/\r?\n/);
    let codeblock = '';
    let numberLen = (Math.log10(line + 1) | 0) + 1;
    for (let i = line - 1; i <= line + 1; i++) {
        let l = lines[i - 1];
        if (!l)
            continue;
        codeblock += i.toString().padEnd(numberLen, ' ');
        codeblock += ':  ';
        codeblock += l;
        codeblock += '\n';
        if (i === line) {
            codeblock += ' '.repeat(numberLen + column + 2);
            codeblock += '^\n';
        }
    }
    return codeblock;
}
class TomlError extends Error {
    line;
    column;
    codeblock;
    constructor(message, options) {
        const [line, column] = getLineColFromPtr(options.toml, options.ptr);
        const codeblock = makeCodeBlock(options.toml, line, column);
        super(`Invalid TOML document: ${message}\n\n${codeblock}`, options);
        this.line = line;
        this.column = column;
        this.codeblock = codeblock;
    }
    /** @internal */
    static x(message, ctx, ptr) {
        throw new TomlError(message, { toml: ctx.s, ptr: ptr ?? ctx.p });
    }
}

;// CONCATENATED MODULE: ./node_modules/smol-toml/dist/primitive.js
/*!
 * Copyright (c) Squirrel Chat et al., All rights reserved.
 * SPDX-License-Identifier: BSD-3-Clause
 *
 * Redistribution and use in source and binary forms, with or without
 * modification, are permitted provided that the following conditions are met:
 *
 * 1. Redistributions of source code must retain the above copyright notice, this
 *    list of conditions and the following disclaimer.
 * 2. Redistributions in binary form must reproduce the above copyright notice,
 *    this list of conditions and the following disclaimer in the
 *    documentation and/or other materials provided with the distribution.
 * 3. Neither the name of the copyright holder nor the names of its contributors
 *    may be used to endorse or promote products derived from this software without
 *    specific prior written permission.
 *
 * THIS SOFTWARE IS PROVIDED BY THE COPYRIGHT HOLDERS AND CONTRIBUTORS "AS IS" AND
 * ANY EXPRESS OR IMPLIED WARRANTIES, INCLUDING, BUT NOT LIMITED TO, THE IMPLIED
 * WARRANTIES OF MERCHANTABILITY AND FITNESS FOR A PARTICULAR PURPOSE ARE
 * DISCLAIMED. IN NO EVENT SHALL THE COPYRIGHT HOLDER OR CONTRIBUTORS BE LIABLE
 * FOR ANY DIRECT, INDIRECT, INCIDENTAL, SPECIAL, EXEMPLARY, OR CONSEQUENTIAL
 * DAMAGES (INCLUDING, BUT NOT LIMITED TO, PROCUREMENT OF SUBSTITUTE GOODS OR
 * SERVICES; LOSS OF USE, DATA, OR PROFITS; OR BUSINESS INTERRUPTION) HOWEVER
 * CAUSED AND ON ANY THEORY OF LIABILITY, WHETHER IN CONTRACT, STRICT LIABILITY,
 * OR TORT (INCLUDING NEGLIGENCE OR OTHERWISE) ARISING IN ANY WAY OUT OF THE USE
 * OF THIS SOFTWARE, EVEN IF ADVISED OF THE POSSIBILITY OF SUCH DAMAGE.
 */

/** @internal */
function parseString(ctx) {
    let startPtr = ctx.p;
    let c = ctx.s.charCodeAt(ctx.p++);
    let first = c;
    let isLiteral = c === 0x27; /* ' */
    let isMultiline = c === ctx.s.charCodeAt(ctx.p) && c === ctx.s.charCodeAt(ctx.p + 1);
    if (isMultiline) {
        // Trim initial newline
        if ((c = ctx.s.charCodeAt(ctx.p += 2)) === 0xa /* \n */)
            ctx.p++;
        else if (c === 0xd /* \r */ && ctx.s.charCodeAt(ctx.p + 1) === 0xa /* \n */)
            ctx.p += 2;
    }
    // For the record: it is not worth it to use a fast-path for literal strings using `indexOf`.
    // Doing a char-by-char iteration ends up dispatching less instructions, for the same wall-clock runtime.
    let parsed = '';
    let sliceStart = ctx.p;
    // states:
    //   0 - decoding
    //   1 - decoding escape
    //   2 - whitespace escape (no newline encountered yet, must fail on non-whitespace)
    //   3 - whitespace escape (newline encountered, allowed to transition back to normal decode)
    let state = 0;
    for (; ctx.p < ctx.s.length; ctx.p++) {
        c = ctx.s.charCodeAt(ctx.p);
        // Deal with newlines first, since that simplifies control character checking and handling across all states
        if (isMultiline && (c === 0xa /* \n */ || (c === 0xd /* \r */ && ctx.s.charCodeAt(ctx.p + 1) === 0xa /* \n */))) {
            state = state && 3;
        }
        // Control characters are banned in TOML, so we throw an error if we encounter them
        else if ((c < 0x20 && c !== 0x9 /* \t */) || c === 0x7f) {
            TomlError.x('control characters are not allowed in strings', ctx);
        }
        // The string might terminate while we're parsing through a newline escape.
        // It must have encountered a newline; otherwise, it'll simply fail in another branch.
        else if ((!state || state === 3) && c === first && (!isMultiline || (ctx.s.charCodeAt(ctx.p + 1) === first && ctx.s.charCodeAt(ctx.p + 2) === first))) {
            if (isMultiline) {
                // If the string ends with 4-5 quotes, then the first 1-2 are part of the string
                if (ctx.s.charCodeAt(ctx.p + 3) === first)
                    ctx.p++;
                if (ctx.s.charCodeAt(ctx.p + 3) === first)
                    ctx.p++;
            }
            // If we're in a newline escape still, then there's nothing to add.
            if (!state) {
                // Avoid a useless concat operation if the string can be used as-is.
                let s = ctx.s.slice(sliceStart, ctx.p);
                parsed = parsed ? parsed + s : s;
            }
            ctx.p += isMultiline ? 3 : 1;
            return parsed;
        }
        // Baseline state; keep moving forward unless an escape sequence starts
        else if (!state) {
            if (!isLiteral && c === 0x5c /* \ */) {
                parsed += ctx.s.slice(sliceStart, (sliceStart = ctx.p));
                state = 1;
            }
        }
        else if (state === 1) {
            if (c === 0x78 /* x */ || c === 0x75 /* u */ || c === 0x55 /* U */) { // Unicode escape
                let errPtr = ctx.p++ - 1;
                let value = 0;
                let len = c === 0x78 /* x */ ? 2 : c === 0x75 /* u */ ? 4 : 8;
                for (let j = 0; j < len; j++, ctx.p++) {
                    let hex = ctx.s.charCodeAt(ctx.p);
                    let digit = 
                    /* 0-9 */ hex >= 0x30 && hex <= 0x39 ? hex - 0x30 :
                        /* A-F */ hex >= 0x41 && hex <= 0x46 ? hex - 0x41 + 10 :
                            /* a-f */ hex >= 0x61 && hex <= 0x66 ? hex - 0x61 + 10 : -1;
                    if (digit < 0)
                        TomlError.x('invalid non-hex character in unicode escape', ctx);
                    value = (value << 4) | digit;
                }
                // Because JS does bitwise on signed 32bit integers, all 0xfzzzzzzz values are actually seen as negative
                if (value < 0 || value > 0x10ffff || (value >= 0xd800 && value <= 0xdfff)) {
                    TomlError.x('invalid unicode escape', ctx, errPtr);
                }
                parsed += String.fromCodePoint(value);
                sliceStart = ctx.p--;
                state = 0;
            }
            // Newline escape sequence. We only need to care about spaces and tabs; newlines are dealt with earlier
            else if (isMultiline && (c === 0x20 || c === 0x9 /* \t */)) {
                state = 2;
            }
            // Basic escape sequence
            else {
                if (c === 0x62 /* b */)
                    parsed += '\b';
                else if (c === 0x74 /* t */)
                    parsed += '\t';
                else if (c === 0x6e /* n */)
                    parsed += '\n';
                else if (c === 0x66 /* f */)
                    parsed += '\f';
                else if (c === 0x72 /* r */)
                    parsed += '\r';
                else if (c === 0x65 /* e */)
                    parsed += '\x1b';
                else if (c === 0x22 /* " */)
                    parsed += '"';
                else if (c === 0x5c /* \ */)
                    parsed += '\\';
                else
                    TomlError.x('unrecognised escape sequence', ctx);
                sliceStart = ctx.p + 1;
                state = 0;
            }
        }
        // Newline escape continuation: keep moving forward until the first non-whitespace char
        else if (c !== 0x20 && c !== 0x9 /* \t */) {
            if (state === 2)
                TomlError.x('invalid escape: only line-ending whitespace may be escaped', ctx, sliceStart);
            // State cannot be zero, or we'd have branched earlier already.
            // If it's a backslash, immediately transition to the escape state so it can be processed.
            state = !isLiteral && c === 0x5c /* \ */ ? 1 : 0;
            sliceStart = ctx.p;
        }
    }
    TomlError.x('unfinished string', ctx, startPtr);
}

;// CONCATENATED MODULE: ./node_modules/smol-toml/dist/date.js
/*!
 * Copyright (c) Squirrel Chat et al., All rights reserved.
 * SPDX-License-Identifier: BSD-3-Clause
 *
 * Redistribution and use in source and binary forms, with or without
 * modification, are permitted provided that the following conditions are met:
 *
 * 1. Redistributions of source code must retain the above copyright notice, this
 *    list of conditions and the following disclaimer.
 * 2. Redistributions in binary form must reproduce the above copyright notice,
 *    this list of conditions and the following disclaimer in the
 *    documentation and/or other materials provided with the distribution.
 * 3. Neither the name of the copyright holder nor the names of its contributors
 *    may be used to endorse or promote products derived from this software without
 *    specific prior written permission.
 *
 * THIS SOFTWARE IS PROVIDED BY THE COPYRIGHT HOLDERS AND CONTRIBUTORS "AS IS" AND
 * ANY EXPRESS OR IMPLIED WARRANTIES, INCLUDING, BUT NOT LIMITED TO, THE IMPLIED
 * WARRANTIES OF MERCHANTABILITY AND FITNESS FOR A PARTICULAR PURPOSE ARE
 * DISCLAIMED. IN NO EVENT SHALL THE COPYRIGHT HOLDER OR CONTRIBUTORS BE LIABLE
 * FOR ANY DIRECT, INDIRECT, INCIDENTAL, SPECIAL, EXEMPLARY, OR CONSEQUENTIAL
 * DAMAGES (INCLUDING, BUT NOT LIMITED TO, PROCUREMENT OF SUBSTITUTE GOODS OR
 * SERVICES; LOSS OF USE, DATA, OR PROFITS; OR BUSINESS INTERRUPTION) HOWEVER
 * CAUSED AND ON ANY THEORY OF LIABILITY, WHETHER IN CONTRACT, STRICT LIABILITY,
 * OR TORT (INCLUDING NEGLIGENCE OR OTHERWISE) ARISING IN ANY WAY OUT OF THE USE
 * OF THIS SOFTWARE, EVEN IF ADVISED OF THE POSSIBILITY OF SUCH DAMAGE.
 */
let DATE_TIME_RE = /^(\d{4}-\d{2}-\d{2})?[Tt ]?(?:(\d{2}):\d{2}(?::\d{2}(?:\.\d+)?)?)?(Z|z|[-+]\d{2}:\d{2})?$/i;
class TomlDate extends Date {
    #hasDate = false;
    #hasTime = false;
    #offset = null;
    constructor(date, fasttype, unsafeDelim) {
        let hasDate = true;
        let hasTime = true;
        let offset = 'Z';
        let c;
        if (typeof date === 'string') {
            if (fasttype)
                prep: {
                    // Date-time
                    if (fasttype < 3) {
                        if (+date.slice(11, 13) > 23) {
                            date = '';
                            break prep;
                        }
                        // Local
                        if (fasttype === 2) {
                            offset = null;
                            date += 'Z';
                        }
                        // Offset; keep track of offset if not Z
                        else if ((c = date.charCodeAt(date.length - 1)) !== 0x5a /* Z */ && c !== 0x7a /* z */) {
                            offset = date.slice(date.length - 6);
                        }
                        if (unsafeDelim)
                            date = date.slice(0, 10) + 'T' + date.slice(11);
                    }
                    // Time
                    else if (fasttype === 4) {
                        date = +date.slice(0, 2) > 23 ? '' : `0000-01-01T${date}Z`;
                    }
                    hasDate = fasttype !== 4;
                    hasTime = fasttype !== 3;
                }
            else {
                let match = date.match(DATE_TIME_RE);
                if (match) {
                    if (!match[1]) {
                        hasDate = false;
                        date = `0000-01-01T${date}`;
                    }
                    hasTime = !!match[2];
                    // Make sure to use T instead of a space. Breaks in case of extreme values otherwise.
                    hasTime && date[10] === ' ' && (date = date.replace(' ', 'T'));
                    // Do not allow rollover hours.
                    if (match[2] && +match[2] > 23) {
                        date = '';
                    }
                    else {
                        offset = match[3] || null;
                        if (!offset && hasTime)
                            date += 'Z';
                    }
                }
                else {
                    date = '';
                }
            }
        }
        super(date);
        if (!isNaN(this.getTime())) {
            this.#hasDate = hasDate;
            this.#hasTime = hasTime;
            this.#offset = offset;
        }
    }
    isDateTime() {
        return this.#hasDate && this.#hasTime;
    }
    isLocal() {
        return !this.#hasDate || !this.#hasTime || !this.#offset;
    }
    isDate() {
        return this.#hasDate && !this.#hasTime;
    }
    isTime() {
        return this.#hasTime && !this.#hasDate;
    }
    isValid() {
        return this.#hasDate || this.#hasTime;
    }
    toISOString() {
        let iso = super.toISOString();
        // Local Date
        if (this.isDate())
            return iso.slice(0, 10);
        // Local Time
        if (this.isTime())
            return iso.slice(11, 23);
        // Local DateTime
        if (this.#offset === null)
            return iso.slice(0, -1);
        // Offset DateTime
        if (this.#offset === 'Z' || this.#offset === 'z')
            return iso;
        // This part is quite annoying: JS strips the original timezone from the ISO string representation
        // Instead of using a "modified" date and "Z", we restore the representation "as authored"
        let offset = (+(this.#offset.slice(1, 3)) * 60) + +(this.#offset.slice(4, 6));
        offset = this.#offset[0] === '-' ? offset : -offset;
        let offsetDate = new Date(this.getTime() - (offset * 60e3));
        return offsetDate.toISOString().slice(0, -1) + this.#offset;
    }
    static wrapAsOffsetDateTime(jsDate, offset = 'Z') {
        let date = new TomlDate(jsDate);
        date.#offset = offset;
        return date;
    }
    static wrapAsLocalDateTime(jsDate) {
        let date = new TomlDate(jsDate);
        date.#offset = null;
        return date;
    }
    static wrapAsLocalDate(jsDate) {
        let date = new TomlDate(jsDate);
        date.#hasTime = false;
        date.#offset = null;
        return date;
    }
    static wrapAsLocalTime(jsDate) {
        let date = new TomlDate(jsDate);
        date.#hasDate = false;
        date.#offset = null;
        return date;
    }
}

;// CONCATENATED MODULE: ./node_modules/smol-toml/dist/extract.js
/*!
 * Copyright (c) Squirrel Chat et al., All rights reserved.
 * SPDX-License-Identifier: BSD-3-Clause
 *
 * Redistribution and use in source and binary forms, with or without
 * modification, are permitted provided that the following conditions are met:
 *
 * 1. Redistributions of source code must retain the above copyright notice, this
 *    list of conditions and the following disclaimer.
 * 2. Redistributions in binary form must reproduce the above copyright notice,
 *    this list of conditions and the following disclaimer in the
 *    documentation and/or other materials provided with the distribution.
 * 3. Neither the name of the copyright holder nor the names of its contributors
 *    may be used to endorse or promote products derived from this software without
 *    specific prior written permission.
 *
 * THIS SOFTWARE IS PROVIDED BY THE COPYRIGHT HOLDERS AND CONTRIBUTORS "AS IS" AND
 * ANY EXPRESS OR IMPLIED WARRANTIES, INCLUDING, BUT NOT LIMITED TO, THE IMPLIED
 * WARRANTIES OF MERCHANTABILITY AND FITNESS FOR A PARTICULAR PURPOSE ARE
 * DISCLAIMED. IN NO EVENT SHALL THE COPYRIGHT HOLDER OR CONTRIBUTORS BE LIABLE
 * FOR ANY DIRECT, INDIRECT, INCIDENTAL, SPECIAL, EXEMPLARY, OR CONSEQUENTIAL
 * DAMAGES (INCLUDING, BUT NOT LIMITED TO, PROCUREMENT OF SUBSTITUTE GOODS OR
 * SERVICES; LOSS OF USE, DATA, OR PROFITS; OR BUSINESS INTERRUPTION) HOWEVER
 * CAUSED AND ON ANY THEORY OF LIABILITY, WHETHER IN CONTRACT, STRICT LIABILITY,
 * OR TORT (INCLUDING NEGLIGENCE OR OTHERWISE) ARISING IN ANY WAY OUT OF THE USE
 * OF THIS SOFTWARE, EVEN IF ADVISED OF THE POSSIBILITY OF SUCH DAMAGE.
 */




function isDigit(char, base = 10) {
    return base === 16
        ? (char > 0x2f && char < 0x3a) || (char > 0x40 && char < 0x47) || (char > 0x60 && char < 0x67)
        : (char > 0x2f && char < 0x30 + base);
}
function isEndOfValue(char, delim) {
    // Whitespace -- we're permissive on `\r` for performance; it'll be dealt with later anyway
    return char === 0x20 || char === 0x9 /* \t */ || char === 0xa /* \n */ || char === 0xd /* \r */ ||
        // Structure end or next value delimiter
        (delim && (char === delim || char === 0x2c /* , */)) ||
        // Comment
        char === 0x23; /* # */
}
/** @internal */
function extractValue(ctx, end) {
    let errPtr = ctx.p;
    let c = ctx.s.charCodeAt(ctx.p);
    // Structs
    if (c === 0x5b /* [ */ || c === 0x7b /* { */) {
        ctx.d-- || TomlError.x('document contains excessively nested structures. aborting.', ctx);
        let value = c === 0x5b /* [ */
            ? parseArray(ctx)
            : parseInlineTable(ctx);
        ctx.d++;
        return value;
    }
    // Strings
    if (c === 0x22 /* " */ || c === 0x27 /* ' */) {
        return parseString(ctx);
    }
    // Booleans
    // We can fast-path because the first character is enough to know the only possible value
    if (c === 0x74 /* t */) { // Only possible valid value is `true`
        if (ctx.s.charCodeAt(++ctx.p) !== 0x72 || ctx.s.charCodeAt(++ctx.p) !== 0x75 || ctx.s.charCodeAt(++ctx.p) !== 0x65)
            TomlError.x('invalid value', ctx, errPtr);
        return ctx.p++, true;
    }
    if (c === 0x66 /* f */) { // Only possible valid value is `false`
        if (ctx.s.charCodeAt(++ctx.p) !== 0x61 || ctx.s.charCodeAt(++ctx.p) !== 0x6c || ctx.s.charCodeAt(++ctx.p) !== 0x73 || ctx.s.charCodeAt(++ctx.p) !== 0x65)
            TomlError.x('invalid value', ctx, errPtr);
        return ctx.p++, false;
    }
    if (c === 0x2b /* + */ || c === 0x2d /* - */) {
        return parseNumber(ctx, ctx.p, ctx.s.charCodeAt(++ctx.p), 0x2c - c, end);
    }
    // Rough heuristic, but `parseDate` falls back to number parsing if it's a false positive.
    // e.g.: `a = 1\n-------------- = 1` would match this heuristic, but gracefully fallback to numbers.
    if (ctx.s.charCodeAt(ctx.p + 4) === 0x2d /* - */ && ctx.s.charCodeAt(ctx.p + 7) === 0x2d /* - */) {
        return parseDate(ctx, c, end);
    }
    // Same logic as above; `parseTime` falls back to number parsing if it's a false positive.
    if (ctx.s.charCodeAt(ctx.p + 2) === 0x3a /* : */) {
        return parseTime(ctx, c, end);
    }
    return parseNumber(ctx, ctx.p, c, 0, end);
}
// State:
// 0: init
// 1: integer
// 2: fractional dot
// 3: fractional
// 4: exponent letter
// 5: exponent
// 6: exponent sign
// 7: exponent with sign
// >9: underscore; see below
//     -> 12: was integer
//     -> 14: was fractional
//     -> 16: was exponent
// states 2-5, 14, 16 are ONLY permitted iif base === 10
function parseNumber(ctx, startPtr, startChr, sign, endChr) {
    let c = startChr;
    let state = 0;
    let hasUnderscores = false;
    // (+/-)inf
    if (c === 0x69 /* i */) {
        if (ctx.s.charCodeAt(++ctx.p) !== 0x6e || ctx.s.charCodeAt(++ctx.p) !== 0x66)
            TomlError.x('invalid value', ctx, startPtr);
        return ctx.p++, (sign || 1) / 0;
    }
    // (+/-)nan
    if (c === 0x6e /* n */) {
        if (ctx.s.charCodeAt(++ctx.p) !== 0x61 || ctx.s.charCodeAt(++ctx.p) !== 0x6e)
            TomlError.x('invalid value', ctx, startPtr);
        return ctx.p++, NaN;
    }
    // Leading zero
    // Only allowed cases: `0<EOV>`, `0.(...)`, `0e(...)`, `0x(...)`, `0b(...)`, `0o(...)`
    // FWIW, `0e(...)` is a stupid case, but it's not banned per-se so we have to parse it
    if (c === 0x30 /* 0 */) {
        if (++ctx.p >= ctx.s.length || isEndOfValue(c = ctx.s.charCodeAt(ctx.p), endChr))
            return ctx.bi === true ? 0n : 0; // note: conveniently deals with `-0`
        if (!sign) {
            if (c === 0x78 /* x */)
                return parseIntegerBaseN(ctx, startPtr, 16, endChr);
            else if (c === 0x62 /* b */)
                return parseIntegerBaseN(ctx, startPtr, 2, endChr);
            else if (c === 0x6f /* o */)
                return parseIntegerBaseN(ctx, startPtr, 8, endChr);
        }
        if (c === 0x2e /* . */)
            state = 2;
        else if (c === 0x65 /* e */ || c === 0x45 /* E */)
            state = 4;
        else
            TomlError.x('illegal leading zero', ctx, startPtr);
    }
    // If the 1st char is not a digit by now, then it's not a valid TOML value at all
    else if (!isDigit(c))
        TomlError.x('invalid value', ctx, startPtr);
    while (++ctx.p < ctx.s.length && (c = ctx.s.charCodeAt(ctx.p), !isEndOfValue(c, endChr))) {
        if (!state)
            state = 1; // Detects single-digit numbers we can use a fast parse path for
        // The way the states are numbered is not random: underscores are always permitted in odd-numbered states and
        // never permitted in even-numbered ones.
        if (c === 0x5f /* _ */) {
            if (!(state & 1))
                TomlError.x('illegal underscore', ctx);
            state += 11; // 11 is a marker that makes the state even and greater than 9; see the numbering + rationale above
            hasUnderscores = true;
        }
        // Transition to fractional part.
        else if (state === 1 && c === 0x2e /* . */)
            state = 2;
        // Transition to exponent part.
        else if ((state === 1 || state === 3) && (c === 0x65 /* e */ || c === 0x45 /* E */))
            state = 4;
        // + and - are permitted in state 4 only (handled before entering the function for state 0)
        else if (state === 4 && (c === 0x2b /* + */ || c === 0x2d /* - */)) {
            state = 6;
        }
        // All special cases have been handled; only digits are allowed here
        else if (!isDigit(c))
            TomlError.x(`illegal character in numeric literal`, ctx);
        // Clear state flags
        else if (state > 9)
            state -= 11;
        else if (!(state & 1))
            state++;
    }
    // Single-char number; we can fast-path these very easily.
    if (!state) {
        let val = (startChr - 0x30 /* 0 */) * (sign || 1);
        return ctx.bi === true ? BigInt(val) : val;
    }
    // Even-numbered states absolutely require a digit next; not even end of value is permitted
    if (!(state & 1))
        TomlError.x('unfinished numeric value', ctx, startPtr);
    let str = ctx.s.slice(startPtr, ctx.p);
    if (hasUnderscores)
        str = str.replaceAll('_', ''); // perf: replaceAll 1.25x faster than replace with a regex
    return state > 1
        ? parseFloat(str)
        : parseInteger(ctx, str, 10, startPtr);
}
function parseIntegerBaseN(ctx, startPtr, base, endChr) {
    let c, underscore = 1;
    while (++ctx.p < ctx.s.length && (c = ctx.s.charCodeAt(ctx.p), !isEndOfValue(c, endChr))) {
        if (c === 0x5f /* _ */) {
            if (underscore & 1)
                TomlError.x('illegal underscore', ctx);
            underscore = 3;
        }
        // We only need to check if the number is a valid digit, nothing else is permitted
        else if (!isDigit(c, base))
            TomlError.x(`illegal character in numeric literal`, ctx);
        // Clear underscore flag
        else if (underscore & 1)
            underscore--;
    }
    // Trailing underscore is not allowed
    if (underscore & 1)
        TomlError.x('unfinished numeric value', ctx);
    let str = ctx.s.slice(startPtr + 2, ctx.p);
    if (underscore)
        str = str.replaceAll('_', ''); // perf: replaceAll 1.25x faster than replace with a regex
    return parseInteger(ctx, str, base, startPtr);
}
function parseInteger(ctx, str, base, startPtr) {
    if (ctx.bi !== true)
        int: {
            let val = parseInt(str, base);
            if (!Number.isSafeInteger(val)) {
                if (ctx.bi)
                    break int;
                TomlError.x('integer value cannot be represented losslessly', ctx, startPtr);
            }
            return val;
        }
    return base === 10 ? BigInt(str) : BigInt((base === 2 ? '0b' : base === 8 ? '0o' : '0x') + str);
}
function parseDate(ctx, c, endChr) {
    let startPtr = ctx.p++, unsafeSeparator;
    if (!isDigit(c) ||
        !isDigit(ctx.s.charCodeAt(ctx.p++)) ||
        !isDigit(ctx.s.charCodeAt(ctx.p++)) ||
        !isDigit(ctx.s.charCodeAt(ctx.p++))) {
        return parseNumber(ctx, ctx.p = startPtr, c, 0, endChr);
    }
    ctx.p += 5;
    if (!isDigit(ctx.s.charCodeAt(ctx.p++)))
        TomlError.x('invalid date-time: date part is malformed', ctx, startPtr);
    if (ctx.p >= ctx.s.length || (((c = ctx.s.charCodeAt(ctx.p)) !== 0x20 || (unsafeSeparator = true, !isDigit(ctx.s.charCodeAt(ctx.p + 1)))) && c !== 0x54 /* T */ && c !== 0x74 /* t */)) {
        let t = ctx.s.slice(startPtr, ctx.p);
        return readDate(ctx, t, 3, false, startPtr);
    }
    if (ctx.s.charCodeAt(ctx.p += 3) !== 0x3a /* : */)
        TomlError.x('invalid date-time: time part is malformed', ctx, startPtr);
    if (ctx.s.charCodeAt(ctx.p += 3) === 0x3a /* : */)
        ctx.p += 3;
    if (ctx.s.charCodeAt(ctx.p) === 0x2e /* . */)
        while (isDigit(ctx.s.charCodeAt(++ctx.p)))
            ;
    if (c = ctx.s.charCodeAt(ctx.p)) {
        if (c === 0x5a /* Z */ || c === 0x7a /* z */) {
            let t = ctx.s.slice(startPtr, ++ctx.p);
            return readDate(ctx, t, 1, unsafeSeparator, startPtr, '[+00:00]');
        }
        if (c === 0x2b /* + */ || c === 0x2d /* - */) {
            // Temporal's ZonedDateTime is weird asf when it comes to dealing with traditional offsets...
            // It's 1.2x faster to allocate a new string to pass to ZDT than use Instant.toZonedDateTimeISO
            let t = ctx.s.slice(startPtr, ctx.p += 6);
            return readDate(ctx, t, 1, unsafeSeparator, startPtr, !ctx.ld && ('[' + ctx.s.slice(ctx.p - 6, ctx.p) + ']'));
        }
    }
    let t = ctx.s.slice(startPtr, ctx.p);
    return readDate(ctx, t, 2, unsafeSeparator, startPtr);
}
function parseTime(ctx, c, endChr) {
    let start = ctx.p;
    if (!isDigit(c) || !isDigit(ctx.s.charCodeAt(++ctx.p))) {
        return parseNumber(ctx, --ctx.p, c, 0, endChr);
    }
    if (ctx.s.charCodeAt(ctx.p += 4) === 0x3a /* : */)
        ctx.p += 3;
    if (ctx.s.charCodeAt(ctx.p) === 0x2e /* . */)
        while (isDigit(ctx.s.charCodeAt(++ctx.p)))
            ;
    let t = ctx.s.slice(start, ctx.p);
    return readDate(ctx, t, 4, false, start);
}
function readDate(ctx, str, type, unsafeDelim, errPtr, temporalSuffix) {
    if (ctx.ld) {
        let date = new TomlDate(str, type, unsafeDelim);
        if (!date.isValid())
            TomlError.x('invalid date', ctx, errPtr);
        return date;
    }
    try {
        if (temporalSuffix)
            str += temporalSuffix;
        switch (type) {
            case 1: return Temporal.ZonedDateTime.from(str);
            case 2: return Temporal.PlainDateTime.from(str);
            case 3: return Temporal.PlainDate.from(str);
            case 4: return Temporal.PlainTime.from(str);
        }
    }
    catch (e) {
        TomlError.x(e instanceof Error ? e.message : '' + e, ctx, errPtr);
    }
}

;// CONCATENATED MODULE: ./node_modules/smol-toml/dist/util.js
/*!
 * Copyright (c) Squirrel Chat et al., All rights reserved.
 * SPDX-License-Identifier: BSD-3-Clause
 *
 * Redistribution and use in source and binary forms, with or without
 * modification, are permitted provided that the following conditions are met:
 *
 * 1. Redistributions of source code must retain the above copyright notice, this
 *    list of conditions and the following disclaimer.
 * 2. Redistributions in binary form must reproduce the above copyright notice,
 *    this list of conditions and the following disclaimer in the
 *    documentation and/or other materials provided with the distribution.
 * 3. Neither the name of the copyright holder nor the names of its contributors
 *    may be used to endorse or promote products derived from this software without
 *    specific prior written permission.
 *
 * THIS SOFTWARE IS PROVIDED BY THE COPYRIGHT HOLDERS AND CONTRIBUTORS "AS IS" AND
 * ANY EXPRESS OR IMPLIED WARRANTIES, INCLUDING, BUT NOT LIMITED TO, THE IMPLIED
 * WARRANTIES OF MERCHANTABILITY AND FITNESS FOR A PARTICULAR PURPOSE ARE
 * DISCLAIMED. IN NO EVENT SHALL THE COPYRIGHT HOLDER OR CONTRIBUTORS BE LIABLE
 * FOR ANY DIRECT, INDIRECT, INCIDENTAL, SPECIAL, EXEMPLARY, OR CONSEQUENTIAL
 * DAMAGES (INCLUDING, BUT NOT LIMITED TO, PROCUREMENT OF SUBSTITUTE GOODS OR
 * SERVICES; LOSS OF USE, DATA, OR PROFITS; OR BUSINESS INTERRUPTION) HOWEVER
 * CAUSED AND ON ANY THEORY OF LIABILITY, WHETHER IN CONTRACT, STRICT LIABILITY,
 * OR TORT (INCLUDING NEGLIGENCE OR OTHERWISE) ARISING IN ANY WAY OUT OF THE USE
 * OF THIS SOFTWARE, EVEN IF ADVISED OF THE POSSIBILITY OF SUCH DAMAGE.
 */

/** @internal */
function skipComment(ctx) {
    for (; ctx.p < ctx.s.length; ctx.p++) {
        let c = ctx.s.charCodeAt(ctx.p);
        if (c === 0xa /* \n */)
            break;
        if (c === 0xd /* \r */ && ctx.s.charCodeAt(ctx.p + 1) === 0xa /* \n */) {
            ctx.p++;
            break;
        }
        if ((c < 0x20 && c !== 0x9 /* \t */) || c === 0x7f) {
            TomlError.x('control characters are not allowed in comments', ctx);
        }
    }
}
/** @internal */
function skipVoid(ctx, banNewLines, banComments) {
    let c;
    while (ctx.p < ctx.s.length) {
        while (ctx.p < ctx.s.length && ((c = ctx.s.charCodeAt(ctx.p)) === 0x20 ||
            c === 0x9 /* \t */ ||
            (!banNewLines &&
                (c === 0xa /* \n */ || (c === 0xd /* \r */ && ctx.s.charCodeAt(ctx.p + 1) === 0xa /* \n */)))))
            ctx.p++;
        if (banComments || c !== 0x23 /* # */)
            break;
        skipComment(ctx);
    }
}

;// CONCATENATED MODULE: ./node_modules/smol-toml/dist/struct.js
/*!
 * Copyright (c) Squirrel Chat et al., All rights reserved.
 * SPDX-License-Identifier: BSD-3-Clause
 *
 * Redistribution and use in source and binary forms, with or without
 * modification, are permitted provided that the following conditions are met:
 *
 * 1. Redistributions of source code must retain the above copyright notice, this
 *    list of conditions and the following disclaimer.
 * 2. Redistributions in binary form must reproduce the above copyright notice,
 *    this list of conditions and the following disclaimer in the
 *    documentation and/or other materials provided with the distribution.
 * 3. Neither the name of the copyright holder nor the names of its contributors
 *    may be used to endorse or promote products derived from this software without
 *    specific prior written permission.
 *
 * THIS SOFTWARE IS PROVIDED BY THE COPYRIGHT HOLDERS AND CONTRIBUTORS "AS IS" AND
 * ANY EXPRESS OR IMPLIED WARRANTIES, INCLUDING, BUT NOT LIMITED TO, THE IMPLIED
 * WARRANTIES OF MERCHANTABILITY AND FITNESS FOR A PARTICULAR PURPOSE ARE
 * DISCLAIMED. IN NO EVENT SHALL THE COPYRIGHT HOLDER OR CONTRIBUTORS BE LIABLE
 * FOR ANY DIRECT, INDIRECT, INCIDENTAL, SPECIAL, EXEMPLARY, OR CONSEQUENTIAL
 * DAMAGES (INCLUDING, BUT NOT LIMITED TO, PROCUREMENT OF SUBSTITUTE GOODS OR
 * SERVICES; LOSS OF USE, DATA, OR PROFITS; OR BUSINESS INTERRUPTION) HOWEVER
 * CAUSED AND ON ANY THEORY OF LIABILITY, WHETHER IN CONTRACT, STRICT LIABILITY,
 * OR TORT (INCLUDING NEGLIGENCE OR OTHERWISE) ARISING IN ANY WAY OUT OF THE USE
 * OF THIS SOFTWARE, EVEN IF ADVISED OF THE POSSIBILITY OF SUCH DAMAGE.
 */




/** @internal */
function parseKey(ctx, end = 0x3d /* = */) {
    // States:
    // 0: before first char
    // 1: parsing bare key
    // 2: after key component
    let startPtr;
    let state = 0;
    let parsed = [];
    let sliceStart;
    let c = ctx.s.charCodeAt(startPtr = ctx.p);
    do {
        // End of key
        if (c === end) {
            if (!state)
                TomlError.x('unexpected end of key', ctx);
            if (state === 1)
                parsed.push(ctx.s.slice(sliceStart, ctx.p));
            return ctx.p++, parsed;
        }
        // Dotted key separator
        else if (c === 0x2e /* . */) {
            if (!state)
                TomlError.x('illegal empty bare key', ctx);
            if (state === 1)
                parsed.push(ctx.s.slice(sliceStart, ctx.p));
            state = 0;
        }
        // Quoted key
        else if (!state && (c === 0x22 /* " */ || c === 0x27 /* ' */)) {
            if (c === ctx.s.charCodeAt(ctx.p + 1) && c === ctx.s.charCodeAt(ctx.p + 2))
                TomlError.x('illegal quoted key: multiline strings are not allowed', ctx);
            parsed.push(parseString(ctx));
            state = 2;
            ctx.p--;
        }
        // Whitespace; no-op in state 0 and 2, end of bare key in state 1
        else if (c === 0x20 || c === 0x9 /* \t */) {
            if (state === 1) {
                parsed.push(ctx.s.slice(sliceStart, ctx.p));
                state = 2;
            }
        }
        // If state is post-key, no character is allowed; otherwise ensure it's a bare-key component
        else if (state === 2 || (c < 0x30 && c !== 0x2d /* - */) || (c > 0x39 && c < 0x41) || (c > 0x5a && c < 0x61 && c !== 0x5f /* _ */) || c > 0x7a) {
            TomlError.x('illegal character in key', ctx);
        }
        // Illegal character
        else if (!state) {
            state = 1;
            sliceStart = ctx.p;
        }
    } while (c = ctx.s.charCodeAt(++ctx.p));
    TomlError.x('incomplete key-value: cannot find end of key', ctx, startPtr);
}
/** @internal */
function parseInlineTable(ctx) {
    let startPtr = ctx.p++;
    let res = Object.create(null);
    let seen = new Set();
    let c;
    while (ctx.p < ctx.s.length) {
        skipVoid(ctx);
        if ((c = ctx.s.charCodeAt(ctx.p)) === 0x7d /* } */) {
            ctx.p++;
            return res;
        }
        let k;
        let t = res;
        let hasOwn = false;
        let errPtr = ctx.p;
        let key = parseKey(ctx);
        for (let i = 0; i < key.length; i++) {
            if (i)
                t = hasOwn ? t[k] : (t[k] = Object.create(null));
            k = key[i];
            if ((hasOwn = Object.hasOwn(t, k)) && (typeof t[k] !== 'object' || seen.has(t[k]))) {
                TomlError.x('trying to redefine an already defined value', ctx, errPtr);
            }
            let unsafe = k === '__proto__';
            if (ctx.uk && (unsafe || k === 'constructor')) {
                t = ctx.uk !== 1 && TomlError.x('document contains an unsafe property', ctx, errPtr);
                break;
            }
            if (!hasOwn && unsafe) {
                Object.defineProperty(t, k, { enumerable: true, configurable: true, writable: true });
            }
        }
        if (hasOwn) {
            TomlError.x('trying to redefine an already defined value', ctx, errPtr);
        }
        skipVoid(ctx, true, true);
        let value = extractValue(ctx, 0x7d /* } */);
        if (t && typeof (t[k] = value) === 'object')
            seen.add(value);
        skipVoid(ctx);
        if ((c = ctx.s.charCodeAt(ctx.p++)) === 0x7d /* } */) {
            return res;
        }
        if (c !== 0x2c /* , */)
            TomlError.x('expected comma or end of structure', ctx, ctx.p - 1);
    }
    TomlError.x('unfinished table', ctx, startPtr);
}
/** @internal */
function parseArray(ctx) {
    let startPtr = ctx.p++;
    let res = [];
    let c;
    while (ctx.p < ctx.s.length) {
        skipVoid(ctx);
        if ((c = ctx.s.charCodeAt(ctx.p)) === 0x5d /* ] */) {
            ctx.p++;
            return res;
        }
        res.push(extractValue(ctx, 0x5d /* ] */));
        skipVoid(ctx);
        if ((c = ctx.s.charCodeAt(ctx.p++)) === 0x5d /* ] */) {
            return res;
        }
        if (c !== 0x2c /* , */)
            TomlError.x('expected comma or end of structure', ctx, ctx.p - 1);
    }
    TomlError.x('unfinished array', ctx, startPtr);
}

;// CONCATENATED MODULE: ./node_modules/smol-toml/dist/parse.js
/*!
 * Copyright (c) Squirrel Chat et al., All rights reserved.
 * SPDX-License-Identifier: BSD-3-Clause
 *
 * Redistribution and use in source and binary forms, with or without
 * modification, are permitted provided that the following conditions are met:
 *
 * 1. Redistributions of source code must retain the above copyright notice, this
 *    list of conditions and the following disclaimer.
 * 2. Redistributions in binary form must reproduce the above copyright notice,
 *    this list of conditions and the following disclaimer in the
 *    documentation and/or other materials provided with the distribution.
 * 3. Neither the name of the copyright holder nor the names of its contributors
 *    may be used to endorse or promote products derived from this software without
 *    specific prior written permission.
 *
 * THIS SOFTWARE IS PROVIDED BY THE COPYRIGHT HOLDERS AND CONTRIBUTORS "AS IS" AND
 * ANY EXPRESS OR IMPLIED WARRANTIES, INCLUDING, BUT NOT LIMITED TO, THE IMPLIED
 * WARRANTIES OF MERCHANTABILITY AND FITNESS FOR A PARTICULAR PURPOSE ARE
 * DISCLAIMED. IN NO EVENT SHALL THE COPYRIGHT HOLDER OR CONTRIBUTORS BE LIABLE
 * FOR ANY DIRECT, INDIRECT, INCIDENTAL, SPECIAL, EXEMPLARY, OR CONSEQUENTIAL
 * DAMAGES (INCLUDING, BUT NOT LIMITED TO, PROCUREMENT OF SUBSTITUTE GOODS OR
 * SERVICES; LOSS OF USE, DATA, OR PROFITS; OR BUSINESS INTERRUPTION) HOWEVER
 * CAUSED AND ON ANY THEORY OF LIABILITY, WHETHER IN CONTRACT, STRICT LIABILITY,
 * OR TORT (INCLUDING NEGLIGENCE OR OTHERWISE) ARISING IN ANY WAY OUT OF THE USE
 * OF THIS SOFTWARE, EVEN IF ADVISED OF THE POSSIBILITY OF SUCH DAMAGE.
 */




function peekTable(ctx, key, table, meta, type) {
    let t = table;
    let m = meta;
    let k;
    let hasOwn = false;
    let state;
    for (let i = 0; i < key.length; i++) {
        if (i) {
            t = hasOwn ? t[k] : (t[k] = Object.create(null));
            m = (state = m[k]).c;
            if (type === 0 /* Type.DOTTED */ && (state.t === 1 /* Type.EXPLICIT */ || state.t === 2 /* Type.ARRAY */)) {
                return null;
            }
            if (state.t === 2 /* Type.ARRAY */) {
                let l = t.length - 1;
                t = t[l];
                m = m[l].c;
            }
        }
        k = key[i];
        if ((hasOwn = Object.hasOwn(t, k)) && m[k]?.t === 0 /* Type.DOTTED */ && m[k]?.d) {
            return null;
        }
        if (!hasOwn) {
            let unsafe = k === '__proto__';
            if (ctx.uk && (unsafe || k === 'constructor'))
                return false;
            if (unsafe) {
                Object.defineProperty(t, k, { enumerable: true, configurable: true, writable: true });
                Object.defineProperty(m, k, { enumerable: true, configurable: true, writable: true });
            }
            m[k] = {
                t: i < key.length - 1 && type === 2 /* Type.ARRAY */
                    ? 3 /* Type.ARRAY_DOTTED */ : type,
                d: false,
                i: 0,
                c: Object.create(null),
            };
        }
    }
    state = m[k];
    if (state.t !== type && !(type === 1 /* Type.EXPLICIT */ && state.t === 3 /* Type.ARRAY_DOTTED */)) {
        // Bad key type!
        return null;
    }
    if (type === 2 /* Type.ARRAY */) {
        if (!state.d) {
            state.d = true;
            t[k] = [];
        }
        t[k].push(t = Object.create(null));
        state.c[state.i++] = (state = { t: 1 /* Type.EXPLICIT */, d: false, i: 0, c: Object.create(null) });
    }
    if (state.d) {
        // Redefining a table!
        return null;
    }
    state.d = true;
    if (type === 1 /* Type.EXPLICIT */) {
        t = hasOwn ? t[k] : (t[k] = Object.create(null));
    }
    else if (type === 0 /* Type.DOTTED */ && hasOwn) {
        return null;
    }
    return [k, t, state.c];
}
function validateTablePeek(ctx, peek, ptr) {
    if (peek === null || ctx.uk === 2)
        TomlError.x(peek === null
            ? 'trying to redefine an already defined table or value'
            : 'document contains an unsafe property', ctx, ptr);
}
function parse(toml, options = {}) {
    let ctx = {
        s: toml,
        p: 0,
        d: options.maxDepth ?? 1000,
        bi: options.integersAsBigInt ?? false,
        ld: options.useLegacyDate ?? true,
        uk: options.unsafeKeyBehaviour === 'throw' ? 2 : options.unsafeKeyBehaviour === 'drop' ? 1 : 0,
    };
    let res = Object.create(null);
    let meta = Object.create(null);
    let tmp;
    let skipping = false;
    let tbl = res;
    let m = meta;
    // BOM is allowed, skip.
    // JS is UTF-16, so we have to check for the UTF-16 BOM instead of the UTF-8 BOM sequence!
    if (toml.charCodeAt(0) === 0xfeff)
        ctx.p++;
    skipVoid(ctx);
    while (ctx.p < toml.length) {
        if (toml.charCodeAt(ctx.p) === 0x5b /* [ */) {
            let isTableArray = toml.charCodeAt(++ctx.p) === 0x5b; /* [ */
            tmp = ctx.p += +isTableArray;
            skipping = false;
            let k = parseKey(ctx, 0x5d /* ] */);
            if (isTableArray) {
                if (toml.charCodeAt(ctx.p) !== 0x5d /* ] */) {
                    TomlError.x('expected end of table array declaration', ctx);
                }
                ctx.p++;
            }
            let p = peekTable(ctx, k, res, meta, isTableArray ? 2 /* Type.ARRAY */ : 1 /* Type.EXPLICIT */);
            if (!p) {
                validateTablePeek(ctx, p, tmp);
                skipping = true;
            }
            else {
                m = p[2];
                tbl = p[1];
            }
        }
        else {
            tmp = ctx.p;
            let k = parseKey(ctx);
            let p = peekTable(ctx, k, tbl, m, 0 /* Type.DOTTED */);
            if (!p && !skipping)
                validateTablePeek(ctx, p, tmp);
            skipVoid(ctx, true, true);
            let v = extractValue(ctx, void 0);
            if (p && !skipping)
                p[1][p[0]] = v;
        }
        skipVoid(ctx, true);
        if (ctx.p < toml.length && (tmp = toml.charCodeAt(ctx.p)) !== 0xa /* \n */ && (tmp !== 0xd /* \r */ || toml.charCodeAt(ctx.p + 1) !== 0xa /* \n */)) {
            TomlError.x('each key-value declaration must be followed by an end-of-line', ctx);
        }
        skipVoid(ctx);
    }
    return res;
}

;// CONCATENATED MODULE: ./node_modules/smol-toml/dist/stringify.js
/*!
 * Copyright (c) Squirrel Chat et al., All rights reserved.
 * SPDX-License-Identifier: BSD-3-Clause
 *
 * Redistribution and use in source and binary forms, with or without
 * modification, are permitted provided that the following conditions are met:
 *
 * 1. Redistributions of source code must retain the above copyright notice, this
 *    list of conditions and the following disclaimer.
 * 2. Redistributions in binary form must reproduce the above copyright notice,
 *    this list of conditions and the following disclaimer in the
 *    documentation and/or other materials provided with the distribution.
 * 3. Neither the name of the copyright holder nor the names of its contributors
 *    may be used to endorse or promote products derived from this software without
 *    specific prior written permission.
 *
 * THIS SOFTWARE IS PROVIDED BY THE COPYRIGHT HOLDERS AND CONTRIBUTORS "AS IS" AND
 * ANY EXPRESS OR IMPLIED WARRANTIES, INCLUDING, BUT NOT LIMITED TO, THE IMPLIED
 * WARRANTIES OF MERCHANTABILITY AND FITNESS FOR A PARTICULAR PURPOSE ARE
 * DISCLAIMED. IN NO EVENT SHALL THE COPYRIGHT HOLDER OR CONTRIBUTORS BE LIABLE
 * FOR ANY DIRECT, INDIRECT, INCIDENTAL, SPECIAL, EXEMPLARY, OR CONSEQUENTIAL
 * DAMAGES (INCLUDING, BUT NOT LIMITED TO, PROCUREMENT OF SUBSTITUTE GOODS OR
 * SERVICES; LOSS OF USE, DATA, OR PROFITS; OR BUSINESS INTERRUPTION) HOWEVER
 * CAUSED AND ON ANY THEORY OF LIABILITY, WHETHER IN CONTRACT, STRICT LIABILITY,
 * OR TORT (INCLUDING NEGLIGENCE OR OTHERWISE) ARISING IN ANY WAY OUT OF THE USE
 * OF THIS SOFTWARE, EVEN IF ADVISED OF THE POSSIBILITY OF SUCH DAMAGE.
 */
let BARE_KEY = /^[a-z0-9-_]+$/i;
let HAS_WELLFORMED = !!(''.isWellFormed);
function extendedTypeOf(obj) {
    let type = typeof obj;
    if (type === 'object') {
        if (Array.isArray(obj))
            return 'array';
        if (typeof obj.getUTCDate === 'function' && obj instanceof Date)
            return 'date';
        if (globalThis.Temporal) {
            if (obj.until) {
                if (obj instanceof Temporal.ZonedDateTime)
                    return 'temporal/tz+uc';
                if (obj instanceof Temporal.PlainDateTime || obj instanceof Temporal.PlainDate)
                    return 'temporal/uc';
                if (obj instanceof Temporal.PlainTime || obj instanceof Temporal.Instant)
                    return 'temporal';
                if (obj instanceof Temporal.PlainYearMonth)
                    return 'temporal/x';
            }
            else if ((obj.toPlainDate && obj instanceof Temporal.PlainMonthDay) ||
                (obj.negated && obj instanceof Temporal.Duration)) {
                return 'temporal/x';
            }
        }
    }
    return type;
}
function isArrayOfTables(obj) {
    for (let i = 0; i < obj.length; i++) {
        if (extendedTypeOf(obj[i]) !== 'object')
            return false;
    }
    return obj.length != 0;
}
function formatWellFormedStringUnchecked(s) {
    return JSON.stringify(s).replaceAll('\x7f', '\\u007f');
}
function formatString(s) {
    return formatWellFormedStringUnchecked(HAS_WELLFORMED ? s.toWellFormed() : s);
}
function formatKey(s) {
    if (BARE_KEY.test(s))
        return s;
    if (HAS_WELLFORMED && !s.isWellFormed())
        throw new RangeError('key contains illegal lone surrogates');
    return formatWellFormedStringUnchecked(s);
}
function stringifyValue(val, type, depth, numberAsFloat, strictTemporal) {
    if (depth === 0) {
        throw new Error('Could not stringify the object: maximum object depth exceeded');
    }
    switch (type) {
        // @ts-expect-error -- intentional fallthrough case
        case 'number':
            if (isNaN(val))
                return 'nan';
            if (val === Infinity)
                return 'inf';
            if (val === -Infinity)
                return '-inf';
            if (Number.isInteger(val) && (numberAsFloat || !Number.isSafeInteger(val)))
                return val.toFixed(1);
        case 'bigint':
        case 'boolean':
        case 'temporal':
            return val.toString();
        case 'string':
            return formatString(val);
        case 'date':
            if (isNaN(val.getTime()))
                throw new TypeError('cannot serialize invalid date');
            return val.toISOString();
        case 'object':
            return stringifyInlineTable(val, depth, numberAsFloat, strictTemporal);
        case 'array':
            return stringifyArray(val, depth, numberAsFloat, strictTemporal);
        // @ts-expect-error -- intentional fallthrough case
        case 'temporal/tz+uc':
            if (strictTemporal) {
                let tz = val.timeZoneId;
                let tzc = tz.charCodeAt(0);
                if (
                // Classic offset
                tzc !== 0x2b /* + */ && tzc !== 0x2d /* - */ &&
                    (
                    // Fast pre-check pass; see below for the actually accepted values
                    (tzc !== 0x55 /* U */ && tzc !== 0x47 /* G */ && tzc !== 0x5a /* Z */ && tzc !== 0x45 /* E */) ||
                        (
                        // UTC and its aliases; Temporal implementations don't all canonicalise unfortunately
                        tz !== 'UTC' && tz !== 'UCT' && tz !== 'Universal' && tz !== 'Zulu' &&
                            // GMT is a TZ but it's for all intents and purposes equivalent to UTC. Safe to downgrade.
                            !tz.startsWith('GMT') && tz !== 'Greenwich' &&
                            // Etc/* are all safe to downgrade to offset (either UTC, GMT, or offset)
                            !tz.startsWith('Etc/')))) {
                    throw new TypeError('Temporal objects with an IANA timezone are not allowed in Temporal strict mode');
                }
            }
        case 'temporal/uc':
            if (strictTemporal && val.calendarId !== 'iso8601')
                throw new TypeError('Temporal objects with a non-default calendar are not allowed in Temporal strict mode');
            return val.toString({
                calendarName: 'never',
                timeZoneName: 'never',
            });
        case 'temporal/x':
            throw new TypeError('Unsupported ' + val[Symbol.toStringTag]);
    }
}
function stringifyInlineTable(obj, depth, numberAsFloat, strictTemporal) {
    let keys = Object.keys(obj);
    if (keys.length === 0)
        return '{}';
    let res = '{ ';
    for (let i = 0; i < keys.length; i++) {
        let k = keys[i];
        if (i)
            res += ', ';
        res += formatKey(k) + ' = ' + stringifyValue(obj[k], extendedTypeOf(obj[k]), depth - 1, numberAsFloat, strictTemporal);
    }
    return res + ' }';
}
function stringifyArray(array, depth, numberAsFloat, strictTemporal) {
    if (array.length === 0)
        return '[]';
    let res = '[ ';
    for (let i = 0; i < array.length; i++) {
        if (i)
            res += ', ';
        if (array[i] === null || array[i] === void 0) {
            throw new TypeError('arrays cannot contain null or undefined values');
        }
        res += stringifyValue(array[i], extendedTypeOf(array[i]), depth - 1, numberAsFloat, strictTemporal);
    }
    return res + ' ]';
}
function stringifyArrayTable(array, key, depth, numberAsFloat, strictTemporal) {
    if (depth === 0) {
        throw new Error('Could not stringify the object: maximum object depth exceeded');
    }
    let res = '';
    for (let i = 0; i < array.length; i++) {
        res += `${res && '\n'}[[${key}]]\n`;
        res += stringifyTable(0, array[i], key, depth, numberAsFloat, strictTemporal);
    }
    return res;
}
function stringifyTable(tableKey, obj, prefix, depth, numberAsFloat, strictTemporal) {
    if (depth === 0) {
        throw new Error('Could not stringify the object: maximum object depth exceeded');
    }
    let preamble = '';
    let tables = '';
    let keys = Object.keys(obj);
    for (let i = 0; i < keys.length; i++) {
        let k = keys[i];
        if (obj[k] !== null && obj[k] !== void 0) {
            let type = extendedTypeOf(obj[k]);
            if (type === 'symbol' || type === 'function') {
                throw new TypeError(`cannot serialize values of type '${type}'`);
            }
            let key = formatKey(k);
            if (type === 'array' && isArrayOfTables(obj[k])) {
                tables += (tables && '\n') + stringifyArrayTable(obj[k], prefix ? `${prefix}.${key}` : key, depth - 1, numberAsFloat, strictTemporal);
            }
            else if (type === 'object') {
                let tblKey = prefix ? `${prefix}.${key}` : key;
                tables += (tables && '\n') + stringifyTable(tblKey, obj[k], tblKey, depth - 1, numberAsFloat, strictTemporal);
            }
            else {
                preamble += key;
                preamble += ' = ';
                preamble += stringifyValue(obj[k], type, depth, numberAsFloat, strictTemporal);
                preamble += '\n';
            }
        }
    }
    if (tableKey && (preamble || !tables)) // Create table only if necessary
        preamble = preamble ? `[${tableKey}]\n${preamble}` : `[${tableKey}]`;
    return preamble && tables
        ? `${preamble}\n${tables}`
        : preamble || tables;
}
function stringify(obj, { maxDepth = 1000, numbersAsFloat = false, strictTemporal = false } = {}) {
    if (extendedTypeOf(obj) !== 'object') {
        throw new TypeError('stringify can only be called with an object');
    }
    let str = stringifyTable(0, obj, '', maxDepth, numbersAsFloat, strictTemporal);
    if (str[str.length - 1] !== '\n')
        return str + '\n';
    return str;
}

;// CONCATENATED MODULE: ./node_modules/smol-toml/dist/index.js
/*!
 * Copyright (c) Squirrel Chat et al., All rights reserved.
 * SPDX-License-Identifier: BSD-3-Clause
 *
 * Redistribution and use in source and binary forms, with or without
 * modification, are permitted provided that the following conditions are met:
 *
 * 1. Redistributions of source code must retain the above copyright notice, this
 *    list of conditions and the following disclaimer.
 * 2. Redistributions in binary form must reproduce the above copyright notice,
 *    this list of conditions and the following disclaimer in the
 *    documentation and/or other materials provided with the distribution.
 * 3. Neither the name of the copyright holder nor the names of its contributors
 *    may be used to endorse or promote products derived from this software without
 *    specific prior written permission.
 *
 * THIS SOFTWARE IS PROVIDED BY THE COPYRIGHT HOLDERS AND CONTRIBUTORS "AS IS" AND
 * ANY EXPRESS OR IMPLIED WARRANTIES, INCLUDING, BUT NOT LIMITED TO, THE IMPLIED
 * WARRANTIES OF MERCHANTABILITY AND FITNESS FOR A PARTICULAR PURPOSE ARE
 * DISCLAIMED. IN NO EVENT SHALL THE COPYRIGHT HOLDER OR CONTRIBUTORS BE LIABLE
 * FOR ANY DIRECT, INDIRECT, INCIDENTAL, SPECIAL, EXEMPLARY, OR CONSEQUENTIAL
 * DAMAGES (INCLUDING, BUT NOT LIMITED TO, PROCUREMENT OF SUBSTITUTE GOODS OR
 * SERVICES; LOSS OF USE, DATA, OR PROFITS; OR BUSINESS INTERRUPTION) HOWEVER
 * CAUSED AND ON ANY THEORY OF LIABILITY, WHETHER IN CONTRACT, STRICT LIABILITY,
 * OR TORT (INCLUDING NEGLIGENCE OR OTHERWISE) ARISING IN ANY WAY OUT OF THE USE
 * OF THIS SOFTWARE, EVEN IF ADVISED OF THE POSSIBILITY OF SUCH DAMAGE.
 */





/** @deprecated use `import * as ... from 'smol-toml'` instead */
/* harmony default export */ const dist = ({ parse: parse, stringify: stringify, TomlDate: TomlDate, TomlError: TomlError });

;// CONCATENATED MODULE: ./src/requirements/poetry.ts
/**
 * Poetry's dependency tables (`[tool.poetry.dependencies]`,
 * `[tool.poetry.group.<name>.dependencies]`), read for the PyTorch family only.
 * Poetry writes versions in its own syntax (`"^2.3"`, `"~2.3"`, `"2.3.1"` meaning
 * exactly that); the simple forms are turned into PEP 440 specifiers here so the
 * plan can honour them. Anything richer (a source, a URL, a path, git, markers,
 * several constraints) is not read: it becomes a warning, since Poetry will
 * install what it says whatever torchcraft.txt holds.
 *
 * Syntax: https://python-poetry.org/docs/dependency-specification/
 */

/**
 * The PEP 440 specifier for a Poetry version string, "" for any version, or
 * null when it is not one of the forms read here.
 */
function poetrySpecifier(text) {
    const s = text.trim();
    if (s === '*' || s === '')
        return s === '*' ? '' : null;
    const caret = /^\^\s*(\d+(?:\.\d+){0,2})$/.exec(s);
    if (caret)
        return `>=${caret[1]},<${caretBound(caret[1])}`;
    const tilde = /^~(?!=)\s*(\d+(?:\.\d+){0,2})$/.exec(s);
    if (tilde)
        return `>=${tilde[1]},<${tildeBound(tilde[1])}`;
    // A bare version is an exact pin; "2.3.*" a wildcard one.
    if ((0,pep440.valid)(s) !== null)
        return `==${s}`;
    if (/^\d+(?:\.\d+)*\.\*$/.test(s))
        return `==${s}`;
    const spec = s.replace(/\s+/g, '');
    try {
        return (0,pep440.validRange)(spec) ? spec : null;
    }
    catch {
        return null;
    }
}
/** ^1.2.3 -> 2.0.0, ^0.2.3 -> 0.3.0, ^0.0.3 -> 0.0.4, ^0.0 -> 0.1, ^0 -> 1: the first non-zero part given, else the last, goes up. */
function caretBound(version) {
    const parts = version.split('.').map(Number);
    let at = parts.findIndex((p) => p !== 0);
    if (at < 0)
        at = parts.length - 1;
    return bump(parts, at);
}
/** ~1.2.3 -> 1.3.0, ~1.2 -> 1.3, ~1 -> 2: the minor goes up when given, else the major. */
function tildeBound(version) {
    const parts = version.split('.').map(Number);
    return bump(parts, parts.length > 1 ? 1 : 0);
}
function bump(parts, at) {
    return parts.map((p, i) => (i < at ? p : i === at ? p + 1 : 0)).join('.');
}

;// CONCATENATED MODULE: ./src/requirements/paths.ts
/** How a file is named in messages and sources: relative to the working folder, with `/` on every OS. */

function displayPath(cwd, absolute) {
    const rel = (0,external_node_path_namespaceObject.relative)(cwd, absolute);
    // Another drive (Windows) has no relative form: show the path whole.
    const shown = rel === '' || (0,external_node_path_namespaceObject.isAbsolute)(rel) ? absolute : rel;
    return shown.split(external_node_path_namespaceObject.sep).join('/');
}

;// CONCATENATED MODULE: ./src/requirements/project-file.ts
/**
 * Project files stay in the project. The files torchcraft reads for pins (the
 * requirements input and what they include with -r/-c) must lie inside the
 * project folder: the workspace (GITHUB_WORKSPACE) when the run is inside it,
 * else the working folder. A pull request that adds `-r ~/.netrc` or
 * `-r /proc/self/environ` to requirements.txt must not get those files' lines
 * into notes, errors or the job summary, so a path outside, or a link that
 * leads outside, is not opened at all: the caller warns, naming the include as
 * written.
 */



/** A requirements file or pyproject.toml larger than this is not a project file (40,000 lines are about 1 MiB). */
const MAX_PROJECT_FILE_BYTES = 8 * 1024 * 1024;
/** The folder project files must lie in. */
function projectRoot(cwd, workspace) {
    const here = (0,external_node_path_namespaceObject.resolve)(cwd);
    if (workspace) {
        const ws = (0,external_node_path_namespaceObject.resolve)(workspace);
        if (isInside(here, ws))
            return ws;
    }
    return here;
}
function isInside(path, root) {
    const rel = (0,external_node_path_namespaceObject.relative)(root, path);
    if (rel === '')
        return true;
    return !(0,external_node_path_namespaceObject.isAbsolute)(rel) && rel.split(external_node_path_namespaceObject.sep)[0] !== '..';
}
const realRoots = new Map();
async function realRoot(root) {
    let real = realRoots.get(root);
    if (real === undefined) {
        real = await (0,promises_namespaceObject.realpath)(root).catch(() => root);
        realRoots.set(root, real);
    }
    return real;
}
/** Where the file really is, whether it may be read, and, when it may, its bytes. */
async function locateProjectFile(path, root) {
    if (!isInside(path, root))
        return { kind: 'outside' };
    let real;
    try {
        real = await (0,promises_namespaceObject.realpath)(path);
    }
    catch (e) {
        return { kind: 'unreadable', reason: describeFsError(e) };
    }
    if (!isInside(real, await realRoot(root)))
        return { kind: 'link-outside' };
    return { kind: 'ok', real };
}
async function readProjectFile(real) {
    try {
        return { kind: 'ok', real, data: await readRegularFile(real, MAX_PROJECT_FILE_BYTES) };
    }
    catch (e) {
        return { kind: 'unreadable', reason: describeFsError(e) };
    }
}

;// CONCATENATED MODULE: ./src/requirements/pyproject.ts
/**
 * pyproject.toml: `[project] dependencies`, `[project.optional-dependencies]`
 * (the groups the `extras` input picks) and PEP 735 `[dependency-groups]`
 * (picked by the same names, `{include-group = "..."}` followed), and Poetry's
 * tables for the family's plain version pins (poetry.ts). What torchcraft cannot
 * follow but the project's install will (`[tool.uv.sources]` for a family package,
 * Poetry pins it cannot read, dynamic dependencies) is a warning: it can change
 * where torch comes from behind torchcraft's back.
 *
 * A project that installs its own extras (`all = ["myproj[train,cuda]"]`) selects
 * those groups too, as pip would.
 */








/**
 * Read one pyproject.toml into the collector. `extras` names groups of either
 * table (compared normalised, PEP 685); a name this file lacks is not an error
 * here, since another file may have it: the caller checks with the returned groups.
 */
async function readPyproject(path, collector, cwd, extras, root = cwd) {
    const file = displayPath(cwd, path);
    const fail = (problem) => {
        throw new InputError('requirements', file, problem);
    };
    const where = await locateProjectFile(path, root);
    if (where.kind === 'outside' || where.kind === 'link-outside') {
        collector.warn(file, `${where.kind === 'outside' ? 'is outside the project folder' : 'is a link to a file outside the project folder'}; torchcraft reads no file outside it, so pins in it are not honoured.`);
        return undefined;
    }
    if (where.kind === 'unreadable')
        return fail(`the file cannot be read (${where.reason}).`);
    const read = await readProjectFile(where.real);
    if (read.kind !== 'ok')
        return fail(`the file cannot be read (${read.kind === 'unreadable' ? read.reason : 'outside the project'}).`);
    // TOML is UTF-8; a BOM an editor left is not part of it.
    const content = read.data.toString('utf8').replace(/^\uFEFF/, '');
    collector.fileRead(file);
    let doc;
    try {
        doc = parse(content);
    }
    catch (e) {
        if (e instanceof TomlError)
            return fail(`line ${e.line}, column ${e.column}: not valid TOML (${e.message.split('\n')[0]}).`);
        return fail(`not valid TOML (${e instanceof Error ? e.message : String(e)}).`);
    }
    const project = optionalTable(doc.project, '[project]', fail);
    const ownName = typeof project?.name === 'string' ? normalizeName(project.name) : null;
    const dependencies = stringList(project?.dependencies, '[project] dependencies', fail);
    const optional = new Map();
    const optionalTableValue = optionalTable(project?.['optional-dependencies'], '[project.optional-dependencies]', fail);
    for (const [name, items] of Object.entries(optionalTableValue ?? {})) {
        optional.set(normalizeName(name), { name, items: stringList(items, `[project.optional-dependencies] ${name}`, fail) ?? [] });
    }
    const groups = new Map();
    for (const [name, items] of Object.entries(optionalTable(doc['dependency-groups'], '[dependency-groups]', fail) ?? {})) {
        groups.set(normalizeName(name), { name, items: groupItems(items, name, fail) });
    }
    const wanted = extras === 'all' ? [...optional.keys(), ...groups.keys()] : extras.map(normalizeName);
    const selectedGroups = [...new Set(wanted.filter((n) => groups.has(n)))];
    const groupLists = selectedGroups.map((g) => ({ group: g, items: expandGroup(g, groups, file) }));
    // The optional groups installed: those asked for, plus those the selected
    // lists pull in by naming the project itself with extras.
    const selectedOptional = new Set(wanted.filter((n) => optional.has(n)));
    const pending = [...(dependencies ?? []), ...groupLists.flatMap((g) => g.items.map((i) => i.text))];
    for (const n of selectedOptional)
        pending.push(...optional.get(n).items);
    while (pending.length > 0) {
        const parsed = parseRequirement(pending.pop());
        if (!parsed.ok || parsed.requirement.project !== ownName)
            continue;
        for (const extra of parsed.requirement.extras.map(normalizeName)) {
            if (optional.has(extra) && !selectedOptional.has(extra)) {
                selectedOptional.add(extra);
                pending.push(...optional.get(extra).items);
            }
        }
    }
    const markerExtras = [...selectedOptional];
    const add = (text, table) => {
        const parsed = parseRequirement(text);
        if (parsed.ok && parsed.requirement.project === ownName)
            return; // the project itself: its extras were followed above
        collector.add(text, { file, place: table, source: `${file} ${table}` }, markerExtras);
    };
    for (const text of dependencies ?? [])
        add(text, '[project.dependencies]');
    for (const n of selectedOptional) {
        const g = optional.get(n);
        for (const text of g.items)
            add(text, `[project.optional-dependencies.${g.name}]`);
    }
    for (const { items } of groupLists)
        for (const { text, group } of items)
            add(text, `[dependency-groups.${group}]`);
    noteOtherTables(doc, project, file, collector);
    const poetryGroups = readPoetry(doc, file, collector, extras);
    return { file, groups: [...[...optional.values()].map((g) => g.name), ...[...groups.values()].map((g) => g.name), ...poetryGroups] };
}
/** A dependency group's requirement strings, include-group followed, each with the group it is written in. */
function expandGroup(start, groups, file) {
    const out = [];
    // A group included twice adds nothing the second time: without this, a fan of
    // include-group entries would be expanded exponentially often.
    const visited = new Set();
    const visit = (key, chain) => {
        if (visited.has(key))
            return;
        visited.add(key);
        const group = groups.get(key);
        for (const item of group.items) {
            if (typeof item === 'string') {
                out.push({ text: item, group: group.name });
                continue;
            }
            const target = normalizeName(item['include-group']);
            if (!groups.has(target)) {
                throw new InputError('requirements', file, `[dependency-groups] ${group.name} includes "${item['include-group']}", which is not a group; the groups are: ${[...groups.values()].map((g) => g.name).join(', ')}.`);
            }
            if (chain.includes(target)) {
                const names = [...chain, target].map((k) => groups.get(k).name).join(' -> ');
                throw new InputError('requirements', file, `[dependency-groups] include-group makes a cycle: ${names}.`);
            }
            visit(target, [...chain, target]);
        }
    };
    visit(start, [start]);
    return out;
}
function noteOtherTables(doc, project, file, collector) {
    const tool = isTable(doc.tool) ? doc.tool : undefined;
    const uv = tool && isTable(tool.uv) ? tool.uv : undefined;
    if (uv && isTable(uv.sources)) {
        const family = Object.keys(uv.sources).filter(isPytorchFamily);
        if (family.length > 0) {
            collector.warn(`${file} [tool.uv.sources]`, `names a source for ${family.join(', ')}, which picks its index or build; torchcraft does not read it, and \`uv sync\` / \`uv pip install\` will follow it rather than torchcraft.txt.`);
        }
        else {
            collector.note(file, '[tool.uv.sources] is not read by torchcraft (it names no PyTorch package).');
        }
    }
    const dynamic = Array.isArray(project?.dynamic) ? project.dynamic : [];
    for (const field of ['dependencies', 'optional-dependencies']) {
        if (!dynamic.includes(field))
            continue;
        const setuptools = tool && isTable(tool.setuptools) && isTable(tool.setuptools.dynamic) ? tool.setuptools.dynamic : undefined;
        const spec = setuptools?.[field];
        const files = isTable(spec) ? [spec.file].flat().filter((f) => typeof f === 'string') : [];
        // The pins live elsewhere and the project's install reads them: unseen, they can undo the plan.
        collector.warn(file, `[project] ${field} is dynamic, so torchcraft cannot see its pins and does not honour them: pass ${files.length > 0 ? files.join(', ') : 'the requirement files it is built from'} as requirements too.`);
    }
}
/**
 * The family's pins in Poetry's tables. Main dependencies, `dev-dependencies`
 * and non-optional groups are what `poetry install` installs; an optional group
 * counts when `extras` names it (or is 'all'). Returns the group names, which
 * `extras` may name.
 */
function readPoetry(doc, file, collector, extras) {
    const tool = isTable(doc.tool) ? doc.tool : undefined;
    const poetry = tool && isTable(tool.poetry) ? tool.poetry : undefined;
    if (!poetry)
        return [];
    const tables = [
        { table: '[tool.poetry.dependencies]', deps: poetry.dependencies },
        { table: '[tool.poetry.dev-dependencies]', deps: poetry['dev-dependencies'] },
    ];
    const names = [];
    for (const [name, group] of Object.entries(isTable(poetry.group) ? poetry.group : {})) {
        if (!isTable(group))
            continue;
        names.push(name);
        const selected = group.optional !== true || extras === 'all' || extras.some((e) => normalizeName(e) === normalizeName(name));
        if (selected)
            tables.push({ table: `[tool.poetry.group.${name}.dependencies]`, deps: group.dependencies });
    }
    for (const { table, deps } of tables) {
        if (!isTable(deps))
            continue;
        for (const [name, value] of Object.entries(deps)) {
            if (isPytorchFamily(name))
                readPoetryPin(normalizeName(name), name, value, `${file} ${table}`, collector);
        }
    }
    return names;
}
// Keys of a Poetry dependency table that do not change what is installed: a pin with only these is read.
const PLAIN_POETRY_KEYS = new Set(['version', 'extras', 'optional']);
function readPoetryPin(project, name, value, source, collector) {
    const shown = quote(`${name} = ${showToml(value)}`);
    const version = typeof value === 'string' ? value : isTable(value) && Object.keys(value).every((k) => PLAIN_POETRY_KEYS.has(k)) ? value.version : undefined;
    const specifier = typeof version === 'string' ? poetrySpecifier(version) : null;
    if (specifier === null) {
        collector.warn(source, `${shown} is not read: torchcraft does not read Poetry's pins beyond a plain version, so this pin is not honoured, and \`poetry install\` will install what it says over the build torchcraft.txt chose.`);
        return;
    }
    collector.constrain({ project, specifier, source });
    collector.warn(source, `${shown} is read as ${project}${specifier === '' ? ' (any version)' : specifier}, but \`poetry install\` installs from poetry.lock and Poetry's own sources, so it may still replace the build torchcraft.txt chose.`);
}
/** A TOML value as written, roughly, for messages: "^2.3", {version = "^2.3", source = "pytorch"}. */
function showToml(value) {
    if (typeof value === 'string')
        return JSON.stringify(value);
    if (Array.isArray(value))
        return `[${value.map(showToml).join(', ')}]`;
    if (isTable(value))
        return `{${Object.entries(value).map(([k, v]) => `${k} = ${showToml(v)}`).join(', ')}}`;
    return String(value);
}
function isTable(v) {
    return typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof Date);
}
function optionalTable(v, what, fail) {
    if (v === undefined)
        return undefined;
    return isTable(v) ? v : fail(`${what} must be a table.`);
}
function stringList(v, what, fail) {
    if (v === undefined)
        return undefined;
    if (!Array.isArray(v) || !v.every((s) => typeof s === 'string'))
        return fail(`${what} must be a list of requirement strings.`);
    return v;
}
function groupItems(v, name, fail) {
    if (!Array.isArray(v))
        return fail(`[dependency-groups] ${name} must be a list.`);
    return v.map((item) => {
        if (typeof item === 'string')
            return item;
        if (isTable(item) && typeof item['include-group'] === 'string' && Object.keys(item).length === 1) {
            return { 'include-group': item['include-group'] };
        }
        return fail(`[dependency-groups] ${name} holds ${describeValue(item)}, which is neither a requirement string nor {include-group = "..."}.`);
    });
}
function describeValue(v) {
    if (isTable(v))
        return `a table with ${Object.keys(v).map((k) => JSON.stringify(k)).join(', ') || 'no keys'}`;
    return Array.isArray(v) ? 'a list' : `a ${typeof v}`;
}

;// CONCATENATED MODULE: ./src/requirements/decode.ts
/**
 * The text of a requirements file, decoded as pip decodes it
 * (pip/_internal/utils/encoding.py, auto_decode): a byte-order mark picks the
 * encoding (UTF-8, UTF-16 LE or BE, UTF-32 BE; PowerShell's `>` writes UTF-16 LE
 * with a BOM), else a PEP 263 `# -*- coding: NAME -*-` comment in the first two
 * lines, else UTF-8 (the locale's encoding on a CI runner).
 *
 * pip checks the UTF-16 marks before the UTF-32 ones, so a UTF-32 LE file (FF FE
 * 00 00) is read as UTF-16 LE there, and here too: torchcraft reads what pip reads.
 */
const CODING = /coding[:=]\s*([-\w.]+)/;
/** Python codec names that WHATWG's TextDecoder spells differently. */
const ALIASES = { latin: 'latin1', 'latin-1': 'latin1', l1: 'latin1', utf8: 'utf-8', 'utf-8-sig': 'utf-8', cp65001: 'utf-8', ascii: 'utf-8', 'us-ascii': 'utf-8' };
class DecodeError extends Error {
}
function utf32be(data) {
    let out = '';
    for (let i = 0; i + 3 < data.length; i += 4)
        out += String.fromCodePoint(Math.min(data.readUInt32BE(i), 0x10ffff));
    return out;
}
function utf16be(data) {
    const even = Buffer.from(data.subarray(0, data.length - (data.length % 2)));
    return even.swap16().toString('utf16le');
}
function decodeLikePip(data) {
    if (data[0] === 0xef && data[1] === 0xbb && data[2] === 0xbf)
        return data.subarray(3).toString('utf8');
    if (data[0] === 0xff && data[1] === 0xfe)
        return data.subarray(2, data.length - (data.length % 2)).toString('utf16le');
    if (data[0] === 0xfe && data[1] === 0xff)
        return utf16be(data.subarray(2));
    if (data[0] === 0x00 && data[1] === 0x00 && data[2] === 0xfe && data[3] === 0xff)
        return utf32be(data.subarray(4));
    // Only the first two lines may declare an encoding; reading them needs no decoding.
    let start = 0;
    for (let n = 0; n < 2 && start <= data.length; n++) {
        let end = data.indexOf(0x0a, start);
        if (end < 0)
            end = data.length;
        const line = data.subarray(start, Math.min(end, start + 512)).toString('latin1');
        const m = line.startsWith('#') ? CODING.exec(line) : null;
        if (m)
            return decodeAs(data, m[1]);
        start = end + 1;
    }
    return data.toString('utf8');
}
function decodeAs(data, name) {
    const label = name.toLowerCase().replace(/_/g, '-');
    try {
        return new TextDecoder(ALIASES[label] ?? label).decode(data);
    }
    catch {
        throw new DecodeError(`it declares the encoding ${JSON.stringify(name)} (a "coding:" comment), which torchcraft cannot decode`);
    }
}

;// CONCATENATED MODULE: ./src/requirements/requirements-file.ts
/**
 * pip's requirements-file format, read the way pip reads it
 * (pip/_internal/req/req_file.py): bytes decoded as pip decodes them (a UTF-16
 * BOM included), physical lines cut where str.splitlines() cuts them, joined at
 * a trailing backslash (a comment line ends a continuation), comments from a `#`
 * at the start or after whitespace, option lines, includes (`-r`, `-c`) relative
 * to the including file, and per-requirement options (`--hash`) split off at the
 * first word that starts with `-`.
 *
 * Includes stay in the project (project-file.ts), each file is read and followed
 * once however many times it is included (a fan of includes would otherwise be
 * read exponentially often), and an include written with `${VAR}` is named as
 * written in every message, never by the path the variable gave.
 *
 * Only the PyTorch family matters to torchcraft; everything else is collected
 * for notes at most (see collector.ts for what is an error).
 */








/** Where Python's str.splitlines() cuts lines, as pip does (\r\n counts once). */
const PHYSICAL_LINE = /\r\n|[\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029]/;
/** Python's \s (str.isspace), which pip's comment pattern and strip() use: JavaScript's lacks \x1c-\x1f and \x85, and has \ufeff. */
const PY_SPACE = '[\\t\\n\\v\\f\\r\\x1c-\\x1f \\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000]';
const COMMENT_LINE = new RegExp(`^${PY_SPACE}*#`);
const COMMENT = new RegExp(`(^|${PY_SPACE})#`);
const IS_PY_SPACE = new RegExp(`^${PY_SPACE}$`);
/** Python's str.strip(), by index scans: a `\s+$` pattern is quadratic on a long run of inner spaces. */
function pyStrip(text) {
    let start = 0;
    let end = text.length;
    while (start < end && IS_PY_SPACE.test(text[start]))
        start++;
    while (end > start && IS_PY_SPACE.test(text[end - 1]))
        end--;
    return text.slice(start, end);
}
/** Split a file's text into pip's logical lines. */
function logicalLines(content) {
    const physical = content.replace(/^\uFEFF/, '').split(PHYSICAL_LINE);
    const out = [];
    let pending = [];
    let first = 0;
    const emit = (line, text) => {
        const stripped = pyStrip(stripComment(text));
        if (stripped !== '')
            out.push({ line, text: stripped });
    };
    physical.forEach((raw, index) => {
        const isComment = COMMENT_LINE.test(raw);
        if (raw.endsWith('\\') && !isComment) {
            if (pending.length === 0)
                first = index + 1;
            // pip strips every backslash at either end of a continued line.
            pending.push(stripBackslashes(raw));
            return;
        }
        if (pending.length > 0) {
            // A comment line closes a continuation (as in pip) and contributes nothing.
            pending.push(isComment ? '' : raw);
            emit(first, pending.join(''));
            pending = [];
        }
        else {
            emit(index + 1, raw);
        }
    });
    if (pending.length > 0)
        emit(first, pending.join(''));
    return out;
}
/** Python's str.strip("\\"), by index scans. */
function stripBackslashes(text) {
    let start = 0;
    let end = text.length;
    while (start < end && text[start] === '\\')
        start++;
    while (end > start && text[end - 1] === '\\')
        end--;
    return text.slice(start, end);
}
/** `#` starts a comment at the start of a line or after whitespace; `url#egg=x` keeps its fragment. */
function stripComment(text) {
    const m = COMMENT.exec(text);
    return m ? text.slice(0, m.index) : text;
}
/**
 * Read one requirements file and, depth first, the files it includes.
 * `chain` holds the real paths being read, to refuse cycles.
 */
async function readRequirementsFile(path, reader, chain = [], includedFrom) {
    const root = reader.root ?? reader.cwd;
    const done = (reader.done ??= new Set());
    // A file reached through ${VAR} is named as written: the variable's value stays out of every message.
    const display = includedFrom ? includedName(includedFrom) ?? displayPath(reader.cwd, path) : displayPath(reader.cwd, path);
    const where = await locateProjectFile(path, root);
    if (where.kind === 'outside' || where.kind === 'link-outside') {
        const how = where.kind === 'outside' ? 'names a file outside the project folder' : 'is a link to a file outside the project folder';
        if (includedFrom) {
            reader.collector.warn(`${includedFrom.file}:${includedFrom.line}`, `${includedFrom.option} ${quote(includedFrom.target)} ${how}; torchcraft reads no file outside it, so pins in it are not honoured.`);
        }
        else {
            reader.collector.warn(display, `${how === 'names a file outside the project folder' ? 'is outside the project folder' : how}; torchcraft reads no file outside it, so pins in it are not honoured.`);
        }
        return;
    }
    const cannotRead = (why) => {
        if (includedFrom) {
            throw new InputError('requirements', includedFrom.file, `line ${includedFrom.line}: ${includedFrom.option} ${quote(includedFrom.target)} names ${display}, which cannot be read (${why}).`);
        }
        throw new InputError('requirements', display, `the file cannot be read (${why}).`);
    };
    if (where.kind === 'unreadable')
        return cannotRead(where.reason);
    const real = where.real;
    if (chain.includes(real)) {
        const from = includedFrom;
        // Each file by the name messages give it (an include through ${VAR} as written).
        const names = reader.names ?? new Map();
        const cycle = [...chain.slice(chain.indexOf(real)), real].map((p) => names.get(p) ?? displayPath(reader.cwd, p)).join(' -> ');
        throw new InputError('requirements', from.file, `line ${from.line}: ${from.option} ${quote(from.target)} makes a cycle of includes: ${cycle}.`);
    }
    if (done.has(real))
        return;
    done.add(real);
    (reader.names ??= new Map()).set(real, display);
    const file = await readProjectFile(real);
    if (file.kind !== 'ok')
        return cannotRead(file.kind === 'unreadable' ? file.reason : 'it is outside the project folder');
    let content;
    try {
        content = decodeLikePip(file.data);
    }
    catch (e) {
        return cannotRead(e instanceof DecodeError ? e.message : String(e));
    }
    reader.collector.fileRead(display);
    const inner = [...chain, real];
    for (const { line, text } of logicalLines(content)) {
        const source = `${display}:${line}`;
        if (text.startsWith('-')) {
            await readOptionLine(text, { file: display, line, source, dir: (0,external_node_path_namespaceObject.dirname)(path), chain: inner }, reader);
        }
        else {
            readRequirementLine(text, { file: display, line, source }, reader);
        }
    }
}
/**
 * How an included file is named when its path came through a variable: as written,
 * or beside its includer's name when that one was (a file next to `${DIR}/b.txt`
 * is `${DIR}/c.txt`). Undefined when no variable is involved: the path is shown.
 */
function includedName(from) {
    if (from.target.includes('${'))
        return from.target;
    if (!from.file.includes('${'))
        return undefined;
    return (0,external_node_path_namespaceObject.isAbsolute)(from.target) ? from.target : external_node_path_namespaceObject.posix.join(external_node_path_namespaceObject.posix.dirname(from.file), from.target.split('\\').join('/'));
}
// Options pip accepts in requirement files that take a value (as the next word or after "=").
const WITH_VALUE = new Set([
    '-r', '--requirement', '-c', '--constraint', '-e', '--editable',
    '-i', '--index-url', '--extra-index-url', '-f', '--find-links', '--trusted-host',
    '--only-binary', '--no-binary', '--use-feature', '--config-settings', '--global-option', '--hash',
]);
const INDEX_OPTIONS = new Set(['-i', '--index-url', '--extra-index-url', '-f', '--find-links', '--no-index']);
async function readOptionLine(text, at, reader) {
    const words = splitWords(text);
    for (let i = 0; i < words.length; i++) {
        let option = words[i];
        let value;
        const eq = option.startsWith('--') ? option.indexOf('=') : -1;
        if (eq > 0) {
            value = option.slice(eq + 1);
            option = option.slice(0, eq);
        }
        else if (/^-[rceif]./.test(option)) {
            // Short options glue their value on: -rbase.txt
            value = option.slice(2);
            option = option.slice(0, 2);
        }
        if (!option.startsWith('-')) {
            reader.collector.note(at.source, `${quote(option)} after the options is ignored.`);
            continue;
        }
        if (WITH_VALUE.has(option) && value === undefined) {
            value = words[++i];
            if (value === undefined) {
                if (option === '-r' || option === '--requirement' || option === '-c' || option === '--constraint') {
                    throw new InputError('requirements', at.file, `line ${at.line}: ${option} needs a file name.`);
                }
                reader.collector.note(at.source, `${option} without a value is ignored.`);
                continue;
            }
        }
        const shown = value === undefined ? option : `${option} ${value}`;
        switch (option) {
            case '-r':
            case '--requirement':
            case '-c':
            case '--constraint':
                await include(option, expandEnvironment(value, reader.env), at, reader, value);
                break;
            case '-e':
            case '--editable':
                noteLink(value, { file: at.file, place: `line ${at.line}`, source: at.source }, reader, 'an editable install');
                break;
            default:
                if (INDEX_OPTIONS.has(option)) {
                    reader.collector.note(at.source, `${quote(shown)} is ignored: torchcraft.txt names the index for the PyTorch packages itself.`);
                }
                else if (!WITH_VALUE.has(option) && !['--pre', '--prefer-binary', '--require-hashes', '--no-build-isolation'].includes(option)) {
                    reader.collector.note(at.source, `unknown option ${quote(option)} is ignored.`);
                }
        }
    }
}
async function include(option, target, at, reader, written) {
    if (/^[A-Za-z][A-Za-z0-9+.-]*:\/\//.test(target)) {
        // No network: a remote file cannot be read, and guessing its pins would be worse.
        // Its pins reach pip all the same, so this is a warning: they may undo the plan.
        reader.collector.warn(at.source, `${option} ${quote(written)} is not followed: torchcraft reads local files only, so pins in it are not honoured.`);
        return;
    }
    // pip treats -c lines like requirements for the purpose that matters here: a
    // family pin in a constraints file binds the version, so both are read alike.
    await readRequirementsFile((0,external_node_path_namespaceObject.resolve)(at.dir, target), reader, at.chain, { file: at.file, line: at.line, option, target: written });
}
function readRequirementLine(text, at, reader) {
    // pip splits per-requirement options (--hash=..., --config-settings) off at the first word starting with "-".
    const optionAt = /\s-/.exec(text);
    const requirement = optionAt ? text.slice(0, optionAt.index).trim() : text;
    if (looksLikeLink(requirement)) {
        const origin = { file: at.file, place: `line ${at.line}`, source: at.source };
        const { link, marker } = splitLinkMarker(requirement);
        const name = nameFromLink(link);
        const family = name !== null && isPytorchFamily(name);
        if (reader.collector.applies(marker, family, origin, reader.extras, requirement))
            noteLink(link, origin, reader, 'a URL or path', requirement);
        return;
    }
    reader.collector.add(expandEnvironment(requirement, reader.env), { file: at.file, place: `line ${at.line}`, source: at.source }, reader.extras, requirement);
}
/**
 * pip expands `${NAME}` (upper case, digits, `_`) from the environment in
 * requirement files, leaving unset ones as written; `torch==${TORCH_VERSION}`
 * is a real CI idiom. Messages show the text as written, never the values.
 */
function expandEnvironment(text, env = process.env) {
    // As pip: an unset or empty variable leaves the reference as written.
    return text.replace(/\$\{([A-Z0-9_]+)\}/g, (whole, name) => env[name] || whole);
}
/** What pip installs from a URL or a path rather than by name. */
function looksLikeLink(text) {
    // scheme://, file:/, and Windows drives (C:\, C:/)
    if (/^[A-Za-z][A-Za-z0-9+.-]*:[\\/]/.test(text))
        return true;
    const head = text.split(/[\s;]/, 1)[0];
    if (head.includes('@'))
        return false; // name @ url, a PEP 508 direct reference
    return /^[.~\\/]/.test(head) || /[\\/]/.test(head) || /\.(whl|zip|tar\.gz|tgz|tar\.bz2|tar\.xz|tar)$/i.test(head);
}
/**
 * A URL or path line with an environment marker: pip separates the marker of a
 * URL by "; " (a bare ";" may belong to the URL) and that of a path by ";".
 */
function splitLinkMarker(text) {
    const isUrl = /^[A-Za-z][A-Za-z0-9+.-]*:\/\//.test(text);
    const at = isUrl ? text.indexOf('; ') : text.indexOf(';');
    if (at < 0)
        return { link: text };
    return { link: text.slice(0, at).trim(), marker: text.slice(at + 1).trim() };
}
function noteLink(link, origin, reader, what, shown = link) {
    const name = nameFromLink(link);
    if (name !== null && isPytorchFamily(name)) {
        reader.collector.direct(normalizeName(name), link, origin, shown, `is ${what} of ${normalizeName(name)}`);
    }
    else {
        reader.collector.note(origin.source, `${quote(shown)} is ${what}, not a named requirement; ignored.`);
    }
}
/** The project a link installs, when it says: `#egg=name`, or a wheel's file name. */
function nameFromLink(link) {
    const egg = /[#&]egg=([A-Za-z0-9][A-Za-z0-9._-]*)/.exec(link);
    if (egg)
        return egg[1];
    return wheel_wheelFromLink(link)?.name ?? null;
}
/** Words of an option line, honouring simple quotes ("my reqs.txt"), as pip's shlex split does. */
function splitWords(text) {
    const words = [];
    const re = /"([^"]*)"|'([^']*)'|(\S+)/g;
    for (let m = re.exec(text); m !== null; m = re.exec(text))
        words.push(m[1] ?? m[2] ?? m[3]);
    return words;
}

;// CONCATENATED MODULE: ./src/requirements/index.ts
/**
 * The project's own requirements, read for a target machine: which packages of
 * the PyTorch family it pins, and how (issue 4). Planning turns the constraints
 * into a release; this side only reads.
 *
 * Paths ending in `.toml` are pyproject files; anything else is a pip
 * requirements file. Bad input is an InputError naming the file and the line.
 */









async function readProjectRequirements(paths, target, options) {
    const collector = new Collector(markerValues(target));
    // Requirement files know no groups: with 'all', an `extra == "..."` marker there cannot be decided.
    const fileExtras = options.extras === 'all' ? 'unknown' : options.extras;
    const pyprojects = [];
    const root = projectRoot(options.cwd, options.workspace);
    // One reader for every file: a file named twice, or included from two files, is read once.
    const reader = { collector, cwd: options.cwd, extras: fileExtras, root, env: options.env, done: new Set() };
    for (const p of paths) {
        const absolute = (0,external_node_path_namespaceObject.resolve)(options.cwd, p);
        if (p.toLowerCase().endsWith('.toml')) {
            const groups = await readPyproject(absolute, collector, options.cwd, options.extras, root);
            if (groups)
                pyprojects.push(groups);
        }
        else {
            await readRequirementsFile(absolute, reader);
        }
    }
    if (options.extras !== 'all' && pyprojects.length > 0)
        checkExtrasExist(options.extras, pyprojects);
    return { constraints: collector.constraints, notes: collector.notes, warnings: collector.warnings, files: collector.files };
}
/** A group asked for must exist in some pyproject read: a typo would otherwise drop its pins silently. */
function checkExtrasExist(extras, pyprojects) {
    for (const extra of extras) {
        if (pyprojects.some((p) => p.groups.some((g) => normalizeName(g) === normalizeName(extra))))
            continue;
        const there = pyprojects.map((p) => `${p.file}: ${p.groups.length > 0 ? p.groups.join(', ') : 'none'}`).join('; ');
        throw new InputError('extras', extra, `no such group in [project.optional-dependencies] or [dependency-groups]; the groups are ${there}.`);
    }
}

;// CONCATENATED MODULE: ./src/data/intel-gpus.ts
const ID_RANGES = [
    // DG2 also covers the Data Center GPU Flex 140/170 (0x56c0, 0x56c1), same Xe-HPG silicon.
    { from: 0x5690, to: 0x56ff, family: 'Arc A-series (Alchemist)' },
    { from: 0xe200, to: 0xe2ff, family: 'Arc B-series (Battlemage)' },
    { from: 0x0bd0, to: 0x0bdf, family: 'Data Center GPU Max (Ponte Vecchio)' },
];
const IDS = {
    0x7d40: 'Core Ultra (Meteor Lake)',
    0x7d45: 'Core Ultra (Meteor Lake)',
    0x7d55: 'Core Ultra (Meteor Lake)',
    0x7d60: 'Core Ultra (Meteor Lake)',
    0x7dd5: 'Core Ultra (Meteor Lake)',
    0x7d41: 'Core Ultra (Arrow Lake)',
    0x7d51: 'Core Ultra (Arrow Lake)',
    0x7d67: 'Core Ultra (Arrow Lake)',
    0x7dd1: 'Core Ultra (Arrow Lake)',
    0x6420: 'Core Ultra (Lunar Lake)',
    0x64a0: 'Core Ultra (Lunar Lake)',
    0x64b0: 'Core Ultra (Lunar Lake)',
};
// Names as drivers report them: "Intel(R) Arc(TM) A770 Graphics", "Intel(R) Arc(TM) B580
// Graphics", "Intel(R) Arc(TM) Graphics" (Meteor Lake iGPU), "Intel(R) Arc(TM) 140V GPU"
// (Lunar Lake), "Intel(R) Data Center GPU Max 1550". Not: "Intel(R) UHD Graphics 770",
// "Intel(R) Iris(R) Xe Graphics".
const NAMES = [
    { pattern: /\bData Center GPU Max\b/i, family: 'Data Center GPU Max (Ponte Vecchio)' },
    { pattern: /\bArc(?:\(TM\)|™)?\s*(?:Pro\s+)?A\d{2,3}/i, family: 'Arc A-series (Alchemist)' },
    { pattern: /\bArc(?:\(TM\)|™)?\s*(?:Pro\s+)?B\d{2,3}/i, family: 'Arc B-series (Battlemage)' },
    { pattern: /\bArc(?:\(TM\)|™)?\s*1[34]0V\b/i, family: 'Core Ultra (Lunar Lake)' },
    { pattern: /\bArc(?:\(TM\)|™)?\s*Graphics\b/i, family: 'Core Ultra (Arc Graphics)' },
    { pattern: /\bCore(?:\(TM\)|™)?\s*Ultra\b/i, family: 'Core Ultra' },
];
/** The XPU-capable family of an Intel GPU, by PCI device id first, else by name; null when not capable. */
function xpuFamily(gpu) {
    const id = gpu.deviceId ? Number.parseInt(gpu.deviceId.replace(/^0x/i, ''), 16) : Number.NaN;
    if (Number.isFinite(id)) {
        if (IDS[id])
            return { family: IDS[id] };
        const range = ID_RANGES.find((r) => id >= r.from && id <= r.to);
        if (range)
            return { family: range.family };
    }
    const named = NAMES.find((n) => n.pattern.test(gpu.name));
    return named ? { family: named.family } : null;
}

;// CONCATENATED MODULE: ./src/data/pytorch.ts
/**
 * What PyTorch publishes: one row per release line, newest last. Adding a
 * release is one row here (its CUDA arch lists are inherited from the open-ended
 * rows in cuda-arches.ts, its gfx lists from rocm.ts).
 *
 * Sources (keys as in ../shared/reference/pytorch-wheels.md):
 * [TI] pytorch/test-infra tools/scripts/generate_binary_build_matrix.py per release,
 * [REL] pytorch/pytorch RELEASE.md compatibility matrix, [TV] pytorch/vision README,
 * [PV] pytorch.github.io previous-versions.md, [LOCAL] wheels on the local mirror.
 * Checked: pytorch/pytorch .ci/manywheel/build_cuda.sh (2.8-era) lists cu126
 * 5.0..9.0 without PTX, cu128 7.0..12.0 without PTX, cu129 ..12.0+PTX: matches.
 */

const py = (from, to) => Array.from({ length: to - from + 1 }, (_, i) => `3.${from + i}`);
// Sources, keys as in ../shared/reference/pytorch-wheels.md ("Changes on 2026-12-01"):
// [TI] test-infra generate_binary_build_matrix.py, [REL] RELEASE.md, [IDX] quoted index
// listings, [3P] third-party tables, [PR] pytorch issues/PRs (#N), [PV] previous-versions.md.
// Facts the reference marks "unconfirmed" are left out of the rows (they decide nothing):
// 2.0 rocm5.3, 2.4 aarch64 cu124, 2.6 3.13t, a 2.9.0 Windows cu129, 2.15 itself.
/** Windows on Arm: CPU wheels on /whl/cpu from 2.7, cp311-cp313 only (C2) [TI, IDX, #152109, #195033]. */
const WIN_ARM_PY = { 'windows-aarch64': py(11, 13) };
/** 3.15 and 3.15t for 2.13/2.14: Linux only, not on PyPI (C2) [IDX, #194367]. */
const LINUX_315 = { 'linux-x86_64': ['3.15'], 'linux-aarch64': ['3.15'] };
const RELEASES = [
    // [TI][REL] 2.0: cu117 default; rocm5.4.2 (5.3 unconfirmed [PV], left out). Versions [TI, 3P].
    { line: '2.0', versions: ['2.0.0', '2.0.1'], python: py(8, 11), freeThreaded: [], cuda: ['cu117', 'cu118'], cudaWindows: ['cu117', 'cu118'], cudaAarch64: [], rocm: ['rocm5.4.2'], xpu: false, pypiDefault: 'cu117', macosX86: true, windowsArm: false },
    { line: '2.1', versions: ['2.1.0', '2.1.1', '2.1.2'], python: py(8, 11), freeThreaded: [], cuda: ['cu118', 'cu121'], cudaWindows: ['cu118', 'cu121'], cudaAarch64: [], rocm: ['rocm5.5', 'rocm5.6'], xpu: false, pypiDefault: 'cu121', macosX86: true, windowsArm: false },
    // 2.2.2 is the last release with macOS x86_64 wheels [PV, #127870].
    { line: '2.2', versions: ['2.2.0', '2.2.1', '2.2.2'], python: py(8, 12), freeThreaded: [], cuda: ['cu118', 'cu121'], cudaWindows: ['cu118', 'cu121'], cudaAarch64: [], rocm: ['rocm5.6', 'rocm5.7'], xpu: false, pypiDefault: 'cu121', macosX86: true, windowsArm: false },
    { line: '2.3', versions: ['2.3.0', '2.3.1'], python: py(8, 12), freeThreaded: [], cuda: ['cu118', 'cu121'], cudaWindows: ['cu118', 'cu121'], cudaAarch64: [], rocm: ['rocm5.7', 'rocm6.0'], xpu: false, pypiDefault: 'cu121', macosX86: false, windowsArm: false },
    // aarch64 cu124 for 2.4: unconfirmed [BLD], left out.
    { line: '2.4', versions: ['2.4.0', '2.4.1'], python: py(8, 12), freeThreaded: [], cuda: ['cu118', 'cu121', 'cu124'], cudaWindows: ['cu118', 'cu121', 'cu124'], cudaAarch64: [], rocm: ['rocm6.0', 'rocm6.1'], xpu: false, pypiDefault: 'cu121', macosX86: false, windowsArm: false },
    // 2.5: 3.13 "experimental", Linux x86_64 wheels only [REL]; first XPU release; aarch64 cu124, sm_90 only (C2) [BLD, TI, IDX].
    { line: '2.5', versions: ['2.5.0', '2.5.1'], python: py(9, 12), pythonExtra: { 'linux-x86_64': ['3.13'] }, freeThreaded: [], cuda: ['cu118', 'cu121', 'cu124'], cudaWindows: ['cu118', 'cu121', 'cu124'], cudaAarch64: ['cu124'], rocm: ['rocm6.1', 'rocm6.2'], xpu: true, pypiDefault: 'cu124', macosX86: false, windowsArm: false },
    // 2.6: aarch64 cu126, sm_90 only (C2) [BLD, TI, IDX]; its experimental 3.13t is unconfirmed per platform: left out.
    { line: '2.6', versions: ['2.6.0'], python: py(9, 13), freeThreaded: [], cuda: ['cu118', 'cu124', 'cu126'], cudaWindows: ['cu118', 'cu124', 'cu126'], cudaAarch64: ['cu126'], rocm: ['rocm6.1', 'rocm6.2.4'], xpu: true, pypiDefault: 'cu124', macosX86: false, windowsArm: false },
    { line: '2.7', versions: ['2.7.0', '2.7.1'], python: py(9, 13), pythonOn: WIN_ARM_PY, freeThreaded: ['3.13'], cuda: ['cu118', 'cu126', 'cu128'], cudaWindows: ['cu118', 'cu126', 'cu128'], cudaAarch64: ['cu128'], rocm: ['rocm6.2.4', 'rocm6.3'], xpu: true, pypiDefault: 'cu126', macosX86: false, windowsArm: true },
    // 2.8 aarch64 CUDA: cu129 only, not cu128 (C2) [TI 21480431a, #162364, IDX]; Windows cu129 in 2.8 only [TI].
    { line: '2.8', versions: ['2.8.0'], python: py(9, 13), pythonOn: WIN_ARM_PY, freeThreaded: ['3.13'], cuda: ['cu126', 'cu128', 'cu129'], cudaWindows: ['cu126', 'cu128', 'cu129'], cudaAarch64: ['cu129'], rocm: ['rocm6.3', 'rocm6.4'], xpu: true, pypiDefault: 'cu128', macosX86: false, windowsArm: true },
    // 2.9-2.11: 3.13t (C2) [IDX, TI, #182951] and 3.14t; cu129 Linux x86_64 and aarch64 [TI, 3P].
    { line: '2.9', versions: ['2.9.0', '2.9.1'], python: py(10, 14), pythonOn: WIN_ARM_PY, freeThreaded: ['3.13', '3.14'], cuda: ['cu126', 'cu128', 'cu129', 'cu130'], cudaWindows: ['cu126', 'cu128', 'cu130'], cudaAarch64: ['cu126', 'cu128', 'cu129', 'cu130'], rocm: ['rocm6.3', 'rocm6.4'], xpu: true, pypiDefault: 'cu128', macosX86: false, windowsArm: true },
    { line: '2.10', versions: ['2.10.0'], python: py(10, 14), pythonOn: WIN_ARM_PY, freeThreaded: ['3.13', '3.14'], cuda: ['cu126', 'cu128', 'cu129', 'cu130'], cudaWindows: ['cu126', 'cu128', 'cu130'], cudaAarch64: ['cu126', 'cu128', 'cu129', 'cu130'], rocm: ['rocm7.0', 'rocm7.1'], xpu: true, pypiDefault: 'cu128', macosX86: false, windowsArm: true },
    { line: '2.11', versions: ['2.11.0'], python: py(10, 14), pythonOn: WIN_ARM_PY, freeThreaded: ['3.13', '3.14'], cuda: ['cu126', 'cu128', 'cu129', 'cu130'], cudaWindows: ['cu126', 'cu128', 'cu130'], cudaAarch64: ['cu126', 'cu128', 'cu129', 'cu130'], rocm: ['rocm7.1', 'rocm7.2'], xpu: true, pypiDefault: 'cu130', macosX86: false, windowsArm: true },
    // 2.12.0: no torchaudio (see companions.ts); cu128 replaced by cu132; no cu129; 3.13t still (C2).
    // 2.12.1 (June 2026, TI 77e179c3b): Linux cu129 back (C2), no 3.13t (C2) [test-infra#8200, TI 4fa7ce0ea, #182951];
    // ROCm as 2.12.0 (not re-checked).
    {
        line: '2.12', versions: ['2.12.0', '2.12.1'], python: py(10, 14), pythonOn: WIN_ARM_PY, freeThreaded: ['3.13', '3.14'], cuda: ['cu126', 'cu130', 'cu132'], cudaWindows: ['cu126', 'cu130', 'cu132'], cudaAarch64: ['cu126', 'cu130', 'cu132'], rocm: ['rocm7.1', 'rocm7.2'], xpu: true, pypiDefault: 'cu130', macosX86: false, windowsArm: true,
        patches: [{ versions: ['2.12.1'], source: '[TI 77e179c3b, test-infra#8200, #182951] (C2)', freeThreaded: ['3.14'], cuda: ['cu126', 'cu129', 'cu130', 'cu132'], cudaAarch64: ['cu126', 'cu129', 'cu130', 'cu132'] }],
    },
    // 2.13.0 (there was no 2.13.1 [TI]): cu129 on Linux x86_64 and aarch64 (C2) [TI, 3P, googlecolab/colabtools#6053];
    // 3.15/3.15t Linux only (C2) [IDX, #194367]; macOS arm64 wheels need macOS 14+ [IDX].
    { line: '2.13', versions: ['2.13.0'], python: py(10, 14), pythonExtra: LINUX_315, pythonOn: WIN_ARM_PY, freeThreaded: ['3.14'], freeThreadedExtra: LINUX_315, cuda: ['cu126', 'cu129', 'cu130', 'cu132'], cudaWindows: ['cu126', 'cu130', 'cu132'], cudaAarch64: ['cu126', 'cu129', 'cu130', 'cu132'], rocm: ['rocm7.1', 'rocm7.2'], xpu: true, pypiDefault: 'cu130', macosX86: false, windowsArm: true },
    // 2.14: rocm7.2 and rocm7.14, no rocm7.1, no cu129, no cu134 (C2) [googlecolab/colabtools#6093, test-infra#8497];
    // PyPI's build is cu130 [LOCAL]. Windows on Arm cp314 not checked for 2.14: kept at 3.11-3.13.
    { line: '2.14', versions: ['2.14.0', '2.14.1'], python: py(10, 14), pythonExtra: LINUX_315, pythonOn: WIN_ARM_PY, freeThreaded: ['3.14'], freeThreadedExtra: LINUX_315, cuda: ['cu126', 'cu130', 'cu132'], cudaWindows: ['cu126', 'cu130', 'cu132'], cudaAarch64: ['cu126', 'cu130', 'cu132'], rocm: ['rocm7.2', 'rocm7.14'], xpu: true, pypiDefault: 'cu130', macosX86: false, windowsArm: true },
];
/**
 * The facts of each group of patch versions of a line that publish the same wheels,
 * oldest first: the row itself when no patch differs; else one facts object per group
 * (2.12.0, then 2.12.1), each with `patchGroup` set and its own versions.
 */
function patchGroups(facts) {
    if (!facts.patches || facts.patches.length === 0)
        return [facts];
    const { patches, ...base } = facts;
    const patched = new Set(patches.flatMap((p) => p.versions));
    const groups = [];
    const rest = facts.versions.filter((v) => !patched.has(v));
    if (rest.length > 0)
        groups.push({ ...base, versions: rest, patchGroup: true });
    for (const p of patches) {
        const { versions, source: _source, ...diff } = p;
        groups.push({ ...base, ...diff, versions, patchGroup: true });
    }
    return groups.sort((a, b) => (0,pep440.compare)(a.versions[0], b.versions[0]));
}
/** Every release's patch groups, oldest first: what messages search for "a release that has X". */
function releaseGroups() {
    return RELEASES.flatMap(patchGroups);
}
/**
 * The facts of the group a version belongs to: its own group, or for a version the
 * data does not list (2.12.2) the group of the nearest listed version below it.
 */
function groupOfVersion(facts, version) {
    const groups = patchGroups(facts);
    if (groups.length === 1)
        return groups[0];
    const own = groups.find((g) => g.versions.some((v) => safeCompare(v, version) === 0));
    if (own)
        return own;
    let best = groups[0];
    for (const g of groups)
        if (g.versions.some((v) => safeCompare(v, version) <= 0))
            best = g;
    return best;
}
function safeCompare(a, b) {
    try {
        return (0,pep440.compare)(a, b);
    }
    catch {
        return a.localeCompare(b);
    }
}
/** How a message names the facts: the line ("2.14"), or a patch group's versions ("2.12.1"). */
function releaseLabel(facts) {
    if (!facts.patchGroup)
        return facts.line;
    return facts.versions.length === 1 ? facts.versions[0] : `${facts.versions[0]}-${facts.versions[facts.versions.length - 1]}`;
}
/**
 * What is already known about releases newer than the table, applied to the
 * newest row's pattern when planning for them (cumulative from the line on).
 */
const FUTURE_CHANGES = [
    // [reference] "2.15 (scheduled for late October 2026) drops cu126".
    { from: '2.15', dropVariants: ['cu126'], note: 'torch 2.15 drops cu126, so no CUDA 12 build is left' },
];
const NEWEST_RELEASE = RELEASES[RELEASES.length - 1].line;
const OLDEST_RELEASE = RELEASES[0].line;
/** "2.14" from "2.14.1" (or "2.14"). */
function lineOf(version) {
    // Through the PEP 440 parser: "0r0" is 0.post0, "2.5rc1" is on the 2.5 line.
    const parsed = (0,pep440.explain)(version);
    if (parsed)
        return `${parsed.release[0]}.${parsed.release[1] ?? 0}`;
    const [major, minor] = version.split('.');
    return `${major}.${minor ?? '0'}`;
}
function compareLines(a, b) {
    return (0,pep440.compare)(a, b);
}
/**
 * The facts for a line: the table's row, or for a line newer than the table a
 * provisional row built from the newest one plus FUTURE_CHANGES. Null for an
 * unknown line older than the newest (1.13, 2.99 is "newer").
 */
function releaseFacts(line) {
    const known = RELEASES.find((r) => r.line === line);
    if (known)
        return known;
    if (compareLines(line, NEWEST_RELEASE) <= 0)
        return null;
    const { patches: _patches, ...base } = RELEASES[RELEASES.length - 1];
    const dropped = new Set(FUTURE_CHANGES.filter((c) => compareLines(line, c.from) >= 0).flatMap((c) => c.dropVariants));
    const keep = (vs) => vs.filter((v) => !dropped.has(v));
    return {
        ...base,
        line,
        versions: [`${line}.0`],
        cuda: keep(base.cuda),
        cudaWindows: keep(base.cudaWindows),
        cudaAarch64: keep(base.cudaAarch64),
        rocm: keep(base.rocm),
        pypiDefault: dropped.has(base.pypiDefault) ? keep(base.cuda).at(-1) ?? 'cpu' : base.pypiDefault,
        provisional: true,
    };
}
/** The known changes that apply to a line newer than the table, in words. */
function futureNotes(line) {
    return FUTURE_CHANGES.filter((c) => compareLines(line, c.from) >= 0).map((c) => c.note);
}
function factsOf(release) {
    if (typeof release !== 'string')
        return release;
    const facts = releaseFacts(lineOf(release));
    // A full version ("2.12.1") is its own patch group; a line ("2.12") is every version of it.
    return facts && /^\d+\.\d+\.\d+/.test(release) ? groupOfVersion(facts, release) : facts;
}
/**
 * The variants published for (release, os, arch), in index order: "cpu" first,
 * then CUDA, ROCm, XPU; "mps" (PyPI's default build) on Apple Silicon. Empty when
 * the release has no wheels there at all (Intel Mac after 2.2).
 */
function variantsFor(release, os, arch) {
    const r = factsOf(release);
    if (!r)
        return [];
    if (r.patches && r.patches.length > 0) {
        // A line whose patches differ: what any of its versions publishes, in index order.
        const all = patchGroups(r).map((g) => variantsFor(g, os, arch));
        const seen = new Set(all.flat());
        const order = all.reduce((a, b) => (b.length > a.length ? b : a), []);
        return [...order, ...[...seen].filter((v) => !order.includes(v))].sort((a, b) => variantRank(a) - variantRank(b) || (cudaOfVariant(a) ?? '').localeCompare(cudaOfVariant(b) ?? '', 'en', { numeric: true }));
    }
    switch (`${os}-${arch}`) {
        case 'linux-x86_64':
            return ['cpu', ...r.cuda, ...r.rocm, ...(r.xpu ? ['xpu'] : [])];
        case 'linux-aarch64':
            return ['cpu', ...r.cudaAarch64];
        case 'windows-x86_64':
            return ['cpu', ...r.cudaWindows, ...(r.xpu ? ['xpu'] : [])];
        case 'windows-aarch64':
            return r.windowsArm ? ['cpu'] : [];
        case 'macos-aarch64':
            return ['mps', 'cpu'];
        case 'macos-x86_64':
            return r.macosX86 ? ['cpu'] : [];
    }
}
/**
 * [reference "Index URLs"] PyPI's default Linux aarch64 wheel is a CPU build up to
 * 2.10 and a CUDA 13.0 build from 2.11 on.
 */
const PYPI_AARCH64_CUDA_FROM = '2.11';
/**
 * The build `pip install torch` gets from PyPI for (release, os, arch): a CUDA
 * variant ("cu130"), "cpu", or "mps" (the macOS arm64 wheel). [reference "Index URLs"]:
 * Linux x86_64 per release (`pypiDefault`), Linux aarch64 CPU then cu130 from 2.11,
 * Windows CPU for every release, macOS CPU (with MPS on arm64).
 */
function pypiDefaultFor(release, os, arch) {
    switch (`${os}-${arch}`) {
        case 'linux-x86_64':
            return release.pypiDefault;
        case 'linux-aarch64':
            return compareLines(release.line, PYPI_AARCH64_CUDA_FROM) >= 0 ? 'cu130' : 'cpu';
        case 'macos-aarch64':
            return 'mps';
        default:
            return 'cpu';
    }
}
/** Index order of a variant's kind: cpu/mps, CUDA, ROCm, XPU. */
function variantRank(v) {
    if (v === 'mps')
        return -1;
    if (v === 'cpu')
        return 0;
    if (cudaOfVariant(v) !== null)
        return 1;
    if (rocmOfVariant(v) !== null)
        return 2;
    return 3;
}
/** CPython minors ("3.12") with wheels for the release on the platform. */
function pythonsFor(release, os, arch) {
    const platform = `${os}-${arch}`;
    const only = release.pythonOn?.[platform];
    if (only)
        return [...only];
    const extra = release.pythonExtra?.[platform] ?? [];
    return [...release.python, ...extra].sort((a, b) => (0,pep440.compare)(a, b));
}
/**
 * CPython minors with free-threaded wheels ("3.14" for 3.14t) on the platform. A
 * platform with a list of its own (`pythonOn`: Windows on Arm, cp311-cp313 only) has none.
 */
function freeThreadedFor(release, os, arch) {
    const platform = `${os}-${arch}`;
    if (release.pythonOn?.[platform])
        return [];
    return [...release.freeThreaded, ...(release.freeThreadedExtra?.[platform] ?? [])].sort((a, b) => (0,pep440.compare)(a, b));
}
/** "cu128" -> "12.8"; null for anything that is not a CUDA variant. */
function cudaOfVariant(variant) {
    const m = /^cu(\d+)(\d)$/.exec(variant);
    return m ? `${Number(m[1])}.${m[2]}` : null;
}
/** "rocm6.2.4" -> "6.2.4"; null otherwise. */
function rocmOfVariant(variant) {
    const m = /^rocm(\d+(?:\.\d+)+)$/.exec(variant);
    return m ? m[1] : null;
}
/** Every variant name any release in the table publishes anywhere (for messages and checks). */
function allVariants() {
    const names = new Set();
    for (const r of RELEASES)
        for (const os of ['linux', 'windows', 'macos'])
            for (const arch of ['x86_64', 'aarch64'])
                for (const v of variantsFor(r, os, arch))
                    names.add(v);
    return [...names];
}

;// CONCATENATED MODULE: ./src/data/rocm.ts
/**
 * AMD gfx targets compiled into each ROCm build. A ROCm build runs only on these
 * (no PTX-like fallback). The list depends on the torch release as well as the ROCm
 * version, so it is kept per release. Sources (keys of
 * ../shared/reference/pytorch-wheels.md): [BLD] pytorch/builder, [CI] pytorch/pytorch
 * .ci/docker/manywheel/build.sh, [PR] #141667 (gfx1101, 2.6), #147761 and #148562
 * (gfx1102, gfx1200, gfx1201, 2.7), #167299 (gfx950, gfx1150, gfx1151, 2.10), #179653
 * (gfx1103, 2.13), ROCm/pytorch#3518 (rocm7.14, TheRock's list: no gfx900/gfx906).
 * [UV]'s measured table does not tell releases apart, so it is not used for lists.
 */


const ROCM_20 = ['gfx900', 'gfx906', 'gfx908', 'gfx90a', 'gfx1030'];
const ROCM_21 = [...ROCM_20, 'gfx1100'];
const ROCM_60 = [...ROCM_21, 'gfx942'];
const ROCM_26 = [...ROCM_60, 'gfx1101'];
const ROCM_27 = [...ROCM_26, 'gfx1102', 'gfx1200', 'gfx1201'];
const ROCM_210 = [...ROCM_27, 'gfx950', 'gfx1150', 'gfx1151'];
const ROCM_213 = [...ROCM_210, 'gfx1103'];
/** rocm7.14 (2.14) is built through TheRock with the common list: no gfx900, no gfx906 [CI, ROCm/pytorch#3518]. */
const THEROCK = ROCM_213.filter((g) => g !== 'gfx900' && g !== 'gfx906');
/** Per release, from the line on: the gfx list of its legacy (non-TheRock) ROCm builds. */
const BY_RELEASE = [
    ['2.0', ROCM_20],
    ['2.1', ROCM_21],
    ['2.4', ROCM_60],
    ['2.6', ROCM_26],
    ['2.7', ROCM_27],
    ['2.10', ROCM_210],
    ['2.13', ROCM_213],
];
/** The gfx list of a ROCm variant of a release; null when the data has none. */
function rocmGfxList(variant, line) {
    const rocm = rocmOfVariant(variant);
    if (rocm === null)
        return null;
    if (compareLines(line, '2.0') < 0)
        return null;
    // TheRock builds (ROCm 7.14 and newer): the common list.
    if ((0,pep440.compare)(rocm, '7.14') >= 0)
        return THEROCK;
    // 2.3's rocm6.0 already had gfx942 (the 6.x list), its rocm5.7 not.
    if (line === '2.3' && rocm.startsWith('6.'))
        return ROCM_60;
    let list = ROCM_20;
    for (const [from, l] of BY_RELEASE)
        if (compareLines(line, from) >= 0)
            list = l;
    return list;
}
/**
 * unconfirmed [3P]: gfx906 fails at run time with the rocm6.4+ and 7.x wheels (rocBLAS
 * Tensile library, ROCm/TheRock#1844; unslothai/unsloth#7354). Not used to decide; said
 * in a warning when such a build is planned for gfx906.
 */
function unconfirmedGfxTrouble(gfx, variant) {
    const rocm = rocmOfVariant(variant);
    if (gfx !== 'gfx906' || rocm === null || (0,pep440.compare)(rocm, '6.4') < 0)
        return null;
    return `unconfirmed reports (ROCm/TheRock#1844) say gfx906 fails at run time with the rocm6.4 and newer wheels (rocBLAS); if it does, torch-version 2.9 with backend rocm6.3 is the last build reported to work`;
}
/**
 * HSA_OVERRIDE_GFX_VERSION commonly used to run a near-miss gfx on the nearest
 * supported one (gfx1031/1032/1034 -> 10.3.0, gfx110x -> 11.0.0). A hint only,
 * never applied.
 */
function hsaOverrideFor(gfx) {
    if (/^gfx103[1-6]$/.test(gfx))
        return { override: '10.3.0', runsAs: 'gfx1030' };
    if (/^gfx110[1-3]$/.test(gfx))
        return { override: '11.0.0', runsAs: 'gfx1100' };
    return null;
}
/**
 * gfx targets of AMD integrated GPUs (APUs), which rocminfo lists beside a
 * discrete card (a Ryzen 7000/9000 desktop's "AMD Radeon Graphics" is gfx1036).
 * Source: LLVM docs/AMDGPUUsage.rst, "AMDGPU Processors" table, the "dGPU/APU"
 * column (gfx700 gfx703 gfx705 gfx801 gfx810 gfx902 gfx909 gfx90c gfx1013 gfx1033
 * gfx1035 gfx1036 gfx1103 gfx1150 gfx1151 gfx1152 gfx1210). gfx1037 (Mendocino,
 * GC 10.3.7) is not in that table; the amdgpu kernel driver reports it for the
 * Ryzen 7020 iGPU, so it is listed too.
 */
const AMD_INTEGRATED_GFX = [
    'gfx700', 'gfx703', 'gfx705', 'gfx801', 'gfx810', 'gfx902', 'gfx909', 'gfx90c', 'gfx1013', 'gfx1033',
    'gfx1035', 'gfx1036', 'gfx1037', 'gfx1103', 'gfx1150', 'gfx1151', 'gfx1152', 'gfx1210',
];
function isIntegratedGfx(gfx) {
    return AMD_INTEGRATED_GFX.includes(gfx.trim().toLowerCase());
}
/** Whether any ROCm build of any release in the data lists the gfx target. */
function anyRocmBuildTargets(gfx) {
    return RELEASES.some((r) => r.rocm.some((v) => rocmGfxList(v, r.line)?.includes(gfx) === true));
}

;// CONCATENATED MODULE: ./src/data/nvidia-drivers.ts
/**
 * NVIDIA driver facts. Sources: [NV] CUDA release notes, Table 2 (minor-version
 * compatibility) and docs.nvidia.com "Supported Drivers and CUDA Toolkit
 * Versions"; [UV] astral-sh/uv crates/uv-torch/src/backend.rs; via
 * ../shared/reference/pytorch-wheels.md.
 */

/**
 * Driver branch -> the CUDA version it runs natively (what nvidia-smi prints as
 * "CUDA Version"). Windows driver numbers differ (528.33, 552.x, 581.x) but the
 * largest branch at or below the driver's major maps the same way.
 */
const DRIVER_BRANCHES = [
    [418, '10.1'], [440, '10.2'], [450, '11.0'], [455, '11.1'], [460, '11.2'], [465, '11.3'],
    [470, '11.4'], [495, '11.5'], [510, '11.6'], [515, '11.7'], [520, '11.8'], [525, '12.0'],
    [530, '12.1'], [535, '12.2'], [545, '12.3'], [550, '12.4'], [555, '12.5'], [560, '12.6'],
    [565, '12.7'], [570, '12.8'], [575, '12.9'], [580, '13.0'], [590, '13.1'], [595, '13.2'],
    // R610 -> 13.3, R615 -> 13.4 (C2) [3P, #196560]; R620 -> 13.5 [NV: redistrib_620.70.06.json].
    [610, '13.3'], [615, '13.4'], [620, '13.5'],
];
/**
 * The last driver branch NVIDIA ships for an architecture [NV architecture matrix]:
 * Kepler R470; Maxwell, Pascal and Volta R580. Newer architectures: still supported (null).
 * A driver update beyond these is impossible, so no message may advise one.
 */
function lastDriverBranch(capability) {
    const [major, minor] = capability.split('.').map(Number);
    if (major === 3)
        return 470;
    if (major === 5 || major === 6 || (major === 7 && minor < 5))
        return 580;
    return null;
}
/** The CUDA version a branch runs natively ("11.4" for 470). */
function cudaOfBranch(branch) {
    return cudaOfDriver(String(branch));
}
/**
 * Minimum driver that runs any X.* build through minor-version compatibility
 * (a limited feature set: no JIT of PTX newer than the driver knows).
 * 11.x means 11.1+ (11.0 had no compatibility guarantee).
 */
const COMPAT_MINIMUM = {
    13: { linux: '580', windows: '580' }, // GA drivers: 13.0 580.65.06, 13.1 590.44.01, 13.2 595.45.04
    12: { linux: '525.60.13', windows: '528.33' },
    11: { linux: '450.80.02', windows: '452.39' },
};
/** A driver version normalised for comparison, or null when it is not one ("N/A"). */
function parseDriver(driver) {
    if (!driver)
        return null;
    const m = /^\s*(\d+)(\.\d+){0,3}/.exec(driver);
    return m ? (0,pep440.valid)(m[0].trim()) : null;
}
function compareDrivers(a, b) {
    return (0,pep440.compare)(a, b);
}
/** The CUDA version a driver runs natively, from its branch; null before R418 or when unparsable. */
function cudaOfDriver(driver) {
    const parsed = parseDriver(driver);
    if (!parsed)
        return null;
    const major = Number(parsed.split('.')[0]);
    let found = null;
    for (const [branch, cuda] of DRIVER_BRANCHES)
        if (branch <= major)
            found = cuda;
    return found;
}
/** The first branch that runs CUDA X.Y natively ("570" for 12.8); null beyond the table. */
function nativeMinimumDriver(cuda) {
    const hit = DRIVER_BRANCHES.find(([, c]) => (0,pep440.compare)(c, cuda) >= 0);
    return hit ? String(hit[0]) : null;
}
/** The minor-version-compatibility minimum for a CUDA version's major on an OS; null when none. */
function compatMinimumDriver(cuda, os) {
    if (os === 'macos')
        return null;
    const major = Number(cuda.split('.')[0]);
    if (major === 11 && (0,pep440.compare)(cuda, '11.1') < 0)
        return null;
    return COMPAT_MINIMUM[major]?.[os] ?? null;
}
/** The lowest driver that runs a CUDA X.Y build at all (natively or through compatibility). */
function minimumDriverFor(cuda, os) {
    const options = [nativeMinimumDriver(cuda), compatMinimumDriver(cuda, os)].filter((d) => d !== null);
    if (options.length === 0)
        return null;
    return options.sort(compareDrivers)[0];
}
/** Architecture names by compute capability, for messages. */
function nvidiaArchName(capability) {
    const [major, minor] = capability.split('.').map(Number);
    if (major <= 2)
        return 'Fermi';
    if (major === 3)
        return 'Kepler';
    if (major === 5)
        return 'Maxwell';
    if (major === 6)
        return 'Pascal';
    if (major === 7)
        return minor >= 5 ? 'Turing' : 'Volta';
    if (major === 8)
        return minor === 9 ? 'Ada' : 'Ampere';
    if (major === 9)
        return 'Hopper';
    if (major >= 10 && major <= 12)
        return 'Blackwell';
    return `compute capability ${capability}`;
}

;// CONCATENATED MODULE: ./src/data/cuda-arches.ts
/**
 * GPU architectures compiled into each CUDA variant (TORCH_CUDA_ARCH_LIST), as
 * compute capabilities. `sass` runs on the same major with an equal or higher
 * minor; `ptx` is JIT-compiled by the driver for any newer GPU.
 *
 * Sources: [BLD] pytorch/builder manywheel/build_cuda.sh (2.0-2.5), [CI]
 * pytorch/pytorch .ci/manywheel/build_cuda.sh (2.6+), [REL] RELEASE.md, via
 * ../shared/reference/pytorch-wheels.md. Re-checked [CI] at a 2.8-era commit:
 * 12.6 "5.0;6.0;7.0;7.5;8.0;8.6;9.0", 12.8 "7.0;...;10.0;12.0", 12.9 "...;12.0+PTX".
 * Rows with no `to` stay in force for newer releases, so a new release row in
 * pytorch.ts inherits them.
 */

const X86 = ['linux-x86_64', 'windows-x86_64'];
const LINUX = ['linux-x86_64'];
const WINDOWS = ['windows-x86_64'];
const ARM = ['linux-aarch64'];
const MODERN = ['7.5', '8.0', '8.6', '9.0', '10.0', '12.0'];
const ARM_MODERN = ['8.0', '9.0', '10.0', '11.0', '12.0'];
const CU12X = ['5.0', '6.0', '7.0', '7.5', '8.0', '8.6', '9.0'];
// PTX in cu130/cu132 [#175567, #188914, #188925, REL]: 12.0+PTX only in the 2.9, 2.10 and 2.13.0
// release wheels, and on Linux only; none in 2.11, 2.12, 2.14 (nightlies keep it).
const ROWS = [
    { variant: 'cu117', platforms: LINUX, from: '2.0', to: '2.0', sass: ['3.7', '5.0', '6.0', '7.0', '7.5', '8.0', '8.6'], ptx: [], source: '[BLD]' },
    // Windows cu117/cu118: 3.7+PTX and 6.1 [BLD windows/cuda1xx.bat]. The compute_37 PTX is not
    // counted: it would claim Hopper and Blackwell for builds whose CUDA 11 libraries (cuBLAS,
    // cuDNN) have no code for them, so a GPU newer than the SASS list is not covered.
    { variant: 'cu117', platforms: WINDOWS, from: '2.0', to: '2.0', sass: ['3.7', '5.0', '6.0', '6.1', '7.0', '7.5', '8.0', '8.6'], ptx: [], source: '[BLD]' },
    // cu118 kept sm_37 to the end ([BLD] for 2.0-2.5; 2.6, 2.7 from a third-party table).
    { variant: 'cu118', platforms: LINUX, from: '2.0', to: '2.7', sass: ['3.7', '5.0', '6.0', '7.0', '7.5', '8.0', '8.6', '9.0'], ptx: [], source: '[BLD, 3P]' },
    { variant: 'cu118', platforms: WINDOWS, from: '2.0', to: '2.7', sass: ['3.7', '5.0', '6.0', '6.1', '7.0', '7.5', '8.0', '8.6', '9.0'], ptx: [], source: '[BLD] (3.7+PTX not counted, see cu117)' },
    { variant: 'cu121', platforms: LINUX, from: '2.1', to: '2.5', sass: CU12X, ptx: [], source: '[BLD]' },
    { variant: 'cu121', platforms: WINDOWS, from: '2.1', to: '2.5', sass: [...CU12X, '6.1'].sort(byCapability), ptx: [], source: '[BLD] (Windows adds 6.1)' },
    { variant: 'cu124', platforms: LINUX, from: '2.4', to: '2.6', sass: CU12X, ptx: [], source: '[BLD] (2.6 not re-checked)' },
    { variant: 'cu124', platforms: WINDOWS, from: '2.4', to: '2.6', sass: [...CU12X, '6.1'].sort(byCapability), ptx: [], source: '[BLD] (Windows adds 6.1)' },
    // No PTX: Blackwell cannot JIT it (confirmed for 2.6-2.14 [#145616, #148000]).
    { variant: 'cu126', platforms: X86, from: '2.6', sass: CU12X, ptx: [], source: '[CI, #145616, #148000]' },
    // 2.7: "unconfirmed: with 12.0+PTX" [3P, #157516]: the PTX is not counted.
    { variant: 'cu128', platforms: X86, from: '2.7', to: '2.7', sass: MODERN, ptx: [], source: '[CI]' },
    // 2.8-2.10 put sm_70 back (#157517), 2.11 dropped it again (#172598).
    { variant: 'cu128', platforms: X86, from: '2.8', to: '2.10', sass: ['7.0', ...MODERN], ptx: [], source: '[CI, #157516]' },
    { variant: 'cu128', platforms: X86, from: '2.11', to: '2.11', sass: MODERN, ptx: [], source: '[#172598]' },
    // 2.8: "unconfirmed: PTX kept in 2.8 release wheels": the PTX is counted from 2.9 only.
    { variant: 'cu129', platforms: X86, from: '2.8', to: '2.8', sass: ['7.0', ...MODERN], ptx: [], source: '[CI]' },
    { variant: 'cu129', platforms: X86, from: '2.9', to: '2.10', sass: ['7.0', ...MODERN], ptx: ['12.0'], source: '[CI]' },
    // 2.11: no sm_70 in the 12.8 and 12.9 builds [#172598].
    { variant: 'cu129', platforms: X86, from: '2.11', to: '2.11', sass: MODERN, ptx: ['12.0'], source: '[#172598]' },
    { variant: 'cu129', platforms: X86, from: '2.12', to: '2.13', sass: MODERN, ptx: [], source: '[reference: "not checked"]', unconfirmed: "the reference has not checked the arch list of cu129 for 2.12.1 and 2.13.0; assumed 2.11's without sm_70 and without PTX" },
    { variant: 'cu130', platforms: LINUX, from: '2.9', to: '2.10', sass: MODERN, ptx: ['12.0'], source: '[CI, REL]' },
    { variant: 'cu130', platforms: LINUX, from: '2.11', to: '2.12', sass: MODERN, ptx: [], source: '[#175567, REL]' },
    { variant: 'cu130', platforms: LINUX, from: '2.13', to: '2.13', sass: MODERN, ptx: ['12.0'], source: '[#188914]' },
    { variant: 'cu130', platforms: LINUX, from: '2.14', sass: MODERN, ptx: [], source: '[#188925]' },
    { variant: 'cu130', platforms: WINDOWS, from: '2.9', sass: MODERN, ptx: [], source: '[REL: +PTX is Linux only]' },
    { variant: 'cu132', platforms: LINUX, from: '2.12', to: '2.12', sass: MODERN, ptx: [], source: '[#175567, REL]' },
    { variant: 'cu132', platforms: LINUX, from: '2.13', to: '2.13', sass: MODERN, ptx: ['12.0'], source: '[#188914]' },
    { variant: 'cu132', platforms: LINUX, from: '2.14', sass: MODERN, ptx: [], source: '[#188925]' },
    { variant: 'cu132', platforms: WINDOWS, from: '2.12', sass: MODERN, ptx: [], source: '[REL: +PTX is Linux only]' },
    // Linux aarch64 (sbsa) [BLD, CI, REL, #172663, TI].
    { variant: 'cu124', platforms: ARM, from: '2.4', to: '2.5', sass: ['9.0'], ptx: [], source: '[BLD]' },
    { variant: 'cu126', platforms: ARM, from: '2.6', to: '2.6', sass: ['9.0'], ptx: [], source: '[BLD, TI]' },
    { variant: 'cu126', platforms: ARM, from: '2.9', sass: ['8.0', '9.0'], ptx: [], source: '[CI]' },
    { variant: 'cu128', platforms: ARM, from: '2.7', to: '2.7', sass: ['9.0', '10.0', '12.0'], ptx: [], source: '[CI]' },
    { variant: 'cu128', platforms: ARM, from: '2.9', to: '2.11', sass: ['8.0', '9.0', '10.0', '12.0'], ptx: [], source: '[REL, #172663]' },
    // 2.8 cu129: the CI scripts disagree (8.0, 9.0, 10.0, 12.0 or with 11.0 and 12.1): only what both list.
    { variant: 'cu129', platforms: ARM, from: '2.8', to: '2.8', sass: ['8.0', '9.0', '10.0', '12.0'], ptx: [], source: '[CI, both scripts]' },
    { variant: 'cu129', platforms: ARM, from: '2.9', to: '2.13', sass: ['8.0', '9.0', '10.0', '12.0'], ptx: [], source: '[reference: "not checked"]', unconfirmed: "the reference has not checked the arch list of aarch64 cu129 for 2.9-2.13; assumed aarch64 cu128's (8.0, 9.0, 10.0, 12.0)" },
    { variant: 'cu130', platforms: ARM, from: '2.9', to: '2.10', sass: ARM_MODERN, ptx: ['12.0'], source: '[CI, REL]' },
    { variant: 'cu130', platforms: ARM, from: '2.11', to: '2.12', sass: ARM_MODERN, ptx: [], source: '[#175567]' },
    { variant: 'cu130', platforms: ARM, from: '2.13', to: '2.13', sass: ARM_MODERN, ptx: ['12.0'], source: '[#188914]' },
    { variant: 'cu130', platforms: ARM, from: '2.14', sass: ARM_MODERN, ptx: [], source: '[#188925]' },
    { variant: 'cu132', platforms: ARM, from: '2.12', to: '2.12', sass: ARM_MODERN, ptx: [], source: '[#175567]' },
    { variant: 'cu132', platforms: ARM, from: '2.13', to: '2.13', sass: ARM_MODERN, ptx: ['12.0'], source: '[#188914]' },
    { variant: 'cu132', platforms: ARM, from: '2.14', sass: ARM_MODERN, ptx: [], source: '[#188925]' },
];
function byCapability(a, b) {
    const [a1, a2] = a.split('.').map(Number);
    const [b1, b2] = b.split('.').map(Number);
    return a1 - b1 || a2 - b2;
}
/** The arch list of a CUDA variant of a release on a platform; null when the data has none. */
function cudaArchList(variant, line, platform) {
    const row = ROWS.find((r) => r.variant === variant &&
        r.platforms.includes(platform) &&
        compareLines(line, r.from) >= 0 &&
        (r.to === undefined || compareLines(line, r.to) <= 0));
    if (!row)
        return null;
    return row.unconfirmed ? { sass: row.sass, ptx: row.ptx, unconfirmed: row.unconfirmed } : { sass: row.sass, ptx: row.ptx };
}

;// CONCATENATED MODULE: ./src/data/jetson.ts
/** Where NVIDIA documents its PyTorch builds for Jetson (JetPack). */
const JETSON_PYTORCH_URL = 'https://docs.nvidia.com/deeplearning/frameworks/install-pytorch-jetson-platform/index.html';
/** Compute capabilities that only Tegra (Jetson) GPUs have, with the boards that have them. */
const TEGRA_CAPABILITIES = [
    { capability: '3.2', boards: 'Jetson TK1' },
    { capability: '5.3', boards: 'Jetson Nano/TX1' },
    { capability: '6.2', boards: 'Jetson TX2' },
    { capability: '7.2', boards: 'Jetson Xavier' },
    { capability: '8.7', boards: 'Jetson Orin' },
];
/**
 * Names that say Jetson/Tegra when the capability is unknown (the device-tree
 * model: "NVIDIA Jetson AGX Orin Developer Kit", "Jetson-AGX"). Thor names are
 * excluded: Thor runs the sbsa builds.
 */
const TEGRA_NAME = /\bjetson\b|\btegra\b|\borin\b|\bxavier\b/i;
const SBSA_JETSON_NAME = /\bthor\b|\bT[45]000\b/i;
/** The Jetson family of a GPU that PyTorch's own wheels do not run on, or null. */
function tegraBoard(gpu) {
    const cap = /^\s*(\d+)\.(\d+)\s*$/.exec(gpu.computeCapability ?? '');
    if (cap) {
        const key = `${Number(cap[1])}.${Number(cap[2])}`;
        return TEGRA_CAPABILITIES.find((t) => t.capability === key)?.boards ?? null;
    }
    if (TEGRA_NAME.test(gpu.name) && !SBSA_JETSON_NAME.test(gpu.name))
        return 'Jetson';
    return null;
}

;// CONCATENATED MODULE: ./src/plan/nvidia.ts
/**
 * Whether a CUDA variant of a release can run on the machine's NVIDIA GPUs:
 * every GPU covered by the variant's SASS or PTX, and a driver that runs the
 * variant's CUDA natively or through minor-version compatibility.
 */






/** The machine's driver, from its NVIDIA GPUs (the lowest when they disagree). */
function driverInfo(gpus) {
    const versions = gpus.map((g) => parseDriver(g.driver)).filter((v) => v !== null).sort(compareDrivers);
    const cudas = gpus
        .map((g) => (g.cuda && /^\d+\.\d+$/.test(g.cuda.trim()) ? (0,pep440.valid)(g.cuda.trim()) : null))
        .filter((v) => v !== null)
        .sort(pep440.compare);
    const version = versions[0] ?? null;
    if (cudas.length > 0)
        return { version, cuda: cudas[0], cudaFromBranch: false };
    const derived = version ? cudaOfDriver(version) : null;
    return { version, cuda: derived, cudaFromBranch: derived !== null };
}
function driverKnown(d) {
    return d.version !== null || d.cuda !== null;
}
/** [major, minor] of a compute capability, null when absent or malformed. */
function capabilityOf(gpu) {
    // A description without the capability still names the card: a known name tells it
    // (an unknown capability is only ever assumed covered for a name nobody knows).
    const m = /^\s*(\d+)\.(\d+)\s*$/.exec(gpu.computeCapability ?? computeCapabilityFromName(gpu.name) ?? '');
    return m ? [Number(m[1]), Number(m[2])] : null;
}
function cc(s) {
    const [a, b] = s.split('.').map(Number);
    return [a, b];
}
/** SASS for the same major and an equal or lower minor, or (when allowed) PTX at or below it. */
function covers(arch, cap, allowPtx) {
    const [major, minor] = cap;
    if (arch.sass.some((s) => cc(s)[0] === major && cc(s)[1] <= minor))
        return true;
    if (!allowPtx)
        return false;
    return arch.ptx.some((p) => {
        const [pm, pn] = cc(p);
        return pm < major || (pm === major && pn <= minor);
    });
}
function cudaVariantsOf(facts, platform) {
    if (platform === 'linux-x86_64')
        return facts.cuda;
    if (platform === 'windows-x86_64')
        return facts.cudaWindows;
    if (platform === 'linux-aarch64')
        return facts.cudaAarch64;
    return [];
}
/** Every CUDA variant of a release on a platform, judged against the GPUs and driver. */
function evaluateCuda(facts, platform, os, gpus, driver) {
    const unknownDriver = !driverKnown(driver);
    return cudaVariantsOf(facts, platform).map((variant) => {
        const cuda = cudaOfVariant(variant) ?? '0.0';
        const arch = cudaArchList(variant, facts.line, platform);
        const native = driver.cuda !== null && (0,pep440.compare)(cuda, driver.cuda) <= 0;
        const min = compatMinimumDriver(cuda, os);
        const compat = !native && driver.version !== null && min !== null && compareDrivers(driver.version, min) >= 0;
        // In compatibility mode the driver cannot JIT PTX newer than itself: only SASS counts.
        const allowPtx = native || unknownDriver;
        const judge = (ptx) => gpus.filter((g) => {
            const cap = capabilityOf(g);
            if (cap === null)
                return false; // unknown capability counts as covered (warned about)
            return arch === null || !covers(arch, cap, ptx);
        });
        const uncovered = judge(allowPtx);
        const usable = arch !== null && uncovered.length === 0 && (native || compat || unknownDriver);
        return { variant, cuda, arch, uncovered, uncoveredAtAll: judge(true), native, compat, usable };
    });
}
/**
 * The variant to use within one release: native before compatibility, then the
 * newest CUDA. With no driver information: the covering variant that needs the
 * oldest driver.
 */
function pickCuda(options, driver) {
    const usable = options.filter((o) => o.usable).sort((a, b) => (0,pep440.compare)(b.cuda, a.cuda));
    if (usable.length === 0)
        return null;
    if (!driverKnown(driver))
        return usable[usable.length - 1];
    return usable.find((o) => o.native) ?? usable[0];
}
function gpuLabel(g) {
    const cap = capabilityOf(g);
    return cap ? `${g.name} (${nvidiaArchName(`${cap[0]}.${cap[1]}`)}, compute capability ${cap[0]}.${cap[1]})` : `${g.name} (compute capability unknown)`;
}
/** "sm_120 or PTX <= 12.0" style description of what a GPU needs. */
function needsText(g) {
    const cap = capabilityOf(g);
    if (!cap)
        return 'a build whose architectures cannot be checked (capability unknown)';
    const [major, minor] = cap;
    const sass = minor === 0 ? `sm_${major}0` : `sm_${major}0 to sm_${major}${minor}`;
    return `a build with ${sass} or PTX <= ${major}.${minor}`;
}
function driverText(d) {
    if (d.version && d.cuda)
        return `driver ${d.version} (CUDA ${d.cuda}${d.cudaFromBranch ? ', from its branch' : ''})`;
    if (d.version)
        return `driver ${d.version}`;
    if (d.cuda)
        return `a driver for CUDA ${d.cuda}`;
    return 'an unknown driver';
}
/** The newest release (on the platform) with a CUDA variant that covers the GPU, and those variants. */
function newestCovering(g, platform) {
    const cap = capabilityOf(g);
    if (!cap)
        return null;
    const groups = releaseGroups();
    for (let i = groups.length - 1; i >= 0; i--) {
        const r = groups[i];
        const variants = cudaVariantsOf(r, platform).filter((v) => {
            const arch = cudaArchList(v, r.line, platform);
            return arch !== null && covers(arch, cap, true);
        });
        if (variants.length > 0)
            return { line: r.line, variants };
    }
    return null;
}
/** The platforms PyTorch publishes CUDA wheels for. */
const CUDA_PLATFORMS = ['linux-x86_64', 'windows-x86_64', 'linux-aarch64'];
/**
 * Every CUDA variant (on the platform, across the data's releases) that covers the
 * GPU, with the releases that publish it: "cu128 (torch 2.7-2.11), cu130 (torch 2.9+)".
 */
function coveringAcrossReleases(g, platform) {
    const cap = capabilityOf(g);
    if (!cap)
        return [];
    const spans = new Map();
    for (const r of releaseGroups()) {
        for (const v of cudaVariantsOf(r, platform)) {
            const arch = cudaArchList(v, r.line, platform);
            if (arch === null || !covers(arch, cap, true))
                continue;
            const span = spans.get(v);
            if (span)
                span.last = r.line;
            else
                spans.set(v, { first: r.line, last: r.line });
        }
    }
    const newest = releaseGroups().at(-1)?.line;
    return [...spans.entries()]
        .sort((a, b) => (0,pep440.compare)(cudaOfVariant(a[0]) ?? '0', cudaOfVariant(b[0]) ?? '0'))
        .map(([v, { first, last }]) => `${v} (torch ${last === newest ? `${first}+` : first === last ? first : `${first}-${last}`})`);
}
/**
 * Why no CUDA variant of a release runs here, and what would fix it: one
 * sentence, e.g. "driver >= 580 needed for Blackwell on torch 2.14 ...".
 */
function explainNoCuda(facts, options, platform, os, gpus, driver) {
    const line = facts.line;
    if (options.length === 0)
        return `torch ${line} publishes no CUDA build for ${platform.replace('-', '/')}.`;
    const coveringAtAll = options.filter((o) => o.arch !== null && o.uncoveredAtAll.length === 0);
    if (coveringAtAll.length === 0)
        return explainUncovered(facts, options, platform, os, gpus, driver);
    // Covered, so the driver is what stops it: the lowest driver that runs a covering variant.
    const needs = coveringAtAll
        .map((o) => ({ o, min: o.uncovered.length === 0 ? minimumDriverFor(o.cuda, os) : nativeMinimumDriver(o.cuda) }))
        .filter((x) => x.min !== null)
        .sort((a, b) => compareDrivers(a.min, b.min));
    const archs = [...new Set(gpus.map((g) => capabilityOf(g)).filter((c) => c !== null).map((c) => nvidiaArchName(`${c[0]}.${c[1]}`)))];
    const who = archs.length > 0 ? archs.join(' and ') : 'these GPUs';
    if (needs.length === 0)
        return `no CUDA build of torch ${line} runs on ${driverText(driver)}.`;
    const best = needs[0];
    const last = lastBranchOf(gpus);
    if (last && compareDrivers(best.min, `${last.branch}.999`) > 0) {
        // No driver the GPU can have runs it: advising an update would send the user after nothing.
        return (`driver >= ${best.min} needed for ${who} on torch ${line} (${best.o.variant}, CUDA ${best.o.cuda}), but R${last.branch} is the last driver branch NVIDIA ships for ${last.arch} GPUs ` +
            `(CUDA ${cudaOfBranch(last.branch) ?? '?'}), so no driver update helps: use an older torch release whose build that driver runs.`);
    }
    return `driver >= ${best.min} needed for ${who} on torch ${line} (${best.o.variant}, CUDA ${best.o.cuda}); this machine has ${driverText(driver)}: update the driver to use torch ${line}.`;
}
/** The lowest last-driver-branch among the GPUs (Kepler R470; Maxwell-Volta R580), null when all are still supported. */
function lastBranchOf(gpus) {
    let found = null;
    for (const g of gpus) {
        const cap = capabilityOf(g);
        if (!cap)
            continue;
        const branch = lastDriverBranch(`${cap[0]}.${cap[1]}`);
        if (branch !== null && (found === null || branch < found.branch))
            found = { branch, arch: nvidiaArchName(`${cap[0]}.${cap[1]}`) };
    }
    return found;
}
/**
 * GPUs that are the same card (name and capability) as one entry with a count, in
 * first-seen order: eight A100s are said once, "8 × NVIDIA A100-SXM4-80GB".
 */
function sameCards(gpus, key = (g) => g.name) {
    const out = [];
    for (const g of gpus) {
        const k = key(g);
        const hit = out.find((o) => o.key === k);
        if (hit)
            hit.count++;
        else
            out.push({ gpu: g, count: 1, key: k });
    }
    return out.map(({ gpu, count }) => ({ gpu, count }));
}
/** "8 × " for eight, "" for one. */
function times(count) {
    return count > 1 ? `${count} × ` : '';
}
function nvKey(g) {
    return `${g.name}\u0000${capabilityOf(g)?.join('.') ?? ''}`;
}
/** The GPUs' labels, identical cards once with a count: "8 × NVIDIA A100 (Ampere, compute capability 8.0)". */
function gpuLabels(gpus) {
    return sameCards(gpus, nvKey).map(({ gpu, count }) => `${times(count)}${gpuLabel(gpu)}`).join(', ');
}
/** The GPUs' names, identical cards once with a count. */
function gpuNames(gpus) {
    return sameCards(gpus, nvKey).map(({ gpu, count }) => `${times(count)}${gpu.name}`).join(', ');
}
/** The distinct cards (one per name and capability), for sentences said once per card. */
function distinctCards(gpus) {
    return sameCards(gpus, nvKey).map((c) => c.gpu);
}
/** One sentence on how the driver runs the chosen variant. */
function driverSentence(option, driver, os) {
    if (!driverKnown(driver)) {
        const min = minimumDriverFor(option.cuda, os);
        return `The driver version is unknown, so torchcraft chose ${option.variant}, the covering build that needs the oldest driver${min ? ` (>= ${min})` : ''}.`;
    }
    if (option.native)
        return `${capitalise(driverText(driver))} runs CUDA ${option.cuda} natively.`;
    const min = compatMinimumDriver(option.cuda, os);
    return `${capitalise(driverText(driver))} runs CUDA ${option.cuda} through minor-version compatibility (driver >= ${min} for CUDA ${option.cuda.split('.')[0]}.x on ${os === 'windows' ? 'Windows' : 'Linux'}), with a limited feature set (no JIT of newer PTX).`;
}
function capitalise(s) {
    return s.charAt(0).toUpperCase() + s.slice(1);
}
/** The variants of one release that cover a GPU (PTX allowed), in the release's order. */
function variantsCovering(g, options) {
    return options.filter((o) => o.arch !== null && !o.uncoveredAtAll.includes(g)).map((o) => o.variant);
}
function orList(items) {
    return items.length <= 1 ? items.join('') : `${items.slice(0, -1).join(', ')} or ${items[items.length - 1]}`;
}
/** The newest release (on the platform) with one CUDA variant that covers every GPU, ignoring the driver. */
function releaseCoveringAll(gpus, platform) {
    const caps = gpus.map(capabilityOf).filter((c) => c !== null);
    const groups = releaseGroups();
    for (let i = groups.length - 1; i >= 0; i--) {
        const r = groups[i];
        for (const v of [...cudaVariantsOf(r, platform)].reverse()) {
            const arch = cudaArchList(v, r.line, platform);
            if (arch !== null && caps.every((c) => covers(arch, c, true)))
                return { line: r.line, variant: v };
        }
    }
    return null;
}
/**
 * No variant of the release covers every GPU. Each GPU is blamed only for what is
 * true of it: one no variant covers is "not covered by any CUDA build"; GPUs that
 * some variant covers are named with the variants that do, and how to use one alone.
 */
function explainUncovered(facts, options, platform, os, gpus, driver) {
    const line = facts.line;
    const known = distinctCards(gpus.filter((g) => capabilityOf(g) !== null));
    const nowhere = known.filter((g) => variantsCovering(g, options).length === 0);
    const somewhere = known.filter((g) => variantsCovering(g, options).length > 0);
    const parts = nowhere.map((g) => {
        const older = newestCovering(g, platform);
        let fix;
        if (!older) {
            // Not here, but maybe on another platform (compute capability 11.0 is an Arm board's: aarch64 builds have it).
            const elsewhere = CUDA_PLATFORMS.filter((p) => p !== platform)
                .map((p) => ({ p, found: newestCovering(g, p) }))
                .find((x) => x.found !== null);
            fix = elsewhere?.found
                ? `no PyTorch CUDA build for ${platform.replace('-', '/')} supports it; the ${elsewhere.p.replace('-', '/')} builds ${orList(elsewhere.found.variants)} of torch ${elsewhere.found.line} do`
                : "no PyTorch CUDA build in torchcraft's data supports it";
        }
        else if (compareLines(older.line, line) >= 0) {
            // A newer release covers it: name every build that does, with its releases (not only the newest release's).
            fix = `it needs ${needsText(g)}: ${orList(coveringAcrossReleases(g, platform))}`;
        }
        else {
            fix = `it needs ${orList(older.variants)} (newest in torch ${older.line})${known.length === 1 ? `: pin torch-version <= ${older.line} to use it` : ''}`;
        }
        return `${gpuLabel(g)} is not covered by any CUDA build of torch ${line} (${options.map((o) => o.variant).join(', ')}); ${fix}`;
    });
    if (somewhere.length > 0) {
        if (nowhere.length === 0) {
            parts.push(`No single CUDA build of torch ${line} covers every GPU here: ${somewhere.map((g) => `${gpuLabel(g)} needs ${orList(variantsCovering(g, options))}`).join(', ')}`);
        }
        else {
            parts.push(somewhere.map((g) => `${gpuLabel(g)} is covered by ${orList(variantsCovering(g, options))} of torch ${line}`).join('; '));
        }
        // The variant to name for a GPU alone: the one the driver would pick, else the newest covering.
        const backendFor = (g) => {
            const alone = evaluateCuda(facts, platform, os, [g], driver);
            return pickCuda(alone, driver)?.variant ?? variantsCovering(g, options).at(-1) ?? '';
        };
        const them = somewhere.length > 1 ? 'one of them' : somewhere[0].name;
        const all = releaseCoveringAll(known, platform);
        parts.push(`To use ${them}, make only it visible to CUDA (CUDA_VISIBLE_DEVICES, counted as nvidia-smi counts with CUDA_DEVICE_ORDER=PCI_BUS_ID) and set backend explicitly: ` +
            `${somewhere.map((g) => `backend ${backendFor(g)} for ${g.name}`).join(', ')}` +
            // Some GPU is covered and no variant covers all, so there are two or more known GPUs here.
            (all ? `; or set torch-version ${all.line}, whose ${all.variant} covers them all` : `; no torch release in torchcraft's data has one CUDA build for all of them`));
    }
    if (parts.length === 0)
        return `torchcraft's data has no architecture list for the CUDA builds of torch ${line} on ${platform.replace('-', '/')}.`;
    return `${parts.join('. ')}.`;
}
/** Jetson (Tegra) GPUs, which PyTorch's own CUDA wheels do not run on, and the rest. */
function splitTegra(gpus) {
    return { tegra: gpus.filter((g) => tegraBoard(g) !== null), others: gpus.filter((g) => tegraBoard(g) === null) };
}
/** Why a Jetson GPU is not used by PyTorch's wheels, and where its builds are. */
function tegraSentence(g) {
    const cap = capabilityOf(g);
    return (`${g.name} is a ${tegraBoard(g) ?? 'Jetson'} GPU (Tegra${cap ? `, compute capability ${cap[0]}.${cap[1]}` : ''}): PyTorch's aarch64 CUDA wheels are built for server Arm (sbsa) ` +
        `and do not run on Jetson's JetPack CUDA; install NVIDIA's JetPack builds of PyTorch for it instead (${JETSON_PYTORCH_URL}).`);
}

;// CONCATENATED MODULE: ./src/plan/amd.ts



/** The newest release in the data with a ROCm build listing the gfx, and its newest such build. */
function newestRocmFor(gfx) {
    for (let i = RELEASES.length - 1; i >= 0; i--) {
        const r = RELEASES[i];
        const hits = r.rocm.filter((v) => rocmGfxList(v, r.line)?.includes(gfx)).sort((a, b) => (0,pep440.compare)(rocmOfVariant(b) ?? '0', rocmOfVariant(a) ?? '0'));
        if (hits.length > 0)
            return { line: r.line, variant: hits[0] };
    }
    return null;
}
/**
 * rocminfo lists a Ryzen's integrated GPU (gfx1036, gfx90c...) beside the discrete
 * card. No ROCm build targets those, so requiring them would rule out every build;
 * they are left out when another AMD GPU is there. Alone, they are what there is.
 */
function splitAmd(gpus) {
    const untargetedIgpu = (g) => g.gfx !== undefined && isIntegratedGfx(g.gfx) && !anyRocmBuildTargets(g.gfx);
    const ignored = gpus.filter(untargetedIgpu);
    if (ignored.length === 0 || ignored.length === gpus.length)
        return { required: [...gpus], ignored: [] };
    return { required: gpus.filter((g) => !untargetedIgpu(g)), ignored };
}
function amdLabel(g) {
    return `${g.name} (${g.gfx ?? 'gfx unknown'})`;
}
function names(gpus) {
    return gpus.map((g) => g.name).join(', ');
}
/** The warning for an integrated GPU left out of the plan. */
function ignoredIgpuWarning(g, used) {
    return (`${amdLabel(g)} is an integrated GPU that no ROCm build targets, so it is not used; torch may still list it as a device: ` +
        `set HIP_VISIBLE_DEVICES to the index of ${used.length > 1 ? 'the discrete cards' : used.map((u) => u.name).join('')} (torch.cuda.get_device_name(i) tells which is which) so torch uses only ${used.length > 1 ? 'those' : 'it'}.`);
}
function amd_orList(items) {
    return items.length <= 1 ? items.join('') : `${items.slice(0, -1).join(', ')} or ${items[items.length - 1]}`;
}
/**
 * Why no ROCm build covers every required GPU, one sentence each. `options` are
 * the builds of the candidate releases, newest release and newest ROCm first;
 * `releases` names those releases ("2.2-2.14").
 */
function explainNoRocm(gpus, options, releases, latestVariant) {
    const covering = (g) => options.filter((o) => o.gfx.includes(g.gfx));
    const nowhere = gpus.filter((g) => covering(g).length === 0);
    const somewhere = gpus.filter((g) => covering(g).length > 0);
    const out = nowhere.map((g) => {
        const gx = g.gfx;
        const hint = hsaOverrideFor(gx);
        const base = `${amdLabel(g)} is in no ROCm build of torch ${releases}`;
        // Another release in the data may target it (gfx950 from 2.10, gfx1103 from 2.13): name it.
        const other = newestRocmFor(gx);
        if (other)
            return `${base}; ${other.variant} of torch ${other.line} targets it: set torch-version ${other.line} (and backend ${other.variant} or auto) to use it.`;
        if (!hint)
            return `${base}; no fix is known.`;
        const shared = gpus.length > 1 ? ' (the variable applies to every AMD GPU the process sees)' : '';
        return `${base}. It often runs as ${hint.runsAs} with HSA_OVERRIDE_GFX_VERSION=${hint.override} (torchcraft does not set it): set backend ${latestVariant ?? 'to a rocm variant'} and export that variable to try${shared}.`;
    });
    if (somewhere.length === 0)
        return out;
    // The builds of the newest release that lists the GPU.
    const builds = (g) => {
        const line = covering(g)[0].line;
        return `${amd_orList(covering(g).filter((o) => o.line === line).map((o) => o.variant))} of torch ${line}`;
    };
    if (nowhere.length === 0) {
        out.push(`No single ROCm build of torch ${releases} covers every AMD GPU here: ${somewhere.map((g) => `${amdLabel(g)} is in ${builds(g)}`).join(', ')}.`);
    }
    else {
        out.push(`${somewhere.map((g) => `${amdLabel(g)} is in ${builds(g)}`).join('; ')}.`);
    }
    const them = somewhere.length > 1 ? 'one of them' : names(somewhere);
    out.push(`To use ${them}, set HIP_VISIBLE_DEVICES to its index (torch.cuda.get_device_name(i) tells which is which) so torch sees only it, and set backend explicitly: ` +
        `${somewhere.map((g) => `backend ${covering(g)[0].variant} for ${g.name}`).join(', ')}.`);
    return out;
}

;// CONCATENATED MODULE: ./src/data/companions.ts
/**
 * Packages that pair with a torch version: torchvision and torchaudio (the
 * PyTorch index serves them next to torch), and xformers (PyPI wheels pin an
 * exact torch).
 */

// [TV][PV] torchvision 0.(minor+15).patch and torchaudio = torch's version, except
// torch 2.0.0 <-> 0.15.1 / 2.0.1 and 2.0.1 <-> 0.15.2 / 2.0.2. Only the 2.x scheme is
// known: for another major the pairing is unknown (null), not guessed.
const EXCEPTIONS = {
    '2.0.0': { torchvision: '0.15.1', torchaudio: '2.0.1' },
    '2.0.1': { torchvision: '0.15.2', torchaudio: '2.0.2' },
};
/** The only torch major whose companion scheme the data knows. */
const PAIRED_MAJOR = 2;
/** torchaudio's last release line; 2.11.0 declares no torch pin [reference]. */
const TORCHAUDIO_LAST = '2.11';
const TORCHAUDIO_LAST_VERSION = '2.11.0';
/**
 * The PEP 440 release part of a torch version as major.minor.patch: "2.5.1.post1"
 * and "2.5.1.0" give [2, 5, 1], "2.9.0rc1" gives [2, 9, 0]; null for a non-version.
 * Companions pair with this part (a post-release or a trailing .0 is the same release).
 */
function releasePart(torch) {
    const v = (0,pep440.explain)(torch);
    if (!v || v.epoch !== 0)
        return null;
    const [major, minor = 0, patch = 0] = v.release;
    return [major, minor, patch];
}
/** Whether the data knows which companions pair with this torch version (torch 2.x only). */
function companionsKnown(torch) {
    return releasePart(torch)?.[0] === PAIRED_MAJOR;
}
/**
 * The torchvision version that pairs with a torch version ("2.5.1" -> "0.20.1",
 * "2.5.1.post1" -> "0.20.1"); null when the pairing is unknown (not 2.x, not a version).
 */
function torchvisionFor(torch) {
    const r = releasePart(torch);
    if (!r || r[0] !== PAIRED_MAJOR)
        return null;
    const exception = EXCEPTIONS[r.join('.')];
    if (exception)
        return exception.torchvision;
    return `0.${r[1] + 15}.${r[2]}`;
}
/**
 * The torchaudio version that pairs with a torch version (its release part:
 * "2.5.1.post1" -> "2.5.1"); null from 2.12 on (none published) and when unknown.
 */
function torchaudioFor(torch) {
    const r = releasePart(torch);
    if (!r || r[0] !== PAIRED_MAJOR)
        return null;
    const exception = EXCEPTIONS[r.join('.')];
    if (exception)
        return exception.torchaudio;
    return hasTorchaudio(`${r[0]}.${r[1]}`) ? r.join('.') : null;
}
function hasTorchaudio(line) {
    return (0,pep440.compare)(line, TORCHAUDIO_LAST) <= 0;
}
/**
 * xformers version -> the torch it requires. Source: facebookresearch/xformers
 * .github/workflows/wheels.yml at each tag (the `torch_version` matrix) and
 * wheels_build.yml, which rewrote requirements.txt to `torch == <that version>`
 * before building, up to v0.0.34; commit c42443a8 (2026-02-05, "Relax PyTorch
 * dependency in wheels to enable forward-compatibility") removed the pin, and
 * v0.0.35's requirements.txt says `torch >= 2.10` (stable ABI, CHANGELOG 0.0.34).
 * 0.0.20-0.0.22 were built for 2.0.1 (wheels.yml matrix; the pin mechanism then is
 * not re-checked). 0.0.26 (built for 2.2.2, CHANGELOG says 2.3.0) is left out:
 * doubtful, and 0.0.26.post1 covers 2.3.0. Newer than 0.0.35: unknown.
 */
const XFORMERS = [
    { xformers: '0.0.20', torch: '==2.0.1' },
    { xformers: '0.0.21', torch: '==2.0.1' },
    { xformers: '0.0.22', torch: '==2.0.1' },
    { xformers: '0.0.22.post7', torch: '==2.1.0' },
    { xformers: '0.0.23', torch: '==2.1.1' },
    { xformers: '0.0.23.post1', torch: '==2.1.2' },
    { xformers: '0.0.24', torch: '==2.2.0' },
    { xformers: '0.0.25', torch: '==2.2.1' },
    { xformers: '0.0.25.post1', torch: '==2.2.2' },
    { xformers: '0.0.26.post1', torch: '==2.3.0' },
    { xformers: '0.0.27', torch: '==2.3.1' },
    { xformers: '0.0.27.post1', torch: '==2.4.0' },
    { xformers: '0.0.27.post2', torch: '==2.4.0' },
    { xformers: '0.0.28', torch: '==2.4.1' },
    { xformers: '0.0.28.post1', torch: '==2.4.1' },
    { xformers: '0.0.28.post2', torch: '==2.5.0' },
    { xformers: '0.0.28.post3', torch: '==2.5.1' },
    { xformers: '0.0.29', torch: '==2.5.1' },
    { xformers: '0.0.29.post1', torch: '==2.5.1' },
    { xformers: '0.0.29.post2', torch: '==2.6.0' },
    { xformers: '0.0.29.post3', torch: '==2.6.0' },
    { xformers: '0.0.30', torch: '==2.7.0' },
    { xformers: '0.0.31', torch: '==2.7.1' },
    { xformers: '0.0.31.post1', torch: '==2.7.1' },
    { xformers: '0.0.32', torch: '==2.8.0' },
    { xformers: '0.0.32.post1', torch: '==2.8.0' },
    { xformers: '0.0.32.post2', torch: '==2.8.0' },
    { xformers: '0.0.33', torch: '==2.9.0' },
    { xformers: '0.0.33.post1', torch: '==2.9.0' },
    { xformers: '0.0.33.post2', torch: '==2.9.1' },
    { xformers: '0.0.34', torch: '==2.10.0' },
    { xformers: '0.0.35', torch: '>=2.10' },
];

;// CONCATENATED MODULE: ./src/plan/versions.ts
/**
 * Turning the torch-version input and the project's pins into rules on torch
 * versions, and finding the release lines that satisfy them all.
 */





const KNOWN = `torch ${OLDEST_RELEASE} to ${NEWEST_RELEASE}`;
/**
 * A version as torchcraft writes it: the data's own spelling when PEP 440 calls
 * them equal ("2.5.1.0" is 2.5.1), else the normalised form ("2.9.0RC1" -> "2.9.0rc1").
 */
function canonicalVersion(version) {
    const v = (0,pep440.valid)(version.trim());
    if (v === null)
        return version.trim();
    return allKnownVersions().find((k) => (0,pep440.eq)(k, v)) ?? v;
}
/** The version a single `==V` / `===V` clause pins (no wildcard), canonical; else undefined. */
function exactPin(spec) {
    const m = /^\s*===?\s*([^\s,*]+)\s*$/.exec(spec);
    return m && (0,pep440.valid)(m[1]) !== null ? canonicalVersion(m[1]) : undefined;
}
/** A pre-release in PEP 440's sense: an alpha, beta, release candidate or dev build. */
function isPrerelease(version) {
    return (0,pep440.explain)(version)?.is_prerelease === true;
}
function versions_ok(version, spec) {
    if ((0,pep440.valid)(version) === null)
        return false;
    return spec === '' || (0,pep440.satisfies)(version, spec, { prereleases: true });
}
/**
 * The torch-version input as a rule: "" (any: null), "2.5" (the line), "2.5.1"
 * (exact), or a PEP 440 specifier (">=2.4,<2.6", "~=2.5.0", "==2.5.*").
 */
function torchVersionRule(input) {
    const s = input.trim();
    if (s === '')
        return null;
    const refuse = (problem) => {
        throw new InputError('torch-version', input, problem);
    };
    if (s.includes('+'))
        refuse('local labels (+cu126, +cpu) are chosen by the backend input; give the version alone, e.g. 2.5.1');
    let spec;
    let exact;
    if (/^\d+(\.\d+)?$/.test(s))
        spec = `==${s}.*`;
    else if (/^\d+\.\d+\.\*$/.test(s))
        spec = `==${s}`;
    else if (/^\d/.test(s) && (0,pep440.valid)(s)) {
        exact = canonicalVersion(s);
        spec = `==${exact}`;
    }
    else if ((0,pep440.validRange)(s)) {
        spec = s;
        exact = exactPin(s);
    }
    else {
        return refuse('expected a release (2.5), a version (2.5.1) or a PEP 440 specifier (>=2.4,<2.6, ~=2.5.0, ==2.5.*)');
    }
    return { source: 'torch-version', wants: s, accepts: (v) => versions_ok(v, spec), exact };
}
/** Family projects whose pairing with torch is not in the data: warned about, not used. */
const UNMAPPED = /^(torchao|torchtext|torchdata|triton|pytorch-triton.*)$/;
/**
 * The project's pins as rules. Family pins whose torch pairing the data does not
 * know become warnings instead (they do not constrain the plan, and the project's
 * own install of them may replace torch); names outside the family, notes.
 */
function constraintRules(constraints) {
    const rules = [];
    const notes = [];
    const warnings = [];
    for (const c of constraints) {
        const project = normalizeName(c.project);
        // A local label (torch==2.5.1+cu124) says which build; the backend decides that here.
        const spec = c.specifier.trim().replace(/\+[A-Za-z0-9.]+/g, '');
        const wants = `${project}${c.specifier.trim()}`;
        if (spec !== '' && !(0,pep440.validRange)(spec)) {
            throw new InputError('requirements', wants, `${c.source}: ${JSON.stringify(c.specifier)} is not a PEP 440 specifier`);
        }
        const base = { source: c.source, wants };
        switch (project) {
            case 'torch':
                rules.push({ ...base, accepts: (v) => versions_ok(v, spec), exact: exactPin(spec) });
                break;
            case 'torchvision':
                rules.push({
                    ...base,
                    accepts: (v) => {
                        const vision = torchvisionFor(v);
                        return vision !== null && versions_ok(vision, spec);
                    },
                });
                break;
            case 'torchaudio':
                // From 2.12 there is no torchaudio. The last one (2.11.0) declares no torch pin, but its
                // compiled extension is built against torch 2.11: a project that needs torchaudio needs a
                // release that has one, or the project's own install leaves a mismatched pair behind.
                rules.push({
                    ...base,
                    accepts: (v) => {
                        const audio = torchaudioFor(v);
                        return audio !== null && versions_ok(audio, spec);
                    },
                });
                break;
            case 'xformers': {
                const matching = XFORMERS.filter((x) => versions_ok(x.xformers, spec));
                if (matching.length === 0) {
                    warnings.push(`${c.source} wants ${wants}, which is not in torchcraft's xformers table (known up to ${XFORMERS[XFORMERS.length - 1].xformers}); ` +
                        `its torch pin is unknown, so it does not constrain the plan, and installing it may replace torch.`);
                    break;
                }
                rules.push({ ...base, accepts: (v) => matching.some((x) => versions_ok(v, x.torch)) });
                break;
            }
            default:
                if (UNMAPPED.test(project))
                    warnings.push(`${c.source} names ${wants}; torchcraft does not know which torch it pairs with, so it does not constrain the plan.`);
                else
                    notes.push(`${c.source} names ${wants}, which is not a PyTorch-family package; ignored.`);
        }
    }
    return { rules, notes, warnings };
}
/**
 * Pre-releases (rc, a, b, dev) are not on the stable indexes: an exact pre-release
 * pin there is an error naming where it came from. Other channels take them.
 */
function refusePrereleasePins(rules, torchVersion, channel) {
    if (channel !== 'stable')
        return;
    for (const r of rules) {
        if (r.exact === undefined || !isPrerelease(r.exact))
            continue;
        const where = 'release candidates live on the test channel: set channel test (--channel test)' +
            ((0,pep440.explain)(r.exact)?.is_devrelease ? '; dev builds are nightlies: set channel nightly (--channel nightly)' : '');
        if (r.source === 'torch-version') {
            throw new InputError('torch-version', torchVersion, `${r.exact} is a pre-release, and the stable channel holds released versions only; ${where}`);
        }
        throw new InputError('requirements', `${r.source}: ${r.wants}`, `${r.source} pins torch ${r.exact}, a pre-release, and the stable channel holds released versions only; ${where}`);
    }
}
function allKnownVersions() {
    return RELEASES.flatMap((r) => r.versions);
}
/** Versions past the data that a rule might ask for: the next patch, the next lines, 3.0. */
function futureProbes() {
    const newest = RELEASES[RELEASES.length - 1];
    const [major, minor] = newest.line.split('.').map(Number);
    const lastPatch = Number(newest.versions[newest.versions.length - 1].split('.')[2]);
    const probes = [`${newest.line}.${lastPatch + 1}`];
    for (let k = 1; k <= 8; k++)
        probes.push(`${major}.${minor + k}.0`);
    probes.push(`${major + 1}.0.0`);
    return probes;
}
function group(versions, rules) {
    const byLine = new Map();
    const exact = rules.map((r) => r.exact).find((e) => e !== undefined);
    for (const v of versions) {
        const line = lineOf(v);
        const facts = releaseFacts(line);
        if (!facts)
            continue;
        let m = byLine.get(line);
        if (!m) {
            const known = facts.provisional ? [] : [...facts.versions];
            m = { facts, versions: known, allowed: [], beyondData: facts.provisional === true, exact: undefined };
            byLine.set(line, m);
        }
        // PEP 440 equality, not spelling: 2.5.1.0 is the known 2.5.1.
        let same = m.versions.find((k) => (0,pep440.eq)(k, v));
        if (same === undefined) {
            same = v;
            m.versions.push(v);
        }
        if (rules.every((r) => r.accepts(v)) && !m.allowed.some((k) => (0,pep440.eq)(k, v)))
            m.allowed.push(same);
    }
    const out = [...byLine.values()].filter((m) => m.allowed.length > 0);
    for (const m of out) {
        m.versions.sort(pep440.compare);
        m.allowed.sort(pep440.compare);
        if (!m.facts.provisional) {
            const known = (v) => m.facts.versions.some((k) => (0,pep440.eq)(k, v));
            // An unknown version only matters when the rules picked it, and is beyond the data
            // only when newer than the line's last known one (2.9.0rc1 precedes 2.9.0).
            if (m.allowed.every(known))
                m.versions = m.versions.filter(known);
            const last = m.facts.versions[m.facts.versions.length - 1];
            m.beyondData = m.allowed.some((v) => !known(v) && (0,pep440.compare)(v, last) > 0);
        }
        const pinned = exact === undefined ? undefined : m.allowed.find((v) => (0,pep440.eq)(v, exact));
        if (pinned)
            m.exact = pinned;
    }
    return out.sort((a, b) => compareLines(b.facts.line, a.facts.line)).flatMap(splitByPatch);
}
/**
 * A line whose patch versions publish different wheels (2.12.0 has 3.13t, 2.12.1 has
 * cu129) as one match per group, newest first: each with the group's facts and the
 * allowed versions in it, so a choice made on a group pins a version that has it.
 */
function splitByPatch(m) {
    const groups = patchGroups(m.facts);
    if (groups.length === 1)
        return [m];
    const out = [];
    for (const g of [...groups].reverse()) {
        const allowed = m.allowed.filter((v) => groupOfVersion(m.facts, v) === g || sameGroup(groupOfVersion(m.facts, v), g));
        if (allowed.length === 0)
            continue;
        const exact = m.exact !== undefined && allowed.some((v) => (0,pep440.eq)(v, m.exact)) ? m.exact : undefined;
        const last = g.versions[g.versions.length - 1];
        out.push({ facts: g, versions: m.versions, allowed, exact, beyondData: allowed.some((v) => !m.facts.versions.some((k) => (0,pep440.eq)(k, v)) && (0,pep440.compare)(v, last) > 0) });
    }
    return out;
}
function sameGroup(a, b) {
    return a.line === b.line && a.versions.join() === b.versions.join();
}
/**
 * The release lines that satisfy every rule, newest first. Falls back to
 * releases newer than the data when only those match (planned from the newest
 * known pattern). Throws InputError naming both sides of a conflict.
 */
function matchingLines(rules, torchVersion) {
    // Exact pins join the versions considered only on lines the data can describe.
    const pins = rules
        .map((r) => r.exact)
        .filter((e) => e !== undefined && (0,pep440.valid)(e) !== null && releaseFacts(lineOf(e)) !== null);
    const known = group([...allKnownVersions(), ...pins], rules);
    if (known.length > 0)
        return known;
    const universe = [...allKnownVersions(), ...pins, ...futureProbes()];
    // Past the data, plan for the nearest release that matches: later ones may never exist.
    const future = group(universe, rules);
    if (future.length > 0)
        return [future[future.length - 1]];
    throw explainConflict(rules, universe, torchVersion);
}
function explainConflict(rules, universe, torchVersion) {
    const matches = (r) => universe.filter((v) => r.accepts(v));
    for (const r of rules) {
        if (matches(r).length > 0)
            continue;
        if (r.source === 'torch-version')
            return new InputError('torch-version', torchVersion, `no torch release matches it (torchcraft knows ${KNOWN})`);
        return new InputError('requirements', `${r.source}: ${r.wants}`, `${r.source} wants ${r.wants}, which no torch release satisfies (torchcraft knows ${KNOWN})`);
    }
    const tv = rules.find((r) => r.source === 'torch-version');
    const pins = rules.filter((r) => r !== tv);
    if (tv) {
        for (const r of pins) {
            if (!matches(r).some((v) => tv.accepts(v))) {
                return new InputError('requirements', `${r.source}: ${r.wants}`, `${r.source} wants ${r.wants} but torch-version is ${tv.wants}`);
            }
        }
    }
    for (let i = 0; i < pins.length; i++) {
        for (let j = i + 1; j < pins.length; j++) {
            const [a, b] = [pins[i], pins[j]];
            if (!matches(a).some((v) => b.accepts(v))) {
                return new InputError('requirements', `${a.source}: ${a.wants}`, `${a.source} wants ${a.wants} but ${b.source} wants ${b.wants}${groupsHint(a.source, b.source)}`);
            }
        }
    }
    const all = rules.map((r) => (r.source === 'torch-version' ? `torch-version ${r.wants}` : `${r.source} wants ${r.wants}`)).join('; ');
    return new InputError('requirements', rules.map((r) => r.wants).join(', '), `no torch release satisfies all of: ${all}`);
}
/**
 * Builds named by local labels in the project's pins (torch, torchvision, torchaudio).
 * A labelled pin only matches that exact build (PEP 440), so the project's own
 * install would replace any other build: the plan must use it.
 */
function pinnedBuilds(constraints) {
    const found = [];
    for (const c of constraints) {
        const project = normalizeName(c.project);
        if (!['torch', 'torchvision', 'torchaudio'].includes(project))
            continue;
        const label = /\+([A-Za-z0-9.]+)/.exec(c.specifier)?.[1]?.toLowerCase();
        if (label)
            found.push({ variant: label, source: c.source, wants: `${project}${c.specifier.trim()}` });
    }
    return found;
}
/** "[project.optional-dependencies.cu]" or "[dependency-groups.dev]" in a ProjectConstraint source. */
const GROUP = /\[(project\.optional-dependencies|dependency-groups)\.([^\]]+)\]/;
/**
 * When two conflicting pins come from different pyproject groups, the likely cause
 * is reading every group (the extras default) where the environment installs one:
 * "; these come from different ... groups; set extras ..." or "".
 */
function groupsHint(a, b) {
    const ga = GROUP.exec(a);
    const gb = GROUP.exec(b);
    if (!ga || !gb || (ga[1] === gb[1] && ga[2] === gb[2]))
        return '';
    const kind = ga[1] === gb[1] && ga[1] === 'dependency-groups' ? 'dependency groups' : 'optional-dependency groups';
    return `; these come from different ${kind}; set extras (--extras) to the group(s) this environment installs`;
}

;// CONCATENATED MODULE: ./src/plan/packages.ts
/**
 * The requirement lines of torchcraft.txt: torch pinned to the chosen release
 * (narrowed by the user's pins), companions pinned to the versions that pair with
 * it, and family packages the project uses that the PyTorch index serves.
 */





function pinOf(match) {
    const { versions, allowed, exact } = match;
    const line = match.facts.line;
    if (exact)
        return { exact, line, excluded: [] };
    if (allowed.length === versions.length)
        return { line, excluded: [] };
    const lower = allowed[0] !== versions[0] ? allowed[0] : undefined;
    const upper = allowed[allowed.length - 1] !== versions[versions.length - 1] ? allowed[allowed.length - 1] : undefined;
    if (allowed.length === 1 && (lower || upper))
        return { exact: allowed[0], line, excluded: [] };
    const inRange = versions.slice(versions.indexOf(allowed[0]), versions.indexOf(allowed[allowed.length - 1]) + 1);
    return { line, lower, upper, excluded: inRange.filter((v) => !allowed.includes(v)) };
}
/**
 * Render a pin through a pairing (identity for torch, torchvision's scheme for
 * torchvision). The pairing is only ever given torch versions it knows (callers check
 * companionsKnown), so a null from it means no release: rendered as no constraint.
 */
function render(pin, pair) {
    const at = (v) => pair(v);
    if (pin.exact) {
        const v = at(pin.exact);
        return v === null ? '' : `==${v}`;
    }
    const base = at(`${pin.line}.0`);
    if (base === null)
        return '';
    const parts = [`==${base.split('.').slice(0, 2).join('.')}.*`];
    const bound = (op, v) => {
        const c = v === undefined ? null : at(v);
        if (c !== null)
            parts.push(`${op}${c}`);
    };
    bound('>=', pin.lower);
    bound('<=', pin.upper);
    for (const v of pin.excluded)
        bound('!=', v);
    return parts.join(',');
}
function planPackages(input) {
    const { match, variant, pinned, constraints } = input;
    const line = match.facts.line;
    const reasons = [];
    const warnings = [];
    const pin = pinOf(match);
    const named = new Map();
    for (const c of constraints)
        if (!named.has(normalizeName(c.project)))
            named.set(normalizeName(c.project), c);
    const names = ['torch'];
    const add = (n) => {
        if (n !== '' && !names.includes(n))
            names.push(n);
    };
    const requested = input.requested.length > 0 ? input.requested : ['torch', 'torchvision', 'torchaudio'];
    for (const n of requested)
        add(normalizeName(n));
    // Family packages the project names and the PyTorch index serves for this build, so that
    // a later `pip install -r requirements.txt` finds them already satisfied.
    for (const n of ['torchvision', 'torchaudio', 'xformers'])
        if (named.has(n))
            add(n);
    // Companions pinned only when their pairing is known: not for a pre-release torch (its
    // candidates' companions are candidates too, pip picks them with --pre), not past torch 2.x.
    const torchAt = pin.exact ?? `${line}.0`;
    const prerelease = pinned && pin.exact !== undefined && isPrerelease(pin.exact);
    const paired = companionsKnown(torchAt);
    const companions = names.filter((n) => n === 'torchvision' || (n === 'torchaudio' && hasTorchaudio(line)));
    const pinCompanions = pinned && !prerelease && paired;
    if (pinned && companions.length > 0) {
        const list = companions.join(' and ');
        if (prerelease) {
            reasons.push(`torch ${pin.exact} is a pre-release, so ${list} ${companions.length > 1 ? 'are' : 'is'} written unpinned: pip (with --pre, from the ${variant} test index) picks the matching candidates.`);
        }
        else if (!paired) {
            warnings.push(`torchcraft does not know which ${list} ${companions.length > 1 ? 'pair' : 'pairs'} with torch ${torchAt.split('.')[0]} (its data knows the torch ${PAIRED_MAJOR}.x pairing only), ` +
                `so ${companions.length > 1 ? 'they are' : 'it is'} written unpinned: check that pip picks ${companions.length > 1 ? 'versions' : 'a version'} built for torch ${pin.exact ?? line}.`);
        }
    }
    const packages = [];
    for (const name of names) {
        switch (name) {
            case 'torch':
                packages.push({ name, specifier: pinned ? render(pin, (v) => v) : '' });
                break;
            case 'torchvision':
                packages.push({ name, specifier: pinCompanions ? render(pin, torchvisionFor) : '' });
                break;
            case 'torchaudio':
                if (!hasTorchaudio(line)) {
                    // A project that names torchaudio never gets here: its rule keeps the release to one with torchaudio.
                    reasons.push(`torchaudio is left out: it has no release for torch ${line} (the last is ${TORCHAUDIO_LAST_VERSION}).`);
                    break;
                }
                packages.push({ name, specifier: pinCompanions ? render(pin, torchaudioFor) : '' });
                break;
            case 'xformers': {
                const x = xformersLine(match, pin, named.get('xformers'));
                const source = named.get('xformers')?.source;
                if (cudaOfVariant(variant) === null) {
                    reasons.push(`xformers is not added: the PyTorch ${variant} index does not serve it${x ? `; the project's xformers line installs ${x} from PyPI, which requires torch ${XFORMERS.find((e) => e.xformers === x)?.torch}` : ''}.`);
                    break;
                }
                if (!pinned) {
                    reasons.push(`xformers is not added: the ${variant} index of this channel does not serve matching xformers builds.`);
                    break;
                }
                if (!x) {
                    // Keep the project's own specifier: dropping it would let this file install an
                    // xformers the project's install then replaces (with whatever torch it pins).
                    const spec = named.get('xformers')?.specifier.trim() ?? '';
                    warnings.push(`${source ?? 'The packages input'} names xformers${spec}, but torchcraft knows no xformers release ${spec ? 'within that specifier ' : ''}for torch ${line}: ` +
                        `it is written ${spec ? 'with the project\'s specifier' : 'unpinned'}; check that the xformers pip picks requires torch ${line}, or installing it will replace torch.`);
                    packages.push({ name, specifier: spec });
                    break;
                }
                packages.push({ name, specifier: `==${x}` });
                reasons.push(`xformers ${x} pairs with torch ${line} (its wheels require torch ${XFORMERS.find((e) => e.xformers === x)?.torch}), so it is installed from the same index.`);
                break;
            }
            default:
                packages.push({ name, specifier: '' });
        }
    }
    return { packages, reasons, warnings };
}
/** The newest known xformers whose torch pin the planned torch meets and the project's pin allows. */
function xformersLine(match, pin, constraint) {
    const torch = pin.exact ?? match.allowed[match.allowed.length - 1];
    const spec = constraint?.specifier.trim() ?? '';
    for (let i = XFORMERS.length - 1; i >= 0; i--) {
        const x = XFORMERS[i];
        if (!(0,pep440.satisfies)(torch, x.torch))
            continue;
        if (spec !== '' && !(0,pep440.satisfies)(x.xformers, spec))
            continue;
        return x.xformers;
    }
    return null;
}

;// CONCATENATED MODULE: ./src/plan/policy.ts
/**
 * The planning policy: a pure function from (machine, request) to the build to
 * install and why. Facts live in src/data; this module only decides.
 * The algorithm is issue 2's "Knowledge and policy".
 */











function planInstall(machine, request) {
    const notes = { reasons: [], warnings: [] };
    const platform = `${machine.os}-${machine.arch}`;
    const where = `${machine.os}/${machine.arch}`;
    const tvRule = torchVersionRule(request.torchVersion);
    const { rules: pinRules, notes: pinNotes, warnings: pinWarnings } = constraintRules(request.constraints);
    notes.reasons.push(...pinNotes);
    notes.warnings.push(...pinWarnings);
    const rules = tvRule ? [tvRule, ...pinRules] : pinRules;
    refusePrereleasePins(rules, request.torchVersion, request.channel);
    refuseBackendAgainstLabel(request);
    const versionInput = tvRule ? 'torch-version' : pinRules.length > 0 ? 'requirements' : 'torch-version';
    const versionValue = tvRule ? request.torchVersion : pinRules.map((r) => `${r.source}: ${r.wants}`).join(', ');
    let lines = matchingLines(rules, request.torchVersion);
    // Nightlies are always the next release; so are the test channel's release candidates
    // when no version is asked for (with one, they are that version's candidates).
    if ((request.channel === 'nightly' && !tvRule) || (request.channel === 'test' && rules.length === 0))
        lines = [nightlyLine()];
    // Wheels for this OS and arch.
    const onPlatform = lines.filter((m) => variantsFor(m.facts, machine.os, machine.arch).length > 0);
    if (onPlatform.length === 0)
        throw new InputError(versionInput, versionValue, platformProblem(machine.os, machine.arch, lines));
    // Wheels for this Python.
    const python = normalisePython(machine.python);
    let candidates = onPlatform;
    if (machine.python !== undefined && python === null) {
        notes.warnings.push(`Python version ${JSON.stringify(machine.python)} is not a version; Python checks were skipped.`);
    }
    if (python) {
        candidates = onPlatform.filter((m) => supportsPython(m.facts, python, machine));
        if (candidates.length === 0) {
            const asked = tvRule ? `torch ${request.torchVersion}` : pinRules.length > 0 ? `torch as the project pins it (${pinRules.map((r) => r.wants).join(', ')})` : `torch ${describeLines(onPlatform)}`;
            throw new InputError('python-version', machine.python ?? python.minor, `${asked} publishes wheels for ${pythonRange(onPlatform, machine)} on ${where}, not Python ${python.minor}${python.freeThreaded ? 't' : ''}`);
        }
    }
    const pythonLimit = python ? pythonLimitOf(python, onPlatform, candidates, machine, rules.length > 0) : null;
    if (pythonLimit)
        notes.reasons.push(pythonLimit.reason);
    if (rules.length > 0 && request.channel !== 'nightly') {
        notes.reasons.push(`The version rules (${describeRules(rules)}) allow torch ${describeLines(candidates)}.`);
    }
    const backend = request.backend === 'auto' ? backendPinnedByProject(request, machine, candidates, notes) : request.backend;
    const choice = backend === 'auto' ? chooseAuto(candidates, machine, platform, notes) : chooseExplicit(candidates, backend, machine, platform, notes);
    const facts = choice.match.facts;
    if (choice.match.beyondData) {
        const known = facts.provisional ? `newest known: ${NEWEST_RELEASE}` : `it knows torch ${facts.line} up to ${facts.versions[facts.versions.length - 1]}`;
        const future = facts.provisional ? futureNotes(facts.line) : [];
        notes.warnings.push(`torch ${choice.match.exact ?? facts.line} is newer than torchcraft's data (${known}); planned from the newest known release's pattern` +
            (future.length > 0 ? `, knowing that ${future.join('; ')}` : '') +
            '. Check the choice against the release notes.');
    }
    if (pythonLimit) {
        // Warn only when Python alone holds the plan back: planned without it, a newer release would be chosen.
        const scratch = { reasons: [], warnings: [] };
        const free = backend === 'auto' ? chooseAuto(onPlatform, machine, platform, scratch) : chooseExplicit(onPlatform, backend, machine, platform, scratch);
        if (compareLines(free.match.facts.line, facts.line) > 0) {
            notes.warnings.push(`torch ${facts.line} is planned rather than ${free.match.facts.line} only because of ${pythonLimit.label}: with ${pythonLimit.range}, ` +
                `torchcraft would plan ${free.variant} of torch ${free.match.facts.line}.`);
        }
    }
    // Versions on the lines: none on nightly (dated dev builds), and none on test unless asked for.
    const pinned = request.channel === 'stable' || (request.channel === 'test' && rules.length > 0);
    if (request.channel === 'nightly') {
        notes.reasons.push(`Nightly builds are dated development versions of the next release, so the torch lines carry no version pins.`);
        if (rules.length > 0)
            notes.warnings.push(`The nightly channel ignores version pins (${rules.map((r) => r.wants).join(', ')}): nightlies are always the next release.`);
    }
    else if (request.channel === 'test' && !pinned) {
        notes.reasons.push(`The test channel holds release candidates of the next release, torch ${facts.line}; with no version asked for, the lines are left unpinned so pip takes the newest candidate.`);
    }
    const pk = planPackages({ match: choice.match, variant: choice.variant, pinned, requested: request.packages, constraints: request.constraints });
    notes.reasons.push(...pk.reasons);
    notes.warnings.push(...pk.warnings);
    const indexUrl = indexUrlFor(request, machine, choice.variant);
    return {
        machine,
        accelerator: choice.accelerator,
        backend: choice.variant,
        release: facts.line,
        channel: request.channel,
        indexUrl,
        packages: pk.packages,
        prerelease: request.channel !== 'stable',
        compatibilityMode: choice.compatibilityMode,
        reasons: scrubbed(notes.reasons, request.indexBaseUrl),
        warnings: scrubbed(notes.warnings, request.indexBaseUrl),
        servedGpus: servedIndexes(machine, choice),
        trace: [],
    };
}
// ---------------------------------------------------------------- auto
function chooseAuto(candidates, machine, platform, notes) {
    const newest = candidates[0];
    const nvidia = machine.gpus.filter((g) => g.vendor === 'nvidia');
    const amd = machine.gpus.filter((g) => g.vendor === 'amd');
    const intel = machine.gpus.filter((g) => g.vendor === 'intel');
    const apple = machine.gpus.filter((g) => g.vendor === 'apple');
    if (machine.os === 'macos') {
        const others = machine.gpus.filter((g) => g.vendor !== 'apple');
        if (machine.arch === 'aarch64') {
            for (const g of others)
                notes.warnings.push(`${g.name} is not used: on macOS, PyTorch uses the Apple GPU through MPS only.`);
            notes.reasons.push(`Apple Silicon: PyPI's default macOS arm64 build of torch ${newest.facts.line} includes the MPS backend, so no extra index is needed.`);
            // [IDX] the 2.13.0 arm64 wheels are tagged macosx_14_0: macOS 11-13 cannot install them.
            if (newest.facts.line === '2.13')
                notes.warnings.push(`torch 2.13.0's macOS arm64 wheels are tagged macosx_14_0: they need macOS 14 or newer.`);
            return { match: newest, variant: 'mps', accelerator: 'apple', compatibilityMode: false };
        }
        for (const g of others) {
            notes.warnings.push(g.vendor === 'amd'
                ? `${g.name} is not used: PyTorch publishes no ROCm builds for macOS (ROCm is Linux only), and the only torch for an Intel Mac is PyPI's macOS x86_64 wheel (up to 2.2.2), a CPU build; torchcraft plans no GPU build for it.`
                : `${g.name} is not used: PyTorch publishes no CUDA or other GPU builds for Intel Macs; the only torch there is PyPI's macOS x86_64 wheel (up to 2.2.2), a CPU build.`);
        }
        for (const g of apple)
            notes.warnings.push(`${g.name} is not used: this Python runs as x86_64 (Rosetta?); an arm64 Python gets MPS and current torch releases.`);
        notes.reasons.push(`Intel Mac (macOS x86_64): PyTorch's last release with wheels for it is 2.2.2, a CPU build from PyPI (PyTorch publishes no ROCm builds for macOS and no separate GPU build for Intel Macs); chose torch ${newest.facts.line}.`);
        return { match: newest, variant: 'cpu', accelerator: 'none', compatibilityMode: false };
    }
    let choice = null;
    const unused = [];
    if (nvidia.length > 0) {
        const r = chooseCuda(candidates, machine, platform, nvidia, notes);
        if (r.choice)
            choice = r.choice;
        else
            unused.push(...r.why);
    }
    if (amd.length > 0) {
        if (choice) {
            notes.warnings.push(`${amdNames(amd)} not used: one torch build drives one GPU vendor, and the NVIDIA GPU${nvidia.length > 1 ? 's were' : ' was'} preferred (set backend to a rocm variant to use the AMD GPU instead).`);
        }
        else {
            const r = chooseRocm(candidates, machine, platform, amd, notes);
            if (r.choice)
                choice = r.choice;
            else
                unused.push(...r.why);
        }
    }
    const capable = intel.filter((g) => xpuFamily(g) !== null);
    const plainIntel = intel.filter((g) => xpuFamily(g) === null);
    if (capable.length > 0) {
        if (choice) {
            notes.warnings.push(`${capable.map((g) => g.name).join(', ')} not used: the ${choice.accelerator === 'nvidia' ? 'NVIDIA' : 'AMD'} GPU was preferred; set backend xpu to use the Intel GPU instead.`);
        }
        else {
            const r = chooseXpu(candidates, platform, capable, notes);
            if (r.choice)
                choice = r.choice;
            else
                unused.push(...r.why);
        }
    }
    for (const g of plainIntel) {
        const why = `${g.name} is an older Intel integrated GPU that PyTorch's XPU builds do not target (they target Arc, Data Center GPU Max and Core Ultra); it is not used.`;
        // Nothing would fix this one; it only warrants a warning when no other GPU was used either.
        if (choice)
            notes.reasons.push(why);
        else
            unused.push(why);
    }
    for (const g of apple)
        unused.push(`${g.name} is an Apple GPU on ${machine.os}: only macOS builds use it.`);
    if (choice) {
        notes.warnings.push(...unused);
        return choice;
    }
    if (machine.gpus.length === 0) {
        // "Smaller than PyPI's" only where PyPI's default wheel is a CUDA build.
        const pypiCuda = cudaOfVariant(pypiDefaultFor(newest.facts, machine.os, machine.arch)) !== null;
        const versus = pypiCuda ? "smaller than PyPI's default, which bundles CUDA" : `the CPU build PyPI also serves for ${machine.os}/${machine.arch}`;
        notes.reasons.push(`No GPU was detected, so torch ${newest.facts.line} is planned as the CPU build from the cpu index (${versus}).`);
    }
    else {
        notes.reasons.push(`No detected GPU can be used by a torch build here, so the CPU build of torch ${newest.facts.line} is planned.`);
        notes.warnings.push(...unused.map((w) => `${w} Planned the CPU build.`));
    }
    return { match: newest, variant: 'cpu', accelerator: 'none', compatibilityMode: false };
}
function chooseCuda(candidates, machine, platform, all, notes) {
    // A Jetson's GPU neither takes a CUDA build of PyTorch's nor blocks one for another GPU.
    const { tegra, others } = splitTegra(all);
    const jetson = tegra.map(tegraSentence);
    if (others.length === 0)
        return { choice: null, why: jetson };
    const r = chooseCudaFor(candidates, machine, platform, others, notes);
    if (r.choice)
        notes.warnings.push(...jetson);
    return r.choice ? r : { choice: null, why: [...jetson, ...r.why] };
}
function chooseCudaFor(candidates, machine, platform, gpus, notes) {
    const driver = driverInfo(gpus);
    for (const g of distinctCards(gpus)) {
        if (capabilityOf(g) === null) {
            notes.warnings.push(`The compute capability of ${g.name} is unknown (the driver did not report it and torchcraft does not know the name); it is assumed to be covered: check torch.cuda.is_available() after installing.`);
        }
    }
    if (!driverKnown(driver)) {
        notes.warnings.push(`No NVIDIA driver version was detected for ${gpuNames(gpus)} (nvidia-smi and /proc/driver/nvidia/version gave none); planned the covering CUDA build that needs the oldest driver. Install or expose the driver, or set backend explicitly.`);
    }
    else if (driver.cudaFromBranch && driver.version) {
        notes.reasons.push(`The driver's own CUDA version was not reported; driver ${driver.version} belongs to the branch that runs CUDA ${driver.cuda}.`);
    }
    else if (driver.version && driver.cuda === null) {
        notes.reasons.push(`Driver ${driver.version} predates every branch torchcraft knows (R418+), so it runs no CUDA build natively.`);
    }
    if (platform === 'windows-aarch64' || platform.startsWith('macos')) {
        return { choice: null, why: [`${gpuNames(gpus)} not used: PyTorch publishes no CUDA builds for ${platform.replace('-', '/')}.`] };
    }
    const newest = candidates[0];
    const all = firstUsable(candidates, machine, platform, gpus, driver);
    if (all.found) {
        const { m, options, picked } = all.found;
        decideCuda(m, options, picked, gpus, driver, newest, machine, notes);
        if (all.newestWhy)
            notes.warnings.push(`${all.newestWhy} Planned torch ${releaseLabel(m.facts)} instead.`);
        return { choice: { match: m, variant: picked.variant, accelerator: 'nvidia', compatibilityMode: driverKnown(driver) && !picked.native }, why: [] };
    }
    const whyAll = all.newestWhy ?? `No CUDA build of torch ${describeLines(candidates)} runs ${gpuNames(gpus)}.`;
    // Mixed GPUs no single build covers: a build for the most capable GPUs beats the CPU build
    // that uses none. Drop the least capable cards one capability at a time.
    const caps = [...new Set(gpus.map((g) => capabilityOf(g)).filter((c) => c !== null).map((c) => c[0] * 100 + c[1]))].sort((a, b) => b - a);
    for (let keep = caps.length - 1; keep >= 1; keep--) {
        const floor = caps[keep - 1];
        const served = gpus.filter((g) => {
            const c = capabilityOf(g);
            return c === null || c[0] * 100 + c[1] >= floor;
        });
        const unserved = gpus.filter((g) => !served.includes(g));
        const sub = firstUsable(candidates, machine, platform, served, driver);
        if (!sub.found)
            continue;
        const { m, options, picked } = sub.found;
        decideCuda(m, options, picked, served, driver, newest, machine, notes);
        const nvidiaAll = machine.gpus.filter((g) => g.vendor === 'nvidia');
        const visible = served.map((g) => nvidiaAll.indexOf(g)).filter((i) => i >= 0);
        const label = releaseLabel(m.facts);
        notes.warnings.push(`No single CUDA build covers every GPU here, so ${picked.variant} of torch ${label} is planned for the most capable: ${gpuNames(served)}. ` +
            `${gpuLabels(unserved)} ${unserved.length > 1 ? 'are' : 'is'} not served by it (${distinctCards(unserved).map((g) => `${g.name} needs ${needsText(g)}`).join('; ')}). ` +
            `Hide ${unserved.length > 1 ? 'them' : 'it'} from torch with CUDA_VISIBLE_DEVICES=${visible.join(',')} (with CUDA_DEVICE_ORDER=PCI_BUS_ID, counted as nvidia-smi counts), or torch will list ${unserved.length > 1 ? 'them' : 'it'} and fail on ${unserved.length > 1 ? 'them' : 'it'}.`);
        notes.reasons.push(`No single CUDA build of torch ${describeLines(candidates)} covers all ${gpus.length} NVIDIA GPUs here, so the build is chosen for the most capable ones (${gpuNames(served)}) rather than the CPU build that uses none.`);
        return { choice: { match: m, variant: picked.variant, accelerator: 'nvidia', compatibilityMode: driverKnown(driver) && !picked.native, served }, why: [] };
    }
    return { choice: null, why: [whyAll] };
}
/** The newest candidate with a usable CUDA build for the GPUs, and why the newest has none. */
function firstUsable(candidates, machine, platform, gpus, driver) {
    let newestWhy = null;
    for (const m of candidates) {
        const options = evaluateCuda(m.facts, platform, machine.os, gpus, driver);
        const picked = pickCuda(options, driver);
        if (picked)
            return { found: { m, options, picked }, newestWhy };
        // The newest line (all its patch groups) explains itself once.
        if (m.facts.line === candidates[0].facts.line && newestWhy === null)
            newestWhy = explainNoCuda(m.facts, options, platform, machine.os, gpus, driver);
    }
    return { found: null, newestWhy };
}
/** The reasons and warnings of a CUDA choice for these GPUs. */
function decideCuda(m, options, picked, gpus, driver, newest, machine, notes) {
    const counted = new Map();
    for (const g of gpus)
        counted.set(gpuLabel(g), (counted.get(gpuLabel(g)) ?? 0) + 1);
    for (const g of distinctCards(gpus)) {
        if (capabilityOf(g))
            notes.reasons.push(`${gpuLabels(gpus.filter((x) => gpuLabel(x) === gpuLabel(g)))} ${(counted.get(gpuLabel(g)) ?? 1) > 1 ? 'need' : 'needs'} ${needsText(g)}.`);
    }
    notes.reasons.push(driverSentence(picked, driver, machine.os));
    const compatibilityMode = driverKnown(driver) && !picked.native;
    const label = releaseLabel(m.facts);
    const newestText = m === newest ? 'the newest release allowed' : `the newest release with a usable build (torch ${newest.facts.line} has none here)`;
    notes.reasons.push(`Chose ${picked.variant} of torch ${label}, ${newestText}${compatibilityMode ? ', in minor-version compatibility mode' : ''}.`);
    if (picked.arch?.unconfirmed) {
        notes.warnings.push(`${picked.variant} of torch ${label} was chosen on an unconfirmed architecture list (${picked.arch.unconfirmed}): check torch.cuda.get_arch_list() after installing.`);
    }
    if (compatibilityMode) {
        const native = options.filter((o) => o.native && o.uncovered.length === 0);
        const last = lastBranchOf(gpus);
        const lastCuda = last ? cudaOfBranch(last.branch) : null;
        // Kepler's last branch (R470) runs CUDA 11.4: for a CUDA 11.8 build no driver lifts the limit.
        const noUpdate = last !== null && lastCuda !== null && (0,pep440.compare)(lastCuda, picked.cuda) < 0;
        notes.warnings.push(`${picked.variant} runs through CUDA minor-version compatibility (driver ${driver.version} runs CUDA ${driver.cuda ?? 'older'} natively): ` +
            `most of PyTorch works, but features that need a newer driver (PTX JIT) do not. ${native.length > 0 ? '' : 'No build of this release runs natively on this driver; '}` +
            (noUpdate
                ? `R${last.branch} is the last driver branch NVIDIA ships for ${last.arch} GPUs (CUDA ${lastCuda}), so no driver update lifts the limit.`
                : 'updating the driver lifts the limit.'));
    }
}
function rocmVariantsOf(facts, platform) {
    return platform === 'linux-x86_64' ? [...facts.rocm].sort((a, b) => (0,pep440.compare)(rocmOfVariant(b) ?? '0', rocmOfVariant(a) ?? '0')) : [];
}
function chooseRocm(candidates, machine, platform, gpus, notes) {
    const names = gpus.map((g) => g.name).join(', ');
    if (machine.os === 'windows') {
        return { choice: null, why: [`${names} not used: PyTorch publishes no ROCm wheels for Windows (Linux, or WSL2 with ROCm, would use it).`] };
    }
    if (platform !== 'linux-x86_64') {
        return { choice: null, why: [`${names} not used: PyTorch publishes ROCm wheels for Linux x86_64 only.`] };
    }
    const unknown = gpus.filter((g) => !g.gfx);
    if (unknown.length > 0) {
        return { choice: null, why: [`The gfx target of ${unknown.map((g) => g.name).join(', ')} is unknown (rocminfo found none), so no ROCm build can be checked: set backend to a rocm variant if the GPU is supported.`] };
    }
    const { required, ignored } = splitAmd(gpus);
    const gfx = [...new Set(required.map((g) => g.gfx))];
    const newest = candidates[0];
    const options = [];
    for (const m of candidates) {
        for (const variant of rocmVariantsOf(m.facts, platform)) {
            const list = rocmGfxList(variant, m.facts.line);
            if (!list)
                continue;
            options.push({ variant, line: m.facts.line, gfx: list });
            if (!gfx.every((x) => list.includes(x)))
                continue;
            notes.reasons.push(`${amdLabels(required)} ${required.length > 1 ? 'are' : 'is'} in the gfx list of ${variant}.`);
            notes.reasons.push(`Chose ${variant} of torch ${releaseLabel(m.facts)}, the newest release and ROCm with a build for ${gfx.join(', ')}.`);
            for (const x of gfx) {
                const trouble = unconfirmedGfxTrouble(x, variant);
                if (trouble)
                    notes.warnings.push(`${variant} lists ${x}, but ${trouble}.`);
            }
            if (m !== newest)
                notes.warnings.push(`No ROCm build of torch ${newest.facts.line} lists ${gfx.join(', ')}; planned torch ${m.facts.line} instead.`);
            for (const g of ignored)
                notes.warnings.push(ignoredIgpuWarning(g, required));
            return { choice: { match: m, variant, accelerator: 'amd', compatibilityMode: false }, why: [] };
        }
    }
    const why = explainNoRocm(required, options, describeLines(candidates), rocmVariantsOf(newest.facts, platform)[0]);
    for (const g of ignored)
        why.push(`${amdLabel(g)} is an integrated GPU that no ROCm build targets.`);
    return { choice: null, why: [why.join(' ')] };
}
function chooseXpu(candidates, platform, gpus, notes) {
    const names = gpus.map((g) => g.name).join(', ');
    if (platform !== 'linux-x86_64' && platform !== 'windows-x86_64') {
        return { choice: null, why: [`${names} not used: PyTorch publishes XPU wheels for Linux and Windows x86_64 only.`] };
    }
    const m = candidates.find((c) => c.facts.xpu);
    if (!m) {
        return { choice: null, why: [`${names} not used: XPU builds start at torch 2.5, and torch ${describeLines(candidates)} was asked for.`] };
    }
    notes.reasons.push(`${gpus.map((g) => `${g.name} (${xpuFamily(g)?.family})`).join(', ')} ${gpus.length > 1 ? 'are' : 'is'} a GPU the XPU builds target.`);
    notes.reasons.push(`Chose xpu of torch ${m.facts.line}.`);
    return { choice: { match: m, variant: 'xpu', accelerator: 'intel', compatibilityMode: false }, why: [] };
}
// ---------------------------------------------------------------- explicit backend
/**
 * 'auto', or the build the project pins by local label (torch==2.5.1+cu121): the
 * project's own install accepts no other build, so choosing another would be undone.
 */
function backendPinnedByProject(request, machine, candidates, notes) {
    const pins = pinnedBuilds(request.constraints);
    if (pins.length === 0)
        return 'auto';
    const variants = [...new Set(pins.map((p) => p.variant))];
    if (variants.length > 1) {
        const a = pins[0];
        const b = pins.find((p) => p.variant !== a.variant);
        throw new InputError('requirements', pins.map((p) => p.wants).join(', '), `${pins.map((p) => `${p.source} pins the ${p.variant} build (${p.wants})`).join(' but ')}: one environment holds one build${groupsHint(a.source, b.source)}.`);
    }
    const [pin] = pins;
    if (!candidates.some((m) => variantsFor(m.facts, machine.os, machine.arch).includes(pin.variant))) {
        throw new InputError('requirements', pin.wants, `${pin.source} pins the ${pin.variant} build, which PyTorch does not publish for ${machine.os}/${machine.arch} on the releases the pins allow.`);
    }
    notes.reasons.push(`${pin.source} pins the ${pin.variant} build (${pin.wants}), and a labelled pin accepts only that build, so ${pin.variant} is planned rather than chosen from the GPUs.`);
    return pin.variant;
}
/**
 * An explicit backend that a labelled pin rules out: the project's own install would
 * replace the build (torch==2.5.1+cu124 accepts only the cu124 build), so refuse it.
 */
function refuseBackendAgainstLabel(request) {
    if (request.backend === 'auto')
        return;
    const other = pinnedBuilds(request.constraints).find((p) => p.variant !== request.backend.toLowerCase());
    if (!other)
        return;
    throw new InputError('backend', request.backend, `${other.source} pins the ${other.variant} build (${other.wants}), which only that build satisfies; set backend ${other.variant} or auto, or change the pin.`);
}
function chooseExplicit(candidates, backend, machine, platform, notes) {
    const where = `${machine.os}/${machine.arch}`;
    const match = candidates.find((m) => variantsFor(m.facts, machine.os, machine.arch).includes(backend));
    if (!match) {
        const newest = candidates[0].facts;
        const elsewhere = RELEASES.filter((r) => variantsFor(r, machine.os, machine.arch).includes(backend)).map((r) => r.line);
        const also = elsewhere.length > 0 ? `; ${backend} is published for ${where} on torch ${elsewhere[0]}${elsewhere.length > 1 ? `-${elsewhere[elsewhere.length - 1]}` : ''}` : '';
        throw new InputError('backend', backend, `allowed for ${where} on torch ${newest.line}: ${variantsFor(newest, machine.os, machine.arch).join(', ')}${also}`);
    }
    if (match !== candidates[0])
        notes.reasons.push(`torch ${candidates[0].facts.line} publishes no ${backend} build for ${where}; torch ${match.facts.line} is the newest that does.`);
    notes.reasons.push(`Backend ${backend} was asked for; chose ${backend} of torch ${match.facts.line}.`);
    const nvidia = machine.gpus.filter((g) => g.vendor === 'nvidia');
    const amd = machine.gpus.filter((g) => g.vendor === 'amd');
    const intel = machine.gpus.filter((g) => g.vendor === 'intel');
    let compatibilityMode = false;
    let accelerator = 'none';
    let served;
    const cuda = cudaOfVariant(backend);
    if (cuda) {
        accelerator = 'nvidia';
        const { tegra, others } = splitTegra(nvidia);
        for (const g of tegra)
            notes.warnings.push(`Backend ${backend} was used as asked, but ${tegraSentence(g)}`);
        if (nvidia.length === 0)
            notes.warnings.push(`Backend ${backend} was asked for, but no NVIDIA GPU was detected: torch will run on the CPU here (fine when building for another machine).`);
        else if (others.length > 0) {
            const driver = driverInfo(others);
            const option = evaluateCuda(match.facts, platform, machine.os, others, driver).find((o) => o.variant === backend);
            const driverRuns = option !== undefined && (option.native || option.compat || !driverKnown(driver));
            if (option && option.usable) {
                compatibilityMode = driverKnown(driver) && !option.native;
                notes.reasons.push(driverSentence(option, driver, machine.os));
            }
            else if (option && option.arch !== null && driverRuns && option.uncovered.length < others.length) {
                // Some GPUs run it: the advice for a machine no single build covers (pick one GPU, hide the rest).
                compatibilityMode = driverKnown(driver) && !option.native;
                notes.reasons.push(driverSentence(option, driver, machine.os));
                const runs = others.filter((g) => !option.uncovered.includes(g));
                served = runs;
                notes.warnings.push(`Backend ${backend} was used as asked: it runs ${runs.map((g) => g.name).join(', ')}, but ${option.uncovered.map(gpuLabel).join(', ')} ${option.uncovered.length > 1 ? 'are' : 'is'} not covered by ${backend} of torch ${match.facts.line}: ` +
                    `hide ${option.uncovered.length > 1 ? 'them' : 'it'} from torch with CUDA_VISIBLE_DEVICES (counted as nvidia-smi counts with CUDA_DEVICE_ORDER=PCI_BUS_ID).`);
            }
            else if (option) {
                served = [];
                const problem = option.uncovered.length > 0
                    ? `${option.uncovered.map(gpuLabel).join(', ')} ${option.uncovered.length > 1 ? 'are' : 'is'} not covered by ${backend} of torch ${match.facts.line}`
                    : explainNoCuda(match.facts, [option], platform, machine.os, others, driver).replace(/\.$/, '');
                notes.warnings.push(`Backend ${backend} was used as asked, but it cannot use the GPU here: ${problem}. Set backend auto to let torchcraft choose.`);
            }
        }
    }
    else if (backend.startsWith('rocm')) {
        accelerator = 'amd';
        const list = rocmGfxList(backend, match.facts.line) ?? [];
        if (amd.length === 0)
            notes.warnings.push(`Backend ${backend} was asked for, but no AMD GPU was detected: torch will run on the CPU here.`);
        const { required, ignored } = splitAmd(amd);
        for (const g of ignored)
            notes.warnings.push(ignoredIgpuWarning(g, required));
        for (const g of required) {
            if (!g.gfx || !list.includes(g.gfx)) {
                const hint = g.gfx ? hsaOverrideFor(g.gfx) : null;
                notes.warnings.push(`Backend ${backend} was used as asked, but ${g.name} (${g.gfx ?? 'gfx unknown'}) is not in its gfx list` +
                    (hint ? `; it may run with HSA_OVERRIDE_GFX_VERSION=${hint.override} (not set by torchcraft).` : '.'));
            }
        }
    }
    else if (backend === 'xpu') {
        accelerator = 'intel';
        if (!intel.some((g) => xpuFamily(g) !== null))
            notes.warnings.push(`Backend xpu was asked for, but no Intel GPU the XPU builds target was detected: torch will run on the CPU here.`);
    }
    else if (backend === 'mps') {
        accelerator = 'apple';
    }
    if (accelerator === 'none' || accelerator === 'apple') {
        const seen = machine.gpus.filter((g) => g.vendor !== 'apple' && !(g.vendor === 'intel' && xpuFamily(g) === null));
        if (seen.length > 0)
            notes.warnings.push(`${seen.map((g) => g.name).join(', ')} ${seen.length > 1 ? 'are' : 'is'} not used: backend ${backend} was asked for; set backend auto to use the GPU.`);
    }
    else {
        const other = machine.gpus.filter((g) => g.vendor !== accelerator && g.vendor !== 'apple' && !(g.vendor === 'intel' && xpuFamily(g) === null));
        if (other.length > 0)
            notes.warnings.push(`${other.map((g) => g.name).join(', ')} ${other.length > 1 ? 'are' : 'is'} not used by the ${backend} build.`);
    }
    return served ? { match, variant: backend, accelerator, compatibilityMode, served } : { match, variant: backend, accelerator, compatibilityMode };
}
// ---------------------------------------------------------------- helpers
/** Indexes into machine.gpus of the GPUs the build serves: the choice's own list, else every GPU of its vendor. */
function servedIndexes(machine, choice) {
    if (choice.served)
        return choice.served.map((g) => machine.gpus.indexOf(g)).filter((i) => i >= 0);
    return machine.gpus.flatMap((g, i) => (g.vendor === choice.accelerator ? [i] : []));
}
/** AMD GPU names, identical cards once with a count. */
function amdLabels(gpus) {
    const seen = [];
    for (const g of gpus) {
        const label = amdLabel(g);
        const hit = seen.find((x) => x.label === label);
        if (hit)
            hit.count++;
        else
            seen.push({ label, count: 1 });
    }
    return seen.map((x) => `${x.count > 1 ? `${x.count} × ` : ''}${x.label}`).join(', ');
}
function amdNames(gpus) {
    const seen = [];
    for (const g of gpus) {
        const hit = seen.find((x) => x.name === g.name);
        if (hit)
            hit.count++;
        else
            seen.push({ name: g.name, count: 1 });
    }
    return seen.map((x) => `${x.count > 1 ? `${x.count} × ` : ''}${x.name}`).join(', ');
}
/** The line a nightly build belongs to: the release after the newest known. */
function nightlyLine() {
    const [major, minor] = NEWEST_RELEASE.split('.').map(Number);
    const line = `${major}.${minor + 1}`;
    const facts = releaseFacts(line);
    return { facts, versions: [`${line}.0`], allowed: [`${line}.0`], beyondData: true };
}
function normalisePython(python) {
    if (python === undefined)
        return null;
    const m = /^\s*(?:cp|py)?(\d+)\.?(\d+)(?:\.\d+)?\s*(t)?/i.exec(python);
    if (!m)
        return null;
    return { minor: `${Number(m[1])}.${Number(m[2])}`, freeThreaded: m[3] !== undefined };
}
function supportsPython(facts, python, machine) {
    if (python.freeThreaded)
        return freeThreadedFor(facts, machine.os, machine.arch).includes(python.minor);
    return pythonsFor(facts, machine.os, machine.arch).includes(python.minor);
}
/**
 * When the machine's Python rules out newer releases the version rules allow:
 * the reason saying so, and the words the warning needs.
 */
function pythonLimitOf(python, onPlatform, candidates, machine, ruled) {
    const limit = candidates[0].facts.line;
    const excluded = onPlatform.filter((m) => compareLines(m.facts.line, limit) > 0);
    if (excluded.length === 0)
        return null;
    const label = `Python ${python.minor}${python.freeThreaded ? 't' : ''}`;
    const oldest = excluded[excluded.length - 1].facts.line;
    const newest = excluded[0].facts.line;
    // "and newer" only when nothing bounds the lines from above (no version rules).
    const span = ruled ? (oldest === newest ? `torch ${oldest} publishes` : `torch ${oldest}-${newest} publish`) : `torch ${oldest} and newer publish`;
    const wheels = python.freeThreaded ? 'free-threaded wheels' : 'wheels';
    const range = python.freeThreaded ? freeThreadedRange(excluded, machine) : pythonRange(excluded, machine);
    return { reason: `${label} limits torch to ${limit}: ${span} ${wheels} for ${range}.`, label, range };
}
function freeThreadedRange(lines, machine) {
    const all = [...new Set(lines.flatMap((m) => freeThreadedFor(m.facts, machine.os, machine.arch)))].sort(pep440.compare);
    return all.length === 0 ? 'no free-threaded Python' : `Python ${all.map((v) => `${v}t`).join(', ')}`;
}
function pythonRange(lines, machine) {
    const all = [...new Set(lines.flatMap((m) => pythonsFor(m.facts, machine.os, machine.arch)))].sort(pep440.compare);
    return all.length === 0 ? 'no Python' : `Python ${all[0]}-${all[all.length - 1]}`;
}
function platformProblem(os, arch, lines) {
    const published = RELEASES.filter((r) => variantsFor(r, os, arch).length > 0);
    const asked = describeLines(lines);
    if (os === 'macos' && arch === 'x86_64')
        return `Intel Macs (macOS x86_64) have wheels up to torch 2.2.2 only, and torch ${asked} was asked for: use torch-version 2.2 or older`;
    if (published.length === 0)
        return `PyTorch publishes no wheels for ${os}/${arch}`;
    return `PyTorch publishes ${os}/${arch} wheels for torch ${published[0].line}-${published[published.length - 1].line} only, and torch ${asked} was asked for`;
}
function describeLines(lines) {
    if (lines.length === 0)
        return 'none';
    const sorted = [...lines].sort((a, b) => compareLines(a.facts.line, b.facts.line));
    return sorted.length === 1 ? sorted[0].facts.line : `${sorted[0].facts.line}-${sorted[sorted.length - 1].facts.line}`;
}
function describeRules(rules) {
    return rules.map((r) => (r.source === 'torch-version' ? `torch-version ${r.wants}` : `${r.wants} from ${r.source}`)).join('; ');
}
function indexUrlFor(request, machine, variant) {
    const base = request.indexBaseUrl;
    if (machine.os === 'macos') {
        // PyPI's default macOS wheels, except for pre-releases, which only the PyTorch index has
        // (its cpu folder holds the macOS arm64 wheels, MPS included).
        return request.channel === 'stable' ? null : joinIndexUrl(base, request.channel, 'cpu');
    }
    // Composed with the URL class: a query or fragment of the base stays after the path.
    return request.channel === 'stable' ? joinIndexUrl(base, variant) : joinIndexUrl(base, request.channel, variant);
}
/** The index base URL may hold credentials: keep it out of every sentence. */
function scrubbed(lines, base) {
    const b = base.replace(/\/+$/, '');
    return b.length < 4 ? lines : lines.map((l) => l.split(b).join('<index-base-url>'));
}

;// CONCATENATED MODULE: ./src/version.ts
/** torchcraft's own version; a test holds it equal to package.json's. */
const TORCHCRAFT_VERSION = '1.0.0';

;// CONCATENATED MODULE: ./src/gpu-warnings.ts
/** The plan's warnings, then one for each GPU tool that failed, saying what it meant for the plan. */
function runWarnings(plan) {
    const consequence = plan.accelerator === 'none' ? `, so the ${plan.backend} build was planned.` : '.';
    return [...plan.warnings, ...(plan.machine.warnings ?? []).map((t) => `A GPU tool did not answer (${t})${consequence}`)];
}
/** Why require-gpu fails when the plan uses no GPU: the plan's first warning and any GPU tool that failed. */
function noGpuReason(plan) {
    const troubles = plan.machine.warnings ?? [];
    const parts = [
        ...(plan.warnings.length > 0 ? [plan.warnings[0]] : []),
        ...(troubles.length > 0 ? [`A GPU tool did not answer (${troubles.join('; ')}).`] : []),
    ];
    return parts.length > 0 ? parts.join(' ') : 'this machine has no GPU that a PyTorch build supports.';
}
/**
 * Why require-gpu fails for this plan, or undefined when a GPU build was planned
 * for a GPU whose driver answered. A CUDA build chosen for a GPU seen only on the
 * PCI bus (no driver answered) is a guess: with require-gpu that is a failure too.
 */
function requireGpuFailure(plan) {
    if (plan.accelerator === 'none')
        return noGpuReason(plan);
    // Judged by the GPUs the build serves: with mixed GPUs, those it was planned for.
    const vendorGpus = plan.machine.gpus.filter((g) => g.vendor === plan.accelerator);
    const served = plan.servedGpus.map((i) => plan.machine.gpus[i]).filter((g) => g !== undefined);
    if (vendorGpus.length > 0 && served.length === 0) {
        return `the ${plan.backend} build serves none of this machine's GPUs. ${plan.warnings[0] ?? ''}`.trim();
    }
    if (plan.accelerator === 'nvidia' && !served.some((g) => g.vendor === 'nvidia' && g.driver !== undefined)) {
        const troubles = plan.machine.warnings ?? [];
        return `no NVIDIA driver answered, so the ${plan.backend} build was chosen without knowing whether a driver can run it${troubles.length > 0 ? ` (${troubles.join('; ')})` : ''}.`;
    }
    return undefined;
}

;// CONCATENATED MODULE: ./src/sinks/pip-file.ts
/**
 * The torchcraft.txt sink: what pip will read. pip cuts a requirements file
 * with Python's str.splitlines(), which breaks lines at \n, \r, \r\n and also
 * at \v, \f, \x1c, \x1d, \x1e, \x85, U+2028 and U+2029
 * (pip/_internal/req/req_file.py, preprocess). A comment starts at `#` at the
 * start of a line or after whitespace; a line ending in `\` continues on the
 * next unless it is a comment; option lines are split with shlex, where quotes
 * and backslashes are syntax.
 *
 * So free text (GPU names, reasons, file names) goes only into comment lines,
 * each starting with "# ", with every line-breaking and control character
 * replaced by a space; option values are percent-encoded where shlex or the
 * line splitter would read them differently; requirement lines are checked to
 * be one line with no comment.
 */
/** Every character str.splitlines() breaks at. */
const PIP_LINE_BREAKS = /[\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029]/;
const PIP_LINE_BREAKS_G = new RegExp(PIP_LINE_BREAKS.source, 'g');
/** Control characters (C0, DEL, C1): none belongs in a comment, and a terminal would act on them. */
const CONTROL_G = /[\u0000-\u001f\u007f-\u009f]/g;
/** One line of comment text: line breaks and control characters become spaces, runs of spaces collapse. */
function commentText(text) {
    return text.replace(PIP_LINE_BREAKS_G, ' ').replace(CONTROL_G, ' ').replace(/ {2,}/g, ' ').trim();
}
/** A comment line of torchcraft.txt: "# text", never more than one line. */
function commentLine(text) {
    return `# ${commentText(text)}`.trimEnd();
}
/**
 * An option's value (a URL) as one shlex word on one line: whitespace, control
 * characters, quotes and backslashes are percent-encoded, which every URL parser
 * (and pip, for the credentials it unquotes) reads back as the same characters.
 */
function optionValue(value) {
    let out = '';
    for (const ch of value) {
        if (/[\s"'\\\u0000-\u001f\u007f-\u009f\u2028\u2029]/.test(ch) || PIP_LINE_BREAKS.test(ch)) {
            out += [...new TextEncoder().encode(ch)].map((b) => `%${b.toString(16).toUpperCase().padStart(2, '0')}`).join('');
        }
        else {
            out += ch;
        }
    }
    return out;
}
/** `--index-url URL`, safe for pip's line splitter and shlex. */
function optionLine(option, value) {
    return `${option} ${optionValue(value)}`;
}
/**
 * A requirement line torchcraft composed (`torch==2.14.*`): requirement lines are
 * never free text, so one that would break a line or start a comment is a bug.
 */
function requirementLine(text) {
    if (PIP_LINE_BREAKS.test(text) || /[\u0000-\u001f\u007f-\u009f]/.test(text) || /(^|\s)#/.test(text) || text.endsWith('\\') || /^\s*-/.test(text)) {
        throw new Error(`internal error: ${JSON.stringify(text)} is not a single requirement line`);
    }
    return text;
}

;// CONCATENATED MODULE: ./src/render/requirements-file.ts




/** Warnings written into the header at most; the job summary and the log have them all. */
const MAX_HEADER_WARNINGS = 50;
function describeGpu(gpu) {
    switch (gpu.vendor) {
        case 'nvidia': {
            const parts = [gpu.computeCapability ? `compute capability ${gpu.computeCapability}` : 'compute capability unknown'];
            if (gpu.driver)
                parts.push(`driver ${gpu.driver}${gpu.cuda ? ` (CUDA ${gpu.cuda})` : ''}`);
            return `${gpu.name} (${parts.join(', ')})`;
        }
        case 'amd':
            return `${gpu.name} (${gpu.gfx ?? 'gfx unknown'})`;
        case 'intel':
            return gpu.deviceId ? `${gpu.name} (${gpu.deviceId})` : gpu.name;
        case 'apple':
            return gpu.name;
    }
}
function describeMachine(plan) {
    const m = plan.machine;
    return `${m.os} ${m.arch}${m.python ? `, Python ${m.python}` : ''}`;
}
/** The requirement line of a planned package. */
function requirements_file_requirementLine(pkg) {
    return `${pkg.name}${pkg.specifier}`;
}
function renderRequirementsFile(plan, options = {}) {
    const fileName = options.fileName ?? 'torchcraft.txt';
    const lines = [];
    // Free text (GPU names, reasons, file names) only ever goes into comment lines, through the pip-file sink.
    const comment = (text) => {
        lines.push(commentLine(text));
    };
    if (options.catalogTarget !== undefined) {
        comment(`${fileName}: torch ${plan.release} for ${options.catalogTarget}, from torchcraft ${TORCHCRAFT_VERSION}'s catalog.`);
        comment('Generated by `npm run build`, not by hand. For a choice checked against your GPUs and driver, run: npx torchcraft');
        comment(`Install it before the project's own requirements: pip install -r ${fileName}`);
        comment('');
        comment(`Build: ${plan.backend}, torch ${plan.release}`);
    }
    else {
        comment(`${fileName}: the PyTorch build for this machine, written by torchcraft ${TORCHCRAFT_VERSION}.`);
        comment(`Install it before the project's own requirements: pip install -r ${fileName}`);
        comment('');
        comment(`Machine: ${describeMachine(plan)}`);
        if (plan.machine.gpus.length === 0)
            comment('GPUs: none found');
        for (const gpu of plan.machine.gpus)
            comment(`GPU: ${describeGpu(gpu)}`);
        comment(`Build: ${plan.backend}, torch ${plan.release}${plan.channel === 'stable' ? '' : ` (${plan.channel} channel)`}`);
        for (const reason of plan.reasons)
            comment(`Why: ${reason}`);
        const warnings = capItems(runWarnings(plan), MAX_HEADER_WARNINGS, (n) => andMore(n, 'warnings (see the log or the job summary)'));
        for (const warning of warnings)
            comment(`Warning: ${warning}`);
    }
    // pip reads the index from here; null means PyPI's default index (macOS builds).
    if (plan.indexUrl !== null)
        lines.push(optionLine('--index-url', plan.indexUrl));
    if (plan.prerelease)
        lines.push('--pre');
    for (const pkg of plan.packages)
        lines.push(requirementLine(requirements_file_requirementLine(pkg)));
    return `${lines.join('\n')}\n`;
}

;// CONCATENATED MODULE: external "node:crypto"
const external_node_crypto_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:crypto");
;// CONCATENATED MODULE: ./src/render/write-file-atomic.ts
/**
 * Write a file so that readers see the old content or the new, never half:
 * write a temporary file beside it, then rename over it (atomic on POSIX and,
 * for files on one volume, on Windows).
 */



async function writeFileAtomic(path, content) {
    const dir = (0,external_node_path_namespaceObject.dirname)(path);
    await (0,promises_namespaceObject.mkdir)(dir, { recursive: true });
    // The name's start only: a long name must fail (or not) on its own length, not on the suffix.
    const temp = (0,external_node_path_namespaceObject.join)(dir, `.${(0,external_node_path_namespaceObject.basename)(path).slice(0, 100)}.${process.pid}.${(0,external_node_crypto_namespaceObject.randomBytes)(4).toString('hex')}.tmp`);
    try {
        const handle = await (0,promises_namespaceObject.open)(temp, 'w', 0o644);
        try {
            await handle.writeFile(content, 'utf8');
            await handle.sync();
        }
        finally {
            await handle.close();
        }
        await (0,promises_namespaceObject.rename)(temp, path);
    }
    catch (e) {
        await (0,promises_namespaceObject.rm)(temp, { force: true });
        throw e;
    }
}

;// CONCATENATED MODULE: ./src/render/write-requirements.ts
/**
 * Writing torchcraft.txt where requirements-path says. A write that fails (a
 * folder on the path is a file, /proc, a read-only file system, a name too long,
 * a full disk) is the user's input that cannot be used: an InputError naming
 * requirements-path and the reason, so the action fails with that message and
 * the CLI exits 2, instead of "failed unexpectedly" and a stack trace.
 */


const write_requirements_REASONS = {
    ENOTDIR: 'a folder on its path is a file',
    EEXIST: 'a folder on its path is a file',
    EISDIR: 'it is a folder',
    EROFS: 'the file system is read-only',
    EACCES: 'permission denied',
    EPERM: 'permission denied',
    ENAMETOOLONG: 'the name is too long',
    ENOENT: 'its folder cannot be created there',
    ENOSPC: 'no space left on the device',
    EDQUOT: 'the disk quota is used up',
    EINVAL: 'the name is not valid there',
    ELOOP: 'too many symbolic links on its path',
};
function describeWriteError(e) {
    const code = e?.code;
    if (typeof code === 'string')
        return `${write_requirements_REASONS[code] ?? 'the system refused it'} (${code})`;
    return e instanceof Error ? e.message : String(e);
}
/** Write the file atomically, or throw InputError('requirements-path', given, why). */
async function writeRequirementsFile(path, given, text) {
    try {
        await writeFileAtomic(path, text);
    }
    catch (e) {
        throw new InputError('requirements-path', given, `torchcraft.txt cannot be written there: ${describeWriteError(e)}; allowed: a file path in a folder this job can write, such as torchcraft.txt or ci/torch.txt.`);
    }
}

;// CONCATENATED MODULE: external "node:os"
const external_node_os_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:os");
;// CONCATENATED MODULE: external "node:timers/promises"
const external_node_timers_promises_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:timers/promises");
;// CONCATENATED MODULE: ./src/install/failure.ts
/**
 * Why an install command failed, read from the installer's own output (pip
 * and uv wording), and whether running it again could help. Pure: no I/O.
 *
 * Order matters. A pip run whose index could not be reached still ends with
 * "No matching distribution found" (pip skips the page and finds nothing), so
 * network evidence is looked for before the "missing package" wording.
 *
 * An attempt stopped by our own per-attempt limit is 'time-limit', whatever it
 * printed before, and is not retried: an installer that hung for the whole
 * limit would most likely hang again, holding the job for the limit once per
 * attempt. A read timeout that the installer itself reports ('timeout') is a
 * network fault and stays retryable.
 */

const RETRYABLE = new Set(['hash-mismatch', 'incomplete-download', 'server-error', 'unreachable', 'timeout']);
function isRetryable(kind) {
    return RETRYABLE.has(kind);
}
const RULES = [
    { kind: 'externally-managed', patterns: [/externally[- ]managed/i] },
    {
        kind: 'auth',
        patterns: [
            /\b40[13] Client Error\b/i,
            /\b401 Unauthorized\b/i,
            /\b403 Forbidden\b/i,
            /lack of valid authentication credentials/i,
            /missing or invalid credentials/i,
        ],
    },
    {
        kind: 'hash-mismatch',
        // pip checks the #sha256= of the link (a download cut short fails here); uv says it its own way.
        patterns: [/DO NOT MATCH THE HASHES/i, /\bHash mismatch for\b/i],
    },
    {
        kind: 'incomplete-download',
        patterns: [
            /IncompleteRead/i,
            /Connection broken:/i,
            /\bincomplete\b/i,
            /end of file before message length reached/i,
            /error decoding response body/i,
            /connection closed before message completed/i,
            /request or response body error/i,
            /BadZipFile|not a zip file/i,
        ],
    },
    {
        kind: 'server-error',
        patterns: [
            /\b5\d\d Server Error\b/i,
            /too many 5\d\d error responses/i,
            /HTTP status server error/i,
            /\b(?:500 Internal Server Error|502 Bad Gateway|503 Service Unavailable|504 Gateway Time-?out)\b/i,
        ],
    },
    {
        kind: 'unreachable',
        patterns: [
            /Connection refused/i,
            /Connection reset/i,
            /ConnectionResetError/i,
            /Failed to establish a new connection/i,
            /Name or service not known|Temporary failure in name resolution|nodename nor servname|getaddrinfo failed/i,
            /Network is unreachable|No route to host/i,
            /Max retries exceeded/i,
            /Could not fetch URL [^\n]*connection error/i,
            /error sending request for url/i,
            /client error \(Connect\)|tcp connect error|dns error/i,
            /\(os error (?:104|111|10054|10061)\)/i,
            /RemoteDisconnected|ConnectionAbortedError/i,
        ],
    },
    {
        kind: 'timeout',
        patterns: [/Read timed out/i, /\btimed out\b/i, /operation timed out/i, /network timeout/i],
    },
    {
        kind: 'not-found',
        patterns: [
            /No matching distribution found/i,
            /Could not find a version that satisfies the requirement/i,
            /\b404 Client Error\b|\b404 Not Found\b/i,
            /was not found in the package registry/i,
            /there is no version of/i,
            /has no wheels with a matching|no matching (?:Python ABI|platform) tag|has no usable wheels/i,
        ],
    },
    {
        kind: 'resolution',
        patterns: [/ResolutionImpossible/i, /conflicting dependencies/i, /No solution found when resolving/i, /requirements are unsatisfiable/i],
    },
];
/**
 * Lines that report a failure that was then retried by the installer itself
 * (pip's urllib3 "Retrying (Retry(total=4 ...)) after connection broken"):
 * they are not why the command failed, and would make a resolution error
 * that followed look like a network one.
 */
const TRANSIENT_LINE = /^\s*(?:WARNING:\s*)?Retrying \(Retry\(|Transient request failure/i;
/** pip's --log file prefixes every line with a timestamp. */
const LOG_TIMESTAMP = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d,\d+ /;
const MAX_EVIDENCE = 400;
function classifyFailure(output, options = {}) {
    const lines = output
        .split(/\r?\n/)
        .map((l) => l.replace(LOG_TIMESTAMP, ''))
        .filter((l) => !TRANSIENT_LINE.test(l));
    if (options.timedOut) {
        // What it was doing when it was stopped: its last line of output.
        const lastLine = [...lines].reverse().find((l) => l.trim() !== '');
        return { kind: 'time-limit', retryable: false, evidence: lastLine === undefined ? undefined : clip(lastLine.trim()) };
    }
    for (const rule of RULES) {
        for (const pattern of rule.patterns) {
            const line = lines.find((l) => pattern.test(l));
            if (line !== undefined)
                return { kind: rule.kind, retryable: isRetryable(rule.kind), evidence: clip(line.trim()) };
        }
    }
    const lastError = [...lines].reverse().find((l) => /\berror\b/i.test(l));
    return { kind: 'unknown', retryable: false, evidence: lastError ? clip(lastError.trim()) : undefined };
}
function clip(s) {
    return s.length > MAX_EVIDENCE ? `${s.slice(0, MAX_EVIDENCE)}…` : s;
}
/** The wait before retry number `retry` (1 for the first retry): base, 2×base, 4×base..., at most 5 minutes. */
function retryDelayMs(retry, baseMs) {
    const n = Math.max(1, Math.floor(retry));
    return Math.min(baseMs * 2 ** Math.min(n - 1, 20), 5 * 60_000);
}
/** One paragraph for the step's error: what failed and what would fix it. */
function explainFailure(c, ctx) {
    const tries = `${ctx.attempts} attempt${ctx.attempts === 1 ? '' : 's'}`;
    const names = ctx.names ?? ACTION_NAMES;
    const said = c.evidence ? ` The installer said: ${c.evidence}` : '';
    const py = ctx.pythonVersion ? `Python ${ctx.pythonVersion}` : 'this Python';
    switch (c.kind) {
        case 'auth':
            return `The package index ${ctx.index} refused the credentials (HTTP 401/403).${said} Check the user and token in ${names.name('index-base-url')} (or the variable it names), and that the token may read this repository.`;
        case 'unreachable':
        case 'server-error':
        case 'timeout':
            return `The package index ${ctx.index} could not be reached or kept failing (${c.kind}) after ${tries}.${said} Check that ${names.name('index-base-url')} is reachable from this runner (proxy, firewall, mirror status), or raise ${names.name('retries')}.`;
        case 'time-limit': {
            const limit = ctx.timeoutMs === undefined ? 'its time limit' : formatLimit(ctx.timeoutMs);
            const last = c.evidence ? ` Its last output was: ${c.evidence}` : '';
            return `${ctx.installer} did not finish within ${limit} and was stopped; it was not retried, as a hung install would likely hang again.${last} Check that ${ctx.index} answers from this runner (a proxy or mirror that holds connections open stalls the installer), then run the step again.`;
        }
        case 'hash-mismatch':
        case 'incomplete-download':
            return `A download from ${ctx.index} was cut off or corrupted (${c.kind}) on each of ${tries}.${said} Check the mirror or proxy in between, or raise ${names.name('retries')}.`;
        case 'not-found':
            return `A package in torchcraft.txt is not on ${ctx.index} for ${py} and this platform.${said} Check torch-version, python-version and backend against what the index publishes, or that the mirror carries this build.`;
        case 'resolution':
            return `${ctx.installer} could not find a set of versions that fits together (resolution conflict).${said} A package already installed in the interpreter, or a pin in torchcraft.txt, conflicts with the plan: loosen the pin, or install into a fresh virtual environment.`;
        case 'externally-managed':
            return `The interpreter is externally managed (PEP 668) and ${ctx.installer} refused to install into it.${said} Use a virtual environment (python -m venv .venv, then set python: .venv/bin/python) or actions/setup-python.`;
        default:
            return `${ctx.installer} failed (exit code ${ctx.exitCode ?? 'none'}) after ${tries}.${said} See the installer's output in the log and the job summary.`;
    }
}
/** "30 minutes", "1 minute", "90 s", "1.5 s". */
function formatLimit(ms) {
    if (ms >= 60_000 && ms % 60_000 === 0) {
        const minutes = ms / 60_000;
        return `${minutes} minute${minutes === 1 ? '' : 's'}`;
    }
    const seconds = ms / 1000;
    return `${Number.isInteger(seconds) ? seconds : seconds.toFixed(1)} s`;
}

;// CONCATENATED MODULE: ./src/install/fit.ts
/**
 * Does the interpreter fit the plan? torchcraft.txt names wheels for one
 * Python minor version, OS and CPU; installing it into an interpreter that is
 * another of these can only fail late (pip: "no matching distribution") or,
 * worse, pull a build the plan never chose. Checked before anything installs,
 * from what inspectPython reported. Pure: no I/O.
 */


/** "3.12" from the plan's Python ("3.12", "3.13t", "cp312", "312"); undefined when it says none or nothing readable. */
function planPythonMinor(python) {
    if (python === undefined)
        return undefined;
    // One digit for the major version, so "312" reads 3.12 (not 31.2).
    const m = /^\s*(?:cp|py)?(\d)\.?(\d+)/i.exec(python);
    return m ? `${Number(m[1])}.${Number(m[2])}` : undefined;
}
/** The OS the interpreter was built for, in the plan's words; a raw sys.platform when it is none of them; undefined when unknown. */
function interpreterOs(python) {
    const p = python.sysPlatform?.trim().toLowerCase();
    if (!p)
        return undefined;
    if (p.startsWith('linux'))
        return 'linux';
    if (p === 'win32')
        return 'windows';
    if (p === 'darwin')
        return 'macos';
    return p;
}
/**
 * The CPU the interpreter runs as, in the plan's words, or what it reported
 * when that is neither; undefined when unknown. Detection's own rule
 * (src/detect/python-parse.ts), so the plan and this check never disagree:
 * on Windows the interpreter's build (sysconfig: win-amd64, win-arm64), as
 * for pip's wheel tags; elsewhere platform.machine(), which is the translated
 * CPU under Rosetta; a 32-bit interpreter takes no 64-bit wheel on any CPU.
 */
function fit_interpreterArch(python) {
    const bits = python.pointerBits === 32 || python.pointerBits === 64 ? python.pointerBits : undefined;
    const machine = python.machine?.trim() || undefined;
    const platform = interpreterOs(python) === 'windows' ? python.sysconfigPlatform?.trim() || undefined : undefined;
    const found = interpreterArch({ bits, machine, platform });
    return found.arch ?? found.reported;
}
/**
 * Why the plan does not fit the interpreter, as the step's error; undefined
 * when it fits or when the interpreter did not say enough to tell.
 */
function planMismatchError(plan, python, source = {}, names = ACTION_NAMES) {
    const where = python.executable || python.command;
    const machine = plan.machine;
    const os = interpreterOs(python);
    const arch = fit_interpreterArch(python);
    const osDiffers = os !== undefined && os !== machine.os;
    const archDiffers = arch !== undefined && arch !== machine.arch;
    if (osDiffers || archDiffers) {
        const theirs = `${os ?? machine.os}/${arch ?? machine.arch}`;
        if (source.machineGiven) {
            return (`The plan is for another machine: ${machine.os}/${machine.arch} (${names.name('machine')}), but the interpreter ${where} runs on ${theirs}. ` +
                `torchcraft.txt is meant for that machine: install it there, or leave ${names.name('machine')} empty to plan for this one.`);
        }
        return (`The plan is for ${machine.os}/${machine.arch} (this machine), but the interpreter ${where} is a ${theirs} build, so it cannot use the plan's wheels. ` +
            `Set ${names.name('python')} to a native ${machine.os}/${machine.arch} Python 3 interpreter.`);
    }
    const planned = planPythonMinor(machine.python);
    const actual = python.version;
    if (planned === undefined || actual === undefined || planned === actual)
        return undefined;
    const fix = `Set ${names.name('python')} to a ${planned} interpreter`;
    const wheels = `the plan's wheels are for ${planned}.`;
    if (source.pythonVersionGiven) {
        return `${capitalize(names.name('python-version'))} is ${planned} but the interpreter ${where} is Python ${actual}: ${wheels} ${fix}, or leave ${names.name('python-version')} empty to plan for the interpreter.`;
    }
    const said = source.machineGiven ? `The machine description (${names.name('machine')}) says Python ${planned}` : `The plan is for Python ${planned}`;
    return `${said} but the interpreter ${where} is Python ${actual}: ${wheels} ${fix}, or set ${names.set('python-version', actual)} to plan for the interpreter.`;
}
function capitalize(s) {
    return s.charAt(0).toUpperCase() + s.slice(1);
}

;// CONCATENATED MODULE: ./src/install/installer.ts
/**
 * Which installer runs, and its exact command line. `auto` takes uv when it
 * is on PATH (it is faster and the user put it there), else pip.
 *
 * Pre-releases: the install command itself passes `--pre` (pip) or
 * `--prerelease allow` (uv) from plan.prerelease, whatever torchcraft.txt says;
 * pip accepts the flag twice, and uv's own flag is certain to work where a
 * `--pre` line inside the file might not be honoured. *
 * uv gets the interpreter's own path (sys.executable, from inspectPython) and
 * never `--system`. uv reads a path given to `--python` as that interpreter
 * ("will install into the environment linked to the /path/to/python
 * interpreter", docs.astral.sh/uv/pip/environments), and for `uv pip install`
 * it accepts a non-venv interpreter when it was named by path (its
 * EnvironmentPreference::ExplicitSystem allows PythonSource::ProvidedPath). A
 * bare name such as `python3` is instead a request that uv resolves by its own
 * discovery, and `--system` makes uv skip every interpreter inside a virtual
 * environment: either could install somewhere other than where we verify.
 */


/** uv's path when it is on PATH, else undefined. */
async function findUv() {
    try {
        const found = await which('uv', false);
        return found === '' ? undefined : found;
    }
    catch {
        return undefined;
    }
}
async function pickInstaller(choice, python, lookUpUv = findUv, names = ACTION_NAMES) {
    const where = python.executable || python.command;
    const noPip = `The interpreter ${where} (${names.name('python')}) has no pip`;
    if (choice === 'pip') {
        if (python.pipVersion)
            return { ok: true, installer: 'pip' };
        return {
            ok: false,
            installer: 'pip',
            error: `${noPip}, and ${names.name('installer')} is pip. Fix: run "${where} -m ensurepip --upgrade", use a virtual environment or actions/setup-python, or set ${names.set('installer', 'uv')} with uv on PATH.`,
        };
    }
    const uvPath = await lookUpUv();
    if (choice === 'uv') {
        if (uvPath)
            return { ok: true, installer: 'uv', uvPath };
        return {
            ok: false,
            installer: 'uv',
            error: `${installer_capitalize(names.name('installer'))} is uv, but uv is not on PATH. Fix: add astral-sh/setup-uv before this step (or install uv), or set ${names.set('installer', 'pip')} (or auto).`,
        };
    }
    if (uvPath)
        return { ok: true, installer: 'uv', uvPath };
    if (python.pipVersion)
        return { ok: true, installer: 'pip' };
    return {
        ok: false,
        installer: 'pip',
        error: `${noPip}, and uv is not on PATH (${names.name('installer')}: auto). Fix: run "${where} -m ensurepip --upgrade", use a virtual environment or actions/setup-python, or add astral-sh/setup-uv.`,
    };
}
function installer_capitalize(s) {
    return s.charAt(0).toUpperCase() + s.slice(1);
}
function installCommand(installer, o) {
    if (installer === 'uv') {
        return {
            installer,
            command: o.uvPath ?? 'uv',
            args: ['pip', 'install', '--python', o.python, ...(o.prerelease ? ['--prerelease', 'allow'] : []), '-r', o.requirementsPath],
        };
    }
    return {
        installer,
        command: o.python,
        args: [
            '-m',
            'pip',
            'install',
            // Never wait for a password prompt on a runner: a 401 must fail, not hang.
            '--no-input',
            '--disable-pip-version-check',
            ...(o.pipLogFile ? ['--log', o.pipLogFile] : []),
            ...(o.prerelease ? ['--pre'] : []),
            '-r',
            o.requirementsPath,
        ],
    };
}

;// CONCATENATED MODULE: ./src/install/output.ts
/**
 * Installer output on its way to the log: cut into whole lines before
 * scrubbing, so a secret split across two chunks is still caught, and kept
 * for the tail that goes into the summary.
 */

/** Longer than any line pip or uv print; a longer one is cut into pieces. */
const MAX_PENDING = 64 * 1024;
class ScrubbedLines {
    secrets;
    emit;
    pending = '';
    lines = [];
    constructor(secrets, emit) {
        this.secrets = secrets;
        this.emit = emit;
    }
    write(chunk) {
        // Only the new chunk is searched for its last line end, so a long line that
        // arrives in many chunks costs its length once, not once per chunk.
        const end = chunk.lastIndexOf('\n');
        if (end < 0) {
            this.pending += chunk;
            if (this.pending.length > MAX_PENDING)
                this.flushLong();
            return;
        }
        const parts = (this.pending + chunk.slice(0, end + 1)).split(/\r?\n/);
        parts.pop();
        this.pending = chunk.slice(end + 1);
        for (const p of parts)
            this.push(p);
    }
    /**
     * A line longer than any real installer line (garbage, or a progress bar
     * redrawn with \r for minutes): only its last redraw is kept, and past the cap
     * it is emitted in pieces, so memory and work stay bounded. A piece never ends
     * inside a secret or a word (a URL with credentials), so scrubbing still sees
     * each whole.
     */
    flushLong() {
        const redraw = this.pending.lastIndexOf('\r');
        if (redraw > 0)
            this.pending = this.pending.slice(redraw);
        if (this.pending.length <= MAX_PENDING)
            return;
        const longest = this.secrets.reduce((n, s) => Math.max(n, s.length), 0);
        let cut = this.pending.length - longest - MAX_PENDING / 2;
        const space = this.pending.lastIndexOf(' ', cut);
        if (space > cut / 2)
            cut = space + 1;
        for (const secret of this.secrets) {
            if (secret === '')
                continue;
            const at = this.pending.lastIndexOf(secret, cut - 1);
            if (at >= 0 && at + secret.length > cut)
                cut = at;
        }
        if (cut <= 0)
            return;
        this.push(this.pending.slice(0, cut));
        this.pending = this.pending.slice(cut);
    }
    /** Emit what is left without a final newline. */
    end() {
        if (this.pending !== '')
            this.push(this.pending);
        this.pending = '';
    }
    push(raw) {
        // Progress bars redraw with \r: keep what the line finally showed.
        const line = scrub(raw.slice(raw.lastIndexOf('\r') + 1), this.secrets);
        this.lines.push(line);
        this.emit(line);
    }
}
/** The last `count` lines as a collapsed markdown block. */
function detailsBlock(title, lines, count = 40) {
    const tail = lines.slice(-count).join('\n').replace(/```/g, "'''");
    return `<details><summary>${title}</summary>\n\n\`\`\`text\n${tail}\n\`\`\`\n\n</details>`;
}

;// CONCATENATED MODULE: ./src/install/python.ts
/**
 * Ask an interpreter about itself with one short script: is it Python, which
 * version, for which OS and CPU, is it a venv, is it externally managed
 * (PEP 668), does it have pip, which torch is installed. Never throws: a missing program or something that
 * is not Python comes back as found/isPython false with the reason.
 */

const MARKER = 'TORCHCRAFT_PYTHON ';
// Written for Python 3.8+ (importlib.metadata). The current folder is dropped
// from sys.path first: a checkout's own torch/ folder or a stray
// torch-*.dist-info must not answer for the installed one.
const SCRIPT = `
import sys
sys.path[:] = [p for p in sys.path if p not in ("", ".")]
import json, os, platform, struct, sysconfig
info = {"version": "%d.%d" % sys.version_info[:2], "full": platform.python_version(),
        "executable": sys.executable, "venv": sys.prefix != getattr(sys, "base_prefix", sys.prefix),
        "sysPlatform": sys.platform, "machine": platform.machine(),
        "sysconfigPlatform": sysconfig.get_platform(), "bits": struct.calcsize("P") * 8}
marker = os.path.join(sysconfig.get_path("stdlib"), "EXTERNALLY-MANAGED")
info["externallyManaged"] = (not info["venv"]) and os.path.isfile(marker)
if info["externallyManaged"]:
    try:
        import configparser
        cp = configparser.ConfigParser(interpolation=None)
        cp.read(marker, encoding="utf-8")
        info["externallyManagedMessage"] = cp.get("externally-managed", "Error", fallback=None)
    except Exception:
        pass
try:
    from importlib import metadata
except ImportError:
    metadata = None
def dist_version(name):
    if metadata is None:
        return None
    try:
        return metadata.version(name)
    except Exception:
        return None
import importlib.util
info["pip"] = (dist_version("pip") or "unknown") if importlib.util.find_spec("pip") is not None else None
info["torch"] = dist_version("torch")
print("${MARKER.trim()} " + json.dumps(info))
`;
async function inspectPython(python, env, timeoutMs) {
    const r = await runTool(python, ['-c', SCRIPT], { timeoutMs, env });
    if (r.spawnError) {
        return {
            command: python,
            found: false,
            isPython: false,
            problem: r.spawnError === 'ENOENT' ? 'was not found' : `could not be started (${r.spawnError})`,
        };
    }
    const line = r.stdout.split(/\r?\n/).find((l) => l.startsWith(MARKER));
    const answer = line ? parseAnswer(line.slice(MARKER.length)) : undefined;
    if (!answer) {
        const why = r.timedOut
            ? `did not answer within ${Math.round(timeoutMs / 1000)} s`
            : `did not run a Python 3 script (exit code ${r.exitCode ?? 'none'}${python_firstLine(r.stderr || r.stdout)})`;
        return { command: python, found: true, isPython: false, problem: why };
    }
    return {
        command: python,
        found: true,
        isPython: true,
        version: answer.version,
        fullVersion: answer.full,
        executable: answer.executable,
        inVenv: answer.venv,
        sysPlatform: answer.sysPlatform,
        machine: answer.machine,
        sysconfigPlatform: answer.sysconfigPlatform,
        pointerBits: answer.bits,
        externallyManaged: answer.externallyManaged,
        externallyManagedMessage: answer.externallyManagedMessage ?? undefined,
        pipVersion: answer.pip ?? undefined,
        torchVersion: answer.torch ?? undefined,
    };
}
function parseAnswer(json) {
    try {
        const v = JSON.parse(json);
        if (typeof v.version !== 'string' || !/^\d+\.\d+$/.test(v.version))
            return undefined;
        return {
            version: v.version,
            full: typeof v.full === 'string' ? v.full : v.version,
            executable: typeof v.executable === 'string' ? v.executable : '',
            venv: v.venv === true,
            sysPlatform: typeof v.sysPlatform === 'string' ? v.sysPlatform : undefined,
            machine: typeof v.machine === 'string' ? v.machine : undefined,
            sysconfigPlatform: typeof v.sysconfigPlatform === 'string' ? v.sysconfigPlatform : undefined,
            bits: typeof v.bits === 'number' ? v.bits : undefined,
            externallyManaged: v.externallyManaged === true,
            externallyManagedMessage: typeof v.externallyManagedMessage === 'string' ? v.externallyManagedMessage : null,
            pip: typeof v.pip === 'string' ? v.pip : null,
            torch: typeof v.torch === 'string' ? v.torch : null,
        };
    }
    catch {
        return undefined;
    }
}
function python_firstLine(text) {
    const line = text.split(/\r?\n/).find((l) => l.trim() !== '');
    return line ? `: ${line.trim().slice(0, 200)}` : '';
}

;// CONCATENATED MODULE: ./src/install/verify.ts
/**
 * Run the installed torch and judge it against the plan.
 *
 * The local label tells builds apart: "+cu126", "+cpu", "+rocm6.2", "+xpu".
 * Builds from PyPI carry none (macOS, mps, and the default CUDA build on
 * Linux), so a plan whose index is PyPI expects no label; macOS wheels have
 * none on /whl/cpu either. Linux aarch64 CPU wheels have been published both
 * with and without "+cpu", so both pass. A CUDA plan also checks
 * torch.version.cuda against the variant (cu126 -> 12.6), a ROCm plan that
 * torch.version.hip is set, a CPU plan that neither is.
 *
 * Then the devices: is_available() is true for a CUDA build that has no
 * kernels for the card, so every device of the planned runtime gets a small
 * operation (allocate, compute, synchronise), and its capability is compared
 * with the build's arch list (src/install/devices.ts judges them).
 */


/** Every line the script prints for us starts with this and a tag: TORCHCRAFT_DEVICE {...}. */
const PREFIX = 'TORCHCRAFT_';
const TAGGED = new RegExp(`^${PREFIX}([A-Z]+) (.*)$`);
/**
 * The verification script. It prints one line per stage as it goes, flushed,
 * so that a process killed at the outer timeout still leaves what it found:
 * IMPORTED (torch imported), VERIFY (the build and its runtimes), DEVICES (how
 * many devices the planned runtime has, and its arch list), then DEVICE for
 * each device once it is done, and DONE. Each device's work (name, capability,
 * allocate, compute, synchronise) runs in a thread joined with a timeout, so a
 * device that hangs costs at most that long and the next one is still checked;
 * os._exit at the end does not wait for a thread stuck in the driver.
 * argv: runtime ("cuda", "xpu", "mps" or ""), seconds per device, device limit.
 */
const verify_SCRIPT = `
import sys
sys.path[:] = [p for p in sys.path if p not in ("", ".")]
import json, os, threading
def emit(tag, obj):
    sys.stdout.write("${PREFIX}" + tag + " " + json.dumps(obj) + "\\n")
    sys.stdout.flush()
def first_line(e):
    text = str(e).strip()
    line = text.splitlines()[0].strip() if text else ""
    return (line or type(e).__name__)[:300]
runtime, per_device, limit = sys.argv[1], float(sys.argv[2]), int(sys.argv[3])
try:
    import torch
except BaseException as e:
    emit("VERIFY", {"error": ("%s: %s" % (type(e).__name__, str(e).strip()))[:500]})
    os._exit(0)
out = {"version": str(getattr(torch, "__version__", ""))}
emit("IMPORTED", out)
v = getattr(torch, "version", None)
for key in ("cuda", "hip", "xpu"):
    value = getattr(v, key, None)
    out[key] = None if value is None else str(value)
def probe(mod):
    if mod is None or not hasattr(mod, "is_available"):
        return None
    try:
        return {"available": bool(mod.is_available())}
    except Exception as e:
        return {"available": False, "error": first_line(e)}
mods = {"cuda": getattr(torch, "cuda", None), "xpu": getattr(torch, "xpu", None), "mps": getattr(getattr(torch, "backends", None), "mps", None)}
for key in ("cuda", "xpu", "mps"):
    out[key + "Runtime"] = probe(mods[key])
emit("VERIFY", out)
mod = mods.get(runtime)
count, arch, problem = 0, [], None
if mod is not None and (out.get(runtime + "Runtime") or {}).get("available"):
    try:
        count = 1 if runtime == "mps" else int(mod.device_count())
    except Exception as e:
        problem = "device_count() failed: " + first_line(e)
    if runtime != "mps" and hasattr(mod, "get_arch_list"):
        try:
            arch = [str(a)[:50] for a in list(mod.get_arch_list())[:1000]]
        except Exception:
            pass
emit("DEVICES", {"runtime": runtime, "count": count, "archList": arch, "problem": problem})
hip = out.get("hip") is not None
def check(i, result):
    try:
        if runtime == "mps":
            dev = "mps"
            result["name"] = "mps"
        else:
            dev = "%s:%d" % (runtime, i)
            result["name"] = str(mod.get_device_name(i))[:300]
        if runtime == "cuda" and hip:
            props = mod.get_device_properties(i)
            if getattr(props, "gcnArchName", None):
                result["capability"] = str(props.gcnArchName)[:100]
        elif runtime == "cuda":
            cap = tuple(mod.get_device_capability(i))
            result["capability"] = "%d.%d" % (cap[0], cap[1])
        x = torch.arange(1024, dtype=torch.float32, device=dev)
        y = (x * 2 + 1).sum()
        if runtime == "mps":
            torch.mps.synchronize()
        else:
            mod.synchronize(i)
        value = float(y.item())
        if value == 1048576.0:
            result["passed"] = True
        else:
            result["error"] = "computed %r where 1048576.0 was expected" % value
    except BaseException as e:
        result["error"] = first_line(e)
for i in range(min(count, limit)):
    result = {"index": i}
    t = threading.Thread(target=check, args=(i, result))
    t.daemon = True
    t.start()
    t.join(per_device)
    if t.is_alive():
        result = dict(result)
        result.pop("passed", None)
        result["error"] = "did not finish within %g s" % per_device
        result["timedOut"] = True
    emit("DEVICE", result)
emit("DONE", {})
os._exit(0)
`;
/** "TORCHCRAFT_DEVICE {...}" -> ["DEVICE", "{...}"]; [undefined, ""] for a line that is not ours. */
function splitTagged(line) {
    const m = TAGGED.exec(line);
    return m ? [m[1], m[2]] : [undefined, ''];
}
/** At most this many devices are checked (an MI300X node in CPX mode lists 64). */
const DEVICE_LIMIT = 128;
/** The planned backend's runtime in torch: ROCm answers through torch.cuda. */
function runtimeFor(plan) {
    return RUNTIMES[plan.accelerator];
}
const RUNTIMES = { nvidia: 'cuda', amd: 'cuda', intel: 'xpu', apple: 'mps' };
async function runVerification(python, env, o) {
    // Linear in the devices: the import, then each expected device (and one more) at its own bound.
    const timeoutMs = o.importTimeoutMs + o.deviceTimeoutMs * (Math.min(Math.max(0, o.expectedDevices), DEVICE_LIMIT) + 1);
    const seen = { hip: null, archList: [] };
    const lines = new LineReader((line) => {
        const [tag, json] = splitTagged(line);
        if (tag === 'VERIFY') {
            const v = safeJson(json);
            if (v && typeof v.hip === 'string')
                seen.hip = v.hip;
        }
        else if (tag === 'DEVICES') {
            const h = safeJson(json);
            if (h && Array.isArray(h.archList))
                seen.archList = h.archList.filter((a) => typeof a === 'string').slice(0, 1000).map((a) => a.slice(0, 50));
        }
        else if (tag === 'DEVICE') {
            const device = rawDevice(safeJson(json));
            if (device)
                o.onDevice?.(device, seen);
        }
    });
    const r = await runTool(python, ['-c', verify_SCRIPT, o.runtime ?? '', String(o.deviceTimeoutMs / 1000), String(DEVICE_LIMIT)], {
        timeoutMs,
        env,
        onOutput: (chunk, stream) => {
            if (stream === 'stdout')
                lines.write(chunk);
        },
    });
    if (r.spawnError)
        return { ok: false, problem: `${python} could not be started (${r.spawnError})` };
    return readOutput(r.stdout, {
        timedOut: r.timedOut,
        exitCode: r.exitCode,
        stderr: r.stderr,
        timeoutS: Math.round(timeoutMs / 1000),
        importTimeoutS: Math.round(o.importTimeoutMs / 1000),
    });
}
/** The script's output, as far as it got, read into a report (pure, for tests). */
function readOutput(stdout, end) {
    const all = stdout.split(/\r?\n/).map(splitTagged);
    const tagged = (tag) => all.filter(([t]) => t === tag).map(([, json]) => safeJson(json));
    const how = end.timedOut ? `was stopped after ${end.timeoutS} s` : `ended (exit code ${end.exitCode ?? 'none: killed by a signal'})`;
    const verify = tagged('VERIFY')[0];
    if (verify === undefined) {
        const imported = tagged('IMPORTED')[0];
        if (imported) {
            return { ok: false, problem: `torch ${String(imported.version)} was imported, but asking it for its GPU runtimes (is_available) did not finish: the check ${how}` };
        }
        if (end.timedOut)
            return { ok: false, problem: `importing torch did not finish within ${end.timeoutS} s` };
        const tail = (end.stderr || stdout).trim().split(/\r?\n/).slice(-3).join(' | ');
        return { ok: false, problem: `the verification script failed (exit code ${end.exitCode ?? 'none: killed by a signal'})${tail ? `: ${tail.slice(0, 500)}` : ''}` };
    }
    const parsed = parseReport(JSON.stringify(verify));
    if (!parsed.ok)
        return parsed;
    const report = parsed.report;
    const header = tagged('DEVICES')[0];
    if (header && typeof header === 'object') {
        const runtime = header.runtime;
        if (runtime === 'cuda' || runtime === 'xpu' || runtime === 'mps')
            report.runtime = runtime;
        report.deviceCount = typeof header.count === 'number' && Number.isInteger(header.count) && header.count >= 0 ? header.count : 0;
        report.archList = Array.isArray(header.archList) ? header.archList.filter((a) => typeof a === 'string').slice(0, 1000).map((a) => a.slice(0, 50)) : [];
        if (typeof header.problem === 'string')
            report.deviceProblem = header.problem;
        report.devices = tagged('DEVICE')
            .map(rawDevice)
            .filter((d) => d !== undefined);
        // The check sentence names the devices torch found ("torch.cuda.is_available() is True (NVIDIA A100)").
        const rt = report.runtime ? report[`${report.runtime}Runtime`] : null;
        if (rt)
            rt.devices = report.devices.map((d) => d.name ?? `${report.runtime}:${d.index}`);
        const done = tagged('DONE').length > 0;
        const expected = Math.min(report.deviceCount, DEVICE_LIMIT);
        if (!done || report.devices.length < expected)
            report.stopped = `the check ${how} after ${report.devices.length} of ${expected} device${expected === 1 ? '' : 's'}`;
    }
    else if (tagged('DONE').length === 0) {
        report.stopped = `the check ${how} before it listed the devices`;
    }
    return { ok: true, report };
}
function safeJson(text) {
    try {
        return JSON.parse(text);
    }
    catch {
        return undefined;
    }
}
function rawDevice(x) {
    if (!x || typeof x !== 'object' || Array.isArray(x))
        return undefined;
    const o = x;
    if (typeof o.index !== 'number' || !Number.isInteger(o.index) || o.index < 0)
        return undefined;
    // Bounded whatever printed it: the script cuts these; an interpreter that is not ours may not.
    const str = (v) => (typeof v === 'string' ? v.slice(0, 300) : undefined);
    const error = str(o.error);
    return {
        index: o.index,
        name: str(o.name),
        capability: str(o.capability),
        passed: o.passed === true && error === undefined,
        error,
        ...(o.timedOut === true ? { timedOut: true } : {}),
    };
}
/** Splits streamed output into whole lines. */
class LineReader {
    onLine;
    pending = '';
    constructor(onLine) {
        this.onLine = onLine;
    }
    write(chunk) {
        const parts = (this.pending + chunk).split(/\r?\n/);
        this.pending = parts.pop() ?? '';
        // A line longer than any the script prints is not ours: drop it rather than grow without bound.
        if (this.pending.length > 1_000_000)
            this.pending = '';
        for (const p of parts)
            this.onLine(p);
    }
}
function parseReport(json) {
    let parsed;
    try {
        parsed = JSON.parse(json);
    }
    catch {
        return { ok: false, problem: 'the verification script printed something that is not JSON' };
    }
    if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed))
        return { ok: false, problem: 'the verification script printed no JSON object' };
    const v = parsed;
    if (typeof v.error === 'string')
        return { ok: false, problem: `import torch failed: ${v.error}` };
    if (typeof v.version !== 'string' || v.version === '')
        return { ok: false, problem: 'torch reported no __version__' };
    const str = (x) => (typeof x === 'string' ? x : null);
    const runtime = (x) => {
        if (!x || typeof x !== 'object')
            return null;
        const o = x;
        return {
            available: o.available === true,
            devices: Array.isArray(o.devices) ? o.devices.filter((d) => typeof d === 'string') : [],
            error: str(o.error) ?? undefined,
        };
    };
    return {
        ok: true,
        report: {
            version: v.version,
            cuda: str(v.cuda),
            hip: str(v.hip),
            cudaRuntime: runtime(v.cudaRuntime),
            xpuRuntime: runtime(v.xpuRuntime),
            mpsRuntime: runtime(v.mpsRuntime),
        },
    };
}
/** The local labels a build from this plan may carry; "" is no label. */
function expectedLabels(plan) {
    if (plan.indexUrl === null || plan.backend === 'mps')
        return [''];
    if (plan.machine.os === 'macos')
        return ['', plan.backend];
    if (plan.backend === 'cpu' && plan.machine.arch === 'aarch64')
        return ['cpu', ''];
    return [plan.backend];
}
function judge(plan, report) {
    const problems = [];
    const checks = [];
    const parsed = (0,pep440.explain)(report.version);
    const label = parsed?.local ?? '';
    const allowed = expectedLabels(plan);
    const show = (l) => (l === '' ? 'no local label' : `+${l}`);
    if (!parsed)
        problems.push(`torch reports a version that is not PEP 440: ${report.version}.`);
    else if (allowed.includes(label))
        checks.push(`torch ${report.version} has ${show(label)}, as backend ${plan.backend} expects.`);
    else
        problems.push(`torch ${report.version} has ${show(label)}, but backend ${plan.backend} expects ${allowed.map(show).join(' or ')}: another build was installed (an index or a constraint other than torchcraft.txt's?).`);
    if (parsed && plan.release) {
        const want = plan.release.split('.').map(Number);
        const got = parsed.release.slice(0, want.length);
        if (want.some((n, i) => n !== got[i]))
            problems.push(`torch ${report.version} is not from the planned release ${plan.release}.`);
    }
    const cu = /^cu(\d+)(\d)$/.exec(plan.backend);
    if (cu) {
        const want = `${Number(cu[1])}.${cu[2]}`;
        if (report.cuda === null)
            problems.push(`torch.version.cuda is None: this torch was not built for CUDA ${want}.`);
        else if (report.cuda !== want && !report.cuda.startsWith(`${want}.`))
            problems.push(`torch.version.cuda is ${report.cuda}, but backend ${plan.backend} means CUDA ${want}.`);
    }
    else if (plan.backend.startsWith('rocm')) {
        if (report.hip === null)
            problems.push('torch.version.hip is None: this torch was not built for ROCm.');
    }
    else if (plan.backend === 'cpu' && (report.cuda !== null || report.hip !== null)) {
        problems.push(`torch was built for ${report.cuda !== null ? `CUDA ${report.cuda}` : `ROCm (HIP ${report.hip})`}, but the plan is a CPU build.`);
    }
    const runtimes = [
        ['torch.cuda', report.cudaRuntime],
        ['torch.xpu', report.xpuRuntime],
        ['torch.backends.mps', report.mpsRuntime],
    ];
    const gpuAvailable = runtimes.some(([, r]) => r?.available === true);
    const which = {
        nvidia: runtimes[0],
        amd: runtimes[0], // ROCm builds answer through torch.cuda
        intel: runtimes[1],
        apple: runtimes[2],
    };
    const expected = which[plan.accelerator];
    if (expected) {
        const [name, r] = expected;
        if (r?.available)
            checks.push(`${name}.is_available() is True${r.devices?.length ? ` (${r.devices.join(', ')})` : ''}.`);
        else
            problems.push(`${name}.is_available() is ${r ? 'False' : 'missing'}${r?.error ? ` (${r.error})` : ''}: the installed torch cannot use the ${plan.accelerator} GPU the plan was made for (driver not loaded, device not visible to this job, or a build that does not cover it).`);
    }
    return { passed: problems.length === 0, gpuAvailable, gpuExpected: expected !== undefined, problems, checks };
}

;// CONCATENATED MODULE: ./src/install/arch-list.ts
/**
 * Whether a build's compiled architectures (torch.cuda.get_arch_list()) have
 * code for a device, from what the installed torch itself reports: the arch
 * list of the build that is really there, not the one the data expects.
 *
 * CUDA (reference "GPU architectures compiled into each CUDA variant"): SASS
 * `sm_XY` runs on the same major with an equal or higher minor (sm_86 code runs
 * on 8.9, sm_120 on 12.1); PTX `compute_XY` is JIT-compiled by the driver for
 * that capability and any newer one. Arch-specific targets (`sm_90a`,
 * `compute_90a`) run on exactly that capability; family targets (`sm_100f`) on
 * the same major, as plain SASS does. In minor-version compatibility mode the
 * driver cannot JIT PTX from the newer toolkit, so PTX does not count there.
 *
 * ROCm: a build runs only on the gfx targets it lists (no PTX-like fallback).
 * torch reports a device as gcnArchName "gfx90a:sramecc+:xnack-" and lists
 * "gfx90a" (or, rarely, "gfx90a:xnack-"): the base names must be equal and
 * every feature the list entry pins must match the device's.
 */
/** "8.9" -> [8, 9]; null when it is not a capability. */
function parseCapability(capability) {
    const m = /^\s*(\d{1,3})\.(\d{1,3})\s*$/.exec(capability ?? '');
    return m ? [Number(m[1]), Number(m[2])] : null;
}
/** "sm_120" -> sass 12.0, "compute_90a" -> ptx 9.0 arch-specific; null for anything else. */
function parseCudaTarget(entry) {
    const m = /^(sm|compute)_(\d{2,4})([af]?)$/.exec(entry.trim());
    if (!m)
        return null;
    const digits = m[2];
    return { kind: m[1] === 'sm' ? 'sass' : 'ptx', major: Number(digits.slice(0, -1)), minor: Number(digits.slice(-1)), suffix: m[3] };
}
/** The gfx base name and its feature settings: "gfx90a:sramecc+:xnack-" -> gfx90a, {sramecc: "+", xnack: "-"}. */
function parseGfx(name) {
    const [base, ...rest] = name.trim().split(':');
    if (!/^gfx[0-9a-f]{2,5}$/i.test(base))
        return null;
    const features = new Map();
    for (const f of rest) {
        const m = /^([a-z0-9_-]+)([+-])$/i.exec(f);
        if (m)
            features.set(m[1].toLowerCase(), m[2]);
    }
    return { base: base.toLowerCase(), features };
}
function cudaCovers(target, major, minor, o) {
    if (target.suffix === 'a')
        return target.major === major && target.minor === minor && (target.kind === 'sass' || o.allowPtx);
    if (target.kind === 'sass')
        return target.major === major && target.minor <= minor;
    if (!o.allowPtx)
        return false;
    return target.major < major || (target.major === major && target.minor <= minor);
}
/**
 * Whether the arch list has code for the device: true, false, or undefined
 * when it cannot tell (no list, a capability it cannot read, or a runtime
 * without arch lists, such as XPU and MPS).
 */
function inArchList(runtime, rocm, capability, archList, o) {
    if (runtime !== 'cuda' || archList.length === 0 || capability === undefined)
        return undefined;
    if (rocm) {
        const device = parseGfx(capability);
        const entries = archList.map(parseGfx).filter((e) => e !== null);
        if (!device || entries.length === 0)
            return undefined;
        return entries.some((e) => e.base === device.base && [...e.features].every(([k, v]) => (device.features.get(k) ?? v) === v));
    }
    const cap = parseCapability(capability);
    const targets = archList.map(parseCudaTarget).filter((t) => t !== null);
    if (!cap || targets.length === 0)
        return undefined;
    return targets.some((t) => cudaCovers(t, cap[0], cap[1], o));
}
/** How a device's capability reads in messages: "sm_61" (CUDA), "gfx90a" (ROCm), the text as given otherwise. */
function capabilityLabel(capability, rocm) {
    if (capability === undefined)
        return undefined;
    if (rocm)
        return parseGfx(capability)?.base ?? capability;
    const cap = parseCapability(capability);
    return cap ? `sm_${cap[0]}${cap[1]}` : capability;
}
/**
 * The arch list shortened for a message: CUDA SASS as its lowest..highest with
 * the PTX after it ("sm_75..sm_120, compute_120"); a short list whole.
 */
function archListText(archList) {
    if (archList.length === 0)
        return 'empty';
    const sass = archList.filter((a) => parseCudaTarget(a)?.kind === 'sass');
    const rest = archList.filter((a) => !sass.includes(a));
    if (sass.length <= 3)
        return capped(archList);
    const order = (a) => {
        const t = parseCudaTarget(a);
        return t.major * 100 + t.minor;
    };
    const sorted = [...sass].sort((a, b) => order(a) - order(b));
    return capped([`${sorted[0]}..${sorted[sorted.length - 1]}`, ...rest]);
}
/** A list from outside stays a short message: the first dozen, then how many more. */
function capped(items, max = 12) {
    return items.length <= max ? items.join(', ') : `${items.slice(0, max).join(', ')} and ${items.length - max} more`;
}

;// CONCATENATED MODULE: ./src/install/device-advice.ts




/** The fix, as a clause after "...: " ("set backend: cu126, or hide it with CUDA_VISIBLE_DEVICES"); undefined when the data knows none. */
function deviceFix(device, c) {
    const fixes = [];
    if (c.kernelMissing) {
        const build = c.plan.accelerator === 'nvidia' ? cudaFix(device, c) : c.plan.accelerator === 'amd' ? rocmFix(device, c) : undefined;
        if (build)
            fixes.push(build);
    }
    const hide = c.plan.accelerator === 'nvidia' ? 'CUDA_VISIBLE_DEVICES' : c.plan.accelerator === 'amd' ? 'HIP_VISIBLE_DEVICES' : undefined;
    if (hide && c.othersPassed.length > 0)
        fixes.push(`hide it with ${hide} (the other ${c.othersPassed.length === 1 ? 'GPU runs' : 'GPUs run'} this build)`);
    return fixes.length > 0 ? fixes.join(', or ') : undefined;
}
function platformOf(plan) {
    return `${plan.machine.os}-${plan.machine.arch}`;
}
function asNvidia(d, plan) {
    const known = d.gpu?.vendor === 'nvidia' ? d.gpu : undefined;
    const driver = plan.machine.gpus.find((g) => g.vendor === 'nvidia' && g.driver !== undefined);
    // torch saw the device: its capability outranks the description's.
    return { vendor: 'nvidia', name: d.name, computeCapability: d.capability ?? known?.computeCapability, driver: known?.driver ?? driver?.driver, cuda: known?.cuda ?? driver?.cuda };
}
function cudaFix(d, c) {
    const { plan, names } = c;
    const facts = plannedFacts(plan);
    const platform = platformOf(plan);
    const me = asNvidia(d, plan);
    const driver = driverInfo(plan.machine.gpus.filter((g) => g.vendor === 'nvidia').concat(me));
    if (facts) {
        const options = evaluateCuda(facts, platform, plan.machine.os, [me], driver);
        const alone = pickCuda(options, driver);
        if (alone && alone.variant === plan.backend) {
            const other = pickCuda(options.filter((o) => o.variant !== plan.backend), driver);
            return (`torchcraft's data says ${plan.backend} of torch ${facts.line} covers it, but the installed build does not: the data or the build is wrong (please report it)` +
                (other ? `; set ${names.set('backend', other.variant)}, which covers it too` : ''));
        }
        if (alone) {
            const others = c.othersPassed.map((o) => asNvidia(o, plan));
            const all = others.length > 0 ? pickCuda(evaluateCuda(facts, platform, plan.machine.os, [me, ...others], driver), driver) : alone;
            if (all && all.variant !== plan.backend)
                return `set ${names.set('backend', all.variant)}${others.length > 0 ? ' (it covers the other GPUs here too)' : ''}`;
            return `set ${names.set('backend', alone.variant)} with only this GPU visible (no ${facts.line} build covers it and the others)`;
        }
    }
    const older = releaseCoveringAll([me], platform);
    if (older && (!facts || compareLines(older.line, facts.line) !== 0)) {
        return `set ${names.set('torch-version', older.line)} and ${names.set('backend', older.variant)} (the newest release with a build for it)`;
    }
    return undefined;
}
/** The facts of the planned torch: its exact version's patch group when torch is pinned to one (2.12.1 has cu129, 2.12.0 not). */
function plannedFacts(plan) {
    const line = releaseFacts(lineOf(plan.release));
    const exact = /^===?\s*(\d+\.\d+\.\d+)\s*$/.exec(plan.packages.find((p) => p.name === 'torch')?.specifier ?? '')?.[1];
    return line && exact ? groupOfVersion(line, exact) : line;
}
function rocmFix(d, c) {
    const { plan, names } = c;
    const gfx = parseGfx(d.capability ?? (d.gpu?.vendor === 'amd' ? (d.gpu.gfx ?? '') : ''))?.base;
    if (!gfx)
        return undefined;
    const { os, arch } = plan.machine;
    const line = lineOf(plan.release);
    const lists = (l) => variantsFor(l, os, arch).filter((v) => v.startsWith('rocm') && (rocmGfxList(v, l) ?? []).includes(gfx));
    const here = lists(line);
    if (here.includes(plan.backend)) {
        const other = here.filter((v) => v !== plan.backend).at(-1);
        return (`torchcraft's data says ${plan.backend} of torch ${line} lists ${gfx}, but the installed build does not: the data or the build is wrong (please report it)` +
            (other ? `; set ${names.set('backend', other)}, which lists it too` : ''));
    }
    if (here.length > 0)
        return `set ${names.set('backend', here[here.length - 1])}`;
    const hint = hsaOverrideFor(gfx);
    if (hint) {
        return `it often runs as ${hint.runsAs} with HSA_OVERRIDE_GFX_VERSION=${hint.override} (torchcraft does not set it): export that variable to try (it applies to every AMD GPU the process sees)`;
    }
    for (let i = RELEASES.length - 1; i >= 0; i--) {
        const found = lists(RELEASES[i].line);
        if (found.length > 0 && RELEASES[i].line !== line) {
            return `set ${names.set('torch-version', RELEASES[i].line)} and ${names.set('backend', found[found.length - 1])} (the newest release with a build for it)`;
        }
    }
    return undefined;
}

;// CONCATENATED MODULE: ./src/install/device-match.ts

/** For each device, the index into plan.machine.gpus it is, or undefined. */
function matchDevices(plan, devices) {
    const candidates = plan.machine.gpus.flatMap((g, i) => (g.vendor === plan.accelerator ? [i] : []));
    const taken = new Set();
    const out = devices.map(() => undefined);
    const pass = (same) => {
        devices.forEach((d, k) => {
            if (out[k] !== undefined)
                return;
            const hit = candidates.find((i) => !taken.has(i) && same(d, plan.machine.gpus[i]));
            if (hit !== undefined) {
                out[k] = hit;
                taken.add(hit);
            }
        });
    };
    pass((d, g) => d.name !== undefined && normalName(d.name) === normalName(g.name));
    pass((d, g) => sameCapability(d.capability, g));
    const leftDevices = out.flatMap((v, k) => (v === undefined ? [k] : []));
    const leftGpus = candidates.filter((i) => !taken.has(i));
    if (leftDevices.length > 0 && leftDevices.length === leftGpus.length)
        leftDevices.forEach((k, n) => (out[k] = leftGpus[n]));
    return out;
}
function normalName(name) {
    return name.trim().replace(/\s+/g, ' ').toLowerCase();
}
function sameCapability(capability, g) {
    if (capability === undefined)
        return false;
    if (g.vendor === 'nvidia')
        return g.computeCapability !== undefined && g.computeCapability.trim() === capability.trim();
    if (g.vendor === 'amd') {
        const a = parseGfx(capability);
        const b = parseGfx(g.gfx ?? '');
        return a !== null && b !== null && a.base === b.base;
    }
    return false;
}

;// CONCATENATED MODULE: ./src/install/devices.ts




/** What CUDA and ROCm say when a build has no code for the device. */
const KERNEL_MISSING = /no kernel image is available for execution on the device|invalid device function|hipErrorNoBinaryForGpu|no binary for gpu/i;
function isKernelImageError(error) {
    return error !== undefined && KERNEL_MISSING.test(error);
}
/** One device as the log shows it, a line each: `cuda:1 "NVIDIA GeForce GTX 1080 Ti" sm_61, not in the arch list: failed: ...`. */
function deviceLine(d, rocm) {
    const where = d.runtime === 'mps' ? 'mps' : `${d.runtime}:${d.index}`;
    const cap = capabilityLabel(d.capability, rocm);
    const arch = d.inArchList === undefined ? '' : d.inArchList ? ', in the arch list' : ', not in the arch list';
    return `${where} ${JSON.stringify(d.name)}${cap ? ` ${cap}` : ''}${arch}: ${d.passed ? 'passed' : `failed: ${d.error ?? 'no result'}`}`;
}
/** A raw device, with what the report and the plan tell about it. */
function toDeviceCheck(raw, report, runtime, plan) {
    const rocm = report.hip !== null;
    const capability = rocm && raw.capability !== undefined ? (parseGfx(raw.capability)?.base ?? raw.capability) : raw.capability;
    // The full gcnArchName (features included) is what the arch list is compared with.
    const inList = inArchList(runtime, rocm, raw.capability, report.archList ?? [], { allowPtx: !plan.compatibilityMode });
    // In the interface's order, so the devices output reads the same way.
    return {
        index: raw.index,
        runtime,
        name: raw.name ?? `${runtime}:${raw.index}`,
        ...(capability !== undefined ? { capability } : {}),
        ...(inList !== undefined ? { inArchList: inList } : {}),
        passed: raw.passed,
        ...(raw.error !== undefined ? { error: raw.error } : {}),
    };
}
function judgeDevices(plan, report, names) {
    const runtime = report.runtime;
    const problems = [];
    const checks = [];
    if (!runtime)
        return { devices: [], problems, checks, servedPassed: false, none: true };
    const rocm = report.hip !== null;
    const raw = report.devices ?? [];
    const devices = raw.map((r) => toDeviceCheck(r, report, runtime, plan));
    // MPS has one device and torch gives it no name: the machine's Apple GPU is it.
    const matched = matchDevices(plan, devices);
    devices.forEach((d, k) => {
        const gpu = matched[k] !== undefined ? plan.machine.gpus[matched[k]] : undefined;
        if (runtime === 'mps' && gpu)
            d.name = gpu.name;
    });
    // Devices torch listed but never reported (the check was stopped): failed, saying so.
    const listed = report.deviceCount ?? raw.length;
    for (let i = raw.length; i < Math.min(listed, DEVICE_LIMIT); i++) {
        devices.push({ index: i, runtime, name: `${runtime}:${i}`, passed: false, error: `not checked: ${report.stopped ?? 'no result'}` });
        matched.push(undefined);
    }
    if (report.stopped && report.deviceCount === undefined)
        problems.push(`The ${runtime} devices were never listed: ${report.stopped}.`);
    if (report.deviceProblem)
        problems.push(`torch could not list its ${runtime} devices: ${report.deviceProblem}.`);
    const anyMatched = matched.some((m) => m !== undefined);
    const served = (k) => {
        // No served GPUs named, or no device recognised as one of the machine's: any device of the runtime counts.
        if (plan.servedGpus.length === 0 || !anyMatched)
            return true;
        return matched[k] !== undefined && plan.servedGpus.includes(matched[k]);
    };
    const asFailed = (k) => ({ name: devices[k].name, capability: raw[k]?.capability ?? devices[k].capability, gpu: matched[k] !== undefined ? plan.machine.gpus[matched[k]] : undefined });
    const passedIdx = devices.flatMap((d, k) => (d.passed ? [k] : []));
    const archText = archListText(report.archList ?? []);
    devices.forEach((d, k) => {
        const label = `Device ${runtime === 'mps' ? 'mps' : `${runtime}:${d.index}`}, ${d.name}${d.capability ? ` (${capabilityLabel(d.capability, rocm)})` : ''}`;
        if (d.passed && d.inArchList !== false) {
            checks.push(`${label}: a small operation ran and synchronised${d.inArchList ? ', and the build has code for it' : ''}.`);
            return;
        }
        if (d.passed) {
            problems.push(`${label}: a small operation ran, but the build's arch list (${archText}) has no code for it, so other kernels may be missing.`);
            return;
        }
        const kernelMissing = isKernelImageError(d.error) || d.inArchList === false;
        const said = d.error ? `torch said ${JSON.stringify(d.error)}` : '';
        const what = kernelMissing
            ? `this ${plan.backend} build has no kernels for it (arch list ${archText}${said ? `; ${said}` : ''})`
            : raw[k]?.timedOut
                ? `a small operation on it ${d.error ?? 'did not finish'} (hung?)`
                : `a small operation on it failed (${said || 'no result'})`;
        const fix = deviceFix(asFailed(k), { plan, names, kernelMissing, othersPassed: passedIdx.filter((j) => j !== k).map(asFailed) });
        problems.push(`${label}: ${what}${fix ? `: ${fix}` : ''}.`);
    });
    if (devices.length > 0 && !anyMatched && plan.machine.gpus.some((g) => g.vendor === plan.accelerator)) {
        checks.push(`None of torch's ${devices.length} ${runtime} device${devices.length === 1 ? '' : 's'} could be matched to the machine's GPUs by name or count, so each counts as a GPU the plan serves.`);
    }
    if (listed > DEVICE_LIMIT)
        problems.push(`torch lists ${listed} ${runtime} devices; only the first ${DEVICE_LIMIT} were checked.`);
    return { devices, problems, checks, servedPassed: devices.some((d, k) => d.passed && served(k)), none: devices.length === 0 };
}

;// CONCATENATED MODULE: ./src/install/install.ts
/**
 * The install step: check the interpreter (and that it fits the plan), run
 * the installer (retrying only failures worth retrying), say what state a
 * failure left behind, then run the installed torch and judge it against the
 * plan. Never throws for what the machine or the index did: every failure is
 * an outcome with `error` set.
 *
 * Everything after the first look at the interpreter runs the path it
 * reported (sys.executable), not the command as given: a bare `python3` may be
 * a shim, and uv reads `--python python3` as a request to search for (it may
 * settle on a discovered .venv), so the installer, the verification and the
 * after-failure check would not be sure to see the same environment.
 */
















const DEFAULT_RETRY_DELAY_MS = 2000;
const DEFAULT_TIMEOUT_MS = 30 * 60_000;
/** Asking the interpreter about itself or importing torch: generous, a cold torch import takes seconds. */
const PROBE_TIMEOUT_MS = 120_000;
/** Each device's check (a first CUDA call creates its context, which takes seconds on a big machine). */
const DEVICE_TIMEOUT_MS = 60_000;

async function installAndVerify(plan, request, log) {
    const clean = (text) => scrub(text, request.secrets);
    const outcome = { installer: 'pip', attempts: 0, installed: false, verification: 'skipped', summary: [], warnings: [] };
    const fail = (error) => {
        outcome.error = clean(error);
        outcome.summary.push(`**Install failed**: ${outcome.error}`);
        outcome.summary = outcome.summary.map(clean);
        outcome.warnings = outcome.warnings.map(clean);
        return outcome;
    };
    const index = plan.indexUrl ? redactUrl(plan.indexUrl) : 'PyPI (the default index)';
    outcome.index = clean(index);
    const names = request.names ?? ACTION_NAMES;
    // The same rule the entry points apply before calling here, so a direct caller is held to it too.
    const noGpu = request.requireGpu ? requireGpuFailure(plan) : undefined;
    if (noGpu !== undefined) {
        return fail(`${names.name('require-gpu')} is set, but no usable GPU was found for this machine: the plan is backend ${plan.backend}: ${noGpu} Nothing was installed.`);
    }
    // Preflight: the interpreter, PEP 668, the plan's Python/OS/CPU, its pip.
    const python = await inspectPython(request.python, request.env, PROBE_TIMEOUT_MS);
    const preflight = preflightError(request.python, python, names) ??
        planMismatchError(plan, python, { pythonVersionGiven: request.pythonVersionGiven, machineGiven: request.machineGiven }, names);
    if (preflight)
        return fail(preflight);
    const interpreter = python.executable || request.python;
    const pick = await pickInstaller(request.installer, python, undefined, names);
    outcome.installer = pick.installer;
    if (!pick.ok)
        return fail(pick.error);
    const torchBefore = python.torchVersion;
    log.info(`Installing into Python ${python.fullVersion} at ${python.executable} with ${pick.installer}${torchBefore ? ` (torch ${torchBefore} is installed now)` : ''}.`);
    const attemptsAllowed = 1 + Math.max(0, Math.floor(request.retries));
    const timeoutMs = request.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    const baseDelay = request.retryDelayMs ?? DEFAULT_RETRY_DELAY_MS;
    const scratch = (0,external_node_fs_namespaceObject.mkdtempSync)((0,external_node_path_namespaceObject.join)((0,external_node_os_namespaceObject.tmpdir)(), 'torchcraft-install-'));
    let last;
    try {
        for (let attempt = 1; attempt <= attemptsAllowed; attempt++) {
            outcome.attempts = attempt;
            const pipLogFile = pick.installer === 'pip' ? (0,external_node_path_namespaceObject.join)(scratch, `pip-${attempt}.log`) : undefined;
            const cmd = installCommand(pick.installer, {
                python: interpreter,
                requirementsPath: request.requirementsPath,
                prerelease: plan.prerelease,
                uvPath: pick.ok ? pick.uvPath : undefined,
                pipLogFile,
            });
            const lines = new ScrubbedLines(request.secrets, (line) => log.info(line));
            const title = `${describeCommand(pick.installer === 'uv' ? 'uv' : cmd.command, cmd.args)}${attemptsAllowed > 1 ? ` (attempt ${attempt} of ${attemptsAllowed})` : ''}`;
            const result = await log.group(clean(title), async () => {
                const r = await runTool(cmd.command, cmd.args, { timeoutMs, env: request.env, onOutput: (chunk) => lines.write(chunk) });
                lines.end();
                return r;
            });
            if (result.ok) {
                outcome.installed = true;
                last = undefined;
                break;
            }
            // Stopped by our limit: its output in the order it came, so the last line is what it was doing.
            const output = result.timedOut ? lines.lines.join('\n') : `${result.stdout}\n${result.stderr}\n${skippedPages(pipLogFile)}`;
            const failure = classifyFailure(output, { timedOut: result.timedOut });
            if (result.spawnError)
                failure.evidence = `${cmd.command} could not be started (${result.spawnError})`;
            last = { result, failure, lines: lines.lines };
            if (!failure.retryable || attempt === attemptsAllowed)
                break;
            const wait = retryDelayMs(attempt, baseDelay);
            const retry = clean(`${pick.installer} failed (${failure.kind}${failure.evidence ? `: ${failure.evidence}` : ''}); trying again in ${formatSeconds(wait)} (attempt ${attempt + 1} of ${attemptsAllowed}).`);
            log.warning(retry);
            (outcome.retries ??= []).push(retry);
            await (0,external_node_timers_promises_namespaceObject.setTimeout)(wait);
        }
    }
    finally {
        (0,external_node_fs_namespaceObject.rmSync)(scratch, { recursive: true, force: true });
    }
    if (!outcome.installed && last) {
        const after = await inspectPython(interpreter, request.env, PROBE_TIMEOUT_MS);
        const state = stateAfterFailure(torchBefore, after);
        if (state.changed)
            outcome.warnings.push(state.message);
        const message = explainFailure(last.failure, {
            installer: pick.installer,
            attempts: outcome.attempts,
            index,
            pythonVersion: python.version,
            exitCode: last.result.exitCode,
            names,
            timeoutMs,
        });
        outcome.torchVersion = after.torchVersion;
        const title = `Last lines of ${pick.installer}'s output (attempt ${outcome.attempts})`;
        outcome.installerOutput = { title, lines: last.lines.slice(-40) };
        outcome.summary.push(detailsBlock(title, last.lines));
        return fail(`${message} ${state.message}`);
    }
    outcome.summary.push(`**Install**: ${pick.installer} installed torchcraft.txt from ${index} in ${outcome.attempts} attempt${outcome.attempts === 1 ? '' : 's'}.`);
    // The installer exiting 0 is not proof: ask what the interpreter holds now (package metadata, no import).
    const after = await inspectPython(interpreter, request.env, PROBE_TIMEOUT_MS);
    outcome.torchVersion = after.torchVersion;
    const held = installedProblem(plan, pick.installer, torchBefore, after, request.env);
    if (held) {
        if (!after.torchVersion)
            outcome.installed = false;
        outcome.verification = after.torchVersion ? 'mismatch' : 'failed';
        outcome.problems = [clean(held)];
        return fail(held);
    }
    // Verification. require-gpu cannot be honoured without running torch, so it implies it.
    if (!request.verify && !request.requireGpu) {
        outcome.summary.push('**Verification**: skipped (verify is false).');
        return finish(outcome, clean);
    }
    const runtime = runtimeFor(plan);
    log.info(`Verifying torch ${after.torchVersion}: importing it${runtime ? `, then a small operation on each ${runtime} device:` : '.'}`);
    const run = await runVerification(interpreter, request.env, {
        runtime,
        importTimeoutMs: PROBE_TIMEOUT_MS,
        deviceTimeoutMs: request.verifyDeviceTimeoutMs ?? DEVICE_TIMEOUT_MS,
        expectedDevices: plan.machine.gpus.filter((g) => g.vendor === plan.accelerator).length,
        // One plain line per device as it is done, so a hang on a later device still shows the earlier ones.
        onDevice: (device, seen) => {
            if (runtime)
                log.info(clean(`  ${deviceLine(toDeviceCheck(device, seen, runtime, plan), seen.hip !== null)}`));
        },
    });
    if (!run.ok) {
        // A torch that cannot be imported (or run at all) is not an install, whatever require-gpu says.
        outcome.verification = 'failed';
        const text = `The installed torch could not be run: ${run.problem}.`;
        outcome.problems = [clean(text)];
        outcome.summary.push(`**Verification**: failed. ${text}`);
        return fail(`${text} torchcraft.txt was installed into ${python.executable}, but a torch that cannot be run there is not an install, so the step fails.`);
    }
    log.debug(clean(`verification report: ${JSON.stringify(run.report)}`));
    outcome.torchVersion = run.report.version;
    const verdict = judge(plan, run.report);
    const devices = judgeDevices(plan, run.report, names);
    if (runtime)
        outcome.devices = devices.devices;
    outcome.gpuAvailable = verdict.gpuAvailable;
    const problems = [...verdict.problems, ...devices.problems];
    outcome.checks = [...verdict.checks, ...devices.checks].map(clean);
    outcome.problems = problems.map(clean);
    outcome.verification = problems.length === 0 ? 'passed' : 'mismatch';
    if (problems.length === 0) {
        outcome.summary.push(`**Verification**: passed. ${outcome.checks.join(' ')}`);
        return finish(outcome, clean);
    }
    outcome.summary.push(`**Verification**: mismatch. ${problems.join(' ')}`);
    if (request.requireGpu && verdict.problems.length > 0) {
        return fail(`The installed torch does not match the plan: ${verdict.problems.join(' ')} ${names.name('require-gpu')} is set, so the step fails.`);
    }
    if (request.requireGpu && runtime && !devices.servedPassed) {
        const none = devices.none ? `torch listed no ${runtime} device. ` : '';
        return fail(`${names.name('require-gpu')} is set, but no GPU the plan serves passed verification: ${none}${devices.problems.join(' ')}`);
    }
    outcome.warnings.push(...problems);
    return finish(outcome, clean);
}
/**
 * After an installer that exited 0: why the interpreter does not hold the
 * planned build, or undefined when it does (its release and local label, as
 * verification judges them). torch missing means the install went elsewhere
 * (PIP_TARGET, a dry run); another build left in place is usually one that was
 * there before and satisfies torchcraft.txt's torch==X.Y.* line, so the
 * installer kept it.
 */
function installedProblem(plan, installer, before, after, env) {
    if (!after.isPython)
        return undefined; // verification says what is wrong with it
    const where = after.executable || after.command;
    const now = after.torchVersion;
    if (!now) {
        // pip reads every option from PIP_<OPTION>: these install elsewhere, or not at all.
        const set = (k) => installer === 'pip' && (env[k] ?? '') !== '';
        const found = [
            ...['PIP_TARGET', 'PIP_PREFIX', 'PIP_ROOT'].filter(set).map((k) => `${k}=${env[k]} in the environment sends pip's install elsewhere`),
            ...(set('PIP_DRY_RUN') ? [`PIP_DRY_RUN=${env.PIP_DRY_RUN} in the environment makes pip only say what it would install`] : []),
        ];
        const why = found.length > 0
            ? `${found.join('; ')}: unset ${found.length > 1 ? 'them' : 'it'} for this step.`
            : `look for a setting that installs elsewhere or not at all (--target, --prefix, --root, --dry-run in a pip or uv configuration file or environment variable).`;
        return `${installer} exited 0, but torch is not installed in ${where} afterwards: nothing usable was installed. ${why}`;
    }
    const parsed = (0,pep440.explain)(now);
    const labels = expectedLabels(plan);
    const want = plan.release.split('.').map(Number);
    const releaseOk = parsed !== null && want.every((n, i) => n === parsed.release[i]);
    const labelOk = parsed !== null && labels.includes(parsed.local ?? '');
    if (releaseOk && labelOk)
        return undefined;
    const planned = `the planned ${plan.backend} build of torch ${plan.release} (${labels.map((l) => (l === '' ? 'no local label' : `+${l}`)).join(' or ')})`;
    const torchLine = plan.packages.find((p) => p.name === 'torch');
    if (before === now) {
        return (`${installer} kept torch ${now}, which was installed before and satisfies torchcraft.txt's ${torchLine ? `torch${torchLine.specifier}` : 'torch line'}, but it is not ${planned}. ` +
            `Fix: uninstall it first (${installer === 'uv' ? `uv pip uninstall --python ${where} torch` : `${where} -m pip uninstall -y torch`}), or install into a fresh virtual environment.`);
    }
    const steering = ['PIP_CONSTRAINT', 'PIP_EXTRA_INDEX_URL', 'PIP_FIND_LINKS', 'UV_CONSTRAINT', 'UV_OVERRIDE', 'UV_EXTRA_INDEX_URL', 'UV_FIND_LINKS'].filter((k) => (env[k] ?? '') !== '');
    return (`${installer} exited 0, but torch ${now} is installed in ${where} afterwards, not ${planned}: something other than torchcraft.txt chose it` +
        (steering.length > 0 ? ` (${steering.join(', ')} ${steering.length > 1 ? 'are' : 'is'} set in the environment).` : ' (a constraint, another index or a configuration file).'));
}
function finish(outcome, clean) {
    outcome.summary = outcome.summary.map(clean);
    outcome.warnings = outcome.warnings.map(clean);
    return outcome;
}
/** What is wrong with the interpreter before anything runs, as the step's error; undefined when it is fit. */
function preflightError(given, python, names = ACTION_NAMES) {
    const input = names.name('python');
    const label = input.charAt(0).toUpperCase() + input.slice(1);
    const fix = `Set ${input} to a Python 3 interpreter (a path, or a command on PATH), or add actions/setup-python before this step.`;
    if (!python.found)
        return `${label}: ${JSON.stringify(given)} ${python.problem ?? 'was not found'}. ${fix}`;
    if (!python.isPython)
        return `${label}: ${JSON.stringify(given)} is not a usable Python interpreter: it ${python.problem ?? 'did not answer'}. ${fix}`;
    if (python.externallyManaged) {
        const theirs = python.externallyManagedMessage ? ` Its marker says: "${python.externallyManagedMessage.replace(/\s+/g, ' ').trim()}"` : '';
        return (`${label}: ${python.executable} is an externally managed Python (PEP 668): its distribution forbids pip and uv from installing into it, and torchcraft will not override that with --break-system-packages.${theirs} ` +
            `Fix: create a virtual environment (python3 -m venv .venv) and set ${names.set('python', '.venv/bin/python')} (Windows: .venv\\Scripts\\python.exe), or use actions/setup-python.`);
    }
    return undefined;
}
/** Compare the torch before and after a failed install, in words. */
function stateAfterFailure(before, after) {
    if (!after.isPython)
        return { changed: true, message: 'The interpreter could not be asked afterwards which torch it has: check it before relying on it.' };
    const now = after.torchVersion;
    if (now === before) {
        return { changed: false, message: before ? `The torch from before (${before}) is still installed, unchanged.` : 'No torch was left behind.' };
    }
    if (before && now)
        return { changed: true, message: `Warning: torch changed from ${before} to ${now} although the install failed: check the environment before using it.` };
    if (now)
        return { changed: true, message: `Warning: torch ${now} was left installed although the install failed: remove it or install again.` };
    return { changed: true, message: `Warning: the torch from before (${before}) is gone after the failed install: reinstall it or rerun this step.` };
}
/** From pip's debug log, the lines that say why an index page was skipped (pip does not print them). */
function skippedPages(pipLogFile) {
    if (!pipLogFile)
        return '';
    try {
        return (0,external_node_fs_namespaceObject.readFileSync)(pipLogFile, 'utf8')
            .split(/\r?\n/)
            .filter((l) => /Could not fetch URL/i.test(l))
            .join('\n');
    }
    catch {
        return '';
    }
}
function formatSeconds(ms) {
    return ms < 1000 ? `${ms} ms` : `${(ms / 1000).toFixed(ms % 1000 === 0 ? 0 : 1)} s`;
}

;// CONCATENATED MODULE: ./src/install/index.ts
/** The install step's public API, for the action and the CLI. */





;// CONCATENATED MODULE: ./src/workflow.ts
/**
 * The run both entry points share: options -> machine -> project pins -> plan ->
 * torchcraft.txt -> (install). Entry points only translate their inputs into
 * Options and the result into outputs, a summary or terminal text.
 */













/** The machine description to plan for: the user's, or detected. */
async function resolveMachine(options, ctx) {
    if (options.machine !== undefined) {
        const given = options.machine.trim();
        let text;
        let source;
        if (given.startsWith('{')) {
            text = given;
            source = 'inline JSON';
        }
        else {
            source = given;
            text = await readMachineFile((0,external_node_path_namespaceObject.resolve)(ctx.cwd, given), given);
        }
        const machine = capMachine(parseMachineJson(text, source));
        return options.pythonVersion ? { ...machine, python: options.pythonVersion } : machine;
    }
    // Bounded whatever the GPU tools printed (see capMachine).
    return capMachine(await detectMachine({
        platform: ctx.platform,
        arch: ctx.arch,
        env: ctx.env,
        fsRoot: '/',
        timeoutMs: options.probeTimeoutMs,
        python: options.python,
        pythonVersion: options.pythonVersion,
    }));
}
/** Everything up to the text of torchcraft.txt; throws InputError on bad input, writes nothing. */
async function planRun(options, ctx) {
    const machine = await resolveMachine(options, ctx);
    const project = options.requirements.length > 0
        ? await readProjectRequirements(options.requirements, machine, { extras: options.extras, cwd: ctx.cwd, workspace: ctx.env.GITHUB_WORKSPACE, env: ctx.env })
        : { constraints: [], notes: [], warnings: [], files: [] };
    const request = {
        backend: options.backend,
        torchVersion: options.torchVersion,
        packages: options.packages,
        indexBaseUrl: options.indexBaseUrl,
        channel: options.channel,
        constraints: project.constraints,
    };
    const planned = planWithSourceNamed(machine, request, options);
    // Reading the project can warn that its own install will undo the plan (a torch from a URL):
    // those warnings travel with the plan's, to annotations, the summary, outputs and the file header.
    const plan = project.warnings.length > 0 ? { ...planned, warnings: [...planned.warnings, ...project.warnings] } : planned;
    const requirementsPath = (0,external_node_path_namespaceObject.resolve)(ctx.cwd, options.requirementsPath);
    if ((await (0,promises_namespaceObject.stat)(requirementsPath).catch(() => undefined))?.isDirectory()) {
        throw new InputError('requirements-path', options.requirementsPath, 'is an existing folder; allowed: a file path such as torchcraft.txt or ci/torch.txt.');
    }
    const text = renderRequirementsFile(plan, { fileName: (0,external_node_path_namespaceObject.basename)(requirementsPath) });
    return { machine, plan, requirementsPath, text, projectNotes: project.notes };
}
/**
 * The plan, with a Python error named after where the Python came from: the
 * policy blames python-version, but without that input the version came from
 * the machine description or from the interpreter.
 */
function planWithSourceNamed(machine, request, options) {
    try {
        return planInstall(machine, request);
    }
    catch (e) {
        if (!(e instanceof InputError) || e.input !== 'python-version' || options.pythonVersion !== undefined)
            throw e;
        if (options.machine !== undefined) {
            throw new InputError('machine', options.machine.trim().startsWith('{') ? 'inline JSON' : options.machine, `its "python" is ${e.value}: ${e.problem}`);
        }
        throw new InputError('python', options.python ?? 'python', `it is Python ${e.value}: ${e.problem}. Use another interpreter, or set python-version to plan for another Python.`);
    }
}
/** Write torchcraft.txt (atomically) unless this is a dry run. */
async function writeRequirements(run, ctx) {
    if (ctx.dryRun)
        return;
    // A path from an input can point anywhere on the runner: writing outside the workspace (or RUNNER_TEMP) is said.
    const { GITHUB_WORKSPACE: workspace, RUNNER_TEMP: temp } = ctx.env;
    if (workspace && !isInside(run.requirementsPath, (0,external_node_path_namespaceObject.resolve)(workspace)) && !(temp && isInside(run.requirementsPath, (0,external_node_path_namespaceObject.resolve)(temp)))) {
        ctx.log.warning(`requirements-path: ${run.requirementsPath} is outside the workspace (${workspace}); torchcraft.txt is written there as asked. Write it under the workspace or RUNNER_TEMP if that was not meant.`);
    }
    const rel = (0,external_node_path_namespaceObject.relative)(ctx.cwd, run.requirementsPath);
    await writeRequirementsFile(run.requirementsPath, rel === '' || rel.startsWith('..') || (0,external_node_path_namespaceObject.isAbsolute)(rel) ? run.requirementsPath : rel, run.text);
}
/** The optional install step, into the chosen interpreter. */
async function installRun(run, options, ctx) {
    return installAndVerify(run.plan, {
        python: options.python ?? (await defaultPython()),
        installer: options.installer,
        retries: options.retries,
        verify: options.verify,
        requireGpu: options.requireGpu,
        requirementsPath: run.requirementsPath,
        env: ctx.env,
        secrets: secretsInUrl(options.indexBaseUrl),
        names: ctx.names,
        // So a plan that does not fit the interpreter names the setting that made it.
        pythonVersionGiven: options.pythonVersion !== undefined,
        machineGiven: options.machine !== undefined,
    }, ctx.log);
}
/** `python` as actions/setup-python leaves it on PATH, else `python3` (Debian and macOS have only that). */
async function defaultPython() {
    for (const name of ['python', 'python3']) {
        const found = await which(name, false).catch(() => '');
        if (found)
            return found;
    }
    return 'python';
}

;// CONCATENATED MODULE: ./src/sinks/outputs.ts
/**
 * The outputs sink: values set with core.setOutput (and printed by the CLI's
 * --json). @actions/core writes them to GITHUB_OUTPUT under a random heredoc
 * delimiter, so no value can add an output; but a value is still untrusted text
 * (a GPU name is whatever nvidia-smi printed), and workflows paste outputs into
 * shell scripts. The README passes them through `env:`, never `${{ }}` inside
 * `run:`. Here each one-line output loses control characters and line breaks, and
 * every output is bounded in size (GitHub refuses an output over 1 MB).
 */

/** Longest one-line output; gpu-names of 64 GPUs fit many times over. */
const MAX_OUTPUT_CHARS = 64 * 1024;
/** GitHub's limit on one output is 1 MB; stay under it. */
const MAX_JSON_BYTES = 1_000_000;
const BREAKS_AND_CONTROLS = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g;
/** A one-line output value: no control characters, no line breaks, bounded. */
function outputValue(value) {
    return shorten(value.replace(BREAKS_AND_CONTROLS, ' ').replace(/ {2,}/g, ' ').trim(), MAX_OUTPUT_CHARS);
}

;// CONCATENATED MODULE: ./src/report/outputs.ts



/** What PyPI's default index is called when the plan uses no --index-url. */
const PYPI_INDEX_URL = 'https://pypi.org/simple';
/** The plan as plain JSON, with the index URL's credentials masked. */
function planJson(plan) {
    const json = planJsonWhole(plan);
    // The machine is capped already (capMachine); should it still be too large for an output, the notes go first.
    if (Buffer.byteLength(JSON.stringify(json)) <= MAX_JSON_BYTES)
        return json;
    const machine = { ...plan.machine, notes: [`${plan.machine.notes.length} notes left out: the json output must stay under 1 MB.`] };
    const smaller = { ...json, machine, reasons: plan.reasons.slice(0, 50), warnings: plan.warnings.slice(0, 50) };
    return Buffer.byteLength(JSON.stringify(smaller)) <= MAX_JSON_BYTES ? smaller : { ...smaller, machine: { ...machine, gpus: plan.machine.gpus.slice(0, 8) } };
}
function planJsonWhole(plan) {
    return {
        backend: plan.backend,
        release: plan.release,
        channel: plan.channel,
        accelerator: plan.accelerator,
        indexUrl: plan.indexUrl === null ? null : redactUrl(plan.indexUrl),
        prerelease: plan.prerelease,
        compatibilityMode: plan.compatibilityMode,
        packages: plan.packages.map(requirements_file_requirementLine),
        reasons: plan.reasons,
        warnings: plan.warnings,
        machine: plan.machine,
    };
}
function planOutputs(plan, requirementsPath, install) {
    const nvidia = plan.machine.gpus.filter((g) => g.vendor === 'nvidia');
    const torch = plan.packages.find((p) => p.name === 'torch');
    const outputs = {
        backend: plan.backend,
        'index-url': plan.indexUrl === null ? PYPI_INDEX_URL : redactUrl(plan.indexUrl),
        'requirements-path': requirementsPath,
        accelerator: plan.accelerator,
        'torch-requirement': torch ? requirements_file_requirementLine(torch) : '',
        'driver-version': nvidia.find((g) => g.driver)?.driver ?? '',
        'cuda-version': nvidia.find((g) => g.cuda)?.cuda ?? '',
        'gpu-names': plan.machine.gpus.map((g) => g.name).join(', '),
    };
    if (install) {
        outputs['torch-version'] = install.torchVersion ?? '';
        outputs['gpu-available'] = String(install.gpuAvailable ?? false);
        outputs.installer = install.installer;
        outputs.verified = String(install.verification === 'passed');
        outputs.devices = JSON.stringify(install.devices ?? []);
    }
    for (const key of Object.keys(outputs))
        outputs[key] = outputValue(outputs[key]);
    return outputs;
}

;// CONCATENATED MODULE: ./src/report/explain.ts




const PLAIN = { bold: (s) => s, warn: (s) => s, dim: (s) => s };
const ANSI = {
    bold: (s) => `\u001b[1m${s}\u001b[22m`,
    warn: (s) => `\u001b[33m${s}\u001b[39m`,
    dim: (s) => `\u001b[2m${s}\u001b[22m`,
};
/** https://no-color.org: any non-empty NO_COLOR turns colour off. */
function chooseStyle(env, isTty) {
    if (env.NO_COLOR !== undefined && env.NO_COLOR !== '')
        return PLAIN;
    return isTty ? ANSI : PLAIN;
}
function explainRun(run, style, options, install) {
    const { plan } = run;
    const out = [];
    out.push(style.bold(`torchcraft: ${plan.backend} build of torch ${plan.release}${plan.channel === 'stable' ? '' : ` (${plan.channel})`}`));
    out.push(`  machine  ${describeMachine(plan)}`);
    if (plan.machine.gpus.length === 0)
        out.push('  gpus     none found');
    // Identical GPUs once, with a count: "8 × NVIDIA A100-SXM4-80GB ...".
    const gpuLines = [];
    for (const gpu of plan.machine.gpus) {
        const text = describeGpu(gpu);
        const hit = gpuLines.find((l) => l.vendor === gpu.vendor && l.text === text);
        if (hit)
            hit.count++;
        else
            gpuLines.push({ vendor: gpu.vendor, text, count: 1 });
    }
    for (const l of gpuLines)
        out.push(`  gpu      ${l.vendor}: ${l.count > 1 ? `${l.count} × ` : ''}${l.text}`);
    out.push(`  index    ${plan.indexUrl === null ? `${PYPI_INDEX_URL} (PyPI's default)` : redactUrl(plan.indexUrl)}`);
    out.push(`  packages ${plan.packages.map(requirements_file_requirementLine).join(' ')}`);
    out.push('', style.bold('Why:'));
    for (const r of plan.reasons)
        out.push(`  - ${r}`);
    const warnings = runWarnings(plan);
    if (warnings.length > 0) {
        out.push('', style.warn(style.bold('Warnings:')));
        for (const w of warnings)
            out.push(style.warn(`  - ${w}`));
    }
    const noted = (title, notes) => {
        if (notes.length === 0)
            return;
        out.push('', style.dim(title));
        for (const n of notes)
            out.push(style.dim(`  - ${n}`));
    };
    noted('Detection notes:', plan.machine.notes);
    noted("Notes on the project's requirements:", run.projectNotes);
    out.push('');
    if (install) {
        out.push(style.bold('Install:'));
        for (const line of install.summary)
            out.push(`  ${line}`);
        out.push('');
    }
    if (options.written)
        out.push(`Wrote ${options.shownPath}. Next: pip install -r ${options.shownPath}`);
    else
        out.push(`Dry run: ${options.shownPath} not written. It would read:`, '', redactText(run.text));
    return out.join('\n');
}

;// CONCATENATED MODULE: ./src/sinks/terminal.ts
/**
 * The terminal sink: what the CLI writes to stdout and stderr. Text from
 * outside (a GPU name from nvidia-smi, a line of a project file, a tool's
 * message) may hold control characters and escape sequences that a terminal
 * would act on: move the cursor, clear the screen, retitle the window, make a
 * hyperlink (OSC 8), write the clipboard (OSC 52), hide text (SGR 8). Here every
 * such character is shown as its code instead (`\x1b`, `\x07`, `\u202e`), so
 * the reader sees what the tool printed and the terminal interprets nothing.
 *
 * Kept as they are: printable text, "\n" and "\t"; and, only when the CLI colours
 * its own output, the few SGR sequences of its styles (bold, dim, yellow and their
 * resets), which can neither hide nor move text.
 */
/** C0 and C1 controls except \t and \n, DEL, line/paragraph separators, and the bidirectional controls. */
const UNSAFE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u2028\u2029\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;
/** The SGR sequences of the CLI's own styles (src/report/explain.ts ANSI). */
const OWN_STYLES = ['\u001b[1m', '\u001b[22m', '\u001b[2m', '\u001b[33m', '\u001b[39m'];
function code(c) {
    const n = c.codePointAt(0);
    return n < 0x100 ? `\\x${n.toString(16).padStart(2, '0')}` : `\\u${n.toString(16).padStart(4, '0')}`;
}
/** Text with every control character shown as its code. */
function terminalText(text) {
    return text.replace(UNSAFE, code);
}
/**
 * What a CLI writer prints: terminalText, except that with `keepStyles` the
 * CLI's own SGR sequences pass. Linear: one scan, a fixed set of sequences.
 */
function terminalOutput(text, keepStyles) {
    if (!keepStyles)
        return terminalText(text);
    let out = '';
    let from = 0;
    for (let at = text.indexOf('\u001b'); at >= 0; at = text.indexOf('\u001b', at + 1)) {
        const own = OWN_STYLES.find((s) => text.startsWith(s, at));
        if (!own)
            continue;
        out += terminalText(text.slice(from, at)) + own;
        from = at + own.length;
        at = from - 1;
    }
    return out + terminalText(text.slice(from));
}
/**
 * JSON for the terminal: JSON.stringify escapes C0 controls already; DEL, C1,
 * the line separators and the bidirectional controls become \u escapes too, so
 * the JSON means the same and shows nothing a terminal would act on.
 */
function terminalJson(value, indent = 2) {
    return JSON.stringify(value, null, indent).replace(UNSAFE, (c) => `\\u${c.codePointAt(0).toString(16).padStart(4, '0')}`);
}

;// CONCATENATED MODULE: external "node:url"
const external_node_url_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:url");
;// CONCATENATED MODULE: ./src/install/constraints.ts
/**
 * The build stays: after an install, a constraints file holding the exact
 * versions of the PyTorch family as the interpreter now has them
 * (torch==2.14.1+cpu, torchvision==0.29.1+cpu, xformers, triton...), read from
 * the interpreter itself (importlib.metadata, through runTool), and the
 * values of PIP_CONSTRAINT / UV_CONSTRAINT that add it to what the job had.
 *
 * Why exact versions with their local labels: a later `pip install -U -r
 * requirements.txt` against PyPI then finds no other torch that satisfies the
 * constraint, keeps the installed one (it satisfies `==2.14.1+cpu` itself, even
 * though PyPI serves no +cpu build), and a project pin that disagrees
 * (torch==2.15.0) fails the resolution loudly instead of replacing the build.
 *
 * Both variables are whitespace-separated lists of files (pip splits
 * PIP_CONSTRAINT on whitespace; uv documents UV_CONSTRAINT as space-separated):
 * a path that holds whitespace is given as a file: URI, which both read.
 */




const constraints_MARKER = 'TORCHCRAFT_FAMILY ';
const TIMEOUT_MS = 120_000;
// -I: neither the current folder nor PYTHON* variables may answer for the interpreter.
// The first distribution of a name on sys.path is the one Python imports (as metadata.version does).
const constraints_SCRIPT = `
import json, re, sys
from importlib import metadata
family = set(json.loads(sys.argv[1]))
found = {}
for d in metadata.distributions():
    raw = d.metadata["Name"] or ""
    name = re.sub(r"[-_.]+", "-", raw).lower()
    if (name in family or name.startswith("pytorch-triton-")) and name not in found:
        found[name] = d.version
print(${JSON.stringify(constraints_MARKER)} + json.dumps(found))
`;
/** The family's installed distributions, torch first; a string says why they could not be read. */
async function installedFamily(python, env) {
    const r = await runTool(python, ['-I', '-c', constraints_SCRIPT, JSON.stringify(PYTORCH_FAMILY)], { timeoutMs: TIMEOUT_MS, env });
    const line = r.stdout.split(/\r?\n/).find((l) => l.startsWith(constraints_MARKER));
    if (!line)
        return `${python} did not list its packages (${r.spawnError ?? (r.timedOut ? 'timed out' : `exit code ${r.exitCode}`)})`;
    let found;
    try {
        found = JSON.parse(line.slice(constraints_MARKER.length));
    }
    catch {
        return `${python} listed its packages unreadably`;
    }
    const packages = Object.entries(found)
        .filter((e) => typeof e[1] === 'string' && /^[A-Za-z0-9.+!_-]+$/.test(e[1]))
        .map(([name, version]) => ({ name, version }));
    const order = (n) => (PYTORCH_FAMILY.includes(n) ? PYTORCH_FAMILY.indexOf(n) : PYTORCH_FAMILY.length);
    return packages.sort((a, b) => order(a.name) - order(b.name) || a.name.localeCompare(b.name));
}
function renderConstraints(packages, plan) {
    return [
        `# torchcraft: the PyTorch build this job installed (${plan.backend}, torch ${plan.release}), as exact versions.`,
        '# Later installs that name these packages keep this build or fail; they do not replace it.',
        ...packages.map((p) => `${p.name}==${p.version}`),
        '',
    ].join('\n');
}
/** How a file is named in PIP_CONSTRAINT / UV_CONSTRAINT: its path, or a file: URI when the path holds whitespace. */
function constraintReference(path) {
    return /\s/.test(path) ? (0,external_node_url_namespaceObject.pathToFileURL)(path).href : path;
}
/** The variable's new value: what it held, then ours (once). */
function withConstraint(existing, reference) {
    const items = (existing ?? '').split(/\s+/).filter((s) => s.length > 0);
    return items.includes(reference) ? items.join(' ') : [...items, reference].join(' ');
}
/** Read the installed family and write the file; a string says why nothing was written. */
async function writeConstraints(python, env, path, plan) {
    const packages = await installedFamily(python, env);
    if (typeof packages === 'string')
        return packages;
    if (!packages.some((p) => p.name === 'torch'))
        return `torch is not installed in ${python}`;
    await writeFileAtomic(path, renderConstraints(packages, plan));
    const reference = constraintReference(path);
    return {
        path,
        packages,
        variables: { PIP_CONSTRAINT: withConstraint(env.PIP_CONSTRAINT, reference), UV_CONSTRAINT: withConstraint(env.UV_CONSTRAINT, reference) },
    };
}

;// CONCATENATED MODULE: ./src/cli/keep-build.ts
/**
 * --constraints FILE: the CLI's form of the action's export-constraints. A
 * terminal cannot change its parent shell's environment, so the file is
 * written and the way to use it printed (PIP_CONSTRAINT / UV_CONSTRAINT, or
 * pip install -c), instead of exported.
 */



/** The absolute path written, or undefined (with a warning) when it could not be. */
async function keepBuild(file, plan, options, ctx) {
    const path = (0,external_node_path_namespaceObject.resolve)(ctx.cwd, file);
    const python = options.python ?? (await defaultPython());
    const written = await writeConstraints(python, ctx.env, path, plan).catch((e) => (e instanceof Error ? e.message : String(e)));
    if (typeof written === 'string') {
        ctx.log.warning(`--constraints: nothing written: ${written}.`);
        return undefined;
    }
    const ref = /\s/.test(file) ? constraintReference(path) : file;
    ctx.log.info(`Wrote ${file}: ${written.packages.map((p) => `${p.name}==${p.version}`).join(', ')}. ` +
        `Later installs keep this build with PIP_CONSTRAINT=${ref} (pip), UV_CONSTRAINT=${ref} (uv pip), or pip install -c ${ref} ...`);
    return path;
}

;// CONCATENATED MODULE: ./src/cli/main.ts
/**
 * `torchcraft` at a terminal: the action's workflow with flags for inputs.
 *   torchcraft [plan] [flags]   write torchcraft.txt here and explain the choice
 *   torchcraft detect [flags]   print the machine description as JSON
 * Exit codes: 0 done, 1 the run failed (install, require-gpu), 2 bad usage or input.
 */












/** Inputs whose flag takes a value; requirements-path is spelled --output at a terminal. */
const VALUE_FLAGS = {
    backend: 'backend',
    'torch-version': 'torch-version',
    'python-version': 'python-version',
    packages: 'packages',
    output: 'requirements-path',
    'index-base-url': 'index-base-url',
    machine: 'machine',
    'probe-timeout': 'probe-timeout',
    extras: 'extras',
    python: 'python',
    installer: 'installer',
    retries: 'retries',
    channel: 'channel',
};
const HELP = `torchcraft ${TORCHCRAFT_VERSION}: pip install torch that just works.

Usage:
  torchcraft [plan] [options]   detect this machine, write torchcraft.txt, explain the choice
  torchcraft detect [options]   print this machine's description as JSON

Then: pip install -r torchcraft.txt

Options:
  --backend NAME          auto (default), cpu, cu126, cu130, rocm7.2, xpu, mps ...
  --torch-version SPEC    2.5, 2.5.1 or a PEP 440 specifier (>=2.4,<2.6); default: newest that works
  --python-version X.Y    the Python that will install (default: asked of python/python3 on PATH)
  --packages LIST         torch and any of torchvision, torchaudio (default: all three)
  --requirements FILE     the project's requirements.txt or pyproject.toml; repeatable.
                          Their PyTorch pins constrain the plan.
  --extras LIST           pyproject optional-dependency groups to honour (default: all)
  --output FILE           where to write (default: torchcraft.txt)
  --index-base-url URL    a mirror of https://download.pytorch.org/whl
  --channel NAME          stable (default), test or nightly
  --machine FILE          plan for the machine described in FILE (from 'torchcraft detect')
                          instead of this one
  --probe-timeout SECS    how long detection may take (default: 10)
  --install               install torchcraft.txt into --python afterwards
  --python PATH           interpreter to install into (default: python, else python3)
  --installer NAME        auto (uv when on PATH, else pip), pip or uv
  --retries N             retries of a failed install (default: 3)
  --no-verify             do not import the installed torch nor run it on the GPUs
  --constraints FILE      with --install: write the installed build's exact versions to FILE,
                          for PIP_CONSTRAINT / UV_CONSTRAINT / pip install -c in later installs
  --require-gpu           exit 1 when no usable GPU is found or torch runs on none of the planned GPUs
  --json                  print the result as JSON (keys as the action's outputs)
  --dry-run               write nothing; print what would be written
  --verbose               print debug messages
  -h, --help              this help
  -v, --version           torchcraft's version

Environment: NO_COLOR turns colour off.
`;
function terminalLog(io, verbose) {
    return {
        info: (m) => io.stderr(`${m}\n`),
        warning: (m) => io.stderr(`warning: ${m}\n`),
        debug: (m) => {
            if (verbose)
                io.stderr(`debug: ${m}\n`);
        },
        group: async (title, body) => {
            io.stderr(`${title}\n`);
            return body();
        },
    };
}
async function runCli(given) {
    // The terminal sink: control characters and escape sequences from outside text are
    // shown as codes, never acted on; only our own colours pass, and only when colouring.
    const colour = chooseStyle(given.env, given.isTty) !== PLAIN;
    const io = { ...given, stdout: (t) => given.stdout(terminalOutput(t, colour)), stderr: (t) => given.stderr(terminalOutput(t, false)) };
    let parsed;
    try {
        parsed = (0,external_node_util_namespaceObject.parseArgs)({
            args: io.argv,
            allowPositionals: true,
            strict: true,
            options: {
                ...Object.fromEntries(Object.keys(VALUE_FLAGS).map((f) => [f, { type: 'string' }])),
                requirements: { type: 'string', multiple: true },
                install: { type: 'boolean' },
                'no-verify': { type: 'boolean' },
                constraints: { type: 'string' },
                'require-gpu': { type: 'boolean' },
                json: { type: 'boolean' },
                'dry-run': { type: 'boolean' },
                verbose: { type: 'boolean' },
                help: { type: 'boolean', short: 'h' },
                version: { type: 'boolean', short: 'v' },
            },
        });
    }
    catch (e) {
        io.stderr(`torchcraft: ${e.message}\nRun 'torchcraft --help' for usage.\n`);
        return 2;
    }
    const flags = parsed.values;
    if (flags.help) {
        io.stdout(HELP);
        return 0;
    }
    if (flags.version) {
        io.stdout(`${TORCHCRAFT_VERSION}\n`);
        return 0;
    }
    const [command = 'plan', ...extra] = parsed.positionals;
    if (!['plan', 'detect'].includes(command) || extra.length > 0) {
        io.stderr(`torchcraft: unknown command ${JSON.stringify([command, ...extra].join(' '))}; commands: plan (default), detect.\nRun 'torchcraft --help' for usage.\n`);
        return 2;
    }
    const raw = {};
    for (const [flag, input] of Object.entries(VALUE_FLAGS))
        if (typeof flags[flag] === 'string')
            raw[input] = flags[flag];
    if (Array.isArray(flags.requirements))
        raw.requirements = flags.requirements.join('\n');
    if (flags.install)
        raw.install = 'true';
    if (flags['no-verify'])
        raw.verify = 'false';
    if (flags['require-gpu'])
        raw['require-gpu'] = 'true';
    if (typeof flags.constraints === 'string' && !flags.install) {
        io.stderr(`torchcraft: --constraints needs --install (it records what was installed).\nRun 'torchcraft --help' for usage.\n`);
        return 2;
    }
    const log = terminalLog(io, flags.verbose === true);
    const ctx = { cwd: io.cwd, env: io.env, platform: io.platform, arch: io.arch, log, dryRun: flags['dry-run'] === true, names: CLI_NAMES };
    try {
        const options = parseOptions(raw);
        if (command === 'detect') {
            io.stdout(`${terminalJson(await resolveMachine(options, ctx))}\n`);
            return 0;
        }
        const run = await planRun(options, ctx);
        await writeRequirements(run, ctx);
        const shownPath = (0,external_node_path_namespaceObject.relative)(io.cwd, run.requirementsPath) || run.requirementsPath;
        const noGpu = options.requireGpu ? requireGpuFailure(run.plan) : undefined;
        const install = options.install && !ctx.dryRun && noGpu === undefined ? await installRun(run, options, ctx) : undefined;
        const kept = typeof flags.constraints === 'string' && install?.installed && install.error === undefined ? await keepBuild(flags.constraints, run.plan, options, ctx) : undefined;
        if (flags.json) {
            io.stdout(`${terminalJson({ ...planOutputs(run.plan, run.requirementsPath, install), ...(kept ? { 'constraints-path': kept } : {}), json: planJson(run.plan) })}\n`);
        }
        else {
            io.stdout(`${explainRun(run, chooseStyle(io.env, io.isTty), { written: !ctx.dryRun, shownPath }, install)}\n`);
        }
        if (noGpu !== undefined) {
            io.stderr(`torchcraft: --require-gpu: no usable GPU was found: ${noGpu}\n`);
            return 1;
        }
        if (install?.error) {
            io.stderr(`torchcraft: ${install.error}\n`);
            return 1;
        }
        return 0;
    }
    catch (e) {
        if (e instanceof InputError) {
            io.stderr(`torchcraft: ${e.forCli()}\n`);
            return 2;
        }
        io.stderr(`torchcraft failed unexpectedly: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
        return 1;
    }
}


/***/ }),

/***/ 898:
/***/ ((module, __unused_webpack_exports, __nccwpck_require__) => {

const { valid, clean, explain, parse } = __nccwpck_require__(818);

const { lt, le, eq, ne, ge, gt, compare, rcompare } = __nccwpck_require__(124);

const {
  filter,
  maxSatisfying,
  minSatisfying,
  RANGE_PATTERN,
  satisfies,
  validRange,
} = __nccwpck_require__(790);

const { major, minor, patch, inc } = __nccwpck_require__(940);

module.exports = {
  // version
  valid,
  clean,
  explain,
  parse,

  // operator
  lt,
  le,
  lte: le,
  eq,
  ne,
  neq: ne,
  ge,
  gte: ge,
  gt,
  compare,
  rcompare,

  // range
  filter,
  maxSatisfying,
  minSatisfying,
  RANGE_PATTERN,
  satisfies,
  validRange,

  // semantic
  major,
  minor,
  patch,
  inc,
};


/***/ }),

/***/ 124:
/***/ ((module, __unused_webpack_exports, __nccwpck_require__) => {

const { parse } = __nccwpck_require__(818);

module.exports = {
  compare,
  rcompare,
  lt,
  le,
  eq,
  ne,
  ge,
  gt,
  '<': lt,
  '<=': le,
  '==': eq,
  '!=': ne,
  '>=': ge,
  '>': gt,
  '===': arbitrary,
};

function lt(version, other) {
  return compare(version, other) < 0;
}

function le(version, other) {
  return compare(version, other) <= 0;
}

function eq(version, other) {
  return compare(version, other) === 0;
}

function ne(version, other) {
  return compare(version, other) !== 0;
}

function ge(version, other) {
  return compare(version, other) >= 0;
}

function gt(version, other) {
  return compare(version, other) > 0;
}

function arbitrary(version, other) {
  return version.toLowerCase() === other.toLowerCase();
}

function compare(version, other) {
  const parsedVersion = parse(version);
  const parsedOther = parse(other);

  const keyVersion = calculateKey(parsedVersion);
  const keyOther = calculateKey(parsedOther);

  return pyCompare(keyVersion, keyOther);
}

function rcompare(version, other) {
  return -compare(version, other);
}

// this logic is buitin in python, but we need to port it to js
// see https://stackoverflow.com/a/5292332/1438522
function pyCompare(elemIn, otherIn) {
  let elem = elemIn;
  let other = otherIn;
  if (elem === other) {
    return 0;
  }
  if (Array.isArray(elem) !== Array.isArray(other)) {
    elem = Array.isArray(elem) ? elem : [elem];
    other = Array.isArray(other) ? other : [other];
  }
  if (Array.isArray(elem)) {
    const len = Math.min(elem.length, other.length);
    for (let i = 0; i < len; i += 1) {
      const res = pyCompare(elem[i], other[i]);
      if (res !== 0) {
        return res;
      }
    }
    return elem.length - other.length;
  }
  if (elem === -Infinity || other === Infinity) {
    return -1;
  }
  if (elem === Infinity || other === -Infinity) {
    return 1;
  }
  return elem < other ? -1 : 1;
}

function calculateKey(input) {
  const { epoch } = input;
  let { release, pre, post, local, dev } = input;
  // When we compare a release version, we want to compare it with all of the
  // trailing zeros removed. So we'll use a reverse the list, drop all the now
  // leading zeros until we come to something non zero, then take the rest
  // re-reverse it back into the correct order and make it a tuple and use
  // that for our sorting key.
  release = release.concat();
  release.reverse();
  while (release.length && release[0] === 0) {
    release.shift();
  }
  release.reverse();

  // We need to "trick" the sorting algorithm to put 1.0.dev0 before 1.0a0.
  // We'll do this by abusing the pre segment, but we _only_ want to do this
  // if there is !a pre or a post segment. If we have one of those then
  // the normal sorting rules will handle this case correctly.
  if (!pre && !post && dev) pre = -Infinity;
  // Versions without a pre-release (except as noted above) should sort after
  // those with one.
  else if (!pre) pre = Infinity;

  // Versions without a post segment should sort before those with one.
  if (!post) post = -Infinity;

  // Versions without a development segment should sort after those with one.
  if (!dev) dev = Infinity;

  if (!local) {
    // Versions without a local segment should sort before those with one.
    local = -Infinity;
  } else {
    // Versions with a local segment need that segment parsed to implement
    // the sorting rules in PEP440.
    // - Alpha numeric segments sort before numeric segments
    // - Alpha numeric segments sort lexicographically
    // - Numeric segments sort numerically
    // - Shorter versions sort before longer versions when the prefixes
    //   match exactly
    local = local.map((i) =>
      Number.isNaN(Number(i)) ? [-Infinity, i] : [Number(i), ''],
    );
  }

  return [epoch, release, pre, post, dev, local];
}


/***/ }),

/***/ 940:
/***/ ((module, __unused_webpack_exports, __nccwpck_require__) => {

const { explain, parse, stringify } = __nccwpck_require__(818);

// those notation are borrowed from semver
module.exports = {
  major,
  minor,
  patch,
  inc,
};

function major(input) {
  const version = explain(input);
  if (!version) {
    throw new TypeError('Invalid Version: ' + input);
  }
  return version.release[0];
}

function minor(input) {
  const version = explain(input);
  if (!version) {
    throw new TypeError('Invalid Version: ' + input);
  }
  if (version.release.length < 2) {
    return 0;
  }
  return version.release[1];
}

function patch(input) {
  const version = explain(input);
  if (!version) {
    throw new TypeError('Invalid Version: ' + input);
  }
  if (version.release.length < 3) {
    return 0;
  }
  return version.release[2];
}

function inc(input, release, preReleaseIdentifier) {
  let identifier = preReleaseIdentifier || `a`;
  const version = parse(input);

  if (!version) {
    return null;
  }

  if (
    !['a', 'b', 'c', 'rc', 'alpha', 'beta', 'pre', 'preview'].includes(
      identifier,
    )
  ) {
    return null;
  }

  switch (release) {
    case 'premajor':
      {
        const [majorVersion] = version.release;
        version.release.fill(0);
        version.release[0] = majorVersion + 1;
      }
      version.pre = [identifier, 0];
      delete version.post;
      delete version.dev;
      delete version.local;
      break;
    case 'preminor':
      {
        const [majorVersion, minorVersion = 0] = version.release;
        version.release.fill(0);
        version.release[0] = majorVersion;
        version.release[1] = minorVersion + 1;
      }
      version.pre = [identifier, 0];
      delete version.post;
      delete version.dev;
      delete version.local;
      break;
    case 'prepatch':
      {
        const [majorVersion, minorVersion = 0, patchVersion = 0] =
          version.release;
        version.release.fill(0);
        version.release[0] = majorVersion;
        version.release[1] = minorVersion;
        version.release[2] = patchVersion + 1;
      }
      version.pre = [identifier, 0];
      delete version.post;
      delete version.dev;
      delete version.local;
      break;
    case 'prerelease':
      if (version.pre === null) {
        const [majorVersion, minorVersion = 0, patchVersion = 0] =
          version.release;
        version.release.fill(0);
        version.release[0] = majorVersion;
        version.release[1] = minorVersion;
        version.release[2] = patchVersion + 1;
        version.pre = [identifier, 0];
      } else {
        if (preReleaseIdentifier === undefined && version.pre !== null) {
          [identifier] = version.pre;
        }

        const [letter, number] = version.pre;
        if (letter === identifier) {
          version.pre = [letter, number + 1];
        } else {
          version.pre = [identifier, 0];
        }
      }

      delete version.post;
      delete version.dev;
      delete version.local;
      break;
    case 'major':
      if (
        version.release.slice(1).some((value) => value !== 0) ||
        version.pre === null
      ) {
        const [majorVersion] = version.release;
        version.release.fill(0);
        version.release[0] = majorVersion + 1;
      }
      delete version.pre;
      delete version.post;
      delete version.dev;
      delete version.local;
      break;
    case 'minor':
      if (
        version.release.slice(2).some((value) => value !== 0) ||
        version.pre === null
      ) {
        const [majorVersion, minorVersion = 0] = version.release;
        version.release.fill(0);
        version.release[0] = majorVersion;
        version.release[1] = minorVersion + 1;
      }
      delete version.pre;
      delete version.post;
      delete version.dev;
      delete version.local;
      break;
    case 'patch':
      if (
        version.release.slice(3).some((value) => value !== 0) ||
        version.pre === null
      ) {
        const [majorVersion, minorVersion = 0, patchVersion = 0] =
          version.release;
        version.release.fill(0);
        version.release[0] = majorVersion;
        version.release[1] = minorVersion;
        version.release[2] = patchVersion + 1;
      }
      delete version.pre;
      delete version.post;
      delete version.dev;
      delete version.local;
      break;
    default:
      return null;
  }

  return stringify(version);
}


/***/ }),

/***/ 790:
/***/ ((module, __unused_webpack_exports, __nccwpck_require__) => {

// This file is dual licensed under the terms of the Apache License, Version
// 2.0, and the BSD License. See the LICENSE file in the root of this repository
// for complete details.

const { VERSION_PATTERN, explain: explainVersion } = __nccwpck_require__(818);

const Operator = __nccwpck_require__(124);

const RANGE_PATTERN = [
  '(?<operator>(===|~=|==|!=|<=|>=|<|>))',
  '\\s*',
  '(',
  /*  */ '(?<version>(?:' + VERSION_PATTERN.replace(/\?<\w+>/g, '?:') + '))',
  /*  */ '(?<prefix>\\.\\*)?',
  /*  */ '|',
  /*  */ '(?<legacy>[^,;\\s)]+)',
  ')',
].join('');

module.exports = {
  RANGE_PATTERN,
  parse,
  satisfies,
  filter,
  validRange,
  maxSatisfying,
  minSatisfying,
};

const isEqualityOperator = (op) => ['==', '!=', '==='].includes(op);

const rangeRegex = new RegExp('^' + RANGE_PATTERN + '$', 'i');

function parse(ranges) {
  if (!ranges.trim()) {
    return [];
  }

  const specifiers = ranges
    .split(',')
    .map((range) => rangeRegex.exec(range.trim()) || {})
    .map(({ groups }) => {
      if (!groups) {
        return null;
      }

      let { ...spec } = groups;
      const { operator, version, prefix, legacy } = groups;

      if (version) {
        spec = { ...spec, ...explainVersion(version) };
        if (operator === '~=') {
          if (spec.release.length < 2) {
            return null;
          }
        }
        if (!isEqualityOperator(operator) && spec.local) {
          return null;
        }

        if (prefix) {
          if (!isEqualityOperator(operator) || spec.dev || spec.local) {
            return null;
          }
        }
      }
      if (legacy && operator !== '===') {
        return null;
      }

      return spec;
    });

  if (specifiers.filter(Boolean).length !== specifiers.length) {
    return null;
  }

  return specifiers;
}

function filter(versions, specifier, options = {}) {
  const filtered = pick(versions, specifier, options);
  if (filtered.length === 0 && options.prereleases === undefined) {
    return pick(versions, specifier, { prereleases: true });
  }
  return filtered;
}

function maxSatisfying(versions, range, options) {
  const found = filter(versions, range, options).sort(Operator.compare);
  return found.length === 0 ? null : found[found.length - 1];
}

function minSatisfying(versions, range, options) {
  const found = filter(versions, range, options).sort(Operator.compare);
  return found.length === 0 ? null : found[0];
}

function pick(versions, specifier, options) {
  const parsed = parse(specifier);

  if (!parsed) {
    return [];
  }

  return versions.filter((version) => {
    const explained = explainVersion(version);

    if (!parsed.length) {
      return explained && !(explained.is_prerelease && !options.prereleases);
    }

    return parsed.reduce((pass, spec) => {
      if (!pass) {
        return false;
      }
      return contains({ ...spec, ...options }, { version, explained });
    }, true);
  });
}

function satisfies(version, specifier, options = {}) {
  const filtered = pick([version], specifier, options);

  return filtered.length === 1;
}

function arrayStartsWith(array, prefix) {
  if (prefix.length > array.length) {
    return false;
  }

  for (let i = 0; i < prefix.length; i += 1) {
    if (prefix[i] !== array[i]) {
      return false;
    }
  }

  return true;
}

function contains(specifier, input) {
  const { explained } = input;
  let { version } = input;
  const { ...spec } = specifier;

  if (spec.prereleases === undefined) {
    spec.prereleases = spec.is_prerelease;
  }

  if (explained && explained.is_prerelease && !spec.prereleases) {
    return false;
  }

  if (spec.operator === '~=') {
    let compatiblePrefix = spec.release.slice(0, -1).concat('*').join('.');
    if (spec.epoch) {
      compatiblePrefix = spec.epoch + '!' + compatiblePrefix;
    }
    return satisfies(version, `>=${spec.version}, ==${compatiblePrefix}`, {
      prereleases: spec.prereleases,
    });
  }

  if (spec.prefix) {
    const isMatching =
      explained.epoch === spec.epoch &&
      arrayStartsWith(explained.release, spec.release);
    const isEquality = spec.operator !== '!=';
    return isEquality ? isMatching : !isMatching;
  }

  if (explained)
    if (explained.local && spec.version) {
      version = explained.public;
      spec.version = explainVersion(spec.version).public;
    }

  if (spec.operator === '<' || spec.operator === '>') {
    // simplified version of https://www.python.org/dev/peps/pep-0440/#exclusive-ordered-comparison
    if (Operator.eq(spec.release.join('.'), explained.release.join('.'))) {
      return false;
    }
  }

  const op = Operator[spec.operator];
  return op(version, spec.version || spec.legacy);
}

function validRange(specifier) {
  return Boolean(parse(specifier));
}


/***/ }),

/***/ 818:
/***/ ((module) => {

const VERSION_PATTERN = [
  'v?',
  '(?:',
  /* */ '(?:(?<epoch>[0-9]+)!)?', // epoch
  /* */ '(?<release>[0-9]+(?:\\.[0-9]+)*)', // release segment
  /* */ '(?<pre>', // pre-release
  /*    */ '[-_\\.]?',
  /*    */ '(?<pre_l>(a|b|c|rc|alpha|beta|pre|preview))',
  /*    */ '[-_\\.]?',
  /*    */ '(?<pre_n>[0-9]+)?',
  /* */ ')?',
  /* */ '(?<post>', // post release
  /*    */ '(?:-(?<post_n1>[0-9]+))',
  /*    */ '|',
  /*    */ '(?:',
  /*        */ '[-_\\.]?',
  /*        */ '(?<post_l>post|rev|r)',
  /*        */ '[-_\\.]?',
  /*        */ '(?<post_n2>[0-9]+)?',
  /*    */ ')',
  /* */ ')?',
  /* */ '(?<dev>', // dev release
  /*    */ '[-_\\.]?',
  /*    */ '(?<dev_l>dev)',
  /*    */ '[-_\\.]?',
  /*    */ '(?<dev_n>[0-9]+)?',
  /* */ ')?',
  ')',
  '(?:\\+(?<local>[a-z0-9]+(?:[-_\\.][a-z0-9]+)*))?', // local version
].join('');

module.exports = {
  VERSION_PATTERN,
  valid,
  clean,
  explain,
  parse,
  stringify,
};

const validRegex = new RegExp('^' + VERSION_PATTERN + '$', 'i');

function valid(version) {
  return validRegex.test(version) ? version : null;
}

const cleanRegex = new RegExp('^\\s*' + VERSION_PATTERN + '\\s*$', 'i');
function clean(version) {
  return stringify(parse(version, cleanRegex));
}

function parse(version, regex) {
  // Validate the version and parse it into pieces
  const { groups } = (regex || validRegex).exec(version) || {};
  if (!groups) {
    return null;
  }

  // Store the parsed out pieces of the version
  const parsed = {
    epoch: Number(groups.epoch ? groups.epoch : 0),
    release: groups.release.split('.').map(Number),
    pre: normalize_letter_version(groups.pre_l, groups.pre_n),
    post: normalize_letter_version(
      groups.post_l,
      groups.post_n1 || groups.post_n2,
    ),
    dev: normalize_letter_version(groups.dev_l, groups.dev_n),
    local: parse_local_version(groups.local),
  };

  return parsed;
}

function stringify(parsed) {
  if (!parsed) {
    return null;
  }
  const { epoch, release, pre, post, dev, local } = parsed;
  const parts = [];

  // Epoch
  if (epoch !== 0) {
    parts.push(`${epoch}!`);
  }
  // Release segment
  parts.push(release.join('.'));

  // Pre-release
  if (pre) {
    parts.push(pre.join(''));
  }
  // Post-release
  if (post) {
    parts.push('.' + post.join(''));
  }
  // Development release
  if (dev) {
    parts.push('.' + dev.join(''));
  }
  // Local version segment
  if (local) {
    parts.push(`+${local}`);
  }
  return parts.join('');
}

function normalize_letter_version(letterIn, numberIn) {
  let letter = letterIn;
  let number = numberIn;
  if (letter) {
    // We consider there to be an implicit 0 in a pre-release if there is
    // not a numeral associated with it.
    if (!number) {
      number = 0;
    }
    // We normalize any letters to their lower case form
    letter = letter.toLowerCase();

    // We consider some words to be alternate spellings of other words and
    // in those cases we want to normalize the spellings to our preferred
    // spelling.
    if (letter === 'alpha') {
      letter = 'a';
    } else if (letter === 'beta') {
      letter = 'b';
    } else if (['c', 'pre', 'preview'].includes(letter)) {
      letter = 'rc';
    } else if (['rev', 'r'].includes(letter)) {
      letter = 'post';
    }
    return [letter, Number(number)];
  }
  if (!letter && number) {
    // We assume if we are given a number, but we are not given a letter
    // then this is using the implicit post release syntax (e.g. 1.0-1)
    letter = 'post';

    return [letter, Number(number)];
  }
  return null;
}

function parse_local_version(local) {
  /*
    Takes a string like abc.1.twelve and turns it into("abc", 1, "twelve").
    */
  if (local) {
    return local
      .split(/[._-]/)
      .map((part) =>
        Number.isNaN(Number(part)) ? part.toLowerCase() : Number(part),
      );
  }
  return null;
}

function explain(version) {
  const parsed = parse(version);
  if (!parsed) {
    return parsed;
  }
  const { epoch, release, pre, post, dev, local } = parsed;

  let base_version = '';
  if (epoch !== 0) {
    base_version += epoch + '!';
  }
  base_version += release.join('.');

  const is_prerelease = Boolean(dev || pre);
  const is_devrelease = Boolean(dev);
  const is_postrelease = Boolean(post);

  // return

  return {
    epoch,
    release,
    pre,
    post: post ? post[1] : post,
    dev: dev ? dev[1] : dev,
    local: local ? local.join('.') : local,
    public: stringify(parsed).split('+', 1)[0],
    base_version,
    is_prerelease,
    is_devrelease,
    is_postrelease,
  };
}


/***/ })

/******/ });
/************************************************************************/
/******/ // The module cache
/******/ var __webpack_module_cache__ = {};
/******/ 
/******/ // The require function
/******/ function __nccwpck_require__(moduleId) {
/******/ 	// Check if module is in cache
/******/ 	var cachedModule = __webpack_module_cache__[moduleId];
/******/ 	if (cachedModule !== undefined) {
/******/ 		return cachedModule.exports;
/******/ 	}
/******/ 	// Create a new module (and put it into the cache)
/******/ 	var module = __webpack_module_cache__[moduleId] = {
/******/ 		// no module.id needed
/******/ 		// no module.loaded needed
/******/ 		exports: {}
/******/ 	};
/******/ 
/******/ 	// Execute the module function
/******/ 	var threw = true;
/******/ 	try {
/******/ 		__webpack_modules__[moduleId](module, module.exports, __nccwpck_require__);
/******/ 		threw = false;
/******/ 	} finally {
/******/ 		if(threw) delete __webpack_module_cache__[moduleId];
/******/ 	}
/******/ 
/******/ 	// Return the exports of the module
/******/ 	return module.exports;
/******/ }
/******/ 
/************************************************************************/
/******/ /* webpack/runtime/asset-relocator-loader */
/******/ if (typeof __nccwpck_require__ !== 'undefined') __nccwpck_require__.ab = decodeURIComponent(new URL('.', import.meta.url).pathname).slice(import.meta.url.match(/^file:\/\/\/\w:/) ? 1 : 0, -1) + "/";
/******/ 
/******/ /* webpack/runtime/async module */
/******/ (() => {
/******/ 	var webpackQueues = typeof Symbol === "function" ? Symbol("webpack queues") : "__webpack_queues__";
/******/ 	var webpackExports = typeof Symbol === "function" ? Symbol("webpack exports") : "__webpack_exports__";
/******/ 	var webpackError = typeof Symbol === "function" ? Symbol("webpack error") : "__webpack_error__";
/******/ 	var resolveQueue = (queue) => {
/******/ 		if(queue && queue.d < 1) {
/******/ 			queue.d = 1;
/******/ 			queue.forEach((fn) => (fn.r--));
/******/ 			queue.forEach((fn) => (fn.r-- ? fn.r++ : fn()));
/******/ 		}
/******/ 	}
/******/ 	var wrapDeps = (deps) => (deps.map((dep) => {
/******/ 		if(dep !== null && typeof dep === "object") {
/******/ 			if(dep[webpackQueues]) return dep;
/******/ 			if(dep.then) {
/******/ 				var queue = [];
/******/ 				queue.d = 0;
/******/ 				dep.then((r) => {
/******/ 					obj[webpackExports] = r;
/******/ 					resolveQueue(queue);
/******/ 				}, (e) => {
/******/ 					obj[webpackError] = e;
/******/ 					resolveQueue(queue);
/******/ 				});
/******/ 				var obj = {};
/******/ 				obj[webpackQueues] = (fn) => (fn(queue));
/******/ 				return obj;
/******/ 			}
/******/ 		}
/******/ 		var ret = {};
/******/ 		ret[webpackQueues] = x => {};
/******/ 		ret[webpackExports] = dep;
/******/ 		return ret;
/******/ 	}));
/******/ 	__nccwpck_require__.a = (module, body, hasAwait) => {
/******/ 		var queue;
/******/ 		hasAwait && ((queue = []).d = -1);
/******/ 		var depQueues = new Set();
/******/ 		var exports = module.exports;
/******/ 		var currentDeps;
/******/ 		var outerResolve;
/******/ 		var reject;
/******/ 		var promise = new Promise((resolve, rej) => {
/******/ 			reject = rej;
/******/ 			outerResolve = resolve;
/******/ 		});
/******/ 		promise[webpackExports] = exports;
/******/ 		promise[webpackQueues] = (fn) => (queue && fn(queue), depQueues.forEach(fn), promise["catch"](x => {}));
/******/ 		module.exports = promise;
/******/ 		body((deps) => {
/******/ 			currentDeps = wrapDeps(deps);
/******/ 			var fn;
/******/ 			var getResult = () => (currentDeps.map((d) => {
/******/ 				if(d[webpackError]) throw d[webpackError];
/******/ 				return d[webpackExports];
/******/ 			}))
/******/ 			var promise = new Promise((resolve) => {
/******/ 				fn = () => (resolve(getResult));
/******/ 				fn.r = 0;
/******/ 				var fnQueue = (q) => (q !== queue && !depQueues.has(q) && (depQueues.add(q), q && !q.d && (fn.r++, q.push(fn))));
/******/ 				currentDeps.map((dep) => (dep[webpackQueues](fnQueue)));
/******/ 			});
/******/ 			return fn.r ? promise : getResult();
/******/ 		}, (err) => ((err ? reject(promise[webpackError] = err) : outerResolve(exports)), resolveQueue(queue)));
/******/ 		queue && queue.d < 0 && (queue.d = 0);
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/define property getters */
/******/ (() => {
/******/ 	// define getter functions for harmony exports
/******/ 	__nccwpck_require__.d = (exports, definition) => {
/******/ 		for(var key in definition) {
/******/ 			if(__nccwpck_require__.o(definition, key) && !__nccwpck_require__.o(exports, key)) {
/******/ 				Object.defineProperty(exports, key, { enumerable: true, get: definition[key] });
/******/ 			}
/******/ 		}
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/hasOwnProperty shorthand */
/******/ (() => {
/******/ 	__nccwpck_require__.o = (obj, prop) => (Object.prototype.hasOwnProperty.call(obj, prop))
/******/ })();
/******/ 
/************************************************************************/
/******/ 
/******/ // startup
/******/ // Load entry module and return exports
/******/ // This entry module used 'module' so it can't be inlined
/******/ var __webpack_exports__ = __nccwpck_require__(486);
/******/ __webpack_exports__ = await __webpack_exports__;
/******/ 
