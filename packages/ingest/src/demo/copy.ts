// COPY … FROM STDIN through node-postgres without an extra dependency: pg accepts any "submittable" object, so
// this one sends the COPY statement, streams the rows in text format and settles when the server is ready again.
// COPY is the fastest way into PostgreSQL: millions of indicator values load in seconds.
import type pg from 'pg';

interface Connection {
  query(text: string): void;
  sendCopyFromChunk(chunk: Buffer): void;
  endCopyFrom(): void;
  sendCopyFail(msg: string): void;
}

class CopyIn {
  rowCount = 0;
  private settled = false;
  readonly done: Promise<number>;
  private resolve!: (n: number) => void;
  private reject!: (e: Error) => void;

  constructor(private readonly text: string, private readonly chunks: () => Iterable<string>) {
    this.done = new Promise<number>((res, rej) => {
      this.resolve = res;
      this.reject = rej;
    });
  }

  submit(con: Connection): void {
    con.query(this.text);
  }

  handleCopyInResponse(con: Connection): void {
    try {
      for (const chunk of this.chunks()) con.sendCopyFromChunk(Buffer.from(chunk, 'utf8'));
      con.endCopyFrom();
    } catch (e) {
      con.sendCopyFail(`error al preparar los datos: ${(e as Error).message}`);
    }
  }

  handleCommandComplete(msg: { text?: string }): void {
    const m = /COPY (\d+)/.exec(msg.text ?? '');
    if (m) this.rowCount = Number(m[1]);
  }

  handleReadyForQuery(): void {
    if (!this.settled) {
      this.settled = true;
      this.resolve(this.rowCount);
    }
  }

  handleError(err: Error): void {
    if (!this.settled) {
      this.settled = true;
      this.reject(err);
    }
  }

  handleRowDescription(): void {}
  handleDataRow(): void {}
  handleEmptyQuery(): void {}
  handlePortalSuspended(): void {}
  handleCopyData(): void {}
}

/** One field in COPY text format: \N for NULL, backslash escapes for the characters COPY treats specially. */
function field(x: unknown): string {
  if (x === null || x === undefined) return '\\N';
  if (typeof x === 'number') return String(x);
  if (typeof x === 'boolean') return x ? 't' : 'f';
  const s = String(x);
  return /[\\\t\n\r]/.test(s) ? s.replace(/[\\\t\n\r]/g, (c) => ({ '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' })[c]!) : s;
}

/**
 * Streams rows into `table (columns)` with COPY FROM STDIN in the caller's transaction; returns the rows copied.
 * `table` and `columns` are trusted identifiers written in code, never user input.
 */
export async function copyRows<R>(client: pg.ClientBase, table: string, columns: { name: string; get: (r: R) => unknown }[], rows: readonly R[]): Promise<number> {
  if (!rows.length) return 0;
  const text = `COPY ${table} (${columns.map((c) => c.name).join(', ')}) FROM STDIN`;
  const chunks = function* (): Iterable<string> {
    let buf: string[] = [];
    let size = 0;
    for (const r of rows) {
      const line = columns.map((c) => field(c.get(r))).join('\t') + '\n';
      buf.push(line);
      size += line.length;
      if (size > 1 << 20) {
        yield buf.join('');
        buf = [];
        size = 0;
      }
    }
    if (buf.length) yield buf.join('');
  };
  const q = new CopyIn(text, chunks);
  (client as unknown as { query(q: CopyIn): unknown }).query(q);
  return q.done;
}
