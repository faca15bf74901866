CREATE TABLE `view_counts_daily` (
	`article_pk` integer NOT NULL,
	`day_start` integer NOT NULL,
	`views` integer NOT NULL,
	PRIMARY KEY(`day_start`, `article_pk`),
	FOREIGN KEY (`article_pk`) REFERENCES `articles`(`pk`) ON UPDATE no action ON DELETE cascade
) WITHOUT ROWID;
-- WITHOUT ROWID added by hand (drizzle-kit does not model it): see the table in src/db/schema.ts.
--> statement-breakpoint
-- Hand-written (drizzle-kit does not model triggers): the daily rows follow `view_counts` in
-- the same transaction as every write to it, whichever path writes (the flush's upsert, whose
-- DO UPDATE fires the update trigger; pruning; a cascade from a deleted article). The hourly
-- rows' keys are never updated, only their views, so the update trigger adds the difference.
CREATE TRIGGER `view_counts_daily_on_insert` AFTER INSERT ON `view_counts` BEGIN
	INSERT INTO `view_counts_daily` (`article_pk`, `day_start`, `views`)
	VALUES (new.article_pk, new.bucket_start - new.bucket_start % 86400000, new.views)
	ON CONFLICT (`day_start`, `article_pk`) DO UPDATE SET `views` = `views` + excluded.views;
END;
--> statement-breakpoint
CREATE TRIGGER `view_counts_daily_on_update` AFTER UPDATE OF `views` ON `view_counts` BEGIN
	UPDATE `view_counts_daily` SET `views` = `views` + new.views - old.views
	WHERE `day_start` = new.bucket_start - new.bucket_start % 86400000 AND `article_pk` = new.article_pk;
END;
--> statement-breakpoint
CREATE TRIGGER `view_counts_daily_on_delete` AFTER DELETE ON `view_counts` BEGIN
	UPDATE `view_counts_daily` SET `views` = `views` - old.views
	WHERE `article_pk` = old.article_pk AND `day_start` = old.bucket_start - old.bucket_start % 86400000;
	DELETE FROM `view_counts_daily`
	WHERE `article_pk` = old.article_pk AND `day_start` = old.bucket_start - old.bucket_start % 86400000 AND `views` <= 0;
END;
--> statement-breakpoint
-- The hours already stored.
INSERT INTO `view_counts_daily` (`article_pk`, `day_start`, `views`)
SELECT `article_pk`, `bucket_start` - `bucket_start` % 86400000, sum(`views`) FROM `view_counts` GROUP BY 1, 2;
