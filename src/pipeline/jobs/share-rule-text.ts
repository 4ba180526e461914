import type { CompiledRule } from '../../model/rule.js';
import type { BatchOutcome } from './batch-check.js';

type Spec = CompiledRule['spec'];

/**
 * A finding made in this thread points at its rule's title, references, false positives and next
 * step; one that comes back from a worker carries copies of them, a few hundred bytes per finding
 * that a batch would keep per applicant until the report is written. Point them back at this
 * thread's rule (the worker loaded the same rule set: it checks that before it starts).
 */
export function ruleTextSharer(rules: CompiledRule[]): (o: BatchOutcome) => BatchOutcome {
  const specs = new Map<string, Spec>(rules.map((r) => [r.spec.id, r.spec]));
  return (o) => {
    if (!o.ok) return o;
    for (const f of o.result.findings) {
      const spec = specs.get(f.ruleId);
      if (
        !spec ||
        f.title !== spec.title ||
        f.next !== spec.next ||
        f.references.length !== spec.references.length ||
        f.falsepositives.length !== spec.falsepositives.length
      )
        continue;
      f.ruleId = spec.id;
      f.title = spec.title;
      f.next = spec.next;
      f.references = spec.references;
      f.falsepositives = spec.falsepositives;
    }
    return o;
  };
}
