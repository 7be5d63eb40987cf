// Live `lambda` sessions as the Invoke command finds them: a session started without an event
// waits, and "Lambda: Invoke" (and the log panel's Re-invoke) must run in it, with its warm
// instances and breakpoints, rather than beside it at full speed.
import assert from 'node:assert/strict';
import { describe, it } from 'mocha';
import * as vscode from 'vscode';
import { api, folder, next, stop, until } from './helpers';

describe('live lambda sessions', () => {
  it('a session started without an event is the one an invocation of its function goes to', async () => {
    const { sessions } = await api();
    const started = next(
      'the lambda session',
      vscode.debug.onDidStartDebugSession,
      (s) => s.type === 'lambda',
    );
    assert.ok(
      await vscode.debug.startDebugging(folder(), {
        type: 'lambda',
        request: 'launch',
        name: 'e2e: Counter without an event',
        template: '${workspaceFolder}/template.yaml',
        functionId: 'Counter',
        noDebug: true,
      }),
    );
    const session = await started;
    try {
      const found = await until('the session to be known by its function name', () =>
        sessions.sessionFor('Counter'),
      );
      assert.equal(found.id, session.id);
      const summary = await sessions.invokeInSession(session, {
        functionName: 'Counter',
        event: {},
      });
      assert.equal(summary.status, 'success', summary.payload);
    } finally {
      await stop(session);
    }
    assert.equal(sessions.sessionFor('Counter'), undefined, 'a stopped session is forgotten');
  });
});
