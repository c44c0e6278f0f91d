/**
 * A GPU tool that is there but did not answer (a hung nvidia-smi, a driver that
 * is not loaded, a failing rocminfo) may hide a GPU: on a GPU runner that is the
 * silent fallback users fear most. Detection reports these as the machine's
 * warnings; here they become warnings of the run, and the reason require-gpu gives.
 */
import type { Plan } from './plan/types.js';

/** The plan's warnings, then one for each GPU tool that failed, saying what it meant for the plan. */
export function runWarnings(plan: Plan): string[] {
  const consequence = plan.accelerator === 'none' ? `, so the ${plan.backend} build was planned.` : '.';
  return [...plan.warnings, ...(plan.machine.warnings ?? []).map((t) => `A GPU tool did not answer (${t})${consequence}`)];
}

/** Why require-gpu fails when the plan uses no GPU: the plan's first warning and any GPU tool that failed. */
export function noGpuReason(plan: Plan): string {
  const troubles = plan.machine.warnings ?? [];
  const parts = [
    ...(plan.warnings.length > 0 ? [plan.warnings[0]] : []),
    ...(troubles.length > 0 ? [`A GPU tool did not answer (${troubles.join('; ')}).`] : []),
  ];
  return parts.length > 0 ? parts.join(' ') : 'this machine has no GPU that a PyTorch build supports.';
}

/**
 * Why require-gpu fails for this plan, or undefined when a GPU build was planned
 * for a GPU whose driver answered. A CUDA build chosen for a GPU seen only on the
 * PCI bus (no driver answered) is a guess: with require-gpu that is a failure too.
 */
export function requireGpuFailure(plan: Plan): string | undefined {
  if (plan.accelerator === 'none') return noGpuReason(plan);
  // Judged by the GPUs the build serves: with mixed GPUs, those it was planned for.
  const vendorGpus = plan.machine.gpus.filter((g) => g.vendor === plan.accelerator);
  const served = plan.servedGpus.map((i) => plan.machine.gpus[i]).filter((g) => g !== undefined);
  if (vendorGpus.length > 0 && served.length === 0) {
    return `the ${plan.backend} build serves none of this machine's GPUs. ${plan.warnings[0] ?? ''}`.trim();
  }
  if (plan.accelerator === 'nvidia' && !served.some((g) => g.vendor === 'nvidia' && g.driver !== undefined)) {
    const troubles = plan.machine.warnings ?? [];
    return `no NVIDIA driver answered, so the ${plan.backend} build was chosen without knowing whether a driver can run it${troubles.length > 0 ? ` (${troubles.join('; ')})` : ''}.`;
  }
  return undefined;
}
