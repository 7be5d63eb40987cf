/**
 * The instances of one function: warm reuse (most recently used first, as Lambda tends to), a new
 * instance when all are busy, throttling past the concurrency limit, idle retirement, and recycling
 * when the code changes.
 */
import type { FunctionConfig, InvocationResult, LogRecord } from '../../protocol/lambda';
import { EmulatorError } from '../errors';
import { Instance, type InstanceOptions, type InvocationRequest } from './instance';

export interface PoolOptions {
  config: FunctionConfig;
  /** The account-wide limit that applies when the function has no reserved concurrency. */
  accountConcurrency: number;
  idleTimeoutMs: number;
  /** Makes the options of a new instance (the module override may change between builds). */
  instanceOptions(): Promise<Omit<InstanceOptions, 'onLog' | 'onProcess' | 'generation'>>;
  onLog(record: LogRecord): void;
  onInstance(event: {
    kind: 'started' | 'stopped';
    instance: Instance;
    pid: number | undefined;
    inspectorUrl?: string;
    reason?: string;
  }): void;
}

export class FunctionPool {
  readonly instances: Instance[] = [];
  /** Bumped when the code changes; instances of an older generation are retired. */
  generation = 0;
  private readonly idleTimers = new Map<Instance, NodeJS.Timeout>();
  /** Invocations that have taken a slot but not yet an instance (while building or spawning). */
  private reserving = 0;
  private disposed = false;

  constructor(readonly options: PoolOptions) {}

  get config(): FunctionConfig {
    return this.options.config;
  }

  get busyCount(): number {
    return this.instances.filter((instance) => instance.busy).length + this.reserving;
  }

  async invoke(request: InvocationRequest): Promise<InvocationResult> {
    const instance = await this.acquire();
    const timer = this.idleTimers.get(instance);
    if (timer) clearTimeout(timer);
    this.idleTimers.delete(instance);
    try {
      return await instance.invoke(request);
    } finally {
      if (this.disposed || instance.generation !== this.generation || instance.retired) {
        void this.retire(instance, this.disposed ? 'disposed' : 'recycled');
      } else this.scheduleIdle(instance);
    }
  }

  /** Retires idle instances now and busy ones when their invocation ends. */
  recycle(): void {
    this.generation++;
    for (const instance of [...this.instances])
      if (!instance.busy) void this.retire(instance, 'recycled');
  }

  async dispose(): Promise<void> {
    this.disposed = true;
    for (const timer of this.idleTimers.values()) clearTimeout(timer);
    this.idleTimers.clear();
    await Promise.all([...this.instances].map((instance) => this.retire(instance, 'disposed')));
  }

  private async acquire(): Promise<Instance> {
    const { config, accountConcurrency } = this.options;
    const limit = config.reservedConcurrency ?? accountConcurrency;
    if (this.busyCount >= limit) {
      throw new EmulatorError('TooManyRequestsException', 'Rate Exceeded.', {
        Reason:
          config.reservedConcurrency !== undefined
            ? 'ReservedFunctionConcurrentInvocationLimitExceeded'
            : 'ConcurrentInvocationLimitExceeded',
      });
    }
    // Warm instances first (most recently used), then environments that need a re-init.
    let best: Instance | undefined;
    for (const instance of this.instances) {
      if (instance.busy || instance.retired || instance.generation !== this.generation) continue;
      if (
        !best ||
        (instance.warm && !best.warm) ||
        (instance.warm === best.warm && instance.lastUsed > best.lastUsed)
      ) {
        best = instance;
      }
    }
    if (best) {
      best.busy = true;
      return best;
    }
    this.reserving++;
    try {
      const generation = this.generation;
      const options = await this.options.instanceOptions();
      // The function was removed (or the emulator disposed) while its code was being built.
      if (this.disposed) {
        throw new EmulatorError(
          'ResourceNotFoundException',
          `Function not found: ${this.config.name}`,
        );
      }
      const instance: Instance = new Instance({
        ...options,
        generation,
        onLog: (record) => this.options.onLog(record),
        onProcess: (event) => {
          if (event.kind === 'started') {
            this.options.onInstance({
              kind: 'started',
              instance,
              pid: event.pid,
              inspectorUrl: event.inspectorUrl,
            });
          }
        },
      });
      instance.busy = true;
      this.instances.push(instance);
      return instance;
    } finally {
      this.reserving--;
    }
  }

  private scheduleIdle(instance: Instance): void {
    const timer = setTimeout(() => {
      this.idleTimers.delete(instance);
      if (!instance.busy) void this.retire(instance, 'idle');
    }, this.options.idleTimeoutMs);
    timer.unref();
    this.idleTimers.set(instance, timer);
  }

  private async retire(instance: Instance, reason: string): Promise<void> {
    const index = this.instances.indexOf(instance);
    if (index === -1) return;
    this.instances.splice(index, 1);
    const timer = this.idleTimers.get(instance);
    if (timer) clearTimeout(timer);
    this.idleTimers.delete(instance);
    const pid = instance.pid;
    await instance.retire();
    this.options.onInstance({ kind: 'stopped', instance, pid, reason });
  }
}
