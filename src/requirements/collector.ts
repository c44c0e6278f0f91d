/**
 * Where requirements from every file end up: the family's constraints, the
 * notes for the user, the files read. Both readers (pip requirement files and
 * pyproject.toml) hand each requirement string here, so the rules for what is
 * an error and what is a note live in one place:
 *
 * - a PyTorch-family requirement must be fully valid (name, specifier, marker):
 *   a mistake there would silently change the plan, so it is an InputError;
 * - any other package is pip's business: a line pip may refuse is a note, not
 *   a failure, as long as it starts with a project name;
 * - text that is not a requirement at all (no name) is an InputError, because
 *   torchcraft cannot tell whether it was meant to be torch;
 * - what the project's own install will do behind torchcraft.txt's back (a family
 *   package from a URL, a pin torchcraft cannot read) is a warning, not a note:
 *   the user must see it, since it undoes the plan.
 */
import { InputError } from '../errors.js';
import type { ProjectConstraint } from '../plan/types.js';
import { redactText } from '../secrets.js';
import { isPytorchFamily } from './family.js';
import { evaluateMarker, type MarkerEnvironment } from './markers.js';
import { parseRequirement, type Requirement } from './requirement.js';
import { wheelPin } from './wheel.js';
import type { MarkerValues } from './target.js';
import { shorten } from '../sinks/limits.js';

/** `NAME=value` (a .env line): a single "=" after a name. */
const ASSIGNMENT = /^\s*([A-Za-z_][A-Za-z0-9_.-]*)\s*=(?!=)/;

/** A note or warning longer than this quotes outside text at length: it is shortened. */
const MAX_NOTE = 1000;

/** Where a requirement string was written. */
export interface Origin {
  /** The file, as shown to the user (relative to cwd): InputError's value. */
  file: string;
  /** Within the file, for errors: "line 3", "[project.optional-dependencies.train]". */
  place: string;
  /** ProjectConstraint.source: "requirements.txt:3", "pyproject.toml [project.dependencies]". */
  source: string;
}

export class Collector {
  readonly constraints: ProjectConstraint[] = [];
  readonly notes: string[] = [];
  /** What will undo or bypass the plan when the project installs itself; see ProjectRequirements.warnings. */
  readonly warnings: string[] = [];
  readonly files: string[] = [];
  // Each list is de-duplicated through a set beside it: a search of the list per
  // line made 40,000 lines cost ~27 s.
  private readonly seen = { notes: new Set<string>(), warnings: new Set<string>(), files: new Set<string>(), constraints: new Set<string>() };

  constructor(readonly values: MarkerValues) {}

  note(source: string, message: string): void {
    const line = shorten(`${source}: ${message}`, MAX_NOTE);
    if (!this.seen.notes.has(line)) {
      this.seen.notes.add(line);
      this.notes.push(line);
    }
  }

  warn(source: string, message: string): void {
    const line = shorten(`${source}: ${message}`, MAX_NOTE);
    if (!this.seen.warnings.has(line)) {
      this.seen.warnings.add(line);
      this.warnings.push(line);
    }
  }

  /** Record a family pin, once per (project, specifier, source). */
  constrain(constraint: ProjectConstraint): void {
    const key = JSON.stringify([constraint.project, constraint.specifier, constraint.source]);
    if (!this.seen.constraints.has(key)) {
      this.seen.constraints.add(key);
      this.constraints.push(constraint);
    }
  }

  /**
   * A family package installed from a link (`torch @ url`, a wheel's URL or path,
   * an editable checkout): the line fixes the build, so the project's install
   * replaces torchcraft's. A wheel's file name still tells the version (and the
   * build, by its local label), which becomes a pin so the plan agrees with it.
   */
  direct(project: string, link: string, origin: Origin, shown: string, what: string): void {
    const pin = wheelPin(link, project);
    if (pin !== null) this.constrain({ project, specifier: `==${pin}`, source: origin.source });
    const planned = pin !== null ? ` torchcraft plans for ${project}==${pin}, the version its file name gives, but` : ' torchcraft does not constrain it, and';
    this.warn(origin.source, `${quote(shown)} ${what}, which fixes the build;${planned} installing that line will replace the build torchcraft.txt chose.`);
  }

  /**
   * Whether a requirement with this marker applies to the target: true (holds or
   * may hold, with a note for a family package when unknown), false (with a note
   * for a family package). A marker that cannot be read is an InputError on a
   * family package and a note (false) on any other.
   */
  applies(marker: string | undefined, family: boolean, origin: Origin, extras: MarkerEnvironment['extras'], shown: string): boolean {
    if (marker === undefined) return true;
    const result = evaluateMarker(marker, { values: this.values, extras });
    if (!result.ok) {
      if (family) throw new InputError('requirements', origin.file, `${origin.place}: the marker of ${quote(shown)} cannot be read: ${result.error}.`);
      this.note(origin.source, `the marker of ${quote(shown)} cannot be read (${result.error}); it is not a PyTorch package, so torchcraft leaves it to pip.`);
      return false;
    }
    if (result.value === false) {
      if (family) this.note(origin.source, `${quote(shown)} does not apply to this machine (its marker is false here), so it does not constrain the plan.`);
      return false;
    }
    if (result.value === 'unknown' && family) {
      this.note(origin.source, `${quote(shown)} depends on ${result.unknown.join(', ')}, which is not known for this machine; it is counted as applying.`);
    }
    return true;
  }

  fileRead(display: string): void {
    if (!this.seen.files.has(display)) {
      this.seen.files.add(display);
      this.files.push(display);
    }
  }

  /**
   * Record one requirement string. Returns it when it applies to the target (its
   * marker holds or may hold), null when it does not or could not be read.
   * `shown` is the text as written, for messages, when `text` had environment
   * variables expanded: their values stay out of notes.
   */
  add(text: string, origin: Origin, extras: MarkerEnvironment['extras'], shown = text): Requirement | null {
    const parsed = parseRequirement(text);
    const assignment = parsed.ok ? null : ASSIGNMENT.exec(shown);
    if (assignment) {
      // KEY=value is never a requirement (a single "=" is no operator), and it is how .env files
      // hold secrets: the value is not repeated in any message.
      const what = `${quote(`${assignment[1]}=…`)} is a variable assignment, not a requirement (a version needs "=="); the rest of the line is not shown`;
      if (isPytorchFamily(assignment[1])) throw new InputError('requirements', origin.file, `${origin.place}: ${what}.`);
      this.note(origin.source, `${what}; torchcraft leaves it to pip.`);
      return null;
    }
    if (!parsed.ok) {
      if (parsed.project === undefined) {
        throw new InputError('requirements', origin.file, `${origin.place}: ${quote(shown)} is not a requirement: it ${parsed.error}.`);
      }
      if (isPytorchFamily(parsed.project)) {
        throw new InputError('requirements', origin.file, `${origin.place}: ${quote(shown)} ${parsed.error}.`);
      }
      this.note(origin.source, `${quote(shown)} ${parsed.error}; it is not a PyTorch package, so torchcraft leaves it to pip.`);
      return null;
    }
    const req = parsed.requirement;
    const family = isPytorchFamily(req.project);
    if (!this.applies(req.marker, family, origin, extras, shown)) return null;
    if (!family) return req;
    if (req.url !== undefined) {
      this.direct(req.project, req.url, origin, shown, `installs ${req.project} from a URL`);
      return req;
    }
    this.constrain({ project: req.project, specifier: req.specifier, source: origin.source });
    return req;
  }
}

/** Text from a user's file, shortened and with any URL credentials masked, for messages. */
export function quote(text: string): string {
  const clean = redactText(text.trim());
  return JSON.stringify(clean.length > 120 ? `${clean.slice(0, 117)}...` : clean);
}

