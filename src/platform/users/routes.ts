import type { Request, Response } from 'express';
import { z } from 'zod';
import type { RouteServices } from '../../services.ts';
import type { RouteTable } from '../permissions.ts';
import { NotFoundError, idOf } from '../errors.ts';
import { ROLES, ROLE_NAMES } from '../roles.ts';
import { pageNumber, pagination, validate, type ErrorItem, type FieldErrors } from '../validation.ts';
import { actorOf } from '../auth/actor.ts';
import { USERS_PAGE_SIZE } from './repository.ts';
import { editUserSchema, formValues, newUserSchema, resetPasswordSchema, type UserFormValues } from './schemas.ts';
import type { Problem } from './service.ts';
import { ADMINISTRATORS } from '../policies.ts';

const SCHOOL_LABELS = ['School', 'Second school (optional)', 'Third school (optional)'];
const searchSchema = z.string().trim().max(100).optional().catch(undefined);

interface FormState {
  values: UserFormValues;
  errors?: ErrorItem[];
  fieldErrors?: FieldErrors;
}

/** The error summary and inline message for a problem the service found. */
function problemErrors(problem: Problem, href = `#${problem.field}`): Required<Omit<FormState, 'values'>> {
  return { errors: [{ text: problem.message, href }], fieldErrors: { [problem.field]: { text: problem.message } } };
}

type SchoolOption = { urn: number; name: string };

/** Role checkboxes, and one school select per school (at least three) for school referrers. */
function formFields({ values, fieldErrors = {} }: FormState, schoolOptions: SchoolOption[]) {
  const roleItems = ROLES.map((role) => ({
    value: role,
    text: ROLE_NAMES[role],
    checked: values.roles.includes(role),
  }));
  const count = Math.max(SCHOOL_LABELS.length, values.schools.length);
  const schoolSelects = Array.from({ length: count }, (_, index) => ({
    id: index === 0 ? 'schools' : `schools-${index + 1}`,
    name: 'schools',
    label: { text: SCHOOL_LABELS[index] ?? 'Another school (optional)' },
    classes: 'govuk-!-width-full',
    errorMessage: index === 0 ? fieldErrors.schools : undefined,
    items: [
      { value: '', text: index === 0 ? 'Select a school' : 'No other school' },
      ...schoolOptions.map((school) => ({
        value: String(school.urn),
        text: school.name,
        selected: values.schools[index] === String(school.urn),
      })),
    ],
  }));
  return { roleItems, schoolSelects };
}

function userId(req: Request): number {
  return idOf(req);
}

export function usersRoutes(routes: RouteTable, { users, accountAccess, config }: RouteServices) {
  async function loadUser(req: Request) {
    const user = await users.find(userId(req));
    if (!user) throw new NotFoundError();
    return user;
  }

  /** The add and change form. (`user` in a view is the person signed in, so the one edited is `editing`.) */
  async function renderForm(
    res: Response,
    status: number,
    { user: editing, ...state }: FormState & { user?: { id: number; name: string } },
  ) {
    res.status(status).render('admin/users/form', {
      title: editing ? `Change ${editing.name}’s details` : 'Add a user',
      editing,
      ...state,
      ...formFields(state, await users.schoolOptions()),
    });
  }

  async function renderUser(req: Request, res: Response, status = 200, extra: Partial<FormState> = {}) {
    const user = await loadUser(req);
    const access = { ...(await accountAccess.of(user.id)), singleSignOn: Boolean(config.oidc) };
    res.status(status).render('admin/users/show', {
      title: user.name,
      shown: user,
      isSelf: user.id === res.locals.user.id,
      access,
      ...extra,
    });
  }

  routes.get('/admin/users', ADMINISTRATORS, async (req, res) => {
    const search = searchSchema.parse(req.query.search) || undefined;
    const page = pageNumber(req.query.page);
    const { rows, total } = await users.list(page, search);
    const href = (n: number) =>
      `/admin/users?${new URLSearchParams({ ...(search ? { search } : {}), page: String(n) })}`;
    res.render('admin/users/list', {
      title: 'Users',
      rows,
      total,
      search,
      pagination: pagination(page, total, USERS_PAGE_SIZE, href),
    });
  });

  routes.get('/admin/users/new', ADMINISTRATORS, (_req, res) =>
    renderForm(res, 200, { values: { name: '', email: '', roles: [], schools: [] } }),
  );

  routes.post('/admin/users/new', ADMINISTRATORS, async (req, res) => {
    const values = formValues(req.body);
    const form = validate(newUserSchema, req.body);
    if (!form.ok) return renderForm(res, 400, { values, ...form });
    const outcome = await users.create(actorOf(req, res), form.data);
    if (!outcome?.ok) return renderForm(res, 400, { values, ...(outcome && problemErrors(outcome.problem)) });
    req.session.flash = 'User created';
    res.redirect(`/admin/users/${outcome.value}`);
  });

  routes.get('/admin/users/:id', ADMINISTRATORS, (req, res) => renderUser(req, res));

  routes.get('/admin/users/:id/edit', ADMINISTRATORS, async (req, res) => {
    const user = await loadUser(req);
    const values = { name: user.name, email: user.email, roles: user.roles, schools: user.school_urns.map(String) };
    await renderForm(res, 200, { user, values });
  });

  routes.post('/admin/users/:id/edit', ADMINISTRATORS, async (req, res) => {
    const user = await loadUser(req);
    const values = formValues(req.body);
    const form = validate(editUserSchema, req.body);
    if (!form.ok) return renderForm(res, 400, { user, values, ...form });
    const outcome = await users.update(actorOf(req, res), user.id, form.data);
    if (!outcome) throw new NotFoundError();
    if (!outcome.ok) return renderForm(res, 400, { user, values, ...problemErrors(outcome.problem) });
    req.session.flash = outcome.value.length ? 'User updated' : 'No changes were made';
    res.redirect(`/admin/users/${user.id}`);
  });

  routes.get('/admin/users/:id/reset-password', ADMINISTRATORS, async (req, res) => {
    const user = await loadUser(req);
    res.render('admin/users/reset-password', { title: `Reset ${user.name}’s password`, shown: user });
  });

  routes.post('/admin/users/:id/reset-password', ADMINISTRATORS, async (req, res) => {
    const user = await loadUser(req);
    const form = validate(resetPasswordSchema(user.email), req.body);
    if (!form.ok)
      return res
        .status(400)
        .render('admin/users/reset-password', { title: `Reset ${user.name}’s password`, shown: user, ...form });
    const outcome = await users.resetPassword(actorOf(req, res), user.id, form.data.password);
    if (!outcome) throw new NotFoundError();
    req.session.flash = 'Password reset';
    res.redirect(`/admin/users/${user.id}`);
  });

  for (const [action, disabled] of [
    ['disable', true],
    ['enable', false],
  ] as const) {
    routes.post(`/admin/users/:id/${action}`, ADMINISTRATORS, async (req, res) => {
      const outcome = await users.setDisabled(actorOf(req, res), userId(req), disabled);
      if (!outcome) throw new NotFoundError();
      if (!outcome.ok) return renderUser(req, res, 400, problemErrors(outcome.problem, '#disable'));
      req.session.flash = disabled ? 'Account disabled' : 'Account enabled';
      res.redirect(`/admin/users/${userId(req)}`);
    });
  }
}
