/**
 * The job summary. Its first line is the outcome: planned, installed and
 * verified, or failed and why (a failed install, a failed verification, a
 * require-gpu failure, an input that could not be used). Then what was detected
 * and planned, the reasons and warnings, what the index answered, the install
 * and per-device verification, and the notes, collapsed.
 *
 * Rendered from the structured results (Plan, InstallOutcome's index,
 * installerOutput, checks, problems, devices); InstallOutcome.summary lines are
 * used only where those are absent. Every piece of text goes through the
 * Markdown sink (src/sinks/markdown.ts), so nothing from outside can change how
 * the page renders, and every list is capped so the page stays under GitHub's
 * 1 MiB limit for a step's summary.
 */
import type { PlannedRun } from '../workflow.js';
import type { InstallOutcome } from '../install/index.js';
import type { DeviceCheck } from '../install/types.js';
import type { IndexReport } from '../plan/types.js';
import { describeGpu, describeMachine, requirementLine } from '../render/requirements-file.js';
import { redactText, redactUrl } from '../secrets.js';
import { PYPI_INDEX_URL } from './outputs.js';
import { runWarnings } from '../gpu-warnings.js';
import { mdBullets, mdCodeBlock, mdDetails, mdHeading, mdParagraph, mdTable, mdText } from '../sinks/markdown.js';
import { andMore, capItems, shorten } from '../sinks/limits.js';

/** What happened in the step, as the summary reports it. */
export interface SummaryInput {
  /** The plan and torchcraft.txt; absent when the step failed before planning (a bad input). */
  run?: PlannedRun;
  install?: InstallOutcome;
  /** torchcraft.txt as the user named it (relative to the working folder). */
  shownPath?: string;
  /** require-gpu is set and no usable GPU was found: why (requireGpuFailure). Nothing was installed. */
  requireGpuFailure?: string;
  /** The step failed otherwise: the message it failed with. */
  error?: string;
}

/** GitHub refuses a step summary over 1 MiB; stay well under it. */
export const MAX_SUMMARY_BYTES = 1000 * 1024;
const LIMITS = { list: 50, notes: 100, gpus: 64, devices: 64, pages: 50, text: 2000, outputLines: 40 } as const;

/** One piece of outside text for a cell, bullet or paragraph: credentials masked, bounded. */
function clean(text: string, max: number = LIMITS.text): string {
  return shorten(redactText(text), max);
}

function list(items: readonly string[], max: number = LIMITS.list, what = 'more'): string[] {
  return mdBullets(capItems(items.map((i) => clean(i)), max, (n) => andMore(n, what)));
}

type Outcome = { icon: string; headline: string; detail?: string };

function outcomeOf(input: SummaryInput): Outcome {
  const { run, install } = input;
  if (input.requireGpuFailure !== undefined) {
    return { icon: '❌', headline: 'torchcraft failed: require-gpu is set, but no usable GPU was found', detail: `${input.requireGpuFailure} Nothing was installed.` };
  }
  if (install?.error !== undefined) {
    const headline = install.installed ? 'torchcraft failed: the installed torch did not pass verification' : 'torchcraft failed: the install failed';
    return { icon: '❌', headline, detail: install.error };
  }
  if (input.error !== undefined || run === undefined) {
    return { icon: '❌', headline: 'torchcraft failed', detail: input.error ?? 'the step failed before planning.' };
  }
  const { plan } = run;
  const build = `the ${plan.backend} build of torch ${plan.release}${plan.channel === 'stable' ? '' : ` (${plan.channel})`}`;
  if (!install) return { icon: '✅', headline: `torchcraft planned ${build}` };
  const torch = install.torchVersion ? `torch ${install.torchVersion}` : 'torch';
  switch (install.verification) {
    case 'passed':
      return { icon: '✅', headline: `torchcraft installed and verified ${torch} (${plan.backend})` };
    case 'skipped':
      return { icon: '✅', headline: `torchcraft installed ${torch} (${plan.backend}), not verified` };
    case 'mismatch':
      return { icon: '⚠️', headline: `torchcraft installed ${torch}, but it does not match the plan (${plan.backend})` };
    case 'failed':
      return { icon: '⚠️', headline: `torchcraft installed ${torch}, but could not run it to verify it` };
  }
}

function machineTable(input: SummaryInput & { run: PlannedRun }): string[] {
  const { plan } = input.run;
  const rows: string[][] = [['Machine', describeMachine(plan)]];
  if (plan.machine.gpus.length === 0) rows.push(['GPUs', 'none found']);
  const gpus = plan.machine.gpus.slice(0, LIMITS.gpus).map((gpu, i) => [`GPU ${i}`, clean(`${gpu.vendor}: ${describeGpu(gpu)}`, 400)]);
  rows.push(...gpus);
  if (plan.machine.gpus.length > LIMITS.gpus) rows.push(['', andMore(plan.machine.gpus.length - LIMITS.gpus, 'GPUs')]);
  const extras = [plan.channel === 'stable' ? '' : ` (${plan.channel})`, plan.compatibilityMode ? ', CUDA minor-version compatibility' : ''].join('');
  rows.push([input.install?.installed ? 'Build' : 'Planned build', `${plan.backend}, torch ${plan.release}${extras}`]);
  rows.push(['Index', plan.indexUrl === null ? `${PYPI_INDEX_URL} (PyPI's default)` : redactUrl(plan.indexUrl)]);
  const path = clean(input.shownPath ?? input.run.requirementsPath, 400);
  rows.push(['Requirements', `${path}: ${plan.packages.map(requirementLine).join(', ')}`]);
  return mdTable(['', ''], rows);
}

const OUTCOME_WORDS: Record<IndexReport['pages'][number]['outcome'], string> = {
  ok: 'read',
  'not-found': 'not found',
  unreachable: 'unreachable',
  timeout: 'timed out',
  'http-error': 'HTTP error',
  unreadable: 'unreadable',
  'too-large': 'too large',
};

function indexSection(index: IndexReport): string[] {
  const status = { answered: 'Every page asked was read.', partial: 'Some pages answered; for the rest the data alone decided.', unanswered: 'No page answered; the data alone decided.' }[index.status];
  const pages = capItems(
    index.pages.map((p) => [
      redactUrl(clean(p.url, 400)),
      `${OUTCOME_WORDS[p.outcome] ?? p.outcome}${p.detail ? `: ${clean(p.detail, 200)}` : ''}`,
      p.files === undefined ? '' : String(p.files),
      p.durationMs === undefined ? '' : `${Math.round(p.durationMs)} ms`,
    ]),
    LIMITS.pages,
    (n) => [andMore(n, 'pages'), '', '', ''],
  );
  return [
    ...mdHeading(3, 'What the index answered'),
    ...mdParagraph(status),
    ...(pages.length > 0 ? mdTable(['Page', 'Outcome', 'torch wheels', 'Time'], pages) : []),
    ...list(index.changes),
  ];
}

function deviceTable(devices: readonly DeviceCheck[]): string[] {
  const yesNo = (b: boolean | undefined): string => (b === undefined ? 'unknown' : b ? 'yes' : 'no');
  const rows = capItems(
    devices.map((d) => [
      `${d.runtime}:${d.index}`,
      clean(d.name, 256),
      d.capability ? clean(d.capability, 32) : 'unknown',
      yesNo(d.inArchList),
      d.passed ? 'passed' : `failed${d.error ? `: ${clean(d.error, 400)}` : ''}`,
    ]),
    LIMITS.devices,
    (n) => [andMore(n, 'devices'), '', '', '', ''],
  );
  return mdTable(['Device', 'Name', 'Capability', 'In arch list', 'Result'], rows);
}

function outputBlock(title: string, lines: readonly string[]): string[] {
  const tail = lines.slice(-LIMITS.outputLines).map((l) => shorten(redactText(l), 400));
  return mdDetails(clean(title, 200), mdCodeBlock(tail));
}

/**
 * InstallOutcome.summary lines from an install engine that does not fill the
 * structured fields yet: our own Markdown (`**Install**: ...`) around outside
 * text. The emphasis is dropped and the text escaped; a details block of the
 * installer's output is re-rendered, so it always closes.
 */
function legacyLines(lines: readonly string[]): string[] {
  const out: string[] = [];
  for (const line of lines) {
    const details = legacyDetails(line);
    if (details) {
      out.push(...outputBlock(details.title, details.lines));
      continue;
    }
    out.push(...mdParagraph(clean(line.replace(/\*\*([^*]+)\*\*/g, '$1'))));
  }
  return out;
}

/** The title and lines of a legacy `<details><summary>T</summary>\n\n```text\n...\n```\n\n</details>` block, by index scans. */
function legacyDetails(block: string): { title: string; lines: string[] } | undefined {
  const open = '<details><summary>';
  const close = '</summary>\n\n```text\n';
  const end = '\n```\n\n</details>';
  if (!block.startsWith(open) || !block.endsWith(end)) return undefined;
  const at = block.indexOf(close);
  if (at < 0) return undefined;
  return { title: block.slice(open.length, at), lines: block.slice(at + close.length, block.length - end.length).split('\n') };
}

function installSection(install: InstallOutcome, failedAbove: boolean): string[] {
  const out: string[] = [...mdHeading(3, 'Install')];
  const attempts = `${install.attempts} attempt${install.attempts === 1 ? '' : 's'}`;
  const rows: string[][] = [['Installer', `${install.installer}, ${attempts}`]];
  if (install.index !== undefined) rows.push(['Index', redactUrl(clean(install.index, 400))]);
  rows.push(['Installed', install.installed ? 'yes' : 'no']);
  if (install.torchVersion !== undefined) rows.push(['torch', clean(install.torchVersion, 100)]);
  if (install.gpuAvailable !== undefined) rows.push(['GPU available to torch', install.gpuAvailable ? 'yes' : 'no']);
  rows.push(['Verification', install.verification]);
  out.push(...mdTable(['', ''], rows));
  if (install.retries && install.retries.length > 0) out.push(...mdParagraph('Retried:'), ...list(install.retries));

  const structured = install.installerOutput !== undefined || install.checks !== undefined || install.problems !== undefined || install.devices !== undefined;
  if (!structured) {
    // Only the error is above already; the rest of the engine's own lines follow.
    const lines = failedAbove && install.error ? install.summary.filter((l) => !l.includes(install.error!)) : install.summary;
    out.push(...legacyLines(lines));
  } else {
    if (install.checks && install.checks.length > 0) out.push(...mdParagraph('What held:'), ...list(install.checks));
    if (install.problems && install.problems.length > 0) out.push(...mdParagraph('What did not:'), ...list(install.problems));
    if (install.devices && install.devices.length > 0) out.push(...mdHeading(4, 'Devices'), ...deviceTable(install.devices));
    if (install.installerOutput) out.push(...outputBlock(install.installerOutput.title, install.installerOutput.lines));
  }
  if (install.warnings.length > 0) out.push(...mdParagraph('Warnings from the install:'), ...list(install.warnings));
  return out;
}

function collapsed(title: string, items: readonly string[]): string[] {
  if (items.length === 0) return [];
  return mdDetails(title, list(items, LIMITS.notes, 'notes'));
}

/** The summary as Markdown, at most MAX_SUMMARY_BYTES. */
export function renderSummary(input: SummaryInput): string {
  const outcome = outcomeOf(input);
  // Sections in order of importance: when the page would be too large, the last ones go first.
  const sections: string[][] = [];
  sections.push([`## ${outcome.icon} ${mdText(outcome.headline)}`, '', ...(outcome.detail ? mdParagraph(clean(outcome.detail, 4000)) : [])]);
  const { run, install } = input;
  if (run) {
    const { plan } = run;
    sections.push(machineTable({ ...input, run }));
    sections.push([...mdHeading(3, 'Why this build'), ...list(plan.reasons)]);
    const warnings = runWarnings(plan);
    if (warnings.length > 0) sections.push([...mdHeading(3, 'Warnings'), ...list(warnings)]);
    if (plan.index) sections.push(indexSection(plan.index));
  }
  if (install) sections.push(installSection(install, outcome.detail === install.error));
  if (run) {
    sections.push(collapsed('Detection notes', run.plan.machine.notes));
    sections.push(collapsed("Notes on the project's requirements", run.projectNotes));
  }
  return fit(sections);
}

function fit(sections: string[][]): string {
  // Each section ends in one blank line, so blocks never run into each other.
  const texts = sections.filter((s) => s.length > 0).map((s) => `${s.join('\n').replace(/\n+$/, '')}\n\n`);
  let total = texts.reduce((n, t) => n + Buffer.byteLength(t), 0);
  let dropped = 0;
  while (total > MAX_SUMMARY_BYTES && texts.length > 1) {
    total -= Buffer.byteLength(texts.pop()!);
    dropped++;
  }
  if (dropped > 0) texts.push(`${mdParagraph(`${dropped} more section${dropped === 1 ? ' is' : 's are'} left out: the summary would be over GitHub's 1 MiB limit. The log has everything.`).join('\n')}\n`);
  let out = texts.join('');
  if (Buffer.byteLength(out) > MAX_SUMMARY_BYTES) out = `${out.slice(0, MAX_SUMMARY_BYTES / 4)}\n`;
  return out;
}
