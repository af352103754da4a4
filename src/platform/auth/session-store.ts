import session from 'express-session';
import type { Db } from '../../db/connection.ts';
import { systemClock, type Clock } from '../clock.ts';

const DEFAULT_TTL_MS = 8 * 60 * 60 * 1000;

/**
 * Keeps sessions in the database, so they survive a restart and work across servers.
 * There is no `touch`: an active session is saved at least once a minute (see the idle
 * timeout in auth), which moves its expiry on without a write on every request.
 *
 * Its clock is the real time, not the service's (which NOW may set): express-session dates the
 * cookie's expiry by the real time, and the store's expiries must agree with it.
 */
export class DatabaseSessionStore extends session.Store {
  private readonly db: Db;
  private readonly clock: Clock;

  constructor(db: Db, clock: Clock = systemClock) {
    super();
    this.db = db;
    this.clock = clock;
  }

  private expiry(sess: session.SessionData): Date {
    const expires = sess.cookie?.expires;
    return expires ? new Date(expires) : new Date(this.clock.now().getTime() + DEFAULT_TTL_MS);
  }

  override get(sid: string, callback: (err: unknown, session?: session.SessionData | null) => void): void {
    this.db
      .selectFrom('sessions')
      .select('sess')
      .where('sid', '=', sid)
      .where('expires_at', '>', this.clock.now())
      .executeTakeFirst()
      .then((row) => callback(null, (row?.sess as unknown as session.SessionData) ?? null), callback);
  }

  override set(sid: string, sess: session.SessionData, callback?: (err?: unknown) => void): void {
    const values = { sid, sess: JSON.stringify(sess), expires_at: this.expiry(sess) };
    this.db
      .insertInto('sessions')
      .values(values)
      .onConflict((oc) => oc.column('sid').doUpdateSet({ sess: values.sess, expires_at: values.expires_at }))
      .execute()
      .then(() => callback?.(), callback);
  }

  override destroy(sid: string, callback?: (err?: unknown) => void): void {
    this.db
      .deleteFrom('sessions')
      .where('sid', '=', sid)
      .execute()
      .then(() => callback?.(), callback);
  }

  /** Removes expired sessions; the server calls this on a timer. */
  async prune(): Promise<void> {
    await this.db.deleteFrom('sessions').where('expires_at', '<=', this.clock.now()).execute();
  }
}
