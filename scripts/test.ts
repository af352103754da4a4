// `npm test`: every unit and integration test (vitest), then every browser journey (Playwright),
// each stage's time printed. The journeys run even when a unit test fails, so one run shows all
// that fails; the exit code is the first failure's.
import { spawnSync } from 'node:child_process';

const stages: [string, string, string[]][] = [
  ['Unit and integration tests (vitest)', 'vitest', ['run']],
  ['Browser journeys (Playwright)', 'playwright', ['test']],
];
let status = 0;
for (const [title, command, args] of stages) {
  console.log(`\n== ${title} ==`);
  const started = performance.now();
  const run = spawnSync(command, args, { stdio: 'inherit' });
  const seconds = Math.round((performance.now() - started) / 1000);
  console.log(`== ${title}: ${seconds} s, exit code ${run.status ?? run.signal} ==`);
  if (status === 0) status = run.status ?? 1;
}
process.exit(status);
