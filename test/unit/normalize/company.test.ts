import { describe, expect, test } from 'vitest';
import { companyKey, sameCompany } from '../../../src/normalize/company.js';

describe('sameCompany', () => {
  test.each([
    ['SilverStar Co., Ltd.', 'Silver Star'],
    ['Silver Star LLC', 'SILVERSTAR'],
    ['Acme Logistics Inc.', 'ACME LOGISTICS LLC'],
    ['OOO Sigma', 'Sigma LLC'],
    ['ООО Сигма', 'Сигма'],
    ['The Volasys Company', 'Volasys'],
    ['Chinyong Information Technology Cooperation Company', 'Chinyong Information Tech. Cooperation Co'],
    ['Korea Sobaeksu Trading Company', 'Korea Sobaeksu Trade Co., Ltd.'],
    ['Nordic Services GmbH', 'Nordic Service AG'],
  ])('legal forms, spacing, abbreviations: %s ~ %s', (a, b) => {
    expect(sameCompany(a, b)).toBe(true);
  });

  test.each([
    ['沈阳光明有限公司', '沈阳光明'],
    ['株式会社 トヨタ', 'トヨタ'],
    ['주식회사 삼성', '삼성'],
    ['北京科技股份有限公司', '北京科技'],
  ])('CJK legal forms: %s ~ %s', (a, b) => {
    expect(sameCompany(a, b)).toBe(true);
  });

  test('the full listed name inside a longer employer name matches', () => {
    expect(sameCompany('Yanbian Silverstar Network Technology Co., Ltd. (Shenyang branch)', 'Yanbian Silverstar Network Technology')).toBe(true);
  });

  test.each([
    ['Silver', 'Silver Star'],
    ['Silver Star', 'Silver'],
    ['Volasys Silver Star', 'Silver Star'],
    ['Korea Sobaeksu Trading Company', 'Sobaeksu'],
    ['Star Logistics', 'Silver Star'],
  ])('a short name never matches a longer one: %s ≁ %s', (a, b) => {
    expect(sameCompany(a, b)).toBe(false);
  });

  test.each([
    ['Acme Logistics', 'Apex Logistics'],
    ['Google LLC', 'Microsoft Corporation'],
  ])('different companies: %s ≁ %s', (a, b) => {
    expect(sameCompany(a, b)).toBe(false);
  });

  test('names made only of legal forms never match anything', () => {
    expect(companyKey('Co., Ltd.')).toBe('');
    expect(sameCompany('Co., Ltd.', 'LLC')).toBe(false);
    expect(sameCompany('', '')).toBe(false);
  });
});
