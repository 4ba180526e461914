import type { Diagnostic } from '../model/diagnostic.js';
import type { Facts } from '../model/applicant.js';
import { lookupTable } from '../util/lookup-table.js';
import { fieldValue } from '../model/quoted-value.js';

const WHY: Record<string, string> = lookupTable({
  private: 'a private-network address (RFC 1918 / CGNAT / ULA)',
  reserved: 'a reserved address (loopback, link-local, documentation, multicast …)',
});

/**
 * One warning per session address that could not be placed, so the report says so instead of
 * guessing; the record is still checked on everything else.
 */
export function ipWarnings(facts: Facts): Diagnostic[] {
  const sessions = facts.derived.sessions;
  if (!Array.isArray(sessions)) return [];
  const out: Diagnostic[] = [];
  for (const s of sessions as Array<Record<string, unknown>>) {
    if (typeof s.ip !== 'string' || s.ipScope === 'public' || s.ipScope === undefined) continue;
    const where = `${String(s.origin)}.ip`;
    // Quoted through fieldValue, so masked outputs find the address again by its field.
    const shown = fieldValue(where, s.ip, 64);
    const message =
      s.ipScope === 'invalid'
        ? s.ip.includes('%')
          ? `${shown} carries an IPv6 zone id: it names a local network interface, not a place — not geolocatable; this session is not placed`
          : `${shown} is not an IPv4 or IPv6 address — not geolocatable; this session is not placed, the rest of the record is checked`
        : `${shown} is ${WHY[String(s.ipScope)] ?? 'not a public address'} — not geolocatable; this session is not placed`;
    out.push({ code: 'applicant-ip', severity: 'warning', message, path: where });
  }
  return out;
}
