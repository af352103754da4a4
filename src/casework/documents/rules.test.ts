import { describe, expect, it } from 'vitest';
import { MAX_DOCUMENT_BYTES, checkDocument, formatSize, safeFilename } from './rules.ts';

const pdf = Buffer.from('%PDF-1.7\n%âãÏÓ\n1 0 obj\n');
const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]);
const jpeg = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 16]);
const docx = Buffer.concat([
  Buffer.from([0x50, 0x4b, 0x03, 0x04]),
  Buffer.from('....[Content_Types].xml....word/document.xml'),
]);
const exe = Buffer.from('MZ\x90\x00\x03\x00\x00\x00This program cannot be run in DOS mode');

describe('which files a case may hold (PDF, DOCX, PNG, JPEG, judged by their first bytes)', () => {
  it('accepts each allowed type when its contents match its name', () => {
    expect(checkDocument('Consent form.pdf', pdf)).toMatchObject({
      ok: true,
      filename: 'Consent form.pdf',
      type: { contentType: 'application/pdf' },
    });
    expect(checkDocument('photo.PNG', png)).toMatchObject({ ok: true, filename: 'photo.png', type: { type: 'png' } });
    expect(checkDocument('scan.jpeg', jpeg)).toMatchObject({ ok: true, type: { type: 'jpeg' } });
    expect(checkDocument('scan.jpg', jpeg)).toMatchObject({ ok: true, type: { type: 'jpeg' } });
    expect(checkDocument('plan.docx', docx)).toMatchObject({ ok: true, type: { type: 'docx' } });
  });

  it('refuses a program renamed to end in .pdf', () => {
    expect(checkDocument('report.pdf', exe)).toEqual({
      ok: false,
      message:
        'The selected file is not a real PDF: its contents do not match its name. Upload a PDF, Word document (DOCX), PNG or JPEG',
    });
  });

  it('refuses other types by name, even with an allowed file’s contents', () => {
    expect(checkDocument('setup.exe', exe)).toEqual({
      ok: false,
      message: 'The selected file must be a PDF, Word document (DOCX), PNG or JPEG',
    });
    expect(checkDocument('report', pdf)).toMatchObject({ ok: false });
    expect(checkDocument('sheet.zip', docx)).toMatchObject({ ok: false });
  });

  it('refuses a ZIP that is not a Word document, an empty file and one over 10 MB', () => {
    expect(checkDocument('plan.docx', Buffer.from([0x50, 0x4b, 0x03, 0x04, 1, 2, 3]))).toMatchObject({ ok: false });
    expect(checkDocument('empty.pdf', Buffer.alloc(0))).toEqual({ ok: false, message: 'The selected file is empty' });
    expect(checkDocument('big.pdf', Buffer.concat([pdf, Buffer.alloc(MAX_DOCUMENT_BYTES)]))).toEqual({
      ok: false,
      message: 'The selected file must be smaller than 10 MB',
    });
  });
});

describe('safe file names', () => {
  it('drops folders and characters that could break a header or a path', () => {
    expect(safeFilename('C:\\Users\\sam\\Plan "final".pdf')).toBe('Plan _final_.pdf');
    expect(safeFilename('../../etc/passwd.pdf')).toBe('passwd.pdf');
    expect(safeFilename('report\r\nSet-Cookie: x.pdf')).toBe('report__Set-Cookie_ x.pdf');
    expect(safeFilename('.pdf')).toBe('pdf');
    expect(safeFilename('///')).toBe('document');
  });

  it('keeps accented letters and the extension, and shortens long names', () => {
    expect(safeFilename('Zoë’s report.PDF')).toBe('Zoë_s report.pdf');
    const long = safeFilename(`${'a'.repeat(300)}.pdf`);
    expect(long).toHaveLength(100);
    expect(long.endsWith('.pdf')).toBe(true);
  });

  it('shows sizes in bytes, KB and MB', () => {
    expect(formatSize(820)).toBe('820 bytes');
    expect(formatSize(14 * 1024)).toBe('14 KB');
    expect(formatSize(2.5 * 1024 * 1024)).toBe('2.5 MB');
    expect(formatSize(3 * 1024 * 1024)).toBe('3 MB');
  });
});
