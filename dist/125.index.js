export const id = 125;
export const ids = [125];
export const modules = {

/***/ 8125:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   ANNOTATION_TITLE: () => (/* binding */ ANNOTATION_TITLE),
/* harmony export */   DEFAULT_BOUNDS: () => (/* binding */ DEFAULT_BOUNDS),
/* harmony export */   restore: () => (/* binding */ restore),
/* harmony export */   save: () => (/* binding */ save),
/* harmony export */   serviceAvailable: () => (/* binding */ serviceAvailable),
/* harmony export */   withWarnings: () => (/* binding */ withWarnings)
/* harmony export */ });
/* harmony import */ var _actions_cache__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(5433);
/* harmony import */ var _unfinished_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(7397);
/**
 * The one module that talks to the Actions cache service, through the
 * toolkit's @actions/cache. It is loaded lazily (import()), only when an
 * install runs with the cache on: the client and the Azure SDK it brings are
 * most of the action's bytes, and a plan-only run must not pay for them.
 *
 * A cache is an optimisation, so nothing here fails the step:
 * - every call is bounded in time: the lookup (the twirp client retries 5xx
 *   answers about 30 s by itself, and has no socket timeout of its own when the
 *   service hangs), the download (SEGMENT_DOWNLOAD_TIMEOUT_MINS is 10 minutes
 *   per 128 MB segment by default; torchcraft asks for 2, the variable still
 *   wins), and the whole restore and save;
 * - @actions/cache reports a service 5xx with core.error, an error annotation
 *   on a step that then succeeds; while its calls run, its annotations are
 *   rewritten as warnings titled "torchcraft cache", so a cache that is down
 *   reads as what it is.
 */


const DEFAULT_BOUNDS = { lookupMs: 30_000, restoreMs: 10 * 60_000, saveMs: 10 * 60_000, segmentMs: 2 * 60_000 };
const ANNOTATION_TITLE = 'torchcraft cache';
function serviceAvailable() {
    return _actions_cache__WEBPACK_IMPORTED_MODULE_0__/* .isFeatureAvailable */ .w3();
}
/**
 * Run `body` with the client's ::error and ::warning commands rewritten as
 * titled warnings; returns what it said in them. The commands are whole lines
 * (@actions/core writes `::name props::message` + EOL in one write).
 */
async function withWarnings(body, keepOnReturn = () => false) {
    const said = [];
    const original = process.stdout.write;
    const rewrite = (chunk) => {
        if (typeof chunk !== 'string')
            return chunk;
        const m = /^::(error|warning)(?: [^:]*)?::(.*?)(\r?\n)?$/s.exec(chunk);
        if (!m)
            return chunk;
        said.push(m[2]);
        return `::warning title=${ANNOTATION_TITLE}::${m[2]}${m[3] ?? ''}`;
    };
    process.stdout.write = function (chunk, ...rest) {
        return original.call(process.stdout, rewrite(chunk), ...rest);
    };
    try {
        return { value: await body(), said };
    }
    finally {
        // Work given up on may still print: its lines keep the rewriting.
        if (!keepOnReturn())
            process.stdout.write = original;
    }
}
const TIMED_OUT = Symbol('timed out');
async function bounded(promise, ms) {
    let timer;
    const limit = new Promise((resolve) => {
        timer = setTimeout(() => resolve(TIMED_OUT), ms);
    });
    try {
        return await Promise.race([promise, limit]);
    }
    finally {
        clearTimeout(timer);
    }
}
function message(e) {
    return e instanceof Error ? e.message : String(e);
}
async function restore(paths, key, restoreKeys, bounds = DEFAULT_BOUNDS) {
    let gaveUp = false;
    let running = Promise.resolve();
    const attempt = async (options, ms) => withWarnings(async () => {
        const work = _actions_cache__WEBPACK_IMPORTED_MODULE_0__/* .restoreCache */ .P3(paths, key, restoreKeys, options).catch((e) => new Error(message(e)));
        running = work;
        return bounded(work, ms);
    }, () => gaveUp);
    const lookup = await attempt({ lookupOnly: true }, bounds.lookupMs);
    if (lookup.value === TIMED_OUT) {
        gaveUp = true;
        (0,_unfinished_js__WEBPACK_IMPORTED_MODULE_1__/* .markAbandoned */ .Cq)(running);
        return { kind: 'timeout', seconds: bounds.lookupMs / 1000, phase: 'lookup' };
    }
    if (lookup.value instanceof Error)
        return { kind: 'failed', reason: lookup.value.message };
    if (lookup.value === undefined)
        return lookup.said.length > 0 ? { kind: 'failed', reason: lookup.said.join(' ') } : { kind: 'miss' };
    const full = await attempt({ segmentTimeoutInMs: bounds.segmentMs }, bounds.restoreMs);
    if (full.value === TIMED_OUT) {
        gaveUp = true;
        (0,_unfinished_js__WEBPACK_IMPORTED_MODULE_1__/* .markAbandoned */ .Cq)(running);
        return { kind: 'timeout', seconds: bounds.restoreMs / 1000, phase: 'restore' };
    }
    if (full.value instanceof Error)
        return { kind: 'failed', reason: full.value.message };
    if (full.value === undefined)
        return { kind: 'failed', reason: full.said.join(' ') || 'the entry found could not be restored' };
    return { kind: full.value === key ? 'hit' : 'partial', matchedKey: full.value };
}
async function save(paths, key, bounds = DEFAULT_BOUNDS) {
    let gaveUp = false;
    let running = Promise.resolve();
    const run = await withWarnings(async () => {
        const work = _actions_cache__WEBPACK_IMPORTED_MODULE_0__/* .saveCache */ .Io(paths, key).catch((e) => new Error(message(e)));
        running = work;
        return bounded(work, bounds.saveMs);
    }, () => gaveUp);
    if (run.value === TIMED_OUT) {
        gaveUp = true;
        (0,_unfinished_js__WEBPACK_IMPORTED_MODULE_1__/* .markAbandoned */ .Cq)(running);
        return { kind: 'timeout', seconds: bounds.saveMs / 1000 };
    }
    if (run.value instanceof Error)
        return { kind: 'not-saved', reason: run.value.message };
    if (run.value === -1 || run.value === undefined)
        return { kind: 'not-saved', reason: run.said.join(' ') || 'the cache service did not take it' };
    return { kind: 'saved', id: run.value };
}


/***/ })

};
