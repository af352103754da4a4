// The case's assessment: reading it (each read audited as a view of the case) and changing it.
// Every change is made with the case row locked, goes on the case's timeline and is audited in
// the same transaction. The scores, the practitioner's views and the voices are checked against
// the version the form was filled in against, so one person cannot overwrite another's changes.
import type { Db } from '../../db/connection.ts';
import type { Clock } from '../../platform/clock.ts';
import type { Actor } from '../../platform/audit/audit.ts';
import type { CurrentUser } from '../../platform/roles.ts';
import type { ErrorItem, FieldErrors } from '../../platform/validation.ts';
import { formatIsoDate } from '../../platform/date-input.ts';
import { loadCalendar } from '../../platform/calendar/service.ts';
import { addCaseEvent, auditCase, changeCase, readCase, type CaseRecord, type Trx } from '../service.ts';
import { assessmentOverview, PERSPECTIVES, completionProblems, versionOf, type Perspective } from './rules.ts';
import { readScoresForm, readVoicesForm } from './forms.ts';
import {
  assessmentOf,
  consentsOf,
  familyOf,
  markCompleted,
  writeAssessment,
  type StoredAssessment,
} from './repository.ts';
import { NotFoundError } from '../../platform/errors.ts';

export type Saved = { kind: 'saved'; message: string };
export type Refused =
  | { kind: 'invalid'; errors: ErrorItem[]; fieldErrors: FieldErrors }
  | { kind: 'conflict' }
  | { kind: 'completed'; on: string }
  | { kind: 'not-found' }
  | { kind: 'closed' };
export type Outcome = Saved | Refused;

/** A refusal of one field, shown against it. */
export function refusal(field: string, text: string): Refused {
  return { kind: 'invalid', errors: [{ text, href: `#${field}` }], fieldErrors: { [field]: { text } } };
}

/** Thrown inside a change to undo it when the assessment moved on meanwhile. */
class Conflict extends Error {}

/** Runs a change to the case (row locked); a closed or unreachable case is refused. */
export async function changeAssessment(
  db: Db,
  user: CurrentUser,
  id: number,
  change: (trx: Trx, kase: CaseRecord) => Promise<Outcome>,
): Promise<Outcome> {
  try {
    const result = await changeCase(db, user, id, change);
    return result.kind === 'done' ? result.value : result;
  } catch (error) {
    if (error instanceof Conflict) return { kind: 'conflict' };
    throw error;
  }
}

/**
 * Saves a new state of the assessment made from the stored one, if the form was filled in
 * against the stored version and the assessment is not yet complete.
 */
async function saveIfCurrent(
  trx: Trx,
  user: CurrentUser,
  caseId: number,
  body: unknown,
  next: (stored: StoredAssessment) => StoredAssessment,
  now: Date,
): Promise<Refused | undefined> {
  const stored = await assessmentOf(trx, caseId);
  if (versionOf(body) !== stored.version) return { kind: 'conflict' };
  if (stored.completedOn) return { kind: 'completed', on: stored.completedOn };
  if (!(await writeAssessment(trx, caseId, user.id, stored.version, next(stored), now))) throw new Conflict();
  return undefined;
}

export function assessmentService(db: Db, clock: Clock) {
  return {
    /** The assessment's overview page, or undefined when the user may not see the case. */
    overview(actor: Actor, user: CurrentUser, id: number) {
      return readCase(db, actor, user, id, 'assessment', async (trx, kase) => {
        const [assessment, consents, family, cal] = await Promise.all([
          assessmentOf(trx, id),
          consentsOf(trx, id),
          familyOf(trx, id),
          loadCalendar(trx),
        ]);
        return {
          kase,
          ...assessmentOverview({ kase, assessment, consents, family, today: clock.today(), cal }),
        };
      });
    },

    /** The case with its stored assessment, for the scores and voices forms. */
    form(actor: Actor, user: CurrentUser, id: number) {
      return readCase(db, actor, user, id, 'assessment', async (trx, kase) => ({
        kase,
        assessment: await assessmentOf(trx, id),
      }));
    },

    saveScores(actor: Actor, user: CurrentUser, id: number, perspective: Perspective, body: unknown): Promise<Outcome> {
      return changeAssessment(db, user, id, async (trx) => {
        const form = readScoresForm(body, perspective);
        if (!form.ok) return { kind: 'invalid', errors: form.errors, fieldErrors: form.fieldErrors };
        const { scores, view } = form.data;
        const refused = await saveIfCurrent(
          trx,
          user,
          id,
          body,
          (stored) => ({
            ...stored,
            ...(perspective === 'parent' ? { parentScores: scores } : { childScores: scores }),
            practitionerView: { ...stored.practitionerView, [perspective]: view },
          }),
          clock.now(),
        );
        if (refused) return refused;
        const title = PERSPECTIVES[perspective].title;
        await addCaseEvent(trx, { caseId: id, userId: user.id, kind: 'assessment-saved', message: `${title} saved` });
        await auditCase(trx, actor, id, 'save assessment', {
          part: `${perspective}-scores`,
          scored: Object.values(scores).filter((s) => s?.score != null).length,
        });
        return { kind: 'saved', message: `${title} saved` };
      });
    },

    saveVoices(actor: Actor, user: CurrentUser, id: number, body: unknown): Promise<Outcome> {
      return changeAssessment(db, user, id, async (trx) => {
        const form = readVoicesForm(body);
        if (!form.ok) return { kind: 'invalid', errors: form.errors, fieldErrors: form.fieldErrors };
        const refused = await saveIfCurrent(
          trx,
          user,
          id,
          body,
          (stored) => ({
            ...stored,
            childVoice: form.data.childVoice,
            schoolInput: form.data.schoolInput,
          }),
          clock.now(),
        );
        if (refused) return refused;
        const message = 'The child’s voice and the school’s input saved';
        await addCaseEvent(trx, { caseId: id, userId: user.id, kind: 'assessment-saved', message });
        await auditCase(trx, actor, id, 'save assessment', { part: 'voices' });
        return { kind: 'saved', message };
      });
    },

    /**
     * Completes the assessment: only with consent to share with those supporting the plan and
     * every aspect scored from the parent or carer's view [Portsmouth early help assessment, plan, review and closure guidance]. Meets the case's
     * assessment clock (due within 10 to 15 days, Southend Early Help Family Support service document (2016)).
     */
    complete(actor: Actor, user: CurrentUser, id: number): Promise<Outcome> {
      return changeAssessment(db, user, id, async (trx, kase) => {
        const today = clock.today();
        const [stored, consents] = await Promise.all([assessmentOf(trx, id), consentsOf(trx, id)]);
        if (stored.completedOn) return { kind: 'completed', on: stored.completedOn };
        const problems = completionProblems(consents, stored.parentScores, today);
        if (problems.length) return { kind: 'invalid', errors: problems, fieldErrors: {} };
        if (!(await writeAssessment(trx, id, user.id, stored.version, { ...stored, completedOn: today }, clock.now())))
          throw new Conflict();
        await markCompleted(trx, id, today);
        const late = today > kase.assessment_due;
        const message = `Completed on ${formatIsoDate(today)}${late ? `, after it was due on ${formatIsoDate(kase.assessment_due)}` : ''}`;
        await addCaseEvent(trx, { caseId: id, userId: user.id, kind: 'assessment-completed', message });
        await auditCase(trx, actor, id, 'complete assessment', { completedOn: today, due: kase.assessment_due, late });
        return { kind: 'saved', message: 'Assessment completed' };
      });
    },
  };
}

export type AssessmentService = ReturnType<typeof assessmentService>;

// How a refused change reads on the assessment's pages.
export const ASSESSMENT_CHANGED =
  'This assessment was changed by someone else while you were editing it. Your changes have not been saved — check the latest version and make your changes again';
export const CASE_CLOSED = 'This case is closed, so its assessment cannot be changed';

export function completedText(on: string): string {
  return `The assessment was completed on ${formatIsoDate(on)}, so it can no longer be changed. New scores are recorded at each Team Around the Family meeting`;
}

export interface Problem {
  status: number;
  errors: ErrorItem[];
  fieldErrors: FieldErrors;
}

/** How a refused change reads on the page; `anchor` is where a refusal of the whole form points. */
export function problemOf(refused: Refused, anchor: string): Problem {
  switch (refused.kind) {
    case 'invalid':
      return { status: 400, errors: refused.errors, fieldErrors: refused.fieldErrors };
    case 'conflict':
      return { status: 409, errors: [{ text: ASSESSMENT_CHANGED, href: `#${anchor}` }], fieldErrors: {} };
    case 'completed':
      return { status: 409, errors: [{ text: completedText(refused.on), href: `#${anchor}` }], fieldErrors: {} };
    case 'closed':
      return { status: 409, errors: [{ text: CASE_CLOSED, href: `#${anchor}` }], fieldErrors: {} };
    case 'not-found':
      throw new NotFoundError();
  }
}
