import {
  addAlias,
  dayOf,
  emptyKeys,
  isObj,
  protectedPaths,
  saltedHash,
  str,
  type AdaptContext,
  type Fragment,
  type Obj,
  type SourceAdapter,
} from './source-adapter.js';

/**
 * ADP Workforce Now `worker.pay-distribution.change` event (`{"events": [...]}`), after
 * adpllc/marketplace-sample-payloads and the ADP Pay Distribution API guide: the worker is
 * `data.eventContext.worker.associateOID`; each `distributionInstructions[].depositAccount` has a
 * routing number (`financialParty.routingTransitID.idValue`) and an account number
 * (`financialAccount.accountNumber`). Those two are turned into one salted fingerprint here, at
 * read time, and never kept or printed.
 */
export const adp: SourceAdapter = {
  name: 'adp',
  title: 'ADP Workforce Now pay-distribution change events',
  role: 'source',
  // A lone event's `data` is unwrapped like any envelope, so its eventContext may sit at the top.
  detect: (v) => (isObj(v.data) && isObj(v.data.eventContext) && isObj(v.data.transform)) || (isObj(v.eventContext) && isObj(v.transform)),
  adapt(e: Obj, ctx: AdaptContext): Fragment {
    const data = isObj(e.data) ? e.data : e;
    const context = data.eventContext as Obj;
    const transform = data.transform as Obj;
    const keys = emptyKeys();
    const worker = isObj(context.worker) ? context.worker : {};
    addAlias(keys, worker.associateOID);
    const pay = isObj(transform.payDistribution) ? transform.payDistribution : {};
    const when = dayOf(pay.effectiveDateTime ?? transform.effectiveDateTime ?? e.effectiveDateTime ?? e.creationDateTime, 'effectiveDateTime');
    const changes: Obj[] = [];
    for (const ins of (Array.isArray(pay.distributionInstructions) ? pay.distributionInstructions : []).filter(isObj)) {
      const status = isObj(ins.instructionStatusCode) ? str(ins.instructionStatusCode.codeValue) : undefined;
      if (status === 'I') continue; // an account switched off is not a new payee
      const acct = isObj(ins.depositAccount) ? ins.depositAccount : {};
      const party = isObj(acct.financialParty) ? acct.financialParty : {};
      const routing = isObj(party.routingTransitID) ? str(party.routingTransitID.idValue) : undefined;
      const account = isObj(acct.financialAccount) ? str(acct.financialAccount.accountNumber) : undefined;
      changes.push({
        ...(when ? { at: when } : {}),
        method: 'bank',
        ...(account ? { accountFingerprint: saltedHash(`${routing ?? ''}:${account.replace(/[\s-]/g, '')}`, ctx.salt, 'account') } : {}),
      });
    }
    return { keys, facts: changes.length ? { payroll: { changes } } : {}, unmapped: [], dropped: protectedPaths(e) };
  },
};
