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
  private readonly args: unknown[] = [];
  private rows = 0;
  /** `INSERT` statements by their number of rows, prepared when first needed. */
  private readonly statements: (Database.Statement | undefined)[] = [];

  constructor(
    private readonly db: Database.Database,
    private readonly table: string,
    private readonly columns: readonly string[],
  ) {}

  /** Queues one row: its values in the order of the columns. */
  add(...values: unknown[]): void {
    for (const value of values) this.args.push(value);
    this.rows += 1;
    if (this.rows === ROWS_PER_INSERT) this.flush();
  }

  /** Writes the queued rows. */
  flush(): void {
    if (this.rows === 0) return;
    this.statement(this.rows).run(this.args);
    this.clear();
  }

  /** Drops the queued rows without writing them. */
  clear(): void {
    this.args.length = 0;
    this.rows = 0;
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
