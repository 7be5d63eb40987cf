/**
 * CloudFormation custom resource templates: `cloudformation create-request` (SAM's name) and our
 * `update-request` and `delete-request`. Pure data; imports only this folder and types.
 */
import type {
  CloudFormationCustomResourceCreateEvent,
  CloudFormationCustomResourceDeleteEvent,
  CloudFormationCustomResourceUpdateEvent,
} from 'aws-lambda';
import { defineTemplate, expectObject, type EventTemplate } from './eventTemplate';
import { REGION, SAMPLE_EPOCH_MS, arn, charsFrom, hexFrom, uuidFrom } from './sample';

const SERVICE_TOKEN = arn('lambda', 'function:my-custom-resource-handler');

const COMMON_PARAMS = [
  {
    name: 'resource-type',
    description: 'Resource type, Custom::<Name>',
    default: 'Custom::MyResource',
    kind: 'string',
  },
  {
    name: 'logical-id',
    description: 'Logical id in the template',
    default: 'MyResource',
    kind: 'string',
  },
  {
    name: 'properties',
    description: 'Properties from the template, as a JSON object (scalars arrive as strings)',
    default: '{"BucketName":"amzn-s3-demo-bucket","RetentionDays":7,"Enabled":true}',
    kind: 'json',
  },
  { name: 'stack-name', description: 'Stack name', default: 'my-stack', kind: 'string' },
] as const;

const PHYSICAL_ID = {
  name: 'physical-id',
  description: 'Physical id the function returned when it created the resource',
  default: `my-stack-MyResource-${charsFrom('cfn-physical', 12).toUpperCase()}`,
  kind: 'string',
} as const;

/**
 * CloudFormation passes every scalar property as a string: 7 arrives as "7", true as "true".
 * Handlers that compare with numbers or booleans break in AWS; the template keeps that trap.
 */
export function stringifyScalars(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(stringifyScalars);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value).map(([key, item]) => [key, stringifyScalars(item)]),
    );
  }
  return typeof value === 'number' || typeof value === 'boolean' ? String(value) : value;
}

/** The fields the three request types share. */
function common(
  requestType: string,
  values: {
    'resource-type': string;
    'logical-id': string;
    properties: unknown;
    'stack-name': string;
  },
) {
  const stack = values['stack-name'];
  const stackId = arn('cloudformation', `stack/${stack}/${uuidFrom(`cfn-stack:${stack}`)}`);
  const requestId = uuidFrom(`cfn:${requestType}:${stack}:${values['logical-id']}`);
  const date = new Date(SAMPLE_EPOCH_MS).toISOString().replace(/[-:]|\.\d{3}/g, '');
  // A presigned S3 URL the function PUTs its result to; it is valid for two hours.
  const responseUrl =
    `https://cloudformation-custom-resource-response-${REGION.replace(/-/g, '')}.s3.amazonaws.com/` +
    `${encodeURIComponent(stackId)}%7C${values['logical-id']}%7C${requestId}` +
    `?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Date=${date}&X-Amz-SignedHeaders=host` +
    `&X-Amz-Expires=7199&X-Amz-Credential=AKIA${charsFrom('cfn-credential', 16).toUpperCase()}` +
    `%2F${date.slice(0, 8)}%2F${REGION}%2Fs3%2Faws4_request&X-Amz-Signature=${hexFrom(requestId, 64)}`;
  return {
    ServiceToken: SERVICE_TOKEN,
    ResponseURL: responseUrl,
    StackId: stackId,
    RequestId: requestId,
    LogicalResourceId: values['logical-id'],
    ResourceType: values['resource-type'],
    ResourceProperties: {
      ServiceToken: SERVICE_TOKEN,
      ...(stringifyScalars(expectObject(values.properties, 'properties')) as Record<
        string,
        unknown
      >),
    },
  };
}

const createRequest = defineTemplate({
  service: 'cloudformation',
  event: 'create-request',
  description: 'A custom resource Create request.',
  sourceType: 'CloudFormationCustomResourceCreateEvent',
  params: COMMON_PARAMS,
  make(v): CloudFormationCustomResourceCreateEvent {
    return { RequestType: 'Create', ...common('Create', v) };
  },
});

const updateRequest = defineTemplate({
  service: 'cloudformation',
  event: 'update-request',
  description: 'A custom resource Update request, with the old properties.',
  sourceType: 'CloudFormationCustomResourceUpdateEvent',
  params: [
    ...COMMON_PARAMS,
    PHYSICAL_ID,
    {
      name: 'old-properties',
      description: 'Properties before the update, as a JSON object',
      default: '{"BucketName":"amzn-s3-demo-bucket","RetentionDays":3,"Enabled":true}',
      kind: 'json',
    },
  ],
  make(v): CloudFormationCustomResourceUpdateEvent {
    const event = common('Update', v);
    return {
      RequestType: 'Update',
      ...event,
      PhysicalResourceId: v['physical-id'],
      OldResourceProperties: {
        ServiceToken: SERVICE_TOKEN,
        ...(stringifyScalars(expectObject(v['old-properties'], 'old-properties')) as Record<
          string,
          unknown
        >),
      },
    };
  },
});

const deleteRequest = defineTemplate({
  service: 'cloudformation',
  event: 'delete-request',
  description: 'A custom resource Delete request.',
  sourceType: 'CloudFormationCustomResourceDeleteEvent',
  params: [...COMMON_PARAMS, PHYSICAL_ID],
  make(v): CloudFormationCustomResourceDeleteEvent {
    return { RequestType: 'Delete', ...common('Delete', v), PhysicalResourceId: v['physical-id'] };
  },
});

/** The CloudFormation templates, in `--help` order. */
export const cloudFormationTemplates: readonly EventTemplate[] = [
  createRequest,
  updateRequest,
  deleteRequest,
];
