export const minPasswordLength = 12;

const emailPattern = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export function isEmail(value: string): boolean {
  return value.trim().length <= 254 && emailPattern.test(value.trim());
}

export function isLongEnoughPassword(value: string): boolean {
  return value.length >= minPasswordLength;
}
