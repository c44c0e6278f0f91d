/**
 * What a wheel's file name tells about the link it sits at: the project and the
 * exact version, local label included (`torch-2.1.2%2Bcu121-cp311-cp311-linux_x86_64.whl`
 * is torch 2.1.2+cu121). A line that installs that file installs that version, so
 * it can pin the plan. Wheel file names: PEP 427, `{name}-{version}(-{build})?-{python}-{abi}-{platform}.whl`,
 * with `-` in the name written as `_`.
 */
import { valid } from '@renovatebot/pep440';
import { normalizeName } from './family.js';

export interface WheelName {
  /** The distribution name as the file writes it ("torch", "pytorch_triton_rocm"). */
  name: string;
  /** The version, percent-decoded: "2.1.2+cu121". */
  version: string;
}

/** The wheel a URL or path names, or null when its last segment is not a wheel file name. */
export function wheelFromLink(link: string): WheelName | null {
  const last = link.split(/[?#]/, 1)[0].split(/[\\/]/).pop() ?? '';
  let file: string;
  try {
    // URLs escape the "+" of a local label as %2B; a path that is not escaped stays as it is.
    file = decodeURIComponent(last);
  } catch {
    file = last;
  }
  if (!/\.whl$/i.test(file)) return null;
  const parts = file.slice(0, -'.whl'.length).split('-');
  if (parts.length !== 5 && parts.length !== 6) return null;
  const [name, version] = parts;
  if (!/^[A-Za-z0-9](?:[A-Za-z0-9._]*[A-Za-z0-9])?$/.test(name) || valid(version) === null) return null;
  return { name, version };
}

/** The exact version a link to `project`'s wheel installs; null when the link is not such a wheel. */
export function wheelPin(link: string, project: string): string | null {
  const wheel = wheelFromLink(link);
  if (wheel === null || normalizeName(wheel.name) !== normalizeName(project)) return null;
  return wheel.version;
}
