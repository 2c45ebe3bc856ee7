// The audit log: filters from the address, keyset pages newest first, days in the district's zone.
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { auditChanges } from '../../lib/audit/diff';
import { AUDIT_PAGE_SIZE, auditLogPage } from '../../lib/audit/queries';
import { parseAuditSearch } from '../../lib/audit/schemas';
import { db } from '../../lib/db';
import { pgPoolForTests, truncateAll } from '../setup/db-client';

const pool = pgPoolForTests(1);
afterAll(() => pool.end());

const CHICAGO = 'America/Chicago';
let adaId: string;
let bobId: string;

beforeEach(async () => {
  await truncateAll(pool);
  adaId = (
    await db.user.create({ data: { email: 'ada.admin@test.example', name: 'Ada Admin', role: 'DISTRICT_ADMIN' } })
  ).id;
  bobId = (await db.user.create({ data: { email: 'bob@test.example', name: 'Bob Boss', role: 'DISTRICT_ADMIN' } })).id;
  await db.auditEvent.createMany({
    data: [
      // 04:30 UTC on March 10 is still March 9 in Chicago.
      {
        at: new Date('2026-03-10T04:30:00Z'),
        actorId: adaId,
        action: 'users.create',
        entityType: 'user',
        entityId: bobId,
        after: { name: 'Bob Boss' },
      },
      {
        at: new Date('2026-03-10T15:00:00Z'),
        actorId: bobId,
        action: 'settings.update',
        entityType: 'district_settings',
        entityId: '1',
        before: { maxGroupSize: 4 },
        after: { maxGroupSize: 3 },
      },
      {
        at: new Date('2026-03-11T15:00:00Z'),
        actorId: adaId,
        action: 'users.update',
        entityType: 'user',
        entityId: bobId,
        before: { name: 'Bob Boss' },
        after: { name: 'Robert Boss' },
      },
      {
        at: new Date('2026-03-12T15:00:00Z'),
        actorId: null,
        action: 'roster.import',
        entityType: 'student',
        entityId: 'S-1',
      },
    ],
  });
});

async function actions(search: Record<string, string>) {
  const { filters, cursor } = parseAuditSearch(search);
  const page = await auditLogPage(filters, cursor, CHICAGO);
  return page.events.map((e) => e.action);
}

describe('audit log filters', () => {
  it('lists newest first with no filters', async () => {
    expect(await actions({})).toEqual(['roster.import', 'users.update', 'settings.update', 'users.create']);
  });

  it('filters by actor email (contains, any case), action, entity type and entity id', async () => {
    expect(await actions({ actor: 'ADA.ad' })).toEqual(['users.update', 'users.create']);
    expect(await actions({ action: 'settings.update' })).toEqual(['settings.update']);
    expect(await actions({ entityType: 'user' })).toEqual(['users.update', 'users.create']);
    expect(await actions({ entityType: 'user', entityId: bobId, actor: 'ada' })).toEqual([
      'users.update',
      'users.create',
    ]);
    expect(await actions({ entityId: 'S-1' })).toEqual(['roster.import']);
    expect(await actions({ actor: 'nobody' })).toEqual([]);
  });

  it('reads dates as whole days in the district time zone', async () => {
    expect(await actions({ from: '2026-03-10', to: '2026-03-10' })).toEqual(['settings.update']);
    expect(await actions({ to: '2026-03-09' })).toEqual(['users.create']);
    expect(await actions({ from: '2026-03-11' })).toEqual(['roster.import', 'users.update']);
  });

  it('ignores bad values with a note and applies the rest', async () => {
    const search = parseAuditSearch({
      actor: 'ada',
      from: '2026-02-30',
      to: 'yesterday',
      action: 'drop table;',
      entityType: '',
    });
    expect(search.filters).toEqual({ actor: 'ada' });
    expect(search.ignored).toHaveLength(3);
    expect(search.ignored.join(' ')).toMatch(/From date.*2026-02-30/);
    const reversed = parseAuditSearch({ from: '2026-03-12', to: '2026-03-01' });
    expect(reversed.filters).toEqual({});
    expect(reversed.ignored[0]).toMatch(/after the to date/);
    expect(parseAuditSearch({ older: 'not-a-cursor' }).cursor).toBeNull();
  });

  it('shows names for ids and a readable diff of changed keys', async () => {
    const page = await auditLogPage({ action: 'users.create' }, null, CHICAGO);
    const [event] = page.events;
    expect(page.names.get(bobId)).toBe('Bob Boss');
    expect(event!.actor).toEqual({ name: 'Ada Admin', email: 'ada.admin@test.example' });
    expect(auditChanges(event!.before, event!.after)).toEqual([{ key: 'name', before: null, after: 'Bob Boss' }]);
  });
});

describe('audit log pages', () => {
  it('pages through 120 events, 50 at a time, older and back to newer, without gaps or repeats', async () => {
    const base = Date.parse('2026-04-01T12:00:00Z');
    await db.auditEvent.createMany({
      // Two events share each timestamp, so the keyset has to use the id as a tie-break.
      data: Array.from({ length: 120 }, (_, i) => ({
        at: new Date(base + Math.floor(i / 2) * 60_000),
        actorId: adaId,
        action: 'bulk.test',
        entityType: 'thing',
        entityId: `T-${String(i).padStart(3, '0')}`,
      })),
    });
    const filters = { action: 'bulk.test' };
    const first = await auditLogPage(filters, null, CHICAGO);
    expect(first.events).toHaveLength(AUDIT_PAGE_SIZE);
    expect(first.newerCursor).toBeNull();
    const second = await auditLogPage(filters, parseAuditSearch({ older: first.olderCursor! }).cursor, CHICAGO);
    const third = await auditLogPage(filters, parseAuditSearch({ older: second.olderCursor! }).cursor, CHICAGO);
    expect(third.events).toHaveLength(20);
    expect(third.olderCursor).toBeNull();
    const ids = [...first.events, ...second.events, ...third.events].map((e) => e.entityId);
    expect(ids).toEqual(Array.from({ length: 120 }, (_, i) => `T-${String(119 - i).padStart(3, '0')}`));

    const back = await auditLogPage(filters, parseAuditSearch({ newer: third.newerCursor! }).cursor, CHICAGO);
    expect(back.events.map((e) => e.entityId)).toEqual(second.events.map((e) => e.entityId));
    const top = await auditLogPage(filters, parseAuditSearch({ newer: back.newerCursor! }).cursor, CHICAGO);
    expect(top.events.map((e) => e.entityId)).toEqual(first.events.map((e) => e.entityId));
    expect(top.newerCursor).toBeNull();
  });
});
