/**
 * A minimal Chrome DevTools Protocol client over one WebSocket to a Node.js inspector: commands
 * with promised replies, and events by method name. It is what the inspector observer speaks, and
 * what the DAP tests use to stand in for js-debug. May import `ws` and ../events; never vscode.
 */
import WebSocket from 'ws';
import type { Disposable } from '../events';

/** A CDP command failed on the target's side. */
export class CdpError extends Error {
  constructor(
    /** The command that failed, e.g. `Runtime.evaluate`. */
    readonly method: string,
    /** CDP's error code. */
    readonly code: number,
    message: string,
  ) {
    super(`${method}: ${message}`);
    this.name = 'CdpError';
  }
}

interface Pending {
  method: string;
  resolve(result: unknown): void;
  reject(error: Error): void;
}

interface Incoming {
  id?: number;
  method?: string;
  params?: unknown;
  result?: unknown;
  error?: { code: number; message: string };
}

export class CdpConnection {
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();
  private readonly listeners = new Map<string, Set<(params: unknown) => void>>();
  private readonly closeListeners = new Set<() => void>();
  private isClosed = false;

  private constructor(private readonly socket: WebSocket) {
    socket.on('message', (data: WebSocket.RawData) => this.receive(data));
    socket.on('close', () => this.handleClose());
    // An error is always followed by `close`; without a listener `ws` would throw it.
    socket.on('error', () => undefined);
  }

  /** Opens a session on the inspector at `url` (`ws://127.0.0.1:PORT/UUID`). */
  static connect(url: string, timeoutMs = 5000): Promise<CdpConnection> {
    return new Promise((resolve, reject) => {
      const socket = new WebSocket(url, { perMessageDeflate: false, handshakeTimeout: timeoutMs });
      const fail = (error: Error): void => {
        socket.removeAllListeners();
        socket.on('error', () => undefined);
        socket.terminate();
        reject(new Error(`Cannot connect to the inspector at ${url}: ${error.message}`));
      };
      socket.once('error', fail);
      socket.once('open', () => {
        socket.off('error', fail);
        resolve(new CdpConnection(socket));
      });
    });
  }

  /** True once the socket has closed (the process exited, or we closed it). */
  get closed(): boolean {
    return this.isClosed;
  }

  /** Sends a command; resolves with its result, rejects with CdpError or when the socket closes. */
  send<T = unknown>(method: string, params: object = {}): Promise<T> {
    if (this.isClosed)
      return Promise.reject(new Error(`${method}: the inspector session is closed`));
    const id = this.nextId++;
    return new Promise<T>((resolve, reject) => {
      this.pending.set(id, { method, resolve: resolve as (result: unknown) => void, reject });
      this.socket.send(JSON.stringify({ id, method, params }), (error) => {
        if (!error) return;
        this.pending.delete(id);
        reject(new Error(`${method}: ${error.message}`));
      });
    });
  }

  /** Listens to one event, e.g. `Debugger.paused`. */
  on<T = unknown>(method: string, listener: (params: T) => void): Disposable {
    let set = this.listeners.get(method);
    if (!set) {
      set = new Set();
      this.listeners.set(method, set);
    }
    const entry = listener as (params: unknown) => void;
    set.add(entry);
    return { dispose: () => void set.delete(entry) };
  }

  /** Listens for the socket closing, whoever closed it. */
  onClose(listener: () => void): Disposable {
    if (this.isClosed) {
      queueMicrotask(listener);
      return { dispose: () => undefined };
    }
    this.closeListeners.add(listener);
    return { dispose: () => void this.closeListeners.delete(listener) };
  }

  /** Closes the session; pending commands reject. */
  close(): void {
    if (this.isClosed) return;
    if (this.socket.readyState === WebSocket.CONNECTING) this.socket.terminate();
    else this.socket.close();
    // Node answers the close frame at once; terminate if it cannot (a process frozen or gone).
    setTimeout(() => this.socket.terminate(), 1000).unref();
  }

  private receive(data: WebSocket.RawData): void {
    let message: Incoming;
    try {
      message = JSON.parse(data.toString()) as Incoming;
    } catch {
      return;
    }
    if (message.id !== undefined) {
      const pending = this.pending.get(message.id);
      if (!pending) return;
      this.pending.delete(message.id);
      if (message.error)
        pending.reject(new CdpError(pending.method, message.error.code, message.error.message));
      else pending.resolve(message.result ?? {});
      return;
    }
    if (message.method) {
      for (const listener of [...(this.listeners.get(message.method) ?? [])]) {
        try {
          listener(message.params);
        } catch (error) {
          // A listener's bug must not stop the other listeners or the socket.
          queueMicrotask(() => {
            throw error;
          });
        }
      }
    }
  }

  private handleClose(): void {
    if (this.isClosed) return;
    this.isClosed = true;
    for (const pending of this.pending.values()) {
      pending.reject(new Error(`${pending.method}: the inspector session closed`));
    }
    this.pending.clear();
    for (const listener of [...this.closeListeners]) listener();
    this.closeListeners.clear();
    this.listeners.clear();
  }
}
