// Saved event files (events/<Function>/*.json) over stdio: JSON syntax errors in Lambda's terms,
// shapes checked against the event source the file looks like, and field-name completion from the
// event templates.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { rows, startSession, type Row, type Session } from './helpers';

const CANNOT_SEND = 'Lambda parses the event with JSON.parse, so this event cannot be sent.';

describe('event files: diagnostics', () => {
  let s: Session;
  before(async () => {
    s = await startSession('project');
  });
  after(() => s.end());

  it('accepts a complete event and publishes nothing for closed event files', async () => {
    const uri = await s.client.open(s.file('events/Hello/valid.json'));
    assert.deepEqual(rows(await s.client.diagnosticsOfVersion(uri, 1)), []);
    assert.ok(
      !s.client.published.some((p) => p.uri === s.uri('events/Queue/batch.json')),
      'event files are checked once opened',
    );
  });

  it('checks each record of a batch against the source it claims to be', async () => {
    const uri = await s.client.open(s.file('events/Queue/batch.json'));
    assert.deepEqual(rows(await s.client.diagnosticsOfVersion(uri, 1)), [
      {
        range: '2:4-2:5',
        severity: 'warning',
        code: 'event-shape',
        message:
          'This record lacks "receiptHandle", "attributes", "messageAttributes", "md5OfBody": ' +
          'every sqs receive-message (SQSEvent) record has them.',
      },
      {
        range: '4:14-4:33',
        severity: 'warning',
        code: 'event-shape',
        message:
          '"body" is an object here, but a string in sqs receive-message (SQSEvent) records.',
      },
    ]);
  });

  it('reports top-level keys the detected source always has', async () => {
    const text = JSON.stringify(
      {
        version: '2.0',
        routeKey: 'GET /',
        requestContext: { http: { method: 'GET' } },
        headers: [],
      },
      null,
      2,
    );
    const uri = await s.client.open(s.file('events/Hello/partial.json'), text);
    assert.deepEqual(rows(await s.client.diagnosticsOfVersion(uri, 1)), [
      {
        range: '0:0-0:1',
        severity: 'warning',
        code: 'event-shape',
        message:
          'This event looks like apigateway http-api-proxy (APIGatewayProxyEventV2) but lacks ' +
          '"rawPath", "rawQueryString", "isBase64Encoded": the real event always has them.',
      },
      {
        range: '8:13-8:15',
        severity: 'warning',
        code: 'event-shape',
        message:
          '"headers" is an array here, but an object in apigateway http-api-proxy (APIGatewayProxyEventV2) events.',
      },
    ]);
  });

  const invalid: [what: string, text: string, expected: Row][] = [
    [
      'a trailing comma',
      '{\n  "id": 1,\n}\n',
      {
        range: '1:9-1:10',
        severity: 'error',
        message: `Invalid JSON: remove the trailing comma (JSON allows none). ${CANNOT_SEND}`,
      },
    ],
    [
      'a comment',
      '{\n  // the order\n  "id": 1\n}\n',
      {
        range: '1:2-1:14',
        severity: 'error',
        message: `Invalid JSON: remove the comment (JSON has none). ${CANNOT_SEND}`,
      },
    ],
    [
      'a missing comma',
      '{ "id": 1 "name": "ada" }',
      {
        range: '0:10-0:16',
        severity: 'error',
        message: `Invalid JSON: expected ','. ${CANNOT_SEND}`,
      },
    ],
    [
      'single quotes',
      "{ 'id': 1 }",
      {
        range: '0:2-0:6',
        severity: 'error',
        message: `Invalid JSON: unexpected character. ${CANNOT_SEND}`,
      },
    ],
    [
      'a half-typed value',
      '{ "id": ',
      {
        range: '0:8-0:8',
        severity: 'error',
        message: `Invalid JSON: expected a value. ${CANNOT_SEND}`,
      },
    ],
    [
      'an empty file',
      '',
      {
        range: '0:0-0:0',
        severity: 'error',
        message: 'The event file is empty: Lambda needs a JSON value; write {} for an empty event.',
      },
    ],
  ];
  for (const [what, text, expected] of invalid) {
    it(`reports ${what} as invalid JSON, first error only`, async () => {
      const uri = await s.client.open(
        s.file(`events/Hello/${what.replace(/\W+/g, '-')}.json`),
        text,
      );
      assert.deepEqual(rows(await s.client.diagnosticsOfVersion(uri, 1)), [
        { ...expected, code: 'event-invalid-json' },
      ]);
    });
  }

  it('follows edits and clears the diagnostics when the file is closed', async () => {
    const uri = await s.client.open(s.file('events/Hello/typing.json'), '{}');
    assert.deepEqual(rows(await s.client.diagnosticsOfVersion(uri, 1)), []);
    const version = await s.client.type(uri, { line: 0, character: 1 }, '"a": ');
    assert.equal((await s.client.diagnosticsOfVersion(uri, version)).diagnostics.length, 1);
    await s.client.close(uri);
    const cleared = await s.client.diagnostics(uri, (p) => p.version === undefined);
    assert.deepEqual(cleared.diagnostics, []);
  });
});

describe('event files: completion of field names', () => {
  let s: Session;
  before(async () => {
    s = await startSession('project');
  });
  after(() => s.end());

  it("offers the missing fields of the detected source's records", async () => {
    const text =
      '{\n  "Records": [\n    {\n      "eventSource": "aws:sqs",\n      ""\n    }\n  ]\n}\n';
    const uri = await s.client.open(s.file('events/Queue/new.json'), text);
    const items = await s.client.completion(uri, { line: 4, character: 7 });
    assert.deepEqual(
      items.map((i) => i.label),
      [
        'messageId',
        'receiptHandle',
        'body',
        'attributes',
        'messageAttributes',
        'md5OfBody',
        'eventSourceARN',
        'awsRegion',
      ],
    );
    assert.deepEqual(items[0], {
      label: 'messageId',
      kind: 10,
      detail: 'string · sqs receive-message',
      sortText: '0000',
      filterText: '"messageId"',
      textEdit: {
        range: { start: { line: 4, character: 6 }, end: { line: 4, character: 8 } },
        newText: '"messageId": ',
      },
    });
  });

  it("offers every template's top-level fields while the event looks like none", async () => {
    const uri = await s.client.open(s.file('events/Hello/blank.json'), '{\n  \n}\n');
    const items = await s.client.completion(uri, { line: 1, character: 2 });
    const records = items.find((i) => i.label === 'Records');
    assert.equal(records?.detail, 'array · s3 put, s3 delete, sqs receive-message and 4 more');
    assert.deepEqual(records?.textEdit, {
      range: { start: { line: 1, character: 2 }, end: { line: 1, character: 2 } },
      newText: '"Records": ',
    });
    assert.ok(items.some((i) => i.label === 'routeKey'));
    assert.ok(items.some((i) => i.label === 'detail-type'));
  });

  it('narrows to the templates whose fields are already written, and replaces a half-typed key', async () => {
    const text = '{\n  "version": "2.0",\n  "routeKey": "GET /",\n  "rawP"\n}\n';
    const uri = await s.client.open(s.file('events/Hello/http.json'), text);
    const items = await s.client.completion(uri, { line: 3, character: 7 });
    const rawPath = items.find((i) => i.label === 'rawPath');
    assert.equal(rawPath?.detail, 'string · apigateway http-api-proxy, lambda function-url');
    assert.deepEqual(rawPath?.textEdit, {
      range: { start: { line: 3, character: 2 }, end: { line: 3, character: 8 } },
      newText: '"rawPath": ',
    });
    assert.ok(!items.some((i) => i.label === 'version'), 'written keys are not offered again');
    assert.ok(!items.some((i) => i.label === 'Records'), 'keys of other sources are not offered');
    assert.deepEqual(
      await s.client.completion(uri, { line: 1, character: 16 }),
      [],
      'values: no completion',
    );
  });
});
