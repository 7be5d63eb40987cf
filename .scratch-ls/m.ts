import { initModuleLexers, readModuleExports } from '../extension/language-server/moduleExports';
const cases: Record<string, string> = {
'a.ts': `import type { Handler } from 'aws-lambda';
export type Foo = { a: <T>(x: T) => T };
export const handler: Handler<Record<string, unknown>> = async (event: Record<string, unknown>, context): Promise<{ ok: boolean }> => {
  const re = /ab+c/g; const d = \`x\${event.a}y\`;
  return { ok: true };
};
export async function helper<T,>(x: T): Promise<T> { return x }
const a = 1, b = (e, c) => 2;
export { a as alpha, b };
export default { handler, other() {} };
export const streaming = awslambda.streamifyResponse(async (event, responseStream, context) => {});
`,
'half.js': `export const handler = async (event, context) => {
  if (event.x) {
    return 1
`,
'c.js': `const impl = require('./impl');
exports.handler = async (event, context) => {};
module.exports.other = function named(e) {};
async function foo(event, ctx) {}
module.exports = { ...require('./re'), foo, bar: 1, async baz(event, context) {} };
`,
'd.js': `module.exports = createHandlers();`,
'e.js': `function handler(event, context, callback) { callback(null, 1) }
module.exports = { handler };`,
'f.cjs': `const handlers = { a: (e) => 1, b: 2 };
module.exports = handlers;`,
'g.mjs': `export default async function (event) {}`,
};
void initModuleLexers().then(() => {
  for (const [name, src] of Object.entries(cases)) {
    const info = readModuleExports(src, name);
    console.log(name, info.format, 'opaque', info.opaque, info.error ?? '', info.starReexports);
    for (const e of info.exports) console.log('   ', e.name, e.kind, e.async ? 'async' : '', e.params, e.keys?.map((k) => k.name), JSON.stringify(src.slice(e.declStart, e.declEnd)), e.from);
  }
});
