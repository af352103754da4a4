// The team a case can be allocated to: every active account with the practitioner or senior
// practitioner role, with the type, hours and maximum caseload the team manager has set (or the
// defaults: a family practitioner, full time, the service's maximum caseload).
import { sql } from 'kysely';
import { z } from 'zod';
import type { Db } from '../db/connection.ts';
import { audit, type Actor } from '../platform/audit/audit.ts';
import type { SettingsService } from '../platform/settings/service.ts';
import { validate, type Validated } from '../platform/validation.ts';
import { casesRepository } from '../casework/repository.ts';
import { PRACTITIONER_TYPE_CODES } from '../db/migrations/005_allocation_cases.ts';
import { defaultMaxCaseload, practitionerTypeName, type PractitionerType } from './practitioner-types.ts';

export interface TeamMember {
  userId: number;
  name: string;
  email: string;
  senior: boolean;
  type: PractitionerType;
  typeName: string;
  fte: number;
  maxCaseload: number;
  /** False until the team manager has set the practitioner's type, hours and maximum. */
  profileSet: boolean;
  openCases: number;
}

export const profileSchema = z.object({
  type: z.enum(PRACTITIONER_TYPE_CODES, { error: 'Select the type of practitioner' }),
  fte: z.coerce
    .number({ error: 'Enter the hours as a share of full time, for example 0.6' })
    .min(0.1, 'Hours must be between 0.1 and 1 of full time')
    .max(1, 'Hours must be between 0.1 and 1 of full time'),
  maxCaseload: z.coerce
    .number({ error: 'Enter the most cases they can hold as a whole number' })
    .int('Enter the most cases they can hold as a whole number')
    .min(0, 'The most cases they can hold must be between 0 and 60')
    .max(60, 'The most cases they can hold must be between 0 and 60'),
});

export type Profile = z.infer<typeof profileSchema>;

export function practitionersService(db: Db, settings: SettingsService) {
  async function team(): Promise<TeamMember[]> {
    const fullTime = await settings.get('default-max-caseload');
    const [rows, counts] = await Promise.all([
      db
        .selectFrom('users')
        .leftJoin('practitioners', 'practitioners.user_id', 'users.id')
        .select([
          'users.id',
          'users.name',
          'users.email',
          'users.roles',
          'practitioners.practitioner_type',
          'practitioners.fte',
          'practitioners.max_caseload',
        ])
        .where(sql<boolean>`users.roles && array['practitioner', 'senior_practitioner']::text[]`)
        .where('users.disabled_at', 'is', null)
        .orderBy('users.name')
        .orderBy('users.id')
        .execute(),
      casesRepository().openCounts(db),
    ]);
    return rows.map((row) => {
      const type = (row.practitioner_type ?? 'family-practitioner') as PractitionerType;
      const fte = row.fte ?? 1;
      return {
        userId: row.id,
        name: row.name,
        email: row.email,
        senior: row.roles.includes('senior_practitioner'),
        type,
        typeName: practitionerTypeName(type),
        fte,
        maxCaseload: row.max_caseload ?? defaultMaxCaseload(fullTime, fte),
        profileSet: row.practitioner_type !== null,
        openCases: counts.get(row.id) ?? 0,
      };
    });
  }

  return {
    team,

    async member(userId: number): Promise<TeamMember | undefined> {
      return (await team()).find((member) => member.userId === userId);
    },

    /** Sets a practitioner's type, hours and maximum caseload; audited with before and after. */
    async saveProfile(actor: Actor, userId: number, body: unknown): Promise<Validated<Profile> | undefined> {
      const member = (await team()).find((m) => m.userId === userId);
      if (!member) return undefined;
      const result = validate(profileSchema, body);
      if (!result.ok) return result;
      const { type, fte, maxCaseload } = result.data;
      await db.transaction().execute(async (trx) => {
        const values = {
          practitioner_type: type,
          fte,
          max_caseload: maxCaseload,
          updated_by: actor.userId,
          updated_at: new Date(),
        };
        await trx
          .insertInto('practitioners')
          .values({ user_id: userId, ...values })
          .onConflict((oc) => oc.column('user_id').doUpdateSet(values))
          .execute();
        await audit(trx, actor, {
          action: 'update',
          recordType: 'practitioner',
          recordId: userId,
          details: {
            before: { type: member.type, fte: member.fte, maxCaseload: member.maxCaseload },
            after: result.data,
          },
        });
      });
      return result;
    },
  };
}

export type PractitionersService = ReturnType<typeof practitionersService>;
