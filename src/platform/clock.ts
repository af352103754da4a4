/** Where a service gets the time, so tests can move it on without waiting. */
export type Clock = () => Date;

export const systemClock: Clock = () => new Date();
