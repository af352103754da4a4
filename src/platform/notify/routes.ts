import type { RouteTable } from '../permissions.ts';
import type { RouteServices } from '../../services.ts';
import { NotFoundError, idOf } from '../errors.ts';
import { actorOf } from '../auth/actor.ts';
import { pageNumber, pagination } from '../validation.ts';
import { NOTIFICATION_STATUSES, OUTBOX_PAGE_SIZE, type NotificationStatus } from './outbox.ts';
import { isTemplateName, renderMessage, TEMPLATES } from './templates.ts';
import { MAX_ATTEMPTS } from './sender.ts';
import { ADMINISTRATORS } from '../policies.ts';

/** How each status reads on the page; a pending message is "not sent" when nothing sends it. */
function statusTag(status: string, notifyConfigured: boolean) {
  if (status === 'sent') return { text: 'Sent', classes: 'govuk-tag--green' };
  if (status === 'failed') return { text: 'Failed', classes: 'govuk-tag--red' };
  return notifyConfigured
    ? { text: 'Waiting', classes: 'govuk-tag--blue' }
    : { text: 'Not sent', classes: 'govuk-tag--grey' };
}

function statusOf(value: unknown): NotificationStatus | undefined {
  return NOTIFICATION_STATUSES.find((status) => status === value);
}

interface Row {
  id: number;
  template: string;
  status: string;
  personalisation: Record<string, string>;
}

function describe<T extends Row>(row: T, notifyConfigured: boolean) {
  return {
    ...row,
    title: isTemplateName(row.template) ? TEMPLATES[row.template].title : row.template,
    reference: row.personalisation.reference ?? '',
    tag: statusTag(row.status, notifyConfigured),
  };
}

export function outboxRoutes(routes: RouteTable, { notifications, config }: RouteServices) {
  const notifyConfigured = Boolean(config.notifyApiKey);

  routes.get('/admin/outbox', ADMINISTRATORS, async (req, res) => {
    const status = statusOf(req.query.status);
    const page = pageNumber(req.query.page);
    const { rows, total } = await notifications.list({ status }, page);
    const href = (n: number) =>
      `/admin/outbox?${new URLSearchParams([...(status ? [['status', status]] : []), ['page', String(n)]])}`;
    res.render('admin/outbox/list', {
      title: 'Outbox',
      notifyConfigured,
      status,
      statusItems: [
        { value: '', text: 'Any status' },
        ...NOTIFICATION_STATUSES.map((value) => ({
          value,
          text: statusTag(value, notifyConfigured).text,
          selected: value === status,
        })),
      ],
      rows: rows.map((row) => describe(row, notifyConfigured)),
      total,
      pagination: pagination(page, total, OUTBOX_PAGE_SIZE, href),
    });
  });

  routes.get('/admin/outbox/:id', ADMINISTRATORS, async (req, res) => {
    const row = await notifications.find(idOf(req));
    if (!row) throw new NotFoundError();
    const message = describe(row, notifyConfigured);
    res.render('admin/outbox/show', {
      title: `${message.title}: message ${row.id}`,
      message,
      rendered: isTemplateName(row.template) ? renderMessage(row.template, row.personalisation) : undefined,
      notifyConfigured,
      maxAttempts: MAX_ATTEMPTS,
    });
  });

  routes.post('/admin/outbox/:id/send-again', ADMINISTRATORS, async (req, res) => {
    const id = idOf(req);
    if (!(await notifications.retry(actorOf(req, res), id))) throw new NotFoundError();
    req.session.flash = notifyConfigured ? 'The message will be sent again' : 'The message is back in the outbox';
    res.redirect(`/admin/outbox/${id}`);
  });
}
