import { describe, expect, it } from 'vitest';
import {
  ATTENDANCE_MARKS,
  attendanceMarkLabels,
  CANCELLATION_REASONS,
  cancellationReasonLabels,
  isUuid,
  optionsOf,
} from './codes';

describe('codes', () => {
  it('labels every code, and options keep the codes’ order', () => {
    expect(optionsOf(CANCELLATION_REASONS, cancellationReasonLabels).map((o) => o.value)).toEqual([
      ...CANCELLATION_REASONS,
    ]);
    expect(optionsOf(ATTENDANCE_MARKS, attendanceMarkLabels)).toEqual([
      { value: 'PRESENT', label: 'Present' },
      { value: 'PARTIAL', label: 'Late / left early' },
      { value: 'ABSENT_EXCUSED', label: 'Absent (excused)' },
      { value: 'ABSENT_UNEXCUSED', label: 'Absent (unexcused)' },
    ]);
  });

  it('accepts a record id and nothing else', () => {
    expect(isUuid('0b7c8f1e-4a2d-4c3b-9e1f-2a3b4c5d6e7f')).toBe(true);
    expect(isUuid('0B7C8F1E-4A2D-4C3B-9E1F-2A3B4C5D6E7F')).toBe(true);
    for (const bad of ['', 'not-an-id', '0b7c8f1e-4a2d-4c3b-9e1f-2a3b4c5d6e7', "' OR 1=1 --", 42, null, undefined])
      expect(isUuid(bad)).toBe(false);
  });
});
