/**
 * Where to send someone after they sign in: only a page of this service. The address is parsed
 * as a browser would parse it (the WHATWG URL rules, against a stand-in origin) and kept only if
 * its origin is still the stand-in, so '//host', '/\host', 'https://host' and 'javascript:' all
 * fall back to the home page. Backslashes and control characters, written out or percent-encoded,
 * are refused outright: browsers and proxies treat them in different ways.
 */
const SERVICE_ORIGIN = 'http://service.invalid';
const MAX_LENGTH = 2000;

/** Whether text holds a backslash or a control character (C0 or DEL). */
const unsafe = (text: string) =>
  [...text].some((char) => char === '\\' || char.charCodeAt(0) < 0x20 || char.charCodeAt(0) === 0x7f);

function decoded(value: string): string | undefined {
  try {
    return decodeURIComponent(value);
  } catch {
    return undefined;
  }
}

/** The path (with its query and fragment) to return to, or '/' when the value is not one of this service's pages. */
export function safeReturnTo(value: unknown): string {
  if (typeof value !== 'string' || !value.startsWith('/') || value.length > MAX_LENGTH) return '/';
  const plain = decoded(value);
  if (plain === undefined || unsafe(value) || unsafe(plain) || plain.startsWith('//')) return '/';
  let url: URL;
  try {
    url = new URL(value, SERVICE_ORIGIN);
  } catch {
    return '/';
  }
  if (url.origin !== SERVICE_ORIGIN) return '/';
  return `${url.pathname}${url.search}${url.hash}`;
}
