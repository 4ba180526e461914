// The bench rule pack (bench/rules/**) translated to json-rules-engine 7.3.1. Both engines get the
// same facts (the applicant plus what our enrich stage derived), and custom operators do what our
// comparators do (name matching via the same sameName, case-folded list membership), so both do
// the same work on the same records.
import { Engine } from 'json-rules-engine';
import { sameName } from '../dist/normalize/name.js';

const arr = (v) => (v === undefined || v === null ? [] : Array.isArray(v) ? v.flat() : [v]);
const fold = (s) => String(s).toLowerCase();

const rule = (name, conditions) => ({ name, conditions, event: { type: name } });
const fact = (path, operator, value) => ({ fact: 'applicant', path, operator, value });

export const JRE_RULES = [
  rule('identity.bench-document-name-mismatch', {
    all: [fact('$.identity.documents[*].nameOnDocument', 'anyDiffersFromName', { fact: 'applicant', path: '$.name.full' })],
  }),
  rule('identity.bench-unverified-document', { all: [fact('$.identity.documents[*].verificationMethod', 'anyIn', ['upload', 'none'])] }),
  rule('identity.bench-camera-refused', { all: [fact('$.interviews[*].observations[*]', 'anyIn', ['camera_refused', 'camera_off', 'different_person'])] }),
  rule('network.bench-remote-access-tool', {
    all: [fact('$.network.remoteAccessTools[*]', 'anyIn', ['anydesk', 'teamviewer', 'pikvm', 'tinypilot', 'rustdesk', 'chrome remote desktop'])],
  }),
  rule('network.bench-session-country-mismatch', {
    all: [
      fact('$.claimedLocation.country', 'notEqual', undefined),
      fact('$.derived.sessions[*].country', 'anyNotEqual', { fact: 'applicant', path: '$.claimedLocation.country' }),
    ],
  }),
  rule('network.bench-voip-phone', { all: [fact('$.derived.phones[*].type', 'anyIn', ['voip'])] }),
  rule('payroll.bench-crypto-salary', { all: [fact('$.payroll.method', 'equal', 'crypto')] }),
  rule('payroll.bench-payee-name-mismatch', {
    all: [fact('$.derived.payees[*].holderName', 'anyDiffersFromName', { fact: 'applicant', path: '$.name.full' })],
  }),
  rule('payroll.bench-bank-country-mismatch', {
    all: [
      fact('$.claimedLocation.country', 'notEqual', undefined),
      fact('$.payroll.bank.country', 'anyNotEqual', { fact: 'applicant', path: '$.claimedLocation.country' }),
    ],
  }),
  rule('payroll.bench-ship-to-change', { all: [fact('$.equipment.requestedAddressChange', 'equal', true)] }),
  rule('affiliation.bench-thin-linkedin', { all: [fact("$.profiles[?(@.network=='linkedin')].connections", 'anyLessThan', 20)] }),
];

export function makeEngine() {
  const engine = new Engine(JRE_RULES, { allowUndefinedFacts: true });
  engine.addOperator('anyIn', (a, b) => arr(a).some((x) => b.includes(fold(x))));
  engine.addOperator('anyNotEqual', (a, b) => b !== undefined && arr(a).some((x) => x !== undefined && x !== b));
  engine.addOperator('anyLessThan', (a, b) => arr(a).some((x) => typeof x === 'number' && x < b));
  engine.addOperator('anyDiffersFromName', (a, b) => typeof b === 'string' && arr(a).some((x) => typeof x === 'string' && sameName(x, b) === false));
  return engine;
}
