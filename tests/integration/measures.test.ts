// The district's list of probe measures: free-text measures migrated onto it, kept by
// admins (add, correct, retire, merge), and the scale every probe is recorded on.
import { cpSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { db } from '../../lib/db';
import { MIGRATIONS_DIR } from '../../lib/db/schema-engine';
import { createMeasureAction, mergeMeasureAction, updateMeasureAction } from '../../lib/measures/actions';
import { createDatabase, migrate } from '../setup/databases';
import { pgPoolForTests, truncateAll } from '../setup/db-client';
import { addDays, today } from '../setup/dates';
import { testMeasure } from '../setup/fixtures';
import { signInAs, signOut } from '../setup/sign-in';

const pool = pgPoolForTests(2);
afterAll(async () => {
  signOut();
  await pool.end();
});

const d = (iso: string) => new Date(`${iso}T00:00:00Z`);
const TODAY = today();

describe('migrating free-text measures onto the list', () => {
  it('makes one measure of spellings that differ in case or spacing, names it as most groups do, and rewrites groups and probes', async () => {
    // Every migration before the list, on a database of its own.
    const before = mkdtempSync(path.join(tmpdir(), 'migrations-'));
    for (const name of readdirSync(MIGRATIONS_DIR)) {
      if (name >= '20261207165853_probe_measures') continue;
      cpSync(path.join(MIGRATIONS_DIR, name), path.join(before, name), { recursive: true });
    }
    const database = await createDatabase('tutoring_measures');
    const client = new pg.Client({ connectionString: database.url });
    try {
      await migrate(database.url, before);
      await client.connect();
      const site = randomUUID();
      const cycle = randomUUID();
      const tutor = randomUUID();
      const student = randomUUID();
      await client.query(
        `INSERT INTO site (id, code, name, "gradeMin", "gradeMax", "updatedAt") VALUES ($1, 'A', 'Adams', 0, 5, now())`,
        [site],
      );
      await client.query(
        `INSERT INTO cycle (id, name, "startDate", "endDate") VALUES ($1, 'Fall', '2026-09-01', '2026-12-18')`,
        [cycle],
      );
      await client.query(
        `INSERT INTO app_user (id, email, name, role, "updatedAt") VALUES ($1, 't@test.example', 'Tess', 'TUTOR', now())`,
        [tutor],
      );
      await client.query(
        `INSERT INTO student (id, "sisId", "firstName", "lastName", grade, "siteId", "updatedAt") VALUES ($1, 'S1', 'Ana', 'B', 3, $2, now())`,
        [student, site],
      );
      const groups: Record<string, string> = {};
      const spellings: [string, string, 'MATH' | 'ELA'][] = [
        ['g1', 'Fraction equivalence /10', 'MATH'],
        ['g2', 'Fraction equivalence /10', 'MATH'],
        ['g3', 'fraction  equivalence /10 ', 'MATH'],
        ['g4', 'ORF words correct per minute', 'ELA'],
      ];
      for (const [name, measure, subject] of spellings) {
        groups[name] = randomUUID();
        await client.query(
          `INSERT INTO tutoring_group (id, name, "siteId", "cycleId", subject, "gradeMin", "gradeMax", "targetSkill", "probeMeasure",
             "primaryTutorId", modality, "startDate", "endDate", "updatedAt")
           VALUES ($1, $2, $3, $4, $5, 3, 4, 'x', $6, $7, 'PUSH_IN', '2026-09-14', '2026-12-18', now())`,
          [groups[name], name, site, cycle, subject, measure, tutor],
        );
      }
      await client.query(
        `INSERT INTO probe (id, "studentId", "groupId", measure, kind, score, "administeredOn")
         VALUES ($1, $2, $3, 'FRACTION EQUIVALENCE /10', 'PRE', 3, '2026-09-15'), ($4, $2, $3, 'Something else', 'PRE', 1, '2026-09-15')`,
        [randomUUID(), student, groups.g3, randomUUID()],
      );

      expect(await migrate(database.url)).toContain('20261207165853_probe_measures');

      const list = await client.query(
        `SELECT name, "nameKey", subject, "maxScore"::float8 AS "maxScore", direction, active FROM probe_measure ORDER BY name`,
      );
      expect(list.rows).toEqual([
        {
          name: 'Fraction equivalence /10',
          nameKey: 'fraction equivalence /10',
          subject: 'MATH',
          maxScore: 10,
          direction: 'HIGHER_IS_BETTER',
          active: true,
        },
        {
          name: 'ORF words correct per minute',
          nameKey: 'orf words correct per minute',
          subject: 'ELA',
          maxScore: null,
          direction: 'HIGHER_IS_BETTER',
          active: true,
        },
      ]);
      const rewritten = await client.query(`SELECT name, "probeMeasure" FROM tutoring_group ORDER BY name`);
      expect(rewritten.rows.map((r) => r.probeMeasure)).toEqual([
        'Fraction equivalence /10',
        'Fraction equivalence /10',
        'Fraction equivalence /10',
        'ORF words correct per minute',
      ]);
      const probes = await client.query(`SELECT measure FROM probe ORDER BY measure`);
      expect(probes.rows.map((r) => r.measure)).toEqual(['Fraction equivalence /10', 'Something else']);
      // From now on the database holds every group to the list.
      await expect(
        client.query(`UPDATE tutoring_group SET "probeMeasure" = 'Not listed' WHERE id = $1`, [groups.g1]),
      ).rejects.toThrow(/foreign key/);
    } finally {
      await client.end().catch(() => undefined);
      await database.drop();
      rmSync(before, { recursive: true, force: true });
    }
  });
});

describe('keeping the list', () => {
  let groupId: string;
  let studentId: string;

  beforeEach(async () => {
    await truncateAll(pool);
    const site = await db.site.create({ data: { code: 'A', name: 'Adams', gradeMin: 0, gradeMax: 5 } });
    const cycle = await db.cycle.create({
      data: { name: 'Fall', startDate: d(addDays(TODAY, -60)), endDate: d(addDays(TODAY, 60)) },
    });
    await db.user.create({ data: { email: 'admin@test.example', name: 'Ada', role: 'DISTRICT_ADMIN' } });
    const provider = await db.provider.create({ data: { name: 'Corps', kind: 'DISTRICT_STAFF' } });
    const tutor = await db.user.create({
      data: {
        email: 'tess@test.example',
        name: 'Tess',
        role: 'TUTOR',
        sites: { create: [{ siteId: site.id }] },
        tutorProfile: { create: { providerId: provider.id, subjects: ['MATH'], gradeMin: 0, gradeMax: 5 } },
      },
    });
    groupId = (
      await db.group.create({
        data: {
          siteId: site.id,
          cycleId: cycle.id,
          name: 'Math 3A',
          subject: 'MATH',
          gradeMin: 3,
          gradeMax: 4,
          targetSkill: 'Fractions',
          probeMeasure: await testMeasure(db, 'Fraction equivalence /10'),
          primaryTutorId: tutor.id,
          modality: 'PUSH_IN',
          startDate: d(addDays(TODAY, -50)),
          endDate: d(addDays(TODAY, 50)),
        },
      })
    ).id;
    studentId = (
      await db.student.create({ data: { sisId: 'S1', firstName: 'Ana', lastName: 'B', grade: 3, siteId: site.id } })
    ).id;
    await db.membership.create({ data: { groupId, studentId, startDate: d(addDays(TODAY, -40)) } });
    await db.probe.create({
      data: {
        studentId,
        groupId,
        measure: 'Fraction equivalence /10',
        kind: 'PRE',
        score: 4,
        administeredOn: d(addDays(TODAY, -39)),
      },
    });
    await signInAs('admin@test.example');
  });

  it('adds a measure, refusing a second spelling of one already listed and a benchmark above the maximum', async () => {
    expect(
      await createMeasureAction(null, {
        name: '  Place   value /15 ',
        subject: 'MATH',
        maxScore: '15',
        benchmark: '12',
        direction: 'HIGHER_IS_BETTER',
      }),
    ).toMatchObject({ ok: true, data: { message: 'Added Place value /15 to the Math measures (higher is better).' } });
    expect(
      await createMeasureAction(null, { name: 'place value /15', subject: 'MATH', direction: 'HIGHER_IS_BETTER' }),
    ).toMatchObject({
      ok: false,
      fieldErrors: {
        name: [
          '“Place value /15” is already on the list; “place value /15” differs only in case or spacing. To combine two measures, merge one into the other.',
        ],
      },
    });
    expect(
      await createMeasureAction(null, {
        name: 'Errors per passage',
        subject: 'ELA',
        maxScore: '10',
        benchmark: '11',
        direction: 'LOWER_IS_BETTER',
      }),
    ).toMatchObject({
      ok: false,
      fieldErrors: { benchmark: ['The benchmark cannot be above the maximum score (10).'] },
    });
    expect(await db.probeMeasure.findMany({ orderBy: { name: 'asc' }, select: { name: true } })).toEqual([
      { name: 'Fraction equivalence /10' },
      { name: 'Place value /15' },
    ]);
    expect(await db.auditEvent.count({ where: { action: 'measures.create' } })).toBe(1);
  });

  it('renames a measure on its groups and on every score recorded on it, and refuses changes its scores rule out', async () => {
    const measure = await db.probeMeasure.findUniqueOrThrow({ where: { name: 'Fraction equivalence /10' } });
    const base = { measureId: measure.id, subject: 'MATH', direction: 'HIGHER_IS_BETTER', active: 'true' } as const;
    expect(
      await updateMeasureAction(null, { ...base, name: 'Equivalent fractions /10', maxScore: '10' }),
    ).toMatchObject({
      ok: true,
    });
    expect((await db.group.findUniqueOrThrow({ where: { id: groupId } })).probeMeasure).toBe(
      'Equivalent fractions /10',
    );
    expect((await db.probe.findFirstOrThrow({ where: { studentId } })).measure).toBe('Equivalent fractions /10');
    // The growth facts are rewritten for the placement (the probe's trigger marked it).
    expect(await db.probeStale.count()).toBeGreaterThan(0);

    expect(await updateMeasureAction(null, { ...base, name: 'Equivalent fractions /10', maxScore: '3' })).toMatchObject(
      {
        ok: false,
        fieldErrors: {
          maxScore: ['A score of 4 is already recorded on this measure; the maximum cannot be below it.'],
        },
      },
    );
    expect(
      await updateMeasureAction(null, { ...base, name: 'Equivalent fractions /10', subject: 'ELA' }),
    ).toMatchObject({
      ok: false,
      fieldErrors: { subject: ['1 Math group uses this measure, so its subject stays Math.'] },
    });
    expect(Number((await db.probeMeasure.findUniqueOrThrow({ where: { id: measure.id } })).maxScore)).toBe(10);
  });

  it('merges a second spelling into the measure, moving its groups and scores, and refuses across subjects', async () => {
    const into = await db.probeMeasure.findUniqueOrThrow({ where: { name: 'Fraction equivalence /10' } });
    const from = await db.probeMeasure.create({
      data: { name: 'Frac equiv', nameKey: 'frac equiv', subject: 'MATH' },
    });
    const ela = await db.probeMeasure.create({ data: { name: 'ORF', nameKey: 'orf', subject: 'ELA' } });
    await db.group.update({ where: { id: groupId }, data: { probeMeasure: 'Frac equiv' } });
    await db.probe.create({
      data: {
        studentId,
        groupId,
        measure: 'Frac equiv',
        kind: 'PROGRESS',
        score: 6,
        administeredOn: d(addDays(TODAY, -20)),
      },
    });
    expect(await mergeMeasureAction(null, { measureId: from.id, intoId: ela.id })).toMatchObject({
      ok: false,
      fieldErrors: { intoId: ['Frac equiv (Math) and ORF (ELA) are in different subjects: they cannot be merged.'] },
    });
    expect(await mergeMeasureAction(null, { measureId: from.id, intoId: into.id })).toMatchObject({
      ok: true,
      data: { message: 'Merged Frac equiv into Fraction equivalence /10: 1 group and 1 score moved.' },
    });
    expect((await db.group.findUniqueOrThrow({ where: { id: groupId } })).probeMeasure).toBe(
      'Fraction equivalence /10',
    );
    expect(
      (await db.probe.findMany({ where: { studentId }, orderBy: { score: 'asc' } })).map((p) => p.measure),
    ).toEqual(['Fraction equivalence /10', 'Fraction equivalence /10']);
    expect(await db.probeMeasure.count({ where: { id: from.id } })).toBe(0);
  });

  it('records probes on the scale the list sets: a score above its maximum is refused, whatever the tablet sent', async () => {
    await signInAs('tess@test.example');
    const { recordProbesAction } = await import('../../lib/entries/probe-actions');
    const entry = (score: string, maxScore = '') => ({
      groupId,
      clientId: randomUUID(),
      kind: 'PROGRESS' as const,
      administeredOn: addDays(TODAY, -1),
      maxScore,
      scores: [{ studentId, score }],
    });
    await db.probeMeasure.update({ where: { name: 'Fraction equivalence /10' }, data: { maxScore: 10 } });
    expect(await recordProbesAction(null, entry('11', '20'))).toMatchObject({
      ok: false,
      fieldErrors: { scores: ['Fraction equivalence /10 is scored out of 10; a score is above that.'] },
    });
    expect(await recordProbesAction(null, entry('7', '20'))).toMatchObject({ ok: true });
    const saved = await db.probe.findFirstOrThrow({ where: { studentId, kind: 'PROGRESS' } });
    expect([Number(saved.score), Number(saved.maxScore)]).toEqual([7, 10]);
  });

  it('keeps the rules in the database too: no blank name, no benchmark above the maximum', async () => {
    await expect(db.probeMeasure.create({ data: { name: ' ', nameKey: ' ', subject: 'MATH' } })).rejects.toThrow(
      /probe_measure_name_not_blank/,
    );
    await expect(
      db.probeMeasure.create({ data: { name: 'B', nameKey: 'b', subject: 'MATH', maxScore: 5, benchmark: 6 } }),
    ).rejects.toThrow(/probe_measure_scores/);
  });
});
