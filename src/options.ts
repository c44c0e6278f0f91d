/**
 * Every setting torchcraft takes, once: its action input name, its default and
 * how a raw string becomes a typed value. The action reads raw strings from
 * INPUT_* variables and the CLI from flags (--torch-version for input
 * torch-version); both hand them to parseOptions, so validation and messages
 * are the same everywhere. action.yml must list exactly these inputs with these
 * defaults (a test holds the two together).
 */
import { validRange, valid as validVersion } from '@renovatebot/pep440';
import { InputError } from './errors.js';
import { parseIndexBaseUrl } from './index-url.js';
import type { Channel } from './plan/types.js';
import type { InstallerChoice } from './install/types.js';

export interface Options {
  backend: string;
  torchVersion: string;
  /** "3.12"; undefined = ask the interpreter. */
  pythonVersion?: string;
  packages: string[];
  requirementsPath: string;
  /** As given, trailing slashes removed; may hold credentials or ${VAR} references. */
  indexBaseUrl: string;
  /** Path of a machine description, or inline JSON; undefined = detect. */
  machine?: string;
  probeTimeoutMs: number;
  requirements: string[];
  /** Optional-dependency groups of pyproject.toml to honour; 'all' = every group. */
  extras: string[] | 'all';
  install: boolean;
  /** Interpreter command or path; undefined = `python`, else `python3`. */
  python?: string;
  installer: InstallerChoice;
  retries: number;
  requireGpu: boolean;
  verify: boolean;
  channel: Channel;
  /** Restore and save the installer's download cache around the install (action only); auto = on GitHub-hosted runners. */
  cache: CacheChoice;
  /** After installing, export PIP_CONSTRAINT/UV_CONSTRAINT holding the installed family's versions (action only). */
  exportConstraints: boolean;
}

export type CacheChoice = 'auto' | 'true' | 'false';

export type InputName =
  | 'backend'
  | 'torch-version'
  | 'python-version'
  | 'packages'
  | 'requirements-path'
  | 'index-base-url'
  | 'machine'
  | 'probe-timeout'
  | 'requirements'
  | 'extras'
  | 'install'
  | 'python'
  | 'installer'
  | 'retries'
  | 'require-gpu'
  | 'verify'
  | 'channel'
  | 'cache'
  | 'export-constraints';

export interface InputSpec {
  name: InputName;
  default: string;
  description: string;
  /** Only the action has it: it acts on the runner (its cache service, GITHUB_ENV); the CLI has no flag for it. */
  actionOnly?: boolean;
}

export const DEFAULT_INDEX_BASE_URL = 'https://download.pytorch.org/whl';
export const COMPANIONS = ['torchvision', 'torchaudio'] as const;

/** The inputs, in the order action.yml and the README list them. */
export const INPUTS: readonly InputSpec[] = [
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

export type RawOptions = Partial<Record<InputName, string>>;

const BACKEND = /^(auto|cpu|mps|xpu|cu\d{3}|rocm\d+\.\d+(\.\d+)?)$/;
const PYTHON = /^3\.\d{1,2}$/;
const ALLOWED_PACKAGES = ['torch', ...COMPANIONS];

function raw(options: RawOptions, name: InputName): string {
  const spec = INPUTS.find((i) => i.name === name)!;
  const value = (options[name] ?? '').trim();
  return value === '' ? spec.default : value;
}

function listOf(text: string): string[] {
  return text
    .split(/[\s,]+/)
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
}

/** YAML 1.2 core-schema booleans, as @actions/core's getBooleanInput accepts them. */
function parseBoolean(name: InputName, value: string): boolean {
  if (['true', 'True', 'TRUE'].includes(value)) return true;
  if (['false', 'False', 'FALSE'].includes(value)) return false;
  throw new InputError(name, value, 'allowed: true or false.');
}

function parseIntegerIn(name: InputName, value: string, min: number, max: number): number {
  if (!/^\d+$/.test(value) || Number(value) < min || Number(value) > max) {
    throw new InputError(name, value, `allowed: a whole number from ${min} to ${max}.`);
  }
  return Number(value);
}

function oneOf<T extends string>(name: InputName, value: string, allowed: readonly T[]): T {
  if (!(allowed as readonly string[]).includes(value)) throw new InputError(name, value, `allowed: ${allowed.join(', ')}.`);
  return value as T;
}

/** "2.5", "2.5.1" or any PEP 440 specifier; the policy decides whether a release matches. */
function parseTorchVersion(value: string): string {
  if (value === '') return '';
  if (validVersion(value) !== null || validRange(value) || /^\d+\.\d+\.\*$/.test(value)) return value;
  throw new InputError('torch-version', value, 'allowed: empty, a version such as 2.5 or 2.5.1, or a PEP 440 specifier such as >=2.4,<2.6.');
}

function parsePackages(value: string): string[] {
  const names = listOf(value).map((n) => n.toLowerCase());
  for (const n of names) {
    if (!ALLOWED_PACKAGES.includes(n)) throw new InputError('packages', value, `unknown package ${JSON.stringify(n)}; allowed: ${ALLOWED_PACKAGES.join(', ')}.`);
  }
  if (!names.includes('torch')) throw new InputError('packages', value, 'must include torch (and any of torchvision, torchaudio).');
  // torch first, then the companions in the order given, each once.
  return ['torch', ...new Set(names.filter((n) => n !== 'torch'))];
}

/** auto, or a YAML boolean as getBooleanInput reads one. */
function parseCache(value: string): CacheChoice {
  if (value === 'auto') return 'auto';
  try {
    return String(parseBoolean('cache', value)) as CacheChoice;
  } catch {
    throw new InputError('cache', value, 'allowed: auto (on for GitHub-hosted runners, off for self-hosted), true or false.');
  }
}

/** Validate every setting at once, before anything is probed or written. */
export function parseOptions(options: RawOptions): Options {
  const backend = raw(options, 'backend').toLowerCase();
  if (!BACKEND.test(backend)) {
    throw new InputError('backend', raw(options, 'backend'), 'allowed: auto, cpu, mps, xpu, cuNNN (cu126, cu130 ...) or rocmX.Y (rocm6.4, rocm7.2 ...).');
  }
  const pythonVersion = raw(options, 'python-version');
  if (pythonVersion !== '' && !PYTHON.test(pythonVersion)) {
    throw new InputError('python-version', pythonVersion, 'allowed: empty (ask the interpreter) or a version such as 3.12.');
  }
  const requirementsPath = raw(options, 'requirements-path');
  if (requirementsPath.includes('\0')) throw new InputError('requirements-path', requirementsPath, 'a path may not contain NUL.');
  // A control character would end a log line or an output; no real file name holds one.
  if (/[\u0001-\u001f\u007f-\u009f\u2028\u2029]/.test(requirementsPath)) {
    throw new InputError('requirements-path', requirementsPath, 'a path may not contain control characters (a line break, a tab, an escape); allowed: a file path such as torchcraft.txt.');
  }
  if (/[\\/]$/.test(requirementsPath)) throw new InputError('requirements-path', requirementsPath, 'names a folder; allowed: a file path such as torchcraft.txt or ci/torch.txt.');
  const extras = listOf(raw(options, 'extras'));
  const requirements = raw(options, 'requirements')
    .split(/\r?\n/)
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
  // Silently ignoring groups the user named would plan without the pins they meant.
  if (extras.length > 0 && requirements.length === 0) {
    throw new InputError('extras', raw(options, 'extras'), 'picks groups of a pyproject.toml given in requirements, and requirements is empty: add the pyproject.toml to requirements.');
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
    installer: oneOf('installer', raw(options, 'installer'), ['auto', 'pip', 'uv'] as const),
    retries: parseIntegerIn('retries', raw(options, 'retries'), 0, 10),
    requireGpu: parseBoolean('require-gpu', raw(options, 'require-gpu')),
    verify: parseBoolean('verify', raw(options, 'verify')),
    channel: oneOf('channel', raw(options, 'channel'), ['stable', 'test', 'nightly'] as const),
    cache: parseCache(raw(options, 'cache')),
    exportConstraints: parseBoolean('export-constraints', raw(options, 'export-constraints')),
  };
}
