/**
 * The GitHub Action: read INPUT_* through @actions/core, run the shared
 * workflow, then set outputs, annotate warnings, write the job summary and fail
 * the step where the user asked for a GPU and there is none.
 */
// Every core.* call prints through the log sink, which neutralises workflow commands in outside text.
import { core } from '../sinks/log.js';
import { relative } from 'node:path';
import { INPUTS, parseOptions, type RawOptions } from '../options.js';
import { InputError } from '../errors.js';
import { planRun, writeRequirements, installRun, defaultPython, type RunContext } from '../workflow.js';
import { planOutputs, planJson } from '../report/outputs.js';
import { renderSummary } from '../report/summary.js';
import { requireGpuFailure, runWarnings } from '../gpu-warnings.js';
import { secretsInUrl, redactText } from '../secrets.js';
import { toolsStarted } from '../process/run-tool.js';
import { coreLog } from './core-log.js';
import { openInstallCache } from '../cache/install-cache.js';
import { exportConstraints } from './export-constraints.js';

function readInputs(): RawOptions {
  const raw: RawOptions = {};
  for (const input of INPUTS) raw[input.name] = core.getInput(input.name);
  return raw;
}

export async function runAction(): Promise<void> {
  try {
    // Mask credentials before anything can print the URL.
    for (const secret of secretsInUrl(core.getInput('index-base-url'))) core.setSecret(secret);
    const options = parseOptions(readInputs());
    const ctx: RunContext = { cwd: process.cwd(), env: process.env, platform: process.platform, arch: process.arch, log: coreLog };

    const run = await planRun(options, ctx);
    await writeRequirements(run, ctx);
    const shownPath = relative(ctx.cwd, run.requirementsPath) || run.requirementsPath;
    core.info(`torchcraft: ${run.plan.backend} build of torch ${run.plan.release}; wrote ${shownPath}`);
    for (const reason of run.plan.reasons) core.info(`  ${reason}`);
    for (const warning of runWarnings(run.plan)) core.warning(warning, { title: 'torchcraft' });
    await core.group('torchcraft.txt', async () => core.info(redactText(run.text)));

    // With require-gpu and no usable GPU, installing a CPU build would only hide the failure.
    const noGpu = options.requireGpu ? requireGpuFailure(run.plan) : undefined;
    const installing = options.install && noGpu === undefined;
    const python = installing ? (options.python ?? (await defaultPython())) : '';
    // The installer's download cache around the install (cache input); the post step saves it.
    const cache = installing
      ? await openInstallCache({ choice: options.cache, python, installer: options.installer, requirementsText: run.text, backend: run.plan.backend, release: run.plan.release, env: ctx.env, log: coreLog })
      : undefined;
    const install = installing ? await installRun(run, options, cache ? { ...ctx, env: cache.env } : ctx) : undefined;
    await cache?.finish(install);
    const outputs = planOutputs(run.plan, run.requirementsPath, install);
    for (const [name, value] of Object.entries(outputs)) core.setOutput(name, value);
    if (installing) core.setOutput('cache-hit', String(cache?.hit ?? false));
    // The build stays for the rest of the job (export-constraints input).
    if (install?.installed && install.error === undefined && options.exportConstraints) {
      const constraintsPath = await exportConstraints(run.plan, python, ctx.env);
      if (constraintsPath) core.setOutput('constraints-path', constraintsPath);
    }
    core.setOutput('json', JSON.stringify(planJson(run.plan)));
    if (install) for (const warning of install.warnings) core.warning(warning, { title: 'torchcraft install' });

    await writeSummary(renderSummary({ run, install, shownPath, requireGpuFailure: noGpu }));

    if (noGpu !== undefined) {
      core.setFailed(`require-gpu is true but no usable GPU was found: ${noGpu}`);
    } else if (install?.error) {
      core.setFailed(install.error);
    }
  } catch (e) {
    const message = e instanceof InputError ? e.message : `torchcraft failed unexpectedly: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`;
    core.setFailed(message);
    await writeSummary(renderSummary({ error: e instanceof InputError ? e.message : message.split('\n')[0] }));
  } finally {
    core.debug(`torchcraft started ${toolsStarted()} external programs`);
  }
}

/** The summary file exists only on a runner; elsewhere there is nothing to write. */
async function writeSummary(markdown: string): Promise<void> {
  if (!process.env.GITHUB_STEP_SUMMARY) return;
  try {
    await core.summary.addRaw(markdown, true).write();
  } catch (e) {
    core.warning(`Could not write the job summary: ${e instanceof Error ? e.message : String(e)}`);
  }
}
