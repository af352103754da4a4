import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import request from 'supertest';
import { createTestApp, type TestApp } from '../../test/support/app.ts';

// Behind one trusted proxy that ends TLS, as in production.
let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ trustProxy: 1 }, { marks: false });
});
afterAll(() => t.close());

describe('Strict-Transport-Security', () => {
  it('is not sent over plain HTTP', async () => {
    const response = await request(t.app).get('/sign-in');
    expect(response.status).toBe(200);
    expect(response.headers['strict-transport-security']).toBeUndefined();
  });

  it('is sent when a trusted proxy says the request came over HTTPS', async () => {
    const response = await request(t.app).get('/sign-in').set('X-Forwarded-Proto', 'https');
    expect(response.headers['strict-transport-security']).toMatch(/max-age=\d+/);
  });
});
