import { z } from 'zod';
import type { RouteTable } from '../permissions.ts';
import type { RouteServices } from '../../services.ts';
import { pageNumber, pagination, validate } from '../validation.ts';
import { AUDIT_PAGE_SIZE } from './repository.ts';
import { ADMINISTRATORS } from '../policies.ts';

const isoDate = z
  .string()
  .trim()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'Enter the date as YYYY-MM-DD, for example 2026-11-25')
  .refine((value) => !Number.isNaN(Date.parse(value)), 'Enter a real date')
  .optional()
  .or(z.literal('').transform(() => undefined));

const filterSchema = z
  .object({
    user: z.coerce
      .number()
      .int()
      .positive()
      .optional()
      .or(z.literal('').transform(() => undefined)),
    recordType: z.string().trim().max(50).optional(),
    recordId: z.string().trim().max(50).optional(),
    from: isoDate,
    to: isoDate,
  })
  .refine((f) => !f.from || !f.to || f.from <= f.to, {
    message: 'The ‘to’ date must be the same as or after the ‘from’ date',
    path: ['to'],
  });

export function auditRoutes(routes: RouteTable, { audit }: RouteServices) {
  routes.get('/admin/audit', ADMINISTRATORS, async (req, res) => {
    const query = Object.fromEntries(Object.entries(req.query).map(([key, value]) => [key, String(value ?? '')]));
    const form = validate(filterSchema, query);
    const filter = form.ok ? form.data : {};
    const page = pageNumber(req.query.page);
    const [{ rows, total }, recordTypes, userList] = await Promise.all([
      audit.search(
        {
          userId: filter.user,
          recordType: filter.recordType || undefined,
          recordId: filter.recordId || undefined,
          from: filter.from,
          to: filter.to,
        },
        page,
      ),
      audit.recordTypes(),
      audit.people(),
    ]);
    const params = new URLSearchParams(Object.entries(query).filter(([key, value]) => key !== 'page' && value));
    res.status(form.ok ? 200 : 400).render('admin/audit/list', {
      title: 'Audit log',
      rows,
      total,
      values: query,
      recordTypes: recordTypes.map((r) => r.record_type),
      userList,
      errors: form.ok ? undefined : form.errors,
      fieldErrors: form.ok ? {} : form.fieldErrors,
      pagination: pagination(
        page,
        total,
        AUDIT_PAGE_SIZE,
        (n) => `/admin/audit?${new URLSearchParams([...params, ['page', String(n)]])}`,
      ),
    });
  });
}
