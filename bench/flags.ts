// `npm run bench -- [flags]`: what to measure, on which databases, for how long.
import { parseArgs } from 'node:util';
import { DATABASES, type DatabaseName } from './hub.ts';

export const SECTIONS = ['startup', 'pages', 'processes', 'attendance', 'gias'] as const;
export type Section = (typeof SECTIONS)[number];

const USAGE = `Usage: npm run bench -- [--only ${SECTIONS.join(',')}] [--databases ${DATABASES.join(',')}]
  [--runs N] [--duration SECONDS] [--warm-up SECONDS] [--connections N] [--processes N] [--pupils N]
  [--postgres-url URL] [--write]`;

function usage(message: string): never {
  console.error(`${message}\n${USAGE}`);
  process.exit(2);
}

function positiveInteger(name: string, value: string, least = 1): number {
  const number = Number(value);
  if (Number.isInteger(number) && number >= least) return number;
  return usage(`--${name} must be a whole number of at least ${least}, not "${value}"`);
}

/** A comma-separated list, every item one of `allowed`. */
function listOf<T extends string>(name: string, value: string, allowed: readonly T[]): T[] {
  const items = value.split(',').map((item) => item.trim());
  const wrong = items.filter((item) => !allowed.includes(item as T));
  if (wrong.length || items.length === 0) usage(`--${name} takes ${allowed.join(', ')}; not "${wrong.join(', ')}"`);
  return items as T[];
}

export function readFlags(args = process.argv.slice(2)) {
  let values;
  try {
    values = parseArgs({
      args,
      options: {
        only: { type: 'string', default: SECTIONS.join(',') },
        databases: { type: 'string', default: DATABASES.join(',') },
        runs: { type: 'string', default: '3' },
        duration: { type: 'string', default: '10' },
        'warm-up': { type: 'string', default: '2' },
        connections: { type: 'string', default: '50' },
        processes: { type: 'string', default: '2' },
        pupils: { type: 'string', default: '30000' },
        'postgres-url': {
          type: 'string',
          default: process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres',
        },
        write: { type: 'boolean', default: false },
      },
    }).values;
  } catch (error) {
    return usage(error instanceof Error ? error.message : String(error));
  }
  return {
    only: new Set<Section>(listOf('only', values.only, SECTIONS)),
    databases: listOf<DatabaseName>('databases', values.databases, DATABASES),
    runs: positiveInteger('runs', values.runs),
    durationSeconds: positiveInteger('duration', values.duration),
    warmUpSeconds: positiveInteger('warm-up', values['warm-up'], 0),
    connections: positiveInteger('connections', values.connections),
    processes: positiveInteger('processes', values.processes, 2),
    pupils: positiveInteger('pupils', values.pupils),
    postgresUrl: values['postgres-url'],
    write: values.write,
  };
}

export type Flags = ReturnType<typeof readFlags>;
