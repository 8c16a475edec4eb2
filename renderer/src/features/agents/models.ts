import type { TFunction } from 'i18next';
import { localModelName, localProviderId, type ModelRef, type Provider } from '../../contract';

export interface ModelOption {
  value: string;
  label: string;
  ref: ModelRef;
}

export const encodeModel = (ref: ModelRef) => `${ref.providerId}::${ref.model}`;

export function decodeModel(value: string): ModelRef | null {
  const at = value.indexOf('::');
  if (at <= 0) return null;
  return { providerId: value.slice(0, at), model: value.slice(at + 2) };
}

export const isLocalModel = (ref: ModelRef | null | undefined) => ref?.providerId === localProviderId;

/** The built-in offline model is named honestly; other models as "provider · model". */
export function modelLabel(t: TFunction, ref: ModelRef, providers: readonly Provider[]): string {
  if (isLocalModel(ref)) {
    return ref.model === localModelName ? t('models.local') : `${t('models.local')} · ${ref.model}`;
  }
  const provider = providers.find((p) => p.id === ref.providerId);
  return provider ? `${provider.name} · ${ref.model}` : t('models.unknownProvider', { model: ref.model });
}

/** "local/mindframe-local" as the run steps name the model that answered. */
export function stepModelLabel(t: TFunction, model: string, providers: readonly Provider[]): string {
  const slash = model.indexOf('/');
  if (slash <= 0) return model;
  return modelLabel(t, { providerId: model.slice(0, slash), model: model.slice(slash + 1) }, providers);
}

/** Every model the tenant can pick: the offline one first, then each provider's models. */
export function modelOptions(
  t: TFunction,
  providers: readonly Provider[],
  localModels: readonly string[],
  current?: ModelRef | null,
): ModelOption[] {
  const refs: ModelRef[] = [
    ...(localModels.length > 0 ? localModels : [localModelName]).map((model) => ({
      providerId: localProviderId,
      model,
    })),
    ...providers.flatMap((provider) => provider.models.map((model) => ({ providerId: provider.id, model }))),
  ];
  if (current && !refs.some((ref) => encodeModel(ref) === encodeModel(current))) refs.push(current);
  return refs.map((ref) => ({ value: encodeModel(ref), label: modelLabel(t, ref, providers), ref }));
}
