CREATE TABLE `syndication_changes` (
	`seq` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`article_id` text NOT NULL,
	`due_at` integer
);
--> statement-breakpoint
CREATE UNIQUE INDEX `syndication_changes_article` ON `syndication_changes` (`article_id`);--> statement-breakpoint
CREATE INDEX `syndication_changes_due` ON `syndication_changes` (`due_at`) WHERE "syndication_changes"."due_at" IS NOT NULL;--> statement-breakpoint
-- Hand-added: articles written before the change log existed enter it once, oldest first, so a
-- partner starting from 0 receives them too; scheduled ones are announced again when they come due.
INSERT INTO `syndication_changes` (`article_id`, `due_at`)
SELECT `id`, CASE WHEN `status` = 'published' AND `deleted_at` IS NULL AND `published_at` > CAST(unixepoch('subsec') * 1000 AS INTEGER) THEN `published_at` END
FROM `articles` ORDER BY coalesce(`published_at`, `created_at`), `pk`;
