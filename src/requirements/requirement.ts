/**
 * One PEP 508 requirement string, `name[extras] specifier ; marker` or
 * `name[extras] @ url ; marker`, split into its parts. Syntax only: whether the
 * marker holds is markers.ts's job, what the name means is the caller's.
 * Never throws: a string that is not a requirement is an error result, with the
 * name when it could be read, so the caller can be strict about family packages
 * and lenient about the rest.
 */
import { validRange } from '@renovatebot/pep440';
import { normalizeName } from './family.js';
import { shorten } from '../sinks/limits.js';

export interface Requirement {
  /** The name as written. */
  name: string;
  /** PEP 503 normalised. */
  project: string;
  extras: string[];
  /** The version specifier without whitespace or parentheses: ">=2.4,<2.6"; "" for none. */
  specifier: string;
  /** A direct reference (`name @ url`), when there is one. */
  url?: string;
  /** The marker text after `;`, when there is one. */
  marker?: string;
}

export type RequirementParse =
  | { ok: true; requirement: Requirement }
  | { ok: false; error: string; /** The normalised name, when the text starts with one. */ project?: string };

// PEP 508 identifiers: letters and digits at both ends, `-_.` allowed inside.
const NAME = /^[A-Za-z0-9](?:[A-Za-z0-9._-]*[A-Za-z0-9])?/;
const EXTRA = /^[A-Za-z0-9](?:[A-Za-z0-9._-]*[A-Za-z0-9])?$/;

export function parseRequirement(text: string): RequirementParse {
  const s = text.trim();
  const nameMatch = NAME.exec(s);
  if (!nameMatch) return { ok: false, error: 'does not start with a project name' };
  const name = nameMatch[0];
  const project = normalizeName(name);
  const fail = (error: string): RequirementParse => ({ ok: false, error, project });
  let rest = s.slice(name.length).trimStart();

  let extras: string[] = [];
  if (rest.startsWith('[')) {
    const close = rest.indexOf(']');
    if (close < 0) return fail('has "[" without a closing "]"');
    const inner = rest.slice(1, close).trim();
    extras = inner === '' ? [] : inner.split(',').map((e) => e.trim());
    const bad = extras.find((e) => !EXTRA.test(e));
    if (bad !== undefined) return fail(`has an invalid extra ${JSON.stringify(shorten(bad, 80))}`);
    rest = rest.slice(close + 1).trimStart();
  }

  if (rest.startsWith('@')) {
    // A URL ends at whitespace; a marker after it must be set off by whitespace (PEP 508).
    const after = rest.slice(1).trimStart();
    const end = after.search(/\s/);
    const url = end < 0 ? after : after.slice(0, end);
    if (url === '') return fail('has "@" without a URL');
    const tail = end < 0 ? '' : after.slice(end).trim();
    if (tail === '') return { ok: true, requirement: { name, project, extras, specifier: '', url } };
    if (!tail.startsWith(';')) return fail(`has ${JSON.stringify(tail.slice(0, 20))} after the URL where only "; marker" may follow`);
    const marker = tail.slice(1).trim();
    if (marker === '') return fail('has ";" without a marker');
    return { ok: true, requirement: { name, project, extras, specifier: '', url, marker } };
  }

  const semi = rest.indexOf(';');
  let spec = (semi < 0 ? rest : rest.slice(0, semi)).trim();
  let marker: string | undefined;
  if (semi >= 0) {
    marker = rest.slice(semi + 1).trim();
    if (marker === '') return fail('has ";" without a marker');
  }
  if (spec.startsWith('(')) {
    if (!spec.endsWith(')')) return fail('has "(" without a closing ")"');
    spec = spec.slice(1, -1).trim();
  }
  if (spec !== '' && !isValidSpecifier(spec)) {
    return fail(`has an invalid version specifier ${JSON.stringify(shorten(spec, 80))} (PEP 440: e.g. "==2.5.1", ">=2.4,<2.6", "~=2.5")`);
  }
  // Validated as written; stored without whitespace, which carries no meaning there.
  const specifier = spec.replace(/\s+/g, '');
  return { ok: true, requirement: { name, project, extras, specifier, ...(marker !== undefined ? { marker } : {}) } };
}

function isValidSpecifier(specifier: string): boolean {
  try {
    return validRange(specifier);
  } catch {
    return false;
  }
}
