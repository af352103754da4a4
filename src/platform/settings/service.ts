import { sql, type Kysely, type Transaction } from 'kysely';
import { z } from 'zod';
import type { Db } from '../../db/connection.ts';
import type { Database } from '../../db/schema.ts';
import { audit, type Actor } from '../audit/audit.ts';
import type { Clock } from '../clock.ts';
import { validate, type Validated } from '../validation.ts';
import {
  SETTING_KEYS,
  brokenRule,
  defaultSettingValues,
  settingDefinition,
  type SettingDefinition,
  type SettingKey,
  type SettingValue,
  type SettingValues,
} from './settings.ts';

type DbOrTrx = Kysely<Database> | Transaction<Database>;

export interface SettingView {
  key: SettingKey;
  definition: SettingDefinition;
  value: unknown;
  /** The value for people to read, such as '5 years'. */
  display: string;
  isDefault: boolean;
  updatedAt: Date | null;
  updatedByName: string | null;
}

/** A stored value that no longer fits its setting (say the allowed range narrowed) reads as the default. */
function effectiveValue(key: SettingKey, stored: unknown, hasStored: boolean): { value: unknown; isDefault: boolean } {
  const definition = settingDefinition(key);
  if (!hasStored) return { value: definition.default, isDefault: true };
  const parsed = definition.schema.safeParse(stored);
  return parsed.success ? { value: parsed.data, isDefault: false } : { value: definition.default, isDefault: true };
}

/**
 * One setting's value: the administrator's if changed, else the default. Takes a database or a
 * transaction, so a service that has only `db` (or is inside a transaction) can read settings.
 */
export async function readSetting<K extends SettingKey>(db: DbOrTrx, key: K): Promise<SettingValue<K>> {
  const row = await db.selectFrom('settings').select('value').where('key', '=', key).executeTakeFirst();
  return effectiveValue(key, row?.value, row !== undefined).value as SettingValue<K>;
}

/** Every setting's value at once, for code that needs several. */
export async function readSettings(db: DbOrTrx): Promise<SettingValues> {
  const values: Record<string, unknown> = defaultSettingValues();
  const rows = await db.selectFrom('settings').select(['key', 'value']).execute();
  for (const row of rows) {
    if (SETTING_KEYS.includes(row.key as SettingKey)) {
      values[row.key] = effectiveValue(row.key as SettingKey, row.value, true).value;
    }
  }
  return values as SettingValues;
}

export function settingsService(db: Db, clock: Clock) {
  return {
    get<K extends SettingKey>(key: K): Promise<SettingValue<K>> {
      return readSetting(db, key);
    },

    values(): Promise<SettingValues> {
      return readSettings(db);
    },

    /** Every setting, in the registry's order, with whether it is the default and who last changed it. */
    async all(): Promise<SettingView[]> {
      const rows = await db
        .selectFrom('settings')
        .leftJoin('users', 'users.id', 'settings.updated_by')
        .select(['settings.key', 'settings.value', 'settings.updated_at', 'users.name as updated_by_name'])
        .execute();
      const byKey = new Map(rows.map((row) => [row.key, row]));
      return SETTING_KEYS.map((key) => {
        const row = byKey.get(key);
        const definition = settingDefinition(key);
        const { value, isDefault } = effectiveValue(key, row?.value, row !== undefined);
        return {
          key,
          definition,
          value,
          display: (definition.format as (value: unknown) => string)(value),
          isDefault,
          updatedAt: isDefault ? null : (row?.updated_at ?? null),
          updatedByName: isDefault ? null : (row?.updated_by_name ?? null),
        };
      });
    },

    /**
     * Checks a new value (as typed into the form, or a value from code), then saves and audits it
     * in one transaction. Errors are reported against the field `value`; nothing is saved.
     */
    async update(actor: Actor, key: SettingKey, rawValue: unknown): Promise<Validated<unknown>> {
      const definition = settingDefinition(key);
      const form = validate(z.object({ value: definition.schema }), { value: rawValue });
      if (!form.ok) return form;
      const value: unknown = form.data.value;
      return db.transaction().execute(async (trx): Promise<Validated<unknown>> => {
        // One change at a time, so two administrators cannot break a rule between them.
        await sql`lock table settings in share row exclusive mode`.execute(trx);
        const current = await readSettings(trx);
        const message = brokenRule({ ...current, [key]: value }, key);
        if (message)
          return { ok: false, errors: [{ text: message, href: '#value' }], fieldErrors: { value: { text: message } } };
        const json = JSON.stringify(value);
        const updatedAt = clock.now();
        await trx
          .insertInto('settings')
          .values({ key, value: json, updated_at: updatedAt, updated_by: actor.userId })
          .onConflict((oc) =>
            oc.column('key').doUpdateSet({ value: json, updated_at: updatedAt, updated_by: actor.userId }),
          )
          .execute();
        await audit(trx, actor, {
          action: 'update',
          recordType: 'setting',
          recordId: key,
          details: { key, from: current[key], to: value },
        });
        return { ok: true, data: value };
      });
    },
  };
}

export type SettingsService = ReturnType<typeof settingsService>;
