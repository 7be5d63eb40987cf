// Every scaffold, exactly as written, is invoked successfully with its own sample event, and the
// TypeScript ones type-check against @types/aws-lambda.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import ts from 'typescript';
import { Emulator } from '../../debug-adapter/emulator/emulator';
import { extensionFor, insertSamResource, renderScaffold } from './render';
import { LANGUAGES, TRIGGERS } from './templates';

describe('handler scaffolds', () => {
  let root: string;
  let emulator: Emulator;
  before(() => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'lw-scaffold-'));
    emulator = new Emulator({ hostEnv: { PATH: process.env.PATH }, watchCode: false });
  });
  after(async () => {
    await emulator.dispose();
    fs.rmSync(root, { recursive: true, force: true });
  });

  for (const packageType of ['commonjs', 'module'] as const) {
    for (const language of LANGUAGES) {
      for (const trigger of TRIGGERS) {
        it(`${language} / ${trigger} in a ${packageType} package runs with its sample event`, async () => {
          const dir = path.join(root, `${packageType}-${language}-${trigger}`);
          fs.mkdirSync(dir, { recursive: true });
          fs.writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ type: packageType }));
          const name = `Fn${language}${trigger}`.replace(/[^a-zA-Z0-9]/g, '');
          const scaffold = renderScaffold({
            language,
            trigger,
            functionName: name,
            fileName: 'handler',
            folder: 'src',
            packageType,
            runtime: 'nodejs22.x',
          });
          for (const file of [scaffold.handlerFile, scaffold.eventFile]) {
            fs.mkdirSync(path.dirname(path.join(dir, file.path)), { recursive: true });
            fs.writeFileSync(path.join(dir, file.path), file.content);
          }
          assert.ok(scaffold.handlerFile.path.endsWith(extensionFor(language, packageType)));
          emulator.defineFunction({ name, handler: scaffold.handler, codeUri: dir });
          const result = await emulator.invoke(
            name,
            fs.readFileSync(path.join(dir, scaffold.eventFile.path)),
          );
          assert.equal(result.functionError, undefined, result.payload.toString());
          assert.equal(result.status, 'success');
          if (trigger === 'sqs' || trigger === 'dynamodb')
            assert.deepEqual(JSON.parse(result.payload.toString()), { batchItemFailures: [] });
          if (trigger === 'http-api' || trigger === 'rest-api')
            assert.equal(JSON.parse(result.payload.toString()).statusCode, 200);
          assert.ok(
            result.logs.some((record) => record.source === 'function'),
            'the handler logs something',
          );
          assert.equal(scaffold.launchConfiguration.handler, 'src/handler.handler');
          assert.match(scaffold.samResource.join('\n'), /Handler: src\/handler\.handler/);
        });
      }
    }
  }

  it('TypeScript scaffolds type-check against @types/aws-lambda (strict)', () => {
    const dir = path.join(root, 'typecheck');
    fs.mkdirSync(dir, { recursive: true });
    const files = TRIGGERS.map((trigger) => {
      const file = path.join(dir, `${trigger}.ts`);
      fs.writeFileSync(
        file,
        renderScaffold({
          language: 'typescript',
          trigger,
          functionName: 'F',
          fileName: trigger,
          folder: '',
          packageType: 'commonjs',
          runtime: 'nodejs22.x',
        }).handlerFile.content,
      );
      return file;
    });
    const program = ts.createProgram(files, {
      strict: true,
      noEmit: true,
      target: ts.ScriptTarget.ES2022,
      module: ts.ModuleKind.CommonJS,
      types: ['node', 'aws-lambda'],
      typeRoots: [path.resolve(__dirname, '..', '..', 'node_modules', '@types')],
      skipLibCheck: true,
    });
    const diagnostics = ts
      .getPreEmitDiagnostics(program)
      .map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'));
    assert.deepEqual(diagnostics, []);
  });
});

describe('insertSamResource', () => {
  const resource = ['  New:', '    Type: AWS::Serverless::Function'];
  const cases: Array<[string, string, string | undefined]> = [
    [
      'appends at the end of Resources, before the next section, keeping comments',
      'Resources:\n  # the first\n  Old:\n    Type: AWS::Serverless::Function\n\nOutputs:\n  X: 1\n',
      'Resources:\n  # the first\n  Old:\n    Type: AWS::Serverless::Function\n\n  New:\n    Type: AWS::Serverless::Function\n\nOutputs:\n  X: 1\n',
    ],
    [
      'appends at the end of the file when Resources is last',
      'Transform: AWS::Serverless-2016-10-31\nResources:\n  Old:\n    Type: AWS::Serverless::Function\n',
      'Transform: AWS::Serverless-2016-10-31\nResources:\n  Old:\n    Type: AWS::Serverless::Function\n\n  New:\n    Type: AWS::Serverless::Function\n',
    ],
    ['refuses JSON or a template without Resources', '{"Resources": {}}', undefined],
  ];
  for (const [name, input, expected] of cases) {
    it(name, () => assert.equal(insertSamResource(input, resource), expected));
  }
});
