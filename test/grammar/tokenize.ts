// Tokenises text with the lambda-log grammar the way VS Code does: vscode-textmate over
// vscode-oniguruma (the same WebAssembly build of Oniguruma), and prints the tokens as a golden list.
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as oniguruma from 'vscode-oniguruma';
import {
  INITIAL,
  parseRawGrammar,
  Registry,
  type IGrammar,
  type IOnigLib,
  type StateStack,
} from 'vscode-textmate';

export const ROOT = path.resolve(__dirname, '..', '..');
export const GRAMMAR_PATH = path.join(ROOT, 'syntaxes', 'lambda-log.tmLanguage.json');
export const SCOPE = 'text.log.lambda';

let onigLib: Promise<IOnigLib> | undefined;

/** Loads Oniguruma's WebAssembly once per process. */
function loadOniguruma(): Promise<IOnigLib> {
  onigLib ??= (async () => {
    const wasm = fs.readFileSync(
      path.join(ROOT, 'node_modules', 'vscode-oniguruma', 'release', 'onig.wasm'),
    );
    await oniguruma.loadWASM(wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength));
    return {
      createOnigScanner: (patterns: string[]) => new oniguruma.OnigScanner(patterns),
      createOnigString: (text: string) => new oniguruma.OnigString(text),
    };
  })();
  return onigLib;
}

/** Loads a grammar from its JSON text (the file's, or a deliberately broken copy). */
export async function loadGrammar(
  json: string = fs.readFileSync(GRAMMAR_PATH, 'utf8'),
): Promise<IGrammar> {
  const registry = new Registry({
    onigLib: loadOniguruma(),
    loadGrammar: async (scopeName) =>
      scopeName === SCOPE ? parseRawGrammar(json, GRAMMAR_PATH) : null,
  });
  const grammar = await registry.loadGrammar(SCOPE);
  if (!grammar) throw new Error(`grammar ${SCOPE} did not load`);
  return grammar;
}

/** One token: its text and its scopes below the root scope. */
export interface Token {
  text: string;
  scopes: string[];
}

/** Tokenises every line of a text, carrying the rule stack from line to line as VS Code does. */
export function tokenize(grammar: IGrammar, text: string): Token[][] {
  const lines = text.split('\n');
  if (lines.at(-1) === '') lines.pop();
  let stack: StateStack = INITIAL;
  return lines.map((line) => {
    const result = grammar.tokenizeLine(line, stack);
    stack = result.ruleStack;
    return result.tokens.map((token) => ({
      text: line.slice(token.startIndex, token.endIndex),
      scopes: token.scopes.filter((scope) => scope !== SCOPE),
    }));
  });
}

/**
 * The golden form: each line, then one row per token with its text (JSON-quoted, so tabs show as
 * \t) and its scopes. Tokens without a scope are listed too, so a change in boundaries shows.
 */
export function formatTokens(text: string, tokens: Token[][]): string {
  const lines = text.split('\n');
  const out: string[] = [];
  tokens.forEach((lineTokens, i) => {
    out.push(`${i + 1}> ${JSON.stringify(lines[i])}`);
    for (const token of lineTokens) {
      out.push(
        `  ${JSON.stringify(token.text)}${token.scopes.length ? ` ${token.scopes.join(' ')}` : ''}`,
      );
    }
  });
  return out.join('\n') + '\n';
}
