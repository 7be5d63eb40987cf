/**
 * Keeps an invocation's log records within a memory budget: every record up to the budget, then
 * only the most recent ones (so END/REPORT and the 4 KB tail are always there), counting what was
 * dropped in between. Subscribers see every record as it is printed; only this copy is capped.
 */
import type { LogRecord } from '../../protocol/lambda';

export class LogBuffer {
  private readonly head: LogRecord[] = [];
  private headBytes = 0;
  private tail: LogRecord[] = [];
  private tailBytes = 0;
  dropped = 0;

  constructor(
    private readonly headBudget = 1024 * 1024,
    private readonly tailBudget = 256 * 1024,
  ) {}

  add(record: LogRecord): void {
    const size = record.text.length + 64;
    if (this.tail.length === 0 && this.headBytes + size <= this.headBudget) {
      this.head.push(record);
      this.headBytes += size;
      return;
    }
    this.tail.push(record);
    this.tailBytes += size;
    while (this.tailBytes > this.tailBudget && this.tail.length > 1) {
      const removed = this.tail.shift()!;
      this.tailBytes -= removed.text.length + 64;
      this.dropped++;
    }
  }

  records(): LogRecord[] {
    return this.tail.length ? this.head.concat(this.tail) : this.head;
  }
}
