/**
 * Kafka templates: Amazon MSK (`kafka msk`) and self-managed Apache Kafka (`kafka self-managed`).
 * SAM has neither, so the names are ours. Keys and values are base64, as Lambda delivers them.
 * Pure data; imports only this folder and types.
 */
import type { MSKEvent, MSKRecord, SelfManagedKafkaEvent } from 'aws-lambda';
import { base64Text } from './encoding';
import { defineTemplate, type EventTemplate } from './eventTemplate';
import { REGION, SAMPLE_EPOCH_MS, arn, uuidFrom } from './sample';

const COMMON_PARAMS = [
  { name: 'topic', description: 'Topic name', default: 'orders', kind: 'string' },
  {
    name: 'value',
    description: 'Record value as text (the template base64-encodes it)',
    default: '{"orderId":"1234","status":"created"}',
    kind: 'string',
  },
  {
    name: 'key',
    description: 'Record key as text (base64-encoded; empty: a record without a key)',
    default: 'order-1234',
    kind: 'string',
  },
  {
    name: 'count',
    description: 'Number of records, all from partition 0 with consecutive offsets',
    default: '1',
    kind: 'number',
    integer: true,
    min: 1,
    max: 10000,
  },
] as const;

const KEYLESS_GAP = {
  property: 'key',
  when: '--key is empty',
  reason:
    'Lambda omits "key" for a record produced without one; @types/aws-lambda declares it required.',
};

/** The records map: one entry per topic-partition (`orders-0`), as Lambda groups them. */
function records(topic: string, value: string, key: string, count: number) {
  const list = Array.from({ length: count }, (_, i) => {
    const record: Omit<MSKRecord, 'key'> & { key?: string } = {
      topic,
      partition: 0,
      offset: 100 + i,
      timestamp: SAMPLE_EPOCH_MS + i,
      timestampType: 'CREATE_TIME',
      ...(key === '' ? {} : { key: base64Text(key) }),
      value: base64Text(value),
      headers: [],
    };
    return record;
  });
  return { [`${topic}-0`]: list };
}

const msk = defineTemplate({
  service: 'kafka',
  event: 'msk',
  description: 'A batch of records from an Amazon MSK topic.',
  sourceType: 'MSKEvent',
  typeGaps: [KEYLESS_GAP],
  params: [
    ...COMMON_PARAMS,
    { name: 'cluster', description: 'MSK cluster name', default: 'my-cluster', kind: 'string' },
  ],
  make(v) {
    const broker = (n: number) =>
      `b-${n}.${v.cluster}.a1b2c3.c2.kafka.${REGION}.amazonaws.com:9098`;
    const event: Omit<MSKEvent, 'records'> & { records: ReturnType<typeof records> } = {
      eventSource: 'aws:kafka',
      eventSourceArn: arn('kafka', `cluster/${v.cluster}/${uuidFrom(`msk:${v.cluster}`)}-2`),
      bootstrapServers: [broker(1), broker(2)].join(','),
      records: records(v.topic, v.value, v.key, v.count),
    };
    return event;
  },
});

const selfManaged = defineTemplate({
  service: 'kafka',
  event: 'self-managed',
  description: 'A batch of records from a self-managed Apache Kafka topic.',
  sourceType: 'SelfManagedKafkaEvent',
  typeGaps: [KEYLESS_GAP],
  params: [
    ...COMMON_PARAMS,
    {
      name: 'bootstrap-servers',
      description: 'Comma-separated broker addresses, as configured on the event source mapping',
      default: 'kafka-1.example.com:9092,kafka-2.example.com:9092',
      kind: 'string',
    },
  ],
  make(v) {
    const event: Omit<SelfManagedKafkaEvent, 'records'> & {
      records: ReturnType<typeof records>;
    } = {
      eventSource: 'SelfManagedKafka',
      bootstrapServers: v['bootstrap-servers'],
      records: records(v.topic, v.value, v.key, v.count),
    };
    return event;
  },
});

/** The Kafka templates, in `--help` order. */
export const kafkaTemplates: readonly EventTemplate[] = [msk, selfManaged];
