// `npm run package`: a production build, then a per-platform VSIX for this machine (esbuild's
// binary is platform-specific, so the package targets one platform, as vsce --target intends).
// Usage: node scripts/package.mjs [--target linux-x64] [--out file.vsix]
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';

const args = process.argv.slice(2);
const option = (name) => {
  const index = args.indexOf(name);
  return index === -1 ? undefined : args[index + 1];
};
const arch = process.arch === 'x64' ? 'x64' : process.arch === 'arm64' ? 'arm64' : process.arch;
const target =
  option('--target') ?? `${process.platform === 'win32' ? 'win32' : process.platform}-${arch}`;
const manifest = JSON.parse(fs.readFileSync('package.json', 'utf8'));
const out = option('--out') ?? `${manifest.name}-${manifest.version}-${target}.vsix`;

function run(command, commandArgs) {
  const result = spawnSync(command, commandArgs, {
    stdio: 'inherit',
    shell: process.platform === 'win32',
  });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

run(process.execPath, ['build.mjs', '--production']);
// The README's relative links (docs/…) stay relative: docs/ ships in the package, and the repository
// is not on GitHub, where vsce would otherwise point them (it refuses to package without a host).
run(process.execPath, [
  'node_modules/@vscode/vsce/vsce',
  'package',
  '--target',
  target,
  '--out',
  out,
  '--allow-star-activation',
  '--skip-license',
  '--no-rewrite-relative-links',
]);
const size = fs.statSync(out).size;
console.log(`${out}: ${(size / 1024 / 1024).toFixed(2)} MB`);
