import { describe, expect, it } from 'vitest';
import { errorReasons } from '../../contract';
import { AppError, conflict, explainedCodes, forbidden, notFound, type Refusal } from './errors';

/**
 * A refusal a person has to understand (VALIDATION, CONFLICT, FORBIDDEN, QUOTA_EXCEEDED,
 * UNAVAILABLE) cannot be made without a reason of the contract's list: the type-check refuses it,
 * wherever in the core it is written, however it is wrapped (a helper that forwards to AppError has
 * to ask for a reason too). The `@ts-expect-error` lines below make `tsc -b` fail the day that rule
 * is loosened; the reasons' sentences in every language are checked by messages.test.ts.
 */
describe('refusals and their reasons', () => {
  it('will not type-check a refusal a person must understand without a reason', () => {
    const made = [
      // @ts-expect-error a VALIDATION refusal needs a reason
      () => new AppError('VALIDATION', 'Bad.'),
      // @ts-expect-error a field alone does not say why
      () => new AppError('CONFLICT', 'Clash.', { field: 'name' }),
      // @ts-expect-error FORBIDDEN needs a reason
      () => new AppError('FORBIDDEN', 'No.', {}),
      // @ts-expect-error QUOTA_EXCEEDED needs a reason
      () => new AppError('QUOTA_EXCEEDED', 'Full.'),
      // @ts-expect-error UNAVAILABLE needs a reason
      () => new AppError('UNAVAILABLE', 'Down.'),
      // @ts-expect-error the helpers ask for one too
      () => forbidden('No.'),
      // @ts-expect-error the helpers ask for one too
      () => conflict('Clash.'),
      // @ts-expect-error a reason must be on the contract's list (so it has a sentence)
      () => new AppError('VALIDATION', 'Bad.', { reason: 'made_up_reason' }),
      // @ts-expect-error a code that may be any code must name a reason as well
      () => new AppError('VALIDATION' as 'VALIDATION' | 'INTERNAL', 'Maybe.'),
    ];
    // @ts-expect-error what dispatch answers itself is held to the same rule
    const answered: Refusal = { code: 'FORBIDDEN', message: 'No.' };
    expect(made).toHaveLength(9);
    expect(answered.code).toBe('FORBIDDEN');
  });

  it('carries the reason and its params to the caller, beside the English for logs', () => {
    const error = forbidden('You cannot grant the owner role.', 'role_not_grantable', { role: 'owner' });
    expect(error.toContract()).toEqual({
      code: 'FORBIDDEN',
      message: 'You cannot grant the owner role.',
      reason: 'role_not_grantable',
      params: { role: 'owner' },
    });
    expect(conflict('Clash.', 'last_owner').toContract()).toEqual({
      code: 'CONFLICT',
      message: 'Clash.',
      reason: 'last_owner',
    });
  });

  it('lets the codes with a sentence of their own go without a reason', () => {
    expect(notFound('That agent').toContract()).toEqual({
      code: 'NOT_FOUND',
      message: 'That agent was not found.',
    });
    expect(new AppError('INTERNAL', 'Broke.').toContract()).toEqual({ code: 'INTERNAL', message: 'Broke.' });
    expect(new AppError('RATE_LIMITED', 'Wait.', { retryAfterSeconds: 3 }).toContract()).toMatchObject({
      retryAfterSeconds: 3,
    });
  });

  it('lists the codes that need a reason, and every reason once', () => {
    expect([...explainedCodes].sort()).toEqual([
      'CONFLICT',
      'FORBIDDEN',
      'QUOTA_EXCEEDED',
      'UNAVAILABLE',
      'VALIDATION',
    ]);
    expect(new Set(errorReasons).size).toBe(errorReasons.length);
  });
});
