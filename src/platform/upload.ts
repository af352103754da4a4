/**
 * Receiving one uploaded file for an import, and showing what is wrong with it.
 *
 * The file is read into memory only on the upload route and only after the access check and
 * the CSRF check (the token comes in the query string for multipart forms: see security.ts),
 * so nobody else can make the server hold an upload. The form's other fields (a year, say)
 * are in `req.body` once the file has been received.
 */
import { rm } from 'node:fs/promises';
import type { Request, Response } from 'express';
import multer from 'multer';
import { MAX_FILE_BYTES, TOO_LARGE, problemLines, type ImportProblem } from './csv-import.ts';
import { BadInputError } from './errors.ts';
import { hasControlCharacters } from './control-characters.ts';
import { malformedFields, type ErrorItem } from './validation.ts';

/** The name of the file input on every upload form, and so the id the error summary links to. */
export const FILE_FIELD = 'file';

export const BAD_FILE_NAME =
  'The selected file’s name must not contain control characters: rename the file and select it again';

export type Received = { ok: true; file: Express.Multer.File | undefined } | { ok: false; message: string };

/** A limit on the file's size set for one request, and what to say when the file is larger. */
export interface SizeLimit {
  maxBytes: number;
  tooLarge: string;
}

/**
 * A function that receives the form's one file (up to `maxBytes`, or the request's own limit),
 * or says why it could not: too large, a name with control characters, or not a form of the
 * expected shape (`unreadable`) — a broken multipart body included. The size is counted as the
 * file arrives: a file over the limit is cut off there, the part received is removed, and
 * nothing more of it is kept. The form's other fields are checked as every form's are
 * (validation.ts); a refused file kept in a folder is removed at once.
 */
export function fileReceiver({
  unreadable,
  tooLarge = TOO_LARGE,
  maxBytes = MAX_FILE_BYTES,
  fields = 5,
  toFolder,
}: {
  unreadable: string;
  tooLarge?: string;
  maxBytes?: number;
  fields?: number;
  /** Keep the file in this folder (for large files; the receiver of the file removes it) instead of in memory. */
  toFolder?: string;
}) {
  const storage = toFolder ? multer.diskStorage({ destination: toFolder }) : multer.memoryStorage();
  const receiver = (fileSize: number) =>
    multer({ storage, limits: { fileSize, files: 1, fields, parts: fields + 1 } }).single(FILE_FIELD);
  const standard = receiver(maxBytes);
  const received = (req: Request, res: Response, limit?: SizeLimit): Promise<Received> =>
    new Promise((resolve, reject) => {
      const receiveFile = limit ? receiver(limit.maxBytes) : standard;
      receiveFile(req, res, (error?: unknown) => {
        if (!error) return resolve({ ok: true, file: req.file });
        if (error instanceof multer.MulterError) {
          return resolve({
            ok: false,
            message: error.code === 'LIMIT_FILE_SIZE' ? (limit?.tooLarge ?? tooLarge) : unreadable,
          });
        }
        // The multipart parser's errors ('Malformed part header') are about what was sent; a
        // failure of the machine (a full disk) has a system call and is the service's problem.
        if (!(error as NodeJS.ErrnoException).syscall) return resolve({ ok: false, message: unreadable });
        reject(error as Error);
      });
    });
  return async (req: Request, res: Response, limit?: SizeLimit): Promise<Received> => {
    const result = await received(req, res, limit);
    if (!result.ok) return result;
    const fields = malformedFields(req.body);
    const badName = result.file !== undefined && hasControlCharacters(result.file.originalname);
    if (!badName && fields.length === 0) return result;
    if (result.file?.path) await rm(result.file.path, { force: true });
    if (fields.length) throw new BadInputError(fields);
    return { ok: false, message: BAD_FILE_NAME };
  };
}

/** The GOV.UK error summary (every line links to the file upload) and the inline message. */
export function uploadErrors(problems: readonly ImportProblem[]): { errors: ErrorItem[]; fileError: { text: string } } {
  const errors: ErrorItem[] = problemLines(problems).map((text) => ({ text, href: `#${FILE_FIELD}` }));
  const message =
    problems.length === 1 && problems[0].row === undefined
      ? problems[0].message
      : `The file has ${problems.length === 1 ? 'a problem' : `${problems.length.toLocaleString('en-GB')} problems`}. Nothing was imported. Correct the file and upload it again`;
  return { errors, fileError: { text: message } };
}
