#!/usr/bin/env node
import { createRequire as __WEBPACK_EXTERNAL_createRequire } from "module";
/******/ var __webpack_modules__ = ({

/***/ 486:
/***/ ((module, __unused_webpack___webpack_exports__, __nccwpck_require__) => {

__nccwpck_require__.a(module, async (__webpack_handle_async_dependencies__, __webpack_async_result__) => { try {
/* harmony import */ var _main_js__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(663);
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

/***/ 663:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {


// EXPORTS
__nccwpck_require__.d(__webpack_exports__, {
  a: () => (/* binding */ runCli)
});

;// CONCATENATED MODULE: external "node:util"
const external_node_util_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:util");
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __nccwpck_require__(760);
// EXTERNAL MODULE: ./node_modules/@renovatebot/pep440/index.js
var pep440 = __nccwpck_require__(898);
// EXTERNAL MODULE: ./src/errors.ts
var errors = __nccwpck_require__(916);
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
        throw new errors/* InputError */.d(INPUT, url, problem);
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
    throw new errors/* InputError */.d(name, value, 'allowed: true or false.');
}
function parseIntegerIn(name, value, min, max) {
    if (!/^\d+$/.test(value) || Number(value) < min || Number(value) > max) {
        throw new errors/* InputError */.d(name, value, `allowed: a whole number from ${min} to ${max}.`);
    }
    return Number(value);
}
function oneOf(name, value, allowed) {
    if (!allowed.includes(value))
        throw new errors/* InputError */.d(name, value, `allowed: ${allowed.join(', ')}.`);
    return value;
}
/** "2.5", "2.5.1" or any PEP 440 specifier; the policy decides whether a release matches. */
function parseTorchVersion(value) {
    if (value === '')
        return '';
    if ((0,pep440.valid)(value) !== null || (0,pep440.validRange)(value) || /^\d+\.\d+\.\*$/.test(value))
        return value;
    throw new errors/* InputError */.d('torch-version', value, 'allowed: empty, a version such as 2.5 or 2.5.1, or a PEP 440 specifier such as >=2.4,<2.6.');
}
function parsePackages(value) {
    const names = listOf(value).map((n) => n.toLowerCase());
    for (const n of names) {
        if (!ALLOWED_PACKAGES.includes(n))
            throw new errors/* InputError */.d('packages', value, `unknown package ${JSON.stringify(n)}; allowed: ${ALLOWED_PACKAGES.join(', ')}.`);
    }
    if (!names.includes('torch'))
        throw new errors/* InputError */.d('packages', value, 'must include torch (and any of torchvision, torchaudio).');
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
        throw new errors/* InputError */.d('cache', value, 'allowed: auto (on for GitHub-hosted runners, off for self-hosted), true or false.');
    }
}
/** Validate every setting at once, before anything is probed or written. */
function parseOptions(options) {
    const backend = raw(options, 'backend').toLowerCase();
    if (!BACKEND.test(backend)) {
        throw new errors/* InputError */.d('backend', raw(options, 'backend'), 'allowed: auto, cpu, mps, xpu, cuNNN (cu126, cu130 ...) or rocmX.Y (rocm6.4, rocm7.2 ...).');
    }
    const pythonVersion = raw(options, 'python-version');
    if (pythonVersion !== '' && !PYTHON.test(pythonVersion)) {
        throw new errors/* InputError */.d('python-version', pythonVersion, 'allowed: empty (ask the interpreter) or a version such as 3.12.');
    }
    const requirementsPath = raw(options, 'requirements-path');
    if (requirementsPath.includes('\0'))
        throw new errors/* InputError */.d('requirements-path', requirementsPath, 'a path may not contain NUL.');
    // A control character would end a log line or an output; no real file name holds one.
    if (/[\u0001-\u001f\u007f-\u009f\u2028\u2029]/.test(requirementsPath)) {
        throw new errors/* InputError */.d('requirements-path', requirementsPath, 'a path may not contain control characters (a line break, a tab, an escape); allowed: a file path such as torchcraft.txt.');
    }
    if (/[\\/]$/.test(requirementsPath))
        throw new errors/* InputError */.d('requirements-path', requirementsPath, 'names a folder; allowed: a file path such as torchcraft.txt or ci/torch.txt.');
    const extras = listOf(raw(options, 'extras'));
    const requirements = raw(options, 'requirements')
        .split(/\r?\n/)
        .map((s) => s.trim())
        .filter((s) => s.length > 0);
    // Silently ignoring groups the user named would plan without the pins they meant.
    if (extras.length > 0 && requirements.length === 0) {
        throw new errors/* InputError */.d('extras', raw(options, 'extras'), 'picks groups of a pyproject.toml given in requirements, and requirements is empty: add the pyproject.toml to requirements.');
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

// EXTERNAL MODULE: external "node:fs/promises"
var promises_ = __nccwpck_require__(455);
// EXTERNAL MODULE: ./node_modules/@actions/io/lib/io.js + 4 modules
var io = __nccwpck_require__(918);
;// CONCATENATED MODULE: ./src/machine.ts
const OSES = ['linux', 'windows', 'macos'];
const ARCHES = ['x86_64', 'aarch64'];
const VENDORS = ['nvidia', 'amd', 'intel', 'apple'];

// EXTERNAL MODULE: ./src/process/run-tool.ts + 1 modules
var run_tool = __nccwpck_require__(860);
// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __nccwpck_require__(24);
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
        if (!(await (0,promises_.stat)(path)).isFile())
            return false;
        if (platform !== 'win32')
            await (0,promises_.access)(path, external_node_fs_.constants.X_OK);
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
            const full = (0,external_node_path_.join)(clean, file);
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
        return (0,external_node_path_.join)(this.fsRoot, absolute);
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
        const result = await (0,run_tool/* runTool */.qI)(command, args, { timeoutMs: limit, env: this.env, maxOutputBytes: 1024 * 1024 });
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
        handle = await (0,promises_.open)(path, 'r');
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
        return (await (0,promises_.readdir)(path)).sort();
    }
    catch {
        return [];
    }
}

// EXTERNAL MODULE: ./src/detect/text.ts
var detect_text = __nccwpck_require__(892);
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
    for (const line of (0,detect_text/* linesOf */.Dx)(text)) {
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
    for (const raw of (0,detect_text/* linesOf */.Dx)(text)) {
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
    for (const raw of (0,detect_text/* linesOf */.Dx)(text)) {
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

// EXTERNAL MODULE: ./src/detect/python-parse.ts
var python_parse = __nccwpck_require__(795);
;// CONCATENATED MODULE: ./src/detect/arch.ts

const EMULATION_HINT = { macos: 'Rosetta?', windows: 'x64 emulation?', linux: 'emulated?' };
function chooseArch(evidence) {
    const machine = evidence.appleSilicon ? 'aarch64' : evidence.node;
    const interpreter = evidence.interpreter;
    if (interpreter === undefined)
        return { arch: machine, notes: [] };
    const found = (0,python_parse/* interpreterArch */.FM)(interpreter);
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

// EXTERNAL MODULE: ./src/data/nvidia-gpus.ts
var nvidia_gpus = __nccwpck_require__(869);
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
    for (const raw of (0,detect_text/* linesOf */.Dx)(text)) {
        const line = raw.trim();
        if (line === '' || line.length > 1000)
            continue;
        const parts = line.split(',').map((p) => p.trim());
        if (parts.length < 3 || !/^\d{1,3}$/.test(parts[0]))
            continue;
        const driverAt = parts.findIndex((p, i) => i >= 2 && ((0,detect_text/* isDriverVersion */.DX)(p) || isNotAvailable(p)));
        if (driverAt < 0)
            continue;
        const name = parts.slice(1, driverAt).join(', ').trim();
        if (name === '' || isNotAvailable(name))
            continue;
        const row = { index: Number(parts[0]), name };
        if ((0,detect_text/* isDriverVersion */.DX)(parts[driverAt]))
            row.driver = parts[driverAt];
        const rest = parts.slice(driverAt + 1);
        if (rest.length > 0) {
            const capability = (0,detect_text/* normalizeMajorMinor */.Gr)(rest.join('.'));
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
    for (const line of (0,detect_text/* linesOf */.Dx)(text)) {
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
    for (const line of (0,detect_text/* linesOf */.Dx)(text)) {
        if (!line.startsWith('NVRM version:') || line.length > 2000)
            continue;
        const at = line.indexOf('Kernel Module');
        if (at < 0)
            continue;
        for (const token of line.slice(at + 'Kernel Module'.length).split(/\s+/)) {
            if ((0,detect_text/* isDriverVersion */.DX)(token))
                return token;
        }
    }
    return undefined;
}
/** /sys/module/nvidia/version holds the version alone: "580.65.06". */
function parseSysModuleVersion(text) {
    const first = (0,detect_text/* linesOf */.Dx)(text)[0]?.trim() ?? '';
    return (0,detect_text/* isDriverVersion */.DX)(first) ? first : undefined;
}
/** The `Model:` line of /proc/driver/nvidia/gpus/<bus id>/information. */
function parseGpuInformationModel(text) {
    for (const line of (0,detect_text/* linesOf */.Dx)(text)) {
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
        return [(0,external_node_path_.join)(systemRoot, 'System32', 'nvidia-smi.exe'), (0,external_node_path_.join)(programFiles, 'NVIDIA Corporation', 'NVSMI', 'nvidia-smi.exe')];
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
        const capability = row.computeCapability ?? (0,nvidia_gpus/* computeCapabilityFromName */.H)(row.name);
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
        const capability = (0,nvidia_gpus/* computeCapabilityFromName */.H)(name);
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
    const capability = (0,nvidia_gpus/* computeCapabilityFromName */.H)(model);
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




/**
 * The arguments of the one run: `python -I -S -c <script>`. -S skips `site`, which
 * imports every .pth file of site-packages (a distutils shim, certifi...: half the
 * run on a full interpreter); -I ignores PYTHON* variables and the user's site, so
 * nothing of the job's environment runs in the probe. Neither changes the version or
 * the architecture asked. A Python 2 has no -I: it fails here, and python3 is tried next.
 */
const PYTHON_PROBE_ARGS = ['-I', '-S', '-c', python_parse/* PROBE_SCRIPT */.JW];
async function probePython(ctx, python) {
    const notes = [];
    const candidates = python !== undefined ? [python] : ['python', 'python3'];
    for (const candidate of candidates) {
        const program = /[\\/]/.test(candidate) || (0,external_node_path_.isAbsolute)(candidate)
            ? ((await isExecutable(candidate, ctx.platform)) ? candidate : undefined)
            : await ctx.find(candidate);
        if (program === undefined) {
            notes.push(`${candidate} not found${/[\\/]/.test(candidate) ? '' : ' on PATH'}`);
            continue;
        }
        const result = await ctx.run(program, [...PYTHON_PROBE_ARGS], 0.5);
        const said = result?.ok ? (0,python_parse/* parsePythonProbe */.cL)(result.stdout) : {};
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
    const powershell = await ctx.find('powershell', [(0,external_node_path_.join)(systemRoot, 'System32', 'WindowsPowerShell', 'v1.0', 'powershell.exe')]);
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
        const capability = (0,nvidia_gpus/* computeCapabilityFromName */.H)(controller.name);
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

// EXTERNAL MODULE: ./src/read-file.ts
var read_file = __nccwpck_require__(834);
// EXTERNAL MODULE: ./src/sinks/limits.ts
var limits = __nccwpck_require__(598);
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
        throw new errors/* InputError */.d(load_machine_INPUT, source, problem);
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
        return fail(`expected a JSON object with "os", "arch" and "gpus", got ${kindOf(data)}`);
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
        const capability = (0,nvidia_gpus/* computeCapabilityFromName */.H)(gpu.name);
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
function kindOf(v) {
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
    return kindOf(v);
}
/** A machine description file larger than this is not one (a description of 64 GPUs is a few KiB). */
const MAX_MACHINE_FILE_BYTES = 4 * 1024 * 1024;
/**
 * The text of a machine description file. Only a regular file is read (a FIFO
 * would block the run until something wrote to it), and at most 4 MiB of it.
 */
async function readMachineFile(path, given) {
    try {
        return (await (0,read_file/* readRegularFile */.XF)(path, MAX_MACHINE_FILE_BYTES)).toString('utf8');
    }
    catch (e) {
        const why = e instanceof Error ? e.message : String(e);
        throw new errors/* InputError */.d(load_machine_INPUT, given, `cannot read the file (${why}); allowed: a path to a machine description JSON file, or the JSON itself.`);
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
    const gpus = machine.gpus.slice(0, MACHINE_LIMITS.gpus).map((g) => (g.name.length > MACHINE_LIMITS.nameChars ? { ...g, name: (0,limits/* shorten */.ml)(g.name, MACHINE_LIMITS.nameChars) } : g));
    const cutList = (items, max, what) => {
        const kept = items.slice(0, max).map((t) => (0,limits/* shorten */.ml)(t, MACHINE_LIMITS.textChars));
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

// EXTERNAL MODULE: ./src/data/pytorch.ts
var pytorch = __nccwpck_require__(743);
// EXTERNAL MODULE: ./src/data/rocm.ts
var rocm = __nccwpck_require__(909);
// EXTERNAL MODULE: ./src/data/nvidia-drivers.ts
var nvidia_drivers = __nccwpck_require__(339);
// EXTERNAL MODULE: ./src/plan/nvidia.ts + 2 modules
var plan_nvidia = __nccwpck_require__(154);
;// CONCATENATED MODULE: ./src/plan/amd.ts



/** The newest release in the data with a ROCm build listing the gfx, and its newest such build. */
function newestRocmFor(gfx) {
    for (let i = pytorch/* RELEASES */.pH.length - 1; i >= 0; i--) {
        const r = pytorch/* RELEASES */.pH[i];
        const hits = r.rocm.filter((v) => (0,rocm/* rocmGfxList */.pA)(v, r.line)?.includes(gfx)).sort((a, b) => (0,pep440.compare)((0,pytorch/* rocmOfVariant */.iS)(b) ?? '0', (0,pytorch/* rocmOfVariant */.iS)(a) ?? '0'));
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
    const untargetedIgpu = (g) => g.gfx !== undefined && (0,rocm/* isIntegratedGfx */.Tm)(g.gfx) && !(0,rocm/* anyRocmBuildTargets */.En)(g.gfx);
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
function orList(items) {
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
        const hint = (0,rocm/* hsaOverrideFor */.ul)(gx);
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
        return `${orList(covering(g).filter((o) => o.line === line).map((o) => o.variant))} of torch ${line}`;
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

// EXTERNAL MODULE: ./src/package-name.ts
var package_name = __nccwpck_require__(999);
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





const KNOWN = `torch ${pytorch/* OLDEST_RELEASE */.AP} to ${pytorch/* NEWEST_RELEASE */.Pp}`;
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
function ok(version, spec) {
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
        throw new errors/* InputError */.d('torch-version', input, problem);
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
    return { source: 'torch-version', wants: s, accepts: (v) => ok(v, spec), exact };
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
        const project = (0,package_name/* normalizeName */.P)(c.project);
        // A local label (torch==2.5.1+cu124) says which build; the backend decides that here.
        const spec = c.specifier.trim().replace(/\+[A-Za-z0-9.]+/g, '');
        const wants = `${project}${c.specifier.trim()}`;
        if (spec !== '' && !(0,pep440.validRange)(spec)) {
            throw new errors/* InputError */.d('requirements', wants, `${c.source}: ${JSON.stringify(c.specifier)} is not a PEP 440 specifier`);
        }
        const base = { source: c.source, wants };
        switch (project) {
            case 'torch':
                rules.push({ ...base, accepts: (v) => ok(v, spec), exact: exactPin(spec) });
                break;
            case 'torchvision':
                rules.push({
                    ...base,
                    accepts: (v) => {
                        const vision = torchvisionFor(v);
                        return vision !== null && ok(vision, spec);
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
                        return audio !== null && ok(audio, spec);
                    },
                });
                break;
            case 'xformers': {
                const matching = XFORMERS.filter((x) => ok(x.xformers, spec));
                if (matching.length === 0) {
                    warnings.push(`${c.source} wants ${wants}, which is not in torchcraft's xformers table (known up to ${XFORMERS[XFORMERS.length - 1].xformers}); ` +
                        `its torch pin is unknown, so it does not constrain the plan, and installing it may replace torch.`);
                    break;
                }
                rules.push({ ...base, accepts: (v) => matching.some((x) => ok(v, x.torch)) });
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
            throw new errors/* InputError */.d('torch-version', torchVersion, `${r.exact} is a pre-release, and the stable channel holds released versions only; ${where}`);
        }
        throw new errors/* InputError */.d('requirements', `${r.source}: ${r.wants}`, `${r.source} pins torch ${r.exact}, a pre-release, and the stable channel holds released versions only; ${where}`);
    }
}
function allKnownVersions() {
    return pytorch/* RELEASES */.pH.flatMap((r) => r.versions);
}
/** Versions past the data that a rule might ask for: the next patch, the next lines, 3.0. */
function futureProbes() {
    const newest = pytorch/* RELEASES */.pH[pytorch/* RELEASES */.pH.length - 1];
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
        const line = (0,pytorch/* lineOf */.cA)(v);
        const facts = (0,pytorch/* releaseFacts */.tc)(line);
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
    return out.sort((a, b) => (0,pytorch/* compareLines */.lZ)(b.facts.line, a.facts.line)).flatMap(splitByPatch);
}
/**
 * A line whose patch versions publish different wheels (2.12.0 has 3.13t, 2.12.1 has
 * cu129) as one match per group, newest first: each with the group's facts and the
 * allowed versions in it, so a choice made on a group pins a version that has it.
 */
function splitByPatch(m) {
    const groups = (0,pytorch/* patchGroups */.BW)(m.facts);
    if (groups.length === 1)
        return [m];
    const out = [];
    for (const g of [...groups].reverse()) {
        const allowed = m.allowed.filter((v) => (0,pytorch/* groupOfVersion */.ZF)(m.facts, v) === g || sameGroup((0,pytorch/* groupOfVersion */.ZF)(m.facts, v), g));
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
        .filter((e) => e !== undefined && (0,pep440.valid)(e) !== null && (0,pytorch/* releaseFacts */.tc)((0,pytorch/* lineOf */.cA)(e)) !== null);
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
            return new errors/* InputError */.d('torch-version', torchVersion, `no torch release matches it (torchcraft knows ${KNOWN})`);
        return new errors/* InputError */.d('requirements', `${r.source}: ${r.wants}`, `${r.source} wants ${r.wants}, which no torch release satisfies (torchcraft knows ${KNOWN})`);
    }
    const tv = rules.find((r) => r.source === 'torch-version');
    const pins = rules.filter((r) => r !== tv);
    if (tv) {
        for (const r of pins) {
            if (!matches(r).some((v) => tv.accepts(v))) {
                return new errors/* InputError */.d('requirements', `${r.source}: ${r.wants}`, `${r.source} wants ${r.wants} but torch-version is ${tv.wants}`);
            }
        }
    }
    for (let i = 0; i < pins.length; i++) {
        for (let j = i + 1; j < pins.length; j++) {
            const [a, b] = [pins[i], pins[j]];
            if (!matches(a).some((v) => b.accepts(v))) {
                return new errors/* InputError */.d('requirements', `${a.source}: ${a.wants}`, `${a.source} wants ${a.wants} but ${b.source} wants ${b.wants}${groupsHint(a.source, b.source)}`);
            }
        }
    }
    const all = rules.map((r) => (r.source === 'torch-version' ? `torch-version ${r.wants}` : `${r.source} wants ${r.wants}`)).join('; ');
    return new errors/* InputError */.d('requirements', rules.map((r) => r.wants).join(', '), `no torch release satisfies all of: ${all}`);
}
/**
 * Builds named by local labels in the project's pins (torch, torchvision, torchaudio).
 * A labelled pin only matches that exact build (PEP 440), so the project's own
 * install would replace any other build: the plan must use it.
 */
function pinnedBuilds(constraints) {
    const found = [];
    for (const c of constraints) {
        const project = (0,package_name/* normalizeName */.P)(c.project);
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
        if (!named.has((0,package_name/* normalizeName */.P)(c.project)))
            named.set((0,package_name/* normalizeName */.P)(c.project), c);
    const names = ['torch'];
    const add = (n) => {
        if (n !== '' && !names.includes(n))
            names.push(n);
    };
    const requested = input.requested.length > 0 ? input.requested : ['torch', 'torchvision', 'torchaudio'];
    for (const n of requested)
        add((0,package_name/* normalizeName */.P)(n));
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
                if ((0,pytorch/* cudaOfVariant */.MJ)(variant) === null) {
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
    const onPlatform = lines.filter((m) => (0,pytorch/* variantsFor */.IQ)(m.facts, machine.os, machine.arch).length > 0);
    if (onPlatform.length === 0)
        throw new errors/* InputError */.d(versionInput, versionValue, platformProblem(machine.os, machine.arch, lines));
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
            throw new errors/* InputError */.d('python-version', machine.python ?? python.minor, `${asked} publishes wheels for ${pythonRange(onPlatform, machine)} on ${where}, not Python ${python.minor}${python.freeThreaded ? 't' : ''}`);
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
        const known = facts.provisional ? `newest known: ${pytorch/* NEWEST_RELEASE */.Pp}` : `it knows torch ${facts.line} up to ${facts.versions[facts.versions.length - 1]}`;
        const future = facts.provisional ? (0,pytorch/* futureNotes */.HK)(facts.line) : [];
        notes.warnings.push(`torch ${choice.match.exact ?? facts.line} is newer than torchcraft's data (${known}); planned from the newest known release's pattern` +
            (future.length > 0 ? `, knowing that ${future.join('; ')}` : '') +
            '. Check the choice against the release notes.');
    }
    if (pythonLimit) {
        // Warn only when Python alone holds the plan back: planned without it, a newer release would be chosen.
        const scratch = { reasons: [], warnings: [] };
        const free = backend === 'auto' ? chooseAuto(onPlatform, machine, platform, scratch) : chooseExplicit(onPlatform, backend, machine, platform, scratch);
        if ((0,pytorch/* compareLines */.lZ)(free.match.facts.line, facts.line) > 0) {
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
        const pypiCuda = (0,pytorch/* cudaOfVariant */.MJ)((0,pytorch/* pypiDefaultFor */.f7)(newest.facts, machine.os, machine.arch)) !== null;
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
    const { tegra, others } = (0,plan_nvidia/* splitTegra */.ic)(all);
    const jetson = tegra.map(plan_nvidia/* tegraSentence */.Fv);
    if (others.length === 0)
        return { choice: null, why: jetson };
    const r = chooseCudaFor(candidates, machine, platform, others, notes);
    if (r.choice)
        notes.warnings.push(...jetson);
    return r.choice ? r : { choice: null, why: [...jetson, ...r.why] };
}
function chooseCudaFor(candidates, machine, platform, gpus, notes) {
    const driver = (0,plan_nvidia/* driverInfo */.LQ)(gpus);
    for (const g of (0,plan_nvidia/* distinctCards */.Su)(gpus)) {
        if ((0,plan_nvidia/* capabilityOf */.OX)(g) === null) {
            notes.warnings.push(`The compute capability of ${g.name} is unknown (the driver did not report it and torchcraft does not know the name); it is assumed to be covered: check torch.cuda.is_available() after installing.`);
        }
    }
    if (!(0,plan_nvidia/* driverKnown */.yB)(driver)) {
        notes.warnings.push(`No NVIDIA driver version was detected for ${(0,plan_nvidia/* gpuNames */.Vv)(gpus)} (nvidia-smi and /proc/driver/nvidia/version gave none); planned the covering CUDA build that needs the oldest driver. Install or expose the driver, or set backend explicitly.`);
    }
    else if (driver.cudaFromBranch && driver.version) {
        notes.reasons.push(`The driver's own CUDA version was not reported; driver ${driver.version} belongs to the branch that runs CUDA ${driver.cuda}.`);
    }
    else if (driver.version && driver.cuda === null) {
        notes.reasons.push(`Driver ${driver.version} predates every branch torchcraft knows (R418+), so it runs no CUDA build natively.`);
    }
    if (platform === 'windows-aarch64' || platform.startsWith('macos')) {
        return { choice: null, why: [`${(0,plan_nvidia/* gpuNames */.Vv)(gpus)} not used: PyTorch publishes no CUDA builds for ${platform.replace('-', '/')}.`] };
    }
    const newest = candidates[0];
    const all = firstUsable(candidates, machine, platform, gpus, driver);
    if (all.found) {
        const { m, options, picked } = all.found;
        decideCuda(m, options, picked, gpus, driver, newest, machine, notes);
        if (all.newestWhy)
            notes.warnings.push(`${all.newestWhy} Planned torch ${(0,pytorch/* releaseLabel */.wr)(m.facts)} instead.`);
        return { choice: { match: m, variant: picked.variant, accelerator: 'nvidia', compatibilityMode: (0,plan_nvidia/* driverKnown */.yB)(driver) && !picked.native }, why: [] };
    }
    const whyAll = all.newestWhy ?? `No CUDA build of torch ${describeLines(candidates)} runs ${(0,plan_nvidia/* gpuNames */.Vv)(gpus)}.`;
    // Mixed GPUs no single build covers: a build for the most capable GPUs beats the CPU build
    // that uses none. Drop the least capable cards one capability at a time.
    const caps = [...new Set(gpus.map((g) => (0,plan_nvidia/* capabilityOf */.OX)(g)).filter((c) => c !== null).map((c) => c[0] * 100 + c[1]))].sort((a, b) => b - a);
    for (let keep = caps.length - 1; keep >= 1; keep--) {
        const floor = caps[keep - 1];
        const served = gpus.filter((g) => {
            const c = (0,plan_nvidia/* capabilityOf */.OX)(g);
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
        const label = (0,pytorch/* releaseLabel */.wr)(m.facts);
        notes.warnings.push(`No single CUDA build covers every GPU here, so ${picked.variant} of torch ${label} is planned for the most capable: ${(0,plan_nvidia/* gpuNames */.Vv)(served)}. ` +
            `${(0,plan_nvidia/* gpuLabels */.W1)(unserved)} ${unserved.length > 1 ? 'are' : 'is'} not served by it (${(0,plan_nvidia/* distinctCards */.Su)(unserved).map((g) => `${g.name} needs ${(0,plan_nvidia/* needsText */.RS)(g)}`).join('; ')}). ` +
            `Hide ${unserved.length > 1 ? 'them' : 'it'} from torch with CUDA_VISIBLE_DEVICES=${visible.join(',')} (with CUDA_DEVICE_ORDER=PCI_BUS_ID, counted as nvidia-smi counts), or torch will list ${unserved.length > 1 ? 'them' : 'it'} and fail on ${unserved.length > 1 ? 'them' : 'it'}.`);
        notes.reasons.push(`No single CUDA build of torch ${describeLines(candidates)} covers all ${gpus.length} NVIDIA GPUs here, so the build is chosen for the most capable ones (${(0,plan_nvidia/* gpuNames */.Vv)(served)}) rather than the CPU build that uses none.`);
        return { choice: { match: m, variant: picked.variant, accelerator: 'nvidia', compatibilityMode: (0,plan_nvidia/* driverKnown */.yB)(driver) && !picked.native, served }, why: [] };
    }
    return { choice: null, why: [whyAll] };
}
/** The newest candidate with a usable CUDA build for the GPUs, and why the newest has none. */
function firstUsable(candidates, machine, platform, gpus, driver) {
    let newestWhy = null;
    for (const m of candidates) {
        const options = (0,plan_nvidia/* evaluateCuda */.NA)(m.facts, platform, machine.os, gpus, driver);
        const picked = (0,plan_nvidia/* pickCuda */.Rb)(options, driver);
        if (picked)
            return { found: { m, options, picked }, newestWhy };
        // The newest line (all its patch groups) explains itself once.
        if (m.facts.line === candidates[0].facts.line && newestWhy === null)
            newestWhy = (0,plan_nvidia/* explainNoCuda */.aC)(m.facts, options, platform, machine.os, gpus, driver);
    }
    return { found: null, newestWhy };
}
/** The reasons and warnings of a CUDA choice for these GPUs. */
function decideCuda(m, options, picked, gpus, driver, newest, machine, notes) {
    const counted = new Map();
    for (const g of gpus)
        counted.set((0,plan_nvidia/* gpuLabel */.FC)(g), (counted.get((0,plan_nvidia/* gpuLabel */.FC)(g)) ?? 0) + 1);
    for (const g of (0,plan_nvidia/* distinctCards */.Su)(gpus)) {
        if ((0,plan_nvidia/* capabilityOf */.OX)(g))
            notes.reasons.push(`${(0,plan_nvidia/* gpuLabels */.W1)(gpus.filter((x) => (0,plan_nvidia/* gpuLabel */.FC)(x) === (0,plan_nvidia/* gpuLabel */.FC)(g)))} ${(counted.get((0,plan_nvidia/* gpuLabel */.FC)(g)) ?? 1) > 1 ? 'need' : 'needs'} ${(0,plan_nvidia/* needsText */.RS)(g)}.`);
    }
    notes.reasons.push((0,plan_nvidia/* driverSentence */.SX)(picked, driver, machine.os));
    const compatibilityMode = (0,plan_nvidia/* driverKnown */.yB)(driver) && !picked.native;
    const label = (0,pytorch/* releaseLabel */.wr)(m.facts);
    const newestText = m === newest ? 'the newest release allowed' : `the newest release with a usable build (torch ${newest.facts.line} has none here)`;
    notes.reasons.push(`Chose ${picked.variant} of torch ${label}, ${newestText}${compatibilityMode ? ', in minor-version compatibility mode' : ''}.`);
    if (picked.arch?.unconfirmed) {
        notes.warnings.push(`${picked.variant} of torch ${label} was chosen on an unconfirmed architecture list (${picked.arch.unconfirmed}): check torch.cuda.get_arch_list() after installing.`);
    }
    if (compatibilityMode) {
        const native = options.filter((o) => o.native && o.uncovered.length === 0);
        const last = (0,plan_nvidia/* lastBranchOf */.Ad)(gpus);
        const lastCuda = last ? (0,nvidia_drivers/* cudaOfBranch */.dJ)(last.branch) : null;
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
    return platform === 'linux-x86_64' ? [...facts.rocm].sort((a, b) => (0,pep440.compare)((0,pytorch/* rocmOfVariant */.iS)(b) ?? '0', (0,pytorch/* rocmOfVariant */.iS)(a) ?? '0')) : [];
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
            const list = (0,rocm/* rocmGfxList */.pA)(variant, m.facts.line);
            if (!list)
                continue;
            options.push({ variant, line: m.facts.line, gfx: list });
            if (!gfx.every((x) => list.includes(x)))
                continue;
            notes.reasons.push(`${amdLabels(required)} ${required.length > 1 ? 'are' : 'is'} in the gfx list of ${variant}.`);
            notes.reasons.push(`Chose ${variant} of torch ${(0,pytorch/* releaseLabel */.wr)(m.facts)}, the newest release and ROCm with a build for ${gfx.join(', ')}.`);
            for (const x of gfx) {
                const trouble = (0,rocm/* unconfirmedGfxTrouble */.Bi)(x, variant);
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
        throw new errors/* InputError */.d('requirements', pins.map((p) => p.wants).join(', '), `${pins.map((p) => `${p.source} pins the ${p.variant} build (${p.wants})`).join(' but ')}: one environment holds one build${groupsHint(a.source, b.source)}.`);
    }
    const [pin] = pins;
    if (!candidates.some((m) => (0,pytorch/* variantsFor */.IQ)(m.facts, machine.os, machine.arch).includes(pin.variant))) {
        throw new errors/* InputError */.d('requirements', pin.wants, `${pin.source} pins the ${pin.variant} build, which PyTorch does not publish for ${machine.os}/${machine.arch} on the releases the pins allow.`);
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
    throw new errors/* InputError */.d('backend', request.backend, `${other.source} pins the ${other.variant} build (${other.wants}), which only that build satisfies; set backend ${other.variant} or auto, or change the pin.`);
}
function chooseExplicit(candidates, backend, machine, platform, notes) {
    const where = `${machine.os}/${machine.arch}`;
    const match = candidates.find((m) => (0,pytorch/* variantsFor */.IQ)(m.facts, machine.os, machine.arch).includes(backend));
    if (!match) {
        const newest = candidates[0].facts;
        const elsewhere = pytorch/* RELEASES */.pH.filter((r) => (0,pytorch/* variantsFor */.IQ)(r, machine.os, machine.arch).includes(backend)).map((r) => r.line);
        const also = elsewhere.length > 0 ? `; ${backend} is published for ${where} on torch ${elsewhere[0]}${elsewhere.length > 1 ? `-${elsewhere[elsewhere.length - 1]}` : ''}` : '';
        throw new errors/* InputError */.d('backend', backend, `allowed for ${where} on torch ${newest.line}: ${(0,pytorch/* variantsFor */.IQ)(newest, machine.os, machine.arch).join(', ')}${also}`);
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
    const cuda = (0,pytorch/* cudaOfVariant */.MJ)(backend);
    if (cuda) {
        accelerator = 'nvidia';
        const { tegra, others } = (0,plan_nvidia/* splitTegra */.ic)(nvidia);
        for (const g of tegra)
            notes.warnings.push(`Backend ${backend} was used as asked, but ${(0,plan_nvidia/* tegraSentence */.Fv)(g)}`);
        if (nvidia.length === 0)
            notes.warnings.push(`Backend ${backend} was asked for, but no NVIDIA GPU was detected: torch will run on the CPU here (fine when building for another machine).`);
        else if (others.length > 0) {
            const driver = (0,plan_nvidia/* driverInfo */.LQ)(others);
            const option = (0,plan_nvidia/* evaluateCuda */.NA)(match.facts, platform, machine.os, others, driver).find((o) => o.variant === backend);
            const driverRuns = option !== undefined && (option.native || option.compat || !(0,plan_nvidia/* driverKnown */.yB)(driver));
            if (option && option.usable) {
                compatibilityMode = (0,plan_nvidia/* driverKnown */.yB)(driver) && !option.native;
                notes.reasons.push((0,plan_nvidia/* driverSentence */.SX)(option, driver, machine.os));
            }
            else if (option && option.arch !== null && driverRuns && option.uncovered.length < others.length) {
                // Some GPUs run it: the advice for a machine no single build covers (pick one GPU, hide the rest).
                compatibilityMode = (0,plan_nvidia/* driverKnown */.yB)(driver) && !option.native;
                notes.reasons.push((0,plan_nvidia/* driverSentence */.SX)(option, driver, machine.os));
                const runs = others.filter((g) => !option.uncovered.includes(g));
                served = runs;
                notes.warnings.push(`Backend ${backend} was used as asked: it runs ${runs.map((g) => g.name).join(', ')}, but ${option.uncovered.map(plan_nvidia/* gpuLabel */.FC).join(', ')} ${option.uncovered.length > 1 ? 'are' : 'is'} not covered by ${backend} of torch ${match.facts.line}: ` +
                    `hide ${option.uncovered.length > 1 ? 'them' : 'it'} from torch with CUDA_VISIBLE_DEVICES (counted as nvidia-smi counts with CUDA_DEVICE_ORDER=PCI_BUS_ID).`);
            }
            else if (option) {
                served = [];
                const problem = option.uncovered.length > 0
                    ? `${option.uncovered.map(plan_nvidia/* gpuLabel */.FC).join(', ')} ${option.uncovered.length > 1 ? 'are' : 'is'} not covered by ${backend} of torch ${match.facts.line}`
                    : (0,plan_nvidia/* explainNoCuda */.aC)(match.facts, [option], platform, machine.os, others, driver).replace(/\.$/, '');
                notes.warnings.push(`Backend ${backend} was used as asked, but it cannot use the GPU here: ${problem}. Set backend auto to let torchcraft choose.`);
            }
        }
    }
    else if (backend.startsWith('rocm')) {
        accelerator = 'amd';
        const list = (0,rocm/* rocmGfxList */.pA)(backend, match.facts.line) ?? [];
        if (amd.length === 0)
            notes.warnings.push(`Backend ${backend} was asked for, but no AMD GPU was detected: torch will run on the CPU here.`);
        const { required, ignored } = splitAmd(amd);
        for (const g of ignored)
            notes.warnings.push(ignoredIgpuWarning(g, required));
        for (const g of required) {
            if (!g.gfx || !list.includes(g.gfx)) {
                const hint = g.gfx ? (0,rocm/* hsaOverrideFor */.ul)(g.gfx) : null;
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
    const [major, minor] = pytorch/* NEWEST_RELEASE */.Pp.split('.').map(Number);
    const line = `${major}.${minor + 1}`;
    const facts = (0,pytorch/* releaseFacts */.tc)(line);
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
        return (0,pytorch/* freeThreadedFor */.XR)(facts, machine.os, machine.arch).includes(python.minor);
    return (0,pytorch/* pythonsFor */.HC)(facts, machine.os, machine.arch).includes(python.minor);
}
/**
 * When the machine's Python rules out newer releases the version rules allow:
 * the reason saying so, and the words the warning needs.
 */
function pythonLimitOf(python, onPlatform, candidates, machine, ruled) {
    const limit = candidates[0].facts.line;
    const excluded = onPlatform.filter((m) => (0,pytorch/* compareLines */.lZ)(m.facts.line, limit) > 0);
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
    const all = [...new Set(lines.flatMap((m) => (0,pytorch/* freeThreadedFor */.XR)(m.facts, machine.os, machine.arch)))].sort(pep440.compare);
    return all.length === 0 ? 'no free-threaded Python' : `Python ${all.map((v) => `${v}t`).join(', ')}`;
}
function pythonRange(lines, machine) {
    const all = [...new Set(lines.flatMap((m) => (0,pytorch/* pythonsFor */.HC)(m.facts, machine.os, machine.arch)))].sort(pep440.compare);
    return all.length === 0 ? 'no Python' : `Python ${all[0]}-${all[all.length - 1]}`;
}
function platformProblem(os, arch, lines) {
    const published = pytorch/* RELEASES */.pH.filter((r) => (0,pytorch/* variantsFor */.IQ)(r, os, arch).length > 0);
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
    const sorted = [...lines].sort((a, b) => (0,pytorch/* compareLines */.lZ)(a.facts.line, b.facts.line));
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

// EXTERNAL MODULE: ./src/gpu-warnings.ts
var gpu_warnings = __nccwpck_require__(287);
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
        const warnings = (0,limits/* capItems */.P1)((0,gpu_warnings/* runWarnings */.NH)(plan), MAX_HEADER_WARNINGS, (n) => (0,limits/* andMore */.v)(n, 'warnings (see the log or the job summary)'));
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
    const dir = (0,external_node_path_.dirname)(path);
    await (0,promises_.mkdir)(dir, { recursive: true });
    // The name's start only: a long name must fail (or not) on its own length, not on the suffix.
    const temp = (0,external_node_path_.join)(dir, `.${(0,external_node_path_.basename)(path).slice(0, 100)}.${process.pid}.${(0,external_node_crypto_namespaceObject.randomBytes)(4).toString('hex')}.tmp`);
    try {
        const handle = await (0,promises_.open)(temp, 'w', 0o644);
        try {
            await handle.writeFile(content, 'utf8');
            await handle.sync();
        }
        finally {
            await handle.close();
        }
        await (0,promises_.rename)(temp, path);
    }
    catch (e) {
        await (0,promises_.rm)(temp, { force: true });
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


const REASONS = {
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
        return `${REASONS[code] ?? 'the system refused it'} (${code})`;
    return e instanceof Error ? e.message : String(e);
}
/** Write the file atomically, or throw InputError('requirements-path', given, why). */
async function writeRequirementsFile(path, given, text) {
    try {
        await writeFileAtomic(path, text);
    }
    catch (e) {
        throw new errors/* InputError */.d('requirements-path', given, `torchcraft.txt cannot be written there: ${describeWriteError(e)}; allowed: a file path in a folder this job can write, such as torchcraft.txt or ci/torch.txt.`);
    }
}

// EXTERNAL MODULE: ./src/requirements/project-file.ts
var project_file = __nccwpck_require__(404);
// EXTERNAL MODULE: ./src/secrets.ts
var secrets = __nccwpck_require__(194);
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
            text = await readMachineFile((0,external_node_path_.resolve)(ctx.cwd, given), given);
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
    // The readers (and the TOML parser) load only when there are project files to read.
    const project = options.requirements.length > 0
        ? await (await Promise.all(/* import() */[__nccwpck_require__.e(292), __nccwpck_require__.e(615)]).then(__nccwpck_require__.bind(__nccwpck_require__, 615))).readProjectRequirements(options.requirements, machine, { extras: options.extras, cwd: ctx.cwd, workspace: ctx.env.GITHUB_WORKSPACE, env: ctx.env })
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
    const requirementsPath = (0,external_node_path_.resolve)(ctx.cwd, options.requirementsPath);
    if ((await (0,promises_.stat)(requirementsPath).catch(() => undefined))?.isDirectory()) {
        throw new errors/* InputError */.d('requirements-path', options.requirementsPath, 'is an existing folder; allowed: a file path such as torchcraft.txt or ci/torch.txt.');
    }
    const text = renderRequirementsFile(plan, { fileName: (0,external_node_path_.basename)(requirementsPath) });
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
        if (!(e instanceof errors/* InputError */.d) || e.input !== 'python-version' || options.pythonVersion !== undefined)
            throw e;
        if (options.machine !== undefined) {
            throw new errors/* InputError */.d('machine', options.machine.trim().startsWith('{') ? 'inline JSON' : options.machine, `its "python" is ${e.value}: ${e.problem}`);
        }
        throw new errors/* InputError */.d('python', options.python ?? 'python', `it is Python ${e.value}: ${e.problem}. Use another interpreter, or set python-version to plan for another Python.`);
    }
}
/** Write torchcraft.txt (atomically) unless this is a dry run. */
async function writeRequirements(run, ctx) {
    if (ctx.dryRun)
        return;
    // A path from an input can point anywhere on the runner: writing outside the workspace (or RUNNER_TEMP) is said.
    const { GITHUB_WORKSPACE: workspace, RUNNER_TEMP: temp } = ctx.env;
    if (workspace && !(0,project_file/* isInside */.FK)(run.requirementsPath, (0,external_node_path_.resolve)(workspace)) && !(temp && (0,project_file/* isInside */.FK)(run.requirementsPath, (0,external_node_path_.resolve)(temp)))) {
        ctx.log.warning(`requirements-path: ${run.requirementsPath} is outside the workspace (${workspace}); torchcraft.txt is written there as asked. Write it under the workspace or RUNNER_TEMP if that was not meant.`);
    }
    const rel = (0,external_node_path_.relative)(ctx.cwd, run.requirementsPath);
    await writeRequirementsFile(run.requirementsPath, rel === '' || rel.startsWith('..') || (0,external_node_path_.isAbsolute)(rel) ? run.requirementsPath : rel, run.text);
}
/** The optional install step, into the chosen interpreter. */
async function installRun(run, options, ctx) {
    // Loaded here, not at start-up: a plan-only run (most runs) never needs the installer.
    const { installAndVerify } = await __nccwpck_require__.e(/* import() */ 577).then(__nccwpck_require__.bind(__nccwpck_require__, 577));
    return installAndVerify(run.plan, {
        python: options.python ?? (await defaultPython()),
        installer: options.installer,
        retries: options.retries,
        verify: options.verify,
        requireGpu: options.requireGpu,
        requirementsPath: run.requirementsPath,
        env: ctx.env,
        secrets: (0,secrets/* secretsInUrl */.Ct)(options.indexBaseUrl),
        names: ctx.names,
        // So a plan that does not fit the interpreter names the setting that made it.
        pythonVersionGiven: options.pythonVersion !== undefined,
        machineGiven: options.machine !== undefined,
    }, ctx.log);
}
/** `python` as actions/setup-python leaves it on PATH, else `python3` (Debian and macOS have only that). */
async function defaultPython() {
    for (const name of ['python', 'python3']) {
        const found = await (0,io/* which */.K7)(name, false).catch(() => '');
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
    return (0,limits/* shorten */.ml)(value.replace(BREAKS_AND_CONTROLS, ' ').replace(/ {2,}/g, ' ').trim(), MAX_OUTPUT_CHARS);
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
        indexUrl: plan.indexUrl === null ? null : (0,secrets/* redactUrl */.BO)(plan.indexUrl),
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
        'index-url': plan.indexUrl === null ? PYPI_INDEX_URL : (0,secrets/* redactUrl */.BO)(plan.indexUrl),
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
    out.push(`  index    ${plan.indexUrl === null ? `${PYPI_INDEX_URL} (PyPI's default)` : (0,secrets/* redactUrl */.BO)(plan.indexUrl)}`);
    out.push(`  packages ${plan.packages.map(requirements_file_requirementLine).join(' ')}`);
    out.push('', style.bold('Why:'));
    for (const r of plan.reasons)
        out.push(`  - ${r}`);
    const warnings = (0,gpu_warnings/* runWarnings */.NH)(plan);
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
        out.push(`Dry run: ${options.shownPath} not written. It would read:`, '', (0,secrets/* redactText */.Rd)(run.text));
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

// EXTERNAL MODULE: ./src/setting-names.ts
var setting_names = __nccwpck_require__(18);
;// CONCATENATED MODULE: external "node:url"
const external_node_url_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:url");
// EXTERNAL MODULE: ./src/requirements/family.ts
var family = __nccwpck_require__(734);
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




const MARKER = 'TORCHCRAFT_FAMILY ';
const TIMEOUT_MS = 120_000;
// -I: neither the current folder nor PYTHON* variables may answer for the interpreter.
// The first distribution of a name on sys.path is the one Python imports (as metadata.version does).
const SCRIPT = `
import json, re, sys
from importlib import metadata
family = set(json.loads(sys.argv[1]))
found = {}
for d in metadata.distributions():
    raw = d.metadata["Name"] or ""
    name = re.sub(r"[-_.]+", "-", raw).lower()
    if (name in family or name.startswith("pytorch-triton-")) and name not in found:
        found[name] = d.version
print(${JSON.stringify(MARKER)} + json.dumps(found))
`;
/** The family's installed distributions, torch first; a string says why they could not be read. */
async function installedFamily(python, env) {
    const r = await (0,run_tool/* runTool */.qI)(python, ['-I', '-c', SCRIPT, JSON.stringify(family/* PYTORCH_FAMILY */.pS)], { timeoutMs: TIMEOUT_MS, env });
    const line = r.stdout.split(/\r?\n/).find((l) => l.startsWith(MARKER));
    if (!line)
        return `${python} did not list its packages (${r.spawnError ?? (r.timedOut ? 'timed out' : `exit code ${r.exitCode}`)})`;
    let found;
    try {
        found = JSON.parse(line.slice(MARKER.length));
    }
    catch {
        return `${python} listed its packages unreadably`;
    }
    const packages = Object.entries(found)
        .filter((e) => typeof e[1] === 'string' && /^[A-Za-z0-9.+!_-]+$/.test(e[1]))
        .map(([name, version]) => ({ name, version }));
    const order = (n) => (family/* PYTORCH_FAMILY */.pS.includes(n) ? family/* PYTORCH_FAMILY */.pS.indexOf(n) : family/* PYTORCH_FAMILY */.pS.length);
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
    const path = (0,external_node_path_.resolve)(ctx.cwd, file);
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
    const ctx = { cwd: io.cwd, env: io.env, platform: io.platform, arch: io.arch, log, dryRun: flags['dry-run'] === true, names: setting_names/* CLI_NAMES */.Q4 };
    try {
        const options = parseOptions(raw);
        if (command === 'detect') {
            io.stdout(`${terminalJson(await resolveMachine(options, ctx))}\n`);
            return 0;
        }
        const run = await planRun(options, ctx);
        await writeRequirements(run, ctx);
        const shownPath = (0,external_node_path_.relative)(io.cwd, run.requirementsPath) || run.requirementsPath;
        const noGpu = options.requireGpu ? (0,gpu_warnings/* requireGpuFailure */.uo)(run.plan) : undefined;
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
        if (e instanceof errors/* InputError */.d) {
            io.stderr(`torchcraft: ${e.forCli()}\n`);
            return 2;
        }
        io.stderr(`torchcraft failed unexpectedly: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
        return 1;
    }
}


/***/ }),

/***/ 339:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   Nl: () => (/* binding */ lastDriverBranch),
/* harmony export */   UZ: () => (/* binding */ nativeMinimumDriver),
/* harmony export */   Z_: () => (/* binding */ cudaOfDriver),
/* harmony export */   bK: () => (/* binding */ compatMinimumDriver),
/* harmony export */   bf: () => (/* binding */ nvidiaArchName),
/* harmony export */   c5: () => (/* binding */ minimumDriverFor),
/* harmony export */   dJ: () => (/* binding */ cudaOfBranch),
/* harmony export */   rW: () => (/* binding */ compareDrivers),
/* harmony export */   wi: () => (/* binding */ parseDriver)
/* harmony export */ });
/* unused harmony exports DRIVER_BRANCHES, COMPAT_MINIMUM */
/* harmony import */ var _renovatebot_pep440__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(898);
/* harmony import */ var _renovatebot_pep440__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__nccwpck_require__.n(_renovatebot_pep440__WEBPACK_IMPORTED_MODULE_0__);
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
    return m ? (0,_renovatebot_pep440__WEBPACK_IMPORTED_MODULE_0__.valid)(m[0].trim()) : null;
}
function compareDrivers(a, b) {
    return (0,_renovatebot_pep440__WEBPACK_IMPORTED_MODULE_0__.compare)(a, b);
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
    const hit = DRIVER_BRANCHES.find(([, c]) => (0,_renovatebot_pep440__WEBPACK_IMPORTED_MODULE_0__.compare)(c, cuda) >= 0);
    return hit ? String(hit[0]) : null;
}
/** The minor-version-compatibility minimum for a CUDA version's major on an OS; null when none. */
function compatMinimumDriver(cuda, os) {
    if (os === 'macos')
        return null;
    const major = Number(cuda.split('.')[0]);
    if (major === 11 && (0,_renovatebot_pep440__WEBPACK_IMPORTED_MODULE_0__.compare)(cuda, '11.1') < 0)
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


/***/ }),

/***/ 869:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   H: () => (/* binding */ computeCapabilityFromName)
/* harmony export */ });
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


/***/ }),

/***/ 743:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   AP: () => (/* binding */ OLDEST_RELEASE),
/* harmony export */   BW: () => (/* binding */ patchGroups),
/* harmony export */   HC: () => (/* binding */ pythonsFor),
/* harmony export */   HK: () => (/* binding */ futureNotes),
/* harmony export */   IQ: () => (/* binding */ variantsFor),
/* harmony export */   MJ: () => (/* binding */ cudaOfVariant),
/* harmony export */   Pp: () => (/* binding */ NEWEST_RELEASE),
/* harmony export */   XR: () => (/* binding */ freeThreadedFor),
/* harmony export */   ZF: () => (/* binding */ groupOfVersion),
/* harmony export */   _f: () => (/* binding */ releaseGroups),
/* harmony export */   cA: () => (/* binding */ lineOf),
/* harmony export */   f7: () => (/* binding */ pypiDefaultFor),
/* harmony export */   iS: () => (/* binding */ rocmOfVariant),
/* harmony export */   lZ: () => (/* binding */ compareLines),
/* harmony export */   pH: () => (/* binding */ RELEASES),
/* harmony export */   tc: () => (/* binding */ releaseFacts),
/* harmony export */   wr: () => (/* binding */ releaseLabel)
/* harmony export */ });
/* unused harmony exports FUTURE_CHANGES, PYPI_AARCH64_CUDA_FROM, allVariants */
/* harmony import */ var _renovatebot_pep440__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(898);
/* harmony import */ var _renovatebot_pep440__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__nccwpck_require__.n(_renovatebot_pep440__WEBPACK_IMPORTED_MODULE_0__);
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
    return groups.sort((a, b) => (0,_renovatebot_pep440__WEBPACK_IMPORTED_MODULE_0__.compare)(a.versions[0], b.versions[0]));
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
        return (0,_renovatebot_pep440__WEBPACK_IMPORTED_MODULE_0__.compare)(a, b);
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
    const parsed = (0,_renovatebot_pep440__WEBPACK_IMPORTED_MODULE_0__.explain)(version);
    if (parsed)
        return `${parsed.release[0]}.${parsed.release[1] ?? 0}`;
    const [major, minor] = version.split('.');
    return `${major}.${minor ?? '0'}`;
}
function compareLines(a, b) {
    return (0,_renovatebot_pep440__WEBPACK_IMPORTED_MODULE_0__.compare)(a, b);
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
    return [...release.python, ...extra].sort((a, b) => (0,_renovatebot_pep440__WEBPACK_IMPORTED_MODULE_0__.compare)(a, b));
}
/**
 * CPython minors with free-threaded wheels ("3.14" for 3.14t) on the platform. A
 * platform with a list of its own (`pythonOn`: Windows on Arm, cp311-cp313 only) has none.
 */
function freeThreadedFor(release, os, arch) {
    const platform = `${os}-${arch}`;
    if (release.pythonOn?.[platform])
        return [];
    return [...release.freeThreaded, ...(release.freeThreadedExtra?.[platform] ?? [])].sort((a, b) => (0,_renovatebot_pep440__WEBPACK_IMPORTED_MODULE_0__.compare)(a, b));
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


/***/ }),

/***/ 909:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   Bi: () => (/* binding */ unconfirmedGfxTrouble),
/* harmony export */   En: () => (/* binding */ anyRocmBuildTargets),
/* harmony export */   Tm: () => (/* binding */ isIntegratedGfx),
/* harmony export */   pA: () => (/* binding */ rocmGfxList),
/* harmony export */   ul: () => (/* binding */ hsaOverrideFor)
/* harmony export */ });
/* unused harmony export AMD_INTEGRATED_GFX */
/* harmony import */ var _renovatebot_pep440__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(898);
/* harmony import */ var _renovatebot_pep440__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__nccwpck_require__.n(_renovatebot_pep440__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var _pytorch_js__WEBPACK_IMPORTED_MODULE_1__ = __nccwpck_require__(743);
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
    const rocm = (0,_pytorch_js__WEBPACK_IMPORTED_MODULE_1__/* .rocmOfVariant */ .iS)(variant);
    if (rocm === null)
        return null;
    if ((0,_pytorch_js__WEBPACK_IMPORTED_MODULE_1__/* .compareLines */ .lZ)(line, '2.0') < 0)
        return null;
    // TheRock builds (ROCm 7.14 and newer): the common list.
    if ((0,_renovatebot_pep440__WEBPACK_IMPORTED_MODULE_0__.compare)(rocm, '7.14') >= 0)
        return THEROCK;
    // 2.3's rocm6.0 already had gfx942 (the 6.x list), its rocm5.7 not.
    if (line === '2.3' && rocm.startsWith('6.'))
        return ROCM_60;
    let list = ROCM_20;
    for (const [from, l] of BY_RELEASE)
        if ((0,_pytorch_js__WEBPACK_IMPORTED_MODULE_1__/* .compareLines */ .lZ)(line, from) >= 0)
            list = l;
    return list;
}
/**
 * unconfirmed [3P]: gfx906 fails at run time with the rocm6.4+ and 7.x wheels (rocBLAS
 * Tensile library, ROCm/TheRock#1844; unslothai/unsloth#7354). Not used to decide; said
 * in a warning when such a build is planned for gfx906.
 */
function unconfirmedGfxTrouble(gfx, variant) {
    const rocm = (0,_pytorch_js__WEBPACK_IMPORTED_MODULE_1__/* .rocmOfVariant */ .iS)(variant);
    if (gfx !== 'gfx906' || rocm === null || (0,_renovatebot_pep440__WEBPACK_IMPORTED_MODULE_0__.compare)(rocm, '6.4') < 0)
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
    return _pytorch_js__WEBPACK_IMPORTED_MODULE_1__/* .RELEASES */ .pH.some((r) => r.rocm.some((v) => rocmGfxList(v, r.line)?.includes(gfx) === true));
}


/***/ }),

/***/ 795:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   FM: () => (/* binding */ interpreterArch),
/* harmony export */   JW: () => (/* binding */ PROBE_SCRIPT),
/* harmony export */   cL: () => (/* binding */ parsePythonProbe)
/* harmony export */ });
/* unused harmony exports PROBE_MARKER, parsePythonVersion */
/* harmony import */ var _text_js__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(892);

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
const PROBE_SCRIPT = 'import sys, os; ' +
    `print("|".join(["${PROBE_MARKER}", "%d.%d" % sys.version_info[:2], "64" if sys.maxsize > 2**32 else "32", ` +
    // os.uname().machine is what platform.machine() returns on POSIX, without importing
    // platform (and what it imports); Windows has no uname, and there platform is needed.
    `os.uname().machine if hasattr(os, "uname") else __import__("platform").machine(), ` +
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
    for (const line of (0,_text_js__WEBPACK_IMPORTED_MODULE_0__/* .linesOf */ .Dx)(text)) {
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


/***/ }),

/***/ 892:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   DX: () => (/* binding */ isDriverVersion),
/* harmony export */   Dx: () => (/* binding */ linesOf),
/* harmony export */   Gr: () => (/* binding */ normalizeMajorMinor)
/* harmony export */ });
/* unused harmony export MAX_PARSE_CHARS */
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


/***/ }),

/***/ 916:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   d: () => (/* binding */ InputError)
/* harmony export */ });
/* harmony import */ var _setting_names_js__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(18);
/* harmony import */ var _secrets_js__WEBPACK_IMPORTED_MODULE_1__ = __nccwpck_require__(194);
/* harmony import */ var _sinks_limits_js__WEBPACK_IMPORTED_MODULE_2__ = __nccwpck_require__(598);



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
        const shownValue = (0,_sinks_limits_js__WEBPACK_IMPORTED_MODULE_2__/* .shorten */ .ml)((0,_secrets_js__WEBPACK_IMPORTED_MODULE_1__/* .redactText */ .Rd)(value));
        const shownProblem = (0,_sinks_limits_js__WEBPACK_IMPORTED_MODULE_2__/* .shorten */ .ml)((0,_secrets_js__WEBPACK_IMPORTED_MODULE_1__/* .redactText */ .Rd)(problem), MAX_PROBLEM);
        super(`Invalid ${input} ${JSON.stringify(shownValue)}: ${shownProblem}`);
        this.input = input;
        this.value = shownValue;
        this.problem = shownProblem;
        this.name = 'InputError';
    }
    /** The same message, naming the input the way the CLI spells it. */
    forCli() {
        return `Invalid ${(0,_setting_names_js__WEBPACK_IMPORTED_MODULE_0__/* .cliFlag */ .vM)(this.input)} ${JSON.stringify(this.value)}: ${this.problem}`;
    }
}


/***/ }),

/***/ 287:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   NH: () => (/* binding */ runWarnings),
/* harmony export */   uo: () => (/* binding */ requireGpuFailure)
/* harmony export */ });
/* unused harmony export noGpuReason */
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


/***/ }),

/***/ 999:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   P: () => (/* binding */ normalizeName)
/* harmony export */ });
/**
 * PEP 503 normalisation: lower case, every run of `-`, `_` and `.` becomes one `-`.
 * `Torch_Vision` is `torch-vision` (a different project from `torchvision`).
 * One rule for the requirements reader and the planner, which both compare names.
 */
function normalizeName(name) {
    return name.trim().replace(/[-_.]+/g, '-').toLowerCase();
}


/***/ }),

/***/ 154:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {


// EXPORTS
__nccwpck_require__.d(__webpack_exports__, {
  OX: () => (/* binding */ capabilityOf),
  Su: () => (/* binding */ distinctCards),
  LQ: () => (/* binding */ driverInfo),
  yB: () => (/* binding */ driverKnown),
  SX: () => (/* binding */ driverSentence),
  NA: () => (/* binding */ evaluateCuda),
  aC: () => (/* binding */ explainNoCuda),
  FC: () => (/* binding */ gpuLabel),
  W1: () => (/* binding */ gpuLabels),
  Vv: () => (/* binding */ gpuNames),
  Ad: () => (/* binding */ lastBranchOf),
  RS: () => (/* binding */ needsText),
  Rb: () => (/* binding */ pickCuda),
  wA: () => (/* binding */ releaseCoveringAll),
  ic: () => (/* binding */ splitTegra),
  Fv: () => (/* binding */ tegraSentence)
});

// UNUSED EXPORTS: covers, cudaVariantsOf, sameCards, times

// EXTERNAL MODULE: ./node_modules/@renovatebot/pep440/index.js
var pep440 = __nccwpck_require__(898);
// EXTERNAL MODULE: ./src/data/pytorch.ts
var pytorch = __nccwpck_require__(743);
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
        (0,pytorch/* compareLines */.lZ)(line, r.from) >= 0 &&
        (r.to === undefined || (0,pytorch/* compareLines */.lZ)(line, r.to) <= 0));
    if (!row)
        return null;
    return row.unconfirmed ? { sass: row.sass, ptx: row.ptx, unconfirmed: row.unconfirmed } : { sass: row.sass, ptx: row.ptx };
}

// EXTERNAL MODULE: ./src/data/nvidia-drivers.ts
var nvidia_drivers = __nccwpck_require__(339);
// EXTERNAL MODULE: ./src/data/nvidia-gpus.ts
var nvidia_gpus = __nccwpck_require__(869);
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
    const versions = gpus.map((g) => (0,nvidia_drivers/* parseDriver */.wi)(g.driver)).filter((v) => v !== null).sort(nvidia_drivers/* compareDrivers */.rW);
    const cudas = gpus
        .map((g) => (g.cuda && /^\d+\.\d+$/.test(g.cuda.trim()) ? (0,pep440.valid)(g.cuda.trim()) : null))
        .filter((v) => v !== null)
        .sort(pep440.compare);
    const version = versions[0] ?? null;
    if (cudas.length > 0)
        return { version, cuda: cudas[0], cudaFromBranch: false };
    const derived = version ? (0,nvidia_drivers/* cudaOfDriver */.Z_)(version) : null;
    return { version, cuda: derived, cudaFromBranch: derived !== null };
}
function driverKnown(d) {
    return d.version !== null || d.cuda !== null;
}
/** [major, minor] of a compute capability, null when absent or malformed. */
function capabilityOf(gpu) {
    // A description without the capability still names the card: a known name tells it
    // (an unknown capability is only ever assumed covered for a name nobody knows).
    const m = /^\s*(\d+)\.(\d+)\s*$/.exec(gpu.computeCapability ?? (0,nvidia_gpus/* computeCapabilityFromName */.H)(gpu.name) ?? '');
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
        const cuda = (0,pytorch/* cudaOfVariant */.MJ)(variant) ?? '0.0';
        const arch = cudaArchList(variant, facts.line, platform);
        const native = driver.cuda !== null && (0,pep440.compare)(cuda, driver.cuda) <= 0;
        const min = (0,nvidia_drivers/* compatMinimumDriver */.bK)(cuda, os);
        const compat = !native && driver.version !== null && min !== null && (0,nvidia_drivers/* compareDrivers */.rW)(driver.version, min) >= 0;
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
    return cap ? `${g.name} (${(0,nvidia_drivers/* nvidiaArchName */.bf)(`${cap[0]}.${cap[1]}`)}, compute capability ${cap[0]}.${cap[1]})` : `${g.name} (compute capability unknown)`;
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
    const groups = (0,pytorch/* releaseGroups */._f)();
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
    for (const r of (0,pytorch/* releaseGroups */._f)()) {
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
    const newest = (0,pytorch/* releaseGroups */._f)().at(-1)?.line;
    return [...spans.entries()]
        .sort((a, b) => (0,pep440.compare)((0,pytorch/* cudaOfVariant */.MJ)(a[0]) ?? '0', (0,pytorch/* cudaOfVariant */.MJ)(b[0]) ?? '0'))
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
        .map((o) => ({ o, min: o.uncovered.length === 0 ? (0,nvidia_drivers/* minimumDriverFor */.c5)(o.cuda, os) : (0,nvidia_drivers/* nativeMinimumDriver */.UZ)(o.cuda) }))
        .filter((x) => x.min !== null)
        .sort((a, b) => (0,nvidia_drivers/* compareDrivers */.rW)(a.min, b.min));
    const archs = [...new Set(gpus.map((g) => capabilityOf(g)).filter((c) => c !== null).map((c) => (0,nvidia_drivers/* nvidiaArchName */.bf)(`${c[0]}.${c[1]}`)))];
    const who = archs.length > 0 ? archs.join(' and ') : 'these GPUs';
    if (needs.length === 0)
        return `no CUDA build of torch ${line} runs on ${driverText(driver)}.`;
    const best = needs[0];
    const last = lastBranchOf(gpus);
    if (last && (0,nvidia_drivers/* compareDrivers */.rW)(best.min, `${last.branch}.999`) > 0) {
        // No driver the GPU can have runs it: advising an update would send the user after nothing.
        return (`driver >= ${best.min} needed for ${who} on torch ${line} (${best.o.variant}, CUDA ${best.o.cuda}), but R${last.branch} is the last driver branch NVIDIA ships for ${last.arch} GPUs ` +
            `(CUDA ${(0,nvidia_drivers/* cudaOfBranch */.dJ)(last.branch) ?? '?'}), so no driver update helps: use an older torch release whose build that driver runs.`);
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
        const branch = (0,nvidia_drivers/* lastDriverBranch */.Nl)(`${cap[0]}.${cap[1]}`);
        if (branch !== null && (found === null || branch < found.branch))
            found = { branch, arch: (0,nvidia_drivers/* nvidiaArchName */.bf)(`${cap[0]}.${cap[1]}`) };
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
        const min = (0,nvidia_drivers/* minimumDriverFor */.c5)(option.cuda, os);
        return `The driver version is unknown, so torchcraft chose ${option.variant}, the covering build that needs the oldest driver${min ? ` (>= ${min})` : ''}.`;
    }
    if (option.native)
        return `${capitalise(driverText(driver))} runs CUDA ${option.cuda} natively.`;
    const min = (0,nvidia_drivers/* compatMinimumDriver */.bK)(option.cuda, os);
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
    const groups = (0,pytorch/* releaseGroups */._f)();
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
        else if ((0,pytorch/* compareLines */.lZ)(older.line, line) >= 0) {
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


/***/ }),

/***/ 860:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {


// EXPORTS
__nccwpck_require__.d(__webpack_exports__, {
  vL: () => (/* binding */ describeCommand),
  qI: () => (/* binding */ runTool)
});

// UNUSED EXPORTS: toolsStarted

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


/***/ }),

/***/ 834:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   TQ: () => (/* binding */ describeFsError),
/* harmony export */   XF: () => (/* binding */ readRegularFile)
/* harmony export */ });
/* unused harmony export FileReadError */
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(24);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__nccwpck_require__.n(node_fs__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_1__ = __nccwpck_require__(455);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__nccwpck_require__.n(node_fs_promises__WEBPACK_IMPORTED_MODULE_1__);
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
        handle = await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_1__.open)(path, node_fs__WEBPACK_IMPORTED_MODULE_0__.constants.O_RDONLY | (node_fs__WEBPACK_IMPORTED_MODULE_0__.constants.O_NONBLOCK ?? 0));
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


/***/ }),

/***/ 734:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   o5: () => (/* binding */ isPytorchFamily),
/* harmony export */   pS: () => (/* binding */ PYTORCH_FAMILY)
/* harmony export */ });
/* harmony import */ var _package_name_js__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(999);
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
    const n = (0,_package_name_js__WEBPACK_IMPORTED_MODULE_0__/* .normalizeName */ .P)(name);
    return PYTORCH_FAMILY.includes(n) || n.startsWith('pytorch-triton-');
}


/***/ }),

/***/ 404:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   FK: () => (/* binding */ isInside),
/* harmony export */   IY: () => (/* binding */ locateProjectFile),
/* harmony export */   SI: () => (/* binding */ readProjectFile),
/* harmony export */   YQ: () => (/* binding */ projectRoot)
/* harmony export */ });
/* unused harmony export MAX_PROJECT_FILE_BYTES */
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(455);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__nccwpck_require__.n(node_fs_promises__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1__ = __nccwpck_require__(760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__nccwpck_require__.n(node_path__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var _read_file_js__WEBPACK_IMPORTED_MODULE_2__ = __nccwpck_require__(834);
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
    const here = (0,node_path__WEBPACK_IMPORTED_MODULE_1__.resolve)(cwd);
    if (workspace) {
        const ws = (0,node_path__WEBPACK_IMPORTED_MODULE_1__.resolve)(workspace);
        if (isInside(here, ws))
            return ws;
    }
    return here;
}
function isInside(path, root) {
    const rel = (0,node_path__WEBPACK_IMPORTED_MODULE_1__.relative)(root, path);
    if (rel === '')
        return true;
    return !(0,node_path__WEBPACK_IMPORTED_MODULE_1__.isAbsolute)(rel) && rel.split(node_path__WEBPACK_IMPORTED_MODULE_1__.sep)[0] !== '..';
}
const realRoots = new Map();
async function realRoot(root) {
    let real = realRoots.get(root);
    if (real === undefined) {
        real = await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.realpath)(root).catch(() => root);
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
        real = await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.realpath)(path);
    }
    catch (e) {
        return { kind: 'unreadable', reason: (0,_read_file_js__WEBPACK_IMPORTED_MODULE_2__/* .describeFsError */ .TQ)(e) };
    }
    if (!isInside(real, await realRoot(root)))
        return { kind: 'link-outside' };
    return { kind: 'ok', real };
}
async function readProjectFile(real) {
    try {
        return { kind: 'ok', real, data: await (0,_read_file_js__WEBPACK_IMPORTED_MODULE_2__/* .readRegularFile */ .XF)(real, MAX_PROJECT_FILE_BYTES) };
    }
    catch (e) {
        return { kind: 'unreadable', reason: (0,_read_file_js__WEBPACK_IMPORTED_MODULE_2__/* .describeFsError */ .TQ)(e) };
    }
}


/***/ }),

/***/ 194:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   BO: () => (/* binding */ redactUrl),
/* harmony export */   Ct: () => (/* binding */ secretsInUrl),
/* harmony export */   Rd: () => (/* binding */ redactText),
/* harmony export */   _I: () => (/* binding */ scrub)
/* harmony export */ });
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


/***/ }),

/***/ 18:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   G: () => (/* binding */ ACTION_NAMES),
/* harmony export */   Q4: () => (/* binding */ CLI_NAMES),
/* harmony export */   vM: () => (/* binding */ cliFlag)
/* harmony export */ });
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


/***/ }),

/***/ 598:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   P1: () => (/* binding */ capItems),
/* harmony export */   ml: () => (/* binding */ shorten),
/* harmony export */   v: () => (/* binding */ andMore)
/* harmony export */ });
/* unused harmony export MAX_QUOTED */
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


/***/ }),

/***/ 24:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:fs");

/***/ }),

/***/ 455:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:fs/promises");

/***/ }),

/***/ 161:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:os");

/***/ }),

/***/ 760:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:path");

/***/ }),

/***/ 500:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:timers/promises");

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


/***/ }),

/***/ 918:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __nccwpck_require__) => {


// EXPORTS
__nccwpck_require__.d(__webpack_exports__, {
  K7: () => (/* binding */ which)
});

// UNUSED EXPORTS: cp, findInPath, mkdirP, mv, rmRF

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
/******/ // expose the modules object (__webpack_modules__)
/******/ __nccwpck_require__.m = __webpack_modules__;
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
/******/ /* webpack/runtime/compat get default export */
/******/ (() => {
/******/ 	// getDefaultExport function for compatibility with non-harmony modules
/******/ 	__nccwpck_require__.n = (module) => {
/******/ 		var getter = module && module.__esModule ?
/******/ 			() => (module['default']) :
/******/ 			() => (module);
/******/ 		__nccwpck_require__.d(getter, { a: getter });
/******/ 		return getter;
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
/******/ /* webpack/runtime/ensure chunk */
/******/ (() => {
/******/ 	__nccwpck_require__.f = {};
/******/ 	// This file contains only the entry chunk.
/******/ 	// The chunk loading function for additional chunks
/******/ 	__nccwpck_require__.e = (chunkId) => {
/******/ 		return Promise.all(Object.keys(__nccwpck_require__.f).reduce((promises, key) => {
/******/ 			__nccwpck_require__.f[key](chunkId, promises);
/******/ 			return promises;
/******/ 		}, []));
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/get javascript chunk filename */
/******/ (() => {
/******/ 	// This function allow to reference async chunks
/******/ 	__nccwpck_require__.u = (chunkId) => {
/******/ 		// return url for filenames based on template
/******/ 		return "" + chunkId + ".index.js";
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/hasOwnProperty shorthand */
/******/ (() => {
/******/ 	__nccwpck_require__.o = (obj, prop) => (Object.prototype.hasOwnProperty.call(obj, prop))
/******/ })();
/******/ 
/******/ /* webpack/runtime/make namespace object */
/******/ (() => {
/******/ 	// define __esModule on exports
/******/ 	__nccwpck_require__.r = (exports) => {
/******/ 		if(typeof Symbol !== 'undefined' && Symbol.toStringTag) {
/******/ 			Object.defineProperty(exports, Symbol.toStringTag, { value: 'Module' });
/******/ 		}
/******/ 		Object.defineProperty(exports, '__esModule', { value: true });
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/import chunk loading */
/******/ (() => {
/******/ 	// no baseURI
/******/ 	
/******/ 	// object to store loaded and loading chunks
/******/ 	// undefined = chunk not loaded, null = chunk preloaded/prefetched
/******/ 	// [resolve, Promise] = chunk loading, 0 = chunk loaded
/******/ 	var installedChunks = {
/******/ 		792: 0
/******/ 	};
/******/ 	
/******/ 	var installChunk = (data) => {
/******/ 		var {ids, modules, runtime} = data;
/******/ 		// add "modules" to the modules object,
/******/ 		// then flag all "ids" as loaded and fire callback
/******/ 		var moduleId, chunkId, i = 0;
/******/ 		for(moduleId in modules) {
/******/ 			if(__nccwpck_require__.o(modules, moduleId)) {
/******/ 				__nccwpck_require__.m[moduleId] = modules[moduleId];
/******/ 			}
/******/ 		}
/******/ 		if(runtime) runtime(__nccwpck_require__);
/******/ 		for(;i < ids.length; i++) {
/******/ 			chunkId = ids[i];
/******/ 			if(__nccwpck_require__.o(installedChunks, chunkId) && installedChunks[chunkId]) {
/******/ 				installedChunks[chunkId][0]();
/******/ 			}
/******/ 			installedChunks[ids[i]] = 0;
/******/ 		}
/******/ 	
/******/ 	}
/******/ 	
/******/ 	__nccwpck_require__.f.j = (chunkId, promises) => {
/******/ 			// import() chunk loading for javascript
/******/ 			var installedChunkData = __nccwpck_require__.o(installedChunks, chunkId) ? installedChunks[chunkId] : undefined;
/******/ 			if(installedChunkData !== 0) { // 0 means "already installed".
/******/ 	
/******/ 				// a Promise means "currently loading".
/******/ 				if(installedChunkData) {
/******/ 					promises.push(installedChunkData[1]);
/******/ 				} else {
/******/ 					if(true) { // all chunks have JS
/******/ 						// setup Promise in chunk cache
/******/ 						var promise = import("./" + __nccwpck_require__.u(chunkId)).then(installChunk, (e) => {
/******/ 							if(installedChunks[chunkId] !== 0) installedChunks[chunkId] = undefined;
/******/ 							throw e;
/******/ 						});
/******/ 						var promise = Promise.race([promise, new Promise((resolve) => (installedChunkData = installedChunks[chunkId] = [resolve]))])
/******/ 						promises.push(installedChunkData[1] = promise);
/******/ 					}
/******/ 				}
/******/ 			}
/******/ 	};
/******/ 	
/******/ 	// no prefetching
/******/ 	
/******/ 	// no preloaded
/******/ 	
/******/ 	// no external install chunk
/******/ 	
/******/ 	// no on chunks loaded
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
