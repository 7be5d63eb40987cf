/** How the CLI prints Lambda logs: the raw log text on stderr, as `sam local` does. */
import type { LogRecord } from '../protocol/lambda';

export function writeLogRecord(
  record: LogRecord,
  stream: NodeJS.WritableStream = process.stderr,
): void {
  stream.write(record.text + '\n');
}
