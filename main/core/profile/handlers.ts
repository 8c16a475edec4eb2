import type { BusinessProfile } from '../../contract';
import type { HandlerMap } from '../context';
import type { ProfileService } from './profile-service';

export interface ProfileHandlerDeps {
  profile: ProfileService;
}

/** Which top-level details differ between two profiles (what the audit entry names). */
export function changedDetails(before: BusinessProfile, after: BusinessProfile): string[] {
  return (Object.keys(after) as (keyof BusinessProfile)[]).filter(
    (key) => JSON.stringify(before[key]) !== JSON.stringify(after[key]),
  );
}

export function profileHandlers(deps: ProfileHandlerDeps): Pick<HandlerMap, 'profile.get' | 'profile.save'> {
  const { profile } = deps;
  return {
    'profile.get': (_input, ctx) => profile.get(ctx.tenantRows().tenantId),

    'profile.save': (input, ctx) => {
      const session = ctx.auth();
      const { tenantId } = ctx.tenantRows();
      const before = profile.profileOf(tenantId).profile;
      const answer = profile.save(tenantId, input, session.userId);
      ctx.audit({
        action: 'profile.save',
        targetType: 'business_profile',
        targetId: tenantId,
        details: { name: input.name, changed: changedDetails(before, input) },
      });
      return answer;
    },
  };
}
