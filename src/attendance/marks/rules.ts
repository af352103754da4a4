// What keeps marks imports within what the server can carry: the largest file each
// user may upload (service settings), how many imports run at once, and what an import that a
// restart cut short tells the person who sent it.
import type { Role } from '../../platform/roles.ts';
import { importsMarksForEverySchool } from '../../platform/policies.ts';
import type { SettingValues } from '../../platform/settings/settings.ts';
import type { SizeLimit } from '../../platform/upload.ts';

/** Imports one person may have running at once. */
export const IMPORTS_PER_PERSON = 1;
/** Imports running at once in all: each reads its file on the server's two cores. */
export const IMPORTS_AT_ONCE = 2;

export const INTERRUPTED_BY_RESTART =
  'The import stopped because the service restarted. Nothing from this file was imported. Upload it again.';

const MB = 1024 * 1024;

/**
 * The largest marks file a person may upload: the authority's limit for those who send marks
 * for every school, the school's limit for a school user.
 */
export function marksUploadLimit(
  roles: readonly Role[],
  settings: Pick<SettingValues, 'marks-upload-authority-mb' | 'marks-upload-school-mb'>,
): SizeLimit {
  const megabytes = importsMarksForEverySchool(roles)
    ? settings['marks-upload-authority-mb']
    : settings['marks-upload-school-mb'];
  return {
    maxBytes: megabytes * MB,
    tooLarge: `The selected file must be smaller than ${megabytes.toLocaleString('en-GB')} MB`,
  };
}

/**
 * Why another import cannot start now, or undefined when it can; `running` holds who sent each
 * import that is running.
 */
export function whyImportMustWait(running: readonly (number | null)[], userId: number): string | undefined {
  if (running.filter((uploader) => uploader === userId).length >= IMPORTS_PER_PERSON) {
    return 'An import you started is already running. Try again when it has finished';
  }
  if (running.length >= IMPORTS_AT_ONCE) {
    return `${running.length} imports are already running, as many as the service runs at once. Try again when one has finished`;
  }
  return undefined;
}
