import { describe, expect, it } from 'vitest';
import { HIDDEN, auditChanges, formatAuditValue, idsIn } from './diff';

describe('auditChanges', () => {
  it('lists only the keys whose values changed', () => {
    expect(
      auditChanges({ name: 'A', role: 'TUTOR', siteIds: ['x'] }, { name: 'B', role: 'TUTOR', siteIds: ['x'] }),
    ).toEqual([{ key: 'name', before: 'A', after: 'B' }]);
  });

  it('shows every value of a creation as new', () => {
    expect(auditChanges(null, { name: 'A', active: true })).toEqual([
      { key: 'name', before: null, after: 'A' },
      { key: 'active', before: null, after: true },
    ]);
  });

  it('flattens nested objects into dotted keys and compares arrays whole', () => {
    const before = { tutorProfile: { subjects: ['MATH'], gradeMin: 3 } };
    const after = { tutorProfile: { subjects: ['MATH', 'ELA'], gradeMin: 3 } };
    expect(auditChanges(before, after)).toEqual([
      { key: 'tutorProfile.subjects', before: ['MATH'], after: ['MATH', 'ELA'] },
    ]);
  });

  it('treats a missing key and null as the same nothing', () => {
    expect(auditChanges({ a: null }, {})).toEqual([]);
  });

  it('never shows a secret, even if one were recorded', () => {
    expect(auditChanges({ passwordHash: 'x' }, { passwordHash: 'y', passwordSet: true })).toEqual([
      { key: 'passwordHash', before: HIDDEN, after: HIDDEN },
      { key: 'passwordSet', before: null, after: true },
    ]);
  });
});

describe('formatAuditValue', () => {
  const id = '6f1c2a8e-7d3b-4c5a-9e2f-0a1b2c3d4e5f';
  it('writes values for people', () => {
    expect(formatAuditValue(null)).toBe('—');
    expect(formatAuditValue(false)).toBe('no');
    expect(formatAuditValue([])).toBe('none');
    expect(formatAuditValue([id, 'other'], { names: new Map([[id, 'Adams (A)']]) })).toBe('Adams (A), other');
    expect(formatAuditValue('2026-03-10T04:30:00.000Z', { timeZone: 'America/Chicago' })).toBe('Mar 9, 2026, 11:30 PM');
    expect(formatAuditValue('x'.repeat(400))).toHaveLength(301);
  });

  it('finds the ids a value mentions', () => {
    expect([...idsIn({ siteIds: [id.toUpperCase()], nested: { providerId: id }, n: 3 })]).toEqual([id]);
  });
});
