import { describe, expect, test } from 'vitest';
import { contactFacts } from '../../../src/enrich/contact-facts.js';
import { disposableDomain } from '../../../src/intel/disposable-domains.js';
import type { Applicant } from '../../../src/model/applicant.js';

const derive = (contact: Applicant['contact'], country?: string) =>
  contactFacts.derive({ id: 't', name: { full: 'T P' }, contact, ...(country ? { claimedLocation: { country } } : {}) }, {});

describe('disposable e-mail domains', () => {
  test('listed domains and their subdomains; mainstream webmail never', () => {
    expect(disposableDomain('mailinator.com')).toBe('mailinator.com');
    expect(disposableDomain('inbox.mailinator.com')).toBe('mailinator.com');
    expect(disposableDomain('MAILINATOR.COM.')).toBe('mailinator.com');
    for (const d of ['gmail.com', 'outlook.com', 'proton.me', 'qq.com', '163.com', 'naver.com', 'mail.ru', 'yandex.ru', 'com']) {
      expect(disposableDomain(d), d).toBeUndefined();
    }
  });

  test('derived.emails[] carries the flag and the listed domain', () => {
    const out = derive({ emails: ['A.B@Mailinator.com', 'a.b@gmail.com', 'no-at-sign'] });
    expect(out.emails).toEqual([
      { address: 'A.B@Mailinator.com', local: 'A.B', domain: 'mailinator.com', disposable: true, disposableDomain: 'mailinator.com' },
      { address: 'a.b@gmail.com', local: 'a.b', domain: 'gmail.com', disposable: false },
      { address: 'no-at-sign', local: 'no-at-sign', domain: undefined },
    ]);
  });
});

describe('VoIP detectability', () => {
  test('a UK 056 number is VoIP and detectable', () => {
    const [p] = derive({ phones: ['+44 56 1234 5678'] }).phones as Array<Record<string, unknown>>;
    expect(p).toMatchObject({ country: 'GB', type: 'voip', voipDetectable: true });
  });

  test('NANP (+1) numbers never claim to be checkable: US VoIP cannot be detected offline', () => {
    const [us, local] = derive({ phones: ['+1 614 555 0142', '(614) 555-0143'] }, 'US').phones as Array<Record<string, unknown>>;
    expect(us!.voipDetectable).toBeUndefined();
    expect(local!.voipDetectable).toBeUndefined();
    expect(us!.type).not.toBe('voip');
  });

  test('an unparseable number is not detectable either', () => {
    const [p] = derive({ phones: ['call me maybe'] }).phones as Array<Record<string, unknown>>;
    expect(p).toMatchObject({ valid: false });
    expect(p!.voipDetectable).toBeUndefined();
  });
});
