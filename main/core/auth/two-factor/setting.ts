/** The tenant setting (JSON `true`/`false`) that asks admins and owners to use two-factor sign-in. */
export const requireTwoFactorSetting = 'security.requireTwoFactor';
