import { describe, expect, it } from 'vitest';
import { describeLargeWithdrawals, planRoster, type ExistingSite, type ExistingStudent } from './roster-plan';
import type { PayloadStudent, RosterPayload } from './types';

const site: ExistingSite = { id: 'site-a', code: 'A100', name: 'Adams', sourceId: null, gradeMin: 0 };
const other: ExistingSite = { id: 'site-b', code: 'B200', name: 'Baker', sourceId: 'org-b', gradeMin: 0 };

function row(n: number, school = 'org-a', extra: Partial<PayloadStudent> = {}): PayloadStudent {
  return {
    sourceId: `u${n}`,
    sisId: `S${n}`,
    firstName: `F${n}`,
    lastName: `L${n}`,
    grade: 3,
    school,
    raceEthnicity: null,
    gender: null,
    line: n + 1,
    ...extra,
  };
}

function existing(n: number, extra: Partial<ExistingStudent> = {}): ExistingStudent {
  return {
    id: `id${n}`,
    sourceId: `u${n}`,
    sisId: `S${n}`,
    siteId: 'site-a',
    status: 'ACTIVE',
    openPlacements: 0,
    firstName: `F${n}`,
    lastName: `L${n}`,
    grade: 3,
    raceEthnicity: 'NOT_REPORTED',
    gender: 'NOT_REPORTED',
    ...extra,
  };
}

function payload(students: PayloadStudent[], extra: Partial<RosterPayload> = {}): RosterPayload {
  return {
    kind: 'oneroster',
    mode: 'bulk',
    usersFile: 'users.csv',
    schools: [
      { sourceId: 'org-a', code: 'A100', name: 'Adams', line: 2 },
      { sourceId: 'org-b', code: 'B200', name: 'Baker', line: 3 },
    ],
    students,
    deleted: [],
    seenSourceIds: students.map((s) => s.sourceId),
    seenSisIds: students.map((s) => s.sisId),
    ...extra,
  };
}

describe('planRoster', () => {
  it('counts new, updated, unchanged and withdrawn students of a bulk file', () => {
    const plan = planRoster(
      payload([row(1), row(2, 'org-a', { firstName: 'Renamed' }), row(4)]),
      { kind: 'district' },
      [site, other],
      [existing(1), existing(2), existing(3)],
    );
    expect(plan.students).toEqual({ new: 1, updated: 1, withdrawn: 1, unchanged: 1, skipped: 0 });
    expect(plan.withdrawals).toEqual(['id3']);
    expect(plan.siteUpdates).toEqual([{ id: 'site-a', name: 'Adams', sourceId: 'org-a' }]); // linked by code
  });

  it('matches by SIS id when the source id is new, and refuses a SIS id linked to another record', () => {
    const plan = planRoster(
      payload([row(1, 'org-a', { sourceId: 'fresh' }), row(2, 'org-a', { sourceId: 'other' })]),
      { kind: 'district' },
      [site, other],
      [existing(1, { sourceId: null }), existing(2)],
    );
    expect(plan.updates.map((u) => [u.id, u.sourceId])).toEqual([['id1', 'fresh']]);
    expect(plan.problems).toEqual([
      expect.objectContaining({
        line: 3,
        severity: 'error',
        reason: expect.stringMatching(/S2.*another OneRoster record/),
      }),
    ]);
  });

  it('for one site, skips other schools’ rows and students enrolled elsewhere, and withdraws only its own', () => {
    const plan = planRoster(
      payload([row(1), row(2, 'org-b'), row(5), row(8)]),
      { kind: 'site', siteId: 'site-a' },
      [site, other],
      [existing(5, { siteId: 'site-b' }), existing(6), existing(8), existing(7, { siteId: 'site-b' })],
    );
    expect(plan.students).toMatchObject({ new: 1, skipped: 2, withdrawn: 1 });
    expect(plan.withdrawals).toEqual(['id6']);
    expect(plan.siteUpdates).toEqual([]);
    expect(plan.payload.students.map((s) => s.sourceId)).toEqual(['u1', 'u5', 'u8']);
    expect(plan.problems.every((p) => p.severity === 'warning')).toBe(true);
  });

  it('withdraws nobody for being missing from a delta, only its tobedeleted records', () => {
    const plan = planRoster(
      payload([row(1)], { mode: 'delta', deleted: [{ sourceId: 'u2', sisId: 'S2', school: 'org-a', line: 3 }] }),
      { kind: 'district' },
      [site, other],
      [existing(1), existing(2), existing(3)],
    );
    expect(plan.withdrawals).toEqual(['id2']);
    expect(plan.students).toMatchObject({ withdrawn: 1, unchanged: 1 });
  });

  it('counts and explains every row it does not apply: an unknown tombstone, students with no school', () => {
    const plan = planRoster(
      payload([row(1)], {
        mode: 'delta',
        skipped: 2,
        deleted: [
          { sourceId: 'u2', sisId: 'S2', school: 'org-a', line: 3 },
          { sourceId: 'u404', sisId: 'S404', school: null, line: 4 },
        ],
      }),
      { kind: 'district' },
      [site, other],
      [existing(1), existing(2)],
    );
    expect(plan.students).toEqual({ new: 0, updated: 0, withdrawn: 1, unchanged: 1, skipped: 3 });
    expect(plan.problems).toContainEqual({
      file: 'users.csv',
      line: 4,
      severity: 'warning',
      reason: 'Marked tobedeleted, but no student here has this sourcedId or student number; nothing to withdraw.',
    });
  });

  it('counts the placements its withdrawals end, from a delta’s tombstones or a full file’s omissions', () => {
    const delta = planRoster(
      payload([row(1)], { mode: 'delta', deleted: [{ sourceId: 'u2', sisId: 'S2', school: 'org-a', line: 3 }] }),
      { kind: 'district' },
      [site, other],
      [existing(1, { openPlacements: 1 }), existing(2, { openPlacements: 2 }), existing(3, { openPlacements: 1 })],
    );
    expect(delta.placementsEnding).toBe(2);
    expect(delta.largeWithdrawals).toEqual([]); // a tombstone is explicit: no confirmation
  });

  it('asks to confirm a full file that withdraws more than a tenth of a site’s active students, naming the numbers', () => {
    // Twenty active students; the last three are placed.
    const students = Array.from({ length: 20 }, (_, i) => existing(i + 1, { openPlacements: i >= 17 ? 1 : 0 }));
    const naming = (numbers: number[]) => payload(numbers.map((n) => row(n)));
    // 2 of 20 missing (10 %): ordinary churn, no confirmation.
    const churn = planRoster(
      naming([...Array(18).keys()].map((i) => i + 1)),
      { kind: 'district' },
      [site, other],
      students,
    );
    expect(churn.students.withdrawn).toBe(2);
    expect(churn.placementsEnding).toBe(2);
    expect(churn.largeWithdrawals).toEqual([]);
    // A partial export naming 3: 17 of 20 would leave, and the three placements with them.
    const partial = planRoster(naming([1, 2, 3]), { kind: 'district' }, [site, other], students);
    expect(partial.students.withdrawn).toBe(17);
    expect(partial.placementsEnding).toBe(3);
    expect(partial.largeWithdrawals).toEqual([{ site: 'Adams', withdrawn: 17, active: 20 }]);
    expect(describeLargeWithdrawals(partial.largeWithdrawals)).toBe("17 of Adams's 20 active students (85%)");
  });

  it('creates a missing school as a site spanning its students’ grades', () => {
    const rows = payload([
      row(1, 'org-c', { grade: 2 }),
      row(2, 'org-c', { grade: 5 }),
      row(3, 'org-c', { grade: null }),
    ]);
    rows.schools.push({ sourceId: 'org-c', code: 'C300', name: 'Carver', line: 4 });
    const plan = planRoster(rows, { kind: 'district' }, [site, other], []);
    expect(plan.newSites).toEqual([{ sourceId: 'org-c', code: 'C300', name: 'Carver', gradeMin: 2, gradeMax: 5 }]);
    expect(plan.inserts.map((s) => [s.grade, s.siteId])).toEqual([
      [2, null],
      [5, null],
      [2, null],
    ]);
    expect(plan.problems).toEqual([
      expect.objectContaining({
        line: 4,
        severity: 'warning',
        reason: expect.stringMatching(/No PK-12 grade.*grade 2/),
      }),
    ]);
  });
});

describe('planRoster safety', () => {
  it('refuses a full file that names none of a school’s active students', () => {
    const plan = planRoster(
      payload([row(9, 'org-b')]),
      { kind: 'district' },
      [site, other],
      [existing(1), existing(2)],
    );
    expect(plan.withdrawals).toEqual([]);
    expect(plan.problems).toContainEqual(
      expect.objectContaining({
        file: 'orgs.csv',
        line: 2,
        severity: 'error',
        reason: expect.stringMatching(/none of the 2 active students of Adams/),
      }),
    );
  });
});

describe('planRoster for one site: nothing about other sites’ students', () => {
  // Security review #11: a coordinator's upload of guessed ids got back names and schools.
  const elsewhere = (n: number, extra: Partial<ExistingStudent> = {}) =>
    existing(n, { siteId: 'site-b', firstName: 'Secret', lastName: 'Person', ...extra });

  it('says only that the id belongs outside the site, for every way a row can name such a student', () => {
    const rows = payload(
      [
        row(1), // same source and SIS id as a student at Baker
        row(2, 'org-a', { sourceId: 'fresh-2' }), // SIS id of a Baker student linked to another record
        row(3, 'org-a', { sisId: 'S4' }), // source id of one Baker student, SIS id of another
        row(5, 'org-a', { sisId: 'S6' }), // source id of an Adams student, SIS id of a Baker student
      ],
      { mode: 'delta', deleted: [{ sourceId: 'u7', sisId: 'S7', school: 'org-a', line: 9 }] },
    );
    const plan = planRoster(
      rows,
      { kind: 'site', siteId: 'site-a' },
      [site, other],
      [elsewhere(1), elsewhere(2), elsewhere(3), elsewhere(4), existing(5), elsewhere(6), elsewhere(7)],
    );
    expect(plan.problems).toHaveLength(5);
    const text = JSON.stringify(plan.problems);
    expect(text).not.toMatch(/Secret|Person|Baker|B200/);
    for (const line of [2, 3, 4, 6]) {
      expect(plan.problems).toContainEqual(
        expect.objectContaining({ line, reason: expect.stringMatching(/outside your site; ask the district/) }),
      );
    }
    expect(plan.payload.students.map((s) => s.sourceId)).toEqual(['u1', 'fresh-2', 'u3', 'u5']);
    expect(plan.inserts).toEqual([]);
    expect(plan.updates).toEqual([]);
  });

  it('a district import still names the student a number belongs to', () => {
    const plan = planRoster(
      payload([row(2, 'org-a', { sourceId: 'fresh-2' })]),
      { kind: 'district' },
      [site, other],
      [elsewhere(2)],
    );
    expect(plan.problems).toEqual([
      expect.objectContaining({ reason: expect.stringMatching(/belongs to Secret Person/) }),
    ]);
  });
});

describe('planRoster at scale', () => {
  it('plans a new school of 150,000 students, and withdraws 150,000, without overflowing the stack', () => {
    const many = Array.from({ length: 150_000 }, (_, i) => row(i + 10, 'org-c', { grade: (i % 5) + 1 }));
    const rows = payload(many);
    rows.schools.push({ sourceId: 'org-c', code: 'C300', name: 'Carver', line: 4 });
    const plan = planRoster(rows, { kind: 'district' }, [site, other], []);
    expect(plan.newSites).toEqual([{ sourceId: 'org-c', code: 'C300', name: 'Carver', gradeMin: 1, gradeMax: 5 }]);
    const leaving = Array.from({ length: 150_000 }, (_, i) => existing(i + 1_000_000));
    const kept = existing(5);
    const withdrawn = planRoster(payload([row(5)]), { kind: 'district' }, [site, other], [kept, ...leaving]);
    expect(withdrawn.withdrawals).toHaveLength(150_000);
  }, 30_000);
});
