/** What the widget remembers of a visitor of one channel: their token and their conversation. */
export interface Visitor {
  visitorToken: string;
  conversationId: string;
  /** The conversation was rated already (the thumbs are not offered again). */
  rated?: boolean;
}

/** The part of the Web Storage API the widget uses (localStorage in the browser). */
export interface KeyValueStore {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

export const storageKey = (publicId: string) => `mf-visitor:${publicId}`;

/**
 * The remembered visitor of a channel, or null when there is none or what is stored is not one (a
 * damaged or foreign value, or a storage the browser refuses: private modes, blocked storage).
 */
export function loadVisitor(store: KeyValueStore | null, publicId: string): Visitor | null {
  try {
    const raw = store?.getItem(storageKey(publicId));
    if (!raw) return null;
    const value = JSON.parse(raw) as Partial<Visitor> | null;
    if (
      !value ||
      typeof value.visitorToken !== 'string' ||
      typeof value.conversationId !== 'string' ||
      !value.visitorToken ||
      !value.conversationId
    )
      return null;
    return {
      visitorToken: value.visitorToken,
      conversationId: value.conversationId,
      ...(value.rated === true ? { rated: true } : {}),
    };
  } catch {
    return null;
  }
}

/** Remembers the visitor; answers false when the browser would not store it (the chat still works). */
export function saveVisitor(store: KeyValueStore | null, publicId: string, visitor: Visitor): boolean {
  try {
    if (!store) return false;
    store.setItem(storageKey(publicId), JSON.stringify(visitor));
    return true;
  } catch {
    return false;
  }
}

export function forgetVisitor(store: KeyValueStore | null, publicId: string): void {
  try {
    store?.removeItem(storageKey(publicId));
  } catch {
    // nothing stored, nothing to forget
  }
}
