import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';

interface Step {
  uses?: string;
  run?: string;
}

const text = readFileSync('.github/workflows/facts-check.yml', 'utf8');
const wf = parse(text) as { on: { schedule?: { cron: string }[]; workflow_dispatch?: unknown }; permissions: Record<string, string>; jobs: Record<string, { steps: Step[] }> };

describe('the facts-check workflow', () => {
  it('runs weekly and on demand, reading only', () => {
    const cron = wf.on.schedule?.[0]?.cron ?? '';
    // Five fields, a fixed minute, hour and weekday: once a week.
    expect(cron.trim().split(/\s+/)).toHaveLength(5);
    expect(cron).toMatch(/^\d+ \d+ \* \* [0-6]$/);
    expect('workflow_dispatch' in wf.on).toBe(true);
    expect(wf.permissions).toEqual({ contents: 'read' });
  });

  it('pins every action by full commit SHA with a version comment', () => {
    const steps = Object.values(wf.jobs).flatMap((j) => j.steps);
    const uses = steps.filter((s) => s.uses !== undefined);
    expect(uses.map((s) => s.uses!.split('@')[0])).toEqual(['actions/checkout', 'actions/setup-node']);
    for (const s of uses) expect(s.uses).toMatch(/@[0-9a-f]{40}$/);
    for (const line of text.split('\n').filter((l) => l.includes('uses:'))) expect(line).toMatch(/@[0-9a-f]{40} # v\d+/);
  });

  it('installs and runs npm run facts-check against download.pytorch.org, and that script exists', () => {
    const runs = Object.values(wf.jobs).flatMap((j) => j.steps).map((s) => s.run ?? '');
    expect(runs).toContain('npm ci');
    expect(runs.some((r) => /^npm run facts-check\b.*https:\/\/download\.pytorch\.org\/whl/.test(r))).toBe(true);
    const pkg = JSON.parse(readFileSync('package.json', 'utf8')) as { scripts: Record<string, string> };
    expect(pkg.scripts['facts-check']).toMatch(/scripts\/facts-check\.ts/);
  });
});
