/**
 * PCI display devices from Linux sysfs. The only source for Intel GPUs on Linux,
 * and the witness of an NVIDIA or AMD GPU whose driver or tools are missing.
 */
import type { ProbeContext } from './context.js';
import { listDir, readText } from './files.js';
import { isDisplayClass, parsePciDevice, type PciDevice } from './pci-parse.js';

const PCI_DEVICES = '/sys/bus/pci/devices';

/** Display devices in address order. */
export async function listPciDisplayDevices(ctx: ProbeContext): Promise<PciDevice[]> {
  if (ctx.platform !== 'linux') return [];
  const addresses = await listDir(ctx.path(PCI_DEVICES));
  const devices = await Promise.all(
    addresses.map(async (address) => {
      const dir = `${PCI_DEVICES}/${address}`;
      const cls = await readText(ctx.path(`${dir}/class`));
      // Most PCI devices are not display controllers: read vendor and device only for those.
      if (cls === undefined || !isDisplayClass(parsePciDevice(cls, '0x0', '0x0')?.class ?? -1)) return undefined;
      const [vendor, device] = await Promise.all([readText(ctx.path(`${dir}/vendor`)), readText(ctx.path(`${dir}/device`))]);
      return parsePciDevice(cls, vendor ?? '', device ?? '');
    }),
  );
  return devices.filter((d): d is PciDevice => d !== undefined);
}
