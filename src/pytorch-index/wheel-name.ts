/**
 * Wheel file names (PEP 427, with PEP 425 compressed tag sets):
 * `{name}-{version}(-{build})?-{python}-{abi}-{platform}.whl`, `-` in the name
 * written as `_`. `torch-2.14.1%2Bcu130-cp313-cp313t-manylinux_2_28_x86_64.whl` is
 * torch 2.14.1+cu130 for free-threaded CPython 3.13 on glibc 2.28+ x86_64 Linux.
 * Pure and linear in the name's length: names come from index pages and users' files.
 */
import { explain, valid } from '@renovatebot/pep440';
import { normalizeName } from '../package-name.js';

export interface WheelName {
  /** The distribution name as the file writes it ("torch", "pytorch_triton_rocm"). */
  name: string;
  /** PEP 503-normalised name ("pytorch-triton-rocm"). */
  project: string;
  /** The version, percent-decoded, as written: "2.14.1+cu130". */
  version: string;
  /** Its local label, lower case, "" when none: "cu130". */
  local: string;
  /** The optional build tag ("3" in torch-2.10.0-3-cp313-...). */
  build?: string;
  /** Each of the compressed sets expanded: cp39.cp310 -> ["cp39", "cp310"]. */
  pythonTags: string[];
  abiTags: string[];
  platformTags: string[];
}

/** Longer than any real wheel name; a longer "name" is garbage, not parsed. */
const MAX_NAME = 512;

/** The last path segment of a URL or path, percent-decoded, without query or fragment. */
export function lastSegment(link: string): string {
  const path = link.split(/[?#]/, 1)[0];
  const last = path.slice(Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\')) + 1);
  try {
    // URLs escape the "+" of a local label as %2B; a path that is not escaped stays as it is.
    return decodeURIComponent(last);
  } catch {
    return last;
  }
}

/** A wheel file name's parts, or null when the text is not one. */
export function parseWheelName(fileName: string): WheelName | null {
  if (fileName.length > MAX_NAME || !/\.whl$/i.test(fileName)) return null;
  const parts = fileName.slice(0, -'.whl'.length).split('-');
  if (parts.length !== 5 && parts.length !== 6) return null;
  const [name, version] = parts;
  const build = parts.length === 6 ? parts[2] : undefined;
  const [py, abi, platform] = parts.slice(-3);
  if (!/^[A-Za-z0-9](?:[A-Za-z0-9._]*[A-Za-z0-9])?$/.test(name) || valid(version) === null) return null;
  // PEP 427: a build tag starts with a digit.
  if (build !== undefined && !/^\d[A-Za-z0-9_.]*$/.test(build)) return null;
  const tags = (set: string): string[] | null => {
    const list = set.split('.');
    return list.every((t) => /^[A-Za-z0-9_]+$/.test(t)) ? list.map((t) => t.toLowerCase()) : null;
  };
  const pythonTags = tags(py);
  const abiTags = tags(abi);
  const platformTags = tags(platform);
  if (!pythonTags || !abiTags || !platformTags) return null;
  return {
    name,
    project: normalizeName(name),
    version,
    local: (explain(version)?.local ?? '').toLowerCase(),
    ...(build !== undefined ? { build } : {}),
    pythonTags,
    abiTags,
    platformTags,
  };
}

/** The wheel a URL or path names, or null when its last segment is not a wheel file name. */
export function wheelFromLink(link: string): WheelName | null {
  return parseWheelName(lastSegment(link));
}
