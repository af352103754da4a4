import type { Request, Response } from 'express';
import type { RouteTable } from '../permissions.ts';
import { NotFoundError } from '../errors.ts';
import { actorOf } from '../auth/actor.ts';
import type { RouteServices } from '../../services.ts';
import { SETTING_GROUPS, isSettingKey, type SettingKey } from './settings.ts';
import type { SettingView } from './service.ts';
import { ADMINISTRATORS } from '../policies.ts';

function keyOf(req: Request): SettingKey {
  const key = String(req.params.key);
  if (!isSettingKey(key)) throw new NotFoundError();
  return key;
}

function editPage(res: Response, setting: SettingView, extra: Record<string, unknown>) {
  const { definition } = setting;
  return res.render('admin/settings/edit', {
    title: definition.label,
    setting,
    defaultDisplay: (definition.format as (value: unknown) => string)(definition.default),
    ...extra,
  });
}

export function settingsRoutes(routes: RouteTable, { settings }: RouteServices) {
  const find = async (key: SettingKey) => (await settings.all()).find((setting) => setting.key === key)!;

  routes.get('/admin/settings', ADMINISTRATORS, async (_req, res) => {
    const all = await settings.all();
    const groups = SETTING_GROUPS.map((group) => ({
      ...group,
      settings: all.filter((setting) => setting.definition.group === group.id),
    })).filter((group) => group.settings.length > 0);
    res.render('admin/settings/index', { title: 'Service settings', groups });
  });

  routes.get('/admin/settings/:key', ADMINISTRATORS, async (req, res) => {
    const setting = await find(keyOf(req));
    editPage(res, setting, { values: { value: String(setting.value) } });
  });

  routes.post('/admin/settings/:key', ADMINISTRATORS, async (req, res) => {
    const key = keyOf(req);
    const result = await settings.update(actorOf(req, res), key, req.body.value);
    if (!result.ok) {
      res.status(400);
      return editPage(res, await find(key), {
        values: req.body,
        errors: result.errors,
        fieldErrors: result.fieldErrors,
      });
    }
    req.session.flash = 'Setting updated';
    res.redirect('/admin/settings');
  });
}
