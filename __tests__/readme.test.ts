import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';

/** Every `run:` script in the README's YAML examples, with the line it starts on. */
function runScripts(markdown: string): { line: number; script: string }[] {
  const lines = markdown.split('\n');
  const out: { line: number; script: string }[] = [];
  let inYaml = false;
  for (let i = 0; i < lines.length; i++) {
    if (/^```/.test(lines[i])) {
      inYaml = !inYaml && /^```ya?ml/.test(lines[i]);
      continue;
    }
    if (!inYaml) continue;
    const m = /^(\s*)(?:- )?run:\s*(.*)$/.exec(lines[i]);
    if (!m) continue;
    const body = [m[2]];
    if (/^[|>]/.test(m[2])) {
      const indent = m[1].length;
      while (i + 1 < lines.length && (lines[i + 1].trim() === '' || lines[i + 1].search(/\S/) > indent + 2)) body.push(lines[++i]);
    }
    out.push({ line: i + 1, script: body.join('\n') });
  }
  return out;
}

describe('README workflow examples', () => {
  it('pass outputs to scripts through env:, never ${{ }} inside run:', () => {
    const scripts = runScripts(readFileSync('README.md', 'utf8'));
    expect(scripts.length).toBeGreaterThan(3);
    expect(scripts.filter((s) => s.script.includes('${{'))).toEqual([]);
  });
});
