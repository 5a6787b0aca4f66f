import type { TelemetryRecord } from '../store/store.js';

/** CSV columns, in order: the event's fields, then when it arrived. */
export const CSV_COLUMNS = [
  'id',
  'v',
  'seq',
  'type',
  'room',
  'interaction',
  'kind',
  'viewer',
  'session',
  'at',
  'sdk',
  'variant',
  'code',
  'ms',
  'state',
  'receivedAt',
] as const;

/**
 * One CSV cell (RFC 4180 quoting). A text starting with `=`, `+`, `-`, `@`,
 * tab or carriage return gets a leading `'` so that a spreadsheet does not run
 * it as a formula (CSV injection); numbers are written as they are.
 */
export function csvCell(value: unknown): string {
  if (value === undefined || value === null) return '';
  if (typeof value === 'number') return String(value);
  let text = String(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** The records as CSV: a header row, then one row per event, CRLF line ends. */
export function toCsv(records: readonly TelemetryRecord[]): string {
  const rows = [CSV_COLUMNS.join(',')];
  for (const { event, receivedAt } of records) {
    const fields: Record<string, unknown> = { ...event, receivedAt };
    rows.push(CSV_COLUMNS.map((column) => csvCell(fields[column])).join(','));
  }
  return `${rows.join('\r\n')}\r\n`;
}

/** The records as NDJSON: one event per line, with `receivedAt`. */
export function toNdjson(records: readonly TelemetryRecord[]): string {
  return records.map(({ event, receivedAt }) => `${JSON.stringify({ ...event, receivedAt })}\n`).join('');
}
