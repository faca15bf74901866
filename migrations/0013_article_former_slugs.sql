CREATE TABLE `article_former_slugs` (
	`slug` text PRIMARY KEY NOT NULL,
	`article_pk` integer NOT NULL,
	FOREIGN KEY (`article_pk`) REFERENCES `articles`(`pk`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
-- Hand-written (drizzle-kit does not model triggers). A rename keeps the slug it replaces (the
-- latest article to have had a slug keeps it), and a slug an article takes again is no longer
-- a former one of it.
CREATE TRIGGER `article_former_slugs_on_rename` AFTER UPDATE OF `slug` ON `articles`
WHEN old.slug <> new.slug BEGIN
	INSERT INTO `article_former_slugs` (`slug`, `article_pk`) VALUES (old.slug, old.pk)
	ON CONFLICT (`slug`) DO UPDATE SET `article_pk` = excluded.`article_pk`;
	DELETE FROM `article_former_slugs` WHERE `slug` = new.slug AND `article_pk` = new.pk;
END;
