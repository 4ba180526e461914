import { describe, expect, test } from 'vitest';
import { hostingNetworks, parseAsnList } from '../../../src/intel/hosting-asns.js';

describe('hosting / VPN ASN lists', () => {
  test('reads the X4BNet "ASnnnn # name" format, skipping comments and junk', () => {
    const m = parseAsnList('# header\nAS9009 # M247, GB (NordVPN)\nas14061\n  AS8560  # IONOS SE\nnot a line\nAS9009 # duplicate\n');
    expect([...m]).toEqual([
      [9009, 'M247, GB (NordVPN)'],
      [14061, ''],
      [8560, 'IONOS SE'],
    ]);
  });

  test('the VPN list wins over the datacenter list, and documented access networks are removed', () => {
    const h = hostingNetworks();
    expect(h.get(9009)?.kind).toBe('vpn'); // in both lists
    expect(h.get(16509)?.kind).toBe('datacenter'); // Amazon
    expect(h.has(36290)).toBe(false); // residential cable ISP in the upstream list
    expect(h.has(7922)).toBe(false); // Comcast was never listed
  });
});
