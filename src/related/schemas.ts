// Request and response schemas of the related-articles resource ("Read more").
import { z } from 'zod';
import { summaryExample } from '../articles/examples.js';
import { articleSummarySchema } from '../articles/schemas.js';
import { idSchema, limitSchema } from '../http/primitives.js';

/** The most editorial links one article may hold; as many as one related list can show. */
export const maxEditorialLinks = 20;

export const relatedQuerySchema = z.strictObject({
  limit: limitSchema(20, 5),
});

export const editorialLinksSchema = z
  .strictObject({
    articleIds: z
      .array(idSchema)
      .max(maxEditorialLinks)
      .describe('Article ids in the order readers should see them; an empty list removes every editorial link.'),
  })
  .meta({ id: 'EditorialLinks', example: { articleIds: ['demo_002', 'demo_003'] } });

export const relatedItemSchema = z.object({
  reason: z
    .enum(['editorial', 'similar'])
    .describe('`editorial`: chosen by an editor (the list or a "Read more" box); `similar`: shared tags and text.'),
  article: articleSummarySchema,
});

export const relatedListSchema = z.object({ data: z.array(relatedItemSchema) }).meta({
  id: 'RelatedList',
  example: {
    data: [
      { reason: 'editorial', article: summaryExample },
      { reason: 'similar', article: { ...summaryExample, id: 'demo_003', slug: 'harbour-ferries-add-night-crossings' } },
    ],
  },
});

export type EditorialLinks = z.infer<typeof editorialLinksSchema>;
export type RelatedItem = z.infer<typeof relatedItemSchema>;
export type RelatedList = z.infer<typeof relatedListSchema>;
