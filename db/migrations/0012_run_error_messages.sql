ALTER TABLE `agent_runs` ADD `error_message` text;--> statement-breakpoint
ALTER TABLE `run_steps` ADD `error_message` text;