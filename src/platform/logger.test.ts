import { describe, expect, it } from 'vitest';
import { Writable } from 'node:stream';
import { createLogger } from './logger.ts';
import { hashPassword, verifyPassword } from './auth/passwords.ts';

describe('logs', () => {
  it('never contain a child’s name, date of birth, UPN, a password or a cookie', () => {
    const lines: string[] = [];
    const sink = new Writable({
      write(chunk, _encoding, done) {
        lines.push(String(chunk));
        done();
      },
    });
    const logger = createLogger('info', sink);
    logger.info(
      {
        child: { first_name: 'Amara', last_name: 'Adeyemi', date_of_birth: '2016-05-01', upn: 'A311200700042' },
        user: { email: 'someone@example.org', password: 'hunter2' },
        req: { headers: { cookie: 'inclusion-hub.sid=secret' }, body: { notes: 'private' } },
        path: '/children/42',
      },
      'request',
    );
    const output = lines.join('');
    for (const secret of [
      'Amara',
      'Adeyemi',
      '2016-05-01',
      'A311200700042',
      'someone@example.org',
      'hunter2',
      'inclusion-hub.sid=secret',
      'private',
    ]) {
      expect(output).not.toContain(secret);
    }
    expect(output).toContain('/children/42');
  });
});

describe('passwords', () => {
  it('are stored as argon2id hashes and verified against them', async () => {
    const hash = await hashPassword('a long enough password');
    expect(hash.startsWith('$argon2id$')).toBe(true);
    expect(await verifyPassword(hash, 'a long enough password')).toBe(true);
    expect(await verifyPassword(hash, 'another password')).toBe(false);
    expect(await verifyPassword('not a hash', 'anything')).toBe(false);
  });
});
