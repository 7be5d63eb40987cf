/**
 * The `LogResult` tail: the last 4 KB of an invocation's log text, as `X-Amz-Log-Result` carries it
 * (base64). Pure: no Node built-ins beyond the global Buffer.
 */
import { LIMITS, type LogRecord } from '../../protocol/lambda';

/** The log text of records as CloudWatch stores it: every record ends with a newline. */
export function logText(records: readonly LogRecord[]): string {
  let text = '';
  for (const record of records) text += record.text + '\n';
  return text;
}

/**
 * The last 4096 bytes of the log text, base64-encoded. Like LocalStack we cut at a byte boundary;
 * how AWS cuts is unconfirmed (lambda-runtime-spec.md §12 item 11).
 */
export function logTailBase64(records: readonly LogRecord[]): string {
  const bytes = Buffer.from(logText(records), 'utf8');
  const start = Math.max(0, bytes.length - LIMITS.logTailBytes);
  return bytes.subarray(start).toString('base64');
}
