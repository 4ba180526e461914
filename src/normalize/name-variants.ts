/**
 * Spellings that stand for the same name in different romanisation systems. Applicants' names are
 * often written differently on a passport, a bank account and a profile for no reason but the
 * system used (Revised Romanization vs McCune–Reischauer, Pinyin vs Wade–Giles or Cantonese,
 * Russian vs Ukrainian transliteration). Treating them as different would flag people for their
 * origin, which this tool must never do, so each group folds to its first spelling.
 */
const GROUPS: string[][] = [
  ['lee', 'yi', 'rhee', 'ri', 'rhie', 'li'],
  ['park', 'pak', 'bak', 'pack', 'bahk'],
  ['kim', 'gim'],
  ['choi', 'choe', 'chey', 'choy'],
  ['jung', 'jeong', 'chung', 'chong', 'cheong'],
  ['kang', 'gang'],
  ['cho', 'jo', 'joe'],
  ['yoon', 'yun'],
  ['shin', 'sin', 'shinn'],
  ['lim', 'im', 'rim', 'yim'],
  ['seo', 'suh', 'soh'],
  ['kwon', 'gwon'],
  ['zhang', 'jang', 'chang', 'cheung'],
  ['wang', 'wong'],
  ['chen', 'chan'],
  ['liu', 'lau'],
  ['huang', 'hwang'],
  ['zhou', 'chow', 'chau'],
  ['wu', 'woo', 'ng'],
  ['xu', 'hsu', 'tsui'],
  ['guo', 'kwok', 'kuo'],
  ['he', 'ho'],
  ['lin', 'lam'],
  ['liang', 'leung'],
  ['xie', 'tse', 'hsieh'],
  ['zheng', 'cheng'],
  ['yang', 'yeung'],
  ['zhao', 'chao', 'chiu'],
  ['song', 'sung'],
  ['alexander', 'aleksandr', 'alexandr', 'oleksandr', 'aleksander'],
  ['yuri', 'yury', 'yuriy', 'iurii', 'jurij'],
  ['sergey', 'sergei', 'serhiy', 'serhii', 'serguei'],
  ['dmitry', 'dmitri', 'dmitriy', 'dmytro'],
  ['andrey', 'andrei', 'andriy', 'andrii'],
  ['alexey', 'aleksei', 'alexei', 'aleksey', 'oleksiy', 'oleksii'],
  ['evgeny', 'yevgeny', 'evgeniy', 'yevgeniy', 'yevhen'],
  ['nikolai', 'nikolay', 'mykola'],
  ['mikhail', 'mykhailo', 'michail'],
  ['vladimir', 'volodymyr'],
  ['ekaterina', 'yekaterina', 'kateryna'],
  ['natalia', 'natalya', 'nataliya'],
  ['tatiana', 'tatyana', 'tetiana'],
  ['olga', 'olha'],
  ['yulia', 'yuliya', 'iuliia'],
  ['mohammed', 'muhammad', 'mohamed', 'mohammad', 'muhammed', 'mohamad'],
  ['ahmed', 'ahmad'],
  ['hussein', 'husein', 'hussain', 'husain'],
];

const CANONICAL = new Map<string, string>();
for (const group of GROUPS) for (const spelling of group) CANONICAL.set(spelling, group[0]!);

export function canonicalNameToken(token: string): string {
  return CANONICAL.get(token) ?? token;
}
