import { afterAll, describe, expect, it } from 'vitest';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { once } from 'node:events';
import { lockDataDir } from './data-dir-lock.ts';

const root = mkdtempSync(join(tmpdir(), 'inclusion-hub-lock-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
let n = 0;
const freshDir = () => join(root, `data-${++n}`);

/** Another process that takes the lock, says so, and keeps running until killed. */
async function holdInChild(dir: string, platform = process.platform): Promise<ChildProcess> {
  const script = `import { lockDataDir } from ${JSON.stringify(new URL('./data-dir-lock.ts', import.meta.url).href)};
    await lockDataDir(${JSON.stringify(dir)}, ${JSON.stringify(platform)});
    console.log('locked');
    setInterval(() => {}, 1000);`;
  const child = spawn(process.execPath, ['--input-type=module', '-e', script], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const [line] = (await once(child.stdout!, 'data')) as [Buffer];
  expect(line.toString()).toContain('locked');
  return child;
}

async function kill(child: ChildProcess) {
  const exited = once(child, 'exit');
  child.kill('SIGKILL');
  await exited;
}

describe('one server per data directory', () => {
  it('refuses a second lock on the same directory, saying another Inclusion Hub is using it', async () => {
    const dir = freshDir();
    const unlock = await lockDataDir(dir);
    try {
      await expect(lockDataDir(dir)).rejects.toThrow(
        `The database in ${dir} is in use by another Inclusion Hub. Stop that server first.`,
      );
    } finally {
      await unlock();
    }
    // Let go, it can be taken again straight away.
    await (
      await lockDataDir(dir)
    )();
  });

  it('refuses the lock while another process holds it, and frees it the moment that process is killed', async () => {
    const dir = freshDir();
    const child = await holdInChild(dir);
    await expect(lockDataDir(dir)).rejects.toThrow(/is in use by another Inclusion Hub/);
    await kill(child);
    await (
      await lockDataDir(dir)
    )();
  });

  it('is not stopped by an old-style lock file, whatever process number it names', async () => {
    const dir = freshDir();
    for (const pid of [process.pid, 1, 999_999]) {
      writeFileSync(join(root, `${dir.split('/').pop()}.lock`), String(pid));
      await (
        await lockDataDir(dir)
      )();
    }
  });

  it('does not keep the process running', async () => {
    const dir = freshDir();
    const script = `import { lockDataDir } from ${JSON.stringify(new URL('./data-dir-lock.ts', import.meta.url).href)};
      await lockDataDir(${JSON.stringify(dir)});`;
    const child = spawn(process.execPath, ['--input-type=module', '-e', script], { stdio: 'inherit' });
    const stillRunning = setTimeout(() => child.kill('SIGKILL'), 10_000);
    const [code] = await once(child, 'exit');
    clearTimeout(stillRunning);
    expect(code).toBe(0);
  });

  it('where the system has no abstract sockets, takes over a socket file left by a killed server', async () => {
    const dir = freshDir();
    const child = await holdInChild(dir, 'darwin');
    await expect(lockDataDir(dir, 'darwin')).rejects.toThrow(/is in use by another Inclusion Hub/);
    await kill(child);
    await (
      await lockDataDir(dir, 'darwin')
    )();
  });
});
