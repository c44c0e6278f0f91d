import { rmSync } from 'node:fs';

export default function globalTeardown() {
  const root = process.env.TORCHCRAFT_TEST_TMP;
  if (root) rmSync(root, { recursive: true, force: true, maxRetries: 3 });
}
