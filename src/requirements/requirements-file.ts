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
import { dirname, isAbsolute, posix, resolve } from 'node:path';
import { InputError } from '../errors.js';
import { isPytorchFamily, normalizeName } from './family.js';
import { Collector, quote, type Origin } from './collector.js';
import type { MarkerEnvironment } from './markers.js';
import { displayPath } from './paths.js';
import { wheelFromLink } from './wheel.js';
import { DecodeError, decodeLikePip } from './decode.js';
import { locateProjectFile, readProjectFile } from './project-file.js';

export interface LogicalLine {
  /** 1-based number of its first physical line. */
  line: number;
  /** The joined text, comments removed, trimmed; never empty. */
  text: string;
}

/** Where Python's str.splitlines() cuts lines, as pip does (\r\n counts once). */
const PHYSICAL_LINE = /\r\n|[\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029]/;
/** Python's \s (str.isspace), which pip's comment pattern and strip() use: JavaScript's lacks \x1c-\x1f and \x85, and has \ufeff. */
const PY_SPACE = '[\\t\\n\\v\\f\\r\\x1c-\\x1f \\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000]';
const COMMENT_LINE = new RegExp(`^${PY_SPACE}*#`);
const COMMENT = new RegExp(`(^|${PY_SPACE})#`);
const IS_PY_SPACE = new RegExp(`^${PY_SPACE}$`);

/** Python's str.strip(), by index scans: a `\s+$` pattern is quadratic on a long run of inner spaces. */
function pyStrip(text: string): string {
  let start = 0;
  let end = text.length;
  while (start < end && IS_PY_SPACE.test(text[start])) start++;
  while (end > start && IS_PY_SPACE.test(text[end - 1])) end--;
  return text.slice(start, end);
}

/** Split a file's text into pip's logical lines. */
export function logicalLines(content: string): LogicalLine[] {
  const physical = content.replace(/^\uFEFF/, '').split(PHYSICAL_LINE);
  const out: LogicalLine[] = [];
  let pending: string[] = [];
  let first = 0;
  const emit = (line: number, text: string): void => {
    const stripped = pyStrip(stripComment(text));
    if (stripped !== '') out.push({ line, text: stripped });
  };
  physical.forEach((raw, index) => {
    const isComment = COMMENT_LINE.test(raw);
    if (raw.endsWith('\\') && !isComment) {
      if (pending.length === 0) first = index + 1;
      // pip strips every backslash at either end of a continued line.
      pending.push(stripBackslashes(raw));
      return;
    }
    if (pending.length > 0) {
      // A comment line closes a continuation (as in pip) and contributes nothing.
      pending.push(isComment ? '' : raw);
      emit(first, pending.join(''));
      pending = [];
    } else {
      emit(index + 1, raw);
    }
  });
  if (pending.length > 0) emit(first, pending.join(''));
  return out;
}

/** Python's str.strip("\\"), by index scans. */
function stripBackslashes(text: string): string {
  let start = 0;
  let end = text.length;
  while (start < end && text[start] === '\\') start++;
  while (end > start && text[end - 1] === '\\') end--;
  return text.slice(start, end);
}

/** `#` starts a comment at the start of a line or after whitespace; `url#egg=x` keeps its fragment. */
function stripComment(text: string): string {
  const m = COMMENT.exec(text);
  return m ? text.slice(0, m.index) : text;
}

export interface RequirementsFileReader {
  collector: Collector;
  cwd: string;
  extras: MarkerEnvironment['extras'];
  /** Files outside this folder are not read (project-file.ts); default: cwd. */
  root?: string;
  /** Where `${NAME}` references come from; default: process.env. */
  env?: NodeJS.ProcessEnv;
  /** Real paths read and followed already: reading one again adds nothing. */
  done?: Set<string>;
  /** The name each real path read is shown by. */
  names?: Map<string, string>;
}

interface IncludedFrom {
  file: string;
  line: number;
  option: string;
  target: string;
}

/**
 * Read one requirements file and, depth first, the files it includes.
 * `chain` holds the real paths being read, to refuse cycles.
 */
export async function readRequirementsFile(
  path: string,
  reader: RequirementsFileReader,
  chain: string[] = [],
  includedFrom?: IncludedFrom,
): Promise<void> {
  const root = reader.root ?? reader.cwd;
  const done = (reader.done ??= new Set());
  // A file reached through ${VAR} is named as written: the variable's value stays out of every message.
  const display = includedFrom ? includedName(includedFrom) ?? displayPath(reader.cwd, path) : displayPath(reader.cwd, path);
  const where = await locateProjectFile(path, root);
  if (where.kind === 'outside' || where.kind === 'link-outside') {
    const how = where.kind === 'outside' ? 'names a file outside the project folder' : 'is a link to a file outside the project folder';
    if (includedFrom) {
      reader.collector.warn(
        `${includedFrom.file}:${includedFrom.line}`,
        `${includedFrom.option} ${quote(includedFrom.target)} ${how}; torchcraft reads no file outside it, so pins in it are not honoured.`,
      );
    } else {
      reader.collector.warn(display, `${how === 'names a file outside the project folder' ? 'is outside the project folder' : how}; torchcraft reads no file outside it, so pins in it are not honoured.`);
    }
    return;
  }
  const cannotRead = (why: string): never => {
    if (includedFrom) {
      throw new InputError(
        'requirements',
        includedFrom.file,
        `line ${includedFrom.line}: ${includedFrom.option} ${quote(includedFrom.target)} names ${display}, which cannot be read (${why}).`,
      );
    }
    throw new InputError('requirements', display, `the file cannot be read (${why}).`);
  };
  if (where.kind === 'unreadable') return cannotRead(where.reason);
  const real = where.real;
  if (chain.includes(real)) {
    const from = includedFrom!;
    // Each file by the name messages give it (an include through ${VAR} as written).
    const names = reader.names ?? new Map<string, string>();
    const cycle = [...chain.slice(chain.indexOf(real)), real].map((p) => names.get(p) ?? displayPath(reader.cwd, p)).join(' -> ');
    throw new InputError('requirements', from.file, `line ${from.line}: ${from.option} ${quote(from.target)} makes a cycle of includes: ${cycle}.`);
  }
  if (done.has(real)) return;
  done.add(real);
  (reader.names ??= new Map()).set(real, display);
  const file = await readProjectFile(real);
  if (file.kind !== 'ok') return cannotRead(file.kind === 'unreadable' ? file.reason : 'it is outside the project folder');
  let content: string;
  try {
    content = decodeLikePip(file.data);
  } catch (e) {
    return cannotRead(e instanceof DecodeError ? e.message : String(e));
  }
  reader.collector.fileRead(display);
  const inner = [...chain, real];
  for (const { line, text } of logicalLines(content)) {
    const source = `${display}:${line}`;
    if (text.startsWith('-')) {
      await readOptionLine(text, { file: display, line, source, dir: dirname(path), chain: inner }, reader);
    } else {
      readRequirementLine(text, { file: display, line, source }, reader);
    }
  }
}

/**
 * How an included file is named when its path came through a variable: as written,
 * or beside its includer's name when that one was (a file next to `${DIR}/b.txt`
 * is `${DIR}/c.txt`). Undefined when no variable is involved: the path is shown.
 */
function includedName(from: IncludedFrom): string | undefined {
  if (from.target.includes('${')) return from.target;
  if (!from.file.includes('${')) return undefined;
  return isAbsolute(from.target) ? from.target : posix.join(posix.dirname(from.file), from.target.split('\\').join('/'));
}

// Options pip accepts in requirement files that take a value (as the next word or after "=").
const WITH_VALUE = new Set([
  '-r', '--requirement', '-c', '--constraint', '-e', '--editable',
  '-i', '--index-url', '--extra-index-url', '-f', '--find-links', '--trusted-host',
  '--only-binary', '--no-binary', '--use-feature', '--config-settings', '--global-option', '--hash',
]);
const INDEX_OPTIONS = new Set(['-i', '--index-url', '--extra-index-url', '-f', '--find-links', '--no-index']);

async function readOptionLine(
  text: string,
  at: { file: string; line: number; source: string; dir: string; chain: string[] },
  reader: RequirementsFileReader,
): Promise<void> {
  const words = splitWords(text);
  for (let i = 0; i < words.length; i++) {
    let option = words[i];
    let value: string | undefined;
    const eq = option.startsWith('--') ? option.indexOf('=') : -1;
    if (eq > 0) {
      value = option.slice(eq + 1);
      option = option.slice(0, eq);
    } else if (/^-[rceif]./.test(option)) {
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
        await include(option, expandEnvironment(value!, reader.env), at, reader, value!);
        break;
      case '-e':
      case '--editable':
        noteLink(value!, { file: at.file, place: `line ${at.line}`, source: at.source }, reader, 'an editable install');
        break;
      default:
        if (INDEX_OPTIONS.has(option)) {
          reader.collector.note(at.source, `${quote(shown)} is ignored: torchcraft.txt names the index for the PyTorch packages itself.`);
        } else if (!WITH_VALUE.has(option) && !['--pre', '--prefer-binary', '--require-hashes', '--no-build-isolation'].includes(option)) {
          reader.collector.note(at.source, `unknown option ${quote(option)} is ignored.`);
        }
    }
  }
}

async function include(
  option: string,
  target: string,
  at: { file: string; line: number; source: string; dir: string; chain: string[] },
  reader: RequirementsFileReader,
  written: string,
): Promise<void> {
  if (/^[A-Za-z][A-Za-z0-9+.-]*:\/\//.test(target)) {
    // No network: a remote file cannot be read, and guessing its pins would be worse.
    // Its pins reach pip all the same, so this is a warning: they may undo the plan.
    reader.collector.warn(at.source, `${option} ${quote(written)} is not followed: torchcraft reads local files only, so pins in it are not honoured.`);
    return;
  }
  // pip treats -c lines like requirements for the purpose that matters here: a
  // family pin in a constraints file binds the version, so both are read alike.
  await readRequirementsFile(resolve(at.dir, target), reader, at.chain, { file: at.file, line: at.line, option, target: written });
}

function readRequirementLine(text: string, at: { file: string; line: number; source: string }, reader: RequirementsFileReader): void {
  // pip splits per-requirement options (--hash=..., --config-settings) off at the first word starting with "-".
  const optionAt = /\s-/.exec(text);
  const requirement = optionAt ? text.slice(0, optionAt.index).trim() : text;
  if (looksLikeLink(requirement)) {
    const origin: Origin = { file: at.file, place: `line ${at.line}`, source: at.source };
    const { link, marker } = splitLinkMarker(requirement);
    const name = nameFromLink(link);
    const family = name !== null && isPytorchFamily(name);
    if (reader.collector.applies(marker, family, origin, reader.extras, requirement)) noteLink(link, origin, reader, 'a URL or path', requirement);
    return;
  }
  reader.collector.add(expandEnvironment(requirement, reader.env), { file: at.file, place: `line ${at.line}`, source: at.source }, reader.extras, requirement);
}

/**
 * pip expands `${NAME}` (upper case, digits, `_`) from the environment in
 * requirement files, leaving unset ones as written; `torch==${TORCH_VERSION}`
 * is a real CI idiom. Messages show the text as written, never the values.
 */
export function expandEnvironment(text: string, env: NodeJS.ProcessEnv = process.env): string {
  // As pip: an unset or empty variable leaves the reference as written.
  return text.replace(/\$\{([A-Z0-9_]+)\}/g, (whole, name: string) => env[name] || whole);
}

/** What pip installs from a URL or a path rather than by name. */
function looksLikeLink(text: string): boolean {
  // scheme://, file:/, and Windows drives (C:\, C:/)
  if (/^[A-Za-z][A-Za-z0-9+.-]*:[\\/]/.test(text)) return true;
  const head = text.split(/[\s;]/, 1)[0];
  if (head.includes('@')) return false; // name @ url, a PEP 508 direct reference
  return /^[.~\\/]/.test(head) || /[\\/]/.test(head) || /\.(whl|zip|tar\.gz|tgz|tar\.bz2|tar\.xz|tar)$/i.test(head);
}

/**
 * A URL or path line with an environment marker: pip separates the marker of a
 * URL by "; " (a bare ";" may belong to the URL) and that of a path by ";".
 */
function splitLinkMarker(text: string): { link: string; marker?: string } {
  const isUrl = /^[A-Za-z][A-Za-z0-9+.-]*:\/\//.test(text);
  const at = isUrl ? text.indexOf('; ') : text.indexOf(';');
  if (at < 0) return { link: text };
  return { link: text.slice(0, at).trim(), marker: text.slice(at + 1).trim() };
}

function noteLink(link: string, origin: Origin, reader: RequirementsFileReader, what: string, shown = link): void {
  const name = nameFromLink(link);
  if (name !== null && isPytorchFamily(name)) {
    reader.collector.direct(normalizeName(name), link, origin, shown, `is ${what} of ${normalizeName(name)}`);
  } else {
    reader.collector.note(origin.source, `${quote(shown)} is ${what}, not a named requirement; ignored.`);
  }
}

/** The project a link installs, when it says: `#egg=name`, or a wheel's file name. */
export function nameFromLink(link: string): string | null {
  const egg = /[#&]egg=([A-Za-z0-9][A-Za-z0-9._-]*)/.exec(link);
  if (egg) return egg[1];
  return wheelFromLink(link)?.name ?? null;
}

/** Words of an option line, honouring simple quotes ("my reqs.txt"), as pip's shlex split does. */
function splitWords(text: string): string[] {
  const words: string[] = [];
  const re = /"([^"]*)"|'([^']*)'|(\S+)/g;
  for (let m = re.exec(text); m !== null; m = re.exec(text)) words.push(m[1] ?? m[2] ?? m[3]);
  return words;
}
