/**
 * Parsers for the files the NVIDIA kernel driver leaves on Linux, read when
 * nvidia-smi is absent (containers without the utility capability).
 */
import { isDriverVersion, linesOf } from './text.js';

/**
 * The driver version from /proc/driver/nvidia/version, both the proprietary
 * ("NVIDIA UNIX x86_64 Kernel Module  550.54.15  Tue Mar ...") and the open
 * ("NVIDIA UNIX Open Kernel Module for x86_64  580.65.06  Release Build ...") forms:
 * the first dotted number after "Kernel Module" on the NVRM line.
 */
export function parseProcDriverVersion(text: string): string | undefined {
  for (const line of linesOf(text)) {
    if (!line.startsWith('NVRM version:') || line.length > 2000) continue;
    const at = line.indexOf('Kernel Module');
    if (at < 0) continue;
    for (const token of line.slice(at + 'Kernel Module'.length).split(/\s+/)) {
      if (isDriverVersion(token)) return token;
    }
  }
  return undefined;
}

/** /sys/module/nvidia/version holds the version alone: "580.65.06". */
export function parseSysModuleVersion(text: string): string | undefined {
  const first = linesOf(text)[0]?.trim() ?? '';
  return isDriverVersion(first) ? first : undefined;
}

/** The `Model:` line of /proc/driver/nvidia/gpus/<bus id>/information. */
export function parseGpuInformationModel(text: string): string | undefined {
  for (const line of linesOf(text)) {
    if (!line.startsWith('Model:') || line.length > 1000) continue;
    const model = line.slice('Model:'.length).trim();
    return model === '' ? undefined : model;
  }
  return undefined;
}
