/**
 * Evaluates CloudFormation intrinsic functions and conditions over a template tree, as far as they
 * can be evaluated without AWS. What cannot be becomes a visible placeholder string plus a warning
 * that names the place; nothing here throws. Pure: no file system, no vscode.
 */
import { show } from './diagnostics';
import type { DiagnosticSink, Located } from './diagnostics';
import { child, entry, intrinsicName } from './templateTree';
import type { TemplateNode } from './templateTree';

/** A resolved JSON-like value. */
export type Value = string | number | boolean | null | Value[] | { [key: string]: Value };

/** `Ref: AWS::NoValue`: the enclosing key or list item disappears. */
export const NO_VALUE: unique symbol = Symbol('AWS::NoValue');
export type Resolved = Value | typeof NO_VALUE;

/** What a `Ref` to a parameter gives: its value, or why there is none. */
export interface ParameterValue {
  /** The value after overrides and type coercion; undefined when there is none. */
  value: Value | undefined;
  /** Why there is no value, as a clause ("it has no Default and no override"). */
  reason?: string;
}

/** A resource the resolver can see. */
export interface ResourceInfo {
  /** The resource's `Type`. */
  type: string;
  /** The resource's map (Type, Properties, Condition…). */
  node: TemplateNode;
}

/** Hooks through which the template reader answers for the resources it emulates. */
export interface ResourceHooks {
  /** `Ref` of a resource: a function's name, a layer's ARN; undefined when not emulated. */
  ref(logicalId: string): Value | undefined;
  /** `Fn::GetAtt` of a resource: a function's Arn; undefined when not emulated. */
  getAtt(logicalId: string, attribute: string): Value | undefined;
  /** Whether the reader emulates the resource (functions and layers), for clearer warnings. */
  emulates(logicalId: string): boolean;
}

/** Everything a template's intrinsics can refer to. */
export interface ResolveContext {
  /** Receives warnings (unresolvable values) and errors (malformed intrinsics). */
  sink: DiagnosticSink;
  /** `AWS::Region`, `AWS::AccountId` and the other pseudo parameters, without `AWS::NoValue`. */
  pseudo: Record<string, Value>;
  /** The template's parameters by name. */
  parameters: ReadonlyMap<string, ParameterValue>;
  /** The template's resources by logical id. */
  resources: ReadonlyMap<string, ResourceInfo>;
  /** The `Mappings` section. */
  mappings: TemplateNode | undefined;
  /** The `Conditions` section. */
  conditions: TemplateNode | undefined;
  /** Answers for emulated resources. */
  hooks: ResourceHooks;
}

/** The prefix every placeholder starts with, so that callers can recognise one. */
export const PLACEHOLDER_PREFIX = '${Unresolved:';

/** `${Unresolved:Fn::ImportValue:SharedTable}`: visible in logs, and obviously not a real value. */
export function placeholder(fn: string, detail?: string): string {
  return `${PLACEHOLDER_PREFIX}${fn}${detail ? `:${detail}` : ''}}`;
}

/**
 * Resolves template nodes to values. One instance serves one template: it caches conditions and
 * counts placeholders, so that callers can tell a known value from a partly unknown one.
 */
export class IntrinsicResolver {
  /**
   * Counts placeholders produced so far. A caller compares it before and after resolving a value
   * to learn whether the value is only partly known (a placeholder may sit inside a Sub string).
   */
  unresolvedCount = 0;
  private readonly conditionCache = new Map<
    string,
    { value: boolean | undefined; failed: boolean; unresolved: boolean }
  >();
  private readonly conditionsInProgress = new Set<string>();

  constructor(private readonly ctx: ResolveContext) {}

  /** Resolves a node and reports whether anything in it was left unresolved. */
  resolveTracked(node: TemplateNode): { value: Resolved; unresolved: boolean } {
    const before = this.unresolvedCount;
    const value = this.resolve(node);
    return { value, unresolved: this.unresolvedCount !== before };
  }

  resolve(node: TemplateNode): Resolved {
    switch (node.kind) {
      case 'scalar':
        return node.value;
      case 'seq': {
        const out: Value[] = [];
        for (const item of node.items) {
          const v = this.resolve(item);
          if (v !== NO_VALUE) out.push(v);
        }
        return out;
      }
      case 'map': {
        const fn = intrinsicName(node);
        if (fn) return this.call(fn, node.entries[0].value, node);
        const out: { [key: string]: Value } = {};
        for (const e of node.entries) {
          const v = this.resolve(e.value);
          if (v !== NO_VALUE) out[e.key] = v;
        }
        return out;
      }
    }
  }

  /**
   * Evaluates a named condition of the `Conditions` section: true, false, or undefined when it
   * depends on something unknown locally (or is missing, with a warning at `at`).
   */
  condition(name: string, at: Located): boolean | undefined {
    const cached = this.conditionCache.get(name);
    if (cached) {
      // Each function that uses a broken or partly unknown condition must see it as such, even
      // though its diagnostics were reported (once) for the first one.
      if (cached.failed) this.ctx.sink.errorCount++;
      if (cached.unresolved) this.unresolvedCount++;
      return cached.value;
    }
    const def = entry(this.ctx.conditions, name);
    if (!def) {
      this.ctx.sink.warning(at, `Condition ${name} is not declared in the Conditions section.`);
      return undefined;
    }
    if (this.conditionsInProgress.has(name)) {
      this.ctx.sink.error(def.value, `Condition ${name} refers to itself.`);
      return undefined;
    }
    const errorsBefore = this.ctx.sink.errorCount;
    const unresolvedBefore = this.unresolvedCount;
    this.conditionsInProgress.add(name);
    const value = this.evalCondition(def.value);
    this.conditionsInProgress.delete(name);
    // A decided condition makes nothing unknown, even if an operand it did not need was.
    if (value !== undefined) this.unresolvedCount = unresolvedBefore;
    this.conditionCache.set(name, {
      value,
      failed: this.ctx.sink.errorCount !== errorsBefore,
      unresolved: this.unresolvedCount !== unresolvedBefore,
    });
    return value;
  }

  /** `Ref` by name, as `Ref` and `${Name}` in `Fn::Sub` both need it. */
  ref(name: string, at: Located): Resolved {
    if (name === 'AWS::NoValue') return NO_VALUE;
    if (name.startsWith('AWS::')) {
      if (name in this.ctx.pseudo) return this.ctx.pseudo[name];
      return this.unresolved(at, 'Ref', name, `${name} is not a pseudo parameter`);
    }
    const param = this.ctx.parameters.get(name);
    if (param) {
      if (param.value !== undefined) return param.value;
      return this.unresolved(
        at,
        'Ref',
        name,
        `parameter ${name} ${param.reason ?? 'has no value'}`,
      );
    }
    const resource = this.ctx.resources.get(name);
    if (resource) {
      const value = this.ctx.hooks.ref(name);
      if (value !== undefined) return value;
      // SAM CLI does the same: a table's or bucket's Ref becomes its logical id, which is at least
      // recognisable in a log line, and --env-vars can replace it.
      this.ctx.sink.warning(
        at,
        `Ref ${name} resolves to the logical id "${name}" locally: ${resource.type} resources are not emulated.`,
      );
      return name;
    }
    return this.unresolved(
      at,
      'Ref',
      name,
      `the template declares no parameter or resource ${name}`,
    );
  }

  /** `Fn::GetAtt` by resource and attribute. */
  getAtt(logicalId: string, attribute: string, at: Located): Resolved {
    const detail = `${logicalId}.${attribute}`;
    const resource = this.ctx.resources.get(logicalId);
    if (!resource) {
      return this.unresolved(
        at,
        'Fn::GetAtt',
        detail,
        `the template has no resource ${logicalId} (resources SAM generates do not exist locally)`,
      );
    }
    const value = this.ctx.hooks.getAtt(logicalId, attribute);
    if (value !== undefined) return value;
    const why = this.ctx.hooks.emulates(logicalId)
      ? `${logicalId} has no attribute ${attribute} locally`
      : `${logicalId} is of type ${resource.type}, which is not emulated`;
    return this.unresolved(at, 'Fn::GetAtt', detail, why);
  }

  private call(fn: string, arg: TemplateNode, at: TemplateNode): Resolved {
    switch (fn) {
      case 'Ref':
        return this.callRef(arg, at);
      case 'Fn::GetAtt':
        return this.callGetAtt(arg, at);
      case 'Fn::Sub':
        return this.callSub(arg, at);
      case 'Fn::Join':
        return this.callJoin(arg, at);
      case 'Fn::If':
        return this.callIf(arg, at);
      case 'Fn::Select':
        return this.callSelect(arg, at);
      case 'Fn::Split':
        return this.callSplit(arg, at);
      case 'Fn::FindInMap':
        return this.callFindInMap(arg, at);
      case 'Fn::Base64':
        return this.callBase64(arg, at);
      case 'Fn::Length':
        return this.callLength(arg, at);
      case 'Fn::ToJsonString': {
        const v = this.resolve(arg);
        return v === NO_VALUE ? '' : JSON.stringify(v);
      }
      case 'Fn::Equals':
      case 'Fn::Not':
      case 'Fn::And':
      case 'Fn::Or': {
        const result = this.evalCondition(at);
        if (result !== undefined) return result;
        return this.quiet(fn);
      }
      case 'Fn::ImportValue': {
        const name = this.resolve(arg);
        return this.unresolved(
          at,
          fn,
          typeof name === 'string' ? name : '',
          'exports of other stacks do not exist locally',
        );
      }
      case 'Fn::GetAZs':
        return this.unresolved(at, fn, '', 'availability zones do not exist locally');
      case 'Fn::Cidr':
        return this.unresolved(at, fn, '', 'Fn::Cidr is not evaluated locally');
      case 'Fn::Transform':
        return this.unresolved(at, fn, '', 'macros do not run locally');
      default:
        return this.unresolved(at, fn, '', `${fn} is not an intrinsic function known here`);
    }
  }

  private callRef(arg: TemplateNode, at: TemplateNode): Resolved {
    if (arg.kind !== 'scalar' || typeof arg.value !== 'string') {
      return this.malformed(at, 'Ref', 'Ref takes the name of a parameter or resource');
    }
    return this.ref(arg.value, at);
  }

  private callGetAtt(arg: TemplateNode, at: TemplateNode): Resolved {
    let parts: Resolved[] = [];
    if (arg.kind === 'scalar' && typeof arg.value === 'string') {
      const dot = arg.value.indexOf('.');
      if (dot > 0) parts = [arg.value.slice(0, dot), arg.value.slice(dot + 1)];
    } else if (arg.kind === 'seq' && arg.items.length === 2) {
      const tracked = this.resolveTracked(arg);
      if (tracked.unresolved) return this.quiet('Fn::GetAtt');
      parts = tracked.value as Value[];
    }
    const [id, attribute] = parts;
    if (parts.length !== 2 || typeof id !== 'string' || typeof attribute !== 'string') {
      return this.malformed(at, 'Fn::GetAtt', 'Fn::GetAtt takes [LogicalId, Attribute]');
    }
    return this.getAtt(id, attribute, at);
  }

  private callSub(arg: TemplateNode, at: TemplateNode): Resolved {
    const usage = 'Fn::Sub takes a string or [string, {Var: value}]';
    let text: TemplateNode = arg;
    let variables: TemplateNode | undefined;
    if (arg.kind === 'seq') {
      if (arg.items.length !== 2 || arg.items[1].kind !== 'map') {
        return this.malformed(at, 'Fn::Sub', usage);
      }
      [text, variables] = arg.items;
    }
    if (text.kind !== 'scalar' || typeof text.value !== 'string') {
      return this.malformed(at, 'Fn::Sub', usage);
    }
    return text.value.replace(/\$\{([^}]*)\}/g, (_match, inner: string) => {
      // `${!Literal}` is CloudFormation's escape for a literal `${Literal}`.
      if (inner.startsWith('!')) return `\${${inner.slice(1)}}`;
      const name = inner.trim();
      // Variables are resolved only when the string uses them, so an unused one cannot warn.
      const variable = child(variables, name);
      let value: Resolved;
      if (variable) value = this.resolve(variable);
      else if (name.includes('.') && !name.startsWith('AWS::')) {
        const dot = name.indexOf('.');
        value = this.getAtt(name.slice(0, dot), name.slice(dot + 1), at);
      } else value = this.ref(name, at);
      if (value === NO_VALUE) return '';
      if (typeof value === 'string') return value;
      if (typeof value === 'number' || typeof value === 'boolean') return String(value);
      return this.malformed(at, 'Fn::Sub', `\${${name}} is ${show(value)}, not a string`);
    });
  }

  private callJoin(arg: TemplateNode, at: TemplateNode): Resolved {
    const usage = 'Fn::Join takes [delimiter, [values]]';
    if (arg.kind !== 'seq' || arg.items.length !== 2) return this.malformed(at, 'Fn::Join', usage);
    const delimiter = this.resolve(arg.items[0]);
    if (typeof delimiter !== 'string') return this.malformed(at, 'Fn::Join', usage);
    const tracked = this.resolveTracked(arg.items[1]);
    const list = tracked.value;
    if (!Array.isArray(list)) {
      return tracked.unresolved ? this.quiet('Fn::Join') : this.malformed(at, 'Fn::Join', usage);
    }
    const parts: string[] = [];
    for (const item of list) {
      if (typeof item === 'string' || typeof item === 'number' || typeof item === 'boolean') {
        parts.push(String(item));
      } else {
        return this.malformed(at, 'Fn::Join', `Fn::Join can only join strings, got ${show(item)}`);
      }
    }
    return parts.join(delimiter);
  }

  private callIf(arg: TemplateNode, at: TemplateNode): Resolved {
    const usage = 'Fn::If takes [ConditionName, valueIfTrue, valueIfFalse]';
    if (arg.kind !== 'seq' || arg.items.length !== 3) return this.malformed(at, 'Fn::If', usage);
    const name = arg.items[0];
    if (name.kind !== 'scalar' || typeof name.value !== 'string') {
      return this.malformed(at, 'Fn::If', usage);
    }
    const result = this.condition(name.value, name);
    if (result === undefined) {
      return this.unresolved(
        at,
        'Fn::If',
        name.value,
        `condition ${name.value} cannot be evaluated locally`,
      );
    }
    return this.resolve(arg.items[result ? 1 : 2]);
  }

  private callSelect(arg: TemplateNode, at: TemplateNode): Resolved {
    const usage = 'Fn::Select takes [index, [values]]';
    if (arg.kind !== 'seq' || arg.items.length !== 2)
      return this.malformed(at, 'Fn::Select', usage);
    const tracked = this.resolveTracked(arg);
    const [index, list] = tracked.value as Value[];
    const i = typeof index === 'string' && /^\d+$/.test(index) ? Number(index) : index;
    if (!Array.isArray(list) || typeof i !== 'number' || !Number.isInteger(i)) {
      return tracked.unresolved
        ? this.quiet('Fn::Select')
        : this.malformed(at, 'Fn::Select', usage);
    }
    if (i < 0 || i >= list.length) {
      return this.malformed(
        at,
        'Fn::Select',
        `index ${i} is out of range for a list of ${list.length}`,
      );
    }
    return list[i];
  }

  private callSplit(arg: TemplateNode, at: TemplateNode): Resolved {
    const usage = 'Fn::Split takes [delimiter, string]';
    if (arg.kind !== 'seq' || arg.items.length !== 2) return this.malformed(at, 'Fn::Split', usage);
    const tracked = this.resolveTracked(arg);
    const [delimiter, source] = tracked.value as Value[];
    if (tracked.unresolved) return this.quiet('Fn::Split');
    if (typeof delimiter !== 'string' || typeof source !== 'string') {
      return this.malformed(at, 'Fn::Split', usage);
    }
    return source.split(delimiter);
  }

  private callFindInMap(arg: TemplateNode, at: TemplateNode): Resolved {
    const usage = 'Fn::FindInMap takes [MapName, TopLevelKey, SecondLevelKey]';
    if (arg.kind !== 'seq' || arg.items.length < 3 || arg.items.length > 4) {
      return this.malformed(at, 'Fn::FindInMap', usage);
    }
    const tracked = this.resolveTracked({ ...arg, items: arg.items.slice(0, 3) });
    if (tracked.unresolved) return this.quiet('Fn::FindInMap');
    const keys = (tracked.value as Value[]).map((k) =>
      typeof k === 'number' || typeof k === 'boolean' ? String(k) : k,
    );
    if (!keys.every((k): k is string => typeof k === 'string')) {
      return this.malformed(at, 'Fn::FindInMap', usage);
    }
    const found = child(child(child(this.ctx.mappings, keys[0]), keys[1]), keys[2]);
    if (found) return this.resolve(found);
    // The AWS::LanguageExtensions form: [Map, Top, Second, {DefaultValue: v}].
    const fallback = child(arg.items[3], 'DefaultValue');
    if (fallback) return this.resolve(fallback);
    return this.unresolved(
      at,
      'Fn::FindInMap',
      keys.join('.'),
      `Mappings has no ${keys.join(' > ')}`,
    );
  }

  private callBase64(arg: TemplateNode, at: TemplateNode): Resolved {
    const tracked = this.resolveTracked(arg);
    if (tracked.unresolved) return this.quiet('Fn::Base64');
    if (typeof tracked.value !== 'string') {
      return this.malformed(at, 'Fn::Base64', 'Fn::Base64 takes a string');
    }
    return Buffer.from(tracked.value, 'utf8').toString('base64');
  }

  private callLength(arg: TemplateNode, at: TemplateNode): Resolved {
    const tracked = this.resolveTracked(arg);
    if (Array.isArray(tracked.value)) return tracked.value.length;
    if (tracked.unresolved) return this.quiet('Fn::Length');
    return this.malformed(at, 'Fn::Length', 'Fn::Length takes a list');
  }

  private evalCondition(node: TemplateNode): boolean | undefined {
    if (node.kind === 'scalar' && typeof node.value === 'boolean') return node.value;
    const only = node.kind === 'map' && node.entries.length === 1 ? node.entries[0] : undefined;
    const arg = only?.value;
    const items = arg?.kind === 'seq' ? arg.items : undefined;
    switch (only?.key) {
      case 'Condition':
        if (arg?.kind === 'scalar' && typeof arg.value === 'string') {
          return this.condition(arg.value, arg);
        }
        break;
      case 'Fn::Equals': {
        if (!arg || items?.length !== 2) break;
        const tracked = this.resolveTracked(arg);
        if (tracked.unresolved) return undefined;
        const [a, b] = tracked.value as Value[];
        return canonical(a) === canonical(b);
      }
      case 'Fn::Not': {
        if (items?.length !== 1) break;
        const inner = this.evalCondition(items[0]);
        return inner === undefined ? undefined : !inner;
      }
      case 'Fn::And':
      case 'Fn::Or': {
        if (!items || items.length < 2 || items.length > 10) break;
        // Three-valued logic: one false decides an And (one true an Or) even if others are unknown.
        const before = this.unresolvedCount;
        const results = items.map((item) => this.evalCondition(item));
        const decisive = only.key === 'Fn::Or';
        if (results.includes(decisive)) {
          this.unresolvedCount = before;
          return decisive;
        }
        return results.includes(undefined) ? undefined : !decisive;
      }
      default:
        if (intrinsicName(node)) {
          // Not allowed by CloudFormation, but a Ref to a parameter holding "true" is clear enough.
          const tracked = this.resolveTracked(node);
          if (tracked.unresolved) return undefined;
          if (tracked.value === true || tracked.value === 'true') return true;
          if (tracked.value === false || tracked.value === 'false') return false;
        }
    }
    this.ctx.sink.error(
      node,
      'Invalid condition: use Fn::Equals [a, b], Fn::Not [c], Fn::And [c1, c2, ...], ' +
        'Fn::Or [c1, c2, ...] or {Condition: Name}.',
    );
    return undefined;
  }

  private unresolved(at: Located, fn: string, detail: string, why: string): string {
    const value = placeholder(fn, detail);
    this.unresolvedCount++;
    const what = detail ? `${fn} ${detail}` : fn;
    this.ctx.sink.warning(
      at,
      `${what} cannot be resolved locally (${why}); using the placeholder ${value}.`,
    );
    return value;
  }

  /** A placeholder for a value whose unresolved input has already been warned about. */
  private quiet(fn: string): string {
    this.unresolvedCount++;
    return placeholder(fn);
  }

  private malformed(at: Located, fn: string, usage: string): string {
    this.unresolvedCount++;
    this.ctx.sink.error(at, `Invalid ${fn}: ${usage}.`);
    return placeholder(fn);
  }
}

/** CloudFormation compares the string forms of values in Fn::Equals. */
function canonical(value: Value): string {
  const norm = (v: Value): Value =>
    Array.isArray(v)
      ? v.map(norm)
      : typeof v === 'number' || typeof v === 'boolean'
        ? String(v)
        : v;
  return JSON.stringify(norm(value));
}
