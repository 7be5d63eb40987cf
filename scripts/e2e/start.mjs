// `npm start`: builds and packages the extension, installs it into a private VS Code
// (code-server, set up on first use by setup.mjs), opens a copy of the example project and prints
// the URL to open in a browser. Everything it keeps lives under .e2e/ (gitignored): the profile
// (settings, installed extensions, state) and the example's copy, which survives restarts.
// Ctrl+C stops code-server and every process it started.
// Usage: npm start [-- --port 8080] [-- --reset]   (--reset makes a fresh copy of the example)
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as path from 'node:path';
import { installExtension, makeProfile, startCodeServer } from './codeServer.mjs';
import { LOCAL, ROOT, VSIX } from './env.mjs';
import { setup } from './setup.mjs';
import { copyExample } from './workspace.mjs';

const args = process.argv.slice(2);
const option = (name) => {
  const index = args.indexOf(name);
  return index === -1 ? undefined : args[index + 1];
};

async function main() {
  await setup({ browser: false });

  console.log('building and packaging the extension');
  fs.mkdirSync(path.dirname(VSIX), { recursive: true });
  const packaged = spawnSync(process.execPath, ['scripts/package.mjs', '--out', VSIX], {
    cwd: ROOT,
    encoding: 'utf8',
  });
  if (packaged.status !== 0) {
    process.stderr.write(`${packaged.stdout}\n${packaged.stderr}`);
    throw new Error('npm run package failed');
  }

  // Workspace Trust is off, as in the tests: the user asked for this folder, and a Restricted
  // Mode prompt on every fresh profile would only hide the extension (it needs a trusted folder).
  const profile = makeProfile(path.join(LOCAL, 'start'));
  installExtension(profile, VSIX);

  const folder = path.join(LOCAL, 'playground', 'orders');
  if (args.includes('--reset')) fs.rmSync(folder, { recursive: true, force: true });
  if (!fs.existsSync(folder)) copyExample('orders', folder);

  const port = Number(option('--port') ?? 8080);
  if (!(await portIsFree(port))) {
    throw new Error(
      `port ${port} is taken on 127.0.0.1; choose another with: npm start -- --port 8081`,
    );
  }
  const server = await startCodeServer({
    profile,
    folder,
    port,
    logFile: path.join(profile.dir, 'code-server.log'),
  });
  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    console.log('\nstopping code-server');
    await server.stop();
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  process.on('SIGHUP', stop);

  console.log(`
Lambda Workbench is running in VS Code (code-server), on this machine only:

    ${server.url}/?folder=${folder}

The example project is a copy in ${path.relative(ROOT, folder)}/ ("npm start -- --reset" renews it).
Try: open src/createOrder.ts and set a breakpoint (F9); press F5, choose "AWS Lambda (Lambda
Workbench)" and CreateOrder; then F1 "Lambda: Invoke with Event…", CreateOrder, "valid": the
editor stops on your breakpoint. Logs: ${path.relative(ROOT, profile.dir)}/code-server.log
Press Ctrl+C to stop.`);
}

function portIsFree(port) {
  return new Promise((resolve) => {
    const probe = net.createServer();
    probe.once('error', () => resolve(false));
    probe.listen(port, '127.0.0.1', () => probe.close(() => resolve(true)));
  });
}

main().catch((error) => {
  console.error(`npm start: ${error.message}`);
  process.exit(1);
});
