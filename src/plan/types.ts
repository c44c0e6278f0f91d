import type { Machine } from '../machine.js';

export type Channel = 'stable' | 'test' | 'nightly';
export type Accelerator = 'nvidia' | 'amd' | 'intel' | 'apple' | 'none';

/** A constraint on a PyTorch-family package found in the project's own files. */
export interface ProjectConstraint {
  /** Normalised project name (PEP 503): "torch", "torchvision", "xformers", "pytorch-triton-rocm". */
  project: string;
  /** PEP 440 specifier as written, "" when the line names the package alone. */
  specifier: string;
  /** Where it came from, "requirements.txt:3" or "pyproject.toml [project.dependencies]". */
  source: string;
}

/** What the user asked for; every field already validated for form. */
export interface PlanRequest {
  /** "auto", or a variant as published: "cpu", "cu126", "rocm6.4", "xpu", "mps". */
  backend: string;
  /** torch-version input, "" for any: "2.5.1", "2.5", ">=2.4,<2.6". */
  torchVersion: string;
  /** Packages to write, in order; default torch, torchvision, torchaudio. */
  packages: string[];
  /** Without a trailing slash: "https://download.pytorch.org/whl". */
  indexBaseUrl: string;
  channel: Channel;
  /** Pins read from the project's requirement files (issue 4); [] when none. */
  constraints: ProjectConstraint[];
}

/** One requirement line of torchcraft.txt: `${name}${specifier}`. */
export interface PlannedPackage {
  name: string;
  /** "==2.14.*", "==0.29.1", "" */
  specifier: string;
}

/** One index page torchcraft asked before planning (issue 9), as the reports show it. */
export interface IndexPageReport {
  /** The page's URL, credentials masked (redactUrl). */
  url: string;
  /** ok: a listing was read; the rest: no usable answer, so the data alone decided for it. */
  outcome: 'ok' | 'not-found' | 'unreachable' | 'timeout' | 'http-error' | 'unreadable' | 'too-large';
  /** A few words on a failure: "HTTP 503", "connection refused", "not a PEP 503 or PEP 691 page". */
  detail?: string;
  /** How many torch wheels it listed (ok only). */
  files?: number;
  durationMs?: number;
}

/** What the index answered and what that changed (issue 9); absent when the check was off. */
export interface IndexReport {
  /** answered: every page asked was read; partial: some were; unanswered: none were. */
  status: 'answered' | 'partial' | 'unanswered';
  pages: IndexPageReport[];
  /** What the listing changed in the plan, one sentence each ("pinned torch==2.14.1, the newest patch the index has"). */
  changes: string[];
}

/** The decision, a pure function of (machine, request, what the index answered). */
export interface Plan {
  machine: Machine;
  accelerator: Accelerator;
  /** The variant: "cpu", "cu130", "rocm7.2", "xpu", "mps". */
  backend: string;
  /** The chosen release line, "2.14" (or the user's exact pin's release). */
  release: string;
  channel: Channel;
  /**
   * The index to install from (channel folded in, e.g. ".../whl/nightly/cu130"),
   * or null for PyPI's default index (mps, macOS CPU). May hold credentials:
   * print it only through redactUrl().
   */
  indexUrl: string | null;
  /** Requirement lines, torch first. */
  packages: PlannedPackage[];
  /** pip needs --pre (test and nightly channels). */
  prerelease: boolean;
  /** The CUDA build relies on minor-version compatibility, not native driver support. */
  compatibilityMode: boolean;
  /** Why this build, one sentence each, in the order they were decided. */
  reasons: string[];
  /** What the user should know: a GPU not used and what would fix it, data older than a release... */
  warnings: string[];
  /**
   * Indexes into machine.gpus of the GPUs this build is meant to run on: with mixed
   * GPUs a build may serve some and not others. [] for a CPU build. require-gpu and
   * verification judge by these.
   */
  servedGpus: number[];
  /**
   * The candidates the policy weighed and rejected, one line each ("torch 2.14 cu126:
   * no sm_120 for RTX 5090"), for the debug trace (RUNNER_DEBUG, --verbose). Not user advice.
   */
  trace: string[];
  /** What the index answered before planning (issue 9); absent when the check was off. */
  index?: IndexReport;
}
