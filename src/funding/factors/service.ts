// The formula factors rates are set per unit of: AWPU, FSM, FSM Ever 6, EAL3, IDACI bands A–F,
// low prior attainment, special places (Havering schools forum report 2024-25), and any the
// authority adds. The built-in ones come with the service; a factor the authority adds becomes a
// column of the school data set (its key is made from its name) and can then be given rates.
import type { Db } from '../../db/connection.ts';
import { audit, type Actor } from '../../platform/audit/audit.ts';
import { validate, type Validated } from '../../platform/validation.ts';
import { SCHOOL_DETAIL_COLUMNS } from '../school-data/rules.ts';
import { factorKeyOf, factorSchema } from './forms.ts';
import { addFactor, listFactors } from './repository.ts';

export const FACTORS_RECORD = 'funding-factor';

/** The column names a factor's key may not take: the data set's own. */
const RESERVED = new Set<string>(SCHOOL_DETAIL_COLUMNS);

export function factorsService(db: Db) {
  return {
    /** Every factor in the order the data set's columns and the rates forms use. */
    list: () => listFactors(db),

    /** The keys of every factor: the school data set has a column for each. */
    async keys(): Promise<string[]> {
      return (await listFactors(db)).map((factor) => factor.key);
    },

    /** Adds a factor, or says what is wrong with the form and adds nothing. */
    async add(actor: Actor, body: unknown): Promise<Validated<{ key: string; name: string }>> {
      const form = validate(factorSchema, body);
      if (!form.ok) return form;
      const key = factorKeyOf(form.data.name);
      const taken = (message: string): Validated<never> => ({
        ok: false,
        errors: [{ text: message, href: '#name' }],
        fieldErrors: { name: { text: message } },
      });
      if (RESERVED.has(key))
        return taken(`‘${form.data.name}’ is the name of a school data set column: choose another name`);
      return db.transaction().execute(async (trx) => {
        const added = await addFactor(trx, { key, name: form.data.name, unit: form.data.unit });
        if (!added.added) return taken(`There is already a factor called ‘${added.existing.name}’`);
        await audit(trx, actor, {
          action: 'add',
          recordType: FACTORS_RECORD,
          recordId: key,
          details: { name: form.data.name },
        });
        return { ok: true as const, data: { key, name: form.data.name } };
      });
    },
  };
}
