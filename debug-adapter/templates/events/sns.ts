/**
 * The Amazon SNS template (`sns notification`, as SAM names it). Pure data; imports only this
 * folder and types.
 */
import type { SNSEvent, SNSMessage } from 'aws-lambda';
import { base64Text } from './encoding';
import { defineTemplate, type EventTemplate } from './eventTemplate';
import { REGION, SAMPLE_EPOCH_MS, arn, hexFrom, isoMillis, uuidFrom } from './sample';

/** The SNS message as Lambda receives it: see the type gap of `sns notification`. */
type DeliveredMessage = Omit<SNSMessage, 'Subject'> & { Subject: string | null };

const notification = defineTemplate({
  service: 'sns',
  event: 'notification',
  description: 'An SNS notification delivered to a Lambda subscription.',
  sourceType: 'SNSEvent',
  typeGaps: [
    {
      property: 'Subject',
      reason:
        'SNS delivers "Subject": null when the message was published without one; ' +
        '@types/aws-lambda declares it as an optional string.',
    },
  ],
  params: [
    {
      name: 'message',
      description: 'Message, delivered as this exact string',
      default: '{"orderId":"1234","status":"shipped"}',
      kind: 'string',
    },
    {
      name: 'subject',
      description: 'Subject (empty: published without one, delivered as null)',
      default: '',
      kind: 'string',
    },
    { name: 'topic', description: 'Topic name', default: 'my-topic', kind: 'string' },
  ],
  make(v): {
    Records: Array<Omit<SNSEvent['Records'][number], 'Sns'> & { Sns: DeliveredMessage }>;
  } {
    const topicArn = arn('sns', v.topic);
    const subscriptionArn = `${topicArn}:${uuidFrom(`sns:${v.topic}:subscription`)}`;
    const endpoint = `https://sns.${REGION}.amazonaws.com`;
    return {
      Records: [
        {
          EventSource: 'aws:sns',
          EventVersion: '1.0',
          EventSubscriptionArn: subscriptionArn,
          Sns: {
            Type: 'Notification',
            MessageId: uuidFrom(`sns:${v.topic}:${v.message}`),
            TopicArn: topicArn,
            Subject: v.subject === '' ? null : v.subject,
            Message: v.message,
            Timestamp: isoMillis(SAMPLE_EPOCH_MS),
            SignatureVersion: '1',
            Signature: base64Text(hexFrom(`sns:${v.topic}:signature`, 192)),
            SigningCertUrl: `${endpoint}/SimpleNotificationService-${hexFrom('sns-cert', 32)}.pem`,
            UnsubscribeUrl: `${endpoint}/?Action=Unsubscribe&SubscriptionArn=${subscriptionArn}`,
            MessageAttributes: {},
          },
        },
      ],
    };
  },
});

/** The SNS templates. */
export const snsTemplates: readonly EventTemplate[] = [notification];
