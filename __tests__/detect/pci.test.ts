import { describe, expect, it } from '@jest/globals';
import { detectMachine } from '../../src/detect/index.js';
import { FakeTools, fsRoot } from './fixtures.js';

describe('Intel and other PCI display devices on Linux', () => {
  it('reports every Intel display device with its device id, and nothing else from the bus', async () => {
    const m = await detectMachine({ platform: 'linux', arch: 'x64', env: { PATH: new FakeTools().dir }, fsRoot: fsRoot('intel-arc-uhd'), timeoutMs: 10000, pythonVersion: '3.12' });
    expect(m.gpus).toEqual([
      { vendor: 'intel', name: 'Intel(R) UHD Graphics 770', deviceId: '0x4680' },
      { vendor: 'intel', name: 'Intel(R) Arc(TM) A770 Graphics', deviceId: '0x56a0' },
      { vendor: 'intel', name: 'Intel GPU [8086:56ff]', deviceId: '0x56ff' },
    ]);
  });

  it('ignores a server BMC display and network cards', async () => {
    const m = await detectMachine({ platform: 'linux', arch: 'x64', env: { PATH: new FakeTools().dir }, fsRoot: fsRoot('pci-no-drivers'), timeoutMs: 10000, pythonVersion: '3.12' });
    expect(m.gpus.map((g) => g.name).sort()).toEqual(['AMD GPU [1002:740f]', 'NVIDIA GPU [10de:2330]']);
  });
});
