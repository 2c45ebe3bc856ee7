import { describe, expect, it } from 'vitest';
import { measureKey, measureName, statedMaximum } from './names';

describe('measure names', () => {
  it('keeps one spelling: trimmed, one space between words', () => {
    expect(measureName('  ORF   words\tcorrect per minute ')).toBe('ORF words correct per minute');
  });

  it('gives spellings that differ only in case or spacing one key', () => {
    expect(measureKey('Fraction Equivalence /10')).toBe(measureKey(' fraction  equivalence /10'));
    expect(measureKey('Fractions /10')).not.toBe(measureKey('Fraction equivalence /10'));
  });

  it('reads the maximum a name states at its end', () => {
    expect(statedMaximum('Place value /15')).toBe(15);
    expect(statedMaximum('Place value / 15 ')).toBe(15);
    expect(statedMaximum('ORF words correct per minute')).toBeNull();
    expect(statedMaximum('1/2 fractions')).toBeNull();
  });
});
