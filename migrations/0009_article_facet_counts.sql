CREATE TABLE `article_facet_counts` (
	`facet` text NOT NULL,
	`name` text NOT NULL,
	`count` integer NOT NULL,
	PRIMARY KEY(`facet`, `name`)
);
--> statement-breakpoint
-- Hand-written (drizzle-kit does not model triggers). An article counts while it is published
-- and not deleted. Its section counts from the article row; its tags from its article_tags
-- rows, which the code replaces after writing the row, so: a change of status or deletion
-- moves the tags it has then, and tag rows added or removed move only a counting article's.
CREATE TRIGGER `article_facet_counts_on_insert` AFTER INSERT ON `articles`
WHEN new.status = 'published' AND new.deleted_at IS NULL BEGIN
	INSERT INTO `article_facet_counts` (`facet`, `name`, `count`) VALUES ('section', new.section, 1)
	ON CONFLICT (`facet`, `name`) DO UPDATE SET `count` = `count` + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `article_facet_counts_on_update` AFTER UPDATE OF `status`, `deleted_at`, `section` ON `articles` BEGIN
	UPDATE `article_facet_counts` SET `count` = `count` - 1
	WHERE `facet` = 'section' AND `name` = old.section AND old.status = 'published' AND old.deleted_at IS NULL;
	INSERT INTO `article_facet_counts` (`facet`, `name`, `count`)
	SELECT 'section', new.section, 1 WHERE new.status = 'published' AND new.deleted_at IS NULL
	ON CONFLICT (`facet`, `name`) DO UPDATE SET `count` = `count` + 1;
	UPDATE `article_facet_counts` SET `count` = `count` - 1
	WHERE `facet` = 'tag' AND `name` IN (SELECT `tag` FROM `article_tags` WHERE `article_pk` = new.pk)
	AND old.status = 'published' AND old.deleted_at IS NULL AND NOT (new.status = 'published' AND new.deleted_at IS NULL);
	INSERT INTO `article_facet_counts` (`facet`, `name`, `count`)
	SELECT 'tag', `tag`, 1 FROM `article_tags` WHERE `article_pk` = new.pk
	AND new.status = 'published' AND new.deleted_at IS NULL AND NOT (old.status = 'published' AND old.deleted_at IS NULL)
	ON CONFLICT (`facet`, `name`) DO UPDATE SET `count` = `count` + 1;
END;
--> statement-breakpoint
-- Before the row goes: its tag rows are deleted by the foreign key's cascade after it, when
-- the article they belong to can no longer be read.
CREATE TRIGGER `article_facet_counts_on_delete` BEFORE DELETE ON `articles`
WHEN old.status = 'published' AND old.deleted_at IS NULL BEGIN
	UPDATE `article_facet_counts` SET `count` = `count` - 1
	WHERE (`facet` = 'section' AND `name` = old.section)
	OR (`facet` = 'tag' AND `name` IN (SELECT `tag` FROM `article_tags` WHERE `article_pk` = old.pk));
END;
--> statement-breakpoint
CREATE TRIGGER `article_facet_counts_on_tag_insert` AFTER INSERT ON `article_tags` BEGIN
	INSERT INTO `article_facet_counts` (`facet`, `name`, `count`)
	SELECT 'tag', new.tag, 1 FROM `articles` WHERE `pk` = new.article_pk AND `status` = 'published' AND `deleted_at` IS NULL
	ON CONFLICT (`facet`, `name`) DO UPDATE SET `count` = `count` + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `article_facet_counts_on_tag_delete` AFTER DELETE ON `article_tags` BEGIN
	UPDATE `article_facet_counts` SET `count` = `count` - 1
	WHERE `facet` = 'tag' AND `name` = old.tag
	AND EXISTS (SELECT 1 FROM `articles` WHERE `pk` = old.article_pk AND `status` = 'published' AND `deleted_at` IS NULL);
END;
--> statement-breakpoint
-- The articles already stored.
INSERT INTO `article_facet_counts` (`facet`, `name`, `count`)
SELECT 'section', `section`, count(*) FROM `articles` WHERE `status` = 'published' AND `deleted_at` IS NULL GROUP BY `section`;
--> statement-breakpoint
INSERT INTO `article_facet_counts` (`facet`, `name`, `count`)
SELECT 'tag', `tag`, count(*) FROM `article_tags`
WHERE `article_pk` IN (SELECT `pk` FROM `articles` WHERE `status` = 'published' AND `deleted_at` IS NULL)
GROUP BY `tag`;
