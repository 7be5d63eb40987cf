/**
 * Locates a template's functions and their main properties without resolving anything, so that the
 * language server can place diagnostics precisely on every keystroke. Also holds SAM's Globals
 * merge, which both this scan and the full reader need. Pure: no file system, no vscode.
 */
import type { SourceRange } from './diagnostics';
import { child, entry, intrinsicName, parseTemplateText } from './templateTree';
import type { MapNode, ParsedTemplate, TemplateNode } from './templateTree';

/** The resource types that define a function we can run. */
export const FUNCTION_TYPES = ['AWS::Serverless::Function', 'AWS::Lambda::Function'] as const;
export type FunctionResourceType = (typeof FUNCTION_TYPES)[number];

/** The properties whose places the scan reports. */
export const RANGED_PROPERTIES = [
  'Handler',
  'Runtime',
  'CodeUri',
  'Code',
  'InlineCode',
  'FunctionName',
  'Timeout',
  'MemorySize',
  'Environment',
  'Layers',
  'LoggingConfig',
  'EphemeralStorage',
  'ReservedConcurrentExecutions',
  'PackageType',
] as const;
export type RangedProperty = (typeof RANGED_PROPERTIES)[number];

/** Where a property's value is written. */
export interface PropertyLocation extends SourceRange {
  /**
   * The property path. It starts with `Globals.Function.` when a serverless function inherits the
   * value, so that a diagnostic lands where the value is written.
   */
  path: string;
}

/** A function resource and the places of its properties. */
export interface FunctionLocation {
  /** The resource's logical id. */
  logicalId: string;
  /** The resource type. */
  type: FunctionResourceType;
  /** The logical id as written under Resources. */
  range: SourceRange;
  /** The value of each property that is set, on the resource or in Globals. */
  properties: Partial<Record<RangedProperty, PropertyLocation>>;
}

/**
 * Lists the function resources of a template (text, or one parsed with parseTemplateText) with
 * their property places. Unknown shapes are skipped, never reported: the reader does that.
 */
export function findFunctionRanges(
  template: string | ParsedTemplate,
  file = 'template.yaml',
): FunctionLocation[] {
  const parsed = typeof template === 'string' ? parseTemplateText(template, file) : template;
  const resources = child(parsed.root, 'Resources');
  if (resources?.kind !== 'map') return [];
  const globals = child(child(parsed.root, 'Globals'), 'Function');
  const out: FunctionLocation[] = [];
  for (const resource of resources.entries) {
    const type = child(resource.value, 'Type');
    const typeName = type?.kind === 'scalar' ? type.value : undefined;
    if (!(FUNCTION_TYPES as readonly unknown[]).includes(typeName)) continue;
    const props = child(resource.value, 'Properties');
    const properties: FunctionLocation['properties'] = {};
    for (const name of RANGED_PROPERTIES) {
      const value =
        child(props, name) ??
        (typeName === 'AWS::Serverless::Function' ? child(globals, name) : undefined);
      if (value) properties[name] = { ...value.range, path: value.path };
    }
    out.push({
      logicalId: resource.key,
      type: typeName as FunctionResourceType,
      range: resource.keyRange,
      properties,
    });
  }
  return out;
}

/**
 * A serverless function's properties with `Globals.Function` merged in, as SAM does it: the
 * resource's scalar wins, maps merge key by key (so Environment.Variables combine), lists are
 * concatenated globals first (so Layers add up), and an intrinsic function on either side counts as
 * a scalar. Every node keeps its own place, so diagnostics point where a value is written.
 */
export function mergeGlobals(globals: TemplateNode | undefined, local: MapNode): MapNode {
  if (globals?.kind !== 'map') return local;
  return merge(globals, local) as MapNode;
}

function merge(global: TemplateNode, local: TemplateNode): TemplateNode {
  if (
    global.kind === 'map' &&
    local.kind === 'map' &&
    !intrinsicName(global) &&
    !intrinsicName(local)
  ) {
    const entries = global.entries.map((g) => {
      const l = entry(local, g.key);
      return l ? { ...l, value: merge(g.value, l.value) } : g;
    });
    for (const l of local.entries) if (!entry(global, l.key)) entries.push(l);
    return { ...local, entries };
  }
  if (global.kind === 'seq' && local.kind === 'seq') {
    return { ...local, items: [...global.items, ...local.items] };
  }
  return local;
}
