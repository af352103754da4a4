// Documents kept on a case: PDFs, Word documents (DOCX), PNG and JPEG images of at most 10 MB.
// A file's type is judged by its first bytes (its "magic number") as well as its name, so a
// program renamed to end in .pdf is refused. Names are made safe before they are stored or sent
// back in a download. Pure functions.

export const MAX_DOCUMENT_BYTES = 10 * 1024 * 1024;
export const MAX_DESCRIPTION = 500;

const ALLOWED = 'a PDF, Word document (DOCX), PNG or JPEG';

export const DOCUMENT_MESSAGES = {
  none: 'Select a file to upload',
  empty: 'The selected file is empty',
  tooLarge: `The selected file must be smaller than ${MAX_DOCUMENT_BYTES / 1024 / 1024} MB`,
  unreadable: `The selected file could not be read. Upload ${ALLOWED}`,
  wrongType: `The selected file must be ${ALLOWED}`,
};

const startsWith = (content: Uint8Array, bytes: readonly number[]) =>
  content.length >= bytes.length && bytes.every((byte, index) => content[index] === byte);

/** The kinds of file a case may hold, each with the names and first bytes that identify it. */
export const DOCUMENT_TYPES = [
  {
    type: 'pdf',
    label: 'PDF',
    contentType: 'application/pdf',
    extensions: ['.pdf'],
    matches: (content: Buffer) => startsWith(content, [0x25, 0x50, 0x44, 0x46, 0x2d]),
  },
  {
    type: 'docx',
    label: 'Word document',
    contentType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    extensions: ['.docx'],
    // A DOCX is a ZIP archive whose entries include the document under word/.
    matches: (content: Buffer) => startsWith(content, [0x50, 0x4b, 0x03, 0x04]) && content.includes('word/'),
  },
  {
    type: 'png',
    label: 'PNG image',
    contentType: 'image/png',
    extensions: ['.png'],
    matches: (content: Buffer) => startsWith(content, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  },
  {
    type: 'jpeg',
    label: 'JPEG image',
    contentType: 'image/jpeg',
    extensions: ['.jpg', '.jpeg'],
    matches: (content: Buffer) => startsWith(content, [0xff, 0xd8, 0xff]),
  },
] as const;

export type DocumentType = (typeof DOCUMENT_TYPES)[number];

/** The label of a stored content type, for the list of documents. */
export function documentTypeLabel(contentType: string): string {
  return DOCUMENT_TYPES.find((type) => type.contentType === contentType)?.label ?? 'File';
}

const MAX_NAME = 100;

/**
 * A name safe to store and to send in a Content-Disposition header: no folders, no control or
 * punctuation characters other than space . _ ( ) -, at most 100 characters, keeping its extension.
 */
export function safeFilename(name: string): string {
  const base = name.split(/[/\\]/).at(-1) ?? '';
  const cleaned = base
    .normalize('NFC')
    .replace(/[^\p{L}\p{N} ._()-]/gu, '_')
    .replace(/\s+/g, ' ')
    .replace(/^[\s.]+|\s+$/g, '');
  const dot = cleaned.lastIndexOf('.');
  const extension = dot > 0 ? cleaned.slice(dot).toLowerCase() : '';
  const stem = (dot > 0 ? cleaned.slice(0, dot) : cleaned).slice(0, MAX_NAME - extension.length).trim();
  return `${stem || 'document'}${extension}`;
}

export type DocumentCheck = { ok: true; type: DocumentType; filename: string } | { ok: false; message: string };

/** Whether an uploaded file may be kept: an allowed name, contents that match it, and not too large. */
export function checkDocument(originalName: string, content: Buffer): DocumentCheck {
  if (content.length === 0) return { ok: false, message: DOCUMENT_MESSAGES.empty };
  if (content.length > MAX_DOCUMENT_BYTES) return { ok: false, message: DOCUMENT_MESSAGES.tooLarge };
  const filename = safeFilename(originalName);
  const dot = filename.lastIndexOf('.');
  const extension = dot > 0 ? filename.slice(dot).toLowerCase() : '';
  const type = DOCUMENT_TYPES.find((candidate) => (candidate.extensions as readonly string[]).includes(extension));
  if (!type) return { ok: false, message: DOCUMENT_MESSAGES.wrongType };
  if (!type.matches(content))
    return {
      ok: false,
      message: `The selected file is not a real ${type.label}: its contents do not match its name. Upload ${ALLOWED}`,
    };
  return { ok: true, type, filename };
}

/** A file's size for people: '820 bytes', '14 KB', '2.5 MB'. */
export function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} bytes`;
  if (bytes < 1024 * 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1).replace(/\.0$/, '')} MB`;
}
