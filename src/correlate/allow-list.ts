import type { Address } from '../model/applicant.js';
import { DiagnosticsError, type Diagnostic } from '../model/diagnostic.js';
import { addressKey } from '../normalize/address.js';
import { cidrContains, parseCidr, type Cidr, type ParsedIp } from '../normalize/ip.js';
import { ajvDiagnostics } from '../yaml/ajv-diagnostics.js';
import { diagnosticAt, parseYamlSource } from '../yaml/yaml-source.js';
import { validatorFor } from '../validate/ajv.js';
import { readSideText, SideFileError } from '../util/read-side-file.js';
import { hash64, hex64 } from './hash64.js';
import { normalizeEmail, normalizePhone, normalizeWallet } from './link-keys.js';

export interface AllowList {
  /** Hashed keys (as in link-keys.ts) that never link applicants. */
  allowedKeys: Set<string>;
  ipAllowed: (ip: ParsedIp) => boolean;
}

interface Entry {
  kind: 'address' | 'phone' | 'email' | 'ip' | 'account' | 'wallet';
  value: string | Address;
  country?: string;
}

/** An allow-list is a short list of values: 1 MB holds tens of thousands. */
const MAX_BYTES = 1_000_000;

/**
 * Read an --allow-shared file (YAML or JSON): values a staffing agency or employer shares across
 * its candidates on purpose. Every problem is reported with file:line; any problem stops the run,
 * because a half-read allow-list would raise innocent applicants.
 */
export function loadAllowList(file: string, shown = file): AllowList {
  let text: string;
  try {
    text = readSideText(file, { label: `--allow-shared ${shown}`, maxBytes: MAX_BYTES });
  } catch (e) {
    const message =
      e instanceof SideFileError ? `the --allow-shared file ${e.problem}` : `cannot read: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`;
    throw new DiagnosticsError('allow-list unreadable', [{ code: 'allow-list-invalid', severity: 'error', file: shown, message }]);
  }
  const src = parseYamlSource(shown, text);
  if (src.errors.length) throw new DiagnosticsError('allow-list invalid', src.errors);
  const validate = validatorFor('allow-shared.schema.json', true);
  if (!validate(src.value)) throw new DiagnosticsError('allow-list invalid', ajvDiagnostics(src, validate.errors ?? [], 'allow-list-invalid'));
  const entries = (src.value as { shared: Entry[] }).shared;
  const problems: Diagnostic[] = [];
  const allowedKeys = new Set<string>();
  const cidrs: Cidr[] = [];
  const add = (space: string, v: string | undefined, i: number, why: string) => {
    if (!v) {
      problems.push(diagnosticAt(src, ['shared', i, 'value'], 'allow-list-invalid', why));
      return;
    }
    const h = hash64(`${space}|${v}`);
    allowedKeys.add(hex64(h.hi, h.lo));
  };
  entries.forEach((e, i) => {
    const s = typeof e.value === 'string' ? e.value : undefined;
    const needString = () => problems.push(diagnosticAt(src, ['shared', i, 'value'], 'allow-list-invalid', `a ${e.kind} is written as a string`));
    switch (e.kind) {
      case 'address':
        if (typeof e.value !== 'object')
          problems.push(diagnosticAt(src, ['shared', i, 'value'], 'allow-list-invalid', 'an address is an object: { line1, postalCode, country }'));
        else add('address', addressKey(e.value), i, 'an address needs at least line1');
        return;
      case 'ip': {
        if (!s) return needString();
        const cidr = parseCidr(s.trim());
        if (!cidr) problems.push(diagnosticAt(src, ['shared', i, 'value'], 'allow-list-invalid', `'${s}' is not an IP address or CIDR block`));
        else cidrs.push(cidr);
        return;
      }
      case 'phone':
        if (!s) return needString();
        return add('phone', normalizePhone(s, e.country), i, `'${s}' is not a phone number`);
      case 'email':
        if (!s) return needString();
        return add('email', s.includes('@') ? normalizeEmail(s) : undefined, i, `'${s}' is not an e-mail address`);
      case 'account':
        if (!s) return needString();
        return add('account', s.trim().toLowerCase(), i, 'empty account fingerprint');
      case 'wallet':
        if (!s) return needString();
        return add('wallet', normalizeWallet(s), i, 'empty wallet');
    }
  });
  if (problems.length) throw new DiagnosticsError('allow-list invalid', problems);
  return { allowedKeys, ipAllowed: (ip) => cidrs.some((c) => cidrContains(c, ip)) };
}
