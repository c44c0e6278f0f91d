export const id = 615;
export const ids = [615];
export const modules = {

/***/ 615:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  PYTORCH_FAMILY: () => (/* reexport */ requirements_family/* PYTORCH_FAMILY */.pS),
  isPytorchFamily: () => (/* reexport */ requirements_family/* isPytorchFamily */.o5),
  normalizeName: () => (/* reexport */ package_name/* normalizeName */.P),
  readProjectRequirements: () => (/* binding */ readProjectRequirements)
});

// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(760);
// EXTERNAL MODULE: ./src/errors.ts
var errors = __webpack_require__(916);
// EXTERNAL MODULE: ./src/secrets.ts
var secrets = __webpack_require__(194);
// EXTERNAL MODULE: ./src/requirements/family.ts
var requirements_family = __webpack_require__(734);
// EXTERNAL MODULE: ./node_modules/@renovatebot/pep440/index.js
var pep440 = __webpack_require__(898);
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

// EXTERNAL MODULE: ./src/package-name.ts
var package_name = __webpack_require__(999);
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
    const candidates = env.extras === 'unknown' ? [null] : env.extras.length > 0 && usesExtra(tree) ? env.extras.map(package_name/* normalizeName */.P) : [''];
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
        lhs = (0,package_name/* normalizeName */.P)(lhs);
        rhs = (0,package_name/* normalizeName */.P)(rhs);
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

// EXTERNAL MODULE: ./src/sinks/limits.ts
var limits = __webpack_require__(598);
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
const NAME = /^[A-Za-z0-9](?:[A-Za-z0-9._-]*[A-Za-z0-9])?/;
const EXTRA = /^[A-Za-z0-9](?:[A-Za-z0-9._-]*[A-Za-z0-9])?$/;
function parseRequirement(text) {
    const s = text.trim();
    const nameMatch = NAME.exec(s);
    if (!nameMatch)
        return { ok: false, error: 'does not start with a project name' };
    const name = nameMatch[0];
    const project = (0,package_name/* normalizeName */.P)(name);
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
            return fail(`has an invalid extra ${JSON.stringify((0,limits/* shorten */.ml)(bad, 80))}`);
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
        return fail(`has an invalid version specifier ${JSON.stringify((0,limits/* shorten */.ml)(spec, 80))} (PEP 440: e.g. "==2.5.1", ">=2.4,<2.6", "~=2.5")`);
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
        project: (0,package_name/* normalizeName */.P)(name),
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
    if (wheel === null || (0,package_name/* normalizeName */.P)(wheel.name) !== (0,package_name/* normalizeName */.P)(project))
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
        const line = (0,limits/* shorten */.ml)(`${source}: ${message}`, MAX_NOTE);
        if (!this.seen.notes.has(line)) {
            this.seen.notes.add(line);
            this.notes.push(line);
        }
    }
    warn(source, message) {
        const line = (0,limits/* shorten */.ml)(`${source}: ${message}`, MAX_NOTE);
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
                throw new errors/* InputError */.d('requirements', origin.file, `${origin.place}: the marker of ${quote(shown)} cannot be read: ${result.error}.`);
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
            if ((0,requirements_family/* isPytorchFamily */.o5)(assignment[1]))
                throw new errors/* InputError */.d('requirements', origin.file, `${origin.place}: ${what}.`);
            this.note(origin.source, `${what}; torchcraft leaves it to pip.`);
            return null;
        }
        if (!parsed.ok) {
            if (parsed.project === undefined) {
                throw new errors/* InputError */.d('requirements', origin.file, `${origin.place}: ${quote(shown)} is not a requirement: it ${parsed.error}.`);
            }
            if ((0,requirements_family/* isPytorchFamily */.o5)(parsed.project)) {
                throw new errors/* InputError */.d('requirements', origin.file, `${origin.place}: ${quote(shown)} ${parsed.error}.`);
            }
            this.note(origin.source, `${quote(shown)} ${parsed.error}; it is not a PyTorch package, so torchcraft leaves it to pip.`);
            return null;
        }
        const req = parsed.requirement;
        const family = (0,requirements_family/* isPytorchFamily */.o5)(req.project);
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
    const clean = (0,secrets/* redactText */.Rd)(text.trim());
    return JSON.stringify(clean.length > 120 ? `${clean.slice(0, 117)}...` : clean);
}

// EXTERNAL MODULE: ./node_modules/smol-toml/dist/index.js + 8 modules
var dist = __webpack_require__(292);
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
    const rel = (0,external_node_path_.relative)(cwd, absolute);
    // Another drive (Windows) has no relative form: show the path whole.
    const shown = rel === '' || (0,external_node_path_.isAbsolute)(rel) ? absolute : rel;
    return shown.split(external_node_path_.sep).join('/');
}

// EXTERNAL MODULE: ./src/requirements/project-file.ts
var project_file = __webpack_require__(404);
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
        throw new errors/* InputError */.d('requirements', file, problem);
    };
    const where = await (0,project_file/* locateProjectFile */.IY)(path, root);
    if (where.kind === 'outside' || where.kind === 'link-outside') {
        collector.warn(file, `${where.kind === 'outside' ? 'is outside the project folder' : 'is a link to a file outside the project folder'}; torchcraft reads no file outside it, so pins in it are not honoured.`);
        return undefined;
    }
    if (where.kind === 'unreadable')
        return fail(`the file cannot be read (${where.reason}).`);
    const read = await (0,project_file/* readProjectFile */.SI)(where.real);
    if (read.kind !== 'ok')
        return fail(`the file cannot be read (${read.kind === 'unreadable' ? read.reason : 'outside the project'}).`);
    // TOML is UTF-8; a BOM an editor left is not part of it.
    const content = read.data.toString('utf8').replace(/^\uFEFF/, '');
    collector.fileRead(file);
    let doc;
    try {
        doc = (0,dist/* parse */.qg)(content);
    }
    catch (e) {
        if (e instanceof dist/* TomlError */.zx)
            return fail(`line ${e.line}, column ${e.column}: not valid TOML (${e.message.split('\n')[0]}).`);
        return fail(`not valid TOML (${e instanceof Error ? e.message : String(e)}).`);
    }
    const project = optionalTable(doc.project, '[project]', fail);
    const ownName = typeof project?.name === 'string' ? (0,package_name/* normalizeName */.P)(project.name) : null;
    const dependencies = stringList(project?.dependencies, '[project] dependencies', fail);
    const optional = new Map();
    const optionalTableValue = optionalTable(project?.['optional-dependencies'], '[project.optional-dependencies]', fail);
    for (const [name, items] of Object.entries(optionalTableValue ?? {})) {
        optional.set((0,package_name/* normalizeName */.P)(name), { name, items: stringList(items, `[project.optional-dependencies] ${name}`, fail) ?? [] });
    }
    const groups = new Map();
    for (const [name, items] of Object.entries(optionalTable(doc['dependency-groups'], '[dependency-groups]', fail) ?? {})) {
        groups.set((0,package_name/* normalizeName */.P)(name), { name, items: groupItems(items, name, fail) });
    }
    const wanted = extras === 'all' ? [...optional.keys(), ...groups.keys()] : extras.map(package_name/* normalizeName */.P);
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
        for (const extra of parsed.requirement.extras.map(package_name/* normalizeName */.P)) {
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
            const target = (0,package_name/* normalizeName */.P)(item['include-group']);
            if (!groups.has(target)) {
                throw new errors/* InputError */.d('requirements', file, `[dependency-groups] ${group.name} includes "${item['include-group']}", which is not a group; the groups are: ${[...groups.values()].map((g) => g.name).join(', ')}.`);
            }
            if (chain.includes(target)) {
                const names = [...chain, target].map((k) => groups.get(k).name).join(' -> ');
                throw new errors/* InputError */.d('requirements', file, `[dependency-groups] include-group makes a cycle: ${names}.`);
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
        const family = Object.keys(uv.sources).filter(requirements_family/* isPytorchFamily */.o5);
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
        const selected = group.optional !== true || extras === 'all' || extras.some((e) => (0,package_name/* normalizeName */.P)(e) === (0,package_name/* normalizeName */.P)(name));
        if (selected)
            tables.push({ table: `[tool.poetry.group.${name}.dependencies]`, deps: group.dependencies });
    }
    for (const { table, deps } of tables) {
        if (!isTable(deps))
            continue;
        for (const [name, value] of Object.entries(deps)) {
            if ((0,requirements_family/* isPytorchFamily */.o5)(name))
                readPoetryPin((0,package_name/* normalizeName */.P)(name), name, value, `${file} ${table}`, collector);
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
    const where = await (0,project_file/* locateProjectFile */.IY)(path, root);
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
            throw new errors/* InputError */.d('requirements', includedFrom.file, `line ${includedFrom.line}: ${includedFrom.option} ${quote(includedFrom.target)} names ${display}, which cannot be read (${why}).`);
        }
        throw new errors/* InputError */.d('requirements', display, `the file cannot be read (${why}).`);
    };
    if (where.kind === 'unreadable')
        return cannotRead(where.reason);
    const real = where.real;
    if (chain.includes(real)) {
        const from = includedFrom;
        // Each file by the name messages give it (an include through ${VAR} as written).
        const names = reader.names ?? new Map();
        const cycle = [...chain.slice(chain.indexOf(real)), real].map((p) => names.get(p) ?? displayPath(reader.cwd, p)).join(' -> ');
        throw new errors/* InputError */.d('requirements', from.file, `line ${from.line}: ${from.option} ${quote(from.target)} makes a cycle of includes: ${cycle}.`);
    }
    if (done.has(real))
        return;
    done.add(real);
    (reader.names ??= new Map()).set(real, display);
    const file = await (0,project_file/* readProjectFile */.SI)(real);
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
            await readOptionLine(text, { file: display, line, source, dir: (0,external_node_path_.dirname)(path), chain: inner }, reader);
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
    return (0,external_node_path_.isAbsolute)(from.target) ? from.target : external_node_path_.posix.join(external_node_path_.posix.dirname(from.file), from.target.split('\\').join('/'));
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
                    throw new errors/* InputError */.d('requirements', at.file, `line ${at.line}: ${option} needs a file name.`);
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
    await readRequirementsFile((0,external_node_path_.resolve)(at.dir, target), reader, at.chain, { file: at.file, line: at.line, option, target: written });
}
function readRequirementLine(text, at, reader) {
    // pip splits per-requirement options (--hash=..., --config-settings) off at the first word starting with "-".
    const optionAt = /\s-/.exec(text);
    const requirement = optionAt ? text.slice(0, optionAt.index).trim() : text;
    if (looksLikeLink(requirement)) {
        const origin = { file: at.file, place: `line ${at.line}`, source: at.source };
        const { link, marker } = splitLinkMarker(requirement);
        const name = nameFromLink(link);
        const family = name !== null && (0,requirements_family/* isPytorchFamily */.o5)(name);
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
    if (name !== null && (0,requirements_family/* isPytorchFamily */.o5)(name)) {
        reader.collector.direct((0,package_name/* normalizeName */.P)(name), link, origin, shown, `is ${what} of ${(0,package_name/* normalizeName */.P)(name)}`);
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
    const root = (0,project_file/* projectRoot */.YQ)(options.cwd, options.workspace);
    // One reader for every file: a file named twice, or included from two files, is read once.
    const reader = { collector, cwd: options.cwd, extras: fileExtras, root, env: options.env, done: new Set() };
    for (const p of paths) {
        const absolute = (0,external_node_path_.resolve)(options.cwd, p);
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
        if (pyprojects.some((p) => p.groups.some((g) => (0,package_name/* normalizeName */.P)(g) === (0,package_name/* normalizeName */.P)(extra))))
            continue;
        const there = pyprojects.map((p) => `${p.file}: ${p.groups.length > 0 ? p.groups.join(', ') : 'none'}`).join('; ');
        throw new errors/* InputError */.d('extras', extra, `no such group in [project.optional-dependencies] or [dependency-groups]; the groups are ${there}.`);
    }
}


/***/ })

};
