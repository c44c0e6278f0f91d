import { describe, expect, it } from '@jest/globals';
import { ACTION_NAMES, CLI_NAMES, cliFlag } from '../src/setting-names.js';
import { INPUTS } from '../src/options.js';
import { runCli } from '../src/cli/main.js';

describe('setting names', () => {
  it('names a setting the way the action and the CLI each spell it', () => {
    expect(ACTION_NAMES.name('python')).toBe('input python');
    expect(ACTION_NAMES.set('installer', 'uv')).toBe('installer: uv');
    expect(CLI_NAMES.name('python')).toBe('--python');
    expect(CLI_NAMES.set('installer', 'uv')).toBe('--installer uv');
    expect(cliFlag('requirements-path')).toBe('--output');
  });

  it('has a CLI flag, documented in --help, for every action input', async () => {
    let help = '';
    const code = await runCli({ argv: ['--help'], env: {}, cwd: '.', stdout: (t) => (help += t), stderr: () => {}, isTty: false, platform: 'linux', arch: 'x64' });
    expect(code).toBe(0);
    for (const input of INPUTS) {
      const flag = input.name === 'verify' ? '--no-verify' : cliFlag(input.name);
      // The runner's own inputs (its cache service, GITHUB_ENV) have no flag; --constraints FILE stands for export-constraints.
      if (input.actionOnly) expect(help).not.toContain(`  ${flag} `);
      else expect(help).toContain(`  ${flag} `);
    }
  });
});
