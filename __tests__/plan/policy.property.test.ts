import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { InputError } from '../../src/errors.js';
import { ARCHES, OSES, type Gpu, type Machine } from '../../src/machine.js';
import { cudaArchList } from '../../src/data/cuda-arches.js';
import { allVariants, cudaOfVariant, variantsFor, type Platform } from '../../src/data/pytorch.js';
import { planInstall } from '../../src/plan/policy.js';
import { capabilityOf, covers } from '../../src/plan/nvidia.js';
import type { Channel, PlanRequest, ProjectConstraint } from '../../src/plan/types.js';

const capability = fc.oneof(
  fc.constantFrom('3.5', '3.7', '5.0', '5.2', '6.0', '6.1', '7.0', '7.5', '8.0', '8.6', '8.9', '9.0', '10.0', '10.3', '11.0', '12.0', '12.1'),
  fc.string({ maxLength: 5 }),
);
const driver = fc.oneof(
  fc.constantFrom('390.157', '450.80.02', '470.82.01', '525.60.13', '528.33', '535.104.05', '550.54.15', '560.35.03', '570.86.15', '580.65.06', '595.45.04'),
  fc.string({ maxLength: 10 }),
);
const cuda = fc.oneof(fc.constantFrom('11.4', '12.0', '12.4', '12.6', '12.8', '12.9', '13.0', '13.2'), fc.string({ maxLength: 5 }));

const gpu: fc.Arbitrary<Gpu> = fc.oneof(
  fc.record({ vendor: fc.constant('nvidia' as const), name: fc.string(), computeCapability: fc.option(capability, { nil: undefined }), driver: fc.option(driver, { nil: undefined }), cuda: fc.option(cuda, { nil: undefined }) }, { requiredKeys: ['vendor', 'name'] }),
  fc.record({ vendor: fc.constant('amd' as const), name: fc.string(), gfx: fc.option(fc.constantFrom('gfx900', 'gfx90a', 'gfx942', 'gfx950', 'gfx1030', 'gfx1031', 'gfx1100', 'gfx1103', 'gfx1151', 'gfx1201'), { nil: undefined }) }, { requiredKeys: ['vendor', 'name'] }),
  fc.record({ vendor: fc.constant('intel' as const), name: fc.constantFrom('Intel(R) Arc(TM) A770 Graphics', 'Intel(R) UHD Graphics 770', 'Intel(R) Arc(TM) Graphics', 'x'), deviceId: fc.option(fc.constantFrom('0x56a0', '0x4680', '0x7d55', '0xe20b', 'zz'), { nil: undefined }) }, { requiredKeys: ['vendor', 'name'] }),
  fc.record({ vendor: fc.constant('apple' as const), name: fc.constant('Apple M3') }),
);

const machineArb: fc.Arbitrary<Machine> = fc.record({
  os: fc.constantFrom(...OSES),
  arch: fc.constantFrom(...ARCHES),
  python: fc.option(fc.oneof(fc.constantFrom('3.8', '3.9', '3.10', '3.11', '3.12', '3.13', '3.13t', '3.14', '3.15'), fc.string({ maxLength: 6 })), { nil: undefined }),
  gpus: fc.array(gpu, { maxLength: 4 }),
  notes: fc.constant([]),
}, { requiredKeys: ['os', 'arch', 'gpus', 'notes'] });

const constraint: fc.Arbitrary<ProjectConstraint> = fc.record({
  project: fc.constantFrom('torch', 'torchvision', 'torchaudio', 'xformers', 'torchao', 'triton'),
  specifier: fc.oneof(fc.constantFrom('', '==2.5.1', '>=2.4,<2.6', '==0.20.1', '==0.0.29', '>=2.12', '<2.0'), fc.string({ maxLength: 8 })),
  source: fc.constantFrom('requirements.txt:3', 'pyproject.toml [project.dependencies]'),
});

const requestArb: fc.Arbitrary<PlanRequest> = fc.record({
  backend: fc.oneof(fc.constant('auto'), fc.constant('auto'), fc.constantFrom(...allVariants()), fc.constantFrom('cu999', 'rocm9')),
  torchVersion: fc.oneof(fc.constantFrom('', '', '2.5', '2.5.1', '2.0.1', '>=2.4,<2.6', '~=2.5.0', '==2.5.*', '2.15', '>=2.15', '2.14.9', '1.13'), fc.string({ maxLength: 8 })),
  packages: fc.constantFrom([], ['torch'], ['torch', 'torchvision', 'torchaudio', 'xformers']),
  indexBaseUrl: fc.constantFrom('https://download.pytorch.org/whl', 'https://u:tok3n-secret@mirror.example/whl'),
  channel: fc.constantFrom<Channel>('stable', 'test', 'nightly'),
  constraints: fc.array(constraint, { maxLength: 3 }),
});

function attempt(m: Machine, r: PlanRequest): ReturnType<typeof planInstall> | null {
  try {
    return planInstall(m, r);
  } catch (e) {
    if (e instanceof InputError) return null;
    throw e;
  }
}

describe('planInstall properties', () => {
  it('never throws anything but InputError, and its choice exists in the data', () => {
    fc.assert(
      fc.property(machineArb, requestArb, (m, r) => {
        const plan = attempt(m, r);
        if (!plan) return;
        expect(variantsFor(plan.release, m.os, m.arch)).toContain(plan.backend);
        expect(plan.packages[0].name).toBe('torch');
        if (plan.backend === 'mps') expect(m.os).toBe('macos');
        if (m.os === 'macos' && r.channel === 'stable') expect(plan.indexUrl).toBeNull();
        const text = [...plan.reasons, ...plan.warnings].join('\n');
        expect(text).not.toContain('tok3n-secret');
      }),
      { numRuns: 400 },
    );
  });

  it('covers every NVIDIA GPU it serves with the chosen CUDA variant when auto picks one, and serves at least one', () => {
    fc.assert(
      fc.property(machineArb, requestArb, (m, r) => {
        const plan = attempt(m, { ...r, backend: 'auto' });
        if (!plan || cudaOfVariant(plan.backend) === null) return;
        const arch = cudaArchList(plan.backend, plan.release, `${m.os}-${m.arch}` as Platform);
        expect(arch).not.toBeNull();
        expect(plan.servedGpus.length).toBeGreaterThan(0);
        // Mixed GPUs no build covers: the GPUs left out are named in a warning with CUDA_VISIBLE_DEVICES.
        if (plan.servedGpus.length < m.gpus.filter((g) => g.vendor === 'nvidia').length && m.gpus.some((g, i) => g.vendor === 'nvidia' && capabilityOf(g) && !plan.servedGpus.includes(i) && !/Jetson|Orin|Xavier|Nano/i.test(g.name))) {
          expect(plan.warnings.join('\n')).toMatch(/CUDA_VISIBLE_DEVICES=/);
        }
        for (const [i, g] of m.gpus.entries()) {
          if (g.vendor !== 'nvidia' || !plan.servedGpus.includes(i)) continue;
          const cap = capabilityOf(g);
          if (cap) expect(covers(arch!, cap, true)).toBe(true);
        }
      }),
      { numRuns: 400 },
    );
  });

  it('plans mps only on macOS, and always mps or cpu there', () => {
    fc.assert(
      fc.property(machineArb, (m) => {
        const plan = attempt(m, { backend: 'auto', torchVersion: '', packages: [], indexBaseUrl: 'https://download.pytorch.org/whl', channel: 'stable', constraints: [] });
        if (!plan) return;
        expect(plan.backend === 'mps').toBe(m.os === 'macos' && m.arch === 'aarch64');
        if (m.os === 'macos') expect(['mps', 'cpu']).toContain(plan.backend);
      }),
      { numRuns: 300 },
    );
  });
});
