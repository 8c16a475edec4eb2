CREATE TABLE `security_events` (
	`id` text PRIMARY KEY NOT NULL,
	`tenant_id` text,
	`at` integer NOT NULL,
	`last_at` integer NOT NULL,
	`kind` text NOT NULL,
	`severity` text NOT NULL,
	`ip` text,
	`user_id` text,
	`details` text DEFAULT '{}' NOT NULL,
	`count` integer DEFAULT 1 NOT NULL,
	`dedupe_key` text,
	`incident_id` text,
	FOREIGN KEY (`tenant_id`) REFERENCES `tenants`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `security_events_tenant_idx` ON `security_events` (`tenant_id`,`at`);--> statement-breakpoint
CREATE INDEX `security_events_dedupe_idx` ON `security_events` (`dedupe_key`,`at`);