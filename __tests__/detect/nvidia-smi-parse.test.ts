import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { classifyNvidiaSmiFailure, parseNvidiaQuery, parseNvidiaSmiHeader } from '../../src/detect/nvidia-smi-parse.js';
import { fixture, hostileText } from './fixtures.js';

describe('parseNvidiaQuery', () => {
  it('reads one row per GPU with index, name, driver and compute capability', () => {
    expect(parseNvidiaQuery(fixture('nvidia-smi/query-h100x2.csv'))).toEqual([
      { index: 0, name: 'NVIDIA H100 80GB HBM3', driver: '580.65.06', computeCapability: '9.0' },
      { index: 1, name: 'NVIDIA H100 80GB HBM3', driver: '580.65.06', computeCapability: '9.0' },
    ]);
  });

  it('keeps several different GPUs in index order, two-digit capabilities included', () => {
    expect(parseNvidiaQuery(fixture('nvidia-smi/query-mixed-4.csv')).map((r) => [r.index, r.name, r.computeCapability])).toEqual([
      [0, 'NVIDIA GeForce RTX 4090', '8.9'],
      [1, 'NVIDIA GeForce RTX 3060', '8.6'],
      [2, 'NVIDIA RTX A6000', '8.6'],
      [3, 'Tesla V100-SXM2-16GB', '7.0'],
    ]);
    expect(parseNvidiaQuery(fixture('nvidia-smi/query-blackwell.csv')).map((r) => r.computeCapability)).toEqual(['10.0', '12.0']);
  });

  it('skips a header line when the caller forgot noheader', () => {
    expect(parseNvidiaQuery(fixture('nvidia-smi/query-with-header.csv'))).toEqual([
      { index: 0, name: 'NVIDIA A100-SXM4-80GB', driver: '550.54.15', computeCapability: '8.0' },
    ]);
  });

  it('reads a localized decimal comma and CRLF line ends', () => {
    expect(parseNvidiaQuery(fixture('nvidia-smi/query-localized.csv'))).toEqual([
      { index: 0, name: 'NVIDIA L4', driver: '550.54.15', computeCapability: '8.9' },
      { index: 1, name: 'NVIDIA L40S', driver: '550.54.15', computeCapability: '8.9' },
    ]);
  });

  it('leaves the capability out when the driver answers [N/A]', () => {
    const rows = parseNvidiaQuery(fixture('nvidia-smi/query-cc-not-available.csv'));
    expect(rows).toHaveLength(2);
    expect(rows[0]).toEqual({ index: 0, name: 'NVIDIA GeForce GTX 1080 Ti', driver: '535.183.01' });
  });

  it('reads the query without compute_cap (old drivers)', () => {
    expect(parseNvidiaQuery(fixture('nvidia-smi/query-r470-no-cc.csv'))).toEqual([
      { index: 0, name: 'Tesla T4', driver: '470.256.02' },
      { index: 1, name: 'Tesla T4', driver: '470.256.02' },
      { index: 2, name: 'Tesla K80', driver: '470.256.02' },
      { index: 3, name: 'NVIDIA Frobnicator X1', driver: '470.256.02' },
    ]);
  });

  it('drops a truncated last row instead of inventing fields', () => {
    expect(parseNvidiaQuery(fixture('nvidia-smi/query-truncated.csv')).map((r) => r.index)).toEqual([0]);
  });

  it('finds no rows in error text, the plain table or nothing', () => {
    for (const f of ['compute-cap-rejected.txt', 'no-driver.txt', 'no-devices.txt', 'plain-550-a100.txt', 'version-580.txt']) {
      expect(parseNvidiaQuery(fixture(`nvidia-smi/${f}`))).toEqual([]);
    }
    expect(parseNvidiaQuery('')).toEqual([]);
  });

  it('never throws and returns well-formed rows on hostile input', () => {
    fc.assert(
      fc.property(hostileText(fixture('nvidia-smi/query-mixed-4.csv')), (text) => {
        for (const row of parseNvidiaQuery(text)) {
          expect(Number.isInteger(row.index)).toBe(true);
          expect(row.name.length).toBeGreaterThan(0);
          if (row.computeCapability !== undefined) expect(row.computeCapability).toMatch(/^\d+\.\d+$/);
        }
      }),
      { numRuns: 500 },
    );
  });

  it('gets through a megabyte of one long line', () => {
    expect(parseNvidiaQuery('0, ' + 'x,'.repeat(500_000))).toEqual([]);
  });
});

describe('parseNvidiaSmiHeader', () => {
  it('reads driver and CUDA version from the current table layout', () => {
    expect(parseNvidiaSmiHeader(fixture('nvidia-smi/plain-550-a100.txt'))).toEqual({ driver: '550.54.15', cuda: '12.4' });
    expect(parseNvidiaSmiHeader(fixture('nvidia-smi/plain-580-h100x2.txt'))).toEqual({ driver: '580.65.06', cuda: '13.0' });
  });

  it('reads the older (before R525) layout', () => {
    expect(parseNvidiaSmiHeader(fixture('nvidia-smi/plain-470-t4.txt'))).toEqual({ driver: '470.256.02', cuda: '11.4' });
  });

  it('is not confused by the MIG devices table', () => {
    expect(parseNvidiaSmiHeader(fixture('nvidia-smi/plain-mig-a100.txt'))).toEqual({ driver: '550.54.15', cuda: '12.4' });
  });

  it('reads --version and -q output', () => {
    expect(parseNvidiaSmiHeader(fixture('nvidia-smi/version-580.txt'))).toEqual({ driver: '580.65.06', cuda: '13.0' });
    expect(parseNvidiaSmiHeader(fixture('nvidia-smi/q-excerpt-550.txt'))).toEqual({ driver: '550.54.15', cuda: '12.4' });
  });

  it('reports what is missing as undefined', () => {
    expect(parseNvidiaSmiHeader(fixture('nvidia-smi/plain-no-cuda-field.txt'))).toEqual({ driver: '580.65.06' });
    expect(parseNvidiaSmiHeader(fixture('nvidia-smi/no-driver.txt'))).toEqual({});
    expect(parseNvidiaSmiHeader('CUDA Version: 12.4.1.9')).toEqual({});
  });

  it('never throws on hostile input', () => {
    fc.assert(
      fc.property(hostileText(fixture('nvidia-smi/plain-470-t4.txt')), (text) => {
        const h = parseNvidiaSmiHeader(text);
        if (h.cuda !== undefined) expect(h.cuda).toMatch(/^\d+\.\d+$/);
      }),
      { numRuns: 500 },
    );
  });
});

describe('classifyNvidiaSmiFailure', () => {
  it('tells the compute_cap rejection of old drivers', () => {
    expect(classifyNvidiaSmiFailure(2, fixture('nvidia-smi/compute-cap-rejected.txt'))).toBe('compute-cap-rejected');
  });

  it('tells a driver that is not loaded (exit 9) and no devices (exit 6)', () => {
    expect(classifyNvidiaSmiFailure(9, fixture('nvidia-smi/no-driver.txt'))).toBe('no-driver');
    expect(classifyNvidiaSmiFailure(255, fixture('nvidia-smi/no-driver.txt'))).toBe('no-driver');
    expect(classifyNvidiaSmiFailure(6, fixture('nvidia-smi/no-devices.txt'))).toBe('no-devices');
    expect(classifyNvidiaSmiFailure(6, '')).toBe('no-devices');
  });

  it('calls anything else other', () => {
    expect(classifyNvidiaSmiFailure(1, 'Segmentation fault')).toBe('other');
    expect(classifyNvidiaSmiFailure(null, '')).toBe('other');
  });

  it('never throws', () => {
    fc.assert(fc.property(fc.option(fc.integer()), fc.string({ maxLength: 300 }), (code, text) => {
      expect(['compute-cap-rejected', 'no-driver', 'no-devices', 'other']).toContain(classifyNvidiaSmiFailure(code, text));
    }));
  });
});
