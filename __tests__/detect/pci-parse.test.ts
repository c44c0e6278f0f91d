import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { formatPciId, isDisplayClass, parsePciDevice, parsePciHex } from '../../src/detect/pci-parse.js';
import { pciGpuName } from '../../src/detect/pci-names.js';
import { fixture } from './fixtures.js';

const dev = (tree: string, addr: string, file: string): string => fixture(`fsroot/${tree}/sys/bus/pci/devices/${addr}/${file}`);

describe('parsePciDevice', () => {
  it('reads the sysfs class, vendor and device files', () => {
    const arc = parsePciDevice(dev('intel-arc-uhd', '0000_03_00.0', 'class'), dev('intel-arc-uhd', '0000_03_00.0', 'vendor'), dev('intel-arc-uhd', '0000_03_00.0', 'device'));
    expect(arc).toEqual({ class: 0x030000, vendor: 0x8086, device: 0x56a0 });
  });

  it('is undefined when a file is missing or garbled', () => {
    expect(parsePciDevice('0x030000\n', '', '0x56a0\n')).toBeUndefined();
    expect(parsePciDevice('0x030000\n', '8086\n', '0x56a0\n')).toBeUndefined();
    expect(parsePciHex('0xzz')).toBeUndefined();
  });

  it('never throws', () => {
    fc.assert(fc.property(fc.string({ maxLength: 40 }), fc.string({ maxLength: 40 }), fc.string({ maxLength: 40 }), (a, b, c) => {
      parsePciDevice(a, b, c);
    }), { numRuns: 500 });
  });
});

describe('isDisplayClass', () => {
  it('accepts VGA, 3D and other display controllers', () => {
    expect([0x030000, 0x030001, 0x030200, 0x038000].map(isDisplayClass)).toEqual([true, true, true, true]);
  });

  it('refuses audio, bridges and network cards', () => {
    expect([0x040300, 0x040380, 0x060000, 0x020000, 0x030100].map(isDisplayClass)).toEqual([false, false, false, false, false]);
  });
});

describe('pciGpuName and formatPciId', () => {
  it('names known Intel ids and falls back to vendor:device', () => {
    expect(pciGpuName(0x8086, 0x56a0)).toBe('Intel(R) Arc(TM) A770 Graphics');
    expect(pciGpuName(0x8086, 0x0bd5)).toBe('Intel(R) Data Center GPU Max 1550');
    expect(pciGpuName(0x8086, 0x56ff)).toBe('Intel GPU [8086:56ff]');
    expect(pciGpuName(0x10de, 0x2330)).toBe('NVIDIA GPU [10de:2330]');
  });

  it('writes ids as four lower-case hex digits with 0x', () => {
    expect(formatPciId(0x56a0)).toBe('0x56a0');
    expect(formatPciId(0xbd5)).toBe('0x0bd5');
  });
});
