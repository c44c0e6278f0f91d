/**
 * Tests that run /bin/sh stand-ins for tools (fake nvidia-smi, rocminfo) or POSIX
 * venv layouts cannot run on Windows runners: they are declared with these.
 */
import { describe, it } from '@jest/globals';

export const onPosix = process.platform !== 'win32';
export const describePosix = onPosix ? describe : describe.skip;
export const itPosix = onPosix ? it : it.skip;
