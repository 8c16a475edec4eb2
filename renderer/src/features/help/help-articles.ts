import type { Language } from '../../contract';
import { transport } from '../../transport';
import type { HelpArticleSummary } from './help-data';

// the articles are the same for everyone and change only with an update: one load per language
const lists = new Map<Language, Promise<HelpArticleSummary[]>>();

export function loadHelpArticles(language: Language): Promise<HelpArticleSummary[]> {
  let list = lists.get(language);
  if (!list) {
    list = transport.call('help.list', { language }).then((answer) => answer.articles);
    list.catch(() => lists.delete(language));
    lists.set(language, list);
  }
  return list;
}
