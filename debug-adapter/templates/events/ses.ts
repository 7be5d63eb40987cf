/**
 * The Amazon SES email receiving template (`ses email-receiving`, as SAM names it): a receipt rule
 * Lambda action. Pure data; imports only this folder and types.
 */
import type { SESEvent } from 'aws-lambda';
import { defineTemplate, type EventTemplate } from './eventTemplate';
import { REGION, SAMPLE_EPOCH_MS, arn, charsFrom, isoMillis, rfc5322Date } from './sample';

const emailReceiving = defineTemplate({
  service: 'ses',
  event: 'email-receiving',
  description: 'An email received by SES and passed to a receipt rule Lambda action (Event).',
  sourceType: 'SESEvent',
  params: [
    {
      name: 'from',
      description: 'Sender address',
      default: 'jane.doe@example.com',
      kind: 'string',
    },
    { name: 'to', description: 'Recipient address', default: 'orders@example.org', kind: 'string' },
    { name: 'subject', description: 'Subject line', default: 'Order 1234', kind: 'string' },
  ],
  make(v): SESEvent {
    const seed = `ses:${v.from}:${v.to}:${v.subject}`;
    const sesMessageId = charsFrom(seed, 40, 'abcdefghijklmnopqrstuvwxyz0123456789');
    const headerMessageId = `<${charsFrom(`${seed}:header`, 24)}@mail.example.com>`;
    const date = rfc5322Date(SAMPLE_EPOCH_MS - 1500);
    return {
      Records: [
        {
          eventSource: 'aws:ses',
          eventVersion: '1.0',
          ses: {
            mail: {
              timestamp: isoMillis(SAMPLE_EPOCH_MS),
              source: v.from,
              messageId: sesMessageId,
              destination: [v.to],
              headersTruncated: false,
              headers: [
                { name: 'Return-Path', value: `<${v.from}>` },
                {
                  name: 'Received',
                  value:
                    `from mail.example.com (mail.example.com [203.0.113.10]) by ` +
                    `inbound-smtp.${REGION}.amazonaws.com with SMTP id ${sesMessageId} ` +
                    `for ${v.to}; ${rfc5322Date(SAMPLE_EPOCH_MS)}`,
                },
                { name: 'From', value: v.from },
                { name: 'To', value: v.to },
                { name: 'Subject', value: v.subject },
                { name: 'Date', value: date },
                { name: 'Message-ID', value: headerMessageId },
                { name: 'MIME-Version', value: '1.0' },
                { name: 'Content-Type', value: 'text/plain; charset=UTF-8' },
              ],
              commonHeaders: {
                returnPath: v.from,
                from: [v.from],
                date,
                to: [v.to],
                messageId: headerMessageId,
                subject: v.subject,
              },
            },
            receipt: {
              timestamp: isoMillis(SAMPLE_EPOCH_MS),
              processingTimeMillis: 412,
              recipients: [v.to],
              spamVerdict: { status: 'PASS' },
              virusVerdict: { status: 'PASS' },
              spfVerdict: { status: 'PASS' },
              dkimVerdict: { status: 'PASS' },
              dmarcVerdict: { status: 'PASS' },
              action: {
                type: 'Lambda',
                functionArn: arn('lambda', 'function:my-function'),
                invocationType: 'Event',
              },
            },
          },
        },
      ],
    };
  },
});

/** The SES templates. */
export const sesTemplates: readonly EventTemplate[] = [emailReceiving];
