/**
 * The outputs sink: values set with core.setOutput (and printed by the CLI's
 * --json). @actions/core writes them to GITHUB_OUTPUT under a random heredoc
 * delimiter, so no value can add an output; but a value is still untrusted text
 * (a GPU name is whatever nvidia-smi printed), and workflows paste outputs into
 * shell scripts. The README passes them through `env:`, never `${{ }}` inside
 * `run:`. Here each one-line output loses control characters and line breaks, and
 * every output is bounded in size (GitHub refuses an output over 1 MB).
 */
import { shorten } from './limits.js';

/** Longest one-line output; gpu-names of 64 GPUs fit many times over. */
export const MAX_OUTPUT_CHARS = 64 * 1024;
/** GitHub's limit on one output is 1 MB; stay under it. */
export const MAX_JSON_BYTES = 1_000_000;

const BREAKS_AND_CONTROLS = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g;

/** A one-line output value: no control characters, no line breaks, bounded. */
export function outputValue(value: string): string {
  return shorten(value.replace(BREAKS_AND_CONTROLS, ' ').replace(/ {2,}/g, ' ').trim(), MAX_OUTPUT_CHARS);
}
