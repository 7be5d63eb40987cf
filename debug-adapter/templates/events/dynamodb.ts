/**
 * The DynamoDB Streams template (`dynamodb update`, as SAM names it), with plain JSON items
 * marshalled into DynamoDB's typed attribute values. Pure data; imports only this folder and types.
 */
import type { AttributeValue, DynamoDBStreamEvent, StreamRecord } from 'aws-lambda';
import { utf8Bytes } from './encoding';
import {
  EventTemplateError,
  defineTemplate,
  expectObject,
  splitList,
  type EventTemplate,
} from './eventTemplate';
import { REGION, SAMPLE_EPOCH_MS, arn, digitsFrom, hexFrom } from './sample';

/**
 * Converts plain JSON to a DynamoDB attribute value, the way the SDK's `marshall` does for JSON
 * input: strings S, numbers N (as strings), booleans BOOL, null NULL, arrays L, objects M. Sets
 * (SS, NS, BS) and binary (B) have no JSON spelling, so they never appear.
 */
export function marshall(value: unknown): AttributeValue {
  if (typeof value === 'string') return { S: value };
  if (typeof value === 'number') return { N: String(value) };
  if (typeof value === 'boolean') return { BOOL: value };
  if (value === null) return { NULL: true };
  if (Array.isArray(value)) return { L: value.map(marshall) };
  if (typeof value === 'object') return { M: marshallItem(value as Record<string, unknown>) };
  throw new EventTemplateError(`Cannot store ${String(value)} in a DynamoDB item.`);
}

/** Marshals every attribute of a plain JSON item. */
export function marshallItem(item: Record<string, unknown>): Record<string, AttributeValue> {
  return Object.fromEntries(Object.entries(item).map(([name, value]) => [name, marshall(value)]));
}

/**
 * An estimate of DynamoDB's item size rules (names and string values count their UTF-8 bytes,
 * numbers about one byte per two digits plus one, lists and maps three bytes plus one per
 * element). Stream records report the size of keys and images together in `SizeBytes`.
 */
function attributeSize(value: AttributeValue): number {
  if (value.S !== undefined) return utf8Bytes(value.S).length;
  if (value.N !== undefined) return Math.ceil(value.N.replace(/[^0-9]/g, '').length / 2) + 1;
  if (value.L !== undefined) return 3 + value.L.reduce((n, v) => n + 1 + attributeSize(v), 0);
  if (value.M !== undefined) return 3 + itemSize(value.M) + Object.keys(value.M).length;
  return 1;
}

function itemSize(item: Record<string, AttributeValue>): number {
  return Object.entries(item).reduce(
    (n, [name, value]) => n + utf8Bytes(name).length + attributeSize(value),
    0,
  );
}

const update = defineTemplate({
  service: 'dynamodb',
  event: 'update',
  description: 'A DynamoDB Streams record (view type NEW_AND_OLD_IMAGES) for one item change.',
  sourceType: 'DynamoDBStreamEvent',
  params: [
    { name: 'table', description: 'Table name', default: 'my-table', kind: 'string' },
    {
      name: 'event-name',
      description: 'Kind of change: INSERT (new image only), MODIFY (both) or REMOVE (old only)',
      default: 'MODIFY',
      kind: 'string',
      choices: ['INSERT', 'MODIFY', 'REMOVE'],
    },
    {
      name: 'keys',
      description: 'Comma-separated key attribute names (partition key, then sort key)',
      default: 'id',
      kind: 'string',
    },
    {
      name: 'new-image',
      description: 'The item after the change, as plain JSON (marshalled for you)',
      default: '{"id":"1234","status":"shipped","total":42.5}',
      kind: 'json',
    },
    {
      name: 'old-image',
      description: 'The item before the change, as plain JSON (marshalled for you)',
      default: '{"id":"1234","status":"created","total":42.5}',
      kind: 'json',
    },
  ],
  make(v): DynamoDBStreamEvent {
    const eventName = v['event-name'];
    const newImage =
      eventName === 'REMOVE' ? undefined : marshallItem(expectObject(v['new-image'], 'new-image'));
    const oldImage =
      eventName === 'INSERT' ? undefined : marshallItem(expectObject(v['old-image'], 'old-image'));
    const image = newImage ?? oldImage ?? {};
    const keys: Record<string, AttributeValue> = {};
    for (const name of splitList(v.keys)) {
      const value = image[name];
      if (value === undefined) {
        const source = newImage ? '--new-image' : '--old-image';
        throw new EventTemplateError(`--keys names ${name}, but ${source} has no ${name}.`);
      }
      keys[name] = value;
    }
    const seed = `dynamodb:${v.table}:${eventName}:${JSON.stringify(image)}`;
    const dynamodb: StreamRecord = {
      ApproximateCreationDateTime: Math.floor(SAMPLE_EPOCH_MS / 1000),
      Keys: keys,
      ...(newImage ? { NewImage: newImage } : {}),
      ...(oldImage ? { OldImage: oldImage } : {}),
      SequenceNumber: digitsFrom(`${seed}:sequence`, 28),
      SizeBytes: itemSize(keys) + itemSize(newImage ?? {}) + itemSize(oldImage ?? {}),
      StreamViewType: 'NEW_AND_OLD_IMAGES',
    };
    return {
      Records: [
        {
          eventID: hexFrom(`${seed}:id`, 32),
          eventName,
          eventVersion: '1.1',
          eventSource: 'aws:dynamodb',
          awsRegion: REGION,
          dynamodb,
          eventSourceARN: arn('dynamodb', `table/${v.table}/stream/2024-04-01T00:00:00.000`),
        },
      ],
    };
  },
});

/** The DynamoDB Streams templates. */
export const dynamodbTemplates: readonly EventTemplate[] = [update];
