/**
 * The constraints file: the installed family read from a real venv (what pip
 * installed there, local labels and triton builds included), and how the file
 * is added to PIP_CONSTRAINT / UV_CONSTRAINT.
 */
import { afterAll, describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { constraintReference, installedFamily, renderConstraints, withConstraint, writeConstraints } from '../../src/install/constraints.js';
import { runTool } from '../../src/process/run-tool.js';
import { buildWheels, fakeTorch, plainPackage } from '../helpers/wheels.js';
import { isolatedPipEnv, VenvPool } from '../helpers/venv.js';
import { describePosix } from '../helpers/posix.js';

const pool = new VenvPool();
afterAll(() => pool.cleanup());

describe('withConstraint', () => {
  it('adds the file after what the variable held, once', () => {
    expect(withConstraint(undefined, '/t/c.txt')).toBe('/t/c.txt');
    expect(withConstraint('', '/t/c.txt')).toBe('/t/c.txt');
    expect(withConstraint('  /team/pins.txt\n', '/t/c.txt')).toBe('/team/pins.txt /t/c.txt');
    expect(withConstraint('/team/pins.txt /t/c.txt', '/t/c.txt')).toBe('/team/pins.txt /t/c.txt');
  });
});

describePosix('constraintReference', () => {
  it('keeps a plain path, and makes a path with whitespace a file: URI that names the same file', () => {
    expect(constraintReference('/home/runner/work/_temp/torchcraft-x/constraints.txt')).toBe('/home/runner/work/_temp/torchcraft-x/constraints.txt');
    const ref = constraintReference('/srv/actions runner/_temp/c.txt');
    expect(ref).toBe('file:///srv/actions%20runner/_temp/c.txt');
    expect(ref).not.toMatch(/\s/);
    expect(fileURLToPath(ref)).toBe('/srv/actions runner/_temp/c.txt');
  });
});

describe('renderConstraints', () => {
  it('one exact pin a line, local labels kept, under a comment saying what it is', () => {
    const text = renderConstraints([{ name: 'torch', version: '2.14.1+cu126' }, { name: 'torchvision', version: '0.29.1+cu126' }], { backend: 'cu126', release: '2.14' });
    expect(text.split('\n')).toEqual([
      '# torchcraft: the PyTorch build this job installed (cu126, torch 2.14), as exact versions.',
      '# Later installs that name these packages keep this build or fail; they do not replace it.',
      'torch==2.14.1+cu126',
      'torchvision==0.29.1+cu126',
      '',
    ]);
  });
});

describePosix('installedFamily and writeConstraints, from a real venv', () => {
  it('lists the family as installed (torch first, triton builds by prefix), and nothing else', async () => {
    const python = await pool.fresh();
    const dir = pool.scratch('family');
    await buildWheels(
      [
        fakeTorch({ version: '2.14.1+rocm7.2' }),
        plainPackage('pytorch-triton-rocm', '3.5.0'),
        plainPackage('xformers', '0.0.33'),
        plainPackage('numpy', '2.3.1'),
        plainPackage('Torch_Audio_Tools', '1.0'),
      ],
      dir,
    );
    const env = isolatedPipEnv();
    const pip = await runTool(python, ['-m', 'pip', 'install', '--no-index', '--find-links', dir, 'torch', 'pytorch-triton-rocm', 'xformers', 'numpy', 'torch-audio-tools'], { timeoutMs: 120_000, env });
    expect(pip.stderr).not.toMatch(/^ERROR/m);

    expect(await installedFamily(python, env)).toEqual([
      { name: 'torch', version: '2.14.1+rocm7.2' },
      { name: 'xformers', version: '0.0.33' },
      { name: 'pytorch-triton-rocm', version: '3.5.0' },
    ]);

    const path = join(dir, 'out', 'constraints.txt');
    const written = await writeConstraints(python, { ...env, PIP_CONSTRAINT: '/team.txt' }, path, { backend: 'rocm7.2', release: '2.14' });
    expect(written).toMatchObject({ path, variables: { PIP_CONSTRAINT: `/team.txt ${path}`, UV_CONSTRAINT: path } });
    expect(readFileSync(path, 'utf8')).toMatch(/^torch==2\.14\.1\+rocm7\.2\nxformers==0\.0\.33\npytorch-triton-rocm==3\.5\.0\n$/m);
  });

  it('writes nothing when torch is not installed, and says why', async () => {
    const python = await pool.fresh();
    const path = join(pool.scratch('none'), 'constraints.txt');
    expect(await writeConstraints(python, isolatedPipEnv(), path, { backend: 'cpu', release: '2.14' })).toBe(`torch is not installed in ${python}`);
    expect(() => readFileSync(path)).toThrow();
  });
});
