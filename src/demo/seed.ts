// Fills an empty database with the demo articles, in one transaction, through the article
// service (so the same rules apply as for any client) after validating them like a POST body.

import { articleInputSchema } from '../articles/schemas.js';
import type { ArticleService } from '../articles/service.js';
import { formatTimestamp } from '../clock.js';
import { demoArticles } from './articles.js';

const hour = 3_600_000;

export function seedDemoContent(articles: ArticleService, now: number): void {
  const items = demoArticles.map(({ id, scheduledInHours, ...fields }) => {
    // The scheduled article comes due a fixed time after seeding, on the hour.
    const publishedAt =
      scheduledInHours === undefined
        ? fields.publishedAt
        : formatTimestamp(Math.ceil(now / hour) * hour + scheduledInHours * hour);
    const input = articleInputSchema.parse({ ...fields, publishedAt });
    return { id, input, createdAt: publishedAt ? Math.min(Date.parse(publishedAt), now) : now };
  });
  articles.createMany(items);
}
