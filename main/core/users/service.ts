import { eq, ne, sql } from 'drizzle-orm';
import { schema, type TenantRows } from '../../../db';
import type { Member, Role } from '../../contract';
import { roleAtLeast } from '../../contract';
import type { ResolvedSession } from '../auth/sessions';
import { AppError, conflict, forbidden, notFound } from '../lib/errors';

const { memberships, users, userTwoFactor, invites } = schema;

/**
 * Whether the person has joined the membership's tenant: accepted an invitation there, or never
 * needed one (the first owner, an imported member) and has a password. Until then the tenant knows
 * only what its inviter typed.
 */
const joinedHere = sql<number>`(EXISTS (SELECT 1 FROM ${invites}
    WHERE ${invites.tenantId} = ${memberships.tenantId} AND ${invites.userId} = ${memberships.userId}
      AND ${invites.acceptedAt} IS NOT NULL)
  OR (NOT EXISTS (SELECT 1 FROM ${invites}
    WHERE ${invites.tenantId} = ${memberships.tenantId} AND ${invites.userId} = ${memberships.userId})
    AND ${users.passwordHash} IS NOT NULL))`;

/** The name an inviter typed, for members who have not joined yet. */
const invitedAs = sql<string | null>`(SELECT ${invites.name} FROM ${invites}
    WHERE ${invites.tenantId} = ${memberships.tenantId} AND ${invites.userId} = ${memberships.userId}
    ORDER BY ${invites.createdAt} DESC LIMIT 1)`;

export function listMembers(rows: TenantRows, userId?: string): Member[] {
  return (
    rows.db
      .select({
        userId: memberships.userId,
        email: users.email,
        name: users.name,
        invitedAs,
        joined: joinedHere,
        role: memberships.role,
        status: memberships.status,
        joinedAt: memberships.createdAt,
        lastLoginAt: users.lastLoginAt,
        twoFactorSince: userTwoFactor.enabledAt,
      })
      .from(memberships)
      .innerJoin(users, eq(users.id, memberships.userId))
      .leftJoin(userTwoFactor, eq(userTwoFactor.userId, memberships.userId))
      .where(rows.where(memberships, userId ? eq(memberships.userId, userId) : undefined))
      .all()
      .map(({ twoFactorSince, invitedAs: typed, joined, ...member }) =>
        member.status === 'invited' || !joined
          ? // users are installation-wide: until the person joins (invited, or disabled before they
            // accepted), the tenant sees only what its inviter typed, nothing the account (perhaps
            // another tenant's person) chose or did
            {
              ...member,
              name: typed ?? member.email.split('@')[0]!,
              lastLoginAt: null,
              twoFactorEnabled: false,
            }
          : { ...member, twoFactorEnabled: twoFactorSince !== null },
      )
      // by the name shown (sorting by the account's name would hint at it)
      .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
  );
}

/** Whether the person has joined this tenant (see joinedHere). */
export function hasJoined(rows: TenantRows, userId: string): boolean {
  const row = rows.db
    .select({ joined: joinedHere })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(rows.where(memberships, eq(memberships.userId, userId)))
    .get();
  return Boolean(row?.joined);
}

export function getMember(rows: TenantRows, userId: string): Member {
  const member = listMembers(rows, userId)[0];
  if (!member) throw notFound('That member');
  return member;
}

/** The refusal to hand out a role above the actor's own. */
export const roleNotGrantable = (role: Role): AppError =>
  forbidden(`You cannot grant the ${role} role.`, 'role_not_grantable', { role });

/**
 * Whether the actor may manage the target: never themselves, never someone above them, and never
 * into a role above their own.
 */
export function assertCanManage(actor: ResolvedSession, target: Member, newRole?: Role): void {
  if (actor.userId === target.userId)
    throw forbidden('You cannot change your own membership. Ask another administrator.', 'own_membership');
  if (!roleAtLeast(actor.role, target.role))
    throw forbidden(`Only an ${target.role} or higher can change this member.`, 'member_outranks', {
      role: target.role,
    });
  if (newRole && !roleAtLeast(actor.role, newRole)) throw roleNotGrantable(newRole);
}

/** A tenant always keeps at least one active owner. */
export function assertNotLastOwner(rows: TenantRows, target: Member): void {
  if (target.role !== 'owner' || target.status !== 'active') return;
  const others = rows.select(
    memberships,
    eq(memberships.role, 'owner'),
    eq(memberships.status, 'active'),
    ne(memberships.userId, target.userId),
  );
  if (others.length === 0)
    throw conflict(
      'This is the last owner of the organisation. Make someone else owner first.',
      'last_owner',
    );
}

export function assertInvitable(existing: Member | undefined): void {
  if (existing && existing.status !== 'invited') {
    throw new AppError('CONFLICT', 'This person is already a member of this organisation.', {
      field: 'email',
      reason: 'already_member',
    });
  }
}

/**
 * What a disabled membership becomes when it is enabled again: active only if the person had joined.
 * Someone disabled while still invited is invited again: enabling must not make a member of a
 * person who never said yes (and so let the tenant manage their account as its own).
 */
export function statusOnEnable(rows: TenantRows, userId: string): 'active' | 'invited' {
  return hasJoined(rows, userId) ? 'active' : 'invited';
}
