/**
 * Command-line parsing for the headless CLI: SAM's flag names where SAM has them, one-line errors
 * that name the fix, and the help text of each command.
 */
import { parseArgs, type ParseArgsConfig } from 'node:util';

/** A mistake in how the CLI was called; exits with status 2. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

export type Options = NonNullable<ParseArgsConfig['options']>;

/** Parses a command's arguments; unknown flags and missing values become UsageErrors. */
export function parse<const O extends Options>(command: string, args: string[], options: O) {
  const all = { ...options, help: { type: 'boolean', short: 'h' } } as O & {
    help: { type: 'boolean'; short: 'h' };
  };
  try {
    return parseArgs({ args, options: all, allowPositionals: true, strict: true });
  } catch (error) {
    const message = (error as Error).message.replace(/\. To specify a positional argument.*$/s, '');
    throw new UsageError(
      `${message.replace(/\.$/, '')} (see 'lambda-workbench ${command} --help')`,
    );
  }
}

/** Reads a whole-number flag within a range. */
export function integerFlag(
  name: string,
  value: string | undefined,
  min: number,
  max: number,
): number | undefined {
  if (value === undefined) return undefined;
  const number = Number(value);
  if (!Number.isInteger(number) || number < min || number > max) {
    throw new UsageError(`--${name} must be a whole number from ${min} to ${max}; got '${value}'`);
  }
  return number;
}

/**
 * `--parameter-overrides` in SAM's forms: `ParameterKey=K,ParameterValue=V` or `K=V`, several per
 * value separated by spaces, and the flag may repeat.
 */
export function parameterOverrides(values: string[] | undefined): Record<string, string> {
  const result: Record<string, string> = {};
  for (const value of values ?? []) {
    const long = /ParameterKey=([^,\s]+),ParameterValue=("[^"]*"|'[^']*'|\S*)/g;
    let matched = false;
    for (let match = long.exec(value); match; match = long.exec(value)) {
      result[match[1]!] = unquote(match[2]!);
      matched = true;
    }
    if (matched) continue;
    for (const pair of value.match(/(?:[^\s"']+|"[^"]*"|'[^']*')+/g) ?? []) {
      const equals = pair.indexOf('=');
      if (equals <= 0) {
        throw new UsageError(
          `--parameter-overrides takes Key=Value pairs (or ParameterKey=K,ParameterValue=V); got '${pair}'`,
        );
      }
      result[pair.slice(0, equals)] = unquote(pair.slice(equals + 1));
    }
  }
  return result;
}

function unquote(value: string): string {
  return /^(["']).*\1$/.test(value) ? value.slice(1, -1) : value;
}

export const HELP = {
  main: `Lambda Workbench: run AWS Lambda Node.js handlers locally, faithful to the service.

Usage: lambda-workbench <command> [options]

Commands:
  invoke          Invoke a function once and print its response (like 'sam local invoke')
  start-lambda    Serve the Lambda Invoke API for the functions of a template (like 'sam local start-lambda')
  generate-event  Print a sample event for an event source (like 'sam local generate-event')

Run 'lambda-workbench <command> --help' for a command's options.`,
  invoke: `Usage: lambda-workbench invoke [LogicalId] [--template template.yaml] [options]
       lambda-workbench invoke --handler <file.export> [--code-uri <dir>] [options]

Invokes one function and prints its response (or the Lambda error JSON) on stdout; the logs
(START, the function's lines, END, REPORT) go to stderr as they are printed.
Exit status: 0 success, 1 function error (X-Amz-Function-Error), 2 usage or configuration error.

Options:
  -t, --template <file>            SAM template (default: template.yaml or template.yml here)
  -e, --event <file | ->           Event JSON file, or - to read it from stdin (default: {})
  -n, --env-vars <file>            Environment overrides in SAM's --env-vars JSON format
      --parameter-overrides <k=v>  Template parameter values (Key=Value or ParameterKey=K,ParameterValue=V)
      --handler <file.export>      Run a handler without a template
      --code-uri <dir>             Code root for --handler (default: the current folder)
      --runtime <runtime>          nodejs20.x, nodejs22.x or nodejs24.x (default nodejs22.x)
      --timeout <seconds>          1-900 (default 3)
      --memory-size <MB>           128-10240 (default 128)
      --log-format <Text|JSON>     Log format for --handler (default Text)
      --region <region>            AWS region reported to the function (default: AWS_REGION or us-east-1)
      --no-host-credentials        Do not pass the host's AWS credentials to the function
  -h, --help                       Show this help`,
  startLambda: `Usage: lambda-workbench start-lambda [--template template.yaml] [options]

Serves the Lambda Invoke API (Invoke and InvokeWithResponseStream) for every function of the
template, so the AWS SDK and the AWS CLI can call them with an endpoint override:
  aws lambda invoke --endpoint-url http://127.0.0.1:3001 --function-name MyFunction out.json
Prints 'Lambda Invoke API listening on http://HOST:PORT' once ready; logs go to stderr.
Code changes are picked up on the next invocation; template changes reload the functions.

Options:
  -t, --template <file>            SAM template (default: template.yaml or template.yml here)
  -p, --port <port>                Port (default 3001; 0 picks a free one)
      --host <host>                Interface to bind (default 127.0.0.1)
  -n, --env-vars <file>            Environment overrides in SAM's --env-vars JSON format
      --parameter-overrides <k=v>  Template parameter values
      --region <region>            AWS region (default: AWS_REGION or us-east-1)
      --no-host-credentials        Do not pass the host's AWS credentials to functions
  -h, --help                       Show this help`,
  generateEvent: `Usage: lambda-workbench generate-event <service> <event> [--<param> <value> ...]

Prints a sample event for an event source on stdout.
  lambda-workbench generate-event                 lists the services
  lambda-workbench generate-event <service>       lists its events
  lambda-workbench generate-event <service> <event> --help   lists the event's parameters`,
} as const;
