import { Duplex } from 'node:stream';

/** How a stream hands its bytes to the embedded database's thread. */
export interface WorkerLink {
  /** Resolves when the database thread is ready to take a connection; rejects when it cannot. */
  ready(): Promise<void>;
  send(connection: number, bytes: Uint8Array): void;
  close(connection: number): void;
}

let nextConnection = 1;

/**
 * One connection of the `pg` driver to the embedded database, carried over the database thread's
 * message port instead of a socket. It offers what `pg` asks of a socket (connect, setNoDelay,
 * setKeepAlive, ref, unref) and gathers the driver's writes of one tick into one message.
 */
export class EmbeddedStream extends Duplex {
  readonly connection = nextConnection++;
  private readonly link: WorkerLink;
  private pending: Buffer[] = [];
  private pendingLength = 0;
  private flushing = false;
  private opened = false;

  constructor(link: WorkerLink) {
    super();
    this.link = link;
  }

  connect(): this {
    this.link.ready().then(
      () => {
        if (this.destroyed) return;
        this.opened = true;
        this.emit('connect');
      },
      (error: Error) => this.destroy(error),
    );
    return this;
  }

  setNoDelay(): this {
    return this;
  }

  setKeepAlive(): this {
    return this;
  }

  ref(): this {
    return this;
  }

  unref(): this {
    return this;
  }

  /** What the database answered, for the driver to read. */
  receive(bytes: Uint8Array): void {
    this.push(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length));
  }

  override _read(): void {}

  override _write(chunk: Buffer, _encoding: BufferEncoding, callback: (error?: Error | null) => void): void {
    this.pending.push(chunk);
    this.pendingLength += chunk.length;
    if (!this.flushing) {
      this.flushing = true;
      queueMicrotask(() => this.flush());
    }
    callback();
  }

  private flush() {
    this.flushing = false;
    if (this.destroyed || this.pendingLength === 0) return;
    const bytes = new Uint8Array(this.pendingLength);
    let at = 0;
    for (const chunk of this.pending) {
      bytes.set(chunk, at);
      at += chunk.length;
    }
    this.pending = [];
    this.pendingLength = 0;
    this.link.send(this.connection, bytes);
  }

  override _final(callback: (error?: Error | null) => void): void {
    this.flush();
    callback();
    this.push(null);
  }

  override _destroy(error: Error | null, callback: (error?: Error | null) => void): void {
    if (this.opened) this.link.close(this.connection);
    callback(error);
  }
}
