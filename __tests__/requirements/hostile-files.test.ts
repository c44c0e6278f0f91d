/**
 * Hostile project files: read as pip reads them (its line breaks, its decoding),
 * confined to the project, each file read once, the work linear in the input,
 * and nothing of a file outside the project or of an expanded variable in any message.
 */
import { describe, expect, it } from '@jest/globals';
import { symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { InputError } from '../../src/errors.js';
import { readProjectRequirements } from '../../src/requirements/index.js';
import { logicalLines } from '../../src/requirements/requirements-file.js';
import { decodeLikePip } from '../../src/requirements/decode.js';
import type { TargetEnvironment } from '../../src/requirements/target.js';
import { failure, project } from './helpers.js';
import { pipReads } from '../helpers/pip-read.js';
import { describePosix } from '../helpers/posix.js';
import { runTool } from '../../src/process/run-tool.js';

const linux: TargetEnvironment = { os: 'linux', arch: 'x86_64', python: '3.12' };
const read = (paths: string[], cwd: string, workspace?: string, env?: NodeJS.ProcessEnv) => readProjectRequirements(paths, linux, { extras: 'all', cwd, workspace, env });
const everything = (r: { notes: string[]; warnings: string[]; files: string[] }) => [...r.notes, ...r.warnings, ...r.files].join('\n');

describe('read as pip reads it', () => {
  it('cuts lines where Python splitlines() does: \\v \\f \\x1c-\\x1e \\x85 U+2028 U+2029', () => {
    for (const brk of ['\v', '\f', '\x1c', '\x1d', '\x1e', '\x85', '\u2028', '\u2029', '\r', '\r\n']) {
      expect(logicalLines(`numpy${brk}torch==2.5.1`).map((l) => l.text)).toEqual(['numpy', 'torch==2.5.1']);
    }
  });

  it('property: the same logical lines as pip, for any text', async () => {
    const unit = fc.constantFrom('torch', '==2.5.1', ' ', '#', '\\', '\n', '\r', '\v', '\f', '\x1c', '\x1f', '\x85', '\u2028', '\u00a0', '\t', 'a', '-r x');
    const texts = fc.sample(fc.string({ unit, maxLength: 30 }), 300);
    const reads = await pipReads(texts);
    for (const [i, text] of texts.entries()) {
      const pip = reads[i];
      if (!pip.ok) continue; // pip refused an option line (shlex); nothing to compare
      const ours = logicalLines(text);
      expect({ text, lines: ours.map((l) => l.line) }).toEqual({ text, lines: pip.lines.map((l) => l.line) });
    }
  });

  it("decodes UTF-16 with a BOM (PowerShell's >) as pip does, and reads its pins", async () => {
    const text = 'numpy\r\ntorch==2.5.1\r\n';
    const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
    const be = Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(text, 'utf16le').swap16()]);
    const u8 = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text)]);
    for (const data of [le, be, u8]) expect(decodeLikePip(data)).toBe(text);
    const cwd = project({});
    writeFileSync(join(cwd, 'requirements.txt'), le);
    const r = await read(['requirements.txt'], cwd);
    expect(r.constraints).toEqual([{ project: 'torch', specifier: '==2.5.1', source: 'requirements.txt:2' }]);
    // pip reads the same two requirements from the same bytes.
    const [pip] = await pipReads([le]);
    expect(pip.ok && pip.lines.map((l) => l.args)).toEqual(['numpy', 'torch==2.5.1']);
  });

  it('honours a PEP 263 coding line, as pip does', () => {
    const latin = Buffer.concat([Buffer.from('# -*- coding: latin-1 -*-\n# caf'), Buffer.from([0xe9]), Buffer.from('\ntorch\n')]);
    expect(decodeLikePip(latin)).toBe('# -*- coding: latin-1 -*-\n# café\ntorch\n');
  });
});

describe('project files stay in the project', () => {
  const SECRET = 'machine evil.example login me password Hunter2-SECRET';

  function layout() {
    const root = project({ 'outside/.netrc': `${SECRET}\n`, 'ws/app/reqs.txt': 'torch==2.5.1\n' });
    return { root, ws: join(root, 'ws'), app: join(root, 'ws', 'app'), netrc: join(root, 'outside', '.netrc') };
  }

  it('does not read an include outside the project: a warning names the include as written, its lines go nowhere', async () => {
    const { ws, app, netrc } = layout();
    writeFileSync(join(app, 'requirements.txt'), `-r ../../outside/.netrc\n-c ${netrc}\n-r reqs.txt\n`);
    const r = await read(['requirements.txt'], app, ws);
    expect(r.constraints).toEqual([{ project: 'torch', specifier: '==2.5.1', source: 'reqs.txt:1' }]);
    expect(r.warnings).toEqual([
      'requirements.txt:1: -r "../../outside/.netrc" names a file outside the project folder; torchcraft reads no file outside it, so pins in it are not honoured.',
      `requirements.txt:2: -c ${JSON.stringify(netrc)} names a file outside the project folder; torchcraft reads no file outside it, so pins in it are not honoured.`,
    ]);
    expect(everything(r)).not.toContain('Hunter2');
  });

  it('reads an include above the working folder when it is inside the workspace', async () => {
    const { ws, app } = layout();
    writeFileSync(join(ws, 'base.txt'), 'torchvision==0.20.1\n');
    writeFileSync(join(app, 'requirements.txt'), '-r ../base.txt\n');
    const r = await read(['requirements.txt'], app, ws);
    expect(r.constraints).toEqual([{ project: 'torchvision', specifier: '==0.20.1', source: '../base.txt:1' }]);
    // Without a workspace the project is the working folder.
    expect((await read(['requirements.txt'], app)).warnings[0]).toMatch(/names a file outside the project folder/);
  });

  it('does not follow a link that leads outside, nor read /proc/self/environ', async () => {
    const { ws, app, netrc } = layout();
    symlinkSync(netrc, join(app, 'innocent.txt'));
    writeFileSync(join(app, 'requirements.txt'), '-r innocent.txt\n-r /proc/self/environ\n');
    const r = await read(['requirements.txt'], app, ws, { ...process.env, HUNTER: 'Hunter2-ENV' });
    expect(r.warnings.map((w) => w.replace(/;.*/, ''))).toEqual([
      'requirements.txt:1: -r "innocent.txt" is a link to a file outside the project folder',
      'requirements.txt:2: -r "/proc/self/environ" names a file outside the project folder',
    ]);
    expect(everything(r)).not.toContain('Hunter2');
  });

  it('does not read a requirements input outside the project', async () => {
    const { ws, app } = layout();
    const r = await read(['../../outside/.netrc', '../../outside/pyproject.toml'], app, ws);
    expect(r.warnings.map((w) => w.replace(/;.*/, ''))).toEqual(['../../outside/.netrc: is outside the project folder', '../../outside/pyproject.toml: is outside the project folder']);
    expect(everything(r)).not.toContain('Hunter2');
  });

  it('never shows the value of a variable in an include path', async () => {
    const cwd = project({ 'requirements.txt': '-r ${SECRET_PATH}\n' });
    const e = (await failure(read(['requirements.txt'], cwd, undefined, { SECRET_PATH: 'token-Hunter2.txt' }))) as InputError;
    expect(e).toBeInstanceOf(InputError);
    expect(e.message).toContain('-r "${SECRET_PATH}" names ${SECRET_PATH}, which cannot be read (no such file)');
    expect(e.message).not.toContain('Hunter2');
  });
});

describePosix('bounded work', () => {
  it('refuses a FIFO as a requirements file instead of waiting for a writer', async () => {
    const cwd = project({});
    const made = await runTool('mkfifo', [join(cwd, 'fifo.txt')], { timeoutMs: 5000 });
    expect(made.ok).toBe(true);
    writeFileSync(join(cwd, 'requirements.txt'), '-r fifo.txt\n');
    const e = (await failure(read(['requirements.txt'], cwd))) as InputError;
    expect(e.message).toMatch(/fifo\.txt, which cannot be read \(it is a FIFO \(named pipe\), not a regular file\)/);
    expect(((await failure(read(['fifo.txt'], cwd))) as InputError).message).toMatch(/not a regular file/);
  });

  it('reads each file once however often it is included: a fan of 2^40 paths', async () => {
    const files: Record<string, string> = { 'f40.txt': 'torch==2.5.1\n' };
    for (let i = 0; i < 40; i++) files[`f${i}.txt`] = `-r f${i + 1}.txt\n-c f${i + 1}.txt\nnumpy==1.${i}; python_version < "3"\n`;
    const cwd = project(files);
    const r = await read(['f0.txt'], cwd);
    expect(r.constraints).toEqual([{ project: 'torch', specifier: '==2.5.1', source: 'f40.txt:1' }]);
    expect(r.files).toHaveLength(41);
  });

  it('expands a fan of include-group entries once per group', async () => {
    const groups = Array.from({ length: 40 }, (_, i) => `g${i} = [{include-group = "g${i + 1}"}, {include-group = "g${i + 1}"}]`);
    const cwd = project({ 'pyproject.toml': `[project]\nname = "x"\n[dependency-groups]\n${groups.join('\n')}\ng40 = ["torch==2.5.1"]\n` });
    const r = await readProjectRequirements(['pyproject.toml'], linux, { extras: ['g0'], cwd });
    expect(r.constraints.map((c) => `${c.project}${c.specifier}`)).toEqual(['torch==2.5.1']);
  });

  it('keeps 40,000 lines of notes linear: each distinct note once', async () => {
    const lines = Array.from({ length: 40_000 }, (_, i) => `./local${i}.zip`);
    const cwd = project({ 'requirements.txt': `${lines.join('\n')}\ntorch==2.5.1\n` });
    const r = await read(['requirements.txt'], cwd);
    expect(r.notes).toHaveLength(40_000);
    expect(r.constraints).toHaveLength(1);
  });

  it('reads a 100,000-space line and a line of backslashes without quadratic work, and quotes them shortened', async () => {
    const cwd = project({ 'requirements.txt': `numpy==1${' '.repeat(100_000)}x${' '.repeat(100_000)}\n${'\\'.repeat(100_000)}a${'\\'.repeat(100_000)}x\ntorch\n` });
    const r = await read(['requirements.txt'], cwd);
    expect(r.constraints).toEqual([{ project: 'torch', specifier: '', source: 'requirements.txt:3' }]);
    expect(r.notes.length).toBe(2);
    for (const n of r.notes) expect(n.length).toBeLessThan(400);
  });
});

describe('cycles', () => {
  it('names a cycle through ${VAR} by the names as written', async () => {
    const cwd = project({ 'a.txt': '-r ${SECRET_DIR}/b.txt\n', 'hidden-Hunter2/b.txt': '-r ../a.txt\n' });
    const e = (await failure(read(['a.txt'], cwd, undefined, { SECRET_DIR: 'hidden-Hunter2' }))) as InputError;
    expect(e.message).toContain('makes a cycle of includes: a.txt -> ${SECRET_DIR}/b.txt -> a.txt');
    expect(e.message).not.toContain('Hunter2');
  });
});

describe('files reached through a variable', () => {
  it('name the files they include beside them, not by the folder the variable gave', async () => {
    const cwd = project({ 'a.txt': '-r ${SECRET_DIR}/b.txt\n', 'hidden-Hunter2/b.txt': '-r c.txt\n', 'hidden-Hunter2/c.txt': 'torch==2.5.1\n' });
    const r = await read(['a.txt'], cwd, undefined, { SECRET_DIR: 'hidden-Hunter2' });
    expect(r.constraints).toEqual([{ project: 'torch', specifier: '==2.5.1', source: '${SECRET_DIR}/c.txt:1' }]);
    expect(everything(r)).not.toContain('Hunter2');
  });
});

describe('a .env file named as requirements', () => {
  it('says its lines are assignments without repeating their values', async () => {
    const cwd = project({ 'requirements.txt': '-r .env\n', '.env': 'API_KEY=sk-Hunter2-live\nDB_PASSWORD = Hunter2pw\nnumpy\n' });
    const r = await read(['requirements.txt'], cwd);
    expect(r.notes).toEqual([
      '.env:1: "API_KEY=…" is a variable assignment, not a requirement (a version needs "=="); the rest of the line is not shown; torchcraft leaves it to pip.',
      '.env:2: "DB_PASSWORD=…" is a variable assignment, not a requirement (a version needs "=="); the rest of the line is not shown; torchcraft leaves it to pip.',
    ]);
    expect(everything(r)).not.toContain('Hunter2');
    const e = (await failure(read(['t.txt'], project({ 't.txt': 'torch=2.5.1\n' })))) as InputError;
    expect(e.message).toContain('"torch=…" is a variable assignment');
  });
});
