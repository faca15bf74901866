CREATE TABLE `views_journal` (
	`id` integer PRIMARY KEY NOT NULL,
	`flushed_segment` integer NOT NULL
);
