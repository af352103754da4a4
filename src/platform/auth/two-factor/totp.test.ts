import { describe, expect, it } from 'vitest';
import {
  base32Decode,
  base32Encode,
  checkTotpCode,
  hotp,
  newTotpSecret,
  otpauthUri,
  timeStep,
  totpCode,
} from './totp.ts';

// RFC 6238 Appendix B and RFC 4226 Appendix D use the ASCII key "12345678901234567890".
const RFC_KEY = Buffer.from('12345678901234567890', 'ascii');
const RFC_SECRET = base32Encode(RFC_KEY);
const at = (seconds: number) => new Date(seconds * 1000);

describe('time-based one-time passwords (RFC 6238)', () => {
  it.each([
    [59, '94287082'],
    [1111111109, '07081804'],
    [1111111111, '14050471'],
    [1234567890, '89005924'],
    [2000000000, '69279037'],
    [20000000000, '65353130'],
  ])('gives the RFC 6238 appendix B SHA-1 code at %i seconds', (seconds, expected) => {
    expect(totpCode(RFC_SECRET, at(seconds), 8)).toBe(expected);
    // Six digits are the last six of eight: the same truncated number, modulo 10^6.
    expect(totpCode(RFC_SECRET, at(seconds))).toBe(expected.slice(2));
  });

  it('gives the RFC 4226 appendix D HOTP values for counters 0 to 9', () => {
    const expected = [
      '755224',
      '287082',
      '359152',
      '969429',
      '338314',
      '254676',
      '287922',
      '162583',
      '399871',
      '520489',
    ];
    expect(expected.map((_, counter) => hotp(RFC_KEY, counter))).toEqual(expected);
  });

  it('counts 30-second time steps from the Unix epoch', () => {
    expect(timeStep(at(59))).toBe(1);
    expect(timeStep(at(1111111109))).toBe(0x23523ec);
    expect(timeStep(at(20000000000))).toBe(0x27bc86aa);
  });

  it('encodes secrets in base32 both ways, as authenticator apps take them', () => {
    expect(RFC_SECRET).toBe('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ');
    expect(base32Decode('gezd gnbv gy3t qojq gezd gnbv gy3t qojq')).toEqual(RFC_KEY);
    expect(newTotpSecret()).toMatch(/^[A-Z2-7]{32}$/);
  });

  it('accepts the code for now and one 30-second step either side, and no further', () => {
    const now = at(1_700_000_015);
    const step = timeStep(now);
    const codeAt = (offset: number) => totpCode(RFC_SECRET, at((step + offset) * 30));
    expect(checkTotpCode(RFC_SECRET, codeAt(0), now, null)).toEqual({ ok: true, step });
    expect(checkTotpCode(RFC_SECRET, codeAt(-1), now, null)).toEqual({ ok: true, step: step - 1 });
    expect(checkTotpCode(RFC_SECRET, codeAt(1), now, null)).toEqual({ ok: true, step: step + 1 });
    expect(checkTotpCode(RFC_SECRET, codeAt(-2), now, null)).toEqual({ ok: false, reason: 'wrong' });
    expect(checkTotpCode(RFC_SECRET, codeAt(2), now, null)).toEqual({ ok: false, reason: 'wrong' });
  });

  it('refuses a code whose time step was already used, and an earlier one', () => {
    const now = at(1_700_000_015);
    const step = timeStep(now);
    const code = totpCode(RFC_SECRET, now);
    expect(checkTotpCode(RFC_SECRET, code, now, step)).toEqual({ ok: false, reason: 'reused' });
    expect(checkTotpCode(RFC_SECRET, totpCode(RFC_SECRET, at((step - 1) * 30)), now, step)).toEqual({
      ok: false,
      reason: 'reused',
    });
    expect(checkTotpCode(RFC_SECRET, totpCode(RFC_SECRET, at((step + 1) * 30)), now, step)).toEqual({
      ok: true,
      step: step + 1,
    });
  });

  it('refuses anything that is not six digits', () => {
    const now = at(1_700_000_015);
    for (const typed of ['', '12345', '1234567', 'abcdef', `${totpCode(RFC_SECRET, now)} `]) {
      expect(checkTotpCode(RFC_SECRET, typed, now, null)).toEqual({ ok: false, reason: 'wrong' });
    }
  });

  it('puts the secret, issuer, algorithm, digits and period in the QR code’s address', () => {
    const uri = new URL(otpauthUri(RFC_SECRET, 'admin@example.gov.uk', 'Inclusion Hub'));
    expect(uri.protocol).toBe('otpauth:');
    expect(uri.host).toBe('totp');
    expect(decodeURIComponent(uri.pathname)).toBe('/Inclusion Hub:admin@example.gov.uk');
    expect(Object.fromEntries(uri.searchParams)).toEqual({
      secret: RFC_SECRET,
      issuer: 'Inclusion Hub',
      algorithm: 'SHA1',
      digits: '6',
      period: '30',
    });
  });
});
