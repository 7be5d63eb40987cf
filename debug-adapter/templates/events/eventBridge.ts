/**
 * EventBridge templates SAM lacks, under our names: a custom application event
 * (`eventbridge custom`), an EventBridge Scheduler invocation (`eventbridge scheduled`) and an S3
 * "Object Created" event routed through EventBridge (`eventbridge s3-object-created`). Pure data;
 * imports only this folder and types.
 */
import type {
  EventBridgeEvent,
  S3ObjectCreatedNotificationEvent,
  ScheduledEvent,
} from 'aws-lambda';
import { md5Text } from './encoding';
import { defineTemplate, type EventTemplate } from './eventTemplate';
import {
  ACCOUNT_ID,
  REGION,
  SAMPLE_EPOCH_MS,
  arn,
  charsFrom,
  hexFrom,
  isoSeconds,
  uuidFrom,
} from './sample';

const custom = defineTemplate({
  service: 'eventbridge',
  event: 'custom',
  description: 'An application event put on an event bus with PutEvents and matched by a rule.',
  sourceType: 'EventBridgeEvent',
  typeArguments: ['string', 'unknown'],
  params: [
    { name: 'source', description: 'Event source', default: 'com.example.orders', kind: 'string' },
    { name: 'detail-type', description: 'Detail type', default: 'Order Placed', kind: 'string' },
    {
      name: 'detail',
      description: 'Event detail, as JSON',
      default: '{"orderId":"1234","amount":42.5,"currency":"EUR"}',
      kind: 'json',
    },
  ],
  make(v): EventBridgeEvent<string, unknown> {
    return {
      version: '0',
      id: uuidFrom(`eventbridge:${v.source}:${v['detail-type']}:${JSON.stringify(v.detail)}`),
      'detail-type': v['detail-type'],
      source: v.source,
      account: ACCOUNT_ID,
      time: isoSeconds(SAMPLE_EPOCH_MS),
      region: REGION,
      resources: [],
      detail: v.detail,
    };
  },
});

const scheduled = defineTemplate({
  service: 'eventbridge',
  event: 'scheduled',
  description:
    'An EventBridge Scheduler schedule invoking the function without custom input: source ' +
    'aws.scheduler, detail "{}" (a string).',
  sourceType: 'ScheduledEvent',
  typeArguments: ['string'],
  params: [
    { name: 'schedule', description: 'Schedule name', default: 'my-schedule', kind: 'string' },
    { name: 'group', description: 'Schedule group', default: 'default', kind: 'string' },
  ],
  make(v): ScheduledEvent<string> {
    return {
      version: '0',
      id: uuidFrom(`scheduler:${v.group}/${v.schedule}`),
      'detail-type': 'Scheduled Event',
      source: 'aws.scheduler',
      account: ACCOUNT_ID,
      time: isoSeconds(SAMPLE_EPOCH_MS),
      region: REGION,
      resources: [arn('scheduler', `schedule/${v.group}/${v.schedule}`)],
      // Scheduler sends the detail as the JSON text "{}", not as an object.
      detail: '{}',
    };
  },
});

type ObjectCreatedDetail = S3ObjectCreatedNotificationEvent['detail'];

/** The S3 EventBridge event as an unversioned bucket sends it: see the type gap. */
type UnversionedObjectCreated = Omit<S3ObjectCreatedNotificationEvent, 'detail'> & {
  detail: Omit<ObjectCreatedDetail, 'object'> & {
    object: Omit<ObjectCreatedDetail['object'], 'version-id'>;
  };
};

const s3ObjectCreated = defineTemplate({
  service: 'eventbridge',
  event: 's3-object-created',
  description: 'An S3 "Object Created" event delivered through EventBridge (unversioned bucket).',
  sourceType: 'S3ObjectCreatedNotificationEvent',
  typeGaps: [
    {
      property: 'version-id',
      reason:
        'S3 includes detail.object["version-id"] only for versioned buckets; ' +
        '@types/aws-lambda declares it required.',
    },
  ],
  params: [
    { name: 'bucket', description: 'Bucket name', default: 'amzn-s3-demo-bucket', kind: 'string' },
    {
      name: 'key',
      description: 'Object key (carried as written, unlike the URL-encoded key of s3 put)',
      default: 'uploads/photo.jpg',
      kind: 'string',
    },
    {
      name: 'size',
      description: 'Object size in bytes',
      default: '1024',
      kind: 'number',
      integer: true,
      min: 0,
    },
  ],
  make(v): UnversionedObjectCreated {
    const seed = `eventbridge-s3:${v.bucket}/${v.key}`;
    return {
      version: '0',
      id: uuidFrom(seed),
      'detail-type': 'Object Created',
      source: 'aws.s3',
      account: ACCOUNT_ID,
      time: isoSeconds(SAMPLE_EPOCH_MS),
      region: REGION,
      resources: [`arn:aws:s3:::${v.bucket}`],
      detail: {
        version: '0',
        bucket: { name: v.bucket },
        object: {
          key: v.key,
          size: v.size,
          etag: md5Text(`${seed}:${v.size}`),
          sequencer: hexFrom(`${seed}:sequencer`, 18).toUpperCase(),
        },
        'request-id': charsFrom(`${seed}:request`, 16).toUpperCase(),
        requester: ACCOUNT_ID,
        'source-ip-address': '203.0.113.10',
        reason: 'PutObject',
      },
    };
  },
});

/** The EventBridge templates, in `--help` order. */
export const eventBridgeTemplates: readonly EventTemplate[] = [custom, scheduled, s3ObjectCreated];
