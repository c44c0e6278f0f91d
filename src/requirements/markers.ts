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
import { satisfies, valid, validRange } from '@renovatebot/pep440';
import { MARKER_VARIABLES, type MarkerValues, type MarkerVariable } from './target.js';
import { normalizeName } from './family.js';

export type Truth = true | false | 'unknown';

export type MarkerResult =
  | {
      ok: true;
      /** True, false, or unknown when the outcome depends on a variable the target does not know. */
      value: Truth;
      /** The unknown variables the outcome depended on (empty when value is known). */
      unknown: string[];
    }
  | { ok: false; error: string };

export interface MarkerEnvironment {
  values: MarkerValues;
  /**
   * The extras being installed (any spelling; compared normalised), or 'unknown'
   * when they cannot be listed (every group of a requirements file, say).
   */
  extras: readonly string[] | 'unknown';
}

type CompareOp = '===' | '==' | '!=' | '<=' | '>=' | '~=' | '<' | '>' | 'in' | 'not in';
type Operand = { kind: 'var'; name: MarkerVariable } | { kind: 'str'; value: string };
type MarkerNode =
  | { kind: 'and' | 'or'; left: MarkerNode; right: MarkerNode }
  | { kind: 'cmp'; lhs: Operand; op: CompareOp; rhs: Operand };

type Token =
  | { kind: 'lparen' | 'rparen' | 'and' | 'or' | 'in' | 'not'; at: number }
  | { kind: 'op'; op: CompareOp; at: number }
  | { kind: 'str'; value: string; at: number }
  | { kind: 'var'; name: MarkerVariable; at: number };

// packaging still accepts these older spellings; real files carry them.
const LEGACY_NAMES: Record<string, MarkerVariable> = {
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
export function evaluateMarker(text: string, env: MarkerEnvironment): MarkerResult {
  try {
    const parsed = parseMarker(text);
    if (!parsed.ok) return parsed;
    return evaluateTree(parsed.tree, env);
  } catch (e) {
    // Defensive: every known failure is a result already; this keeps the promise.
    return { ok: false, error: `marker could not be evaluated (${e instanceof Error ? e.message : String(e)})` };
  }
}

export function parseMarker(text: string): { ok: true; tree: MarkerNode } | { ok: false; error: string } {
  const tokens = tokenize(text);
  if (!tokens.ok) return tokens;
  if (tokens.tokens.length === 0) return { ok: false, error: 'empty marker' };
  if (tokens.tokens.length > MAX_TOKENS) return { ok: false, error: `more than ${MAX_TOKENS} tokens` };
  const parser = new Parser(tokens.tokens, text);
  return parser.parseAll();
}

function tokenize(text: string): { ok: true; tokens: Token[] } | { ok: false; error: string } {
  const tokens: Token[] = [];
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
      if (end < 0) return { ok: false, error: `unterminated string at column ${i + 1}` };
      tokens.push({ kind: 'str', value: text.slice(i + 1, end), at: i });
      i = end + 1;
      continue;
    }
    const op = /^(===|==|!=|<=|>=|~=|<|>)/.exec(text.slice(i, i + 3));
    if (op) {
      tokens.push({ kind: 'op', op: op[1] as CompareOp, at: i });
      i += op[1].length;
      continue;
    }
    const word = /^[A-Za-z_][A-Za-z0-9_.]*/.exec(text.slice(i, i + 64));
    if (word) {
      const w = word[0];
      if (w === 'and' || w === 'or' || w === 'in' || w === 'not') tokens.push({ kind: w, at: i });
      else {
        const name = (MARKER_VARIABLES as readonly string[]).includes(w) ? (w as MarkerVariable) : LEGACY_NAMES[w];
        if (!name) return { ok: false, error: `unknown marker variable "${w}" at column ${i + 1}` };
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
  constructor(readonly message: string) {}
}

/**
 *   marker_or  = marker_and ('or' marker_and)*
 *   marker_and = marker_expr ('and' marker_expr)*
 *   marker_expr = marker_var marker_op marker_var | '(' marker_or ')'
 *   marker_op  = version_cmp | 'in' | 'not' 'in'
 */
class Parser {
  private pos = 0;
  private depth = 0;
  constructor(
    private readonly tokens: Token[],
    private readonly text: string,
  ) {}

  parseAll(): { ok: true; tree: MarkerNode } | { ok: false; error: string } {
    try {
      const tree = this.parseOr();
      if (this.pos < this.tokens.length) this.fail('expected "and", "or" or the end');
      return { ok: true, tree };
    } catch (e) {
      if (e instanceof MarkerSyntaxError) return { ok: false, error: e.message };
      throw e;
    }
  }

  private fail(expected: string): never {
    const t = this.tokens[this.pos];
    const where = t ? `at column ${t.at + 1} ("${this.text.slice(t.at, t.at + 12)}")` : 'at the end';
    throw new MarkerSyntaxError(`${expected} ${where}`);
  }

  private parseOr(): MarkerNode {
    let left = this.parseAnd();
    while (this.tokens[this.pos]?.kind === 'or') {
      this.pos++;
      left = { kind: 'or', left, right: this.parseAnd() };
    }
    return left;
  }

  private parseAnd(): MarkerNode {
    let left = this.parseExpr();
    while (this.tokens[this.pos]?.kind === 'and') {
      this.pos++;
      left = { kind: 'and', left, right: this.parseExpr() };
    }
    return left;
  }

  private parseExpr(): MarkerNode {
    const t = this.tokens[this.pos];
    if (t?.kind === 'lparen') {
      if (++this.depth > MAX_DEPTH) this.fail(`nesting deeper than ${MAX_DEPTH}`);
      this.pos++;
      const inner = this.parseOr();
      if (this.tokens[this.pos]?.kind !== 'rparen') this.fail('expected ")"');
      this.pos++;
      this.depth--;
      return inner;
    }
    const lhs = this.parseOperand();
    const op = this.parseOp();
    const rhs = this.parseOperand();
    return { kind: 'cmp', lhs, op, rhs };
  }

  private parseOperand(): Operand {
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

  private parseOp(): CompareOp {
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
function evaluateTree(tree: MarkerNode, env: MarkerEnvironment): MarkerResult {
  const unknown = new Set<string>();
  const candidates: (string | null)[] =
    env.extras === 'unknown' ? [null] : env.extras.length > 0 && usesExtra(tree) ? env.extras.map(normalizeName) : [''];
  let value: Truth = false;
  for (const extra of candidates) {
    const r = evaluateNode(tree, env.values, extra, unknown);
    if (typeof r === 'object') return { ok: false, error: r.error };
    value = or(value, r);
  }
  return { ok: true, value, unknown: value === 'unknown' ? [...unknown] : [] };
}

function usesExtra(node: MarkerNode): boolean {
  if (node.kind === 'cmp') return isExtra(node.lhs) || isExtra(node.rhs);
  return usesExtra(node.left) || usesExtra(node.right);
}

function isExtra(o: Operand): boolean {
  return o.kind === 'var' && o.name === 'extra';
}

function valueOf(o: Operand, values: MarkerValues, extra: string | null): string | null {
  if (o.kind === 'str') return o.value;
  if (o.name === 'extra') return extra;
  return values[o.name] ?? null;
}

/** A comparison that has no answer (`~=` between non-versions). */
type Failure = { error: string };

function evaluateNode(node: MarkerNode, values: MarkerValues, extra: string | null, unknown: Set<string>): Truth | Failure {
  if (node.kind === 'cmp') return compare(node, values, extra, unknown);
  const left = evaluateNode(node.left, values, extra, unknown);
  if (typeof left === 'object') return left;
  const right = evaluateNode(node.right, values, extra, unknown);
  if (typeof right === 'object') return right;
  return node.kind === 'and' ? and(left, right) : or(left, right);
}

function and(a: Truth, b: Truth): Truth {
  if (a === false || b === false) return false;
  if (a === 'unknown' || b === 'unknown') return 'unknown';
  return true;
}

function or(a: Truth, b: Truth): Truth {
  if (a === true || b === true) return true;
  if (a === 'unknown' || b === 'unknown') return 'unknown';
  return false;
}

function compare(node: Extract<MarkerNode, { kind: 'cmp' }>, values: MarkerValues, extra: string | null, unknown: Set<string>): Truth | Failure {
  let lhs = valueOf(node.lhs, values, extra);
  let rhs = valueOf(node.rhs, values, extra);
  if (lhs === null || rhs === null) {
    for (const o of [node.lhs, node.rhs]) if (o.kind === 'var' && valueOf(o, values, extra) === null) unknown.add(o.name);
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
function compareVersionsOrStrings(lhs: string, op: Exclude<CompareOp, 'in' | 'not in'>, rhs: string): Truth | Failure {
  const spec = `${op}${rhs}`;
  if (op !== '===' && valid(lhs) !== null && validRange(spec)) {
    return satisfies(lhs, spec, { prereleases: true });
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
