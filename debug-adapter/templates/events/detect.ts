/**
 * Recognises which template an arbitrary event most likely came from, by the fields each source
 * is known for. The language server uses it to validate saved event files. Pure: imports only
 * types from this folder.
 */
import type { EventName } from './eventTemplate';

type Json = Record<string, unknown>;

function isRecord(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const name = (service: string, event: string): EventName => ({ service, event });

const COGNITO_TRIGGERS: ReadonlyArray<[prefix: string, event: string]> = [
  ['PreSignUp_', 'pre-sign-up'],
  ['PostConfirmation_', 'post-confirmation'],
  ['PreAuthentication_', 'pre-authentication'],
  ['CustomMessage_', 'custom-message'],
];

/** A `Records[]` batch: the record's `eventSource` names the service. */
function fromRecord(record: Json): EventName | undefined {
  switch (record.eventSource ?? record.EventSource) {
    case 'aws:sqs':
      return name('sqs', 'receive-message');
    case 'aws:sns':
      return name('sns', 'notification');
    case 'aws:s3':
      return String(record.eventName).startsWith('ObjectRemoved')
        ? name('s3', 'delete')
        : name('s3', 'put');
    case 'aws:dynamodb':
      return name('dynamodb', 'update');
    case 'aws:kinesis':
      return name('kinesis', 'get-records');
    case 'aws:ses':
      return name('ses', 'email-receiving');
    default:
      return undefined;
  }
}

/** An EventBridge envelope: `source` and `detail-type` tell the kinds apart. */
function fromEventBridge(event: Json): EventName {
  if (event.source === 'aws.events' && event['detail-type'] === 'Scheduled Event') {
    return name('cloudwatch', 'scheduled-event');
  }
  if (event.source === 'aws.scheduler') return name('eventbridge', 'scheduled');
  if (event.source === 'aws.s3' && event['detail-type'] === 'Object Created') {
    return name('eventbridge', 's3-object-created');
  }
  return name('eventbridge', 'custom');
}

/** Events with a `requestContext`: HTTP front ends and authorizers. */
function fromRequestContext(event: Json, context: Json): EventName | undefined {
  if (isRecord(context.elb)) return name('alb', 'request');
  if (isRecord(context.http) && typeof event.routeKey === 'string') {
    return String(context.domainName).includes('.lambda-url.')
      ? name('lambda', 'function-url')
      : name('apigateway', 'http-api-proxy');
  }
  if (typeof event.authorizationToken === 'string' && isRecord(event.requestHeaders)) {
    return name('appsync', 'authorizer');
  }
  if (typeof event.methodArn === 'string' && event.type === 'REQUEST') {
    return name('apigateway', 'request-authorizer');
  }
  if (typeof event.httpMethod === 'string' && typeof event.resource === 'string') {
    return name('apigateway', 'aws-proxy');
  }
  return undefined;
}

/**
 * The template an event most likely came from, or undefined when nothing matches. `iot rule`
 * is never returned: its event is whatever the rule's query selects, so it has no shape to match.
 */
export function detectEventSource(event: unknown): EventName | undefined {
  if (!isRecord(event)) return undefined;
  const records = event.Records;
  if (Array.isArray(records)) return isRecord(records[0]) ? fromRecord(records[0]) : undefined;

  if (isRecord(event.awslogs) && typeof event.awslogs.data === 'string') {
    return name('cloudwatch', 'logs');
  }
  if (typeof event.deliveryStreamArn === 'string' && Array.isArray(event.records)) {
    return name('kinesis', 'kinesis-firehose');
  }
  if (isRecord(event.records) && typeof event.bootstrapServers === 'string') {
    if (event.eventSource === 'aws:kafka') return name('kafka', 'msk');
    if (event.eventSource === 'SelfManagedKafka') return name('kafka', 'self-managed');
  }
  if (typeof event.invocationSchemaVersion === 'string' && Array.isArray(event.tasks)) {
    return name('s3', 'batch-invocation');
  }
  if (typeof event.ResponseURL === 'string' && typeof event.StackId === 'string') {
    const type = { Create: 'create-request', Update: 'update-request', Delete: 'delete-request' };
    const requestType = event.RequestType;
    if (requestType === 'Create' || requestType === 'Update' || requestType === 'Delete') {
      return name('cloudformation', type[requestType]);
    }
  }
  if (typeof event.Step === 'string' && typeof event.SecretId === 'string') {
    return name('secretsmanager', 'rotation');
  }
  if (typeof event.triggerSource === 'string' && typeof event.userPoolId === 'string') {
    const trigger = event.triggerSource;
    if (trigger.startsWith('TokenGeneration_')) {
      return event.version === '1'
        ? name('cognito-user-pool', 'pre-token-generation')
        : name('cognito-user-pool', 'pre-token-generation-v2');
    }
    const match = COGNITO_TRIGGERS.find(([prefix]) => trigger.startsWith(prefix));
    return match ? name('cognito-user-pool', match[1]) : undefined;
  }
  if (typeof event['detail-type'] === 'string' && typeof event.source === 'string') {
    return fromEventBridge(event);
  }
  if (event.type === 'TOKEN' && typeof event.methodArn === 'string') {
    return name('apigateway', 'authorizer');
  }
  if (isRecord(event.requestContext)) return fromRequestContext(event, event.requestContext);
  if (isRecord(event.info) && typeof event.info.fieldName === 'string' && 'arguments' in event) {
    return name('appsync', 'resolver');
  }
  if (Array.isArray(event.protocols) && isRecord(event.connectionMetadata)) {
    return name('iot', 'custom-authorizer');
  }
  return undefined;
}
