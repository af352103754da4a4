// Frames the PostgreSQL wire protocol (protocol 3.0) a client sends into whole messages, so that
// the embedded database is given one message at a time.

const PROTOCOL_3 = 196608;
const SSL_REQUEST = 80877103;
const GSS_REQUEST = 80877104;
const CANCEL_REQUEST = 80877102;
/** The client's Terminate message ('X'). */
export const TERMINATE = 0x58;

export interface Frames {
  /** Whole messages, in order, for the database. */
  messages: Uint8Array[];
  /** The bytes of a message not yet complete. */
  rest: Buffer;
  /** The client asked for TLS or GSS encryption before its start-up message; answer "N". */
  sslRequested: boolean;
  /** Whether the start-up message has been seen (every message after it has a type byte). */
  started: boolean;
}

/**
 * Splits what a client has sent so far. Before start-up a message is length-first (the start-up
 * message, or a TLS, GSS or cancel request); after it, every message is a type byte and a length.
 */
export function splitMessages(bytes: Buffer, started: boolean): Frames {
  const messages: Uint8Array[] = [];
  let sslRequested = false;
  let at = 0;
  while (bytes.length - at >= 5 || (!started && bytes.length - at >= 8)) {
    if (!started) {
      const length = bytes.readInt32BE(at);
      if (length < 8) throw new Error('A PostgreSQL start-up message shorter than its header');
      if (bytes.length - at < length) break;
      const code = bytes.readInt32BE(at + 4);
      if (code === SSL_REQUEST || code === GSS_REQUEST) sslRequested = true;
      else if (code === PROTOCOL_3) {
        messages.push(bytes.subarray(at, at + length));
        started = true;
      } else if (code !== CANCEL_REQUEST) throw new Error(`Not a PostgreSQL start-up message (code ${code})`);
      at += length;
      continue;
    }
    const length = 1 + bytes.readInt32BE(at + 1);
    if (length < 5) throw new Error('A PostgreSQL message with a length shorter than its header');
    if (bytes.length - at < length) break;
    messages.push(bytes.subarray(at, at + length));
    at += length;
  }
  return { messages, rest: Buffer.from(bytes.subarray(at)), sslRequested, started };
}
