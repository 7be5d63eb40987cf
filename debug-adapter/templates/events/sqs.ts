/**
 * The Amazon SQS template (`sqs receive-message`, as SAM names it): a batch of one or more
 * messages from a standard or FIFO queue. Pure data; imports only this folder and types.
 */
import type { SQSEvent, SQSRecord } from 'aws-lambda';
import { base64Text, md5Text } from './encoding';
import { defineTemplate, type EventTemplate } from './eventTemplate';
import { REGION, SAMPLE_EPOCH_MS, arn, charsFrom, digitsFrom, hexFrom, uuidFrom } from './sample';

const receiveMessage = defineTemplate({
  service: 'sqs',
  event: 'receive-message',
  description:
    'A batch of SQS messages as the event source mapping delivers it; a queue name ending in ' +
    '.fifo adds the FIFO attributes.',
  sourceType: 'SQSEvent',
  params: [
    {
      name: 'body',
      description: 'Message body, delivered as this exact string in every record',
      default: '{"orderId":"1234","status":"created"}',
      kind: 'string',
    },
    { name: 'queue-name', description: 'Queue name', default: 'my-queue', kind: 'string' },
    {
      name: 'count',
      description: 'Number of messages in the batch (1 to 10000)',
      default: '1',
      kind: 'number',
      integer: true,
      min: 1,
      max: 10000,
    },
  ],
  make(v): SQSEvent {
    const queue = v['queue-name'];
    const fifo = queue.endsWith('.fifo');
    const records: SQSRecord[] = [];
    for (let i = 0; i < v.count; i++) {
      const seed = `sqs:${queue}:${i}`;
      const sent = SAMPLE_EPOCH_MS + i;
      records.push({
        messageId: uuidFrom(seed),
        // Receipt handles are opaque base64 blobs that start with AQEB.
        receiptHandle: `AQEB${base64Text(hexFrom(`${seed}:receipt`, 120))}`,
        body: v.body,
        attributes: {
          ApproximateReceiveCount: '1',
          SentTimestamp: String(sent),
          SenderId: `AROA${charsFrom('sqs-sender', 17).toUpperCase()}:my-producer`,
          ApproximateFirstReceiveTimestamp: String(sent + 3),
          ...(fifo
            ? {
                SequenceNumber: digitsFrom(`${seed}:sequence`, 20),
                MessageGroupId: 'group-1',
                MessageDeduplicationId: hexFrom(`${seed}:dedup`, 64),
              }
            : {}),
        },
        messageAttributes: {},
        md5OfBody: md5Text(v.body),
        eventSource: 'aws:sqs',
        eventSourceARN: arn('sqs', queue),
        awsRegion: REGION,
      });
    }
    return { Records: records };
  },
});

/** The SQS templates. */
export const sqsTemplates: readonly EventTemplate[] = [receiveMessage];
