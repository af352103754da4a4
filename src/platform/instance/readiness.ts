import type { DbOrTrx } from '../../db/connection.ts';
import type { CouncilWords } from './council-fields.ts';
import { missingCouncilWords } from './council-fields.ts';

/** One thing a new live instance needs before schools can ask for help through it. */
export interface OpeningTask {
  title: string;
  href: string;
  done: boolean;
  /** What is still to do, when not done. */
  hint: string;
  /** Referrals stay closed until every task that gates them is done. */
  gatesReferrals: boolean;
}

const count = (row: { count: number | string | bigint } | undefined) => Number(row?.count ?? 0);

/**
 * The tasks, in the order an administrator does them: the council's details (every page shows
 * them, and the request for help must show the MASH number), the authority's schools, this
 * year's term dates (the working-day clocks count school days) and the people who use it.
 */
export async function openingTasks(db: DbOrTrx, words: CouncilWords, today: string): Promise<OpeningTask[]> {
  const missing = missingCouncilWords(words);
  const [schools, terms, people] = await Promise.all([
    db
      .selectFrom('schools')
      .select((eb) => eb.fn.countAll().as('count'))
      .where('status', '=', 'open')
      .executeTakeFirst(),
    db
      .selectFrom('term_periods')
      .select((eb) => eb.fn.countAll().as('count'))
      .where('ends_on', '>=', today)
      .executeTakeFirst(),
    db
      .selectFrom('users')
      .select((eb) => eb.fn.countAll().as('count'))
      .where((eb) => eb.not(eb(eb.val('admin'), '=', eb.fn.any('roles'))))
      .executeTakeFirst(),
  ]);
  return [
    {
      title: 'Council details',
      href: '/admin/council/edit',
      done: missing.length === 0,
      hint: missing.length === 0 ? '' : `Still to add: ${missing.map((field) => field.name).join(', ')}.`,
      gatesReferrals: true,
    },
    {
      title: 'Schools',
      href: '/admin/schools/import',
      done: count(schools) > 0,
      hint: 'Import your open schools from Get Information about Schools.',
      gatesReferrals: true,
    },
    {
      title: 'Term dates',
      href: '/admin/term-dates',
      done: count(terms) > 0,
      hint: 'Add the term dates for this school year.',
      gatesReferrals: true,
    },
    {
      title: 'People',
      href: '/admin/users',
      done: count(people) > 0,
      hint: 'Add the people who will use the service, such as school SENCos and the triage team.',
      gatesReferrals: false,
    },
  ];
}

export const referralsOpen = (tasks: OpeningTask[]) => tasks.every((task) => task.done || !task.gatesReferrals);
