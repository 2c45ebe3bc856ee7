// DATABASE_URL handling shared by the app, the scripts and the tests.

export class DatabaseUrlError extends Error {}

export function parseDatabaseUrl(value: string): URL {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new DatabaseUrlError('DATABASE_URL is not a valid URL: expected postgresql://user@host:5432/database');
  }
  if (url.protocol !== 'postgresql:' && url.protocol !== 'postgres:') {
    throw new DatabaseUrlError(`DATABASE_URL must start with postgresql:// (got "${url.protocol}//")`);
  }
  if (!url.hostname)
    throw new DatabaseUrlError('DATABASE_URL has no host: expected postgresql://user@host:5432/database');
  if (url.pathname.length <= 1)
    throw new DatabaseUrlError('DATABASE_URL names no database: expected postgresql://user@host:5432/database');
  return url;
}

/** The URL to use; scripts run through scripts/with-db.ts, which sets it for the embedded default. */
export function requireDatabaseUrl(): string {
  const value = process.env.DATABASE_URL;
  if (!value) {
    throw new DatabaseUrlError(
      'DATABASE_URL is not set: run this through `npm run` (which starts the embedded database) or set DATABASE_URL.',
    );
  }
  parseDatabaseUrl(value);
  return value;
}

/** One line a person can act on, for the usual ways a database is out of reach. */
export function describeDbError(error: unknown): string {
  if (error instanceof DatabaseUrlError) return error.message;
  const err = error as { code?: string; message?: string; errno?: string };
  const text = String(err?.message ?? error);
  const host = safeHost();
  if (err?.code === 'ECONNREFUSED' || /ECONNREFUSED/.test(text))
    return `cannot reach the database at ${host} (connection refused). Is PostgreSQL running?`;
  if (err?.code === 'ENOTFOUND' || /ENOTFOUND|EAI_AGAIN/.test(text))
    return `cannot resolve the database host ${host}. Check DATABASE_URL.`;
  if (err?.code === '3D000' || /database .* does not exist/.test(text))
    return `the database in DATABASE_URL does not exist (${host}). Create it first.`;
  if (err?.code === '28P01' || /password authentication failed/.test(text))
    return `the database refused the credentials in DATABASE_URL (${host}).`;
  return (
    text
      .split('\n')
      .find((line) => line.trim())
      ?.trim() ?? 'unknown error'
  );
}

function safeHost(): string {
  try {
    const url = new URL(process.env.DATABASE_URL ?? '');
    return `${url.hostname}:${url.port || '5432'}${url.pathname}`;
  } catch {
    return 'DATABASE_URL';
  }
}
