// Example values shown in the OpenAPI document and the Swagger UI.
const leadImage = {
  url: 'https://images.example.org/2024/03/harbour-bridge.jpg',
  caption: 'The harbour bridge at dawn',
  credit: 'Newsroom Staff',
};

export const articleInputExample = {
  headline: 'City council approves new harbour bridge',
  standfirst: 'The crossing will link the old port with the eastern districts by 2027.',
  section: 'world',
  tags: ['infrastructure', 'transport'],
  source: { name: 'Newsroom Staff' },
  byline: 'A. Reporter',
  publishedAt: '2024-03-29T09:30:00Z',
  leadImage,
  body: [
    { type: 'paragraph', text: 'Councillors voted 31 to 9 on Thursday to fund the bridge.' },
    { type: 'related', articleId: 'demo_002' },
  ],
};

const summary = {
  id: 'demo_001',
  slug: 'city-council-approves-new-harbour-bridge',
  url: 'https://news.example.com/articles/city-council-approves-new-harbour-bridge',
  headline: 'City council approves new harbour bridge',
  standfirst: 'The crossing will link the old port with the eastern districts by 2027.',
  section: 'world',
  tags: ['infrastructure', 'transport'],
  source: { name: 'Newsroom Staff' },
  publishedAt: '2024-03-29T09:30:00Z',
  updatedAt: '2024-03-29T09:30:00Z',
  leadImage,
};

export const summaryExample = summary;

export const articleExample = {
  ...summary,
  byline: 'A. Reporter',
  language: 'en',
  status: 'published',
  createdAt: '2024-03-29T08:00:00Z',
  body: [
    { type: 'paragraph', text: 'Councillors voted 31 to 9 on Thursday to fund the bridge.' },
    {
      type: 'related',
      articleId: 'demo_002',
      article: {
        id: 'demo_002',
        slug: 'ferry-operators-fear-for-their-routes',
        url: 'https://news.example.com/articles/ferry-operators-fear-for-their-routes',
        headline: 'Ferry operators fear for their routes',
      },
    },
  ],
  syndication: { allowed: true },
  hideFromPopular: false,
};
