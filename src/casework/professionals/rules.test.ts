import { describe, expect, it } from 'vitest';
import { validate } from '../../platform/validation.ts';
import { REACHABLE, distinctEmails, professionalSchema } from './rules.ts';

describe('adding a professional to a case (Portsmouth early help assessment, plan, review and closure guidance, §2.5: everyone involved informed)', () => {
  it('needs a name and a role or agency, and trims what was typed', () => {
    expect(
      validate(professionalSchema, {
        name: ' Pat Nurse ',
        roleOrAgency: 'School nurse',
        email: 'pat@health.example',
        phone: '',
      }),
    ).toEqual({
      ok: true,
      data: { name: 'Pat Nurse', roleOrAgency: 'School nurse', email: 'pat@health.example', phone: null },
    });
    const result = validate(professionalSchema, { name: '', roleOrAgency: ' ', email: 'pat@health.example' });
    expect(result.ok ? undefined : result.fieldErrors).toEqual({
      name: { text: 'Enter the professional’s name' },
      roleOrAgency: { text: 'Enter their role or agency' },
    });
  });

  it('needs an email address or a phone number, so they can be told', () => {
    const result = validate(professionalSchema, { name: 'Pat', roleOrAgency: 'School nurse', email: '', phone: '' });
    expect(result.ok ? undefined : result.errors).toEqual([{ text: REACHABLE, href: '#email' }]);
    expect(validate(professionalSchema, { name: 'Pat', roleOrAgency: 'School nurse', phone: '01632 960 001' }).ok).toBe(
      true,
    );
  });

  it('refuses an email address or phone number in the wrong format', () => {
    const result = validate(professionalSchema, {
      name: 'Pat',
      roleOrAgency: 'School nurse',
      email: 'pat at health',
      phone: 'call reception',
    });
    expect(result.ok ? undefined : result.fieldErrors).toEqual({
      email: { text: 'Enter an email address in the correct format, like name@example.com' },
      phone: { text: 'Enter a phone number, like 01632 960 001 or 07700 900 982' },
    });
  });
});

describe('telling everyone once when the lead professional changes (Portsmouth early help assessment, plan, review and closure guidance, §2.5)', () => {
  it('keeps each email address once, whatever its case, and leaves out blanks', () => {
    expect(
      distinctEmails(['Lead@LA.example', null, 'lead@la.example', ' ', undefined, 'nurse@health.example']),
    ).toEqual(['Lead@LA.example', 'nurse@health.example']);
  });
});
