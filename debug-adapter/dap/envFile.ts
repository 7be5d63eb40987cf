/**
 * Reads a dotenv file (`KEY=value` lines), the format of js-debug's `envFile`: `#` comments, blank
 * lines, an optional `export ` prefix, single-quoted values taken literally, double-quoted values
 * with `\n` escapes, and ` #` comments after unquoted values. Pure; the caller reads the file.
 */

/** A malformed line, with its 1-based number. */
export class EnvFileError extends Error {
  constructor(
    readonly line: number,
    message: string,
  ) {
    super(message);
    this.name = 'EnvFileError';
  }
}

const LINE = /^\s*(?:export\s+)?([A-Za-z_][A-Za-z0-9_.-]*)\s*=\s*(.*?)\s*$/;

export function parseEnvFile(text: string): Record<string, string> {
  const env: Record<string, string> = {};
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  lines.forEach((raw, index) => {
    if (/^\s*(#.*)?$/.test(raw)) return;
    const match = LINE.exec(raw);
    if (!match) {
      throw new EnvFileError(
        index + 1,
        `line ${index + 1} is not KEY=value: ${JSON.stringify(raw.slice(0, 80))}`,
      );
    }
    const [, key, rest] = match as unknown as [string, string, string];
    env[key] = value(rest, index + 1);
  });
  return env;
}

function value(rest: string, line: number): string {
  const quote = rest[0];
  if (quote === '"' || quote === "'") {
    const end = closingQuote(rest, quote);
    if (end === -1) throw new EnvFileError(line, `line ${line} has an unterminated ${quote} quote`);
    const trailing = rest.slice(end + 1).trim();
    if (trailing && !trailing.startsWith('#')) {
      throw new EnvFileError(
        line,
        `line ${line} has text after the closing quote: ${JSON.stringify(trailing)}`,
      );
    }
    const inner = rest.slice(1, end);
    if (quote === "'") return inner;
    const escapes: Record<string, string> = { n: '\n', r: '\r', t: '\t' };
    return inner.replace(/\\(.)/g, (_, char: string) => escapes[char] ?? char);
  }
  const comment = rest.search(/\s#/);
  return (comment === -1 ? rest : rest.slice(0, comment)).trim();
}

/** Index of the quote that closes the value; a backslash escapes a double quote. */
function closingQuote(rest: string, quote: string): number {
  for (let index = 1; index < rest.length; index++) {
    if (quote === '"' && rest[index] === '\\') index++;
    else if (rest[index] === quote) return index;
  }
  return -1;
}
