import { describe, it, expect } from '@jest/globals';
import { isolatedPipEnv, newestWheel, parsePipConfig, requirementProject, requiresDist } from '../../scripts/bench/savings.js';
import type { Wheel } from '../../scripts/bench/static-index.js';

describe('parsePipConfig', () => {
  it('finds local index and find-links folders in `pip config list` output, from files and the environment', () => {
    const text = [
      ":env:.cert='/etc/ssl/certs/ca-certificates.crt'",
      ":env:.find-links='/opt/wheels'",
      "global.constraint='/etc/xdg/pip/constraints.txt'",
      "global.extra-index-url='file:///opt/pypi/simple file:///opt/pypi-more/simple/'",
      "global.find-links='/opt/wheels'",
      "global.index-url='https://pypi.org/simple'",
    ].join('\n');
    expect(parsePipConfig(text)).toEqual({ simpleDirs: ['/opt/pypi/simple', '/opt/pypi-more/simple'], wheelDirs: ['/opt/wheels'] });
  });
  it('finds nothing in an empty configuration', () => {
    expect(parsePipConfig('')).toEqual({ simpleDirs: [], wheelDirs: [] });
  });
});

describe('requiresDist', () => {
  it('keeps the requirements that apply without extras, markers intact, and reads headers only', () => {
    const metadata = [
      'Metadata-Version: 2.4',
      'Name: torch',
      'Requires-Dist: filelock',
      'Requires-Dist: nvidia-nccl-cu13==2.30.7; platform_system == "Linux"',
      'Requires-Dist: optree>=0.13.0; extra == "optree"',
      '',
      'Requires-Dist: not-a-header-after-the-body',
    ].join('\n');
    expect(requiresDist(metadata)).toEqual(['filelock', 'nvidia-nccl-cu13==2.30.7; platform_system == "Linux"']);
  });
  it('names the project of a requirement, normalised', () => {
    expect(requirementProject('cuda-toolkit[cublas,cudart]==13.0.3; platform_system == "Linux"')).toBe('cuda-toolkit');
    expect(requirementProject('Typing_Extensions>=4.10.0')).toBe('typing-extensions');
  });
});

describe('newestWheel', () => {
  const wheel = (filename: string): Wheel => ({ path: `/x/${filename}`, filename });
  const wheels = [
    wheel('torch-2.13.0+cpu-cp311-cp311-manylinux_2_28_x86_64.whl'),
    wheel('torch-2.14.1-cp311-cp311-manylinux_2_28_x86_64.whl'),
    wheel('torch-2.9.0-cp311-cp311-manylinux_2_28_x86_64.whl'),
    wheel('torch-2.15.0-cp312-cp312-manylinux_2_28_x86_64.whl'),
    wheel('torch-2.15.0-cp311-cp311-manylinux_2_28_aarch64.whl'),
    wheel('torch-2.15.0-cp311-cp311-win_amd64.whl'),
  ];
  it('picks the newest version (PEP 440 order) for the Python tag on Linux x86_64', () => {
    expect(newestWheel(wheels, 'cp311', (v) => !v.includes('+'))?.filename).toBe('torch-2.14.1-cp311-cp311-manylinux_2_28_x86_64.whl');
    expect(newestWheel(wheels, 'cp311', (v) => v.endsWith('+cpu'))?.filename).toBe('torch-2.13.0+cpu-cp311-cp311-manylinux_2_28_x86_64.whl');
  });
  it('finds none for a Python the mirror has no wheel for', () => {
    expect(newestWheel(wheels, 'cp313', () => true)).toBeUndefined();
  });
});

describe('isolatedPipEnv', () => {
  it('drops every PIP_ variable but its own PIP_CONFIG_FILE=/dev/null', () => {
    const saved = { ...process.env };
    process.env.PIP_FIND_LINKS = '/opt/wheels';
    process.env.PIP_INDEX_URL = 'file:///opt/pypi/simple';
    try {
      const env = isolatedPipEnv('/tmp/x');
      expect(Object.keys(env).filter((k) => k.startsWith('PIP_'))).toEqual(['PIP_CONFIG_FILE']);
      expect(env.PIP_CONFIG_FILE).toBe('/dev/null');
      expect(env.TMPDIR).toBe('/tmp/x');
    } finally {
      process.env = saved;
    }
  });
});
