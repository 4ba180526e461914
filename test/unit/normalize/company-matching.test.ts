import { describe, expect, test } from 'vitest';
import { COMPANY_MATCH_THRESHOLD, companySimilarity, companyTokens, sameCompany } from '../../../src/normalize/company.js';
import { levenshtein, tokenSimilarity } from '../../../src/normalize/similarity.js';

const YANBIAN = 'Yanbian Silverstar Network Technology Co., Ltd.';

describe('company names that survive spelling games', () => {
  test.each([
    ['Yanbian Silver Star Network Tech Co.', YANBIAN],
    ['YANBIAN SILVERSTAR NETWORK TECHNOLOGY CO.,LTD', YANBIAN],
    ['Yanbian Silverstar Network Technology Company Limited', YANBIAN],
    ['Yanbain Silverstar Network Technology', YANBIAN], // one transposition
    ['Silverstar Yanbian Network Technology LLC', YANBIAN], // word order
    ['Yanbian Silverstar Network Technology (Shenyang branch)', YANBIAN], // listed name inside
    ['OOO Volasys Silver Star', 'Volasys Silver Star'],
    ['ООО «Воласис Сильвер Стар»', 'Volasys Silver Star'], // Cyrillic, transliterated
    ['Общество с ограниченной ответственностью Воласис Сильвер Стар', 'Volasys Silver Star'],
    ['延边银星网络科技', '延边银星网络科技有限公司'], // Hanzi, legal form dropped
    ['조선 금정 경제정보기술교류사', '조선금정경제정보기술교류사 주식회사'], // Hangul, spacing
    ['Chonsurium Trading Corp', 'Chonsurim Trading Corporation'],
    ['Korea Osong Shipping Company', 'Korea Osong Shipping Co.'],
    ['Tony W.K.J. L.L.C.', 'Tony WKJ LLC'],
  ])('%s  ≈  %s', (candidate, listed) => {
    const s = companySimilarity(candidate, listed);
    expect(s.score).toBeGreaterThanOrEqual(COMPANY_MATCH_THRESHOLD);
    expect(sameCompany(candidate, listed)).toBe(true);
  });

  test.each([
    ['Silver Star Technology', YANBIAN], // shares words, not the company
    ['Silverstar Networks Inc', YANBIAN],
    ['Shenyang Network Technology Co', 'Shenyang Geumpungri Network Technology Co., Ltd.'],
    ['China Trade Industry', 'Liaoning China Trade Industry Co., Ltd.'],
    ['Korea Saenal Trading Corp', 'Korea Sinjin Trading Corporation'],
    ['Alix LLC', 'Alis LLC'], // short names match only exactly
    ['Fortuna Tech LLC', 'Fortuna LLC'],
    ['Marketing Department 53rd Street', 'Department 53'], // contained only across word boundaries
    ['Samsung SDS', 'Korea Sobaeksu Trading Company'],
    ['Co., Ltd.', 'LLC'], // nothing left but legal forms
  ])('%s  ≠  %s', (candidate, listed) => {
    expect(companySimilarity(candidate, listed).score).toBeLessThan(COMPANY_MATCH_THRESHOLD);
    expect(sameCompany(candidate, listed)).toBe(false);
  });

  test('legal forms, punctuation and abbreviations are normalised away, real words kept', () => {
    expect(companyTokens('Yanbian Silver Star Network Tech Co., Ltd.')).toEqual(['yanbian', 'silver', 'star', 'network', 'technology']);
    expect(companyTokens('Example Trading Sp. z o.o.')).toEqual(['example', 'trade']);
    expect(companyTokens('Joint Stock Company Star Joint Venture')).toEqual(['star', 'joint', 'venture']);
    expect(companyTokens('有限公司')).toEqual([]);
  });

  test('the reported method says how the names met', () => {
    expect(companySimilarity('Yanbian Silver Star Network Tech Co.', YANBIAN).how).toBe('same name once normalised');
    expect(companySimilarity('Silverstar Yanbian Network Technology', YANBIAN).how).toBe('word order');
    expect(companySimilarity('Yanbain Silverstar Network Technology', YANBIAN).how).toBe('spelling');
  });
});

describe('similarity helpers', () => {
  test('levenshtein', () => {
    expect(levenshtein('kitten', 'sitting')).toBe(3);
    expect(levenshtein('', 'abc')).toBe(3);
    expect(levenshtein('same', 'same')).toBe(0);
  });

  test('token similarity pairs words once and counts unpaired words against the score', () => {
    expect(tokenSimilarity(['a1b2c3', 'network'], ['network', 'a1b2c3'])).toBe(1);
    expect(tokenSimilarity(['network'], ['network', 'technology'])).toBeCloseTo(14 / 24, 5);
    expect(tokenSimilarity([], [])).toBe(0);
  });
});
