/**
 * Poetry's dependency tables (`[tool.poetry.dependencies]`,
 * `[tool.poetry.group.<name>.dependencies]`), read for the PyTorch family only.
 * Poetry writes versions in its own syntax (`"^2.3"`, `"~2.3"`, `"2.3.1"` meaning
 * exactly that); the simple forms are turned into PEP 440 specifiers here so the
 * plan can honour them. Anything richer (a source, a URL, a path, git, markers,
 * several constraints) is not read: it becomes a warning, since Poetry will
 * install what it says whatever torchcraft.txt holds.
 *
 * Syntax: https://python-poetry.org/docs/dependency-specification/
 */
import { valid, validRange } from '@renovatebot/pep440';

/**
 * The PEP 440 specifier for a Poetry version string, "" for any version, or
 * null when it is not one of the forms read here.
 */
export function poetrySpecifier(text: string): string | null {
  const s = text.trim();
  if (s === '*' || s === '') return s === '*' ? '' : null;
  const caret = /^\^\s*(\d+(?:\.\d+){0,2})$/.exec(s);
  if (caret) return `>=${caret[1]},<${caretBound(caret[1])}`;
  const tilde = /^~(?!=)\s*(\d+(?:\.\d+){0,2})$/.exec(s);
  if (tilde) return `>=${tilde[1]},<${tildeBound(tilde[1])}`;
  // A bare version is an exact pin; "2.3.*" a wildcard one.
  if (valid(s) !== null) return `==${s}`;
  if (/^\d+(?:\.\d+)*\.\*$/.test(s)) return `==${s}`;
  const spec = s.replace(/\s+/g, '');
  try {
    return validRange(spec) ? spec : null;
  } catch {
    return null;
  }
}

/** ^1.2.3 -> 2.0.0, ^0.2.3 -> 0.3.0, ^0.0.3 -> 0.0.4, ^0.0 -> 0.1, ^0 -> 1: the first non-zero part given, else the last, goes up. */
function caretBound(version: string): string {
  const parts = version.split('.').map(Number);
  let at = parts.findIndex((p) => p !== 0);
  if (at < 0) at = parts.length - 1;
  return bump(parts, at);
}

/** ~1.2.3 -> 1.3.0, ~1.2 -> 1.3, ~1 -> 2: the minor goes up when given, else the major. */
function tildeBound(version: string): string {
  const parts = version.split('.').map(Number);
  return bump(parts, parts.length > 1 ? 1 : 0);
}

function bump(parts: number[], at: number): string {
  return parts.map((p, i) => (i < at ? p : i === at ? p + 1 : 0)).join('.');
}
