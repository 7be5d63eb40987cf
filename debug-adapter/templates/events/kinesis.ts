/**
 * Kinesis templates: a Data Streams batch (`kinesis get-records`) and a Data Firehose
 * transformation input (`kinesis kinesis-firehose`, as SAM names them). Both carry the record
 * data base64-encoded, as the services do. Pure data; imports only this folder and types.
 */
import type { FirehoseTransformationEvent, KinesisStreamEvent } from 'aws-lambda';
import { base64Text } from './encoding';
import { defineTemplate, type EventTemplate } from './eventTemplate';
import { ACCOUNT_ID, REGION, SAMPLE_EPOCH_MS, arn, digitsFrom, uuidFrom } from './sample';

const COUNT = {
  name: 'count',
  description: 'Number of records in the batch',
  default: '1',
  kind: 'number',
  integer: true,
  min: 1,
  max: 10000,
} as const;

const getRecords = defineTemplate({
  service: 'kinesis',
  event: 'get-records',
  description: 'A batch of Kinesis Data Streams records from one shard.',
  sourceType: 'KinesisStreamEvent',
  params: [
    {
      name: 'data',
      description: 'Record payload as text (the template base64-encodes it, as Kinesis does)',
      default: '{"deviceId":"sensor-01","temperature":21.5}',
      kind: 'string',
    },
    { name: 'partition-key', description: 'Partition key', default: 'sensor-01', kind: 'string' },
    { name: 'stream', description: 'Stream name', default: 'my-stream', kind: 'string' },
    COUNT,
  ],
  make(v): KinesisStreamEvent {
    return {
      Records: Array.from({ length: v.count }, (_, i) => {
        const sequenceNumber = digitsFrom(`kinesis:${v.stream}:${i}`, 56);
        return {
          kinesis: {
            kinesisSchemaVersion: '1.0',
            partitionKey: v['partition-key'],
            sequenceNumber,
            data: base64Text(v.data),
            // Seconds since the epoch, with milliseconds as the fraction.
            approximateArrivalTimestamp: (SAMPLE_EPOCH_MS + i * 7) / 1000,
          },
          eventSource: 'aws:kinesis',
          eventVersion: '1.0',
          eventID: `shardId-000000000000:${sequenceNumber}`,
          eventName: 'aws:kinesis:record',
          invokeIdentityArn: `arn:aws:iam::${ACCOUNT_ID}:role/my-function-role`,
          awsRegion: REGION,
          eventSourceARN: arn('kinesis', `stream/${v.stream}`),
        };
      }),
    };
  },
});

const firehose = defineTemplate({
  service: 'kinesis',
  event: 'kinesis-firehose',
  aliases: [{ service: 'firehose', event: 'transformation' }],
  description: 'A Data Firehose record transformation request.',
  sourceType: 'FirehoseTransformationEvent',
  params: [
    {
      name: 'data',
      description: 'Record payload as text (the template base64-encodes it, as Firehose does)',
      default: '{"ticker":"AMZN","price":185.3}',
      kind: 'string',
    },
    {
      name: 'delivery-stream',
      description: 'Firehose stream name',
      default: 'my-delivery-stream',
      kind: 'string',
    },
    {
      name: 'source-stream',
      description: 'Kinesis data stream feeding the Firehose stream (empty: Direct PUT)',
      default: '',
      kind: 'string',
    },
    COUNT,
  ],
  make(v): FirehoseTransformationEvent {
    const source = v['source-stream'];
    return {
      invocationId: uuidFrom(`firehose:${v['delivery-stream']}:invocation`),
      deliveryStreamArn: arn('firehose', `deliverystream/${v['delivery-stream']}`),
      ...(source ? { sourceKinesisStreamArn: arn('kinesis', `stream/${source}`) } : {}),
      region: REGION,
      records: Array.from({ length: v.count }, (_, i) => {
        const recordId = digitsFrom(`firehose:${v['delivery-stream']}:${i}`, 56);
        const arrival = SAMPLE_EPOCH_MS + i * 7;
        return {
          recordId,
          approximateArrivalTimestamp: arrival,
          data: base64Text(v.data),
          ...(source
            ? {
                kinesisRecordMetadata: {
                  shardId: 'shardId-000000000000',
                  partitionKey: uuidFrom(`firehose:${source}:${i}:key`),
                  approximateArrivalTimestamp: arrival,
                  sequenceNumber: recordId,
                  subsequenceNumber: '',
                },
              }
            : {}),
        };
      }),
    };
  },
});

/** The Kinesis templates, in `--help` order. */
export const kinesisTemplates: readonly EventTemplate[] = [getRecords, firehose];
