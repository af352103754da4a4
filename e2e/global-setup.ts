import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { AXE_CHECKED_FILE } from './constants.ts';

/** Starts each run with no page template axe-checked yet (see expectNoAxeViolations). */
export default function globalSetup(): void {
  mkdirSync(dirname(AXE_CHECKED_FILE), { recursive: true });
  writeFileSync(AXE_CHECKED_FILE, '');
}
