CREATE TABLE `knowledge_collections` (
	`id` text PRIMARY KEY NOT NULL,
	`tenant_id` text NOT NULL,
	`name` text NOT NULL,
	`description` text DEFAULT '' NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`tenant_id`) REFERENCES `tenants`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `knowledge_collections_tenant_idx` ON `knowledge_collections` (`tenant_id`,`name`);--> statement-breakpoint
CREATE TABLE `knowledge_doc_versions` (
	`id` text PRIMARY KEY NOT NULL,
	`tenant_id` text NOT NULL,
	`doc_id` text NOT NULL,
	`version` integer NOT NULL,
	`title` text NOT NULL,
	`body` text NOT NULL,
	`author_id` text,
	`author_name` text,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`tenant_id`) REFERENCES `tenants`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`doc_id`) REFERENCES `knowledge_docs`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `knowledge_doc_versions_doc_idx` ON `knowledge_doc_versions` (`tenant_id`,`doc_id`,`version`);--> statement-breakpoint
CREATE TABLE `ticket_events` (
	`id` text PRIMARY KEY NOT NULL,
	`tenant_id` text NOT NULL,
	`ticket_id` text NOT NULL,
	`kind` text NOT NULL,
	`actor_id` text,
	`actor_name` text,
	`data` text DEFAULT '{}' NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`tenant_id`) REFERENCES `tenants`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`ticket_id`) REFERENCES `tickets`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `ticket_events_ticket_idx` ON `ticket_events` (`tenant_id`,`ticket_id`,`created_at`);--> statement-breakpoint
CREATE TABLE `tickets` (
	`id` text PRIMARY KEY NOT NULL,
	`tenant_id` text NOT NULL,
	`number` integer NOT NULL,
	`kind` text DEFAULT 'customer' NOT NULL,
	`source` text NOT NULL,
	`conversation_id` text,
	`run_id` text,
	`agent_id` text,
	`queue` text DEFAULT 'support' NOT NULL,
	`subject` text NOT NULL,
	`reason` text DEFAULT '' NOT NULL,
	`customer_message` text,
	`intent` text,
	`sentiment` text,
	`language` text,
	`requester` text,
	`status` text DEFAULT 'new' NOT NULL,
	`priority` text DEFAULT 'normal' NOT NULL,
	`assignee_id` text,
	`tags` text DEFAULT '[]' NOT NULL,
	`first_response_due_at` integer,
	`resolution_due_at` integer,
	`first_responded_at` integer,
	`first_response_breached_at` integer,
	`resolution_breached_at` integer,
	`solved_at` integer,
	`closed_at` integer,
	`created_by` text,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`tenant_id`) REFERENCES `tenants`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`conversation_id`) REFERENCES `conversations`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE UNIQUE INDEX `tickets_tenant_number_idx` ON `tickets` (`tenant_id`,`number`);--> statement-breakpoint
CREATE INDEX `tickets_tenant_status_idx` ON `tickets` (`tenant_id`,`status`,`updated_at`);--> statement-breakpoint
CREATE INDEX `tickets_tenant_conversation_idx` ON `tickets` (`tenant_id`,`conversation_id`);--> statement-breakpoint
CREATE INDEX `tickets_kind_status_idx` ON `tickets` (`kind`,`status`,`updated_at`);--> statement-breakpoint
CREATE TABLE `business_profiles` (
	`tenant_id` text PRIMARY KEY NOT NULL,
	`profile` text NOT NULL,
	`updated_by` text,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`tenant_id`) REFERENCES `tenants`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `password_resets` (
	`id` text PRIMARY KEY NOT NULL,
	`user_id` text NOT NULL,
	`token_hash` text NOT NULL,
	`issued_by` text,
	`created_at` integer NOT NULL,
	`expires_at` integer NOT NULL,
	`used_at` integer,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `password_resets_token_hash_unique` ON `password_resets` (`token_hash`);--> statement-breakpoint
CREATE INDEX `password_resets_user_idx` ON `password_resets` (`user_id`,`created_at`);--> statement-breakpoint
ALTER TABLE `agents` ADD `knowledge_collections` text;--> statement-breakpoint
ALTER TABLE `knowledge_docs` ADD `collection_id` text REFERENCES knowledge_collections(id) ON DELETE SET NULL;--> statement-breakpoint
ALTER TABLE `knowledge_docs` ADD `source_name` text;--> statement-breakpoint
ALTER TABLE `knowledge_docs` ADD `version` integer DEFAULT 1 NOT NULL;--> statement-breakpoint
ALTER TABLE `knowledge_docs` ADD `updated_at` integer;--> statement-breakpoint
ALTER TABLE `knowledge_docs` ADD `updated_by` text;--> statement-breakpoint
CREATE INDEX `knowledge_docs_collection_idx` ON `knowledge_docs` (`tenant_id`,`collection_id`);--> statement-breakpoint
ALTER TABLE `conversations` ADD `handler` text DEFAULT 'agent' NOT NULL;--> statement-breakpoint
ALTER TABLE `conversations` ADD `person_id` text;