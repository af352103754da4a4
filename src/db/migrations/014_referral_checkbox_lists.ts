import { sql, type Kysely } from 'kysely';

// A referral's checkbox answers were saved as the browser sent them, so a referral with one
// presenting need (or one agreement to share) held a string where every reader expects a list.
// Each such answer becomes a list: one code becomes a one-item list, a blank string an empty
// list. Lists and missing answers are left alone, so running it again, or on a database with no
// such rows, changes nothing.

/** The checkbox groups of the referral form, as paths inside `referrals.answers`. */
export const REFERRAL_CHECKBOX_PATHS = ['{pages,needs,needs}', '{pages,consent,consentSharing}'] as const;

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations work on any schema
export async function up(db: Kysely<any>): Promise<void> {
  for (const path of REFERRAL_CHECKBOX_PATHS) {
    await sql`
      update referrals
      set answers = jsonb_set(
        answers,
        ${path}::text[],
        case when btrim(answers #>> ${path}::text[]) = '' then '[]'::jsonb else jsonb_build_array(answers #> ${path}::text[]) end
      )
      where jsonb_typeof(answers #> ${path}::text[]) = 'string'`.execute(db);
  }
}

export async function down(): Promise<void> {
  // Nothing to undo: a list is what every reader expects.
}
