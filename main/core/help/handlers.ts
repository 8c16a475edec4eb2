import { roleAtLeast } from '../../contract';
import { notFound } from '../lib/errors';
import type { HandlerMap } from '../context';
import type { SecretStore } from '../secrets/secret-store';
import { readLicences, type LicenceReport } from './about';
import type { HelpLibrary } from './library';

export interface HelpHandlerDeps {
  help: HelpLibrary;
  appVersion: string;
  appRoot: string;
  dataDir: string;
  secrets: SecretStore;
}

export function helpHandlers(
  deps: HelpHandlerDeps,
): Pick<HandlerMap, 'help.list' | 'help.get' | 'help.about'> {
  const { help } = deps;
  let licences: LicenceReport | null = null;
  return {
    'help.list': (input) => ({ articles: help.list(input.language) }),
    'help.get': (input) => {
      const article = help.get(input.language, input.slug);
      if (!article) throw notFound(`The help article ${input.slug}`);
      return article;
    },
    'help.about': (_input, ctx) => {
      const session = ctx.auth();
      licences ??= readLicences(deps.appRoot);
      return {
        version: deps.appVersion,
        builtAt: licences.generatedAt,
        // where the data lives says something about the machine: for the people who run it
        dataDir: session.isPlatformAdmin || roleAtLeast(session.role, 'admin') ? deps.dataDir : null,
        secretStore: { ...deps.secrets.status },
        licences: licences.packages,
      };
    },
  };
}
