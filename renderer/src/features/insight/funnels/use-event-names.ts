import { useLoad } from '../../../lib/use-load';
import { transport } from '../../../transport';

/** The tenant's known event names (most seen first), for the funnel and retention builders. */
export function useEventNames() {
  return useLoad(() => transport.call('insight.eventNames', {}), 'insight-event-names');
}

/** The names to offer: the known ones, plus any chosen ones the tenant has not seen (yet). */
export function nameOptions(known: readonly string[], chosen: readonly string[]): string[] {
  const extra = chosen.filter((name) => name && !known.includes(name));
  return [...known, ...extra];
}
