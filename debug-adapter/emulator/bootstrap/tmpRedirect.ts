/**
 * Makes the instance's private directory stand in for `/tmp`: `os.tmpdir()` returns it, and every
 * `fs` / `fs/promises` path argument equal to `/tmp` or under `/tmp/` is rewritten into it, so
 * each instance has its own `/tmp` as each Lambda execution environment does
 * (lambda-runtime-spec.md §9.2). Runs inside the user's process: Node built-ins only.
 */
// Default imports on purpose: they are the real module objects we patch, whereas a namespace
// import is a read-only copy in the CJS bundle.
import fs from 'node:fs';
import { syncBuiltinESMExports } from 'node:module';
import os from 'node:os';

/** Functions whose first argument is a path. */
const ONE_PATH = [
  'access',
  'appendFile',
  'chmod',
  'chown',
  'createReadStream',
  'createWriteStream',
  'exists',
  'lchmod',
  'lchown',
  'lstat',
  'lutimes',
  'mkdir',
  'mkdtemp',
  'open',
  'openAsBlob',
  'opendir',
  'readdir',
  'readFile',
  'readlink',
  'realpath',
  'rm',
  'rmdir',
  'stat',
  'statfs',
  'truncate',
  'unlink',
  'unwatchFile',
  'utimes',
  'watch',
  'watchFile',
  'writeFile',
];
/** Functions whose first two arguments are paths. */
const TWO_PATHS = ['copyFile', 'cp', 'link', 'rename', 'symlink'];

type AnyFn = (...args: unknown[]) => unknown;

/**
 * Installs the redirection. `keep` lists directories under `/tmp` that must stay where they are
 * (the task root and the compiled-module directory when the emulator put them there).
 */
export function redirectTmp(privateDir: string, keep: readonly string[]): void {
  const dir = privateDir.replace(/\/+$/, '');
  // Paths already inside a kept directory (the private one included, which is typically itself
  // under the real /tmp) are left alone, which also makes the rewrite idempotent.
  const kept = [dir, ...keep.map((k) => k.replace(/\/+$/, ''))].filter(isUnderTmp);
  const keptPrefixes = kept.map((k) => k + '/');
  const dirBytes = Buffer.from(dir);

  const isKept = (path: string) =>
    kept.includes(path) || keptPrefixes.some((prefix) => path.startsWith(prefix));

  const mapString = (path: string): string =>
    isUnderTmp(path) && !isKept(path) ? dir + path.slice(4) : path;

  const mapPath = (path: unknown): unknown => {
    if (typeof path === 'string') {
      // The fast path: one character code and one prefix comparison for every non-/tmp path.
      return path.charCodeAt(0) === 47 && path.startsWith('/tmp') ? mapString(path) : path;
    }
    if (path instanceof Uint8Array) {
      if (!bytesUnderTmp(path) || isKept(Buffer.from(path).toString())) return path;
      return Buffer.concat([dirBytes, path.subarray(4)]);
    }
    if (
      path instanceof URL &&
      path.protocol === 'file:' &&
      path.host === '' &&
      path.pathname.startsWith('/tmp')
    ) {
      // Decoded by hand: fileURLToPath would refuse a drive-less path on Windows.
      const asPath = decodeURIComponent(path.pathname);
      const mapped = mapString(asPath);
      return mapped === asPath ? path : mapped;
    }
    return path;
  };

  const wrap = (target: Record<string, unknown>, name: string, paths: 1 | 2) => {
    const original = target[name];
    if (typeof original !== 'function') return;
    const fn = original as AnyFn;
    const wrapped =
      paths === 1
        ? function (this: unknown, path: unknown, ...rest: unknown[]) {
            return fn.call(this, mapPath(path), ...rest);
          }
        : function (this: unknown, from: unknown, to: unknown, ...rest: unknown[]) {
            return fn.call(this, mapPath(from), mapPath(to), ...rest);
          };
    // Keep `realpath.native`, `exists[util.promisify.custom]` and the like.
    for (const key of Reflect.ownKeys(fn)) {
      if (key === 'length' || key === 'name' || key === 'prototype') continue;
      const descriptor = Object.getOwnPropertyDescriptor(fn, key);
      if (descriptor) Object.defineProperty(wrapped, key, descriptor);
    }
    Object.defineProperty(wrapped, 'name', { value: fn.name });
    const native = (wrapped as unknown as { native?: unknown }).native;
    if (typeof native === 'function') {
      (wrapped as unknown as { native: AnyFn }).native = function (
        this: unknown,
        path: unknown,
        ...rest: unknown[]
      ) {
        return (native as AnyFn).call(this, mapPath(path), ...rest);
      };
    }
    target[name] = wrapped;
  };

  const fsModule = fs as unknown as Record<string, unknown>;
  const promises = fs.promises as unknown as Record<string, unknown>;
  for (const name of ONE_PATH) {
    wrap(fsModule, name, 1);
    wrap(fsModule, `${name}Sync`, 1);
    wrap(promises, name, 1);
  }
  for (const name of TWO_PATHS) {
    wrap(fsModule, name, 2);
    wrap(fsModule, `${name}Sync`, 2);
    wrap(promises, name, 2);
  }

  (os as { tmpdir: () => string }).tmpdir = () => dir;

  const chdir = process.chdir.bind(process);
  process.chdir = (directory: string) => chdir(mapPath(directory) as string);

  // ESM named imports (`import { writeFileSync } from 'node:fs'`) are live bindings copied from
  // the CommonJS exports; this re-copies them so they see the patched functions.
  syncBuiltinESMExports();
}

function isUnderTmp(path: string): boolean {
  return path.startsWith('/tmp') && (path.length === 4 || path.charCodeAt(4) === 47);
}

function bytesUnderTmp(path: Uint8Array): boolean {
  return (
    path.length >= 4 &&
    path[0] === 47 &&
    path[1] === 116 &&
    path[2] === 109 &&
    path[3] === 112 &&
    (path.length === 4 || path[4] === 47)
  );
}
