/**
 * The action's outputs, computed once: the action sets them, the CLI's --json
 * prints them under the same names. No credentials: URLs pass through redactUrl.
 * Outputs are untrusted text (a GPU name is whatever the driver printed): each
 * passes the outputs sink (one line, no control characters, bounded), and the
 * README passes them to scripts through `env:`, never `${{ }}` inside `run:`.
 */
import type { Plan } from '../plan/types.js';
import type { NvidiaGpu } from '../machine.js';
import type { InstallOutcome } from '../install/index.js';
import { redactUrl } from '../secrets.js';
import { requirementLine } from '../render/requirements-file.js';
import { MAX_JSON_BYTES, outputValue } from '../sinks/outputs.js';

/** What PyPI's default index is called when the plan uses no --index-url. */
export const PYPI_INDEX_URL = 'https://pypi.org/simple';

export interface PlanOutputs {
  backend: string;
  'index-url': string;
  'requirements-path': string;
  accelerator: string;
  'torch-requirement': string;
  'driver-version': string;
  'cuda-version': string;
  'gpu-names': string;
  'torch-version'?: string;
  'gpu-available'?: string;
  installer?: string;
  verified?: string;
  /** JSON: InstallOutcome.devices ([] when no device was checked). */
  devices?: string;
}

/** The plan as plain JSON, with the index URL's credentials masked. */
export function planJson(plan: Plan): Record<string, unknown> {
  const json = planJsonWhole(plan);
  // The machine is capped already (capMachine); should it still be too large for an output, the notes go first.
  if (Buffer.byteLength(JSON.stringify(json)) <= MAX_JSON_BYTES) return json;
  const machine = { ...plan.machine, notes: [`${plan.machine.notes.length} notes left out: the json output must stay under 1 MB.`] };
  const smaller = { ...json, machine, reasons: plan.reasons.slice(0, 50), warnings: plan.warnings.slice(0, 50) };
  return Buffer.byteLength(JSON.stringify(smaller)) <= MAX_JSON_BYTES ? smaller : { ...smaller, machine: { ...machine, gpus: plan.machine.gpus.slice(0, 8) } };
}

function planJsonWhole(plan: Plan): Record<string, unknown> {
  return {
    backend: plan.backend,
    release: plan.release,
    channel: plan.channel,
    accelerator: plan.accelerator,
    indexUrl: plan.indexUrl === null ? null : redactUrl(plan.indexUrl),
    prerelease: plan.prerelease,
    compatibilityMode: plan.compatibilityMode,
    packages: plan.packages.map(requirementLine),
    reasons: plan.reasons,
    warnings: plan.warnings,
    machine: plan.machine,
  };
}

export function planOutputs(plan: Plan, requirementsPath: string, install?: InstallOutcome): PlanOutputs {
  const nvidia = plan.machine.gpus.filter((g): g is NvidiaGpu => g.vendor === 'nvidia');
  const torch = plan.packages.find((p) => p.name === 'torch');
  const outputs: PlanOutputs = {
    backend: plan.backend,
    'index-url': plan.indexUrl === null ? PYPI_INDEX_URL : redactUrl(plan.indexUrl),
    'requirements-path': requirementsPath,
    accelerator: plan.accelerator,
    'torch-requirement': torch ? requirementLine(torch) : '',
    'driver-version': nvidia.find((g) => g.driver)?.driver ?? '',
    'cuda-version': nvidia.find((g) => g.cuda)?.cuda ?? '',
    'gpu-names': plan.machine.gpus.map((g) => g.name).join(', '),
  };
  if (install) {
    outputs['torch-version'] = install.torchVersion ?? '';
    outputs['gpu-available'] = String(install.gpuAvailable ?? false);
    outputs.installer = install.installer;
    outputs.verified = String(install.verification === 'passed');
    outputs.devices = JSON.stringify(install.devices ?? []);
  }
  for (const key of Object.keys(outputs) as (keyof PlanOutputs)[]) outputs[key] = outputValue(outputs[key]!);
  return outputs;
}
