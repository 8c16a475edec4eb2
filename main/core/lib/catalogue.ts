import i18next, { type i18n as I18n, type TFunction } from 'i18next';
import {
  defaultProductName,
  defaultProductShortName,
  isLanguage,
  type Language,
  type Message,
  type MessageParams,
} from '../../contract';
// The renderer's catalogue is the one catalogue: what the core writes itself (e-mails) says the
// same sentences as the screens, in the recipient's language.
import en from '../../../renderer/src/i18n/en.json';
import nb from '../../../renderer/src/i18n/nb.json';
import nl from '../../../renderer/src/i18n/nl.json';

let instance: I18n | null = null;

function catalogue(): I18n {
  if (instance) return instance;
  const i18n = i18next.createInstance();
  void i18n.init({
    resources: { en: { translation: en }, nl: { translation: nl }, nb: { translation: nb } },
    lng: 'en',
    fallbackLng: 'en',
    initAsync: false,
    // {{product}} / {{productShort}}: the product's own name unless the caller says the brand's
    interpolation: {
      escapeValue: false,
      defaultVariables: { product: defaultProductName, productShort: defaultProductShortName },
    },
  });
  instance = i18n;
  return i18n;
}

/** The catalogue's sentences in one language: `t(key, params)` with the screens' keys. */
export function translator(language: Language): TFunction {
  return catalogue().getFixedT(language);
}

/**
 * A core message in a language (`messages.<key>` with its parameters), as the renderer says it;
 * a key the catalogue does not know gives `fallback` (the core's English), else the key.
 */
export function sayIn(language: Language, message: Message, fallback?: string): string {
  const key = `messages.${message.key}`;
  const params: MessageParams = message.params ?? {};
  if (!catalogue().exists(key, { lng: language, ...params })) return fallback ?? message.key;
  return translator(language)(key, params);
}

/** A stored language preference, or null when it is none of the app's languages. */
export function languageOrNull(value: unknown): Language | null {
  return isLanguage(value) ? value : null;
}
