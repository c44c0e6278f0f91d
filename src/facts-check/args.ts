/**
 * The facts check's command line: `--dir FOLDER` (saved pages: FOLDER/<variant>/torch/index.html),
 * `--index-base-url URL`, `--variant NAME` (repeatable: a variant the data does not name yet,
 * e.g. cu134), `--timeout SECONDS`. Bad flags are an InputError naming the flag.
 */
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { InputError } from '../errors.js';
import { DEFAULT_BASE, type FactsCheckOptions } from './run.js';

export const FACTS_CHECK_USAGE = `npm run facts-check -- [--dir FOLDER | --index-base-url URL] [--variant NAME]... [--timeout SECONDS]

Reads https://download.pytorch.org/whl/<variant>/torch/ for every variant in src/data/
(or saved copies: FOLDER/<variant>/torch/index.html) and prints where src/data/ disagrees
with what the indexes publish. Exit 0: they agree; 1: they disagree (the list is printed);
2: a page could not be read or a flag is wrong.`;

export function parseFactsCheckArgs(argv: readonly string[], cwd: string): FactsCheckOptions | 'help' {
  const o: FactsCheckOptions = { base: DEFAULT_BASE, variants: [], timeoutMs: 60_000, maxBytes: 64 * 1024 * 1024, concurrency: 4 };
  const variants: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i];
    const value = (): string => {
      const v = argv[++i];
      if (v === undefined || v.startsWith('--')) throw new InputError(flag, '', 'a value is required');
      return v;
    };
    switch (flag) {
      case '--help':
      case '-h':
        return 'help';
      case '--dir':
        o.base = pathToFileURL(resolve(cwd, value())).href;
        break;
      case '--index-base-url': {
        const v = value();
        if (!/^(https?|file):\/\//.test(v)) throw new InputError(flag, v, 'an http(s):// or file:// URL');
        o.base = v;
        break;
      }
      case '--variant': {
        const v = value();
        if (!/^(cpu|xpu|cu\d{3}|rocm\d+(\.\d+){1,2})$/.test(v)) throw new InputError(flag, v, 'a variant name such as cu134 or rocm7.3');
        variants.push(v);
        break;
      }
      case '--timeout': {
        const v = value();
        const s = Number(v);
        if (!Number.isFinite(s) || s <= 0 || s > 600) throw new InputError(flag, v, 'seconds, more than 0 and at most 600');
        o.timeoutMs = s * 1000;
        break;
      }
      default:
        throw new InputError(flag, '', `unknown flag; usage:\n${FACTS_CHECK_USAGE}`);
    }
  }
  return { ...o, variants };
}
