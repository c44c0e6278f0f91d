import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { nvidiaDriverFromWindowsVersion, parseVideoControllers } from '../../src/detect/windows-video-parse.js';
import { fixture, hostileText } from './fixtures.js';

describe('parseVideoControllers', () => {
  it('reads an array of controllers with PCI vendor and device ids', () => {
    expect(parseVideoControllers(fixture('windows/video-arc-uhd-nvidia.json'))).toEqual([
      { name: 'Intel(R) UHD Graphics 770', vendor: 0x8086, device: 0x4680, driverVersion: '31.0.101.4502' },
      { name: 'Intel(R) Arc(TM) A770 Graphics', vendor: 0x8086, device: 0x56a0, driverVersion: '32.0.101.6079' },
      { name: 'NVIDIA GeForce RTX 4070', vendor: 0x10de, device: 0x2786, driverVersion: '32.0.15.6094' },
      { name: 'Microsoft Basic Display Adapter', driverVersion: '10.0.22621.1' },
    ]);
  });

  it('reads the single object PowerShell prints for one controller, BOM and CRLF included', () => {
    const text = '\uFEFF' + fixture('windows/video-single-radeon.json').replace(/\n/g, '\r\n');
    expect(parseVideoControllers(text)).toEqual([{ name: 'AMD Radeon RX 7900 XTX', vendor: 0x1002, device: 0x744c, driverVersion: '31.0.24033.1003' }]);
  });

  it('finds nothing in PowerShell error text or odd JSON', () => {
    expect(parseVideoControllers(fixture('windows/get-ciminstance-error.txt'))).toEqual([]);
    expect(parseVideoControllers('')).toEqual([]);
    expect(parseVideoControllers('null')).toEqual([]);
    expect(parseVideoControllers('[1, "x", {"Name": 3}]')).toEqual([]);
  });

  it('never throws on hostile input', () => {
    fc.assert(fc.property(hostileText(fixture('windows/video-arc-uhd-nvidia.json')), (text) => {
      parseVideoControllers(text);
    }), { numRuns: 500 });
    fc.assert(fc.property(fc.json(), (text) => {
      parseVideoControllers(text);
    }), { numRuns: 500 });
  });
});

describe('nvidiaDriverFromWindowsVersion', () => {
  it('reads the NVIDIA version from the last five digits', () => {
    expect(nvidiaDriverFromWindowsVersion('32.0.15.6094')).toBe('560.94');
    expect(nvidiaDriverFromWindowsVersion('31.0.15.3623')).toBe('536.23');
    expect(nvidiaDriverFromWindowsVersion('27.21.14.5671')).toBe('456.71');
  });

  it('is undefined for other forms', () => {
    expect(nvidiaDriverFromWindowsVersion('')).toBeUndefined();
    expect(nvidiaDriverFromWindowsVersion('560.94')).toBeUndefined();
  });

  it('never throws', () => {
    fc.assert(fc.property(fc.string({ maxLength: 60 }), (s) => {
      nvidiaDriverFromWindowsVersion(s);
    }));
  });
});
