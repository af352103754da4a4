// Seeded fuzzing of every form, search and import. Each route of the route table is sent random
// input built with fast-check — as the role that may use it, with a CSRF token, at an address
// with ids from the demo data (and with ids that name nothing) — and no answer may be a 500 or
// show a stack trace; no marks import may end as "failed". The seed is fixed, so every run sends
// the same inputs; a failure prints it (replay with FUZZ_SEED=…, and FUZZ_ROUTE=/the/:route to
// send only that route's inputs).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import request from 'supertest';
import { createTestApp, csrfFrom, csrfToken, type Agent, type TestApp } from './support/app.ts';
import { crawl, type Crawled } from './support/forms.ts';
import {
  BAD_PARAMETERS,
  flatten,
  formBody,
  json,
  samples,
  urlencoded,
  FUZZ_SEED,
  type FormValue,
} from './support/fuzz-inputs.ts';
import { malformedFile, nastyWorkbook } from './support/fuzz-files.ts';
import { multipart, type FuzzFile } from './support/multipart.ts';
import { describeInput, FuzzScore } from './support/fuzz-run.ts';
import { fuzzOrder, targetFor, withParameter, type Target } from './support/fuzz-targets.ts';
import { ROLES, type Role } from '../src/platform/roles.ts';
import type { RouteDeclaration } from '../src/platform/permissions.ts';

/** Inputs per route: enough for a few thousand a run, few enough to finish in about a minute. */
const FORM_INPUTS = 18;
const JSON_INPUTS = 3;
const FILES = 28;
const SEARCHES = 6;

/** Routes fuzzed at once: the service answers one while the database works on another's query. */
const AT_ONCE = 4;

/** Whether to fuzz a route: all of them, or only FUZZ_ROUTE's when replaying a failure. */
const chosen = (pattern: string) => !process.env.FUZZ_ROUTE || pattern === process.env.FUZZ_ROUTE;

const score = new FuzzScore();
let t: TestApp;
let crawled: Crawled;
const sessions = new Map<Role | undefined, { agent: Agent; csrf: string }>();
const started = performance.now();

/** Runs `work` for every item, `AT_ONCE` at a time (each item's own inputs one after another). */
async function eachAtOnce<T>(items: readonly T[], work: (item: T) => Promise<void>) {
  const queue = [...items];
  await Promise.all(
    Array.from({ length: AT_ONCE }, async () => {
      for (let item = queue.shift(); item !== undefined; item = queue.shift()) await work(item);
    }),
  );
}

async function session(role: Role | undefined, fresh = false) {
  if (!fresh && sessions.has(role)) return sessions.get(role)!;
  let agent: Agent;
  let csrf: string;
  if (role) {
    agent = await t.signIn(role);
    csrf = await csrfToken(agent);
  } else {
    agent = request.agent(t.app);
    csrf = csrfFrom((await agent.get('/sign-in')).text);
  }
  sessions.set(role, { agent, csrf });
  return sessions.get(role)!;
}

/**
 * After a response: sign in again if the session was lost (a fuzzed form may sign its sender out;
 * only the account forms, fuzzed last, may stop them signing in again); follow a marks import to
 * its end.
 */
async function follow(target: Target, response: request.Response, input: string, mayBeSignedOut = false) {
  const location = response.headers.location ?? '';
  if (target.role && location.startsWith('/sign-in')) {
    await session(target.role, true).catch((error: Error) =>
      mayBeSignedOut
        ? undefined
        : score.note(`POST ${target.route.path}`, `could not sign in again: ${error.message}`, input),
    );
  }
  if (!/^\/attendance\/imports\/\d+$/.test(location)) return;
  const { agent } = await session(target.role);
  for (let tries = 0; tries < 400; tries++) {
    const progress = await agent.get(`${location}/progress`);
    if (progress.body.status !== 'running') {
      if (progress.body.status === 'failed')
        score.note(`POST ${target.route.path}`, 'the import ended as failed', input);
      return;
    }
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

async function postForm(
  target: Target,
  entries: [string, FormValue][],
  as: 'form' | 'json',
  url = target.url,
  mayBeSignedOut = false,
) {
  const { agent, csrf } = await session(target.role);
  const sent = agent.post(url);
  const response =
    as === 'form'
      ? await sent.type('form').send(urlencoded(entries, csrf))
      : await sent.set('x-csrf-token', csrf).type('json').send(json(entries, csrf));
  const input = `${as} ${url} ${describeInput(entries)}`;
  score.check(`POST ${target.route.path}`, url, response, input);
  await follow(target, response, input, mayBeSignedOut);
}

async function postFile(target: Target, fields: [string, string][], file: FuzzFile | undefined) {
  const { agent, csrf } = await session(target.role);
  const { body, contentType } = multipart(fields, file);
  const response = await agent
    .post(`${target.url}?_csrf=${encodeURIComponent(csrf)}`)
    .set('Content-Type', contentType)
    .send(body);
  const input = `${target.url} ${describeInput(file ? { ...file, content: file.content.subarray(0, 120).toString('latin1') } : fields)}`;
  score.check(`POST ${target.route.path}`, target.url, response, input);
  await follow(target, response, input);
}

/** A search's fields cut short: an address longer than a few kilobytes is refused before the service sees it. */
const short = (body: [string, FormValue][]): [string, FormValue][] =>
  flatten(body).map(([name, value]) => [name.slice(0, 200), value.slice(0, 1000)]);

/** The columns of an import, from the template its page links to. */
async function columnsOf(target: Target): Promise<string[]> {
  if (!target.form) return ['name', 'value'];
  const { agent } = await session(target.role);
  const page = await agent.get(target.form.page);
  const template = /href="([^"]*template[^"]*\.csv)"/.exec(page.text)?.[1];
  if (!template) return ['name', 'value'];
  return (await agent.get(template)).text
    .replace(/^\ufeff/, '')
    .split(/\r?\n/)[0]!
    .split(',');
}

const postRoutes = () => t.routes.declarations.filter((route) => route.method === 'POST' && chosen(route.path));

/** Seeded bodies for one form, as a browser sends them and as JSON, then at addresses whose ids name nothing or are not ids. */
async function fuzzForm(route: RouteDeclaration, mayBeSignedOut = false) {
  const target = targetFor(route, crawled);
  const names = [
    ...new Set([...crawled.forms.values()].flatMap((forms) => forms.flatMap((form) => [...form.fields.keys()]))),
  ];
  const fields = new Map(
    [...(target.form?.fields ?? [])].filter(([, offered]) => !target.form?.multipart || offered[0] !== ''),
  );
  const bodies = samples(
    formBody(fields, names),
    route.path === '/sign-in' ? 12 : FORM_INPUTS + JSON_INPUTS,
    route.path,
  );
  for (const [i, body] of bodies.entries())
    await postForm(target, body, i % 7 === 6 ? 'json' : 'form', target.url, mayBeSignedOut);
  const bad = samples(formBody(fields, []), 3, `${route.path} params`);
  for (const [i, body] of bad.entries())
    await postForm(
      target,
      body,
      'form',
      withParameter(target, i, BAD_PARAMETERS[(i * 3 + route.path.length) % BAD_PARAMETERS.length]!),
      mayBeSignedOut,
    );
}

beforeAll(async () => {
  t = await createTestApp({}, { logger: score.logger });
  const agents = new Map<Role, Agent>();
  for (const role of ROLES) agents.set(role, (await session(role)).agent);
  // A referral being written, so that its pages' forms are found too.
  const referrer = await session('school_user');
  await referrer.agent.post('/referrals/new').type('form').send({ _csrf: referrer.csrf });
  crawled = await crawl(agents, t.routes.declarations);
}, 180_000);

afterAll(async () => {
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  console.info(
    `Fuzzing (seed ${FUZZ_SEED}): ${score.sent.toLocaleString('en-GB')} inputs in ${seconds} s, ${score.findings.length} findings`,
  );
  for (const [kind, count] of score.byKind()) console.info(`  ${count} × ${kind}`);
  await t?.close();
});

describe('fuzzing every form and import', () => {
  it('answers every form with no server error or stack trace, whatever is posted', async () => {
    const before = score.findings.length;
    await eachAtOnce(
      postRoutes().filter((route) => fuzzOrder(route) < 0),
      fuzzForm,
    );
    expect(score.findings.length - before, score.report(before)).toBe(0);
  }, 240_000);

  it('answers every import with no server error, whatever file is uploaded', async () => {
    const before = score.findings.length;
    const uploads = t.routes.declarations
      .map((route) => targetFor(route, crawled))
      .filter((target) => target.form?.multipart && chosen(target.route.path));
    if (!process.env.FUZZ_ROUTE) expect(uploads.length).toBeGreaterThanOrEqual(8);
    await eachAtOnce(uploads, async (target) => {
      const columns = await columnsOf(target);
      const fields = new Map([...target.form!.fields].filter(([, offered]) => offered.some((value) => value !== '')));
      const others = samples(formBody(fields, []), FILES, `${target.route.path} fields`).map(flatten);
      const files = samples(malformedFile(columns), FILES, target.route.path);
      for (const [i, file] of files.entries())
        await postFile(target, i % 4 === 0 ? others[i]! : others[i]!.filter(([name]) => fields.has(name)), file);
      await postFile(target, [], undefined);
      for (const cells of samples(
        formBody(new Map(columns.map((column) => [column, []])), []),
        2,
        `${target.route.path} xlsx`,
      )) {
        await postFile(
          target,
          [...fields].map(([name, offered]) => [name, offered.find((value) => value !== '') ?? '']),
          await nastyWorkbook(
            columns,
            flatten(cells).map(([, value]) => value),
          ),
        );
      }
    });
    expect(score.findings.length - before, score.report(before)).toBe(0);
  }, 240_000);

  it('answers every search and page with no server error, whatever is in its address', async () => {
    const before = score.findings.length;
    const searches = [...crawled.forms].filter(([key]) => key.startsWith('GET ') && chosen(key.slice(4)));
    await eachAtOnce(searches, async ([key, [form]]) => {
      const { agent } = await session(form!.role);
      for (const body of samples(formBody(form!.fields, ['page', 'q', 'sort']), SEARCHES, key)) {
        const url = `${form!.path}?${urlencoded(short(body))}`;
        score.check(key, url, await agent.get(url), describeInput(body));
      }
    });
    await eachAtOnce(
      [...crawled.pages].filter(([pattern]) => chosen(pattern)),
      async ([pattern, [page]]) => {
        const route = t.routes.declarations.find((declared) => declared.method === 'GET' && declared.path === pattern)!;
        const target = targetFor(route, crawled);
        const { agent } = await session(target.role);
        const [body] = samples(
          formBody(
            new Map([
              ['page', []],
              ['q', []],
            ]),
            [],
          ),
          1,
          pattern,
        );
        for (const url of [
          `${page!.url.split('?')[0]}?${urlencoded(short(body!))}`,
          withParameter(target, 0, BAD_PARAMETERS[pattern.length % BAD_PARAMETERS.length]!),
        ]) {
          score.check(`GET ${pattern}`, url, await agent.get(url), url);
        }
      },
    );
    expect(score.findings.length - before, score.report(before)).toBe(0);
  }, 240_000);

  // Last, as these could sign the fuzzing accounts out (one at a time, in a fixed order).
  it('answers the settings, accounts and sign-in forms with no server error, whatever is posted', async () => {
    const before = score.findings.length;
    for (const route of postRoutes()
      .filter((route) => fuzzOrder(route) >= 0)
      .sort((a, b) => fuzzOrder(a) - fuzzOrder(b)))
      await fuzzForm(route, true);
    expect(score.findings.length - before, score.report(before)).toBe(0);
  }, 120_000);
});
