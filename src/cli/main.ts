/**
 * `torchcraft` at a terminal: the action's workflow with flags for inputs.
 *   torchcraft [plan] [flags]   write torchcraft.txt here and explain the choice
 *   torchcraft detect [flags]   print the machine description as JSON
 * Exit codes: 0 done, 1 the run failed (install, require-gpu), 2 bad usage or input.
 */
import { parseArgs } from 'node:util';
import { relative } from 'node:path';
import { parseOptions, type InputName, type RawOptions } from '../options.js';
import { InputError } from '../errors.js';
import { planRun, writeRequirements, installRun, resolveMachine, type RunContext } from '../workflow.js';
import { planOutputs, planJson } from '../report/outputs.js';
import { explainRun, chooseStyle, PLAIN } from '../report/explain.js';
import { terminalJson, terminalOutput } from '../sinks/terminal.js';
import { requireGpuFailure } from '../gpu-warnings.js';
import { TORCHCRAFT_VERSION } from '../version.js';
import type { Log } from '../log.js';
import { CLI_NAMES } from '../setting-names.js';
import { keepBuild } from './keep-build.js';

export interface CliIo {
  argv: string[];
  env: NodeJS.ProcessEnv;
  cwd: string;
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  isTty: boolean;
  platform: NodeJS.Platform;
  arch: string;
}

/** Inputs whose flag takes a value; requirements-path is spelled --output at a terminal. */
const VALUE_FLAGS: Record<string, InputName> = {
  backend: 'backend',
  'torch-version': 'torch-version',
  'python-version': 'python-version',
  packages: 'packages',
  output: 'requirements-path',
  'index-base-url': 'index-base-url',
  machine: 'machine',
  'probe-timeout': 'probe-timeout',
  extras: 'extras',
  python: 'python',
  installer: 'installer',
  retries: 'retries',
  channel: 'channel',
};

const HELP = `torchcraft ${TORCHCRAFT_VERSION}: pip install torch that just works.

Usage:
  torchcraft [plan] [options]   detect this machine, write torchcraft.txt, explain the choice
  torchcraft detect [options]   print this machine's description as JSON

Then: pip install -r torchcraft.txt

Options:
  --backend NAME          auto (default), cpu, cu126, cu130, rocm7.2, xpu, mps ...
  --torch-version SPEC    2.5, 2.5.1 or a PEP 440 specifier (>=2.4,<2.6); default: newest that works
  --python-version X.Y    the Python that will install (default: asked of python/python3 on PATH)
  --packages LIST         torch and any of torchvision, torchaudio (default: all three)
  --requirements FILE     the project's requirements.txt or pyproject.toml; repeatable.
                          Their PyTorch pins constrain the plan.
  --extras LIST           pyproject optional-dependency groups to honour (default: all)
  --output FILE           where to write (default: torchcraft.txt)
  --index-base-url URL    a mirror of https://download.pytorch.org/whl
  --channel NAME          stable (default), test or nightly
  --machine FILE          plan for the machine described in FILE (from 'torchcraft detect')
                          instead of this one
  --probe-timeout SECS    how long detection may take (default: 10)
  --install               install torchcraft.txt into --python afterwards
  --python PATH           interpreter to install into (default: python, else python3)
  --installer NAME        auto (uv when on PATH, else pip), pip or uv
  --retries N             retries of a failed install (default: 3)
  --no-verify             do not import the installed torch nor run it on the GPUs
  --constraints FILE      with --install: write the installed build's exact versions to FILE,
                          for PIP_CONSTRAINT / UV_CONSTRAINT / pip install -c in later installs
  --require-gpu           exit 1 when no usable GPU is found or torch runs on none of the planned GPUs
  --json                  print the result as JSON (keys as the action's outputs)
  --dry-run               write nothing; print what would be written
  --verbose               print debug messages
  -h, --help              this help
  -v, --version           torchcraft's version

Environment: NO_COLOR turns colour off.
`;

function terminalLog(io: CliIo, verbose: boolean): Log {
  return {
    info: (m) => io.stderr(`${m}\n`),
    warning: (m) => io.stderr(`warning: ${m}\n`),
    debug: (m) => {
      if (verbose) io.stderr(`debug: ${m}\n`);
    },
    group: async (title, body) => {
      io.stderr(`${title}\n`);
      return body();
    },
  };
}

export async function runCli(given: CliIo): Promise<number> {
  // The terminal sink: control characters and escape sequences from outside text are
  // shown as codes, never acted on; only our own colours pass, and only when colouring.
  const colour = chooseStyle(given.env, given.isTty) !== PLAIN;
  const io: CliIo = { ...given, stdout: (t) => given.stdout(terminalOutput(t, colour)), stderr: (t) => given.stderr(terminalOutput(t, false)) };
  let parsed;
  try {
    parsed = parseArgs({
      args: io.argv,
      allowPositionals: true,
      strict: true,
      options: {
        ...Object.fromEntries(Object.keys(VALUE_FLAGS).map((f) => [f, { type: 'string' as const }])),
        requirements: { type: 'string', multiple: true },
        install: { type: 'boolean' },
        'no-verify': { type: 'boolean' },
        constraints: { type: 'string' },
        'require-gpu': { type: 'boolean' },
        json: { type: 'boolean' },
        'dry-run': { type: 'boolean' },
        verbose: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
        version: { type: 'boolean', short: 'v' },
      },
    });
  } catch (e) {
    io.stderr(`torchcraft: ${(e as Error).message}\nRun 'torchcraft --help' for usage.\n`);
    return 2;
  }
  const flags = parsed.values as Record<string, string | string[] | boolean | undefined>;
  if (flags.help) {
    io.stdout(HELP);
    return 0;
  }
  if (flags.version) {
    io.stdout(`${TORCHCRAFT_VERSION}\n`);
    return 0;
  }
  const [command = 'plan', ...extra] = parsed.positionals;
  if (!['plan', 'detect'].includes(command) || extra.length > 0) {
    io.stderr(`torchcraft: unknown command ${JSON.stringify([command, ...extra].join(' '))}; commands: plan (default), detect.\nRun 'torchcraft --help' for usage.\n`);
    return 2;
  }

  const raw: RawOptions = {};
  for (const [flag, input] of Object.entries(VALUE_FLAGS)) if (typeof flags[flag] === 'string') raw[input] = flags[flag] as string;
  if (Array.isArray(flags.requirements)) raw.requirements = flags.requirements.join('\n');
  if (flags.install) raw.install = 'true';
  if (flags['no-verify']) raw.verify = 'false';
  if (flags['require-gpu']) raw['require-gpu'] = 'true';

  if (typeof flags.constraints === 'string' && !flags.install) {
    io.stderr(`torchcraft: --constraints needs --install (it records what was installed).\nRun 'torchcraft --help' for usage.\n`);
    return 2;
  }
  const log = terminalLog(io, flags.verbose === true);
  const ctx: RunContext = { cwd: io.cwd, env: io.env, platform: io.platform, arch: io.arch, log, dryRun: flags['dry-run'] === true, names: CLI_NAMES };
  try {
    const options = parseOptions(raw);
    if (command === 'detect') {
      io.stdout(`${terminalJson(await resolveMachine(options, ctx))}\n`);
      return 0;
    }
    const run = await planRun(options, ctx);
    await writeRequirements(run, ctx);
    const shownPath = relative(io.cwd, run.requirementsPath) || run.requirementsPath;
    const noGpu = options.requireGpu ? requireGpuFailure(run.plan) : undefined;
    const install = options.install && !ctx.dryRun && noGpu === undefined ? await installRun(run, options, ctx) : undefined;
    const kept = typeof flags.constraints === 'string' && install?.installed && install.error === undefined ? await keepBuild(flags.constraints, run.plan, options, ctx) : undefined;
    if (flags.json) {
      io.stdout(`${terminalJson({ ...planOutputs(run.plan, run.requirementsPath, install), ...(kept ? { 'constraints-path': kept } : {}), json: planJson(run.plan) })}\n`);
    } else {
      io.stdout(`${explainRun(run, chooseStyle(io.env, io.isTty), { written: !ctx.dryRun, shownPath }, install)}\n`);
    }
    if (noGpu !== undefined) {
      io.stderr(`torchcraft: --require-gpu: no usable GPU was found: ${noGpu}\n`);
      return 1;
    }
    if (install?.error) {
      io.stderr(`torchcraft: ${install.error}\n`);
      return 1;
    }
    return 0;
  } catch (e) {
    if (e instanceof InputError) {
      io.stderr(`torchcraft: ${e.forCli()}\n`);
      return 2;
    }
    io.stderr(`torchcraft failed unexpectedly: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
    return 1;
  }
}
