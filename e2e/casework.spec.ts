import { journeyClock } from './clock.ts';
import type { Page } from '@playwright/test';
import { ASPECTS, type AspectCode } from '../src/casework/rules.ts';
import { RISK_QUESTIONS } from '../src/casework/contacts/rules.ts';
import { latestPlannedEnd, monthsAfter } from '../src/casework/closure/rules.ts';
import { plusDays } from '../src/casework/meetings/rules.ts';
import { formatIsoDate } from '../src/platform/date-input.ts';
import { E2E_PASSWORD, demoEmail, expect, expectNoAxeViolations, signOut, test, visit } from './support.ts';
import {
  aMomentAgo,
  errorSummary,
  expectBanner,
  fillDate,
  focused,
  isoOf,
  press,
  rowValue,
  signInAs,
  tabTo,
} from './journey-helpers.ts';

/** The parent's scores at the assessment: money and employment is the lowest, so the plan focuses on it. */
const ASSESSED: Record<AspectCode, number> = {
  education: 4,
  'pregnancy-early-years': 6,
  health: 6,
  family: 5,
  housing: 7,
  'basic-care': 7,
  money: 2,
  safety: 8,
  'drugs-alcohol': 9,
  offending: 9,
};
/** At the first Team Around the Family meeting every aspect is better; money and employment by 3. */
const REVIEWED = Object.fromEntries(
  ASPECTS.map(({ code }) => [code, Math.min(10, ASSESSED[code] + (code === 'money' ? 3 : 1))]),
) as Record<AspectCode, number>;

/** A child referred by another journey, which must not be allocated here. */
const OTHER_JOURNEYS_CHILD = 'Maya Okafor';

/** Opens one of the case's sections from the links under the child's name. */
async function openSection(page: Page, link: string, heading: string) {
  await page
    .getByRole('navigation', { name: 'Sections of the case' })
    .getByRole('link', { name: link, exact: true })
    .click();
  await expect(page.getByRole('heading', { level: 2, name: heading, exact: true })).toBeVisible();
  await expectNoAxeViolations(page);
}

async function recordContact(
  page: Page,
  contact: { on: string; time: string; type: string; withWhom: string; summary: string },
) {
  await page.getByRole('button', { name: 'Record a contact' }).click();
  await expect(page.getByRole('heading', { level: 2, name: 'Record a contact' })).toBeVisible();
  await expectNoAxeViolations(page);
  await fillDate(page, 'Date of the contact', contact.on);
  await page.getByLabel('Time of the contact').fill(contact.time);
  await page.getByLabel(contact.type, { exact: true }).check();
  await page.getByLabel('Who the contact was with').fill(contact.withWhom);
  await page.getByLabel('Summary', { exact: true }).fill(contact.summary);
  await page.getByRole('button', { name: 'Save contact' }).click();
}

/** Scores every aspect with the select in its fieldset (the first one shown of that name). */
async function scoreAspects(page: Page, scores: Record<AspectCode, number>) {
  for (const { code, label } of ASPECTS) {
    await page
      .getByRole('group', { name: label, exact: true })
      .first()
      .getByLabel('How well are things going?')
      .selectOption(String(scores[code]));
  }
}

test('a practitioner works a case from allocation to the post-closure review, with the team manager approving the extension and signing off closure', async ({
  page,
}) => {
  test.setTimeout(600_000);
  const today = journeyClock.today();
  const parent = 'Chris Adeyemi';

  // The team manager allocates the last referral waiting (the allocation journey takes the first).
  await signInAs(page, 'team_manager');
  await visit(page, '/allocation/queue');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Allocation queue');
  const waiting = page
    .getByRole('table')
    .getByRole('row')
    .filter({ has: page.getByRole('cell') })
    .filter({ hasNotText: OTHER_JOURNEYS_CHILD });
  await waiting.last().getByRole('link').click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(/^Allocate /);
  await expectNoAxeViolations(page);
  const child = (await page.getByRole('heading', { level: 1 }).innerText()).replace(/^Allocate /, '').trim();
  await page.getByLabel('Jamal Reid').check();
  await page.getByLabel('Family practitioner', { exact: true }).check();
  await page.getByLabel(/Reason, if the school has used its quota/).fill('Agreed at the allocation meeting.');
  await page.getByRole('button', { name: 'Allocate' }).click();
  await expectBanner(page, 'allocated to Jamal Reid');
  await signOut(page);

  // The practitioner finds the child on their caseload.
  await signInAs(page, 'practitioner');
  await page.getByRole('navigation', { name: 'Menu' }).getByRole('link', { name: 'Cases' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('My caseload');
  await expectNoAxeViolations(page);
  await page.getByRole('link', { name: child, exact: true }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(child);
  await expectNoAxeViolations(page);
  const caseId = Number(/\/cases\/(\d+)$/.exec(page.url())?.[1]);
  expect(caseId).toBeGreaterThan(0);

  // Contacts: a phone call, then a home visit refused without a risk check.
  await openSection(page, 'Contacts', 'Contacts');
  await expect(page.locator('.govuk-tag', { hasText: 'Due by' })).toBeVisible();
  const time = aMomentAgo(today);
  await recordContact(page, {
    on: today,
    time,
    type: 'Phone call',
    withWhom: parent,
    summary: 'Introduced the service and arranged a home visit.',
  });
  await expectBanner(page, 'Phone call recorded');
  const contactsTable = page.getByRole('table', { name: /Contacts with the family/ });
  await expect(contactsTable.getByRole('row')).toHaveCount(2);

  await recordContact(page, {
    on: today,
    time,
    type: 'Home visit',
    withWhom: `${parent} and ${child}`,
    summary: 'Initial home visit.',
  });
  await expect(errorSummary(page)).toContainText('Complete a lone-working risk check before recording a home visit');
  await expect(page.getByLabel('Who the contact was with')).toHaveValue(`${parent} and ${child}`);
  await expectNoAxeViolations(page);
  await openSection(page, 'Contacts', 'Contacts');
  await expect(contactsTable.getByRole('row')).toHaveCount(2);
  await expect(page.locator('.govuk-tag', { hasText: 'Due by' })).toBeVisible();

  // The risk check, then the home visit meets the contact clock.
  await page.getByRole('button', { name: 'Complete a lone-working risk check' }).click();
  await expect(page.getByRole('heading', { level: 2, name: 'Lone-working risk check' })).toBeVisible();
  await expectNoAxeViolations(page);
  for (const question of RISK_QUESTIONS) {
    await page
      .getByRole('group', { name: question.text })
      .getByLabel(question.name === 'colleagueKnows' ? 'Yes' : 'No', { exact: true })
      .check();
  }
  await page.getByLabel('Visit alone').check();
  await page.getByRole('button', { name: 'Save risk check' }).click();
  await expectBanner(page, 'Lone-working risk check recorded: visit alone');
  await expect(page.getByText('Home visits may go ahead: visit alone')).toBeVisible();

  await recordContact(page, {
    on: today,
    time,
    type: 'Home visit',
    withWhom: `${parent} and ${child}`,
    summary: 'Initial home visit; talked through the family plan.',
  });
  await expectBanner(page, 'Initial home visit recorded');
  await expect(page.getByText(`Met on time, ${formatIsoDate(today)}`)).toBeVisible();
  await expect(contactsTable.getByRole('row')).toHaveCount(3);

  // The assessment: consent, the family, the parent's scores, then complete.
  await openSection(page, 'Assessment', 'Assessment');
  await page.getByRole('link', { name: 'Record, update or withdraw consent' }).click();
  await expect(page.getByRole('heading', { level: 2, name: 'Consent' })).toBeVisible();
  await expectNoAxeViolations(page);
  await page.getByLabel('Sharing with those supporting the plan').check();
  await page.getByLabel('They agree', { exact: true }).check();
  await page.getByLabel('Name of the person giving consent').fill(parent);
  await page.getByLabel('Parent or carer', { exact: true }).check();
  await fillDate(page, 'Date consent was given', today);
  await page.getByRole('button', { name: 'Record consent' }).click();
  await expectBanner(page, 'Consent recorded: sharing with those supporting the plan');
  await expect(rowValue(page, 'Sharing with those supporting the plan')).toHaveText(
    `Agreed by ${parent} on ${formatIsoDate(today)}`,
  );

  await page.getByRole('link', { name: 'Add or remove family members' }).click();
  await expect(page.getByRole('heading', { level: 2, name: 'Who’s in our family' })).toBeVisible();
  await expectNoAxeViolations(page);
  await page.getByLabel('Name', { exact: true }).fill(parent);
  await page.getByRole('group', { name: 'Is this an unborn baby?' }).getByLabel('No').check();
  await fillDate(page, 'Date of birth', '1988-04-12');
  await page.getByLabel('Relationship to the child').fill('Mother');
  await page.getByRole('group', { name: 'Do they live at the family’s home?' }).getByLabel('Yes').check();
  await page.getByRole('button', { name: 'Add family member' }).click();
  await expectBanner(page, `${parent} added to the family`);
  await expect(page.getByRole('row', { name: new RegExp(`${parent} Mother`) })).toBeVisible();

  await page.getByRole('link', { name: 'Back to the assessment' }).click();
  await page.getByRole('link', { name: 'Enter or change the parent or carer’s scores' }).click();
  await expect(page.getByRole('heading', { level: 2, name: 'Parent or carer’s scores' })).toBeVisible();
  await expectNoAxeViolations(page);
  await scoreAspects(page, ASSESSED);
  await page.getByLabel('Agree', { exact: true }).check();
  await page.getByRole('button', { name: 'Save parent or carer’s scores' }).click();
  await expectBanner(page, 'Parent or carer’s scores saved');
  await expect(page.getByText('Money and employment: 2 out of 10').first()).toBeVisible();

  await page.getByRole('button', { name: 'Mark the assessment as complete' }).click();
  await expectBanner(page, 'Assessment completed');
  await expect(page.getByText(`The assessment was completed on ${formatIsoDate(today)}`)).toBeVisible();

  // The plan: an action for the lowest-scoring aspect.
  await openSection(page, 'Plan', 'Plan');
  await expect(page.getByRole('heading', { level: 3, name: /Money and employment/ })).toContainText('Focus');
  await page.getByRole('link', { name: 'Add an action for money and employment' }).click();
  await expect(page.getByRole('heading', { level: 2, name: 'Add an action to the plan' })).toBeVisible();
  await expect(page.getByLabel('Aspect of family life')).toHaveValue('money');
  await expectNoAxeViolations(page);
  await page
    .getByLabel('What action has been agreed?')
    .fill('Book an appointment with the Citizens Advice money adviser.');
  await page.getByLabel('Who is it for?').fill(parent);
  await page.getByLabel('Who will do this?').fill(parent);
  await fillDate(page, 'By when?', plusDays(today, 21));
  await page.getByLabel('What difference should it make?').fill('A plan to pay off the rent arrears.');
  await page.getByLabel('3 – Taking first steps to change').check();
  await page.getByRole('button', { name: 'Save action' }).click();
  await expectBanner(page, 'Action added for money and employment');
  await expect(rowValue(page, 'Open actions')).toHaveText('1');

  // The first Team Around the Family meeting: every aspect re-scored higher.
  await openSection(page, 'Meetings', 'Team Around the Family meetings');
  await page.getByRole('button', { name: 'Record a meeting' }).click();
  await expect(page.getByRole('heading', { level: 2, name: 'Record a Team Around the Family meeting' })).toBeVisible();
  await expectNoAxeViolations(page);
  await fillDate(page, 'Date the meeting was held', today);
  for (const [i, [name, role]] of [
    [parent, 'Mother'],
    ['Jamal Reid', 'Family practitioner'],
  ].entries()) {
    const person = page.getByRole('group', { name: `Person ${i + 1}`, exact: true });
    await person.getByLabel('Name').fill(name);
    await person.getByLabel('Role').fill(role);
    await person.getByRole('group', { name: 'Attended' }).getByLabel('Yes').check();
  }
  await scoreAspects(page, REVIEWED);
  await page
    .getByLabel('Progress summary: the parent or carer’s view')
    .fill('Mornings are calmer and the money worries are easing.');
  await page.getByLabel('The Team Around the Family’s view').fill('Good engagement from the family and the school.');
  await page.getByLabel('Progress', { exact: true }).fill('Appointment booked for next week.');
  await page.getByLabel('Behaviour points').fill('30');
  await page.getByLabel('Attendance').fill('93.5');
  await page.getByLabel('Jamal Reid stays the lead professional').check();
  await page.getByLabel('Continue with this support').check();
  // Seven weeks is too long to wait for the next meeting.
  await fillDate(page, 'Date', plusDays(today, 49));
  await page.getByLabel('Time', { exact: true }).fill('15:30');
  await page.getByLabel('Venue', { exact: true }).fill('Broadford Primary School');
  await page.getByRole('button', { name: 'Save meeting' }).click();
  await expect(errorSummary(page)).toContainText(
    `The next meeting must be no more than 6 weeks after this one, so on or before ${formatIsoDate(plusDays(today, 42))}`,
  );
  await expectNoAxeViolations(page);
  const nextMeeting = plusDays(today, 28);
  await fillDate(page, 'Date', nextMeeting);
  await page.getByRole('button', { name: 'Save meeting' }).click();
  await expectBanner(page, 'Meeting recorded.');
  await expect(rowValue(page, 'Date').first()).toContainText(formatIsoDate(nextMeeting));
  const distance = page.getByRole('table', { name: 'Scores by aspect' });
  await expect(distance.getByRole('row', { name: /^Money and employment/ }).getByRole('cell')).toHaveText([
    '2',
    '5',
    '+3',
  ]);
  await expect(page.getByText('Better in 10 aspects, the same in 0 and worse in 0.')).toBeVisible();

  // An extension: the practitioner asks for a month more.
  await openSection(page, 'Extension and closure', 'Planned end');
  const plannedEnd = isoOf(await rowValue(page, 'Planned end').innerText());
  const newEnd = monthsAfter(plannedEnd, 1);
  expect(newEnd <= latestPlannedEnd(today, 12), 'the new planned end is within 12 months of allocation').toBe(true);
  await page.getByRole('button', { name: 'Request an extension' }).click();
  await expect(page.getByRole('heading', { level: 2, name: 'Request an extension' })).toBeVisible();
  await expectNoAxeViolations(page);
  await page
    .getByLabel('Why does the case need longer?')
    .fill('The family moved house; the plan needs a month more to settle the new routines.');
  await fillDate(page, 'New planned end', newEnd);
  await page.getByRole('button', { name: 'Request extension' }).click();
  await expectBanner(page, 'Extension requested: the team manager will decide');
  await expect(page.getByText('Waiting for a decision')).toBeVisible();
  await signOut(page);

  // The team manager approves it: the planned end moves.
  await signInAs(page, 'team_manager');
  await visit(page, `/cases/${caseId}/closure`);
  await page.getByRole('link', { name: `Decide on the request for ${formatIsoDate(newEnd)}` }).click();
  await expect(page.getByRole('heading', { level: 2, name: 'Decide on an extension' })).toBeVisible();
  await expectNoAxeViolations(page);
  await page.getByLabel(`Approve: the planned end becomes ${formatIsoDate(newEnd)}`).check();
  await page.getByRole('button', { name: 'Save decision' }).click();
  await expectBanner(page, `Extension approved. The planned end is now ${formatIsoDate(newEnd)}`);
  await expect(rowValue(page, 'Planned end')).toHaveText(formatIsoDate(newEnd));
  await expect(page.getByText('Approved', { exact: true })).toBeVisible();
  await signOut(page);

  // The practitioner proposes closure: first without the open action decided or a reason.
  await signInAs(page, 'practitioner');
  await visit(page, `/cases/${caseId}/closure`);
  await page.getByRole('button', { name: 'Propose closure' }).click();
  await expect(page.getByRole('heading', { level: 2, name: 'Propose closure' })).toBeVisible();
  await expectNoAxeViolations(page);
  await page.getByRole('button', { name: 'Propose closure' }).click();
  await expect(errorSummary(page)).toContainText(
    'The plan has 1 open action. Mark it as done or dropped, or update the plan first',
  );
  await expect(errorSummary(page)).toContainText('Select why the case is closing');
  await expectNoAxeViolations(page);
  await page.getByLabel('Mark the 1 open action as done or dropped').check();
  await page.getByRole('group', { name: 'Mark them as' }).getByLabel('Done').check();
  await page.getByLabel('Needs met').check();
  const plan = {
    'What we learnt': 'Keeping to the morning routine makes the day go better.',
    'What was most useful': 'The money adviser and the weekly call with school.',
    'What actions we need to continue to keep things going well': 'The morning routine and the budget plan.',
    'Situations we may find difficult in the future': 'Changes of teacher and the summer holidays.',
    'What we can do if things are starting to become challenging': 'Call the school early and use the calm-down plan.',
  };
  for (const [label, text] of Object.entries(plan)) await page.getByLabel(label, { exact: true }).fill(text);
  await page.getByLabel('Behaviour points (optional)').fill('12');
  await page.getByLabel('Attendance (optional)').fill('96');
  await page.getByLabel('Suspensions (optional)').fill('0');
  await page.getByRole('group', { name: 'Did the child keep their school place?' }).getByLabel('Yes').check();
  await page.getByRole('button', { name: 'Propose closure' }).click();
  await expectBanner(page, 'Closure proposed: the team manager will sign it off');
  await expect(page.locator('.govuk-tag', { hasText: 'Closure proposed' })).toBeVisible();
  await openSection(page, 'Plan', 'Plan');
  await expect(rowValue(page, 'Open actions')).toHaveText('0');
  await expect(page.locator('.govuk-summary-card .govuk-tag', { hasText: 'Done' })).toBeVisible();
  await signOut(page);

  // The team manager signs off: the case closes and its review is set.
  const reviewDue = formatIsoDate(monthsAfter(today, 3));
  await signInAs(page, 'team_manager');
  await visit(page, `/cases/${caseId}/closure`);
  await page.getByRole('button', { name: 'Sign off or refuse closure' }).click();
  await expect(page.getByRole('heading', { level: 2, name: 'Sign off closure' })).toBeVisible();
  await expectNoAxeViolations(page);
  await page.getByLabel('Sign off: close the case').check();
  await page.getByRole('button', { name: 'Save decision' }).click();
  await expectBanner(page, `Case closed. The post-closure review is due by ${reviewDue}`);
  await expect(page.getByText('Closed', { exact: true })).toBeVisible();
  await expect(page.getByText(`Due by ${reviewDue}.`)).toBeVisible();
  await signOut(page);

  // The practitioner records the review (early, so it says so) and sees the measures over time.
  await signInAs(page, 'practitioner');
  await visit(page, '/cases');
  await page.getByRole('link', { name: child, exact: true }).click();
  await expect(page.getByText('Closed', { exact: true })).toBeVisible();
  await expectNoAxeViolations(page);
  await openSection(page, 'Extension and closure', 'Planned end');
  await page.getByRole('button', { name: 'Record the post-closure review' }).click();
  await expect(page.getByRole('heading', { level: 2, name: 'Post-closure review' })).toBeVisible();
  await expect(page.getByText(`This review is not due until ${reviewDue}`)).toBeVisible();
  await expectNoAxeViolations(page);
  await page.getByRole('group', { name: 'Is the child still in their school place?' }).getByLabel('Yes').check();
  await page.getByLabel('Suspensions since the case closed').fill('0');
  await page.getByRole('group', { name: 'Has the child been referred again?' }).getByLabel('No').check();
  await page.getByLabel('Notes (optional)').fill('Settled; no new concerns from school.');
  await page.getByRole('button', { name: 'Save review' }).click();
  await expectBanner(page, 'Post-closure review recorded');
  await expect(rowValue(page, 'Reviewed')).toHaveText(`${formatIsoDate(today)} by Jamal Reid (before it was due)`);
  await expect(rowValue(page, 'Still in their school place')).toHaveText('Yes');

  await openSection(page, 'Measures', 'Progress measures');
  const measures = page.getByRole('table', { name: 'Measures over time' });
  await expect(measures.getByRole('rowheader')).toHaveText([
    `Review, ${formatIsoDate(today)}`,
    'At closure',
    'After closure',
  ]);
  await openSection(page, 'Documents', 'Documents');
});

test('a practitioner records a phone call on one of their cases with the keyboard alone', async ({ page }) => {
  test.setTimeout(120_000);
  const today = journeyClock.today();
  await page.goto('/sign-in');
  await expectNoAxeViolations(page);
  await tabTo(page, (element) => element.id === 'email');
  await page.keyboard.type(demoEmail('practitioner'));
  await press(page, 'Tab');
  await expect(page.getByLabel('Password', { exact: true })).toBeFocused();
  await page.keyboard.type(E2E_PASSWORD);
  await page.keyboard.press('Enter');
  await expect(page.getByRole('button', { name: 'Sign out' })).toBeVisible();
  await expectNoAxeViolations(page);

  await tabTo(page, (element) => element.tag === 'a' && element.href === '/cases');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('My caseload');
  await expectNoAxeViolations(page);

  // An open demo case, allocated before today (so not one another journey is working on).
  const target = await page.evaluate((allocatedToday) => {
    for (const row of document.querySelectorAll('tbody tr')) {
      const cells = row.querySelectorAll('td');
      const link = cells[0]?.querySelector('a');
      if (link && !cells[0].querySelector('.govuk-tag') && !cells[2]?.textContent?.includes(allocatedToday))
        return { href: link.getAttribute('href')!, name: link.textContent!.trim() };
    }
    return undefined;
  }, formatIsoDate(today));
  expect(target, 'an open demo case on the practitioner’s caseload').toBeDefined();
  await tabTo(page, (element) => element.tag === 'a' && element.href === target!.href, 120);
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(target!.name);
  await expectNoAxeViolations(page);

  await tabTo(page, (element) => element.tag === 'a' && element.href === `${target!.href}/contacts`);
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 2, name: 'Contacts' })).toBeVisible();
  await expectNoAxeViolations(page);
  // A GOV.UK link styled as a button opens with Space as well as Enter.
  await tabTo(page, (element) => element.href === `${target!.href}/contacts/new`);
  await page.keyboard.press('Space');
  await expect(page.getByRole('heading', { level: 2, name: 'Record a contact' })).toBeVisible();
  await expectNoAxeViolations(page);

  const [year, month, day] = today.split('-');
  await tabTo(page, (element) => element.id === 'contactOn-day');
  await page.keyboard.type(String(Number(day)));
  await press(page, 'Tab');
  await page.keyboard.type(String(Number(month)));
  await press(page, 'Tab');
  await page.keyboard.type(year);
  expect((await press(page, 'Tab')).id).toBe('time');
  await page.keyboard.type(aMomentAgo(today));
  // Tab reaches the first of the radios when none is chosen; Space chooses it.
  const phone = await press(page, 'Tab');
  expect(phone).toMatchObject({ type: 'radio', text: 'Phone call' });
  await page.keyboard.press('Space');
  await expect(page.getByLabel('Phone call')).toBeChecked();
  expect((await press(page, 'Tab')).id).toBe('withWhom');
  await page.keyboard.type('Parent');
  expect((await press(page, 'Tab')).id).toBe('summary');
  const summary = `Checked how the new morning routine is going (${journeyClock.now().getTime()}).`;
  await page.keyboard.type(summary);
  // Back to check the type is still chosen, then forward to the button.
  expect((await press(page, 'Shift+Tab')).id).toBe('withWhom');
  expect(await focused(page)).toMatchObject({ visible: true });
  await tabTo(page, (element) => element.tag === 'button' && element.text === 'Save contact');
  await page.keyboard.press('Enter');

  await expect(page.locator('.govuk-notification-banner')).toContainText('Phone call recorded');
  await expect(
    page
      .getByRole('table', { name: /Contacts with the family/ })
      .getByRole('row', { name: new RegExp(summary.replace(/[()]/g, '\\$&')) }),
  ).toContainText('Phone call');
  await expectNoAxeViolations(page);
});
