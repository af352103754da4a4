const SESSION_COOKIE = 'inclusion-hub.sid';

function sessionCookie(response: Response): string | undefined {
  return response.headers
    .getSetCookie()
    .map((header) => header.split(';')[0])
    .find((pair) => pair.startsWith(`${SESSION_COOKIE}=`));
}

export interface SignedIn {
  /** The `Cookie` header value for the signed-in session. */
  cookie: string;
  /** Size in bytes of the signed-in home page, so the baseline can serve a page of the same size. */
  homeBytes: number;
}

/** Signs in through the real form (CSRF token and all) and checks the session opens the home page. */
export async function signIn(baseUrl: string, email: string, password: string): Promise<SignedIn> {
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
      `POST /sign-in gave ${posted.status} (expected 302 with a new session cookie); check DEMO_PASSWORD and the sign-in limit`,
    );
  }

  const home = await fetch(`${baseUrl}/`, { redirect: 'manual', headers: { cookie } });
  const homeHtml = await home.text();
  if (home.status !== 200 || homeHtml.includes('name="password"')) {
    throw new Error(`GET / with the new session gave ${home.status}, not the signed-in home page`);
  }
  return { cookie, homeBytes: Buffer.byteLength(homeHtml) };
}
