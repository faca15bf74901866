CREATE TABLE `article_box_links` (
	`target_id` text NOT NULL,
	`article_pk` integer NOT NULL,
	PRIMARY KEY(`target_id`, `article_pk`),
	FOREIGN KEY (`article_pk`) REFERENCES `articles`(`pk`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
-- Hand-written (drizzle-kit does not model triggers): the links follow the bodies in the same
-- transaction as every write of a body, whichever code path writes it; a body may name one
-- target in several boxes, hence OR IGNORE.
CREATE TRIGGER `article_box_links_on_insert` AFTER INSERT ON `articles` BEGIN
	INSERT OR IGNORE INTO `article_box_links` (`target_id`, `article_pk`)
	SELECT json_extract(block.value, '$.articleId'), new.pk FROM json_each(new.body) AS block
	WHERE json_extract(block.value, '$.type') = 'related' AND json_extract(block.value, '$.articleId') IS NOT NULL;
END;
--> statement-breakpoint
CREATE TRIGGER `article_box_links_on_update` AFTER UPDATE OF body ON `articles` BEGIN
	DELETE FROM `article_box_links` WHERE `article_pk` = old.pk;
	INSERT OR IGNORE INTO `article_box_links` (`target_id`, `article_pk`)
	SELECT json_extract(block.value, '$.articleId'), new.pk FROM json_each(new.body) AS block
	WHERE json_extract(block.value, '$.type') = 'related' AND json_extract(block.value, '$.articleId') IS NOT NULL;
END;
--> statement-breakpoint
-- The bodies already stored.
INSERT OR IGNORE INTO `article_box_links` (`target_id`, `article_pk`)
SELECT json_extract(block.value, '$.articleId'), articles.pk FROM `articles`, json_each(articles.body) AS block
WHERE json_extract(block.value, '$.type') = 'related' AND json_extract(block.value, '$.articleId') IS NOT NULL;
