/** A phone number in international (E.164) form, spaces and dashes allowed: +977 981-2345678. */
export function isInternationalPhone(text: string): boolean {
  return /^\+[1-9][0-9]{7,14}$/.test(text.replace(/[\s-]/g, ''));
}
