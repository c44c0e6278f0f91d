/**
 * Packages that pair with a torch version: torchvision and torchaudio (the
 * PyTorch index serves them next to torch), and xformers (PyPI wheels pin an
 * exact torch).
 */
import { compare } from '@renovatebot/pep440';

// [TV][PV] torchvision 0.(minor+15).patch and torchaudio = torch's version, except
// torch 2.0.0 <-> 0.15.1 / 2.0.1 and 2.0.1 <-> 0.15.2 / 2.0.2.
const EXCEPTIONS: Readonly<Record<string, { torchvision: string; torchaudio: string }>> = {
  '2.0.0': { torchvision: '0.15.1', torchaudio: '2.0.1' },
  '2.0.1': { torchvision: '0.15.2', torchaudio: '2.0.2' },
};

/** torchaudio's last release line; 2.11.0 declares no torch pin [reference]. */
export const TORCHAUDIO_LAST = '2.11';
export const TORCHAUDIO_LAST_VERSION = '2.11.0';

function parts(torch: string): [number, number, number] {
  const [a, b, c] = torch.split('.').map(Number);
  return [a, b, c ?? 0];
}

/** The torchvision version that pairs with a torch version ("2.5.1" -> "0.20.1"). */
export function torchvisionFor(torch: string): string {
  const exception = EXCEPTIONS[torch];
  if (exception) return exception.torchvision;
  const [major, minor, patch] = parts(torch);
  // Only the 2.x scheme is known; 3.x is a guess the caller warns about (newer than the data).
  return `0.${(major - 2) * 100 + minor + 15}.${patch}`;
}

/** The torchvision line of a torch line ("2.14" -> "0.29"). */
export function torchvisionLineFor(line: string): string {
  const [major, minor] = parts(line);
  return `0.${(major - 2) * 100 + minor + 15}`;
}

/** The torchaudio version that pairs with a torch version; null from 2.12 on (none published). */
export function torchaudioFor(torch: string): string | null {
  const exception = EXCEPTIONS[torch];
  if (exception) return exception.torchaudio;
  return compare(lineOfVersion(torch), TORCHAUDIO_LAST) > 0 ? null : torch;
}

export function hasTorchaudio(line: string): boolean {
  return compare(line, TORCHAUDIO_LAST) <= 0;
}

function lineOfVersion(v: string): string {
  const [major, minor] = parts(v);
  return `${major}.${minor}`;
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
