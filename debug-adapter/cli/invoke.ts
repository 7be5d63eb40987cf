/**
 * `lambda-workbench invoke`: one invocation, response on stdout, logs on stderr as they are
 * printed, exit status 0 (success), 1 (function error) or 2 (usage or configuration error).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Emulator } from '../emulator/emulator';
import { DiagnosticSink, formatDiagnostic } from '../sam/diagnostics';
import { overridesFor, readEnvVars } from '../sam/envVars';
import type { FunctionInput, LogFormat, Runtime } from '../protocol/lambda';
import { ConfigurationError, findTemplate, pickFunction, templateFunctions } from './functions';
import { writeLogRecord } from './output';
import { HELP, integerFlag, parameterOverrides, parse, UsageError } from './usage';

export async function invokeCommand(
  args: string[],
  io: {
    stdout: NodeJS.WritableStream;
    stderr: NodeJS.WritableStream;
    stdin: NodeJS.ReadableStream;
  },
): Promise<number> {
  const { values, positionals } = parse('invoke', args, {
    template: { type: 'string', short: 't' },
    event: { type: 'string', short: 'e' },
    'env-vars': { type: 'string', short: 'n' },
    'parameter-overrides': { type: 'string', multiple: true },
    handler: { type: 'string' },
    'code-uri': { type: 'string' },
    runtime: { type: 'string' },
    timeout: { type: 'string' },
    'memory-size': { type: 'string' },
    'log-format': { type: 'string' },
    region: { type: 'string' },
    'no-host-credentials': { type: 'boolean' },
  });
  if (values.help) {
    io.stdout.write(HELP.invoke + '\n');
    return 0;
  }
  if (positionals.length > 1)
    throw new UsageError(`invoke takes one function name; got ${positionals.join(' ')}`);
  const warn = (line: string): void => void io.stderr.write(line + '\n');

  let input: FunctionInput;
  if (values.handler) {
    if (positionals.length || values.template)
      throw new UsageError(
        '--handler runs without a template: drop the function name and --template',
      );
    const codeUri = path.resolve(values['code-uri'] ?? '.');
    if (!fs.existsSync(codeUri) || !fs.statSync(codeUri).isDirectory())
      throw new UsageError(`--code-uri: no such folder '${values['code-uri']}'`);
    const logFormat = values['log-format'];
    if (logFormat !== undefined && logFormat !== 'Text' && logFormat !== 'JSON')
      throw new UsageError(`--log-format must be Text or JSON; got '${logFormat}'`);
    input = {
      name:
        values.handler
          .replace(/^.*\//, '')
          .replace(/\..*$/, '')
          .replace(/[^a-zA-Z0-9-_]/g, '-') || 'function',
      handler: values.handler,
      codeUri,
      runtime: values.runtime as Runtime | undefined,
      timeout: integerFlag('timeout', values.timeout, 1, 900),
      memorySize: integerFlag('memory-size', values['memory-size'], 128, 10240),
      logFormat: logFormat as LogFormat | undefined,
    };
    if (values['env-vars']) {
      const file = path.resolve(values['env-vars']);
      let text: string;
      try {
        text = fs.readFileSync(file, 'utf8');
      } catch (error) {
        throw new UsageError(
          `--env-vars: cannot read '${values['env-vars']}': ${(error as Error).message}`,
        );
      }
      const sink = new DiagnosticSink(file);
      const overrides = readEnvVars({ file, text }, sink);
      if (sink.errors.length) {
        throw new ConfigurationError(
          sink.errors.map((error) => formatDiagnostic(error, 'error')).join('\n'),
        );
      }
      input.environment = Object.fromEntries(
        overridesFor(overrides, input.name, input.name, new Set()),
      );
    }
  } else {
    if (values['code-uri'] || values.runtime || values['log-format']) {
      throw new UsageError(
        '--code-uri, --runtime and --log-format go with --handler; with a template, set them in the template',
      );
    }
    const file = findTemplate(values.template);
    const functions = templateFunctions(
      file,
      {
        envVars: values['env-vars'],
        parameterOverrides: parameterOverrides(values['parameter-overrides']),
        region: values.region,
      },
      warn,
    );
    input = {
      ...pickFunction(functions, positionals[0], path.relative(process.cwd(), file) || file),
    };
    const timeout = integerFlag('timeout', values.timeout, 1, 900);
    const memorySize = integerFlag('memory-size', values['memory-size'], 128, 10240);
    if (timeout !== undefined) input.timeout = timeout;
    if (memorySize !== undefined) input.memorySize = memorySize;
  }

  const event = await readEvent(values.event, io.stdin);
  const emulator = new Emulator({
    region: values.region,
    passHostCredentials: !values['no-host-credentials'],
    watchCode: false,
    freezeIdleInstances: false,
  });
  try {
    try {
      emulator.defineFunction(input);
    } catch (error) {
      throw new ConfigurationError(`function ${input.name}: ${(error as Error).message}`);
    }
    emulator.onLog((record) => writeLogRecord(record, io.stderr));
    const result = await emulator.invoke(input.name, event);
    io.stdout.write(result.payload);
    io.stdout.write('\n');
    return result.functionError ? 1 : 0;
  } finally {
    await emulator.dispose();
  }
}

async function readEvent(flag: string | undefined, stdin: NodeJS.ReadableStream): Promise<Buffer> {
  let bytes: Buffer;
  if (flag === undefined) return Buffer.from('{}');
  if (flag === '-') {
    const chunks: Buffer[] = [];
    for await (const chunk of stdin) chunks.push(Buffer.from(chunk as Buffer));
    bytes = Buffer.concat(chunks);
  } else {
    try {
      bytes = fs.readFileSync(path.resolve(flag));
    } catch (error) {
      throw new UsageError(
        `--event: cannot read '${flag}': ${(error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (error as Error).message}`,
      );
    }
  }
  const text = bytes.toString('utf8');
  if (text.trim() === '') return Buffer.from('{}');
  try {
    JSON.parse(text);
  } catch (error) {
    throw new UsageError(
      `--event: ${flag === '-' ? 'stdin' : flag} is not valid JSON (${(error as Error).message})`,
    );
  }
  return bytes;
}
