CREATE TABLE `error_groups` (
	`fingerprint` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`message` text NOT NULL,
	`module` text NOT NULL,
	`count` integer NOT NULL,
	`first_seen` integer NOT NULL,
	`last_seen` integer NOT NULL,
	`stack` text
);
--> statement-breakpoint
CREATE TABLE `guardian_actions` (
	`id` text PRIMARY KEY NOT NULL,
	`tenant_id` text NOT NULL,
	`strategy` text NOT NULL,
	`status` text NOT NULL,
	`mode` text NOT NULL,
	`target_type` text NOT NULL,
	`target_id` text,
	`target_name` text NOT NULL,
	`dedupe_key` text NOT NULL,
	`plan` text NOT NULL,
	`evidence` text NOT NULL,
	`snapshot` text,
	`outcome` text,
	`decided_by` text,
	`comment` text,
	`incident_id` text,
	`created_at` integer NOT NULL,
	`decided_at` integer,
	`applied_at` integer,
	`rolled_back_at` integer,
	FOREIGN KEY (`tenant_id`) REFERENCES `tenants`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `guardian_actions_tenant_idx` ON `guardian_actions` (`tenant_id`,`created_at`);--> statement-breakpoint
CREATE INDEX `guardian_actions_dedupe_idx` ON `guardian_actions` (`tenant_id`,`dedupe_key`,`status`);--> statement-breakpoint
CREATE TABLE `guardian_autonomy` (
	`tenant_id` text NOT NULL,
	`strategy` text NOT NULL,
	`mode` text NOT NULL,
	`max_per_hour` integer NOT NULL,
	PRIMARY KEY(`tenant_id`, `strategy`),
	FOREIGN KEY (`tenant_id`) REFERENCES `tenants`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `health_samples` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`tenant_id` text NOT NULL,
	`at` integer NOT NULL,
	`resolution` text NOT NULL,
	`score` real NOT NULL,
	`checks` text NOT NULL,
	FOREIGN KEY (`tenant_id`) REFERENCES `tenants`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `health_samples_tenant_idx` ON `health_samples` (`tenant_id`,`resolution`,`at`);--> statement-breakpoint
CREATE TABLE `incident_events` (
	`id` text PRIMARY KEY NOT NULL,
	`tenant_id` text NOT NULL,
	`incident_id` text NOT NULL,
	`at` integer NOT NULL,
	`kind` text NOT NULL,
	`actor_name` text NOT NULL,
	`text` text NOT NULL,
	`guardian_action_id` text,
	FOREIGN KEY (`tenant_id`) REFERENCES `tenants`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`incident_id`) REFERENCES `incidents`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `incident_events_incident_idx` ON `incident_events` (`tenant_id`,`incident_id`,`at`);--> statement-breakpoint
CREATE TABLE `incidents` (
	`id` text PRIMARY KEY NOT NULL,
	`tenant_id` text NOT NULL,
	`number` integer NOT NULL,
	`title` text NOT NULL,
	`description` text DEFAULT '' NOT NULL,
	`severity` text NOT NULL,
	`status` text NOT NULL,
	`source` text NOT NULL,
	`dedupe_key` text,
	`assignee_id` text,
	`created_at` integer NOT NULL,
	`acknowledged_at` integer,
	`mitigated_at` integer,
	`resolved_at` integer,
	`closed_at` integer,
	`ack_due_at` integer NOT NULL,
	`resolve_due_at` integer NOT NULL,
	`escalation_level` integer DEFAULT 0 NOT NULL,
	`postmortem` text,
	FOREIGN KEY (`tenant_id`) REFERENCES `tenants`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `incidents_tenant_number_idx` ON `incidents` (`tenant_id`,`number`);--> statement-breakpoint
CREATE INDEX `incidents_tenant_status_idx` ON `incidents` (`tenant_id`,`status`);--> statement-breakpoint
CREATE INDEX `incidents_tenant_dedupe_idx` ON `incidents` (`tenant_id`,`dedupe_key`);--> statement-breakpoint
CREATE TABLE `notify_rules` (
	`id` text PRIMARY KEY NOT NULL,
	`tenant_id` text NOT NULL,
	`name` text NOT NULL,
	`events` text NOT NULL,
	`min_severity` text NOT NULL,
	`desktop` integer NOT NULL,
	`emails` text NOT NULL,
	`webhook_url` text,
	`webhook_signed` integer DEFAULT false NOT NULL,
	`enabled` integer NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`tenant_id`) REFERENCES `tenants`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `notify_rules_tenant_idx` ON `notify_rules` (`tenant_id`);