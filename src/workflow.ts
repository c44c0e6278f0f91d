/**
 * The run both entry points share: options -> machine -> project pins -> plan ->
 * torchcraft.txt -> (install). Entry points only translate their inputs into
 * Options and the result into outputs, a summary or terminal text.
 */
import { stat } from 'node:fs/promises';
import { basename, isAbsolute, relative, resolve } from 'node:path';
import { which } from '@actions/io';
import type { Machine } from './machine.js';
import type { Options } from './options.js';
import type { Plan, PlanRequest } from './plan/types.js';
import type { Log } from './log.js';
import { InputError } from './errors.js';
import { detectMachine } from './detect/index.js';
import { capMachine, parseMachineJson, readMachineFile } from './detect/load-machine.js';
import { planInstall } from './plan/policy.js';
import { renderRequirementsFile } from './render/requirements-file.js';
import { writeRequirementsFile } from './render/write-requirements.js';
import { isInside } from './requirements/project-file.js';
import type { InstallOutcome } from './install/index.js';
import { secretsInUrl } from './secrets.js';
import type { SettingNames } from './setting-names.js';

export interface RunContext {
  cwd: string;
  env: NodeJS.ProcessEnv;
  platform: NodeJS.Platform;
  arch: string;
  log: Log;
  /** Plan and print, write nothing. */
  dryRun?: boolean;
  /** How messages name settings: the action's inputs (default) or the CLI's flags. */
  names?: SettingNames;
}

export interface PlannedRun {
  machine: Machine;
  plan: Plan;
  /** Absolute path of torchcraft.txt. */
  requirementsPath: string;
  /** Its content. */
  text: string;
  /** Notes from reading the project's requirement files. */
  projectNotes: string[];
}

/** The machine description to plan for: the user's, or detected. */
export async function resolveMachine(options: Options, ctx: RunContext): Promise<Machine> {
  if (options.machine !== undefined) {
    const given = options.machine.trim();
    let text: string;
    let source: string;
    if (given.startsWith('{')) {
      text = given;
      source = 'inline JSON';
    } else {
      source = given;
      text = await readMachineFile(resolve(ctx.cwd, given), given);
    }
    const machine = capMachine(parseMachineJson(text, source));
    return options.pythonVersion ? { ...machine, python: options.pythonVersion } : machine;
  }
  // Bounded whatever the GPU tools printed (see capMachine).
  return capMachine(await detectMachine({
    platform: ctx.platform,
    arch: ctx.arch,
    env: ctx.env,
    fsRoot: '/',
    timeoutMs: options.probeTimeoutMs,
    python: options.python,
    pythonVersion: options.pythonVersion,
  }));
}

/** Everything up to the text of torchcraft.txt; throws InputError on bad input, writes nothing. */
export async function planRun(options: Options, ctx: RunContext): Promise<PlannedRun> {
  const machine = await resolveMachine(options, ctx);
  // The readers (and the TOML parser) load only when there are project files to read.
  const project =
    options.requirements.length > 0
      ? await (await import('./requirements/index.js')).readProjectRequirements(options.requirements, machine, { extras: options.extras, cwd: ctx.cwd, workspace: ctx.env.GITHUB_WORKSPACE, env: ctx.env })
      : { constraints: [], notes: [], warnings: [], files: [] };
  const request: PlanRequest = {
    backend: options.backend,
    torchVersion: options.torchVersion,
    packages: options.packages,
    indexBaseUrl: options.indexBaseUrl,
    channel: options.channel,
    constraints: project.constraints,
  };
  const planned = planWithSourceNamed(machine, request, options);
  // Reading the project can warn that its own install will undo the plan (a torch from a URL):
  // those warnings travel with the plan's, to annotations, the summary, outputs and the file header.
  const plan = project.warnings.length > 0 ? { ...planned, warnings: [...planned.warnings, ...project.warnings] } : planned;
  const requirementsPath = resolve(ctx.cwd, options.requirementsPath);
  if ((await stat(requirementsPath).catch(() => undefined))?.isDirectory()) {
    throw new InputError('requirements-path', options.requirementsPath, 'is an existing folder; allowed: a file path such as torchcraft.txt or ci/torch.txt.');
  }
  const text = renderRequirementsFile(plan, { fileName: basename(requirementsPath) });
  return { machine, plan, requirementsPath, text, projectNotes: project.notes };
}

/**
 * The plan, with a Python error named after where the Python came from: the
 * policy blames python-version, but without that input the version came from
 * the machine description or from the interpreter.
 */
function planWithSourceNamed(machine: Machine, request: PlanRequest, options: Options): Plan {
  try {
    return planInstall(machine, request);
  } catch (e) {
    if (!(e instanceof InputError) || e.input !== 'python-version' || options.pythonVersion !== undefined) throw e;
    if (options.machine !== undefined) {
      throw new InputError('machine', options.machine.trim().startsWith('{') ? 'inline JSON' : options.machine, `its "python" is ${e.value}: ${e.problem}`);
    }
    throw new InputError('python', options.python ?? 'python', `it is Python ${e.value}: ${e.problem}. Use another interpreter, or set python-version to plan for another Python.`);
  }
}

/** Write torchcraft.txt (atomically) unless this is a dry run. */
export async function writeRequirements(run: PlannedRun, ctx: RunContext): Promise<void> {
  if (ctx.dryRun) return;
  // A path from an input can point anywhere on the runner: writing outside the workspace (or RUNNER_TEMP) is said.
  const { GITHUB_WORKSPACE: workspace, RUNNER_TEMP: temp } = ctx.env;
  if (workspace && !isInside(run.requirementsPath, resolve(workspace)) && !(temp && isInside(run.requirementsPath, resolve(temp)))) {
    ctx.log.warning(`requirements-path: ${run.requirementsPath} is outside the workspace (${workspace}); torchcraft.txt is written there as asked. Write it under the workspace or RUNNER_TEMP if that was not meant.`);
  }
  const rel = relative(ctx.cwd, run.requirementsPath);
  await writeRequirementsFile(run.requirementsPath, rel === '' || rel.startsWith('..') || isAbsolute(rel) ? run.requirementsPath : rel, run.text);
}

/** The optional install step, into the chosen interpreter. */
export async function installRun(run: PlannedRun, options: Options, ctx: RunContext): Promise<InstallOutcome> {
  // Loaded here, not at start-up: a plan-only run (most runs) never needs the installer.
  const { installAndVerify } = await import('./install/index.js');
  return installAndVerify(
    run.plan,
    {
      python: options.python ?? (await defaultPython()),
      installer: options.installer,
      retries: options.retries,
      verify: options.verify,
      requireGpu: options.requireGpu,
      requirementsPath: run.requirementsPath,
      env: ctx.env,
      secrets: secretsInUrl(options.indexBaseUrl),
      names: ctx.names,
      // So a plan that does not fit the interpreter names the setting that made it.
      pythonVersionGiven: options.pythonVersion !== undefined,
      machineGiven: options.machine !== undefined,
    },
    ctx.log,
  );
}

/** `python` as actions/setup-python leaves it on PATH, else `python3` (Debian and macOS have only that). */
export async function defaultPython(): Promise<string> {
  for (const name of ['python', 'python3']) {
    const found = await which(name, false).catch(() => '');
    if (found) return found;
  }
  return 'python';
}
