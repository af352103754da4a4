// The case's documents section: the list, adding a document (a multipart form whose CSRF token is
// in the address, read only after the access check: see src/platform/upload.ts), and downloads.
import type { Request, Response } from 'express';
import type { RouteTable } from '../../platform/permissions.ts';
import type { RouteServices } from '../../services.ts';
import { NotFoundError, idOf } from '../../platform/errors.ts';
import { actorOf } from '../../platform/auth/routes.ts';
import { FILE_FIELD, fileReceiver } from '../../platform/upload.ts';
import type { ErrorItem, FieldErrors } from '../../platform/validation.ts';
import { CASE_READERS } from '../../platform/policies.ts';
import { DOCUMENT_MESSAGES, DOCUMENT_TYPES, MAX_DESCRIPTION, MAX_DOCUMENT_BYTES } from './rules.ts';

const receive = fileReceiver({
  unreadable: DOCUMENT_MESSAGES.unreadable,
  tooLarge: DOCUMENT_MESSAGES.tooLarge,
  maxBytes: MAX_DOCUMENT_BYTES,
  fields: 2,
});

const ACCEPT = DOCUMENT_TYPES.flatMap((type) => [...type.extensions, type.contentType]).join(',');

/** The document's id in the address (`:docId`). */
function documentIdOf(req: Request): number {
  return idOf(req, 'docId');
}

interface FormState {
  errors?: ErrorItem[];
  fieldErrors?: FieldErrors;
  values?: { description?: string };
}

export function documentRoutes(routes: RouteTable, services: RouteServices): void {
  const documents = services.caseDocuments;

  async function renderPage(req: Request, res: Response, status = 200, form: FormState = {}) {
    const page = await documents.page(actorOf(req, res), res.locals.user, idOf(req));
    if (!page) throw new NotFoundError();
    res.status(status).render('casework/documents/index', {
      title: `Documents – case ${page.kase.reference}`,
      ...page,
      fileField: FILE_FIELD,
      accept: ACCEPT,
      maxMegabytes: MAX_DOCUMENT_BYTES / 1024 / 1024,
      maxDescription: MAX_DESCRIPTION,
      values: form.values ?? {},
      errors: form.errors,
      fieldErrors: form.fieldErrors ?? {},
    });
  }

  routes.get('/cases/:id/documents', CASE_READERS, (req, res) => renderPage(req, res));

  routes.post('/cases/:id/documents', CASE_READERS, async (req, res) => {
    const id = idOf(req);
    // The case is checked before the upload is received, so nobody can make the server hold one for a case they cannot reach.
    const status = await documents.reachable(res.locals.user, id);
    if (!status) throw new NotFoundError();
    if (status === 'closed') return renderPage(req, res, 409);
    const received = await receive(req, res);
    const values = { description: typeof req.body?.description === 'string' ? req.body.description : undefined };
    const fileMessage = received.ok ? undefined : received.message;
    const file =
      received.ok && received.file
        ? { originalName: received.file.originalname, content: received.file.buffer }
        : undefined;
    const outcome = await documents.upload(actorOf(req, res), res.locals.user, id, file, fileMessage, req.body);
    if (outcome.kind === 'not-found') throw new NotFoundError();
    if (outcome.kind === 'closed') return renderPage(req, res, 409);
    if (outcome.kind === 'invalid')
      return renderPage(req, res, 400, { errors: outcome.errors, fieldErrors: outcome.fieldErrors, values });
    req.session.flash = outcome.message;
    res.redirect(`/cases/${id}/documents`);
  });

  routes.get('/cases/:id/documents/:docId', CASE_READERS, async (req, res) => {
    const document = await documents.download(actorOf(req, res), res.locals.user, idOf(req), documentIdOf(req));
    if (!document) throw new NotFoundError();
    res.attachment(document.filename);
    res.set({
      'Content-Type': document.content_type,
      'Cache-Control': 'no-store',
      'X-Content-Type-Options': 'nosniff',
    });
    res.send(document.content);
  });
}
