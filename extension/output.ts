/**
 * The two output channels: "Lambda" carries the raw Lambda log text (coloured by the lambda-log
 * grammar), "Lambda Workbench" our own diagnostics (a LogOutputChannel, house-style.md 21).
 */
import * as vscode from 'vscode';
import type { LogRecord } from '../debug-adapter/protocol/lambda';
import { DIAGNOSTICS_CHANNEL, LANGUAGE_LAMBDA_LOG, OUTPUT_CHANNEL } from './contributions';

export interface Channels {
  lambda: vscode.OutputChannel;
  diagnostics: vscode.LogOutputChannel;
  appendRecord(record: LogRecord): void;
}

export function createChannels(context: vscode.ExtensionContext): Channels {
  const lambda = vscode.window.createOutputChannel(OUTPUT_CHANNEL, LANGUAGE_LAMBDA_LOG);
  const diagnostics = vscode.window.createOutputChannel(DIAGNOSTICS_CHANNEL, { log: true });
  context.subscriptions.push(lambda, diagnostics);
  return {
    lambda,
    diagnostics,
    appendRecord: (record) => lambda.appendLine(record.text),
  };
}
