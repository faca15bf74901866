CREATE TABLE `article_imports` (
	`key` text PRIMARY KEY NOT NULL,
	`article_pk` integer NOT NULL,
	`digest` text NOT NULL,
	FOREIGN KEY (`article_pk`) REFERENCES `articles`(`pk`) ON UPDATE no action ON DELETE cascade
);
