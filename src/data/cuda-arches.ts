/**
 * GPU architectures compiled into each CUDA variant (TORCH_CUDA_ARCH_LIST), as
 * compute capabilities. `sass` runs on the same major with an equal or higher
 * minor; `ptx` is JIT-compiled by the driver for any newer GPU.
 *
 * Sources: [BLD] pytorch/builder manywheel/build_cuda.sh (2.0-2.5), [CI]
 * pytorch/pytorch .ci/manywheel/build_cuda.sh (2.6+), [REL] RELEASE.md, via
 * ../shared/reference/pytorch-wheels.md. Re-checked [CI] at a 2.8-era commit:
 * 12.6 "5.0;6.0;7.0;7.5;8.0;8.6;9.0", 12.8 "7.0;...;10.0;12.0", 12.9 "...;12.0+PTX".
 * Rows with no `to` stay in force for newer releases, so a new release row in
 * pytorch.ts inherits them.
 */
import { compareLines, type Platform } from './pytorch.js';

export interface ArchList {
  sass: readonly string[];
  ptx: readonly string[];
  /** Set when the reference has no confirmed list for this build: what was assumed, and why. */
  unconfirmed?: string;
}

interface ArchRow extends ArchList {
  variant: string;
  platforms: readonly Platform[];
  from: string;
  to?: string;
  /** Where the row comes from (keys of the reference). */
  source: string;
}

const X86: readonly Platform[] = ['linux-x86_64', 'windows-x86_64'];
const LINUX: readonly Platform[] = ['linux-x86_64'];
const WINDOWS: readonly Platform[] = ['windows-x86_64'];
const ARM: readonly Platform[] = ['linux-aarch64'];

const MODERN = ['7.5', '8.0', '8.6', '9.0', '10.0', '12.0'];
const ARM_MODERN = ['8.0', '9.0', '10.0', '11.0', '12.0'];
const CU12X = ['5.0', '6.0', '7.0', '7.5', '8.0', '8.6', '9.0'];

// PTX in cu130/cu132 [#175567, #188914, #188925, REL]: 12.0+PTX only in the 2.9, 2.10 and 2.13.0
// release wheels, and on Linux only; none in 2.11, 2.12, 2.14 (nightlies keep it).
const ROWS: readonly ArchRow[] = [
  { variant: 'cu117', platforms: LINUX, from: '2.0', to: '2.0', sass: ['3.7', '5.0', '6.0', '7.0', '7.5', '8.0', '8.6'], ptx: [], source: '[BLD]' },
  // Windows cu117/cu118: 3.7+PTX and 6.1 [BLD windows/cuda1xx.bat]. The compute_37 PTX is not
  // counted: it would claim Hopper and Blackwell for builds whose CUDA 11 libraries (cuBLAS,
  // cuDNN) have no code for them, so a GPU newer than the SASS list is not covered.
  { variant: 'cu117', platforms: WINDOWS, from: '2.0', to: '2.0', sass: ['3.7', '5.0', '6.0', '6.1', '7.0', '7.5', '8.0', '8.6'], ptx: [], source: '[BLD]' },
  // cu118 kept sm_37 to the end ([BLD] for 2.0-2.5; 2.6, 2.7 from a third-party table).
  { variant: 'cu118', platforms: LINUX, from: '2.0', to: '2.7', sass: ['3.7', '5.0', '6.0', '7.0', '7.5', '8.0', '8.6', '9.0'], ptx: [], source: '[BLD, 3P]' },
  { variant: 'cu118', platforms: WINDOWS, from: '2.0', to: '2.7', sass: ['3.7', '5.0', '6.0', '6.1', '7.0', '7.5', '8.0', '8.6', '9.0'], ptx: [], source: '[BLD] (3.7+PTX not counted, see cu117)' },
  { variant: 'cu121', platforms: LINUX, from: '2.1', to: '2.5', sass: CU12X, ptx: [], source: '[BLD]' },
  { variant: 'cu121', platforms: WINDOWS, from: '2.1', to: '2.5', sass: [...CU12X, '6.1'].sort(byCapability), ptx: [], source: '[BLD] (Windows adds 6.1)' },
  { variant: 'cu124', platforms: LINUX, from: '2.4', to: '2.6', sass: CU12X, ptx: [], source: '[BLD] (2.6 not re-checked)' },
  { variant: 'cu124', platforms: WINDOWS, from: '2.4', to: '2.6', sass: [...CU12X, '6.1'].sort(byCapability), ptx: [], source: '[BLD] (Windows adds 6.1)' },
  // No PTX: Blackwell cannot JIT it (confirmed for 2.6-2.14 [#145616, #148000]).
  { variant: 'cu126', platforms: X86, from: '2.6', sass: CU12X, ptx: [], source: '[CI, #145616, #148000]' },
  // 2.7: "unconfirmed: with 12.0+PTX" [3P, #157516]: the PTX is not counted.
  { variant: 'cu128', platforms: X86, from: '2.7', to: '2.7', sass: MODERN, ptx: [], source: '[CI]' },
  // 2.8-2.10 put sm_70 back (#157517), 2.11 dropped it again (#172598).
  { variant: 'cu128', platforms: X86, from: '2.8', to: '2.10', sass: ['7.0', ...MODERN], ptx: [], source: '[CI, #157516]' },
  { variant: 'cu128', platforms: X86, from: '2.11', to: '2.11', sass: MODERN, ptx: [], source: '[#172598]' },
  // 2.8: "unconfirmed: PTX kept in 2.8 release wheels": the PTX is counted from 2.9 only.
  { variant: 'cu129', platforms: X86, from: '2.8', to: '2.8', sass: ['7.0', ...MODERN], ptx: [], source: '[CI]' },
  { variant: 'cu129', platforms: X86, from: '2.9', to: '2.10', sass: ['7.0', ...MODERN], ptx: ['12.0'], source: '[CI]' },
  // 2.11: no sm_70 in the 12.8 and 12.9 builds [#172598].
  { variant: 'cu129', platforms: X86, from: '2.11', to: '2.11', sass: MODERN, ptx: ['12.0'], source: '[#172598]' },
  { variant: 'cu129', platforms: X86, from: '2.12', to: '2.13', sass: MODERN, ptx: [], source: '[reference: "not checked"]', unconfirmed: "the reference has not checked the arch list of cu129 for 2.12.1 and 2.13.0; assumed 2.11's without sm_70 and without PTX" },
  { variant: 'cu130', platforms: LINUX, from: '2.9', to: '2.10', sass: MODERN, ptx: ['12.0'], source: '[CI, REL]' },
  { variant: 'cu130', platforms: LINUX, from: '2.11', to: '2.12', sass: MODERN, ptx: [], source: '[#175567, REL]' },
  { variant: 'cu130', platforms: LINUX, from: '2.13', to: '2.13', sass: MODERN, ptx: ['12.0'], source: '[#188914]' },
  { variant: 'cu130', platforms: LINUX, from: '2.14', sass: MODERN, ptx: [], source: '[#188925]' },
  { variant: 'cu130', platforms: WINDOWS, from: '2.9', sass: MODERN, ptx: [], source: '[REL: +PTX is Linux only]' },
  { variant: 'cu132', platforms: LINUX, from: '2.12', to: '2.12', sass: MODERN, ptx: [], source: '[#175567, REL]' },
  { variant: 'cu132', platforms: LINUX, from: '2.13', to: '2.13', sass: MODERN, ptx: ['12.0'], source: '[#188914]' },
  { variant: 'cu132', platforms: LINUX, from: '2.14', sass: MODERN, ptx: [], source: '[#188925]' },
  { variant: 'cu132', platforms: WINDOWS, from: '2.12', sass: MODERN, ptx: [], source: '[REL: +PTX is Linux only]' },
  // Linux aarch64 (sbsa) [BLD, CI, REL, #172663, TI].
  { variant: 'cu124', platforms: ARM, from: '2.4', to: '2.5', sass: ['9.0'], ptx: [], source: '[BLD]' },
  { variant: 'cu126', platforms: ARM, from: '2.6', to: '2.6', sass: ['9.0'], ptx: [], source: '[BLD, TI]' },
  { variant: 'cu126', platforms: ARM, from: '2.9', sass: ['8.0', '9.0'], ptx: [], source: '[CI]' },
  { variant: 'cu128', platforms: ARM, from: '2.7', to: '2.7', sass: ['9.0', '10.0', '12.0'], ptx: [], source: '[CI]' },
  { variant: 'cu128', platforms: ARM, from: '2.9', to: '2.11', sass: ['8.0', '9.0', '10.0', '12.0'], ptx: [], source: '[REL, #172663]' },
  // 2.8 cu129: the CI scripts disagree (8.0, 9.0, 10.0, 12.0 or with 11.0 and 12.1): only what both list.
  { variant: 'cu129', platforms: ARM, from: '2.8', to: '2.8', sass: ['8.0', '9.0', '10.0', '12.0'], ptx: [], source: '[CI, both scripts]' },
  { variant: 'cu129', platforms: ARM, from: '2.9', to: '2.13', sass: ['8.0', '9.0', '10.0', '12.0'], ptx: [], source: '[reference: "not checked"]', unconfirmed: "the reference has not checked the arch list of aarch64 cu129 for 2.9-2.13; assumed aarch64 cu128's (8.0, 9.0, 10.0, 12.0)" },
  { variant: 'cu130', platforms: ARM, from: '2.9', to: '2.10', sass: ARM_MODERN, ptx: ['12.0'], source: '[CI, REL]' },
  { variant: 'cu130', platforms: ARM, from: '2.11', to: '2.12', sass: ARM_MODERN, ptx: [], source: '[#175567]' },
  { variant: 'cu130', platforms: ARM, from: '2.13', to: '2.13', sass: ARM_MODERN, ptx: ['12.0'], source: '[#188914]' },
  { variant: 'cu130', platforms: ARM, from: '2.14', sass: ARM_MODERN, ptx: [], source: '[#188925]' },
  { variant: 'cu132', platforms: ARM, from: '2.12', to: '2.12', sass: ARM_MODERN, ptx: [], source: '[#175567]' },
  { variant: 'cu132', platforms: ARM, from: '2.13', to: '2.13', sass: ARM_MODERN, ptx: ['12.0'], source: '[#188914]' },
  { variant: 'cu132', platforms: ARM, from: '2.14', sass: ARM_MODERN, ptx: [], source: '[#188925]' },
];

function byCapability(a: string, b: string): number {
  const [a1, a2] = a.split('.').map(Number);
  const [b1, b2] = b.split('.').map(Number);
  return a1 - b1 || a2 - b2;
}

/** The arch list of a CUDA variant of a release on a platform; null when the data has none. */
export function cudaArchList(variant: string, line: string, platform: Platform): ArchList | null {
  const row = ROWS.find(
    (r) =>
      r.variant === variant &&
      r.platforms.includes(platform) &&
      compareLines(line, r.from) >= 0 &&
      (r.to === undefined || compareLines(line, r.to) <= 0),
  );
  if (!row) return null;
  return row.unconfirmed ? { sass: row.sass, ptx: row.ptx, unconfirmed: row.unconfirmed } : { sass: row.sass, ptx: row.ptx };
}
