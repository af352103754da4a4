import type { NotifyClient as GovukNotifyClient } from 'notifications-node-client';
import { notifyApiKeyFrom } from './api-key.ts';

/** What the sender needs from GOV.UK Notify; tests give it a stand-in. */
export interface NotifyClient {
  sendEmail(
    templateId: string,
    emailAddress: string,
    options: { personalisation: Record<string, string>; reference: string },
  ): Promise<void>;
}

/**
 * A send that did not work. `retryable` is false when trying again cannot help (Notify refused
 * the request), so the message fails at once. The message never holds personal data.
 */
export class NotifySendError extends Error {
  retryable: boolean;

  constructor(message: string, retryable: boolean) {
    super(message);
    this.retryable = retryable;
  }
}

interface NotifyFailure {
  code?: string;
  response?: { status?: number; data?: { errors?: { error?: string; message?: string }[] } };
}

/**
 * Turns the HTTP library's error (which carries the request, with its address, personalisation
 * and token) into a short, safe message: the status and Notify's own explanation.
 */
export function notifyError(error: unknown): NotifySendError {
  const failure = (error ?? {}) as NotifyFailure;
  const status = failure.response?.status;
  if (!status)
    return new NotifySendError(`Could not reach GOV.UK Notify${failure.code ? ` (${failure.code})` : ''}`, true);
  const reasons = (failure.response?.data?.errors ?? [])
    .map((e) => [e.error, e.message].filter(Boolean).join(': '))
    .join('; ');
  // 429 (too many requests) and server errors pass; other refusals will not change on their own.
  const retryable = status === 429 || status >= 500;
  return new NotifySendError(
    `GOV.UK Notify answered ${status}${reasons ? `: ${reasons}` : ''}`.slice(0, 500),
    retryable,
  );
}

/**
 * The real client, through GOV.UK's `notifications-node-client`. The library (and the HTTP client
 * it brings) is loaded when the first message is sent, not when the service starts.
 */
export function createNotifyClient(apiKey: string): NotifyClient {
  const key = notifyApiKeyFrom(apiKey)!;
  let client: Promise<GovukNotifyClient> | undefined;
  return {
    async sendEmail(templateId, emailAddress, { personalisation, reference }) {
      try {
        client ??= import('notifications-node-client').then(
          ({ NotifyClient: Client }) => new Client(key),
          (error: unknown) => {
            client = undefined; // tried again with the next message
            throw error;
          },
        );
        await (await client).sendEmail(templateId, emailAddress, { personalisation, reference });
      } catch (error) {
        throw notifyError(error);
      }
    },
  };
}
