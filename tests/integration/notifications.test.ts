// Emails through a real SMTP server on this machine (smtp-server): a coordinator's
// morning digest, a tutor's end-of-day reminder, the leaders' Monday review; each once,
// only to those who want it, retried when the server refused it.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { db } from '../../lib/db';
import { addDays, weekStart } from '../../lib/dates';
import { localDate, localDateTimeToUtc } from '../../lib/dates/zone';
import { sendDueNotifications } from '../../lib/notify/due';
import { smtpSend } from '../../lib/notify/mail';
import { remindTutorAction } from '../../lib/notify/remind-action';
import { signInAs, signOut } from '../setup/sign-in';
import { testMeasure } from '../setup/fixtures';
import { pgPoolForTests, truncateAll } from '../setup/db-client';
import { startSmtpSink, type Received, type SmtpSink } from '../setup/smtp-sink';

const pool = pgPoolForTests(1);
const TZ = 'America/Chicago';
const MONDAY = weekStart(localDate(TZ));
const at = (date: string, hour: number, minute = 0) => localDateTimeToUtc(date, hour * 60 + minute, TZ);
const d = (iso: string) => new Date(`${iso}T00:00:00Z`);

let sink: SmtpSink;
let received: Received[] = [];

beforeAll(async () => {
  sink = await startSmtpSink();
  received = sink.received;
  process.env.SMTP_URL = sink.url;
  process.env.APP_URL = 'http://tutoring.test';
});

afterAll(async () => {
  signOut();
  delete process.env.SMTP_URL;
  await sink.close();
  await pool.end();
});

let tess: string;
let siteId: string;
let sessions: { friday: string; monday: string };

beforeEach(async () => {
  received.length = 0;
  await truncateAll(pool);
  const site = await db.site.create({ data: { code: 'A', name: 'Adams', gradeMin: 0, gradeMax: 5 } });
  siteId = site.id;
  const cycle = await db.cycle.create({
    data: { name: 'Year', startDate: d(addDays(MONDAY, -60)), endDate: d(addDays(MONDAY, 120)) },
  });
  const provider = await db.provider.create({ data: { name: 'Corps', kind: 'DISTRICT_STAFF' } });
  await db.user.create({
    data: {
      email: 'cora@test.example',
      name: 'Cora',
      role: 'SITE_COORDINATOR',
      sites: { create: [{ siteId: site.id }] },
    },
  });
  await db.user.create({ data: { email: 'lee@test.example', name: 'Lee', role: 'DISTRICT_LEADER' } });
  await db.user.create({
    data: { email: 'ada@test.example', name: 'Ada', role: 'DISTRICT_ADMIN', notifyWeeklyReview: false },
  });
  tess = (
    await db.user.create({
      data: {
        email: 'tess@test.example',
        name: 'Tess',
        role: 'TUTOR',
        sites: { create: [{ siteId: site.id }] },
        tutorProfile: {
          create: {
            providerId: provider.id,
            subjects: ['MATH'],
            gradeMin: 0,
            gradeMax: 5,
            credentialStatus: 'CLEARED',
          },
        },
      },
    })
  ).id;
  const group = await db.group.create({
    data: {
      siteId: site.id,
      cycleId: cycle.id,
      name: 'Math 3A',
      subject: 'MATH',
      gradeMin: 3,
      gradeMax: 3,
      targetSkill: 'x',
      probeMeasure: await testMeasure(db, 'y'),
      primaryTutorId: tess,
      modality: 'PUSH_IN',
      startDate: d(addDays(MONDAY, -28)),
      endDate: d(addDays(MONDAY, 60)),
      meetings: { create: [1, 3, 5].map((weekday) => ({ weekday, startMinute: 600, plannedMinutes: 30 })) },
    },
  });
  const session = async (date: string, hour: number) =>
    (
      await db.session.create({
        data: {
          groupId: group.id,
          date: d(date),
          startMinute: hour * 60,
          plannedMinutes: 30,
          startsAt: at(date, hour),
          primaryTutorId: tess,
        },
      })
    ).id;
  sessions = { friday: await session(addDays(MONDAY, -3), 10), monday: await session(MONDAY, 15) };
});

const mailTo = (who: string) => received.filter((m) => m.to.includes(who));

describe('emails people chose', () => {
  it('sends the digest and the weekly review on Monday morning, the reminder at the end of the day, each once', async () => {
    expect(await sendDueNotifications(smtpSend, at(MONDAY, 6, 0))).toEqual({ sent: 0, failed: 0 }); // too early

    expect(await sendDueNotifications(smtpSend, at(MONDAY, 7, 0))).toEqual({ sent: 2, failed: 0 });
    const [digest] = mailTo('cora@test.example');
    expect(digest!.subject).toMatch(/^To do at your site, Mon, \w{3} \d{1,2}: \d+ items?$/);
    expect(digest!.body).toContain('Past sessions still to log (1)');
    expect(digest!.body).toContain(`Tess: 1 session to log, the oldest on ${addDays(MONDAY, -3)} (Math 3A)`);
    expect(digest!.body).toContain(`http://tutoring.test/sites/`);
    const [review] = mailTo('lee@test.example');
    expect(review!.subject).toMatch(/^Weekly operating review: /);
    expect(review!.body).toContain('Dose delivered vs scheduled');
    expect(review!.body).toContain('<table');
    expect(mailTo('ada@test.example')).toEqual([]); // turned off
    expect(mailTo('tess@test.example')).toEqual([]); // not the end of the day yet

    expect(await sendDueNotifications(smtpSend, at(MONDAY, 7, 1))).toEqual({ sent: 0, failed: 0 }); // once a day

    expect(await sendDueNotifications(smtpSend, at(MONDAY, 16, 30))).toEqual({ sent: 1, failed: 0 });
    const [reminder] = mailTo('tess@test.example');
    expect(reminder!.subject).toBe('2 sessions still to log');
    expect(reminder!.body).toContain(`http://tutoring.test/tutor/sessions/${sessions.friday}`);
    expect(reminder!.body).toContain(`http://tutoring.test/tutor/sessions/${sessions.monday}`);
    expect(await db.notificationSent.count()).toBe(3);
  });

  it('sends nothing to whoever turned it off; a digest lists only what is still to do', async () => {
    await db.user.update({ where: { id: tess }, data: { notifyReminder: false } });
    await db.session.update({
      where: { id: sessions.friday },
      data: { status: 'CANCELLED', cancellationReason: 'TUTOR_ABSENT' },
    });
    await db.session.delete({ where: { id: sessions.monday } });
    const tuesday = addDays(MONDAY, 1);
    // Tuesday: no review (Mondays only), no reminder (turned off); nothing left to log in the digest.
    await sendDueNotifications(smtpSend, at(tuesday, 16, 30));
    expect(mailTo('tess@test.example')).toEqual([]);
    expect(mailTo('lee@test.example')).toEqual([]);
    for (const m of mailTo('cora@test.example')) expect(m.body).not.toContain('Past sessions still to log');
  });

  it('gives a refused email back for the next round', async () => {
    await db.user.update({ where: { id: tess }, data: { email: 'bounce@test.example' } });
    expect(await sendDueNotifications(smtpSend, at(MONDAY, 16, 30))).toMatchObject({ failed: 1 });
    expect(await db.notificationSent.count({ where: { kind: 'REMINDER' } })).toBe(0);
    await db.user.update({ where: { id: tess }, data: { email: 'tess@test.example' } });
    expect(await sendDueNotifications(smtpSend, at(MONDAY, 16, 31))).toMatchObject({ failed: 0 });
    expect(mailTo('tess@test.example')).toHaveLength(1);
  });

  it('a coordinator reminds a tutor from the queue: their sessions at the site still to log, now', async () => {
    await db.user.create({
      data: {
        email: 'bo@test.example',
        name: 'Bo',
        role: 'SITE_COORDINATOR',
        sites: {
          create: [
            { siteId: (await db.site.create({ data: { code: 'B', name: 'Brown', gradeMin: 0, gradeMax: 5 } })).id },
          ],
        },
      },
    });
    await signInAs('bo@test.example'); // another site's coordinator
    expect(await remindTutorAction(null, { siteId, tutorId: tess })).toMatchObject({ ok: false });
    await signInAs('cora@test.example');
    const result = await remindTutorAction(null, { siteId, tutorId: tess });
    expect(result).toMatchObject({
      ok: true,
      data: { message: expect.stringMatching(/^Reminder sent to Tess \(tess@test.example\): \d+ sessions? to log\.$/) },
    });
    const [mail] = mailTo('tess@test.example');
    expect(mail!.body).toContain(`http://tutoring.test/tutor/sessions/${sessions.friday}`);
    expect(await db.auditEvent.count({ where: { action: 'notify.remindTutor', entityId: tess } })).toBe(1);
    // Without a mail server the coordinator is told to reach the tutor another way.
    const url = process.env.SMTP_URL;
    delete process.env.SMTP_URL;
    expect(await remindTutorAction(null, { siteId, tutorId: tess })).toMatchObject({
      ok: false,
      message: expect.stringContaining('Email is not set up for this district'),
    });
    process.env.SMTP_URL = url;
  });
});
