-- Full-text search over visible text. Drizzle cannot express FTS5, so this migration is
-- hand-written. The index keeps its own copy of the text (snippets need it) and is kept in
-- step with `articles` by triggers, inside the same transaction as every write.
CREATE VIRTUAL TABLE `articles_fts` USING fts5(
	headline,
	standfirst,
	body,
	tokenize = 'porter unicode61 remove_diacritics 2'
);
--> statement-breakpoint
CREATE TRIGGER `articles_fts_insert` AFTER INSERT ON `articles` BEGIN
	INSERT INTO `articles_fts` (rowid, headline, standfirst, body)
	VALUES (
		new.pk,
		new.headline,
		new.standfirst,
		(SELECT group_concat(json_extract(value, '$.text'), ' ') FROM json_each(new.body) WHERE json_extract(value, '$.text') IS NOT NULL)
	);
END;
--> statement-breakpoint
CREATE TRIGGER `articles_fts_update` AFTER UPDATE OF headline, standfirst, body ON `articles` BEGIN
	DELETE FROM `articles_fts` WHERE rowid = old.pk;
	INSERT INTO `articles_fts` (rowid, headline, standfirst, body)
	VALUES (
		new.pk,
		new.headline,
		new.standfirst,
		(SELECT group_concat(json_extract(value, '$.text'), ' ') FROM json_each(new.body) WHERE json_extract(value, '$.text') IS NOT NULL)
	);
END;
--> statement-breakpoint
CREATE TRIGGER `articles_fts_delete` AFTER DELETE ON `articles` BEGIN
	DELETE FROM `articles_fts` WHERE rowid = old.pk;
END;
