import { describe, expect, test } from 'vitest';
import { KnownValues, maskNoteReferences, maskShapes, scrubText } from '../../../src/redact/scrub-text.js';
import { maskAt } from '../../../src/redact/mask.js';

describe('maskShapes', () => {
  test.each([
    ['write to jane.doe+cv@mail.example.co.uk now', 'write to [email] now'],
    ['from 192.0.2.14 and 2001:db8::7', 'from [IP address] and [IP address]'],
    ['call +1 (614) 555-0142 or +44 20 7946 0958', 'call [phone, US] or [phone, GB]'],
    ['call (614) 555-0142', 'call [phone]'],
    ['pay 0x52908400098527886E0F7030069857D2E4169EE7', 'pay [wallet]'],
    ['pay bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq', 'pay [wallet]'],
    ['pay 1BoatSLRHtKNngkdXEeobR76b53LETtpyT', 'pay [wallet]'],
    ['acct sha256:9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08', 'acct [hash]'],
  ])('masks %s', (input, output) => {
    expect(maskShapes(input)).toBe(output);
  });

  test.each([
    'in 175.45.176.0/22',
    'at 2026-10-09T14:00:00-04:00',
    'born 1991-03-14, age 35',
    'rule identity.document-name-mismatch, version 1.2.3',
    'cand-1042 scored 94/100',
  ])('leaves %s alone', (input) => {
    expect(maskShapes(input)).toBe(input);
  });
});

describe('note references', () => {
  test('masks values after personal paths, up to the next reference', () => {
    expect(maskNoteReferences('differs from name.full = Jordan Miller; name.aliases[0] = J. M (and 2 more)')).toBe(
      'differs from name.full = [name]; name.aliases[0] = [name] (and 2 more)',
    );
    expect(maskNoteReferences('before appliedAt = 2026-10-02')).toBe('before appliedAt = 2026-10-02');
    expect(maskNoteReferences('same as $.contact.addresses[type=home] = {"line1":"12 Elm')).toBe('same as $.contact.addresses[type=home] = [address]');
  });
});

describe('known values', () => {
  test('replaces whole values only, in any case, longest first', () => {
    const k = new KnownValues();
    k.add('Ann', '[name]');
    k.add('Ann Lee', '[name]');
    k.add('Li', '[name]'); // too short to search for safely
    expect(k.replaceIn('ANN LEE wrote the Annual report; Ann signed; Li too')).toBe('[name] wrote the Annual report; [name] signed; Li too');
  });

  test('long values are also found in their shortened note form', () => {
    const long = `${'x'.repeat(90)} Street`;
    const k = new KnownValues();
    k.add(long, '[address]');
    expect(k.replaceIn(`differs from ${long.slice(0, 77)}…`)).toBe('differs from [address]');
  });

  test('maskAt hides the personal parts of an address and keeps its country', () => {
    const m = maskAt('contact.addresses[0]', { type: 'home', line1: '12 Elm St', city: 'Columbus', region: 'OH', country: 'US' });
    expect(m.value).toBe('[address, US]');
    const hidden = m.hidden.map((h) => h.text);
    expect(hidden).toEqual(expect.arrayContaining(['12 Elm St', 'Columbus', '12 Elm St, Columbus, OH, US']));
    expect(hidden).not.toContain('US');
    expect(hidden).not.toContain('home');
    const k = new KnownValues();
    for (const h of m.hidden) k.add(h.text, h.mask);
    expect(scrubText('moved from Columbus last year', k)).toBe('moved from [address, US] last year');
  });
});
