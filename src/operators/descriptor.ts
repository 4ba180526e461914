import type { DiagnosticCode } from '../model/diagnostic.js';
import type { Comparator } from '../model/rule.js';
import type { OperatorEnv, Predicate } from './operand.js';
import type { Words } from './words.js';

/**
 * Everything about one condition operator, in one file per operator (operators/<name>.ts), listed
 * in the registry (operators.ts). Adding an operator is that file plus its example in docs/rules.md;
 * test/unit/operators/registry.test.ts checks each one has its words, codes and documented example.
 *
 * Which operands are field references is part of how it compiles: `build` resolves each one with
 * `env.ref`, which checks the path against the schema and records it in CompiledRule.fieldsRead
 * (what `rules show` lists), so there is no second list of them to keep in step.
 */
export interface OperatorDescriptor {
  /** The key a rule writes: `regex`, `startsWith`. */
  name: string;
  /** Default comparator when the leaf gives no `as`. */
  defaultAs?: Comparator;
  /**
   * The closure factory: the operand (checked, reporting through env.fail) to a predicate over one
   * value. Absent for `exists`, which the leaf compiles itself (it looks at absence, not at values).
   */
  build?: (operand: unknown, env: OperatorEnv) => Predicate | undefined;
  /** The test in words, after its subject: `starts with "+850"` (rules show, describe-condition.ts). */
  describe: (operand: unknown, words: Words) => string;
  /** Every code build may report (through env.fail or a field reference); all in DIAGNOSTIC_CODES. */
  codes: readonly DiagnosticCode[];
  /** Its example, exactly as the ```yaml condition block in docs/rules.md holds it (a test checks). */
  example: string;
}

/** An operator that builds a predicate (every one but `exists`). */
export type PredicateOperator = OperatorDescriptor & Required<Pick<OperatorDescriptor, 'build'>>;

/** Codes shared by many operators. */
export const MALFORMED: DiagnosticCode = 'rule-schema';
export const FIELD_REF: DiagnosticCode = 'rule-unknown-field';
export const LIST_REF: DiagnosticCode = 'rule-unknown-list';
