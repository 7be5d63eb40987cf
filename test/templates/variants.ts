/**
 * Non-default parameters for every template, chosen to reach the branches the defaults do not
 * (multi-value ALB, FIFO queues, keyless Kafka records…). The type-check and detection tests run
 * each of them. Test data only; imports the templates' types.
 */
import type { EventTemplate } from '../../debug-adapter/templates/events';

/** Parameter sets by `service event`; every template must have at least one. */
export const VARIANTS: Readonly<Record<string, ReadonlyArray<Record<string, string>>>> = {
  'apigateway aws-proxy': [
    {
      method: 'post',
      path: '/users/42/orders',
      resource: '/users/{id}/orders',
      query: 'tag=a&tag=b&q=caf%C3%A9+au+lait',
      body: '{"item":"book"}',
      stage: 'dev',
    },
  ],
  'apigateway http-api-proxy': [
    {
      method: 'PUT',
      path: '/items/7',
      route: 'PUT /items/{id}',
      query: 'a=1&a=2',
      body: 'plain text',
      stage: 'beta',
    },
  ],
  'apigateway authorizer': [{ token: 'Bearer deny', method: 'DELETE', path: '/items/7' }],
  'apigateway request-authorizer': [
    { token: '', method: 'GET', path: '/items/7', resource: '/items/{id}', query: 'x=1' },
  ],
  'lambda function-url': [{ method: 'POST', path: '/webhook', query: 'v=2', body: '{"ok":true}' }],
  'alb request': [
    { method: 'POST', path: '/submit', query: 'q=a%20b&q=c', body: 'x=1', 'multi-value': 'true' },
    { query: 'q=a%20b', 'multi-value': 'false' },
  ],
  's3 put': [
    { bucket: 'logs-bucket', key: 'dir/a=b/file (1).txt', size: '0', region: 'eu-west-1' },
  ],
  's3 delete': [{ bucket: 'logs-bucket', key: 'dir/x y.txt', region: 'eu-west-1' }],
  's3 batch-invocation': [{ bucket: 'logs-bucket', keys: 'a.txt, b c.txt,d/e.txt' }],
  'sqs receive-message': [{ body: 'hello', 'queue-name': 'orders.fifo', count: '3' }],
  'sns notification': [{ message: 'plain', subject: 'Hello', topic: 'alerts' }],
  'dynamodb update': [
    {
      'event-name': 'INSERT',
      keys: 'pk,sk',
      'new-image': '{"pk":"u#1","sk":7,"tags":["a"],"meta":{"n":null,"ok":true}}',
    },
    { 'event-name': 'REMOVE', 'old-image': '{"id":"9"}' },
  ],
  'kinesis get-records': [{ data: 'héllo', 'partition-key': 'p', stream: 's', count: '3' }],
  'kinesis kinesis-firehose': [
    { data: 'row', 'delivery-stream': 'd', 'source-stream': 'src', count: '2' },
  ],
  'cloudwatch logs': [
    { 'log-group': '/ecs/app', 'log-stream': 'web/1', messages: '["a","b","c"]' },
  ],
  'cloudwatch scheduled-event': [{ rule: 'nightly' }],
  'eventbridge custom': [{ source: 'my.app', 'detail-type': 'Thing Happened', detail: '[1,2]' }],
  'eventbridge scheduled': [{ schedule: 'hourly', group: 'ops' }],
  'eventbridge s3-object-created': [{ bucket: 'b', key: 'k k', size: '5' }],
  'cognito-user-pool pre-sign-up': [
    { username: 'bob', email: 'bob@example.com', 'trigger-source': 'PreSignUp_AdminCreateUser' },
  ],
  'cognito-user-pool post-confirmation': [
    { 'trigger-source': 'PostConfirmation_ConfirmForgotPassword' },
  ],
  'cognito-user-pool pre-authentication': [{ username: 'bob', email: 'bob@example.com' }],
  'cognito-user-pool pre-token-generation': [
    { groups: '', 'trigger-source': 'TokenGeneration_RefreshTokens' },
  ],
  'cognito-user-pool pre-token-generation-v2': [
    { groups: 'a,b', scopes: 'openid,email', 'trigger-source': 'TokenGeneration_HostedAuth' },
  ],
  'cognito-user-pool custom-message': [
    { 'trigger-source': 'CustomMessage_AdminCreateUser' },
    { 'trigger-source': 'CustomMessage_ForgotPassword' },
  ],
  'ses email-receiving': [{ from: 'a@example.com', to: 'b@example.org', subject: 'Hi' }],
  'kafka msk': [{ topic: 't', value: 'v', key: '', count: '2', cluster: 'c' }],
  'kafka self-managed': [
    { topic: 't', value: 'v', key: 'k', 'bootstrap-servers': 'localhost:9092' },
  ],
  'appsync resolver': [
    {
      'field-name': 'createOrder',
      'parent-type': 'Mutation',
      arguments: '{"input":{"n":1}}',
      auth: 'API_KEY',
    },
  ],
  'appsync authorizer': [{ token: 'deny', query: '{ listOrders { id } }' }],
  'iot rule': [{ payload: '{"temp":[1,2,3]}' }],
  'iot custom-authorizer': [{ token: 'deny', 'client-id': 'c', username: 'u', password: 'p' }],
  'cloudformation create-request': [{ properties: '{"Nested":{"List":[1,true,"x"]}}' }],
  'cloudformation update-request': [{ 'physical-id': 'abc', 'old-properties': '{}' }],
  'cloudformation delete-request': [{ 'stack-name': 'other', 'logical-id': 'Thing' }],
  'secretsmanager rotation': [{ step: 'finishSecret', 'secret-name': 'db' }],
};

/** The variant parameter sets of one template (empty if it has none, which a test forbids). */
export function templateVariants(template: EventTemplate): ReadonlyArray<Record<string, string>> {
  return VARIANTS[`${template.service} ${template.event}`] ?? [];
}
