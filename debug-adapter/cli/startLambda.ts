/**
 * `lambda-workbench start-lambda`: serves the Lambda Invoke API for every function of a template
 * until interrupted. Code changes are picked up by the emulator itself; a change to the template
 * (or the env-vars file) reloads the function definitions.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Emulator } from '../emulator/emulator';
import { InvokeApiServer } from '../emulator/invoke-api/invokeApiServer';
import {
  ConfigurationError,
  findTemplate,
  templateFunctions,
  type TemplateFlags,
} from './functions';
import { writeLogRecord } from './output';
import { HELP, integerFlag, parameterOverrides, parse, UsageError } from './usage';

export interface StartedServer {
  url: string;
  stop(): Promise<void>;
}

export async function startLambdaCommand(
  args: string[],
  io: { stdout: NodeJS.WritableStream; stderr: NodeJS.WritableStream },
  signal?: AbortSignal,
): Promise<number> {
  const { values, positionals } = parse('start-lambda', args, {
    template: { type: 'string', short: 't' },
    port: { type: 'string', short: 'p' },
    host: { type: 'string' },
    'env-vars': { type: 'string', short: 'n' },
    'parameter-overrides': { type: 'string', multiple: true },
    region: { type: 'string' },
    'no-host-credentials': { type: 'boolean' },
  });
  if (values.help) {
    io.stdout.write(HELP.startLambda + '\n');
    return 0;
  }
  if (positionals.length)
    throw new UsageError(`start-lambda takes no function name; got '${positionals[0]}'`);
  const port = integerFlag('port', values.port, 0, 65535) ?? 3001;
  const host = values.host ?? '127.0.0.1';
  const file = findTemplate(values.template);
  const flags: TemplateFlags = {
    envVars: values['env-vars'],
    parameterOverrides: parameterOverrides(values['parameter-overrides']),
    region: values.region,
  };
  const warn = (line: string): void => void io.stderr.write(line + '\n');
  const emulator = new Emulator({
    region: values.region,
    passHostCredentials: !values['no-host-credentials'],
  });
  emulator.onLog((record) => writeLogRecord(record, io.stderr));

  const load = (): void => {
    const functions = templateFunctions(file, flags, warn);
    const names = new Set<string>();
    for (const fn of functions) {
      try {
        emulator.defineFunction(fn.input);
        names.add(fn.input.name);
      } catch (error) {
        throw new ConfigurationError(`${fn.logicalId}: ${(error as Error).message}`);
      }
    }
    for (const config of emulator.listFunctions())
      if (!names.has(config.name)) void emulator.removeFunction(config.name);
    io.stderr.write(`Functions: ${[...names].join(', ') || '(none)'}\n`);
  };
  load();

  const server = new InvokeApiServer({
    target: emulator,
    region: values.region ?? emulator.listFunctions()[0]?.region,
    onDiagnostic: (diagnostic) => {
      if (diagnostic.level !== 'info')
        io.stderr.write(`${diagnostic.level}: ${diagnostic.message}\n`);
    },
  });
  let address;
  try {
    address = await server.start({ host, port });
  } catch (error) {
    await emulator.dispose();
    throw new UsageError(`cannot listen on ${host}:${port}: ${(error as Error).message}`);
  }
  io.stdout.write(`Lambda Invoke API listening on ${address.url}\n`);

  // Reload the functions when the template or the env-vars file changes. Their folders are
  // watched, not the files: an editor's atomic save replaces the file, and a watch on the old
  // file would go quiet after the first save.
  let reloadTimer: NodeJS.Timeout | undefined;
  const files = [file, ...(flags.envVars ? [path.resolve(flags.envVars)] : [])];
  const watched = [...new Set(files.map((watchedFile) => path.dirname(watchedFile)))].map((dir) =>
    fs.watch(dir, { persistent: false }, (_event, name) => {
      if (!name || !files.includes(path.join(dir, name.toString()))) return;
      clearTimeout(reloadTimer);
      reloadTimer = setTimeout(() => {
        try {
          load();
          io.stderr.write('Template reloaded.\n');
        } catch (error) {
          io.stderr.write(`Template not reloaded: ${(error as Error).message}\n`);
        }
      }, 100);
    }),
  );

  await new Promise<void>((resolve) => {
    const stop = (): void => resolve();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
    process.once('SIGHUP', stop);
    signal?.addEventListener('abort', stop, { once: true });
  });
  clearTimeout(reloadTimer);
  for (const watcher of watched) watcher.close();
  await server.close();
  await emulator.dispose();
  return 0;
}
