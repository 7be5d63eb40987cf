/**
 * Amazon S3 notification templates (`s3 put`, `s3 delete`) and the S3 Batch Operations input
 * (`s3 batch-invocation`), named as SAM names them. Pure data; imports only this folder and types.
 */
import type { S3BatchEvent, S3Event, S3EventRecord } from 'aws-lambda';
import { base64Text, md5Text } from './encoding';
import { defineTemplate, splitList, type EventTemplate } from './eventTemplate';
import { REGION, SAMPLE_EPOCH_MS, charsFrom, hexFrom, isoMillis, uuidFrom } from './sample';

const BUCKET = {
  name: 'bucket',
  description: 'Bucket name',
  default: 'amzn-s3-demo-bucket',
  kind: 'string',
} as const;
const KEY = {
  name: 'key',
  description: 'Object key, unencoded (the template encodes it as S3 does)',
  default: 'uploads/photo 1.jpg',
  kind: 'string',
} as const;
const REGION_PARAM = {
  name: 'region',
  description: 'Region of the bucket',
  default: REGION,
  kind: 'string',
} as const;

/**
 * Keys in S3 events are form-URL-encoded: a space becomes `+` and other reserved characters are
 * percent-encoded, but `/` stays as written. Handlers must decode them, a classic bug that an
 * unencoded sample would hide.
 */
export function encodeS3Key(key: string): string {
  return encodeURIComponent(key).replace(/%20/g, '+').replace(/%2F/gi, '/');
}

/** The fields every S3 notification record shares, for one event name. */
function recordBase(eventName: string, region: string, seed: string) {
  return {
    eventVersion: '2.1',
    eventSource: 'aws:s3',
    awsRegion: region,
    eventTime: isoMillis(SAMPLE_EPOCH_MS),
    eventName,
    userIdentity: { principalId: `AWS:AIDA${charsFrom(`${seed}:user`, 17).toUpperCase()}` },
    requestParameters: { sourceIPAddress: '203.0.113.10' },
    responseElements: {
      'x-amz-request-id': hexFrom(`${seed}:request`, 16).toUpperCase(),
      'x-amz-id-2': base64Text(hexFrom(`${seed}:id2`, 54)),
    },
  };
}

/** The bucket part of an S3 notification record. */
function bucketOf(bucket: string) {
  return {
    name: bucket,
    ownerIdentity: { principalId: charsFrom(`${bucket}:owner`, 14).toUpperCase() },
    arn: `arn:aws:s3:::${bucket}`,
  };
}

const put = defineTemplate({
  service: 's3',
  event: 'put',
  description: 'An S3 ObjectCreated:Put notification for one object.',
  sourceType: 'S3Event',
  params: [
    BUCKET,
    KEY,
    {
      name: 'size',
      description: 'Object size in bytes',
      default: '1024',
      kind: 'number',
      integer: true,
      min: 0,
    },
    REGION_PARAM,
  ],
  make(v): S3Event {
    const seed = `s3:put:${v.bucket}/${v.key}`;
    const record: S3EventRecord = {
      ...recordBase('ObjectCreated:Put', v.region, seed),
      s3: {
        s3SchemaVersion: '1.0',
        configurationId: uuidFrom(`${v.bucket}:notification`),
        bucket: bucketOf(v.bucket),
        object: {
          key: encodeS3Key(v.key),
          size: v.size,
          // The ETag of a single-part upload is the MD5 of the content, which we do not have.
          eTag: md5Text(`${seed}:${v.size}`),
          sequencer: hexFrom(`${seed}:sequencer`, 18).toUpperCase(),
        },
      },
    };
    return { Records: [record] };
  },
});

/** An S3 record as a delete notification sends it: see the type gaps of `s3 delete`. */
type S3DeleteRecord = Omit<S3EventRecord, 's3'> & {
  s3: Omit<S3EventRecord['s3'], 'object'> & {
    object: Omit<S3EventRecord['s3']['object'], 'size' | 'eTag'>;
  };
};

const remove = defineTemplate({
  service: 's3',
  event: 'delete',
  description: 'An S3 ObjectRemoved:Delete notification for one object (unversioned bucket).',
  sourceType: 'S3Event',
  typeGaps: [
    {
      property: 'size',
      reason:
        'ObjectRemoved notifications carry no object size (S3 User Guide, event message structure).',
    },
    {
      property: 'eTag',
      reason: 'ObjectRemoved notifications carry no ETag (S3 User Guide, event message structure).',
    },
  ],
  params: [BUCKET, KEY, REGION_PARAM],
  make(v): { Records: S3DeleteRecord[] } {
    const seed = `s3:delete:${v.bucket}/${v.key}`;
    return {
      Records: [
        {
          ...recordBase('ObjectRemoved:Delete', v.region, seed),
          s3: {
            s3SchemaVersion: '1.0',
            configurationId: uuidFrom(`${v.bucket}:notification`),
            bucket: bucketOf(v.bucket),
            object: {
              key: encodeS3Key(v.key),
              sequencer: hexFrom(`${seed}:sequencer`, 18).toUpperCase(),
            },
          },
        },
      ],
    };
  },
});

const batchInvocation = defineTemplate({
  service: 's3',
  event: 'batch-invocation',
  description: 'An S3 Batch Operations "Invoke AWS Lambda function" task (schema 1.0).',
  sourceType: 'S3BatchEvent',
  params: [
    BUCKET,
    {
      name: 'keys',
      description: 'Comma-separated object keys, one task each (Lambda receives one per call)',
      default: 'reports/2024/05/summary.csv',
      kind: 'string',
    },
  ],
  make(v): S3BatchEvent {
    const keys = splitList(v.keys);
    return {
      invocationSchemaVersion: '1.0',
      invocationId: base64Text(hexFrom(`s3-batch:${v.bucket}:invocation`, 36)).replace(/=+$/, ''),
      job: { id: uuidFrom(`s3-batch:${v.bucket}:job`) },
      tasks: keys.map((key) => ({
        taskId: base64Text(hexFrom(`s3-batch:${v.bucket}/${key}:task`, 12)).replace(/=+$/, ''),
        s3Key: encodeS3Key(key),
        s3VersionId: null,
        s3BucketArn: `arn:aws:s3:::${v.bucket}`,
      })),
    };
  },
});

/** The S3 templates, in `--help` order. */
export const s3Templates: readonly EventTemplate[] = [put, remove, batchInvocation];
