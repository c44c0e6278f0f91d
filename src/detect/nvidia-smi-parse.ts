/**
 * Parsers for nvidia-smi's output (formats in shared/reference/tool-outputs.md).
 * They never throw: anything unexpected yields fewer rows or undefined fields.
 */
import { isDriverVersion, linesOf, normalizeMajorMinor } from './text.js';

/** One row of `--query-gpu=index,name,driver_version[,compute_cap] --format=csv,noheader`. */
export interface NvidiaQueryRow {
  index: number;
  name: string;
  driver?: string;
  /** "8.6"; absent when the query did not ask for it or the driver answered "[N/A]". */
  computeCapability?: string;
}

/**
 * Rows of the query. The name is everything between the index and the first
 * field that looks like a driver version, so a comma inside a name or a
 * localized "9,0" capability does not shift the columns.
 */
export function parseNvidiaQuery(text: string): NvidiaQueryRow[] {
  const rows: NvidiaQueryRow[] = [];
  for (const raw of linesOf(text)) {
    const line = raw.trim();
    if (line === '' || line.length > 1000) continue;
    const parts = line.split(',').map((p) => p.trim());
    if (parts.length < 3 || !/^\d{1,3}$/.test(parts[0])) continue;
    const driverAt = parts.findIndex((p, i) => i >= 2 && (isDriverVersion(p) || isNotAvailable(p)));
    if (driverAt < 0) continue;
    const name = parts.slice(1, driverAt).join(', ').trim();
    if (name === '' || isNotAvailable(name)) continue;
    const row: NvidiaQueryRow = { index: Number(parts[0]), name };
    if (isDriverVersion(parts[driverAt])) row.driver = parts[driverAt];
    const rest = parts.slice(driverAt + 1);
    if (rest.length > 0) {
      const capability = normalizeMajorMinor(rest.join('.'));
      if (capability !== undefined) row.computeCapability = capability;
    }
    rows.push(row);
  }
  return rows;
}

function isNotAvailable(s: string): boolean {
  return s === '[N/A]' || s === 'N/A' || s === '[Not Supported]' || s === '[Unknown Error]';
}

/** What the plain output's header (or `--version`, or `-q`) says about the driver. */
export interface NvidiaSmiHeader {
  driver?: string;
  /** The driver's own CUDA version, "12.4". */
  cuda?: string;
}

/**
 * Reads "Driver Version: 550.54.15" and "CUDA Version: 12.4" from plain
 * `nvidia-smi` (both layouts), `DRIVER version : 580.65.06` / `CUDA Version : 13.0`
 * from `--version`, and the padded `-q` lines.
 */
export function parseNvidiaSmiHeader(text: string): NvidiaSmiHeader {
  const header: NvidiaSmiHeader = {};
  for (const line of linesOf(text)) {
    if (line.length > 2000) continue;
    if (header.cuda === undefined) {
      const m = /CUDA Version\s*:\s*(\d{1,3}\.\d{1,3})(?![\d.])/i.exec(line);
      if (m) header.cuda = m[1];
    }
    if (header.driver === undefined) {
      const m = /Driver Version\s*:\s*(\d{1,4}\.\d{1,4}(?:\.\d{1,4})?)(?![\d.])/i.exec(line);
      if (m) header.driver = m[1];
    }
    if (header.cuda !== undefined && header.driver !== undefined) break;
  }
  return header;
}

/** Why a run of nvidia-smi gave no GPUs, from its exit code and what it printed. */
export type NvidiaSmiFailure = 'compute-cap-rejected' | 'no-driver' | 'no-devices' | 'other';

export function classifyNvidiaSmiFailure(exitCode: number | null, output: string): NvidiaSmiFailure {
  const text = typeof output === 'string' ? output.slice(0, 64 * 1024) : '';
  if (/"compute_cap"\s+is not a valid field/i.test(text)) return 'compute-cap-rejected';
  if (exitCode === 9 || /couldn't communicate with the NVIDIA driver/i.test(text)) return 'no-driver';
  if (exitCode === 6 || /No devices were found/i.test(text)) return 'no-devices';
  return 'other';
}
