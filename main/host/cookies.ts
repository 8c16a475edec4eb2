import type { CookieSerializeOptions } from '@fastify/cookie';

export const sessionCookie = 'mf_session';

/** HttpOnly so page scripts never see the token; SameSite=Strict so other sites cannot ride on it. */
export const sessionCookieOptions: CookieSerializeOptions = {
  httpOnly: true,
  sameSite: 'strict',
  path: '/',
  maxAge: 24 * 60 * 60,
};

export const deviceCookie = 'mf_device';

/**
 * The browser's device tokens (core.deviceCookieFor): sign-ins from a browser that signed in before
 * are throttled apart from strangers'. Sent only with auth.login, kept half a year.
 */
export const deviceCookieOptions: CookieSerializeOptions = {
  httpOnly: true,
  sameSite: 'strict',
  path: '/api/call/auth.login',
  maxAge: 180 * 24 * 60 * 60,
};
