import { MALFORMED, type OperatorDescriptor } from './descriptor.js';

/**
 * The field holds data (true) or is absent or empty (false). No closure factory: the leaf compiles
 * it (compile-condition.ts), because it looks at whether there are values, not at each value.
 */
export const exists: OperatorDescriptor = {
  name: 'exists',
  describe: (v) => (v ? 'is present' : 'is absent or empty'),
  codes: [MALFORMED],
  example: 'field: payroll.cryptoWallet\nexists: true\n',
};
