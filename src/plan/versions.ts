/**
 * Turning the torch-version input and the project's pins into rules on torch
 * versions, and finding the release lines that satisfy them all.
 */
import { normalizeName } from '../package-name.js';
import { compare, eq, explain, satisfies, valid, validRange } from '@renovatebot/pep440';
import { InputError } from '../errors.js';
import { XFORMERS, torchaudioFor, torchvisionFor } from '../data/companions.js';
import { NEWEST_RELEASE, OLDEST_RELEASE, RELEASES, compareLines, groupOfVersion, lineOf, patchGroups, releaseFacts, type ReleaseFacts } from '../data/pytorch.js';
import type { Channel, ProjectConstraint } from './types.js';

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

/**
 * A version as torchcraft writes it: the data's own spelling when PEP 440 calls
 * them equal ("2.5.1.0" is 2.5.1), else the normalised form ("2.9.0RC1" -> "2.9.0rc1").
 */
export function canonicalVersion(version: string): string {
  const v = valid(version.trim());
  if (v === null) return version.trim();
  return allKnownVersions().find((k) => eq(k, v)) ?? v;
}

/** The version a single `==V` / `===V` clause pins (no wildcard), canonical; else undefined. */
function exactPin(spec: string): string | undefined {
  const m = /^\s*===?\s*([^\s,*]+)\s*$/.exec(spec);
  return m && valid(m[1]) !== null ? canonicalVersion(m[1]) : undefined;
}

/** A pre-release in PEP 440's sense: an alpha, beta, release candidate or dev build. */
export function isPrerelease(version: string): boolean {
  return explain(version)?.is_prerelease === true;
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
    exact = canonicalVersion(s);
    spec = `==${exact}`;
  } else if (validRange(s)) {
    spec = s;
    exact = exactPin(s);
  } else {
    return refuse('expected a release (2.5), a version (2.5.1) or a PEP 440 specifier (>=2.4,<2.6, ~=2.5.0, ==2.5.*)');
  }
  return { source: 'torch-version', wants: s, accepts: (v) => ok(v, spec), exact };
}

/** Family projects whose pairing with torch is not in the data: warned about, not used. */
const UNMAPPED = /^(torchao|torchtext|torchdata|triton|pytorch-triton.*)$/;

/**
 * The project's pins as rules. Family pins whose torch pairing the data does not
 * know become warnings instead (they do not constrain the plan, and the project's
 * own install of them may replace torch); names outside the family, notes.
 */
export function constraintRules(constraints: readonly ProjectConstraint[]): { rules: TorchRule[]; notes: string[]; warnings: string[] } {
  const rules: TorchRule[] = [];
  const notes: string[] = [];
  const warnings: string[] = [];
  for (const c of constraints) {
    const project = normalizeName(c.project);
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
        rules.push({
          ...base,
          accepts: (v) => {
            const vision = torchvisionFor(v);
            return vision !== null && ok(vision, spec);
          },
        });
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
          warnings.push(
            `${c.source} wants ${wants}, which is not in torchcraft's xformers table (known up to ${XFORMERS[XFORMERS.length - 1].xformers}); ` +
              `its torch pin is unknown, so it does not constrain the plan, and installing it may replace torch.`,
          );
          break;
        }
        rules.push({ ...base, accepts: (v) => matching.some((x) => ok(v, x.torch)) });
        break;
      }
      default:
        if (UNMAPPED.test(project)) warnings.push(`${c.source} names ${wants}; torchcraft does not know which torch it pairs with, so it does not constrain the plan.`);
        else notes.push(`${c.source} names ${wants}, which is not a PyTorch-family package; ignored.`);
    }
  }
  return { rules, notes, warnings };
}

/**
 * Pre-releases (rc, a, b, dev) are not on the stable indexes: an exact pre-release
 * pin there is an error naming where it came from. Other channels take them.
 */
export function refusePrereleasePins(rules: readonly TorchRule[], torchVersion: string, channel: Channel): void {
  if (channel !== 'stable') return;
  for (const r of rules) {
    if (r.exact === undefined || !isPrerelease(r.exact)) continue;
    const where =
      'release candidates live on the test channel: set channel test (--channel test)' +
      (explain(r.exact)?.is_devrelease ? '; dev builds are nightlies: set channel nightly (--channel nightly)' : '');
    if (r.source === 'torch-version') {
      throw new InputError('torch-version', torchVersion, `${r.exact} is a pre-release, and the stable channel holds released versions only; ${where}`);
    }
    throw new InputError('requirements', `${r.source}: ${r.wants}`, `${r.source} pins torch ${r.exact}, a pre-release, and the stable channel holds released versions only; ${where}`);
  }
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
    // PEP 440 equality, not spelling: 2.5.1.0 is the known 2.5.1.
    let same = m.versions.find((k) => eq(k, v));
    if (same === undefined) {
      same = v;
      m.versions.push(v);
    }
    if (rules.every((r) => r.accepts(v)) && !m.allowed.some((k) => eq(k, v))) m.allowed.push(same);
  }
  const out = [...byLine.values()].filter((m) => m.allowed.length > 0);
  for (const m of out) {
    m.versions.sort(compare);
    m.allowed.sort(compare);
    if (!m.facts.provisional) {
      const known = (v: string): boolean => m.facts.versions.some((k) => eq(k, v));
      // An unknown version only matters when the rules picked it, and is beyond the data
      // only when newer than the line's last known one (2.9.0rc1 precedes 2.9.0).
      if (m.allowed.every(known)) m.versions = m.versions.filter(known);
      const last = m.facts.versions[m.facts.versions.length - 1];
      m.beyondData = m.allowed.some((v) => !known(v) && compare(v, last) > 0);
    }
    const pinned = exact === undefined ? undefined : m.allowed.find((v) => eq(v, exact));
    if (pinned) m.exact = pinned;
  }
  return out.sort((a, b) => compareLines(b.facts.line, a.facts.line)).flatMap(splitByPatch);
}

/**
 * A line whose patch versions publish different wheels (2.12.0 has 3.13t, 2.12.1 has
 * cu129) as one match per group, newest first: each with the group's facts and the
 * allowed versions in it, so a choice made on a group pins a version that has it.
 */
function splitByPatch(m: LineMatch): LineMatch[] {
  const groups = patchGroups(m.facts);
  if (groups.length === 1) return [m];
  const out: LineMatch[] = [];
  for (const g of [...groups].reverse()) {
    const allowed = m.allowed.filter((v) => groupOfVersion(m.facts, v) === g || sameGroup(groupOfVersion(m.facts, v), g));
    if (allowed.length === 0) continue;
    const exact = m.exact !== undefined && allowed.some((v) => eq(v, m.exact as string)) ? m.exact : undefined;
    const last = g.versions[g.versions.length - 1];
    out.push({ facts: g, versions: m.versions, allowed, exact, beyondData: allowed.some((v) => !m.facts.versions.some((k) => eq(k, v)) && compare(v, last) > 0) });
  }
  return out;
}

function sameGroup(a: ReleaseFacts, b: ReleaseFacts): boolean {
  return a.line === b.line && a.versions.join() === b.versions.join();
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
    const project = normalizeName(c.project);
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
