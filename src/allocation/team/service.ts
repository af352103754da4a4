// The team a case can be allocated to: every active account with the practitioner or senior
// practitioner role, with the type, hours and maximum caseload the team manager has set (or the
// defaults: a family practitioner, full time, the service's maximum caseload).
import { z } from 'zod';
import type { Db } from '../../db/connection.ts';
import { audit, type Actor } from '../../platform/audit/audit.ts';
import type { Clock } from '../../platform/clock.ts';
import type { SettingsService } from '../../platform/settings/service.ts';
import { validate, type Validated } from '../../platform/validation.ts';
import {
  PRACTITIONER_TYPE_CODES,
  practitionerTypeName,
  type PractitionerType,
} from '../../platform/users/practitioner-types.ts';
import { openCaseCounts } from '../queue/repository.ts';
import { saveProfileRow, teamRows } from './repository.ts';
import { defaultMaxCaseload } from '../queue/rules.ts';

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

export function practitionersService(db: Db, settings: SettingsService, clock: Clock) {
  async function team(): Promise<TeamMember[]> {
    const fullTime = await settings.get('default-max-caseload');
    const [rows, counts] = await Promise.all([teamRows(db), openCaseCounts(db)]);
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
          updated_at: clock.now(),
        };
        await saveProfileRow(trx, userId, values);
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
