import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

/**
 * Disposable / throw-away e-mail domains from the disposable-email-domains list (CC0), through the
 * disposable-email-domains-js package. Read once, on the first e-mail checked; the package's own
 * helper rebuilds its Set on every call.
 */
let domains: Set<string> | undefined;

export const DISPOSABLE_DATA = {
  name: 'disposable-email-domains list (npm disposable-email-domains-js)',
  licence: 'CC0-1.0',
  url: 'https://github.com/disposable-email-domains/disposable-email-domains',
};

/** The installed list package's version, for --version. */
export function disposableListVersion(): string | undefined {
  try {
    const require = createRequire(import.meta.url);
    return (JSON.parse(readFileSync(require.resolve('disposable-email-domains-js/package.json'), 'utf8')) as { version: string }).version;
  } catch {
    return undefined;
  }
}

function load(): Set<string> {
  if (!domains) {
    const require = createRequire(import.meta.url);
    const file = require.resolve('disposable-email-domains-js/dist/dict/disposable_email_blocklist.json');
    domains = new Set((JSON.parse(readFileSync(file, 'utf8')) as string[]).map((d) => d.toLowerCase()));
  }
  return domains;
}

/** The listed domain the address's domain is, or sits under (a.b.mailinator.com → mailinator.com). */
export function disposableDomain(domain: string): string | undefined {
  const set = load();
  const labels = domain.trim().toLowerCase().replace(/\.$/, '').split('.');
  for (let i = 0; i < labels.length - 1; i++) {
    const candidate = labels.slice(i).join('.');
    if (set.has(candidate)) return candidate;
  }
  return undefined;
}
