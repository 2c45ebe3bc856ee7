// The derivations a page applies to its one read of each fact grain: worked by hand
// on a few placements, so each figure's one definition is pinned without a database.
import { describe, expect, it, vi } from 'vitest';

vi.mock('server-only', () => ({}));

const { studentMetricsOf } = await import('./student-queries');
const { sessionDeliveryOf } = await import('./session-queries');
const { tutorCostOf } = await import('./cost-queries');
type PlacementFacts = import('./student-queries').PlacementFacts;

const sums = (s: Partial<Record<string, number>>) =>
  ({
    scheduled: 0,
    delivered: 0,
    held: 0,
    attended: 0,
    attendedWithPrimary: 0,
    absence: 0,
    notRecorded: 0,
    shortened: 0,
    unlogged: 0,
    madeUp: 0,
    schoolDays: 0,
    cancelled_TUTOR_ABSENT: 0,
    cancelled_STUDENT_OR_SCHOOL_EVENT: 0,
    cancelled_TESTING: 0,
    cancelled_SCHOOL_CLOSURE: 0,
    cancelled_OTHER: 0,
    ...s,
  }) as PlacementFacts['sums'];

const placement = (
  p: Partial<PlacementFacts> & Pick<PlacementFacts, 'studentId' | 'groupId' | 'siteId'>,
): PlacementFacts => ({
  subject: 'MATH',
  counted: true,
  placed: true,
  hasLater: false,
  laterSessions: 0,
  laterMinutes: 0,
  sums: sums({}),
  ...p,
});

// Ana: two placements at site S1 — math meets its prorated target (10 school days = 2 weeks
// × 90 = 180 ≤ 180), ELA does not (5 days: 90 > 60). Ben: one placement at S2 meeting it,
// with sessions still to come. Cy: placed at S2 with sessions only still to come.
const facts = {
  weeks: [],
  placements: [
    placement({
      studentId: 'ana',
      groupId: 'g1',
      siteId: 'S1',
      sums: sums({ scheduled: 180, delivered: 180, held: 6, attended: 6, attendedWithPrimary: 5, schoolDays: 10 }),
    }),
    placement({
      studentId: 'ana',
      groupId: 'g2',
      siteId: 'S1',
      subject: 'ELA',
      sums: sums({
        scheduled: 90,
        delivered: 60,
        held: 3,
        attended: 2,
        attendedWithPrimary: 2,
        absence: 30,
        schoolDays: 5,
      }),
    }),
    placement({
      studentId: 'ben',
      groupId: 'g3',
      siteId: 'S2',
      hasLater: true,
      laterSessions: 3,
      laterMinutes: 90,
      sums: sums({ scheduled: 90, delivered: 90, held: 3, attended: 3, attendedWithPrimary: 3, schoolDays: 5 }),
    }),
    placement({
      studentId: 'cy',
      groupId: 'g3',
      siteId: 'S2',
      counted: false,
      hasLater: true,
      laterSessions: 3,
      laterMinutes: 90,
    }),
    // Placed, nothing in the window and nothing to come: in no figure.
    placement({ studentId: 'dee', groupId: 'g4', siteId: 'S2', counted: false }),
  ],
};
const policy = { targetMinutesPerWeek: 90 };

describe('studentMetricsOf', () => {
  it('sums the whole scope, a student meeting the target only when every placement does', () => {
    const [all] = studentMetricsOf(facts, 'all', policy);
    expect(all).toMatchObject({
      key: 'all',
      students: 2,
      scheduled: 360,
      delivered: 330,
      held: 12,
      attended: 11,
      attendedWithPrimary: 10,
      weeks: 4,
      targetMinutes: 360,
      studentsWithWeeks: 2,
      studentsMeetingTarget: 1,
      stillToCome: { sessions: 6, minutes: 180 },
    });
    expect(all!.doseRate).toBeCloseTo(330 / 360);
    expect(all!.meanStudentDoseRate).toBeCloseTo((240 / 270 + 1) / 2);
    expect(all!.lost.studentAbsence).toBe(30);
  });

  it('keys by site and by placement; a key with sessions only still to come has zero students', () => {
    const bySite = studentMetricsOf(facts, 'site', policy);
    expect(bySite.map((m) => [m.key, m.students, m.studentsMeetingTarget, m.stillToCome.sessions])).toEqual([
      ['S1', 1, 0, 0],
      ['S2', 1, 1, 6],
    ]);
    const byPlacement = studentMetricsOf(facts, 'placement', policy);
    expect(byPlacement.map((m) => [m.key, m.students])).toEqual([
      ['ana:g1', 1],
      ['ana:g2', 1],
      ['ben:g3', 1],
      ['cy:g3', 0],
    ]);
  });
});

describe('sessionDeliveryOf', () => {
  const zero = { TUTOR_ABSENT: 0, STUDENT_OR_SCHOOL_EVENT: 0, TESTING: 0, SCHOOL_CLOSURE: 0, OTHER: 0 };
  const rows = [
    {
      siteId: 'S1',
      groupId: 'g1',
      tutorId: 't1',
      held: 4,
      unlogged: 1,
      makeupsHeld: 1,
      stillToCome: 2,
      cancelledByReason: { ...zero, TUTOR_ABSENT: 1 },
    },
    {
      siteId: 'S1',
      groupId: 'g1',
      tutorId: 't2',
      held: 1,
      unlogged: 0,
      makeupsHeld: 0,
      stillToCome: 0,
      cancelledByReason: zero,
    },
    {
      siteId: 'S2',
      groupId: 'g3',
      tutorId: 't1',
      held: 0,
      unlogged: 0,
      makeupsHeld: 0,
      stillToCome: 3,
      cancelledByReason: { ...zero, TESTING: 2 },
    },
  ];
  it('adds rows up by group, site, tutor or all, the rate over held and cancelled only', () => {
    const [all] = sessionDeliveryOf(rows, 'all');
    expect(all).toMatchObject({ held: 5, cancelled: 3, unlogged: 1, stillToCome: 5, makeupsHeld: 1 });
    expect(all!.deliveryRate).toBeCloseTo(5 / 8);
    expect(sessionDeliveryOf(rows, 'tutor').map((d) => [d.key, d.held, d.cancelled])).toEqual([
      ['t1', 4, 3],
      ['t2', 1, 0],
    ]);
    expect(sessionDeliveryOf(rows, 'site').find((d) => d.key === 'S2')!.deliveryRate).toBe(0);
  });
});

describe('tutorCostOf', () => {
  it('adds groups up by site or provider, each uncosted tutor once', () => {
    const rows = [
      {
        key: 'g1',
        siteId: 'S1',
        providerId: 'p1',
        heldSessions: 2,
        heldMinutes: 60,
        costedMinutes: 60,
        costCents: 3000,
        uncostedTutorIds: [],
      },
      {
        key: 'g2',
        siteId: 'S1',
        providerId: '',
        heldSessions: 1,
        heldMinutes: 30,
        costedMinutes: 0,
        costCents: 0,
        uncostedTutorIds: ['t9'],
      },
      {
        key: 'g3',
        siteId: 'S2',
        providerId: 'p1',
        heldSessions: 1,
        heldMinutes: 30,
        costedMinutes: 0,
        costCents: 0,
        uncostedTutorIds: ['t9'],
      },
    ];
    expect(tutorCostOf(rows, 'all')).toEqual([
      { key: 'all', heldSessions: 4, heldMinutes: 120, costedMinutes: 60, costCents: 3000, uncostedTutorIds: ['t9'] },
    ]);
    expect(tutorCostOf(rows, 'provider').map((c) => [c.key, c.heldMinutes])).toEqual([
      ['', 30],
      ['p1', 90],
    ]);
  });
});
