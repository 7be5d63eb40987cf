/**
 * The JSON schema of each `lambda` launch attribute, keyed by LambdaLaunchConfig's fields: the
 * mapped type makes a forgotten or extra attribute a compile error, and the manifest test checks
 * package.json's `configurationAttributes.launch.properties` against this object (house-style.md
 * principle 11). Descriptions follow the JSDoc in debug-adapter/protocol/dap.ts.
 */
import type { LambdaLaunchConfig } from '../../debug-adapter/protocol/dap';

export interface AttributeSchema {
  type?: string | string[];
  description?: string;
  markdownDescription?: string;
  default?: unknown;
  enum?: readonly string[];
  enumDescriptions?: readonly string[];
  minimum?: number;
  maximum?: number;
  additionalProperties?: { type: string | string[] };
}

export const LAUNCH_ATTRIBUTES: { [K in keyof Required<LambdaLaunchConfig>]: AttributeSchema } = {
  handler: {
    type: 'string',
    markdownDescription:
      'The handler, `file.export` relative to `codeUri`, as in the Lambda console (for example `src/app.handler`). A `.ts` file is compiled with source maps. Use it with `codeUri`, or use `template` and `functionId` instead.',
  },
  codeUri: {
    type: 'string',
    markdownDescription: "The function's code folder, Lambda's `/var/task`. Default: `cwd`.",
    default: '${workspaceFolder}',
  },
  template: {
    type: 'string',
    markdownDescription:
      'A SAM or CloudFormation template (`template.yaml`) that defines the function. Use it with `functionId`, instead of `handler` and `codeUri`.',
  },
  functionId: {
    type: 'string',
    markdownDescription:
      'The logical id (or `FunctionName`) of the function in `template`. May be left out when the template defines only one function.',
  },
  functionName: {
    type: 'string',
    markdownDescription:
      "The name the function goes by in its ARN, its logs and the session's Invoke API. Default: the template's `FunctionName` or logical id, else the handler's file name.",
  },
  event: {
    markdownDescription:
      "The event of the first invocation, as JSON (any JSON value). Leave out both `event` and `eventFile` to start the session without invoking; invoke later from the Invoke command, the log panel or the session's Invoke API.",
    default: {},
  },
  eventFile: {
    type: 'string',
    markdownDescription:
      'A JSON file holding the event of the first invocation, instead of `event`.',
  },
  timeout: {
    type: 'integer',
    markdownDescription:
      "Timeout in whole seconds, 1-900. Default: the template's, else 3 (Lambda's default).",
    minimum: 1,
    maximum: 900,
  },
  memorySize: {
    type: 'integer',
    markdownDescription: "Memory in MB, 128-10240. Default: the template's, else 128.",
    minimum: 128,
    maximum: 10240,
  },
  runtime: {
    type: 'string',
    markdownDescription: "Node.js runtime to emulate. Default: the template's, else `nodejs22.x`.",
    enum: ['nodejs20.x', 'nodejs22.x', 'nodejs24.x'],
    enumDescriptions: [
      'Node.js 20 semantics (callbacks, context.done/succeed/fail)',
      'Node.js 22 semantics (callbacks, context.done/succeed/fail)',
      'Node.js 24 semantics (async handlers only)',
    ],
  },
  environment: {
    type: 'object',
    markdownDescription:
      "Environment variables of the function. They override `envFile` and the template's; a `null` value removes a variable.",
    additionalProperties: { type: ['string', 'number', 'boolean', 'null'] },
    default: {},
  },
  envFile: {
    type: 'string',
    markdownDescription:
      'A dotenv file (`KEY=value` lines) of environment variables, applied before `environment`.',
  },
  pauseTimeoutWhileDebugging: {
    type: 'boolean',
    markdownDescription:
      'Stop the timeout clock while the debugger holds the function paused, so a breakpoint never makes it time out; `context.getRemainingTimeInMillis()` leaves paused time out too. Set `false` to let the wall clock rule, as on AWS. Default: `true`.',
    default: true,
  },
  noDebug: {
    type: 'boolean',
    markdownDescription:
      'Run without the debugger (what Run Without Debugging, Ctrl+F5, sets): no inspector, full speed, the timeout on the wall clock. Default: `false`.',
    default: false,
  },
  invokeApiPort: {
    type: 'integer',
    markdownDescription:
      "Port of the session's Invoke API on 127.0.0.1, for an SDK or the AWS CLI with an endpoint override. Default: `0`, any free port (announced in the Debug Console).",
    minimum: 0,
    maximum: 65535,
    default: 0,
  },
  cwd: {
    type: 'string',
    markdownDescription:
      'The folder that relative paths resolve against. Default: the workspace folder.',
    default: '${workspaceFolder}',
  },
};
