/**
 * Time-based one-time passwords: RFC 6238 (TOTP) over RFC 4226 (HOTP), as every authenticator
 * app computes them — HMAC-SHA1, 6 digits, 30-second time steps counted from the Unix epoch.
 * Secrets are shown and put in QR codes in base32 (RFC 4648 §6), as the apps expect.
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

export const TOTP = { digits: 6, stepSeconds: 30, secretBytes: 20, driftSteps: 1 } as const;

const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

export function base32Encode(bytes: Buffer): string {
  let bits = 0;
  let value = 0;
  let out = '';
  for (const byte of bytes) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += BASE32[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  if (bits > 0) out += BASE32[(value << (5 - bits)) & 31];
  return out;
}

export function base32Decode(text: string): Buffer {
  const clean = text.toUpperCase().replace(/[\s=-]/g, '');
  const bytes: number[] = [];
  let bits = 0;
  let value = 0;
  for (const char of clean) {
    const index = BASE32.indexOf(char);
    if (index < 0) throw new Error('Not a base32 secret');
    value = (value << 5) | index;
    bits += 5;
    if (bits >= 8) {
      bytes.push((value >>> (bits - 8)) & 255);
      bits -= 8;
    }
  }
  return Buffer.from(bytes);
}

/** A new random secret of 160 bits (RFC 4226 §4 R6), in base32. */
export function newTotpSecret(): string {
  return base32Encode(randomBytes(TOTP.secretBytes));
}

/** RFC 4226 §5.3: HMAC-SHA1 of the 8-byte counter, dynamically truncated to `digits` digits. */
export function hotp(key: Buffer, counter: number, digits: number = TOTP.digits): string {
  const message = Buffer.alloc(8);
  message.writeBigUInt64BE(BigInt(counter));
  const mac = createHmac('sha1', key).update(message).digest();
  const offset = mac[mac.length - 1] & 0x0f;
  const binary = mac.readUInt32BE(offset) & 0x7fffffff;
  return String(binary % 10 ** digits).padStart(digits, '0');
}

/** RFC 6238 §4.2: the number of whole time steps since the Unix epoch. */
export function timeStep(now: Date): number {
  return Math.floor(now.getTime() / 1000 / TOTP.stepSeconds);
}

/** The code an authenticator app shows at `now` (or for a given step). */
export function totpCode(secret: string, now: Date, digits: number = TOTP.digits): string {
  return hotp(base32Decode(secret), timeStep(now), digits);
}

export type CodeCheck = { ok: true; step: number } | { ok: false; reason: 'wrong' | 'reused' };

/**
 * Whether a typed code is the one for now or one step either side (RFC 6238 §5.2 allows for
 * clocks a little apart), and was not already used: a code whose step is not after the last
 * step accepted for this person is refused (RFC 6238 §5.2: "the verifier MUST NOT accept the
 * second attempt of the OTP after the successful validation has been issued for the first OTP").
 */
export function checkTotpCode(secret: string, code: string, now: Date, lastStep: number | null): CodeCheck {
  if (!/^\d{6}$/.test(code)) return { ok: false, reason: 'wrong' };
  const typed = Buffer.from(code);
  const key = base32Decode(secret);
  const current = timeStep(now);
  const matches: number[] = [];
  // Every step is compared, in constant time, so timing does not tell which one matched.
  for (let step = current - TOTP.driftSteps; step <= current + TOTP.driftSteps; step++) {
    if (timingSafeEqual(Buffer.from(hotp(key, step)), typed)) matches.push(step);
  }
  if (matches.length === 0) return { ok: false, reason: 'wrong' };
  const unused = matches.find((step) => lastStep === null || step > lastStep);
  return unused === undefined ? { ok: false, reason: 'reused' } : { ok: true, step: unused };
}

/** What a QR code holds for an authenticator app (the Key Uri Format the apps share). */
export function otpauthUri(secret: string, account: string, issuer: string): string {
  const label = `${encodeURIComponent(issuer)}:${encodeURIComponent(account)}`;
  const params = new URLSearchParams({
    secret,
    issuer,
    algorithm: 'SHA1',
    digits: String(TOTP.digits),
    period: String(TOTP.stepSeconds),
  });
  return `otpauth://totp/${label}?${params.toString().replace(/\+/g, '%20')}`;
}

/** The secret in groups of four, easier to type into an app by hand. */
export function groupedSecret(secret: string): string {
  return secret.match(/.{1,4}/g)!.join(' ');
}
