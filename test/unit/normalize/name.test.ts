import { describe, expect, test } from 'vitest';
import { normalizeName, sameName, sameNameStrict } from '../../../src/normalize/name.js';
import { canonicalNameToken } from '../../../src/normalize/name-variants.js';

/** sameName must not depend on which side is which. */
function same(a: string, b: string): boolean | undefined {
  const ab = sameName(a, b);
  expect(sameName(b, a), `sameName(${JSON.stringify(b)}, ${JSON.stringify(a)}) should equal the reverse`).toBe(ab);
  return ab;
}

describe('sameName: one person written differently', () => {
  const samePerson: Array<[string, string, string]> = [
    ['word order', 'Jordan Miller', 'Miller Jordan'],
    ['surname first with a comma', 'Jordan Miller', 'MILLER, Jordan'],
    ['case', 'jordan miller', 'JORDAN MILLER'],
    ['initial for the given name', 'Jordan Miller', 'J. Miller'],
    ['initial for a middle name', 'Jordan A. Miller', 'Jordan Alexander Miller'],
    ['middle name dropped', 'Jordan Alexander Miller', 'Jordan Miller'],
    ['diacritics', 'José Álvarez', 'Jose Alvarez'],
    ['diacritics and initials', 'José M. Álvarez', 'Jose Manuel Alvarez'],
    ['German ß and umlaut folded', 'Jürgen Müller', 'Jurgen Muller'],
    ['hyphenated given name', 'Kim Ji-ho', 'Kim Jiho'],
    ['hyphenated given name, other order', 'Ji-ho Kim', 'Kim Jiho'],
    ['one-letter typo in a long name', 'Jonathan Miller', 'Jonathon Miller'],
    ['Lee / Yi', 'Lee Min-jun', 'Yi Minjun'],
    ['Lee / Rhee', 'Lee Seung-hoon', 'Rhee Seunghoon'],
    ['Park / Pak', 'Park Soo-min', 'Pak Soomin'],
    ['Choi / Choe', 'Choi Yoon-seo', 'Choe Yoonseo'],
    ['Lee / Yi with a hyphenated given name whose syllable is also a surname', 'Ji-ho Lee', 'Yi Jiho'],
    ['surname given last and first, hyphen dropped', 'Seo-yeon Park', 'Pak Seoyeon'],
    ['Aleksandr / Alexander', 'Aleksandr Petrov', 'Alexander Petrov'],
    ['Sergey / Serhii', 'Sergey Kovalenko', 'Serhii Kovalenko'],
    ['Zhang / Cheung', 'Zhang Wei', 'Cheung Wei'],
    ['Mohammed / Muhammad', 'Mohammed Al-Rashid', 'Muhammad Al Rashid'],
  ];
  test.each(samePerson)('%s: %s ~ %s', (_why, a, b) => {
    expect(same(a, b)).toBe(true);
  });
});

describe('sameName: different people', () => {
  const different: Array<[string, string]> = [
    ['Jordan Miller', 'Kevin Hart'],
    ['John Smith', 'Jane Smith'],
    ['Emily Carter', 'Sarah Brooks'],
    ['Jordan Miller', 'Jordan Mills'],
    ['Lee Min-jun', 'Park Min-jun'],
    ['Kim Ji-ho', 'Kim Ji-woo'],
    ['Alexander Petrov', 'Alexei Petrov'],
    ['J. M.', 'John Miller'],
    ['Jordan Miller', 'K. Miller'],
  ];
  test.each(different)('%s ≠ %s', (a, b) => {
    expect(same(a, b)).toBe(false);
  });

  test('short names are not matched by a one-letter edit', () => {
    expect(same('Jon Miller', 'Jan Miller')).toBe(false);
  });
});

describe('sameName: cannot compare', () => {
  test.each([
    ['Kim Ji-ho', '김지호'],
    ['Zhang Wei', '张伟'],
    ['Aleksandr Petrov', 'Александр Петров'],
  ])('different scripts give undefined: %s / %s', (a, b) => {
    expect(same(a, b)).toBeUndefined();
  });

  test('the same name in the same non-Latin script is the same', () => {
    expect(same('김지호', '김지호')).toBe(true);
    expect(same('Александр Петров', 'Петров Александр')).toBe(true);
  });

  test('empty or punctuation-only names give undefined', () => {
    expect(same('', 'Jordan Miller')).toBeUndefined();
    expect(same('—', 'Jordan Miller')).toBeUndefined();
  });
});

describe('normalizeName', () => {
  test('tokens are folded, canonicalised and sorted', () => {
    expect(normalizeName('Yi, Min-Jun').tokens).toEqual(['jun', 'lee', 'min']);
    expect(normalizeName('Yi Minjun').compact).toBe('yiminjun');
  });

  test('romanisation groups fold to one spelling and unknown tokens stay as they are', () => {
    expect(canonicalNameToken('pak')).toBe('park');
    expect(canonicalNameToken('oleksandr')).toBe('alexander');
    expect(canonicalNameToken('miller')).toBe('miller');
  });
});

describe('romanisation systems do not make a different person', () => {
  test.each([
    ['Min-seo Choi', 'CHOE MINSO'],
    ['Ji-hoon Park', 'PAK JIHUN'],
    ['Seo-yeon Lee', 'YI SOYON'],
    ['Hyun-woo Jung', 'JEONG HYEONWOO'],
    ['Kwang-su Kim', 'GIM GWANGSU'],
    ['Dmitry Sokolov', 'DMITRII SOKOLOV'],
    ['Fyodor Zaitsev', 'FEDOR ZAITCEV'],
  ])('%s = %s', (a, b) => {
    expect(sameName(a, b)).toBe(true);
    expect(sameName(b, a)).toBe(true);
  });
  test.each([
    ['John Smith', 'Jane Smith'],
    ['Jordan Miller', 'Kevin Hart'],
    ['Mark Brown', 'Mike Brown'],
  ])('%s ≠ %s', (a, b) => expect(sameName(a, b)).toBe(false));
});

describe('watchlist names match strictly', () => {
  test.each([
    ['Sang-man Kim', 'Kim Sang Man', true],
    ['Christina M. Chapman', 'Christina Marie Chapman', true],
    ['Lee Min Jun', 'Yi Min Jun', true],
    ['Sung Kim', 'Kim Sang Man', false],
    ['Kim Un', 'Kim Se Un', false],
    ['Jong-in Choi', 'Jong In Chol', false],
    ['Christina Chapman', 'Christina Marie Chapman', false],
  ] as const)('%s vs %s → %s', (a, b, want) => expect(sameNameStrict(a, b)).toBe(want));
});
