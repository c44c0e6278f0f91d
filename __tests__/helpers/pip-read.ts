/**
 * pip's own parser, run on files torchcraft wrote, to say what pip reads in
 * them: each logical line pip would act on, as pip parsed it (the requirement
 * text, or the options it set). Uses pip's requirements-file internals
 * (pip._internal.req.req_file: get_file_content, preprocess, get_line_parser,
 * stable since pip 20) without following includes or touching the network, so
 * an injected `-r /etc/passwd` shows up as a parsed line instead of being read.
 *
 * One python3 process reads many files: property tests write a batch and ask once.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runTool } from '../../src/process/run-tool.js';
import { defaultPython } from './wheels.js';
import { isolatedPipEnv } from './venv.js';

const SCRIPT = String.raw`
import json, sys
from pip._internal.network.session import PipSession
from pip._internal.req import req_file

session = PipSession()
parse_line = req_file.get_line_parser(None)
defaults = vars(req_file.build_parser().get_default_values())
defaults["index_url"] = None
results = []
for path in sys.argv[1:]:
    lines = []
    try:
        _, content = req_file.get_file_content(path, session)
        for number, line in req_file.preprocess(content):
            args, opts = parse_line(line)
            changed = {k: v for k, v in vars(opts).items() if defaults.get(k) != v and v not in (None, [], False)}
            lines.append({"line": number, "args": args, "options": changed})
        results.append({"ok": True, "lines": lines})
    except Exception as e:
        results.append({"ok": False, "error": "%s: %s" % (type(e).__name__, e)})
print(json.dumps(results))
`;

export interface PipLine {
  line: number;
  /** The requirement text ("" on an option line). */
  args: string;
  /** Options the line set, by pip's dest names: index_url, pre, requirements, extra_index_urls... */
  options: Record<string, unknown>;
}

export type PipRead = { ok: true; lines: PipLine[] } | { ok: false; error: string };

const dir = mkdtempSync(join(tmpdir(), 'torchcraft-pip-read-'));
let count = 0;

/** What pip reads in each text (written to a file first, as bytes given or UTF-8). */
export async function pipReads(texts: readonly (string | Buffer)[]): Promise<PipRead[]> {
  const files = texts.map((t) => {
    const f = join(dir, `r${count++}.txt`);
    writeFileSync(f, t);
    return f;
  });
  const r = await runTool(defaultPython(), ['-c', SCRIPT, ...files], { timeoutMs: 120_000, env: isolatedPipEnv({ LC_ALL: 'C.UTF-8', PYTHONUTF8: '1' }) });
  if (!r.ok) throw new Error(`pip's parser did not run (${r.spawnError ?? r.exitCode}): ${r.stderr.slice(-2000)}`);
  return JSON.parse(r.stdout) as PipRead[];
}

/** Each line pip acts on, as one string: the requirement, or "--option value" for what an option line set. */
export function pipLineTexts(read: PipRead): string[] {
  if (!read.ok) throw new Error(`pip could not read the file: ${read.error}`);
  return read.lines.map((l) => {
    if (l.args !== '') return Object.keys(l.options).length > 0 ? `${l.args} ${JSON.stringify(l.options)}` : l.args;
    return Object.entries(l.options)
      .map(([k, v]) => (v === true ? `--${k}` : `--${k} ${Array.isArray(v) ? v.join(' ') : String(v)}`))
      .join(' ');
  });
}
