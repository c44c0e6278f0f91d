/**
 * What the GitHub runner would take as workflow commands in a step's stdout,
 * read as the runner reads it (actions/runner ActionCommandManager and
 * ActionCommand): lines end at \n or \r; a line is a command when, after
 * TrimStart(), it starts with `::name` up to the next `::` (or a space before
 * properties), or in the legacy form when it holds `##[name` ... `]` anywhere
 * and name is a registered command.
 */

/** .NET Char.IsWhiteSpace, which TrimStart removes. */
const DOTNET_SPACE = /^[\t\n\v\f\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\u001c-\u001f]*/;

/** The runner's registered commands (ActionCommandManager and its extensions). */
export const REGISTERED = ['add-mask', 'add-matcher', 'remove-matcher', 'add-path', 'set-env', 'set-output', 'save-state', 'stop-commands', 'echo', 'group', 'endgroup', 'debug', 'warning', 'error', 'notice', 'internal-set-repo-path'];

export interface RunnerCommand {
  name: string;
  /** The raw rest of the line after the command name. */
  rest: string;
  legacy: boolean;
}

export function runnerCommands(stdout: string): RunnerCommand[] {
  const out: RunnerCommand[] = [];
  for (const line of stdout.split(/\r\n|\r|\n/)) {
    const trimmed = line.slice(DOTNET_SPACE.exec(line)![0].length);
    if (trimmed.startsWith('::')) {
      const end = trimmed.indexOf('::', 2);
      if (end >= 0) {
        const info = trimmed.slice(2, end);
        const name = info.split(' ', 1)[0];
        out.push({ name, rest: trimmed.slice(2 + name.length), legacy: false });
        continue;
      }
    }
    const at = line.indexOf('##[');
    if (at >= 0) {
      const close = line.indexOf(']', at);
      if (close >= 0) {
        const name = line.slice(at + 3, close).split(' ', 1)[0];
        if (REGISTERED.includes(name)) out.push({ name, rest: line.slice(at + 3 + name.length), legacy: true });
      }
    }
  }
  return out;
}

/** The commands torchcraft itself issues; anything else in its stdout came from outside text. */
export const OWN_COMMANDS = ['add-mask', 'group', 'endgroup', 'debug', 'warning', 'error', 'notice'];

/** Commands a test's stdout holds that torchcraft did not mean: any legacy one, any not its own. */
export function foreignCommands(stdout: string): RunnerCommand[] {
  return runnerCommands(stdout).filter((c) => c.legacy || !OWN_COMMANDS.includes(c.name));
}

/** The names of the commands in a stdout, sorted: a hostile run must issue exactly those a benign one does. */
export function commandNames(stdout: string): string[] {
  return runnerCommands(stdout)
    .map((c) => (c.legacy ? `legacy:${c.name}` : c.name))
    .sort();
}
