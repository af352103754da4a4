import { readFileSync, readdirSync, readlinkSync } from 'node:fs';

/** The inodes of the sockets this process holds open. */
function socketInodes(): Set<string> {
  const inodes = new Set<string>();
  for (const fd of readdirSync('/proc/self/fd')) {
    try {
      const match = /^socket:\[(\d+)\]$/.exec(readlinkSync(`/proc/self/fd/${fd}`));
      if (match) inodes.add(match[1]);
    } catch {
      /* closed meanwhile */
    }
  }
  return inodes;
}

function lines(path: string): string[][] {
  try {
    return readFileSync(path, 'utf8')
      .trim()
      .split('\n')
      .slice(1)
      .map((line) => line.trim().split(/\s+/));
  } catch {
    return [];
  }
}

export interface Listener {
  kind: 'tcp' | 'unix';
  /** The TCP port, or the Unix socket's path. */
  where: string;
}

/**
 * Every socket this process is listening on, as another process on the machine would find it
 * (`ss -ltnp`): TCP ports on IPv4 and IPv6, and Unix sockets, read from /proc.
 */
export function listeningSockets(): Listener[] {
  const mine = socketInodes();
  const found: Listener[] = [];
  for (const table of ['/proc/net/tcp', '/proc/net/tcp6']) {
    for (const [, local, , state, , , , , , inode] of lines(table)) {
      if (state === '0A' && mine.has(inode))
        found.push({ kind: 'tcp', where: String(parseInt(local.split(':')[1], 16)) });
    }
  }
  for (const fields of lines('/proc/net/unix')) {
    const [, , , flags, , , inode, path] = fields;
    if (flags === '00010000' && mine.has(inode)) found.push({ kind: 'unix', where: path ?? '(unnamed)' });
  }
  return found;
}
