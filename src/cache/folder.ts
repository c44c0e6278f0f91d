/**
 * What a cache folder holds, cheaply: a digest of every file's path, size and
 * modification time (did the install add or change anything?) and the total
 * size. Linear in the number of entries; symbolic links are not followed.
 */
import { createHash } from 'node:crypto';
import { readdir, lstat } from 'node:fs/promises';
import { join, relative } from 'node:path';

export interface FolderState {
  files: number;
  bytes: number;
  /** Changes when a file is added, removed, resized or rewritten. */
  digest: string;
}

export async function folderState(root: string): Promise<FolderState> {
  const entries: string[] = [];
  let bytes = 0;
  const walk = async (dir: string): Promise<void> => {
    let names: string[];
    try {
      names = await readdir(dir);
    } catch {
      return;
    }
    names.sort();
    for (const name of names) {
      const path = join(dir, name);
      const stat = await lstat(path).catch(() => undefined);
      if (!stat) continue;
      if (stat.isDirectory()) {
        await walk(path);
      } else if (stat.isFile()) {
        bytes += stat.size;
        entries.push(`${relative(root, path)}\0${stat.size}\0${Math.floor(stat.mtimeMs)}`);
      }
    }
  };
  await walk(root);
  return { files: entries.length, bytes, digest: createHash('sha256').update(entries.join('\n')).digest('hex') };
}

export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  const units = ['KiB', 'MiB', 'GiB', 'TiB'];
  let v = n / 1024;
  let i = 0;
  while (v >= 1024 && i < units.length - 1) {
    v /= 1024;
    i++;
  }
  return `${v >= 100 ? v.toFixed(0) : v.toFixed(1)} ${units[i]}`;
}
