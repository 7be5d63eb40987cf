/**
 * Type-checks every event template against its type in @types/aws-lambda: each built event is
 * written as a JSON literal assigned to `L.<sourceType>`, and one TypeScript program checks them
 * all. Object-literal excess-property checks make this a check of the JSON itself, not only of
 * its outline. Known departures from the types (`typeGaps`) must produce exactly the diagnostics
 * they declare. Imports typescript and the templates; nothing imports this file.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import ts from 'typescript';
import { EVENT_TEMPLATES, type EventTemplate } from '../../debug-adapter/templates/events';
import { templateVariants } from './variants';

const ROOT = join(__dirname, '..', '..');
const VIRTUAL_FILE = join(ROOT, 'test', 'templates', '__events__.ts');

/** One declaration in the generated file. */
interface Case {
  /** Shown in failure messages: `s3 delete (defaults)`. */
  readonly label: string;
  /** The TypeScript type the event is assigned to, e.g. `L.SQSEvent`. */
  readonly type: string;
  /** The event, written into the file as JSON. */
  readonly value: unknown;
  /** What the case must produce. */
  readonly expect:
    | { kind: 'clean' }
    | { kind: 'gaps'; allowed: readonly string[]; required: readonly string[] }
    | { kind: 'error'; mentioning: string };
}

interface Checked {
  readonly testCase: Case;
  readonly diagnostics: readonly ts.Diagnostic[];
}

/** `L.EventBridgeEvent<string, unknown>` for a template. */
function typeOf(template: EventTemplate): string {
  const args = template.typeArguments?.length ? `<${template.typeArguments.join(', ')}>` : '';
  return `L.${template.sourceType}${args}`;
}

/** Compiles all cases in one program and returns each case's diagnostics. */
function check(cases: readonly Case[]): { checked: Checked[]; stray: ts.Diagnostic[] } {
  let text = "import type * as L from 'aws-lambda';\n";
  const ranges: Array<[number, number]> = [];
  cases.forEach((c, i) => {
    const start = text.length;
    text += `\n// ${c.label}\nexport const e${i}: ${c.type} = ${JSON.stringify(c.value, null, 2)};\n`;
    ranges.push([start, text.length]);
  });
  const options: ts.CompilerOptions = {
    strict: true,
    noEmit: true,
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.CommonJS,
    moduleResolution: ts.ModuleResolutionKind.Node10,
    lib: ['lib.es2022.d.ts'],
    types: [],
    skipLibCheck: true,
  };
  const host = ts.createCompilerHost(options);
  const { getSourceFile, fileExists, readFile } = host;
  host.getSourceFile = (fileName, language, ...rest) =>
    fileName === VIRTUAL_FILE
      ? ts.createSourceFile(fileName, text, language)
      : getSourceFile.call(host, fileName, language, ...rest);
  host.fileExists = (fileName) => fileName === VIRTUAL_FILE || fileExists.call(host, fileName);
  host.readFile = (fileName) => (fileName === VIRTUAL_FILE ? text : readFile.call(host, fileName));
  const program = ts.createProgram([VIRTUAL_FILE], options, host);
  const all = [
    ...program.getConfigFileParsingDiagnostics(),
    ...program.getOptionsDiagnostics(),
    ...program.getGlobalDiagnostics(),
    ...program.getSyntacticDiagnostics(),
    ...program.getSemanticDiagnostics(),
  ];
  const inCase = (d: ts.Diagnostic, [start, end]: [number, number]) =>
    d.file?.fileName === VIRTUAL_FILE && d.start !== undefined && d.start >= start && d.start < end;
  return {
    checked: cases.map((testCase, i) => ({
      testCase,
      diagnostics: all.filter((d) => inCase(d, ranges[i])),
    })),
    stray: all.filter((d) => !ranges.some((r) => inCase(d, r))),
  };
}

function describe(d: ts.Diagnostic): string {
  const where =
    d.file && d.start !== undefined ? d.file.getLineAndCharacterOfPosition(d.start) : undefined;
  const at = where ? `line ${where.line + 1}: ` : '';
  return at + ts.flattenDiagnosticMessageText(d.messageText, '\n');
}

/** The innermost message of a diagnostic chain: the most specific reason. */
function leafMessage(message: string | ts.DiagnosticMessageChain): string {
  let chain = message;
  while (typeof chain !== 'string' && chain.next?.length) chain = chain.next[0];
  return typeof chain === 'string' ? chain : chain.messageText;
}

/**
 * The property names a diagnostic is about: the names a "missing property" message lists, or
 * else the object key the diagnostic points at (`"preferredRole": null`).
 */
function propertiesBlamed(d: ts.Diagnostic): string[] {
  return namesIn(d).map((name) => name.replace(/^"(.*)"$/, '$1'));
}

function namesIn(d: ts.Diagnostic): string[] {
  const leaf = leafMessage(d.messageText);
  const single = [...leaf.matchAll(/Property '([^']+)' is missing/g)].map((m) => m[1]);
  if (single.length > 0) return single;
  const list = /is missing the following properties from type '.*': (.+)$/.exec(leaf);
  if (list) return list[1].replace(/, and \d+ more\.?$/, '').split(', ');
  if (d.file && d.start !== undefined && d.length !== undefined) {
    const key = /^"([^"]+)"$/.exec(d.file.text.slice(d.start, d.start + d.length));
    if (key) return [key[1]];
  }
  return [];
}

/** Failures of one checked case against its expectation (empty when it passes). */
function problems({ testCase, diagnostics }: Checked): string[] {
  const { expect } = testCase;
  const listed = diagnostics.map(describe);
  switch (expect.kind) {
    case 'clean':
      return listed;
    case 'error':
      if (diagnostics.length === 0) return ['expected a diagnostic, got none'];
      return diagnostics.some((d) => describe(d).includes(expect.mentioning))
        ? []
        : [`expected a diagnostic mentioning ${expect.mentioning}; got:`, ...listed];
    case 'gaps': {
      const blamed = diagnostics.map(propertiesBlamed);
      const out: string[] = [];
      diagnostics.forEach((d, i) => {
        if (blamed[i].length === 0 || !blamed[i].every((p) => expect.allowed.includes(p))) {
          out.push(`not explained by the declared type gaps: ${describe(d)}`);
        }
      });
      for (const p of expect.required) {
        if (!blamed.some((names) => names.includes(p))) {
          out.push(`declared type gap ${p} produced no diagnostic (is the gap still real?)`);
        }
      }
      return out;
    }
  }
}

/** The expectation for a template's event: clean, or exactly its declared gaps. */
function expectationFor(template: EventTemplate, defaults: boolean): Case['expect'] {
  const gaps = template.typeGaps ?? [];
  if (gaps.length === 0) return { kind: 'clean' };
  return {
    kind: 'gaps',
    allowed: gaps.map((g) => g.property),
    // With default parameters every unconditional gap must still show; a gap that needs
    // particular parameters (`when`) is only allowed.
    required: defaults ? gaps.filter((g) => !g.when).map((g) => g.property) : [],
  };
}

function templateCases(): Case[] {
  const cases: Case[] = [];
  for (const template of EVENT_TEMPLATES) {
    const name = `${template.service} ${template.event}`;
    cases.push({
      label: `${name} (defaults)`,
      type: typeOf(template),
      value: template.build(),
      expect: expectationFor(template, true),
    });
    for (const params of templateVariants(template)) {
      cases.push({
        label: `${name} ${JSON.stringify(params)}`,
        type: typeOf(template),
        value: template.build(params),
        expect: expectationFor(template, false),
      });
    }
  }
  return cases;
}

/** Deliberately wrong events: the check must reject each, or it proves nothing. */
function negativeCases(): Case[] {
  const byName = (service: string, event: string) => {
    const template = EVENT_TEMPLATES.find((t) => t.service === service && t.event === event);
    assert.ok(template, `${service} ${event} exists`);
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- mutating generated JSON.
    return { template, event: structuredClone(template.build()) as Record<string, any> };
  };
  const cases: Case[] = [];

  const s3 = byName('s3', 'put');
  delete s3.event.Records[0].s3.bucket.arn;
  cases.push({
    label: 'S3 without bucket.arn',
    type: typeOf(s3.template),
    value: s3.event,
    expect: { kind: 'error', mentioning: "'arn'" },
  });

  const s3Size = byName('s3', 'put');
  s3Size.event.Records[0].s3.object.size = '1024';
  cases.push({
    label: 'S3 with a string size',
    type: typeOf(s3Size.template),
    value: s3Size.event,
    expect: { kind: 'error', mentioning: 'number' },
  });

  const sqs = byName('sqs', 'receive-message');
  sqs.event.Records[0].body = 42;
  cases.push({
    label: 'SQS with a numeric body',
    type: typeOf(sqs.template),
    value: sqs.event,
    expect: { kind: 'error', mentioning: 'string' },
  });

  const sqsTypo = byName('sqs', 'receive-message');
  sqsTypo.event.Records[0].eventSourceArn = sqsTypo.event.Records[0].eventSourceARN;
  cases.push({
    label: 'SQS with an excess property',
    type: typeOf(sqsTypo.template),
    value: sqsTypo.event,
    expect: { kind: 'error', mentioning: 'eventSourceArn' },
  });

  const http = byName('apigateway', 'http-api-proxy');
  http.event.requestContext.authorizer = { jwt: { claims: {}, scopes: null } };
  cases.push({
    label: 'HTTP API with an unexpected authorizer',
    type: typeOf(http.template),
    value: http.event,
    expect: { kind: 'error', mentioning: 'authorizer' },
  });

  // The gap check itself must fail when a diagnostic is not one of the declared gaps.
  const remove = byName('s3', 'delete');
  delete remove.event.Records[0].s3.bucket.arn;
  cases.push({
    label: 'S3 delete with an undeclared gap',
    type: typeOf(remove.template),
    value: remove.event,
    expect: expectationFor(remove.template, true),
  });
  return cases;
}

void test('every template type-checks against @types/aws-lambda (and wrong events do not)', () => {
  const started = Date.now();
  const positives = templateCases();
  const negatives = negativeCases();
  const { checked, stray } = check([...positives, ...negatives]);
  assert.deepEqual(stray.map(describe), [], 'diagnostics outside any case');

  const failures = checked
    .slice(0, positives.length)
    .flatMap((c) => problems(c).map((p) => `${c.testCase.label}: ${p}`));
  assert.deepEqual(failures, []);

  const negativeResults = checked.slice(positives.length);
  for (const c of negativeResults.slice(0, -1)) {
    assert.deepEqual(problems(c), [], `${c.testCase.label} must be rejected`);
  }
  const gapCheck = negativeResults[negativeResults.length - 1];
  assert.ok(
    problems(gapCheck).some((p) => p.startsWith('not explained')),
    'an undeclared diagnostic must fail the gap check',
  );
  assert.ok(Date.now() - started < 20_000, 'one program for every template keeps this fast');
});
