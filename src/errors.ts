import { cliFlag } from './setting-names.js';

/**
 * A value the user gave that torchcraft cannot use. It names the input (by its
 * action name: `torch-version`), the value, and what is allowed, so the action
 * and the CLI can each print it in their own words (`--torch-version` for the CLI).
 * Thrown before anything is written.
 */
export class InputError extends Error {
  constructor(
    /** The action input's name, e.g. "torch-version". */
    readonly input: string,
    /** The offending value, as given (already free of secrets). */
    readonly value: string,
    /** What is wrong and what is allowed, a sentence. */
    readonly problem: string,
  ) {
    super(`Invalid ${input} ${JSON.stringify(value)}: ${problem}`);
    this.name = 'InputError';
  }

  /** The same message, naming the input the way the CLI spells it. */
  forCli(): string {
    return `Invalid ${cliFlag(this.input)} ${JSON.stringify(this.value)}: ${this.problem}`;
  }
}
