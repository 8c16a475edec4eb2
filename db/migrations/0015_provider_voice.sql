ALTER TABLE `providers` ADD `transcription_model` text;--> statement-breakpoint
ALTER TABLE `providers` ADD `speech_model` text;--> statement-breakpoint
ALTER TABLE `providers` ADD `speech_voice` text;