import type { Enricher } from './enricher.js';
import { parseIp } from '../normalize/ip.js';
import { ipScope } from '../normalize/ip-scope.js';
import { SESSION_SUMMARY_SCHEMA, summariseSessions } from './session-summary.js';

/**
 * Every place the applicant was seen online (portal sessions and interviews), with the observed
 * country: the one the source system reported, else the one offline IP data gives. Private and
 * reserved addresses cannot be placed and are marked so, never guessed.
 */
export const sessionFacts: Enricher = {
  name: 'sessions',
  provides: {
    sessions: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          origin: { type: 'string', description: 'network.sessions[i] or interviews[i]' },
          at: { type: 'string' },
          kind: { type: 'string' },
          outcome: { type: 'string', description: 'failure for a failed sign-in: such sessions are never given a country' },
          ip: { type: 'string' },
          ipScope: {
            type: 'string',
            description: 'public, private, reserved or invalid (private, reserved and invalid addresses are not geolocatable and are never placed)',
          },
          country: { type: 'string', description: 'observed country (reported by the source system, else from IP data)' },
          countrySource: { type: 'string', description: 'reported or ip-data' },
          asn: { type: 'integer' },
          org: { type: 'string' },
          hosting: { type: 'boolean', description: 'the IP belongs to a hosting / VPN / datacenter network' },
          hostingKind: { type: 'string', description: 'vpn or datacenter, when hosting is true' },
          hostingNetwork: { type: 'string', description: "the hosting list's name for the network" },
          kpLabelIgnored: {
            type: 'boolean',
            description:
              "IP data labels the address KP although it is outside North Korea's allocated 175.45.176.0/22: the label is not trusted and no country is set",
          },
        },
      },
    },
    observedCountries: { type: 'array', items: { type: 'string' }, description: 'distinct observed countries' },
    ...SESSION_SUMMARY_SCHEMA,
  },
  derive(a, ctx) {
    const raw: Array<{ origin: string; at?: unknown; kind?: unknown; ip?: unknown; country?: unknown; outcome?: unknown }> = [];
    (a.network?.sessions ?? []).forEach((s, i) => raw.push({ origin: `network.sessions[${i}]`, ...s }));
    (a.interviews ?? []).forEach((s, i) => raw.push({ origin: `interviews[${i}]`, ...s }));
    if (raw.length === 0) return {};
    const sessions = raw.map((s) => {
      const out: Record<string, unknown> = { origin: s.origin, at: s.at, kind: s.kind };
      // A failed sign-in shows where someone tried from, not where the person is: never placed.
      const failed = s.outcome === 'failure';
      if (failed) out.outcome = 'failure';
      if (typeof s.ip === 'string') {
        out.ip = s.ip;
        const parsed = parseIp(s.ip);
        out.ipScope = parsed ? ipScope(parsed) : 'invalid';
        if (out.ipScope === 'public' && ctx.ip) {
          const facts = ctx.ip.lookup(s.ip);
          if (facts) {
            if (facts.asn !== undefined) out.asn = facts.asn;
            if (facts.org) out.org = facts.org;
            if (facts.hosting !== undefined) out.hosting = facts.hosting;
            if (facts.hostingKind) out.hostingKind = facts.hostingKind;
            if (facts.hostingNetwork) out.hostingNetwork = facts.hostingNetwork;
            if (facts.kpLabelIgnored) out.kpLabelIgnored = true;
            if (facts.country && typeof s.country !== 'string' && !failed) {
              out.country = facts.country;
              out.countrySource = 'ip-data';
            }
          }
        }
      }
      if (typeof s.country === 'string' && !failed) {
        out.country = s.country;
        out.countrySource = 'reported';
      }
      return out;
    });
    const countries = [...new Set(sessions.map((s) => s.country).filter((c): c is string => typeof c === 'string'))];
    const summary = summariseSessions(sessions, a.claimedLocation?.country);
    return countries.length ? { sessions, observedCountries: countries, ...summary } : { sessions };
  },
};
