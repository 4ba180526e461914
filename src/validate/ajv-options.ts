import { createHash } from 'node:crypto';

/**
 * The one definition of how our schemas are compiled, shared by runtime compilation (ajv.ts) and
 * the build-time standalone validators (scripts/build-validators.mjs imports this module from
 * dist/), so the two cannot drift apart.
 */
// verbose: errors carry parentSchema, which lets an unknown key be answered with "did you mean".
export const AJV_OPTIONS = { strict: true, allowUnionTypes: true, verbose: true } as const;

/**
 * What a generated validator was built from: the schema's exact text and the options. Written
 * into each generated file and compared when it is loaded, so a schema edited after the last
 * build is compiled afresh instead of being checked by yesterday's code.
 */
export function schemaHash(schemaText: string): string {
  return createHash('sha256').update(JSON.stringify(AJV_OPTIONS)).update('\0').update(schemaText).digest('hex');
}
