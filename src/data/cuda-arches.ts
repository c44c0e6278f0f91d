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
}

interface ArchRow extends ArchList {
  variant: string;
  platforms: readonly Platform[];
  from: string;
  to?: string;
}

const X86: readonly Platform[] = ['linux-x86_64', 'windows-x86_64'];
const LINUX: readonly Platform[] = ['linux-x86_64'];
const WINDOWS: readonly Platform[] = ['windows-x86_64'];
const ARM: readonly Platform[] = ['linux-aarch64'];

const MODERN = ['7.5', '8.0', '8.6', '9.0', '10.0', '12.0'];

const ROWS: readonly ArchRow[] = [
  { variant: 'cu117', platforms: X86, from: '2.0', to: '2.0', sass: ['3.7', '5.0', '6.0', '7.0', '7.5', '8.0', '8.6'], ptx: [] },
  // cu118 kept sm_37 to the end (2.7 confirmed by the reference); Windows builds add 6.1.
  { variant: 'cu118', platforms: LINUX, from: '2.0', to: '2.7', sass: ['3.7', '5.0', '6.0', '7.0', '7.5', '8.0', '8.6', '9.0'], ptx: [] },
  { variant: 'cu118', platforms: WINDOWS, from: '2.0', to: '2.7', sass: ['3.7', '5.0', '6.0', '6.1', '7.0', '7.5', '8.0', '8.6', '9.0'], ptx: [] },
  { variant: 'cu121', platforms: X86, from: '2.1', to: '2.5', sass: ['5.0', '6.0', '7.0', '7.5', '8.0', '8.6', '9.0'], ptx: [] },
  { variant: 'cu124', platforms: X86, from: '2.4', to: '2.6', sass: ['5.0', '6.0', '7.0', '7.5', '8.0', '8.6', '9.0'], ptx: [] },
  // No PTX: Blackwell cannot JIT it (confirmed for 2.11-2.14 by the reference).
  { variant: 'cu126', platforms: X86, from: '2.6', sass: ['5.0', '6.0', '7.0', '7.5', '8.0', '8.6', '9.0'], ptx: [] },
  { variant: 'cu128', platforms: X86, from: '2.7', to: '2.7', sass: MODERN, ptx: [] },
  // 2.8-2.10 put sm_70 back (pytorch/pytorch#157517), 2.11 dropped it again.
  { variant: 'cu128', platforms: X86, from: '2.8', to: '2.10', sass: ['7.0', ...MODERN], ptx: [] },
  { variant: 'cu128', platforms: X86, from: '2.11', to: '2.11', sass: MODERN, ptx: [] },
  { variant: 'cu129', platforms: X86, from: '2.8', to: '2.11', sass: ['7.0', ...MODERN], ptx: ['12.0'] },
  { variant: 'cu130', platforms: X86, from: '2.9', sass: MODERN, ptx: ['12.0'] },
  { variant: 'cu132', platforms: X86, from: '2.12', sass: MODERN, ptx: ['12.0'] },
  // Linux aarch64 (sbsa).
  { variant: 'cu126', platforms: ARM, from: '2.0', to: '2.8', sass: ['9.0'], ptx: [] },
  { variant: 'cu126', platforms: ARM, from: '2.9', sass: ['8.0', '9.0'], ptx: [] },
  { variant: 'cu128', platforms: ARM, from: '2.7', sass: ['9.0', '10.0', '12.0'], ptx: [] },
  { variant: 'cu130', platforms: ARM, from: '2.9', sass: ['8.0', '9.0', '10.0', '11.0', '12.0'], ptx: ['12.0'] },
  { variant: 'cu132', platforms: ARM, from: '2.12', sass: ['8.0', '9.0', '10.0', '11.0', '12.0'], ptx: ['12.0'] },
];

/** The arch list of a CUDA variant of a release on a platform; null when the data has none. */
export function cudaArchList(variant: string, line: string, platform: Platform): ArchList | null {
  const row = ROWS.find(
    (r) =>
      r.variant === variant &&
      r.platforms.includes(platform) &&
      compareLines(line, r.from) >= 0 &&
      (r.to === undefined || compareLines(line, r.to) <= 0),
  );
  return row ? { sass: row.sass, ptx: row.ptx } : null;
}
