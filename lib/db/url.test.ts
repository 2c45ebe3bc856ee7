import { afterEach, describe, expect, it } from 'vitest';
import { DatabaseUrlError, describeDbError, parseDatabaseUrl, requireDatabaseUrl } from './url';

const saved = process.env.DATABASE_URL;
afterEach(() => {
  if (saved === undefined) delete process.env.DATABASE_URL;
  else process.env.DATABASE_URL = saved;
});

describe('parseDatabaseUrl', () => {
  it('accepts postgres and postgresql URLs', () => {
    expect(parseDatabaseUrl('postgresql://postgres@127.0.0.1:5432/test').hostname).toBe('127.0.0.1');
    expect(parseDatabaseUrl('postgres://u:p@db.internal/app?sslmode=require').pathname).toBe('/app');
  });

  it.each([
    ['not a url', /not a valid URL/],
    ['mysql://root@localhost/test', /must start with postgresql:\/\//],
    ['postgresql://localhost', /names no database/],
    ['postgresql:///test', /has no host/],
  ])('rejects %s with a specific message', (value, message) => {
    expect(() => parseDatabaseUrl(value)).toThrow(DatabaseUrlError);
    expect(() => parseDatabaseUrl(value)).toThrow(message);
  });
});

describe('requireDatabaseUrl', () => {
  it('says how to get a database when DATABASE_URL is missing', () => {
    delete process.env.DATABASE_URL;
    expect(() => requireDatabaseUrl()).toThrow(/DATABASE_URL is not set/);
  });
});

describe('describeDbError', () => {
  it('turns connection failures into one actionable line', () => {
    process.env.DATABASE_URL = 'postgresql://postgres@10.9.9.9:6543/district';
    expect(describeDbError(Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }))).toBe(
      'cannot reach the database at 10.9.9.9:6543/district (connection refused). Is PostgreSQL running?',
    );
    expect(describeDbError(Object.assign(new Error('x'), { code: '3D000' }))).toMatch(/does not exist/);
    expect(describeDbError(new Error('first line\nsecond line'))).toBe('first line');
  });
});
