/**
 * Apple Silicon: arm64 macOS, or an x64 process under Rosetta on an Apple
 * Silicon Mac (sysctl.proc_translated is 1). The machine is then aarch64;
 * which wheels to plan for is the Python interpreter's to say (src/detect/arch.ts).
 */
import type { AppleGpu } from '../machine.js';
import { describeRunFailure, type ProbeContext } from './context.js';

export interface AppleProbe {
  /** True when this is Apple Silicon (natively or under Rosetta). */
  appleSilicon: boolean;
  gpus: AppleGpu[];
  notes: string[];
}

export async function probeApple(ctx: ProbeContext, arch: string): Promise<AppleProbe> {
  if (ctx.platform !== 'darwin') return { appleSilicon: false, gpus: [], notes: [] };
  const notes: string[] = [];
  const sysctl = await ctx.find('sysctl', [ctx.path('/usr/sbin/sysctl')]);
  if (arch !== 'arm64') {
    if (sysctl === undefined) return { appleSilicon: false, gpus: [], notes: ['sysctl not found: could not check for Rosetta'] };
    const translated = await ctx.run(sysctl, ['-n', 'sysctl.proc_translated'], 0.3);
    // On an Intel Mac the key does not exist and sysctl fails: that is the answer, not an error.
    if (!translated?.ok || translated.stdout.trim() !== '1') return { appleSilicon: false, gpus: [], notes: [] };
    notes.push('node runs as x64 under Rosetta 2 on an Apple Silicon (aarch64) machine');
  }
  let name = 'Apple Silicon';
  if (sysctl === undefined) {
    notes.push('sysctl not found: chip name unknown');
  } else {
    const brand = await ctx.run(sysctl, ['-n', 'machdep.cpu.brand_string'], 0.3);
    const text = brand?.ok ? brand.stdout.trim() : '';
    if (/^Apple\s\S/.test(text) && text.length < 100) name = text;
    else if (!brand?.ok) notes.push(describeRunFailure('sysctl -n machdep.cpu.brand_string', brand));
  }
  return { appleSilicon: true, gpus: [{ vendor: 'apple', name }], notes };
}
