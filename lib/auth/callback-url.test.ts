import { describe, expect, it } from 'vitest';
import { safeCallbackPath } from './callback-url';

const ORIGIN = 'https://tutoring.district.example';

describe('safeCallbackPath', () => {
  it('keeps paths of the app, normalised', () => {
    expect(safeCallbackPath('/sites/1/schedule?week=2026-11-30', ORIGIN)).toBe('/sites/1/schedule?week=2026-11-30');
    expect(safeCallbackPath('/tutor#today', ORIGIN)).toBe('/tutor#today');
    expect(safeCallbackPath(`${ORIGIN}/district`, ORIGIN)).toBe('/district');
    expect(safeCallbackPath('/%2F%2Fevil.example', ORIGIN)).toBe('/%2F%2Fevil.example'); // still a path here
  });

  it('refuses everything that leads to another origin', () => {
    const attacks = [
      '/\\evil.example/login', // '/%5Cevil.example/login' once decoded
      '/\t/evil.example/login', // '/%09/evil.example/…'
      '/\n/evil.example/',
      '/\r/evil.example/',
      '\\\\evil.example',
      '\\/evil.example',
      '//evil.example',
      '///evil.example',
      '/.//evil.example',
      'https://evil.example',
      'https:evil.example',
      'http://tutoring.district.example.evil.example/',
      `${ORIGIN}@evil.example/`,
      'https://user:pass@tutoring.district.example/',
      'javascript:alert(1)',
      'JaVaScRiPt:alert(1)',
      ' javascript:alert(1)',
      'data:text/html,<script>alert(1)</script>',
      decodeURIComponent('%2F%5Cevil.example'),
      decodeURIComponent('%2F%2Fevil.example'),
      decodeURIComponent('%2F%09%2Fevil.example'),
      '',
      '/'.padEnd(3000, 'a'),
    ];
    for (const attack of attacks) {
      const path = safeCallbackPath(attack, ORIGIN);
      if (path !== null) expect(new URL(path, ORIGIN).origin, JSON.stringify(attack)).toBe(ORIGIN);
      expect(path === null || (!path.startsWith('//') && !path.startsWith('/\\')), JSON.stringify(attack)).toBe(true);
    }
    for (const attack of [
      '/\\evil.example/login',
      '/\t/evil.example/login',
      '//evil.example',
      'https://evil.example',
      'javascript:alert(1)',
      '/.//evil.example',
    ]) {
      expect(safeCallbackPath(attack, ORIGIN), JSON.stringify(attack)).toBeNull();
    }
  });

  it('works without a known origin: only paths pass', () => {
    expect(safeCallbackPath('/sites')).toBe('/sites');
    expect(safeCallbackPath('/\\evil.example/login')).toBeNull();
    expect(safeCallbackPath(undefined)).toBeNull();
  });
});
