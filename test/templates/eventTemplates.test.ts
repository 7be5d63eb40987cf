/**
 * Unit tests of the event template catalogue: names and parameters, parameter validation, what
 * each parameter does to the event, source detection and required keys. The type-check against
 * @types/aws-lambda lives in eventTypes.test.ts. Nothing imports this file.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { gunzipSync } from 'node:zlib';
import {
  EVENT_TEMPLATES,
  EventTemplateError,
  detectEventSource,
  findTemplate,
  generateEvent,
  listEvents,
  listServices,
  requiredKeys,
} from '../../debug-adapter/templates/events';
import { templateVariants, VARIANTS } from './variants';

/* eslint-disable @typescript-eslint/no-explicit-any -- tests read deep into generated JSON. */
const gen = (service: string, event: string, params: Record<string, string> = {}): any =>
  generateEvent(service, event, params);

const decode64 = (text: string) => Buffer.from(text, 'base64').toString('utf8');
const md5 = (text: string) => createHash('md5').update(text).digest('hex');
const KEBAB = /^[a-z0-9]+(-[a-z0-9]+)*$/;

void describe('catalogue', () => {
  void test('holds at least 30 templates with unique names and aliases', () => {
    assert.ok(EVENT_TEMPLATES.length >= 30, `${EVENT_TEMPLATES.length} templates`);
    const names = EVENT_TEMPLATES.flatMap((t) =>
      [t, ...(t.aliases ?? [])].map((n) => `${n.service} ${n.event}`),
    );
    assert.deepEqual(
      names.filter((n, i) => names.indexOf(n) !== i),
      [],
    );
  });

  void test('mirrors the sam local generate-event names it covers', () => {
    const sam = [
      'alb request',
      'apigateway aws-proxy',
      'apigateway http-api-proxy',
      'apigateway authorizer',
      'apigateway request-authorizer',
      'appsync resolver',
      'cloudformation create-request',
      'cloudwatch logs',
      'cloudwatch scheduled-event',
      'dynamodb update',
      'kinesis get-records',
      'kinesis kinesis-firehose',
      's3 put',
      's3 delete',
      's3 batch-invocation',
      'ses email-receiving',
      'sns notification',
      'sqs receive-message',
    ];
    for (const name of sam) {
      const [service, event] = name.split(' ');
      assert.ok(findTemplate(service, event), name);
    }
  });

  for (const t of EVENT_TEMPLATES) {
    void test(`${t.service} ${t.event}: names, parameters and defaults are well formed`, () => {
      assert.match(t.service, KEBAB);
      assert.match(t.event, KEBAB);
      assert.ok(t.description.length > 10);
      assert.match(t.sourceType, /^[A-Z]\w+$/);
      const names = t.params.map((p) => p.name);
      assert.equal(new Set(names).size, names.length, 'parameter names are unique');
      for (const p of t.params) {
        assert.match(p.name, KEBAB);
        assert.ok(p.description.length > 3, p.name);
        if (p.choices) assert.ok(p.choices.includes(p.default), `${p.name} default is a choice`);
      }
      for (const gap of t.typeGaps ?? []) assert.ok(gap.reason.length > 20, gap.property);
      assert.ok(templateVariants(t).length > 0, 'test/templates/variants.ts covers it');
      assert.deepEqual(t.build(), t.build(), 'deterministic');
      assert.deepEqual(
        t.build(Object.fromEntries(t.params.map((p) => [p.name, p.default]))),
        t.build(),
        'explicit defaults equal implicit ones',
      );
    });
  }

  void test('every variant names an existing template', () => {
    for (const name of Object.keys(VARIANTS)) {
      const [service, event] = name.split(' ');
      assert.ok(findTemplate(service, event), name);
    }
  });

  void test('lists services and events, aliases included', () => {
    const services = listServices();
    assert.deepEqual(services, [...services].sort());
    for (const s of ['apigateway', 'cognito-user-pool', 'firehose', 'kafka', 'secretsmanager']) {
      assert.ok(services.includes(s), s);
    }
    assert.deepEqual(listEvents('s3'), ['put', 'delete', 'batch-invocation']);
    assert.deepEqual(listEvents('firehose'), ['transformation']);
    assert.equal(
      findTemplate('firehose', 'transformation'),
      findTemplate('kinesis', 'kinesis-firehose'),
    );
    assert.equal(findTemplate('s3', 'nope'), undefined);
  });
});

void describe('parameter validation', () => {
  const cases: Array<[string, () => unknown, RegExp]> = [
    ['unknown service', () => gen('s4', 'put'), /Unknown service "s4"\. Services: alb, .*sqs\./],
    [
      'unknown event',
      () => gen('s3', 'post'),
      /Unknown event "post" for s3\. Events: put, delete, batch-invocation\./,
    ],
    [
      'unknown parameter',
      () => gen('s3', 'put', { colour: 'red' }),
      /Unknown parameter --colour for s3 put\. Allowed: --bucket, --key, --size, --region\./,
    ],
    [
      'not a number',
      () => gen('s3', 'put', { size: 'big' }),
      /--size must be a number \(got "big"\)/,
    ],
    ['empty number', () => gen('s3', 'put', { size: '' }), /--size must be a number/],
    [
      'fraction',
      () => gen('sqs', 'receive-message', { count: '1.5' }),
      /--count must be a whole number/,
    ],
    [
      'below min',
      () => gen('sqs', 'receive-message', { count: '0' }),
      /--count must be at least 1/,
    ],
    [
      'above max',
      () => gen('sqs', 'receive-message', { count: '10001' }),
      /--count must be at most 10000/,
    ],
    [
      'not a boolean',
      () => gen('alb', 'request', { 'multi-value': 'yes' }),
      /--multi-value must be true or false/,
    ],
    [
      'bad JSON',
      () => gen('eventbridge', 'custom', { detail: '{oops' }),
      /--detail must be JSON: /,
    ],
    [
      'JSON of the wrong shape',
      () => gen('cloudwatch', 'logs', { messages: '"one"' }),
      /--messages must be a JSON array of strings/,
    ],
    [
      'JSON not an object',
      () => gen('appsync', 'resolver', { arguments: '[1]' }),
      /--arguments must be a JSON object/,
    ],
    [
      'not a choice',
      () => gen('secretsmanager', 'rotation', { step: 'rotate' }),
      /--step must be one of createSecret, setSecret, testSecret, finishSecret/,
    ],
    [
      'relative path',
      () => gen('apigateway', 'aws-proxy', { path: 'hello' }),
      /--path must start with \//,
    ],
    [
      'path off the route',
      () => gen('apigateway', 'aws-proxy', { resource: '/users/{id}', path: '/orders/1' }),
      /does not match the route \/users\/\{id\}/,
    ],
    [
      'missing key attribute',
      () => gen('dynamodb', 'update', { keys: 'pk' }),
      /--keys names pk, but --new-image has no pk/,
    ],
  ];
  for (const [name, run, message] of cases) {
    void test(name, () => {
      assert.throws(run, (error: unknown) => {
        assert.ok(error instanceof EventTemplateError, 'an EventTemplateError');
        assert.match(error.message, message);
        return true;
      });
    });
  }

  void test('template.build validates like generateEvent', () => {
    assert.throws(() => findTemplate('s3', 'put')?.build({ size: '-1' }), /at least 0/);
  });
});

void describe('parameter effects', () => {
  void test('sqs: count gives that many records with distinct ids; body and its MD5 land as sent', () => {
    const body = '{"n":1,"s":"café"}';
    const event = gen('sqs', 'receive-message', { count: '3', body, 'queue-name': 'jobs' });
    assert.equal(event.Records.length, 3);
    assert.equal(new Set(event.Records.map((r: any) => r.messageId)).size, 3);
    assert.equal(new Set(event.Records.map((r: any) => r.receiptHandle)).size, 3);
    for (const record of event.Records) {
      assert.equal(record.body, body);
      assert.equal(record.md5OfBody, md5(body));
      assert.equal(record.eventSourceARN, 'arn:aws:sqs:us-east-1:123456789012:jobs');
      assert.equal(record.attributes.MessageGroupId, undefined);
    }
  });

  void test('sqs: a .fifo queue adds the FIFO attributes', () => {
    const [record] = gen('sqs', 'receive-message', { 'queue-name': 'jobs.fifo' }).Records;
    assert.equal(record.attributes.MessageGroupId, 'group-1');
    assert.match(record.attributes.SequenceNumber, /^\d{20}$/);
  });

  void test('sns: the message is delivered verbatim; no subject is null', () => {
    const sns = gen('sns', 'notification', { message: '{"a":1}', topic: 't' }).Records[0].Sns;
    assert.equal(sns.Message, '{"a":1}');
    assert.equal(sns.Subject, null);
    assert.equal(sns.TopicArn, 'arn:aws:sns:us-east-1:123456789012:t');
    assert.equal(gen('sns', 'notification', { subject: 'Hi' }).Records[0].Sns.Subject, 'Hi');
  });

  void test('kinesis and firehose: data is base64 of the UTF-8 text', () => {
    const kinesis = gen('kinesis', 'get-records', { data: 'héllo', count: '2' });
    assert.equal(kinesis.Records.length, 2);
    assert.equal(decode64(kinesis.Records[1].kinesis.data), 'héllo');
    assert.notEqual(kinesis.Records[0].eventID, kinesis.Records[1].eventID);
    const firehose = gen('kinesis', 'kinesis-firehose', { data: 'row 1', 'source-stream': 'src' });
    assert.equal(decode64(firehose.records[0].data), 'row 1');
    assert.equal(
      firehose.sourceKinesisStreamArn,
      'arn:aws:kinesis:us-east-1:123456789012:stream/src',
    );
    assert.ok(firehose.records[0].kinesisRecordMetadata);
    assert.equal(gen('firehose', 'transformation').records[0].kinesisRecordMetadata, undefined);
  });

  void test('kafka: value and key are base64; an empty key leaves the record keyless', () => {
    const msk = gen('kafka', 'msk', { topic: 'orders', value: 'v1', key: 'k1', count: '2' });
    const records = msk.records['orders-0'];
    assert.equal(records.length, 2);
    assert.equal(decode64(records[0].value), 'v1');
    assert.equal(decode64(records[0].key), 'k1');
    assert.deepEqual(
      records.map((r: any) => r.offset),
      [100, 101],
    );
    assert.equal('key' in gen('kafka', 'self-managed', { key: '' }).records['orders-0'][0], false);
  });

  void test('cloudwatch logs: awslogs.data gunzips to the subscription payload', () => {
    const event = gen('cloudwatch', 'logs', { 'log-group': '/g', messages: '["one","two"]' });
    const decoded = JSON.parse(gunzipSync(Buffer.from(event.awslogs.data, 'base64')).toString());
    assert.equal(decoded.messageType, 'DATA_MESSAGE');
    assert.equal(decoded.logGroup, '/g');
    assert.deepEqual(
      decoded.logEvents.map((e: any) => e.message),
      ['one', 'two'],
    );
  });

  void test('apigateway aws-proxy: body, decoded query, path parameters and stage', () => {
    const event = gen('apigateway', 'aws-proxy', {
      method: 'post',
      path: '/users/42',
      resource: '/users/{id}',
      query: 'tag=a&tag=b&q=x+y%21',
      body: '{"n":1}',
      stage: 'dev',
    });
    assert.equal(event.httpMethod, 'POST');
    assert.equal(event.body, '{"n":1}');
    assert.equal(event.headers['Content-Type'], 'application/json');
    assert.deepEqual(event.pathParameters, { id: '42' });
    assert.deepEqual(event.queryStringParameters, { tag: 'b', q: 'x y!' });
    assert.deepEqual(event.multiValueQueryStringParameters, { tag: ['a', 'b'], q: ['x y!'] });
    assert.equal(event.requestContext.path, '/dev/users/42');
    assert.equal('authorizer' in event.requestContext, false);
    const bare = gen('apigateway', 'aws-proxy');
    assert.equal(bare.body, null);
    assert.equal(bare.queryStringParameters, null);
    assert.deepEqual(bare.pathParameters, { proxy: 'hello' });
  });

  void test('apigateway http-api-proxy: route parameters, joined query values, stage prefix', () => {
    const event = gen('apigateway', 'http-api-proxy', {
      route: 'GET /items/{id}',
      path: '/items/7',
      query: 'a=1&a=2',
      stage: 'beta',
    });
    assert.deepEqual(event.pathParameters, { id: '7' });
    assert.deepEqual(event.queryStringParameters, { a: '1,2' });
    assert.equal(event.rawQueryString, 'a=1&a=2');
    assert.equal(event.rawPath, '/beta/items/7');
    assert.equal(event.body, undefined);
    assert.equal(event.headers.host, event.requestContext.domainName);
  });

  void test('apigateway authorizers: methodArn names stage, method and path', () => {
    const token = gen('apigateway', 'authorizer', { token: 'abc', method: 'put', path: '/x' });
    assert.match(token.methodArn, /^arn:aws:execute-api:us-east-1:123456789012:\w+\/prod\/PUT\/x$/);
    assert.equal(token.authorizationToken, 'abc');
    const request = gen('apigateway', 'request-authorizer', { token: 'Bearer t' });
    assert.equal(request.headers.Authorization, 'Bearer t');
    assert.equal(
      gen('apigateway', 'request-authorizer', { token: '' }).headers.Authorization,
      undefined,
    );
  });

  void test('lambda function-url: anonymous caller on a lambda-url domain', () => {
    const event = gen('lambda', 'function-url', { body: 'hi', query: 'x=%20' });
    assert.equal(event.requestContext.accountId, 'anonymous');
    assert.match(event.requestContext.domainName, /^[a-z0-9]{32}\.lambda-url\.us-east-1\.on\.aws$/);
    assert.equal(event.body, 'hi');
    assert.deepEqual(event.queryStringParameters, { x: ' ' });
  });

  void test('alb: single or multi-value maps; query values stay encoded', () => {
    const single = gen('alb', 'request', { query: 'q=a%20b&q=c' });
    assert.deepEqual(single.queryStringParameters, { q: 'c' });
    assert.equal(single.multiValueHeaders, undefined);
    const multi = gen('alb', 'request', { query: 'q=a%20b&q=c', 'multi-value': 'true' });
    assert.deepEqual(multi.multiValueQueryStringParameters, { q: ['a%20b', 'c'] });
    assert.equal(multi.headers, undefined);
    assert.equal(single.body, '');
  });

  void test('s3: keys are URL-encoded as S3 sends them; delete has no size or eTag', () => {
    const put = gen('s3', 'put', {
      key: 'a b/c=d.txt',
      size: '7',
      region: 'eu-west-1',
      bucket: 'bk',
    });
    const record = put.Records[0];
    assert.equal(record.s3.object.key, 'a+b/c%3Dd.txt');
    assert.equal(record.s3.object.size, 7);
    assert.equal(record.awsRegion, 'eu-west-1');
    assert.equal(record.s3.bucket.arn, 'arn:aws:s3:::bk');
    const deleted = gen('s3', 'delete').Records[0];
    assert.equal(deleted.eventName, 'ObjectRemoved:Delete');
    assert.deepEqual(Object.keys(deleted.s3.object), ['key', 'sequencer']);
    const batch = gen('s3', 'batch-invocation', { keys: 'a b.txt, c.txt' });
    assert.deepEqual(
      batch.tasks.map((t: any) => t.s3Key),
      ['a+b.txt', 'c.txt'],
    );
  });

  void test('dynamodb: plain JSON is marshalled; images follow the event name', () => {
    const insert = gen('dynamodb', 'update', {
      'event-name': 'INSERT',
      keys: 'pk,sk',
      'new-image': '{"pk":"u","sk":2,"ok":true,"n":null,"l":["x"],"m":{"a":1}}',
    }).Records[0];
    assert.equal(insert.eventName, 'INSERT');
    assert.deepEqual(insert.dynamodb.Keys, { pk: { S: 'u' }, sk: { N: '2' } });
    assert.deepEqual(insert.dynamodb.NewImage, {
      pk: { S: 'u' },
      sk: { N: '2' },
      ok: { BOOL: true },
      n: { NULL: true },
      l: { L: [{ S: 'x' }] },
      m: { M: { a: { N: '1' } } },
    });
    assert.equal(insert.dynamodb.OldImage, undefined);
    const remove = gen('dynamodb', 'update', { 'event-name': 'REMOVE' }).Records[0];
    assert.equal(remove.dynamodb.NewImage, undefined);
    assert.deepEqual(remove.dynamodb.Keys, { id: { S: '1234' } });
  });

  void test('eventbridge: custom detail is passed through; scheduler sends "{}" as text', () => {
    const custom = gen('eventbridge', 'custom', {
      source: 'a.b',
      'detail-type': 'T',
      detail: '{"x":[1]}',
    });
    assert.deepEqual(custom.detail, { x: [1] });
    assert.equal(custom.source, 'a.b');
    assert.equal(custom['detail-type'], 'T');
    assert.equal(gen('eventbridge', 'scheduled').detail, '{}');
    assert.deepEqual(gen('cloudwatch', 'scheduled-event', { rule: 'r' }).resources, [
      'arn:aws:events:us-east-1:123456789012:rule/r',
    ]);
  });

  void test('cognito: trigger source and user attributes follow the parameters', () => {
    const signUp = gen('cognito-user-pool', 'pre-sign-up', {
      username: 'bob',
      email: 'bob@example.com',
      'trigger-source': 'PreSignUp_AdminCreateUser',
    });
    assert.equal(signUp.triggerSource, 'PreSignUp_AdminCreateUser');
    assert.equal(signUp.userName, 'bob');
    assert.deepEqual(signUp.request.userAttributes, { email: 'bob@example.com' });
    const token = gen('cognito-user-pool', 'pre-token-generation', { groups: 'a, b' });
    assert.deepEqual(token.request.groupConfiguration.groupsToOverride, ['a', 'b']);
    assert.equal(token.response.claimsOverrideDetails, null);
    assert.equal(gen('cognito-user-pool', 'pre-token-generation-v2').version, '2');
    const invite = gen('cognito-user-pool', 'custom-message', {
      'trigger-source': 'CustomMessage_AdminCreateUser',
    });
    assert.equal(invite.request.usernameParameter, '{username}');
  });

  void test('cloudformation: scalar properties arrive as strings, with the ServiceToken', () => {
    const event = gen('cloudformation', 'create-request', {
      properties: '{"Count":3,"On":false,"List":[1,"x"],"Nested":{"N":null}}',
    });
    assert.deepEqual(event.ResourceProperties, {
      ServiceToken: event.ServiceToken,
      Count: '3',
      On: 'false',
      List: ['1', 'x'],
      Nested: { N: null },
    });
    const update = gen('cloudformation', 'update-request', { 'physical-id': 'p-1' });
    assert.equal(update.PhysicalResourceId, 'p-1');
    assert.equal(update.OldResourceProperties.RetentionDays, '3');
    assert.equal(gen('cloudformation', 'delete-request').RequestType, 'Delete');
  });

  void test('secretsmanager, ses, appsync and iot reflect their parameters', () => {
    const rotation = gen('secretsmanager', 'rotation', { step: 'testSecret', 'secret-name': 'db' });
    assert.equal(rotation.Step, 'testSecret');
    assert.match(
      rotation.SecretId,
      /^arn:aws:secretsmanager:us-east-1:123456789012:secret:db-\w{6}$/,
    );
    const ses = gen('ses', 'email-receiving', { from: 'a@x.com', to: 'b@y.com', subject: 'S' });
    assert.equal(ses.Records[0].ses.mail.commonHeaders.subject, 'S');
    assert.deepEqual(ses.Records[0].ses.receipt.recipients, ['b@y.com']);
    const resolver = gen('appsync', 'resolver', { arguments: '{"id":"9"}', auth: 'API_KEY' });
    assert.deepEqual(resolver.arguments, { id: '9' });
    assert.equal(resolver.identity, null);
    assert.equal(gen('appsync', 'authorizer').requestContext.operationName, 'GetOrder');
    assert.deepEqual(gen('iot', 'rule', { payload: '{"t":1}' }), { t: 1 });
    const auth = gen('iot', 'custom-authorizer', { password: 'secret' });
    assert.equal(decode64(auth.protocolData.mqtt.password), 'secret');
  });
});

void describe('detectEventSource', () => {
  const cases = EVENT_TEMPLATES.flatMap((t) =>
    [{}, ...templateVariants(t)].map((params) => ({ t, params })),
  );
  for (const { t, params } of cases) {
    const label = `${t.service} ${t.event} ${JSON.stringify(params)}`;
    void test(label, () => {
      const detected = detectEventSource(JSON.parse(JSON.stringify(t.build(params))));
      // An IoT rule's event is whatever the rule selects: there is nothing to recognise.
      const expected =
        t.service === 'iot' && t.event === 'rule'
          ? undefined
          : { service: t.service, event: t.event };
      assert.deepEqual(detected, expected);
    });
  }

  const unknown: Array<[string, unknown]> = [
    ['{}', {}],
    ['null', null],
    ['an array', [{ Records: [] }]],
    ['a string', 'Records'],
    ['an empty batch', { Records: [] }],
    ['an unknown record source', { Records: [{ eventSource: 'aws:mq' }] }],
    [
      'an unknown cognito trigger',
      { triggerSource: 'UserMigration_Authentication', userPoolId: 'p' },
    ],
  ];
  for (const [label, value] of unknown) {
    void test(`returns undefined for ${label}`, () =>
      assert.equal(detectEventSource(value), undefined));
  }
});

void describe('requiredKeys', () => {
  void test('is the top-level keys of the default event, less the declared optional ones', () => {
    for (const t of EVENT_TEMPLATES) {
      const optional = t.optionalKeys ?? [];
      const keys = Object.keys(t.build());
      const expected = optional === 'all' ? [] : keys.filter((k) => !optional.includes(k));
      assert.deepEqual(requiredKeys(t), expected);
    }
    assert.deepEqual(requiredKeys(findTemplate('alb', 'request')!), [
      'requestContext',
      'httpMethod',
      'path',
      'body',
      'isBase64Encoded',
    ]);
    assert.deepEqual(requiredKeys(findTemplate('sqs', 'receive-message')!), ['Records']);
    assert.deepEqual(requiredKeys(findTemplate('cloudwatch', 'logs')!), ['awslogs']);
    assert.deepEqual(requiredKeys(findTemplate('iot', 'rule')!), []);
  });

  void test('no variant drops a required key', () => {
    // requiredKeys must stay the minimal shape: a variant may add keys but never drop one.
    for (const t of EVENT_TEMPLATES) {
      for (const params of templateVariants(t)) {
        const keys = Object.keys(t.build(params));
        const missing = requiredKeys(t).filter((k) => !keys.includes(k));
        assert.deepEqual(missing, [], `${t.service} ${t.event} ${JSON.stringify(params)}`);
      }
    }
  });
});
