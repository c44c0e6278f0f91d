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
 *   torchcraft cannot tell whether it was meant to be torch.
 */
import { InputError } from '../errors.js';
import type { ProjectConstraint } from '../plan/types.js';
import { redactText } from '../secrets.js';
import { isPytorchFamily } from './family.js';
import { evaluateMarker, type MarkerEnvironment } from './markers.js';
import { parseRequirement, type Requirement } from './requirement.js';
import type { MarkerValues } from './target.js';

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
  readonly files: string[] = [];

  constructor(readonly values: MarkerValues) {}

  note(source: string, message: string): void {
    const line = `${source}: ${message}`;
    if (!this.notes.includes(line)) this.notes.push(line);
  }

  fileRead(display: string): void {
    if (!this.files.includes(display)) this.files.push(display);
  }

  /**
   * Record one requirement string. Returns it when it applies to the target (its
   * marker holds or may hold), null when it does not or could not be read.
   * `shown` is the text as written, for messages, when `text` had environment
   * variables expanded: their values stay out of notes.
   */
  add(text: string, origin: Origin, extras: MarkerEnvironment['extras'], shown = text): Requirement | null {
    const parsed = parseRequirement(text);
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

    if (req.marker !== undefined) {
      const result = evaluateMarker(req.marker, { values: this.values, extras });
      if (!result.ok) {
        if (family) throw new InputError('requirements', origin.file, `${origin.place}: the marker of ${quote(shown)} cannot be read: ${result.error}.`);
        this.note(origin.source, `the marker of ${quote(shown)} cannot be read (${result.error}); it is not a PyTorch package, so torchcraft leaves it to pip.`);
        return null;
      }
      if (result.value === false) {
        if (family) this.note(origin.source, `${quote(shown)} does not apply to this machine (its marker is false here), so it does not constrain the plan.`);
        return null;
      }
      if (result.value === 'unknown' && family) {
        this.note(
          origin.source,
          `${quote(shown)} depends on ${result.unknown.join(', ')}, which is not known for this machine; it is counted as applying.`,
        );
      }
    }

    if (!family) return req;
    if (req.url !== undefined) {
      this.note(
        origin.source,
        `${quote(shown)} installs ${req.project} from a URL, which fixes the build; torchcraft does not constrain it, and installing that line will replace the build torchcraft.txt chose.`,
      );
      return req;
    }
    const constraint: ProjectConstraint = { project: req.project, specifier: req.specifier, source: origin.source };
    const dup = this.constraints.some((c) => c.project === constraint.project && c.specifier === constraint.specifier && c.source === constraint.source);
    if (!dup) this.constraints.push(constraint);
    return req;
  }
}

/** Text from a user's file, shortened and with any URL credentials masked, for messages. */
export function quote(text: string): string {
  const clean = redactText(text.trim());
  return JSON.stringify(clean.length > 120 ? `${clean.slice(0, 117)}...` : clean);
}

