// A GOV.UK Notify API key: the key's name, then the service ID and the secret key, both UUIDs.
const UUID = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';
const API_KEY = new RegExp(`^.+-${UUID}-${UUID}$`, 'i');

export function isNotifyApiKey(key: string): boolean {
  return API_KEY.test(key);
}

/** The key from NOTIFY_API_KEY, or an error that names the variable but never repeats the key. */
export function notifyApiKeyFrom(value: string | undefined): string | undefined {
  const key = value?.trim();
  if (!key) return undefined;
  if (!isNotifyApiKey(key))
    throw new Error('NOTIFY_API_KEY is not a GOV.UK Notify API key (its name, then the service ID and the secret key)');
  return key;
}
