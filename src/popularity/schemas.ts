// Request and response schemas of "Most Popular": recording views (POST /v1/views) and the
// rankings (GET /v1/popular), which the article page shows too.
import { z } from 'zod';
import { summaryExample } from '../articles/examples.js';
import { articleSummarySchema, idOrSlugParamsSchema } from '../articles/schemas.js';
import { limitSchema, slugSchema } from '../http/primitives.js';

/** The most events one POST /v1/views may carry. */
export const maxViewBatch = 1000;
/**
 * POST /v1/views body limit: a full batch of the longest events (a 120-character slug and a
 * 200-character visitor id, about 350 bytes each in JSON) with room to spare.
 */
export const viewsBodyLimitBytes = 512 * 1024;

export const popularWindows = ['1h', '24h', '7d', '30d'] as const;
/** The longest list of a window: rankings keep only what such lists can show. */
export const maxPopularLimit = 50;
export type PopularWindow = (typeof popularWindows)[number];

const viewSchema = z.strictObject({
  article: idOrSlugParamsSchema.shape.idOrSlug.describe('The id or slug of the article read.'),
  visitorId: z
    .string()
    .min(1)
    .max(200)
    .optional()
    .describe("An opaque id of the reader (a first-party cookie, say): a visitor's repeat views within 30 minutes count once."),
});

export const viewBatchSchema = z
  .union([
    viewSchema,
    z.strictObject({
      events: z.array(viewSchema).min(1).max(maxViewBatch).describe(`Up to ${maxViewBatch} views.`),
    }),
  ])
  .meta({
    id: 'ViewsRecord',
    description: 'One view, or a batch of views under `events`.',
    // A demo article's slug, so that "Try it out" on a demo service counts it.
    example: { article: 'calderra-and-veskar-agree-to-reopen-stalled-border-talks', visitorId: 'v-3f9a1c' },
  });

export const viewOutcomeSchema = z
  .object({
    accepted: z.number().int().describe('Views counted.'),
    rejected: z
      .number()
      .int()
      .describe('Views not counted: of an unknown or invisible article, sent by a bot, or a repeat within 30 minutes.'),
  })
  .meta({ id: 'ViewsRecorded', example: { accepted: 1, rejected: 0 } });

/** The ranking's parameters, shared with the article page, which shows the same list. */
export const popularQueryShape = {
  window: z.enum(popularWindows).default('24h').describe('The period whose views count: `1h`, `24h`, `7d` or `30d`.'),
  section: slugSchema.max(60).optional().describe('Only articles of this section.'),
  limit: limitSchema(maxPopularLimit, 10).describe(`How many articles, 1 to ${maxPopularLimit}.`),
};
export const popularQuerySchema = z.strictObject(popularQueryShape);

export const popularItemSchema = z.object({
  rank: z.number().int().describe('1 for the most read.'),
  views: z.number().int().describe('Views in the window, counted by whole hours.'),
  article: articleSummarySchema,
});

export const popularListSchema = z
  .object({
    window: z.enum(popularWindows),
    generatedAt: z.iso.datetime().describe('When the counts were taken; they reflect every view recorded before then.'),
    data: z.array(popularItemSchema),
  })
  .meta({
    id: 'PopularList',
    example: {
      window: '24h',
      generatedAt: '2024-03-29T12:00:00Z',
      data: [
        { rank: 1, views: 1520, article: summaryExample },
        { rank: 2, views: 980, article: { ...summaryExample, id: 'demo_003', slug: 'harbour-ferries-add-night-crossings' } },
      ],
    },
  });

export type ViewBatch = z.infer<typeof viewBatchSchema>;
export type ViewOutcome = z.infer<typeof viewOutcomeSchema>;
export type PopularQuery = z.infer<typeof popularQuerySchema>;
export type PopularItem = z.infer<typeof popularItemSchema>;
export type PopularList = z.infer<typeof popularListSchema>;
