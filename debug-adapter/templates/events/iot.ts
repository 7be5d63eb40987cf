/**
 * AWS IoT templates SAM lacks, under our names: a topic rule Lambda action (`iot rule`) and a
 * custom authorizer input (`iot custom-authorizer`). Pure data; imports only this folder and
 * types.
 */
import type { IoTCustomAuthorizerEvent } from 'aws-lambda';
import { base64Text } from './encoding';
import { defineTemplate, expectObject, type EventTemplate } from './eventTemplate';
import { REGION, charsFrom, uuidFrom } from './sample';

const ENDPOINT = `${charsFrom('iot-endpoint', 14, 'abcdefghijklmnopqrstuvwxyz0123456789')}-ats.iot.${REGION}.amazonaws.com`;

const rule = defineTemplate({
  service: 'iot',
  event: 'rule',
  description:
    'A topic rule Lambda action: the event is whatever the rule query selects, here the MQTT ' +
    'payload itself (SELECT * FROM ...).',
  // IoTEvent<T> is `string | number | T`: the payload is free-form, so the type says little and
  // detectEventSource cannot recognise it.
  sourceType: 'IoTEvent',
  typeArguments: ['Record<string, unknown>'],
  optionalKeys: 'all',
  params: [
    {
      name: 'payload',
      description: 'The selected message, as a JSON object',
      default:
        '{"deviceId":"sensor-01","temperature":21.5,"humidity":48,"timestamp":1714564800000}',
      kind: 'json',
    },
  ],
  make(v) {
    return expectObject(v.payload, 'payload');
  },
});

const customAuthorizer = defineTemplate({
  service: 'iot',
  event: 'custom-authorizer',
  description: 'The input of an IoT Core custom authorizer for an MQTT connection over TLS.',
  sourceType: 'IoTCustomAuthorizerEvent',
  params: [
    { name: 'token', description: 'Token the device sends', default: 'allow', kind: 'string' },
    { name: 'client-id', description: 'MQTT client id', default: 'sensor-01', kind: 'string' },
    { name: 'username', description: 'MQTT user name', default: 'sensor-01', kind: 'string' },
    {
      name: 'password',
      description: 'MQTT password as text (the template base64-encodes it, as IoT Core does)',
      default: 'correct-horse',
      kind: 'string',
    },
  ],
  make(v): IoTCustomAuthorizerEvent {
    return {
      token: v.token,
      signatureVerified: false,
      protocols: ['tls', 'mqtt'],
      protocolData: {
        tls: { serverName: ENDPOINT },
        mqtt: { username: v.username, password: base64Text(v.password), clientId: v['client-id'] },
      },
      connectionMetadata: { id: uuidFrom(`iot-connection:${v['client-id']}`) },
    };
  },
});

/** The IoT templates, in `--help` order. */
export const iotTemplates: readonly EventTemplate[] = [rule, customAuthorizer];
