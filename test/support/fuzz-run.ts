// Keeping score while fuzzing: every response is checked (no 500, no stack trace, no import that
// "failed"), and each finding keeps what was sent and the error the service logged, so a failure
// names its route, its kind and the seed to replay it with.
import { Writable } from 'node:stream';
import type { Response } from 'supertest';
import { createLogger, type Logger } from '../../src/platform/logger.ts';
import { FUZZ_SEED } from './fuzz-inputs.ts';

export interface Finding {
  route: string;
  status: number;
  /** What went wrong, from the service's log ('invalid byte sequence for encoding "UTF8": 0x00'). */
  kind: string;
  input: string;
}

/** Text that shows a program's insides: a stack frame, a source path, an internal module. */
const STACK_TRACE = /\n\s+at [^\n]+:\d+:\d+\)?|node:internal|\/src\/[\w/.-]+\.ts|\bTypeError:|\bReferenceError:/;

export class FuzzScore {
  sent = 0;
  readonly findings: Finding[] = [];
  readonly logger: Logger;
  /** Errors the service logged, by the path of the request that caused them. */
  private readonly logged = new Map<string, string[]>();

  constructor() {
    const sink = new Writable({
      write: (chunk: Buffer, _encoding, done) => {
        const line = JSON.parse(chunk.toString()) as { msg?: string; path?: string; err?: { message?: string } };
        const path = line.path ?? '';
        this.logged.set(path, [...(this.logged.get(path) ?? []), line.err?.message ?? line.msg ?? 'an error']);
        done();
      },
    });
    this.logger = createLogger('error', sink);
  }

  /** Checks one response to a request for `url`; `input` says briefly what was sent, for the failure message. */
  check(route: string, url: string, response: Response, input: string): void {
    this.sent++;
    const path = url.split('?')[0]!;
    const logged = this.logged.get(path) ?? [];
    this.logged.delete(path);
    const text = typeof response.text === 'string' ? response.text : '';
    if (response.status >= 500 || STACK_TRACE.test(text)) {
      const kind =
        logged[0]?.split('\n')[0]?.slice(0, 160) ??
        (response.status >= 500 ? `status ${response.status}` : 'stack trace in the page');
      this.findings.push({ route, status: response.status, kind, input: input.slice(0, 300) });
    }
  }

  /** Records a problem found another way (an import that ended as "failed"). */
  note(route: string, kind: string, input: string): void {
    this.findings.push({ route, status: 0, kind: kind.slice(0, 160), input: input.slice(0, 300) });
  }

  /** How many findings of each kind, most first (of those from the `from`th on). */
  byKind(from = 0): [string, number][] {
    const counts = new Map<string, number>();
    for (const { route, kind } of this.findings.slice(from))
      counts.set(`${kind} (${route})`, (counts.get(`${kind} (${route})`) ?? 0) + 1);
    return [...counts].sort((a, b) => b[1] - a[1]);
  }

  /** The failure message: the seed to replay with, and the first few findings in full. */
  report(from = 0): string {
    const lines = this.byKind(from).map(([kind, count]) => `${count} × ${kind}`);
    const examples = this.findings.slice(from, from + 5).map((finding) => JSON.stringify(finding));
    const route = this.findings[from]?.route.split(' ')[1] ?? '';
    return [
      `${this.findings.length - from} fuzzed inputs failed (${this.sent} sent so far); replay with FUZZ_SEED=${FUZZ_SEED} FUZZ_ROUTE=${route}`,
      ...lines,
      'for example:',
      ...examples,
    ].join('\n');
  }
}

/** A short, printable description of an input for a failure message. */
export function describeInput(input: unknown): string {
  const text =
    typeof input === 'string'
      ? input
      : JSON.stringify(input, (_key, value: { type?: string; data?: unknown[] }) =>
          value?.type === 'Buffer' ? `<${value.data?.length} bytes>` : value,
        );
  return (text ?? String(input)).replace(
    // eslint-disable-next-line no-control-regex -- showing the control characters that were sent
    /[\u0000-\u001f]/g,
    (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}
