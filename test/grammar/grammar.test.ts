// The lambda-log TextMate grammar (syntaxes/lambda-log.tmLanguage.json) under vscode-textmate and
// vscode-oniguruma, as VS Code runs it (house-style.md principles 14 and 16): golden token lists for
// sample logs of every kind, targeted checks of the scopes that matter, and proof that breaking the
// grammar breaks a test. UPDATE_GOLDENS=1 rewrites the goldens.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { assertGolden } from '../helpers/golden';
import { exportLogText } from '../../extension/log-panel/format';
import { recordsOf, session } from '../webview/fixtures';
import {
  formatTokens,
  GRAMMAR_PATH,
  loadGrammar,
  ROOT,
  SCOPE,
  tokenize,
  type Token,
} from './tokenize';

const SAMPLES = path.join(__dirname, 'samples');
const GOLDEN = path.join(__dirname, 'golden');

/** The texts the goldens cover: the samples, and the panel's export of a whole session. */
function texts(): Array<[name: string, text: string]> {
  const samples = fs
    .readdirSync(SAMPLES)
    .filter((file) => file.endsWith('.log'))
    .sort()
    .map((file): [string, string] => [
      file.replace(/\.lambda\.log$/, ''),
      fs.readFileSync(path.join(SAMPLES, file), 'utf8'),
    ]);
  return [...samples, ['panel-export', exportLogText(recordsOf(session({ running: true })))]];
}

async function goldenText(json?: string): Promise<Map<string, string>> {
  const grammar = await loadGrammar(json);
  return new Map(
    texts().map(([name, text]) => [name, formatTokens(text, tokenize(grammar, text))]),
  );
}

/** The token of a line whose text is `text`. */
function tokenOf(line: Token[], text: string): Token {
  const token = line.find((t) => t.text === text);
  assert.ok(
    token,
    `no token ${JSON.stringify(text)} in ${JSON.stringify(line.map((t) => t.text))}`,
  );
  return token;
}

describe('lambda-log grammar', () => {
  it('declares text.log.lambda, and every scope it names ends in .lambda', () => {
    const grammar = JSON.parse(fs.readFileSync(GRAMMAR_PATH, 'utf8')) as { scopeName: string };
    assert.equal(grammar.scopeName, SCOPE);
    const names: string[] = [];
    JSON.stringify(grammar, (key, value: unknown) => {
      if (
        (key === 'name' || key === 'contentName') &&
        typeof value === 'string' &&
        value.includes('.')
      )
        names.push(value);
      return value;
    });
    assert.ok(names.length > 40);
    for (const scope of names.flatMap((name) => name.split(' ')))
      assert.match(scope, /\.lambda$/, scope);
    const configuration = JSON.parse(
      fs.readFileSync(path.join(ROOT, 'syntaxes', 'language-configuration.json'), 'utf8'),
    ) as {
      wordPattern: string;
    };
    const words =
      'REPORT RequestId: c7bb77a1-774b-42a2-a86a-a8390d6215cd Error Type: Runtime.ExitError'.match(
        new RegExp(configuration.wordPattern, 'g'),
      );
    assert.deepEqual(words, [
      'REPORT',
      'RequestId',
      'c7bb77a1-774b-42a2-a86a-a8390d6215cd',
      'Error',
      'Type',
      'Runtime.ExitError',
    ]);
  });

  it('matches the golden token lists', async () => {
    for (const [name, tokens] of await goldenText())
      assertGolden(path.join(GOLDEN, `${name}.tokens.txt`), tokens);
  });

  it('colours what matters: platform lines, request ids, levels, durations, statuses, error types', async () => {
    const grammar = await loadGrammar();
    const text = fs.readFileSync(path.join(SAMPLES, 'text-format.lambda.log'), 'utf8');
    const lines = tokenize(grammar, text);
    const json = tokenize(
      grammar,
      fs.readFileSync(path.join(SAMPLES, 'json-format.lambda.log'), 'utf8'),
    );
    const id = 'c7bb77a1-774b-42a2-a86a-a8390d6215cd';
    const id2 = '883eb7bc-96db-4c83-8a8a-68ad3376bc90';
    // [line (1-based), token text, the innermost scope it must have]
    const cases: Array<[Token[][], number, string, string]> = [
      [lines, 1, 'INIT_START', 'keyword.other.platform.init-start.lambda'],
      [lines, 1, 'nodejs:22.mainline.v122', 'string.unquoted.runtime-version.lambda'],
      [lines, 2, '2026-07-22T03:52:34.100Z', 'comment.timestamp.lambda'],
      [lines, 2, 'undefined', 'constant.language.request-id.none.lambda'],
      [lines, 3, '-', 'constant.language.request-id.none.lambda'],
      [lines, 4, 'START', 'keyword.other.platform.start.lambda'],
      [lines, 4, id, 'constant.language.request-id.lambda'],
      [lines, 4, '$LATEST', 'string.unquoted.version.lambda'],
      [lines, 5, 'TRACE', 'comment.level.trace.lambda'],
      [lines, 6, 'DEBUG', 'markup.changed.level.debug.lambda'],
      [lines, 7, 'INFO', 'markup.inserted.level.info.lambda'],
      [lines, 7, '"golden"', 'support.type.property-name.json.lambda'],
      [lines, 7, '42', 'constant.numeric.lambda'],
      [lines, 7, 'null', 'constant.language.literal.lambda'],
      [lines, 8, 'WARN', 'markup.deleted.level.warn.lambda'],
      [lines, 9, 'ERROR', 'string.regexp.level.error.lambda'],
      [lines, 9, 'TypeError', 'entity.name.type.error.lambda'],
      [lines, 10, 'at', 'keyword.other.at.lambda'],
      [lines, 10, '/work/app/src/orders.js:14:27', 'markup.underline.link.source.lambda'],
      [lines, 12, 'FATAL', 'string.regexp.level.fatal.lambda'],
      [lines, 13, 'Invoke Error', 'string.regexp.error-label.lambda'],
      [lines, 13, '"TypeError"', 'string.quoted.double.lambda'],
      [lines, 14, 'END', 'keyword.other.platform.end.lambda'],
      [lines, 15, 'REPORT', 'keyword.other.platform.report.lambda'],
      [lines, 15, 'Billed Duration', 'support.type.property-name.lambda'],
      [lines, 15, '332', 'constant.numeric.duration.lambda'],
      [lines, 15, '299.31', 'constant.numeric.duration.lambda'],
      [lines, 15, 'ms', 'keyword.other.unit.ms.lambda'],
      [lines, 15, '80', 'constant.numeric.memory.lambda'],
      [lines, 16, '1-5e1b4151-5ac6c58f5b5daa6532e4ae9c', 'string.unquoted.xray.lambda'],
      [lines, 20, 'timeout', 'string.regexp.status.timeout.lambda'],
      [lines, 21, 'Task timed out after', 'string.regexp.timeout.lambda'],
      [lines, 21, id2, 'constant.language.request-id.lambda'],
      [lines, 22, 'Error', 'string.regexp.error-label.lambda'],
      [lines, 23, 'Runtime.ExitError', 'entity.name.type.error.lambda'],
      [lines, 24, 'error', 'string.regexp.status.error.lambda'],
      [lines, 24, 'Runtime.OutOfMemory', 'entity.name.type.error.lambda'],
      [lines, 25, 'Uncaught Exception', 'string.regexp.error-label.lambda'],
      [lines, 26, 'INIT_REPORT', 'keyword.other.platform.init-report.lambda'],
      [lines, 26, 'init', 'string.unquoted.phase.lambda'],
      [lines, 27, 'Runtime.ImportModuleError', 'entity.name.type.error.lambda'],
      [lines, 28, 'Unhandled Promise Rejection', 'string.regexp.error-label.lambda'],
      [lines, 30, 'Sandbox.Timedout', 'entity.name.type.error.lambda'],
      [json, 1, '"platform.initStart"', 'keyword.other.platform.json.lambda'],
      [json, 2, `"${id}"`, 'constant.language.request-id.lambda'],
      [json, 3, '"TRACE"', 'comment.level.trace.lambda'],
      [json, 3, '"2026-07-22T03:52:34.461Z"', 'comment.timestamp.lambda'],
      [json, 6, '"WARN"', 'markup.deleted.level.warn.lambda'],
      [json, 7, '"ERROR"', 'string.regexp.level.error.lambda'],
      [json, 7, '"SharpError"', 'entity.name.type.error.lambda'],
      [json, 8, '"FATAL"', 'string.regexp.level.fatal.lambda'],
      [json, 9, '"success"', 'markup.inserted.status.success.lambda'],
      [json, 9, '1233.96', 'constant.numeric.lambda'],
      [json, 10, '"timeout"', 'string.regexp.status.timeout.lambda'],
      [json, 11, '"Runtime.ImportModuleError"', 'entity.name.type.error.lambda'],
    ];
    for (const [tokens, line, text, scope] of cases) {
      assert.equal(tokenOf(tokens[line - 1], text).scopes.at(-1), scope, `line ${line}: ${text}`);
    }
    // A plain message stays plain: no scope beyond the line's and the message's.
    assert.deepEqual(tokenOf(lines[17], 'waiting for payment provider').scopes, [
      'meta.log-line.text.lambda',
      'meta.message.lambda',
    ]);
    assert.deepEqual(
      tokenOf(lines[28], 'raw stdout line written with process.stdout.write').scopes,
      [],
    );
  });

  it('fails when the grammar breaks: every rule is exercised by a golden', async () => {
    const source = fs.readFileSync(GRAMMAR_PATH, 'utf8');
    const golden = await goldenText(source);
    const grammar = JSON.parse(source) as { repository: Record<string, unknown> };
    const mutations: Array<[string, (copy: { repository: Record<string, unknown> }) => void]> = [
      ...Object.keys(grammar.repository).map(
        (rule): [string, (copy: { repository: Record<string, unknown> }) => void] => [
          `without #${rule}`,
          (copy) => {
            copy.repository[rule] = { patterns: [] };
          },
        ],
      ),
      [
        'REPORT renamed',
        (copy) => {
          const report = copy.repository.report as {
            beginCaptures: Record<string, { name: string }>;
          };
          report.beginCaptures['1'].name = 'keyword.other.platform.lambda';
        },
      ],
      [
        'ERROR level coloured as INFO',
        (copy) => {
          const textLine = copy.repository['text-line'] as {
            beginCaptures: Record<string, { name: string }>;
          };
          textLine.beginCaptures['8'].name = 'markup.inserted.level.info.lambda';
        },
      ],
    ];
    for (const [label, mutate] of mutations) {
      const copy = JSON.parse(source) as { repository: Record<string, unknown> };
      mutate(copy);
      const broken = await goldenText(JSON.stringify(copy));
      const changed = [...golden].some(([name, tokens]) => broken.get(name) !== tokens);
      assert.ok(
        changed,
        `${label}: no golden token list changed, so the goldens would not catch it`,
      );
    }
  });
});
