import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, csrfFrom, type TestApp } from '../../../test/support/app.ts';
import { TEST_PASSWORD } from '../../../test/support/constants.ts';
import { demoEmail } from '../../demo/accounts.ts';
import { safeReturnTo } from './return-to.ts';

const ELSEWHERE = [
  '//evil.example',
  '//evil.example/x',
  '/\\evil.example',
  '/\\127.0.0.1:3999/x',
  '/%5Cevil',
  '/%5C%5Cevil.example',
  '/%2F%2Fevil.example',
  '/\t/evil.example',
  'https://evil.example',
  'http://service.invalid/x',
  'javascript:alert(1)',
  'JaVaScRiPt:alert(1)',
  ' /schools',
  '',
  'schools',
  '/%E0%A4%A',
];

describe('where to go after signing in (OWASP Unvalidated Redirects and Forwards)', () => {
  it.each(ELSEWHERE)('sends %j to the home page, as it is not a page of this service', (value) => {
    expect(safeReturnTo(value)).toBe('/');
  });

  it('keeps a page of this service with its query string and fragment', () => {
    expect(safeReturnTo('/schools?year=2026%2F27&page=2')).toBe('/schools?year=2026%2F27&page=2');
    expect(safeReturnTo('/cases/12#timeline')).toBe('/cases/12#timeline');
    expect(safeReturnTo(undefined)).toBe('/');
    expect(safeReturnTo(['/schools'])).toBe('/');
  });
});

describe('signing in with a return address', () => {
  let t: TestApp;
  beforeAll(async () => (t = await createTestApp({}, { marks: false })));
  afterAll(() => t.close());

  async function signInReturningTo(returnTo: string) {
    const agent = request.agent(t.app);
    const page = await agent.get('/sign-in');
    return agent
      .post('/sign-in')
      .type('form')
      .send({ email: demoEmail('analyst'), password: TEST_PASSWORD, returnTo, _csrf: csrfFrom(page.text) });
  }

  it.each([
    '//evil.example',
    '/\\evil.example',
    '/\\127.0.0.1:3999/x',
    '/%5Cevil',
    'https://evil.example',
    'javascript:alert(1)',
  ])('never answers with a Location on another site for %j', async (returnTo) => {
    const response = await signInReturningTo(returnTo);
    expect(response.status).toBe(302);
    expect(response.headers.location).toBe('/');
  });

  it('returns to a page of this service with its query string', async () => {
    const response = await signInReturningTo('/schools?year=2026%2F27');
    expect(response.headers.location).toBe('/schools?year=2026%2F27');
  });
});
