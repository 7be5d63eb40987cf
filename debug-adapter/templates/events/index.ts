/**
 * The event template catalogue: every template, lookup by `service event` name, parameter
 * validation and source detection. The CLI (`generate-event`), the extension's Invoke command and
 * the language server all import this file. Pure: imports only this folder (and types from
 * @types/aws-lambda), never Node built-ins or npm packages.
 */
import { albTemplates } from './alb';
import { apiGatewayTemplates } from './apiGateway';
import { appSyncTemplates } from './appSync';
import { cloudFormationTemplates } from './cloudFormation';
import { cloudWatchTemplates } from './cloudWatch';
import { cognitoTemplates } from './cognito';
import { dynamodbTemplates } from './dynamodb';
import { EventTemplateError, type EventTemplate } from './eventTemplate';
import { eventBridgeTemplates } from './eventBridge';
import { iotTemplates } from './iot';
import { kafkaTemplates } from './kafka';
import { kinesisTemplates } from './kinesis';
import { lambdaUrlTemplates } from './lambdaUrl';
import { s3Templates } from './s3';
import { secretsManagerTemplates } from './secretsManager';
import { sesTemplates } from './ses';
import { snsTemplates } from './sns';
import { sqsTemplates } from './sqs';

export { detectEventSource } from './detect';
export {
  EventTemplateError,
  type EventName,
  type EventTemplate,
  type ParamKind,
  type ParamSpec,
  type TypeGap,
} from './eventTemplate';

/** Every template, grouped by service in the order `generate-event --help` lists them. */
export const EVENT_TEMPLATES: readonly EventTemplate[] = Object.freeze([
  ...apiGatewayTemplates,
  ...lambdaUrlTemplates,
  ...albTemplates,
  ...s3Templates,
  ...sqsTemplates,
  ...snsTemplates,
  ...dynamodbTemplates,
  ...kinesisTemplates,
  ...cloudWatchTemplates,
  ...eventBridgeTemplates,
  ...cognitoTemplates,
  ...sesTemplates,
  ...kafkaTemplates,
  ...appSyncTemplates,
  ...iotTemplates,
  ...cloudFormationTemplates,
  ...secretsManagerTemplates,
]);

/** Every name a template answers to: its own, then its aliases. */
function namesOf(template: EventTemplate) {
  return [{ service: template.service, event: template.event }, ...(template.aliases ?? [])];
}

/** The template named `service event` (or by one of its aliases), or undefined. */
export function findTemplate(service: string, event: string): EventTemplate | undefined {
  return EVENT_TEMPLATES.find((t) =>
    namesOf(t).some((n) => n.service === service && n.event === event),
  );
}

/** Every service name, aliases included, sorted. */
export function listServices(): string[] {
  const services = new Set(EVENT_TEMPLATES.flatMap((t) => namesOf(t).map((n) => n.service)));
  return [...services].sort();
}

/** The event names of one service, aliases included, in `--help` order. */
export function listEvents(service: string): string[] {
  return EVENT_TEMPLATES.flatMap((t) =>
    namesOf(t)
      .filter((n) => n.service === service)
      .map((n) => n.event),
  );
}

/**
 * Builds the event `service event` with the given parameters (missing ones take their defaults).
 * Throws an `EventTemplateError` naming the allowed values for an unknown service, event or
 * parameter, and for a value that does not parse as its kind.
 */
export function generateEvent(
  service: string,
  event: string,
  params: Readonly<Record<string, string>> = {},
): object {
  const template = findTemplate(service, event);
  if (template) return template.build(params);
  const events = listEvents(service);
  if (events.length === 0) {
    throw new EventTemplateError(
      `Unknown service ${JSON.stringify(service)}. Services: ${listServices().join(', ')}.`,
    );
  }
  throw new EventTemplateError(
    `Unknown event ${JSON.stringify(event)} for ${service}. Events: ${events.join(', ')}.`,
  );
}

const requiredKeysCache = new WeakMap<EventTemplate, readonly string[]>();

/**
 * The top-level keys of the template's default event, less its declared `optionalKeys`: the
 * minimal shape a saved event of this kind should have. Other parameter values only add keys
 * (a body, query parameters), which a test checks for every template.
 */
export function requiredKeys(template: EventTemplate): readonly string[] {
  let keys = requiredKeysCache.get(template);
  if (!keys) {
    const optional = template.optionalKeys ?? [];
    const all = Object.keys(template.build());
    keys = Object.freeze(optional === 'all' ? [] : all.filter((k) => !optional.includes(k)));
    requiredKeysCache.set(template, keys);
  }
  return keys;
}
