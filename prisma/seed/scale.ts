// The two sizes of district the seed can build. Everything else is the same code.
import type { CycleLength } from './calendar';

export type ScaleName = 'demo' | 'large';

export interface Scale {
  name: ScaleName;
  elementarySites: number;
  middleSites: number;
  /** Active students across all sites. */
  students: number;
  tutors: number;
  partnerProviders: number;
  cycleLength: CycleLength;
  /** 'recent': groups began about 8 weeks before today; 'cycle-start': in the first weeks of the cycle. */
  groupStart: 'recent' | 'cycle-start';
  /** Share of eligible (student, subject) pairs the program has seats for: the rest wait. */
  seatShare: number;
  /** Share of sites that run the program less well (more cancellations and absences). */
  weakSiteShare: number;
  /** Every n-th site gets a site-specific no-school day. */
  siteClosureEvery: number;
}

export const SCALES: Record<ScaleName, Scale> = {
  demo: {
    name: 'demo',
    elementarySites: 4,
    middleSites: 2,
    students: 600,
    tutors: 40,
    partnerProviders: 2,
    cycleLength: 'term',
    groupStart: 'recent',
    seatShare: 0.85,
    weakSiteShare: 0.34,
    siteClosureEvery: 6,
  },
  large: {
    name: 'large',
    elementarySites: 34,
    middleSites: 16,
    students: 34_000,
    tutors: 1_000,
    partnerProviders: 4,
    cycleLength: 'school-year',
    groupStart: 'cycle-start',
    seatShare: 0.8,
    weakSiteShare: 0.2,
    siteClosureEvery: 4,
  },
};

export function isScaleName(value: string): value is ScaleName {
  return value === 'demo' || value === 'large';
}
