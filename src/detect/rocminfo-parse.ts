/**
 * Parsers for ROCm's user-space tools. They never throw; CPU agents are dropped.
 */
import { linesOf } from './text.js';

export interface RocmAgent {
  /** "AMD Instinct MI250X/MI250"; "AMD GPU (gfx90a)" when no marketing name is given. */
  name: string;
  /** "gfx90a", without feature suffixes (":sramecc+:xnack-"). */
  gfx?: string;
}

/** "gfx90a" from "gfx90a", "gfx90a:sramecc+:xnack-" or "amdgcn-amd-amdhsa--gfx90a:xnack-". */
export function gfxFromIsaName(text: string): string | undefined {
  const m = /(?:^|--)(gfx[0-9a-f]{2,5})(?=$|:)/i.exec(text.trim());
  return m ? m[1].toLowerCase() : undefined;
}

interface Block {
  name?: string;
  marketing?: string;
  deviceType?: string;
  isa?: string;
}

/**
 * GPU agents of `rocminfo`: one block per "Agent N" header; the block's first
 * `Name:` is the agent's (ISA names come later, under "ISA Info:").
 */
export function parseRocminfo(text: string): RocmAgent[] {
  const blocks: Block[] = [];
  let current: Block | undefined;
  for (const raw of linesOf(text)) {
    if (raw.length > 1000) continue;
    const line = raw.trim();
    if (/^Agent \d+$/.test(line)) {
      current = {};
      blocks.push(current);
      continue;
    }
    if (current === undefined) continue;
    const colon = line.indexOf(':');
    if (colon <= 0) continue;
    const key = line.slice(0, colon).trim();
    const value = line.slice(colon + 1).trim();
    if (key === 'Name') {
      if (current.name === undefined) current.name = value;
      else if (current.isa === undefined && value.startsWith('amdgcn-')) current.isa = value;
    } else if (key === 'Marketing Name' && current.marketing === undefined) {
      current.marketing = value;
    } else if (key === 'Device Type' && current.deviceType === undefined) {
      current.deviceType = value;
    }
  }
  const agents: RocmAgent[] = [];
  for (const b of blocks) {
    if (b.deviceType?.toUpperCase() !== 'GPU') continue;
    const gfx = gfxFromIsaName(b.name ?? '') ?? gfxFromIsaName(b.isa ?? '');
    agents.push(agentNamed(b.marketing, gfx));
  }
  return agents;
}

/** GPU targets of `rocm_agent_enumerator`, one per line; gfx000 is the CPU agent. */
export function parseRocmAgentEnumerator(text: string): RocmAgent[] {
  const agents: RocmAgent[] = [];
  for (const raw of linesOf(text)) {
    const gfx = /^gfx[0-9a-f]{2,5}$/i.test(raw.trim()) ? raw.trim().toLowerCase() : undefined;
    if (gfx === undefined || gfx === 'gfx000') continue;
    agents.push(agentNamed(undefined, gfx));
  }
  return agents;
}

export function agentNamed(marketing: string | undefined, gfx: string | undefined): RocmAgent {
  const name = marketing !== undefined && marketing !== '' ? marketing : gfx !== undefined ? `AMD GPU (${gfx})` : 'AMD GPU';
  return gfx === undefined ? { name } : { name, gfx };
}
