/**
 * Turns the text of a CloudFormation or SAM template (YAML or JSON) into a small tree of maps,
 * lists and scalars in which every node keeps its source range and property path, and every short
 * form (`!Ref`, `!Sub`, …) is already its long form (`Ref`, `Fn::Sub`, …). Parsing is the `yaml`
 * package's; this module must not import vscode or touch the file system.
 */
import { LineCounter, isAlias, isMap, isScalar, isSeq, parseDocument } from 'yaml';
import type { Document, Node as YamlNode, ParsedNode, Tags } from 'yaml';
import { DiagnosticSink, FILE_START } from './diagnostics';
import type { Located, SourceRange, TemplateDiagnostic } from './diagnostics';

/** A scalar as the template spells it. */
export interface ScalarNode extends Located {
  /** Discriminates the node types. */
  kind: 'scalar';
  /** The value under YAML 1.1 rules (`yes` is true, `010` is 8), as CloudFormation reads it. */
  value: string | number | boolean | null;
  /**
   * The text as written (without quotes). Environment variables use it for numbers, so that
   * `VERSION: 1.10` stays `1.10` rather than becoming `1.1`.
   */
  source: string;
}

/** A list. */
export interface SeqNode extends Located {
  /** Discriminates the node types. */
  kind: 'seq';
  /** The items in order. */
  items: TemplateNode[];
}

/** One key of a map. */
export interface MapEntry {
  /** The key as a string. */
  key: string;
  /** Where the key is written: the place to point at for a property as a whole. */
  keyRange: SourceRange;
  /** The value. */
  value: TemplateNode;
}

/** A map; an intrinsic function is a map with one `Ref` or `Fn::*` key. */
export interface MapNode extends Located {
  /** Discriminates the node types. */
  kind: 'map';
  /** The entries in source order, without duplicates. */
  entries: MapEntry[];
}

export type TemplateNode = ScalarNode | SeqNode | MapNode;

/** A template parsed but not yet resolved; cheap to keep and to share with the language server. */
export interface ParsedTemplate {
  /** The template file, as given; diagnostics carry it. */
  file: string;
  /** The root node, or undefined when the text has syntax errors. */
  root: TemplateNode | undefined;
  /** Syntax errors, with the parser's line and column. */
  errors: TemplateDiagnostic[];
  /** Parser warnings (unknown tags and the like). */
  warnings: TemplateDiagnostic[];
}

/** CloudFormation's short forms; `!Ref` and `!Condition` drop the `Fn::` prefix. */
export const SHORT_FORMS = [
  'Ref',
  'Condition',
  'Sub',
  'GetAtt',
  'Join',
  'If',
  'Select',
  'Split',
  'FindInMap',
  'Equals',
  'Not',
  'And',
  'Or',
  'Base64',
  'ImportValue',
  'Cidr',
  'GetAZs',
  'Transform',
  'Length',
  'ToJsonString',
] as const;

const longForm = (short: string): string =>
  short === 'Ref' || short === 'Condition' ? short : `Fn::${short}`;

// Each short form may tag a scalar, a list or a map, so each is declared three times; the tag only
// has to be known to the parser, the conversion to the long form happens in toNode below.
const cfnTags: Tags = SHORT_FORMS.flatMap((name) => [
  { tag: `!${name}`, resolve: (value: string) => value },
  { tag: `!${name}`, collection: 'seq' as const, resolve: (value: unknown) => value },
  { tag: `!${name}`, collection: 'map' as const, resolve: (value: unknown) => value },
]);

// CloudFormation reads YAML 1.1 minus these types (its template-formats docs list them as
// unsupported), so a date or `!!binary` stays a plain string as it would there. The bool tags are
// replaced below.
const replacedTypes = new Set(
  ['timestamp', 'binary', 'omap', 'pairs', 'set', 'bool'].map((t) => `tag:yaml.org,2002:${t}`),
);

// YAML 1.1 booleans as PyYAML (and so SAM CLI) reads them: without the single letters y and n,
// which the yaml package's 1.1 schema would turn into booleans.
const boolTags: Tags = [true, false].map((value) => ({
  identify: (v: unknown) => v === value,
  default: true,
  tag: 'tag:yaml.org,2002:bool',
  test: value
    ? /^(?:[Yy]es|YES|[Tt]rue|TRUE|[Oo]n|ON)$/
    : /^(?:[Nn]o|NO|[Ff]alse|FALSE|[Oo]ff|OFF)$/,
  resolve: () => value,
}));

// The yaml package's 1.1 float pattern takes a lone `.` (the usual `CodeUri: .`) for NaN; PyYAML,
// and so SAM CLI, reads it as the string ".". This tag is tried first and keeps it a string.
const dotString: Tags[number] = {
  identify: () => false,
  default: true,
  tag: 'tag:yaml.org,2002:str',
  test: /^[-+]?\.$/,
  resolve: (text: string) => text,
};

/** What a stack overflow on absurdly deep nesting becomes. */
export const TOO_DEEP = 'The template is nested too deeply to read.';

/** Parses template text; never throws, syntax errors become diagnostics. */
export function parseTemplateText(text: string, file: string): ParsedTemplate {
  const lineCounter = new LineCounter();
  const sink = new DiagnosticSink(file);
  const doc = parseDocument(text, {
    lineCounter,
    prettyErrors: false,
    version: '1.1',
    // SAM CLI reads templates with PyYAML, which honours merge keys; `sam build` expands them.
    merge: true,
    // Keys are names compared as written: `on:` and `yes:` are two keys, not the boolean twice.
    uniqueKeys: (a, b) => keyText(a) === keyText(b),
    customTags: (tags) => [
      dotString,
      ...tags.filter((t) => typeof t === 'string' || !replacedTypes.has(t.tag)),
      ...boolTags,
      ...cfnTags,
    ],
  });
  const rangeOf = (start: number, end: number): SourceRange => {
    const a = lineCounter.linePos(start);
    const b = lineCounter.linePos(Math.max(start, end));
    return { line: a.line, column: a.col, endLine: b.line, endColumn: b.col };
  };
  for (const e of doc.errors) {
    sink.error({ range: rangeOf(e.pos[0], e.pos[1]), path: '' }, e.message);
  }
  for (const w of doc.warnings) {
    sink.warning({ range: rangeOf(w.pos[0], w.pos[1]), path: '' }, w.message);
  }
  if (doc.errors.length > 0) {
    return { file, root: undefined, errors: sink.errors, warnings: sink.warnings };
  }
  const converter = new Converter(doc, text, rangeOf, sink);
  try {
    const root = converter.toNode(doc.contents as YamlNode | null, '');
    return { file, root, errors: sink.errors, warnings: sink.warnings };
  } catch (error) {
    if (!(error instanceof RangeError)) throw error;
    sink.error({ range: FILE_START, path: '' }, TOO_DEEP);
    return { file, root: undefined, errors: sink.errors, warnings: sink.warnings };
  }
}

class Converter {
  /** Converted anchored nodes, so that each alias costs nothing and alias bombs stay small. */
  private readonly anchored = new Map<YamlNode, TemplateNode>();
  private readonly inProgress = new Set<YamlNode>();

  constructor(
    private readonly doc: Document.Parsed,
    private readonly text: string,
    private readonly rangeOf: (start: number, end: number) => SourceRange,
    private readonly sink: DiagnosticSink,
  ) {}

  toNode(node: YamlNode | null, path: string, fallback?: SourceRange): TemplateNode {
    if (node === null) {
      return { kind: 'scalar', value: null, source: '', range: fallback ?? FILE_START, path };
    }
    if (isAlias(node)) {
      const target = node.resolve(this.doc);
      const range = this.nodeRange(node, fallback);
      if (!target || this.inProgress.has(target)) {
        this.sink.error({ range, path }, `Alias *${node.source} is undefined or refers to itself.`);
        return { kind: 'scalar', value: null, source: '', range, path };
      }
      return this.anchored.get(target) ?? this.toNode(target, path, range);
    }
    const range = this.nodeRange(node, fallback);
    this.inProgress.add(node);
    let plain = this.toPlainNode(node, path, range);
    this.inProgress.delete(node);
    const tag = node.tag;
    if (tag?.startsWith('!') && (SHORT_FORMS as readonly string[]).includes(tag.slice(1))) {
      plain = this.expandShortForm(tag.slice(1), plain, path, this.withTag(node, tag, range));
    }
    if (node.anchor) this.anchored.set(node, plain);
    return plain;
  }

  private toPlainNode(node: YamlNode, path: string, range: SourceRange): TemplateNode {
    // Intrinsic short forms put the long-form key between the node and its value.
    const tag = node.tag?.slice(1);
    const valuePath =
      tag && (SHORT_FORMS as readonly string[]).includes(tag) ? join(path, longForm(tag)) : path;
    if (isScalar(node)) {
      const value = node.value;
      const source = node.source ?? (value === null ? '' : String(value));
      if (value === null || ['string', 'number', 'boolean'].includes(typeof value)) {
        return {
          kind: 'scalar',
          value: value as ScalarNode['value'],
          source,
          range,
          path: valuePath,
        };
      }
      return { kind: 'scalar', value: source, source, range, path: valuePath };
    }
    if (isSeq(node)) {
      const items = node.items.map((item, i) =>
        this.toNode(item as YamlNode | null, `${valuePath}[${i}]`, range),
      );
      return { kind: 'seq', items, range, path: valuePath };
    }
    if (isMap(node)) {
      const entries: MapEntry[] = [];
      const merged: MapEntry[] = [];
      for (const pair of node.items) {
        const keyNode = pair.key as YamlNode | null;
        const keyValue = isScalar(keyNode) ? keyNode.value : null;
        const keyRange = keyNode ? this.nodeRange(keyNode, range) : range;
        if (typeof keyValue === 'symbol') {
          merged.push(...this.mergeSource(pair.value as YamlNode | null, valuePath, keyRange));
          continue;
        }
        // Keys are names: `N:` or `on:` must stay the strings they look like, not booleans.
        const key = isScalar(keyNode) ? (keyNode.source ?? String(keyValue)) : '';
        const childPath = join(valuePath, key);
        const value = this.toNode(pair.value as YamlNode | null, childPath, keyRange);
        entries.push({ key, keyRange, value });
      }
      // A merge key only adds the keys the map does not set itself (yaml.org/type/merge.html).
      const own = new Set(entries.map((e) => e.key));
      for (const entry of merged) {
        if (!own.has(entry.key)) {
          own.add(entry.key);
          entries.push(entry);
        }
      }
      return { kind: 'map', entries, range, path: valuePath };
    }
    return { kind: 'scalar', value: null, source: '', range, path: valuePath };
  }

  private mergeSource(value: YamlNode | null, path: string, keyRange: SourceRange): MapEntry[] {
    const source = this.toNode(value, path, keyRange);
    const maps = source.kind === 'seq' ? source.items : [source];
    const out: MapEntry[] = [];
    for (const m of maps) {
      if (m.kind === 'map') out.push(...m.entries);
      else
        this.sink.error(
          { range: m.range, path },
          'A merge key (<<) takes a map or a list of maps.',
        );
    }
    return out;
  }

  private expandShortForm(
    name: string,
    value: TemplateNode,
    path: string,
    range: SourceRange,
  ): TemplateNode {
    const key = longForm(name);
    let inner = value;
    // `!GetAtt Res.Attr` is the one short form whose scalar differs from its long form's value.
    if (name === 'GetAtt' && value.kind === 'scalar' && typeof value.value === 'string') {
      inner = splitGetAtt(value);
    }
    return { kind: 'map', entries: [{ key, keyRange: range, value: inner }], range, path };
  }

  /**
   * The range of a tagged node, starting at its tag: the yaml package's node range starts after
   * it, but `!Ref Missing` should be underlined from the `!`. Only whitespace and an anchor may
   * stand between a tag and its value, which is what the check allows.
   */
  private withTag(node: YamlNode, tag: string, range: SourceRange): SourceRange {
    const start = (node as ParsedNode).range?.[0];
    if (start === undefined) return range;
    const tagAt = this.text.lastIndexOf(tag, start);
    if (tagAt < 0 || !/^(\s|&\S+)*$/.test(this.text.slice(tagAt + tag.length, start))) return range;
    const end = (node as ParsedNode).range?.[1] ?? start;
    return this.rangeOf(tagAt, end);
  }

  private nodeRange(node: YamlNode, fallback: SourceRange | undefined): SourceRange {
    const r = (node as ParsedNode).range;
    if (!r) return fallback ?? FILE_START;
    return this.rangeOf(r[0], r[1]);
  }
}

function keyText(node: ParsedNode): string | undefined {
  return isScalar(node) ? (node.source ?? String(node.value)) : undefined;
}

/** `Res.Attr.Sub` → [`Res`, `Attr.Sub`]: resource ids have no dots, attribute names may. */
function splitGetAtt(node: ScalarNode): SeqNode {
  const text = String(node.value);
  const dot = text.indexOf('.');
  const parts = dot < 0 ? [text] : [text.slice(0, dot), text.slice(dot + 1)];
  return {
    kind: 'seq',
    items: parts.map((p, i) => ({ ...node, value: p, source: p, path: `${node.path}[${i}]` })),
    range: node.range,
    path: node.path,
  };
}

function join(path: string, key: string): string {
  return path ? `${path}.${key}` : key;
}

/** The entry of a map with this key, if the node is a map that has it. */
export function entry(node: TemplateNode | undefined, key: string): MapEntry | undefined {
  if (node?.kind !== 'map') return undefined;
  return node.entries.find((e) => e.key === key);
}

/** The value of a map's key, if the node is a map that has it. */
export function child(node: TemplateNode | undefined, key: string): TemplateNode | undefined {
  return entry(node, key)?.value;
}

/** The long-form name when the node is an intrinsic function call (`Ref`, `Fn::*`). */
export function intrinsicName(node: TemplateNode | undefined): string | undefined {
  if (node?.kind !== 'map' || node.entries.length !== 1) return undefined;
  const key = node.entries[0].key;
  return key === 'Ref' || key.startsWith('Fn::') ? key : undefined;
}
