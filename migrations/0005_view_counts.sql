CREATE TABLE `view_counts` (
	`article_pk` integer NOT NULL,
	`bucket_start` integer NOT NULL,
	`views` integer NOT NULL,
	PRIMARY KEY(`article_pk`, `bucket_start`),
	FOREIGN KEY (`article_pk`) REFERENCES `articles`(`pk`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `view_counts_bucket` ON `view_counts` (`bucket_start`,`article_pk`,`views`);