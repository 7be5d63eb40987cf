/**
 * Every string id the extension contributes, typed, in one file (house-style.md principle 8):
 * commands, settings (with their value types), views, context keys and the debug type. The
 * manifest test checks package.json against these.
 */
export { LAMBDA_DEBUG_TYPE } from '../debug-adapter/protocol/dap';

export const Commands = {
  invokeWithEvent: 'lambdaWorkbench.invokeWithEvent',
  invoke: 'lambdaWorkbench.invoke',
  debug: 'lambdaWorkbench.debug',
  newHandler: 'lambdaWorkbench.newHandler',
  showLogPanel: 'lambdaWorkbench.showLogPanel',
  showOutput: 'lambdaWorkbench.showOutput',
  recycleInstances: 'lambdaWorkbench.recycleInstances',
} as const;

export type Command = (typeof Commands)[keyof typeof Commands];

/** Titles shown in the command palette under the "Lambda" category. */
export const COMMAND_TITLES: { [K in Command]: string } = {
  'lambdaWorkbench.invokeWithEvent': 'Invoke with Event…',
  'lambdaWorkbench.invoke': 'Invoke',
  'lambdaWorkbench.debug': 'Debug',
  'lambdaWorkbench.newHandler': 'New Handler…',
  'lambdaWorkbench.showLogPanel': 'Show Invocation Log',
  'lambdaWorkbench.showOutput': 'Show Lambda Output',
  'lambdaWorkbench.recycleInstances': 'Recycle Instances',
};

/** Settings and the type of their values. */
export interface Settings {
  'lambdaWorkbench.debugAdapter': 'process' | 'inline' | 'server';
  'lambdaWorkbench.debugAdapterPort': number;
  'lambdaWorkbench.pauseTimeoutWhileDebugging': boolean;
  'lambdaWorkbench.passHostCredentials': boolean;
  'lambdaWorkbench.idleTimeoutMinutes': number;
  'lambdaWorkbench.eventsFolder': string;
  'lambdaWorkbench.logPanel.maxRecords': number;
  'lambdaWorkbench.languageServer.enabled': boolean;
}

export type Setting = keyof Settings;

export const SETTINGS: { [K in Setting]: null } = {
  'lambdaWorkbench.debugAdapter': null,
  'lambdaWorkbench.debugAdapterPort': null,
  'lambdaWorkbench.pauseTimeoutWhileDebugging': null,
  'lambdaWorkbench.passHostCredentials': null,
  'lambdaWorkbench.idleTimeoutMinutes': null,
  'lambdaWorkbench.eventsFolder': null,
  'lambdaWorkbench.logPanel.maxRecords': null,
  'lambdaWorkbench.languageServer.enabled': null,
};

export const Views = {
  container: 'lambdaWorkbench',
  logPanel: 'lambdaWorkbench.logPanel',
} as const;

export const ContextKeys = {
  /** Set while at least one `lambda` debug session runs. */
  sessionActive: 'lambdaWorkbench.sessionActive',
} as const;

export const LANGUAGE_LAMBDA_LOG = 'lambda-log';
export const OUTPUT_CHANNEL = 'Lambda';
export const DIAGNOSTICS_CHANNEL = 'Lambda Workbench';
