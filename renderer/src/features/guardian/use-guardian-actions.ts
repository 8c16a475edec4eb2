import { useEffect } from 'react';
import type { GuardianAction } from '../../contract';
import { useLoad } from '../../lib/use-load';
import { transport } from '../../transport';

const recentLimit = 50;

/** Puts a changed action in its place (or on top), newest first. */
export function upsertAction(actions: readonly GuardianAction[], action: GuardianAction): GuardianAction[] {
  const rest = actions.filter((a) => a.id !== action.id);
  return [action, ...rest].sort((a, b) => b.createdAt - a.createdAt);
}

/** The Guardian's actions, newest first, kept live by `guardian.action` events. */
export function useGuardianActions() {
  // every proposal waiting for a decision, however old, and the latest of the rest
  const loaded = useLoad(async () => {
    const [proposed, recent] = await Promise.all([
      transport.call('guardian.actions', { status: 'proposed', limit: 200 }),
      transport.call('guardian.actions', { limit: recentLimit }),
    ]);
    return recent.actions.reduce(upsertAction, proposed.actions);
  }, 'actions');
  const { update } = loaded;

  useEffect(
    () => transport.on('guardian.action', (action) => update((actions) => upsertAction(actions, action))),
    [update],
  );

  const actions = loaded.data ?? [];
  return {
    ...loaded,
    proposed: actions.filter((action) => action.status === 'proposed'),
    decided: actions.filter((action) => action.status !== 'proposed'),
    /** After a decision the answer is the changed action. */
    replace: (action: GuardianAction) => update((actions) => upsertAction(actions, action)),
  };
}
