import express from 'express';
import { describe, expect, it } from 'vitest';
import { compileTemplates, setUpViews, templateNames } from './views.ts';

describe('templates are compiled once and kept', () => {
  it('outside development, a compiled template is kept and never read from disk again', () => {
    const app = express();
    const env = setUpViews(app, []);
    const loaders = (env as unknown as { loaders: { noCache: boolean }[] }).loaders;
    expect(loaders.length).toBeGreaterThan(0);
    expect(loaders.every((loader) => loader.noCache === false)).toBe(true);
    expect(app.enabled('view cache')).toBe(true);
  });

  it('every template of the service and every GOV.UK component compiles, ahead of any request', async () => {
    const env = setUpViews(express(), []);
    const names = templateNames();
    expect(names).toContain('layout.njk');
    expect(names).toContain('triage/queue.njk');
    expect(names).toContain('govuk/components/pagination/macro.njk');
    expect(await compileTemplates(env, names)).toEqual([]);
    const cached = (env as unknown as { loaders: { cache: Record<string, unknown> }[] }).loaders.flatMap((loader) =>
      Object.keys(loader.cache),
    );
    expect(cached.length).toBe(names.length);
  }, 60_000);
});
