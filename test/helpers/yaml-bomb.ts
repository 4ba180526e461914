/**
 * A "billion laughs" YAML document: six levels of anchors, each nine aliases of the one before
 * (9^6 ≈ 530,000 strings once expanded, from a few hundred bytes). Every loader of YAML the user
 * gives (rule files, the configuration) must refuse it at an alias instead of expanding it.
 */
export function yamlBomb(): string {
  const lines = ['a: &a ["x","x","x","x","x","x","x","x","x"]'];
  for (const [n, p] of [
    ['b', 'a'],
    ['c', 'b'],
    ['d', 'c'],
    ['e', 'd'],
    ['f', 'e'],
  ])
    lines.push(`${n}: &${n} [${Array(9).fill(`*${p}`).join(',')}]`);
  return lines.join('\n');
}
