// The sign-in settings: who must use two-factor authentication when signing in with a password.
// Part of the settings registry in settings.ts, which spreads them in.
import { choiceSetting, type SettingDefinition } from './definitions.ts';

export const SIGN_IN_SETTINGS = {
  'two-factor-required-for': choiceSetting({
    label: 'Who must use two-factor authentication',
    name: 'who must use two-factor authentication',
    hint: 'People who sign in with a password are asked for a code from an authenticator app as well. Administrators always are. Anyone asked who has not set it up does so the next time they sign in. People who sign in with their council account use their council’s own checks instead.',
    group: 'sign-in',
    source:
      'NCSC cloud security guidance: identity and authentication (multi-factor authentication for every user, and always for privileged accounts)',
    default: 'administrators',
    options: [
      { value: 'administrators', text: 'Administrators only' },
      { value: 'everyone', text: 'Everyone who signs in with a password' },
    ],
  }),
} satisfies Record<string, SettingDefinition>;
