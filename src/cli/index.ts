#!/usr/bin/env node
// Entry point of the CLI bundle (dist/cli/index.js), the package's "bin".
import { runCli } from './main.js';

process.exitCode = await runCli({
  argv: process.argv.slice(2),
  env: process.env,
  cwd: process.cwd(),
  stdout: (t) => process.stdout.write(t),
  stderr: (t) => process.stderr.write(t),
  isTty: process.stdout.isTTY === true,
  platform: process.platform,
  arch: process.arch,
});
