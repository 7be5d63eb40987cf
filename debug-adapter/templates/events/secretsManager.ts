/**
 * The Secrets Manager rotation template (`secretsmanager rotation`, our name; SAM has none).
 * Pure data; imports only this folder and types.
 */
import type { SecretsManagerRotationEvent } from 'aws-lambda';
import { defineTemplate, type EventTemplate } from './eventTemplate';
import { arn, charsFrom, uuidFrom } from './sample';

const rotation = defineTemplate({
  service: 'secretsmanager',
  event: 'rotation',
  description: 'One step of a Secrets Manager rotation; the four steps share one token.',
  sourceType: 'SecretsManagerRotationEvent',
  params: [
    {
      name: 'step',
      description: 'Rotation step',
      default: 'createSecret',
      kind: 'string',
      choices: ['createSecret', 'setSecret', 'testSecret', 'finishSecret'],
    },
    { name: 'secret-name', description: 'Secret name', default: 'prod/my-app/db', kind: 'string' },
  ],
  make(v): SecretsManagerRotationEvent {
    const name = v['secret-name'];
    return {
      Step: v.step,
      // Secret ARNs end with a hyphen and six random characters.
      SecretId: arn('secretsmanager', `secret:${name}-${charsFrom(`secret:${name}`, 6)}`),
      ClientRequestToken: uuidFrom(`rotation:${name}`),
    };
  },
});

/** The Secrets Manager templates. */
export const secretsManagerTemplates: readonly EventTemplate[] = [rotation];
