/**
 * The environment a GitHub runner gives a JavaScript action (tool-outputs.md,
 * "The GitHub runner"), built in a temporary folder, so the benchmark times the
 * action as a runner would start it and not some lighter path.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { inputVariable, readInputDefaults } from './action-inputs.js';

export interface RunnerDirs {
  /** GITHUB_WORKSPACE and the action's working directory. */
  workspace: string;
  /** RUNNER_TEMP, and where the command files live. */
  temp: string;
}

/** The folders under `root`, created. */
export function makeRunnerDirs(root: string): RunnerDirs {
  const dirs = { workspace: join(root, 'workspace'), temp: join(root, 'runner-temp') };
  mkdirSync(dirs.workspace, { recursive: true });
  mkdirSync(dirs.temp, { recursive: true });
  return dirs;
}

/** The defaults action.yml declares (none when it cannot be read), and the notes to print about them. */
export function actionDefaults(actionYml: string): { defaults: Map<string, string>; notes: string[] } {
  if (!existsSync(actionYml)) return { defaults: new Map(), notes: [`${actionYml} not found: inputs passed without its defaults`] };
  try {
    const read = readInputDefaults(readFileSync(actionYml, 'utf8'));
    const notes = read.expressions.length > 0 ? [`inputs with expression defaults passed as "": ${read.expressions.join(', ')}`] : [];
    return { defaults: read.defaults, notes };
  } catch (e) {
    return { defaults: new Map(), notes: [`${actionYml} could not be read (${(e as Error).message})`] };
  }
}

/**
 * The runner's variables: every default as INPUT_*, then `inputs` on top (by
 * input name), command files emptied, RUNNER_* set. PATH and HOME come from
 * this process, with `pathPrefix` first when given.
 */
export function runnerEnv(
  dirs: RunnerDirs,
  defaults: ReadonlyMap<string, string>,
  inputs: Record<string, string>,
  options: { pathPrefix?: string; debug?: boolean } = {},
): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {
    PATH: options.pathPrefix ? `${options.pathPrefix}:${process.env.PATH ?? ''}` : (process.env.PATH ?? ''),
    HOME: process.env.HOME ?? dirs.temp,
    LANG: process.env.LANG ?? 'C.UTF-8',
    CI: 'true',
    GITHUB_ACTIONS: 'true',
    GITHUB_WORKSPACE: dirs.workspace,
    RUNNER_OS: 'Linux',
    RUNNER_ARCH: 'X64',
    RUNNER_ENVIRONMENT: 'github-hosted',
    RUNNER_TEMP: dirs.temp,
    RUNNER_TOOL_CACHE: join(dirs.temp, 'toolcache'),
  };
  for (const name of ['GITHUB_OUTPUT', 'GITHUB_ENV', 'GITHUB_PATH', 'GITHUB_STEP_SUMMARY', 'GITHUB_STATE']) {
    const file = join(dirs.temp, name.toLowerCase());
    writeFileSync(file, '');
    env[name] = file;
  }
  for (const [name, value] of defaults) env[inputVariable(name)] = value;
  for (const [name, value] of Object.entries(inputs)) env[inputVariable(name)] = value;
  if (options.debug) env.RUNNER_DEBUG = '1';
  return env;
}
