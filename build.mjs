// The one build script (house-style.md principle 22): one esbuild bundle per process into dist/.
// Flags: --production (minify, no source maps), --watch.
import * as esbuild from 'esbuild';
import { existsSync } from 'node:fs';

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');

/** Entries that exist so far; each issue adds its own. */
const nodeEntries = {
  'runtime-bootstrap': 'debug-adapter/emulator/bootstrap/main.ts',
  cli: 'debug-adapter/cli/main.ts',
  'debug-adapter': 'debug-adapter/main.ts',
  extension: 'extension/extension.ts',
  'language-server': 'extension/language-server/main.ts',
};

const common = {
  bundle: true,
  sourcemap: production ? false : 'linked',
  minify: production,
  logLevel: 'warning',
  legalComments: 'none',
};

const builds = [];
for (const [name, entry] of Object.entries(nodeEntries)) {
  if (!existsSync(entry)) continue;
  builds.push({
    ...common,
    entryPoints: { [name]: entry },
    outdir: 'dist',
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    // esbuild ships a platform binary, so it stays a real dependency; vscode is the host's.
    external: ['vscode', 'esbuild'],
    banner: name === 'cli' ? { js: '#!/usr/bin/env node' } : undefined,
  });
}
if (existsSync('extension/log-panel/webview/main.ts')) {
  builds.push({
    ...common,
    entryPoints: { 'log-panel': 'extension/log-panel/webview/main.ts' },
    outdir: 'dist',
    platform: 'browser',
    format: 'iife',
    target: 'es2022',
  });
}

if (watch) {
  for (const options of builds) {
    const ctx = await esbuild.context(options);
    await ctx.watch();
  }
  console.log('[watch] build finished, watching for changes...');
} else {
  const started = Date.now();
  await Promise.all(builds.map((options) => esbuild.build(options)));
  console.log(`built ${builds.length} bundle(s) into dist/ in ${Date.now() - started} ms`);
}
