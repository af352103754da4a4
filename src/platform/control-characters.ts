/**
 * Control characters other than tab and line breaks: nothing a person types holds them, a text
 * file does not either, and PostgreSQL refuses NUL in text. Forms, file names and imported files
 * are all checked against this one list (no imports: the marks reader's worker uses it too).
 */
// eslint-disable-next-line no-control-regex -- these are the characters being looked for
const CONTROL_CHARACTERS = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/;

export function hasControlCharacters(text: string): boolean {
  return CONTROL_CHARACTERS.test(text);
}

/** Where the first control character is in the text, or -1. */
export function firstControlCharacter(text: string): number {
  return text.search(CONTROL_CHARACTERS);
}
