import { requireVendored } from './vendor.js';

type YamlModule = typeof import('yaml');
let loaded: YamlModule | undefined;

/**
 * The yaml package, loaded on first use (its CommonJS build). A check whose rules all come from
 * the build-time cache never parses YAML, and importing the parser costs tens of milliseconds of
 * every cold start.
 */
export function yamlLib(): YamlModule {
  loaded ??= requireVendored<YamlModule>('yaml').lib;
  return loaded;
}
