/**
 * The values `Ref` gives for a template's Parameters (defaults, `--parameter-overrides`, type
 * coercion, AllowedValues and Min/MaxValue checks) and for the pseudo parameters. Pure: no file
 * system, no vscode.
 */
import { FILE_START, show } from './diagnostics';
import type { DiagnosticSink, Located } from './diagnostics';
import type { ParameterValue, Value } from './intrinsicResolver';
import { child, entry } from './templateTree';
import type { TemplateNode } from './templateTree';

/** The region SAM CLI assumes when none is configured. */
export const DEFAULT_REGION = 'us-east-1';
/** The account id SAM CLI and the Lambda docs use for local runs. */
export const DEFAULT_ACCOUNT_ID = '123456789012';
/** `AWS::StackName` locally, as `sam local` reports it. */
export const LOCAL_STACK_NAME = 'local';

/** The pseudo parameters (except `AWS::NoValue`, which the resolver handles itself). */
export function pseudoParameters(
  region: string,
  accountId: string,
  overrides: Record<string, string> = {},
): Record<string, Value> {
  const partition = region.startsWith('cn-')
    ? 'aws-cn'
    : region.startsWith('us-gov-')
      ? 'aws-us-gov'
      : 'aws';
  const pseudo: Record<string, Value> = {
    'AWS::Region': region,
    'AWS::AccountId': accountId,
    'AWS::StackName': LOCAL_STACK_NAME,
    'AWS::StackId': `arn:${partition}:cloudformation:${region}:${accountId}:stack/${LOCAL_STACK_NAME}/00000000-0000-0000-0000-000000000000`,
    'AWS::Partition': partition,
    'AWS::URLSuffix': partition === 'aws-cn' ? 'amazonaws.com.cn' : 'amazonaws.com',
    'AWS::NotificationARNs': [],
  };
  // SAM CLI lets --parameter-overrides set pseudo parameters too (AWS::Region=eu-west-1).
  for (const [name, value] of Object.entries(overrides)) {
    if (name.startsWith('AWS::') && name in pseudo) pseudo[name] = value;
  }
  return pseudo;
}

const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

/**
 * Reads the Parameters section. Every parameter gets an entry; one without a value carries the
 * reason, which the resolver puts in its warning when something refers to it.
 */
export function readParameters(
  root: TemplateNode,
  overrides: Record<string, string>,
  sink: DiagnosticSink,
): Map<string, ParameterValue> {
  const params = new Map<string, ParameterValue>();
  const section = entry(root, 'Parameters');
  if (section && section.value.kind !== 'map') {
    sink.error(section.value, 'Parameters must be a map of parameter names to declarations.');
  }
  const declared = section?.value.kind === 'map' ? section.value.entries : [];
  for (const { key: name, keyRange, value: decl } of declared) {
    const declAt: Located = { range: keyRange, path: decl.path };
    params.set(name, readParameter(name, declAt, decl, overrides[name], sink));
  }
  for (const name of Object.keys(overrides)) {
    if (params.has(name) || name.startsWith('AWS::')) continue;
    sink.warning(
      section ? { range: section.keyRange, path: 'Parameters' } : { range: FILE_START, path: '' },
      `--parameter-overrides sets ${name}, which the template does not declare.`,
    );
  }
  return params;
}

function readParameter(
  name: string,
  declAt: Located,
  decl: TemplateNode,
  override: string | undefined,
  sink: DiagnosticSink,
): ParameterValue {
  if (decl.kind !== 'map') {
    sink.error(declAt, `Parameter ${name} must be a map with a Type.`);
    return { value: undefined, reason: 'is not declared correctly' };
  }
  const typeNode = child(decl, 'Type');
  let type = 'String';
  if (typeNode?.kind === 'scalar' && typeof typeNode.value === 'string') type = typeNode.value;
  else sink.error(typeNode ?? declAt, `Parameter ${name} needs a Type (String, Number, ...).`);

  const defaultNode = child(decl, 'Default');
  let raw = override;
  // Problems with an override point at the declaration, since the override has no place in the
  // template; problems with the default point at the default.
  let at: Located = declAt;
  let origin = ' (from --parameter-overrides)';
  if (raw === undefined && defaultNode) {
    at = defaultNode;
    origin = '';
    if (defaultNode.kind !== 'scalar' || defaultNode.value === null) {
      sink.error(defaultNode, `Parameter ${name}: Default must be a string or a number.`);
      return { value: undefined, reason: 'has an invalid Default' };
    }
    raw = typeof defaultNode.value === 'string' ? defaultNode.value : defaultNode.source;
  }
  if (raw === undefined) {
    return {
      value: undefined,
      reason: `has no Default and no override (pass --parameter-overrides ${name}=value)`,
    };
  }
  if (type.startsWith('AWS::SSM::Parameter::Value<') && override === undefined) {
    return {
      value: undefined,
      reason: `reads the SSM parameter ${raw}, which does not exist locally (pass --parameter-overrides ${name}=value)`,
    };
  }

  let value: Value;
  let items: string[];
  if (type === 'CommaDelimitedList' || type.startsWith('List<')) {
    items = raw.split(',').map((s) => s.trim());
    value = items;
  } else {
    items = [raw];
    value = raw;
  }
  if (type === 'Number' || type === 'List<Number>') {
    const bad = items.find((s) => !NUMBER.test(s.trim()));
    if (bad !== undefined) {
      sink.error(at, `Parameter ${name}${origin}: ${show(bad)} is not a Number.`);
      return { value: undefined, reason: 'has a value that is not a Number' };
    }
    value = type === 'Number' ? Number(raw) : items.map(Number);
    checkRange(name, origin, items.map(Number), decl, at, sink);
  }
  checkAllowedValues(name, origin, items, decl, at, sink);
  return { value };
}

function checkAllowedValues(
  name: string,
  origin: string,
  items: string[],
  decl: TemplateNode,
  at: Located,
  sink: DiagnosticSink,
): void {
  const allowed = child(decl, 'AllowedValues');
  if (allowed?.kind !== 'seq') return;
  const values = allowed.items.map((n) =>
    n.kind === 'scalar' ? (typeof n.value === 'string' ? n.value : n.source) : undefined,
  );
  for (const item of items) {
    if (values.includes(item)) continue;
    const list = values.map((v) => show(v)).join(', ');
    sink.error(
      at,
      `Parameter ${name}${origin}: ${show(item)} is not one of its AllowedValues (${list}).`,
    );
  }
}

function checkRange(
  name: string,
  origin: string,
  numbers: number[],
  decl: TemplateNode,
  at: Located,
  sink: DiagnosticSink,
): void {
  for (const [key, above] of [
    ['MinValue', false],
    ['MaxValue', true],
  ] as const) {
    const node = child(decl, key);
    const limit = node?.kind === 'scalar' ? Number(node.value) : NaN;
    if (Number.isNaN(limit)) continue;
    for (const n of numbers) {
      if (above ? n > limit : n < limit) {
        const side = above ? 'above' : 'below';
        sink.error(at, `Parameter ${name}${origin}: ${n} is ${side} its ${key} ${limit}.`);
      }
    }
  }
}
