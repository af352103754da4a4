// The form to add a formula factor: its name (from which its key is made) and its unit.
import { z } from 'zod';

/** The school data set column a factor's name gives: 'Mobility (primary)' → 'mobility_primary'. */
export function factorKeyOf(name: string): string {
  return name
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '')
    .replace(/^(\d)/, 'f_$1')
    .slice(0, 40)
    .replace(/_+$/, '');
}

const text = (missing: string, what: string, max: number) =>
  z.string({ error: missing }).trim().min(1, missing).max(max, `${what} must be ${max} characters or fewer`);

export const factorSchema = z.object({
  name: text('Enter the factor’s name', 'The name', 60).refine(
    (name) => factorKeyOf(name) !== '',
    'The name must include letters or numbers',
  ),
  unit: text('Enter what one unit is, for example ‘pupil’', 'The unit', 60),
});
