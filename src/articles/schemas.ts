// Request and response schemas of the article resource: validation, TypeScript types and the
// OpenAPI document all come from these.
import { z } from 'zod';
import {
  cursorSchema,
  httpUrlSchema,
  idSchema,
  limitSchema,
  pageSchema,
  sentHttpUrlSchema,
  slugSchema,
  textSchema,
  timestampSchema,
  utcTimestampSchema,
  visibleTextSchema,
} from '../http/primitives.js';
import { articleExample, articleInputExample, summaryExample } from './examples.js';

/**
 * What holds a URL, with `url` as what is sent (control characters refused) or as what is
 * answered (as stored: one stored before they were refused must not turn reads into 500s,
 * since every answer is checked against its schema).
 */
function withUrls(url: typeof httpUrlSchema) {
  const image = z.object({ url, caption: textSchema(1000).optional(), credit: textSchema(300).optional() });
  const blocks = [
    z.object({ type: z.literal('paragraph'), text: textSchema(20_000) }),
    z.object({ type: z.literal('heading'), text: textSchema(500) }),
    z.object({ type: z.literal('quote'), text: textSchema(5_000), attribution: textSchema(300).optional() }),
    image.extend({ type: z.literal('image') }),
  ] as const;
  const source = z.object({ name: textSchema(200), url: url.optional() });
  return { image, blocks, source };
}
const sent = withUrls(sentHttpUrlSchema);
const answered = withUrls(httpUrlSchema);

export const blockInputSchema = z.discriminatedUnion('type', [
  ...sent.blocks,
  z.object({ type: z.literal('related'), articleId: idSchema }),
]);

export const leadImageSchema = answered.image.meta({ id: 'Image' });
export const sourceSchema = answered.source.meta({ id: 'Source' });

/** The short form of an article that "Read more" boxes and lists show. */
export const relatedTargetSchema = z.object({
  id: idSchema,
  slug: slugSchema,
  url: z.string(),
  headline: z.string(),
  leadImage: leadImageSchema.optional(),
});

export const blockSchema = z
  .discriminatedUnion('type', [
    ...answered.blocks,
    z.object({ type: z.literal('related'), articleId: idSchema, article: relatedTargetSchema }),
  ])
  .meta({ id: 'Block' });

const tagSchema = slugSchema.max(60);
const languageSchema = z
  .string()
  .regex(/^[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})*$/, 'must be a BCP 47 language tag such as en or fr-CA');

const articleFields = {
  slug: slugSchema.max(100).optional().describe('Derived from the headline when left out.'),
  headline: visibleTextSchema(300),
  standfirst: visibleTextSchema(1000),
  section: slugSchema.max(60),
  tags: z.array(tagSchema).max(20).default([]),
  source: sent.source,
  byline: visibleTextSchema(200).optional(),
  language: languageSchema.default('en'),
  status: z.enum(['draft', 'published']).default('published'),
  publishedAt: timestampSchema
    .optional()
    .describe('When the article is or will be public; in the future for a scheduled article. Defaults to now.'),
  leadImage: sent.image.optional(),
  body: z.array(blockInputSchema).max(500),
  syndication: z.object({ allowed: z.boolean() }).default({ allowed: true }),
  hideFromPopular: z.boolean().default(false),
};

export const articleInputSchema = z.strictObject(articleFields).meta({ id: 'ArticleCreate', example: articleInputExample });

/** Every field optional, none defaulted: a PATCH changes only what it names. */
export const articlePatchSchema = z
  .strictObject({
    slug: articleFields.slug,
    headline: articleFields.headline.optional(),
    standfirst: articleFields.standfirst.optional(),
    section: articleFields.section.optional(),
    tags: z.array(tagSchema).max(20).optional(),
    source: sent.source.optional(),
    byline: articleFields.byline.unwrap().nullable().optional(),
    language: languageSchema.optional(),
    status: z.enum(['draft', 'published']).optional(),
    publishedAt: timestampSchema.nullable().optional(),
    leadImage: sent.image.nullable().optional(),
    body: articleFields.body.optional(),
    syndication: z.object({ allowed: z.boolean() }).optional(),
    hideFromPopular: z.boolean().optional(),
  })
  .meta({ id: 'ArticleUpdate', example: { headline: 'A corrected headline', tags: ['defence', 'diplomacy'] } });

export const articleSchema = z
  .object({
    id: idSchema,
    slug: slugSchema,
    url: z.string().describe("The article's address on the publisher's site."),
    headline: z.string(),
    standfirst: z.string(),
    section: z.string(),
    tags: z.array(z.string()),
    source: sourceSchema,
    byline: z.string().optional(),
    language: z.string(),
    status: z.enum(['draft', 'published']),
    publishedAt: utcTimestampSchema.nullable().describe('Null for a draft that has no date yet.'),
    createdAt: utcTimestampSchema,
    updatedAt: utcTimestampSchema,
    leadImage: leadImageSchema.optional(),
    body: z.array(blockSchema),
    syndication: z.object({ allowed: z.boolean() }),
    hideFromPopular: z.boolean(),
  })
  .meta({ id: 'Article', example: articleExample });

export const articleSummarySchema = z
  .object({
    id: idSchema,
    slug: slugSchema,
    url: z.string(),
    headline: z.string(),
    standfirst: z.string(),
    section: z.string(),
    tags: z.array(z.string()),
    source: sourceSchema,
    publishedAt: utcTimestampSchema.nullable(),
    updatedAt: utcTimestampSchema,
    leadImage: leadImageSchema.optional(),
    highlight: z.string().optional().describe('With `q`: an HTML excerpt, text escaped, matched words in <mark>.'),
  })
  .meta({ id: 'ArticleSummary', example: summaryExample });

export const articleListQuerySchema = z.strictObject({
  section: slugSchema.max(60).optional().describe('Only articles of this section.'),
  tag: slugSchema.max(60).optional().describe('Only articles with this tag.'),
  source: z.string().min(1).max(200).optional().describe('Source name, exactly as in `source.name`.'),
  from: timestampSchema.optional().describe('Earliest publishedAt, inclusive.'),
  to: timestampSchema.optional().describe('Latest publishedAt, inclusive.'),
  q: z
    .string()
    .max(300)
    .optional()
    .describe('Full-text search: words, "quoted phrases" and -excluded words. Results are ordered by relevance.'),
  status: z
    .enum(['published', 'draft', 'scheduled'])
    .default('published')
    .describe('`draft` and `scheduled` need an editor key.'),
  limit: limitSchema(100, 20),
  cursor: cursorSchema.optional(),
});

export const idOrSlugParamsSchema = z.object({
  idOrSlug: z
    .string()
    .min(1)
    .max(120)
    .regex(/^[A-Za-z0-9_-]+$/, 'must be an article id or slug')
    .describe('The article id or its slug.'),
});
export const idParamsSchema = z.object({ id: idSchema.describe('The article id.') });

export const facetSchema = z.object({ name: z.string(), count: z.number().int() });
export const facetListSchema = pageSchema(facetSchema, { name: 'world', count: 12 });
export const facetListQuerySchema = z.strictObject({ limit: limitSchema(100, 20), cursor: cursorSchema.optional() });
/** Where the next page of sections or tags starts: after this one, in the list's order. */
export const facetPosition = z.strictObject({ name: z.string(), count: z.number().int() });
export type Facet = z.infer<typeof facetSchema>;

export type ArticleInput = z.infer<typeof articleInputSchema>;
export type ArticlePatch = z.infer<typeof articlePatchSchema>;
export type Article = z.infer<typeof articleSchema>;
export type ArticleSummary = z.infer<typeof articleSummarySchema>;
export type Block = z.infer<typeof blockSchema>;
export type BlockInput = z.infer<typeof blockInputSchema>;
export type ArticleListQuery = z.infer<typeof articleListQuerySchema>;
export type RelatedTarget = z.infer<typeof relatedTargetSchema>;
