/**
 * What a wheel link in a project's requirements tells: the project and the exact
 * version, local label included (`torch-2.1.2%2Bcu121-cp311-cp311-linux_x86_64.whl`
 * is torch 2.1.2+cu121). A line that installs that file installs that version, so
 * it can pin the plan. The file name itself is read by the one wheel-name parser
 * (src/pytorch-index/wheel-name.ts), which index pages go through too.
 */
import { wheelFromLink as parseWheelLink } from '../pytorch-index/wheel-name.js';
import { normalizeName } from './family.js';

export interface WheelName {
  /** The distribution name as the file writes it ("torch", "pytorch_triton_rocm"). */
  name: string;
  /** The version, percent-decoded: "2.1.2+cu121". */
  version: string;
}

/** The wheel a URL or path names, or null when its last segment is not a wheel file name. */
export function wheelFromLink(link: string): WheelName | null {
  const wheel = parseWheelLink(link);
  return wheel === null ? null : { name: wheel.name, version: wheel.version };
}

/** The exact version a link to `project`'s wheel installs; null when the link is not such a wheel. */
export function wheelPin(link: string, project: string): string | null {
  const wheel = wheelFromLink(link);
  if (wheel === null || normalizeName(wheel.name) !== normalizeName(project)) return null;
  return wheel.version;
}
