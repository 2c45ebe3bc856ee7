import { describe, it, expect } from 'vitest';
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import type { Role } from '@/lib/generated/prisma/enums';
import { activeHrefFor, homePathFor, navigationFor, siteNavigationFor } from './navigation';

const hrefs = (role: Role, siteIds?: string[]) => navigationFor(role, siteIds).map((item) => item.href);
const labels = (role: Role, siteIds?: string[]) => navigationFor(role, siteIds).map((item) => item.label);

describe('homePathFor', () => {
  it('sends district admins and leaders to the district dashboard', () => {
    expect(homePathFor('DISTRICT_ADMIN')).toBe('/district');
    expect(homePathFor('DISTRICT_LEADER')).toBe('/district');
  });

  it('sends a coordinator to their site, or to the site list when none is chosen', () => {
    expect(homePathFor('SITE_COORDINATOR', 'lincoln-es')).toBe('/sites/lincoln-es');
    expect(homePathFor('SITE_COORDINATOR')).toBe('/sites');
  });

  it('sends a tutor to today’s sessions', () => {
    expect(homePathFor('TUTOR')).toBe('/tutor');
  });
});

describe('navigationFor', () => {
  it('gives a district admin every district page', () => {
    expect(labels('DISTRICT_ADMIN')).toEqual([
      'Dashboard',
      'To do',
      'Equity',
      'Weekly review',
      'Costs',
      'Exports',
      'Sites',
      'Users',
      'Calendar',
      'Imports',
      'Measures',
      'Settings',
      'Audit log',
    ]);
    expect(hrefs('DISTRICT_ADMIN').every((href) => href.startsWith('/district') || href === '/sites')).toBe(true);
  });

  it('gives a district leader the read-only review pages', () => {
    expect(labels('DISTRICT_LEADER')).toEqual([
      'Dashboard',
      'Equity',
      'Weekly review',
      'Costs',
      'Exports',
      'Measures',
      'Settings',
    ]);
    expect(hrefs('DISTRICT_LEADER')).not.toContain('/district/users');
  });

  it('scopes a coordinator’s links to their site', () => {
    expect(labels('SITE_COORDINATOR', ['s1'])).toEqual([
      'Overview',
      'Weekly dashboard',
      'Students',
      'Waitlist',
      'Groups',
      'Schedule',
      'Tutors',
      'Follow-up',
      'Weekly review',
      'Exports',
      'Imports',
    ]);
    expect(hrefs('SITE_COORDINATOR', ['s1']).every((href) => href.startsWith('/sites/s1'))).toBe(true);
  });

  it('adds a way to switch sites for a coordinator of several', () => {
    const items = navigationFor('SITE_COORDINATOR', ['s1', 's2']);
    expect(items.at(-1)).toEqual({ label: 'My sites', href: '/sites' });
    expect(items.some((item) => item.href.startsWith('/sites/s2'))).toBe(false);
  });

  it('encodes site ids so they cannot change the path', () => {
    expect(hrefs('SITE_COORDINATOR', ['a/b'])[0]).toBe('/sites/a%2Fb');
  });

  it('gives a tutor no district or site links', () => {
    const tutorHrefs = hrefs('TUTOR', ['s1']);
    expect(labels('TUTOR')).toEqual(['Today', 'This week', 'My students']);
    expect(tutorHrefs.some((href) => href.startsWith('/district') || href.startsWith('/sites'))).toBe(false);
    expect(tutorHrefs.every((href) => href.startsWith('/tutor'))).toBe(true);
  });
});

describe('activeHrefFor', () => {
  const items = navigationFor('DISTRICT_ADMIN');

  it('marks the exact page', () => {
    expect(activeHrefFor('/district', items)).toBe('/district');
    expect(activeHrefFor('/district/users/', items)).toBe('/district/users');
  });

  it('marks the closest section for a nested page', () => {
    expect(activeHrefFor('/district/equity/grade-3', items)).toBe('/district/equity');
  });

  it('does not treat a shared prefix as a parent', () => {
    expect(activeHrefFor('/district-old', items)).toBeUndefined();
    expect(activeHrefFor('/tutor', items)).toBeUndefined();
  });
});

describe('every menu item', () => {
  /** Whether an href resolves to a page under app/ (a segment matches its folder, or the folder's [param]). */
  function pageExists(href: string): boolean {
    let dir = path.resolve(import.meta.dirname, '../app');
    for (const segment of href.split('/').filter(Boolean)) {
      if (existsSync(path.join(dir, segment))) {
        dir = path.join(dir, segment);
        continue;
      }
      const param = readdirSync(dir).find((name) => /^\[[^.\]]+\]$/.test(name));
      if (!param) return false;
      dir = path.join(dir, param);
    }
    return existsSync(path.join(dir, 'page.tsx'));
  }

  it.each([
    ['DISTRICT_ADMIN', []],
    ['DISTRICT_LEADER', []],
    ['SITE_COORDINATOR', ['s1', 's2']],
    ['SITE_COORDINATOR', []],
    ['TUTOR', []],
  ] as [Role, string[]][])('of a %s leads to a page that exists', (role, siteIds) => {
    const missing = navigationFor(role, siteIds).filter((item) => !pageExists(item.href));
    expect(missing).toEqual([]);
  });

  it('of a site, for an admin viewing it, leads to a page that exists; others get none', () => {
    const items = siteNavigationFor('DISTRICT_ADMIN', 's1');
    expect(items.map((item) => item.label)).toContain('Waitlist');
    expect(items.filter((item) => !pageExists(item.href))).toEqual([]);
    expect(siteNavigationFor('DISTRICT_LEADER', 's1')).toEqual([]);
    expect(siteNavigationFor('SITE_COORDINATOR', 's1')).toEqual([]);
    expect(siteNavigationFor('DISTRICT_ADMIN', undefined)).toEqual([]);
  });

  it('is checked against the app’s pages (an unknown address is caught)', () => {
    expect(pageExists('/district/nowhere')).toBe(false);
    expect(pageExists('/sites/s1/dashboard')).toBe(true);
  });
});
