// A measure's name as the list keeps it, and the key two spellings of one name share.

/** The name with its ends trimmed and every run of spaces (tabs, line breaks) made one space. */
export function measureName(raw: string): string {
  return raw.trim().replace(/\s+/g, ' ');
}

/**
 * What makes two names one measure: case and spacing do not count ("Fraction
 * equivalence /10" and "fraction  equivalence /10"). Unique in probe_measure.
 */
export function measureKey(raw: string): string {
  return measureName(raw).toLowerCase();
}

/** The maximum a name states at its end ("Place value /15" → 15), as the migration reads it. */
export function statedMaximum(name: string): number | null {
  const match = /\/\s*(\d{1,6})\s*$/.exec(name);
  return match ? Number(match[1]) : null;
}

/** What a measure's list entry says after its name: "out of 10 · benchmark 8 · lower is better". */
export function measureDetail(m: {
  maxScore: number | null;
  benchmark: number | null;
  direction: 'HIGHER_IS_BETTER' | 'LOWER_IS_BETTER';
}): string {
  return [
    m.maxScore === null ? null : `out of ${m.maxScore}`,
    m.benchmark === null ? null : `benchmark ${m.benchmark}`,
    m.direction === 'LOWER_IS_BETTER' ? 'lower is better' : null,
  ]
    .filter(Boolean)
    .join(' · ');
}

/** A measure on the district's list, as a group form offers it. */
export interface MeasureChoice {
  name: string;
  subject: string;
  /** "out of 10 · benchmark 8", shown after the name. */
  detail: string;
}
