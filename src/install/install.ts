/**
 * The install step: check the interpreter (and that it fits the plan), run
 * the installer (retrying only failures worth retrying), say what state a
 * failure left behind, then run the installed torch and judge it against the
 * plan. Never throws for what the machine or the index did: every failure is
 * an outcome with `error` set.
 *
 * Everything after the first look at the interpreter runs the path it
 * reported (sys.executable), not the command as given: a bare `python3` may be
 * a shim, and uv reads `--python python3` as a request to search for (it may
 * settle on a discovered .venv), so the installer, the verification and the
 * after-failure check would not be sure to see the same environment.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { explain } from '@renovatebot/pep440';
import type { Log } from '../log.js';
import type { Plan } from '../plan/types.js';
import { describeCommand, runTool, type ToolResult } from '../process/run-tool.js';
import { redactUrl, scrub } from '../secrets.js';
import { classifyFailure, explainFailure, retryDelayMs, type FailureClass } from './failure.js';
import { planMismatchError } from './fit.js';
import { installCommand, pickInstaller } from './installer.js';
import { ACTION_NAMES, type SettingNames } from '../setting-names.js';
import { requireGpuFailure } from '../gpu-warnings.js';
import { detailsBlock, ScrubbedLines } from './output.js';
import { inspectPython } from './python.js';
import type { InstallOutcome, InstallRequest, PythonInfo } from './types.js';
import { expectedLabels, judge, runtimeFor, runVerification } from './verify.js';
import { deviceLine, judgeDevices, toDeviceCheck } from './devices.js';

const DEFAULT_RETRY_DELAY_MS = 2000;
const DEFAULT_TIMEOUT_MS = 30 * 60_000;
/** Asking the interpreter about itself or importing torch: generous, a cold torch import takes seconds. */
const PROBE_TIMEOUT_MS = 120_000;
/** Each device's check (a first CUDA call creates its context, which takes seconds on a big machine). */
const DEVICE_TIMEOUT_MS = 60_000;

export { inspectPython };

export async function installAndVerify(plan: Plan, request: InstallRequest, log: Log): Promise<InstallOutcome> {
  const clean = (text: string): string => scrub(text, request.secrets);
  const outcome: InstallOutcome = { installer: 'pip', attempts: 0, installed: false, verification: 'skipped', summary: [], warnings: [] };
  const fail = (error: string): InstallOutcome => {
    outcome.error = clean(error);
    outcome.summary.push(`**Install failed**: ${outcome.error}`);
    outcome.summary = outcome.summary.map(clean);
    outcome.warnings = outcome.warnings.map(clean);
    return outcome;
  };
  const index = plan.indexUrl ? redactUrl(plan.indexUrl) : 'PyPI (the default index)';
  outcome.index = clean(index);
  const names = request.names ?? ACTION_NAMES;

  // The same rule the entry points apply before calling here, so a direct caller is held to it too.
  const noGpu = request.requireGpu ? requireGpuFailure(plan) : undefined;
  if (noGpu !== undefined) {
    return fail(`${names.name('require-gpu')} is set, but no usable GPU was found for this machine: the plan is backend ${plan.backend}: ${noGpu} Nothing was installed.`);
  }

  // Preflight: the interpreter, PEP 668, the plan's Python/OS/CPU, its pip.
  const python = await inspectPython(request.python, request.env, PROBE_TIMEOUT_MS);
  const preflight =
    preflightError(request.python, python, names) ??
    planMismatchError(plan, python, { pythonVersionGiven: request.pythonVersionGiven, machineGiven: request.machineGiven }, names);
  if (preflight) return fail(preflight);
  const interpreter = python.executable || request.python;
  const pick = await pickInstaller(request.installer, python, undefined, names);
  outcome.installer = pick.installer;
  if (!pick.ok) return fail(pick.error);
  const torchBefore = python.torchVersion;
  log.info(`Installing into Python ${python.fullVersion} at ${python.executable} with ${pick.installer}${torchBefore ? ` (torch ${torchBefore} is installed now)` : ''}.`);

  const attemptsAllowed = 1 + Math.max(0, Math.floor(request.retries));
  const timeoutMs = request.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const baseDelay = request.retryDelayMs ?? DEFAULT_RETRY_DELAY_MS;
  const scratch = mkdtempSync(join(tmpdir(), 'torchcraft-install-'));
  let last: { result: ToolResult; failure: FailureClass; lines: string[] } | undefined;
  try {
    for (let attempt = 1; attempt <= attemptsAllowed; attempt++) {
      outcome.attempts = attempt;
      const pipLogFile = pick.installer === 'pip' ? join(scratch, `pip-${attempt}.log`) : undefined;
      const cmd = installCommand(pick.installer, {
        python: interpreter,
        requirementsPath: request.requirementsPath,
        prerelease: plan.prerelease,
        uvPath: pick.ok ? pick.uvPath : undefined,
        pipLogFile,
      });
      const lines = new ScrubbedLines(request.secrets, (line) => log.info(line));
      const title = `${describeCommand(pick.installer === 'uv' ? 'uv' : cmd.command, cmd.args)}${attemptsAllowed > 1 ? ` (attempt ${attempt} of ${attemptsAllowed})` : ''}`;
      const result = await log.group(clean(title), async () => {
        const r = await runTool(cmd.command, cmd.args, { timeoutMs, env: request.env, onOutput: (chunk) => lines.write(chunk) });
        lines.end();
        return r;
      });
      if (result.ok) {
        outcome.installed = true;
        last = undefined;
        break;
      }
      // Stopped by our limit: its output in the order it came, so the last line is what it was doing.
      const output = result.timedOut ? lines.lines.join('\n') : `${result.stdout}\n${result.stderr}\n${skippedPages(pipLogFile)}`;
      const failure = classifyFailure(output, { timedOut: result.timedOut });
      if (result.spawnError) failure.evidence = `${cmd.command} could not be started (${result.spawnError})`;
      last = { result, failure, lines: lines.lines };
      if (!failure.retryable || attempt === attemptsAllowed) break;
      const wait = retryDelayMs(attempt, baseDelay);
      const retry = clean(`${pick.installer} failed (${failure.kind}${failure.evidence ? `: ${failure.evidence}` : ''}); trying again in ${formatSeconds(wait)} (attempt ${attempt + 1} of ${attemptsAllowed}).`);
      log.warning(retry);
      (outcome.retries ??= []).push(retry);
      await sleep(wait);
    }
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }

  if (!outcome.installed && last) {
    const after = await inspectPython(interpreter, request.env, PROBE_TIMEOUT_MS);
    const state = stateAfterFailure(torchBefore, after);
    if (state.changed) outcome.warnings.push(state.message);
    const message = explainFailure(last.failure, {
      installer: pick.installer,
      attempts: outcome.attempts,
      index,
      pythonVersion: python.version,
      exitCode: last.result.exitCode,
      names,
      timeoutMs,
    });
    outcome.torchVersion = after.torchVersion;
    const title = `Last lines of ${pick.installer}'s output (attempt ${outcome.attempts})`;
    outcome.installerOutput = { title, lines: last.lines.slice(-40) };
    outcome.summary.push(detailsBlock(title, last.lines));
    return fail(`${message} ${state.message}`);
  }

  outcome.summary.push(`**Install**: ${pick.installer} installed torchcraft.txt from ${index} in ${outcome.attempts} attempt${outcome.attempts === 1 ? '' : 's'}.`);

  // The installer exiting 0 is not proof: ask what the interpreter holds now (package metadata, no import).
  const after = await inspectPython(interpreter, request.env, PROBE_TIMEOUT_MS);
  outcome.torchVersion = after.torchVersion;
  const held = installedProblem(plan, pick.installer, torchBefore, after, request.env);
  if (held) {
    if (!after.torchVersion) outcome.installed = false;
    outcome.verification = after.torchVersion ? 'mismatch' : 'failed';
    outcome.problems = [clean(held)];
    return fail(held);
  }

  // Verification. require-gpu cannot be honoured without running torch, so it implies it.
  if (!request.verify && !request.requireGpu) {
    outcome.summary.push('**Verification**: skipped (verify is false).');
    return finish(outcome, clean);
  }
  const runtime = runtimeFor(plan);
  log.info(`Verifying torch ${after.torchVersion}: importing it${runtime ? `, then a small operation on each ${runtime} device:` : '.'}`);
  const run = await runVerification(interpreter, request.env, {
    runtime,
    importTimeoutMs: PROBE_TIMEOUT_MS,
    deviceTimeoutMs: request.verifyDeviceTimeoutMs ?? DEVICE_TIMEOUT_MS,
    expectedDevices: plan.machine.gpus.filter((g) => g.vendor === plan.accelerator).length,
    // One plain line per device as it is done, so a hang on a later device still shows the earlier ones.
    onDevice: (device, seen) => {
      if (runtime) log.info(clean(`  ${deviceLine(toDeviceCheck(device, seen, runtime, plan), seen.hip !== null)}`));
    },
  });
  if (!run.ok) {
    // A torch that cannot be imported (or run at all) is not an install, whatever require-gpu says.
    outcome.verification = 'failed';
    const text = `The installed torch could not be run: ${run.problem}.`;
    outcome.problems = [clean(text)];
    outcome.summary.push(`**Verification**: failed. ${text}`);
    return fail(`${text} torchcraft.txt was installed into ${python.executable}, but a torch that cannot be run there is not an install, so the step fails.`);
  }
  log.debug(clean(`verification report: ${JSON.stringify(run.report)}`));
  outcome.torchVersion = run.report.version;
  const verdict = judge(plan, run.report);
  const devices = judgeDevices(plan, run.report, names);
  if (runtime) outcome.devices = devices.devices;
  outcome.gpuAvailable = verdict.gpuAvailable;
  const problems = [...verdict.problems, ...devices.problems];
  outcome.checks = [...verdict.checks, ...devices.checks].map(clean);
  outcome.problems = problems.map(clean);
  outcome.verification = problems.length === 0 ? 'passed' : 'mismatch';
  if (problems.length === 0) {
    outcome.summary.push(`**Verification**: passed. ${outcome.checks.join(' ')}`);
    return finish(outcome, clean);
  }
  outcome.summary.push(`**Verification**: mismatch. ${problems.join(' ')}`);
  if (request.requireGpu && verdict.problems.length > 0) {
    return fail(`The installed torch does not match the plan: ${verdict.problems.join(' ')} ${names.name('require-gpu')} is set, so the step fails.`);
  }
  if (request.requireGpu && runtime && !devices.servedPassed) {
    const none = devices.none ? `torch listed no ${runtime} device. ` : '';
    return fail(`${names.name('require-gpu')} is set, but no GPU the plan serves passed verification: ${none}${devices.problems.join(' ')}`);
  }
  outcome.warnings.push(...problems);
  return finish(outcome, clean);
}

/**
 * After an installer that exited 0: why the interpreter does not hold the
 * planned build, or undefined when it does (its release and local label, as
 * verification judges them). torch missing means the install went elsewhere
 * (PIP_TARGET, a dry run); another build left in place is usually one that was
 * there before and satisfies torchcraft.txt's torch==X.Y.* line, so the
 * installer kept it.
 */
export function installedProblem(plan: Plan, installer: string, before: string | undefined, after: PythonInfo, env: NodeJS.ProcessEnv): string | undefined {
  if (!after.isPython) return undefined; // verification says what is wrong with it
  const where = after.executable || after.command;
  const now = after.torchVersion;
  if (!now) {
    // pip reads every option from PIP_<OPTION>: these install elsewhere, or not at all.
    const set = (k: string): boolean => installer === 'pip' && (env[k] ?? '') !== '';
    const found = [
      ...['PIP_TARGET', 'PIP_PREFIX', 'PIP_ROOT'].filter(set).map((k) => `${k}=${env[k]} in the environment sends pip's install elsewhere`),
      ...(set('PIP_DRY_RUN') ? [`PIP_DRY_RUN=${env.PIP_DRY_RUN} in the environment makes pip only say what it would install`] : []),
    ];
    const why =
      found.length > 0
        ? `${found.join('; ')}: unset ${found.length > 1 ? 'them' : 'it'} for this step.`
        : `look for a setting that installs elsewhere or not at all (--target, --prefix, --root, --dry-run in a pip or uv configuration file or environment variable).`;
    return `${installer} exited 0, but torch is not installed in ${where} afterwards: nothing usable was installed. ${why}`;
  }
  const parsed = explain(now);
  const labels = expectedLabels(plan);
  const want = plan.release.split('.').map(Number);
  const releaseOk = parsed !== null && want.every((n, i) => n === parsed.release[i]);
  const labelOk = parsed !== null && labels.includes(parsed.local ?? '');
  if (releaseOk && labelOk) return undefined;
  const planned = `the planned ${plan.backend} build of torch ${plan.release} (${labels.map((l) => (l === '' ? 'no local label' : `+${l}`)).join(' or ')})`;
  const torchLine = plan.packages.find((p) => p.name === 'torch');
  if (before === now) {
    return (
      `${installer} kept torch ${now}, which was installed before and satisfies torchcraft.txt's ${torchLine ? `torch${torchLine.specifier}` : 'torch line'}, but it is not ${planned}. ` +
      `Fix: uninstall it first (${installer === 'uv' ? `uv pip uninstall --python ${where} torch` : `${where} -m pip uninstall -y torch`}), or install into a fresh virtual environment.`
    );
  }
  const steering = ['PIP_CONSTRAINT', 'PIP_EXTRA_INDEX_URL', 'PIP_FIND_LINKS', 'UV_CONSTRAINT', 'UV_OVERRIDE', 'UV_EXTRA_INDEX_URL', 'UV_FIND_LINKS'].filter((k) => (env[k] ?? '') !== '');
  return (
    `${installer} exited 0, but torch ${now} is installed in ${where} afterwards, not ${planned}: something other than torchcraft.txt chose it` +
    (steering.length > 0 ? ` (${steering.join(', ')} ${steering.length > 1 ? 'are' : 'is'} set in the environment).` : ' (a constraint, another index or a configuration file).')
  );
}

function finish(outcome: InstallOutcome, clean: (s: string) => string): InstallOutcome {
  outcome.summary = outcome.summary.map(clean);
  outcome.warnings = outcome.warnings.map(clean);
  return outcome;
}

/** What is wrong with the interpreter before anything runs, as the step's error; undefined when it is fit. */
export function preflightError(given: string, python: PythonInfo, names: SettingNames = ACTION_NAMES): string | undefined {
  const input = names.name('python');
  const label = input.charAt(0).toUpperCase() + input.slice(1);
  const fix = `Set ${input} to a Python 3 interpreter (a path, or a command on PATH), or add actions/setup-python before this step.`;
  if (!python.found) return `${label}: ${JSON.stringify(given)} ${python.problem ?? 'was not found'}. ${fix}`;
  if (!python.isPython) return `${label}: ${JSON.stringify(given)} is not a usable Python interpreter: it ${python.problem ?? 'did not answer'}. ${fix}`;
  if (python.externallyManaged) {
    const theirs = python.externallyManagedMessage ? ` Its marker says: "${python.externallyManagedMessage.replace(/\s+/g, ' ').trim()}"` : '';
    return (
      `${label}: ${python.executable} is an externally managed Python (PEP 668): its distribution forbids pip and uv from installing into it, and torchcraft will not override that with --break-system-packages.${theirs} ` +
      `Fix: create a virtual environment (python3 -m venv .venv) and set ${names.set('python', '.venv/bin/python')} (Windows: .venv\\Scripts\\python.exe), or use actions/setup-python.`
    );
  }
  return undefined;
}

/** Compare the torch before and after a failed install, in words. */
export function stateAfterFailure(before: string | undefined, after: PythonInfo): { changed: boolean; message: string } {
  if (!after.isPython) return { changed: true, message: 'The interpreter could not be asked afterwards which torch it has: check it before relying on it.' };
  const now = after.torchVersion;
  if (now === before) {
    return { changed: false, message: before ? `The torch from before (${before}) is still installed, unchanged.` : 'No torch was left behind.' };
  }
  if (before && now) return { changed: true, message: `Warning: torch changed from ${before} to ${now} although the install failed: check the environment before using it.` };
  if (now) return { changed: true, message: `Warning: torch ${now} was left installed although the install failed: remove it or install again.` };
  return { changed: true, message: `Warning: the torch from before (${before}) is gone after the failed install: reinstall it or rerun this step.` };
}

/** From pip's debug log, the lines that say why an index page was skipped (pip does not print them). */
function skippedPages(pipLogFile: string | undefined): string {
  if (!pipLogFile) return '';
  try {
    return readFileSync(pipLogFile, 'utf8')
      .split(/\r?\n/)
      .filter((l) => /Could not fetch URL/i.test(l))
      .join('\n');
  } catch {
    return '';
  }
}

function formatSeconds(ms: number): string {
  return ms < 1000 ? `${ms} ms` : `${(ms / 1000).toFixed(ms % 1000 === 0 ? 0 : 1)} s`;
}
