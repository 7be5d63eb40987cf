// Shared by the language server suites: a server on a fresh copy of a fixture workspace, and
// diagnostics, ranges and lenses flattened to rows that compare exactly and read well in a diff.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { CodeLens, Diagnostic, PublishDiagnosticsParams, Range } from 'vscode-languageserver';
import { copyFixture, LspClient, uriOf, type StartOptions } from '../helpers/lspClient';

/** A server on a copy of `test/fixtures/lsp/<fixture>`. */
export interface Session {
  client: LspClient;
  /** The copy's folder. */
  dir: string;
  /** The path of a file of the copy. */
  file(relative: string): string;
  /** The URI of a file of the copy. */
  uri(relative: string): string;
  /**
   * Shuts the server down and deletes the copy; fails if the server logged an error (a bug of
   * ours) or exited badly.
   */
  end(): Promise<void>;
}

export async function startSession(
  fixture: string,
  options: Omit<StartOptions, 'folders'> = {},
): Promise<Session> {
  const dir = copyFixture(fixture);
  const client = await LspClient.start({ folders: [dir], ...options });
  return {
    client,
    dir,
    file: (relative) => path.join(dir, relative),
    uri: (relative) => uriOf(path.join(dir, relative)),
    async end() {
      try {
        assert.deepEqual(client.errors(), [], 'the server logged errors');
        assert.equal(await client.shutdown(), 0, `exit code; stderr: ${client.stderr}`);
      } finally {
        client.kill();
        fs.rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}

/** `line:character-line:character`, 0-based as LSP counts. */
export function span(range: Range): string {
  return `${range.start.line}:${range.start.character}-${range.end.line}:${range.end.character}`;
}

/** A diagnostic as one comparable row. */
export interface Row {
  range: string;
  severity: 'error' | 'warning';
  code?: string;
  message: string;
}

export function rows(params: PublishDiagnosticsParams | Diagnostic[]): Row[] {
  const list = Array.isArray(params) ? params : params.diagnostics;
  return list.map((d) => {
    assert.equal(d.source, 'Lambda Workbench');
    return {
      range: span(d.range),
      severity: d.severity === 1 ? 'error' : 'warning',
      ...(d.code !== undefined ? { code: String(d.code) } : {}),
      message: typeof d.message === 'string' ? d.message : d.message.value,
    };
  });
}

/** A code lens as one comparable row. */
export function lensRows(
  lenses: CodeLens[],
): { range: string; title: string; command: string; args: unknown }[] {
  return lenses.map((l) => ({
    range: span(l.range),
    title: l.command?.title ?? '',
    command: l.command?.command ?? '',
    args: l.command?.arguments?.[0],
  }));
}
