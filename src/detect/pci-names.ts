/**
 * Marketing names for a few Intel GPUs by PCI device id, for messages only
 * (whether a GPU can run XPU builds is decided by policy from the id).
 * Sources: Intel compute-runtime's device list (shared/source/dll/devices/) and
 * Intel's GPU hardware table https://dgpu-docs.intel.com/devices/hardware-table.html
 */
const INTEL_NAMES: Readonly<Record<number, string>> = {
  0x56a0: 'Intel(R) Arc(TM) A770 Graphics',
  0x56a1: 'Intel(R) Arc(TM) A750 Graphics',
  0x56a2: 'Intel(R) Arc(TM) A580 Graphics',
  0x56a5: 'Intel(R) Arc(TM) A380 Graphics',
  0x56a6: 'Intel(R) Arc(TM) A310 Graphics',
  0x5690: 'Intel(R) Arc(TM) A770M Graphics',
  0x5691: 'Intel(R) Arc(TM) A730M Graphics',
  0x5692: 'Intel(R) Arc(TM) A550M Graphics',
  0x5693: 'Intel(R) Arc(TM) A370M Graphics',
  0x5694: 'Intel(R) Arc(TM) A350M Graphics',
  0xe20b: 'Intel(R) Arc(TM) B580 Graphics',
  0xe20c: 'Intel(R) Arc(TM) B570 Graphics',
  0x56c0: 'Intel(R) Data Center GPU Flex 170',
  0x56c1: 'Intel(R) Data Center GPU Flex 140',
  0x0bd5: 'Intel(R) Data Center GPU Max 1550',
  0x0bd6: 'Intel(R) Data Center GPU Max 1550',
  0x0bd7: 'Intel(R) Data Center GPU Max 1350',
  0x0bd8: 'Intel(R) Data Center GPU Max 1350',
  0x0bd9: 'Intel(R) Data Center GPU Max 1100',
  0x0bda: 'Intel(R) Data Center GPU Max 1100',
  0x0bdb: 'Intel(R) Data Center GPU Max 1100',
  0x7d55: 'Intel(R) Arc(TM) Graphics',
  0x3e92: 'Intel(R) UHD Graphics 630',
  0x3e9b: 'Intel(R) UHD Graphics 630',
  0x4680: 'Intel(R) UHD Graphics 770',
  0xa780: 'Intel(R) UHD Graphics 770',
  0x9a49: 'Intel(R) Iris(R) Xe Graphics',
  0x46a6: 'Intel(R) Iris(R) Xe Graphics',
};

const VENDOR_WORDS: Readonly<Record<number, string>> = { 0x8086: 'Intel', 0x1002: 'AMD', 0x10de: 'NVIDIA' };

/** "Intel(R) Arc(TM) A770 Graphics", or "Intel GPU [8086:56a0]" for an id not in the list. */
export function pciGpuName(vendor: number, device: number): string {
  if (vendor === 0x8086 && INTEL_NAMES[device] !== undefined) return INTEL_NAMES[device];
  const word = VENDOR_WORDS[vendor] ?? 'GPU';
  const hex = (n: number): string => n.toString(16).padStart(4, '0');
  return `${word} GPU [${hex(vendor)}:${hex(device)}]`;
}
