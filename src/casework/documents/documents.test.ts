import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appSignedInAs, csrfToken, type Agent, type TestApp } from '../../../test/support/app.ts';
import { MAX_DOCUMENT_BYTES } from './rules.ts';
import { practitionerCases, withoutDemoCasework } from '../../../test/support/casework.ts';

let t: TestApp;
let practitioner: Agent;
let school: Agent;
let own: number[];
let others: number;

const db = () => t.connection.db;
const pdf = Buffer.from('%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n');
const exe = Buffer.from('MZ\x90\x00\x03\x00\x00\x00This program cannot be run in DOS mode');

const documentsOf = (caseId: number) =>
  db().selectFrom('case_documents').selectAll().where('case_id', '=', caseId).orderBy('id').execute();
const auditsOf = (caseId: number, action: string) =>
  db()
    .selectFrom('audit_events')
    .selectAll()
    .where('record_type', '=', 'case')
    .where('record_id', '=', String(caseId))
    .where('action', '=', action)
    .execute();

async function upload(agent: Agent, caseId: number, content: Buffer | undefined, name: string, description = '') {
  const token = await csrfToken(agent);
  const request = agent
    .post(`/cases/${caseId}/documents?_csrf=${encodeURIComponent(token)}`)
    .field('description', description);
  return content ? request.attach('file', content, name) : request;
}

beforeAll(async () => {
  ({ t, agent: practitioner } = await appSignedInAs('practitioner'));
  await withoutDemoCasework(t.connection.db);
  school = await t.signIn('school_user');
  ({ own, others } = await practitionerCases(db()));
});
afterAll(() => t.close());

describe('a case’s documents', () => {
  it('shows an empty list with the upload form', async () => {
    const page = await practitioner.get(`/cases/${own[0]}/documents`);
    expect(page.status).toBe(200);
    expect(page.text).toContain('No documents have been added to this case');
    expect(page.text).toContain('enctype="multipart/form-data"');
    expect(page.text).toMatch(/action="\/cases\/\d+\/documents\?_csrf=/);
  });

  it('keeps an uploaded PDF with its description, and lists it', async () => {
    const response = await upload(practitioner, own[0], pdf, '../Signed consent "form".pdf', 'Signed consent form');
    expect(response.status).toBe(302);
    const [document] = await documentsOf(own[0]);
    expect(document).toMatchObject({
      filename: 'Signed consent _form_.pdf',
      content_type: 'application/pdf',
      size_bytes: pdf.length,
      description: 'Signed consent form',
    });
    expect(Buffer.from(document.content).equals(pdf)).toBe(true);
    const events = await db()
      .selectFrom('case_events')
      .selectAll()
      .where('case_id', '=', own[0])
      .where('kind', '=', 'document-uploaded')
      .execute();
    expect(events).toHaveLength(1);
    expect(await auditsOf(own[0], 'upload document')).toHaveLength(1);
    const page = await practitioner.get(`/cases/${own[0]}/documents`);
    expect(page.text).toContain('Signed consent _form_.pdf');
    expect(page.text).toContain('Signed consent form');
    expect(page.text).toContain('PDF');
  });

  it('refuses a program renamed to end in .pdf, storing nothing', async () => {
    const response = await upload(practitioner, own[1], exe, 'report.pdf', 'Report');
    expect(response.status).toBe(400);
    expect(response.text).toContain('The selected file is not a real PDF');
    expect(response.text).toContain('href="#file"');
    expect(response.text).toContain('Report');
    expect(await documentsOf(own[1])).toEqual([]);
  });

  it('refuses a file over 10 MB and a form without a file, storing nothing', async () => {
    const big = await upload(practitioner, own[1], Buffer.concat([pdf, Buffer.alloc(MAX_DOCUMENT_BYTES)]), 'big.pdf');
    expect(big.status).toBe(400);
    expect(big.text).toContain('The selected file must be smaller than 10 MB');
    const none = await upload(practitioner, own[1], undefined, '');
    expect(none.status).toBe(400);
    expect(none.text).toContain('Select a file to upload');
    expect(await documentsOf(own[1])).toEqual([]);
  });

  it('downloads a document as an attachment with a safe name, audited', async () => {
    const [document] = await documentsOf(own[0]);
    const response = await practitioner
      .get(`/cases/${own[0]}/documents/${document.id}`)
      .buffer(true)
      .parse((res, done) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => done(null, Buffer.concat(chunks)));
      });
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toBe('application/pdf');
    expect(response.headers['content-disposition']).toBe('attachment; filename="Signed consent _form_.pdf"');
    expect((response.body as Buffer).equals(pdf)).toBe(true);
    const audits = await auditsOf(own[0], 'download document');
    expect(audits.map((entry) => entry.details)).toEqual([{ documentId: document.id }]);
    expect((await practitioner.get(`/cases/${own[1]}/documents/${document.id}`)).status).toBe(404);
  });

  it('keeps a closed case’s documents readable but refuses new ones', async () => {
    await db().updateTable('cases').set({ status: 'closed' }).where('id', '=', own[0]).execute();
    const page = await practitioner.get(`/cases/${own[0]}/documents`);
    expect(page.text).toContain('This case is closed, so no more documents can be added');
    expect(page.text).not.toContain('enctype="multipart/form-data"');
    expect((await upload(practitioner, own[0], pdf, 'more.pdf')).status).toBe(409);
    expect(await documentsOf(own[0])).toHaveLength(1);
    await db().updateTable('cases').set({ status: 'open' }).where('id', '=', own[0]).execute();
  });

  it('hides another practitioner’s case (404) and refuses school users (403)', async () => {
    expect((await practitioner.get(`/cases/${others}/documents`)).status).toBe(404);
    expect((await upload(practitioner, others, pdf, 'x.pdf')).status).toBe(404);
    expect(await documentsOf(others)).toEqual([]);
    expect((await school.get(`/cases/${own[0]}/documents`)).status).toBe(403);
  });
});
