/**
 * Which Intel GPUs the /whl/xpu builds target: Arc discrete (A-series Alchemist,
 * B-series Battlemage), Data Center GPU Max (Ponte Vecchio), and the Core Ultra
 * integrated GPUs (Meteor Lake, Arrow Lake, Lunar Lake). Older integrated
 * graphics (UHD, Iris Xe, Iris Xe MAX) are not worth an XPU build
 * (../shared/reference/pytorch-wheels.md, "Intel XPU").
 *
 * PCI device ids: Linux kernel drivers/gpu/drm/i915 and xe pciids tables
 * (DG2 0x56xx, BMG 0xe2xx, PVC 0x0bdx, MTL 0x7d40/45/55/60/d5, ARL 0x7d41/51/67/d1,
 * LNL 0x64a0/0x6420/0x64b0), from memory of those tables: see the report.
 */
export interface XpuFamily {
  family: string;
}

const ID_RANGES: readonly { from: number; to: number; family: string }[] = [
  // DG2 also covers the Data Center GPU Flex 140/170 (0x56c0, 0x56c1), same Xe-HPG silicon.
  { from: 0x5690, to: 0x56ff, family: 'Arc A-series (Alchemist)' },
  { from: 0xe200, to: 0xe2ff, family: 'Arc B-series (Battlemage)' },
  { from: 0x0bd0, to: 0x0bdf, family: 'Data Center GPU Max (Ponte Vecchio)' },
];

const IDS: Readonly<Record<number, string>> = {
  0x7d40: 'Core Ultra (Meteor Lake)',
  0x7d45: 'Core Ultra (Meteor Lake)',
  0x7d55: 'Core Ultra (Meteor Lake)',
  0x7d60: 'Core Ultra (Meteor Lake)',
  0x7dd5: 'Core Ultra (Meteor Lake)',
  0x7d41: 'Core Ultra (Arrow Lake)',
  0x7d51: 'Core Ultra (Arrow Lake)',
  0x7d67: 'Core Ultra (Arrow Lake)',
  0x7dd1: 'Core Ultra (Arrow Lake)',
  0x6420: 'Core Ultra (Lunar Lake)',
  0x64a0: 'Core Ultra (Lunar Lake)',
  0x64b0: 'Core Ultra (Lunar Lake)',
};

// Names as drivers report them: "Intel(R) Arc(TM) A770 Graphics", "Intel(R) Arc(TM) B580
// Graphics", "Intel(R) Arc(TM) Graphics" (Meteor Lake iGPU), "Intel(R) Arc(TM) 140V GPU"
// (Lunar Lake), "Intel(R) Data Center GPU Max 1550". Not: "Intel(R) UHD Graphics 770",
// "Intel(R) Iris(R) Xe Graphics".
const NAMES: readonly { pattern: RegExp; family: string }[] = [
  { pattern: /\bData Center GPU Max\b/i, family: 'Data Center GPU Max (Ponte Vecchio)' },
  { pattern: /\bArc(?:\(TM\)|™)?\s*(?:Pro\s+)?A\d{2,3}/i, family: 'Arc A-series (Alchemist)' },
  { pattern: /\bArc(?:\(TM\)|™)?\s*(?:Pro\s+)?B\d{2,3}/i, family: 'Arc B-series (Battlemage)' },
  { pattern: /\bArc(?:\(TM\)|™)?\s*1[34]0V\b/i, family: 'Core Ultra (Lunar Lake)' },
  { pattern: /\bArc(?:\(TM\)|™)?\s*Graphics\b/i, family: 'Core Ultra (Arc Graphics)' },
  { pattern: /\bCore(?:\(TM\)|™)?\s*Ultra\b/i, family: 'Core Ultra' },
];

/** The XPU-capable family of an Intel GPU, by PCI device id first, else by name; null when not capable. */
export function xpuFamily(gpu: { name: string; deviceId?: string }): XpuFamily | null {
  const id = gpu.deviceId ? Number.parseInt(gpu.deviceId.replace(/^0x/i, ''), 16) : Number.NaN;
  if (Number.isFinite(id)) {
    if (IDS[id]) return { family: IDS[id] };
    const range = ID_RANGES.find((r) => id >= r.from && id <= r.to);
    if (range) return { family: range.family };
  }
  const named = NAMES.find((n) => n.pattern.test(gpu.name));
  return named ? { family: named.family } : null;
}
