// Request and response schemas of the syndication endpoints: feeds, the news sitemap and the
// partners' change feed.
import { z } from 'zod';
import { articleExample } from '../articles/examples.js';
import { articleSchema } from '../articles/schemas.js';
import { idSchema, limitSchema, slugSchema } from '../http/primitives.js';

export const feedQuerySchema = z.strictObject({
  section: slugSchema.max(60).optional().describe('Only articles of this section.'),
  tag: slugSchema.max(60).optional().describe('Only articles with this tag.'),
});

export const changesQuerySchema = z.strictObject({
  after: z.coerce
    .number()
    .int()
    .min(0)
    .max(Number.MAX_SAFE_INTEGER)
    .default(0)
    .describe('The sequence number of the last change applied (`next` of the previous answer); 0 to start.'),
  limit: limitSchema(500, 100),
});

const upsertSchema = z.object({
  seq: z.number().int(),
  op: z.literal('upsert'),
  article: articleSchema.describe('The article as it stands now; replace your copy with it.'),
});
const deleteSchema = z.object({
  seq: z.number().int(),
  op: z.literal('delete'),
  id: idSchema.describe('Remove this article if you hold it.'),
});

export const changeSchema = z.discriminatedUnion('op', [upsertSchema, deleteSchema]).meta({ id: 'SyndicationChange' });

export const changePageSchema = z
  .object({
    data: z.array(changeSchema),
    next: z.number().int().describe('Pass as `after` to continue; the same `after` when nothing changed.'),
  })
  .meta({
    example: {
      data: [
        { seq: 41, op: 'upsert', article: articleExample },
        { seq: 42, op: 'delete', id: 'a_k3J9x0QmZr1b' },
      ],
      next: 42,
    },
  });

export type Change = z.infer<typeof changeSchema>;
