import type Database from 'better-sqlite3';
import { uuidv7 } from '../../../../db';
import {
  legacyMessage,
  type Message,
  type Provider,
  type ProviderKind,
  type ProviderVoice,
} from '../../../contract';
import { AppError, notFound } from '../../lib/errors';
import { said } from '../../lib/message';
import {
  emptyAllowList,
  OutboundBlockedError,
  resolveOutbound,
  staticRefusal,
  urlTarget,
  type OutboundAllowList,
} from '../../lib/outbound-guard';
import type { SecretStore } from '../../secrets/secret-store';
import {
  createClient,
  effectiveBaseUrl,
  OpenAiChatModel,
  providerErrorSaid,
  toProviderError,
  type ProviderConnection,
} from '../models/openai-model';

interface ProviderRow {
  id: string;
  tenant_id: string;
  kind: ProviderKind;
  name: string;
  base_url: string | null;
  models: string;
  has_key: number;
  azure_api_version: string | null;
  last_test: string | null;
  transcription_model: string | null;
  speech_model: string | null;
  speech_voice: string | null;
  created_at: number;
  updated_at: number;
}

export interface SaveProvider {
  id?: string;
  kind: ProviderKind;
  name: string;
  baseUrl?: string;
  apiKey?: string;
  models: string[];
  azureApiVersion?: string;
  /** Voice settings; undefined keeps them. */
  voice?: ProviderVoice;
}

const secretKey = (tenantId: string, providerId: string) => `tenant:${tenantId}:provider:${providerId}`;

/** The typed refusal of a provider address (the UI offers the platform admin to allow it). */
function refusedAddress(error: OutboundBlockedError): AppError {
  return new AppError('VALIDATION', error.message, {
    field: 'baseUrl',
    reason: error.reason === 'blocked_address' ? 'blocked_address' : 'invalid_url',
  });
}

/** A stored connection test; one from before messages has its English as `message`. */
function storedTest(json: string): Provider['lastTest'] {
  const test = JSON.parse(json) as Omit<NonNullable<Provider['lastTest']>, 'message' | 'text'> & {
    message: Message | string;
    text?: string;
  };
  return typeof test.message === 'string'
    ? { ...test, message: legacyMessage(test.message), text: test.message }
    : { ...test, message: test.message, text: test.text ?? '' };
}

function toProvider(row: ProviderRow): Provider {
  return {
    id: row.id,
    kind: row.kind,
    name: row.name,
    baseUrl: row.base_url,
    models: JSON.parse(row.models) as string[],
    hasKey: row.has_key === 1,
    azureApiVersion: row.azure_api_version,
    createdAt: row.created_at,
    lastTest: row.last_test ? storedTest(row.last_test) : null,
    voice: {
      transcriptionModel: row.transcription_model,
      speechModel: row.speech_model,
      speechVoice: row.speech_model ? row.speech_voice : null,
    },
  };
}

/** Model providers of a tenant. Their keys go to the SecretStore; the row only says one exists. */
export class ProvidersService {
  private readonly byId;

  constructor(
    private readonly sqlite: Database.Database,
    private readonly secrets: SecretStore,
    private readonly allowList: OutboundAllowList = emptyAllowList,
  ) {
    this.byId = sqlite.prepare<[string, string], ProviderRow>(
      'SELECT * FROM providers WHERE tenant_id = ? AND id = ?',
    );
  }

  list(tenantId: string): Provider[] {
    return (
      this.sqlite
        .prepare('SELECT * FROM providers WHERE tenant_id = ? ORDER BY name')
        .all(tenantId) as ProviderRow[]
    ).map(toProvider);
  }

  get(tenantId: string, providerId: string): Provider | null {
    const row = this.byId.get(tenantId, providerId);
    return row ? toProvider(row) : null;
  }

  /** Row version, so cached clients are rebuilt after a change. */
  revision(tenantId: string, providerId: string): number | null {
    return this.byId.get(tenantId, providerId)?.updated_at ?? null;
  }

  save(tenantId: string, input: SaveProvider, now: number): Provider {
    const existing = input.id ? this.byId.get(tenantId, input.id) : undefined;
    if (input.id && !existing) throw notFound('That provider');
    if ((input.kind === 'azure' || input.kind === 'compatible') && !input.baseUrl) {
      throw new AppError('VALIDATION', 'This kind of provider needs its base URL.', {
        field: 'baseUrl',
        reason: 'base_url_required',
      });
    }
    this.checkAddress(input);
    const id = existing?.id ?? uuidv7(now);
    let hasKey = existing ? existing.has_key === 1 : false;
    if (input.apiKey !== undefined) {
      if (input.apiKey === '') {
        this.secrets.delete(secretKey(tenantId, id));
        hasKey = false;
      } else {
        this.secrets.set(secretKey(tenantId, id), input.apiKey);
        hasKey = true;
      }
    }
    const values = {
      id,
      tenantId,
      kind: input.kind,
      name: input.name,
      baseUrl: input.baseUrl ?? null,
      models: JSON.stringify(input.models),
      hasKey: hasKey ? 1 : 0,
      azureApiVersion: input.azureApiVersion ?? null,
      transcriptionModel: input.voice
        ? input.voice.transcriptionModel
        : (existing?.transcription_model ?? null),
      speechModel: input.voice ? input.voice.speechModel : (existing?.speech_model ?? null),
      speechVoice: input.voice?.speechModel
        ? input.voice.speechVoice
        : input.voice
          ? null
          : (existing?.speech_voice ?? null),
      now,
    };
    if (existing) {
      this.sqlite
        .prepare(
          `UPDATE providers SET kind = @kind, name = @name, base_url = @baseUrl, models = @models, has_key = @hasKey,
             azure_api_version = @azureApiVersion, transcription_model = @transcriptionModel,
             speech_model = @speechModel, speech_voice = @speechVoice, updated_at = @now
           WHERE tenant_id = @tenantId AND id = @id`,
        )
        .run(values);
    } else {
      this.sqlite
        .prepare(
          `INSERT INTO providers (id, tenant_id, kind, name, base_url, models, has_key, azure_api_version,
             transcription_model, speech_model, speech_voice, created_at, updated_at)
           VALUES (@id, @tenantId, @kind, @name, @baseUrl, @models, @hasKey, @azureApiVersion,
             @transcriptionModel, @speechModel, @speechVoice, @now, @now)`,
        )
        .run(values);
    }
    return this.get(tenantId, id)!;
  }

  /**
   * Refuses, before anything is stored, an address on this machine or a private network that the
   * installation does not allow (as far as it can be told without DNS; names are resolved and
   * checked at every use).
   */
  private checkAddress(input: Pick<SaveProvider, 'kind' | 'baseUrl'>): void {
    const url = effectiveBaseUrl({ kind: input.kind, baseUrl: input.baseUrl ?? null });
    if (!url) return;
    try {
      const target = urlTarget(url);
      const refusal = staticRefusal(target, { allowList: this.allowList });
      if (refusal) throw refusal;
      if (target.url.username || target.url.password)
        throw new AppError('VALIDATION', 'Put no user name or password in the base URL.', {
          field: 'baseUrl',
          reason: 'url_credentials',
        });
    } catch (error) {
      if (error instanceof OutboundBlockedError) throw refusedAddress(error);
      throw error;
    }
  }

  delete(tenantId: string, providerId: string): void {
    if (!this.byId.get(tenantId, providerId)) throw notFound('That provider');
    this.sqlite.prepare('DELETE FROM providers WHERE tenant_id = ? AND id = ?').run(tenantId, providerId);
    this.secrets.delete(secretKey(tenantId, providerId));
  }

  /** Before the organisation is deleted: its providers' API keys leave the SecretStore. */
  forgetTenantSecrets(tenantId: string): void {
    const ids = this.sqlite
      .prepare<{ tenantId: string }, { id: string }>('SELECT id FROM providers WHERE tenant_id = @tenantId')
      .all({ tenantId });
    for (const { id } of ids) this.secrets.delete(secretKey(tenantId, id));
  }

  connection(tenantId: string, providerId: string): ProviderConnection | null {
    const row = this.byId.get(tenantId, providerId);
    if (!row) return null;
    return {
      kind: row.kind,
      baseUrl: row.base_url,
      apiKey: row.has_key === 1 ? this.secrets.get(secretKey(tenantId, providerId)) : null,
      azureApiVersion: row.azure_api_version,
    };
  }

  /**
   * The provider voice uses (issue 13): the first by name with a transcription model, with its
   * connection; null when the tenant has none (the widget then says voice is unavailable).
   */
  voiceProvider(
    tenantId: string,
  ): { providerId: string; revision: number; connection: ProviderConnection; voice: ProviderVoice } | null {
    const row = this.sqlite
      .prepare<{ tenantId: string }, ProviderRow>(
        `SELECT * FROM providers WHERE tenant_id = @tenantId AND transcription_model IS NOT NULL
         ORDER BY name, id LIMIT 1`,
      )
      .get({ tenantId });
    if (!row) return null;
    const connection = this.connection(tenantId, row.id);
    if (!connection) return null;
    return { providerId: row.id, revision: row.updated_at, connection, voice: toProvider(row).voice };
  }

  /** A one-token completion with the first model; the outcome is kept for the providers page. */
  async test(
    tenantId: string,
    providerId: string,
    now: () => number,
  ): Promise<{ ok: boolean; latencyMs: number | null; message: Message; text: string; models: string[] }> {
    const connection = this.connection(tenantId, providerId);
    const provider = this.get(tenantId, providerId);
    if (!connection || !provider) throw notFound('That provider');
    // checked (and resolved) before the key is sent anywhere; the client checks again and pins
    const url = effectiveBaseUrl(connection);
    if (url) {
      try {
        await resolveOutbound(urlTarget(url), { allowList: this.allowList });
      } catch (error) {
        if (error instanceof OutboundBlockedError && error.reason !== 'unresolvable')
          throw refusedAddress(error);
      }
    }
    const started = performance.now();
    let outcome: { ok: boolean; latencyMs: number | null; message: Message; text: string; models: string[] };
    try {
      const model = new OpenAiChatModel(createClient(connection, this.allowList));
      await model.complete({
        model: provider.models[0]!,
        messages: [{ role: 'user', content: 'Reply with the single word: ok' }],
        temperature: 0,
        maxTokens: 5,
        signal: AbortSignal.timeout(20_000),
      });
      const latencyMs = Math.round(performance.now() - started);
      outcome = {
        ok: true,
        latencyMs,
        // how fast, not what it said: the answer is the server's, and it is not shown
        ...said(
          'providers.test.answered',
          { model: provider.models[0]!, ms: latencyMs },
          `${provider.models[0]} answered in ${latencyMs} ms.`,
        ),
        models: provider.models,
      };
    } catch (error) {
      const failure = toProviderError(error, connection.apiKey);
      // a second DNS answer inside the network: refused like the first check
      if (failure.reason === 'blocked_address')
        throw new AppError('VALIDATION', failure.message, { field: 'baseUrl', reason: 'blocked_address' });
      outcome = {
        ok: false,
        latencyMs: null,
        ...providerErrorSaid(failure),
        models: provider.models,
      };
    }
    this.sqlite.prepare('UPDATE providers SET last_test = ? WHERE tenant_id = ? AND id = ?').run(
      JSON.stringify({
        at: now(),
        ok: outcome.ok,
        latencyMs: outcome.latencyMs,
        message: outcome.message,
        text: outcome.text,
      }),
      tenantId,
      providerId,
    );
    return outcome;
  }
}
