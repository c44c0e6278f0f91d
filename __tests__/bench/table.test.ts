import { describe, it, expect } from '@jest/globals';
import { formatBytes, formatMs, formatRatio, renderTable } from '../../scripts/bench/table.js';

describe('renderTable', () => {
  const text = renderTable({
    title: 'T',
    headers: ['run', 'median', 'runs'],
    rows: [
      ['node -e 0', '40.1 ms', '15'],
      ['plan-only', '1.2 s', '9'],
      ['bundle', 'skipped: run npm run build first'],
    ],
    notes: ['   a note'],
  });
  const lines = text.split('\n');

  it('prints title, header, rule, rows and notes in order', () => {
    expect(lines[0]).toBe('T');
    expect(lines[1]).toMatch(/^run\s+median\s+runs$/);
    expect(lines[2]).toMatch(/^-+ {2}-+ {2}-+$/);
    expect(lines[lines.length - 1]).toBe('   a note');
  });
  it('left-aligns the first column and right-aligns the rest, so columns line up', () => {
    expect(lines[3]).toBe('node -e 0  40.1 ms    15');
    expect(lines[4].length).toBe(lines[3].length);
    expect(lines[4].endsWith('   9')).toBe(true);
  });
  it('lets a short row’s last cell run on without widening its column', () => {
    expect(lines[5]).toBe('bundle     skipped: run npm run build first');
    expect(lines[2].split('  ')[1].length).toBe('40.1 ms'.length);
  });
});

describe('formats', () => {
  it('prints bytes in binary units with three significant digits', () => {
    expect(formatBytes(512)).toBe('512 B');
    expect(formatBytes(1536)).toBe('1.50 KiB');
    expect(formatBytes(3 * 1024 ** 3 + 0.2 * 1024 ** 3)).toBe('3.20 GiB');
    expect(formatBytes(150 * 1024 ** 2)).toBe('150 MiB');
    expect(formatBytes(Number.NaN)).toBe('n/a');
  });
  it('prints milliseconds, then seconds', () => {
    expect(formatMs(42.04)).toBe('42.0 ms');
    expect(formatMs(420.4)).toBe('420 ms');
    expect(formatMs(12_345)).toBe('12.3 s');
    expect(formatMs(Number.NaN)).toBe('n/a');
  });
  it('prints ratios with an x', () => {
    expect(formatRatio(1.234)).toBe('1.23x');
    expect(formatRatio(Number.NaN)).toBe('n/a');
  });
});
