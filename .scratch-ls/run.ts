import { copyFixture, LspClient, uriOf } from '../test/helpers/lspClient';
import * as path from 'node:path';
(async () => {
  const dir = copyFixture('project');
  const client = await LspClient.start({ folders: [dir] });
  console.log(await client.indexed);
  for (const f of ['template.yaml', '.vscode/launch.json', 'json-stack/template.json']) {
    const d = await client.diagnostics(uriOf(path.join(dir, f)));
    console.log('==', f, d.version);
    for (const x of d.diagnostics) console.log(`  ${x.range.start.line}:${x.range.start.character}-${x.range.end.line}:${x.range.end.character} ${x.severity} ${x.code ?? ''} ${x.message}`);
  }
  for (const f of ['src/app.ts', 'src/legacy.js', 'src/esm.mjs', 'src/util.js', 'json-stack/code/index.cjs']) {
    const uri = await client.open(path.join(dir, f));
    const lenses = await client.codeLenses(uri);
    console.log('lenses', f);
    for (const l of lenses) console.log(`  ${l.range.start.line}:${l.range.start.character}-${l.range.end.character} ${l.command?.title} ${l.command?.command} ${JSON.stringify(l.command?.arguments)}`);
  }
  const t = await client.open(path.join(dir, 'template.yaml'));
  console.log(JSON.stringify(await client.hover(t, { line: 14, character: 18 }), null, 1));
  console.log(JSON.stringify(await client.definition(t, { line: 14, character: 18 })));
  const items = await client.completion(t, { line: 14, character: 19 });
  console.log(items.map((i) => `${i.label} | ${i.detail} | ${i.sortText} | ${JSON.stringify(i.textEdit)}`).join('\n'));
  console.log('errors', client.errors(), client.stderr);
  console.log('exit', await client.shutdown());
})();
