// npm run facts-check: src/data/ against what the PyTorch indexes publish (src/facts-check/).
// Bundled with ncc like the bench, so it runs the same TypeScript the tests cover.
import { InputError } from '../src/errors.js';
import { FACTS_CHECK_USAGE, parseFactsCheckArgs } from '../src/facts-check/args.js';
import { runFactsCheck } from '../src/facts-check/run.js';
import { terminalOutput } from '../src/sinks/terminal.js';

async function main(): Promise<number> {
  let options;
  try {
    options = parseFactsCheckArgs(process.argv.slice(2), process.cwd());
  } catch (e) {
    if (e instanceof InputError) {
      process.stderr.write(terminalOutput(`${e.message}\n`, false));
      return 2;
    }
    throw e;
  }
  if (options === 'help') {
    process.stdout.write(`${FACTS_CHECK_USAGE}\n`);
    return 0;
  }
  const result = await runFactsCheck(options);
  process.stdout.write(terminalOutput(`${result.text}\n`, false));
  return result.exitCode;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (e: unknown) => {
    process.stderr.write(terminalOutput(`facts-check failed: ${e instanceof Error ? e.message : String(e)}\n`, false));
    process.exitCode = 2;
  },
);
