export const id = 158;
export const ids = [158];
export const modules = {

/***/ 5158:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  installAndVerify: () => (/* reexport */ installAndVerify)
});

// UNUSED EXPORTS: classifyFailure, expectedLabels, explainFailure, inspectPython, isRetryable, judge, planMismatchError, preflightError, retryDelayMs, stateAfterFailure

// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(3024);
// EXTERNAL MODULE: external "node:os"
var external_node_os_ = __webpack_require__(8161);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
// EXTERNAL MODULE: external "node:timers/promises"
var promises_ = __webpack_require__(8500);
// EXTERNAL MODULE: ./node_modules/@renovatebot/pep440/index.js
var pep440 = __webpack_require__(8898);
// EXTERNAL MODULE: ./src/process/run-tool.ts + 1 modules
var run_tool = __webpack_require__(860);
// EXTERNAL MODULE: ./src/secrets.ts
var secrets = __webpack_require__(7194);
// EXTERNAL MODULE: ./src/setting-names.ts
var setting_names = __webpack_require__(1018);
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
    const names = ctx.names ?? setting_names/* ACTION_NAMES */.G;
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

// EXTERNAL MODULE: ./src/detect/python-parse.ts
var python_parse = __webpack_require__(4795);
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
function interpreterArch(python) {
    const bits = python.pointerBits === 32 || python.pointerBits === 64 ? python.pointerBits : undefined;
    const machine = python.machine?.trim() || undefined;
    const platform = interpreterOs(python) === 'windows' ? python.sysconfigPlatform?.trim() || undefined : undefined;
    const found = (0,python_parse/* interpreterArch */.FM)({ bits, machine, platform });
    return found.arch ?? found.reported;
}
/**
 * Why the plan does not fit the interpreter, as the step's error; undefined
 * when it fits or when the interpreter did not say enough to tell.
 */
function planMismatchError(plan, python, source = {}, names = setting_names/* ACTION_NAMES */.G) {
    const where = python.executable || python.command;
    const machine = plan.machine;
    const os = interpreterOs(python);
    const arch = interpreterArch(python);
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

// EXTERNAL MODULE: ./src/install/installer.ts
var installer = __webpack_require__(3691);
// EXTERNAL MODULE: ./src/gpu-warnings.ts
var gpu_warnings = __webpack_require__(3287);
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
        const line = (0,secrets/* scrub */._I)(raw.slice(raw.lastIndexOf('\r') + 1), this.secrets);
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
    const r = await (0,run_tool/* runTool */.qI)(python, ['-c', SCRIPT], { timeoutMs, env });
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
            : `did not run a Python 3 script (exit code ${r.exitCode ?? 'none'}${firstLine(r.stderr || r.stdout)})`;
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
function firstLine(text) {
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
    const r = await (0,run_tool/* runTool */.qI)(python, ['-c', verify_SCRIPT, o.runtime ?? '', String(o.deviceTimeoutMs / 1000), String(DEVICE_LIMIT)], {
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

// EXTERNAL MODULE: ./src/data/pytorch.ts
var pytorch = __webpack_require__(9743);
// EXTERNAL MODULE: ./src/data/rocm.ts
var rocm = __webpack_require__(8909);
// EXTERNAL MODULE: ./src/plan/nvidia.ts + 2 modules
var nvidia = __webpack_require__(9154);
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
    const driver = (0,nvidia/* driverInfo */.LQ)(plan.machine.gpus.filter((g) => g.vendor === 'nvidia').concat(me));
    if (facts) {
        const options = (0,nvidia/* evaluateCuda */.NA)(facts, platform, plan.machine.os, [me], driver);
        const alone = (0,nvidia/* pickCuda */.Rb)(options, driver);
        if (alone && alone.variant === plan.backend) {
            const other = (0,nvidia/* pickCuda */.Rb)(options.filter((o) => o.variant !== plan.backend), driver);
            return (`torchcraft's data says ${plan.backend} of torch ${facts.line} covers it, but the installed build does not: the data or the build is wrong (please report it)` +
                (other ? `; set ${names.set('backend', other.variant)}, which covers it too` : ''));
        }
        if (alone) {
            const others = c.othersPassed.map((o) => asNvidia(o, plan));
            const all = others.length > 0 ? (0,nvidia/* pickCuda */.Rb)((0,nvidia/* evaluateCuda */.NA)(facts, platform, plan.machine.os, [me, ...others], driver), driver) : alone;
            if (all && all.variant !== plan.backend)
                return `set ${names.set('backend', all.variant)}${others.length > 0 ? ' (it covers the other GPUs here too)' : ''}`;
            return `set ${names.set('backend', alone.variant)} with only this GPU visible (no ${facts.line} build covers it and the others)`;
        }
    }
    const older = (0,nvidia/* releaseCoveringAll */.wA)([me], platform);
    if (older && (!facts || (0,pytorch/* compareLines */.lZ)(older.line, facts.line) !== 0)) {
        return `set ${names.set('torch-version', older.line)} and ${names.set('backend', older.variant)} (the newest release with a build for it)`;
    }
    return undefined;
}
/** The facts of the planned torch: its exact version's patch group when torch is pinned to one (2.12.1 has cu129, 2.12.0 not). */
function plannedFacts(plan) {
    const line = (0,pytorch/* releaseFacts */.tc)((0,pytorch/* lineOf */.cA)(plan.release));
    const exact = /^===?\s*(\d+\.\d+\.\d+)\s*$/.exec(plan.packages.find((p) => p.name === 'torch')?.specifier ?? '')?.[1];
    return line && exact ? (0,pytorch/* groupOfVersion */.ZF)(line, exact) : line;
}
function rocmFix(d, c) {
    const { plan, names } = c;
    const gfx = parseGfx(d.capability ?? (d.gpu?.vendor === 'amd' ? (d.gpu.gfx ?? '') : ''))?.base;
    if (!gfx)
        return undefined;
    const { os, arch } = plan.machine;
    const line = (0,pytorch/* lineOf */.cA)(plan.release);
    const lists = (l) => (0,pytorch/* variantsFor */.IQ)(l, os, arch).filter((v) => v.startsWith('rocm') && ((0,rocm/* rocmGfxList */.pA)(v, l) ?? []).includes(gfx));
    const here = lists(line);
    if (here.includes(plan.backend)) {
        const other = here.filter((v) => v !== plan.backend).at(-1);
        return (`torchcraft's data says ${plan.backend} of torch ${line} lists ${gfx}, but the installed build does not: the data or the build is wrong (please report it)` +
            (other ? `; set ${names.set('backend', other)}, which lists it too` : ''));
    }
    if (here.length > 0)
        return `set ${names.set('backend', here[here.length - 1])}`;
    const hint = (0,rocm/* hsaOverrideFor */.ul)(gfx);
    if (hint) {
        return `it often runs as ${hint.runsAs} with HSA_OVERRIDE_GFX_VERSION=${hint.override} (torchcraft does not set it): export that variable to try (it applies to every AMD GPU the process sees)`;
    }
    for (let i = pytorch/* RELEASES */.pH.length - 1; i >= 0; i--) {
        const found = lists(pytorch/* RELEASES */.pH[i].line);
        if (found.length > 0 && pytorch/* RELEASES */.pH[i].line !== line) {
            return `set ${names.set('torch-version', pytorch/* RELEASES */.pH[i].line)} and ${names.set('backend', found[found.length - 1])} (the newest release with a build for it)`;
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
    const clean = (text) => (0,secrets/* scrub */._I)(text, request.secrets);
    const outcome = { installer: 'pip', attempts: 0, installed: false, verification: 'skipped', summary: [], warnings: [] };
    const fail = (error) => {
        outcome.error = clean(error);
        outcome.summary.push(`**Install failed**: ${outcome.error}`);
        outcome.summary = outcome.summary.map(clean);
        outcome.warnings = outcome.warnings.map(clean);
        return outcome;
    };
    const index = plan.indexUrl ? (0,secrets/* redactUrl */.BO)(plan.indexUrl) : 'PyPI (the default index)';
    outcome.index = clean(index);
    const names = request.names ?? setting_names/* ACTION_NAMES */.G;
    // The same rule the entry points apply before calling here, so a direct caller is held to it too.
    const noGpu = request.requireGpu ? (0,gpu_warnings/* requireGpuFailure */.uo)(plan) : undefined;
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
    const pick = await (0,installer/* pickInstaller */.yy)(request.installer, python, undefined, names);
    outcome.installer = pick.installer;
    if (!pick.ok)
        return fail(pick.error);
    const torchBefore = python.torchVersion;
    log.info(`Installing into Python ${python.fullVersion} at ${python.executable} with ${pick.installer}${torchBefore ? ` (torch ${torchBefore} is installed now)` : ''}.`);
    const attemptsAllowed = 1 + Math.max(0, Math.floor(request.retries));
    const timeoutMs = request.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    const baseDelay = request.retryDelayMs ?? DEFAULT_RETRY_DELAY_MS;
    const scratch = (0,external_node_fs_.mkdtempSync)((0,external_node_path_.join)((0,external_node_os_.tmpdir)(), 'torchcraft-install-'));
    let last;
    try {
        for (let attempt = 1; attempt <= attemptsAllowed; attempt++) {
            outcome.attempts = attempt;
            const pipLogFile = pick.installer === 'pip' ? (0,external_node_path_.join)(scratch, `pip-${attempt}.log`) : undefined;
            const cmd = (0,installer/* installCommand */.Je)(pick.installer, {
                python: interpreter,
                requirementsPath: request.requirementsPath,
                prerelease: plan.prerelease,
                uvPath: pick.ok ? pick.uvPath : undefined,
                pipLogFile,
            });
            const lines = new ScrubbedLines(request.secrets, (line) => log.info(line));
            const title = `${(0,run_tool/* describeCommand */.vL)(pick.installer === 'uv' ? 'uv' : cmd.command, cmd.args)}${attemptsAllowed > 1 ? ` (attempt ${attempt} of ${attemptsAllowed})` : ''}`;
            const result = await log.group(clean(title), async () => {
                const r = await (0,run_tool/* runTool */.qI)(cmd.command, cmd.args, { timeoutMs, env: request.env, onOutput: (chunk) => lines.write(chunk) });
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
            await (0,promises_.setTimeout)(wait);
        }
    }
    finally {
        (0,external_node_fs_.rmSync)(scratch, { recursive: true, force: true });
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
function preflightError(given, python, names = setting_names/* ACTION_NAMES */.G) {
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
        return (0,external_node_fs_.readFileSync)(pipLogFile, 'utf8')
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






/***/ })

};
