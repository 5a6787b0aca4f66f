import type Database from 'better-sqlite3';

/** Rows one `INSERT` statement of a {@link RowAppender} carries at most. */
export const ROWS_PER_INSERT = 32;

/**
 * Appends rows to one table with multi-row `INSERT … VALUES (…), (…), …` statements: rows are
 * gathered with {@link add} and written, in the order they were added, once
 * {@link ROWS_PER_INSERT} are waiting or on {@link flush}. A group commit's hundreds of entry
 * and idempotency rows then cost a few dozen calls into SQLite instead of one call (with its
 * binding and statement reset) per row. Meant to be used inside one transaction: whatever was
 * added but not flushed when the transaction fails is dropped with {@link clear}.
 */
export class RowAppender {
  /** The queued rows' values, filled in place (a full statement binds this array as it is). */
  private readonly args: unknown[];
  private rows = 0;
  /** `INSERT` statements by their number of rows, prepared when first needed. */
  private readonly statements: (Database.Statement | undefined)[] = [];

  /** `columns`: the table's columns, four (the rows {@link add} takes). */
  constructor(
    private readonly db: Database.Database,
    private readonly table: string,
    private readonly columns: readonly [string, string, string, string],
  ) {
    this.args = new Array<unknown>(ROWS_PER_INSERT * columns.length).fill(null);
  }

  /** Queues one row: its values in the order of the columns. */
  add(a: unknown, b: unknown, c: unknown, d: unknown): void {
    const at = this.rows * 4;
    this.args[at] = a;
    this.args[at + 1] = b;
    this.args[at + 2] = c;
    this.args[at + 3] = d;
    this.rows += 1;
    if (this.rows === ROWS_PER_INSERT) this.flush();
  }

  /** Writes the queued rows. */
  flush(): void {
    const rows = this.rows;
    if (rows === 0) return;
    this.rows = 0;
    this.statement(rows).run(rows === ROWS_PER_INSERT ? this.args : this.args.slice(0, rows * 4));
    // The values go with the statement's run: the array keeps no row alive until it is filled again.
    this.args.fill(null);
  }

  /** Drops the queued rows without writing them. */
  clear(): void {
    this.rows = 0;
    this.args.fill(null);
  }

  private statement(rows: number): Database.Statement {
    let statement = this.statements[rows];
    if (!statement) {
      const row = `(${this.columns.map(() => '?').join(', ')})`;
      statement = this.db.prepare(`INSERT INTO ${this.table} (${this.columns.join(', ')}) VALUES ${Array(rows).fill(row).join(', ')}`);
      this.statements[rows] = statement;
    }
    return statement;
  }
}
