'use client';

import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { Button } from '@/components/ui/button';
import { SelectField, TextField, TextareaField } from '@/components/ui/field';
import { FormMessage } from '@/components/ui/form-message';
import { useOutboxForm } from '@/components/tutor/use-outbox-form';
import {
  ATTENDANCE_MARKS,
  CANCELLATION_REASONS,
  attendanceMarkLabels,
  cancellationReasonLabels,
  optionsOf,
  type AttendanceMark,
  type CancellationReasonCode,
} from '@/lib/codes';
import type { OutboxPayloads } from '@/lib/offline/outbox';

type Mark = AttendanceMark;
type Reason = CancellationReasonCode;

const MARKS = optionsOf(ATTENDANCE_MARKS, attendanceMarkLabels);
const REASONS = optionsOf(CANCELLATION_REASONS, cancellationReasonLabels);

export interface LogFormSession {
  id: string;
  plannedMinutes: number;
  status: 'SCHEDULED' | 'HELD' | 'CANCELLED';
  cancellationReason: Reason | null;
  actualMinutes: number | null;
  note: string | null;
  students: { id: string; firstName: string; lastName: string }[];
  attendance: { studentId: string; status: Mark; minutesAttended: number | null }[];
}

type Marks = Record<string, { status: Mark; minutes: string }>;

/** What this form sends: the log action's input (the compiler checks it against the schema), fields as typed. */
type LogPayload = OutboxPayloads['session-log'] & {
  cancellationReason?: Reason;
  actualMinutes?: string;
  note: string;
  attendance: { studentId: string; status: Mark; minutesAttended?: string }[];
  onBehalfReason?: string;
};

/** A coordinator logging the session for the tutor who delivers it: whose it is, and where to go back. */
export interface OnBehalf {
  tutorName: string;
  /** This page (the entry's link while it waits) and the page to return to once sent. */
  href: string;
  returnTo: string;
}

const isReason = (value: unknown): value is Reason => REASONS.some((r) => r.value === value);
/** A kept entry's field as the form shows it (the entry was written by this form, as text). */
const asText = (value: unknown): string =>
  typeof value === 'string' ? value : typeof value === 'number' ? String(value) : '';

/**
 * Held or cancelled, minutes, one tap per student that was not simply present, a note.
 * The entry goes through the tablet's outbox: saved on the device, then sent now or
 * when the connection returns.
 */
export function LogSessionForm({
  session,
  label,
  ahead = false,
  onBehalf,
}: {
  session: LogFormSession;
  label: string;
  ahead?: boolean;
  onBehalf?: OnBehalf;
}) {
  const router = useRouter();
  // A session still to come can only be cancelled ahead (held is logged on the day).
  const [held, setHeld] = useState(!ahead && session.status !== 'CANCELLED');
  const [reason, setReason] = useState<Reason | ''>(session.cancellationReason ?? '');
  const [minutes, setMinutes] = useState(String(session.actualMinutes ?? session.plannedMinutes));
  const [note, setNote] = useState(session.note ?? '');
  const [why, setWhy] = useState('');
  const [marks, setMarks] = useState<Marks>(() =>
    Object.fromEntries(
      session.students.map((s) => {
        const row = session.attendance.find((a) => a.studentId === s.id);
        return [s.id, { status: row?.status ?? 'PRESENT', minutes: row?.minutesAttended?.toString() ?? '' }];
      }),
    ),
  );
  // An entry for this session still on the tablet (waiting, or refused and being
  // fixed): the form opens with what the tutor entered, and saving replaces it.
  const form = useOutboxForm({
    kind: 'session-log',
    subject: session.id,
    reopenWaiting: true,
    load: ({ payload: p }) => {
      setHeld(p.status === 'HELD');
      setReason(isReason(p.cancellationReason) ? p.cancellationReason : '');
      setMinutes(p.actualMinutes === undefined ? String(session.plannedMinutes) : asText(p.actualMinutes));
      setNote(asText(p.note));
      setWhy(asText(p.onBehalfReason));
      setMarks((current) => {
        const next = { ...current };
        for (const a of p.attendance ?? [])
          if (next[a.studentId]) next[a.studentId] = { status: a.status, minutes: asText(a.minutesAttended) };
        return next;
      });
    },
    refusedMessage: 'This entry was not accepted.',
    waitingMessage: 'This log is saved on this tablet and waiting to sync. Saving again replaces it.',
    keptMessages: {
      offline: 'Saved on this tablet. It will be sent when the connection returns.',
      signedOut: 'Saved on this tablet. Sign in again to send it.',
    },
  });
  const { fieldErrors } = form;

  function submit() {
    const payload: LogPayload = {
      sessionId: session.id,
      clientId: form.clientId,
      status: held ? 'HELD' : 'CANCELLED',
      cancellationReason: held ? undefined : reason || undefined,
      actualMinutes: held ? minutes : undefined,
      note,
      attendance: held
        ? session.students.map((s) => ({
            studentId: s.id,
            status: marks[s.id]!.status,
            minutesAttended: marks[s.id]!.status === 'PARTIAL' ? marks[s.id]!.minutes : undefined,
          }))
        : [],
      ...(onBehalf ? { onBehalfReason: why } : {}),
    };
    form.send({
      payload,
      label: `Log · ${label}${onBehalf ? ` for ${onBehalf.tutorName}` : ''}`,
      href: onBehalf?.href ?? `/tutor/sessions/${session.id}`,
      sent: () => router.push(onBehalf?.returnTo ?? '/tutor'),
    });
  }

  const fieldError = (prefix: string) => Object.entries(fieldErrors).find(([key]) => key.startsWith(prefix))?.[1];
  return (
    <form
      id={form.formId}
      className="flex flex-col gap-6"
      aria-label="Log this session"
      onSubmit={(event) => {
        event.preventDefault();
        submit();
      }}
    >
      <fieldset className="flex flex-col gap-2">
        <legend className="mb-1 font-semibold">Did the session take place?</legend>
        <div className="grid grid-cols-2 gap-3">
          {[
            [true, 'Held'],
            [false, 'Cancelled'],
          ]
            .filter(([value]) => !(ahead && value === true))
            .map(([value, label]) => (
              <label
                key={String(label)}
                className={`flex min-h-14 cursor-pointer items-center justify-center gap-2 rounded-lg border-2 text-lg font-semibold ${held === value ? 'border-primary-700 bg-primary-50 text-primary-900' : 'border-slate-300 bg-white'}`}
              >
                <input
                  type="radio"
                  name="status"
                  className="size-5"
                  checked={held === value}
                  onChange={() => setHeld(value as boolean)}
                />
                {label}
              </label>
            ))}
        </div>
      </fieldset>

      {held ? (
        <>
          <div className="w-40">
            <TextField
              label="Minutes"
              type="number"
              inputMode="numeric"
              min={1}
              max={240}
              value={minutes}
              onChange={(e) => setMinutes(e.target.value)}
              error={fieldErrors.actualMinutes}
              hint={`Planned: ${session.plannedMinutes}`}
            />
          </div>
          <fieldset className="flex flex-col gap-3">
            <legend className="mb-1 font-semibold">Attendance</legend>
            {fieldError('attendance') ? (
              <p className="text-sm font-medium text-danger-700">{fieldError('attendance')!.join(' ')}</p>
            ) : null}
            {session.students.length === 0 ? (
              <p className="text-slate-700">No students are placed in this group on this date.</p>
            ) : null}
            {session.students.map((s, i) => {
              const mark = marks[s.id]!;
              const name = `${s.firstName} ${s.lastName}`;
              return (
                <div
                  key={s.id}
                  role="radiogroup"
                  aria-label={name}
                  className="rounded-lg border border-slate-200 bg-white p-3"
                >
                  <p className="mb-2 font-semibold">{name}</p>
                  <div className="grid grid-cols-2 gap-2 md:grid-cols-4">
                    {MARKS.map((m) => (
                      <label
                        key={m.value}
                        className={`flex min-h-12 cursor-pointer items-center justify-center gap-2 rounded-md border-2 px-2 text-center text-sm font-medium ${mark.status === m.value ? 'border-primary-700 bg-primary-50 text-primary-900' : 'border-slate-300'}`}
                      >
                        <input
                          type="radio"
                          name={`mark-${s.id}`}
                          className="size-5"
                          checked={mark.status === m.value}
                          onChange={() => setMarks({ ...marks, [s.id]: { ...mark, status: m.value } })}
                        />
                        {m.label}
                      </label>
                    ))}
                  </div>
                  {mark.status === 'PARTIAL' ? (
                    <div className="mt-2 w-48">
                      <TextField
                        label={`Minutes ${s.firstName} attended`}
                        type="number"
                        inputMode="numeric"
                        min={0}
                        max={240}
                        value={mark.minutes}
                        onChange={(e) => setMarks({ ...marks, [s.id]: { ...mark, minutes: e.target.value } })}
                        // The payload lists students in this order (submit), so the server's path names this field.
                        error={fieldErrors[`attendance.${i}.minutesAttended`]}
                      />
                    </div>
                  ) : null}
                </div>
              );
            })}
          </fieldset>
        </>
      ) : (
        <div className="max-w-sm">
          <SelectField
            label="Why was it cancelled?"
            value={reason}
            onChange={(e) => setReason(e.target.value as Reason)}
            error={fieldErrors.cancellationReason}
          >
            <option value="">Choose a reason…</option>
            {REASONS.map((r) => (
              <option key={r.value} value={r.value}>
                {r.label}
              </option>
            ))}
          </SelectField>
        </div>
      )}

      <TextareaField
        label="Note (optional)"
        rows={2}
        maxLength={500}
        value={note}
        onChange={(e) => setNote(e.target.value)}
        error={fieldErrors.note}
      />
      {onBehalf ? (
        <TextareaField
          label={`Why you are logging it for ${onBehalf.tutorName}`}
          rows={2}
          maxLength={300}
          required
          value={why}
          onChange={(e) => setWhy(e.target.value)}
          error={fieldErrors.onBehalfReason}
          hint="Kept in the audit trail with your name, e.g. “Tutor’s tablet broken; attendance from the paper sheet”."
        />
      ) : null}
      <FormMessage tone="error" message={form.error} />
      {form.kept && form.waiting ? (
        <p className="rounded-md border border-primary-200 bg-primary-50 px-4 py-3 font-medium text-primary-900">
          {form.kept}{' '}
          <Link href={onBehalf?.returnTo ?? '/tutor'} className="underline">
            {onBehalf ? 'Back to the site' : 'Back to today'}
          </Link>
        </p>
      ) : null}
      <div>
        <Button type="submit" size="lg" disabled={form.pending} aria-disabled={form.pending}>
          {form.pending ? 'Saving…' : 'Save log'}
        </Button>
      </div>
    </form>
  );
}
