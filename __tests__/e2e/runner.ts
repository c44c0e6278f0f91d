/**
 * Runs the built action exactly as a GitHub runner does: `node dist/index.js`
 * in the workspace, every declared input as INPUT_<NAME> (hyphens kept, the
 * default from action.yml when the test leaves it out), the runner's files
 * (GITHUB_OUTPUT, GITHUB_ENV, GITHUB_PATH, GITHUB_STEP_SUMMARY) and variables,
 * and small fake tools (nvidia-smi, rocminfo...) first on PATH.
 */
import { mkdtempSync, mkdirSync, readFileSync, writeFileSync, chmodSync } from 'node:fs';
import { devNull, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { runTool } from '../../src/process/run-tool.js';
import { INPUTS } from '../../src/options.js';

export const ACTION = resolve('dist/index.js');
export const CLI = resolve('dist/cli/index.js');

export interface Sandbox {
  root: string;
  workspace: string;
  bin: string;
  /** PATH with the fake tools first, then the system's basic tools (sh, sleep). */
  path: string;
}

export function makeSandbox(fakeTools: Record<string, string> = {}): Sandbox {
  const root = mkdtempSync(join(tmpdir(), 'torchcraft-e2e-'));
  const workspace = join(root, 'workspace');
  const bin = join(root, 'bin');
  mkdirSync(workspace);
  mkdirSync(bin);
  for (const [name, body] of Object.entries(fakeTools)) {
    const file = join(bin, name);
    writeFileSync(file, body.startsWith('#!') ? body : `#!/bin/sh\n${body}\n`);
    chmodSync(file, 0o755);
  }
  return { root, workspace, bin, path: `${bin}:/usr/bin:/bin` };
}

/** GITHUB_OUTPUT holds `name<<DELIM\nvalue\nDELIM` blocks (and plain name=value lines). */
export function parseCommandFile(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const heredoc = /^([^=<]+)<<(.+)$/.exec(lines[i]);
    if (heredoc) {
      const value: string[] = [];
      for (i++; i < lines.length && lines[i] !== heredoc[2]; i++) value.push(lines[i]);
      out[heredoc[1]] = value.join('\n');
    } else if (lines[i].includes('=')) {
      const at = lines[i].indexOf('=');
      out[lines[i].slice(0, at)] = lines[i].slice(at + 1);
    }
  }
  return out;
}

export interface ActionRun {
  exitCode: number | null;
  stdout: string;
  stderr: string;
  outputs: Record<string, string>;
  summary: string;
  /** What the step saved with core.saveState (GITHUB_STATE). */
  state: Record<string, string>;
  timedOut: boolean;
}

/** The runner runs a post step with the main step's saved state as STATE_<name> variables. */
export function postStepEnv(main: ActionRun): Record<string, string> {
  return Object.fromEntries(Object.entries(main.state).map(([name, value]) => [`STATE_${name}`, value]));
}

export async function runAction(sandbox: Sandbox, inputs: Record<string, string>, env: Record<string, string> = {}, timeoutMs = 60000): Promise<ActionRun> {
  const files = {
    GITHUB_OUTPUT: join(sandbox.root, 'output'),
    GITHUB_ENV: join(sandbox.root, 'env'),
    GITHUB_PATH: join(sandbox.root, 'path'),
    GITHUB_STEP_SUMMARY: join(sandbox.root, 'summary'),
    // Where core.saveState writes; the runner hands it to the post step as STATE_* variables.
    GITHUB_STATE: join(sandbox.root, 'state'),
  };
  for (const f of Object.values(files)) writeFileSync(f, '');
  const inputEnv: Record<string, string> = {};
  for (const input of INPUTS) inputEnv[`INPUT_${input.name.toUpperCase()}`] = input.default;
  for (const [name, value] of Object.entries(inputs)) {
    if (!INPUTS.some((i) => i.name === name)) throw new Error(`test uses undeclared input ${name}`);
    inputEnv[`INPUT_${name.toUpperCase()}`] = value;
  }
  const result = await runTool(process.execPath, [ACTION], {
    timeoutMs,
    cwd: sandbox.workspace,
    env: {
      PATH: sandbox.path,
      HOME: sandbox.root,
      GITHUB_WORKSPACE: sandbox.workspace,
      GITHUB_ACTIONS: 'true',
      CI: 'true',
      RUNNER_OS: 'Linux',
      RUNNER_ARCH: 'X64',
      RUNNER_ENVIRONMENT: 'self-hosted',
      RUNNER_TEMP: sandbox.root,
      RUNNER_TOOL_CACHE: join(sandbox.root, 'toolcache'),
      ...files,
      ...inputEnv,
      ...env,
    },
  });
  return {
    exitCode: result.exitCode,
    stdout: result.stdout,
    stderr: result.stderr,
    outputs: parseCommandFile(readFileSync(files.GITHUB_OUTPUT, 'utf8')),
    summary: readFileSync(files.GITHUB_STEP_SUMMARY, 'utf8'),
    state: parseCommandFile(readFileSync(files.GITHUB_STATE, 'utf8')),
    timedOut: result.timedOut,
  };
}

export async function runCliBin(sandbox: Sandbox, args: string[], env: Record<string, string> = {}, timeoutMs = 60000) {
  return runTool(process.execPath, [CLI, ...args], {
    timeoutMs,
    cwd: sandbox.workspace,
    env: { PATH: sandbox.path, HOME: sandbox.root, ...env },
  });
}

/**
 * What pip needs in a step's environment here, and nothing more: this
 * machine has a global pip config and PIP_FIND_LINKS & co. in its own
 * environment, which a runner would not; the runner's environment above is
 * built from scratch, so only PIP_CONFIG_FILE is added (pip then reads no
 * configuration file at all). Add PIP_RETRIES=0 where our retry loop must act.
 */
export function pipStepEnv(extra: Record<string, string> = {}): Record<string, string> {
  return { PIP_CONFIG_FILE: devNull, ...extra };
}

/**
 * Everything a reader of the run sees: the log without the ::add-mask::
 * commands (the runner consumes those, they never show), stderr, the job
 * summary and the outputs. Secrets must appear nowhere in it.
 */
export function visibleText(run: ActionRun): string {
  const log = run.stdout.split(/\r?\n/).filter((l) => !l.startsWith('::add-mask::'));
  return [...log, run.stderr, run.summary, JSON.stringify(run.outputs)].join('\n');
}
