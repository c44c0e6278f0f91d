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
import { pathToFileURL } from 'node:url';
import { runTool } from '../process/run-tool.js';
import { PYTORCH_FAMILY } from '../requirements/family.js';
import { writeFileAtomic } from '../render/write-file-atomic.js';
import type { Plan } from '../plan/types.js';

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

export interface InstalledPackage {
  /** PEP 503 normalised. */
  name: string;
  /** As installed, local label included: "2.14.1+cpu". */
  version: string;
}

/** The family's installed distributions, torch first; a string says why they could not be read. */
export async function installedFamily(python: string, env: NodeJS.ProcessEnv): Promise<InstalledPackage[] | string> {
  const r = await runTool(python, ['-I', '-c', SCRIPT, JSON.stringify(PYTORCH_FAMILY)], { timeoutMs: TIMEOUT_MS, env });
  const line = r.stdout.split(/\r?\n/).find((l) => l.startsWith(MARKER));
  if (!line) return `${python} did not list its packages (${r.spawnError ?? (r.timedOut ? 'timed out' : `exit code ${r.exitCode}`)})`;
  let found: Record<string, unknown>;
  try {
    found = JSON.parse(line.slice(MARKER.length)) as Record<string, unknown>;
  } catch {
    return `${python} listed its packages unreadably`;
  }
  const packages = Object.entries(found)
    .filter((e): e is [string, string] => typeof e[1] === 'string' && /^[A-Za-z0-9.+!_-]+$/.test(e[1]))
    .map(([name, version]) => ({ name, version }));
  const order = (n: string): number => (PYTORCH_FAMILY.includes(n) ? PYTORCH_FAMILY.indexOf(n) : PYTORCH_FAMILY.length);
  return packages.sort((a, b) => order(a.name) - order(b.name) || a.name.localeCompare(b.name));
}

export function renderConstraints(packages: readonly InstalledPackage[], plan: Pick<Plan, 'backend' | 'release'>): string {
  return [
    `# torchcraft: the PyTorch build this job installed (${plan.backend}, torch ${plan.release}), as exact versions.`,
    '# Later installs that name these packages keep this build or fail; they do not replace it.',
    ...packages.map((p) => `${p.name}==${p.version}`),
    '',
  ].join('\n');
}

/** How a file is named in PIP_CONSTRAINT / UV_CONSTRAINT: its path, or a file: URI when the path holds whitespace. */
export function constraintReference(path: string): string {
  return /\s/.test(path) ? pathToFileURL(path).href : path;
}

/** The variable's new value: what it held, then ours (once). */
export function withConstraint(existing: string | undefined, reference: string): string {
  const items = (existing ?? '').split(/\s+/).filter((s) => s.length > 0);
  return items.includes(reference) ? items.join(' ') : [...items, reference].join(' ');
}

export interface WrittenConstraints {
  path: string;
  packages: InstalledPackage[];
  /** PIP_CONSTRAINT and UV_CONSTRAINT, each with what `env` held kept. */
  variables: { PIP_CONSTRAINT: string; UV_CONSTRAINT: string };
}

/** Read the installed family and write the file; a string says why nothing was written. */
export async function writeConstraints(
  python: string,
  env: NodeJS.ProcessEnv,
  path: string,
  plan: Pick<Plan, 'backend' | 'release'>,
): Promise<WrittenConstraints | string> {
  const packages = await installedFamily(python, env);
  if (typeof packages === 'string') return packages;
  if (!packages.some((p) => p.name === 'torch')) return `torch is not installed in ${python}`;
  await writeFileAtomic(path, renderConstraints(packages, plan));
  const reference = constraintReference(path);
  return {
    path,
    packages,
    variables: { PIP_CONSTRAINT: withConstraint(env.PIP_CONSTRAINT, reference), UV_CONSTRAINT: withConstraint(env.UV_CONSTRAINT, reference) },
  };
}
