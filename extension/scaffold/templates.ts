/**
 * The handler scaffolds: one body per trigger, written out in TypeScript (typed with
 * @types/aws-lambda), JavaScript ESM or JavaScript CommonJS. Pure data and string building, so
 * render.ts stays testable without an editor and nothing reads our source tree at run time.
 */

export const LANGUAGES = ['typescript', 'esm', 'commonjs'] as const;
export type Language = (typeof LANGUAGES)[number];

export const LANGUAGE_LABELS: Record<Language, string> = {
  typescript: 'TypeScript',
  esm: 'JavaScript (ES modules)',
  commonjs: 'JavaScript (CommonJS)',
};

export const TRIGGERS = [
  'http-api',
  'rest-api',
  's3',
  'sqs',
  'sns',
  'dynamodb',
  'schedule',
  'plain',
] as const;
export type Trigger = (typeof TRIGGERS)[number];

export interface TriggerInfo {
  label: string;
  description: string;
  /** Event and result types in @types/aws-lambda. */
  eventType: string;
  resultType: string;
  /** The sample event: an event template (service, event) or a literal. */
  sample: { service: string; event: string } | { literal: object };
  /** The body; `/*T: type*\/` comments become type annotations in TypeScript and vanish in JavaScript. */
  body: string;
  /** SAM `Events` entry for the function, as YAML lines (indented under Events:), if any. */
  samEvent?: string[];
}

export const TRIGGER_INFO: Record<Trigger, TriggerInfo> = {
  'http-api': {
    label: 'HTTP API',
    description: 'API Gateway HTTP API (payload format 2.0) or a function URL',
    eventType: 'APIGatewayProxyEventV2',
    resultType: 'APIGatewayProxyResultV2',
    sample: { service: 'apigateway', event: 'http-api-proxy' },
    body: `  const name = event.queryStringParameters?.name ?? 'world';
  console.log('request', event.requestContext.http.method, event.rawPath);
  return {
    statusCode: 200,
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ message: \`hello \${name}\`, requestId: context.awsRequestId }),
  };`,
    samEvent: [
      'Api:',
      '  Type: HttpApi',
      '  Properties:',
      '    Path: /__PATH__',
      '    Method: get',
    ],
  },
  'rest-api': {
    label: 'REST API',
    description: 'API Gateway REST API, Lambda proxy integration',
    eventType: 'APIGatewayProxyEvent',
    resultType: 'APIGatewayProxyResult',
    sample: { service: 'apigateway', event: 'aws-proxy' },
    body: `  const body = event.body ? JSON.parse(event.isBase64Encoded ? Buffer.from(event.body, 'base64').toString() : event.body) : {};
  console.log('request', event.httpMethod, event.path);
  return {
    statusCode: 200,
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ received: body, requestId: context.awsRequestId }),
  };`,
    samEvent: ['Api:', '  Type: Api', '  Properties:', '    Path: /__PATH__', '    Method: post'],
  },
  s3: {
    label: 'S3',
    description: 'S3 object notifications',
    eventType: 'S3Event',
    resultType: 'void',
    sample: { service: 's3', event: 'put' },
    body: `  for (const record of event.Records) {
    // Object keys arrive URL-encoded, with + for spaces.
    const key = decodeURIComponent(record.s3.object.key.replace(/\\+/g, ' '));
    console.log(\`\${record.eventName} s3://\${record.s3.bucket.name}/\${key} (\${record.s3.object.size ?? 0} bytes)\`);
  }`,
  },
  sqs: {
    label: 'SQS (partial batch failures)',
    description: 'SQS messages; failed ones are returned in batchItemFailures and retried alone',
    eventType: 'SQSEvent',
    resultType: 'SQSBatchResponse',
    sample: { service: 'sqs', event: 'receive-message' },
    body: `  const batchItemFailures/*T: SQSBatchResponse['batchItemFailures']*/ = [];
  for (const record of event.Records) {
    try {
      const message = JSON.parse(record.body);
      console.log('processing', record.messageId, message);
    } catch (error) {
      console.error(\`message \${record.messageId} failed\`, error);
      batchItemFailures.push({ itemIdentifier: record.messageId });
    }
  }
  return { batchItemFailures };`,
  },
  sns: {
    label: 'SNS',
    description: 'SNS notifications',
    eventType: 'SNSEvent',
    resultType: 'void',
    sample: { service: 'sns', event: 'notification' },
    body: `  for (const record of event.Records) {
    console.log(\`\${record.Sns.Subject ?? '(no subject)'}: \${record.Sns.Message}\`);
  }`,
  },
  dynamodb: {
    label: 'DynamoDB Streams',
    description: 'DynamoDB stream records, with partial batch failures',
    eventType: 'DynamoDBStreamEvent',
    resultType: 'DynamoDBBatchResponse',
    sample: { service: 'dynamodb', event: 'update' },
    body: `  const batchItemFailures/*T: DynamoDBBatchResponse['batchItemFailures']*/ = [];
  for (const record of event.Records) {
    try {
      console.log(record.eventName, JSON.stringify(record.dynamodb?.Keys));
    } catch (error) {
      console.error('record failed', error);
      batchItemFailures.push({ itemIdentifier: record.dynamodb?.SequenceNumber ?? '' });
    }
  }
  return { batchItemFailures };`,
  },
  schedule: {
    label: 'EventBridge schedule',
    description: 'A scheduled EventBridge rule (cron or rate)',
    eventType: 'ScheduledEvent',
    resultType: 'void',
    sample: { service: 'cloudwatch', event: 'scheduled-event' },
    body: `  console.log(\`scheduled run at \${event.time} by \${event.resources.join(', ')}\`);
  console.log('time left', context.getRemainingTimeInMillis(), 'ms');`,
    samEvent: ['Schedule:', '  Type: Schedule', '  Properties:', '    Schedule: rate(5 minutes)'],
  },
  plain: {
    label: 'Plain',
    description: 'Any JSON event, invoked directly',
    eventType: 'Record<string, unknown>',
    resultType: 'Record<string, unknown>',
    sample: { literal: { hello: 'world' } },
    body: `  console.log('event', JSON.stringify(event));
  return { ok: true, received: event, requestId: context.awsRequestId };`,
  },
};
