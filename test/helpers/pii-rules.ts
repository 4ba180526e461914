import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * A small rule pack whose messages and notes quote personal data in every way the engine can:
 * template placeholders, `differs from path = value` and `same as path = value` notes, address
 * objects, IPs matched against a CIDR list. Used to test redaction on real rule output.
 */
const COMMON = `format: 1
status: stable
description: Test rule that quotes personal data in its message and evidence.
references:
  - title: Test reference
    url: https://example.org/guidance
    date: 2024-01-01
falsepositives: [A test]
next: Verify it.
`;

export const PII_RULES: Record<string, string> = {
  'identity/document-name-mismatch.yaml': `title: Name on a document differs
id: identity.document-name-mismatch
family: identity
severity: high
${COMMON}message: "The {{identity.documents[].type}} shows \\"{{identity.documents[].nameOnDocument}}\\"; the applicant applied as \\"{{name.full}}\\"."
match:
  some: identity.documents[]
  where: { field: nameOnDocument, differsFrom: ["$.name.full", "$.name.aliases[]"], as: name }
cases:
  match: [{ name: differs, applicant: { name: { full: Ann Smith }, identity: { documents: [{ type: passport, nameOnDocument: Bob Jones }] } } }]
  nomatch: [{ name: same, applicant: { name: { full: Ann Smith }, identity: { documents: [{ type: passport, nameOnDocument: Ann Smith }] } } }]
`,
  'identity/document-birthdate-mismatch.yaml': `title: Date of birth on a document differs
id: identity.document-birthdate-mismatch
family: identity
severity: medium
${COMMON}message: "Document date of birth {{identity.documents[].dateOfBirth}} differs from {{dateOfBirth}}."
match:
  some: identity.documents[]
  where: { field: dateOfBirth, differsFrom: "$.dateOfBirth", as: exact }
cases:
  match: [{ name: differs, applicant: { name: { full: A B }, dateOfBirth: "1990-01-01", identity: { documents: [{ dateOfBirth: "1991-01-01" }] } } }]
  nomatch: [{ name: same, applicant: { name: { full: A B }, dateOfBirth: "1990-01-01", identity: { documents: [{ dateOfBirth: "1990-01-01" }] } } }]
`,
  'identity/reference-shares-phone.yaml': `title: A reference gives the applicant's own phone
id: identity.reference-shares-phone
family: identity
severity: high
${COMMON}message: "Reference {{references[].name}} ({{references[].email}}) gives the applicant's own phone {{contact.phones[]}}."
match:
  some: references[]
  where: { field: phone, sameAs: "$.contact.phones[]", as: phone }
cases:
  match: [{ name: same, applicant: { name: { full: A B }, contact: { phones: ["+1 614 555 0100"] }, references: [{ name: C D, phone: "+16145550100" }] } }]
  nomatch: [{ name: other, applicant: { name: { full: A B }, contact: { phones: ["+1 614 555 0100"] }, references: [{ name: C D, phone: "+16145550199" }] } }]
`,
  'network/interview-from-listed-range.yaml': `title: Interview joined from a listed network
id: network.interview-from-listed-range
family: network
severity: medium
${COMMON}message: "Interview joined from {{interviews[].ip}}; sessions from {{network.sessions[].ip}}."
match:
  some: interviews[]
  where: { field: ip, cidr: ["203.0.113.0/24"] }
cases:
  match: [{ name: in range, applicant: { name: { full: A B }, interviews: [{ ip: "203.0.113.9" }] } }]
  nomatch: [{ name: outside, applicant: { name: { full: A B }, interviews: [{ ip: "198.51.100.9" }] } }]
`,
  'payroll/crypto-payout.yaml': `title: Salary to a crypto wallet
id: payroll.crypto-payout
family: payroll
severity: high
${COMMON}message: "Asks to be paid to {{payroll.cryptoWallet}} instead of account {{payroll.bank.accountFingerprint}} held by {{payroll.bank.holderName}}."
match: { field: payroll.cryptoWallet, exists: true }
cases:
  match: [{ name: wallet, applicant: { name: { full: A B }, payroll: { cryptoWallet: "0x52908400098527886E0F7030069857D2E4169EE7" } } }]
  nomatch: [{ name: none, applicant: { name: { full: A B }, payroll: { method: bank } } }]
`,
  'payroll/ship-to-not-home.yaml': `title: Equipment shipped away from home
id: payroll.ship-to-not-home
family: payroll
severity: medium
${COMMON}message: "Laptop to {{equipment.shipTo}}, not home {{contact.addresses[]}}; contact {{contact.emails[]}}."
match: { field: equipment.shipTo, differsFrom: "contact.addresses[]", as: address }
cases:
  match: [{ name: differs, applicant: { name: { full: A B }, contact: { addresses: [{ line1: 1 Main St, postalCode: "10001", country: US }] }, equipment: { shipTo: { line1: 9 Dock Rd, postalCode: "19901", country: US } } } }]
  nomatch: [{ name: same, applicant: { name: { full: A B }, contact: { addresses: [{ line1: 1 Main St, postalCode: "10001", country: US }] }, equipment: { shipTo: { line1: 1 Main Street, postalCode: "10001", country: US } } } }]
`,
};

/** Write the pack to a fresh temp directory and return its path. */
export function writePiiRules(): string {
  const dir = mkdtempSync(join(tmpdir(), 'dprk-rules-'));
  for (const [file, text] of Object.entries(PII_RULES)) {
    mkdirSync(join(dir, file.split('/')[0]!), { recursive: true });
    writeFileSync(join(dir, file), text);
  }
  return dir;
}
