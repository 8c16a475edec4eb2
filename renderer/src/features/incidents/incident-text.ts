import type { Incident, TimelineEntry } from '../../contract';
import { useMessageText } from '../../i18n/message';

/**
 * An incident's title and description, and a timeline entry, in the user's language where the core
 * wrote them (its messages); as written where a person did.
 */
export function useIncidentText() {
  const say = useMessageText();
  return {
    title: (incident: Pick<Incident, 'title' | 'titleMessage'>) =>
      incident.titleMessage ? say(incident.titleMessage, incident.title) : incident.title,
    description: (incident: Pick<Incident, 'description' | 'descriptionMessage'>) =>
      incident.descriptionMessage
        ? say(incident.descriptionMessage, incident.description)
        : incident.description,
    entry: (entry: Pick<TimelineEntry, 'text' | 'message'>) =>
      entry.message ? say(entry.message, entry.text) : entry.text,
  };
}
