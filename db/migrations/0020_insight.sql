CREATE TABLE `insight_actor_days` (
	`tenant_id` text NOT NULL,
	`day` integer NOT NULL,
	`actor` text NOT NULL,
	`first_seen` integer NOT NULL,
	`events` integer DEFAULT 0 NOT NULL,
	PRIMARY KEY(`tenant_id`, `day`, `actor`),
	FOREIGN KEY (`tenant_id`) REFERENCES `tenants`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `insight_campaigns` (
	`id` text PRIMARY KEY NOT NULL,
	`tenant_id` text NOT NULL,
	`name` text NOT NULL,
	`channel` text NOT NULL,
	`spend` integer DEFAULT 0 NOT NULL,
	`starts_at` integer NOT NULL,
	`ends_at` integer,
	`utm_source` text,
	`utm_medium` text,
	`utm_campaign` text,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`tenant_id`) REFERENCES `tenants`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `insight_campaigns_tenant` ON `insight_campaigns` (`tenant_id`,`starts_at`);--> statement-breakpoint
CREATE TABLE `insight_costs` (
	`id` text PRIMARY KEY NOT NULL,
	`tenant_id` text NOT NULL,
	`month` integer NOT NULL,
	`category` text NOT NULL,
	`amount` integer NOT NULL,
	`note` text DEFAULT '' NOT NULL,
	FOREIGN KEY (`tenant_id`) REFERENCES `tenants`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `insight_costs_tenant_month` ON `insight_costs` (`tenant_id`,`month`);--> statement-breakpoint
CREATE TABLE `insight_events` (
	`seq` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`tenant_id` text NOT NULL,
	`name` text NOT NULL,
	`actor` text NOT NULL,
	`session` text,
	`source` text,
	`campaign` text,
	`at` integer NOT NULL,
	`props` text,
	`dedupe_id` text,
	FOREIGN KEY (`tenant_id`) REFERENCES `tenants`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `insight_events_tenant_at` ON `insight_events` (`tenant_id`,`at`);--> statement-breakpoint
CREATE INDEX `insight_events_tenant_name_at` ON `insight_events` (`tenant_id`,`name`,`at`);--> statement-breakpoint
CREATE UNIQUE INDEX `insight_events_dedupe` ON `insight_events` (`tenant_id`,`dedupe_id`) WHERE dedupe_id IS NOT NULL;--> statement-breakpoint
CREATE TABLE `insight_measurements` (
	`tenant_id` text NOT NULL,
	`process` text NOT NULL,
	`at` integer NOT NULL,
	`value` real NOT NULL,
	FOREIGN KEY (`tenant_id`) REFERENCES `tenants`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `insight_measurements_process` ON `insight_measurements` (`tenant_id`,`process`,`at`);--> statement-breakpoint
CREATE TABLE `insight_reports` (
	`id` text PRIMARY KEY NOT NULL,
	`tenant_id` text NOT NULL,
	`dashboard` text NOT NULL,
	`frequency` text NOT NULL,
	`recipients` text NOT NULL,
	`filters` text DEFAULT '{}' NOT NULL,
	`paper` text DEFAULT 'a4' NOT NULL,
	`created_by` text,
	`last_sent_at` integer,
	`next_at` integer NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`tenant_id`) REFERENCES `tenants`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `insight_rollups` (
	`tenant_id` text NOT NULL,
	`hour` integer NOT NULL,
	`name` text NOT NULL,
	`dim` text DEFAULT '' NOT NULL,
	`value` text DEFAULT '' NOT NULL,
	`count` integer DEFAULT 0 NOT NULL,
	`total` real DEFAULT 0 NOT NULL,
	PRIMARY KEY(`tenant_id`, `name`, `dim`, `value`, `hour`),
	FOREIGN KEY (`tenant_id`) REFERENCES `tenants`(`id`) ON UPDATE no action ON DELETE cascade
);
