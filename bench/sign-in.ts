// Signing in through the real form (CSRF token and session cookie, as a browser would) and
// fetching a signed-in page, checking it is the page and not the sign-in form or an error.
const SESSION_COOKIE = 'inclusion-hub.sid';

function sessionCookie(response: Response): string | undefined {
  return response.headers
    .getSetCookie()
    .map((header) => header.split(';')[0])
    .find((pair) => pair.startsWith(`${SESSION_COOKIE}=`));
}

/** Signs in and gives the `Cookie` header value for the new session. */
export async function signIn(baseUrl: string, email: string, password: string): Promise<string> {
  const form = await fetch(`${baseUrl}/sign-in`, { redirect: 'manual' });
  const formHtml = await form.text();
  const csrf = /name="_csrf" value="([^"]+)"/.exec(formHtml)?.[1];
  const preCookie = sessionCookie(form);
  if (form.status !== 200 || !csrf || !preCookie) {
    throw new Error(
      `GET /sign-in gave ${form.status}, CSRF token ${csrf ? 'found' : 'missing'}, cookie ${preCookie ? 'set' : 'missing'}`,
    );
  }

  const posted = await fetch(`${baseUrl}/sign-in`, {
    method: 'POST',
    redirect: 'manual',
    headers: { cookie: preCookie, 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ email, password, _csrf: csrf }).toString(),
  });
  await posted.arrayBuffer();
  const cookie = sessionCookie(posted);
  if (posted.status !== 302 || !cookie) {
    throw new Error(
      `POST /sign-in as ${email} gave ${posted.status} (expected 302 with a new session cookie); check DEMO_PASSWORD and the sign-in limit`,
    );
  }
  return cookie;
}

/** The signed-in page at `path`: its HTML, once it has answered 200 with the page itself. */
export async function fetchPage(baseUrl: string, path: string, cookie: string): Promise<string> {
  const response = await fetch(baseUrl + path, { redirect: 'manual', headers: { cookie } });
  const html = await response.text();
  if (response.status !== 200 || html.includes('name="password"')) {
    throw new Error(`GET ${path} with a signed-in session gave ${response.status}, not the page`);
  }
  return html;
}
