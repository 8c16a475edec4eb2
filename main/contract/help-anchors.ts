// The help center's troubleshooting anchors: data only, no imports, so the renderer may import its
// values (scripts/eslint/boundaries.mjs, valueFiles) to link an error reason or a Guardian check to
// what to do about it.

/**
 * Where the troubleshooting article says what to do about an error reason or a Guardian check:
 * `#/help/troubleshooting?a=<anchor>`. Every reason the app says (errors.reasons.<reason>) and every
 * check id has one (main/core/help/help.test.ts).
 */
export const troubleshootingSlug = 'troubleshooting';

export const troubleshootingGroups: Record<string, readonly string[]> = {
  'disk-full': ['disk_full'],
  'shutting-down': ['shutting_down'],
  'signing-in': [
    'wrong_credentials',
    'no_active_organisation',
    'csrf_invalid',
    'other_site',
    'ip_not_allowed',
    'tenant_suspended',
    'already_set_up',
  ],
  'two-factor': [
    'two_factor_required',
    'two_factor_off',
    'two_factor_already_on',
    'two_factor_setup_expired',
    'two_factor_reset_own',
    'member_two_factor_off',
    'wrong_code',
    'wrong_recovery_code',
  ],
  passwords: [
    'wrong_current_password',
    'password_unchanged',
    'reset_link_expired',
    'reset_link_used',
    'reset_link_invalid',
    'existing_account_password',
    'credentials_not_managed_here',
    'platform_admin_account',
    'password_needs_user',
  ],
  'team-and-roles': [
    'invitation_invalid',
    'role_not_grantable',
    'own_membership',
    'member_outranks',
    'last_owner',
    'already_member',
    'member_not_joined',
    'assignee_not_member',
    'role_required',
    'platform_admin_only',
    'installation_platform_admin',
  ],
  'organisations-and-transfer': [
    'tenant_name_mismatch',
    'tenant_is_current',
    'last_tenant',
    'export_too_large',
    'import_not_export',
    'import_newer_version',
    'import_too_large_unpacked',
    'import_too_large',
    'import_empty',
    'import_incomplete',
    'import_counts_mismatch',
    'import_bad_header',
    'import_bad_line',
    'import_damaged',
    'import_outsider',
    'import_refused_by_database',
    'import_busy',
  ],
  'api-keys-and-access': [
    'api_key_scope',
    'api_key_not_working',
    'api_key_already_rotated',
    'allow_list_locks_you_out',
    'invalid_ip_range',
    'duplicate_entries',
  ],
  'blocked-addresses': [
    'blocked_address',
    'private_network_admin_only',
    'invalid_host_port',
    'url_credentials',
    'invalid_url',
    'unresolvable',
    'unsafe_characters',
    'webhook_url_credentials',
    'base_url_required',
  ],
  backups: [
    'backup_folder_unusable',
    'backup_running',
    'restore_running',
    'backup_unverified',
    'backup_unverified_unexplained',
    'backup_failed',
    'backup_unusable',
    'backup_unusable_unexplained',
    'restore_safety_unverified',
    'restore_failed',
    'wrong_password',
    'restore_needs_person',
  ],
  uploads: [
    'too_many_uploads',
    'offset_beyond_end',
    'not_base64',
    'upload_offset_mismatch',
    'upload_starts_at_zero',
    'request_too_large',
    'request_unreadable',
    'file_too_large',
    'unsupported_file_type',
    'file_type_mismatch',
  ],
  'knowledge-imports': [
    'pdf_unreadable',
    'docx_unreadable',
    'no_text_found',
    'csv_no_header',
    'csv_no_rows',
    'csv_too_many_rows',
    'csv_row_incomplete',
    'csv_bad_line',
    'csv_question_too_long',
    'url_unreachable',
    'url_timeout',
    'url_status',
    'url_redirected',
    'url_not_html',
    'url_too_large',
    'collection_not_found',
  ],
  'agents-and-flows': [
    'flow_has_problems',
    'version_has_problems',
    'agent_never_deployed',
    'agent_not_live',
    'agent_unavailable',
    'model_not_offered',
    'model_provider_missing',
    'run_not_waiting',
    'nesting_limit',
  ],
  'channels-and-conversations': [
    'no_channel',
    'channel_not_found',
    'conversation_not_found',
    'empty_message',
    'message_too_long',
    'public_listener_set_by_serve',
  ],
  inbox: [
    'ticket_no_conversation',
    'reply_no_transport',
    'reply_not_sent',
    'ticket_closed',
    'conversation_has_ticket',
  ],
  notifications: [
    'no_events',
    'email_in_list_invalid',
    'secret_needs_webhook',
    'quiet_hours_same',
    'smtp_host_invalid',
    'smtp_from_invalid',
    'test_email_needs_recipient',
    'test_webhook_needs_url',
    'unknown_timezone',
  ],
  'guardian-and-incidents': [
    'action_not_pending',
    'action_not_reversible',
    'incident_status_backwards',
    'postmortem_before_resolved',
  ],
  'forms-and-values': [
    'required',
    'too_short',
    'too_long',
    'too_few',
    'too_many',
    'too_small',
    'too_small_exclusive',
    'too_big',
    'too_big_exclusive',
    'whole_number',
    'invalid_email',
    'invalid_format',
    'invalid_value',
    'unknown_field',
    'invalid_phone',
    'invalid_time',
    'closing_before_opening',
    'hours_overlap',
    'hours_needed',
    'invalid_date',
    'invalid_language_code',
    'exchange_rate_invalid',
    'usd_rate_is_one',
  ],
};

/** Guardian (and dashboard health) checks: each has its own "what to do", `check-<id>`. */
export const checkAnchor = (checkId: string) => `check-${checkId.replace(/_/g, '-')}`;

const reasonAnchors: ReadonlyMap<string, string> = new Map(
  Object.entries(troubleshootingGroups).flatMap(([anchor, reasons]) =>
    reasons.map((reason) => [reason, anchor] as const),
  ),
);

/** i18next's plural forms of one reason (flow_has_problems_one, _other) are that reason. */
const pluralSuffix = /_(zero|one|two|few|many|other)$/;

/** The troubleshooting anchor for an error reason, or null when the help center says nothing of it. */
export function troubleshootingAnchorForReason(reason: string): string | null {
  return reasonAnchors.get(reason) ?? reasonAnchors.get(reason.replace(pluralSuffix, '')) ?? null;
}

