/**
 * How a message names a setting: the action's input ("input python",
 * "installer: uv") or the CLI's flag ("--python", "--installer uv"), so the
 * same advice reads right where the user will act on it.
 */
export interface SettingNames {
  /** "input python" / "--python" */
  name(input: string): string;
  /** "installer: uv" / "--installer uv" */
  set(input: string, value: string): string;
}

/** The CLI spells requirements-path as --output; every other input keeps its name. */
export function cliFlag(input: string): string {
  return `--${input === 'requirements-path' ? 'output' : input}`;
}

export const ACTION_NAMES: SettingNames = {
  name: (input) => `input ${input}`,
  set: (input, value) => `${input}: ${value}`,
};

export const CLI_NAMES: SettingNames = {
  name: (input) => cliFlag(input),
  set: (input, value) => `${cliFlag(input)} ${value}`,
};
