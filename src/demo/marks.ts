// The demo's year of attendance marks takes longer to make than the rest of the demo together,
// so a first start makes it just after the service is ready, in a transaction of its own; the
// attendance pages say it is being prepared meanwhile, and show what there is. A start that
// stops before it is done makes it again next time (nothing of it was saved).
import type { Db } from '../db/connection.ts';
import type { Clock } from '../platform/clock.ts';
import { instanceKind } from '../platform/instance/instance.ts';
import { attendanceMarks } from './steps.ts';

/** Whether the demo's attendance marks are being made now, for the attendance pages' banner. */
export const demoAttendance = { preparing: false };

/** True when this is the demo and its pupil roll (made with the marks) is empty. */
export async function demoMarksMissing(db: Db): Promise<boolean> {
  if ((await instanceKind(db)) !== 'demo') return false;
  return !(await db.selectFrom('pupil_roll').select('urn').limit(1).executeTakeFirst());
}

/** Makes the demo's marks when they are missing; resolves when done (or when there was nothing to do). */
export async function prepareDemoMarks(db: Db, clock: Clock): Promise<'made' | 'present'> {
  if (!(await demoMarksMissing(db))) return 'present';
  demoAttendance.preparing = true;
  try {
    await db.transaction().execute((trx) => attendanceMarks(trx, { clock }));
    return 'made';
  } finally {
    demoAttendance.preparing = false;
  }
}
