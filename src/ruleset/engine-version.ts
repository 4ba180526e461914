import type { Diagnostic } from '../model/diagnostic.js';
import { toolVersion } from '../util/package-root.js';
import { diagnosticAt, type YamlSource } from '../yaml/yaml-source.js';

/** The rule-file format this engine reads. A file that asks for a newer one is refused. */
export const RULE_FORMAT = 1;

const VERSION = /^(\d+)\.(\d+)\.(\d+)/;

/** -1, 0 or 1 like a comparator; pre-release and build suffixes are ignored. */
export function compareVersions(a: string, b: string): number {
  const pa = VERSION.exec(a);
  const pb = VERSION.exec(b);
  if (!pa || !pb) return 0;
  for (let i = 1; i <= 3; i++) {
    const d = Number(pa[i]) - Number(pb[i]);
    if (d !== 0) return Math.sign(d);
  }
  return 0;
}

/**
 * Checked before the schema: a file written for a newer dprk-check may use keys or operators this
 * one does not know, and "unknown key 'foo'" would send its author looking for a typo that is not
 * there. `format` changes when the file layout changes; `minEngine` covers additions within a
 * format (a new operator, comparator or derived fact).
 */
export function versionProblem(src: YamlSource, what: 'rule' | 'list', engine: string = toolVersion()): Diagnostic | undefined {
  const value = src.value as Record<string, unknown>;
  const ruleId = what === 'rule' && typeof value.id === 'string' ? value.id : undefined;
  const format = value.format;
  if (typeof format === 'number' && format > RULE_FORMAT) {
    return diagnosticAt(
      src,
      ['format'],
      'rule-format-version',
      `this ${what} file uses rule format ${format}, but this dprk-check (${engine}) reads format ${RULE_FORMAT}`,
      {
        ruleId,
        hint: `upgrade dprk-check to a version that reads format ${format}, or remove this file from the rule pack`,
      },
    );
  }
  const min = value.minEngine;
  if (typeof min === 'string' && VERSION.test(min) && compareVersions(min, engine) > 0) {
    return diagnosticAt(src, ['minEngine'], 'rule-engine-version', `this ${what} needs dprk-check ${min} or newer; this is dprk-check ${engine}`, {
      ruleId,
      hint: `upgrade dprk-check to ${min} or later (npm install dprk-check@latest), or remove this file from the rule pack`,
    });
  }
  return undefined;
}
