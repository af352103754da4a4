import type { NextFunction, Request, RequestHandler, Response, Router } from 'express';
import type { Role } from './roles.ts';

/**
 * Who may use a route: anyone, anyone signed in, or the listed roles.
 * Every route is declared through `RouteTable`, so this is the one table of permissions.
 */
export type Access = 'public' | 'signed-in' | readonly Role[];

export interface RouteDeclaration {
  method: 'GET' | 'POST';
  path: string;
  access: Access;
}

import { ForbiddenError } from './errors.ts';
import { refuseMalformedFields } from './validation.ts';

export { ForbiddenError };

export function mayUse(access: Access, roles: readonly Role[] | undefined): boolean {
  if (access === 'public') return true;
  if (!roles) return false;
  if (access === 'signed-in') return true;
  return roles.some((role) => access.includes(role));
}

function guard(access: Access): RequestHandler {
  return (req: Request, res: Response, next: NextFunction) => {
    if (access === 'public') return next();
    const user = res.locals.user;
    if (!user) {
      if (req.method === 'GET') {
        return res.redirect(`/sign-in?returnTo=${encodeURIComponent(req.originalUrl)}`);
      }
      return res.redirect('/sign-in');
    }
    if (!mayUse(access, user.roles)) return next(new ForbiddenError('Forbidden'));
    next();
  };
}

type Handler = (req: Request, res: Response, next: NextFunction) => unknown;

/**
 * Registers routes on a router and records who may use each one. After the access check, and
 * before the route, every request's fields are checked for what no form sends (see validation.ts).
 */
export class RouteTable {
  readonly declarations: RouteDeclaration[] = [];
  readonly router: Router;

  constructor(router: Router) {
    this.router = router;
  }

  get(path: string, access: Access, ...handlers: Handler[]): void {
    this.add('GET', path, access, handlers);
  }

  post(path: string, access: Access, ...handlers: Handler[]): void {
    this.add('POST', path, access, handlers);
  }

  private add(method: 'GET' | 'POST', path: string, access: Access, handlers: Handler[]): void {
    this.declarations.push({ method, path, access });
    const wrapped = handlers.map((handler): RequestHandler => async (req, res, next) => {
      try {
        await handler(req, res, next);
      } catch (error) {
        next(error);
      }
    });
    this.router[method === 'GET' ? 'get' : 'post'](path, guard(access), refuseMalformedFields, ...wrapped);
  }
}
