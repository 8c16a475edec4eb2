import { localModelName, localProviderId, type ModelRef } from '../../../contract';
import { AppError } from '../../lib/errors';
import { emptyAllowList, type OutboundAllowList } from '../../lib/outbound-guard';
import { createClient, OpenAiChatModel } from '../models/openai-model';
import type { ChatModel } from '../models/types';
import type { ResolvedModel } from '../runtime/model-chain';
import type { ProvidersService } from './providers-service';

/** Finds the client for a model reference: the offline model, or a tenant's provider. */
export class ModelRegistry {
  private readonly clients = new Map<string, { revision: number; model: ChatModel }>();

  constructor(
    private readonly providers: ProvidersService,
    private readonly localModel: ChatModel,
    private readonly allowList: OutboundAllowList = emptyAllowList,
  ) {}

  isAvailable(tenantId: string, ref: ModelRef): boolean {
    if (ref.providerId === localProviderId) return ref.model === localModelName;
    return this.providers.get(tenantId, ref.providerId)?.models.includes(ref.model) ?? false;
  }

  resolve(tenantId: string, ref: ModelRef): ResolvedModel {
    if (ref.providerId === localProviderId)
      return { ref, label: `local/${localModelName}`, model: this.localModel };
    const provider = this.providers.get(tenantId, ref.providerId);
    const revision = this.providers.revision(tenantId, ref.providerId);
    const connection = this.providers.connection(tenantId, ref.providerId);
    if (!provider || revision === null || !connection) {
      throw new AppError('UNAVAILABLE', `The model provider of ${ref.model} is not configured any more.`, {
        reason: 'model_provider_missing',
        params: { model: ref.model },
      });
    }
    const label = `${provider.name}/${ref.model}`;
    const key = `${tenantId}:${ref.providerId}`;
    const cached = this.clients.get(key);
    if (cached && cached.revision === revision) return { ref, label, model: cached.model };
    const model = new OpenAiChatModel(createClient(connection, this.allowList));
    this.clients.set(key, { revision, model });
    return { ref, label, model };
  }
}
