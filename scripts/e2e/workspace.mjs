// Copies an example project out of the repo, so that what the editor writes (new handlers, saved
// events, launch.json, the compiled TypeScript cache) never dirties examples/.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ROOT } from './env.mjs';

/** Folders of an example that are caches, never part of it. */
const SKIP = new Set(['node_modules', '.aws-sam', '.lambda-workbench']);

/** Copies examples/<name> to `dest` (which must not exist yet); returns `dest`. */
export function copyExample(name, dest) {
  const source = path.join(ROOT, 'examples', name);
  if (!fs.existsSync(source)) throw new Error(`no example ${source}`);
  fs.mkdirSync(path.dirname(dest), { recursive: true });
  fs.cpSync(source, dest, {
    recursive: true,
    filter: (file) => !SKIP.has(path.basename(file)),
  });
  return dest;
}

/** Copies the files under `overlay` over `dest`, replacing any of the same path. */
export function applyOverlay(overlay, dest) {
  fs.cpSync(overlay, dest, { recursive: true });
}
