// A case's documents: the list, adding one (in the case's transaction, with its own audit entry)
// and downloading one (audited). A closed case's documents can be read but not added to.
import { z } from 'zod';
import type { Db } from '../../db/connection.ts';
import type { Actor } from '../../platform/audit/audit.ts';
import type { CurrentUser } from '../../platform/roles.ts';
import { validate, type ErrorItem, type FieldErrors } from '../../platform/validation.ts';
import { addCaseEvent, auditCase, changeCase, changeableCase, readCase } from '../service.ts';
import { FILE_FIELD } from '../../platform/upload.ts';
import { DOCUMENT_MESSAGES, MAX_DESCRIPTION, checkDocument, documentTypeLabel, formatSize } from './rules.ts';
import { documentsRepository } from './repository.ts';

export type UploadOutcome =
  | { kind: 'saved'; message: string }
  | { kind: 'invalid'; errors: ErrorItem[]; fieldErrors: FieldErrors }
  | { kind: 'not-found' }
  | { kind: 'closed' };

export interface Upload {
  originalName: string;
  content: Buffer;
}

const descriptionSchema = z.object({
  description: z
    .string()
    .trim()
    .max(MAX_DESCRIPTION, `The description must be ${MAX_DESCRIPTION} characters or fewer`)
    .optional()
    .transform((value) => value || null),
});

/** The form's problems: the file (linked to the file input) and the description. */
export function uploadProblems(file: Upload | undefined, fileMessage: string | undefined, body: unknown) {
  const errors: ErrorItem[] = [];
  const fieldErrors: FieldErrors = {};
  const message = fileMessage ?? (file ? undefined : DOCUMENT_MESSAGES.none);
  const check = file && !message ? checkDocument(file.originalName, file.content) : undefined;
  const fileProblem = message ?? (check && !check.ok ? check.message : undefined);
  if (fileProblem) {
    errors.push({ text: fileProblem, href: `#${FILE_FIELD}` });
    fieldErrors[FILE_FIELD] = { text: fileProblem };
  }
  const form = validate(descriptionSchema, body ?? {});
  if (!form.ok) {
    errors.push(...form.errors);
    Object.assign(fieldErrors, form.fieldErrors);
  }
  if (errors.length || !check?.ok || !form.ok) return { ok: false as const, errors, fieldErrors };
  return { ok: true as const, check, description: form.data.description };
}

const repository = documentsRepository();

export function documentsService(db: Db) {
  return {
    /** The documents section, or undefined when the user may not see the case. */
    page(actor: Actor, user: CurrentUser, id: number) {
      return readCase(db, actor, user, id, 'documents', async (trx, kase) => {
        const rows = await repository.ofCase(trx, id);
        return {
          kase,
          documents: rows.map((row) => ({
            ...row,
            typeLabel: documentTypeLabel(row.content_type),
            size: formatSize(row.size_bytes),
          })),
        };
      });
    },

    /**
     * The case's status if the user may change it, checked before an upload is received (not
     * audited: nothing is shown); one they may only read is refused with the reason.
     */
    async reachable(user: CurrentUser, id: number): Promise<string | undefined> {
      return (await changeableCase(db, user, id))?.status;
    },

    /** Adds a document to an open case; nothing is stored if the file or description is wrong. */
    async upload(
      actor: Actor,
      user: CurrentUser,
      id: number,
      file: Upload | undefined,
      fileMessage: string | undefined,
      body: unknown,
    ): Promise<UploadOutcome> {
      const result = await changeCase(db, user, id, async (trx): Promise<UploadOutcome> => {
        const problems = uploadProblems(file, fileMessage, body);
        if (!problems.ok) return { kind: 'invalid', errors: problems.errors, fieldErrors: problems.fieldErrors };
        const { check, description } = problems;
        const content = file!.content;
        const documentId = await repository.add(trx, id, {
          filename: check.filename,
          contentType: check.type.contentType,
          content,
          description,
          uploadedBy: user.id,
        });
        await addCaseEvent(trx, {
          caseId: id,
          userId: user.id,
          kind: 'document-uploaded',
          message: `${check.filename} (${check.type.label}, ${formatSize(content.length)})`,
        });
        await auditCase(trx, actor, id, 'upload document', {
          documentId,
          type: check.type.type,
          sizeBytes: content.length,
        });
        return { kind: 'saved', message: `${check.filename} added` };
      });
      return result.kind === 'done' ? result.value : result;
    },

    /** A document of a case the user may see, audited as a download; undefined when not found. */
    download(actor: Actor, user: CurrentUser, id: number, documentId: number) {
      return readCase(db, actor, user, id, 'documents', async (trx) => {
        const document = await repository.find(trx, id, documentId);
        if (document) await auditCase(trx, actor, id, 'download document', { documentId });
        return document;
      });
    },
  };
}
