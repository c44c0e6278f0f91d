/**
 * PCI display devices as Linux sysfs shows them (/sys/bus/pci/devices/<addr>/
 * class, vendor, device: one hex number each, "0x030000", "0x8086", "0x56a0").
 */

export const PCI_VENDOR_INTEL = 0x8086;
export const PCI_VENDOR_AMD = 0x1002;
export const PCI_VENDOR_NVIDIA = 0x10de;

export interface PciDevice {
  /** 0x8086 */
  vendor: number;
  /** 0x56a0 */
  device: number;
  /** 0x030000 */
  class: number;
}

/** "0x8086\n" -> 0x8086; anything else -> undefined. */
export function parsePciHex(text: string): number | undefined {
  const m = /^\s*0x([0-9a-f]{1,8})\s*$/i.exec(typeof text === 'string' ? text.slice(0, 64) : '');
  return m ? parseInt(m[1], 16) : undefined;
}

/** A device from the three files' contents; undefined when any is unreadable. */
export function parsePciDevice(classText: string, vendorText: string, deviceText: string): PciDevice | undefined {
  const cls = parsePciHex(classText);
  const vendor = parsePciHex(vendorText);
  const device = parsePciHex(deviceText);
  if (cls === undefined || vendor === undefined || device === undefined) return undefined;
  return { class: cls, vendor, device };
}

/**
 * Display controllers: VGA (0x0300xx), 3D (0x0302xx: NVIDIA's data-center cards)
 * and "other display" (0x0380xx: Intel Data Center GPU Max, some AMD Instinct).
 */
export function isDisplayClass(cls: number): boolean {
  const subclass = cls >> 8;
  return subclass === 0x0300 || subclass === 0x0302 || subclass === 0x0380;
}

/** "0x56a0": lower-case hex, four digits, with 0x. */
export function formatPciId(id: number): string {
  return `0x${id.toString(16).padStart(4, '0')}`;
}
