// What each email says, as plain text and as simple HTML (the same content): the
// coordinator's to-do queue, a tutor's sessions still to log, the weekly review. The
// weekly review's tables are the page's own (lib/review/tables.ts), cells formatted and
// suppressed exactly as on screen. Pure.
import { formatDay, formatMinuteOfDay, type IsoDate } from '@/lib/dates';
import type { ReportTable } from '@/lib/reports/table';
import type { Mail } from './mail';

const escape = (text: string) =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

const page = (title: string, body: string) =>
  `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${escape(title)}</title></head>` +
  `<body style="font-family: system-ui, sans-serif; color: #1e293b; line-height: 1.5">${body}</body></html>`;

const link = (href: string, text: string) => `<a href="${escape(href)}" style="color: #1d4ed8">${escape(text)}</a>`;

const footer = (base: string) =>
  `<p style="color: #475569; font-size: 14px">Choose which emails you get on ${link(`${base}/account`, 'your account page')}.</p>`;
const footerText = (base: string) => `Choose which emails you get: ${base}/account`;

export interface DigestSection {
  title: string;
  action: string;
  items: { text: string; href: string }[];
}

/** A coordinator's morning: each site's queue, sections with something to do. */
export function digestMail(input: {
  to: string;
  name: string;
  date: IsoDate;
  base: string;
  sites: { name: string; href: string; sections: DigestSection[] }[];
}): Mail {
  const count = input.sites.reduce((n, s) => n + s.sections.reduce((m, x) => m + x.items.length, 0), 0);
  const subject = `To do at your site${input.sites.length > 1 ? 's' : ''}, ${formatDay(input.date)}: ${count} item${count === 1 ? '' : 's'}`;
  const text = [
    `Good morning ${input.name},`,
    '',
    ...input.sites.flatMap((site) => [
      `${site.name} (${input.base}${site.href})`,
      ...site.sections.flatMap((s) => [
        `  ${s.title} (${s.items.length}): ${s.action}`,
        ...s.items.map((i) => `    - ${i.text} ${input.base}${i.href}`),
      ]),
      '',
    ]),
    footerText(input.base),
  ].join('\n');
  const html = page(
    subject,
    `<p>Good morning ${escape(input.name)},</p>` +
      input.sites
        .map(
          (site) =>
            `<h2 style="font-size: 20px">${link(input.base + site.href, site.name)}</h2>` +
            site.sections
              .map(
                (s) =>
                  `<h3 style="font-size: 16px; margin-bottom: 0">${escape(s.title)} (${s.items.length})</h3>` +
                  `<p style="margin-top: 0; color: #334155">${escape(s.action)}</p>` +
                  `<ul>${s.items.map((i) => `<li>${link(input.base + i.href, i.text)}</li>`).join('')}</ul>`,
              )
              .join(''),
        )
        .join('') +
      footer(input.base),
  );
  return { to: input.to, subject, text, html };
}

export interface ReminderSession {
  id: string;
  date: IsoDate;
  startMinute: number;
  groupName: string;
}

/** A tutor's end of day: the sessions still to log, oldest first, each a link to its log. */
export function reminderMail(input: { to: string; name: string; base: string; sessions: ReminderSession[] }): Mail {
  const n = input.sessions.length;
  const subject = `${n} session${n === 1 ? '' : 's'} still to log`;
  const line = (s: ReminderSession) => `${formatDay(s.date)} ${formatMinuteOfDay(s.startMinute)}, ${s.groupName}`;
  const href = (s: ReminderSession) => `${input.base}/tutor/sessions/${s.id}`;
  const text = [
    `Hello ${input.name},`,
    '',
    `These sessions are not logged yet. Log each from your tablet (held or cancelled, and who attended):`,
    ...input.sessions.map((s) => `  - ${line(s)}: ${href(s)}`),
    '',
    footerText(input.base),
  ].join('\n');
  const html = page(
    subject,
    `<p>Hello ${escape(input.name)},</p><p>These sessions are not logged yet. Log each from your tablet (held or cancelled, and who attended):</p>` +
      `<ul>${input.sessions.map((s) => `<li>${link(href(s), line(s))}</li>`).join('')}</ul>` +
      footer(input.base),
  );
  return { to: input.to, subject, text, html };
}

/** A report table as an HTML table: the page's cells, nothing recomputed. */
export function tableHtml(table: ReportTable): string {
  const cell = (tag: 'th' | 'td', text: string, numeric = false) =>
    `<${tag} style="border: 1px solid #cbd5e1; padding: 4px 8px; text-align: ${numeric ? 'right' : 'left'}"${tag === 'th' ? ' scope="col"' : ''}>${escape(text)}</${tag}>`;
  return (
    `<table style="border-collapse: collapse; margin: 8px 0 24px; font-size: 14px">` +
    `<caption style="text-align: left; font-weight: 600; padding-bottom: 4px">${escape(table.caption)}</caption>` +
    `<thead><tr>${table.columns.map((c) => cell('th', c.label, c.numeric)).join('')}</tr></thead>` +
    `<tbody>${table.rows
      .map(
        (r) => `<tr>${r.cells.map((c, j) => cell(j === 0 ? 'th' : 'td', c, table.columns[j]?.numeric)).join('')}</tr>`,
      )
      .join('')}</tbody></table>`
  );
}

function tableText(table: ReportTable): string {
  return [
    table.caption,
    table.columns.map((c) => c.label).join(' | '),
    ...table.rows.map((r) => r.cells.join(' | ')),
    table.rows.length ? '' : '(none)',
  ].join('\n');
}

/** The weekly review as the printable page shows it: the week's figures, then its tables. */
export function weeklyReviewMail(input: {
  to: string;
  weekLabel: string;
  base: string;
  href: string;
  figures: { label: string; value: string }[];
  tables: ReportTable[];
}): Mail {
  const subject = `Weekly operating review: ${input.weekLabel}`;
  const text = [
    subject,
    `${input.base}${input.href}`,
    '',
    ...input.figures.map((f) => `${f.label}: ${f.value}`),
    '',
    ...input.tables.map(tableText),
    footerText(input.base),
  ].join('\n');
  const html = page(
    subject,
    `<h1 style="font-size: 22px">${escape(subject)}</h1>` +
      `<p>${link(input.base + input.href, 'Open the review in the app')}</p>` +
      `<dl>${input.figures.map((f) => `<dt style="font-weight: 600">${escape(f.label)}</dt><dd style="margin: 0 0 8px">${escape(f.value)}</dd>`).join('')}</dl>` +
      input.tables.map(tableHtml).join('') +
      footer(input.base),
  );
  return { to: input.to, subject, text, html };
}
