/**
 * Packages that pair with a torch version: torchvision and torchaudio (the
 * PyTorch index serves them next to torch), and xformers (PyPI wheels pin an
 * exact torch).
 */
import { compare, explain } from '@renovatebot/pep440';

// [TV][PV] torchvision 0.(minor+15).patch and torchaudio = torch's version, except
// torch 2.0.0 <-> 0.15.1 / 2.0.1 and 2.0.1 <-> 0.15.2 / 2.0.2. Only the 2.x scheme is
// known: for another major the pairing is unknown (null), not guessed.
const EXCEPTIONS: Readonly<Record<string, { torchvision: string; torchaudio: string }>> = {
  '2.0.0': { torchvision: '0.15.1', torchaudio: '2.0.1' },
  '2.0.1': { torchvision: '0.15.2', torchaudio: '2.0.2' },
};

/** The only torch major whose companion scheme the data knows. */
export const PAIRED_MAJOR = 2;

/** torchaudio's last release line; 2.11.0 declares no torch pin [reference]. */
export const TORCHAUDIO_LAST = '2.11';
export const TORCHAUDIO_LAST_VERSION = '2.11.0';

/**
 * The PEP 440 release part of a torch version as major.minor.patch: "2.5.1.post1"
 * and "2.5.1.0" give [2, 5, 1], "2.9.0rc1" gives [2, 9, 0]; null for a non-version.
 * Companions pair with this part (a post-release or a trailing .0 is the same release).
 */
export function releasePart(torch: string): [number, number, number] | null {
  const v = explain(torch);
  if (!v || v.epoch !== 0) return null;
  const [major, minor = 0, patch = 0] = v.release;
  return [major, minor, patch];
}

/** Whether the data knows which companions pair with this torch version (torch 2.x only). */
export function companionsKnown(torch: string): boolean {
  return releasePart(torch)?.[0] === PAIRED_MAJOR;
}

/**
 * The torchvision version that pairs with a torch version ("2.5.1" -> "0.20.1",
 * "2.5.1.post1" -> "0.20.1"); null when the pairing is unknown (not 2.x, not a version).
 */
export function torchvisionFor(torch: string): string | null {
  const r = releasePart(torch);
  if (!r || r[0] !== PAIRED_MAJOR) return null;
  const exception = EXCEPTIONS[r.join('.')];
  if (exception) return exception.torchvision;
  return `0.${r[1] + 15}.${r[2]}`;
}

/**
 * The torchaudio version that pairs with a torch version (its release part:
 * "2.5.1.post1" -> "2.5.1"); null from 2.12 on (none published) and when unknown.
 */
export function torchaudioFor(torch: string): string | null {
  const r = releasePart(torch);
  if (!r || r[0] !== PAIRED_MAJOR) return null;
  const exception = EXCEPTIONS[r.join('.')];
  if (exception) return exception.torchaudio;
  return hasTorchaudio(`${r[0]}.${r[1]}`) ? r.join('.') : null;
}

export function hasTorchaudio(line: string): boolean {
  return compare(line, TORCHAUDIO_LAST) <= 0;
}

/**
 * xformers version -> the torch it requires. Source: facebookresearch/xformers
 * .github/workflows/wheels.yml at each tag (the `torch_version` matrix) and
 * wheels_build.yml, which rewrote requirements.txt to `torch == <that version>`
 * before building, up to v0.0.34; commit c42443a8 (2026-02-05, "Relax PyTorch
 * dependency in wheels to enable forward-compatibility") removed the pin, and
 * v0.0.35's requirements.txt says `torch >= 2.10` (stable ABI, CHANGELOG 0.0.34).
 * 0.0.20-0.0.22 were built for 2.0.1 (wheels.yml matrix; the pin mechanism then is
 * not re-checked). 0.0.26 (built for 2.2.2, CHANGELOG says 2.3.0) is left out:
 * doubtful, and 0.0.26.post1 covers 2.3.0. Newer than 0.0.35: unknown.
 */
export const XFORMERS: readonly { xformers: string; torch: string }[] = [
  { xformers: '0.0.20', torch: '==2.0.1' },
  { xformers: '0.0.21', torch: '==2.0.1' },
  { xformers: '0.0.22', torch: '==2.0.1' },
  { xformers: '0.0.22.post7', torch: '==2.1.0' },
  { xformers: '0.0.23', torch: '==2.1.1' },
  { xformers: '0.0.23.post1', torch: '==2.1.2' },
  { xformers: '0.0.24', torch: '==2.2.0' },
  { xformers: '0.0.25', torch: '==2.2.1' },
  { xformers: '0.0.25.post1', torch: '==2.2.2' },
  { xformers: '0.0.26.post1', torch: '==2.3.0' },
  { xformers: '0.0.27', torch: '==2.3.1' },
  { xformers: '0.0.27.post1', torch: '==2.4.0' },
  { xformers: '0.0.27.post2', torch: '==2.4.0' },
  { xformers: '0.0.28', torch: '==2.4.1' },
  { xformers: '0.0.28.post1', torch: '==2.4.1' },
  { xformers: '0.0.28.post2', torch: '==2.5.0' },
  { xformers: '0.0.28.post3', torch: '==2.5.1' },
  { xformers: '0.0.29', torch: '==2.5.1' },
  { xformers: '0.0.29.post1', torch: '==2.5.1' },
  { xformers: '0.0.29.post2', torch: '==2.6.0' },
  { xformers: '0.0.29.post3', torch: '==2.6.0' },
  { xformers: '0.0.30', torch: '==2.7.0' },
  { xformers: '0.0.31', torch: '==2.7.1' },
  { xformers: '0.0.31.post1', torch: '==2.7.1' },
  { xformers: '0.0.32', torch: '==2.8.0' },
  { xformers: '0.0.32.post1', torch: '==2.8.0' },
  { xformers: '0.0.32.post2', torch: '==2.8.0' },
  { xformers: '0.0.33', torch: '==2.9.0' },
  { xformers: '0.0.33.post1', torch: '==2.9.0' },
  { xformers: '0.0.33.post2', torch: '==2.9.1' },
  { xformers: '0.0.34', torch: '==2.10.0' },
  { xformers: '0.0.35', torch: '>=2.10' },
];
