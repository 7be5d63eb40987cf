/**
 * Handler loading for both generations (lambda-runtime-spec.md §1): handler-string validation,
 * module roots, CJS/ESM resolution order, nested property walks, the `default` retry of Node 24,
 * load-time error mapping, top-level await, init-error exit codes, and TypeScript through the
 * emulator's module override with source-mapped traces.
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import * as esbuild from 'esbuild';
import {
  disposeAll,
  FIXTURES,
  makeTree,
  removeTree,
  runOnce,
  type InstanceOptions,
  type Outcome,
  TEST_TIMEOUT,
} from './harness';

type Expect =
  | { response: string }
  | { error: { errorType: string; errorMessage: string | RegExp } }
  | { initError: { errorType: string; errorMessage: string | RegExp }; exitCode: number }
  | { crash: number };

interface Row {
  name: string;
  handler: string;
  ric3: Expect;
  ric4: Expect;
  env?: Record<string, string | undefined>;
}

const notExported = (handler: string) => ({
  errorType: 'Runtime.HandlerNotFound',
  errorMessage: `${handler} is undefined or not exported`,
});
/** RIC3 exits 129 after posting an init error; RIC4 rethrows and Node exits with 1. */
const initError = (error: {
  errorType: string;
  errorMessage: string | RegExp;
}): { ric3: Expect; ric4: Expect } => ({
  ric3: { initError: error, exitCode: 129 },
  ric4: { initError: error, exitCode: 1 },
});
const both = (expect: Expect) => ({ ric3: expect, ric4: expect });

const ROWS: Row[] = [
  {
    name: 'module root with nested dirs',
    handler: 'nested/dir/sub/file.handler',
    ...both({ response: '"nested file"' }),
  },
  {
    name: 'nested property path',
    handler: 'nested/dir/sub/file.obj.inner.method',
    ...both({ response: '"nested property"' }),
  },
  {
    name: 'ESM default export object: only Node 24 retries on default',
    handler: 'esm/default-object.handler',
    ric3: { initError: notExported('esm/default-object.handler'), exitCode: 129 },
    ric4: { response: '"from default object"' },
  },
  {
    name: 'ESM default export function',
    handler: 'esm/default-fn.default',
    ...both({ response: '"from default function"' }),
  },
  {
    name: 'top-level await',
    handler: 'esm/tla.handler',
    ...both({ response: '{"waitedMs":true}' }),
  },
  {
    name: 'rejected top-level await keeps its own error type',
    handler: 'esm/tla-reject.handler',
    ...initError({ errorType: 'RangeError', errorMessage: 'top-level await failed' }),
  },
  {
    name: 'ESM missing dependency is a plain Error',
    handler: 'esm/missing-dep.handler',
    ...initError({
      errorType: 'Error',
      errorMessage:
        /^Cannot find package 'lambda-workbench-no-such-package' imported from \/.*\/esm\/missing-dep\.mjs$/,
    }),
  },
  {
    name: '"type": "module" package, .js file',
    handler: 'module-pkg/index.handler',
    ...both({ response: '"from type module"' }),
  },
  {
    name: 'CommonJS code in a "type": "module" package',
    handler: 'module-pkg/cjs.handler',
    ...initError({
      errorType: 'ReferenceError',
      errorMessage: /^exports is not defined in ES module scope/,
    }),
  },
  {
    // Lambda turns ESM syntax detection off on nodejs20.x/22.x only (lambdaNodeArgs).
    name: 'ESM syntax in a CommonJS .js file',
    handler: 'esm-in-cjs.handler',
    ric3: {
      initError: {
        errorType: 'Runtime.UserCodeSyntaxError',
        errorMessage: 'SyntaxError: Cannot use import statement outside a module',
      },
      exitCode: 129,
    },
    ric4: { response: '"function"' },
  },
  {
    name: 'precedence: extensionless first',
    handler: 'precedence/all/prec.handler',
    ...both({ response: '"extensionless"' }),
  },
  {
    name: 'precedence: .js before .mjs',
    handler: 'precedence/no-extensionless/prec.handler',
    ...both({ response: '".js"' }),
  },
  {
    name: 'precedence: .mjs before .cjs',
    handler: 'precedence/no-js/prec.handler',
    ...both({ response: '".mjs"' }),
  },
  {
    name: 'a directory: required on Node ≤22, import() refuses it on 24',
    handler: 'libdir.handler',
    ric3: { response: '"directory index"' },
    ric4: {
      initError: {
        errorType: 'Error',
        errorMessage: /^Directory import '.*\/libdir' is not supported/,
      },
      exitCode: 1,
    },
  },
  {
    name: '".." in the handler string',
    handler: '../bootstrap/notfn.handler',
    ...initError({
      errorType: 'Runtime.MalformedHandlerName',
      errorMessage:
        "'../bootstrap/notfn.handler' is not a valid handler name. Use absolute paths when specifying root directories in handler names.",
    }),
  },
  {
    name: 'export is not a function',
    handler: 'notfn.handler',
    ...initError({
      errorType: 'Runtime.HandlerNotFound',
      errorMessage: 'notfn.handler is not a function',
    }),
  },
  {
    name: 'unhandled rejection during init',
    handler: 'init-reject.handler',
    ric3: {
      initError: {
        errorType: 'Runtime.UnhandledPromiseRejection',
        errorMessage: 'Error: rejected during init',
      },
      exitCode: 128,
    },
    // RIC4 installs no rejection handler: Node's default kills the process before anything posts.
    ric4: { crash: 1 },
  },
  {
    name: 'async handler with three parameters',
    handler: 'callbacks.asyncThreeParams',
    ric3: { response: '"async three"' },
    ric4: {
      initError: {
        errorType: 'Runtime.CallbackHandlerDeprecated',
        errorMessage: /^ERROR: AWS Lambda has removed support for callback-based function handlers/,
      },
      exitCode: 1,
    },
  },
  {
    name: 'unknown streaming marker',
    handler: 'bad-streaming.handler',
    // RIC3 references MalformedStreamingHandler without importing it (spec §2.4).
    ric3: {
      initError: {
        errorType: 'ReferenceError',
        errorMessage: 'MalformedStreamingHandler is not defined',
      },
      exitCode: 129,
    },
    ric4: {
      initError: {
        errorType: 'Runtime.MalformedStreamingHandler',
        errorMessage: 'Only response streaming is supported.',
      },
      exitCode: 1,
    },
  },
  {
    name: 'missing _HANDLER',
    handler: 'unused.handler',
    env: { _HANDLER: undefined },
    ...initError({
      errorType: 'Runtime.PlatformError',
      errorMessage: '_HANDLER environment variable is not set',
    }),
  },
];

function check(outcome: Outcome, expect: Expect): void {
  const body = () => JSON.parse(outcome.body ?? 'null') as Record<string, unknown>;
  const matches = (actual: unknown, expected: string | RegExp) =>
    typeof expected === 'string'
      ? assert.equal(actual, expected)
      : assert.match(String(actual), expected);
  if ('response' in expect) {
    assert.equal(outcome.kind, 'response', outcome.body);
    assert.equal(outcome.body, expect.response);
  } else if ('error' in expect) {
    assert.equal(outcome.kind, 'error', outcome.body);
    assert.equal(body().errorType, expect.error.errorType);
    matches(body().errorMessage, expect.error.errorMessage);
  } else if ('initError' in expect) {
    assert.equal(outcome.kind, 'init-error', outcome.body ?? outcome.instance.stderr);
    const parsed = body();
    assert.equal(parsed.errorType, expect.initError.errorType);
    matches(parsed.errorMessage, expect.initError.errorMessage);
    assert.deepEqual(Object.keys(parsed), ['errorType', 'errorMessage', 'trace']);
    assert.equal(
      outcome.request?.headers['lambda-runtime-function-error-type'],
      expect.initError.errorType,
    );
    assert.equal(outcome.exitCode, expect.exitCode);
  } else {
    assert.equal(outcome.kind, 'exit');
    assert.equal(outcome.exitCode, expect.crash);
    assert.deepEqual(
      outcome.instance.api.requests.filter((r) => r.method === 'POST'),
      [],
      'nothing posted',
    );
  }
}

after(disposeAll);

for (const generation of ['ric3', 'ric4'] as const) {
  void describe(`handler loading, ${generation}`, { concurrency: 4 }, () => {
    for (const row of ROWS) {
      void test(row.name, TEST_TIMEOUT, async () => {
        const outcome = await runOnce({
          handler: row.handler,
          taskRoot: FIXTURES,
          runtime: generation === 'ric3' ? 22 : 24,
          env: row.env,
        });
        try {
          check(outcome, row[generation]);
        } finally {
          await outcome.instance.dispose();
        }
      });
    }
  });
}

void describe('require.resolve fallback into node_modules', { concurrency: 2 }, () => {
  let root = '';
  before(() => {
    root = makeTree({
      'node_modules/wb-fixture-pkg/package.json': '{"name":"wb-fixture-pkg","main":"main.js"}',
      'node_modules/wb-fixture-pkg/main.js': "exports.handler = async () => 'from package';\n",
    });
  });
  after(() => removeTree(root));
  for (const runtime of [20, 24] as const) {
    void test(`nodejs${runtime}.x`, TEST_TIMEOUT, async () => {
      const outcome = await runOnce({ handler: 'wb-fixture-pkg.handler', taskRoot: root, runtime });
      try {
        check(outcome, { response: '"from package"' });
      } finally {
        await outcome.instance.dispose();
      }
    });
  }
});

void describe('TypeScript through the module override', { concurrency: 4 }, () => {
  const source = join(FIXTURES, 'ts', 'handler.ts');
  let out = '';
  before(async () => {
    out = makeTree({}, 'lwb-bootstrap-ts-');
    for (const format of ['cjs', 'esm'] as const) {
      await esbuild.build({
        entryPoints: [source],
        bundle: true,
        platform: 'node',
        target: 'node20',
        format,
        sourcemap: 'linked',
        outfile: join(out, format === 'cjs' ? 'handler.cjs' : 'handler.mjs'),
        logLevel: 'silent',
      });
    }
  });
  after(() => removeTree(out));

  for (const runtime of [22, 24] as const) {
    for (const file of ['handler.cjs', 'handler.mjs']) {
      void test(`nodejs${runtime}.x, ${file}`, TEST_TIMEOUT, async () => {
        const options: InstanceOptions = {
          handler: 'src/handler.handler',
          taskRoot: FIXTURES,
          runtime,
          env: { _LAMBDA_WORKBENCH_MODULE: join(out, file) },
        };
        const ok = await runOnce(options, { payload: '{}' });
        const failed = await runOnce(options, { payload: '{"fail":true}' });
        try {
          check(ok, { response: '{"typed":true}' });
          assert.equal(failed.kind, 'error');
          const body = JSON.parse(failed.body ?? '{}') as { trace: string[] };
          assert.equal(body.trace[0], 'Error: typed failure');
          // The handler frame names the .ts source, line 8 column 11, not the compiled file.
          assert.match(
            body.trace[1],
            /^ {4}at .*\(.*test\/fixtures\/handlers\/bootstrap\/ts\/handler\.ts:8:11\)$/,
          );
        } finally {
          await ok.instance.dispose();
          await failed.instance.dispose();
        }
      });
    }
  }
});

void describe('an unreadable package.json', { concurrency: 2 }, () => {
  let root = '';
  before(() => {
    root = makeTree({
      'bad-pkg/package.json': '{oops',
      'bad-pkg/index.js': "exports.handler = async () => 'unreachable';\n",
    });
  });
  after(() => removeTree(root));

  void test(
    'nodejs22.x: warns while detecting ESM, then Node refuses it',
    TEST_TIMEOUT,
    async () => {
      const outcome = await runOnce({
        handler: 'bad-pkg/index.handler',
        taskRoot: root,
        runtime: 22,
      });
      try {
        const [warning] = outcome.instance.frames;
        assert.ok(
          warning.message.includes(
            `\tundefined\tWARN\t${root}/bad-pkg/package.json cannot be read, it will be ignored for ES module detection purposes. SyntaxError: `,
          ),
          warning.message,
        );
        check(outcome, {
          initError: {
            errorType: 'Runtime.UserCodeSyntaxError',
            errorMessage: /^SyntaxError: Error parsing \/.*\/bad-pkg\/package\.json: /,
          },
          exitCode: 129,
        });
      } finally {
        await outcome.instance.dispose();
      }
    },
  );

  void test('nodejs24.x: import() reports the invalid package config', TEST_TIMEOUT, async () => {
    const outcome = await runOnce({
      handler: 'bad-pkg/index.handler',
      taskRoot: root,
      runtime: 24,
    });
    try {
      check(outcome, {
        initError: {
          errorType: 'Error',
          errorMessage: /^Invalid package config \/.*package\.json/,
        },
        exitCode: 1,
      });
    } finally {
      await outcome.instance.dispose();
    }
  });
});
