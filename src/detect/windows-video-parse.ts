/**
 * `Get-CimInstance Win32_VideoController | Select-Object Name,PNPDeviceID,DriverVersion
 * | ConvertTo-Json`: an object for one controller, an array for several.
 */

export interface VideoController {
  name: string;
  /** 0x8086 from "PCI\VEN_8086&DEV_56A0&SUBSYS_...": undefined for non-PCI adapters. */
  vendor?: number;
  device?: number;
  /** Windows' driver version, "32.0.15.6094". */
  driverVersion?: string;
}

export function parseVideoControllers(text: string): VideoController[] {
  let data: unknown;
  try {
    data = JSON.parse(String(text).slice(0, 1024 * 1024).replace(/^\uFEFF/, '').trim());
  } catch {
    return [];
  }
  const items = Array.isArray(data) ? data : [data];
  const controllers: VideoController[] = [];
  for (const item of items) {
    if (item === null || typeof item !== 'object') continue;
    const record = item as Record<string, unknown>;
    if (typeof record.Name !== 'string' || record.Name.trim() === '') continue;
    const controller: VideoController = { name: record.Name.trim() };
    if (typeof record.PNPDeviceID === 'string') {
      const ids = /^PCI\\VEN_([0-9A-F]{4})&DEV_([0-9A-F]{4})/i.exec(record.PNPDeviceID);
      if (ids) {
        controller.vendor = parseInt(ids[1], 16);
        controller.device = parseInt(ids[2], 16);
      }
    }
    if (typeof record.DriverVersion === 'string' && record.DriverVersion.trim() !== '') {
      controller.driverVersion = record.DriverVersion.trim();
    }
    controllers.push(controller);
  }
  return controllers;
}

/**
 * The NVIDIA driver version ("560.94") hidden in Windows' "32.0.15.6094": the
 * last five digits, split 3+2. Used only when nvidia-smi cannot be run.
 */
export function nvidiaDriverFromWindowsVersion(version: string): string | undefined {
  const digits = /^\d+\.\d+\.(\d+)\.(\d+)$/.exec(version.trim());
  if (!digits) return undefined;
  const tail = (digits[1] + digits[2].padStart(4, '0')).slice(-5);
  if (tail.length < 5) return undefined;
  return `${Number(tail.slice(0, 3))}.${tail.slice(3)}`;
}
