/**
 * The job summary: what was detected, the choice and the reasons, warnings,
 * and (when installing) the install and its verification. Markdown; every URL
 * in it has passed through redactUrl.
 */
import type { PlannedRun } from '../workflow.js';
import type { InstallOutcome } from '../install/index.js';
import { describeGpu, describeMachine, requirementLine } from '../render/requirements-file.js';
import { redactUrl } from '../secrets.js';
import { PYPI_INDEX_URL } from './outputs.js';
import { runWarnings } from '../gpu-warnings.js';

/** A table cell: pipes and newlines would break the row. */
function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
}

function bullets(items: readonly string[]): string[] {
  return items.map((i) => `- ${i.replace(/\r?\n/g, ' ')}`);
}

export function renderSummary(run: PlannedRun, install?: InstallOutcome, relativePath?: string): string {
  const { plan } = run;
  const out: string[] = [];
  out.push(`## torchcraft: ${plan.backend} build of torch ${plan.release}`, '');
  out.push('| | |', '|---|---|');
  out.push(`| Machine | ${cell(describeMachine(plan))} |`);
  if (plan.machine.gpus.length === 0) out.push('| GPUs | none found |');
  plan.machine.gpus.forEach((gpu, i) => out.push(`| GPU ${i} | ${cell(`${gpu.vendor}: ${describeGpu(gpu)}`)} |`));
  out.push(`| Build | \`${plan.backend}\`, torch ${plan.release}${plan.channel === 'stable' ? '' : ` (${plan.channel})`}${plan.compatibilityMode ? ', CUDA minor-version compatibility' : ''} |`);
  out.push(`| Index | ${cell(plan.indexUrl === null ? `${PYPI_INDEX_URL} (PyPI's default)` : redactUrl(plan.indexUrl))} |`);
  out.push(`| Requirements | \`${cell(relativePath ?? run.requirementsPath)}\`: ${plan.packages.map((p) => `\`${cell(requirementLine(p))}\``).join(', ')} |`);
  out.push('');
  out.push('### Why this build', '', ...bullets(plan.reasons), '');
  const warnings = runWarnings(plan);
  if (warnings.length > 0) out.push('### Warnings', '', ...bullets(warnings), '');
  if (plan.machine.notes.length > 0) {
    out.push('<details><summary>Detection notes</summary>', '', ...bullets(plan.machine.notes), '', '</details>', '');
  }
  if (run.projectNotes.length > 0) {
    out.push("<details><summary>Notes on the project's requirements</summary>", '', ...bullets(run.projectNotes), '', '</details>', '');
  }
  if (install) out.push('### Install', '', ...install.summary, '');
  return out.join('\n');
}
