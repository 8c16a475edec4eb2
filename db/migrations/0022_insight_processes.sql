CREATE TABLE `insight_processes` (
	`id` text PRIMARY KEY NOT NULL,
	`tenant_id` text NOT NULL,
	`name` text NOT NULL,
	`kind` text NOT NULL,
	`unit` text DEFAULT '' NOT NULL,
	`usl` real,
	`lsl` real,
	`target` real,
	`opportunities_per_unit` integer DEFAULT 1 NOT NULL,
	`rules` text DEFAULT 'western_electric' NOT NULL,
	`sigma_convention` text DEFAULT 'one_tailed' NOT NULL,
	`signal_guardian` integer DEFAULT true NOT NULL,
	`last_signal_at` integer,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`tenant_id`) REFERENCES `tenants`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `insight_processes_tenant_name` ON `insight_processes` (`tenant_id`,`name`);--> statement-breakpoint
ALTER TABLE `insight_reports` ADD `enabled` integer DEFAULT true NOT NULL;--> statement-breakpoint
CREATE INDEX `insight_reports_tenant` ON `insight_reports` (`tenant_id`,`next_at`);--> statement-breakpoint
CREATE INDEX `insight_reports_due` ON `insight_reports` (`next_at`);