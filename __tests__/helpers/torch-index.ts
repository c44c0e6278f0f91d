/**
 * The test index the end-to-end install tests point index-base-url at: the
 * folders the planner asks for when it plans torch 2.14 (torch==2.14.*,
 * torchvision==0.29.*) on this machine, and a few variations, each under a
 * base of its own so a test picks one by index-base-url alone:
 *
 *   <base>/cpu, <base>/cu130           torch 2.14.1 + torchvision 0.29.1 of that build
 *                                      (cu130's torch sees a GPU)
 *   <base>/nogpu/cu130                 the same cu130 build, whose torch.cuda.is_available() is False
 *   <base>/missing/cpu                 torch without torchvision
 *   <base>/nightly/cpu                 a nightly torch 2.15.0.devYYYYMMDD and its torchvision,
 *                                      beside the 2.14.1 final (chosen without --pre)
 *
 * Wheels are built with one Python run per folder of same-named files.
 */
import { join } from 'node:path';
import { IndexServer } from './index-server.js';
import { buildWheels, companion, fakeTorch } from './wheels.js';

export const STABLE_TORCH = '2.14.1';
export const STABLE_VISION = '0.29.1';
export const NIGHTLY_DATE = '20261120';
export const NIGHTLY_TORCH = `2.15.0.dev${NIGHTLY_DATE}`;
export const NIGHTLY_VISION = `0.30.0.dev${NIGHTLY_DATE}`;
export const GPU_DEVICE_NAME = 'NVIDIA GeForce RTX 4090';

/** Folder names under the base, to append to the base URL as index-base-url. */
export const TORCH_INDEX_BASES = { nogpu: 'nogpu', missing: 'missing' } as const;

/** Builds the wheels into dir and starts the server (stop it in afterAll). */
export async function startTorchIndex(dir: string): Promise<IndexServer> {
  const [cpuTorch, cpuVision, cuTorch, cuVision, nightlyTorch, nightlyVision] = await buildWheels(
    [
      fakeTorch({ version: `${STABLE_TORCH}+cpu` }),
      companion('torchvision', `${STABLE_VISION}+cpu`, STABLE_TORCH),
      fakeTorch({ version: `${STABLE_TORCH}+cu130`, cudaAvailable: true, deviceName: GPU_DEVICE_NAME }),
      companion('torchvision', `${STABLE_VISION}+cu130`, STABLE_TORCH),
      fakeTorch({ version: `${NIGHTLY_TORCH}+cpu` }),
      companion('torchvision', `${NIGHTLY_VISION}+cpu`, NIGHTLY_TORCH),
    ],
    dir,
  );
  // Same file name as the cu130 torch above (a wheel's name is its version): a folder of its own.
  const [blindTorch] = await buildWheels([fakeTorch({ version: `${STABLE_TORCH}+cu130`, cudaAvailable: false })], join(dir, 'nogpu'));
  const server = new IndexServer({
    variants: {
      cpu: [cpuTorch, cpuVision],
      cu130: [cuTorch, cuVision],
      [`${TORCH_INDEX_BASES.nogpu}/cu130`]: [blindTorch, cuVision],
      [`${TORCH_INDEX_BASES.missing}/cpu`]: [cpuTorch],
      'nightly/cpu': [cpuTorch, cpuVision, nightlyTorch, nightlyVision],
    },
  });
  await server.start();
  return server;
}
