/**
 * Writing torchcraft.txt where requirements-path says. A write that fails (a
 * folder on the path is a file, /proc, a read-only file system, a name too long,
 * a full disk) is the user's input that cannot be used: an InputError naming
 * requirements-path and the reason, so the action fails with that message and
 * the CLI exits 2, instead of "failed unexpectedly" and a stack trace.
 */
import { InputError } from '../errors.js';
import { writeFileAtomic } from './write-file-atomic.js';

const REASONS: Record<string, string> = {
  ENOTDIR: 'a folder on its path is a file',
  EEXIST: 'a folder on its path is a file',
  EISDIR: 'it is a folder',
  EROFS: 'the file system is read-only',
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  ENAMETOOLONG: 'the name is too long',
  ENOENT: 'its folder cannot be created there',
  ENOSPC: 'no space left on the device',
  EDQUOT: 'the disk quota is used up',
  EINVAL: 'the name is not valid there',
  ELOOP: 'too many symbolic links on its path',
};

export function describeWriteError(e: unknown): string {
  const code = (e as { code?: unknown } | null)?.code;
  if (typeof code === 'string') return `${REASONS[code] ?? 'the system refused it'} (${code})`;
  return e instanceof Error ? e.message : String(e);
}

/** Write the file atomically, or throw InputError('requirements-path', given, why). */
export async function writeRequirementsFile(path: string, given: string, text: string): Promise<void> {
  try {
    await writeFileAtomic(path, text);
  } catch (e) {
    throw new InputError('requirements-path', given, `torchcraft.txt cannot be written there: ${describeWriteError(e)}; allowed: a file path in a folder this job can write, such as torchcraft.txt or ci/torch.txt.`);
  }
}
