// A multipart/form-data body built byte by byte, so that whatever a test puts in it (a NUL in a
// file name, a broken content type) is sent exactly as given.

/** A file to upload: its name, its declared type and its bytes. */
export interface FuzzFile {
  name: string;
  contentType: string;
  content: Buffer;
  /** Send the name percent-encoded (RFC 5987's filename*), so that any character arrives as given. */
  encodeName?: boolean;
}

/** A multipart/form-data body with fields and one file, written out byte by byte. */
export function multipart(
  fields: readonly [string, string][],
  file: FuzzFile | undefined,
  fileField = 'file',
): { body: Buffer; contentType: string } {
  const boundary = '----fuzz7MA4YWxkTrZu0gW';
  const parts: Buffer[] = [];
  for (const [name, value] of fields)
    parts.push(
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`, 'utf8'),
    );
  if (file) {
    const name = file.encodeName
      ? `filename*=utf-8''${encodeURIComponent(file.name)}`
      : `filename="${file.name.replaceAll('"', '%22')}"`;
    parts.push(
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="${fileField}"; ${name}\r\nContent-Type: ${file.contentType}\r\n\r\n`,
        'utf8',
      ),
    );
    parts.push(file.content, Buffer.from('\r\n'));
  }
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return { body: Buffer.concat(parts), contentType: `multipart/form-data; boundary=${boundary}` };
}
