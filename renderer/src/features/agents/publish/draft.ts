import type { Channel, Language, MethodInput } from '../../../contract';
import { hoursDraft, hoursOf, type HoursDraft } from './hours';
import { isLoopbackHost } from './origins';

/** A web channel as its form edits it. */
export interface ChannelDraft {
  name: string;
  allowedOrigins: string[];
  greeting: string;
  colour: string;
  logoUrl: string;
  defaultLanguage: Language;
  hours: HoursDraft;
  closedMessage: string;
  voice: boolean;
  enabled: boolean;
}

export const defaultColour = '#2563eb';

export function draftOf(
  channel: Channel | null,
  defaults: { name: string; language: Language; zone: string },
): ChannelDraft {
  if (!channel) {
    return {
      name: defaults.name,
      allowedOrigins: [],
      greeting: '',
      colour: defaultColour,
      logoUrl: '',
      defaultLanguage: defaults.language,
      hours: hoursDraft(null, defaults.zone),
      closedMessage: '',
      voice: false,
      enabled: true,
    };
  }
  return {
    name: channel.name,
    allowedOrigins: channel.allowedOrigins,
    greeting: channel.greeting,
    colour: channel.colour,
    logoUrl: channel.logoUrl ?? '',
    defaultLanguage: channel.defaultLanguage,
    hours: hoursDraft(channel.businessHours, defaults.zone),
    closedMessage: channel.closedMessage,
    voice: channel.voice,
    enabled: channel.enabled,
  };
}

/** What channels.save gets for a web channel of the agent. */
export function saveInput(
  agentId: string,
  id: string | null,
  draft: ChannelDraft,
): MethodInput<'channels.save'> {
  return {
    ...(id ? { id } : {}),
    agentId,
    kind: 'web',
    name: draft.name.trim(),
    allowedOrigins: draft.allowedOrigins,
    greeting: draft.greeting.trim(),
    colour: draft.colour.toLowerCase(),
    logoUrl: draft.logoUrl.trim() || null,
    defaultLanguage: draft.defaultLanguage,
    businessHours: hoursOf(draft.hours),
    closedMessage: draft.closedMessage.trim(),
    voice: draft.voice,
    enabled: draft.enabled,
  };
}

/** A logo is an https address (or plain http on this computer), or a small data:image. */
export function logoProblem(value: string): 'logo' | null {
  const typed = value.trim();
  if (!typed) return null;
  if (/^data:image\/(png|jpeg|gif|webp);base64,[A-Za-z0-9+/=]+$/.test(typed)) return null;
  try {
    const url = new URL(typed);
    if (/[\s"'<>]/.test(typed)) return 'logo';
    if (url.protocol === 'https:') return null;
    if (url.protocol === 'http:' && isLoopbackHost(url.hostname)) return null;
    return 'logo';
  } catch {
    return 'logo';
  }
}

export const isColour = (value: string) => /^#[0-9a-f]{6}$/i.test(value.trim());
