/**
 * No prose from the core: whatever the core says to a person (a check's finding, an incident's
 * title and timeline, a test's result, a note in a run's trace) travels as a `Message`, a key and
 * its parameters, and the renderer says it in the user's language from `messages.<key>` of its
 * catalogue (a key with a `count` parameter has `_one` / `_other` forms). A refusal is an error
 * with a code and a machine-readable `reason` (with `params` where the sentence needs them), said
 * from `errors.reasons.<reason>`.
 *
 * This file imports nothing but flow-messages.ts (not even zod): the renderer imports its lists as
 * values, and a test fails when a key here has no translation in every language.
 */
import { flowMessageKeys } from './flow-messages';

export { flowMessageKeys, type FlowMessageKey } from './flow-messages';

/** A parameter of a message: plain values only, so a message survives JSON and the database. */
export type MessageParam = string | number | boolean | null;
export type MessageParams = Record<string, MessageParam>;

export interface Message {
  key: string;
  params?: MessageParams;
}

/**
 * Every message the core says. Parameters by key (numbers stay numbers: the renderer formats them
 * for the language):
 */
export const messageKeys = [
  /** `{ text }`: a sentence stored before messages existed (old rows), shown as it was written. */
  'legacy.text',

  // Guardian checks (GuardianCheck.message)
  'guardian.database.ok',
  /** SQLite's words (English) stay in the check's text and the log. */
  'guardian.database.failed',
  'guardian.integrity.not_run',
  'guardian.integrity.passed_quick',
  'guardian.integrity.passed_full',
  /** SQLite's integrity_check words (English) stay in the check's text and the log. */
  'guardian.integrity.damaged',
  /** `{ mib }` */
  'guardian.database_size',
  /** `{ mib }` */
  'guardian.wal',
  /** `{ mib }` free */
  'guardian.disk.full',
  /** `{ mib }` free */
  'guardian.disk.free',
  /** The system's words stay in the check's text and the log. */
  'guardian.disk.unknown',
  'guardian.backup.none',
  /** `{ hours }` */
  'guardian.backup.age',
  /** `{ ms }`: p99 */
  'guardian.event_loop',
  /** `{ mib }` */
  'guardian.memory',
  /** `{ ms }` */
  'guardian.scheduler_drift',
  /** `{ count }`: per minute */
  'guardian.log_errors',
  /** `{ minutes }` */
  'guardian.agents.idle',
  /** `{ agent, failed, count, percent, minutes }`: `failed` of `count` runs */
  'guardian.agents.error_rate',
  /** `{ provider }` */
  'guardian.provider.test_failed',
  /** `{ provider, minutes }` */
  'guardian.provider.idle',
  /** `{ provider, percent, count }`: calls */
  'guardian.provider.answered',
  /** `{ provider, percent, count, ms }` */
  'guardian.provider.answered_latency',
  /** `{ count, minutes }` */
  'guardian.security_events',
  /** `{ count, high, minutes }` */
  'guardian.security_events_high',

  // What a Guardian action does (GuardianAction.plan.messages): summaries and steps per strategy
  /** `{ count, agent }`: runs */
  'guardian.plan.retry.summary',
  /** `{ count }` */
  'guardian.plan.retry.start',
  'guardian.plan.retry.keep',
  /** `{ agent, model }` */
  'guardian.plan.failover.summary',
  /** `{ model }` */
  'guardian.plan.failover.primary',
  /** `{ model }` */
  'guardian.plan.failover.keep',
  /** `{ agent }` */
  'guardian.plan.pause.summary',
  'guardian.plan.pause.stop',
  /** `{ minutes }` */
  'guardian.plan.pause.probe',
  /** `{ version, agent }` */
  'guardian.plan.rollback.summary',
  /** `{ version }` */
  'guardian.plan.rollback.deploy',
  /** `{ version }` */
  'guardian.plan.rollback.keep',
  'guardian.plan.maintenance.summary',
  'guardian.plan.maintenance.checkpoint',
  'guardian.plan.maintenance.analyze',
  /** `{ percent }` */
  'guardian.plan.maintenance.vacuum',
  'guardian.plan.restore.summary',
  'guardian.plan.restore.copy',
  'guardian.plan.restore.stop',
  'guardian.plan.restore.replace',
  'guardian.plan.restore.loss',

  // What applying or undoing a Guardian action did, or why it could not (GuardianAction.outcomeMessage)
  /** `{ count }`: new runs */
  'guardian.outcome.retried',
  /** `{ agent }` */
  'guardian.outcome.no_fallback',
  /** `{ agent, model }` */
  'guardian.outcome.failed_over',
  /** `{ model }` */
  'guardian.outcome.failover_undone',
  /** `{ agent }` */
  'guardian.outcome.paused',
  /** `{ agent }` */
  'guardian.outcome.resumed',
  'guardian.outcome.no_good_version',
  /** `{ version, agent }` */
  'guardian.outcome.version_live',
  /** `{ version }` */
  'guardian.outcome.version_back',
  /** `{ free, pages }` */
  'guardian.outcome.compacted',
  'guardian.outcome.tidied',
  'guardian.outcome.no_backup',
  /** `{ file, safety }`: the restored backup and the pre-restore one */
  'guardian.outcome.restored',
  /** An unexpected error (its English is in the action's outcome and the log). */
  'guardian.outcome.failed',
  /** `{ agent }` */
  'guardian.outcome.probe_succeeded',
  /** `{ agent }` */
  'guardian.outcome.probe_failed',

  // Incidents the core opens (Incident.titleMessage, descriptionMessage)
  /** `{ inner, ...its params }`: "The Guardian found: <the check's message>" */
  'incidents.guardian_found',
  /** `{ kind: SecurityEventKind }` */
  'incidents.security.title',
  /** `{ kind }` */
  'incidents.security.description',
  /** `{ kind, ip }` */
  'incidents.security.description_ip',
  /** `{ process }`: a six-sigma process's control chart fired a rule */
  'incidents.quality.title',
  /** `{ process, rule: ControlChartRule, count, value, at }` */
  'incidents.quality.description',

  // Incident timelines (TimelineEntry.message)
  /** `{ severity, title }`: a person's title */
  'incidents.timeline.opened',
  /** `{ severity, inner, ...its params }`: the core's title */
  'incidents.timeline.opened_framed',
  /** `{ from, to }`: IncidentStatus */
  'incidents.timeline.status',
  /** `{ from, to }`: Severity */
  'incidents.timeline.severity',
  /** `{ name }` */
  'incidents.timeline.assigned',
  'incidents.timeline.unassigned',
  /** `{ name }`: the person it went to */
  'incidents.timeline.escalated_unacknowledged',
  /** `{ name }` */
  'incidents.timeline.escalated_unresolved',
  /** `{ inner, ...its params }`: the check's message, now ok */
  'incidents.timeline.recovered',
  /** `{ inner, ...its params }`: the plan's summary */
  'incidents.timeline.proposed',
  /** `{ inner, ...its params }`: the outcome */
  'incidents.timeline.applied',
  /** `{ inner, ...its params }`: the outcome */
  'incidents.timeline.apply_failed',
  /** `{ actor, inner, ...its params }`: the plan's summary */
  'incidents.timeline.rejected',
  /** `{ actor, inner, ...its params }`: the outcome */
  'incidents.timeline.rolled_back',
  /** `{ kind }` */
  'incidents.timeline.seen_again',
  /** `{ kind, ip }` */
  'incidents.timeline.seen_again_ip',
  /** `{ process, rule: ControlChartRule, count, value, at }`: a new control-chart firing of a six-sigma process */
  'incidents.timeline.quality_signal',

  /** `{ reason: ErrorReason, ...its params }`: a refusal said as errors.reasons.<reason> */
  'refused',
  // Why a backup operation failed (the backup.finished event)
  /** `{ problem: BackupProblemCode }` */
  'backups.problem',
  'backups.see_log',

  // An address the outbound guard refused
  /** `{ reason: 'invalid_url' | 'blocked_address' | 'unresolvable' }`: errors.reasons.<reason> */
  'outbound.refused',

  // Test notifications (notify.test)
  'notify.guardian.approval_needed',
  'notify.guardian.applied',
  /** `{ score }` */
  'notify.health.unhealthy',
  'notify.backup.failed',
  'notify.backup.verification_failed',
  /** `{ number }` */
  'notify.incident.opened',
  /** `{ number, name }` */
  'notify.incident.resolved',
  /** `{ number, severity }` */
  'notify.incident.escalated_unacknowledged',
  /** `{ number, severity }` */
  'notify.incident.escalated_unresolved',
  /** `{ number, subject }` */
  'notify.ticket.handoff_title',
  /** `{ number, queue }` */
  'notify.ticket.handoff',
  /** `{ number, subject }` */
  'notify.ticket.sla_breach_title',
  /** `{ number }` */
  'notify.ticket.sla_breach_first_response',
  /** `{ number }` */
  'notify.ticket.sla_breach_resolution',
  /** `{ number, subject }` */
  'notify.ticket.customer_replied_title',
  /** `{ number }` */
  'notify.ticket.customer_replied',
  /** `{ number, organisation, subject }`: a tenant's question to the platform's support */
  'notify.ticket.platform_title',
  /** `{ organisation }` */
  'notify.ticket.platform',
  /** `{ actor, email }` */
  'notify.account.two_factor_reset_by_owner',
  /** `{ actor, email }` */
  'notify.account.two_factor_reset_by_platform',
  'notify.account.two_factor_reset_title',
  'notify.account.two_factor_reset_next',
  'notify.account.not_you',
  'notify.billing.conversations_warning_title',
  'notify.billing.conversations_limit_title',
  'notify.billing.runs_warning_title',
  'notify.billing.runs_limit_title',
  'notify.billing.tokens_warning_title',
  'notify.billing.tokens_limit_title',
  /** `{ used, limit }` */
  'notify.billing.usage_warning',
  'notify.billing.usage_limit',
  /** What a customer reads when the organisation's plan has no room for their conversation this period. */
  'conversations.plan_limit_reply',
  'notify.test.title',
  'notify.test.body',
  'notify.test.desktop_sent',
  /** `{ count, recipients }` */
  'notify.test.email_sent',
  /** `{ status }` */
  'notify.test.webhook_answered',
  /** `{ status }` */
  'notify.test.webhook_answered_signed',
  /** `{ rule }` */
  'notify.test.rule_no_emails',
  /** `{ rule }` */
  'notify.test.rule_no_webhook',
  'notify.test.smtp_not_configured',
  // Why an e-mail did not go out (the server's own words are never shown)
  /** `{ recipients }` */
  'notify.smtp.rejected',
  'notify.smtp.auth',
  /** `{ host }` */
  'notify.smtp.unresolvable',
  /** `{ where }`: host:port */
  'notify.smtp.timeout',
  /** `{ where }` */
  'notify.smtp.tls',
  'notify.smtp.envelope',
  /** `{ where }` */
  'notify.smtp.connection_refused',
  /** `{ where }` */
  'notify.smtp.unreachable',
  /** `{ reply }`: the SMTP reply code */
  'notify.smtp.answered',
  'notify.smtp.failed',
  /** `{ code }`: nodemailer's error code */
  'notify.smtp.failed_code',
  // Why a webhook did not arrive (the receiver's answer is never read)
  /** `{ seconds }` */
  'notify.webhook.timeout',
  'notify.webhook.connection_refused',
  'notify.webhook.unresolvable',
  'notify.webhook.closed',
  /** `{ code }`: the TLS error code */
  'notify.webhook.certificate',
  /** `{ code }` */
  'notify.webhook.failed',
  /** `{ status }` */
  'notify.webhook.redirect',
  /** `{ status }` */
  'notify.webhook.answered',

  // Connection tests of model providers (providers.test, Provider.lastTest)
  /** `{ model, ms }` */
  'providers.test.answered',
  /** `{ status }`: the HTTP status (what the server wrote is never shown) */
  'providers.error.http_status',
  'providers.error.timeout',
  'providers.error.unreachable',
  /** `{ code }`: the network error code */
  'providers.error.unreachable_code',
  'providers.error.provider_error',
  'providers.error.bad_answer',
  'providers.error.needs_endpoint',
  'providers.error.needs_base_url',
  'providers.error.failed',

  // Notes in a run's trace (RunStep.noteMessages)
  /** `{ model }`: provider/model */
  'runs.note.fell_back',
  /** `{ model, inner, ...its params }`: the provider's failure */
  'runs.note.failed',
  /** `{ model, count, inner, ...its params }`: after `count` attempts */
  'runs.note.failed_after',
  /** `{ model, ms, inner, ...its params }` */
  'runs.note.retrying',
  'runs.note.estimated_tokens',
  /** `{ model }` */
  'runs.note.no_price',
  /** `{ tool, query, count }`: passages found */
  'runs.note.tool_call',
  /** `{ limit, edge }` */
  'runs.note.loop_limit',

  // The health summary's database check (HealthCheck.message; the others are the Guardian's)
  'health.database.ok',
  'health.database.ok_unchecked',

  // Why backups are not working (the Guardian's backup check)
  /** `{ problem: FolderProblemCode, path }` */
  'backups.folder_unusable',
  'backups.failed',
  /** `{ problem: BackupProblemCode }` */
  'backups.failed_because',
  /** `{ reason: ErrorReason, ...its params }` */
  'backups.failed_refused',
  /** `{ file, problem: BackupProblemCode }` */
  'backups.verification_failed',
  /** `{ file }` */
  'backups.verification_failed_unexplained',

  // Where an e-mail channel's transport stands (EmailTransportStatus.problem; never a server's words)
  'channels.email.not_configured',
  'channels.email.imap.no_password',
  'channels.email.imap.auth',
  /** `{ mailbox }`: the folder */
  'channels.email.imap.mailbox',
  /** `{ where }`: host:port */
  'channels.email.imap.refused',
  /** `{ host }` */
  'channels.email.imap.unresolvable',
  /** `{ where }` */
  'channels.email.imap.timeout',
  /** `{ where }` */
  'channels.email.imap.tls',
  /** `{ where }` */
  'channels.email.imap.dropped',
  /** `{ where }` */
  'channels.email.imap.unreachable',
  'channels.email.imap.failed',
  'channels.email.smtp.auth',
  /** `{ where }` */
  'channels.email.smtp.refused',
  /** `{ host }` */
  'channels.email.smtp.unresolvable',
  /** `{ where }` */
  'channels.email.smtp.timeout',
  /** `{ where }` */
  'channels.email.smtp.tls',
  /** `{ where }` */
  'channels.email.smtp.unreachable',
  'channels.email.smtp.rejected',
  'channels.email.smtp.failed',
  'channels.email.agent_unavailable',

  // The operator assistant's answers (issue 15); counts have _one / _other forms
  /** `{ score }` */
  'assistant.health.healthy',
  /** `{ score }` */
  'assistant.health.degraded',
  /** `{ score }` */
  'assistant.health.unhealthy',
  /** `{ count }`: checks that warn or fail */
  'assistant.health.attention',
  'assistant.health.all_ok',
  'assistant.backups.none',
  /** `{ count }` */
  'assistant.backups.last_minutes',
  /** `{ count }` */
  'assistant.backups.last_hours',
  /** `{ count }` */
  'assistant.backups.last_days',
  'assistant.backups.verified',
  'assistant.backups.unverified',
  'assistant.incidents.none',
  /** `{ count }` */
  'assistant.incidents.open',
  /** `{ number, severity, title }` (the title already in the conversation's language) */
  'assistant.incidents.item',
  'assistant.agents.none',
  /** `{ count, live, paused }` */
  'assistant.agents.summary',
  /** `{ names }` */
  'assistant.agents.live_names',
  /** `{ names }` */
  'assistant.agents.paused_names',
  /** `{ names }` */
  'assistant.agents.which',
  /** `{ agent }` */
  'assistant.agents.already_paused',
  /** `{ agent }` */
  'assistant.agents.not_live',
  /** `{ agent }` */
  'assistant.agents.not_paused',
  /** `{ agent }` */
  'assistant.agents.paused',
  /** `{ agent }` */
  'assistant.agents.resumed',
  /** `{ agent }` */
  'assistant.confirm.pause',
  /** `{ agent }` */
  'assistant.confirm.resume',
  'assistant.confirm.cancelled',
  'assistant.confirm.already',
  /** `{ count }` */
  'assistant.runs.today',
  /** `{ count }` */
  'assistant.runs.failed',
  /** `{ count }` */
  'assistant.conversations.today',
  /** `{ count }` */
  'assistant.conversations.to_person',
  /** `{ count }` */
  'assistant.conversations.waiting',
  /** `{ count }` */
  'assistant.tickets.open',
  /** `{ unassigned, breached, mine }` */
  'assistant.tickets.details',
  /** `{ role }` */
  'assistant.refused.role',
  'assistant.refused.platform_admin',
  'assistant.failed',
  'assistant.handoff.unsure',
  /** `{ number }` */
  'assistant.handoff.opened',
  'assistant.handoff.already',
  /** `{ count }` */
  'assistant.help.found',
  'assistant.topic.product',
  'assistant.topic.pricing',
  'assistant.topic.support',
  'assistant.topic.feature_request',
  'assistant.topic.billing',
  'assistant.topic.account',
  'assistant.topic.general',
  'assistant.topic.troubleshooting',
  'assistant.topic.demo',
  'assistant.topic.integration',
  'assistant.topic.security',
  'assistant.topic.custom_solution',

  // A flow's problems, mistakes in expressions and templates, why a run or a step failed
  ...flowMessageKeys,
] as const;
export type MessageKey = (typeof messageKeys)[number];

/**
 * Why a call was refused, machine-readable (`ContractError.reason`), for the UI to explain from
 * `errors.reasons.<reason>`; `params` of the error fill in the sentence.
 */
export const errorReasons = [
  'disk_full',
  'two_factor_required',
  'credentials_not_managed_here',
  'blocked_address',
  'private_network_admin_only',
  'invalid_host_port',
  'url_credentials',
  'invalid_url',
  'unresolvable',
  'unsafe_characters',
  'nesting_limit',
  'shutting_down',
  // refused by the served host before a method runs
  'csrf_invalid',
  'ip_not_allowed',
  'other_site',
  'request_too_large',
  'request_unreadable',
  // input the contract refuses (dispatch maps zod's issues to these)
  'required',
  /** `{ minimum }`: characters */
  'too_short',
  /** `{ maximum }`: characters */
  'too_long',
  /** `{ minimum }`: entries of a list */
  'too_few',
  /** `{ maximum }`: entries of a list */
  'too_many',
  /** `{ minimum }`: a number at least this */
  'too_small',
  /** `{ minimum }`: a number above this */
  'too_small_exclusive',
  /** `{ maximum }`: a number at most this */
  'too_big',
  /** `{ maximum }`: a number below this */
  'too_big_exclusive',
  'whole_number',
  'invalid_email',
  'invalid_format',
  'invalid_value',
  /** `{ field }`: a field the method does not take */
  'unknown_field',
  'duplicate_entries',
  'invalid_ip_range',
  // signing in, sessions and roles
  'wrong_credentials',
  'wrong_code',
  'wrong_recovery_code',
  'no_active_organisation',
  'invitation_invalid',
  'existing_account_password',
  'platform_admin_only',
  /** `{ role: Role }` */
  'role_required',
  /** `{ method }` */
  'api_key_scope',
  /** `{ ip }` */
  'allow_list_locks_you_out',
  'already_set_up',
  /** served mode: `serve --public-port` owns the public listener, not the setting */
  'public_listener_set_by_serve',
  // two-factor sign-in
  'two_factor_off',
  'two_factor_already_on',
  'two_factor_setup_expired',
  'two_factor_reset_own',
  'member_two_factor_off',
  // the team
  /** `{ role: Role }` */
  'role_not_grantable',
  'own_membership',
  /** `{ role: Role }`: the member's role */
  'member_outranks',
  'last_owner',
  'already_member',
  // account basics (issue 14)
  'wrong_current_password',
  'password_unchanged',
  'reset_link_expired',
  'reset_link_used',
  'reset_link_invalid',
  /** a reset link for a platform administrator's account is never made by an organisation */
  'platform_admin_account',
  /** the organisation is suspended by the platform administrator */
  'tenant_suspended',
  /** the typed name is not the organisation's name */
  'tenant_name_mismatch',
  /** the organisation this session works in */
  'tenant_is_current',
  'last_tenant',
  /** an invited person who has not joined cannot be given a reset link */
  'member_not_joined',
  // API keys
  'api_key_not_working',
  'api_key_already_rotated',
  // the Guardian
  'restore_needs_person',
  'installation_platform_admin',
  /** `{ status: GuardianActionStatus }` */
  'action_not_pending',
  'action_not_reversible',
  // incidents
  'assignee_not_member',
  /** `{ from, to }`: IncidentStatus */
  'incident_status_backwards',
  'postmortem_before_resolved',
  // agents and runs
  'run_not_waiting',
  /** `{ model }` */
  'model_not_offered',
  /** `{ model }` */
  'model_provider_missing',
  'agent_never_deployed',
  'base_url_required',
  // notifications
  'no_channel',
  'no_events',
  /** `{ address }` */
  'email_in_list_invalid',
  'webhook_url_credentials',
  'secret_needs_webhook',
  /** `{ timezone }` */
  'unknown_timezone',
  'quiet_hours_same',
  'smtp_host_invalid',
  'smtp_from_invalid',
  'password_needs_user',
  'test_email_needs_recipient',
  'test_webhook_needs_url',
  // moving an organisation's file in chunks
  /** `{ bytes }`: the file's size */
  'offset_beyond_end',
  'not_base64',
  /** `{ received, offset }` */
  'upload_offset_mismatch',
  /** `{ offset }` */
  'upload_starts_at_zero',
  // backups
  /** `{ problem: FolderProblemCode, path }` */
  'backup_folder_unusable',
  'backup_running',
  'restore_running',
  /** `{ problem: BackupProblemCode }` */
  'backup_unverified',
  'backup_unverified_unexplained',
  'backup_failed',
  /** `{ problem: BackupProblemCode, version? }` */
  'backup_unusable',
  'backup_unusable_unexplained',
  'restore_safety_unverified',
  'restore_failed',
  'wrong_password',
  // importing an organisation
  'import_not_export',
  'import_newer_version',
  'import_too_large_unpacked',
  /** `{ mib }` */
  'import_too_large',
  'import_empty',
  'import_incomplete',
  /** `{ table, expected, found }` */
  'import_counts_mismatch',
  'import_bad_header',
  /** `{ line }` */
  'import_bad_line',
  'import_damaged',
  'import_outsider',
  'import_refused_by_database',
  'import_busy',
  'too_many_uploads',
  // knowledge imports
  /** `{ maxMb }` */
  'file_too_large',
  'unsupported_file_type',
  'file_type_mismatch',
  'pdf_unreadable',
  'docx_unreadable',
  'no_text_found',
  'csv_no_header',
  'csv_no_rows',
  /** `{ max }` */
  'csv_too_many_rows',
  'csv_row_incomplete',
  'csv_bad_line',
  /** `{ max }` */
  'csv_question_too_long',
  'url_unreachable',
  'url_timeout',
  /** `{ status }` */
  'url_status',
  'url_redirected',
  'url_not_html',
  /** `{ maxMb }` */
  'url_too_large',
  'collection_not_found',
  // agents
  /** `{ count, inner, ...its params }`: how many errors, and the first (flow.problem.*) */
  'flow_has_problems',
  /** `{ count, version, inner, ...its params }` */
  'version_has_problems',
  /** `{ agent }`: a run of the live version of an agent that is not deployed or is paused */
  'agent_not_live',
  // the organisation's currency: a rate above 0, at most 1,000,000, at most 6 decimals
  'exchange_rate_invalid',
  'usd_rate_is_one',
  // channels and conversations (the website's public API says them as its own error reasons too)
  'channel_not_found',
  'conversation_not_found',
  'empty_message',
  /** `{ max }` */
  'message_too_long',
  'agent_unavailable',
  /** `{ max }`: conversations in one CSV export */
  'export_too_large',
  // the business profile
  'invalid_phone',
  'invalid_time',
  'closing_before_opening',
  'hours_overlap',
  'hours_needed',
  'invalid_date',
  'invalid_language_code',
  // tickets (the Inbox)
  /** a customer ticket opened by hand has no conversation to answer in or hand back */
  'ticket_no_conversation',
  /** the conversation's channel cannot carry a person's reply (channel gone, e-mail without an address) */
  'reply_no_transport',
  /** the mail server did not take the reply */
  'reply_not_sent',
  /** a closed ticket is kept as it was (reopen it as a new ticket) */
  'ticket_closed',
  /** `{ number }`: the conversation already has an unsolved ticket */
  'conversation_has_ticket',
  /** demo.reset on an installation that `mindframe demo` did not build */
  'not_a_demo',
  /** demo.reset: the backup the demo made at the end of its build is gone (retention, or removed) */
  'demo_backup_missing',
  /** demo.build: a demo is being built already (one at a time) */
  'demo_building',
  /** demo.build: the build or its restore failed; nothing was changed */
  'demo_build_failed',
  /** demo.buildStatus: no build is known for this claim (another window's, or the app restarted) */
  'demo_claim_unknown',
  // plans and billing: entitlements (issue 16)
  /** `{ feature, plan }`: the organisation's plan lacks a feature or channel; `plan` names the cheapest plan that has it */
  'plan_feature',
  /** `{ kind, limit, used, periodEnd }`: the plan's limit of a meter is reached (periodEnd ms, or null) */
  'plan_limit',
  /** `{ plan }`: Own use, the default plan and the fallback plan cannot be archived */
  'plan_not_archivable',
  /** `{ plan }`: an archived plan is not given to an organisation */
  'plan_archived',
  /** `{ plan }`: no such plan in the catalogue */
  'plan_unknown',
  // white label (brand.save)
  /** `{ ratio, minimum }`: white text on the colour has too little contrast */
  'brand_low_contrast',
  /** the logo is not a PNG, JPEG or WebP image (an SVG can carry script) */
  'brand_logo_type',
  /** `{ maximum }`: KB */
  'brand_logo_too_large',
  /** the logo's bytes are not the image its type says */
  'brand_logo_unreadable',
  // plans and billing: Stripe (issue 16); Stripe's own message is never shown, only these
  /** billing is switched off: nothing is sold */
  'billing_off',
  /** no Stripe key is kept: the platform admin connects Stripe first */
  'stripe_not_connected',
  /** Stripe did not accept the key (not a key, revoked, or another account's) */
  'stripe_key_invalid',
  /** the restricted key lacks a permission this needs */
  'stripe_key_permission',
  /** Stripe could not be reached (network, outage); the last known state stays */
  'stripe_unreachable',
  /** Stripe refused the request for another reason (its code is logged) */
  'stripe_refused',
  /** the Stripe API address is not an http(s) URL */
  'stripe_api_url_invalid',
  /** a webhook signing secret starts with whsec_ */
  'stripe_webhook_secret_invalid',
  /** `{ plan }`: the plan is not sold (Own use, archived, or without a price) */
  'plan_not_sold',
  /** `{ plan }`: the plan has no Stripe price yet: the platform admin syncs the plans */
  'plan_not_synced',
  /** the organisation is already on that plan and interval */
  'plan_unchanged',
  /** the organisation has no Stripe subscription (nothing to cancel, no portal) */
  'no_subscription',
  /** the app's own address is unknown (serve --app-url), so Stripe cannot send the customer back */
  'app_url_unknown',
  // insight's calculations (insight.sigma, insight.capability)
  /** more defects than units Ã opportunities per unit */
  'defects_exceed_opportunities',
  /** the upper specification limit is not above the lower one */
  'spec_limits_reversed',
  /** capability needs at least two values, or the mean and the standard deviation */
  'capability_needs_values',
  // insight's six-sigma processes (insight.saveProcess, insight.importMeasurements)
  /** a process of that name, or that built-in process, exists already */
  'quality_process_exists',
  /** measurements go to an imported process only (the built-in ones are measured by the platform) */
  'quality_process_not_imported',
  /** `{ name }`: no imported process of the organisation has that name */
  'quality_process_unknown',
  // insight reports (insight.saveReport, insight.reportPdf)
  /** a report's recipient is not an active member of the organisation */
  'report_recipient_not_member',
  /** a range whose start is not before its end */
  'range_reversed',
] as const;
export type ErrorReason = (typeof errorReasons)[number];

/** A message for old English text (rows written before messages existed). */
export function legacyMessage(text: string): Message {
  return { key: 'legacy.text', params: { text } };
}
