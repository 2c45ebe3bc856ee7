import { describe, it, expect } from 'vitest';
import { addDays, isoWeekday, parseIsoDate, weekStart } from '@/lib/dates';
import {
  generateSessions,
  planRegeneration,
  type ExistingSession,
  type GenerationInput,
  type PlannedSession,
  type WeeklyMeeting,
} from './generate';
import { localDateTimeToUtc } from '@/lib/dates/zone';

// Calendar facts used below (worked out by hand): 2026-09-01 is a Tuesday, so
// 2026-09-14 is a Monday; 2026-11-01 is a Sunday; 2027-03-01 is a Monday, so
// 2027-03-14 is a Sunday; 2027-01-01 is a Friday.

const MON = 1;
const TUE = 2;
const WED = 3;
const THU = 4;
const FRI = 5;
const SUN = 7;

const at = (weekday: number, hour: number, minute: number, plannedMinutes = 60): WeeklyMeeting => ({
  weekday,
  startMinute: hour * 60 + minute,
  plannedMinutes,
});

function fallInput(overrides: Partial<GenerationInput>): GenerationInput {
  return {
    meetings: [at(MON, 16, 0)],
    groupStart: '2026-09-14',
    groupEnd: '2026-09-30',
    cycleStart: '2026-09-01',
    cycleEnd: '2026-12-18',
    noSchoolDates: [],
    timeZone: 'America/Chicago',
    ...overrides,
  };
}

/** "date hh:mm" for each session, to compare schedules at a glance. */
function slots(sessions: { date: string; startMinute: number }[]): string[] {
  return sessions.map((s) => {
    const hh = String(Math.floor(s.startMinute / 60)).padStart(2, '0');
    const mm = String(s.startMinute % 60).padStart(2, '0');
    return `${s.date} ${hh}:${mm}`;
  });
}

const instants = (sessions: PlannedSession[]): string[] => sessions.map((s) => s.startsAt.toISOString());

describe('calendar helpers', () => {
  it('adds days across month, year and leap-day boundaries', () => {
    expect(addDays('2026-09-30', 1)).toBe('2026-10-01');
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29');
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
    expect(addDays('2026-10-31', 2)).toBe('2026-11-02'); // across a US fall-back weekend
    expect(addDays('2027-03-13', 2)).toBe('2027-03-15'); // across a US spring-forward weekend
  });

  it('gives the ISO weekday, Monday 1 to Sunday 7', () => {
    expect(isoWeekday('2026-09-14')).toBe(1);
    expect(isoWeekday('2026-09-17')).toBe(4);
    expect(isoWeekday('2026-09-20')).toBe(7);
    expect(isoWeekday('2027-01-01')).toBe(5);
  });

  it('finds the Monday of the week; a Sunday belongs to the week that began the previous Monday', () => {
    expect(weekStart('2026-09-14')).toBe('2026-09-14');
    expect(weekStart('2026-09-17')).toBe('2026-09-14');
    expect(weekStart('2026-09-20')).toBe('2026-09-14');
    expect(weekStart('2027-01-03')).toBe('2026-12-28');
  });

  it('accepts real calendar dates', () => {
    expect(parseIsoDate('2026-09-14')).toBe('2026-09-14');
    expect(parseIsoDate('2028-02-29')).toBe('2028-02-29');
  });

  it.each([
    '2026-02-30',
    '2026-13-01',
    '26-1-1',
    '2026-02-29',
    '2026-00-10',
    '2026-01-00',
    '2026-1-01',
    '2026-01-01T00:00',
    '',
  ])('rejects %j with a RangeError', (value) => {
    expect(() => parseIsoDate(value)).toThrow(RangeError);
  });

  it('rejects malformed dates and fractional days in addDays', () => {
    expect(() => addDays('2026-02-30', 1)).toThrow(RangeError);
    expect(() => addDays('2026-09-14', 0.5)).toThrow(RangeError);
  });
});

describe('localDateTimeToUtc', () => {
  it('uses the offset in force on that date (America/Chicago around fall-back)', () => {
    expect(localDateTimeToUtc('2026-10-30', 15 * 60 + 30, 'America/Chicago').toISOString()).toBe(
      '2026-10-30T20:30:00.000Z',
    );
    expect(localDateTimeToUtc('2026-11-02', 15 * 60 + 30, 'America/Chicago').toISOString()).toBe(
      '2026-11-02T21:30:00.000Z',
    );
  });

  it('takes the earlier instant for a repeated fall-back time', () => {
    // 01:30 happens at 01:30 CDT (06:30Z) and again at 01:30 CST (07:30Z).
    expect(localDateTimeToUtc('2026-11-01', 90, 'America/Chicago').toISOString()).toBe('2026-11-01T06:30:00.000Z');
    expect(localDateTimeToUtc('2026-11-01', 150, 'America/Chicago').toISOString()).toBe('2026-11-01T08:30:00.000Z');
  });

  it('shifts a spring-forward gap time forward by the gap (America/New_York 2027-03-14)', () => {
    expect(localDateTimeToUtc('2027-03-14', 119, 'America/New_York').toISOString()).toBe('2027-03-14T06:59:00.000Z');
    expect(localDateTimeToUtc('2027-03-14', 120, 'America/New_York').toISOString()).toBe('2027-03-14T07:00:00.000Z');
    expect(localDateTimeToUtc('2027-03-14', 150, 'America/New_York').toISOString()).toBe('2027-03-14T07:30:00.000Z');
    expect(localDateTimeToUtc('2027-03-14', 180, 'America/New_York').toISOString()).toBe('2027-03-14T07:00:00.000Z');
  });

  it('handles zones ahead of UTC and times late in the day', () => {
    expect(localDateTimeToUtc('2026-09-14', 9 * 60, 'Asia/Kolkata').toISOString()).toBe('2026-09-14T03:30:00.000Z');
    expect(localDateTimeToUtc('2026-12-31', 23 * 60 + 59, 'America/Chicago').toISOString()).toBe(
      '2027-01-01T05:59:00.000Z',
    );
    expect(localDateTimeToUtc('2026-09-14', 0, 'UTC').toISOString()).toBe('2026-09-14T00:00:00.000Z');
  });

  it('rejects an unknown time zone and an out-of-range minute', () => {
    expect(() => localDateTimeToUtc('2026-09-14', 60, 'America/Nowhere')).toThrow(RangeError);
    expect(() => localDateTimeToUtc('2026-09-14', 1440, 'America/Chicago')).toThrow(RangeError);
    expect(() => localDateTimeToUtc('2026-09-14', -1, 'America/Chicago')).toThrow(RangeError);
  });
});

describe('generateSessions', () => {
  it('creates a session on each meeting day in range with the local start as a UTC instant', () => {
    const sessions = generateSessions(fallInput({ meetings: [at(MON, 16, 0, 45)], groupEnd: '2026-09-27' }));
    expect(sessions).toEqual([
      { date: '2026-09-14', startMinute: 960, plannedMinutes: 45, startsAt: new Date('2026-09-14T21:00:00Z') },
      { date: '2026-09-21', startMinute: 960, plannedMinutes: 45, startsAt: new Date('2026-09-21T21:00:00Z') },
    ]);
  });

  it('skips no-school dates', () => {
    const sessions = generateSessions(
      fallInput({
        meetings: [at(MON, 16, 0), at(WED, 16, 0)],
        noSchoolDates: new Set(['2026-09-16', '2026-09-28', '2026-09-22']), // Wed, Mon, and a Tuesday with no meeting
      }),
    );
    expect(slots(sessions)).toEqual(['2026-09-14 16:00', '2026-09-21 16:00', '2026-09-23 16:00', '2026-09-30 16:00']);
  });

  it('includes meetings on the group start and end dates', () => {
    const sessions = generateSessions(fallInput({ groupStart: '2026-09-14', groupEnd: '2026-09-28' }));
    expect(slots(sessions)).toEqual(['2026-09-14 16:00', '2026-09-21 16:00', '2026-09-28 16:00']);
  });

  it('a group starting the day after a meeting day waits for the next week', () => {
    const sessions = generateSessions(fallInput({ groupStart: '2026-09-15', groupEnd: '2026-09-27' }));
    expect(slots(sessions)).toEqual(['2026-09-21 16:00']);
  });

  it('clips a group running past the cycle to the cycle, cycle dates included', () => {
    const sessions = generateSessions(
      fallInput({ groupStart: '2026-08-31', groupEnd: '2026-10-05', cycleStart: '2026-09-14', cycleEnd: '2026-09-28' }),
    );
    expect(slots(sessions)).toEqual(['2026-09-14 16:00', '2026-09-21 16:00', '2026-09-28 16:00']);
  });

  it('clips only the side that lies outside the cycle', () => {
    const sessions = generateSessions(
      fallInput({ groupStart: '2026-08-24', groupEnd: '2026-09-21', cycleStart: '2026-09-07', cycleEnd: '2026-12-18' }),
    );
    expect(slots(sessions)).toEqual(['2026-09-07 16:00', '2026-09-14 16:00', '2026-09-21 16:00']);
  });

  it('yields nothing when the group ends before it starts', () => {
    expect(generateSessions(fallInput({ groupStart: '2026-09-30', groupEnd: '2026-09-14' }))).toEqual([]);
  });

  it('yields nothing when the group lies wholly outside the cycle', () => {
    expect(generateSessions(fallInput({ groupStart: '2027-01-04', groupEnd: '2027-01-31' }))).toEqual([]);
  });

  it('handles several meetings a week, two on one day, sorted by date then time, duplicates collapsed', () => {
    const sessions = generateSessions(
      fallInput({
        meetings: [at(THU, 16, 0, 60), at(TUE, 17, 0, 30), at(TUE, 15, 30, 45), at(TUE, 15, 30, 45)],
        groupStart: '2026-09-14',
        groupEnd: '2026-09-20',
      }),
    );
    expect(sessions.map((s) => [s.date, s.startMinute, s.plannedMinutes, s.startsAt.toISOString()])).toEqual([
      ['2026-09-15', 930, 45, '2026-09-15T20:30:00.000Z'],
      ['2026-09-15', 1020, 30, '2026-09-15T22:00:00.000Z'],
      ['2026-09-17', 960, 60, '2026-09-17T21:00:00.000Z'],
    ]);
  });

  it('collapses a repeated slot with different lengths to the longest, whatever the list order', () => {
    const week = { groupStart: '2026-09-14', groupEnd: '2026-09-20' };
    const a = generateSessions(fallInput({ ...week, meetings: [at(TUE, 15, 30, 45), at(TUE, 15, 30, 60)] }));
    const b = generateSessions(fallInput({ ...week, meetings: [at(TUE, 15, 30, 60), at(TUE, 15, 30, 45)] }));
    expect(a.map((s) => s.plannedMinutes)).toEqual([60]);
    expect(b).toEqual(a);
  });

  it('keeps a 15:30 start across the Chicago fall-back (2026-11-01): 20:30Z before, 21:30Z after', () => {
    const sessions = generateSessions(
      fallInput({
        meetings: [at(FRI, 15, 30), at(MON, 15, 30), at(SUN, 1, 30)],
        groupStart: '2026-10-30',
        groupEnd: '2026-11-02',
      }),
    );
    expect(slots(sessions)).toEqual(['2026-10-30 15:30', '2026-11-01 01:30', '2026-11-02 15:30']);
    expect(instants(sessions)).toEqual([
      '2026-10-30T20:30:00.000Z',
      '2026-11-01T06:30:00.000Z',
      '2026-11-02T21:30:00.000Z',
    ]);
  });

  it('keeps a 16:00 start across the New York spring-forward (2027-03-14): 21:00Z before, 20:00Z after', () => {
    const sessions = generateSessions({
      meetings: [at(FRI, 16, 0), at(MON, 16, 0)],
      groupStart: '2027-03-08',
      groupEnd: '2027-03-19',
      cycleStart: '2027-01-04',
      cycleEnd: '2027-05-28',
      noSchoolDates: [],
      timeZone: 'America/New_York',
    });
    expect(slots(sessions)).toEqual(['2027-03-08 16:00', '2027-03-12 16:00', '2027-03-15 16:00', '2027-03-19 16:00']);
    expect(instants(sessions)).toEqual([
      '2027-03-08T21:00:00.000Z',
      '2027-03-12T21:00:00.000Z',
      '2027-03-15T20:00:00.000Z',
      '2027-03-19T20:00:00.000Z',
    ]);
  });

  it('starts a meeting set at a nonexistent 02:30 at 03:30 EDT (07:30Z), keeping its local date and minute', () => {
    const sessions = generateSessions({
      meetings: [at(SUN, 2, 30)],
      groupStart: '2027-03-07',
      groupEnd: '2027-03-21',
      cycleStart: '2027-01-04',
      cycleEnd: '2027-05-28',
      noSchoolDates: [],
      timeZone: 'America/New_York',
    });
    expect(slots(sessions)).toEqual(['2027-03-07 02:30', '2027-03-14 02:30', '2027-03-21 02:30']);
    expect(instants(sessions)).toEqual([
      '2027-03-07T07:30:00.000Z',
      '2027-03-14T07:30:00.000Z',
      '2027-03-21T06:30:00.000Z',
    ]);
  });

  it('generates only on or after `from`', () => {
    const meetings = [at(MON, 16, 0), at(WED, 16, 0)];
    expect(slots(generateSessions(fallInput({ meetings, from: '2026-09-22' })))).toEqual([
      '2026-09-23 16:00',
      '2026-09-28 16:00',
      '2026-09-30 16:00',
    ]);
    expect(slots(generateSessions(fallInput({ meetings, from: '2026-09-23' }))).at(0)).toBe('2026-09-23 16:00');
    // A `from` before the group starts changes nothing; one after it ends leaves nothing.
    expect(generateSessions(fallInput({ meetings, from: '2026-01-01' }))).toEqual(
      generateSessions(fallInput({ meetings })),
    );
    expect(generateSessions(fallInput({ meetings, from: '2026-10-01' }))).toEqual([]);
  });

  it('rejects invalid meetings, dates and time zones', () => {
    expect(() => generateSessions(fallInput({ meetings: [at(0, 16, 0)] }))).toThrow(RangeError);
    expect(() => generateSessions(fallInput({ meetings: [at(8, 16, 0)] }))).toThrow(RangeError);
    expect(() =>
      generateSessions(fallInput({ meetings: [{ weekday: MON, startMinute: 1440, plannedMinutes: 60 }] })),
    ).toThrow(RangeError);
    expect(() => generateSessions(fallInput({ meetings: [at(MON, 16, 0, 0)] }))).toThrow(RangeError);
    expect(() => generateSessions(fallInput({ groupEnd: '2026-09-31' }))).toThrow(RangeError);
    expect(() => generateSessions(fallInput({ noSchoolDates: ['2026-9-21'] }))).toThrow(RangeError);
    expect(() =>
      generateSessions(fallInput({ groupStart: '2026-09-30', groupEnd: '2026-09-14', timeZone: 'Mars/Olympus' })),
    ).toThrow(RangeError);
  });
});

describe('planRegeneration', () => {
  const scheduled = (id: string, date: string, extra: Partial<ExistingSession> = {}): ExistingSession => ({
    id,
    date,
    startMinute: 960,
    plannedMinutes: 60,
    status: 'SCHEDULED',
    isMakeup: false,
    hasAttendance: false,
    ...extra,
  });

  // A Tue/Thu 16:00 group, 2026-09-08 to 2026-09-25.
  const group = { groupStart: '2026-09-08', groupEnd: '2026-09-25' };

  it('moves Tue/Thu to Mon/Wed without removing or duplicating anything logged', () => {
    const existing: ExistingSession[] = [
      scheduled('t1', '2026-09-08'), // past, never logged: still history
      scheduled('t2', '2026-09-10', { status: 'HELD', hasAttendance: true }),
      scheduled('t3', '2026-09-15', { hasAttendance: true }), // future, attendance already entered
      scheduled('t4', '2026-09-17', { status: 'CANCELLED' }),
      scheduled('t5', '2026-09-22'),
      scheduled('t6', '2026-09-24'),
      scheduled('mk', '2026-09-16', { isMakeup: true }), // make-up on a slot the new plan also wants
      scheduled('mk2', '2026-09-18', { isMakeup: true }), // make-up on a Friday, outside the new plan
    ];
    // Whole-range plan (no `from`): its 2026-09-09 session lies before `from` and must be ignored.
    const desired = generateSessions(fallInput({ ...group, meetings: [at(MON, 16, 0), at(WED, 16, 0)] }));
    expect(slots(desired)).toEqual([
      '2026-09-09 16:00',
      '2026-09-14 16:00',
      '2026-09-16 16:00',
      '2026-09-21 16:00',
      '2026-09-23 16:00',
    ]);

    const plan = planRegeneration({ existing, desired, from: '2026-09-14' });

    expect(slots(plan.create)).toEqual(['2026-09-14 16:00', '2026-09-21 16:00', '2026-09-23 16:00']);
    expect(plan.remove).toEqual(['t5', 't6']);
    expect(plan.update).toEqual([]);
    expect(plan.keep).toEqual(['t1', 't2', 't3', 'mk', 't4', 'mk2']);
    // Every existing session is accounted for exactly once.
    expect([...plan.keep, ...plan.remove].sort()).toEqual(existing.map((s) => s.id).sort());
  });

  it('does not re-create a slot that a logged session on or after `from` already fills', () => {
    const existing = [
      scheduled('held', '2026-09-15', { status: 'HELD' }),
      scheduled('cancelled', '2026-09-17', { status: 'CANCELLED' }),
    ];
    const desired = generateSessions(fallInput({ ...group, meetings: [at(TUE, 16, 0), at(THU, 16, 0)] }));
    const plan = planRegeneration({ existing, desired, from: '2026-09-14' });
    expect(slots(plan.create)).toEqual(['2026-09-22 16:00', '2026-09-24 16:00']);
    expect(plan.keep).toEqual(['held', 'cancelled']);
    expect(plan.remove).toEqual([]);
  });

  it('is a no-op when the schedule has not changed', () => {
    const meetings = [at(TUE, 16, 0), at(THU, 16, 0)];
    const desired = generateSessions(fallInput({ ...group, meetings }));
    const existing = desired.map((s, i) =>
      scheduled(`s${i + 1}`, s.date, i < 2 ? { status: 'HELD', hasAttendance: true } : {}),
    );
    const plan = planRegeneration({ existing, desired, from: '2026-09-14' });
    expect(plan).toEqual({ create: [], remove: [], update: [], keep: ['s1', 's2', 's3', 's4', 's5', 's6'] });
  });

  it('updates planned minutes only on untouched future sessions', () => {
    const desired = generateSessions(fallInput({ ...group, meetings: [at(TUE, 16, 0, 45), at(THU, 16, 0, 45)] }));
    const existing = [
      scheduled('a', '2026-09-08', { status: 'HELD' }),
      scheduled('b', '2026-09-10'),
      scheduled('c', '2026-09-15', { hasAttendance: true }),
      scheduled('d', '2026-09-17'),
      scheduled('e', '2026-09-22', { plannedMinutes: 45 }),
      scheduled('f', '2026-09-24'),
    ];
    const plan = planRegeneration({ existing, desired, from: '2026-09-14' });
    expect(plan.update).toEqual([
      { id: 'd', plannedMinutes: 45 },
      { id: 'f', plannedMinutes: 45 },
    ]);
    expect(plan.keep).toEqual(['a', 'b', 'c', 'd', 'e', 'f']);
    expect(plan.create).toEqual([]);
    expect(plan.remove).toEqual([]);
  });

  it('treats a changed start time on the same day as a different session', () => {
    const desired = generateSessions(fallInput({ ...group, meetings: [at(TUE, 16, 30)], from: '2026-09-14' }));
    const existing = [scheduled('x', '2026-09-15'), scheduled('y', '2026-09-22')];
    const plan = planRegeneration({ existing, desired, from: '2026-09-14' });
    expect(slots(plan.create)).toEqual(['2026-09-15 16:30', '2026-09-22 16:30']);
    expect(plan.remove).toEqual(['x', 'y']);
    expect(plan.keep).toEqual([]);
  });

  it('keeps one session per slot: a plain scheduled twin of a logged session is removed', () => {
    const desired = generateSessions(fallInput({ ...group, meetings: [at(TUE, 16, 0)], from: '2026-09-14' }));
    const existing = [
      scheduled('twin-b', '2026-09-22'),
      scheduled('held', '2026-09-15', { status: 'HELD' }),
      scheduled('twin', '2026-09-15'),
      scheduled('twin-a', '2026-09-22'),
    ];
    const plan = planRegeneration({ existing, desired, from: '2026-09-14' });
    expect(plan.keep).toEqual(['held', 'twin-a']);
    expect(plan.remove).toEqual(['twin', 'twin-b']);
    expect(plan.create).toEqual([]);
  });

  it('rejects a malformed `from`', () => {
    expect(() => planRegeneration({ existing: [], desired: [], from: '2026-9-14' })).toThrow(RangeError);
  });
});
