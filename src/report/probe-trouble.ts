/**
 * A GPU tool that was there but did not answer (a hung nvidia-smi, a driver
 * that is not loaded, a rocminfo that failed) leaves the plan on the CPU
 * build with only a detection note to say why. On a GPU runner that is the
 * silent fallback users fear most, so when the plan uses no GPU these notes
 * are raised to warnings, and they are the reason require-gpu gives.
 *
 * The notes are detection's words (src/detect/context.ts describeRunFailure
 * and nvidia.ts): a note counts when it names a GPU tool and says the tool
 * ran and failed, not when it says the tool is simply absent.
 */
import type { Plan } from '../plan/types.js';

/** The GPU tools detection runs, as its notes name them (first word). */
const GPU_TOOLS = ['nvidia-smi', 'rocminfo', 'rocm_agent_enumerator', 'Get-CimInstance'];

const FAILED = [
  /\btimed out after\b/,
  /\bfailed \(exit\b/,
  /\bcould not be started\b/,
  /couldn't communicate with the NVIDIA driver/,
  /\bwas not run: the detection time budget was spent\b/,
];

/** Detection notes saying a GPU tool was found but did not answer; [] when the plan uses a GPU. */
export function gpuProbeTroubles(plan: Plan): string[] {
  if (plan.accelerator !== 'none') return [];
  return plan.machine.notes.filter((note) => {
    const tool = note.split(/\s/, 1)[0];
    return GPU_TOOLS.includes(tool) && FAILED.some((p) => p.test(note));
  });
}

/** The plan's warnings, then one for each GPU tool that failed, saying what it meant for the plan. */
export function runWarnings(plan: Plan): string[] {
  return [...plan.warnings, ...gpuProbeTroubles(plan).map((t) => `A GPU tool did not answer (${t}), so the ${plan.backend} build was planned.`)];
}

/** Why require-gpu fails when the plan uses no GPU: the plan's first warning and any GPU tool that failed. */
export function noGpuReason(plan: Plan): string {
  const troubles = gpuProbeTroubles(plan);
  const parts = [
    ...(plan.warnings.length > 0 ? [plan.warnings[0]] : []),
    ...(troubles.length > 0 ? [`A GPU tool did not answer (${troubles.join('; ')}).`] : []),
  ];
  return parts.length > 0 ? parts.join(' ') : 'this machine has no GPU that a PyTorch build supports.';
}
