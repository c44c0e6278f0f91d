/**
 * torchcraft.txt: a pip requirements file whose header says what was seen and
 * why this build, then the index and the package lines of the plan. The same
 * renderer writes the committed catalog in requirements/, so its output must
 * depend on the plan alone (no dates, no paths).
 */
import type { Plan } from '../plan/types.js';
import type { Gpu } from '../machine.js';
import { TORCHCRAFT_VERSION } from '../version.js';

/** One line of text for a comment: a name from a user's file must not start a new requirement line. */
function oneLine(text: string): string {
  return text.replace(/[\r\n\u2028\u2029]+/g, ' ').trim();
}

export function describeGpu(gpu: Gpu): string {
  switch (gpu.vendor) {
    case 'nvidia': {
      const parts = [gpu.computeCapability ? `compute capability ${gpu.computeCapability}` : 'compute capability unknown'];
      if (gpu.driver) parts.push(`driver ${gpu.driver}${gpu.cuda ? ` (CUDA ${gpu.cuda})` : ''}`);
      return `${gpu.name} (${parts.join(', ')})`;
    }
    case 'amd':
      return `${gpu.name} (${gpu.gfx ?? 'gfx unknown'})`;
    case 'intel':
      return gpu.deviceId ? `${gpu.name} (${gpu.deviceId})` : gpu.name;
    case 'apple':
      return gpu.name;
  }
}

export function describeMachine(plan: Plan): string {
  const m = plan.machine;
  return `${m.os} ${m.arch}${m.python ? `, Python ${m.python}` : ''}`;
}

/** The requirement line of a planned package. */
export function requirementLine(pkg: { name: string; specifier: string }): string {
  return `${pkg.name}${pkg.specifier}`;
}

export function renderRequirementsFile(plan: Plan, fileName = 'torchcraft.txt'): string {
  const lines: string[] = [];
  const comment = (text: string): void => {
    lines.push(`# ${oneLine(text)}`.trimEnd());
  };
  comment(`${fileName}: the PyTorch build for this machine, written by torchcraft ${TORCHCRAFT_VERSION}.`);
  comment(`Install it before the project's own requirements: pip install -r ${fileName}`);
  comment('');
  comment(`Machine: ${describeMachine(plan)}`);
  if (plan.machine.gpus.length === 0) comment('GPUs: none found');
  for (const gpu of plan.machine.gpus) comment(`GPU: ${describeGpu(gpu)}`);
  comment(`Build: ${plan.backend}, torch ${plan.release}${plan.channel === 'stable' ? '' : ` (${plan.channel} channel)`}`);
  for (const reason of plan.reasons) comment(`Why: ${reason}`);
  for (const warning of plan.warnings) comment(`Warning: ${warning}`);
  // pip reads the index from here; null means PyPI's default index (macOS builds).
  if (plan.indexUrl !== null) lines.push(`--index-url ${plan.indexUrl}`);
  if (plan.prerelease) lines.push('--pre');
  for (const pkg of plan.packages) lines.push(requirementLine(pkg));
  return `${lines.join('\n')}\n`;
}
