import { describe, expect, it } from '@jest/globals';
import { InputError } from '../src/errors.js';

describe('InputError', () => {
  it('shortens a long value, saying how long it was', () => {
    const e = new InputError('torch-version', 'x'.repeat(100_000), 'allowed: a version.');
    expect(e.message.length).toBeLessThan(400);
    expect(e.message).toContain('(100000 characters)');
    expect(e.forCli().length).toBeLessThan(400);
  });

  it('masks credentials in the value and the problem', () => {
    const e = new InputError('index-base-url', 'https://bot:t0ps3cret@h/whl?token=qwerty', 'https://bot:t0ps3cret@h/whl is wrong');
    expect(e.message).not.toMatch(/t0ps3cret|qwerty/);
    expect(e.value).toBe('https://***:***@h/whl?token=***');
  });
});
