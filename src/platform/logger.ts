import pino from 'pino';

/** Fields that may hold personal data; they never reach the logs. */
const REDACT = [
  'req.headers.cookie',
  'req.body',
  '*.password',
  '*.email',
  '*.name',
  '*.firstName',
  '*.lastName',
  '*.first_name',
  '*.last_name',
  '*.dateOfBirth',
  '*.date_of_birth',
  '*.upn',
  '*.phone',
];

export type Logger = pino.Logger;

export function createLogger(level: string, destination?: pino.DestinationStream): Logger {
  const options = { level, redact: { paths: REDACT, censor: '[redacted]' } };
  return destination ? pino(options, destination) : pino(options);
}
