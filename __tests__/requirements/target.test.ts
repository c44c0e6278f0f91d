import { describe, expect, it } from '@jest/globals';
import { markerValues } from '../../src/requirements/target.js';

describe('markerValues', () => {
  it('gives what CPython reports on Linux x86_64 with Python 3.12', () => {
    expect(markerValues({ os: 'linux', arch: 'x86_64', python: '3.12' })).toEqual({
      sys_platform: 'linux',
      platform_system: 'Linux',
      os_name: 'posix',
      platform_machine: 'x86_64',
      implementation_name: 'cpython',
      platform_python_implementation: 'CPython',
      python_version: '3.12',
      python_full_version: '3.12.0',
      implementation_version: '3.12.0',
    });
  });

  it('spells the machine the way each OS does', () => {
    expect(markerValues({ os: 'linux', arch: 'aarch64' }).platform_machine).toBe('aarch64');
    expect(markerValues({ os: 'windows', arch: 'x86_64' }).platform_machine).toBe('AMD64');
    expect(markerValues({ os: 'windows', arch: 'aarch64' }).platform_machine).toBe('ARM64');
    expect(markerValues({ os: 'macos', arch: 'aarch64' }).platform_machine).toBe('arm64');
    expect(markerValues({ os: 'macos', arch: 'x86_64' }).platform_machine).toBe('x86_64');
    expect(markerValues({ os: 'windows', arch: 'x86_64' })).toMatchObject({ sys_platform: 'win32', platform_system: 'Windows', os_name: 'nt' });
    expect(markerValues({ os: 'macos', arch: 'aarch64' })).toMatchObject({ sys_platform: 'darwin', platform_system: 'Darwin', os_name: 'posix' });
  });

  it('keeps a full Python version and reads a free-threaded one', () => {
    expect(markerValues({ os: 'linux', arch: 'x86_64', python: '3.11.9' })).toMatchObject({ python_version: '3.11', python_full_version: '3.11.9' });
    expect(markerValues({ os: 'linux', arch: 'x86_64', python: '3.13t' })).toMatchObject({ python_version: '3.13', python_full_version: '3.13.0' });
  });

  it('leaves the Python variables out when the Python is unknown or unreadable', () => {
    for (const python of [undefined, '', 'three', '3']) {
      const v = markerValues({ os: 'linux', arch: 'x86_64', ...(python !== undefined ? { python } : {}) });
      expect(v.python_version).toBeUndefined();
      expect(v.python_full_version).toBeUndefined();
    }
  });
});
