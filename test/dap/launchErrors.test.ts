// Bad launch configurations (issue #4 item 2): each gets an error response with a numbered
// ErrorCode, `showUser`, and a message that names the attribute and the fix (docs/debugging.md
// lists them). One adapter per case, as VS Code starts one per launch.
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import type { DebugProtocol } from '@vscode/debugprotocol';
import { ErrorCode, type LambdaLaunchConfig } from '../../debug-adapter/protocol/dap';
import { LambdaDapClient } from '../helpers/dapClient';

const FIXTURES = path.resolve(__dirname, '..', 'fixtures', 'handlers', 'dap');
const JS_DIR = path.join(FIXTURES, 'js');
const TEMPLATE = path.join(FIXTURES, 'template.yaml');
const base: LambdaLaunchConfig = { handler: 'remaining.handler', codeUri: JS_DIR, noDebug: true };

const cases: Array<[string, Record<string, unknown>, ErrorCode, RegExp]> = [
  [
    'no function',
    {},
    ErrorCode.MissingFunction,
    /^Which function should run\? Set "handler" \(with "codeUri"\) or "template" \(with "functionId"\)/,
  ],
  [
    'handler and template',
    { ...base, template: TEMPLATE },
    ErrorCode.ConflictingFunction,
    /"handler" and "template" are both set/,
  ],
  [
    'codeUri with template',
    { template: TEMPLATE, functionId: 'RemainingFunction', codeUri: JS_DIR },
    ErrorCode.ConflictingFunction,
    /Remove "codeUri"/,
  ],
  [
    'handler not a string',
    { handler: 42, codeUri: JS_DIR },
    ErrorCode.InvalidAttribute,
    /^"handler" must be a string like "src\/app\.handler"/,
  ],
  [
    'handler without export',
    { handler: 'remaining', codeUri: JS_DIR },
    ErrorCode.HandlerNotFound,
    /is not file\.export .*Write it as "src\/app\.handler"/,
  ],
  [
    'handler file missing',
    { handler: 'missing.handler', codeUri: JS_DIR },
    ErrorCode.HandlerNotFound,
    /names no file: there is no missing\.js, \.mjs, \.cjs or \.ts in .*Fix "handler" .* or "codeUri"/,
  ],
  [
    'codeUri missing',
    { handler: 'app.handler', codeUri: '/no/such/folder' },
    ErrorCode.FolderNotFound,
    /^"codeUri" \/no\/such\/folder is not a folder/,
  ],
  [
    'template missing',
    { template: 'no-such-template.yaml' },
    ErrorCode.TemplateInvalid,
    /"template" .*no-such-template\.yaml does not exist/,
  ],
  [
    'template needs functionId',
    { template: TEMPLATE },
    ErrorCode.FunctionNotInTemplate,
    /set "functionId" .* to one of RemainingFunction, TypeScriptFunction/,
  ],
  [
    'functionId unknown',
    { template: TEMPLATE, functionId: 'Nope' },
    ErrorCode.FunctionNotInTemplate,
    /"functionId" "Nope" is not a function of .*one of: RemainingFunction, TypeScriptFunction/,
  ],
  [
    'event and eventFile',
    { ...base, event: {}, eventFile: 'event.json' },
    ErrorCode.EventInvalid,
    /"event" and "eventFile" are both set/,
  ],
  [
    'eventFile missing',
    { ...base, eventFile: 'missing.json', cwd: FIXTURES },
    ErrorCode.EventInvalid,
    /"eventFile" cannot be read: no such file/,
  ],
  [
    'eventFile not JSON',
    { ...base, eventFile: 'broken.json', cwd: FIXTURES },
    ErrorCode.EventInvalid,
    /"eventFile" .*broken\.json is not valid JSON .*Fix the file, or give the event inline as "event"/,
  ],
  [
    'envFile malformed',
    { ...base, envFile: path.join(FIXTURES, 'bad.env') },
    ErrorCode.EnvFileInvalid,
    /"envFile" .*bad\.env: line 4 is not KEY=value: "BAD LINE"/,
  ],
  [
    'timeout out of range',
    { ...base, timeout: 0 },
    ErrorCode.InvalidValue,
    /^timeout must be a whole number of seconds from 1 to 900; got 0\. Fix "timeout"/,
  ],
  [
    'memorySize too small',
    { ...base, memorySize: 64 },
    ErrorCode.InvalidValue,
    /^memorySize must be a whole number of MB from 128 to 10240; got 64\. Fix "memorySize"/,
  ],
  [
    'runtime unknown',
    { ...base, runtime: 'python3.12' },
    ErrorCode.InvalidValue,
    /^runtime must be one of nodejs20\.x, nodejs22\.x, nodejs24\.x; got "python3\.12"\. Fix "runtime"/,
  ],
  [
    'reserved variable',
    { ...base, environment: { AWS_REGION: 'x' } },
    ErrorCode.InvalidValue,
    /AWS_REGION is reserved by Lambda .*Fix "environment\.AWS_REGION"/,
  ],
  [
    'variable not a string',
    { ...base, environment: { TABLE: { name: 'x' } } },
    ErrorCode.InvalidAttribute,
    /^"environment\.TABLE" must be a string/,
  ],
  [
    'flag not a boolean',
    { ...base, pauseTimeoutWhileDebugging: 'yes' },
    ErrorCode.InvalidAttribute,
    /^"pauseTimeoutWhileDebugging" must be true or false; got "yes"/,
  ],
  [
    'port out of range',
    { ...base, invokeApiPort: 70000 },
    ErrorCode.InvalidAttribute,
    /^"invokeApiPort" must be a port number from 0 to 65535/,
  ],
  [
    'function name',
    { ...base, functionName: 'has space' },
    ErrorCode.InvalidValue,
    /^name must be 1 to 64 letters.* Fix "functionName"/,
  ],
];

describe('lambda debug adapter: bad launch configurations', { concurrency: 4 }, () => {
  for (const [title, config, code, message] of cases) {
    it(`${title}: error ${code}`, async () => {
      const client = new LambdaDapClient();
      await client.start();
      try {
        const response = (await client.launchResponse(
          config as LambdaLaunchConfig,
        )) as DebugProtocol.ErrorResponse;
        assert.equal(response.success, false);
        assert.equal(response.body.error?.id, code);
        assert.equal(response.body.error?.showUser, true);
        assert.match(response.message ?? '', message);
        assert.equal(client.all('lambda/instanceStarted').length, 0, 'nothing was started');
      } finally {
        await client.stop();
      }
      assert.doesNotMatch(client.stderr, /\] error /, 'a user mistake is not our bug');
    });
  }
});
