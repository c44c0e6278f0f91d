/** The lines that say which machine the numbers came from: they mean nothing without it. */
import { readFileSync } from 'node:fs';
import { cpus, release, totalmem, type } from 'node:os';
import { formatBytes } from './table.js';

function distribution(): string | undefined {
  try {
    const m = /^PRETTY_NAME="?([^"\n]*)"?$/m.exec(readFileSync('/etc/os-release', 'utf8'));
    return m?.[1];
  } catch {
    return undefined;
  }
}

export function machineHeader(now: Date = new Date()): string {
  const cpu = cpus();
  const os = [type(), release(), distribution()].filter(Boolean).join(' ');
  return [
    'torchcraft benchmark',
    `machine: ${cpu[0]?.model.trim() ?? 'unknown CPU'}, ${cpu.length} cores, ${formatBytes(totalmem())} memory`,
    `os:      ${os} (${process.arch})`,
    `node:    ${process.version}`,
    `date:    ${now.toISOString()}`,
  ].join('\n');
}
