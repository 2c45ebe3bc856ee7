import { describe, expect, it } from 'vitest';
import { filtersQuery, parseDashboardQuery, resolveDashboardFilters, scopeOf } from './filters';

const fall = {
  id: '11111111-1111-4111-8111-111111111111',
  name: 'Fall 2026',
  startDate: '2026-09-08',
  endDate: '2026-12-18',
};
const spring = {
  id: '22222222-2222-4222-8222-222222222222',
  name: 'Spring 2027',
  startDate: '2027-01-11',
  endDate: '2027-05-14',
};
const site = '33333333-3333-4333-8333-333333333333';
const options = { cycles: [spring, fall], today: '2026-11-26', siteIds: [site], providerIds: [] };

describe('parseDashboardQuery', () => {
  it('keeps valid fields and names the ones it drops', () => {
    const parsed = parseDashboardQuery({
      cycle: fall.id,
      subject: 'SCIENCE',
      grade: '3',
      site: 'not-a-uuid',
      from: ['2026-09-14', '2026-10-05'],
      provider: '',
    });
    expect(parsed.query).toEqual({ cycle: fall.id, grade: 3, from: '2026-09-14' });
    expect(parsed.ignored).toEqual(['site', 'subject']);
  });

  it('refuses grades outside PK–12', () => {
    expect(parseDashboardQuery({ grade: '13' }).ignored).toEqual(['grade']);
    expect(parseDashboardQuery({ grade: '-1' }).query.grade).toBe(-1);
  });
});

describe('resolveDashboardFilters', () => {
  it('defaults to the cycle running today, from its first week to the last complete week', () => {
    // Thursday Nov 26: the week of Nov 23 is unfinished; the last complete one began Nov 16.
    const { filters, ignored } = resolveDashboardFilters(parseDashboardQuery({}), options);
    expect(filters).toMatchObject({ cycle: fall, fromWeek: '2026-09-07', toWeek: '2026-11-16' });
    expect(filters!.weeks.at(-1)).toBe('2026-12-14');
    expect(ignored).toEqual([]);
  });

  it('snaps a date to its Monday, orders the range, and drops weeks outside the cycle or unknown sites', () => {
    const { filters, ignored } = resolveDashboardFilters(
      parseDashboardQuery({ from: '2026-11-12', to: '2026-10-01', site: '44444444-4444-4444-8444-444444444444' }),
      options,
    );
    expect([filters!.fromWeek, filters!.toWeek]).toEqual(['2026-09-28', '2026-11-09']);
    expect(filters!.siteId).toBeUndefined();
    expect(ignored).toEqual(['site']);
    expect(
      resolveDashboardFilters(parseDashboardQuery({ cycle: spring.id, to: '2026-11-16' }), options).ignored,
    ).toEqual(['last week']);
  });

  it('ends on the week that ended yesterday on a Monday, on the last week of a finished cycle, and on the first week before any has ended', () => {
    expect(resolveDashboardFilters(parseDashboardQuery({}), { ...options, today: '2026-11-30' }).filters!.toWeek).toBe(
      '2026-11-23',
    );
    expect(resolveDashboardFilters(parseDashboardQuery({}), { ...options, today: '2027-01-04' }).filters).toMatchObject(
      { cycle: fall, toWeek: '2026-12-14' },
    );
    expect(resolveDashboardFilters(parseDashboardQuery({}), { ...options, today: '2026-09-10' }).filters).toMatchObject(
      { fromWeek: '2026-09-07', toWeek: '2026-09-07' },
    );
  });

  it('has nothing to show without a cycle', () => {
    expect(resolveDashboardFilters(parseDashboardQuery({}), { ...options, cycles: [] }).filters).toBeNull();
  });
});

describe('scopeOf and filtersQuery', () => {
  const { filters } = resolveDashboardFilters(
    parseDashboardQuery({ cycle: fall.id, from: '2026-11-09', to: '2026-11-09', site, subject: 'ELA', grade: '0' }),
    options,
  );

  it('turns the filters into whole weeks of the metrics scope', () => {
    expect(scopeOf(filters!)).toEqual({
      cycleId: fall.id,
      from: '2026-11-09',
      to: '2026-11-15',
      siteIds: [site],
      subject: 'ELA',
      grades: [0],
      providerId: undefined,
      groupId: undefined,
      studentId: undefined,
    });
    expect(scopeOf(filters!, { siteIds: ['x'] }).siteIds).toEqual(['x']);
  });

  it('writes the same filters back into a link', () => {
    const query = filtersQuery(filters!, { table: 'weekly' });
    expect(Object.fromEntries(new URLSearchParams(query))).toEqual({
      cycle: fall.id,
      from: '2026-11-09',
      to: '2026-11-09',
      site,
      subject: 'ELA',
      grade: '0',
      table: 'weekly',
    });
  });
});
