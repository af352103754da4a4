import type { Transaction } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { randomSource } from '../../demo/people.ts';
import { makeUpn } from '../../children/rules.ts';
import { KNOWN_SERVICES, type KnownEpisodeRow } from './rules.ts';
import { insertKnownEpisodes } from './repository.ts';

const FIRST_NAMES = [
  'Aaliyah',
  'Bobby',
  'Cerys',
  'Darius',
  'Elif',
  'Frankie',
  'Gabriel',
  'Hollie',
  'Ibrahim',
  'Jessica',
  'Kai',
  'Lacey',
  'Mason',
];
const LAST_NAMES = [
  'Barnes',
  'Cooper',
  'Danso',
  'Edwards',
  'Fletcher',
  'Gill',
  'Harper',
  'Ince',
  'Jackson',
  'Kaur',
  'Lowe',
  'Mills',
  'Nash',
];
/** An establishment number no Havering school has, so the fictional UPNs never reach a demo child. */
const FICTIONAL_ESTAB = '9999';
const HAVERING_LA_CODE = 311;
const FICTIONAL_EPISODES = 26;

/** The same first name written a little differently: 'Amara' → 'Amarah', 'Jack' → 'Jackh'. */
function misspelt(name: string): string {
  return name.endsWith('h') ? name.slice(0, -1) : `${name}h`;
}

/**
 * The demo's list of children known to Early Help or Social Care, as if imported by the
 * administrator. Four match demo children at the demo school, so that triage shows matches:
 * the first by UPN, the second by the same name and date of birth, the third by a similar
 * name and the same date of birth (all open), and the fourth by UPN but closed (so not a
 * match). The rest are fictional children who are in no school's list.
 */
export async function knownEpisodesDemo(
  trx: Transaction<Database>,
  { schoolUrn, importedBy, today }: { schoolUrn: number; importedBy: number | null; today: Date },
): Promise<number> {
  const children = await trx
    .selectFrom('children')
    .select(['upn', 'first_name', 'last_name', 'date_of_birth'])
    .where('school_urn', '=', schoolUrn)
    .orderBy('id')
    .limit(4)
    .execute();
  const [byUpn, byName, bySimilarName, closed] = children;
  const rows: KnownEpisodeRow[] = [];
  const known = (child: (typeof children)[number], row: Partial<KnownEpisodeRow>) =>
    rows.push({
      upn: null,
      firstName: child.first_name,
      lastName: child.last_name,
      dateOfBirth: child.date_of_birth,
      service: 'early_help',
      status: 'open',
      ...row,
    });
  if (byUpn) known(byUpn, { upn: byUpn.upn });
  if (byName) known(byName, { service: 'social_care' });
  if (bySimilarName) known(bySimilarName, { firstName: misspelt(bySimilarName.first_name) });
  if (closed) known(closed, { upn: closed.upn, service: 'social_care', status: 'closed' });

  const rng = randomSource(2026);
  const year = today.getUTCFullYear();
  for (let i = 0; i < FICTIONAL_EPISODES; i++) {
    const age = rng.int(3, 16);
    const born = new Date(Date.UTC(year - age - 1, 0, 1) + rng.int(0, 364) * 86_400_000);
    rows.push({
      upn: rng.next() < 0.5 ? makeUpn(HAVERING_LA_CODE, FICTIONAL_ESTAB, year - age + 4, i) : null,
      firstName: rng.pick(FIRST_NAMES),
      lastName: rng.pick(LAST_NAMES),
      dateOfBirth: born.toISOString().slice(0, 10),
      service: rng.pick(KNOWN_SERVICES),
      status: rng.next() < 0.65 ? 'open' : 'closed',
    });
  }
  await insertKnownEpisodes(trx, rows, importedBy);
  return rows.length;
}
