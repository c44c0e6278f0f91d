/**
 * Reading a file the user named (a machine description, a requirements file)
 * without letting it block or flood the run: only regular files are read (a
 * FIFO would block until a writer came, /dev/zero would never end), opened
 * with O_NONBLOCK so that opening a FIFO cannot block either, and at most
 * `maxBytes` are read.
 */
import { constants } from 'node:fs';
import { open } from 'node:fs/promises';

export class FileReadError extends Error {
  constructor(
    /** An errno code ("ENOENT") or ours: "ENOTREG" (not a regular file), "EFBIG" (over the limit). */
    readonly code: string,
    /** In words, for a message: "no such file", "it is a FIFO (named pipe), not a regular file". */
    readonly reason: string,
  ) {
    super(reason);
    this.name = 'FileReadError';
  }
}

const REASONS: Record<string, string> = {
  ENOENT: 'no such file',
  ENOTDIR: 'a folder on its path is a file',
  EISDIR: 'it is a folder',
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  ELOOP: 'too many symbolic links',
  ENAMETOOLONG: 'the name is too long',
};

/** An error from the file system, in words (and its code when it has no words here). */
export function describeFsError(e: unknown): string {
  if (e instanceof FileReadError) return e.reason;
  const code = (e as { code?: unknown } | null)?.code;
  if (typeof code === 'string') return REASONS[code] ?? code;
  return e instanceof Error ? e.message : String(e);
}

function kindOf(stats: { isFIFO(): boolean; isCharacterDevice(): boolean; isBlockDevice(): boolean; isSocket(): boolean }): string {
  if (stats.isFIFO()) return 'a FIFO (named pipe)';
  if (stats.isCharacterDevice()) return 'a character device';
  if (stats.isBlockDevice()) return 'a block device';
  if (stats.isSocket()) return 'a socket';
  return 'not a plain file';
}

function formatBytes(n: number): string {
  return n >= 1024 * 1024 ? `${n / (1024 * 1024)} MiB` : `${Math.round(n / 1024)} KiB`;
}

/** The bytes of a regular file, at most maxBytes; a FileReadError (or the fs error) otherwise. */
export async function readRegularFile(path: string, maxBytes: number): Promise<Buffer> {
  let handle;
  try {
    handle = await open(path, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
  } catch (e) {
    const code = (e as { code?: unknown } | null)?.code;
    throw new FileReadError(typeof code === 'string' ? code : 'EIO', describeFsError(e));
  }
  try {
    const stats = await handle.stat();
    if (stats.isDirectory()) throw new FileReadError('EISDIR', REASONS.EISDIR);
    if (!stats.isFile()) throw new FileReadError('ENOTREG', `it is ${kindOf(stats)}, not a regular file`);
    if (stats.size > maxBytes) throw new FileReadError('EFBIG', `it is larger than ${formatBytes(maxBytes)}`);
    // The size may be wrong (files in /proc say 0): read until the end or past the limit.
    const chunks: Buffer[] = [];
    let total = 0;
    for (;;) {
      const buffer = Buffer.alloc(Math.min(64 * 1024, maxBytes + 1 - total));
      const { bytesRead } = await handle.read(buffer, 0, buffer.length, null);
      if (bytesRead === 0) break;
      chunks.push(buffer.subarray(0, bytesRead));
      total += bytesRead;
      if (total > maxBytes) throw new FileReadError('EFBIG', `it is larger than ${formatBytes(maxBytes)}`);
    }
    return Buffer.concat(chunks);
  } catch (e) {
    if (e instanceof FileReadError) throw e;
    const code = (e as { code?: unknown } | null)?.code;
    throw new FileReadError(typeof code === 'string' ? code : 'EIO', describeFsError(e));
  } finally {
    await handle.close();
  }
}
