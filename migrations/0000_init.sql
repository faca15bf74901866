CREATE TABLE `api_keys` (
	`id` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`role` text NOT NULL,
	`key_hash` text NOT NULL,
	`created_at` integer NOT NULL,
	`revoked_at` integer
);
--> statement-breakpoint
CREATE UNIQUE INDEX `api_keys_hash_unique` ON `api_keys` (`key_hash`);--> statement-breakpoint
CREATE TABLE `article_tags` (
	`tag` text NOT NULL,
	`article_pk` integer NOT NULL,
	PRIMARY KEY(`tag`, `article_pk`),
	FOREIGN KEY (`article_pk`) REFERENCES `articles`(`pk`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `article_tags_article` ON `article_tags` (`article_pk`);--> statement-breakpoint
CREATE TABLE `articles` (
	`pk` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`id` text NOT NULL,
	`slug` text NOT NULL,
	`headline` text NOT NULL,
	`standfirst` text NOT NULL,
	`section` text NOT NULL,
	`tags` text NOT NULL,
	`source_name` text NOT NULL,
	`source_url` text,
	`byline` text,
	`language` text NOT NULL,
	`status` text NOT NULL,
	`published_at` integer,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	`deleted_at` integer,
	`lead_image` text,
	`body` text NOT NULL,
	`syndication_allowed` integer NOT NULL,
	`hide_from_popular` integer NOT NULL,
	`revision` integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `articles_id_unique` ON `articles` (`id`);--> statement-breakpoint
CREATE UNIQUE INDEX `articles_slug_unique` ON `articles` (`slug`);--> statement-breakpoint
CREATE INDEX `articles_visible_by_date` ON `articles` (`published_at`,`pk`) WHERE "articles"."status" = 'published' AND "articles"."deleted_at" IS NULL;--> statement-breakpoint
CREATE INDEX `articles_section_by_date` ON `articles` (`section`,`published_at`,`pk`) WHERE "articles"."status" = 'published' AND "articles"."deleted_at" IS NULL;--> statement-breakpoint
CREATE INDEX `articles_source_by_date` ON `articles` (`source_name`,`published_at`,`pk`) WHERE "articles"."status" = 'published' AND "articles"."deleted_at" IS NULL;--> statement-breakpoint
CREATE INDEX `articles_drafts` ON `articles` (`updated_at`,`pk`) WHERE "articles"."status" = 'draft' AND "articles"."deleted_at" IS NULL;