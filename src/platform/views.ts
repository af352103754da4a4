import nunjucks from 'nunjucks';
import express, { type Express } from 'express';
import { fileURLToPath } from 'node:url';
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { ROLE_NAMES, type Role } from './roles.ts';
import type { AreaModule } from './area.ts';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const govuk = join(root, 'node_modules', 'govuk-frontend', 'dist');

const dateFormat = new Intl.DateTimeFormat('en-GB', {
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  timeZone: 'Europe/London',
});
const dateTimeFormat = new Intl.DateTimeFormat('en-GB', {
  day: 'numeric',
  month: 'short',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  timeZone: 'Europe/London',
});

export function formatDate(value: string | Date | null | undefined): string {
  if (!value) return '';
  const date = typeof value === 'string' ? new Date(`${value.slice(0, 10)}T12:00:00Z`) : value;
  return dateFormat.format(date);
}

export function formatDateTime(value: string | Date | null | undefined): string {
  if (!value) return '';
  return dateTimeFormat.format(typeof value === 'string' ? new Date(value) : value);
}

/** What the views take from each area: the filters and globals its pages use. */
export type AreaViews = Pick<AreaModule<never>, 'name' | 'viewFilters' | 'viewGlobals'>;

/**
 * Every template a page may use: the service's views and the GOV.UK Frontend components' macros
 * and templates, by the names the pages use for them.
 */
export function templateNames(): string[] {
  const njk = (dir: string) => (readdirSync(dir, { recursive: true }) as string[]).filter((f) => f.endsWith('.njk'));
  const components = join(govuk, 'govuk', 'components');
  return [
    ...njk(join(root, 'views')),
    'govuk/template.njk',
    ...njk(components).map((file) => `govuk/components/${file}`),
  ].map((name) => name.replaceAll('\\', '/'));
}

/**
 * Compiles every template once, a template at a time so that requests are answered in between;
 * the pages then never wait for a template to be compiled. Gives the names of any that did not
 * compile (their pages fail as they would have anyway).
 */
export function compileTemplates(env: nunjucks.Environment, names = templateNames()): Promise<string[]> {
  const failed: string[] = [];
  return new Promise((resolve) => {
    const next = (index: number) => {
      if (index === names.length) return resolve(failed);
      try {
        env.getTemplate(names[index], true);
      } catch {
        failed.push(names[index]);
      }
      setImmediate(next, index + 1);
    };
    next(0);
  });
}

/** How long after the views are set up their templates start being compiled: the service is listening by then. */
const COMPILE_AFTER_MS = 500;

/**
 * Nunjucks with the GOV.UK Frontend templates, our views, the areas' filters and globals, and the
 * static assets. Outside development the templates are kept once compiled (never read again from
 * disk), and every one is compiled just after start rather than on the first request that needs it
 * (tests compile only those their pages use).
 */
export function setUpViews(app: Express, areas: readonly AreaViews[]): nunjucks.Environment {
  const keep = process.env.NODE_ENV !== 'development';
  const env = nunjucks.configure([join(root, 'views'), govuk], {
    autoescape: true,
    express: app,
    noCache: !keep,
    watch: false,
  });
  if (keep) app.enable('view cache');
  env.addFilter('date', formatDate);
  env.addFilter('dateTime', formatDateTime);
  env.addFilter('roleName', (role: Role) => ROLE_NAMES[role] ?? role);
  env.addFilter('number', (value: number | null | undefined) =>
    value == null ? '' : new Intl.NumberFormat('en-GB').format(value),
  );
  env.addGlobal('serviceName', 'Inclusion Hub');
  const taken = new Set(['date', 'dateTime', 'roleName', 'number', 'serviceName']);
  const claim = (area: string, name: string) => {
    if (taken.has(name)) throw new Error(`The ${area} area gives the views a second '${name}'`);
    taken.add(name);
  };
  for (const area of areas) {
    for (const [name, filter] of Object.entries(area.viewFilters ?? {})) {
      claim(area.name, name);
      env.addFilter(name, filter);
    }
    for (const [name, value] of Object.entries(area.viewGlobals ?? {})) {
      claim(area.name, name);
      env.addGlobal(name, value);
    }
  }
  app.set('view engine', 'njk');

  const cache = { maxAge: process.env.NODE_ENV === 'production' ? '1d' : 0 };
  // Public files only: GOV.UK Frontend's fonts, images, CSS and JS, and the service's own.
  app.use('/assets', express.static(join(govuk, 'govuk', 'assets'), cache));
  app.use('/assets', express.static(join(root, 'public'), cache));
  app.use('/assets', express.static(join(govuk, 'govuk'), { ...cache, index: false }));

  if (keep && process.env.NODE_ENV !== 'test') {
    const compiling = setTimeout(() => void compileTemplates(env), COMPILE_AFTER_MS);
    compiling.unref();
  }
  return env;
}
