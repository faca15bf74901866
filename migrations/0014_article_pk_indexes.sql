CREATE INDEX `article_box_links_article` ON `article_box_links` (`article_pk`);--> statement-breakpoint
CREATE INDEX `article_former_slugs_article` ON `article_former_slugs` (`article_pk`);--> statement-breakpoint
CREATE INDEX `article_imports_article` ON `article_imports` (`article_pk`);