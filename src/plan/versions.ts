/**
 * Turning the torch-version input and the project's pins into rules on torch
 * versions, and finding the release lines that satisfy them all.
 */
import { satisfies, valid, validRange } from '@renovatebot/pep440';
import { InputError } from '../errors.js';
import { XFORMERS, torchaudioFor, torchvisionFor } from '../data/companions.js';
import { NEWEST_RELEASE, OLDEST_RELEASE, RELEASES, compareLines, lineOf, releaseFacts, type ReleaseFacts } from '../data/pytorch.js';
import type { ProjectConstraint } from './types.js';

/** A rule on the torch version, from the torch-version input or one project pin. */
export interface TorchRule {
  /** "torch-version", or where the pin was written ("requirements.txt:3"). */
  source: string;
  /** What it asks, as written: "2.6", "torch==2.5.1", "xformers". */
  wants: string;
  accepts(torch: string): boolean;
  /** The exact torch version it pins, when it pins one. */
  exact?: string;
}

/** A release line that satisfies every rule, with the versions in it that do. */
export interface LineMatch {
  facts: ReleaseFacts;
  /** Known versions of the line (plus an exact pin not in the data), ascending. */
  versions: string[];
  /** The subset of `versions` that satisfies every rule, ascending. */
  allowed: string[];
  /** An exact torch version some rule pins, when one does. */
  exact?: string;
  /** The line (or the pinned patch) is newer than the data. */
  beyondData: boolean;
}

const KNOWN = `torch ${OLDEST_RELEASE} to ${NEWEST_RELEASE}`;

function exactPin(spec: string): string | undefined {
  const m = /^\s*===?\s*(\d+(?:\.\d+)*(?:(?:a|b|rc)\d+)?(?:\.post\d+)?)\s*$/.exec(spec);
  return m ? m[1] : undefined;
}

function ok(version: string, spec: string): boolean {
  if (valid(version) === null) return false;
  return spec === '' || satisfies(version, spec, { prereleases: true });
}

/**
 * The torch-version input as a rule: "" (any: null), "2.5" (the line), "2.5.1"
 * (exact), or a PEP 440 specifier (">=2.4,<2.6", "~=2.5.0", "==2.5.*").
 */
export function torchVersionRule(input: string): TorchRule | null {
  const s = input.trim();
  if (s === '') return null;
  const refuse = (problem: string): never => {
    throw new InputError('torch-version', input, problem);
  };
  if (s.includes('+')) refuse('local labels (+cu126, +cpu) are chosen by the backend input; give the version alone, e.g. 2.5.1');
  let spec: string;
  let exact: string | undefined;
  if (/^\d+(\.\d+)?$/.test(s)) spec = `==${s}.*`;
  else if (/^\d+\.\d+\.\*$/.test(s)) spec = `==${s}`;
  else if (/^\d/.test(s) && valid(s)) {
    exact = valid(s) ?? s;
    spec = `==${exact}`;
  } else if (validRange(s)) {
    spec = s;
    exact = exactPin(s);
  } else {
    return refuse('expected a release (2.5), a version (2.5.1) or a PEP 440 specifier (>=2.4,<2.6, ~=2.5.0, ==2.5.*)');
  }
  return { source: 'torch-version', wants: s, accepts: (v) => ok(v, spec), exact };
}

/** Family projects whose pairing with torch is not in the data: noted, not used. */
const UNMAPPED = /^(torchao|torchtext|torchdata|triton|pytorch-triton.*)$/;

/**
 * The project's pins as rules. Pins whose torch pairing the data does not know
 * become notes instead (they do not constrain the plan).
 */
export function constraintRules(constraints: readonly ProjectConstraint[]): { rules: TorchRule[]; notes: string[] } {
  const rules: TorchRule[] = [];
  const notes: string[] = [];
  for (const c of constraints) {
    const project = c.project.toLowerCase().replace(/[-_.]+/g, '-');
    // A local label (torch==2.5.1+cu124) says which build; the backend decides that here.
    const spec = c.specifier.trim().replace(/\+[A-Za-z0-9.]+/g, '');
    const wants = `${project}${c.specifier.trim()}`;
    if (spec !== '' && !validRange(spec)) {
      throw new InputError('requirements', wants, `${c.source}: ${JSON.stringify(c.specifier)} is not a PEP 440 specifier`);
    }
    const base = { source: c.source, wants };
    switch (project) {
      case 'torch':
        rules.push({ ...base, accepts: (v) => ok(v, spec), exact: exactPin(spec) });
        break;
      case 'torchvision':
        rules.push({ ...base, accepts: (v) => ok(torchvisionFor(v), spec) });
        break;
      case 'torchaudio':
        // From 2.12 there is no torchaudio. The last one (2.11.0) declares no torch pin, but its
        // compiled extension is built against torch 2.11: a project that needs torchaudio needs a
        // release that has one, or the project's own install leaves a mismatched pair behind.
        rules.push({
          ...base,
          accepts: (v) => {
            const audio = torchaudioFor(v);
            return audio !== null && ok(audio, spec);
          },
        });
        break;
      case 'xformers': {
        const matching = XFORMERS.filter((x) => ok(x.xformers, spec));
        if (matching.length === 0) {
          notes.push(
            `${c.source} wants ${wants}, which is not in torchcraft's xformers table (known up to ${XFORMERS[XFORMERS.length - 1].xformers}); ` +
              `its torch pin is unknown, so it does not constrain the plan, and installing it may replace torch.`,
          );
          break;
        }
        rules.push({ ...base, accepts: (v) => matching.some((x) => ok(v, x.torch)) });
        break;
      }
      default:
        notes.push(
          UNMAPPED.test(project)
            ? `${c.source} names ${wants}; torchcraft does not know which torch it pairs with, so it does not constrain the plan.`
            : `${c.source} names ${wants}, which is not a PyTorch-family package; ignored.`,
        );
    }
  }
  return { rules, notes };
}

function allKnownVersions(): string[] {
  return RELEASES.flatMap((r) => r.versions);
}

/** Versions past the data that a rule might ask for: the next patch, the next lines, 3.0. */
function futureProbes(): string[] {
  const newest = RELEASES[RELEASES.length - 1];
  const [major, minor] = newest.line.split('.').map(Number);
  const lastPatch = Number(newest.versions[newest.versions.length - 1].split('.')[2]);
  const probes = [`${newest.line}.${lastPatch + 1}`];
  for (let k = 1; k <= 8; k++) probes.push(`${major}.${minor + k}.0`);
  probes.push(`${major + 1}.0.0`);
  return probes;
}

function group(versions: readonly string[], rules: readonly TorchRule[]): LineMatch[] {
  const byLine = new Map<string, LineMatch>();
  const exact = rules.map((r) => r.exact).find((e): e is string => e !== undefined);
  for (const v of versions) {
    const line = lineOf(v);
    const facts = releaseFacts(line);
    if (!facts) continue;
    let m = byLine.get(line);
    if (!m) {
      const known = facts.provisional ? [] : [...facts.versions];
      m = { facts, versions: known, allowed: [], beyondData: facts.provisional === true, exact: undefined };
      byLine.set(line, m);
    }
    if (!m.versions.includes(v)) {
      m.versions.push(v);
      if (!facts.provisional) m.beyondData = true;
    }
    if (rules.every((r) => r.accepts(v)) && !m.allowed.includes(v)) m.allowed.push(v);
  }
  const out = [...byLine.values()].filter((m) => m.allowed.length > 0);
  for (const m of out) {
    const sortV = (a: string, b: string): number => compareLines(a, b);
    m.versions.sort(sortV);
    m.allowed.sort(sortV);
    // An unknown patch only matters when the rules picked it.
    if (m.beyondData && !m.facts.provisional && m.allowed.every((v) => m.facts.versions.includes(v))) {
      m.versions = m.versions.filter((v) => m.facts.versions.includes(v));
      m.beyondData = false;
    }
    if (exact && m.allowed.includes(exact)) m.exact = exact;
  }
  return out.sort((a, b) => compareLines(b.facts.line, a.facts.line));
}

/**
 * The release lines that satisfy every rule, newest first. Falls back to
 * releases newer than the data when only those match (planned from the newest
 * known pattern). Throws InputError naming both sides of a conflict.
 */
export function matchingLines(rules: readonly TorchRule[], torchVersion: string): LineMatch[] {
  // Exact pins join the versions considered only on lines the data can describe.
  const pins = rules
    .map((r) => r.exact)
    .filter((e): e is string => e !== undefined && valid(e) !== null && releaseFacts(lineOf(e)) !== null);
  const known = group([...allKnownVersions(), ...pins], rules);
  if (known.length > 0) return known;
  const universe = [...allKnownVersions(), ...pins, ...futureProbes()];
  // Past the data, plan for the nearest release that matches: later ones may never exist.
  const future = group(universe, rules);
  if (future.length > 0) return [future[future.length - 1]];
  throw explainConflict(rules, universe, torchVersion);
}

function explainConflict(rules: readonly TorchRule[], universe: readonly string[], torchVersion: string): InputError {
  const matches = (r: TorchRule): string[] => universe.filter((v) => r.accepts(v));
  for (const r of rules) {
    if (matches(r).length > 0) continue;
    if (r.source === 'torch-version') return new InputError('torch-version', torchVersion, `no torch release matches it (torchcraft knows ${KNOWN})`);
    return new InputError('requirements', `${r.source}: ${r.wants}`, `${r.source} wants ${r.wants}, which no torch release satisfies (torchcraft knows ${KNOWN})`);
  }
  const tv = rules.find((r) => r.source === 'torch-version');
  const pins = rules.filter((r) => r !== tv);
  if (tv) {
    for (const r of pins) {
      if (!matches(r).some((v) => tv.accepts(v))) {
        return new InputError('requirements', `${r.source}: ${r.wants}`, `${r.source} wants ${r.wants} but torch-version is ${tv.wants}`);
      }
    }
  }
  for (let i = 0; i < pins.length; i++) {
    for (let j = i + 1; j < pins.length; j++) {
      const [a, b] = [pins[i], pins[j]];
      if (!matches(a).some((v) => b.accepts(v))) {
        return new InputError('requirements', `${a.source}: ${a.wants}`, `${a.source} wants ${a.wants} but ${b.source} wants ${b.wants}${groupsHint(a.source, b.source)}`);
      }
    }
  }
  const all = rules.map((r) => (r.source === 'torch-version' ? `torch-version ${r.wants}` : `${r.source} wants ${r.wants}`)).join('; ');
  return new InputError('requirements', rules.map((r) => r.wants).join(', '), `no torch release satisfies all of: ${all}`);
}

/** A build a project pins by its local label: torch==2.5.1+cu121 pins cu121. */
export interface PinnedBuild {
  variant: string;
  source: string;
  wants: string;
}

/**
 * Builds named by local labels in the project's pins (torch, torchvision, torchaudio).
 * A labelled pin only matches that exact build (PEP 440), so the project's own
 * install would replace any other build: the plan must use it.
 */
export function pinnedBuilds(constraints: readonly ProjectConstraint[]): PinnedBuild[] {
  const found: PinnedBuild[] = [];
  for (const c of constraints) {
    const project = c.project.toLowerCase().replace(/[-_.]+/g, '-');
    if (!['torch', 'torchvision', 'torchaudio'].includes(project)) continue;
    const label = /\+([A-Za-z0-9.]+)/.exec(c.specifier)?.[1]?.toLowerCase();
    if (label) found.push({ variant: label, source: c.source, wants: `${project}${c.specifier.trim()}` });
  }
  return found;
}

/** "[project.optional-dependencies.cu]" or "[dependency-groups.dev]" in a ProjectConstraint source. */
const GROUP = /\[(project\.optional-dependencies|dependency-groups)\.([^\]]+)\]/;

/**
 * When two conflicting pins come from different pyproject groups, the likely cause
 * is reading every group (the extras default) where the environment installs one:
 * "; these come from different ... groups; set extras ..." or "".
 */
export function groupsHint(a: string, b: string): string {
  const ga = GROUP.exec(a);
  const gb = GROUP.exec(b);
  if (!ga || !gb || (ga[1] === gb[1] && ga[2] === gb[2])) return '';
  const kind = ga[1] === gb[1] && ga[1] === 'dependency-groups' ? 'dependency groups' : 'optional-dependency groups';
  return `; these come from different ${kind}; set extras (--extras) to the group(s) this environment installs`;
}
