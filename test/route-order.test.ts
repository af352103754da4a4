import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from './support/app.ts';
import type { RouteDeclaration } from '../src/platform/permissions.ts';

let t: TestApp;

beforeAll(async () => {
  t = await createTestApp({}, { empty: true });
});
afterAll(() => t.close());

const segments = (path: string) => path.replace(/^\/|\/$/g, '').split('/');
const isParameter = (segment: string) => segment.startsWith(':');

/** Whether `earlier` would answer every request for `later`, which has a fixed word where it has a parameter. */
function hides(earlier: RouteDeclaration, later: RouteDeclaration): boolean {
  if (earlier.method !== later.method) return false;
  const [general, specific] = [segments(earlier.path), segments(later.path)];
  if (general.length !== specific.length) return false;
  let wider = false;
  for (const [index, segment] of general.entries()) {
    const other = specific[index]!;
    if (segment === other) continue;
    if (!isParameter(segment) || other.includes(':')) return false;
    wider = true;
  }
  return wider;
}

describe('the order of the routes (the platform’s, then each area’s in src/areas.ts)', () => {
  it('declares no route after a more general one that would answer its requests first', () => {
    const declared = t.routes.declarations;
    const hidden = declared.flatMap((later, index) =>
      declared
        .slice(0, index)
        .filter((earlier) => hides(earlier, later))
        .map((earlier) => `${later.method} ${later.path} comes after ${earlier.path}`),
    );
    expect(hidden).toEqual([]);
    expect(declared.length).toBeGreaterThan(100);
  });

  it('sees a route declared after a more general one', () => {
    const get = (path: string): RouteDeclaration => ({ method: 'GET', path, access: 'public' });
    expect(hides(get('/triage/:id'), get('/triage/panels'))).toBe(true);
    expect(hides(get('/triage/panels'), get('/triage/:id'))).toBe(false);
    expect(hides(get('/referrals/:id/:page'), get('/referrals/:id/more-information'))).toBe(true);
    expect(hides(get('/schools/:urn'), get('/schools/figures/:year'))).toBe(false);
  });
});
