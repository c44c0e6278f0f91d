/** How a file is named in messages and sources: relative to the working folder, with `/` on every OS. */
import { isAbsolute, relative, sep } from 'node:path';

export function displayPath(cwd: string, absolute: string): string {
  const rel = relative(cwd, absolute);
  // Another drive (Windows) has no relative form: show the path whole.
  const shown = rel === '' || isAbsolute(rel) ? absolute : rel;
  return shown.split(sep).join('/');
}
