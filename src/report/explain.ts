/**
 * What the CLI prints after planning: the same facts as the job summary, as
 * terminal text. Colour only on a terminal and never when NO_COLOR is set.
 */
import type { PlannedRun } from '../workflow.js';
import type { InstallOutcome } from '../install/index.js';
import { describeGpu, describeMachine, requirementLine } from '../render/requirements-file.js';
import { redactText, redactUrl } from '../secrets.js';
import { PYPI_INDEX_URL } from './outputs.js';
import { runWarnings } from '../gpu-warnings.js';

export interface Style {
  bold(s: string): string;
  warn(s: string): string;
  dim(s: string): string;
}

export const PLAIN: Style = { bold: (s) => s, warn: (s) => s, dim: (s) => s };
export const ANSI: Style = {
  bold: (s) => `\u001b[1m${s}\u001b[22m`,
  warn: (s) => `\u001b[33m${s}\u001b[39m`,
  dim: (s) => `\u001b[2m${s}\u001b[22m`,
};

/** https://no-color.org: any non-empty NO_COLOR turns colour off. */
export function chooseStyle(env: NodeJS.ProcessEnv, isTty: boolean): Style {
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return PLAIN;
  return isTty ? ANSI : PLAIN;
}

export function explainRun(run: PlannedRun, style: Style, options: { written: boolean; shownPath: string }, install?: InstallOutcome): string {
  const { plan } = run;
  const out: string[] = [];
  out.push(style.bold(`torchcraft: ${plan.backend} build of torch ${plan.release}${plan.channel === 'stable' ? '' : ` (${plan.channel})`}`));
  out.push(`  machine  ${describeMachine(plan)}`);
  if (plan.machine.gpus.length === 0) out.push('  gpus     none found');
  // Identical GPUs once, with a count: "8 × NVIDIA A100-SXM4-80GB ...".
  const gpuLines: { vendor: string; text: string; count: number }[] = [];
  for (const gpu of plan.machine.gpus) {
    const text = describeGpu(gpu);
    const hit = gpuLines.find((l) => l.vendor === gpu.vendor && l.text === text);
    if (hit) hit.count++;
    else gpuLines.push({ vendor: gpu.vendor, text, count: 1 });
  }
  for (const l of gpuLines) out.push(`  gpu      ${l.vendor}: ${l.count > 1 ? `${l.count} × ` : ''}${l.text}`);
  out.push(`  index    ${plan.indexUrl === null ? `${PYPI_INDEX_URL} (PyPI's default)` : redactUrl(plan.indexUrl)}`);
  out.push(`  packages ${plan.packages.map(requirementLine).join(' ')}`);
  out.push('', style.bold('Why:'));
  for (const r of plan.reasons) out.push(`  - ${r}`);
  const warnings = runWarnings(plan);
  if (warnings.length > 0) {
    out.push('', style.warn(style.bold('Warnings:')));
    for (const w of warnings) out.push(style.warn(`  - ${w}`));
  }
  const noted = (title: string, notes: readonly string[]): void => {
    if (notes.length === 0) return;
    out.push('', style.dim(title));
    for (const n of notes) out.push(style.dim(`  - ${n}`));
  };
  noted('Detection notes:', plan.machine.notes);
  noted("Notes on the project's requirements:", run.projectNotes);
  out.push('');
  if (install) {
    out.push(style.bold('Install:'));
    for (const line of install.summary) out.push(`  ${line}`);
    out.push('');
  }
  if (options.written) out.push(`Wrote ${options.shownPath}. Next: pip install -r ${options.shownPath}`);
  else out.push(`Dry run: ${options.shownPath} not written. It would read:`, '', redactText(run.text));
  return out.join('\n');
}
