// Writes the district, table by table in foreign-key order, then streams each
// group's sessions, attendance and probes through the same bulk writers.
import type { ClientBase } from 'pg';
import { BulkWriter } from './bulk';
import { probeMeasureRows } from './curriculum';
import { deliverGroup } from './delivery';
import type { District, SeedContext, Tutor } from './model';
import { formatCount, Progress } from './progress';
import * as tables from './tables';

function substitutesBySiteAndSubject(tutors: readonly Tutor[]): Map<string, Tutor[]> {
  const bySiteSubject = new Map<string, Tutor[]>();
  for (const tutor of tutors) {
    if (tutor.profile.credentialStatus === 'PENDING') continue;
    for (const subject of tutor.profile.subjects) {
      const key = `${tutor.site.row.id}|${subject}`;
      bySiteSubject.set(key, [...(bySiteSubject.get(key) ?? []), tutor]);
    }
  }
  return bySiteSubject;
}

async function writeRoster(client: ClientBase, district: District, progress: Progress): Promise<void> {
  const sites = new BulkWriter(client, tables.SITE);
  const users = new BulkWriter(client, tables.APP_USER);
  const providers = new BulkWriter(client, tables.PROVIDER);
  const userSites = new BulkWriter(client, tables.USER_SITE, { after: [users, sites] });
  const profiles = new BulkWriter(client, tables.TUTOR_PROFILE, { after: [users, providers] });
  const cycles = new BulkWriter(client, tables.CYCLE);
  const noSchoolDays = new BulkWriter(client, tables.NO_SCHOOL_DAY, { after: [sites] });
  const onWrite = (rows: number): void => progress.advance(rows);
  const students = new BulkWriter(client, tables.STUDENT, { after: [sites], onWrite });
  const screeners = new BulkWriter(client, tables.SCREENER_RESULT, { after: [students], onWrite });

  await sites.addAll(district.sites.map((site) => site.row));
  await users.addAll(district.users);
  await providers.addAll(district.providers);
  await userSites.addAll(district.userSites);
  await profiles.addAll(district.tutors.map((tutor) => tutor.profile));
  await cycles.add(district.cycle);
  await noSchoolDays.addAll(district.noSchoolDays);
  progress.start('students and screener results', district.students.length + district.screeners.length);
  await students.addAll(district.students.map((student) => student.row));
  await screeners.addAll(district.screeners);
  for (const writer of [userSites, profiles, cycles, noSchoolDays, screeners]) await writer.flush();
  progress.finish();
}

async function writeGroups(client: ClientBase, district: District): Promise<void> {
  const measures = new BulkWriter(client, tables.PROBE_MEASURE);
  const groups = new BulkWriter(client, tables.TUTORING_GROUP, { after: [measures] });
  const meetings = new BulkWriter(client, tables.GROUP_MEETING, { after: [groups] });
  const memberships = new BulkWriter(client, tables.MEMBERSHIP, { after: [groups] });
  await measures.addAll(probeMeasureRows());
  await groups.addAll(district.groups.map((group) => group.row));
  await meetings.addAll(district.groups.flatMap((group) => group.meetings));
  await memberships.addAll(district.groups.flatMap((group) => group.placements.map((placement) => placement.row)));
  await meetings.flush();
  await memberships.flush();
}

async function writeDelivery(
  client: ClientBase,
  ctx: SeedContext,
  district: District,
  progress: Progress,
): Promise<void> {
  const sessions = new BulkWriter(client, tables.SESSION);
  const attendance = new BulkWriter(client, tables.ATTENDANCE, { after: [sessions] });
  const probes = new BulkWriter(client, tables.PROBE);
  const substitutes = substitutesBySiteAndSubject(district.tutors);
  progress.start('sessions, attendance and probes: groups', district.groups.length);
  let attendanceRows = 0;
  for (const group of district.groups) {
    const cover = (substitutes.get(`${group.site.row.id}|${group.row.subject}`) ?? []).filter((t) => t !== group.tutor);
    const delivery = deliverGroup(ctx, district.calendar, group, cover);
    await sessions.addAll(delivery.sessions);
    await attendance.addAll(delivery.attendance);
    await probes.addAll(delivery.probes);
    attendanceRows += delivery.attendance.length;
    progress.advance(1, `${formatCount(attendanceRows)} attendance rows`);
  }
  await attendance.flush();
  await probes.flush();
  progress.finish();
}

export async function writeDistrict(client: ClientBase, ctx: SeedContext, district: District): Promise<void> {
  const progress = new Progress();
  // The policy row first: the membership trigger reads the group-size limit from it.
  await client.query(
    `INSERT INTO "district_settings" ("id", "updatedAt") VALUES (1, now()) ON CONFLICT ("id") DO NOTHING`,
  );
  await writeRoster(client, district, progress);
  await writeGroups(client, district);
  await writeDelivery(client, ctx, district, progress);
}
