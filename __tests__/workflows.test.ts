/**
 * The repository's own workflows keep the habits the README asks of users and
 * that actions/setup-python and astral-sh/setup-uv keep: every third-party
 * action pinned by commit SHA with its version in a comment (a tag can be moved,
 * a SHA cannot), least `permissions` (read at the top, write only on the job
 * that needs it), and no `${{ }}` pasted into a shell script.
 *
 * A line check, not a YAML parser: the workflows are written in the plain block
 * style these checks read, and a construct they do not understand (a flow-style
 * `permissions: { ... }` with write, a `uses:` they cannot place) is reported,
 * not skipped.
 */
import { describe, expect, it } from '@jest/globals';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const WORKFLOWS = '.github/workflows';

interface Line {
  no: number;
  indent: number;
  text: string;
}

function lines(yaml: string): Line[] {
  return yaml
    .split(/\r?\n/)
    .map((raw, i) => ({ no: i + 1, indent: raw.search(/\S/), text: raw.trim() }))
    .filter((l) => l.indent >= 0 && !l.text.startsWith('#'));
}

/** `owner/repo[/path]@<40 hex> # vX[.Y[.Z]]`, a local `./path`, or a docker image by digest. */
const PINNED = /^[\w.-]+\/[\w.-]+(?:\/[^@\s]+)?@[0-9a-f]{40}\s+#\s*v\d+(?:\.\d+){0,2}\b/;
const LOCAL = /^\.\.?\//;
const DOCKER_DIGEST = /^docker:\/\/\S+@sha256:[0-9a-f]{64}$/;

/** What is wrong with one workflow file, as "file:line: problem" strings; [] when nothing. */
function workflowProblems(name: string, yaml: string): string[] {
  const problems: string[] = [];
  const all = lines(yaml);
  const say = (l: Line, what: string): void => {
    problems.push(`${name}:${l.no}: ${what}`);
  };

  for (const l of all) {
    const m = /^(?:-\s+)?uses:\s*(.*)$/.exec(l.text);
    if (!m) continue;
    const ref = m[1].replace(/^(['"])(.*)\1(\s+#.*)?$/, '$2$3');
    if (LOCAL.test(ref) || DOCKER_DIGEST.test(ref.split(/\s+#/)[0])) continue;
    if (!PINNED.test(ref)) say(l, `"${m[1]}" is not pinned as owner/repo@<40-hex commit SHA> # vX.Y.Z`);
  }

  // permissions: declared at the top level, read-only there; write only inside a job.
  const top = all.find((l) => l.indent === 0 && /^permissions:/.test(l.text));
  if (!top) problems.push(`${name}: no top-level permissions (set "permissions: contents: read" or "{}")`);
  let block: { indent: number; job: boolean } | undefined;
  let inJobs = false;
  for (const l of all) {
    if (l.indent === 0) inJobs = /^jobs:/.test(l.text);
    if (block && l.indent <= block.indent) block = undefined;
    const perm = /^permissions:\s*(.*)$/.exec(l.text);
    if (perm) {
      const job = inJobs && l.indent > 2;
      const inline = perm[1].replace(/\s+#.*$/, '');
      if (inline === 'write-all') say(l, job ? 'permissions "write-all" on a job: name the scopes it needs' : 'permissions "write-all" at the top level');
      else if (inline !== '' && inline !== '{}' && inline !== 'read-all') say(l, `permissions written inline ("${inline}"): give each scope on its own line`);
      if (inline === '') block = { indent: l.indent, job };
      continue;
    }
    if (block && /:\s*write\b/.test(l.text) && !block.job) say(l, `"${l.text}" at the top level: widen permissions on the job that needs it`);
  }

  // No ${{ }} inside run: scripts (the expression is pasted into the script before the shell reads it).
  for (let i = 0; i < all.length; i++) {
    const m = /^(?:-\s+)?run:\s*(.*)$/.exec(all[i].text);
    if (!m) continue;
    const body = [m[1]];
    if (/^[|>]/.test(m[1])) {
      for (let j = i + 1; j < all.length && all[j].indent > all[i].indent; j++) body.push(all[j].text);
    }
    if (body.some((b) => b.includes('${{'))) say(all[i], 'a ${{ }} expression inside run: (pass it through env:)');
  }
  return problems;
}

function workflowFiles(): string[] {
  return readdirSync(WORKFLOWS)
    .filter((f) => /\.ya?ml$/.test(f))
    .sort();
}

describe('the repository workflows', () => {
  it('are there: ci, self-test, release', () => {
    expect(workflowFiles()).toEqual(expect.arrayContaining(['ci.yml', 'release.yml', 'self-test.yml']));
  });

  it.each(workflowFiles())('%s pins every action by SHA, declares least permissions, keeps ${{ }} out of run:', (file) => {
    const yaml = readFileSync(join(WORKFLOWS, file), 'utf8');
    expect(yaml).toMatch(/^\s*(?:-\s+)?uses:/m);
    expect(workflowProblems(file, yaml)).toEqual([]);
  });

  it('release.yml moves the major tag on a job of its own, the only one that may write', () => {
    const yaml = readFileSync(join(WORKFLOWS, 'release.yml'), 'utf8');
    expect(yaml).toMatch(/^ {2}release:\n {4}types: \[published\]/m);
    expect(yaml).toMatch(/^ {4}tags: \['v\[0-9\]\+\.\[0-9\]\+\.\[0-9\]\+'\]/m);
    const writes = [...yaml.matchAll(/^ {6}contents: write/gm)];
    expect(writes).toHaveLength(1);
    const job = yaml.slice(yaml.indexOf('\n  move-major-tag:'));
    expect(job).toMatch(/contents: write/);
    expect(job).toMatch(/git push --force origin "refs\/tags\/\$major"/);
    // dist/ is checked before anything moves.
    expect(job).toMatch(/needs: check\n/);
    expect(yaml).toMatch(/git status --porcelain -- dist requirements/);
  });

  it('dependabot updates npm and the actions, weekly, grouped', () => {
    const yaml = readFileSync('.github/dependabot.yml', 'utf8');
    for (const ecosystem of ['npm', 'github-actions']) {
      const at = yaml.indexOf(`package-ecosystem: ${ecosystem}\n`);
      expect(at).toBeGreaterThan(0);
      const entry = yaml.slice(at).split(/\n {2}- /)[0];
      expect(entry).toMatch(/interval: weekly/);
      expect(entry).toMatch(/groups:/);
    }
  });
});

describe('workflowProblems', () => {
  const ok = [
    'on: push',
    'permissions:',
    '  contents: read',
    'jobs:',
    '  a:',
    '    permissions:',
    '      contents: write',
    '    steps:',
    '      - uses: actions/checkout@fbc6f3992d24b796d5a048ff273f7fcc4a7b6c09 # v5.1.0',
    '      - uses: ./',
    '      - run: echo "$X"',
  ];

  it('accepts a pinned, least-privilege workflow (also with CRLF line ends)', () => {
    expect(workflowProblems('w.yml', ok.join('\n'))).toEqual([]);
    expect(workflowProblems('w.yml', ok.join('\r\n'))).toEqual([]);
  });

  it.each([
    ['a tag', '      - uses: actions/checkout@v5', /not pinned/],
    ['a SHA without its version', '      - uses: actions/checkout@fbc6f3992d24b796d5a048ff273f7fcc4a7b6c09', /not pinned/],
    ['a short SHA', '      - uses: actions/checkout@fbc6f39 # v5.1.0', /not pinned/],
    ['a branch', '        uses: astral-sh/setup-uv@main', /not pinned/],
    ['an expression in run:', '      - run: echo "${{ github.event.pull_request.title }}"', /inside run:/],
  ])('reports %s', (_what, line, problem) => {
    const problems = workflowProblems('w.yml', [...ok, line].join('\n'));
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/^w\.yml:12: /);
    expect(problems[0]).toMatch(problem);
  });

  it('reports an expression in a run: block', () => {
    const yaml = [...ok, '      - run: |', '          set -x', '          test "${{ steps.a.outputs.b }}" = c'].join('\n');
    expect(workflowProblems('w.yml', yaml)).toEqual(['w.yml:12: a ${{ }} expression inside run: (pass it through env:)']);
  });

  it('reports missing or top-level write permissions', () => {
    expect(workflowProblems('w.yml', ok.filter((l) => !/^ {0,2}(permissions|contents: read)/.test(l)).join('\n'))).toEqual([
      'w.yml: no top-level permissions (set "permissions: contents: read" or "{}")',
    ]);
    expect(workflowProblems('w.yml', ok.map((l) => l.replace('  contents: read', '  contents: write')).join('\n'))).toEqual([
      'w.yml:3: "contents: write" at the top level: widen permissions on the job that needs it',
    ]);
    expect(workflowProblems('w.yml', ok.map((l) => (l === 'permissions:' ? 'permissions: write-all' : l)).join('\n'))).toEqual([
      'w.yml:2: permissions "write-all" at the top level',
    ]);
  });
});
