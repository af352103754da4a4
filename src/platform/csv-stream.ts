// Splitting one CSV record (RFC 4180) into its fields: quoted fields may hold commas, doubled
// quotes and line breaks. Large files are cut into records by byte-lines.ts first.

/** Splits one complete record's text into fields. */
export function splitRecord(text: string): string[] {
  if (!text.includes('"')) return text.split(',');
  const fields: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const char = text[i];
    if (quoted) {
      if (char === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i++;
        } else quoted = false;
      } else field += char;
    } else if (char === '"') quoted = true;
    else if (char === ',') {
      fields.push(field);
      field = '';
    } else field += char;
  }
  fields.push(field);
  return fields;
}
