/**
 * File reads for probes: a missing, unreadable or odd file is just "nothing
 * there", never an exception. Sysfs and procfs files are small; reads are bounded.
 */
import { readdir, open } from 'node:fs/promises';

const MAX_FILE_BYTES = 64 * 1024;

/** The file's text (at most 64 KiB), or undefined when it cannot be read. */
export async function readText(path: string): Promise<string | undefined> {
  let handle;
  try {
    handle = await open(path, 'r');
    const buffer = Buffer.alloc(MAX_FILE_BYTES);
    let length = 0;
    // procfs files report size 0: read until end of file rather than trusting stat.
    while (length < MAX_FILE_BYTES) {
      const { bytesRead } = await handle.read(buffer, length, MAX_FILE_BYTES - length, null);
      if (bytesRead === 0) break;
      length += bytesRead;
    }
    return buffer.subarray(0, length).toString('utf8');
  } catch {
    return undefined;
  } finally {
    await handle?.close().catch(() => undefined);
  }
}

/** Entry names of a directory, sorted; [] when it cannot be listed. */
export async function listDir(path: string): Promise<string[]> {
  try {
    return (await readdir(path)).sort();
  } catch {
    return [];
  }
}
