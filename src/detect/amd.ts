/**
 * AMD GPUs on Linux: rocminfo, else rocm_agent_enumerator, else the kernel's
 * kfd topology (present without ROCm's user space). Each GPU keeps its gfx name;
 * CPU agents are dropped. Whether a ROCm build supports that gfx is policy's call.
 */
import type { AmdGpu } from '../machine.js';
import { describeRunFailure, type ProbeContext, type ProbeResult } from './context.js';
import { listDir, readText } from './files.js';
import { parseKfdNodeProperties } from './kfd-parse.js';
import { agentNamed, parseRocmAgentEnumerator, parseRocminfo, type RocmAgent } from './rocminfo-parse.js';

const KFD_NODES = '/sys/class/kfd/kfd/topology/nodes';

export async function probeAmd(ctx: ProbeContext): Promise<ProbeResult<AmdGpu>> {
  if (ctx.platform !== 'linux') return { gpus: [], notes: [], troubles: [] };
  const notes: string[] = [];
  const failures: string[] = [];
  const rocmVersion = (await readText(ctx.path('/opt/rocm/.info/version')))?.trim().split(/\r?\n/)[0];
  if (rocmVersion) notes.push(`ROCm ${rocmVersion.slice(0, 40)} is installed (/opt/rocm/.info/version)`);

  const agents =
    (await fromTool(ctx, 'rocminfo', parseRocminfo, notes, failures)) ??
    (await fromTool(ctx, 'rocm_agent_enumerator', parseRocmAgentEnumerator, notes, failures)) ??
    (await fromKfd(ctx, notes));
  // A failed ROCm tool matters when nothing else found the GPUs: then one may be there unseen.
  const found = agents.length > 0;
  return { gpus: agents.map((a) => ({ vendor: 'amd', ...a })), notes: found ? [...notes, ...failures] : notes, troubles: found ? [] : failures };
}

/** GPUs from one ROCm tool; undefined when the tool is absent, failed or listed no GPU (try the next source). */
async function fromTool(
  ctx: ProbeContext,
  name: string,
  parse: (text: string) => RocmAgent[],
  notes: string[],
  failures: string[],
): Promise<RocmAgent[] | undefined> {
  const program = await ctx.find(name, [ctx.path(`/opt/rocm/bin/${name}`)]);
  if (program === undefined) return undefined;
  const result = await ctx.run(program, [], 0.5);
  if (!result?.ok) {
    failures.push(describeRunFailure(name, result));
    return undefined;
  }
  const agents = parse(result.stdout);
  if (agents.length === 0) {
    notes.push(`${name} listed no AMD GPU`);
    return undefined;
  }
  return agents;
}

async function fromKfd(ctx: ProbeContext, notes: string[]): Promise<RocmAgent[]> {
  const nodes = await listDir(ctx.path(KFD_NODES));
  const gfxs = await Promise.all(
    nodes.map(async (node) => {
      const text = await readText(ctx.path(`${KFD_NODES}/${node}/properties`));
      return text === undefined ? undefined : parseKfdNodeProperties(text);
    }),
  );
  const agents = gfxs.filter((g): g is string => g !== undefined).map((gfx) => agentNamed(undefined, gfx));
  if (agents.length > 0) notes.push(`read ${agents.length} AMD GPU(s) from the kernel's kfd topology (${KFD_NODES}): ROCm tools not found or not working`);
  return agents;
}
