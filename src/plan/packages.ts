/**
 * The requirement lines of torchcraft.txt: torch pinned to the chosen release
 * (narrowed by the user's pins), companions pinned to the versions that pair with
 * it, and family packages the project uses that the PyTorch index serves.
 */
import { normalizeName } from '../package-name.js';
import { satisfies } from '@renovatebot/pep440';
import { PAIRED_MAJOR, TORCHAUDIO_LAST_VERSION, XFORMERS, companionsKnown, hasTorchaudio, torchaudioFor, torchvisionFor } from '../data/companions.js';
import { cudaOfVariant } from '../data/pytorch.js';
import { isPrerelease, type LineMatch } from './versions.js';
import type { PlannedPackage, ProjectConstraint } from './types.js';

/** The allowed torch versions of a line as a pin: exact, or the line with bounds. */
interface Pin {
  exact?: string;
  line: string;
  lower?: string;
  upper?: string;
  excluded: string[];
}

function pinOf(match: LineMatch): Pin {
  const { versions, allowed, exact } = match;
  const line = match.facts.line;
  if (exact) return { exact, line, excluded: [] };
  if (allowed.length === versions.length) return { line, excluded: [] };
  const lower = allowed[0] !== versions[0] ? allowed[0] : undefined;
  const upper = allowed[allowed.length - 1] !== versions[versions.length - 1] ? allowed[allowed.length - 1] : undefined;
  if (allowed.length === 1 && (lower || upper)) return { exact: allowed[0], line, excluded: [] };
  const inRange = versions.slice(versions.indexOf(allowed[0]), versions.indexOf(allowed[allowed.length - 1]) + 1);
  return { line, lower, upper, excluded: inRange.filter((v) => !allowed.includes(v)) };
}

/**
 * Render a pin through a pairing (identity for torch, torchvision's scheme for
 * torchvision). The pairing is only ever given torch versions it knows (callers check
 * companionsKnown), so a null from it means no release: rendered as no constraint.
 */
function render(pin: Pin, pair: (torch: string) => string | null): string {
  const at = (v: string): string | null => pair(v);
  if (pin.exact) {
    const v = at(pin.exact);
    return v === null ? '' : `==${v}`;
  }
  const base = at(`${pin.line}.0`);
  if (base === null) return '';
  const parts = [`==${base.split('.').slice(0, 2).join('.')}.*`];
  const bound = (op: string, v: string | undefined): void => {
    const c = v === undefined ? null : at(v);
    if (c !== null) parts.push(`${op}${c}`);
  };
  bound('>=', pin.lower);
  bound('<=', pin.upper);
  for (const v of pin.excluded) bound('!=', v);
  return parts.join(',');
}

export interface PackageInput {
  match: LineMatch;
  variant: string;
  /** Pin versions (false for nightly, and for test without any version asked). */
  pinned: boolean;
  requested: readonly string[];
  constraints: readonly ProjectConstraint[];
}

export function planPackages(input: PackageInput): { packages: PlannedPackage[]; reasons: string[]; warnings: string[] } {
  const { match, variant, pinned, constraints } = input;
  const line = match.facts.line;
  const reasons: string[] = [];
  const warnings: string[] = [];
  const pin = pinOf(match);
  const named = new Map<string, ProjectConstraint>();
  for (const c of constraints) if (!named.has(normalizeName(c.project))) named.set(normalizeName(c.project), c);

  const names: string[] = ['torch'];
  const add = (n: string): void => {
    if (n !== '' && !names.includes(n)) names.push(n);
  };
  const requested = input.requested.length > 0 ? input.requested : ['torch', 'torchvision', 'torchaudio'];
  for (const n of requested) add(normalizeName(n));
  // Family packages the project names and the PyTorch index serves for this build, so that
  // a later `pip install -r requirements.txt` finds them already satisfied.
  for (const n of ['torchvision', 'torchaudio', 'xformers']) if (named.has(n)) add(n);

  // Companions pinned only when their pairing is known: not for a pre-release torch (its
  // candidates' companions are candidates too, pip picks them with --pre), not past torch 2.x.
  const torchAt = pin.exact ?? `${line}.0`;
  const prerelease = pinned && pin.exact !== undefined && isPrerelease(pin.exact);
  const paired = companionsKnown(torchAt);
  const companions = names.filter((n) => n === 'torchvision' || (n === 'torchaudio' && hasTorchaudio(line)));
  const pinCompanions = pinned && !prerelease && paired;
  if (pinned && companions.length > 0) {
    const list = companions.join(' and ');
    if (prerelease) {
      reasons.push(`torch ${pin.exact} is a pre-release, so ${list} ${companions.length > 1 ? 'are' : 'is'} written unpinned: pip (with --pre, from the ${variant} test index) picks the matching candidates.`);
    } else if (!paired) {
      warnings.push(
        `torchcraft does not know which ${list} ${companions.length > 1 ? 'pair' : 'pairs'} with torch ${torchAt.split('.')[0]} (its data knows the torch ${PAIRED_MAJOR}.x pairing only), ` +
          `so ${companions.length > 1 ? 'they are' : 'it is'} written unpinned: check that pip picks ${companions.length > 1 ? 'versions' : 'a version'} built for torch ${pin.exact ?? line}.`,
      );
    }
  }

  const packages: PlannedPackage[] = [];
  for (const name of names) {
    switch (name) {
      case 'torch':
        packages.push({ name, specifier: pinned ? render(pin, (v) => v) : '' });
        break;
      case 'torchvision':
        packages.push({ name, specifier: pinCompanions ? render(pin, torchvisionFor) : '' });
        break;
      case 'torchaudio':
        if (!hasTorchaudio(line)) {
          // A project that names torchaudio never gets here: its rule keeps the release to one with torchaudio.
          reasons.push(`torchaudio is left out: it has no release for torch ${line} (the last is ${TORCHAUDIO_LAST_VERSION}).`);
          break;
        }
        packages.push({ name, specifier: pinCompanions ? render(pin, torchaudioFor) : '' });
        break;
      case 'xformers': {
        const x = xformersLine(match, pin, named.get('xformers'));
        const source = named.get('xformers')?.source;
        if (cudaOfVariant(variant) === null) {
          reasons.push(
            `xformers is not added: the PyTorch ${variant} index does not serve it${x ? `; the project's xformers line installs ${x} from PyPI, which requires torch ${XFORMERS.find((e) => e.xformers === x)?.torch}` : ''}.`,
          );
          break;
        }
        if (!pinned) {
          reasons.push(`xformers is not added: the ${variant} index of this channel does not serve matching xformers builds.`);
          break;
        }
        if (!x) {
          // Keep the project's own specifier: dropping it would let this file install an
          // xformers the project's install then replaces (with whatever torch it pins).
          const spec = named.get('xformers')?.specifier.trim() ?? '';
          warnings.push(
            `${source ?? 'The packages input'} names xformers${spec}, but torchcraft knows no xformers release ${spec ? 'within that specifier ' : ''}for torch ${line}: ` +
              `it is written ${spec ? 'with the project\'s specifier' : 'unpinned'}; check that the xformers pip picks requires torch ${line}, or installing it will replace torch.`,
          );
          packages.push({ name, specifier: spec });
          break;
        }
        packages.push({ name, specifier: `==${x}` });
        reasons.push(`xformers ${x} pairs with torch ${line} (its wheels require torch ${XFORMERS.find((e) => e.xformers === x)?.torch}), so it is installed from the same index.`);
        break;
      }
      default:
        packages.push({ name, specifier: '' });
    }
  }
  return { packages, reasons, warnings };
}

/** The newest known xformers whose torch pin the planned torch meets and the project's pin allows. */
function xformersLine(match: LineMatch, pin: Pin, constraint: ProjectConstraint | undefined): string | null {
  const torch = pin.exact ?? match.allowed[match.allowed.length - 1];
  const spec = constraint?.specifier.trim() ?? '';
  for (let i = XFORMERS.length - 1; i >= 0; i--) {
    const x = XFORMERS[i];
    if (!satisfies(torch, x.torch)) continue;
    if (spec !== '' && !satisfies(x.xformers, spec)) continue;
    return x.xformers;
  }
  return null;
}
