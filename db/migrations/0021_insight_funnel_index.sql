DROP INDEX `insight_events_tenant_name_at`;--> statement-breakpoint
CREATE INDEX `insight_events_funnel` ON `insight_events` (`tenant_id`,`name`,`at`,`actor`);