import type { Request, Response } from 'express';
import type { Actor } from '../audit/audit.ts';

/** Who is acting on a request, for the audit log: the signed-in user (if any) and their address. */
export function actorOf(req: Request, res: Response): Actor {
  return { userId: res.locals.user?.id ?? null, ip: req.ip ?? null };
}
