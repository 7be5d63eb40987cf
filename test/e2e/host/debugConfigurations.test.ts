// The `lambda` debug configuration provider and what follows it in VS Code: the resolver's
// defaults, the setting it reads, and a breakpoint in the TypeScript handler that stops js-debug's
// child session (started by the extension on `lambda/attachRequested`) on the right line.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { afterEach, describe, it } from 'mocha';
import * as vscode from 'vscode';
import type { InvocationSummary } from '../../../debug-adapter/protocol/dap';
import { file, folder, next, nextCustomEvent, stop } from './helpers';

const counter = {
  type: 'lambda',
  request: 'launch',
  name: 'e2e: Counter',
  template: '${workspaceFolder}/template.yaml',
  functionId: 'Counter',
  event: {},
  noDebug: true,
};

/** Starts a configuration and returns the `lambda` session and its first invocation's summary. */
async function launch(
  configuration: vscode.DebugConfiguration,
): Promise<{ session: vscode.DebugSession; ended: InvocationSummary }> {
  const started = next(
    'a lambda session to start',
    vscode.debug.onDidStartDebugSession,
    (s) => s.type === 'lambda' && s.name === configuration.name,
  );
  const ended = nextCustomEvent<InvocationSummary>('lambda/invocationEnded');
  assert.equal(
    await vscode.debug.startDebugging(folder(), configuration),
    true,
    'startDebugging returned false',
  );
  return { session: await started, ended: await ended };
}

describe('debug configurations of type lambda', () => {
  const sessions: vscode.DebugSession[] = [];
  afterEach(async () => {
    for (const session of sessions.splice(0)) await stop(session);
    await vscode.workspace
      .getConfiguration('lambdaWorkbench')
      .update('pauseTimeoutWhileDebugging', undefined, vscode.ConfigurationTarget.Workspace);
    await vscode.debug.removeBreakpoints(vscode.debug.breakpoints);
  });

  it('the resolver fills in cwd and pauseTimeoutWhileDebugging, and the function runs', async () => {
    const { session, ended } = await launch(counter);
    sessions.push(session);
    assert.equal(session.configuration.cwd, folder().uri.fsPath);
    assert.equal(session.configuration.pauseTimeoutWhileDebugging, true);
    assert.equal(ended.functionName, 'Counter');
    assert.equal(ended.status, 'success', ended.payload);
  });

  it('the resolver keeps what the configuration says, and reads the setting otherwise', async () => {
    await vscode.workspace
      .getConfiguration('lambdaWorkbench')
      .update('pauseTimeoutWhileDebugging', false, vscode.ConfigurationTarget.Workspace);
    const fromSetting = await launch({ ...counter, name: 'e2e: Counter (setting)' });
    sessions.push(fromSetting.session);
    assert.equal(fromSetting.session.configuration.pauseTimeoutWhileDebugging, false);
    const explicit = await launch({
      ...counter,
      name: 'e2e: Counter (explicit)',
      pauseTimeoutWhileDebugging: true,
      cwd: folder().uri.fsPath + '/src',
    });
    sessions.push(explicit.session);
    assert.equal(explicit.session.configuration.pauseTimeoutWhileDebugging, true);
    assert.equal(explicit.session.configuration.cwd, folder().uri.fsPath + '/src');
  });

  it('a breakpoint in createOrder.ts stops the js-debug child session on that line', async () => {
    const source = file('src/createOrder.ts');
    const line =
      fs
        .readFileSync(source.fsPath, 'utf8')
        .split('\n')
        .findIndex((text) => text.includes('console.log(')) + 1;
    vscode.debug.addBreakpoints([
      new vscode.SourceBreakpoint(new vscode.Location(source, new vscode.Position(line - 1, 0))),
    ]);

    let stopped: (body: { reason: string; threadId: number }) => void;
    const stoppedEvent = new Promise<{ reason: string; threadId: number }>(
      (resolve) => (stopped = resolve),
    );
    let child: vscode.DebugSession | undefined;
    const tracker = vscode.debug.registerDebugAdapterTrackerFactory('pwa-node', {
      createDebugAdapterTracker: (session) => ({
        onDidSendMessage: (message: {
          type: string;
          event?: string;
          body?: { reason: string; threadId: number };
        }) => {
          if (message.type === 'event' && message.event === 'stopped' && message.body) {
            child = session;
            stopped(message.body);
          }
        },
      }),
    });
    try {
      const started = next(
        'the lambda session',
        vscode.debug.onDidStartDebugSession,
        (s) => s.type === 'lambda',
      );
      const ended = nextCustomEvent<InvocationSummary>(
        'lambda/invocationEnded',
        () => true,
        60_000,
      );
      assert.ok(
        await vscode.debug.startDebugging(folder(), {
          type: 'lambda',
          request: 'launch',
          name: 'e2e: CreateOrder',
          template: '${workspaceFolder}/template.yaml',
          functionId: 'CreateOrder',
          eventFile: '${workspaceFolder}/events/CreateOrder/valid.json',
        }),
      );
      sessions.push(await started);
      const body = await Promise.race([
        stoppedEvent,
        new Promise<never>((_, reject) =>
          setTimeout(() => reject(new Error('js-debug never stopped')), 45_000),
        ),
      ]);
      assert.equal(body.reason, 'breakpoint');
      // js-debug's attach session (our child) runs the process's target as a child of its own.
      const ancestors: string[] = [];
      for (let parent = child!.parentSession; parent; parent = parent.parentSession)
        ancestors.push(parent.type);
      assert.ok(
        ancestors.includes('lambda'),
        `js-debug runs under the lambda session (ancestors: ${ancestors.join(', ')})`,
      );
      const trace = (await child!.customRequest('stackTrace', {
        threadId: body.threadId,
        levels: 1,
      })) as {
        stackFrames: Array<{ line: number; source?: { path?: string } }>;
      };
      const top = trace.stackFrames[0]!;
      // Paths reach the workbench as URIs of the remote (vscode-remote://127.0.0.1:PORT/…).
      assert.equal(vscode.Uri.parse(top.source?.path ?? '').path, source.path);
      assert.equal(top.line, line);
      await child!.customRequest('continue', { threadId: body.threadId });
      const summary = await ended;
      assert.equal(summary.status, 'success', summary.payload);
      assert.equal(JSON.parse(summary.payload).statusCode, 201);
    } finally {
      tracker.dispose();
    }
  });
});
