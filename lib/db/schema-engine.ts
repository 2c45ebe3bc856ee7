// Prisma's schema engine compiled to WebAssembly, driven through the pg driver
// adapter: migrations run with no native engine binary and no network.
import { readFileSync, readdirSync, existsSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { PrismaPg } from '@prisma/adapter-pg';
import pg from 'pg';
import {
  DriverAdapterError,
  bindMigrationAwareSqlAdapterFactory,
  type ErrorRegistry,
  type SqlDriverAdapter,
  type SqlMigrationAwareDriverAdapterFactory,
} from '@prisma/driver-adapter-utils';
import * as bindings from '@prisma/schema-engine-wasm/schema_engine_bg';
import type { MigrationList, SchemaEngine } from '@prisma/schema-engine-wasm';

export const SCHEMA_PATH = path.resolve('prisma/schema.prisma');
export const MIGRATIONS_DIR = path.resolve('prisma/migrations');
export const NO_FILTER = { externalTables: [], externalEnums: [] };

let wasmReady = false;

// The engine reports a Rust panic through this global before throwing.
const panicRegistry = {
  message: '',
  set_message(message: string) {
    this.message = `schema engine panic: ${message}`;
  },
};

function loadWasm(): void {
  if (wasmReady) return;
  (globalThis as { PRISMA_WASM_PANIC_REGISTRY?: typeof panicRegistry }).PRISMA_WASM_PANIC_REGISTRY = panicRegistry;
  const require = createRequire(import.meta.url);
  const bindingsPath = require.resolve('@prisma/schema-engine-wasm/schema_engine_bg');
  const wasmPath = path.join(path.dirname(bindingsPath), 'schema_engine_bg.wasm');
  const compiled = new WebAssembly.Module(readFileSync(wasmPath));
  const instance = new WebAssembly.Instance(compiled, {
    './schema_engine_bg.js': bindings as unknown as WebAssembly.ModuleImports,
  });
  bindings.__wbg_set_wasm(instance.exports);
  (instance.exports.__wbindgen_start as () => void)();
  wasmReady = true;
}

export function schemaFiles(): { path: string; content: string }[] {
  return [{ path: SCHEMA_PATH, content: readFileSync(SCHEMA_PATH, 'utf8') }];
}

export function readMigrations(dir = MIGRATIONS_DIR): MigrationList {
  const directories = existsSync(dir)
    ? readdirSync(dir)
        .filter((name) => statSync(path.join(dir, name)).isDirectory())
        .sort()
        .map((name) => {
          const file = path.join(dir, name, 'migration.sql');
          return {
            path: name,
            migrationFile: {
              path: 'migration.sql',
              content: existsSync(file)
                ? { tag: 'ok' as const, value: readFileSync(file, 'utf8') }
                : { tag: 'error' as const, value: `${file} is missing` },
            },
          };
        })
    : [];
  const lockPath = path.join(dir, 'migration_lock.toml');
  return {
    baseDir: dir,
    lockfile: { path: 'migration_lock.toml', content: existsSync(lockPath) ? readFileSync(lockPath, 'utf8') : null },
    shadowDbInitScript: '',
    migrationDirectories: directories,
  };
}

export interface EngineHandle {
  engine: SchemaEngine;
  /** Frees the engine and ends its connections (a database copied as a template must have none). */
  close(): Promise<void>;
  /** The database's own error behind an engine failure, where there is one. */
  explain(error: unknown): unknown;
}

const PG_CHAR = 18;
const PG_TEXT = 25;
const CHARACTER_COLUMN = 6; // ColumnTypeEnum.Character

// Columns of Postgres's one-byte "char" type in the last catalog query. The pg
// adapter cannot map that type, so it is relabelled text for the adapter and
// reported to the engine as a character column (the engine runs one query at a time).
let lastCharColumns: string[] = [];

function labelCharAsText<T>(result: T): T {
  const fields = (result as pg.QueryResult | undefined)?.fields ?? [];
  lastCharColumns = fields.filter((f) => f.dataTypeID === PG_CHAR).map((f) => f.name);
  for (const field of fields) if (field.dataTypeID === PG_CHAR) field.dataTypeID = PG_TEXT;
  return result;
}

class CatalogFriendlyClient extends pg.Client {
  override query(...args: unknown[]): never {
    const result = (super.query as (...a: unknown[]) => unknown)(...args);
    return (result instanceof Promise ? result.then(labelCharAsText) : result) as never;
  }
}

class CatalogFriendlyPool extends pg.Pool {
  override query(...args: unknown[]): never {
    const result = (super.query as (...a: unknown[]) => unknown)(...args);
    return (result instanceof Promise ? result.then(labelCharAsText) : result) as never;
  }
}

// Also: the pg adapter runs a script by splitting it on ";", which breaks PL/pgSQL
// bodies. Postgres runs a multi-statement simple query as one implicit
// transaction, so sending the script whole also makes each migration atomic.
function forSchemaEngine(adapter: SqlDriverAdapter, pool: pg.Pool): SqlDriverAdapter {
  const queryRaw = adapter.queryRaw.bind(adapter);
  adapter.queryRaw = async (query) => {
    const result = await queryRaw(query);
    const charColumns = lastCharColumns;
    result.columnNames.forEach((name, i) => {
      if (charColumns.includes(name)) result.columnTypes[i] = CHARACTER_COLUMN;
    });
    return result;
  };
  adapter.executeScript = async (script: string) => {
    try {
      await pool.query(script);
    } catch (error) {
      const e = error as pg.DatabaseError;
      throw new DriverAdapterError({
        kind: 'postgres',
        code: e.code ?? 'unknown',
        severity: e.severity ?? 'ERROR',
        message: e.message,
        detail: e.detail,
        column: e.column,
        hint: e.hint,
      });
    }
  };
  return adapter;
}

export async function openSchemaEngine(connectionString: string): Promise<EngineHandle> {
  loadWasm();
  const pool = new CatalogFriendlyPool({ connectionString, Client: CatalogFriendlyClient, max: 2 });
  const pgFactory = new PrismaPg(pool, { disposeExternalPool: true });
  const wholeScripts: SqlMigrationAwareDriverAdapterFactory = {
    provider: pgFactory.provider,
    adapterName: pgFactory.adapterName,
    connect: async () => forSchemaEngine(await pgFactory.connect(), pool),
    connectToShadowDb: () => pgFactory.connectToShadowDb(),
  };
  const factory = bindMigrationAwareSqlAdapterFactory(wholeScripts);
  const datamodels = schemaFiles().map((f) => [f.path, f.content] as [string, string]);
  const log = process.env.SCHEMA_ENGINE_DEBUG ? (line: string) => console.error(line) : () => {};
  try {
    const engine = await bindings.SchemaEngine.new({ datamodels }, log, factory);
    return {
      engine,
      explain: (error: unknown) => explainEngineError(factory.errorRegistry, error),
      close: async () => {
        engine.free();
        await pool.end().catch(() => {});
      },
    };
  } catch (error) {
    throw explainEngineError(factory.errorRegistry, error);
  }
}

/**
 * SQL that would bring a database built from the migrations up to schema.prisma.
 * Empty when they agree. The migrations are replayed on a throwaway in-memory
 * PGlite (our shadow database), so this needs no server and no CREATE DATABASE.
 */
export async function diffMigrationsToSchema(): Promise<string> {
  const { startEmbeddedPostgres } = await import('./embedded');
  const shadow = await startEmbeddedPostgres();
  try {
    const { engine, close } = await openSchemaEngine(shadow.url);
    try {
      await engine.applyMigrations({ migrationsList: readMigrations(), filters: NO_FILTER });
      const result = await engine.diff({
        from: { tag: 'schemaDatasource', files: schemaFiles(), configDir: process.cwd() },
        to: { tag: 'schemaDatamodel', files: schemaFiles() },
        script: true,
        exitCode: true,
        filters: NO_FILTER,
      });
      return result.exitCode === 0 ? '' : (result.stdout ?? '');
    } finally {
      await close();
    }
  } finally {
    await shadow.stop();
  }
}

function explainEngineError(registry: ErrorRegistry, error: unknown): unknown {
  const id = (error as { id?: unknown })?.id;
  const recorded = typeof id === 'number' ? registry.consumeError(id)?.error : undefined;
  if (recorded) return recorded;
  const message = String((error as Error)?.message ?? '');
  const dbLine = /Error querying the database: (.*)/.exec(message)?.[1];
  return dbLine ? new Error(dbLine) : withPanic(error);
}

function withPanic(error: unknown): unknown {
  if (!panicRegistry.message) return error;
  const message = panicRegistry.message;
  panicRegistry.message = '';
  return new Error(message);
}
