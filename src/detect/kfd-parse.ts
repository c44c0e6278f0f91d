/**
 * The amdgpu kernel driver's topology (/sys/class/kfd/kfd/topology/nodes/N/properties):
 * present without ROCm's user space, so it still tells which AMD GPUs there are.
 */
import { linesOf } from './text.js';

/**
 * "gfx90a" from gfx_target_version 90010: major (decimal), then minor and
 * stepping as one hex digit each (9, 0, 10 -> "9" "0" "a"). 0 is a CPU node.
 */
export function decodeGfxTargetVersion(value: number): string | undefined {
  if (!Number.isSafeInteger(value) || value <= 0) return undefined;
  const major = Math.floor(value / 10000);
  const minor = Math.floor(value / 100) % 100;
  const stepping = value % 100;
  if (major < 1 || major > 99 || minor > 15 || stepping > 15) return undefined;
  return `gfx${major}${minor.toString(16)}${stepping.toString(16)}`;
}

/** The node's gfx name, or undefined for a CPU node or a file without the field. */
export function parseKfdNodeProperties(text: string): string | undefined {
  for (const line of linesOf(text)) {
    const m = /^gfx_target_version\s+(\d{1,9})\s*$/.exec(line);
    if (m) return decodeGfxTargetVersion(Number(m[1]));
  }
  return undefined;
}
