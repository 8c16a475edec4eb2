-- Global search's full-text indexes (issue 15), each with its own copy of the text (search_docs has no
-- integer primary key): words with prefixes, and trigrams of the title and body for typing errors.
CREATE VIRTUAL TABLE `search_fts` USING fts5(
  `tenant_id` UNINDEXED,
  `kind` UNINDEXED,
  `record_id` UNINDEXED,
  `title`,
  `body`,
  tokenize = 'unicode61 remove_diacritics 2',
  prefix = '2 3 4'
);
--> statement-breakpoint
CREATE VIRTUAL TABLE `search_trigram` USING fts5(
  `tenant_id` UNINDEXED,
  `kind` UNINDEXED,
  `record_id` UNINDEXED,
  `text`,
  tokenize = 'trigram remove_diacritics 1'
);
--> statement-breakpoint
CREATE TRIGGER `search_docs_fts_insert` AFTER INSERT ON `search_docs`
BEGIN
  INSERT INTO `search_fts` (`tenant_id`, `kind`, `record_id`, `title`, `body`) VALUES (new.`tenant_id`, new.`kind`, new.`record_id`, new.`title`, new.`body`);
  INSERT INTO `search_trigram` (`tenant_id`, `kind`, `record_id`, `text`) VALUES (new.`tenant_id`, new.`kind`, new.`record_id`, new.`title` || ' ' || new.`body`);
END;
--> statement-breakpoint
CREATE TRIGGER `search_docs_fts_delete` AFTER DELETE ON `search_docs`
BEGIN
  DELETE FROM `search_fts` WHERE `tenant_id` = old.`tenant_id` AND `kind` = old.`kind` AND `record_id` = old.`record_id`;
  DELETE FROM `search_trigram` WHERE `tenant_id` = old.`tenant_id` AND `kind` = old.`kind` AND `record_id` = old.`record_id`;
END;
--> statement-breakpoint
CREATE TRIGGER `search_docs_fts_update` AFTER UPDATE ON `search_docs`
BEGIN
  DELETE FROM `search_fts` WHERE `tenant_id` = old.`tenant_id` AND `kind` = old.`kind` AND `record_id` = old.`record_id`;
  DELETE FROM `search_trigram` WHERE `tenant_id` = old.`tenant_id` AND `kind` = old.`kind` AND `record_id` = old.`record_id`;
  INSERT INTO `search_fts` (`tenant_id`, `kind`, `record_id`, `title`, `body`) VALUES (new.`tenant_id`, new.`kind`, new.`record_id`, new.`title`, new.`body`);
  INSERT INTO `search_trigram` (`tenant_id`, `kind`, `record_id`, `text`) VALUES (new.`tenant_id`, new.`kind`, new.`record_id`, new.`title` || ' ' || new.`body`);
END;
