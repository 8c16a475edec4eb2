/**
 * The contract's vocabulary: every list of values it knows (roles, statuses, kinds, severities,
 * strategies, codes ...) as a plain `as const` array with its union type, and the few plain constants
 * beside them. The contract's schemas are built from these lists (`z.enum(roles)`), so each list is
 * written once.
 *
 * This file imports nothing (not even zod): the renderer may import it as values (DESIGN import
 * rules), and a list added to here reaches its type-check, e.g. a `Record<Strategy, string>` of
 * labels that misses the new value no longer compiles.
 */

// ── Errors ──────────────────────────────────────────────────────────────────────────────────────

export const errorCodes = [
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'NOT_FOUND',
  'VALIDATION',
  'CONFLICT',
  'RATE_LIMITED',
  'QUOTA_EXCEEDED',
  'UNAVAILABLE',
  'INTERNAL',
] as const;
export type ErrorCode = (typeof errorCodes)[number];

// ── People, tenants, sessions ───────────────────────────────────────────────────────────────────

/** Tenant roles from least to most privileged. Platform admin is a user flag, not a tenant role. */
export const roles = ['viewer', 'operator', 'admin', 'owner'] as const;
export type Role = (typeof roles)[number];

export const tenantStatuses = ['active', 'suspended'] as const;
export type TenantStatus = (typeof tenantStatuses)[number];

export const plans = ['starter', 'pro', 'enterprise'] as const;
export type Plan = (typeof plans)[number];

export const memberStatuses = ['invited', 'active', 'disabled'] as const;
export type MemberStatus = (typeof memberStatuses)[number];

/** Why a session ended (the `session.ended` event). */
export const sessionEndReasons = ['logout', 'revoked', 'expired', 'disabled'] as const;
export type SessionEndReason = (typeof sessionEndReasons)[number];

/** The app's languages. */
export const languages = ['en', 'nl', 'nb'] as const;
export type Language = (typeof languages)[number];

export function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (languages as readonly string[]).includes(value);
}

/**
 * Currencies (ISO 4217) an organisation may see its costs and budgets in. Model providers price in
 * US dollars, so costs are counted in USD and converted with a rate the owner sets.
 */
export const currencies = ['USD', 'EUR', 'GBP', 'NOK', 'SEK', 'DKK', 'CHF', 'PLN', 'CAD', 'AUD'] as const;
export type Currency = (typeof currencies)[number];

/** An exchange rate from USD: above 0, at most this, with at most `usdRateDecimals` decimals. */
export const maxUsdRate = 1_000_000;
export const usdRateDecimals = 6;

// ── Audit ───────────────────────────────────────────────────────────────────────────────────────

/** How the audit hash chain can be broken (`audit.verify`). */
export const auditBreakReasons = ['altered', 'missing', 'reordered', 'truncated', 'unprotected'] as const;
export type AuditBreakReason = (typeof auditBreakReasons)[number];

// ── Health ──────────────────────────────────────────────────────────────────────────────────────

/** One check's result, in the health summary and the Guardian's checks. */
export const checkStatuses = ['ok', 'warn', 'critical'] as const;
export type CheckStatus = (typeof checkStatuses)[number];

/** The overall state of the installation's health summary and of a tenant's Guardian score. */
export const healthStatuses = ['healthy', 'degraded', 'unhealthy'] as const;
export type HealthStatus = (typeof healthStatuses)[number];

export const databaseStates = ['connected', 'error'] as const;
export type DatabaseState = (typeof databaseStates)[number];

// ── Marketplace templates ───────────────────────────────────────────────────────────────────────

export const templateCategories = [
  'customer_service',
  'sales_leads',
  'scheduling',
  'operations',
  'hr',
  'ecommerce',
  'finance',
  'marketing',
] as const;
export type TemplateCategory = (typeof templateCategories)[number];

/** How `templates.match` ranked the templates. */
export const templateMatchMethods = ['offline', 'model'] as const;
export type TemplateMatchMethod = (typeof templateMatchMethods)[number];

// ── Agents and their flows ──────────────────────────────────────────────────────────────────────

export const agentStatuses = ['draft', 'active', 'paused'] as const;
export type AgentStatus = (typeof agentStatuses)[number];

/**
 * An agent's flow: its size limits. The schema bounds every size so a hostile document is refused
 * before anything walks it.
 */
export const flowLimits = { nodes: 1000, edges: 5000, text: 20_000, shortText: 200, listItems: 200 } as const;

export const nodeTypes = [
  'trigger',
  'llm',
  'intent',
  'condition',
  'knowledge',
  'http',
  'set',
  'handoff',
  'approval',
  'reply',
] as const;
export type NodeType = (typeof nodeTypes)[number];

export const triggerKinds = ['chat', 'schedule', 'api'] as const;
export type TriggerKind = (typeof triggerKinds)[number];

/** Tools an llm node's model may call: search_knowledge looks up the tenant's knowledge base. */
export const llmTools = ['search_knowledge'] as const;
export type LlmTool = (typeof llmTools)[number];

export const httpMethods = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'] as const;
export type HttpMethod = (typeof httpMethods)[number];

export const problemCodes = [
  'missing_trigger',
  'duplicate_id',
  'dangling_edge',
  'invalid_handle',
  'unreachable',
  'missing_input',
  'unbounded_cycle',
  'unknown_variable',
  'invalid_expression',
  'invalid_template',
  'missing_provider',
  'invalid_cron',
  'invalid_url',
  'blocked_host',
  'empty_field',
] as const;
export type ProblemCode = (typeof problemCodes)[number];

export const problemSeverities = ['error', 'warning'] as const;
export type ProblemSeverity = (typeof problemSeverities)[number];

/** Variables every run has, besides node outputs and the flow's own variables. */
/** Variables every run has; `business` is the business profile ({{business.name}}, {{business.phone}} ...). */
export const builtinVariables = ['message', 'input', 'history', 'now', 'run', 'agent', 'business'] as const;
export type BuiltinVariable = (typeof builtinVariables)[number];

// ── Runs ────────────────────────────────────────────────────────────────────────────────────────

export const runStatuses = [
  'queued',
  'running',
  'waiting',
  'succeeded',
  /** Ended in a flow's hand-off step: a person answers from here (a ticket was opened). */
  'handed_over',
  'failed',
  'cancelled',
  'interrupted',
] as const;
export type RunStatus = (typeof runStatuses)[number];

export const runTriggers = ['chat', 'schedule', 'api', 'test'] as const;
export type RunTrigger = (typeof runTriggers)[number];

/** Why a run ended without success, for the UI to explain. */
export const runErrorCodes = [
  'budget_exceeded',
  'timeout',
  'provider_error',
  'step_limit',
  'invalid_flow',
  'blocked',
  'node_failed',
  'cancelled',
  'interrupted',
  'rejected',
] as const;
export type RunErrorCode = (typeof runErrorCodes)[number];

/** Who said a turn of a run's chat history. */
export const chatRoles = ['user', 'assistant'] as const;
export type ChatRole = (typeof chatRoles)[number];

export const runStepStatuses = ['ok', 'error', 'waiting'] as const;
export type RunStepStatus = (typeof runStepStatuses)[number];

// ── Model providers ─────────────────────────────────────────────────────────────────────────────

export const providerKinds = [
  'openai',
  'azure',
  'anthropic',
  'gemini',
  'ollama',
  'lmstudio',
  'compatible',
] as const;
export type ProviderKind = (typeof providerKinds)[number];

/** The built-in offline model's provider id and model name. */
export const localProviderId = 'local';
export const localModelName = 'mindframe-local';

// ── Guardian ────────────────────────────────────────────────────────────────────────────────────

export const strategies = [
  'retry_with_backoff',
  'failover_model',
  'pause_agent',
  'rollback_agent_version',
  'database_maintenance',
  'restore_backup',
] as const;
export type Strategy = (typeof strategies)[number];

export const autonomyModes = ['off', 'ask', 'automatic'] as const;
export type AutonomyMode = (typeof autonomyModes)[number];

export const checkIds = [
  'database',
  'integrity',
  'database_size',
  'wal',
  'disk',
  'backup_freshness',
  'agent_error_rate',
  'provider_availability',
  'event_loop',
  'memory',
  'scheduler_drift',
  'security_events',
  'log_errors',
] as const;
export type CheckId = (typeof checkIds)[number];

/** What a check about one thing is about. */
export const checkTargetTypes = ['agent', 'provider'] as const;
export type CheckTargetType = (typeof checkTargetTypes)[number];

export const actionStatuses = [
  'proposed',
  'rejected',
  'applied',
  'failed',
  'rolled_back',
  'expired',
] as const;
export type ActionStatus = (typeof actionStatuses)[number];

/** "ask" waited for a person; "automatic" was applied within the autonomy limits. */
export const actionModes = ['ask', 'automatic'] as const;
export type ActionMode = (typeof actionModes)[number];

/** What a Guardian action acts on. */
export const actionTargetTypes = ['agent', 'installation', 'run'] as const;
export type ActionTargetType = (typeof actionTargetTypes)[number];

export const historyRanges = ['24h', '7d', '30d'] as const;
export type HistoryRange = (typeof historyRanges)[number];

export const historyResolutions = ['minute', 'hour', 'day'] as const;
export type HistoryResolution = (typeof historyResolutions)[number];

// ── Incidents ───────────────────────────────────────────────────────────────────────────────────

/** Most severe first. */
export const severities = ['SEV1', 'SEV2', 'SEV3', 'SEV4'] as const;
export type Severity = (typeof severities)[number];

/** In the order an incident moves through them. */
export const incidentStatuses = ['open', 'acknowledged', 'mitigated', 'resolved', 'closed'] as const;
export type IncidentStatus = (typeof incidentStatuses)[number];

export const incidentSources = ['manual', 'guardian', 'security'] as const;
export type IncidentSource = (typeof incidentSources)[number];

export const timelineKinds = [
  'opened',
  'status',
  'severity',
  'assigned',
  'note',
  'escalated',
  'guardian',
  'postmortem',
  'recovered',
] as const;
export type TimelineKind = (typeof timelineKinds)[number];

// ── Notifications ───────────────────────────────────────────────────────────────────────────────

/** What can cause a notification. */
export const notifyEvents = [
  'incident.opened',
  'incident.escalated',
  'incident.resolved',
  'guardian.proposed',
  'guardian.applied',
  'health.critical',
  /** A flow handed a conversation to a person: a ticket opened (issue 14). */
  'ticket.handoff',
  /** A ticket missed its first response or resolution target. */
  'ticket.sla_breach',
  /** The customer wrote again while a person handles the conversation. */
  'ticket.customer_replied',
  /** The organisation used 80 % of a plan limit this period (conversations, runs, tokens; issue 16). */
  'billing.usage_warning',
  /** The organisation reached a plan limit this period: new ones wait for the next period or a bigger plan. */
  'billing.usage_limit',
] as const;
export type NotifyEvent = (typeof notifyEvents)[number];

/**
 * What else a notification in the app can be about besides a rule's event: `test`, or
 * `account.security` (a change to the recipient's own account).
 */
export const extraNotificationEvents = ['test', 'account.security'] as const;
export type ExtraNotificationEvent = (typeof extraNotificationEvents)[number];

export const notifyChannels = ['desktop', 'email', 'webhook'] as const;
export type NotifyChannel = (typeof notifyChannels)[number];

/** The e-mails the core writes (main/core/lib/mail-templates): each in HTML and plain text, en/nl/nb. */
export const mailTemplates = [
  'welcome',
  'invitation',
  'password_reset',
  'handoff',
  'sla_breach',
  'incident_alert',
  'weekly_report',
  'notification',
  'insight_report',
] as const;
export type MailTemplateName = (typeof mailTemplates)[number];

// ── Logs ────────────────────────────────────────────────────────────────────────────────────────

/** Least severe first. */
export const logLevels = ['trace', 'debug', 'info', 'warn', 'error', 'fatal'] as const;
export type LogLevel = (typeof logLevels)[number];

// ── Backups, secrets, tenant transfer ───────────────────────────────────────────────────────────

export const backupKinds = ['scheduled', 'manual', 'pre-migration', 'pre-restore'] as const;
export type BackupKind = (typeof backupKinds)[number];

/** Why a backup cannot be used, for the UI to say in the user's language (reason has the details). */
export const backupProblemCodes = [
  'missing',
  'unreadable',
  'not_a_backup',
  'truncated',
  'damaged',
  'newer_version',
  'no_key',
  'wrong_key',
  'decrypt_failed',
  'integrity',
  'mismatch',
  /** Its data expands beyond the size its manifest states (a decompression bomb). */
  'oversized',
  /** The disk has less free space than the backup's database needs. */
  'no_space',
] as const;
export type BackupProblemCode = (typeof backupProblemCodes)[number];

/** Why backups cannot be written to a folder. */
export const folderProblemCodes = [
  'not_absolute',
  'missing',
  'not_folder',
  'unreachable',
  'not_writable',
] as const;
export type FolderProblemCode = (typeof folderProblemCodes)[number];

export const verificationStatuses = ['verified', 'failed', 'unverified'] as const;
export type VerificationStatus = (typeof verificationStatuses)[number];

export const backupOperations = ['backup', 'verify', 'restore'] as const;
export type BackupOperation = (typeof backupOperations)[number];

export const backupPhases = [
  'copying',
  'compressing',
  'verifying',
  'restoring',
  'migrating',
  'restarting',
] as const;
export type BackupPhase = (typeof backupPhases)[number];

/** Where secrets are kept: the OS keychain, or an encrypted file. */
export const secretStores = ['keychain', 'file'] as const;
export type SecretStore = (typeof secretStores)[number];

/** Where the encrypted secret file's key comes from. */
export const secretKeySources = ['environment', 'file-beside-data'] as const;
export type SecretKeySource = (typeof secretKeySources)[number];

export const transferDirections = ['export', 'import'] as const;
export type TransferDirection = (typeof transferDirections)[number];

export const transferPhases = ['reading', 'writing', 'checking', 'done'] as const;
export type TransferPhase = (typeof transferPhases)[number];

// ── API keys ────────────────────────────────────────────────────────────────────────────────────

/** What an API key may do. Each scope allows exactly the methods listed in `apiKeyScopeMethods`. */
export const apiKeyScopes = [
  'agents:run',
  'agents:read',
  'runs:read',
  'analytics:read',
  'events:write',
  'logs:read',
  'search:read',
] as const;
export type ApiKeyScope = (typeof apiKeyScopes)[number];

export const apiKeyStatuses = ['active', 'grace', 'expired', 'revoked'] as const;
export type ApiKeyStatus = (typeof apiKeyStatuses)[number];

/** Levels of a custom event another system sends over `POST /api/v1/events`. */
export const customEventLevels = ['info', 'warn', 'error'] as const;
export type CustomEventLevel = (typeof customEventLevels)[number];

// ── Security ────────────────────────────────────────────────────────────────────────────────────

export const securitySeverities = ['low', 'medium', 'high', 'critical'] as const;
export type SecuritySeverity = (typeof securitySeverities)[number];

/** What the threat detection knows about. Hosts and core services report through the monitor. */
export const securityEventKinds = [
  'login_failed_burst',
  'credential_stuffing',
  'new_device_login',
  'privilege_change',
  'api_usage_spike',
  'injection_pattern',
  'csrf_failure',
  'origin_failure',
  'rate_limited',
  'ip_blocked',
  'revoked_key_used',
  'two_factor_disabled',
  'two_factor_reset',
  /** a Stripe webhook without a valid signature (issue 16) */
  'webhook_signature_invalid',
] as const;
export type SecurityEventKind = (typeof securityEventKinds)[number];

// ── Channels and conversations ──────────────────────────────────────────────────────────────────

/** How customers reach an agent: the website chat (widget and hosted page) or an e-mail mailbox. */
export const channelKinds = ['web', 'email'] as const;
export type ChannelKind = (typeof channelKinds)[number];

/** Where an e-mail channel's transport stands (see emailTransportStatusSchema). */
export const emailTransportStates = ['stopped', 'connecting', 'listening', 'retrying'] as const;
export type EmailTransportState = (typeof emailTransportStates)[number];

/** Where a conversation stands: the agent answers, a person should answer, or it is over. */
export const conversationStatuses = ['open', 'waiting_for_person', 'closed'] as const;
export type ConversationStatus = (typeof conversationStatuses)[number];

/** Who said a message of a conversation. */
export const conversationRoles = ['customer', 'agent', 'person', 'system'] as const;
export type ConversationRole = (typeof conversationRoles)[number];

/** The tone of a customer's message, from a sentiment lexicon of its language. */
export const sentiments = ['positive', 'neutral', 'negative'] as const;
export type Sentiment = (typeof sentiments)[number];

/** The customer's thumbs at the end of a conversation. */
export const conversationRatings = ['up', 'down'] as const;
export type ConversationRating = (typeof conversationRatings)[number];

// ── Tickets (the Inbox) ─────────────────────────────────────────────────────────────────────────

/** A customer's question (a conversation's hand-off, by hand) or a tenant's question to the platform's own support. */
export const ticketKinds = ['customer', 'platform'] as const;
export type TicketKind = (typeof ticketKinds)[number];

/** In the order a ticket usually moves through them. */
export const ticketStatuses = ['new', 'open', 'waiting_on_customer', 'solved', 'closed'] as const;
export type TicketStatus = (typeof ticketStatuses)[number];

/** Least urgent first. */
export const ticketPriorities = ['low', 'normal', 'high', 'urgent'] as const;
export type TicketPriority = (typeof ticketPriorities)[number];

/** How a ticket was opened: a flow's hand-off step, by hand, from a conversation, by the operator assistant. */
export const ticketSources = ['handoff', 'manual', 'conversation', 'assistant'] as const;
export type TicketSource = (typeof ticketSources)[number];

/** What a ticket's timeline records. */
export const ticketEventKinds = [
  'opened',
  'status',
  'priority',
  'assigned',
  'queue',
  'tags',
  'subject',
  'note',
  'reply',
  'customer_replied',
  'taken_over',
  'handed_back',
  'sla_breach',
] as const;
export type TicketEventKind = (typeof ticketEventKinds)[number];

/** Where a ticket stands against its SLA (first response, then resolution). */
export const ticketSlaStates = ['none', 'ok', 'due_soon', 'breached', 'met'] as const;
export type TicketSlaState = (typeof ticketSlaStates)[number];

/** Which SLA target a breach is about. */
export const ticketSlaTargets = ['first_response', 'resolution'] as const;
export type TicketSlaTarget = (typeof ticketSlaTargets)[number];

/** The Inbox's views. */
export const ticketViews = ['all', 'mine', 'unassigned', 'breached'] as const;
export type TicketView = (typeof ticketViews)[number];

/** Who answers a conversation now: its agent, or a person (after a hand-off, until handed back). */
export const conversationHandlers = ['agent', 'person'] as const;
export type ConversationHandler = (typeof conversationHandlers)[number];

/** Days of the week as business hours name them (Monday first). */
export const weekdays = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type Weekday = (typeof weekdays)[number];

// ── The business profile ────────────────────────────────────────────────────────────────────────

/**
 * The business's details a flow can use as {{business.<detail>}} (profile.get / profile.save);
 * templates declare which of them they use.
 */
export const businessDetails = [
  'name',
  'description',
  'website',
  'phone',
  'email',
  'address',
  'openingHours',
  'holidays',
  'bookingLink',
  'languages',
  'timeZone',
  'currency',
] as const;
export type BusinessDetail = (typeof businessDetails)[number];

// ── Global search (issue 15) ───────────────────────────────────────────────────────────────────

/** What `search.query` finds: records of the tenant, log lines and help articles. */
export const searchKinds = [
  'agent',
  'template',
  'run',
  'conversation',
  'ticket',
  'incident',
  'member',
  'log',
  'help',
] as const;
export type SearchKind = (typeof searchKinds)[number];

// ── Onboarding (issue 15) ──────────────────────────────────────────────────────────────────────

/** The onboarding wizard's steps, in order (onboarding.get); the dashboard's "Get started" list. */
export const onboardingSteps = [
  'language',
  'profile',
  'answers',
  'agent',
  'channel',
  'backups',
  'team',
] as const;
export type OnboardingStep = (typeof onboardingSteps)[number];
