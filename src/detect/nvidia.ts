/**
 * NVIDIA GPUs: nvidia-smi where it can be found, else the files the kernel
 * driver leaves on Linux (containers without nvidia-smi), else Jetson's device tree.
 * Reports names, compute capabilities, the driver version and the driver's CUDA
 * version; what a driver can run is policy's business, not this module's.
 */
import { join } from 'node:path';
import type { NvidiaGpu } from '../machine.js';
import { describeRunFailure, type ProbeContext, type ProbeResult, type RunResult } from './context.js';
import { envValue } from './find-tool.js';
import { listDir, readText } from './files.js';
import { computeCapabilityFromName } from './nvidia-names.js';
import {
  classifyNvidiaSmiFailure,
  parseNvidiaQuery,
  parseNvidiaSmiHeader,
  type NvidiaQueryRow,
} from './nvidia-smi-parse.js';
import { parseGpuInformationModel, parseProcDriverVersion, parseSysModuleVersion } from './proc-driver-parse.js';

export const QUERY_ARGS = ['--query-gpu=index,name,driver_version,compute_cap', '--format=csv,noheader'];
/** For drivers before R510, which reject the whole query when it names compute_cap. */
export const QUERY_ARGS_NO_COMPUTE_CAP = ['--query-gpu=index,name,driver_version', '--format=csv,noheader'];

const WSL_NVIDIA_SMI = '/usr/lib/wsl/lib/nvidia-smi';
const HUNG_HINT = 'driver hung?';

/** Where nvidia-smi may be besides PATH, as the probed machine spells them. */
function nvidiaSmiLocations(ctx: ProbeContext): string[] {
  if (ctx.platform === 'win32') {
    const systemRoot = envValue(ctx, 'SystemRoot') ?? 'C:\\Windows';
    const programFiles = envValue(ctx, 'ProgramFiles') ?? 'C:\\Program Files';
    return [join(systemRoot, 'System32', 'nvidia-smi.exe'), join(programFiles, 'NVIDIA Corporation', 'NVSMI', 'nvidia-smi.exe')];
  }
  return [ctx.path(WSL_NVIDIA_SMI)];
}

function notFoundNote(ctx: ProbeContext): string {
  if (ctx.platform === 'win32') {
    return 'nvidia-smi not found on PATH, in %SystemRoot%\\System32 or in %ProgramFiles%\\NVIDIA Corporation\\NVSMI';
  }
  return `nvidia-smi not found on PATH or at ${WSL_NVIDIA_SMI}`;
}

export async function probeNvidia(ctx: ProbeContext): Promise<ProbeResult<NvidiaGpu>> {
  if (ctx.platform === 'darwin') return { gpus: [], notes: [], troubles: [] };
  const notes: string[] = [];
  const troubles: string[] = [];
  const smi = await ctx.find('nvidia-smi', nvidiaSmiLocations(ctx));
  if (smi === undefined) {
    notes.push(notFoundNote(ctx));
  } else {
    const fromSmi = await probeWithNvidiaSmi(ctx, smi, notes, troubles);
    if (fromSmi.length > 0) return { gpus: fromSmi, notes, troubles };
  }
  if (ctx.platform === 'linux') {
    const fromFiles = await probeDriverFiles(ctx, notes);
    if (fromFiles.length > 0) return { gpus: fromFiles, notes, troubles };
    const jetson = await probeJetson(ctx, notes);
    if (jetson.length > 0) return { gpus: jetson, notes, troubles };
  }
  return { gpus: [], notes, troubles };
}

async function probeWithNvidiaSmi(ctx: ProbeContext, smi: string, notes: string[], troubles: string[]): Promise<NvidiaGpu[]> {
  // The plain run carries the CUDA version in its header; start both at once.
  const [query, plain] = await Promise.all([ctx.run(smi, QUERY_ARGS), ctx.run(smi, [])]);
  let rows: NvidiaQueryRow[] = [];
  let derivedFromNames = false;
  if (query?.ok) {
    rows = parseNvidiaQuery(query.stdout);
    if (rows.length === 0) notes.push(`nvidia-smi --query-gpu printed no GPU rows: ${JSON.stringify(query.stdout.slice(0, 120))}`);
  } else if (query !== undefined && !query.timedOut && classifyNvidiaSmiFailure(query.exitCode, query.stdout + query.stderr) === 'compute-cap-rejected') {
    notes.push('nvidia-smi rejected the compute_cap query field (a driver before R510): compute capability taken from the GPU names');
    const retry = await ctx.run(smi, QUERY_ARGS_NO_COMPUTE_CAP);
    if (retry?.ok) {
      rows = parseNvidiaQuery(retry.stdout);
      derivedFromNames = true;
      if (rows.length === 0) notes.push('nvidia-smi --query-gpu printed no GPU rows');
    } else {
      troubles.push(describeSmiFailure('nvidia-smi --query-gpu (without compute_cap)', retry));
    }
  } else {
    troubles.push(describeSmiFailure('nvidia-smi --query-gpu', query));
  }
  if (rows.length === 0) return [];

  let header = parseNvidiaSmiHeader(plain === undefined ? '' : plain.stdout);
  if (header.cuda === undefined) {
    // Some builds print the header differently; --version has "CUDA Version : 13.0" on recent drivers.
    const version = await ctx.run(smi, ['--version'], 0.3);
    const fromVersion = parseNvidiaSmiHeader(version?.stdout ?? '');
    header = { driver: header.driver ?? fromVersion.driver, cuda: fromVersion.cuda };
    if (header.cuda === undefined) notes.push("nvidia-smi did not print the driver's CUDA version");
  }

  return rows.map((row) => {
    const gpu: NvidiaGpu = { vendor: 'nvidia', name: row.name };
    const capability = row.computeCapability ?? computeCapabilityFromName(row.name);
    if (capability !== undefined) gpu.computeCapability = capability;
    else notes.push(unknownCapabilityNote(row.name, derivedFromNames ? 'the driver is too old to report it' : 'nvidia-smi did not report it'));
    const driver = row.driver ?? header.driver;
    if (driver !== undefined) gpu.driver = driver;
    if (header.cuda !== undefined) gpu.cuda = header.cuda;
    return gpu;
  });
}

function describeSmiFailure(label: string, result: RunResult | undefined): string {
  if (result !== undefined && !result.timedOut && result.spawnError === undefined) {
    const kind = classifyNvidiaSmiFailure(result.exitCode, result.stdout + result.stderr);
    if (kind === 'no-driver') return `${label}: nvidia-smi couldn't communicate with the NVIDIA driver (exit ${result.exitCode}): is the driver installed and loaded?`;
    if (kind === 'no-devices') return `${label}: nvidia-smi found no devices (exit ${result.exitCode})`;
  }
  return describeRunFailure(label, result, HUNG_HINT);
}

function unknownCapabilityNote(name: string, why: string): string {
  return `compute capability of ${JSON.stringify(name)} unknown: ${why} and the name is not in torchcraft's table`;
}

/**
 * Containers without nvidia-smi: the driver version from /proc (or /sys/module),
 * the GPUs from /proc/driver/nvidia/gpus/<bus id>/information. No CUDA version:
 * only nvidia-smi tells it, and planning derives it from the driver branch.
 */
async function probeDriverFiles(ctx: ProbeContext, notes: string[]): Promise<NvidiaGpu[]> {
  const [procVersion, moduleVersion, busIds] = await Promise.all([
    readText(ctx.path('/proc/driver/nvidia/version')),
    readText(ctx.path('/sys/module/nvidia/version')),
    listDir(ctx.path('/proc/driver/nvidia/gpus')),
  ]);
  const fromProc = procVersion === undefined ? undefined : parseProcDriverVersion(procVersion);
  const driver = fromProc ?? (moduleVersion === undefined ? undefined : parseSysModuleVersion(moduleVersion));
  const source = fromProc !== undefined ? '/proc/driver/nvidia/version' : '/sys/module/nvidia/version';
  const models = await Promise.all(
    busIds.map(async (bus) => {
      const text = await readText(ctx.path(`/proc/driver/nvidia/gpus/${bus}/information`));
      return text === undefined ? undefined : parseGpuInformationModel(text);
    }),
  );
  const names = models.filter((m): m is string => m !== undefined);
  if (driver === undefined && names.length === 0) return [];
  if (names.length === 0) {
    notes.push(`NVIDIA driver ${driver} is loaded (${source}) but no GPU is listed in /proc/driver/nvidia/gpus`);
    return [];
  }
  notes.push(
    `read ${names.length} NVIDIA GPU(s) from /proc/driver/nvidia/gpus` +
      (driver !== undefined ? ` and driver ${driver} from ${source}` : ', driver version unknown') +
      "; without nvidia-smi the driver's CUDA version is unknown",
  );
  return names.map((name) => {
    const gpu: NvidiaGpu = { vendor: 'nvidia', name };
    const capability = computeCapabilityFromName(name);
    if (capability !== undefined) gpu.computeCapability = capability;
    else notes.push(unknownCapabilityNote(name, 'nvidia-smi is not available'));
    if (driver !== undefined) gpu.driver = driver;
    return gpu;
  });
}

/** Jetson boards (L4T) have an integrated GPU and often no nvidia-smi: the board's model names it. */
async function probeJetson(ctx: ProbeContext, notes: string[]): Promise<NvidiaGpu[]> {
  const release = await readText(ctx.path('/etc/nv_tegra_release'));
  if (release === undefined) return [];
  const l4t = /^#\s*(R\d+)\s*\(release\),\s*REVISION:\s*([\d.]+)/.exec(release.slice(0, 500));
  notes.push(`NVIDIA Jetson (L4T${l4t ? ` ${l4t[1]}.${l4t[2]}` : ''}, /etc/nv_tegra_release)`);
  const model = (await readText(ctx.path('/proc/device-tree/model')))?.replace(/\0/g, '').trim();
  if (model === undefined || model === '') return [];
  const capability = computeCapabilityFromName(model);
  if (capability === undefined) {
    notes.push(unknownCapabilityNote(model, 'nvidia-smi is not available'));
    return [{ vendor: 'nvidia', name: model }];
  }
  return [{ vendor: 'nvidia', name: model, computeCapability: capability }];
}
