// Bulk inserts: rows are buffered and written in batches as one
// INSERT … SELECT FROM unnest(array per column), which serves 600 rows and a
// million alike.
import type { ClientBase } from 'pg';

/** The Postgres type of a column. An array type ("Subject"[]) travels as its text literal. */
export type ColumnType =
  'uuid' | 'text' | 'int' | 'bool' | 'date' | 'timestamptz' | 'numeric' | `"${string}"` | `"${string}"[]`;

export interface ColumnSpec<Row> {
  name: keyof Row & string;
  type: ColumnType;
}

export interface TableSpec<Row> {
  table: string;
  columns: readonly ColumnSpec<Row>[];
  /** The table has an "updatedAt" column without a default: stamp it with the transaction time. */
  stampUpdatedAt: boolean;
}

export interface Flushable {
  flush(): Promise<void>;
}

type CellValue = string | number | boolean | null;

const DEFAULT_BATCH_SIZE = 5_000;

function isArrayType(type: ColumnType): boolean {
  return type.endsWith('[]');
}

/** pg turns a JS array into an array literal, so a nested enum array goes as '{MATH,ELA}' text. */
function cellValue(value: unknown, type: ColumnType): CellValue {
  if (value === null || value === undefined) return null;
  if (isArrayType(type) && Array.isArray(value)) return `{${value.map(String).join(',')}}`;
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value;
  throw new TypeError(`cannot write ${typeof value} to a ${type} column`);
}

export function insertStatement<Row>(spec: TableSpec<Row>): string {
  const names = spec.columns.map((column) => `"${column.name}"`);
  const params = spec.columns.map(
    (column, index) => `$${index + 1}::${isArrayType(column.type) ? 'text' : column.type}[]`,
  );
  const selected = spec.columns.map((column) =>
    isArrayType(column.type) ? `u."${column.name}"::${column.type}` : `u."${column.name}"`,
  );
  if (spec.stampUpdatedAt) {
    names.push('"updatedAt"');
    selected.push('now()');
  }
  return (
    `INSERT INTO "${spec.table}" (${names.join(', ')}) ` +
    `SELECT ${selected.join(', ')} FROM unnest(${params.join(', ')}) AS u(${spec.columns.map((c) => `"${c.name}"`).join(', ')})`
  );
}

export class BulkWriter<Row> implements Flushable {
  private buffer: Row[] = [];
  private readonly statement: string;
  written = 0;

  constructor(
    private readonly client: ClientBase,
    private readonly spec: TableSpec<Row>,
    private readonly options: {
      batchSize?: number;
      /** Writers whose rows this table references: flushed first so foreign keys hold. */
      after?: readonly Flushable[];
      onWrite?: (rows: number) => void;
    } = {},
  ) {
    this.statement = insertStatement(spec);
  }

  async add(row: Row): Promise<void> {
    this.buffer.push(row);
    if (this.buffer.length >= (this.options.batchSize ?? DEFAULT_BATCH_SIZE)) await this.flush();
  }

  async addAll(rows: Iterable<Row>): Promise<void> {
    for (const row of rows) await this.add(row);
  }

  async flush(): Promise<void> {
    for (const dependency of this.options.after ?? []) await dependency.flush();
    if (this.buffer.length === 0) return;
    const rows = this.buffer;
    this.buffer = [];
    const columns = this.spec.columns.map((column) => rows.map((row) => cellValue(row[column.name], column.type)));
    await this.client.query(this.statement, columns);
    this.written += rows.length;
    this.options.onWrite?.(rows.length);
  }
}
