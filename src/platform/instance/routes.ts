import type { NextFunction, Request, Response } from 'express';
import type { RouteTable } from '../permissions.ts';
import type { RouteServices } from '../../services.ts';
import { actorOf } from '../auth/actor.ts';
import { londonDate } from '../london-time.ts';
import { COUNCIL_FIELDS, councilFormValues, type CouncilWords } from './council-fields.ts';
import { localAuthorities, localAuthority } from './local-authorities.ts';
import type { CouncilService } from './council.ts';
import { ADMINISTRATORS } from '../policies.ts';

/**
 * Every page's layout shows the council's words and whether this is the demo; a database that
 * cannot answer leaves them out rather than failing the page. Health checks answer without them.
 */
export function councilLocals(council: CouncilService) {
  return async (req: Request, res: Response, next: NextFunction) => {
    if (req.path.startsWith('/health')) return next();
    try {
      res.locals.council = await council.words();
      res.locals.demo = (await council.kind()) === 'demo';
    } catch {
      res.locals.council = {};
    }
    next();
  };
}

function formPage(res: Response, values: Record<string, string>, extra: Record<string, unknown> = {}) {
  const authorities = [
    { value: '', text: 'Select a local authority' },
    ...localAuthorities().map((la) => ({ value: String(la.code), text: `${la.name} (${la.code})` })),
  ];
  res.render('admin/council/edit', { title: 'Council details', fields: COUNCIL_FIELDS, values, authorities, ...extra });
}

function summaryRows(words: CouncilWords) {
  return COUNCIL_FIELDS.map((field) => {
    const value = words[field.key];
    const la = field.input === 'authority' ? localAuthority(value as number | null) : undefined;
    return {
      key: field.key,
      label: field.label,
      value: la ? `${la.name} (${la.code})` : value === null ? '' : String(value),
    };
  });
}

export function councilRoutes(routes: RouteTable, { council, clock }: RouteServices) {
  routes.get('/admin/council', ADMINISTRATORS, async (_req, res) => {
    const words = await council.words();
    const tasks = await council.openingTasks(londonDate(clock.now()));
    res.render('admin/council/index', { title: 'Council details', rows: summaryRows(words), tasks });
  });

  routes.get('/admin/council/edit', ADMINISTRATORS, async (_req, res) => {
    formPage(res, councilFormValues(await council.words()));
  });

  routes.post('/admin/council/edit', ADMINISTRATORS, async (req, res) => {
    const saved = await council.save(actorOf(req, res), req.body);
    if (!saved.ok) {
      res.status(400);
      return formPage(res, req.body as Record<string, string>, {
        errors: saved.errors,
        fieldErrors: saved.fieldErrors,
      });
    }
    req.session.flash = 'Council details saved';
    res.redirect('/admin/council');
  });
}
