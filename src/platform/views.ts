import nunjucks from 'nunjucks';
import express, { type Express } from 'express';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';
import { ROLE_NAMES, type Role } from './roles.ts';
import { EVENT_NAMES, STATUS_CLASSES, STATUS_NAMES } from '../referrals/labels.ts';
import { practitionerTypeName } from './users/practitioner-types.ts';
import { CASE_EVENT_NAMES } from '../casework/events.ts';

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

/** Nunjucks with the GOV.UK Frontend templates, our views, and the static assets. */
export function setUpViews(app: Express): void {
  const env = nunjucks.configure([join(root, 'views'), govuk], {
    autoescape: true,
    express: app,
    noCache: process.env.NODE_ENV === 'development',
  });
  env.addFilter('date', formatDate);
  env.addFilter('dateTime', formatDateTime);
  env.addFilter('roleName', (role: Role) => ROLE_NAMES[role] ?? role);
  env.addFilter('number', (value: number | null | undefined) =>
    value == null ? '' : new Intl.NumberFormat('en-GB').format(value),
  );
  env.addFilter('practitionerType', practitionerTypeName);
  env.addGlobal('serviceName', 'Inclusion Hub');
  env.addGlobal('statusNames', STATUS_NAMES);
  env.addGlobal('statusClasses', STATUS_CLASSES);
  env.addGlobal('eventNames', EVENT_NAMES);
  env.addGlobal('caseEventNames', CASE_EVENT_NAMES);
  env.addGlobal('caseStatusNames', { open: 'Open', 'closure-proposed': 'Closure proposed', closed: 'Closed' });
  env.addGlobal('caseStatusClasses', {
    open: 'govuk-tag--green',
    'closure-proposed': 'govuk-tag--yellow',
    closed: 'govuk-tag--grey',
  });
  app.set('view engine', 'njk');

  const cache = { maxAge: process.env.NODE_ENV === 'production' ? '1d' : 0 };
  // Public files only: GOV.UK Frontend's fonts, images, CSS and JS, and the service's own.
  app.use('/assets', express.static(join(govuk, 'govuk', 'assets'), cache));
  app.use('/assets', express.static(join(root, 'public'), cache));
  app.use('/assets', express.static(join(govuk, 'govuk'), { ...cache, index: false }));
}
