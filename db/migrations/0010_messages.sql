ALTER TABLE `run_steps` ADD `note_messages` text;--> statement-breakpoint
ALTER TABLE `guardian_actions` ADD `outcome_message` text;--> statement-breakpoint
ALTER TABLE `incident_events` ADD `message` text;--> statement-breakpoint
ALTER TABLE `incidents` ADD `title_message` text;--> statement-breakpoint
ALTER TABLE `incidents` ADD `description_message` text;