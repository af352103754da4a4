// A case's documents as stored: the list (without their content), adding one, and one with its
// content for a download.
import type { Reader } from '../repository.ts';
import type { Trx } from '../service.ts';

export interface NewDocument {
  filename: string;
  contentType: string;
  content: Buffer;
  description: string | null;
  uploadedBy: number;
}

export function documentsRepository() {
  return {
    /** The case's documents, newest first, without their content. */
    ofCase(trx: Reader, caseId: number) {
      return trx
        .selectFrom('case_documents')
        .leftJoin('users', 'users.id', 'case_documents.uploaded_by')
        .select([
          'case_documents.id',
          'case_documents.filename',
          'case_documents.content_type',
          'case_documents.size_bytes',
          'case_documents.description',
          'case_documents.uploaded_at',
          'users.name as uploaded_by_name',
        ])
        .where('case_documents.case_id', '=', caseId)
        .orderBy('case_documents.uploaded_at', 'desc')
        .orderBy('case_documents.id', 'desc')
        .execute();
    },

    async add(trx: Trx, caseId: number, document: NewDocument): Promise<number> {
      const { id } = await trx
        .insertInto('case_documents')
        .values({
          case_id: caseId,
          filename: document.filename,
          content_type: document.contentType,
          size_bytes: document.content.length,
          content: document.content,
          description: document.description,
          uploaded_by: document.uploadedBy,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      return id;
    },

    find(trx: Reader, caseId: number, documentId: number) {
      return trx
        .selectFrom('case_documents')
        .select(['id', 'filename', 'content_type', 'content'])
        .where('case_id', '=', caseId)
        .where('id', '=', documentId)
        .executeTakeFirst();
    },
  };
}
