/**
 * CloudWatch templates, named as SAM names them: a Logs subscription delivery (`cloudwatch logs`)
 * and an EventBridge schedule rule (`cloudwatch scheduled-event`, the service's old name). Pure
 * data; imports only this folder and types.
 */
import type { CloudWatchLogsDecodedData, CloudWatchLogsEvent, ScheduledEvent } from 'aws-lambda';
import { base64, gzipStored, utf8Bytes } from './encoding';
import { defineTemplate, expectStringArray, type EventTemplate } from './eventTemplate';
import {
  ACCOUNT_ID,
  REGION,
  SAMPLE_EPOCH_MS,
  arn,
  digitsFrom,
  hexFrom,
  isoSeconds,
  uuidFrom,
} from './sample';

const logs = defineTemplate({
  service: 'cloudwatch',
  event: 'logs',
  description:
    'A CloudWatch Logs subscription filter delivery; awslogs.data is gzip then base64, as AWS sends it.',
  sourceType: 'CloudWatchLogsEvent',
  params: [
    {
      name: 'log-group',
      description: 'Log group the subscription filter is on',
      default: '/aws/lambda/my-function',
      kind: 'string',
    },
    {
      name: 'log-stream',
      description: 'Log stream the events come from',
      default: `2024/05/01/[$LATEST]${hexFrom('log-stream', 32)}`,
      kind: 'string',
    },
    {
      name: 'messages',
      description: 'The log messages, as a JSON array of strings',
      default: JSON.stringify([
        '{"level":"INFO","message":"order created","orderId":"1234"}',
        '{"level":"ERROR","message":"payment declined","orderId":"1234"}',
      ]),
      kind: 'json',
    },
  ],
  make(v): CloudWatchLogsEvent {
    const messages = expectStringArray(v.messages, 'messages');
    const decoded: CloudWatchLogsDecodedData = {
      messageType: 'DATA_MESSAGE',
      owner: ACCOUNT_ID,
      logGroup: v['log-group'],
      logStream: v['log-stream'],
      subscriptionFilters: ['my-subscription-filter'],
      logEvents: messages.map((message, i) => ({
        id: digitsFrom(`logs:${v['log-group']}:${i}`, 56),
        timestamp: SAMPLE_EPOCH_MS + i,
        message,
      })),
    };
    // gzipStored writes a real gzip stream without node:zlib; see its comment in encoding.ts.
    return { awslogs: { data: base64(gzipStored(utf8Bytes(JSON.stringify(decoded)))) } };
  },
});

const scheduledEvent = defineTemplate({
  service: 'cloudwatch',
  event: 'scheduled-event',
  description: 'An EventBridge (CloudWatch Events) schedule rule firing: source aws.events.',
  sourceType: 'ScheduledEvent',
  params: [{ name: 'rule', description: 'Rule name', default: 'my-schedule', kind: 'string' }],
  make(v): ScheduledEvent<Record<string, never>> {
    return {
      version: '0',
      id: uuidFrom(`schedule:${v.rule}`),
      'detail-type': 'Scheduled Event',
      source: 'aws.events',
      account: ACCOUNT_ID,
      time: isoSeconds(SAMPLE_EPOCH_MS),
      region: REGION,
      resources: [arn('events', `rule/${v.rule}`)],
      detail: {},
    };
  },
});

/** The CloudWatch templates, in `--help` order. */
export const cloudWatchTemplates: readonly EventTemplate[] = [logs, scheduledEvent];
