import { afterEach, describe, expect, it } from 'vitest';
import type { Server } from 'node:http';
import { listenWith, startingGate } from './starting.ts';

let server: Server | undefined;
afterEach(() => new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve())));

describe('while the service starts', () => {
  it('says the process is alive as soon as it listens, and not ready until the service is open', async () => {
    const gate = startingGate();
    server = await listenWith(gate, 0);
    const address = server.address();
    const url = `http://localhost:${typeof address === 'object' && address ? address.port : 0}`;
    const live = await fetch(`${url}/health/live`);
    expect(live.status).toBe(200);
    expect(await live.json()).toEqual({ status: 'UP' });
    expect((await fetch(`${url}/health/ready`)).status).toBe(503);
    expect((await fetch(`${url}/health`)).status).toBe(503);
    const page = await fetch(`${url}/cases`);
    expect(page.status).toBe(503);
    expect(page.headers.get('retry-after')).toBe('2');
    expect(await page.text()).toContain('Inclusion Hub is starting');

    gate.open((_req, res) => res.end('the service'));
    expect(await (await fetch(`${url}/health/ready`)).text()).toBe('the service');
  });
});
