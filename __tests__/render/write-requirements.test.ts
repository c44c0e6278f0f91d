import { expect, it } from '@jest/globals';
import { mkdtempSync, writeFileSync, readFileSync, symlinkSync, lstatSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeRequirementsFile } from '../../src/render/write-requirements.js';
import { InputError } from '../../src/errors.js';
import { describePosix } from '../helpers/posix.js';

async function errorOf(p: Promise<unknown>): Promise<InputError> {
  try {
    await p;
  } catch (e) {
    expect(e).toBeInstanceOf(InputError);
    return e as InputError;
  }
  throw new Error('expected the write to fail');
}

describePosix('writing torchcraft.txt', () => {
  const dir = mkdtempSync(join(tmpdir(), 'torchcraft-write-'));

  it('names requirements-path and the reason when a folder on the path is a file', async () => {
    writeFileSync(join(dir, 'file'), 'x');
    const e = await errorOf(writeRequirementsFile(join(dir, 'file', 'torchcraft.txt'), 'file/torchcraft.txt', 'torch\n'));
    expect(e.input).toBe('requirements-path');
    expect(e.message).toMatch(
      /^Invalid requirements-path "file\/torchcraft\.txt": torchcraft\.txt cannot be written there: a folder on its path is a file \((EEXIST|ENOTDIR)\); allowed: a file path in a folder this job can write/,
    );
  });

  it('says so for /proc and for a name that is too long', async () => {
    expect((await errorOf(writeRequirementsFile('/proc/torchcraft.txt', '/proc/torchcraft.txt', 'x'))).problem).toMatch(/cannot be written there: .*\((ENOENT|EACCES|EPERM|EROFS)\)/);
    const long = 'n'.repeat(300);
    expect((await errorOf(writeRequirementsFile(join(dir, long), long, 'x'))).problem).toMatch(/the name is too long \(ENAMETOOLONG\)/);
  });

  it('replaces a link at the path instead of writing through it', async () => {
    const target = join(dir, 'elsewhere.txt');
    writeFileSync(target, 'keep');
    symlinkSync(target, join(dir, 'link.txt'));
    await writeRequirementsFile(join(dir, 'link.txt'), 'link.txt', 'torch\n');
    expect(readFileSync(target, 'utf8')).toBe('keep');
    expect(lstatSync(join(dir, 'link.txt')).isSymbolicLink()).toBe(false);
  });
});
