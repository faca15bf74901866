CREATE TABLE `cities` (
	`pk` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`slug` text NOT NULL,
	`name` text NOT NULL,
	`country` text NOT NULL,
	`timezone` text NOT NULL,
	`latitude` real NOT NULL,
	`longitude` real NOT NULL,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `cities_slug_unique` ON `cities` (`slug`);--> statement-breakpoint
CREATE TABLE `weather_observations` (
	`pk` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`city_pk` integer NOT NULL,
	`observed_at` integer NOT NULL,
	`temperature_c` real NOT NULL,
	`condition` text,
	`source` text NOT NULL,
	`attribution` text,
	`recorded_at` integer NOT NULL,
	FOREIGN KEY (`city_pk`) REFERENCES `cities`(`pk`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `weather_observations_city_time` ON `weather_observations` (`city_pk`,`observed_at`);