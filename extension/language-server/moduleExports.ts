/**
 * What a handler file exports, read the way Node reads it: es-module-lexer for ES modules (and
 * TypeScript, whose type-only exports it marks), cjs-module-lexer for CommonJS (the lexer Node uses
 * to give CommonJS modules named exports). Each export is then located in the text (the tokenizer
 * in jsScanner.ts finds its declaration) and described: function or not, async, parameter names.
 * Pure: no file system, never vscode.
 */
import { parse as parseCommonJs } from 'cjs-module-lexer';
import { init as initEsModuleLexer, parse as parseEsModule } from 'es-module-lexer';
import { matchingBracket, scanTokens, type Token } from './jsScanner';

/** What an exported value is, as far as the text tells. */
export type ExportKind = 'function' | 'class' | 'object' | 'value' | 'type' | 'unknown';

/** A key of an object literal. */
export interface ObjectKey {
  /** The key. */
  name: string;
  /** Offset of the key. */
  start: number;
  /** Offset after the key. */
  end: number;
}

/** What a value looks like. */
export interface ValueShape {
  /** Function, class, object literal, other literal, type, or unknown (a call, an identifier…). */
  kind: ExportKind;
  /** Whether the function (or the function a call wraps) is async. */
  async: boolean;
  /**
   * Parameter names of the function, or of the function literal a call wraps
   * (`streamifyResponse(async (event, stream, context) => …)`); `{…}` for a destructured one.
   */
  params?: string[];
  /** Keys of an object literal (a `...spread` makes the list incomplete: see `openKeys`). */
  keys?: ObjectKey[];
  /** Whether the object literal spreads another object, so it may have more keys. */
  openKeys?: boolean;
}

/** One export of a module. */
export interface ModuleExport extends ValueShape {
  /** The exported name (`default` for a default export). */
  name: string;
  /** Offset of the name where it is exported. */
  nameStart: number;
  /** Offset after it. */
  nameEnd: number;
  /** Offset of the declaration's name, where go-to-definition lands. */
  declStart: number;
  /** Offset after it. */
  declEnd: number;
  /** For `export { a as b } from './x'`: where the value really comes from. */
  from?: { specifier: string; name: string };
}

/** What a module exports. */
export interface ModuleInfo {
  /** How the module is written (ES module syntax, or CommonJS). */
  format: 'esm' | 'cjs';
  /** Its exports, in source order. */
  exports: ModuleExport[];
  /** Modules re-exported whole (`export * from`, `module.exports = require(…)`). */
  starReexports: string[];
  /**
   * Whether the module may have exports the text does not list (`module.exports = make()`), so
   * a name missing from `exports` is not proof of a mistake.
   */
  opaque: boolean;
  /** Set when the text does not lex (a half-typed file); `exports` is then a best effort. */
  error?: string;
}

/** Compiles es-module-lexer's WebAssembly; await once before readModuleExports. */
export function initModuleLexers(): Promise<void> {
  return initEsModuleLexer();
}

/** Reads a module's exports from its text. Never throws. */
export function readModuleExports(text: string, fileName: string): ModuleInfo {
  const tokens = scanTokens(text);
  const declarations = topLevelDeclarations(tokens);
  try {
    const [, exports, , hasModuleSyntax] = parseEsModule(text, fileName);
    if (hasModuleSyntax || /\.(mjs|mts)$/.test(fileName)) {
      return esModule(exports, tokens, declarations);
    }
  } catch (error) {
    return { ...fallback(tokens, declarations), error: `${messageOf(error)}` };
  }
  try {
    return commonJs(parseCommonJs(text, fileName), tokens, declarations);
  } catch (error) {
    return { ...fallback(tokens, declarations), error: `${messageOf(error)}` };
  }
}

type Declarations = Map<string, { start: number; end: number; shape: ValueShape }>;

function esModule(
  exports: ReturnType<typeof parseEsModule>[1],
  tokens: Token[],
  declarations: Declarations,
): ModuleInfo {
  const out: ModuleExport[] = [];
  const starReexports: string[] = [];
  for (const e of exports) {
    if (e.type === 'reexport-all') {
      if (!e.typeOnly) starReexports.push(e.from);
      continue;
    }
    const at = { name: e.name, nameStart: e.start, nameEnd: e.end };
    if (e.typeOnly) {
      out.push({ ...at, declStart: e.start, declEnd: e.end, kind: 'type', async: false });
    } else if (e.type === 'reexport') {
      out.push({
        ...at,
        declStart: e.start,
        declEnd: e.end,
        kind: e.importName === null ? 'object' : 'unknown',
        async: false,
        from: { specifier: e.from, name: e.importName ?? '*' },
      });
    } else if (e.localName !== undefined) {
      const declaration = declarations.get(e.localName);
      if (declaration) {
        out.push({
          ...at,
          declStart: declaration.start,
          declEnd: declaration.end,
          ...declaration.shape,
        });
      } else {
        const start = e.localStart >= 0 ? e.localStart : e.start;
        const end = e.localStart >= 0 ? e.localEnd : e.end;
        out.push({ ...at, declStart: start, declEnd: end, kind: 'unknown', async: false });
      }
    } else {
      // A default export of an expression: describe it, or the declaration it names
      // (`export default handler;`).
      const index = tokens.findIndex((t) => t.start >= e.end);
      const value = tokens[index];
      const declaration =
        value?.type === 'name' && isSimpleReference(tokens, index)
          ? declarations.get(value.value)
          : undefined;
      if (declaration) {
        out.push({
          ...at,
          declStart: declaration.start,
          declEnd: declaration.end,
          ...declaration.shape,
        });
      } else {
        const shape = index < 0 ? unknownShape() : describeValue(tokens, index);
        out.push({ ...at, declStart: e.start, declEnd: e.end, ...shape });
      }
    }
  }
  return { format: 'esm', exports: out, starReexports, opaque: false };
}

function commonJs(
  lexed: { exports: string[]; reexports: string[] },
  tokens: Token[],
  declarations: Declarations,
): ModuleInfo {
  const scanned = commonJsSites(tokens, declarations);
  const names = new Set(lexed.exports.filter((name) => name !== '__esModule'));
  for (const name of scanned.sites.keys()) names.add(name);
  const exports: ModuleExport[] = [];
  for (const name of names) {
    const site = scanned.sites.get(name);
    if (site) {
      exports.push({ name, ...site });
      continue;
    }
    // Found by the lexer in a form we do not read (`__export(x, { name: … })`): point at the
    // declaration when there is one.
    const declaration = declarations.get(name);
    const token = tokens.find(
      (t) => t.value === name && (t.type === 'name' || t.type === 'string'),
    );
    const start = declaration?.start ?? token?.start ?? 0;
    const end = declaration?.end ?? token?.end ?? 0;
    exports.push({
      name,
      nameStart: token?.start ?? start,
      nameEnd: token?.end ?? end,
      declStart: start,
      declEnd: end,
      ...(declaration?.shape ?? unknownShape()),
    });
  }
  exports.sort((a, b) => a.nameStart - b.nameStart);
  return {
    format: 'cjs',
    exports,
    starReexports: [...new Set([...lexed.reexports, ...scanned.reexports])],
    opaque: scanned.opaque,
  };
}

type Site = Omit<ModuleExport, 'name'>;

/**
 * The CommonJS export forms the tokens show: `exports.x =`, `module.exports.x =`,
 * `exports['x'] =`, `Object.defineProperty(exports, 'x', …)` and the keys of
 * `module.exports = { … }`. cjs-module-lexer stops reading an object literal at the first value
 * that is not an identifier, but `require` (how Lambda loads CommonJS) sees every key.
 */
function commonJsSites(
  tokens: Token[],
  declarations: Declarations,
): { sites: Map<string, Site>; reexports: string[]; opaque: boolean } {
  const sites = new Map<string, Site>();
  const reexports: string[] = [];
  let opaque = false;
  const add = (name: string, key: Token, valueIndex: number, method?: ValueShape): void => {
    if (sites.has(name)) return;
    const value = tokens[valueIndex];
    const declaration =
      !method && value?.type === 'name' && isSimpleReference(tokens, valueIndex)
        ? declarations.get(value.value)
        : undefined;
    const shape =
      method ?? declaration?.shape ?? (value ? describeValue(tokens, valueIndex) : unknownShape());
    sites.set(name, {
      nameStart: key.start,
      nameEnd: key.end,
      declStart: declaration?.start ?? key.start,
      declEnd: declaration?.end ?? key.end,
      ...shape,
    });
  };
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (t.type !== 'name' || isMemberName(tokens, i)) continue;
    let target = -1;
    if (t.value === 'exports') target = i + 1;
    else if (t.value === 'module' && is(tokens[i + 1], '.') && tokens[i + 2]?.value === 'exports') {
      if (is(tokens[i + 3], '=')) {
        const value = tokens[i + 4];
        if (is(value, '{')) {
          for (const entry of objectEntries(tokens, i + 4)) {
            add(entry.key.value, entry.key, entry.value, entry.method);
          }
        } else if (value?.type === 'name' && value.value === 'require' && is(tokens[i + 5], '(')) {
          const specifier = tokens[i + 6];
          if (specifier?.type === 'string') reexports.push(specifier.value);
        } else if (value?.type === 'name' && isSimpleReference(tokens, i + 4)) {
          const declaration = declarations.get(value.value);
          if (declaration?.shape.kind === 'object') {
            for (const key of declaration.shape.keys ?? []) {
              sites.set(key.name, {
                nameStart: key.start,
                nameEnd: key.end,
                declStart: key.start,
                declEnd: key.end,
                ...unknownShape(),
              });
            }
            if (declaration.shape.openKeys) opaque = true;
          } else if (
            declaration?.shape.kind !== 'function' &&
            declaration?.shape.kind !== 'class'
          ) {
            opaque = true;
          }
        } else {
          // `module.exports = make()`: what it holds is only known at run time.
          opaque = true;
        }
        continue;
      }
      target = i + 3;
    } else if (
      t.value === 'Object' &&
      is(tokens[i + 1], '.') &&
      tokens[i + 2]?.value === 'defineProperty' &&
      is(tokens[i + 3], '(') &&
      tokens[i + 4]?.value === 'exports' &&
      is(tokens[i + 5], ',') &&
      tokens[i + 6]?.type === 'string'
    ) {
      const key = tokens[i + 6]!;
      if (key.value !== '__esModule') add(key.value, key, i + 6);
      continue;
    }
    if (target < 0) continue;
    const op = tokens[target];
    if (is(op, '.') && tokens[target + 1]?.type === 'name' && is(tokens[target + 2], '=')) {
      add(tokens[target + 1]!.value, tokens[target + 1]!, target + 3);
    } else if (
      is(op, '[') &&
      tokens[target + 1]?.type === 'string' &&
      is(tokens[target + 2], ']') &&
      is(tokens[target + 3], '=')
    ) {
      add(tokens[target + 1]!.value, tokens[target + 1]!, target + 4);
    } else if (is(op, '[') && !is(tokens[target + 2], ']')) {
      // `exports[name] = …`: a computed name.
      opaque = true;
    }
  }
  return { sites, reexports, opaque };
}

/**
 * Exports read from the tokens alone, for a file the lexers reject (one being typed): top-level
 * `export` statements, then the CommonJS forms.
 */
function fallback(tokens: Token[], declarations: Declarations): ModuleInfo {
  const exports: ModuleExport[] = [];
  const starReexports: string[] = [];
  let esm = false;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (t.depth !== 0 || t.value !== 'export' || t.type !== 'name' || isMemberName(tokens, i))
      continue;
    esm = true;
    let j = i + 1;
    const next = tokens[j];
    if (!next) break;
    if (next.value === 'default') {
      exports.push({
        name: 'default',
        nameStart: next.start,
        nameEnd: next.end,
        declStart: next.start,
        declEnd: next.end,
        ...(tokens[j + 1] ? describeValue(tokens, j + 1) : unknownShape()),
      });
    } else if (next.value === '{') {
      const close = matchingBracket(tokens, j);
      const from = tokens[close + 1]?.value === 'from' ? tokens[close + 2] : undefined;
      for (j = j + 1; j < close; j++) {
        const local = tokens[j]!;
        if (local.type !== 'name' || local.depth !== 1) continue;
        if (local.value === 'type' && tokens[j + 1]?.type === 'name') continue;
        const exported = tokens[j + 1]?.value === 'as' ? tokens[j + 2] : local;
        if (!exported) break;
        const declaration = from ? undefined : declarations.get(local.value);
        exports.push({
          name: exported.value,
          nameStart: exported.start,
          nameEnd: exported.end,
          declStart: declaration?.start ?? local.start,
          declEnd: declaration?.end ?? local.end,
          ...(declaration?.shape ?? unknownShape()),
          ...(from?.type === 'string'
            ? { from: { specifier: from.value, name: local.value } }
            : {}),
        });
        j = exported === local ? j : j + 2;
      }
    } else if (next.value === '*' && tokens[j + 1]?.value === 'from') {
      const from = tokens[j + 2];
      if (from?.type === 'string') starReexports.push(from.value);
    } else {
      // `export [declare] [async] function|class|const|let|var|type|interface|enum name`.
      let type = false;
      while (tokens[j] && ['declare', 'async', 'abstract', 'default'].includes(tokens[j]!.value)) {
        if (tokens[j]!.value === 'declare') type = true;
        j++;
      }
      const keyword = tokens[j]?.value;
      if (keyword === 'type' || keyword === 'interface') type = true;
      let name = tokens[j + 1];
      if (is(name, '*')) name = tokens[j + 2];
      if (name?.type !== 'name') continue;
      const declaration = declarations.get(name.value);
      exports.push({
        name: name.value,
        nameStart: name.start,
        nameEnd: name.end,
        declStart: name.start,
        declEnd: name.end,
        ...(type
          ? { kind: 'type' as const, async: false }
          : (declaration?.shape ?? unknownShape())),
      });
    }
  }
  if (esm) return { format: 'esm', exports, starReexports, opaque: false };
  const cjs = commonJsSites(tokens, declarations);
  return {
    format: 'cjs',
    exports: [...cjs.sites].map(([name, site]) => ({ name, ...site })),
    starReexports: cjs.reexports,
    opaque: cjs.opaque,
  };
}

/** `function f`, `class C`, `const x = …`, `let`, `var`, `enum` at the top level of the module. */
function topLevelDeclarations(tokens: Token[]): Declarations {
  const out: Declarations = new Map();
  const add = (name: Token, shape: ValueShape): void => {
    if (!out.has(name.value)) out.set(name.value, { start: name.start, end: name.end, shape });
  };
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (t.depth !== 0 || t.type !== 'name' || isMemberName(tokens, i)) continue;
    const previous = tokens[i - 1];
    const inExpression = previous && previous.type === 'punct' && !/^[;})\]]$/.test(previous.value);
    if (t.value === 'function' && !inExpression) {
      const name = is(tokens[i + 1], '*') ? tokens[i + 2] : tokens[i + 1];
      if (name?.type === 'name') {
        const start = previous?.value === 'async' ? i - 1 : i;
        add(name, describeValue(tokens, start));
      }
    } else if (t.value === 'class' && !inExpression) {
      const name = tokens[i + 1];
      if (name?.type === 'name' && name.value !== 'extends')
        add(name, { kind: 'class', async: false });
    } else if (t.value === 'enum' || t.value === 'namespace') {
      const name = tokens[i + 1];
      if (name?.type === 'name')
        add(name, { kind: 'object', async: false, openKeys: true, keys: [] });
    } else if (t.value === 'const' || t.value === 'let' || t.value === 'var') {
      let j = i + 1;
      // Declarators: `const a = 1, b = () => 2`; a destructuring pattern ends the scan.
      for (let guard = 0; guard < 64; guard++) {
        const name = tokens[j];
        if (name?.type !== 'name') break;
        const eq = skipTypeAnnotation(tokens, j + 1);
        if (!is(tokens[eq], '=')) {
          add(name, unknownShape());
          if (!is(tokens[eq], ',')) break;
          j = eq + 1;
          continue;
        }
        add(name, describeValue(tokens, eq + 1));
        const end = expressionEnd(tokens, eq + 1);
        if (!is(tokens[end], ',')) break;
        j = end + 1;
      }
    }
  }
  return out;
}

/** Index of the `=`, `,` or `;` after an optional `!`/`: Type` annotation starting at `from`. */
function skipTypeAnnotation(tokens: Token[], from: number): number {
  let i = from;
  if (is(tokens[i], '!')) i++;
  if (!is(tokens[i], ':')) return i;
  const depth = tokens[i]!.depth;
  let angles = 0;
  for (i++; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (t.depth < depth) return i;
    if (t.depth > depth || t.type !== 'punct') continue;
    angles += angleDelta(t.value);
    if (angles > 0) continue;
    if (t.value === '=' || t.value === ',' || t.value === ';') return i;
  }
  return i;
}

/** Index of the `,` or `;` that ends the expression starting at `from` (or of the last token). */
function expressionEnd(tokens: Token[], from: number): number {
  const depth = tokens[from]?.depth ?? 0;
  for (let i = from; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (t.depth < depth) return i;
    if (t.depth === depth && t.type === 'punct' && (t.value === ',' || t.value === ';')) return i;
    // A new statement on the next line after a complete function body (no semicolon).
    if (
      t.depth === depth &&
      t.type === 'name' &&
      i > from &&
      ['export', 'const', 'let', 'var', 'function', 'class', 'module', 'exports'].includes(
        t.value,
      ) &&
      is(tokens[i - 1], '}')
    ) {
      return i;
    }
  }
  return tokens.length;
}

function angleDelta(value: string): number {
  if (value === '<') return 1;
  if (value === '>') return -1;
  if (value === '>>') return -2;
  if (value === '>>>') return -3;
  return 0;
}

/** Describes the value expression starting at token `index`. */
export function describeValue(tokens: Token[], index: number): ValueShape {
  let i = index;
  let async = false;
  const first = tokens[i];
  if (!first) return unknownShape();
  if (first.value === 'async' && first.type === 'name') {
    const next = tokens[i + 1];
    if (
      next &&
      (next.value === 'function' ||
        next.value === '(' ||
        next.value === '<' ||
        next.type === 'name')
    ) {
      async = true;
      i++;
    }
  }
  const t = tokens[i];
  if (!t) return unknownShape();
  if (t.type === 'name' && t.value === 'function') {
    let j = i + 1;
    if (is(tokens[j], '*')) j++;
    if (tokens[j]?.type === 'name') j++;
    j = skipTypeParameters(tokens, j);
    if (is(tokens[j], '(')) return { kind: 'function', async, params: parameters(tokens, j) };
    return { kind: 'function', async, params: [] };
  }
  if (is(t, '(') || is(t, '<')) {
    const open = skipTypeParameters(tokens, i);
    if (is(tokens[open], '(') && isArrow(tokens, open)) {
      return { kind: 'function', async, params: parameters(tokens, open) };
    }
    return unknownShape();
  }
  if (t.type === 'name' && is(tokens[i + 1], '=>')) {
    return { kind: 'function', async, params: [t.value] };
  }
  if (t.type === 'name' && t.value === 'class') return { kind: 'class', async: false };
  if (is(t, '{')) return objectShape(tokens, i);
  if (
    t.type === 'string' ||
    t.type === 'number' ||
    t.type === 'template' ||
    t.type === 'regex' ||
    is(t, '[') ||
    (t.type === 'punct' && (t.value === '-' || t.value === '!')) ||
    (t.type === 'name' && ['true', 'false', 'null', 'undefined'].includes(t.value))
  ) {
    return { kind: 'value', async: false };
  }
  if (t.type === 'name' && t.value !== 'new' && t.value !== 'await') {
    // A call such as `streamifyResponse(async (event, stream, context) => …)` or
    // `middy(async (event) => …)`: describe the function literal it wraps, if any.
    let j = i;
    while (tokens[j]?.type === 'name' && is(tokens[j + 1], '.')) j += 2;
    if (tokens[j]?.type === 'name' && is(tokens[j + 1], '(')) {
      const close = matchingBracket(tokens, j + 1);
      const inner = tokens[j + 2]?.depth;
      for (let k = j + 2; k < close; k++) {
        if (tokens[k]!.depth !== inner) continue;
        const shape = describeValue(tokens, k);
        if (shape.kind === 'function')
          return { kind: 'unknown', async: shape.async, params: shape.params };
        break;
      }
    }
  }
  return unknownShape();
}

/** Whether the `(` at `open` starts an arrow function's parameter list. */
function isArrow(tokens: Token[], open: number): boolean {
  const close = matchingBracket(tokens, open);
  const after = tokens[close + 1];
  if (is(after, '=>')) return true;
  if (!is(after, ':')) return false;
  // A return type annotation: `(event): Promise<Result> => …`.
  const depth = after!.depth;
  for (let i = close + 2; i < tokens.length && i < close + 200; i++) {
    const t = tokens[i]!;
    if (t.depth < depth) return false;
    if (t.depth > depth || t.type !== 'punct') continue;
    if (t.value === '=>') return true;
    if (t.value === ';' || t.value === ',' || t.value === '=') return false;
  }
  return false;
}

function skipTypeParameters(tokens: Token[], i: number): number {
  if (!is(tokens[i], '<')) return i;
  let angles = 0;
  for (let j = i; j < tokens.length; j++) {
    const t = tokens[j]!;
    if (t.type === 'punct') angles += angleDelta(t.value);
    if (angles <= 0) return j + 1;
  }
  return tokens.length;
}

/** Parameter names of the list opened at `open`; `{…}`/`[…]` for destructured ones. */
function parameters(tokens: Token[], open: number): string[] {
  const close = matchingBracket(tokens, open);
  const depth = tokens[open]!.depth + 1;
  const out: string[] = [];
  let expectName = true;
  let inType = false;
  let angles = 0;
  for (let i = open + 1; i < close; i++) {
    const t = tokens[i]!;
    if (t.depth !== depth) {
      continue;
    }
    if (t.type === 'punct') {
      if (inType) angles += angleDelta(t.value);
      if (t.value === ',' && angles <= 0) {
        expectName = true;
        inType = false;
        angles = 0;
        continue;
      }
      if (t.value === ':' && !inType && angles <= 0) inType = true;
      else if (t.value === '=' && angles <= 0) inType = false;
    }
    if (!expectName) continue;
    if (is(t, '...')) continue;
    if (t.type === 'name') {
      // TypeScript parameter properties and `this` parameters.
      if (['public', 'private', 'protected', 'readonly', 'override'].includes(t.value)) continue;
      expectName = false;
      if (t.value !== 'this') out.push(t.value);
    } else if (is(t, '{') || is(t, '[')) {
      expectName = false;
      out.push(t.value === '{' ? '{…}' : '[…]');
    }
  }
  return out;
}

function objectShape(tokens: Token[], open: number): ValueShape {
  const keys: ObjectKey[] = [];
  let openKeys = false;
  const depth = tokens[open]!.depth + 1;
  const close = matchingBracket(tokens, open);
  for (let i = open + 1; i < close; i++) {
    if (tokens[i]!.depth === depth && is(tokens[i], '...')) openKeys = true;
  }
  for (const entry of objectEntries(tokens, open)) {
    keys.push({ name: entry.key.value, start: entry.key.start, end: entry.key.end });
  }
  return { kind: 'object', async: false, keys, openKeys };
}

/** The `key: value`, shorthand and method entries of the object literal opened at `open`. */
function objectEntries(
  tokens: Token[],
  open: number,
): { key: Token; value: number; method?: ValueShape }[] {
  const close = matchingBracket(tokens, open);
  const depth = tokens[open]!.depth + 1;
  const out: { key: Token; value: number; method?: ValueShape }[] = [];
  let atEntryStart = true;
  for (let i = open + 1; i < close; i++) {
    const t = tokens[i]!;
    if (t.depth !== depth) continue;
    if (is(t, ',')) {
      atEntryStart = true;
      continue;
    }
    if (!atEntryStart) continue;
    atEntryStart = false;
    let k = i;
    // `async name() {}`, `get name() {}`, `*name() {}`.
    let async = false;
    while (
      tokens[k] &&
      ((tokens[k]!.type === 'name' &&
        ['async', 'get', 'set', 'static'].includes(tokens[k]!.value) &&
        (tokens[k + 1]?.type === 'name' ||
          tokens[k + 1]?.type === 'string' ||
          is(tokens[k + 1], '*'))) ||
        is(tokens[k], '*'))
    ) {
      if (tokens[k]!.value === 'async') async = true;
      k++;
    }
    const key = tokens[k];
    if (!key || (key.type !== 'name' && key.type !== 'string' && key.type !== 'number')) continue;
    const next = tokens[k + 1];
    if (is(next, ':')) out.push({ key, value: k + 2 });
    else if (is(next, '(') || is(next, '<')) {
      const paren = skipTypeParameters(tokens, k + 1);
      const params = is(tokens[paren], '(') ? parameters(tokens, paren) : [];
      out.push({ key, value: k + 1, method: { kind: 'function', async, params } });
    } else if (is(next, ',') || next === tokens[close] || is(next, '='))
      out.push({ key, value: k });
  }
  return out;
}

function unknownShape(): ValueShape {
  return { kind: 'unknown', async: false };
}

function is(token: Token | undefined, punct: string): boolean {
  return token?.type === 'punct' && token.value === punct;
}

/** Whether the name at `i` follows a `.` (a property, not a variable). */
function isMemberName(tokens: Token[], i: number): boolean {
  const previous = tokens[i - 1];
  return previous?.type === 'punct' && (previous.value === '.' || previous.value === '?.');
}

/** Whether the name at `i` is a whole expression (`x`, not `x.y` or `x()`). */
function isSimpleReference(tokens: Token[], i: number): boolean {
  const next = tokens[i + 1];
  return !next || !(next.type === 'punct' && ['.', '?.', '(', '[', '=>'].includes(next.value));
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message.split('\n')[0]! : String(error);
}
