import type { CookieSerializeOptions } from '@fastify/cookie';

export const sessionCookie = 'mf_session';

/** HttpOnly so page scripts never see the token; SameSite=Strict so other sites cannot ride on it. */
export const sessionCookieOptions: CookieSerializeOptions = {
  httpOnly: true,
  sameSite: 'strict',
  path: '/',
  maxAge: 24 * 60 * 60,
};
