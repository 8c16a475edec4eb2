import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { CheckboxField } from '../../components/Field';
import type { KnowledgeCollection } from '../../contract';
import { useErrorMessage } from '../../i18n/error-message';
import { useFormat } from '../../i18n/format';
import { useLoad } from '../../lib/use-load';
import { transport } from '../../transport';

/**
 * What the agent's settings load for its knowledge: the tenant's collections and the ones the
 * agent answers from (null: every document, the default of a new agent).
 */
export function useAgentKnowledge(agentId: string) {
  return useLoad(async () => {
    const [collections, chosen] = await Promise.all([
      transport.call('knowledge.collections', {}),
      transport.call('agents.knowledge', { agentId }),
    ]);
    return { collections: collections.collections, chosen: chosen.collections };
  }, `agent-knowledge:${agentId}`);
}

/** Saves the choice when it changed. */
export async function saveAgentKnowledge(
  agentId: string,
  before: string[] | null,
  after: string[] | null,
): Promise<void> {
  const same =
    before === after ||
    (before !== null &&
      after !== null &&
      before.length === after.length &&
      before.every((id) => after.includes(id)));
  if (!same) await transport.call('agents.setKnowledge', { agentId, collections: after });
}

/** "Answers from": every document, or only the ticked collections. */
export function AgentKnowledgeField({
  collections,
  value,
  onChange,
  error,
}: {
  collections: KnowledgeCollection[] | undefined;
  value: string[] | null;
  onChange(value: string[] | null): void;
  error?: Parameters<ReturnType<typeof useErrorMessage>>[0];
}) {
  const { t } = useTranslation();
  const message = useErrorMessage();
  const { number } = useFormat();
  const name = useId();
  const hint = useId();
  return (
    <fieldset className="flex flex-col gap-2" aria-describedby={hint}>
      <legend className="text-sm font-medium text-slate-800">{t('knowledge.agent.legend')}</legend>
      <p id={hint} className="text-sm text-slate-500">
        {t('knowledge.agent.hint')}
      </p>
      {error ? (
        <p role="alert" className="text-sm text-red-700">
          {message(error)}
        </p>
      ) : !collections ? (
        <p className="text-sm text-slate-500">{t('knowledge.collections.loading')}</p>
      ) : (
        <>
          <label className="flex items-center gap-2 text-sm text-slate-800">
            <input
              type="radio"
              name={name}
              className="size-4 accent-indigo-600"
              checked={value === null}
              onChange={() => onChange(null)}
            />
            {t('knowledge.agent.all')}
          </label>
          <label className="flex items-center gap-2 text-sm text-slate-800">
            <input
              type="radio"
              name={name}
              className="size-4 accent-indigo-600"
              checked={value !== null}
              disabled={collections.length === 0}
              onChange={() => onChange(collections.map((c) => c.id))}
            />
            {t('knowledge.agent.some')}
          </label>
          {collections.length === 0 ? (
            <p className="pl-6 text-sm text-slate-500">{t('knowledge.agent.noCollections')}</p>
          ) : (
            value !== null && (
              <div className="flex flex-col gap-1.5 pl-6">
                {collections.map((c) => (
                  <CheckboxField
                    key={c.id}
                    label={c.name}
                    hint={t('knowledge.agent.docs', { count: c.docCount, formatted: number(c.docCount) })}
                    checked={value.includes(c.id)}
                    onChange={(event) =>
                      onChange(event.target.checked ? [...value, c.id] : value.filter((id) => id !== c.id))
                    }
                  />
                ))}
                {value.length === 0 && (
                  <p className="text-sm text-amber-800">{t('knowledge.agent.noneChosen')}</p>
                )}
              </div>
            )
          )}
        </>
      )}
    </fieldset>
  );
}
