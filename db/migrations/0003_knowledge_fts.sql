-- Full-text index of the knowledge base. It keeps its own copy of the text (not external content):
-- knowledge_docs has no integer primary key, so its rowids may change on VACUUM.
CREATE VIRTUAL TABLE `knowledge_fts` USING fts5(
  `doc_id` UNINDEXED,
  `tenant_id` UNINDEXED,
  `title`,
  `body`,
  tokenize = 'unicode61 remove_diacritics 2'
);
--> statement-breakpoint
CREATE TRIGGER `knowledge_docs_fts_insert` AFTER INSERT ON `knowledge_docs`
BEGIN
  INSERT INTO `knowledge_fts` (`doc_id`, `tenant_id`, `title`, `body`) VALUES (new.`id`, new.`tenant_id`, new.`title`, new.`body`);
END;
--> statement-breakpoint
CREATE TRIGGER `knowledge_docs_fts_delete` AFTER DELETE ON `knowledge_docs`
BEGIN
  DELETE FROM `knowledge_fts` WHERE `doc_id` = old.`id`;
END;
--> statement-breakpoint
CREATE TRIGGER `knowledge_docs_fts_update` AFTER UPDATE ON `knowledge_docs`
BEGIN
  DELETE FROM `knowledge_fts` WHERE `doc_id` = old.`id`;
  INSERT INTO `knowledge_fts` (`doc_id`, `tenant_id`, `title`, `body`) VALUES (new.`id`, new.`tenant_id`, new.`title`, new.`body`);
END;
