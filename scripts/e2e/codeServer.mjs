// Starts and stops a private code-server (VS Code in the browser) for `npm start` and the E2E
// tests: its own HOME, user-data and extensions folders, 127.0.0.1 only, no auth, no telemetry.
// Stopping ends every process it started (the server, its extension host, debug adapters, handler
// instances), found by walking the process tree from the server's pid, never by name.
import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as path from 'node:path';
import { cleanEnv, CODE_SERVER_ENTRY, NODE24, NODE24_DIR, SETTINGS } from './env.mjs';

/** A TCP port free on 127.0.0.1 right now. */
export function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/**
 * A profile: HOME (code-server writes ~/.config/code-server and ~/.local/share otherwise), the
 * user-data folder with our settings, and the extensions folder. Existing folders are kept.
 */
export function makeProfile(dir, settings = {}) {
  const profile = {
    dir,
    home: path.join(dir, 'home'),
    userData: path.join(dir, 'user-data'),
    extensions: path.join(dir, 'extensions'),
    /** A temp folder for the caller to give as TMPDIR (short paths only: sockets live there). */
    tmp: path.join(dir, 'tmp'),
  };
  fs.mkdirSync(profile.home, { recursive: true });
  fs.mkdirSync(path.join(profile.userData, 'User'), { recursive: true });
  fs.mkdirSync(profile.extensions, { recursive: true });
  fs.mkdirSync(profile.tmp, { recursive: true });
  fs.writeFileSync(
    path.join(profile.userData, 'User', 'settings.json'),
    `${JSON.stringify({ ...SETTINGS, ...settings }, null, 2)}\n`,
  );
  return profile;
}

function serverEnv(profile, extra = {}) {
  return cleanEnv({
    HOME: profile.home,
    XDG_CONFIG_HOME: path.join(profile.home, '.config'),
    XDG_DATA_HOME: path.join(profile.home, '.local', 'share'),
    XDG_CACHE_HOME: path.join(profile.home, '.cache'),
    // Child processes started with `node` (tasks, terminals) get the same Node as the server.
    PATH: `${path.join(NODE24_DIR, 'bin')}${path.delimiter}${process.env.PATH}`,
    ...extra,
  });
}

/** `code-server --install-extension <vsix> --force` into the profile. */
export function installExtension(profile, vsix) {
  const result = spawnSync(
    NODE24,
    [
      CODE_SERVER_ENTRY,
      '--user-data-dir',
      profile.userData,
      '--extensions-dir',
      profile.extensions,
      '--install-extension',
      vsix,
      '--force',
    ],
    { env: serverEnv(profile), encoding: 'utf8', timeout: 120_000 },
  );
  if (result.status !== 0) {
    throw new Error(
      `installing ${vsix} failed (exit ${result.status}):\n${result.stdout}\n${result.stderr}`,
    );
  }
}

/**
 * Starts code-server on 127.0.0.1:port and resolves once /healthz answers. `folder` is opened by
 * default. `trust: true` keeps Workspace Trust on (the default run turns it off);
 * `smokeTestDriver: true` lets the page's `payload` parameter run extension tests.
 */
export async function startCodeServer({
  profile,
  folder,
  port,
  logFile,
  trust = false,
  smokeTestDriver = false,
  env = {},
}) {
  port ??= await freePort();
  const args = [
    CODE_SERVER_ENTRY,
    '--auth',
    'none',
    '--bind-addr',
    `127.0.0.1:${port}`,
    '--user-data-dir',
    profile.userData,
    '--extensions-dir',
    profile.extensions,
    '--disable-telemetry',
    '--disable-update-check',
    '--disable-getting-started-override',
    // An abandoned extension host (a closed tab, a reload) goes away after 5 s, not 3 hours.
    '--reconnection-grace-time',
    '5',
  ];
  if (!trust) args.push('--disable-workspace-trust');
  if (smokeTestDriver) args.push('--vscode-option', 'enable-smoke-test-driver');
  if (folder) args.push(folder);
  fs.mkdirSync(path.dirname(logFile), { recursive: true });
  const log = fs.openSync(logFile, 'a');
  const child = spawn(NODE24, args, {
    env: serverEnv(profile, env),
    stdio: ['ignore', log, log],
    // Its own process group, so Ctrl+C in our terminal reaches us first and we stop it in order.
    detached: true,
  });
  fs.closeSync(log);
  let exited = false;
  child.once('exit', () => (exited = true));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (exited) throw new Error(`code-server exited at start-up; see ${logFile}`);
    try {
      const response = await fetch(`${url}/healthz`);
      if (response.ok) break;
    } catch {
      // Not listening yet.
    }
    if (Date.now() > deadline) {
      await stopTree(child.pid);
      throw new Error(`code-server did not answer on ${url} within 60 s; see ${logFile}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return {
    url,
    port,
    pid: child.pid,
    /** The workbench URL that opens `dir`, with optional extra query parameters. */
    folderUrl(dir, query = {}) {
      const search = new URLSearchParams({ folder: dir, ...query });
      return `${url}/?${search.toString().replace(/%2F/g, '/')}`;
    },
    stop: () => stopTree(child.pid),
  };
}

/** The pids of `pid` and all its descendants, from /proc. */
export function processTree(pid) {
  const children = new Map();
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${entry}/stat`, 'utf8');
      // The command name is in parentheses and may hold spaces: the ppid follows the last ')'.
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (!children.has(ppid)) children.set(ppid, []);
      children.get(ppid).push(Number(entry));
    } catch {
      // The process ended while we looked.
    }
  }
  const tree = [];
  const queue = [pid];
  while (queue.length) {
    const next = queue.shift();
    tree.push(next);
    queue.push(...(children.get(next) ?? []));
  }
  return tree;
}

function alive(pid) {
  try {
    process.kill(pid, 0);
    const state = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    return state.slice(state.lastIndexOf(')') + 2)[0] !== 'Z';
  } catch {
    return false;
  }
}

/** SIGTERM to the process and every descendant, then SIGKILL to whatever is left after 5 s. */
export async function stopTree(pid) {
  if (!pid) return;
  const pids = processTree(pid);
  for (const target of pids) signal(target, 'SIGTERM');
  const deadline = Date.now() + 5000;
  while (pids.some(alive) && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  for (const target of pids.filter(alive)) signal(target, 'SIGKILL');
}

function signal(pid, name) {
  try {
    process.kill(pid, name);
  } catch {
    // Already gone.
  }
}
