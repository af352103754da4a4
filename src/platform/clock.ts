/**
 * The time now, passed to the services that need it so that tests can set it. Rules take `now`
 * as a parameter; only a clock given at start (the system's, or a test's) reads the time.
 */
export type Clock = () => Date;

export const systemClock: Clock = () => new Date();
