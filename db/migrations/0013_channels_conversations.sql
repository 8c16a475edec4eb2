CREATE TABLE `channels` (
	`id` text PRIMARY KEY NOT NULL,
	`tenant_id` text NOT NULL,
	`agent_id` text NOT NULL,
	`kind` text NOT NULL,
	`name` text NOT NULL,
	`public_id` text NOT NULL,
	`allowed_origins` text DEFAULT '[]' NOT NULL,
	`greeting` text DEFAULT '' NOT NULL,
	`colour` text DEFAULT '#2563eb' NOT NULL,
	`logo_url` text,
	`default_language` text DEFAULT 'en' NOT NULL,
	`business_hours` text,
	`closed_message` text DEFAULT '' NOT NULL,
	`voice` integer DEFAULT 0 NOT NULL,
	`enabled` integer DEFAULT 1 NOT NULL,
	`email_settings` text,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`tenant_id`) REFERENCES `tenants`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`agent_id`) REFERENCES `agents`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `channels_tenant_idx` ON `channels` (`tenant_id`,`agent_id`);--> statement-breakpoint
CREATE UNIQUE INDEX `channels_public_id_idx` ON `channels` (`public_id`);--> statement-breakpoint
CREATE TABLE `conversation_messages` (
	`id` text PRIMARY KEY NOT NULL,
	`tenant_id` text NOT NULL,
	`conversation_id` text NOT NULL,
	`role` text NOT NULL,
	`text` text NOT NULL,
	`run_id` text,
	`author_id` text,
	`intent` text,
	`sentiment` text,
	`sentiment_score` real,
	`language` text,
	`meta` text,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`tenant_id`) REFERENCES `tenants`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`conversation_id`) REFERENCES `conversations`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `conversation_messages_conversation_idx` ON `conversation_messages` (`tenant_id`,`conversation_id`,`created_at`);--> statement-breakpoint
CREATE TABLE `conversations` (
	`id` text PRIMARY KEY NOT NULL,
	`tenant_id` text NOT NULL,
	`channel_id` text,
	`channel_kind` text NOT NULL,
	`channel_name` text NOT NULL,
	`agent_id` text,
	`visitor_hash` text,
	`external_key` text,
	`contact` text,
	`status` text DEFAULT 'open' NOT NULL,
	`language` text,
	`intent` text,
	`sentiment` text,
	`rating` text,
	`preview` text DEFAULT '' NOT NULL,
	`message_count` integer DEFAULT 0 NOT NULL,
	`person_answered` integer DEFAULT 0 NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	`closed_at` integer,
	FOREIGN KEY (`tenant_id`) REFERENCES `tenants`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`channel_id`) REFERENCES `channels`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `conversations_tenant_idx` ON `conversations` (`tenant_id`,`updated_at`);--> statement-breakpoint
CREATE INDEX `conversations_channel_idx` ON `conversations` (`tenant_id`,`channel_id`,`updated_at`);--> statement-breakpoint
CREATE INDEX `conversations_external_idx` ON `conversations` (`tenant_id`,`channel_id`,`external_key`);--> statement-breakpoint
CREATE INDEX `conversations_created_idx` ON `conversations` (`tenant_id`,`created_at`);