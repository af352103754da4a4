// The messages between the web process and the embedded database's thread.

/** From the web process to the database thread. */
export type ToWorker =
  | { type: 'data'; connection: number; bytes: Uint8Array }
  | { type: 'close'; connection: number }
  | { type: 'dump'; path: string }
  | { type: 'stop' };

/** From the database thread to the web process. */
export type FromWorker =
  | { type: 'ready' }
  | { type: 'data'; connection: number; bytes: Uint8Array }
  | { type: 'failed'; connection: number; message: string }
  | { type: 'dumped' }
  | { type: 'stopped' }
  | { type: 'error'; message: string };
