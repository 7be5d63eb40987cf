// What readModuleExports finds in handler sources, case by case: ES modules, TypeScript,
// CommonJS in the forms cjs-module-lexer and `require` see, wrapped functions, and text that does
// not lex. Each row: source, file name, then the exports as `name kind(params)` with the text at
// the declaration the definition jumps to.
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { initModuleLexers, readModuleExports, type ModuleExport } from './moduleExports';

function show(source: string, e: ModuleExport): string {
  const params = e.params ? `(${e.params.join(', ')})` : '';
  const keys = e.keys ? `{${e.keys.map((k) => k.name).join(', ')}}` : '';
  return `${e.name} ${e.async ? 'async ' : ''}${e.kind}${params}${keys} @${source.slice(e.declStart, e.declEnd)}`;
}

const cases: [name: string, file: string, source: string, expected: string[], opaque?: boolean][] =
  [
    [
      'ES module declarations',
      'app.mjs',
      'export async function handler(event, context) {}\nexport const other = (e) => e;\nexport class Service {}\nexport const LIMIT = 3;',
      [
        'handler async function(event, context) @handler',
        'other function(e) @other',
        'Service class @Service',
        'LIMIT value @LIMIT',
      ],
    ],
    [
      'export lists point at the local declaration',
      'app.js',
      'const impl = async (event, context) => ({});\nfunction helper() {}\nexport { impl as handler, helper };',
      ['handler async function(event, context) @impl', 'helper function() @helper'],
    ],
    [
      'TypeScript annotations, generics and type-only exports',
      'app.ts',
      [
        "import type { Context } from 'aws-lambda';",
        'export interface Input { id: string }',
        'export type Output = Record<string, unknown>;',
        'export const handler: Handler<Input> = async (event: Record<string, Array<Input>>, context: Context): Promise<Output> => ({});',
        'export async function generic<T,>(value: T, { id }: Input): Promise<T> { return value; }',
      ].join('\n'),
      [
        'Input type @Input',
        'Output type @Output',
        'handler async function(event, context) @handler',
        'generic async function(value, {…}) @generic',
      ],
    ],
    [
      'a default export object (nodejs24.x finds handlers on it)',
      'app.mjs',
      'const handler = async () => 1;\nexport default { handler, other: 2, async method(event) {} };',
      ['default object{handler, other, method} @default'],
    ],
    [
      'a default export of a declared function',
      'app.mjs',
      'const handler = async (event, context) => 1;\nexport default handler;',
      ['default async function(event, context) @handler'],
    ],
    [
      'an anonymous default function',
      'app.mjs',
      'export default async function (event, context) {}',
      ['default async function(event, context) @default'],
    ],
    [
      'a wrapped streaming handler',
      'app.mjs',
      'export const handler = awslambda.streamifyResponse(async (event, responseStream, context) => {});',
      ['handler async unknown(event, responseStream, context) @handler'],
    ],
    [
      'CommonJS assignments',
      'app.js',
      "exports.handler = async function (event, context) {};\nmodule.exports.other = (e) => e;\nexports['quoted'] = 1;",
      [
        'handler async function(event, context) @handler',
        'other function(e) @other',
        "quoted value @'quoted'",
      ],
    ],
    [
      'module.exports object literal: every key, not only the ones cjs-module-lexer lists',
      'app.cjs',
      'async function handler(event, context) {}\nmodule.exports = { handler, limit: 3, async health(event, ctx) {} };',
      [
        'handler async function(event, context) @handler',
        'limit value @limit',
        'health async function(event, ctx) @health',
      ],
    ],
    [
      'module.exports of something only known at run time',
      'app.js',
      'module.exports = makeHandlers();',
      [],
      true,
    ],
    [
      'esbuild CommonJS output',
      'app.js',
      'var src_exports = {};\n__export(src_exports, { handler: () => handler });\nmodule.exports = __toCommonJS(src_exports);\nasync function handler(event) {}\n0 && (module.exports = { handler });',
      ['handler async function(event) @handler'],
      true,
    ],
    [
      'strings, templates and regular expressions do not confuse the scan',
      'app.js',
      "const s = 'export const fake = 1';\nconst t = `${'}'} exports.fake = 2`;\nconst r = /export const fake = 3/;\nexport const real = async (event, context) => s + t + r;",
      ['real async function(event, context) @real'],
    ],
  ];

describe('readModuleExports', () => {
  before(() => initModuleLexers());

  for (const [name, file, source, expected, opaque = false] of cases) {
    it(name, () => {
      const info = readModuleExports(source, file);
      assert.equal(info.error, undefined);
      assert.deepEqual(
        info.exports.map((e) => show(source, e)),
        expected,
      );
      assert.equal(info.opaque, opaque);
    });
  }

  it('reads a half-typed file with the tokens alone, and says it did not lex', () => {
    const source =
      'export const handler = async (event, context) => {\n  if (event.x) {\n    return 1\n';
    const info = readModuleExports(source, 'app.mjs');
    assert.match(info.error ?? '', /Parse error/);
    assert.deepEqual(
      info.exports.map((e) => show(source, e)),
      ['handler async function(event, context) @handler'],
    );
  });

  it('follows re-exports by specifier', () => {
    const info = readModuleExports(
      "export * from './a.js';\nexport { b as c } from './b.js';",
      'index.mjs',
    );
    assert.deepEqual(info.starReexports, ['./a.js']);
    assert.deepEqual(info.exports[0]?.from, { specifier: './b.js', name: 'b' });
  });
});
