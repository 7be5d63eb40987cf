/**
 * Splits raw stdout/stderr bytes into lines, one log record each, as CloudWatch does for output
 * written outside the console patch (lambda-runtime-spec.md §5.7). Pure: Buffer only.
 */

/** A line longer than this is cut into pieces so one runaway write cannot grow memory unbounded. */
const MAX_LINE_BYTES = 256 * 1024;

export class LineSplitter {
  private partial = '';
  /** Streaming decode, so a character split across two pipe reads is not broken. */
  private readonly decoder = new TextDecoder('utf-8');

  constructor(private readonly onLine: (line: string) => void) {}

  push(chunk: Buffer): void {
    const text = this.partial + this.decoder.decode(chunk, { stream: true });
    let start = 0;
    for (let newline = text.indexOf('\n'); newline !== -1; newline = text.indexOf('\n', start)) {
      this.onLine(text.slice(start, newline));
      start = newline + 1;
    }
    this.partial = text.slice(start);
    while (this.partial.length > MAX_LINE_BYTES) {
      this.onLine(this.partial.slice(0, MAX_LINE_BYTES));
      this.partial = this.partial.slice(MAX_LINE_BYTES);
    }
  }

  /** Emits a final line without a newline, if any. */
  flush(): void {
    this.partial += this.decoder.decode();
    if (this.partial) this.onLine(this.partial);
    this.partial = '';
  }
}
