// Preloaded into every CLI run the fuzzer starts (node --import): at exit, reports any property
// added to or changed on the built-in prototypes, which no input may ever do.
import { writeSync } from 'node:fs';

const watched = { Object: Object.prototype, Array: Array.prototype, Function: Function.prototype, String: String.prototype };
const snapshot = (o) => new Map(Reflect.ownKeys(o).map((k) => [k, Object.getOwnPropertyDescriptor(o, k)]));
const before = Object.fromEntries(Object.entries(watched).map(([n, o]) => [n, snapshot(o)]));

process.on('exit', () => {
  const changed = [];
  for (const [name, proto] of Object.entries(watched)) {
    const was = before[name];
    for (const key of Reflect.ownKeys(proto)) {
      const d = Object.getOwnPropertyDescriptor(proto, key);
      const old = was.get(key);
      if (!old || old.value !== d.value || old.get !== d.get || old.set !== d.set) changed.push(`${name}.prototype.${String(key)}`);
    }
  }
  if (changed.length) writeSync(2, `\nFUZZ-PROTOTYPE-POLLUTED: ${changed.join(', ')}\n`);
});
