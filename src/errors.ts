import { cliFlag } from './setting-names.js';
import { redactText } from './secrets.js';
import { shorten } from './sinks/limits.js';

/** Longest problem sentence kept whole; longer ones quote outside text that slipped through. */
const MAX_PROBLEM = 2000;

/**
 * A value the user gave that torchcraft cannot use. It names the input (by its
 * action name: `torch-version`), the value, and what is allowed, so the action
 * and the CLI can each print it in their own words (`--torch-version` for the CLI).
 * Thrown before anything is written.
 *
 * The one place values enter error messages: the value is stored with any URL
 * credentials masked and shortened (a 100 KB input is quoted by its start and
 * its length), so no caller has to remember either.
 */
export class InputError extends Error {
  /** The offending value as shown: credentials masked, shortened. */
  readonly value: string;
  /** What is wrong and what is allowed, a sentence (credentials masked, bounded). */
  readonly problem: string;

  constructor(
    /** The action input's name, e.g. "torch-version". */
    readonly input: string,
    value: string,
    problem: string,
  ) {
    const shownValue = shorten(redactText(value));
    const shownProblem = shorten(redactText(problem), MAX_PROBLEM);
    super(`Invalid ${input} ${JSON.stringify(shownValue)}: ${shownProblem}`);
    this.value = shownValue;
    this.problem = shownProblem;
    this.name = 'InputError';
  }

  /** The same message, naming the input the way the CLI spells it. */
  forCli(): string {
    return `Invalid ${cliFlag(this.input)} ${JSON.stringify(this.value)}: ${this.problem}`;
  }
}
