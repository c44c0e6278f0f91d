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
import { parse, TomlError } from 'smol-toml';
import { InputError } from '../errors.js';
import { Collector } from './collector.js';
import { isPytorchFamily, normalizeName } from './family.js';
import { parseRequirement } from './requirement.js';
import { poetrySpecifier } from './poetry.js';
import { quote } from './collector.js';
import { displayPath } from './paths.js';
import { locateProjectFile, readProjectFile } from './project-file.js';

type Table = Record<string, unknown>;
type DependencyGroupItem = string | { 'include-group': string };

export interface PyprojectGroups {
  /** The file, as shown. */
  file: string;
  /** Group names as written: optional-dependencies first, then dependency-groups. */
  groups: string[];
}

/**
 * Read one pyproject.toml into the collector. `extras` names groups of either
 * table (compared normalised, PEP 685); a name this file lacks is not an error
 * here, since another file may have it: the caller checks with the returned groups.
 */
export async function readPyproject(
  path: string,
  collector: Collector,
  cwd: string,
  extras: readonly string[] | 'all',
  root: string = cwd,
): Promise<PyprojectGroups | undefined> {
  const file = displayPath(cwd, path);
  const fail = (problem: string): never => {
    throw new InputError('requirements', file, problem);
  };
  const where = await locateProjectFile(path, root);
  if (where.kind === 'outside' || where.kind === 'link-outside') {
    collector.warn(file, `${where.kind === 'outside' ? 'is outside the project folder' : 'is a link to a file outside the project folder'}; torchcraft reads no file outside it, so pins in it are not honoured.`);
    return undefined;
  }
  if (where.kind === 'unreadable') return fail(`the file cannot be read (${where.reason}).`);
  const read = await readProjectFile(where.real);
  if (read.kind !== 'ok') return fail(`the file cannot be read (${read.kind === 'unreadable' ? read.reason : 'outside the project'}).`);
  // TOML is UTF-8; a BOM an editor left is not part of it.
  const content = read.data.toString('utf8').replace(/^\uFEFF/, '');
  collector.fileRead(file);
  let doc: Table;
  try {
    doc = parse(content) as Table;
  } catch (e) {
    if (e instanceof TomlError) return fail(`line ${e.line}, column ${e.column}: not valid TOML (${e.message.split('\n')[0]}).`);
    return fail(`not valid TOML (${e instanceof Error ? e.message : String(e)}).`);
  }

  const project = optionalTable(doc.project, '[project]', fail);
  const ownName = typeof project?.name === 'string' ? normalizeName(project.name) : null;
  const dependencies = stringList(project?.dependencies, '[project] dependencies', fail);
  const optional = new Map<string, { name: string; items: string[] }>();
  const optionalTableValue = optionalTable(project?.['optional-dependencies'], '[project.optional-dependencies]', fail);
  for (const [name, items] of Object.entries(optionalTableValue ?? {})) {
    optional.set(normalizeName(name), { name, items: stringList(items, `[project.optional-dependencies] ${name}`, fail) ?? [] });
  }
  const groups = new Map<string, { name: string; items: DependencyGroupItem[] }>();
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
  for (const n of selectedOptional) pending.push(...optional.get(n)!.items);
  while (pending.length > 0) {
    const parsed = parseRequirement(pending.pop()!);
    if (!parsed.ok || parsed.requirement.project !== ownName) continue;
    for (const extra of parsed.requirement.extras.map(normalizeName)) {
      if (optional.has(extra) && !selectedOptional.has(extra)) {
        selectedOptional.add(extra);
        pending.push(...optional.get(extra)!.items);
      }
    }
  }
  const markerExtras = [...selectedOptional];

  const add = (text: string, table: string): void => {
    const parsed = parseRequirement(text);
    if (parsed.ok && parsed.requirement.project === ownName) return; // the project itself: its extras were followed above
    collector.add(text, { file, place: table, source: `${file} ${table}` }, markerExtras);
  };
  for (const text of dependencies ?? []) add(text, '[project.dependencies]');
  for (const n of selectedOptional) {
    const g = optional.get(n)!;
    for (const text of g.items) add(text, `[project.optional-dependencies.${g.name}]`);
  }
  for (const { items } of groupLists) for (const { text, group } of items) add(text, `[dependency-groups.${group}]`);

  noteOtherTables(doc, project, file, collector);
  const poetryGroups = readPoetry(doc, file, collector, extras);
  return { file, groups: [...[...optional.values()].map((g) => g.name), ...[...groups.values()].map((g) => g.name), ...poetryGroups] };
}

/** A dependency group's requirement strings, include-group followed, each with the group it is written in. */
function expandGroup(
  start: string,
  groups: Map<string, { name: string; items: DependencyGroupItem[] }>,
  file: string,
): { text: string; group: string }[] {
  const out: { text: string; group: string }[] = [];
  // A group included twice adds nothing the second time: without this, a fan of
  // include-group entries would be expanded exponentially often.
  const visited = new Set<string>();
  const visit = (key: string, chain: string[]): void => {
    if (visited.has(key)) return;
    visited.add(key);
    const group = groups.get(key)!;
    for (const item of group.items) {
      if (typeof item === 'string') {
        out.push({ text: item, group: group.name });
        continue;
      }
      const target = normalizeName(item['include-group']);
      if (!groups.has(target)) {
        throw new InputError(
          'requirements',
          file,
          `[dependency-groups] ${group.name} includes "${item['include-group']}", which is not a group; the groups are: ${[...groups.values()].map((g) => g.name).join(', ')}.`,
        );
      }
      if (chain.includes(target)) {
        const names = [...chain, target].map((k) => groups.get(k)!.name).join(' -> ');
        throw new InputError('requirements', file, `[dependency-groups] include-group makes a cycle: ${names}.`);
      }
      visit(target, [...chain, target]);
    }
  };
  visit(start, [start]);
  return out;
}

function noteOtherTables(doc: Table, project: Table | undefined, file: string, collector: Collector): void {
  const tool = isTable(doc.tool) ? doc.tool : undefined;
  const uv = tool && isTable(tool.uv) ? tool.uv : undefined;
  if (uv && isTable(uv.sources)) {
    const family = Object.keys(uv.sources).filter(isPytorchFamily);
    if (family.length > 0) {
      collector.warn(
        `${file} [tool.uv.sources]`,
        `names a source for ${family.join(', ')}, which picks its index or build; torchcraft does not read it, and \`uv sync\` / \`uv pip install\` will follow it rather than torchcraft.txt.`,
      );
    } else {
      collector.note(file, '[tool.uv.sources] is not read by torchcraft (it names no PyTorch package).');
    }
  }
  const dynamic = Array.isArray(project?.dynamic) ? project.dynamic : [];
  for (const field of ['dependencies', 'optional-dependencies']) {
    if (!dynamic.includes(field)) continue;
    const setuptools = tool && isTable(tool.setuptools) && isTable(tool.setuptools.dynamic) ? tool.setuptools.dynamic : undefined;
    const spec = setuptools?.[field];
    const files = isTable(spec) ? [spec.file].flat().filter((f): f is string => typeof f === 'string') : [];
    // The pins live elsewhere and the project's install reads them: unseen, they can undo the plan.
    collector.warn(
      file,
      `[project] ${field} is dynamic, so torchcraft cannot see its pins and does not honour them: pass ${files.length > 0 ? files.join(', ') : 'the requirement files it is built from'} as requirements too.`,
    );
  }
}

/**
 * The family's pins in Poetry's tables. Main dependencies, `dev-dependencies`
 * and non-optional groups are what `poetry install` installs; an optional group
 * counts when `extras` names it (or is 'all'). Returns the group names, which
 * `extras` may name.
 */
function readPoetry(doc: Table, file: string, collector: Collector, extras: readonly string[] | 'all'): string[] {
  const tool = isTable(doc.tool) ? doc.tool : undefined;
  const poetry = tool && isTable(tool.poetry) ? tool.poetry : undefined;
  if (!poetry) return [];
  const tables: { table: string; deps: unknown }[] = [
    { table: '[tool.poetry.dependencies]', deps: poetry.dependencies },
    { table: '[tool.poetry.dev-dependencies]', deps: poetry['dev-dependencies'] },
  ];
  const names: string[] = [];
  for (const [name, group] of Object.entries(isTable(poetry.group) ? poetry.group : {})) {
    if (!isTable(group)) continue;
    names.push(name);
    const selected = group.optional !== true || extras === 'all' || extras.some((e) => normalizeName(e) === normalizeName(name));
    if (selected) tables.push({ table: `[tool.poetry.group.${name}.dependencies]`, deps: group.dependencies });
  }
  for (const { table, deps } of tables) {
    if (!isTable(deps)) continue;
    for (const [name, value] of Object.entries(deps)) {
      if (isPytorchFamily(name)) readPoetryPin(normalizeName(name), name, value, `${file} ${table}`, collector);
    }
  }
  return names;
}

// Keys of a Poetry dependency table that do not change what is installed: a pin with only these is read.
const PLAIN_POETRY_KEYS = new Set(['version', 'extras', 'optional']);

function readPoetryPin(project: string, name: string, value: unknown, source: string, collector: Collector): void {
  const shown = quote(`${name} = ${showToml(value)}`);
  const version = typeof value === 'string' ? value : isTable(value) && Object.keys(value).every((k) => PLAIN_POETRY_KEYS.has(k)) ? value.version : undefined;
  const specifier = typeof version === 'string' ? poetrySpecifier(version) : null;
  if (specifier === null) {
    collector.warn(
      source,
      `${shown} is not read: torchcraft does not read Poetry's pins beyond a plain version, so this pin is not honoured, and \`poetry install\` will install what it says over the build torchcraft.txt chose.`,
    );
    return;
  }
  collector.constrain({ project, specifier, source });
  collector.warn(
    source,
    `${shown} is read as ${project}${specifier === '' ? ' (any version)' : specifier}, but \`poetry install\` installs from poetry.lock and Poetry's own sources, so it may still replace the build torchcraft.txt chose.`,
  );
}

/** A TOML value as written, roughly, for messages: "^2.3", {version = "^2.3", source = "pytorch"}. */
function showToml(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(showToml).join(', ')}]`;
  if (isTable(value)) return `{${Object.entries(value).map(([k, v]) => `${k} = ${showToml(v)}`).join(', ')}}`;
  return String(value);
}

function isTable(v: unknown): v is Table {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof Date);
}

function optionalTable(v: unknown, what: string, fail: (p: string) => never): Table | undefined {
  if (v === undefined) return undefined;
  return isTable(v) ? v : fail(`${what} must be a table.`);
}

function stringList(v: unknown, what: string, fail: (p: string) => never): string[] | undefined {
  if (v === undefined) return undefined;
  if (!Array.isArray(v) || !v.every((s) => typeof s === 'string')) return fail(`${what} must be a list of requirement strings.`);
  return v as string[];
}

function groupItems(v: unknown, name: string, fail: (p: string) => never): DependencyGroupItem[] {
  if (!Array.isArray(v)) return fail(`[dependency-groups] ${name} must be a list.`);
  return v.map((item) => {
    if (typeof item === 'string') return item;
    if (isTable(item) && typeof item['include-group'] === 'string' && Object.keys(item).length === 1) {
      return { 'include-group': item['include-group'] };
    }
    return fail(`[dependency-groups] ${name} holds ${describeValue(item)}, which is neither a requirement string nor {include-group = "..."}.`);
  });
}

function describeValue(v: unknown): string {
  if (isTable(v)) return `a table with ${Object.keys(v).map((k) => JSON.stringify(k)).join(', ') || 'no keys'}`;
  return Array.isArray(v) ? 'a list' : `a ${typeof v}`;
}
