/**
 * Reading a machine description the user wrote (input `machine`, flag
 * `--machine FILE`): the same JSON that `torchcraft detect` prints. Validated
 * field by field so a mistake is named before anything is planned; unknown
 * fields are dropped. An NVIDIA GPU written without its compute capability gets
 * the one its name tells, as detection does, with a note: without it the plan
 * cannot tell a Pascal card from a Blackwell one.
 */
import { InputError } from '../errors.js';
import { ARCHES, OSES, VENDORS, type Arch, type Gpu, type Machine, type Os, type Vendor } from '../machine.js';
import { computeCapabilityFromName } from './nvidia-names.js';
import { readRegularFile } from '../read-file.js';
import { shorten } from '../sinks/limits.js';

const INPUT = 'machine';

/** Optional string fields each vendor may carry, and the form each must have. */
const GPU_FIELDS: Readonly<Record<Vendor, Readonly<Record<string, { pattern: RegExp; allowed: string }>>>> = {
  nvidia: {
    computeCapability: { pattern: /^\d{1,2}\.\d{1,2}$/, allowed: 'a "major.minor" string such as "8.6"' },
    driver: { pattern: /^\d{1,4}(?:\.\d{1,4}){1,2}$/, allowed: 'a dotted version string such as "550.54.15"' },
    cuda: { pattern: /^\d{1,3}\.\d{1,3}$/, allowed: 'a "major.minor" string such as "12.4"' },
  },
  amd: {
    gfx: { pattern: /^gfx[0-9a-f]{2,5}$/, allowed: 'an LLVM target string such as "gfx942"' },
  },
  intel: {
    deviceId: { pattern: /^0x[0-9a-f]{4}$/, allowed: 'a PCI device id string such as "0x56a0" (lower-case hex with 0x)' },
  },
  apple: {},
};

/** The machine described by `text`; throws InputError('machine', source, ...) naming the field at fault. */
export function parseMachineJson(text: string, source: string): Machine {
  const fail = (problem: string): never => {
    throw new InputError(INPUT, source, problem);
  };
  let data: unknown;
  try {
    data = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (e) {
    // JSON.parse quotes the start of the text in its message: that could be anything the path
    // pointed at (/proc/self/environ), so only where it failed is said.
    return fail(`it is not valid JSON (${jsonProblem(text, e)}); expected an object like {"os": "linux", "arch": "x86_64", "gpus": []}`);
  }
  if (!isRecord(data)) return fail(`expected a JSON object with "os", "arch" and "gpus", got ${kindOf(data)}`);

  const os = data.os;
  if (typeof os !== 'string' || !(OSES as readonly string[]).includes(os)) {
    fail(`field "os" is ${describe(os)}; allowed: ${OSES.map((o) => JSON.stringify(o)).join(', ')}`);
  }
  const arch = data.arch;
  if (typeof arch !== 'string' || !(ARCHES as readonly string[]).includes(arch)) {
    fail(`field "arch" is ${describe(arch)}; allowed: ${ARCHES.map((a) => JSON.stringify(a)).join(', ')}`);
  }
  const machine: Machine = { os: os as Os, arch: arch as Arch, gpus: [], notes: [] };

  if (data.python !== undefined) {
    // "3.13t": a free-threaded build, which has wheels of its own.
    if (typeof data.python !== 'string' || !/^3\.\d{1,2}t?$/.test(data.python)) {
      fail(`field "python" is ${describe(data.python)}; allowed: a "3.N" string such as "3.12" (or "3.13t" for a free-threaded Python), or leave it out`);
    }
    machine.python = data.python as string;
  }

  if (data.gpus !== undefined) {
    if (!Array.isArray(data.gpus)) fail(`field "gpus" is ${describe(data.gpus)}; allowed: an array of GPU objects (may be empty)`);
    machine.gpus = (data.gpus as unknown[]).map((gpu, i) => parseGpu(gpu, `gpus[${i}]`, fail));
  } else {
    fail('field "gpus" is missing; allowed: an array of GPU objects, [] for none');
  }

  if (data.notes !== undefined) {
    if (!Array.isArray(data.notes) || !data.notes.every((n) => typeof n === 'string')) {
      fail(`field "notes" is ${describe(data.notes)}; allowed: an array of strings, or leave it out`);
    }
    machine.notes = [...(data.notes as string[])];
  }
  for (const gpu of machine.gpus) {
    if (gpu.vendor !== 'nvidia' || gpu.computeCapability !== undefined) continue;
    const capability = computeCapabilityFromName(gpu.name);
    if (capability === undefined) continue;
    gpu.computeCapability = capability;
    machine.notes.push(`computeCapability of ${gpu.name} taken from its name: ${capability}`);
  }
  if (data.warnings !== undefined) {
    if (!Array.isArray(data.warnings) || !data.warnings.every((n) => typeof n === 'string')) {
      fail(`field "warnings" is ${describe(data.warnings)}; allowed: an array of strings, or leave it out`);
    }
    if ((data.warnings as string[]).length > 0) machine.warnings = [...(data.warnings as string[])];
  }
  return machine;
}

function parseGpu(value: unknown, at: string, fail: (problem: string) => never): Gpu {
  if (!isRecord(value)) return fail(`${at} is ${describe(value)}; allowed: an object with "vendor" and "name"`);
  const vendor = value.vendor;
  if (typeof vendor !== 'string' || !(VENDORS as readonly string[]).includes(vendor)) {
    fail(`${at}.vendor is ${describe(vendor)}; allowed: ${VENDORS.map((v) => JSON.stringify(v)).join(', ')}`);
  }
  if (typeof value.name !== 'string' || value.name.trim() === '') {
    fail(`${at}.name is ${describe(value.name)}; allowed: a non-empty string such as "NVIDIA A100-SXM4-80GB"`);
  }
  const gpu: Record<string, string> = { vendor: vendor as string, name: value.name as string };
  for (const [field, rule] of Object.entries(GPU_FIELDS[vendor as Vendor])) {
    const v = value[field];
    if (v === undefined) continue;
    if (typeof v !== 'string' || !rule.pattern.test(v)) fail(`${at}.${field} is ${describe(v)}; allowed: ${rule.allowed}, or leave it out`);
    gpu[field] = v as string;
  }
  return gpu as unknown as Gpu;
}

/** Where JSON.parse failed, in words, without quoting the text. */
function jsonProblem(text: string, e: unknown): string {
  const message = e instanceof Error ? e.message : String(e);
  const position = /position (\d+)/.exec(message);
  if (position) return `it fails at character ${Number(position[1]) + 1}`;
  if (/Unexpected end/.test(message)) return 'it ends too early';
  const token = /Unexpected token '(.)'/u.exec(message);
  const at = token ? text.indexOf(token[1]) : -1;
  return at >= 0 ? `it fails at character ${at + 1}` : 'it cannot be parsed';
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function kindOf(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'an array';
  return typeof v === 'object' ? 'an object' : `a ${typeof v}`;
}

/** How a wrong value reads in a message: `"Linux"`, `3.12 (a number)`, `missing`. */
function describe(v: unknown): string {
  if (v === undefined) return 'missing';
  if (typeof v === 'string') return JSON.stringify(v.length > 60 ? `${v.slice(0, 57)}...` : v);
  if (typeof v === 'number' || typeof v === 'boolean') return `${String(v)} (a ${typeof v}, not a string)`;
  return kindOf(v);
}

/** A machine description file larger than this is not one (a description of 64 GPUs is a few KiB). */
export const MAX_MACHINE_FILE_BYTES = 4 * 1024 * 1024;

/**
 * The text of a machine description file. Only a regular file is read (a FIFO
 * would block the run until something wrote to it), and at most 4 MiB of it.
 */
export async function readMachineFile(path: string, given: string): Promise<string> {
  try {
    return (await readRegularFile(path, MAX_MACHINE_FILE_BYTES)).toString('utf8');
  } catch (e) {
    const why = e instanceof Error ? e.message : String(e);
    throw new InputError(INPUT, given, `cannot read the file (${why}); allowed: a path to a machine description JSON file, or the JSON itself.`);
  }
}

/** Bounds on a machine description, detected or given: no real machine comes near them. */
export const MACHINE_LIMITS = { gpus: 64, nameChars: 256, notes: 200, warnings: 50, textChars: 1000 } as const;

/**
 * The machine within MACHINE_LIMITS: GPUs past the 64th left out (a tool that
 * printed 6,394 "GPUs" would otherwise fill the summary past GitHub's 1 MiB and
 * the json output past 1 MB), names and notes shortened, the lists cut, each cut
 * said in a note ("… and N more").
 */
export function capMachine(machine: Machine): Machine {
  const gpus = machine.gpus.slice(0, MACHINE_LIMITS.gpus).map((g) => (g.name.length > MACHINE_LIMITS.nameChars ? { ...g, name: shorten(g.name, MACHINE_LIMITS.nameChars) } : g));
  const cutList = (items: readonly string[], max: number, what: string): string[] => {
    const kept = items.slice(0, max).map((t) => shorten(t, MACHINE_LIMITS.textChars));
    return items.length > max ? [...kept, `… and ${items.length - max} more ${what}`] : kept;
  };
  const notes = cutList(machine.notes, MACHINE_LIMITS.notes, 'notes');
  if (machine.gpus.length > MACHINE_LIMITS.gpus) {
    notes.unshift(
      `${machine.gpus.length} GPUs were reported; only the first ${MACHINE_LIMITS.gpus} are planned for and shown (… and ${machine.gpus.length - MACHINE_LIMITS.gpus} more). No machine has that many: check what the GPU tool printed.`,
    );
  }
  const capped: Machine = { ...machine, gpus, notes };
  if (machine.warnings !== undefined) capped.warnings = cutList(machine.warnings, MACHINE_LIMITS.warnings, 'warnings');
  return capped;
}
