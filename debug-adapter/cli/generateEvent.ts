/** `lambda-workbench generate-event <service> <event> [--param value]`: a sample event on stdout. */
import {
  EVENT_TEMPLATES,
  EventTemplateError,
  findTemplate,
  generateEvent,
  listEvents,
  listServices,
} from '../templates/events';
import { HELP, UsageError } from './usage';

export function generateEventCommand(args: string[], stdout: NodeJS.WritableStream): number {
  const positionals: string[] = [];
  const params: Record<string, string> = {};
  let help = false;
  for (let index = 0; index < args.length; index++) {
    const arg = args[index]!;
    if (arg === '--help' || arg === '-h') help = true;
    else if (arg.startsWith('--')) {
      const equals = arg.indexOf('=');
      const name = equals === -1 ? arg.slice(2) : arg.slice(2, equals);
      const value = equals === -1 ? args[index + 1] : arg.slice(equals + 1);
      if (equals === -1) {
        if (value === undefined || value.startsWith('--'))
          throw new UsageError(`--${name} needs a value`);
        index++;
      }
      params[name] = value!;
    } else positionals.push(arg);
  }
  const [service, event, extra] = positionals;
  if (extra !== undefined)
    throw new UsageError(`generate-event takes a service and an event; got '${extra}' too`);
  if (service === undefined) {
    stdout.write(
      (help ? HELP.generateEvent + '\n\n' : '') +
        'Services:\n' +
        listServices()
          .map((s) => `  ${s}`)
          .join('\n') +
        '\n',
    );
    return 0;
  }
  if (event === undefined) {
    const events = listEvents(service);
    if (events.length === 0)
      throw new UsageError(`unknown service '${service}'; services: ${listServices().join(', ')}`);
    stdout.write(
      `Events of ${service}:\n` +
        events
          .map((e) => `  ${e.padEnd(28)} ${findTemplate(service, e)?.description ?? ''}`)
          .join('\n') +
        '\n',
    );
    return 0;
  }
  const template = findTemplate(service, event);
  if (!template) {
    const events = listEvents(service);
    throw new UsageError(
      events.length
        ? `unknown event '${event}' for ${service}; events: ${events.join(', ')}`
        : `unknown service '${service}'; services: ${listServices().join(', ')}`,
    );
  }
  if (help) {
    const lines = template.params.map(
      (p) => `  --${p.name.padEnd(20)} ${p.description} (default: ${JSON.stringify(p.default)})`,
    );
    stdout.write(
      `Usage: lambda-workbench generate-event ${service} ${event} [options]\n\n${template.description}\n\nOptions:\n${lines.join('\n')}\n`,
    );
    return 0;
  }
  try {
    stdout.write(JSON.stringify(generateEvent(service, event, params), null, 2) + '\n');
  } catch (error) {
    if (error instanceof EventTemplateError) throw new UsageError(error.message);
    throw error;
  }
  return 0;
}

/** For tests and the help: how many templates there are. */
export const templateCount = (): number => EVENT_TEMPLATES.length;
