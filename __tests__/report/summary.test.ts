/**
 * The job summary, rendered from its Markdown by markdown-it and checked for
 * structure: the outcome is the first line, tables have their cells, details
 * close, and no text from outside forms Markdown or HTML.
 */
import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { MAX_SUMMARY_BYTES, renderSummary } from '../../src/report/summary.js';
import type { PlannedRun } from '../../src/workflow.js';
import type { InstallOutcome } from '../../src/install/types.js';
import type { Plan } from '../../src/plan/types.js';
import { renderRequirementsFile } from '../../src/render/requirements-file.js';
import { testPlan } from '../helpers/plan.js';
import { renderSummaryMarkdown } from '../helpers/markdown.js';

function planned(overrides: Partial<Plan> = {}, projectNotes: string[] = []): PlannedRun {
  const plan = { ...testPlan({ backend: 'cpu', indexUrl: 'https://download.pytorch.org/whl/cpu' }), reasons: ['No GPU was detected.'], ...overrides };
  return { machine: plan.machine, plan, requirementsPath: '/w/torchcraft.txt', text: renderRequirementsFile(plan), projectNotes };
}

function outcome(o: Partial<InstallOutcome> = {}): InstallOutcome {
  return { installer: 'pip', attempts: 1, installed: true, verification: 'passed', summary: [], warnings: [], ...o };
}

describe('the outcome is the first line', () => {
  it('planned', () => {
    const r = renderSummaryMarkdown(renderSummary({ run: planned(), shownPath: 'torchcraft.txt' }));
    expect(r.firstLine).toBe('## ✅ torchcraft planned the cpu build of torch 2\\.14');
    expect(r.headings[0]).toBe('✅ torchcraft planned the cpu build of torch 2.14');
    expect(r.tables[0]).toEqual([
      ['', ''],
      ['Machine', 'linux x86_64, Python 3.11'],
      ['GPUs', 'none found'],
      ['Planned build', 'cpu, torch 2.14'],
      ['Index', 'https://download.pytorch.org/whl/cpu'],
      ['Requirements', 'torchcraft.txt: torch==2.14.*, torchvision==0.29.*'],
    ]);
  });

  it('installed and verified, with a per-device table', () => {
    const install = outcome({
      torchVersion: '2.14.1+cu126',
      gpuAvailable: true,
      index: 'https://download.pytorch.org/whl/cu126',
      checks: ['torch 2.14.1+cu126 has +cu126, as backend cu126 expects.'],
      problems: [],
      devices: [
        { index: 0, runtime: 'cuda', name: 'NVIDIA GeForce RTX 4090', capability: '8.9', inArchList: true, passed: true },
        { index: 1, runtime: 'cuda', name: 'NVIDIA GeForce GTX 1080', capability: '6.1', inArchList: false, passed: false, error: 'no kernel image is available for execution on the device' },
      ],
    });
    const r = renderSummaryMarkdown(renderSummary({ run: planned({ backend: 'cu126' }), install }));
    expect(r.headings[0]).toBe('✅ torchcraft installed and verified torch 2.14.1+cu126 (cu126)');
    const devices = r.tables.find((t) => t[0][0] === 'Device')!;
    expect(devices).toEqual([
      ['Device', 'Name', 'Capability', 'In arch list', 'Result'],
      ['cuda:0', 'NVIDIA GeForce RTX 4090', '8.9', 'yes', 'passed'],
      ['cuda:1', 'NVIDIA GeForce GTX 1080', '6.1', 'no', 'failed: no kernel image is available for execution on the device'],
    ]);
    expect(r.bullets).toContain('torch 2.14.1+cu126 has +cu126, as backend cu126 expects.');
    expect(r.tables[1]).toContainEqual(['Verification', 'passed']);
  });

  it('a require-gpu failure: says so first, and does not call the CPU plan a build of torch', () => {
    const md = renderSummary({ run: planned(), requireGpuFailure: 'nvidia-smi timed out after 2 s.' });
    const r = renderSummaryMarkdown(md);
    expect(r.headings[0]).toBe('❌ torchcraft failed: require-gpu is set, but no usable GPU was found');
    expect(r.paragraphs[0]).toBe('nvidia-smi timed out after 2 s. Nothing was installed.');
    expect(r.headings[0]).not.toMatch(/cpu build/);
    expect(r.tables[0]).toContainEqual(['Planned build', 'cpu, torch 2.14']);
  });

  it('a failed install: the reason, then the installer output in a details block that closes', () => {
    const install = outcome({
      installed: false,
      verification: 'skipped',
      attempts: 3,
      error: 'A package in torchcraft.txt is not on https://mirror/whl/cpu: <torchvision==0.29.*>.',
      installerOutput: { title: "Last lines of pip's output (attempt 3)", lines: ['ERROR: No matching distribution found for torchvision==0.29.*', '<html> **x** </details>', '```', '\u001b[31mred\u001b[0m'] },
    });
    const r = renderSummaryMarkdown(renderSummary({ run: planned(), install }));
    expect(r.headings[0]).toBe('❌ torchcraft failed: the install failed');
    expect(r.paragraphs[0]).toBe('A package in torchcraft.txt is not on https://mirror/whl/cpu: <torchvision==0.29.*>.');
    expect(r.details.map((d) => d.summary)).toEqual(["Last lines of pip's output (attempt 3)"]);
    expect(r.code[0]).toBe('ERROR: No matching distribution found for torchvision==0.29.*\n<html> **x** </details>\n```\n\\x1b[31mred\\x1b[0m\n');
    expect(r.strayHtml).toEqual([]);
    expect(r.formatting).toEqual([]);
  });

  it('a failed verification with require-gpu, and a mismatch without it', () => {
    const failed = renderSummaryMarkdown(
      renderSummary({ run: planned({ backend: 'cu126' }), install: outcome({ verification: 'mismatch', error: 'The installed torch does not match the plan. require-gpu is set, so the step fails.', problems: ['torch.cuda.is_available() is False.'] }) }),
    );
    expect(failed.headings[0]).toBe('❌ torchcraft failed: the installed torch did not pass verification');
    expect(failed.bullets).toContain('torch.cuda.is_available() is False.');
    const mismatch = renderSummaryMarkdown(renderSummary({ run: planned({ backend: 'cu126' }), install: outcome({ verification: 'mismatch', torchVersion: '2.14.1+cpu', problems: ['torch 2.14.1+cpu is not +cu126.'] }) }));
    expect(mismatch.headings[0]).toBe('⚠️ torchcraft installed torch 2.14.1+cpu, but it does not match the plan (cu126)');
  });

  it('an input that could not be used, before any plan', () => {
    const r = renderSummaryMarkdown(renderSummary({ error: 'Invalid torch-version "banana": allowed: ...' }));
    expect(r.headings).toEqual(['❌ torchcraft failed']);
    expect(r.paragraphs).toEqual(['Invalid torch-version "banana": allowed: ...']);
  });

  it('renders what the index answered: the pages and what they changed', () => {
    const run = planned({
      index: {
        status: 'partial',
        pages: [
          { url: 'https://download.pytorch.org/whl/cpu/torch/', outcome: 'ok', files: 42, durationMs: 120.4 },
          { url: 'https://u:tok@mirror/whl/cu126/torch/?t=sec', outcome: 'http-error', detail: 'HTTP 503' },
        ],
        changes: ['pinned torch==2.14.1, the newest patch the index has'],
      },
    });
    const r = renderSummaryMarkdown(renderSummary({ run }));
    const pages = r.tables.find((t) => t[0][0] === 'Page')!;
    expect(pages).toEqual([
      ['Page', 'Outcome', 'torch wheels', 'Time'],
      ['https://download.pytorch.org/whl/cpu/torch/', 'read', '42', '120 ms'],
      ['https://***:***@mirror/whl/cu126/torch/?t=***', 'HTTP error: HTTP 503', '', ''],
    ]);
    expect(r.bullets).toContain('pinned torch==2.14.1, the newest patch the index has');
  });

  it("renders an install engine's legacy summary lines without raw emphasis, its details block closed", () => {
    const legacy = [
      '<details><summary>Last lines of pip\'s output (attempt 1)</summary>\n\n```text\nERROR: <b>No</b> matching\n```\n\n</details>',
      '**Install failed**: A package in torchcraft.txt is not there.',
    ];
    const r = renderSummaryMarkdown(renderSummary({ run: planned(), install: outcome({ installed: false, verification: 'skipped', error: 'something else', summary: legacy }) }));
    expect(r.strayHtml).toEqual([]);
    expect(r.formatting).toEqual([]);
    expect(r.code).toEqual(['ERROR: <b>No</b> matching\n']);
    expect(r.paragraphs).toContain('Install failed: A package in torchcraft.txt is not there.');
  });
});

describe('hostile text in every cell', () => {
  const hostile = fc.oneof(
    fc.string({ unit: fc.constantFrom('*', '_', '`', '|', '<', '>', '&', '[', ']', '(', ')', '!', '#', '-', '\\', '\n', '\r', ' ', 'a', '</details>', '<img src=x onerror=alert(1)>', '$', ':', '~', '    ') }),
    fc.string({ unit: 'binary' }),
  );

  it('property: no text forms Markdown or HTML, every table keeps its shape, every details block closes', () => {
    fc.assert(
      fc.property(fc.array(hostile, { minLength: 12, maxLength: 12 }), (t) => {
        const run = planned(
          {
            machine: { os: 'linux', arch: 'x86_64', python: '3.12', gpus: [{ vendor: 'nvidia', name: t[0] || 'x', computeCapability: '8.0' }], notes: [t[1]], warnings: [t[2]] },
            reasons: [t[3]],
            warnings: [t[4]],
            index: { status: 'answered', pages: [{ url: t[5], outcome: 'unreadable', detail: t[6] }], changes: [t[7]] },
          },
          [t[8]],
        );
        const install = outcome({
          installed: false,
          verification: 'failed',
          error: t[9],
          installerOutput: { title: t[10], lines: [t[11], t[0]] },
          devices: [{ index: 0, runtime: 'cuda', name: t[1], capability: t[2], passed: false, error: t[3] }],
          checks: [t[4]],
          problems: [t[5]],
          warnings: [t[6]],
        });
        const md = renderSummary({ run, install, shownPath: t[7] });
        const r = renderSummaryMarkdown(md);
        expect(r.firstLine).toMatch(/^## ❌ /);
        expect(r.headings[0]).toBe('❌ torchcraft failed: the install failed');
        expect(r.formatting).toEqual([]);
        expect(r.strayHtml).toEqual([]);
        const widths = r.tables.map((table) => [...new Set(table.map((row) => row.length))]);
        expect(widths).toEqual([[2], [4], [2], [5]]);
        expect(r.details.map((d) => d.summary)).toEqual([t[10].replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g, ' ').replace(/\s+/g, ' ').trim().replace(/[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g, (c) => `U+${c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`), 'Detection notes', "Notes on the project's requirements"]);
      }),
      { numRuns: 300 },
    );
  });
});

describe('bounded', () => {
  it('stays under 1 MiB with 6,394 GPUs, 100,000 notes and huge text, saying how many more', () => {
    const gpus = Array.from({ length: 6394 }, (_, i) => ({ vendor: 'nvidia' as const, name: `GPU ${i} ${'n'.repeat(300)}`, computeCapability: '9.0' }));
    const run = planned({ machine: { os: 'linux', arch: 'x86_64', gpus, notes: Array.from({ length: 100_000 }, (_, i) => `note ${i}`) }, reasons: ['r'.repeat(1_000_000)], warnings: Array.from({ length: 10_000 }, () => 'w') }, Array.from({ length: 50_000 }, (_, i) => `p ${i}`));
    const md = renderSummary({ run, install: outcome({ installerOutput: { title: 't', lines: Array.from({ length: 100_000 }, () => 'x'.repeat(1000)) } }) });
    expect(Buffer.byteLength(md)).toBeLessThanOrEqual(MAX_SUMMARY_BYTES);
    const r = renderSummaryMarkdown(md);
    expect(r.tables[0].length).toBe(1 + 1 + 64 + 1 + 3);
    expect(r.text).toContain('… and 6330 more GPUs');
    expect(r.text).toContain('… and 99900 more notes');
    expect(r.text).toContain('… and 9950 more');
    expect(r.strayHtml).toEqual([]);
  });
});
