// What is screened and what is taught: screener measures with grade norms, and
// the target skills a group can work on with the probe that tracks each one.
import { createHash } from 'node:crypto';
import type { Subject } from '../../lib/generated/prisma/enums';
import { measureKey, measureName } from '../../lib/measures/names';
import type { ProbeMeasureRow } from './rows';

export interface GradeBand {
  gradeMin: number;
  gradeMax: number;
}

export interface Screener {
  measure: string;
  /** Scale score at the national median for the grade, and one standard deviation. */
  median: number;
  sd: number;
}

// Rounded from published i-Ready and DIBELS 8 fall norms; close enough to look right.
const I_READY_MATH_MEDIANS = [362, 397, 425, 448, 467, 482, 492, 502, 510];
const DIBELS_COMPOSITE_MEDIANS = [335, 405, 445, 475];
const I_READY_READING_MEDIANS = [0, 0, 0, 0, 540, 565, 585, 600, 612];

export function screenerFor(subject: Subject, grade: number): Screener {
  const index = Math.max(0, Math.min(8, grade));
  if (subject === 'MATH')
    return { measure: 'i-Ready Math Diagnostic', median: I_READY_MATH_MEDIANS[index] ?? 480, sd: 24 };
  if (grade <= 3) return { measure: 'DIBELS 8 Composite', median: DIBELS_COMPOSITE_MEDIANS[index] ?? 450, sd: 40 };
  return { measure: 'i-Ready Reading Diagnostic', median: I_READY_READING_MEDIANS[index] ?? 580, sd: 38 };
}

export interface SkillFocus extends GradeBand {
  subject: Subject;
  targetSkill: string;
  probeMeasure: string;
  maxScore: number | null;
  /** Expected score of a 20th-percentile student in the band's lowest grade. */
  base: number;
  perGrade: number;
  perPercentile: number;
  /** Typical gain a week for a student receiving the full dose. */
  weeklyGrowth: number;
  noise: number;
}

const SKILLS: readonly SkillFocus[] = [
  {
    subject: 'ELA',
    gradeMin: 0,
    gradeMax: 1,
    targetSkill: 'Letter–sound correspondence',
    probeMeasure: 'Letter sounds correct per minute',
    maxScore: null,
    base: 12,
    perGrade: 15,
    perPercentile: 0.4,
    weeklyGrowth: 1.6,
    noise: 3,
  },
  {
    subject: 'ELA',
    gradeMin: 0,
    gradeMax: 1,
    targetSkill: 'Phonemic awareness: blending and segmenting',
    probeMeasure: 'Phoneme segmentation fluency (sounds per minute)',
    maxScore: null,
    base: 14,
    perGrade: 12,
    perPercentile: 0.4,
    weeklyGrowth: 1.8,
    noise: 3.5,
  },
  {
    subject: 'ELA',
    gradeMin: 1,
    gradeMax: 3,
    targetSkill: 'Decoding CVC words and blends',
    probeMeasure: 'Nonsense word fluency (correct letter sounds per minute)',
    maxScore: null,
    base: 24,
    perGrade: 18,
    perPercentile: 0.6,
    weeklyGrowth: 2,
    noise: 4,
  },
  {
    subject: 'ELA',
    gradeMin: 2,
    gradeMax: 5,
    targetSkill: 'Oral reading fluency with connected text',
    probeMeasure: 'ORF words correct per minute',
    maxScore: null,
    base: 38,
    perGrade: 20,
    perPercentile: 0.8,
    weeklyGrowth: 1.3,
    noise: 5,
  },
  {
    subject: 'ELA',
    gradeMin: 3,
    gradeMax: 5,
    targetSkill: 'Multisyllabic word decoding',
    probeMeasure: 'Multisyllabic words read correctly /25',
    maxScore: 25,
    base: 8,
    perGrade: 2,
    perPercentile: 0.15,
    weeklyGrowth: 0.6,
    noise: 1.5,
  },
  {
    subject: 'ELA',
    gradeMin: 4,
    gradeMax: 8,
    targetSkill: 'Reading comprehension: main idea and inference',
    probeMeasure: 'Maze comprehension correct /30',
    maxScore: 30,
    base: 8,
    perGrade: 1.5,
    perPercentile: 0.15,
    weeklyGrowth: 0.45,
    noise: 2,
  },
  {
    subject: 'ELA',
    gradeMin: 6,
    gradeMax: 8,
    targetSkill: 'Academic vocabulary in context',
    probeMeasure: 'Vocabulary in context /20',
    maxScore: 20,
    base: 7,
    perGrade: 1,
    perPercentile: 0.1,
    weeklyGrowth: 0.35,
    noise: 1.5,
  },
  {
    subject: 'MATH',
    gradeMin: 0,
    gradeMax: 1,
    targetSkill: 'Counting and cardinality to 20',
    probeMeasure: 'Quantity discrimination correct per minute',
    maxScore: null,
    base: 10,
    perGrade: 8,
    perPercentile: 0.25,
    weeklyGrowth: 1,
    noise: 2.5,
  },
  {
    subject: 'MATH',
    gradeMin: 0,
    gradeMax: 3,
    targetSkill: 'Addition and subtraction within 20',
    probeMeasure: 'Addition and subtraction facts within 20 /40',
    maxScore: 40,
    base: 6,
    perGrade: 6,
    perPercentile: 0.25,
    weeklyGrowth: 1.1,
    noise: 2.5,
  },
  {
    subject: 'MATH',
    gradeMin: 2,
    gradeMax: 3,
    targetSkill: 'Place value to 1,000',
    probeMeasure: 'Place value /15',
    maxScore: 15,
    base: 5,
    perGrade: 1.5,
    perPercentile: 0.1,
    weeklyGrowth: 0.45,
    noise: 1.2,
  },
  {
    subject: 'MATH',
    gradeMin: 3,
    gradeMax: 5,
    targetSkill: 'Multiplication and division facts',
    probeMeasure: 'Multiplication facts correct in 2 minutes /60',
    maxScore: 60,
    base: 12,
    perGrade: 6,
    perPercentile: 0.4,
    weeklyGrowth: 1.5,
    noise: 3,
  },
  {
    subject: 'MATH',
    gradeMin: 4,
    gradeMax: 5,
    targetSkill: 'Fraction equivalence and comparison',
    probeMeasure: 'fraction equivalence /10',
    maxScore: 10,
    base: 2.5,
    perGrade: 1,
    perPercentile: 0.08,
    weeklyGrowth: 0.35,
    noise: 0.9,
  },
  {
    subject: 'MATH',
    gradeMin: 6,
    gradeMax: 7,
    targetSkill: 'Ratios and proportional reasoning',
    probeMeasure: 'Ratio and proportion problems /12',
    maxScore: 12,
    base: 3,
    perGrade: 1,
    perPercentile: 0.08,
    weeklyGrowth: 0.35,
    noise: 1,
  },
  {
    subject: 'MATH',
    gradeMin: 6,
    gradeMax: 8,
    targetSkill: 'Operations with integers',
    probeMeasure: 'Integer operations /20',
    maxScore: 20,
    base: 6,
    perGrade: 1.5,
    perPercentile: 0.12,
    weeklyGrowth: 0.5,
    noise: 1.5,
  },
  {
    subject: 'MATH',
    gradeMin: 7,
    gradeMax: 8,
    targetSkill: 'Solving one- and two-step equations',
    probeMeasure: 'One- and two-step equations /10',
    maxScore: 10,
    base: 2,
    perGrade: 1,
    perPercentile: 0.08,
    weeklyGrowth: 0.3,
    noise: 0.9,
  },
];

/**
 * The district's probe measures: one per skill's measure, a fixed-scale measure's
 * benchmark at 80 % of its maximum (the mastery line its groups aim for). Ids are
 * derived from the name, so adding the list moves no other seeded id.
 */
export function probeMeasureRows(): ProbeMeasureRow[] {
  const seen = new Set<string>();
  return SKILLS.filter((skill) => !seen.has(skill.probeMeasure) && seen.add(skill.probeMeasure)).map((skill) => {
    const hash = createHash('sha1').update(`probe-measure:${skill.probeMeasure}`).digest('hex');
    return {
      id: `${hash.slice(0, 8)}-${hash.slice(8, 12)}-5${hash.slice(13, 16)}-a${hash.slice(17, 20)}-${hash.slice(20, 32)}`,
      name: measureName(skill.probeMeasure),
      nameKey: measureKey(skill.probeMeasure),
      subject: skill.subject,
      maxScore: skill.maxScore,
      direction: 'HIGHER_IS_BETTER',
      benchmark: skill.maxScore === null ? null : Math.round(skill.maxScore * 0.8),
    };
  });
}

export function skillsFor(subject: Subject, band: GradeBand): SkillFocus[] {
  return SKILLS.filter(
    (skill) => skill.subject === subject && skill.gradeMin <= band.gradeMin && skill.gradeMax >= band.gradeMax,
  );
}

/** Where a student starts on a probe, before noise. */
export function expectedStart(skill: SkillFocus, grade: number, percentile: number): number {
  return skill.base + skill.perGrade * (grade - skill.gradeMin) + skill.perPercentile * (percentile - 20);
}

export function clampScore(skill: SkillFocus, score: number): number {
  const rounded = skill.maxScore !== null && skill.maxScore <= 15 ? Math.round(score * 2) / 2 : Math.round(score);
  return Math.max(0, skill.maxScore === null ? rounded : Math.min(skill.maxScore, rounded));
}

/** Elementary groups span two grades; middle-school groups stay within one. */
export function gradeBands(gradeMin: number, gradeMax: number): GradeBand[] {
  const bands: GradeBand[] = [];
  const width = gradeMin >= 6 ? 1 : 2;
  for (let grade = gradeMin; grade <= gradeMax; grade += width) {
    bands.push({ gradeMin: grade, gradeMax: Math.min(gradeMax, grade + width - 1) });
  }
  return bands;
}

export function gradeLabel(grade: number): string {
  return grade === 0 ? 'K' : grade === -1 ? 'PK' : String(grade);
}

export function bandLabel(band: GradeBand): string {
  return band.gradeMin === band.gradeMax
    ? `Grade ${gradeLabel(band.gradeMin)}`
    : `Grades ${gradeLabel(band.gradeMin)}–${gradeLabel(band.gradeMax)}`;
}

export const SUBJECT_LABEL: Record<Subject, string> = { MATH: 'Math', ELA: 'ELA' };
