/**
 * Runs invocations at full speed when no debug session runs the function: one emulator in the
 * extension host (the handler code still runs in its own instance processes, so a handler that
 * crashes, hangs or runs out of memory cannot affect the editor), with warm instances kept
 * between invocations, as a real function would.
 */
import * as path from 'node:path';
import * as vscode from 'vscode';
// The pure summary the debug adapter sends in lambda/invocationEnded, so both paths look the same.
import { summarize } from '../../debug-adapter/dap/output';
import type { InvocationSummary } from '../../debug-adapter/protocol/dap';
import type { FunctionInput } from '../../debug-adapter/protocol/lambda';
import { Emulator } from '../../debug-adapter/emulator/emulator';
import { readSetting } from '../settings';
import type { FeedEmitter } from '../debug/sessions';

export class LocalRunner implements vscode.Disposable {
  private emulator: Emulator | undefined;
  private readonly defined = new Map<string, string>();

  constructor(
    private readonly extensionPath: string,
    private readonly feed: FeedEmitter,
  ) {}

  async invoke(input: FunctionInput, event: string): Promise<InvocationSummary> {
    const emulator = this.ensureEmulator();
    const signature = JSON.stringify(input);
    if (this.defined.get(input.name) !== signature) {
      emulator.defineFunction(input);
      this.defined.set(input.name, signature);
    }
    return summarize(await emulator.invoke(input.name, event));
  }

  /** Retires every instance so the next invocation cold-starts. */
  recycle(): void {
    this.emulator?.recycle();
  }

  dispose(): void {
    void this.emulator?.dispose();
    this.emulator = undefined;
  }

  private ensureEmulator(): Emulator {
    if (this.emulator) return this.emulator;
    const emulator = new Emulator({
      bootstrapPath: path.join(this.extensionPath, 'dist', 'runtime-bootstrap.js'),
      passHostCredentials: readSetting('lambdaWorkbench.passHostCredentials') ?? true,
      idleTimeoutMs: (readSetting('lambdaWorkbench.idleTimeoutMinutes') ?? 10) * 60_000,
    });
    emulator.onLog((record) => this.feed.log.fire(record));
    emulator.onInvocationStarted((event) => this.feed.started.fire(event));
    emulator.onInvocationEnded((event) => this.feed.ended.fire(summarize(event.result)));
    emulator.onInstanceStarted((instance) =>
      this.feed.instance.fire({ state: 'started', instance }),
    );
    emulator.onInstanceStopped((instance) =>
      this.feed.instance.fire({ state: 'stopped', instance }),
    );
    this.emulator = emulator;
    return emulator;
  }
}
