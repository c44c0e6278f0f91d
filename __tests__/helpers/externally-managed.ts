/**
 * A real, non-venv interpreter whose distribution marks it externally managed
 * (PEP 668), built without touching this machine's Python: a copy of the
 * python3 binary in <dir>/bin, and <dir>/lib/python3.X holding symlinks to
 * every entry of the real standard library plus our own EXTERNALLY-MANAGED
 * file. Python finds its prefix from the copied binary's location (the
 * os.py landmark), so sysconfig's stdlib folder is ours and pip's own PEP 668
 * check refuses, with its real message. site-packages is our own folder
 * holding only links to pip, so nothing could ever land in the real one.
 * Linux only (the copy keeps an absolute RUNPATH or finds libpython via the
 * links made beside it).
 */
import { copyFileSync, mkdirSync, readdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runTool } from '../../src/process/run-tool.js';
import { defaultPython } from './wheels.js';
import { isolatedPipEnv } from './venv.js';

export const MARKER_TEXT = 'This Python is managed by the test distribution. Use a venv.';

export async function externallyManagedPython(dir: string): Promise<string> {
  const r = await runTool(
    defaultPython(),
    ['-c', 'import json,os,sys,sysconfig;print(json.dumps({"exe":os.path.realpath(sys.executable),"stdlib":sysconfig.get_path("stdlib"),"purelib":sysconfig.get_path("purelib"),"libdir":sysconfig.get_config_var("LIBDIR"),"v":"%d.%d"%sys.version_info[:2],"venv":sys.prefix!=sys.base_prefix}))'],
    { timeoutMs: 30_000, env: isolatedPipEnv() },
  );
  if (!r.ok) throw new Error(`cannot ask python3 about itself: ${r.stderr}`);
  const base = JSON.parse(r.stdout) as { exe: string; stdlib: string; purelib: string; libdir: string | null; v: string; venv: boolean };
  if (base.venv) throw new Error('run the tests with a python3 that is not itself a venv');
  const bin = join(dir, 'bin');
  const lib = join(dir, 'lib');
  const stdlib = join(lib, `python${base.v}`);
  const site = join(stdlib, 'site-packages');
  mkdirSync(bin, { recursive: true });
  mkdirSync(site, { recursive: true });
  const exe = join(bin, `python${base.v}`);
  copyFileSync(base.exe, exe);
  for (const entry of readdirSync(base.stdlib)) {
    if (entry === 'site-packages' || entry === 'EXTERNALLY-MANAGED') continue;
    symlinkSync(join(base.stdlib, entry), join(stdlib, entry));
  }
  if (base.libdir) {
    for (const entry of readdirSync(base.libdir)) if (entry.startsWith('libpython')) symlinkSync(join(base.libdir, entry), join(lib, entry));
  }
  for (const entry of readdirSync(base.purelib)) if (entry === 'pip' || /^pip-.*\.dist-info$/.test(entry)) symlinkSync(join(base.purelib, entry), join(site, entry));
  writeFileSync(join(stdlib, 'EXTERNALLY-MANAGED'), `[externally-managed]\nError=${MARKER_TEXT}\n`);
  return exe;
}
