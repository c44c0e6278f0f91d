/**
 * The project's own requirements, read for a target machine: which packages of
 * the PyTorch family it pins, and how (issue 4). Planning turns the constraints
 * into a release; this side only reads.
 *
 * Paths ending in `.toml` are pyproject files; anything else is a pip
 * requirements file. Bad input is an InputError naming the file and the line.
 */
import { resolve } from 'node:path';
import { InputError } from '../errors.js';
import type { ProjectConstraint } from '../plan/types.js';
import { Collector } from './collector.js';
import { normalizeName } from './family.js';
import { readPyproject, type PyprojectGroups } from './pyproject.js';
import { readRequirementsFile, type RequirementsFileReader } from './requirements-file.js';
import { markerValues, type TargetEnvironment } from './target.js';
import { projectRoot } from './project-file.js';

export { PYTORCH_FAMILY, isPytorchFamily, normalizeName } from './family.js';
export type { TargetEnvironment } from './target.js';

export interface ProjectRequirements {
  /** Pins on PyTorch-family packages that apply to the target, in file order. */
  constraints: ProjectConstraint[];
  /** What was ignored or assumed, each "source: sentence", for the summary. */
  notes: string[];
  /**
   * What the project's own install will do behind torchcraft.txt's back, each
   * "source: sentence": a family package from a URL or a path, an editable one,
   * Poetry pins, `[tool.uv.sources]` for the family, dynamic dependencies, a
   * remote include not followed. Shown as warnings (annotations, outputs, the
   * torchcraft.txt header), since each may undo the plan.
   */
  warnings: string[];
  /** Every file read, includes followed, relative to cwd with `/`, each once. */
  files: string[];
}

export interface ReadOptions {
  /** pyproject groups to read (optional-dependencies and dependency-groups); 'all' for every one. */
  extras: string[] | 'all';
  /** Relative paths (and includes' base for top-level files) resolve here; sources are shown relative to it. */
  cwd: string;
  /**
   * GITHUB_WORKSPACE, when the run has one: files inside it may be read when the
   * working folder is inside it too. Files outside the project folder are not read.
   */
  workspace?: string;
  /** Where `${NAME}` references in requirement files are expanded from; default: process.env. */
  env?: NodeJS.ProcessEnv;
}

export async function readProjectRequirements(paths: string[], target: TargetEnvironment, options: ReadOptions): Promise<ProjectRequirements> {
  const collector = new Collector(markerValues(target));
  // Requirement files know no groups: with 'all', an `extra == "..."` marker there cannot be decided.
  const fileExtras = options.extras === 'all' ? 'unknown' : options.extras;
  const pyprojects: PyprojectGroups[] = [];
  const root = projectRoot(options.cwd, options.workspace);
  // One reader for every file: a file named twice, or included from two files, is read once.
  const reader: RequirementsFileReader = { collector, cwd: options.cwd, extras: fileExtras, root, env: options.env, done: new Set<string>() };
  for (const p of paths) {
    const absolute = resolve(options.cwd, p);
    if (p.toLowerCase().endsWith('.toml')) {
      const groups = await readPyproject(absolute, collector, options.cwd, options.extras, root);
      if (groups) pyprojects.push(groups);
    } else {
      await readRequirementsFile(absolute, reader);
    }
  }
  if (options.extras !== 'all' && pyprojects.length > 0) checkExtrasExist(options.extras, pyprojects);
  return { constraints: collector.constraints, notes: collector.notes, warnings: collector.warnings, files: collector.files };
}

/** A group asked for must exist in some pyproject read: a typo would otherwise drop its pins silently. */
function checkExtrasExist(extras: string[], pyprojects: PyprojectGroups[]): void {
  for (const extra of extras) {
    if (pyprojects.some((p) => p.groups.some((g) => normalizeName(g) === normalizeName(extra)))) continue;
    const there = pyprojects.map((p) => `${p.file}: ${p.groups.length > 0 ? p.groups.join(', ') : 'none'}`).join('; ');
    throw new InputError('extras', extra, `no such group in [project.optional-dependencies] or [dependency-groups]; the groups are ${there}.`);
  }
}
