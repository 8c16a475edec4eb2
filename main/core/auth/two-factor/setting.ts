/** The tenant setting (JSON `true`/`false`) that asks admins and owners to use two-factor sign-in. */
export const requireTwoFactorSetting = 'security.requireTwoFactor';

/**
 * SQL (1 when true): the tenant requires two-factor sign-in and the user has none. One fragment for
 * the session lookup, the API-key lookup and event delivery; the arguments are column expressions.
 */
export const lacksRequiredTwoFactorSql = (tenantColumn: string, userColumn: string): string =>
  `(EXISTS (SELECT 1 FROM settings st WHERE st.tenant_id = ${tenantColumn}
              AND st.key = '${requireTwoFactorSetting}' AND st.value = 'true')
   AND NOT EXISTS (SELECT 1 FROM user_two_factor f WHERE f.user_id = ${userColumn}))`;
