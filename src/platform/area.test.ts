import express from 'express';
import { describe, expect, it } from 'vitest';
import { serviceNavigation } from './navigation.ts';
import { setUpViews } from './views.ts';
import type { CurrentUser } from './roles.ts';

const person = (roles: CurrentUser['roles']): CurrentUser => ({
  id: 1,
  name: 'A',
  email: 'a@example.org',
  roles,
  schoolUrns: [],
});

describe('the areas, as the platform sees them', () => {
  it('puts the areas’ links between Home and the administration pages, by position, for the roles that may use them', () => {
    const navigation = serviceNavigation([
      { href: '/later', text: 'Later', access: 'signed-in', position: 20 },
      { href: '/sooner', text: 'Sooner', access: 'signed-in', position: 10 },
      { href: '/managers', text: 'Managers', access: ['team_manager'], position: 15 },
    ]);
    expect(navigation(person(['admin']), '/sooner/1').map((item) => [item.text, item.active])).toEqual([
      ['Home', false],
      ['Sooner', true],
      ['Later', false],
      ['Council', false],
      ['Users', false],
      ['Settings', false],
      ['Term dates', false],
      ['Audit log', false],
      ['Outbox', false],
    ]);
    expect(navigation(person(['team_manager']), '/').map((item) => item.text)).toEqual([
      'Home',
      'Sooner',
      'Managers',
      'Later',
    ]);
  });

  it('refuses two areas that give the views the same name', () => {
    expect(() =>
      setUpViews(express(), [
        { name: 'one', viewGlobals: { labels: {} } },
        { name: 'two', viewFilters: { labels: String } },
      ]),
    ).toThrow("The two area gives the views a second 'labels'");
    expect(() => setUpViews(express(), [{ name: 'one', viewFilters: { date: String } }])).toThrow(/second 'date'/);
  });
});
