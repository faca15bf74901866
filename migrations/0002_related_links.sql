CREATE TABLE `related_links` (
	`article_pk` integer NOT NULL,
	`position` integer NOT NULL,
	`target_pk` integer NOT NULL,
	PRIMARY KEY(`article_pk`, `position`),
	FOREIGN KEY (`article_pk`) REFERENCES `articles`(`pk`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`target_pk`) REFERENCES `articles`(`pk`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `related_links_pair` ON `related_links` (`article_pk`,`target_pk`);--> statement-breakpoint
CREATE INDEX `related_links_target` ON `related_links` (`target_pk`);--> statement-breakpoint
-- Hand-written (drizzle-kit does not model triggers): articles are deleted softly (the row
-- stays to answer 410), so the foreign keys' cascade never fires. This trigger drops a deleted
-- article's links, as source and as target, in the same transaction as the deletion: no list
-- keeps a dangling entry.
CREATE TRIGGER `related_links_follow_deletes` AFTER UPDATE OF deleted_at ON `articles`
WHEN new.deleted_at IS NOT NULL BEGIN
	DELETE FROM `related_links` WHERE `article_pk` = new.pk OR `target_pk` = new.pk;
END;
