/** A minimal typed event, vscode-free (house-style.md principle 2): subscribe, get a disposable. */

export interface Disposable {
  dispose(): void;
}

export type Event<T> = (listener: (value: T) => void) => Disposable;

export class Emitter<T> {
  private listeners: Array<(value: T) => void> = [];

  readonly event: Event<T> = (listener) => {
    this.listeners.push(listener);
    return {
      dispose: () => {
        this.listeners = this.listeners.filter((candidate) => candidate !== listener);
      },
    };
  };

  get hasListeners(): boolean {
    return this.listeners.length > 0;
  }

  fire(value: T): void {
    for (const listener of this.listeners) {
      try {
        listener(value);
      } catch (error) {
        // A subscriber's bug must not break the emulator or the other subscribers.
        console.error('Lambda Workbench: an event listener failed:', error);
      }
    }
  }

  dispose(): void {
    this.listeners = [];
  }
}
