/**
 * Entry of `dist/debug-adapter.js`, the standalone `lambda` debug adapter (house-style.md
 * principle 3). By default it speaks DAP over stdin/stdout, one session per process, which is how
 * VS Code runs it. With `--server=PORT` it listens on 127.0.0.1 and runs one session per
 * connection, so the adapter itself can run under a debugger. A bug never crashes it: uncaught
 * errors are logged to stderr with their stack. May import dap/; never vscode.
 */
import * as net from 'node:net';
import { describeError, stderrDiagnostics } from './dap/diagnostics';
import { LambdaDebugSession } from './dap/lambdaDebugSession';

process.on('uncaughtException', (error) => {
  stderrDiagnostics.log('error', 'process', `uncaught exception: ${describeError(error)}`);
});
process.on('unhandledRejection', (reason) => {
  stderrDiagnostics.log('error', 'process', `unhandled rejection: ${describeError(reason)}`);
});

function serverPort(argv: string[]): number | undefined {
  const flag = argv.find((arg) => arg.startsWith('--server='));
  if (flag === undefined) return undefined;
  const port = Number(flag.slice('--server='.length));
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    stderrDiagnostics.log(
      'error',
      'process',
      `--server needs a port number from 0 to 65535; got ${flag}`,
    );
    process.exit(2);
  }
  return port;
}

function runServer(port: number): void {
  const sessions = new Set<LambdaDebugSession>();
  const server = net.createServer((socket) => {
    const session = new LambdaDebugSession();
    session.setRunAsServer(true);
    sessions.add(session);
    // The session disposes its instances when the connection closes (its `close` event).
    socket.on('close', () => sessions.delete(session));
    session.start(socket, socket);
  });
  server.listen(port, '127.0.0.1', () => {
    const address = server.address() as net.AddressInfo;
    stderrDiagnostics.log(
      'info',
      'process',
      `waiting for debug protocol on 127.0.0.1:${address.port}`,
    );
  });
  const stop = (): void => {
    server.close();
    for (const session of sessions) session.dispose();
    setTimeout(() => process.exit(0), 1000).unref();
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}

function runStdio(): void {
  const session = new LambdaDebugSession();
  // The session stops its instances, then exits; VS Code may also just close stdin (same path).
  for (const signal of ['SIGTERM', 'SIGINT', 'SIGHUP'] as const)
    process.once(signal, () => session.shutdown());
  session.start(process.stdin, process.stdout);
}

const port = serverPort(process.argv.slice(2));
if (port === undefined) runStdio();
else runServer(port);
