/**
 * The defaults of the inputs action.yml declares, read with a reader for the
 * small part of YAML an action's `inputs:` block uses (maps by indentation,
 * plain, quoted and block scalars). The runner passes every declared input that
 * has a default, so the benchmark must too, or it measures a run no runner makes.
 */

export interface InputDefaults {
  /** Input name -> default, for the inputs that declare one. */
  defaults: Map<string, string>;
  /** Inputs whose default is an expression (`${{ ... }}`) the benchmark cannot evaluate: passed as "". */
  expressions: string[];
}

interface Line {
  indent: number;
  text: string;
  raw: string;
}

function toLines(yaml: string): Line[] {
  return yaml.split(/\r?\n/).map((raw) => {
    const indent = raw.length - raw.trimStart().length;
    return { indent, text: raw.trim(), raw };
  });
}

const blank = (l: Line): boolean => l.text === '' || l.text.startsWith('#');

/** A plain or quoted scalar as YAML reads it (one line). */
export function parseScalar(value: string): string {
  const v = value.trim();
  if (v.startsWith("'")) {
    const end = v.lastIndexOf("'");
    return v.slice(1, end > 0 ? end : undefined).replace(/''/g, "'");
  }
  if (v.startsWith('"')) {
    const end = v.lastIndexOf('"');
    const body = v.slice(0, end > 0 ? end + 1 : undefined);
    try {
      return JSON.parse(body) as string;
    } catch {
      return body.slice(1, -1);
    }
  }
  // A comment starts at " #" in a plain scalar.
  const hash = v.search(/\s#/);
  return (hash >= 0 ? v.slice(0, hash) : v).trimEnd();
}

/** A block scalar (`|`, `|-`, `>`...) whose lines follow `from`, deeper than `parentIndent`. */
function readBlock(lines: Line[], from: number, parentIndent: number, header: string): { value: string; next: number } {
  const body: string[] = [];
  let i = from;
  let indent = -1;
  for (; i < lines.length; i++) {
    const l = lines[i];
    if (l.text === '') {
      body.push('');
      continue;
    }
    if (l.indent <= parentIndent) break;
    if (indent < 0) indent = l.indent;
    body.push(l.raw.slice(Math.min(indent, l.indent)));
  }
  while (body.length > 0 && body[body.length - 1] === '') body.pop();
  const folded = header.startsWith('>');
  let text = folded ? body.join('\n').replace(/([^\n])\n(?=[^\n])/g, '$1 ') : body.join('\n');
  if (!header.includes('-') && body.length > 0) text += '\n';
  return { value: text, next: i };
}

/** The defaults of action.yml's inputs; an empty result when there is no `inputs:` block. */
export function readInputDefaults(yaml: string): InputDefaults {
  const lines = toLines(yaml);
  const defaults = new Map<string, string>();
  const expressions: string[] = [];
  const start = lines.findIndex((l) => l.indent === 0 && /^inputs:\s*(#.*)?$/.test(l.text));
  if (start < 0) return { defaults, expressions };

  let nameIndent = -1;
  let current: string | undefined;
  for (let i = start + 1; i < lines.length; i++) {
    const l = lines[i];
    if (blank(l)) continue;
    if (l.indent === 0) break;
    if (nameIndent < 0) nameIndent = l.indent;
    if (l.indent === nameIndent) {
      const m = /^([^:\s][^:]*):\s*(#.*)?$/.exec(l.text);
      current = m ? parseScalar(m[1]) : undefined;
      continue;
    }
    if (current === undefined || l.indent <= nameIndent) continue;
    const m = /^default:(?:\s+(.*))?$/.exec(l.text);
    if (!m) continue;
    const rest = (m[1] ?? '').trim();
    let value: string;
    if (/^[|>][-+]?\s*(#.*)?$/.test(rest)) {
      const block = readBlock(lines, i + 1, l.indent, rest);
      value = block.value;
      i = block.next - 1;
    } else {
      value = parseScalar(rest);
    }
    if (value.includes('${{')) {
      expressions.push(current);
      value = '';
    }
    defaults.set(current, value);
  }
  return { defaults, expressions };
}

/** The runner's variable name for an input: upper-cased, spaces (only spaces) to underscores. */
export function inputVariable(name: string): string {
  return `INPUT_${name.replace(/ /g, '_').toUpperCase()}`;
}
