/**
 * Lets the web server answer waiting requests before long work on its thread goes on: await it
 * every so many items of a long loop.
 */
export const pause = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));
