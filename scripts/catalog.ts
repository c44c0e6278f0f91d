// Writes requirements/ from src/render/catalog.ts (run by `npm run build`).
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { catalogEntries, catalogIndex } from '../src/render/catalog.js';

const dir = 'requirements';
mkdirSync(dir, { recursive: true });
// Start clean so a variant that left the data leaves the catalog too.
for (const f of readdirSync(dir)) rmSync(join(dir, f), { force: true });
const entries = catalogEntries();
for (const e of entries) writeFileSync(join(dir, e.fileName), e.text);
writeFileSync(join(dir, 'README.md'), catalogIndex(entries));
console.log(`requirements/: ${entries.length} files`);
