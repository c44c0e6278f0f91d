import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { parseGpuInformationModel, parseProcDriverVersion, parseSysModuleVersion } from '../../src/detect/proc-driver-parse.js';
import { fixture, hostileText } from './fixtures.js';

describe('parseProcDriverVersion', () => {
  it('reads the proprietary kernel module line', () => {
    expect(parseProcDriverVersion(fixture('proc-driver/version-proprietary.txt'))).toBe('550.54.15');
  });

  it('reads the open kernel module line', () => {
    expect(parseProcDriverVersion(fixture('proc-driver/version-open.txt'))).toBe('580.65.06');
  });

  it('reads an aarch64 R470 line', () => {
    expect(parseProcDriverVersion(fixture('proc-driver/version-aarch64-470.txt'))).toBe('470.256.02');
  });

  it('does not take the GCC version or garbage for a driver version', () => {
    expect(parseProcDriverVersion('GCC version:  gcc version 12.2.0 (Debian 12.2.0-14)\n')).toBeUndefined();
    expect(parseProcDriverVersion('NVRM version: something else\n')).toBeUndefined();
    expect(parseProcDriverVersion('')).toBeUndefined();
  });

  it('never throws on hostile input', () => {
    fc.assert(fc.property(hostileText(fixture('proc-driver/version-open.txt')), (text) => {
      const v = parseProcDriverVersion(text);
      if (v !== undefined) expect(v).toMatch(/^\d+\.\d+(\.\d+)?$/);
    }), { numRuns: 500 });
  });
});

describe('parseSysModuleVersion', () => {
  it('reads the bare version', () => {
    expect(parseSysModuleVersion(fixture('proc-driver/sys-module-version.txt'))).toBe('580.65.06');
  });

  it('refuses anything else', () => {
    expect(parseSysModuleVersion('')).toBeUndefined();
    expect(parseSysModuleVersion('not a version\n')).toBeUndefined();
  });

  it('never throws', () => {
    fc.assert(fc.property(fc.string({ maxLength: 200 }), (text) => {
      parseSysModuleVersion(text);
    }));
  });
});

describe('parseGpuInformationModel', () => {
  it('reads the Model: line', () => {
    expect(parseGpuInformationModel(fixture('proc-driver/information-a100.txt'))).toBe('NVIDIA A100-SXM4-80GB');
  });

  it('is undefined without a model', () => {
    expect(parseGpuInformationModel('IRQ: 42\n')).toBeUndefined();
    expect(parseGpuInformationModel('Model: \t \n')).toBeUndefined();
  });

  it('never throws on hostile input', () => {
    fc.assert(fc.property(hostileText(fixture('proc-driver/information-a100.txt')), (text) => {
      parseGpuInformationModel(text);
    }), { numRuns: 500 });
  });
});
