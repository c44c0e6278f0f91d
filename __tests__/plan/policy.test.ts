import { describe, expect, it } from '@jest/globals';
import { InputError } from '../../src/errors.js';
import type { Machine } from '../../src/machine.js';
import { planInstall } from '../../src/plan/policy.js';
import type { Plan, PlanRequest, ProjectConstraint } from '../../src/plan/types.js';
import { BASE_URL, amd, apple, intel, machine, nv, request } from './machines.js';

interface Row {
  why: string;
  machine: Machine;
  request?: Partial<PlanRequest>;
  backend?: string;
  release?: string;
  /** Exact package lines, `${name}${specifier}`. */
  packages?: string[];
  compat?: boolean;
  accelerator?: Plan['accelerator'];
  indexUrl?: string | null;
  /** Each must match the warnings (joined). */
  warning?: RegExp | RegExp[];
  /** Must not match the warnings: a GPU blamed for what is not true of it. */
  notWarning?: RegExp;
  noWarnings?: boolean;
  /** plan.servedGpus. */
  served?: number[];
  reason?: RegExp;
  /** Must not match the reasons. */
  notReason?: RegExp;
  error?: { input: string; problem: RegExp; value?: string; notProblem?: RegExp };
}

const PY = '3.12';
const linux = (gpus: Machine['gpus'], python: string | undefined = PY): Machine => machine('linux', 'x86_64', python, gpus);
const windows = (gpus: Machine['gpus'], python: string | undefined = PY): Machine => machine('windows', 'x86_64', python, gpus);
const arm = (gpus: Machine['gpus'], python: string | undefined = PY): Machine => machine('linux', 'aarch64', python, gpus);
const pin = (project: string, specifier: string, source: string): ProjectConstraint => ({ project, specifier, source });

const RTX5090 = (driver: string, cuda?: string) => nv('NVIDIA GeForce RTX 5090', '12.0', driver, cuda);
const RTX4090 = (driver?: string, cuda?: string) => nv('NVIDIA GeForce RTX 4090', '8.9', driver, cuda);
const GTX1080 = (driver?: string, cuda?: string) => nv('NVIDIA GeForce GTX 1080', '6.1', driver, cuda);
const A100 = (driver?: string, cuda?: string) => nv('NVIDIA A100-SXM4-80GB', '8.0', driver, cuda);
const NEW_DRIVER = ['580.65.06', '13.0'] as const;
const CPU_214 = ['torch==2.14.*', 'torchvision==0.29.*'];
const RX7900XTX = amd('AMD Radeon RX 7900 XTX', 'gfx1100');
const ORIN = nv('NVIDIA Jetson AGX Orin Developer Kit', '8.7');
const JETSON_DOCS = /docs\.nvidia\.com\/deeplearning\/frameworks\/install-pytorch-jetson-platform/;

const ROWS: Row[] = [
  // ---- no GPU
  { why: 'plain Linux runner: CPU build of the newest release, torchaudio left out (none for 2.12+)', machine: linux([]), backend: 'cpu', release: '2.14', packages: CPU_214, indexUrl: `${BASE_URL}/cpu`, accelerator: 'none', reason: /No GPU was detected/, noWarnings: true },
  { why: 'Python absent: no Python checks, still the newest release', machine: linux([], undefined), backend: 'cpu', release: '2.14' },
  { why: 'Python 3.8 only has wheels up to 2.4', machine: linux([], '3.8'), backend: 'cpu', release: '2.4', packages: ['torch==2.4.*', 'torchvision==0.19.*', 'torchaudio==2.4.*'] },
  // Corrected 2026-12-01 (was: 3.13t for 2.7 and 2.8 only): 3.13t wheels exist for 2.9-2.12.0, not 2.12.1 [reference, C2].
  { why: 'Python 3.13t (free-threaded): wheels up to 2.12.0, so torch==2.12.0 (2.12.1 dropped 3.13t)', machine: linux([], '3.13t'), backend: 'cpu', release: '2.12', packages: ['torch==2.12.0', 'torchvision==0.27.0'] },
  { why: 'Python 3.9 limits Linux to torch 2.8 (2.9+ need 3.10+): said in a reason and a warning', machine: linux([], '3.9'), backend: 'cpu', release: '2.8', reason: /Python 3\.9 limits torch to 2\.8: torch 2\.9 and newer publish wheels for Python 3\.10-3\.15/, warning: /torch 2\.8 is planned rather than 2\.14 only because of Python 3\.9/ },
  { why: 'Python 3.13t limits torch to 2.12.0: newer releases have free-threaded wheels for 3.14t (and 3.15t on Linux) only', machine: linux([], '3.13t'), release: '2.12', reason: /Python 3\.13t limits torch to 2\.12: torch 2\.13 and newer publish free-threaded wheels for Python 3\.14t, 3\.15t/ },
  { why: 'Python 3.9 inside a torch-version range: the lines it rules out are named, not "and newer"', machine: linux([], '3.9'), request: { torchVersion: '>=2.5,<2.11' }, release: '2.8', reason: /Python 3\.9 limits torch to 2\.8: torch 2\.9-2\.10 publish wheels for Python 3\.10-3\.14/ },
  { why: 'Python 3.9 with a Kepler K80: the GPU, not only Python, holds torch at 2.7, so no Python warning', machine: linux([nv('Tesla K80', '3.7', '470.82.01', '11.4')], '3.9'), backend: 'cu118', release: '2.7', reason: /Python 3\.9 limits torch to 2\.8/, notWarning: /only because of Python/ },
  { why: 'Python 3.14 with torch 2.5 is an error that names the Python', machine: linux([], '3.14'), request: { torchVersion: '2.5' }, error: { input: 'python-version', value: '3.14', problem: /torch 2\.5 publishes wheels for Python 3\.9-3\.13.*not Python 3\.14/ } },
  // Corrected 2026-12-01: cp315 wheels exist on Linux for 2.13/2.14 [IDX, #194367]; Windows stops at cp314.
  { why: 'Python 3.15 on Linux: 2.13 and 2.14 have cp315 wheels there', machine: linux([], '3.15'), backend: 'cpu', release: '2.14' },
  { why: 'Python 3.15 on Windows: no release has cp315 there', machine: windows([], '3.15'), error: { input: 'python-version', problem: /Python 3\.8-3\.14 on windows\/x86_64, not Python 3\.15/ } },
  { why: 'Linux aarch64 without GPU: CPU wheels from /whl/cpu', machine: arm([]), backend: 'cpu', release: '2.14', indexUrl: `${BASE_URL}/cpu` },
  { why: 'Windows on Arm: CPU only', machine: machine('windows', 'aarch64', PY, []), backend: 'cpu', release: '2.14' },

  // ---- NVIDIA, Linux x86_64
  // Corrected 2026-12-01: cu129 is back in 2.13.0 (C2), the newest build an R570-R579 driver runs on Blackwell.
  { why: 'Blackwell on a 570 driver: 2.14 needs driver 580 (cu130), so cu129 of 2.13 (12.x compatibility), arch list warned unconfirmed', machine: linux([RTX5090('570.86.15', '12.8')]), backend: 'cu129', release: '2.13', compat: true, packages: ['torch==2.13.*', 'torchvision==0.28.*'], warning: [/driver >= 580 needed for Blackwell on torch 2\.14/, /unconfirmed architecture list/], reason: /needs a build with sm_120 or PTX <= 12\.0/ },
  { why: 'Blackwell on a 575 driver (CUDA 12.9): cu129 of 2.13 runs natively', machine: linux([RTX5090('575.51.03', '12.9')]), backend: 'cu129', release: '2.13', compat: false },
  { why: 'Blackwell on a 575 driver with torch-version 2.12: only 2.12.1 has cu129, so torch==2.12.1', machine: linux([RTX5090('575.51.03', '12.9')]), request: { torchVersion: '2.12' }, backend: 'cu129', release: '2.12', packages: ['torch==2.12.1', 'torchvision==0.27.1'], reason: /Chose cu129 of torch 2\.12\.1/ },
  { why: 'Blackwell on a 580 driver: cu130 of 2.14, natively', machine: linux([RTX5090(...NEW_DRIVER)]), backend: 'cu130', release: '2.14', compat: false, accelerator: 'nvidia', indexUrl: `${BASE_URL}/cu130`, noWarnings: true },
  { why: 'B200 on a 595 driver (CUDA 13.2): newest CUDA, cu132', machine: linux([nv('NVIDIA B200', '10.0', '595.45.04', '13.2')]), backend: 'cu132', release: '2.14' },
  { why: 'Pascal on a new driver: only cu126 still has sm_60', machine: linux([GTX1080(...NEW_DRIVER)]), backend: 'cu126', release: '2.14', compat: false, reason: /sm_60 to sm_61/ },
  { why: 'Pascal with torch 2.15 (drops cu126): CPU and a warning saying to pin <= 2.14', machine: linux([GTX1080(...NEW_DRIVER)]), request: { torchVersion: '2.15' }, backend: 'cpu', release: '2.15', warning: /Pascal.*needs cu126.*pin torch-version <= 2\.14/ },
  { why: 'Volta (7.0): cu130 starts at 7.5, so cu126', machine: linux([nv('Tesla V100-SXM2-16GB', '7.0', ...NEW_DRIVER)]), backend: 'cu126', release: '2.14' },
  // Corrected 2026-12-01: the 12.8/12.9 builds of 2.11 have no sm_70 (#172598).
  { why: 'Volta on 2.11 with a 575 driver: cu129 of 2.11 has no sm_70, so cu126 (compatibility)', machine: linux([nv('Tesla V100-SXM2-16GB', '7.0', '575.51.03', '12.9')]), request: { torchVersion: '2.11' }, backend: 'cu126', release: '2.11', compat: false },
  { why: 'Volta on 2.10: cu129 still has sm_70', machine: linux([nv('Tesla V100-SXM2-16GB', '7.0', '575.51.03', '12.9')]), request: { torchVersion: '2.10' }, backend: 'cu129', release: '2.10' },
  { why: 'Kepler K40 (3.5): no build covers it, CPU and a warning', machine: linux([nv('Tesla K40m', '3.5', '470.82.01')]), backend: 'cpu', release: '2.14', accelerator: 'none', warning: /Tesla K40m \(Kepler, compute capability 3\.5\) is not covered/ },
  { why: 'Kepler K80 (3.7) on R470: cu118 (sm_37) of 2.7 through compatibility, and no "update the driver" (R470 is Kepler\'s last branch)', machine: linux([nv('Tesla K80', '3.7', '470.82.01', '11.4')]), backend: 'cu118', release: '2.7', compat: true, warning: /R470 is the last driver branch NVIDIA ships for Kepler GPUs/, notWarning: /updating the driver lifts/ },
  { why: 'Tesla K40m without a capability: known by its name (3.5), never assumed covered', machine: linux([nv('Tesla K40m', undefined, '470.82.01', '11.4')]), backend: 'cpu', warning: /Tesla K40m \(Kepler, compute capability 3\.5\) is not covered/, notWarning: /assumed to be covered/ },
  { why: 'eight identical A100s: one sentence with a count', machine: linux(Array.from({ length: 8 }, () => A100(...NEW_DRIVER))), backend: 'cu130', reason: /^8 × NVIDIA A100-SXM4-80GB \(Ampere, compute capability 8\.0\) need a build with sm_80/m, notReason: /^NVIDIA A100-SXM4-80GB/m },
  { why: 'mixed Pascal + Ada: the build must cover both, cu126', machine: linux([GTX1080(...NEW_DRIVER), RTX4090(...NEW_DRIVER)]), backend: 'cu126', release: '2.14' },
  // Changed with issue 8: mixed GPUs no single build covers get the build of the most capable, not CPU.
  { why: 'RTX 5090 + GTX 1080: no single build covers both; cu130 for the 5090, the 1080 named with how to hide it', machine: linux([RTX5090(...NEW_DRIVER), GTX1080(...NEW_DRIVER)]), backend: 'cu130', release: '2.14', accelerator: 'nvidia', served: [0], warning: [/No single CUDA build covers every GPU here, so cu130 of torch 2\.14 is planned for the most capable: NVIDIA GeForce RTX 5090/, /NVIDIA GeForce GTX 1080 \(Pascal, compute capability 6\.1\) is not served by it/, /CUDA_VISIBLE_DEVICES=0\b/] },
  { why: 'GTX 1080 Ti listed first, RTX 5090 second: CUDA_VISIBLE_DEVICES names the 5090\'s index', machine: linux([nv('NVIDIA GeForce GTX 1080 Ti', '6.1', ...NEW_DRIVER), RTX5090(...NEW_DRIVER)]), backend: 'cu130', served: [1], warning: /CUDA_VISIBLE_DEVICES=1\b/ },
  { why: 'Kepler K40 + RTX 4090: cu130 for the 4090, the K40 not served', machine: linux([nv('Tesla K40m', '3.5', ...NEW_DRIVER), RTX4090(...NEW_DRIVER)]), backend: 'cu130', served: [1], warning: [/Tesla K40m \(Kepler, compute capability 3\.5\) is not served/, /CUDA_VISIBLE_DEVICES=1\b/], notWarning: /RTX 4090[^.]*is not (covered|served)/ },
  { why: 'Kepler K80 + RTX 5090 with torch 2.7: cu128 of 2.7 for the 5090, the K80 not served', machine: linux([nv('Tesla K80', '3.7', ...NEW_DRIVER), RTX5090(...NEW_DRIVER)]), request: { torchVersion: '2.7' }, backend: 'cu128', served: [1], warning: /Tesla K80 .* is not served by it/ },
  { why: 'A100 with an R470 driver: CUDA 12 needs 525.60.13, so cu118 of 2.7 via 11.x compatibility', machine: linux([A100('470.82.01', '11.4')]), backend: 'cu118', release: '2.7', compat: true, warning: /driver >= 525\.60\.13 needed for Ampere on torch 2\.14/, reason: /minor-version compatibility/ },
  { why: 'driver only from /proc (no cuda): 550 branch runs CUDA 12.4, cu126 via compatibility', machine: linux([A100('550.54.15')]), backend: 'cu126', release: '2.14', compat: true, reason: /driver 550\.54\.15 belongs to the branch that runs CUDA 12\.4/ },
  { why: 'driver 560 from /proc: branch runs 12.6 natively', machine: linux([A100('560.35.03')]), backend: 'cu126', release: '2.14', compat: false },
  { why: 'R525 with CUDA 12.0 runs cu126 through minor-version compatibility', machine: linux([A100('525.85.12', '12.0')]), backend: 'cu126', release: '2.14', compat: true, warning: /minor-version compatibility/ },
  { why: 'R525 older than 525.60.13: no CUDA 12 build, cu118 of 2.7 (natively: 11.8 <= 12.0)', machine: linux([A100('525.53', '12.0')]), backend: 'cu118', release: '2.7', compat: false, warning: /driver >= 525\.60\.13 needed for Ampere on torch 2\.14/ },
  { why: 'driver 390 predates every CUDA 11/12 build: CPU with a driver warning', machine: linux([nv('GeForce GTX 1060', '6.1', '390.157')]), backend: 'cpu', warning: /driver >= 525\.60\.13 needed for Pascal on torch 2\.14/ },
  { why: 'WSL2: nvidia-smi reports the Windows driver (566.36, CUDA 12.7): cu126 natively', machine: linux([nv('NVIDIA GeForce RTX 4070', '8.9', '566.36', '12.7')]), backend: 'cu126', release: '2.14', compat: false },
  { why: 'unknown compute capability counts as covered, with a warning', machine: linux([nv('NVIDIA Graphics Device', undefined, ...NEW_DRIVER)]), backend: 'cu130', release: '2.14', warning: /compute capability of NVIDIA Graphics Device is unknown/ },
  { why: 'GPU with no driver and no cuda: the covering build that needs the oldest driver, warned', machine: linux([RTX4090()]), backend: 'cu126', release: '2.14', compat: false, warning: /No NVIDIA driver version was detected/ },
  { why: 'pinned 2.4 on an RTX 3090 with driver 550: cu124 natively', machine: linux([nv('NVIDIA GeForce RTX 3090', '8.6', '550.54.15', '12.4')]), request: { torchVersion: '2.4' }, backend: 'cu124', release: '2.4', packages: ['torch==2.4.*', 'torchvision==0.19.*', 'torchaudio==2.4.*'] },
  { why: 'pinned 2.0.1 exactly: the 2.0.x companion exceptions', machine: linux([], '3.10'), request: { torchVersion: '2.0.1' }, backend: 'cpu', release: '2.0', packages: ['torch==2.0.1', 'torchvision==0.15.2', 'torchaudio==2.0.2'] },
  { why: 'pinned 2.0.1 with an A100 on driver 535: cu118 natively', machine: linux([A100('535.104.05', '12.2')], '3.10'), request: { torchVersion: '2.0.1' }, backend: 'cu118', release: '2.0', compat: false },
  { why: 'NVIDIA + AMD: NVIDIA preferred, the AMD GPU named in a warning', machine: linux([RTX4090(...NEW_DRIVER), amd('AMD Instinct MI300X', 'gfx942')]), backend: 'cu130', warning: /AMD Instinct MI300X not used.*NVIDIA/ },
  { why: 'Kepler + MI300X: NVIDIA unusable, so the AMD GPU is used', machine: linux([nv('Tesla K40m', '3.5', '470.82.01'), amd('AMD Instinct MI300X', 'gfx942')]), backend: 'rocm7.14', accelerator: 'amd', warning: /Tesla K40m/ },

  // ---- NVIDIA, Linux aarch64 and Windows
  { why: 'GH200 (aarch64, 9.0) on a 580 driver: cu130 natively', machine: arm([nv('NVIDIA GH200 480GB', '9.0', ...NEW_DRIVER)]), backend: 'cu130', release: '2.14', compat: false },
  { why: 'Jetson Thor class (aarch64, 11.0): only the aarch64 cu130/cu132 lists have 11.0', machine: arm([nv('NVIDIA Thor', '11.0', ...NEW_DRIVER)]), backend: 'cu130', release: '2.14' },
  { why: 'Jetson AGX Orin (8.7): the sbsa CUDA wheels do not run on Tegra; CPU and a pointer to the JetPack builds', machine: arm([ORIN], '3.10'), backend: 'cpu', accelerator: 'none', indexUrl: `${BASE_URL}/cpu`, warning: [/NVIDIA Jetson AGX Orin Developer Kit is a Jetson Orin GPU/, /JetPack/, JETSON_DOCS] },
  { why: 'Jetson Xavier with no capability reported: known by its name, CPU', machine: arm([nv('NVIDIA Jetson Xavier NX Developer Kit')], '3.10'), backend: 'cpu', warning: [/Jetson Xavier NX Developer Kit is a Jetson GPU/, JETSON_DOCS] },
  { why: 'Jetson Nano (5.3): also a Tegra GPU, CPU with the JetPack pointer', machine: arm([nv('NVIDIA Jetson Nano Developer Kit', '5.3')], '3.10'), backend: 'cpu', warning: /Jetson Nano Developer Kit is a Jetson Nano\/TX1 GPU/ },
  { why: 'Jetson AGX Thor (11.0) runs the CUDA 13 sbsa builds: cu130, no Jetson warning', machine: arm([nv('NVIDIA Jetson AGX Thor Developer Kit', '11.0', ...NEW_DRIVER)]), backend: 'cu130', release: '2.14', noWarnings: true },
  { why: 'backend cu126 asked for on a Jetson Orin: honoured, with a warning that it will not run there', machine: arm([ORIN], '3.10'), request: { backend: 'cu126' }, backend: 'cu126', warning: [/Backend cu126 was used as asked, but NVIDIA Jetson AGX Orin Developer Kit is a Jetson Orin GPU/, JETSON_DOCS] },
  { why: 'GH200 with a 560 driver on aarch64: cu126 (8.0, 9.0) natively', machine: arm([nv('NVIDIA GH200 480GB', '9.0', '560.35.03', '12.6')]), backend: 'cu126', release: '2.14' },
  { why: 'Windows NVIDIA on a 581 driver: cu130', machine: windows([nv('NVIDIA GeForce RTX 4080', '8.9', '581.57', '13.0')]), backend: 'cu130', release: '2.14', indexUrl: `${BASE_URL}/cu130` },
  { why: 'Windows 528.49 (CUDA 12.0) is above the Windows 12.x minimum 528.33: cu126 via compatibility', machine: windows([nv('NVIDIA RTX A4000', '8.6', '528.49', '12.0')]), backend: 'cu126', compat: true },
  { why: 'Windows 527.56 (CUDA 12.0) is below 528.33 on Windows: cu118 of 2.7, natively', machine: windows([nv('NVIDIA RTX A4000', '8.6', '527.56', '12.0')]), backend: 'cu118', release: '2.7', compat: false, warning: /driver >= 528\.33 needed/ },

  // ---- AMD
  { why: 'MI300X gfx942: newest ROCm of the newest release', machine: linux([amd('AMD Instinct MI300X', 'gfx942')]), backend: 'rocm7.14', release: '2.14', accelerator: 'amd', indexUrl: `${BASE_URL}/rocm7.14` },
  { why: 'MI355X gfx950 with torch 2.10: rocm7.1 (7.0 and 7.1 list gfx950)', machine: linux([amd('AMD Instinct MI355X', 'gfx950')]), request: { torchVersion: '2.10' }, backend: 'rocm7.1', release: '2.10' },
  { why: 'gfx950 with torch 2.9: no ROCm 6 build lists it, CPU', machine: linux([amd('AMD Instinct MI355X', 'gfx950')]), request: { torchVersion: '2.9' }, backend: 'cpu', warning: /gfx950/ },
  { why: 'Strix Halo gfx1151 on torch 2.11: only rocm7.2 lists it', machine: linux([amd('AMD Radeon 8060S', 'gfx1151')]), request: { torchVersion: '2.11' }, backend: 'rocm7.2' },
  { why: 'RX 6700 XT gfx1031: near miss, HSA_OVERRIDE_GFX_VERSION=10.3.0 hint, never applied', machine: linux([amd('AMD Radeon RX 6700 XT', 'gfx1031')]), backend: 'cpu', warning: /HSA_OVERRIDE_GFX_VERSION=10\.3\.0/ },
  // Corrected 2026-12-01: gfx1103 is in the ROCm builds from 2.13 (#179653), rocm7.14 included.
  { why: 'Radeon 780M gfx1103: rocm7.14 of 2.14 lists it', machine: linux([amd('AMD Radeon 780M', 'gfx1103')]), backend: 'rocm7.14', release: '2.14' },
  { why: 'Radeon 780M gfx1103 with torch 2.12: the newer release that targets it is named, not "no fix"', machine: linux([amd('AMD Radeon 780M', 'gfx1103')]), request: { torchVersion: '2.12' }, backend: 'cpu', warning: /rocm7\.14 of torch 2\.14 targets it: set torch-version 2\.14/, notWarning: /no fix is known/ },
  { why: 'MI50 gfx906 on 2.14: rocm7.14 has no gfx906, so rocm7.2, with the unconfirmed run-time report', machine: linux([amd('AMD Instinct MI50', 'gfx906')]), backend: 'rocm7.2', release: '2.14', warning: /unconfirmed reports/ },
  { why: 'Vega gfx900 on 2.14: rocm7.2', machine: linux([amd('Radeon RX Vega', 'gfx900')]), backend: 'rocm7.2', release: '2.14' },
  { why: 'RX 7700 XT gfx1101 with torch 2.5: only from 2.6, so named', machine: linux([amd('AMD Radeon RX 7700 XT', 'gfx1101')]), request: { torchVersion: '2.5' }, backend: 'cpu', warning: /torch 2\.14 targets it/ },
  { why: 'RX 9070 XT gfx1201 with torch 2.6: only from 2.7', machine: linux([amd('AMD Radeon RX 9070 XT', 'gfx1201')]), request: { torchVersion: '>=2.6,<2.8' }, backend: 'rocm6.3', release: '2.7' },
  { why: 'Strix Halo gfx1151 with torch 2.9: only from 2.10', machine: linux([amd('AMD Radeon 8060S', 'gfx1151')]), request: { torchVersion: '2.9' }, backend: 'cpu', warning: /torch 2\.14 targets it/ },
  { why: 'RX 7900 XTX + the Ryzen iGPU (gfx1036) rocminfo also lists: the iGPU does not block, rocm7.14 for the discrete card', machine: linux([RX7900XTX, amd('AMD Radeon Graphics', 'gfx1036')]), backend: 'rocm7.14', release: '2.14', accelerator: 'amd', warning: /AMD Radeon Graphics \(gfx1036\) is an integrated GPU that no ROCm build targets.*HIP_VISIBLE_DEVICES.*AMD Radeon RX 7900 XTX/, notWarning: /7900 XTX[^.]*in no ROCm build/, reason: /AMD Radeon RX 7900 XTX \(gfx1100\) is in the gfx list of rocm7\.14/ },
  { why: 'RX 7900 XTX + a Renoir iGPU (gfx90c) with torch 2.4: rocm6.1 for the discrete card', machine: linux([amd('AMD Radeon Graphics', 'gfx90c'), RX7900XTX]), request: { torchVersion: '2.4' }, backend: 'rocm6.1', warning: /gfx90c\) is an integrated GPU/ },
  { why: 'RX 7900 XTX + RX 6700 XT: only the 6700 XT is blamed; the 7900 XTX is covered, with how to use it alone', machine: linux([RX7900XTX, amd('AMD Radeon RX 6700 XT', 'gfx1031')]), backend: 'cpu', warning: [/AMD Radeon RX 6700 XT \(gfx1031\) is in no ROCm build of torch/, /AMD Radeon RX 7900 XTX \(gfx1100\) is in rocm7\.14/, /HIP_VISIBLE_DEVICES.*backend rocm7\.14 for AMD Radeon RX 7900 XTX/], notWarning: /7900 XTX[^.]*in no ROCm build/ },
  { why: 'backend rocm7.2 with a 7900 XTX and the gfx1036 iGPU: the iGPU warning, not a gfx-list complaint about the card', machine: linux([RX7900XTX, amd('AMD Radeon Graphics', 'gfx1036')]), request: { backend: 'rocm7.2' }, backend: 'rocm7.2', warning: /gfx1036\) is an integrated GPU that no ROCm build targets/, notWarning: /7900 XTX[^.]*not in its gfx list/ },
  { why: 'Windows AMD: no ROCm wheels for Windows, CPU + warning', machine: windows([amd('AMD Radeon RX 7900 XTX', 'gfx1100')]), backend: 'cpu', indexUrl: `${BASE_URL}/cpu`, warning: /no ROCm wheels for Windows/ },
  { why: 'AMD GPU with unknown gfx: cannot be checked, CPU + warning', machine: linux([amd('AMD Radeon Graphics')]), backend: 'cpu', warning: /gfx target .* is unknown/ },
  { why: 'aarch64 with an AMD GPU: ROCm is x86_64 only', machine: arm([amd('AMD Instinct MI300X', 'gfx942')]), backend: 'cpu', warning: /Linux x86_64 only/ },

  // ---- Intel
  { why: 'Linux Arc A770 by device id: xpu', machine: linux([intel('Intel(R) Arc(TM) A770 Graphics', '0x56a0')]), backend: 'xpu', release: '2.14', accelerator: 'intel', indexUrl: `${BASE_URL}/xpu` },
  { why: 'Windows Arc B580: xpu', machine: windows([intel('Intel(R) Arc(TM) B580 Graphics', '0xe20b')]), backend: 'xpu', release: '2.14' },
  { why: 'Core Ultra (Meteor Lake) iGPU by id: xpu', machine: linux([intel('Intel(R) Arc(TM) Graphics', '0x7d55')]), backend: 'xpu' },
  { why: 'Lunar Lake by name only: xpu', machine: windows([intel('Intel(R) Arc(TM) 140V GPU (16GB)')]), backend: 'xpu' },
  { why: 'Data Center GPU Max 1550: xpu', machine: linux([intel('Intel(R) Data Center GPU Max 1550', '0x0bd5')]), backend: 'xpu' },
  { why: 'Intel UHD 770: not an XPU target, CPU + warning', machine: linux([intel('Intel(R) UHD Graphics 770', '0x4680')]), backend: 'cpu', warning: /older Intel integrated GPU/ },
  { why: 'Iris Xe: not an XPU target', machine: windows([intel('Intel(R) Iris(R) Xe Graphics', '0x9a49')]), backend: 'cpu' },
  { why: 'Arc with torch 2.4: XPU starts at 2.5, CPU + warning', machine: linux([intel('Intel(R) Arc(TM) A770 Graphics', '0x56a0')]), request: { torchVersion: '2.4' }, backend: 'cpu', warning: /XPU builds start at torch 2\.5/ },
  { why: 'RTX 4090 + UHD iGPU: NVIDIA used, the iGPU explained in reasons, no warning', machine: linux([RTX4090(...NEW_DRIVER), intel('Intel(R) UHD Graphics 770', '0x4680')]), backend: 'cu130', noWarnings: true, reason: /UHD Graphics 770 is an older Intel integrated GPU/ },

  // ---- Apple
  { why: 'Apple M3: mps from PyPI (no index URL)', machine: machine('macos', 'aarch64', PY, [apple('Apple M3 Pro')]), backend: 'mps', release: '2.14', indexUrl: null, accelerator: 'apple', packages: CPU_214 },
  { why: 'Intel Mac: CPU from PyPI, torch 2.2 (last is 2.2.2)', machine: machine('macos', 'x86_64', PY, []), backend: 'cpu', release: '2.2', indexUrl: null, packages: ['torch==2.2.*', 'torchvision==0.17.*', 'torchaudio==2.2.*'] },
  { why: 'Intel Mac with torch-version 2.5: error', machine: machine('macos', 'x86_64', PY, []), request: { torchVersion: '2.5' }, error: { input: 'torch-version', value: '2.5', problem: /2\.2\.2/ } },
  { why: 'Intel Mac with Python 3.13: no release has it there', machine: machine('macos', 'x86_64', '3.13', []), error: { input: 'python-version', problem: /Python 3\.8-3\.12/ } },

  // ---- torch-version forms
  { why: 'a specifier range picks the newest line inside it', machine: linux([]), request: { torchVersion: '>=2.4,<2.6' }, release: '2.5', packages: ['torch==2.5.*', 'torchvision==0.20.*', 'torchaudio==2.5.*'] },
  { why: '~=2.5.0 is the 2.5 line', machine: linux([]), request: { torchVersion: '~=2.5.0' }, release: '2.5' },
  { why: '==2.1.* with a lower bound inside the line', machine: linux([], '3.10'), request: { torchVersion: '>=2.1.1,<2.2' }, release: '2.1', packages: ['torch==2.1.*,>=2.1.1', 'torchvision==0.16.*,>=0.16.1', 'torchaudio==2.1.*,>=2.1.1'] },
  { why: 'an invalid torch-version is an InputError naming the input', machine: linux([]), request: { torchVersion: 'latest' }, error: { input: 'torch-version', value: 'latest', problem: /PEP 440/ } },
  { why: 'a torch-version older than the data', machine: linux([]), request: { torchVersion: '1.13' }, error: { input: 'torch-version', problem: /torchcraft knows torch 2\.0 to 2\.14/ } },
  { why: 'torch 2.15 is newer than the data: warning, planned from 2.14 minus cu126', machine: linux([RTX4090(...NEW_DRIVER)]), request: { torchVersion: '2.15' }, backend: 'cu130', release: '2.15', packages: ['torch==2.15.*', 'torchvision==0.30.*'], warning: /newer than torchcraft's data.*drops cu126/ },
  { why: '>=2.15 plans for the nearest newer release, not a guessed 3.0', machine: linux([]), request: { torchVersion: '>=2.15' }, release: '2.15', warning: /newer than torchcraft's data/ },
  { why: 'an unknown patch of a known line: planned on the line, with a warning', machine: linux([]), request: { torchVersion: '2.14.2' }, release: '2.14', packages: ['torch==2.14.2', 'torchvision==0.29.2'], warning: /2\.14\.2 is newer than torchcraft's data/ },

  // ---- explicit backends
  { why: 'backend cu118 on Linux: the newest release that publishes it (2.7)', machine: linux([]), request: { backend: 'cu118' }, backend: 'cu118', release: '2.7', reason: /torch 2\.7 is the newest that does/, warning: /no NVIDIA GPU was detected/ },
  { why: 'backend rocm6.0 on Windows: InputError listing what is allowed', machine: windows([]), request: { backend: 'rocm6.0' }, error: { input: 'backend', value: 'rocm6.0', problem: /allowed for windows\/x86_64 on torch 2\.14: cpu, cu126, cu130, cu132, xpu/ } },
  { why: 'backend cu129 on Windows with torch 2.9: not published there', machine: windows([]), request: { backend: 'cu129', torchVersion: '2.9' }, error: { input: 'backend', problem: /on torch 2\.9: .*cu129 is published for windows\/x86_64 on torch 2\.8/ } },
  { why: 'backend mps on Linux: InputError', machine: linux([]), request: { backend: 'mps' }, error: { input: 'backend', problem: /allowed for linux\/x86_64/ } },
  { why: 'backend cu130 on Pascal: honoured, with a warning that the GPU is not covered', machine: linux([GTX1080(...NEW_DRIVER)]), request: { backend: 'cu130' }, backend: 'cu130', release: '2.14', warning: /not covered by cu130/ },
  { why: 'backend cu130 on RTX 5090 + GTX 1080 (the advice for that machine): the 5090 runs it, hide the 1080', machine: linux([RTX5090(...NEW_DRIVER), GTX1080(...NEW_DRIVER)]), request: { backend: 'cu130' }, backend: 'cu130', accelerator: 'nvidia', compat: false, warning: /it runs NVIDIA GeForce RTX 5090, but NVIDIA GeForce GTX 1080 .* is not covered by cu130 of torch 2\.14: hide it from torch with CUDA_VISIBLE_DEVICES/, notWarning: /Set backend auto/ },
  { why: 'backend cpu with an RTX 4090: honoured, the GPU named as not used', machine: linux([RTX4090(...NEW_DRIVER)]), request: { backend: 'cpu' }, backend: 'cpu', accelerator: 'none', warning: /RTX 4090 is not used: backend cpu/ },
  { why: 'backend cu126 on an R525 driver: compatibility mode reported', machine: linux([A100('525.85.12', '12.0')]), request: { backend: 'cu126' }, backend: 'cu126', compat: true },
  { why: 'backend cpu on an Apple Silicon Mac: PyPI, no index URL', machine: machine('macos', 'aarch64', PY, [apple('Apple M2')]), request: { backend: 'cpu' }, backend: 'cpu', indexUrl: null },

  // ---- channels
  { why: 'nightly: next-release pattern, nightly index, no pins, pre-releases', machine: linux([RTX4090(...NEW_DRIVER)]), request: { channel: 'nightly' }, backend: 'cu130', release: '2.15', indexUrl: `${BASE_URL}/nightly/cu130`, packages: ['torch', 'torchvision'] },
  { why: 'test channel with torch-version 2.14: test index, pinned', machine: linux([]), request: { channel: 'test', torchVersion: '2.14' }, indexUrl: `${BASE_URL}/test/cpu`, packages: CPU_214 },
  { why: 'test channel with nothing asked: release candidates of the next release (2.15), unpinned', machine: linux([]), request: { channel: 'test' }, release: '2.15', indexUrl: `${BASE_URL}/test/cpu`, packages: ['torch', 'torchvision'], reason: /test channel holds release candidates of the next release, torch 2\.15/ },

  // ---- the project's pins
  { why: 'requirements torch==2.5.1: exact pins, cu124 natively on a 580 driver', machine: linux([RTX4090(...NEW_DRIVER)]), request: { constraints: [pin('torch', '==2.5.1', 'requirements.txt:3')] }, backend: 'cu124', release: '2.5', packages: ['torch==2.5.1', 'torchvision==0.20.1', 'torchaudio==2.5.1'] },
  { why: 'requirements torchvision==0.20.1 means torch 2.5.1', machine: linux([]), request: { constraints: [pin('torchvision', '==0.20.1', 'requirements.txt:4')] }, release: '2.5', packages: ['torch==2.5.1', 'torchvision==0.20.1', 'torchaudio==2.5.1'] },
  { why: 'torch>=2.4,<2.6 in pyproject: the 2.5 line', machine: linux([]), request: { constraints: [pin('torch', '>=2.4,<2.6', 'pyproject.toml [project.dependencies]')] }, release: '2.5', packages: ['torch==2.5.*', 'torchvision==0.20.*', 'torchaudio==2.5.*'] },
  { why: 'xformers==0.0.28.post2 pins torch 2.5.0: xformers added from the CUDA index', machine: linux([RTX4090(...NEW_DRIVER)]), request: { constraints: [pin('xformers', '==0.0.28.post2', 'requirements.txt:7')] }, backend: 'cu124', release: '2.5', packages: ['torch==2.5.0', 'torchvision==0.20.0', 'torchaudio==2.5.0', 'xformers==0.0.28.post2'] },
  { why: 'the seed example on a GPU: torchaudio needs a release that has one (2.11); xformers 0.0.35 pairs with it', machine: linux([RTX4090(...NEW_DRIVER)]), request: { constraints: [pin('torch', '', 'requirements.txt:3'), pin('torchaudio', '', 'requirements.txt:4'), pin('xformers', '', 'requirements.txt:7')] }, backend: 'cu130', release: '2.11', packages: ['torch==2.11.*', 'torchvision==0.26.*', 'torchaudio==2.11.*', 'xformers==0.0.35'], reason: /torchaudio from requirements\.txt:4/ },
  { why: 'the seed example on CPU: xformers not on the cpu index, noted', machine: linux([]), request: { constraints: [pin('torchaudio', '', 'requirements.txt:4'), pin('xformers', '', 'requirements.txt:7')] }, backend: 'cpu', release: '2.11', packages: ['torch==2.11.*', 'torchvision==0.26.*', 'torchaudio==2.11.*'], reason: /xformers is not added: the PyTorch cpu index does not serve it/ },
  { why: 'bare xformers without torchaudio: xformers 0.0.35 pairs with 2.14', machine: linux([RTX4090(...NEW_DRIVER)]), request: { constraints: [pin('torch', '', 'requirements.txt:3'), pin('xformers', '', 'requirements.txt:7')] }, backend: 'cu130', release: '2.14', packages: ['torch==2.14.*', 'torchvision==0.29.*', 'xformers==0.0.35'] },
  { why: 'an xformers version newer than the table: noted and ignored', machine: linux([]), request: { constraints: [pin('xformers', '==0.0.99', 'requirements.txt:7')] }, release: '2.14', warning: /requirements\.txt:7 wants xformers==0\.0\.99, which is not in torchcraft's xformers table.*does not constrain the plan, and installing it may replace torch/, notReason: /xformers table/ },
  { why: 'torchao has no known pairing: noted and ignored', machine: linux([]), request: { constraints: [pin('torchao', '>=0.5', 'requirements.txt:9')] }, release: '2.14', warning: /requirements\.txt:9 names torchao>=0\.5; torchcraft does not know which torch it pairs with, so it does not constrain the plan/, notReason: /torchao/ },
  { why: 'conflicting pins: an error naming both sources', machine: linux([]), request: { constraints: [pin('torch', '==2.5.1', 'requirements.txt:3'), pin('torchvision', '==0.21.0', 'requirements.txt:4')] }, error: { input: 'requirements', problem: /requirements\.txt:3 wants torch==2\.5\.1 but requirements\.txt:4 wants torchvision==0\.21\.0/ } },
  { why: 'conflicting pins from two optional-dependency groups: the error says to choose extras', machine: linux([]), request: { constraints: [pin('torch', '==2.5.1', 'pyproject.toml [project.optional-dependencies.cu]'), pin('torch', '==2.6.0', 'pyproject.toml [project.optional-dependencies.legacy]')] }, error: { input: 'requirements', problem: /\[project\.optional-dependencies\.cu\] wants torch==2\.5\.1 but .*\[project\.optional-dependencies\.legacy\] wants torch==2\.6\.0.*these come from different optional-dependency groups; set extras \(--extras\) to the group\(s\) this environment installs/ } },
  { why: 'conflicting pins from two dependency groups: the same extras hint', machine: linux([]), request: { constraints: [pin('torch', '>=2.9', 'pyproject.toml [dependency-groups.new]'), pin('torchvision', '==0.20.1', 'pyproject.toml [dependency-groups.old]')] }, error: { input: 'requirements', problem: /set extras \(--extras\)/ } },
  { why: 'labelled pins of different builds in cpu and cu121 extras: the build conflict carries the extras hint', machine: linux([]), request: { constraints: [pin('torch', '==2.5.1+cpu', 'pyproject.toml [project.optional-dependencies.cpu]'), pin('torch', '==2.5.1+cu121', 'pyproject.toml [project.optional-dependencies.cu121]')] }, error: { input: 'requirements', problem: /pins the cpu build.*pins the cu121 build.*set extras \(--extras\)/ } },
  { why: 'a conflict between a group and the base dependencies: no extras hint (extras cannot drop the base)', machine: linux([]), request: { constraints: [pin('torch', '==2.5.1', 'pyproject.toml [project.dependencies]'), pin('torch', '==2.6.0', 'pyproject.toml [project.optional-dependencies.new]')] }, error: { input: 'requirements', problem: /wants torch==2\.5\.1 but/, notProblem: /extras/ } },
  { why: 'a pin against torch-version: an error naming both', machine: linux([]), request: { torchVersion: '2.6', constraints: [pin('torch', '==2.5.1', 'requirements.txt:3')] }, error: { input: 'requirements', problem: /requirements\.txt:3 wants torch==2\.5\.1 but torch-version is 2\.6/ } },
  { why: 'a pin no release satisfies', machine: linux([]), request: { constraints: [pin('torchvision', '==0.99.0', 'requirements.txt:4')] }, error: { input: 'requirements', problem: /requirements\.txt:4 wants torchvision==0\.99\.0, which no torch release satisfies/ } },
  { why: 'a pin and a Python that no release shares', machine: linux([], '3.14'), request: { constraints: [pin('torch', '==2.5.1', 'requirements.txt:3')] }, error: { input: 'python-version', problem: /torch==2\.5\.1.*Python 3\.9-3\.13/ } },
  { why: 'torchaudio==2.5.1 from the project keeps torch at 2.5.1', machine: linux([]), request: { constraints: [pin('torchaudio', '==2.5.1', 'requirements.txt:2')] }, release: '2.5', packages: ['torch==2.5.1', 'torchvision==0.20.1', 'torchaudio==2.5.1'] },
  { why: 'a labelled pin (torch==2.5.1+cu121) fixes the build: the project accepts no other', machine: linux([nv('NVIDIA H100 80GB HBM3', '9.0', ...NEW_DRIVER)]), request: { constraints: [pin('torch', '==2.5.1+cu121', 'requirements.txt:1')] }, backend: 'cu121', release: '2.5', packages: ['torch==2.5.1', 'torchvision==0.20.1', 'torchaudio==2.5.1'], reason: /requirements\.txt:1 pins the cu121 build/ },
  { why: 'a labelled +cpu pin on a GPU machine: the CPU build, and a warning that the GPU is idle', machine: linux([A100(...NEW_DRIVER)]), request: { constraints: [pin('torch', '==2.13.0+cpu', 'requirements.txt:1')] }, backend: 'cpu', release: '2.13', reason: /pins the cpu build/ },
  { why: 'two labelled pins naming different builds: an error naming both', machine: linux([]), request: { constraints: [pin('torch', '==2.5.1+cu121', 'a.txt:1'), pin('torchvision', '==0.20.1+cu124', 'b.txt:2')] }, error: { input: 'requirements', problem: /a\.txt:1 pins the cu121 build.*b\.txt:2 pins the cu124 build/ } },
  { why: 'a labelled pin of a build not published there: an error naming the line', machine: linux([]), request: { constraints: [pin('torch', '==2.5.1+cu999', 'requirements.txt:4')] }, error: { input: 'requirements', problem: /requirements\.txt:4 pins the cu999 build/ } },
  { why: "an xformers specifier beyond the known table is kept, with a warning", machine: linux([RTX4090(...NEW_DRIVER)]), request: { constraints: [pin('xformers', '>=0.0.36', 'requirements.txt:7')] }, backend: 'cu130', release: '2.14', packages: ['torch==2.14.*', 'torchvision==0.29.*', 'xformers>=0.0.36'], warning: /names xformers>=0\.0\.36/ },
  { why: 'a torch-version PEP 440 reads as a post-release of 0 (0r0, found by fast-check): refused by name', machine: linux([]), request: { torchVersion: '0r0' }, error: { input: 'torch-version', problem: /no torch release matches it/ } },
  // ---- pre-, post- and dev-releases, equal versions
  { why: 'torch-version 2.9.0rc1 on the stable channel: release candidates live on the test channel', machine: linux([]), request: { torchVersion: '2.9.0rc1' }, error: { input: 'torch-version', value: '2.9.0rc1', problem: /2\.9\.0rc1 is a pre-release.*release candidates live on the test channel: set channel test \(--channel test\)/ } },
  { why: 'torch-version 2.10.0a0 (an alpha) on the stable channel: refused, not torchvision==0.25.NaN', machine: linux([]), request: { torchVersion: '2.10.0a0' }, error: { input: 'torch-version', value: '2.10.0a0', problem: /pre-release.*test channel/ } },
  { why: 'a dev build asked for on the stable channel: refused, pointing at the test and nightly channels', machine: linux([]), request: { torchVersion: '2.15.0.dev20260101' }, error: { input: 'torch-version', problem: /pre-release.*set channel test.*nightly/ } },
  { why: 'requirements torch==2.9.0rc1 on the stable channel: an error naming the file and line', machine: linux([]), request: { constraints: [pin('torch', '==2.9.0rc1', 'requirements.txt:3')] }, error: { input: 'requirements', value: 'requirements.txt:3: torch==2.9.0rc1', problem: /requirements\.txt:3 pins torch 2\.9\.0rc1, a pre-release.*set channel test/ } },
  { why: 'torch-version 2.9.0rc1 on the test channel: torch pinned, companions unpinned (pip picks the matching candidates), said in a reason', machine: linux([]), request: { channel: 'test', torchVersion: '2.9.0rc1' }, release: '2.9', indexUrl: `${BASE_URL}/test/cpu`, packages: ['torch==2.9.0rc1', 'torchvision', 'torchaudio'], reason: /torch 2\.9\.0rc1 is a pre-release, so torchvision and torchaudio are written unpinned/, notWarning: /newer than torchcraft's data/ },
  { why: 'torch-version 2.10.0a0 on the test channel: no NaN companion', machine: linux([]), request: { channel: 'test', torchVersion: '2.10.0a0' }, release: '2.10', packages: ['torch==2.10.0a0', 'torchvision', 'torchaudio'] },
  { why: 'a post-release pin: companions pair with its release part (2.5.1.post1 -> 0.20.1, 2.5.1)', machine: linux([]), request: { constraints: [pin('torch', '==2.5.1.post1', 'requirements.txt:3')] }, release: '2.5', packages: ['torch==2.5.1.post1', 'torchvision==0.20.1', 'torchaudio==2.5.1'] },
  { why: 'torch-version 2.5.1.0 equals 2.5.1 (PEP 440): not "newer than the data"', machine: linux([]), request: { torchVersion: '2.5.1.0' }, release: '2.5', packages: ['torch==2.5.1', 'torchvision==0.20.1', 'torchaudio==2.5.1'], noWarnings: true },
  { why: 'requirements torch==2.5.1.0 equals 2.5.1', machine: linux([]), request: { constraints: [pin('torch', '==2.5.1.0', 'requirements.txt:3')] }, release: '2.5', packages: ['torch==2.5.1', 'torchvision==0.20.1', 'torchaudio==2.5.1'], noWarnings: true },
  { why: 'torch-version 3.0: torchvision left unpinned with a warning (pairing for torch 3 unknown), not 0.115', machine: linux([]), request: { torchVersion: '3.0' }, release: '3.0', packages: ['torch==3.0.*', 'torchvision'], warning: /torchcraft does not know which torchvision pairs with torch 3/ },
  { why: 'torch-version 3.0.1 exactly: the same, torch pinned alone', machine: linux([]), request: { torchVersion: '3.0.1' }, packages: ['torch==3.0.1', 'torchvision'], warning: /does not know which torchvision pairs with torch 3/ },

  // ---- a labelled pin against an explicit backend
  { why: 'torch==2.5.1+cu124 with backend cu121: an error naming both', machine: linux([]), request: { backend: 'cu121', constraints: [pin('torch', '==2.5.1+cu124', 'requirements.txt:1')] }, error: { input: 'backend', value: 'cu121', problem: /^requirements\.txt:1 pins the cu124 build \(torch==2\.5\.1\+cu124\), which only that build satisfies; set backend cu124 or auto, or change the pin\.$/ } },
  { why: 'torch==2.5.1+cu124 with backend cu124: fine', machine: linux([]), request: { backend: 'cu124', constraints: [pin('torch', '==2.5.1+cu124', 'requirements.txt:1')] }, backend: 'cu124', release: '2.5', packages: ['torch==2.5.1', 'torchvision==0.20.1', 'torchaudio==2.5.1'] },

  // ---- the CPU build against PyPI's default
  { why: 'Linux x86_64 without GPU: PyPI default bundles CUDA, so the cpu index is smaller', machine: linux([]), reason: /smaller than PyPI's default, which bundles CUDA/ },
  { why: 'Windows without GPU: PyPI serves the same CPU build, so no "smaller than PyPI" claim', machine: windows([]), backend: 'cpu', reason: /the CPU build PyPI also serves for windows\/x86_64/, notReason: /smaller|bundles CUDA/ },
  { why: 'Linux aarch64 with torch 2.10: PyPI default is a CPU build there', machine: arm([]), request: { torchVersion: '2.10' }, backend: 'cpu', reason: /CPU build PyPI also serves/, notReason: /bundles CUDA/ },
  { why: 'Linux aarch64 with torch 2.11: PyPI default is a CUDA 13.0 build from 2.11', machine: arm([]), request: { torchVersion: '2.11' }, backend: 'cpu', reason: /smaller than PyPI's default, which bundles CUDA/ },

  // ---- family packages without a known pairing are warnings
  { why: 'pytorch-triton-rocm with no known pairing: a warning', machine: linux([]), request: { constraints: [pin('pytorch-triton-rocm', '==3.1.0', 'requirements.txt:5')] }, release: '2.14', warning: /requirements\.txt:5 names pytorch-triton-rocm==3\.1\.0; torchcraft does not know which torch it pairs with/ },
  { why: 'triton with no known pairing: a warning', machine: linux([]), request: { constraints: [pin('triton', '', 'requirements.txt:6')] }, warning: /names triton; torchcraft does not know/ },
  { why: 'a package outside the PyTorch family stays a reason, not a warning', machine: linux([]), request: { constraints: [pin('numpy', '>=1.26', 'requirements.txt:2')] }, reason: /numpy>=1\.26, which is not a PyTorch-family package; ignored/, noWarnings: true },

  // ---- test channel: the next release
  { why: 'test channel on an RTX 4090, nothing asked: the next release (2.15) from /whl/test/cu130, unpinned', machine: linux([RTX4090(...NEW_DRIVER)]), request: { channel: 'test' }, backend: 'cu130', release: '2.15', indexUrl: `${BASE_URL}/test/cu130`, packages: ['torch', 'torchvision'], reason: /release candidates of the next release/ },

  // ---- messages
  { why: 'Thor (11.0) on linux x86_64: no x86_64 build has it, but the aarch64 cu130/cu132 builds do', machine: linux([nv('NVIDIA Thor', '11.0', ...NEW_DRIVER)]), backend: 'cpu', warning: /NVIDIA Thor .*no PyTorch CUDA build for linux\/x86_64 supports it; the linux\/aarch64 builds cu130 or cu132 of torch 2\.14 do/, notWarning: /in torchcraft's data supports it/ },
  { why: 'RTX 5090 with torch-version 2.6: every build with sm_120 named with its releases, cu128 included', machine: linux([RTX5090(...NEW_DRIVER)]), request: { torchVersion: '2.6' }, backend: 'cpu', warning: /RTX 5090 .*not covered by any CUDA build of torch 2\.6.*needs a build with sm_120 or PTX <= 12\.0: cu128 \(torch 2\.7-2\.11\), cu129 \(torch 2\.8-2\.13\), cu130 \(torch 2\.9\+\) or cu132 \(torch 2\.12\+\)/ },
  { why: 'nightly with Python 3.9: the error names the release once, not "2.15-2.15"', machine: linux([], '3.9'), request: { channel: 'nightly' }, error: { input: 'python-version', problem: /torch 2\.15 publishes wheels for Python 3\.10-3\.15/, notProblem: /2\.15-2\.15/ } },
  { why: 'packages input order kept, torch first, unknown names unpinned', machine: linux([]), request: { packages: ['torchvision', 'numpy', 'torch'] }, packages: ['torch==2.14.*', 'torchvision==0.29.*', 'numpy'] },
];

describe('planInstall over a table of machines', () => {
  it('has at least 45 rows', () => {
    expect(ROWS.length).toBeGreaterThanOrEqual(45);
  });

  it.each(ROWS.map((r) => [r.why, r] as const))('%s', (_why, row) => {
    const req = request(row.request);
    if (row.error) {
      let thrown: unknown;
      try {
        planInstall(row.machine, req);
      } catch (e) {
        thrown = e;
      }
      expect(thrown).toBeInstanceOf(InputError);
      const err = thrown as InputError;
      expect(err.input).toBe(row.error.input);
      if (row.error.value !== undefined) expect(err.value).toBe(row.error.value);
      expect(err.problem).toMatch(row.error.problem);
      if (row.error.notProblem) expect(err.problem).not.toMatch(row.error.notProblem);
      return;
    }
    const plan = planInstall(row.machine, req);
    if (row.backend !== undefined) expect(plan.backend).toBe(row.backend);
    if (row.release !== undefined) expect(plan.release).toBe(row.release);
    if (row.packages !== undefined) expect(plan.packages.map((p) => `${p.name}${p.specifier}`)).toEqual(row.packages);
    if (row.compat !== undefined) expect(plan.compatibilityMode).toBe(row.compat);
    if (row.accelerator !== undefined) expect(plan.accelerator).toBe(row.accelerator);
    if (row.indexUrl !== undefined) expect(plan.indexUrl).toBe(row.indexUrl);
    for (const w of row.warning === undefined ? [] : Array.isArray(row.warning) ? row.warning : [row.warning]) expect(plan.warnings.join('\n')).toMatch(w);
    if (row.notWarning) expect(plan.warnings.join('\n')).not.toMatch(row.notWarning);
    if (row.noWarnings) expect(plan.warnings).toEqual([]);
    if (row.served) expect(plan.servedGpus).toEqual(row.served);
    if (row.reason) expect(plan.reasons.join('\n')).toMatch(row.reason);
    if (row.notReason) expect(plan.reasons.join('\n')).not.toMatch(row.notReason);
    expect(plan.reasons.length).toBeGreaterThan(0);
    expect(plan.prerelease).toBe(req.channel !== 'stable');
    expect(plan.packages[0].name).toBe('torch');
  });
});

describe('planInstall details', () => {
  it('keeps credentials of the index base URL out of reasons and warnings', () => {
    const base = 'https://user:s3cr3t-token@mirror.example.com/whl';
    const plan = planInstall(linux([GTX1080(...NEW_DRIVER)]), request({ indexBaseUrl: base, torchVersion: '2.15' }));
    expect(plan.indexUrl).toBe(`${base}/cpu`);
    expect([...plan.reasons, ...plan.warnings].join('\n')).not.toContain('s3cr3t-token');
  });

  it('says when compatibility mode is used, in a reason and a warning', () => {
    const plan = planInstall(linux([A100('525.85.12', '12.0')]), request());
    expect(plan.compatibilityMode).toBe(true);
    expect(plan.reasons.join(' ')).toMatch(/525\.85\.12.*runs CUDA 12\.6 through minor-version compatibility/);
  });

  it('returns the machine it planned for and the channel', () => {
    const m = linux([]);
    const plan = planInstall(m, request({ channel: 'test' }));
    expect(plan.machine).toBe(m);
    expect(plan.channel).toBe('test');
  });
});
