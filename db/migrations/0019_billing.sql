CREATE TABLE `billing_changes` (
	`id` text PRIMARY KEY NOT NULL,
	`tenant_id` text NOT NULL,
	`at` integer NOT NULL,
	`kind` text NOT NULL,
	`from_plan` text,
	`to_plan` text,
	`mrr_before` integer DEFAULT 0 NOT NULL,
	`mrr_after` integer DEFAULT 0 NOT NULL,
	`source` text NOT NULL,
	FOREIGN KEY (`tenant_id`) REFERENCES `tenants`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `billing_changes_tenant` ON `billing_changes` (`tenant_id`,`at`);--> statement-breakpoint
CREATE TABLE `billing_invoices` (
	`id` text PRIMARY KEY NOT NULL,
	`tenant_id` text NOT NULL,
	`number` text,
	`status` text NOT NULL,
	`currency` text NOT NULL,
	`subtotal` integer DEFAULT 0 NOT NULL,
	`tax` integer DEFAULT 0 NOT NULL,
	`total` integer DEFAULT 0 NOT NULL,
	`amount_paid` integer DEFAULT 0 NOT NULL,
	`amount_due` integer DEFAULT 0 NOT NULL,
	`period_start` integer,
	`period_end` integer,
	`hosted_invoice_url` text,
	`invoice_pdf` text,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`tenant_id`) REFERENCES `tenants`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `billing_invoices_tenant` ON `billing_invoices` (`tenant_id`,`created_at`);--> statement-breakpoint
CREATE TABLE `billing_subscriptions` (
	`tenant_id` text PRIMARY KEY NOT NULL,
	`plan_key` text NOT NULL,
	`interval` text DEFAULT 'month' NOT NULL,
	`status` text NOT NULL,
	`stripe_customer_id` text,
	`stripe_subscription_id` text,
	`current_period_start` integer,
	`current_period_end` integer,
	`paid_through` integer,
	`cancel_at_period_end` integer DEFAULT false NOT NULL,
	`canceled_at` integer,
	`mrr` integer DEFAULT 0 NOT NULL,
	`currency` text DEFAULT 'eur' NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`tenant_id`) REFERENCES `tenants`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `plans` (
	`key` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`description` text DEFAULT '' NOT NULL,
	`price_monthly` integer DEFAULT 0 NOT NULL,
	`price_yearly` integer DEFAULT 0 NOT NULL,
	`entitlements` text NOT NULL,
	`billable` integer DEFAULT true NOT NULL,
	`sort` integer DEFAULT 0 NOT NULL,
	`archived` integer DEFAULT false NOT NULL,
	`stripe_product_id` text,
	`stripe_price_monthly_id` text,
	`stripe_price_yearly_id` text,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `stripe_events` (
	`id` text PRIMARY KEY NOT NULL,
	`type` text NOT NULL,
	`created` integer NOT NULL,
	`received_at` integer NOT NULL,
	`source` text NOT NULL,
	`processed_at` integer,
	`outcome` text,
	`tenant_id` text
);
--> statement-breakpoint
CREATE TABLE `usage_counters` (
	`tenant_id` text NOT NULL,
	`metric` text NOT NULL,
	`period_start` integer NOT NULL,
	`period_end` integer NOT NULL,
	`count` integer DEFAULT 0 NOT NULL,
	`reported` integer DEFAULT 0 NOT NULL,
	`warned_at` integer,
	`limit_reached_at` integer,
	PRIMARY KEY(`tenant_id`, `metric`, `period_start`),
	FOREIGN KEY (`tenant_id`) REFERENCES `tenants`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
INSERT INTO `plans` (`key`, `name`, `description`, `price_monthly`, `price_yearly`, `entitlements`, `billable`, `sort`, `archived`, `updated_at`) VALUES ('own_use', '', '', 0, 0, '{"limits":{"liveAgents":null,"conversationsPerMonth":null,"runsPerMonth":null,"tokensPerMonth":null,"seats":null,"knowledgeMb":null,"apiRequestsPerMinute":null},"channels":["web","email","voice"],"features":["api","knowledge_import"]}', 0, 0, 0, 0);
--> statement-breakpoint
INSERT INTO `plans` (`key`, `name`, `description`, `price_monthly`, `price_yearly`, `entitlements`, `billable`, `sort`, `archived`, `updated_at`) VALUES ('starter', '', '', 2900, 29000, '{"limits":{"liveAgents":1,"conversationsPerMonth":500,"runsPerMonth":2000,"tokensPerMonth":1000000,"seats":3,"knowledgeMb":50,"apiRequestsPerMinute":null},"channels":["web"],"features":[]}', 1, 10, 0, 0);
--> statement-breakpoint
INSERT INTO `plans` (`key`, `name`, `description`, `price_monthly`, `price_yearly`, `entitlements`, `billable`, `sort`, `archived`, `updated_at`) VALUES ('pro', '', '', 9900, 99000, '{"limits":{"liveAgents":5,"conversationsPerMonth":5000,"runsPerMonth":20000,"tokensPerMonth":10000000,"seats":10,"knowledgeMb":500,"apiRequestsPerMinute":120},"channels":["web","email"],"features":["api","knowledge_import"]}', 1, 20, 0, 0);
--> statement-breakpoint
INSERT INTO `plans` (`key`, `name`, `description`, `price_monthly`, `price_yearly`, `entitlements`, `billable`, `sort`, `archived`, `updated_at`) VALUES ('enterprise', '', '', 39900, 399000, '{"limits":{"liveAgents":25,"conversationsPerMonth":50000,"runsPerMonth":200000,"tokensPerMonth":100000000,"seats":50,"knowledgeMb":5000,"apiRequestsPerMinute":600},"channels":["web","email","voice"],"features":["api","knowledge_import"]}', 1, 30, 0, 0);
--> statement-breakpoint
UPDATE `tenants` SET `plan` = 'own_use';
