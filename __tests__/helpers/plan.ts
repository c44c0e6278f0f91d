/**
 * Plans and torchcraft.txt files for install tests, without the planner or
 * the renderer (written elsewhere): a Plan literal with the fields the
 * install step reads, and a minimal requirements file in the renderer's shape.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Accelerator, Plan } from '../../src/plan/types.js';
import type { Machine } from '../../src/machine.js';

export interface TestPlanOptions {
  backend: string;
  /** The index URL (may hold credentials); null for PyPI's default index. */
  indexUrl: string | null;
  accelerator?: Accelerator;
  release?: string;
  packages?: { name: string; specifier: string }[];
  prerelease?: boolean;
  machine?: Partial<Machine>;
}

function acceleratorOf(backend: string): Accelerator {
  if (backend.startsWith('cu')) return 'nvidia';
  if (backend.startsWith('rocm')) return 'amd';
  if (backend === 'xpu') return 'intel';
  if (backend === 'mps') return 'apple';
  return 'none';
}

export function testPlan(o: TestPlanOptions): Plan {
  const accelerator = o.accelerator ?? acceleratorOf(o.backend);
  const machine = { os: 'linux' as const, arch: 'x86_64' as const, python: '3.11', gpus: [], notes: [], ...o.machine };
  return {
    machine,
    accelerator,
    backend: o.backend,
    release: o.release ?? '2.14',
    channel: 'stable',
    indexUrl: o.indexUrl,
    packages: o.packages ?? [
      { name: 'torch', specifier: '==2.14.*' },
      { name: 'torchvision', specifier: '==0.29.*' },
    ],
    prerelease: o.prerelease ?? false,
    compatibilityMode: false,
    reasons: [`test plan for ${o.backend}`],
    warnings: [],
    // As the policy does when every GPU of the build's vendor is served.
    servedGpus: machine.gpus.flatMap((g, i) => (g.vendor === accelerator ? [i] : [])),
    trace: [],
  };
}

/** Writes `--index-url <url>`, any extra lines, then one line per package; returns the file's path. */
export function writeRequirements(dir: string, plan: Plan, extraLines: string[] = []): string {
  const lines = ['# torchcraft.txt written by a test helper'];
  if (plan.indexUrl) lines.push(`--index-url ${plan.indexUrl}`);
  lines.push(...extraLines);
  for (const p of plan.packages) lines.push(`${p.name}${p.specifier}`);
  const path = join(dir, 'torchcraft.txt');
  writeFileSync(path, lines.join('\n') + '\n');
  return path;
}
