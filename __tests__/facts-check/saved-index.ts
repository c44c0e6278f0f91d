/**
 * A saved copy of the PyTorch indexes as the facts check reads them: a folder per
 * variant with torch/index.html, each page in download.pytorch.org's own format
 * (`<a href="/whl/cu130/torch-2.14.1%2Bcu130-cp312-cp312-manylinux_2_28_x86_64.whl#sha256=...">`).
 * Built from a plain table, so a test can write the pages the data expects and then
 * change one line of them.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createHash } from 'node:crypto';

/** variant -> wheel file names on its torch page. */
export type SavedPages = Map<string, string[]>;

const TAGS: Readonly<Record<string, string>> = {
  'linux-x86_64': 'manylinux_2_28_x86_64',
  'linux-aarch64': 'manylinux_2_28_aarch64',
  'windows-x86_64': 'win_amd64',
  'windows-aarch64': 'win_arm64',
  'macos-x86_64': 'macosx_10_9_x86_64',
  'macos-aarch64': 'macosx_11_0_arm64',
};

/** The wheel file name download.pytorch.org gives a build: macOS and aarch64 cu124 wheels carry no label. */
export function wheelFile(version: string, variant: string, platform: string, python: string): string {
  const minor = python.replace(/t$/, '').replace('.', '');
  const abi = python.endsWith('t') ? `cp${minor}t` : `cp${minor}`;
  const unlabelled = platform.startsWith('macos') || (variant === 'cu124' && platform === 'linux-aarch64');
  const tag = variant === 'cu124' && platform === 'linux-aarch64' ? 'linux_aarch64' : TAGS[platform];
  return `torch-${version}${unlabelled ? '' : `+${variant}`}-cp${minor}-${abi}-${tag}.whl`;
}

function page(variant: string, files: readonly string[]): string {
  const links = files.map((f) => {
    const sha = createHash('sha256').update(f).digest('hex');
    return `    <a href="/whl/${variant}/${encodeURIComponent(f)}#sha256=${sha}">${f}</a><br/>`;
  });
  return `<!DOCTYPE html>\n<html>\n  <body>\n    <h1>Links for torch</h1>\n${links.join('\n')}\n  </body>\n</html>\n`;
}

/** Writes the pages under a new temporary folder; returns the folder (the facts check's --dir). */
export function writeSavedIndex(pages: SavedPages): string {
  const root = mkdtempSync(join(tmpdir(), 'facts-check-'));
  for (const [variant, files] of pages) {
    const dir = join(root, variant, 'torch');
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'index.html'), page(variant, files));
  }
  return root;
}
