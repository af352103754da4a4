import type { Page } from '@playwright/test';
import { expect, expectNoAxeViolations, signIn, signOut, test } from './support.ts';

async function saveAndContinue(page: Page, nextHeading: string | RegExp) {
  await page.getByRole('button', { name: 'Save and continue' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(nextHeading);
  await expectNoAxeViolations(page);
}

test('a school referrer refers a child with consent; the triage manager records intensive support; the school sees the outcome', async ({
  page,
}) => {
  test.setTimeout(300_000);
  await signIn(page, 'school_user');
  await expectNoAxeViolations(page);
  await page.getByRole('link', { name: 'Ask for help for a child' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Ask for help for a child and family');
  await expectNoAxeViolations(page);
  await page.getByRole('button', { name: 'Start now' }).click();

  await expect(page.getByRole('heading', { level: 1 })).toHaveText('About the child');
  await expectNoAxeViolations(page);
  // Looking on the roll first: Maya is new to the school, so she is not there.
  await page.getByLabel('Name or UPN').fill('Maya Okafor');
  await page.getByRole('button', { name: 'Search the roll' }).click();
  await expect(page.getByText('No child on your roll matches ‘Maya Okafor’')).toBeVisible();
  await expectNoAxeViolations(page);
  // A mistake first: the page says what is wrong and keeps what was typed.
  await page.getByLabel('First name').fill('Maya');
  await page.getByRole('button', { name: 'Save and continue' }).click();
  await expect(page.locator('.govuk-error-summary')).toContainText('Enter the child’s last name');
  await expect(page.getByLabel('First name')).toHaveValue('Maya');
  await expectNoAxeViolations(page);

  await page.getByLabel('Last name').fill('Okafor');
  const dateOfBirth = page.getByRole('group', { name: 'Date of birth' });
  await dateOfBirth.getByLabel('Day').fill('9');
  await dateOfBirth.getByLabel('Month').fill('6');
  await dateOfBirth.getByLabel('Year').fill('2018');
  await page.getByLabel('Female').check();
  await page.getByLabel('Year group').selectOption('Year 3');
  await page.getByLabel('Ethnicity').selectOption('Black African');
  await page.getByLabel('SEN support').check();
  await page.getByRole('group', { name: 'Is the child looked after by the local authority?' }).getByLabel('No').check();
  await page.getByRole('group', { name: 'Is the child eligible for free school meals?' }).getByLabel('Yes').check();
  await saveAndContinue(page, 'Parents, carers and household');

  await page.getByLabel('Full name').first().fill('Ngozi Okafor');
  await page.getByLabel('Relationship to the child').first().fill('Mother');
  await page.getByLabel('Telephone number').first().fill('07700 900456');
  await page.getByLabel('Phone', { exact: true }).check();
  await saveAndContinue(page, 'Needs, suspensions and risk of exclusion');

  await page.getByLabel('Social, emotional and mental health').check();
  await page.getByLabel('Tell us about these needs').fill('Struggles to stay in class after lunch since September.');
  await page.getByLabel('How many times has the child been suspended this school year?').fill('1');
  await page.getByRole('group', { name: 'Is the child at risk of permanent exclusion?' }).getByLabel('Yes').check();
  await saveAndContinue(page, 'Support already tried');

  await page.getByLabel('What has the school already tried?').fill('Nurture group, September to November 2026.');
  await saveAndContinue(page, 'The views of the parent and the child');

  await page.getByLabel('What does the parent or carer think would help?').fill('Help with routines at home.');
  await page.getByLabel('What does the child say?').fill('Lunchtimes are too noisy.');
  await saveAndContinue(page, 'Safeguarding and consent');

  await page
    .getByRole('group', { name: /significant harm/ })
    .getByLabel('No')
    .check();
  await page
    .getByRole('group', { name: /agreed to this referral/ })
    .getByLabel('Yes')
    .check();
  await page.getByLabel('Name of the person who gave consent').fill('Ngozi Okafor');
  await page.getByLabel('Their relationship to the child').fill('Mother');
  await page.getByRole('group', { name: 'Date consent was given' }).getByLabel('Day').fill('20');
  await page.getByRole('group', { name: 'Date consent was given' }).getByLabel('Month').fill('11');
  await page.getByRole('group', { name: 'Date consent was given' }).getByLabel('Year').fill('2026');
  await page.getByLabel('In person').check();
  await page.getByLabel('School-support family practitioners').check();
  await saveAndContinue(page, 'Check your answers before sending the referral');

  await expect(page.getByText('Maya')).toBeVisible();
  await page.getByRole('button', { name: 'Send referral' }).click();
  await expect(page.locator('.govuk-panel')).toContainText('Referral sent');
  const reference = (await page.locator('.govuk-panel strong').innerText()).trim();
  expect(reference).toMatch(/^IH-\d{4}-\d{5}$/);
  await expectNoAxeViolations(page);

  await page.getByRole('link', { name: 'the referral’s timeline' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Referral ${reference}`);
  await expect(page.getByText('Acknowledged', { exact: true })).toBeVisible();
  await expectNoAxeViolations(page);
  await signOut(page);

  await signIn(page, 'triage_manager');
  await page.getByRole('navigation', { name: 'Menu' }).getByRole('link', { name: 'Referrals' }).click();
  await expect(page.getByRole('link', { name: 'Maya Okafor' })).toBeVisible();
  await expectNoAxeViolations(page);
  await expectNoAxeViolations(page);

  // The triage manager works from the front door queue: eligibility and the match check are shown.
  await page.getByRole('navigation', { name: 'Menu' }).getByRole('link', { name: 'Front door' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Front door queue');
  await expectNoAxeViolations(page);
  await page.getByRole('link', { name: 'Maya Okafor' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Maya Okafor');
  await expect(
    page.getByRole('heading', { name: 'Eligibility for school-support family practitioners' }),
  ).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Already known?' })).toBeVisible();
  await expectNoAxeViolations(page);
  await page.getByRole('radio', { name: 'Level 3: Complex or intensive' }).check();
  await page.getByRole('radio', { name: 'Intensive support (ready for allocation)' }).check();
  await page
    .getByLabel('Reason the referrer will see')
    .fill('Accepted for a school-support family practitioner, who will contact the family.');
  await page.getByRole('button', { name: 'Record the decision' }).click();
  await expect(page.locator('.govuk-notification-banner--success')).toContainText('Outcome recorded');
  await expectNoAxeViolations(page);
  await signOut(page);

  await signIn(page, 'school_user');
  await page.getByRole('navigation', { name: 'Menu' }).getByRole('link', { name: 'Referrals' }).click();
  await page.getByRole('link', { name: 'Maya Okafor' }).click();
  await expect(page.getByText('Intensive support').first()).toBeVisible();
  await expect(
    page.getByText('Accepted for a school-support family practitioner, who will contact the family.'),
  ).toBeVisible();
  await expectNoAxeViolations(page);
});
