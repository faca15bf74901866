// Request and response schemas of the article page: the parts are the very schemas of the
// article, related, dateline and popular endpoints, so the page can never drift from them.
import { z } from 'zod';
import { articleExample } from '../articles/examples.js';
import { articleSchema } from '../articles/schemas.js';
import { datelineQueryShape, datelineSchema } from '../dateline/schemas.js';
import { slugSchema } from '../http/primitives.js';
import { popularListSchema, popularQueryShape } from '../popularity/schemas.js';
import { relatedListSchema } from '../related/schemas.js';

export const pageParamsSchema = z.strictObject({
  slug: slugSchema.describe("The article's slug."),
});

export const articlePageQuerySchema = z.strictObject({
  ...datelineQueryShape,
  window: popularQueryShape.window,
});

/** Each part's own example, so the page's example is the sum of the endpoints' examples. */
function exampleOf(schema: z.ZodType): unknown {
  return schema.meta()?.example;
}

export const articlePageSchema = z
  .object({
    dateline: datelineSchema
      .nullable()
      .describe(
        'As GET /v1/dateline returns it for `city`, `units`, `locale` and `at`; null when no `city` is given and the configured default city does not exist.',
      ),
    article: articleSchema.describe('As GET /v1/articles/{slug} returns it.'),
    related: relatedListSchema.describe('As GET /v1/articles/{slug}/related returns it with the default `limit`.'),
    popular: popularListSchema.describe('As GET /v1/popular returns it for `window` with the default `limit`.'),
  })
  .meta({
    id: 'ArticlePage',
    example: {
      dateline: exampleOf(datelineSchema),
      article: articleExample,
      related: exampleOf(relatedListSchema),
      popular: exampleOf(popularListSchema),
    },
  });

export type ArticlePageQuery = z.infer<typeof articlePageQuerySchema>;
export type ArticlePage = z.infer<typeof articlePageSchema>;
