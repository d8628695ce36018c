import type pg from 'pg';

/**
 * Reading large `bytea` values fast. node-postgres reads bytea as text (`\x` + hex): a 58 MB document arrives as
 * 116 MB of hex that is decoded to a string and parsed again (seconds). `COPY (SELECT ...) TO STDOUT (FORMAT
 * binary)` sends the raw bytes instead. node-postgres has no COPY API of its own, but accepts "submittable" queries
 * (the extension point pg-copy-streams uses): CopyOut below collects the CopyData messages of one such COPY.
 *
 * COPY takes no bind parameters, so callers build the statement with sqlLiteral() around each value.
 */

/**
 * The first row of `SELECT ...` as raw field values (each a fresh, 8-byte-aligned Uint8Array, or null for SQL NULL),
 * or null when there is no row.
 */
export async function copyOutRow(client: pg.PoolClient | pg.Client, select: string): Promise<(Uint8Array | null)[] | null> {
  const raw = await new Promise<Buffer>((resolve, reject) => {
    client.query(new CopyOut(`COPY (${select}) TO STDOUT (FORMAT binary)`, (error, data) => (error ? reject(error) : resolve(data!))));
  });
  return parseFirstCopyRow(raw);
}

interface CopyDataMessage {
  chunk: Buffer;
}

/**
 * A node-postgres submittable that runs one COPY ... TO STDOUT and collects its data. It ends through `callback`,
 * which the client wraps when a query_timeout is set: the wrapper clears the timeout's timer, so a submittable that
 * resolved by another way would leave that timer (65 s) holding the process open after every read.
 */
class CopyOut implements pg.Submittable {
  private readonly chunks: Buffer[] = [];
  private ended = false;

  constructor(
    private readonly text: string,
    public callback: (error: Error | null, data?: Buffer) => void,
  ) {}

  private end(error: Error | null, data?: Buffer): void {
    if (this.ended) return;
    this.ended = true;
    this.callback(error, data);
  }

  submit(connection: pg.Connection): void {
    connection.query(this.text);
  }

  handleCopyData(message: CopyDataMessage): void {
    // The chunk may be a view into the protocol parser's buffer, which is reused: copy it.
    this.chunks.push(Buffer.from(message.chunk));
  }

  /** A server error (ReadyForQuery follows) or a lost connection (nothing follows): either way the read failed. */
  handleError(error: Error): void {
    this.end(error);
  }

  handleCommandComplete(): void {
    // the end of the data; the result is delivered on ReadyForQuery
  }

  handleEmptyQuery(): void {
    // not sent for COPY
  }

  handleRowDescription(): void {
    // not sent for COPY
  }

  handleDataRow(): void {
    // not sent for COPY
  }

  handleReadyForQuery(): void {
    this.end(null, this.chunks.length === 1 ? this.chunks[0]! : Buffer.concat(this.chunks));
  }
}

const SIGNATURE = Buffer.from('PGCOPY\n\xff\r\n\0', 'latin1');

/** The first row of a binary COPY stream (see copyOutRow). */
export function parseFirstCopyRow(raw: Buffer): (Uint8Array | null)[] | null {
  if (raw.length < 19 || !raw.subarray(0, 11).equals(SIGNATURE)) throw new Error('not a binary COPY stream');
  let at = 11 + 4; // signature, flags
  at += 4 + raw.readUInt32BE(at); // header extension
  const fields = raw.readInt16BE(at);
  at += 2;
  if (fields === -1) return null; // trailer: no row
  const row: (Uint8Array | null)[] = [];
  for (let f = 0; f < fields; f++) {
    const length = raw.readInt32BE(at);
    at += 4;
    if (length === -1) {
      row.push(null);
      continue;
    }
    if (at + length > raw.length) throw new Error('truncated binary COPY stream');
    const value = new Uint8Array(length);
    value.set(raw.subarray(at, at + length));
    row.push(value);
    at += length;
  }
  return row;
}
