import { describe, expect, it } from 'vitest';
import { calendar, escapeText, foldLine } from './ics';

describe('iCalendar feed text', () => {
  it('escapes text values', () => {
    expect(escapeText('Room 12; wing B, 2nd floor\nback door\\side')).toBe(
      'Room 12\\; wing B\\, 2nd floor\\nback door\\\\side',
    );
  });

  it('folds long lines at 75 octets without splitting a character', () => {
    const folded = foldLine(`SUMMARY:${'é'.repeat(60)}`);
    const pieces = folded.split('\r\n');
    expect(pieces.length).toBeGreaterThan(1);
    for (const piece of pieces) expect(new TextEncoder().encode(piece).length).toBeLessThanOrEqual(75);
    expect(pieces.map((p, i) => (i === 0 ? p : p.slice(1))).join('')).toBe(`SUMMARY:${'é'.repeat(60)}`);
  });

  it('writes events in UTC with CRLF line ends and marks cancellations', () => {
    const text = calendar(
      'Tess — tutoring',
      [
        {
          uid: 's1@tutoring-ops',
          start: new Date('2026-12-01T15:30:00Z'),
          minutes: 30,
          summary: 'Math 3A',
          location: 'B12, Adams',
          description: null,
          cancelled: false,
          updated: new Date('2026-11-20T10:00:00Z'),
        },
        {
          uid: 's2@tutoring-ops',
          start: new Date('2026-12-02T15:30:00Z'),
          minutes: 30,
          summary: 'Math 3A',
          location: null,
          description: null,
          cancelled: true,
          updated: new Date('2026-11-20T10:00:00Z'),
        },
      ],
      new Date('2026-11-24T00:00:00Z'),
    );
    expect(text.startsWith('BEGIN:VCALENDAR\r\nVERSION:2.0\r\n')).toBe(true);
    expect(text).toContain('DTSTART:20261201T153000Z\r\nDTEND:20261201T160000Z');
    expect(text).toContain('LOCATION:B12\\, Adams');
    expect(text).toContain('SUMMARY:Cancelled: Math 3A\r\n');
    expect(text).toContain('STATUS:CANCELLED');
    expect(text.endsWith('END:VCALENDAR\r\n')).toBe(true);
    expect(text.split('\r\n').filter((l) => l === 'BEGIN:VEVENT')).toHaveLength(2);
  });

  it('keeps a group name with a bare CR, LF or other control inside its own property', () => {
    const hostile = 'Math 3A\rATTENDEE:mailto:evil@example.com\nX-INJECTED:1\r\nEND:VEVENT\u000bBEGIN:VEVENT';
    const text = calendar(
      hostile,
      [
        {
          uid: 's1@tutoring-ops',
          start: new Date('2026-12-01T15:30:00Z'),
          minutes: 30,
          summary: hostile,
          location: hostile,
          description: hostile,
          cancelled: false,
          updated: new Date('2026-11-20T10:00:00Z'),
        },
      ],
      new Date('2026-11-24T00:00:00Z'),
    );
    const lines = text.slice(0, -2).split('\r\n');
    for (const line of lines) expect(line, JSON.stringify(line)).not.toMatch(/[\r\n\u0000-\u0008\u000a-\u001f\u007f]/);
    const unfolded = text.replace(/\r\n /g, '');
    expect(unfolded).not.toMatch(/\r\n(ATTENDEE|X-INJECTED)/);
    expect(unfolded.split('\r\n').filter((l) => l === 'BEGIN:VEVENT' || l === 'END:VEVENT')).toHaveLength(2);
    expect(unfolded).toContain('SUMMARY:Math 3A\\nATTENDEE:mailto:evil@example.com\\nX-INJECTED:1\\nEND:VEVENT');
    for (const line of lines) expect(new TextEncoder().encode(line).length).toBeLessThanOrEqual(75);
  });
});
