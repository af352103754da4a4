/** Fixed settings shared by the journey server (start-server.ts) and the specs, with no test imports. */
export const E2E_PORT = Number(process.env.E2E_PORT ?? 3210);

/** Every demo account's password on the journey server. Fixed, because the database is thrown away. */
export const E2E_PASSWORD = 'journeys-only-password-2024';
