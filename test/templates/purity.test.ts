/**
 * Keeps the template zone pure, since no lint rule covers it yet: its files import only each
 * other (relative paths inside the folder) and types from 'aws-lambda', and name no Node globals,
 * so the same code can be bundled into the CLI, the extension and the language server. Nothing
 * imports this file.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';

const ZONE = join(__dirname, '..', '..', 'debug-adapter', 'templates', 'events');
const NODE_GLOBALS = new Set(['Buffer', 'process', 'require', 'global', '__dirname', '__filename']);

/** Every way a file in the zone reaches outside it. */
function violations(fileName: string, text: string): string[] {
  const source = ts.createSourceFile(fileName, text, ts.ScriptTarget.ES2022, true);
  const found: string[] = [];
  const visit = (node: ts.Node): void => {
    if (
      (ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) &&
      node.moduleSpecifier &&
      ts.isStringLiteral(node.moduleSpecifier)
    ) {
      const from = node.moduleSpecifier.text;
      const typeOnly = ts.isImportDeclaration(node)
        ? node.importClause?.isTypeOnly === true
        : node.isTypeOnly;
      const local = from.startsWith('./') && !from.slice(2).includes('/');
      if (!local && !(from === 'aws-lambda' && typeOnly)) found.push(`imports ${from}`);
    }
    if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword) {
      found.push('uses a dynamic import()');
    }
    if (ts.isIdentifier(node) && NODE_GLOBALS.has(node.text)) found.push(`names ${node.text}`);
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found.map((v) => `${fileName}: ${v}`);
}

void test('the template zone imports only itself and aws-lambda types', () => {
  const files = readdirSync(ZONE).filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'));
  assert.ok(files.length > 10);
  const found = files.flatMap((f) => violations(f, readFileSync(join(ZONE, f), 'utf8')));
  assert.deepEqual(found, []);
});

void test('the purity check notices what it forbids', () => {
  const bad = [
    "import { gzipSync } from 'node:zlib';",
    "import type { X } from '../other';",
    "import { S3Event } from 'aws-lambda';",
    "export * from 'lodash';",
    'const b = Buffer.from("x");',
    "void import('./late');",
  ].join('\n');
  assert.equal(violations('bad.ts', bad).length, 6);
});
