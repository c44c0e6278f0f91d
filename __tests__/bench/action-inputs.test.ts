import { describe, it, expect } from '@jest/globals';
import { inputVariable, parseScalar, readInputDefaults } from '../../scripts/bench/action-inputs.js';

const ACTION = `name: torchcraft
description: 'a: colon'
inputs:
  backend:
    description: 'Which build: auto'
    required: false
    default: 'auto'
  torch-version:
    description: x
    default: ''
  packages:
    default: torch torchvision   # a comment
  quoted:
    default: "a \\"b\\""
  doubled:
    default: 'it''s'
  no-default:
    description: nothing here
    required: true
  multi:
    description: |
      default: not this one
    default: |
      one
      two
  folded:
    default: >-
      a
      b
  token:
    default: \${{ github.token }}
outputs:
  backend:
    description: x
runs:
  using: node24
  main: dist/index.js
`;

describe('readInputDefaults', () => {
  const { defaults, expressions } = readInputDefaults(ACTION);

  it('reads plain, quoted and empty defaults', () => {
    expect(defaults.get('backend')).toBe('auto');
    expect(defaults.get('torch-version')).toBe('');
    expect(defaults.get('packages')).toBe('torch torchvision');
    expect(defaults.get('quoted')).toBe('a "b"');
    expect(defaults.get('doubled')).toBe("it's");
  });
  it('reads block scalars, and not a "default:" inside another key’s block', () => {
    expect(defaults.get('multi')).toBe('one\ntwo\n');
    expect(defaults.get('folded')).toBe('a b');
  });
  it('leaves out inputs without a default, and outputs', () => {
    expect(defaults.has('no-default')).toBe(false);
    expect([...defaults.keys()]).toEqual(['backend', 'torch-version', 'packages', 'quoted', 'doubled', 'multi', 'folded', 'token']);
  });
  it('passes an expression default as "" and names it', () => {
    expect(defaults.get('token')).toBe('');
    expect(expressions).toEqual(['token']);
  });
  it('finds nothing when there is no inputs block', () => {
    expect(readInputDefaults('name: x\nruns:\n  using: node24\n').defaults.size).toBe(0);
  });
});

describe('parseScalar and inputVariable', () => {
  it('keeps a # that does not start a comment', () => {
    expect(parseScalar('a#b')).toBe('a#b');
  });
  it('upper-cases, keeps hyphens, turns only spaces to underscores', () => {
    expect(inputVariable('torch-version')).toBe('INPUT_TORCH-VERSION');
    expect(inputVariable('my input')).toBe('INPUT_MY_INPUT');
  });
});
