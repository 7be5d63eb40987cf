// Differential test: the same fixtures run under our bootstrap and under the official
// aws-lambda-ric (3.3.0, the client of the nodejs18.x-22.x runtimes) against our Runtime API, and
// must give the same response and error bodies and the same log lines. Frames of the runtime
// clients themselves (below the handler) differ by nature and are left out of the comparison.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { Emulator } from '../../debug-adapter/emulator/emulator';
import type { FunctionInput, InvocationResult } from '../../debug-adapter/protocol/lambda';

const FIXTURES = path.resolve(__dirname, '..', 'fixtures', 'handlers', 'differential');
const RIC = path.resolve(
  __dirname,
  '..',
  '..',
  'node_modules',
  'aws-lambda-ric',
  'bin',
  'index.mjs',
);
const ricInstalled = fs.existsSync(RIC);
// CI installs the build tools aws-lambda-ric needs, so there a missing client is a failure.
const skip =
  !ricInstalled && !process.env.CI
    ? 'aws-lambda-ric is not installed (npm install builds it with autoconf, automake, libtool, cmake)'
    : false;

interface Case {
  handler: string;
  event?: string;
  input?: Partial<FunctionInput>;
  clientContext?: string;
}

const CASES: Case[] = [
  { handler: 'cases.asyncObject', event: '{"key":"value"}' },
  { handler: 'cases.asyncUndefined' },
  { handler: 'cases.asyncString' },
  { handler: 'cases.callback' },
  { handler: 'cases.callbackError' },
  { handler: 'cases.callbackWaits' },
  { handler: 'cases.callbackNoWait' },
  { handler: 'cases.succeed' },
  { handler: 'cases.fail' },
  { handler: 'cases.failEmpty' },
  { handler: 'cases.done' },
  { handler: 'cases.firstWins' },
  { handler: 'cases.throwError' },
  { handler: 'cases.throwString' },
  { handler: 'cases.throwObject' },
  { handler: 'cases.throwNumber' },
  { handler: 'cases.throwCustom' },
  { handler: 'cases.throwUnnamed' },
  { handler: 'cases.syncThrow' },
  { handler: 'cases.rejectUndefined' },
  { handler: 'cases.circular' },
  { handler: 'cases.levels' },
  { handler: 'cases.nested.deeper.handler' },
  { handler: 'cases.notAFunction' },
  { handler: 'cases.missing' },
  { handler: 'cases.syncNoReturn' },
  { handler: 'cases.asyncNeverResolves' },
  { handler: 'cases.context', clientContext: '{"custom":{"k":"v"},"env":{"locale":"en"}}' },
  { handler: 'esm.handler', event: '{"e":1}' },
  { handler: 'esm-pkg/index.handler' },
  { handler: 'syntax.handler' },
  // Lambda disables ESM detection in .js (spec §1.5): a syntax error, not a loaded module.
  { handler: 'esmInCjs.handler' },
  { handler: 'initThrow.handler' },
  { handler: 'nofile.handler' },
  { handler: 'nodot' },
  { handler: 'jsonLogs.handler', input: { logFormat: 'JSON' } },
  { handler: 'jsonLogs.handler', input: { logFormat: 'JSON', applicationLogLevel: 'WARN' } },
];

/** Keeps what both clients must agree on: no ids, times, or runtime-client frames. */
function normaliseText(text: string): string {
  return text
    .replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g, '<id>')
    .replace(/\(node:\d+\)/g, '(node:<pid>)')
    .replace(/\[\$LATEST\][0-9a-f]{32}/g, '[$LATEST]<instance>')
    .replace(
      /- [^"\\]*(runtime-bootstrap\.js|aws-lambda-ric[^"\\]*index\.mjs)/g,
      '- <runtime client>',
    )
    .replace(/\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z/g, '<time>')
    .replace(/(Init )?Duration: [\d.]+ ms/g, '$1Duration: <ms> ms')
    .replace(/Billed Duration: \d+ ms/g, 'Billed Duration: <ms> ms')
    .replace(/Max Memory Used: \d+ MB/g, 'Max Memory Used: <mb> MB')
    .replace(
      /"durationMs":[\d.]+|"billedDurationMs":\d+|"maxMemoryUsedMB":\d+|"initDurationMs":[\d.]+/g,
      '<metric>',
    )
    .replace(/,?"    at [^"]*"/g, (frame) => (frame.includes(FIXTURES) ? frame : ''))
    .replace(/\\n {4}at [^"\\]*(\\n|(?="))/g, (frame) => (frame.includes(FIXTURES) ? frame : ''))
    .replace(/\n {4}at [^\n]*/g, (frame) => (frame.includes(FIXTURES) ? frame : ''));
}

function observable(result: InvocationResult): object {
  const lines = result.logs
    // The bin script of aws-lambda-ric prints this; Lambda does not (feasibility-runtime.md §2).
    .filter((record) => !/^Executing '.*' in function directory/.test(record.text))
    // Newer runtime clients than 3.3.0 warn about callback handlers, and so do we (spec §2.1).
    .filter(
      (record) =>
        !record.text.includes(
          'AWS Lambda plans to remove support for callback-based function handlers',
        ),
    )
    // Where init errors are posted from differs (inside an invoke or not), not what is printed.
    .map((record) => `${record.source}: ${normaliseText(record.text)}`);
  return {
    status: result.status,
    functionError: result.functionError,
    reportErrorType: result.reportErrorType,
    contentType: result.contentType,
    payload: normaliseText(result.payload.toString('utf8')),
    lines,
  };
}

describe('differential: our bootstrap vs aws-lambda-ric 3.3.0', { skip }, () => {
  let ours: Emulator;
  let theirs: Emulator;

  before(() => {
    ours = new Emulator({ hostEnv: { PATH: process.env.PATH } });
    theirs = new Emulator({
      hostEnv: { PATH: process.env.PATH },
      runtimeCommand: (config) => ({ command: process.execPath, args: [RIC, config.handler] }),
    });
  });

  after(async () => {
    await Promise.all([ours.dispose(), theirs.dispose()]);
  });

  for (const runtime of ['nodejs20.x', 'nodejs22.x'] as const) {
    for (const [index, testCase] of CASES.entries()) {
      it(`${runtime} ${testCase.handler}${testCase.input ? ' ' + JSON.stringify(testCase.input) : ''}`, async () => {
        const name = `c${index}-${runtime.replace('.', '')}`;
        const input: FunctionInput = {
          name,
          handler: testCase.handler,
          codeUri: FIXTURES,
          runtime,
          timeout: 2,
          ...testCase.input,
        };
        ours.defineFunction(input);
        theirs.defineFunction(input);
        const options = testCase.clientContext ? { clientContext: testCase.clientContext } : {};
        const [a, b] = await Promise.all([
          ours.invoke(name, testCase.event ?? '{}', options),
          theirs.invoke(name, testCase.event ?? '{}', options),
        ]);
        assert.deepEqual(observable(a), observable(b));
      });
    }
  }
});
