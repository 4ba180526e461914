/**
 * The consonant skeleton of a romanised name word. Korean and Russian names reach Latin letters
 * through several systems (Revised Romanization, McCune–Reischauer, ICAO passport rules, informal
 * spellings): Hyun/Hyeon, Jihoon/Jihun, Minseo/Minso, Kwangsu/Gwangsu, Dmitry/Dmitrii,
 * Fyodor/Fedor, Zaitsev/Zaitcev. They differ in vowels and in voiced/voiceless letter pairs, not in
 * the consonants heard. Comparing skeletons keeps such spellings from reading as a different
 * person; a different name still differs (Jordan/Kevin, Miller/Hart).
 */
export function nameSkeleton(word: string): string {
  return word
    .replace(/tsch|tch/g, 'c')
    .replace(/ts|tz|tc/g, 'c')
    .replace(/kh/g, 'h')
    .replace(/zh|j/g, 'j')
    .replace(/sch|sh/g, 's')
    .replace(/ch/g, 'j')
    .replace(/ph/g, 'f')
    .replace(/x/g, 'gs')
    .replace(/[kgq]/g, 'g')
    .replace(/[pb]/g, 'b')
    .replace(/[td]/g, 'd')
    .replace(/[vw]/g, 'v')
    .replace(/[aeiouyh]/g, '')
    .replace(/(.)\1+/g, '$1');
}

/**
 * Two name words that may be one name in two romanisations. A skeleton of fewer than `min`
 * consonants says too little on its own (John/Jane are both "jn").
 */
export function sameSkeleton(a: string, b: string, min = 3): boolean {
  if (a.length < 3 || b.length < 3) return false;
  const sa = nameSkeleton(a);
  return sa.length >= min && sa === nameSkeleton(b);
}
