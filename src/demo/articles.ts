// Demo content: original articles written for this project, used to fill an empty database.
export type DemoBlock =
  | { type: 'paragraph'; text: string }
  | { type: 'heading'; text: string }
  | { type: 'quote'; text: string; attribution?: string }
  | { type: 'image'; url: string; caption?: string; credit?: string }
  | { type: 'related'; articleId: string };

export interface DemoArticle {
  id: string; // fixed, e.g. 'demo_001' .. 'demo_036'
  slug: string; // lower-case a-z0-9- only, unique, derived from headline
  headline: string;
  standfirst: string;
  section: string; // one of: 'world', 'business', 'science', 'sport', 'culture' (lower-case)
  tags: string[]; // 2-5 lower-case a-z0-9- tags, e.g. 'china', 'defence', 'climate'
  source: { name: string; url?: string };
  byline?: string;
  language: string; // 'en' (one or two may be 'fr' with French text, optional)
  status: 'draft' | 'published';
  /** RFC 3339 UTC like '2024-03-27T09:15:00Z'; absent for drafts and for the scheduled article. */
  publishedAt?: string;
  /** Only for the one scheduled article: published this many hours after the database is seeded. */
  scheduledInHours?: number;
  leadImage?: { url: string; caption?: string; credit?: string };
  body: DemoBlock[];
  syndication: { allowed: boolean };
  hideFromPopular: boolean;
}

export const demoArticles: DemoArticle[] = [
  // ---------------------------------------------------------------- world
  {
    id: 'demo_001',
    slug: 'calderra-and-veskar-agree-to-reopen-stalled-border-talks',
    headline: 'Calderra and Veskar agree to reopen stalled border talks',
    standfirst:
      'Negotiators from the two neighbours will meet next month for the first time since talks collapsed last autumn, officials in both capitals confirmed.',
    section: 'world',
    tags: ['defence', 'diplomacy', 'border-talks', 'calderra', 'veskar'],
    source: { name: 'Meridian Wire', url: 'https://wire.example.org' },
    byline: 'Ines Marlow, Diplomatic Correspondent',
    language: 'en',
    status: 'published',
    publishedAt: '2024-03-02T08:30:00Z',
    leadImage: {
      url: 'https://images.example.org/2024/03/calderra-and-veskar-agree-to-reopen-stalled-border-talks.jpg',
      caption: 'A closed crossing point on the Amsel river, seen from the Calderran side.',
      credit: 'Photo: Jonas Brell / Meridian Wire',
    },
    body: [
      {
        type: 'paragraph',
        text: 'Calderra and Veskar have agreed to resume formal negotiations over their disputed northern border, ending a five-month freeze that had raised fears of a wider confrontation along the Amsel river. Foreign ministry officials in both capitals confirmed on Saturday that delegations would meet in the neutral port city of Port Lisle in early April.',
      },
      {
        type: 'paragraph',
        text: 'The announcement follows weeks of quiet contacts brokered by envoys from three neighbouring states, who shuttled between the two governments with draft proposals on troop withdrawals and the reopening of two closed crossing points. Diplomats familiar with the process said the breakthrough came when both sides agreed to leave the most contested stretch of the frontier off the initial agenda.',
      },
      { type: 'heading', text: 'A narrow opening' },
      {
        type: 'paragraph',
        text: 'Officials cautioned against expecting rapid progress. The first round is expected to focus on confidence-building measures, including a shared hotline between military commanders, advance notice of exercises near the border and a joint commission to investigate incidents. Questions of sovereignty over the river islands, which triggered the collapse of the last talks, are not expected to be addressed until a later stage.',
      },
      {
        type: 'quote',
        text: 'We are not pretending the hard questions have gone away. But talking is better than watching each other through binoculars.',
        attribution: 'Tomas Reyk, Calderran deputy foreign minister',
      },
      {
        type: 'paragraph',
        text: 'In Veskar, the government described the agreement as a sign that pressure from regional partners was working. Opposition parties were more sceptical, arguing that previous rounds had produced statements of intent but little change on the ground, where both armies have reinforced their positions over the winter.',
      },
      {
        type: 'paragraph',
        text: 'Residents of border towns, many of whom depend on cross-river trade, welcomed the news. Traders in the market town of Helmsfurt said the closure of the crossings had cut their business by half and forced families with relatives on the other side to make detours of several hundred kilometres.',
      },
    ],
    syndication: { allowed: true },
    hideFromPopular: false,
  },
  {
    id: 'demo_002',
    slug: 'veskar-raises-defence-spending-by-a-fifth-amid-border-tension',
    headline: 'Veskar raises defence spending by a fifth amid border tension',
    standfirst:
      'The government says the increase will pay for air defence and reserve training, while critics warn it risks undermining the newly revived talks with Calderra.',
    section: 'world',
    tags: ['defence', 'diplomacy', 'veskar', 'budget'],
    source: { name: 'Meridian Wire', url: 'https://wire.example.org' },
    byline: 'Petra Lund',
    language: 'en',
    status: 'published',
    publishedAt: '2024-03-05T14:10:00Z',
    leadImage: {
      url: 'https://images.example.org/2024/03/veskar-raises-defence-spending-by-a-fifth-amid-border-tension.jpg',
      caption: 'Veskari soldiers on a training exercise outside the capital, Tarnholm.',
    },
    body: [
      {
        type: 'paragraph',
        text: "Veskar will increase its defence budget by 21 per cent next year, the finance ministry announced on Tuesday, the largest rise since the country's armed forces were reorganised two decades ago. The extra money will be spent mainly on air defence systems, new armoured vehicles and an expanded programme for training reservists.",
      },
      {
        type: 'paragraph',
        text: 'Defence Minister Alva Renko told parliament the increase was a response to what she called a steady build-up of Calderran forces on the far bank of the Amsel. She said Veskar remained committed to the negotiations due to resume in Port Lisle, but that the country could not afford to negotiate from a position of weakness.',
      },
      { type: 'related', articleId: 'demo_001' },
      {
        type: 'paragraph',
        text: 'The opposition Civic Alliance said it supported stronger air defences but questioned the timing of the announcement, days after both governments agreed to return to the negotiating table. Its defence spokesperson said the budget sent a mixed message to mediators who had worked for months to bring the two sides together.',
      },
      {
        type: 'paragraph',
        text: 'In Calderra, a government spokesperson said the move was regrettable but would not derail the talks. Analysts in both capitals noted that Calderra had itself raised military spending twice in the past three years, and that the two countries together now spend more on defence than on higher education.',
      },
      {
        type: 'paragraph',
        text: "Economists warned that the increase would be funded partly through additional borrowing, at a time when Veskar's public debt is already close to the limit set by its own fiscal rules. The finance ministry said savings in other departments and a temporary levy on energy company profits would cover around two thirds of the cost.",
      },
    ],
    syndication: { allowed: true },
    hideFromPopular: false,
  },
  {
    id: 'demo_003',
    slug: 'defence-ministers-agree-joint-patrols-on-the-amsel-river',
    headline: 'Defence ministers agree joint patrols on the Amsel river',
    standfirst:
      'Calderra and Veskar will run shared river patrols and open a military hotline, the first concrete steps since the neighbours agreed to resume talks.',
    section: 'world',
    tags: ['defence', 'diplomacy', 'border-talks', 'calderra', 'veskar'],
    source: { name: 'Meridian Wire', url: 'https://wire.example.org' },
    byline: 'Ines Marlow, Diplomatic Correspondent',
    language: 'en',
    status: 'published',
    publishedAt: '2024-03-11T10:45:00Z',
    leadImage: {
      url: 'https://images.example.org/2024/03/defence-ministers-agree-joint-patrols-on-the-amsel-river.jpg',
      caption: 'A patrol boat on the Amsel river near Helmsfurt.',
      credit: 'Photo: Jonas Brell / Meridian Wire',
    },
    body: [
      {
        type: 'paragraph',
        text: 'The defence ministers of Calderra and Veskar have agreed to begin joint patrols along a 40-kilometre stretch of the Amsel river, in the most significant practical step towards easing tension between the two countries since their border talks collapsed last year. The agreement was reached at a four-hour meeting on Monday in Port Lisle.',
      },
      {
        type: 'paragraph',
        text: 'Under the arrangement, small mixed crews drawn from both navies will patrol the river twice a week, with observers from a neighbouring state on board. The ministers also agreed to set up a direct telephone line between the two general staffs, to be used whenever an incident on the river risks escalating.',
      },
      {
        type: 'image',
        url: 'https://images.example.org/2024/03/defence-ministers-agree-joint-patrols-on-the-amsel-river-2.jpg',
        caption: 'The two defence ministers after their meeting in Port Lisle.',
        credit: 'Photo: Jonas Brell / Meridian Wire',
      },
      {
        type: 'paragraph',
        text: 'Several recent incidents had alarmed mediators. In January a Veskari fishing boat was detained for two days after drifting into waters claimed by Calderra, and last month soldiers on opposite banks fired warning shots after a drone was spotted circling over a Calderran army post.',
      },
      { type: 'related', articleId: 'demo_001' },
      {
        type: 'paragraph',
        text: 'Calderra’s defence minister, Oren Vasz, said the patrols would be reviewed after three months. “If this works on the river, it can work elsewhere,” he told reporters. His Veskari counterpart, Alva Renko, said the deal showed that military contacts could support diplomacy rather than undermine it.',
      },
      {
        type: 'paragraph',
        text: 'The question of sovereignty over the river islands remains unresolved and was not discussed, officials said. Diplomats expect it to dominate the next round of political talks, which are scheduled to take place in Port Lisle later this spring, with foreign ministers rather than defence chiefs leading the two delegations.',
      },
    ],
    syndication: { allowed: true },
    hideFromPopular: false,
  },
  {
    id: 'demo_004',
    slug: 'mediators-propose-demilitarised-corridor-along-the-amsel',
    headline: 'Mediators propose demilitarised corridor along the Amsel',
    standfirst:
      'A draft plan seen by negotiators would pull heavy weapons back from both banks of the river and place the disputed islands under joint administration.',
    section: 'world',
    tags: ['defence', 'diplomacy', 'border-talks'],
    source: { name: 'Meridian Wire', url: 'https://wire.example.org' },
    byline: 'Ines Marlow, Diplomatic Correspondent',
    language: 'en',
    status: 'published',
    publishedAt: '2024-03-19T07:20:00Z',
    leadImage: {
      url: 'https://images.example.org/2024/03/mediators-propose-demilitarised-corridor-along-the-amsel.jpg',
      caption: 'The disputed river islands, seen from the Veskari bank of the Amsel.',
    },
    body: [
      {
        type: 'paragraph',
        text: 'Mediators trying to settle the border dispute between Calderra and Veskar have proposed a demilitarised corridor on both sides of the Amsel river, according to a draft plan circulated to the two governments this week. The proposal would require both armies to withdraw heavy weapons at least 15 kilometres from the riverbank within six months.',
      },
      {
        type: 'paragraph',
        text: 'The most ambitious element of the plan concerns the cluster of small islands in the middle of the river, the focus of the dispute for more than a decade. Instead of dividing them, the draft suggests a joint civilian administration, with fishing rights shared and any new construction subject to approval by both governments.',
      },
      { type: 'related', articleId: 'demo_003' },
      { type: 'heading', text: 'Reactions in both capitals' },
      {
        type: 'paragraph',
        text: 'Neither government has formally responded. A Calderran official described the plan as a serious basis for discussion, while cautioning that parliament would have to approve any change to the status of the islands. In Veskar, the defence ministry said it would study the proposal but that any withdrawal had to be verifiable and simultaneous.',
      },
      {
        type: 'paragraph',
        text: 'Independent analysts said the corridor idea borrowed from arrangements used elsewhere to separate rival forces after a ceasefire, but that it was unusual to propose one before any fighting had taken place. Supporters argue that is precisely the point, and that pulling weapons back now would make an accidental clash far less likely.',
      },
      { type: 'related', articleId: 'demo_035' },
      {
        type: 'paragraph',
        text: 'The plan is expected to be the main item on the agenda when the leaders of both countries meet in Port Lisle. Mediators have asked both sides to avoid public comment on the details until then, warning that early statements could make compromise harder for politicians facing sceptical voters at home.',
      },
    ],
    syndication: { allowed: true },
    hideFromPopular: false,
  },
  {
    id: 'demo_005',
    slug: 'northern-border-shelters-strain-as-families-wait-out-winter',
    headline: 'Northern border shelters strain as families wait out winter',
    standfirst:
      'Aid groups say temporary shelters near the closed Amsel crossings are holding twice their intended number of people as the cold season drags on.',
    section: 'world',
    tags: ['humanitarian', 'refugees', 'border-talks'],
    source: { name: 'Harbour Press' },
    byline: 'Dara Quill',
    language: 'en',
    status: 'published',
    publishedAt: '2024-03-14T16:00:00Z',
    leadImage: {
      url: 'https://images.example.org/2024/03/northern-border-shelters-strain-as-families-wait-out-winter.jpg',
      caption: 'A volunteer sorts donated blankets at a shelter in Helmsfurt.',
    },
    body: [
      {
        type: 'paragraph',
        text: 'Temporary shelters set up near the closed crossing points on the Amsel river are housing almost twice as many people as they were designed for, aid organisations said this week. Most of those staying in the converted sports halls and school buildings are families who were separated when the crossings closed and are waiting to be reunited.',
      },
      {
        type: 'paragraph',
        text: 'At a shelter in Helmsfurt, a former gymnasium with space for 120 people, volunteers said more than 230 were sleeping there on some nights in February. Heating costs had tripled over the winter, and the local council said its emergency budget for the year had been spent by the end of January.',
      },
      {
        type: 'quote',
        text: 'Every week someone tells us the crossings will open soon. We plan for the opposite, because people still need a bed tonight.',
        attribution: 'Shelter coordinator in Helmsfurt',
      },
      {
        type: 'paragraph',
        text: 'Aid groups welcomed the resumption of talks between Calderra and Veskar but urged both governments to treat the reopening of the crossings as a humanitarian matter rather than a bargaining chip. They are calling for a simple permit system that would let separated families cross while the wider negotiations continue.',
      },
      {
        type: 'paragraph',
        text: 'Regional health officials said there had been outbreaks of flu and stomach illness in two shelters, and that elderly residents and young children were most at risk. Mobile clinics now visit each site twice a week, and a charity has begun offering counselling to children who have not seen a parent for several months.',
      },
      {
        type: 'paragraph',
        text: 'Officials in both countries say they are working to improve conditions. The Calderran interior ministry announced extra funding for heating and food this month, while Veskar has offered to rehouse some of those staying in the most crowded shelters, an offer aid workers say few families have accepted because they want to stay close to the river.',
      },
    ],
    syndication: { allowed: true },
    hideFromPopular: true,
  },
  {
    id: 'demo_006',
    slug: 'teruna-votes-to-lower-the-national-voting-age-to-sixteen',
    headline: 'Teruna votes to lower the national voting age to sixteen',
    standfirst:
      'The island nation becomes the latest to extend the vote to 16- and 17-year-olds after a referendum that drew a record turnout among young people.',
    section: 'world',
    tags: ['elections', 'democracy', 'teruna'],
    source: { name: 'Newsroom Staff' },
    language: 'en',
    status: 'published',
    publishedAt: '2024-03-08T12:00:00Z',
    body: [
      {
        type: 'paragraph',
        text: "Voters in the island nation of Teruna have approved lowering the voting age from 18 to 16, in a referendum that saw the highest turnout among young adults since the country's independence. Final results published on Friday showed 58 per cent in favour of the change, which will apply from the next general election.",
      },
      {
        type: 'paragraph',
        text: 'The campaign for the change was led by a coalition of school student councils, youth clubs and two of the three main political parties. Supporters argued that 16-year-olds in Teruna can already work, pay tax and leave school, and that voting early helps people build a lifelong habit of taking part in elections.',
      },
      {
        type: 'paragraph',
        text: "Opponents, including several church groups and the opposition National Party, said most teenagers were not ready for the responsibility and that the change had been rushed through without enough public debate. The party's leader said on Friday that he accepted the result and would now campaign for the votes of the newly enfranchised.",
      },
      {
        type: 'paragraph',
        text: 'The electoral commission said it expected around 9,000 new voters to be added to the register, a significant number in a country of fewer than 300,000 people. It plans to run registration drives in every secondary school before the election, which must be held by the middle of next year.',
      },
      {
        type: 'paragraph',
        text: 'Political scientists said the result would be watched closely by other small island states, several of which are debating similar proposals. Early evidence from countries that have already lowered the voting age suggests that 16-year-olds who vote are more likely to keep voting later in life than those who first vote at 18 or over.',
      },
    ],
    syndication: { allowed: true },
    hideFromPopular: false,
  },
  {
    id: 'demo_007',
    slug: 'marrowby-bans-cars-from-its-historic-centre-after-referendum',
    headline: 'Marrowby bans cars from its historic centre after referendum',
    standfirst:
      'The coastal city will close its medieval streets to private traffic from June, after residents backed the plan by a narrow margin.',
    section: 'world',
    tags: ['transport', 'cities', 'marrowby'],
    source: { name: 'Harbour Press' },
    byline: 'Sam Ferro',
    language: 'en',
    status: 'published',
    publishedAt: '2024-03-22T09:05:00Z',
    leadImage: {
      url: 'https://images.example.org/2024/03/marrowby-bans-cars-from-its-historic-centre-after-referendum.jpg',
      caption: 'Cyclists in Marrowby’s market square, which will be closed to cars from June.',
      credit: 'Photo: Lena Osk / Harbour Press',
    },
    body: [
      {
        type: 'paragraph',
        text: 'Private cars will be banned from the historic centre of Marrowby from the first of June, after residents narrowly approved the measure in a local referendum. Just over 51 per cent of those who voted backed the plan, which will close roughly two square kilometres of medieval streets to through traffic and most parking.',
      },
      {
        type: 'paragraph',
        text: 'Under the scheme, delivery vans will be allowed into the zone before ten in the morning, and residents with disabilities, taxis and emergency vehicles will be exempt. Three new park-and-ride sites are being built on the edge of the city, connected to the centre by electric buses running every eight minutes.',
      },
      {
        type: 'paragraph',
        text: 'The city’s mayor, Ruth Calloway, said the result gave the council a clear mandate, even if the margin was narrow. “The streets were built for carts and pedestrians, not for queues of traffic,” she said. “We think people will quickly wonder how they ever put up with the noise.”',
      },
      {
        type: 'paragraph',
        text: 'Shopkeepers were divided. Some said they feared losing customers who drive in from surrounding villages, and a group of traders has asked the council to delay the ban until after the summer tourist season. Others said that similar schemes in other cities had increased the number of people walking past their windows.',
      },
      {
        type: 'paragraph',
        text: 'Air quality monitors on the main shopping street regularly record pollution levels above national guidelines, and the council says it expects a sharp fall once the ban takes effect. It will publish monthly figures on air quality, footfall and bus use for the first year, and has promised a review if trade falls significantly.',
      },
    ],
    syndication: { allowed: true },
    hideFromPopular: false,
  },
  // ------------------------------------------------------------- business
  {
    id: 'demo_008',
    slug: 'central-bank-holds-rates-at-4-5-but-hints-at-summer-cut',
    headline: 'Central bank holds rates at 4.5% but hints at summer cut',
    standfirst:
      'Policymakers voted seven to two to keep borrowing costs unchanged, while signalling that falling inflation could allow a reduction within months.',
    section: 'business',
    tags: ['interest-rates', 'central-bank', 'inflation'],
    source: { name: 'Meridian Wire', url: 'https://wire.example.org' },
    byline: 'Karl Odede, Economics Editor',
    language: 'en',
    status: 'published',
    publishedAt: '2024-03-07T12:00:00Z',
    leadImage: {
      url: 'https://images.example.org/2024/03/central-bank-holds-rates-at-4-5-but-hints-at-summer-cut.jpg',
      caption: 'The central bank’s headquarters in the financial district.',
      credit: 'Photo: Meridian Wire',
    },
    body: [
      {
        type: 'paragraph',
        text: 'The central bank kept its main interest rate at 4.5 per cent on Thursday for the fifth meeting in a row, but gave its clearest signal yet that borrowing costs could start to come down before the end of the summer. Seven members of the monetary policy committee voted to hold rates, while two voted for an immediate cut of a quarter of a percentage point.',
      },
      {
        type: 'paragraph',
        text: 'In a statement, the committee said inflation had fallen faster than it expected in the autumn and was now on course to reach its 2 per cent target in the second half of the year. It said it would need to see further evidence that wage growth and price rises in the service sector were easing before it was confident enough to act.',
      },
      { type: 'heading', text: 'What the governor said' },
      {
        type: 'quote',
        text: 'We are not yet where we need to be, but we are moving in the right direction, and the committee will not keep rates higher for longer than it has to.',
        attribution: 'Governor Miriam Holt',
      },
      {
        type: 'paragraph',
        text: 'At a press conference, Governor Miriam Holt declined to commit to a date for the first cut, saying decisions would be taken meeting by meeting. But she said financial markets were right to expect rates to be lower by the end of the year, comments that sent government bond yields to their lowest level since the autumn.',
      },
      {
        type: 'paragraph',
        text: "Business groups said the decision was disappointing but not surprising. Surveys of manufacturers show that high borrowing costs have led many companies to postpone investment, and the number of business insolvencies rose for the sixth consecutive quarter at the end of last year. Housebuilders' shares rose after the announcement on hopes of cheaper mortgages.",
      },
      {
        type: 'paragraph',
        text: "The bank's latest forecasts show the economy growing by just 0.6 per cent this year, before picking up next year as household incomes recover. Unemployment is expected to rise slightly, to 4.6 per cent, as the effect of past rate rises continues to feed through to the jobs market.",
      },
    ],
    syndication: { allowed: true },
    hideFromPopular: false,
  },
  {
    id: 'demo_009',
    slug: 'inflation-falls-to-2-8-lowest-in-two-and-a-half-years',
    headline: 'Inflation falls to 2.8%, lowest in two and a half years',
    standfirst:
      'Cheaper energy and a slowdown in food prices pushed the annual rate down more than expected, strengthening the case for an interest rate cut.',
    section: 'business',
    tags: ['inflation', 'interest-rates', 'economy'],
    source: { name: 'Meridian Wire', url: 'https://wire.example.org' },
    byline: 'Karl Odede, Economics Editor',
    language: 'en',
    status: 'published',
    publishedAt: '2024-03-13T07:00:00Z',
    leadImage: {
      url: 'https://images.example.org/2024/03/inflation-falls-to-2-8-lowest-in-two-and-a-half-years.jpg',
      caption: 'Shoppers at a covered market, where fresh food price rises have slowed.',
    },
    body: [
      {
        type: 'paragraph',
        text: 'The annual rate of consumer price inflation fell to 2.8 per cent in February from 3.1 per cent in January, official figures showed on Wednesday, the lowest reading for two and a half years. Economists had expected a smaller fall, to 3.0 per cent, and the figures are likely to add to pressure on the central bank to start cutting interest rates.',
      },
      {
        type: 'paragraph',
        text: 'The statistics office said the biggest downward pull came from household energy bills, which fell after a cut in the regulated price cap, and from food, where prices rose by 4 per cent over the year compared with more than 15 per cent at the peak. Prices of furniture and household goods fell slightly over the month.',
      },
      { type: 'related', articleId: 'demo_008' },
      {
        type: 'paragraph',
        text: 'Services inflation, which the central bank watches closely because it reflects domestic wage costs, remained higher at 5.4 per cent, down only slightly from 5.6 per cent. Rents and restaurant prices continued to rise quickly, and the cost of car insurance was up by more than a quarter compared with a year earlier.',
      },
      {
        type: 'paragraph',
        text: 'The finance minister welcomed the figures as evidence that the worst of the cost of living crisis was over, but opposition parties pointed out that prices were still rising and that many households remained worse off than before the surge in inflation began. Charities said families on low incomes were still cutting back on essentials.',
      },
      {
        type: 'paragraph',
        text: 'Financial markets moved to price in a first rate cut as soon as June. “This is the number the doves were waiting for,” said one bond trader. Most economists expect inflation to dip below the 2 per cent target briefly in the spring before edging back up later in the year.',
      },
    ],
    syndication: { allowed: true },
    hideFromPopular: false,
  },
  {
    id: 'demo_010',
    slug: 'mortgage-lenders-trim-fixed-rates-ahead-of-expected-easing',
    headline: 'Mortgage lenders trim fixed rates ahead of expected easing',
    standfirst:
      'Several large lenders have cut the price of two- and five-year fixed deals, offering relief to homeowners whose cheap loans are about to expire.',
    section: 'business',
    tags: ['interest-rates', 'mortgages', 'housing'],
    source: { name: 'Newsroom Staff' },
    byline: 'Hana Ruiz',
    language: 'en',
    status: 'published',
    publishedAt: '2024-03-15T11:30:00Z',
    leadImage: {
      url: 'https://images.example.org/2024/03/mortgage-lenders-trim-fixed-rates-ahead-of-expected-easing.jpg',
      caption: 'A street of terraced houses. About 1.5 million fixed-rate deals end this year.',
    },
    body: [
      {
        type: 'paragraph',
        text: "Several of the country's largest mortgage lenders have cut rates on their fixed-rate deals this week, as expectations grow that the central bank will reduce interest rates in the coming months. The cheapest five-year fixed deal on the market now stands at just under 4.2 per cent, down from more than 5 per cent last summer.",
      },
      {
        type: 'paragraph',
        text: "Lenders price fixed-rate mortgages largely on the basis of swap rates, which reflect where financial markets think interest rates will be in future. Those rates have fallen steadily since the central bank's last meeting, when policymakers signalled that a cut could come before the end of the summer.",
      },
      { type: 'related', articleId: 'demo_008' },
      {
        type: 'paragraph',
        text: 'The cuts will come as a relief to the estimated 1.5 million households whose fixed-rate deals end this year. Many of them took out loans when rates were below 2 per cent, and brokers say a typical borrower remortgaging now will still see monthly payments rise by around a fifth.',
      },
      {
        type: 'paragraph',
        text: 'Brokers warned borrowers not to wait too long in the hope of further falls. Most lenders allow customers to lock in a new rate up to six months before their existing deal ends, and can switch them to a cheaper product if rates fall before completion. Those who do nothing are usually moved onto a much more expensive variable rate.',
      },
      {
        type: 'paragraph',
        text: 'Housing market surveys suggest that lower rates are already bringing buyers back. Estate agents reported a rise in viewings and new enquiries in February, although prices remain slightly lower than a year ago and the number of completed sales is still well below the levels seen before rates began to rise.',
      },
    ],
    syndication: { allowed: true },
    hideFromPopular: false,
  },
  {
    id: 'demo_011',
    slug: 'savers-lose-out-as-banks-cut-easy-access-account-rates',
    headline: 'Savers lose out as banks cut easy-access account rates',
    standfirst:
      'Banks have moved quickly to lower the interest paid on savings, prompting campaigners to ask why mortgage cuts have been slower to arrive.',
    section: 'business',
    tags: ['interest-rates', 'savings', 'banking'],
    source: { name: 'Newsroom Staff' },
    byline: 'Hana Ruiz',
    language: 'en',
    status: 'published',
    publishedAt: '2024-03-26T08:00:00Z',
    leadImage: {
      url: 'https://images.example.org/2024/03/savers-lose-out-as-banks-cut-easy-access-account-rates.jpg',
      caption: 'A high-street bank branch. Around 40 providers have cut savings rates this month.',
    },
    body: [
      {
        type: 'paragraph',
        text: 'Banks and building societies have cut the interest paid on easy-access savings accounts at the fastest pace for more than a year, even though the central bank has not yet lowered its own rate. Figures from a financial data firm show that the average easy-access rate has fallen to 3.1 per cent, from 3.4 per cent at the start of the year.',
      },
      {
        type: 'paragraph',
        text: 'Around 40 providers have reduced rates on at least one account since the beginning of March. Fixed-term bonds, which pay a set rate for one to five years, have seen the biggest falls, as banks respond to the same expectations of lower interest rates that have pushed down the cost of fixed-rate mortgages.',
      },
      { type: 'related', articleId: 'demo_009' },
      {
        type: 'paragraph',
        text: 'Consumer campaigners said the speed of the cuts contrasted with the slow pace at which banks raised savings rates when the central bank was increasing borrowing costs. They urged savers to check what they were earning, noting that many older accounts still pay less than 1 per cent, well below the current rate of inflation.',
      },
      {
        type: 'paragraph',
        text: 'Industry representatives said the comparison was unfair, arguing that savings rates had been raised substantially over the past two years and that banks had to balance the interests of savers and borrowers. They pointed out that the best accounts still paid more than inflation, meaning savers who shop around continue to see real returns.',
      },
      {
        type: 'paragraph',
        text: 'Financial advisers said people with savings they would not need for several years might consider locking in a fixed rate now, before further cuts. But they cautioned that emergency funds should stay in accounts that allow instant access, even if the rate is lower, so that money is available when something unexpected happens.',
      },
    ],
    syndication: { allowed: true },
    hideFromPopular: false,
  },
  {
    id: 'demo_012',
    slug: 'northgrid-to-close-its-last-coal-fired-power-station-by-2029',
    headline: 'Northgrid to close its last coal-fired power station by 2029',
    standfirst:
      'The utility says offshore wind, batteries and a new undersea cable will replace the Fellgate plant, which still supplies a tenth of the region’s electricity.',
    section: 'business',
    tags: ['energy', 'climate', 'utilities', 'coal'],
    source: { name: 'Harbour Press' },
    byline: 'Nadia Fenn, Energy Correspondent',
    language: 'en',
    status: 'published',
    publishedAt: '2024-03-06T09:40:00Z',
    leadImage: {
      url: 'https://images.example.org/2024/03/northgrid-to-close-its-last-coal-fired-power-station-by-2029.jpg',
      caption: 'The cooling towers at Fellgate power station, due to close in 2029.',
      credit: 'Photo: Harbour Press',
    },
    body: [
      {
        type: 'paragraph',
        text: "Northgrid, the region's largest electricity company, will close its last coal-fired power station by the end of 2029, two years earlier than previously planned. The company said on Wednesday that the Fellgate plant, which has burned coal for more than half a century, would be replaced by a mix of offshore wind, large batteries and imported power.",
      },
      {
        type: 'paragraph',
        text: "Fellgate still generates around a tenth of the region's electricity and is the single largest source of carbon emissions in the area. Northgrid's chief executive, Colm Arden, said the closure would cut the company's emissions by more than 60 per cent and that the site would be redeveloped to host a battery storage facility.",
      },
      {
        type: 'paragraph',
        text: "The plan depends on the completion of a new undersea cable linking the region's grid with its neighbours, which is due to come into service in 2027, and on two offshore wind projects that have yet to receive final planning consent. Northgrid said it had contingency plans to keep Fellgate available as a reserve if either project was delayed.",
      },
      { type: 'heading', text: 'Jobs and the local economy' },
      {
        type: 'paragraph',
        text: 'Around 400 people work at the plant, and trade unions said they had been promised that no one would be made compulsorily redundant. Northgrid said it would offer retraining for roles at the new battery site and at its wind farm maintenance base, and that it expected to create more jobs in the region than it would cut.',
      },
      {
        type: 'paragraph',
        text: "Environmental groups welcomed the announcement but said it should have come sooner. The local council, which depends on the plant for a significant share of its business rates, said it would seek government support to diversify the town's economy, including funding for a proposed training college specialising in renewable energy.",
      },
    ],
    syndication: { allowed: true },
    hideFromPopular: false,
  },
  {
    id: 'demo_013',
    slug: 'green-bond-sales-hit-a-record-as-investors-back-energy-transition',
    headline: 'Green bond sales hit a record as investors back energy transition',
    standfirst:
      'Governments and companies sold more climate-linked debt in the first quarter than in any previous three-month period, though critics question how the money is spent.',
    section: 'business',
    tags: ['climate', 'energy', 'bonds', 'investment'],
    source: { name: 'Meridian Wire', url: 'https://wire.example.org' },
    language: 'en',
    status: 'published',
    publishedAt: '2024-03-20T13:15:00Z',
    leadImage: {
      url: 'https://images.example.org/2024/03/green-bond-sales-hit-a-record-as-investors-back-energy-transition.jpg',
      caption: 'Traders on a bond desk. Sales of green debt have surged this year.',
    },
    body: [
      {
        type: 'paragraph',
        text: 'Sales of green bonds reached a record in the first three months of the year, according to figures compiled by a financial data provider, as governments and companies raised money to pay for renewable energy, electric transport and more efficient buildings. More than 180 issuers sold bonds labelled as green in the quarter, up by a third on the same period last year.',
      },
      {
        type: 'paragraph',
        text: 'Bankers said demand had been driven by pension funds and insurers, many of which have committed to cutting the carbon footprint of their investments. Several recent issues were more than four times oversubscribed, allowing borrowers to pay slightly lower interest rates than they would on conventional debt, an advantage known in the market as the greenium.',
      },
      { type: 'related', articleId: 'demo_012' },
      {
        type: 'paragraph',
        text: 'Utilities were among the biggest issuers. Northgrid sold its largest ever green bond this month to help fund offshore wind projects that will replace its last coal-fired power station, and several regional governments raised money for flood defences, cycle lanes and public transport.',
      },
      {
        type: 'paragraph',
        text: 'Critics say the market still lacks clear rules. Green bonds are typically certified against voluntary standards, and campaign groups have found examples of companies using the label for projects that only modestly reduce emissions. Regulators are consulting on tighter disclosure requirements, including annual reporting on how the money raised has actually been spent.',
      },
      {
        type: 'paragraph',
        text: 'Analysts expect issuance to remain strong for the rest of the year, particularly if interest rates fall. But some warned that a slowdown in new wind and solar projects, caused by higher construction costs and delays in connecting to the grid, could limit the number of projects available to finance.',
      },
    ],
    syndication: { allowed: true },
    hideFromPopular: false,
  },
  {
    id: 'demo_014',
    slug: 'crumb-co-opens-r-d-kitchen-despite-profit-warning',
    headline: 'Crumb & Co opens R&D kitchen despite profit warning',
    standfirst:
      'The bakery chain will spend heavily on new recipes and a test kitchen, even though annual profits came in below analysts’ expectations.',
    section: 'business',
    tags: ['retail', 'food', 'earnings'],
    source: { name: 'Newsroom Staff' },
    language: 'en',
    status: 'published',
    publishedAt: '2024-03-18T10:00:00Z',
    leadImage: {
      url: 'https://images.example.org/2024/03/crumb-co-opens-r-d-kitchen-despite-profit-warning.jpg',
      caption: 'Inside the new Crumb & Co test kitchen, where chefs will develop up to 200 products a year.',
    },
    body: [
      {
        type: 'paragraph',
        text: "Crumb & Co, the bakery and café chain with more than 300 outlets, has opened a research and development kitchen at its headquarters, despite reporting annual profits that fell short of analysts' forecasts. The company said the new facility, which took eight months to build and equip, would allow it to develop and test up to 200 new products a year.",
      },
      {
        type: 'paragraph',
        text: 'Pre-tax profit for the year fell 8 per cent, as higher costs for flour, butter & energy offset a rise in sales. Like-for-like sales grew by 5 per cent, helped by price increases and stronger demand for breakfast items, but the company said its margins had been squeezed by wage increases for its 9,000 staff.',
      },
      {
        type: 'paragraph',
        text: "Analysts at one broker summed up the results in a note to clients as “profits < forecasts, ambitions > ever”, but said the company's decision to invest in R&D made sense in a crowded market. Supermarkets have expanded their in-store bakeries, and several rival chains have launched cheaper coffee and pastry deals.",
      },
      {
        type: 'quote',
        text: 'Customers come back for something new as much as for the old favourites. The kitchen lets us get new ideas in front of them in weeks rather than months.',
        attribution: 'Priya Stone, chief executive, Crumb & Co',
      },
      {
        type: 'paragraph',
        text: 'The R&D kitchen will employ 25 chefs and food scientists, working on lower-sugar recipes, vegan pastries and products designed to stay fresh for longer, which the company hopes will reduce waste. Crumb & Co said it currently throws away or donates around 4 per cent of what it bakes each day, and aims to halve that by 2026.',
      },
      {
        type: 'paragraph',
        text: 'Shares in the company fell 6 per cent in early trading before recovering some of their losses. The board kept the dividend unchanged and said it still planned to open 25 new shops this year, mainly at railway stations and motorway service areas, where it says rents have become more affordable.',
      },
    ],
    syndication: { allowed: false },
    hideFromPopular: false,
  },
  // -------------------------------------------------------------- science
  {
    id: 'demo_015',
    slug: 'northern-ice-fields-are-thinning-faster-than-models-predicted',
    headline: 'Northern ice fields are thinning faster than models predicted',
    standfirst:
      'A ten-year survey of 46 glaciers found they lost ice about a third faster than computer models had projected, with the sharpest losses at lower altitudes.',
    section: 'science',
    tags: ['climate', 'glaciers', 'research'],
    source: { name: 'Meridian Wire', url: 'https://wire.example.org' },
    byline: 'Leo Varga, Science Correspondent',
    language: 'en',
    status: 'published',
    publishedAt: '2024-03-04T15:00:00Z',
    leadImage: {
      url: 'https://images.example.org/2024/03/northern-ice-fields-are-thinning-faster-than-models-predicted.jpg',
      caption: 'Researchers set up a survey station on the edge of an ice field.',
      credit: 'Photo: Northern Polar Institute',
    },
    body: [
      {
        type: 'paragraph',
        text: 'Glaciers in the northern ice fields are losing mass about a third faster than the computer models used in official climate assessments had projected, according to a ten-year study published this week. The research team combined satellite measurements with data from survey stations drilled into the ice at 46 glaciers, some of them visited every summer since 2014.',
      },
      {
        type: 'paragraph',
        text: 'The study found that the average glacier lost the equivalent of 0.9 metres of water across its surface each year, compared with around 0.7 metres predicted by the models. The difference was largest on lower-lying glaciers, where warmer summers have removed much of the snow that normally reflects sunlight and protects the ice beneath.',
      },
      {
        type: 'image',
        url: 'https://images.example.org/2024/03/northern-ice-fields-are-thinning-faster-than-models-predicted-2.jpg',
        caption: 'Meltwater channels on the surface of a glacier in late summer.',
        credit: 'Photo: Northern Polar Institute',
      },
      {
        type: 'paragraph',
        text: 'The lead author, glaciologist Dr Hanne Solberg, said the models were not wrong in principle but underestimated a feedback in which dust, soot and algae darken the ice surface. Darker ice absorbs more energy from the sun and melts faster, exposing even darker ice beneath in a cycle that speeds up as the summer goes on.',
      },
      {
        type: 'quote',
        text: 'Every summer we go back, the edge of the ice is further from where we parked the year before.',
        attribution: 'Dr Hanne Solberg, glaciologist',
      },
      {
        type: 'paragraph',
        text: 'The findings have implications beyond the mountains. Meltwater from the ice fields feeds rivers that supply drinking water and hydroelectric power to several million people, and the researchers warn that although melting can temporarily increase flows, many rivers are likely to pass a peak within the next few decades and then decline.',
      },
      {
        type: 'paragraph',
        text: 'Other scientists said the study was a valuable test of the models against real-world measurements. They noted that ten years is a relatively short period and that some of the extra melting could reflect natural variation, but agreed that the results strengthened the case for cutting emissions quickly to limit further loss.',
      },
    ],
    syndication: { allowed: true },
    hideFromPopular: false,
  },
  {
    id: 'demo_016',
    slug: 'sodium-battery-prototype-survives-a-full-winter-outdoors',
    headline: 'Sodium battery prototype survives a full winter outdoors',
    standfirst:
      'Engineers say a grid-scale battery built without lithium kept more than 90 per cent of its capacity through months of freezing temperatures.',
    section: 'science',
    tags: ['energy', 'batteries', 'climate'],
    source: { name: 'Newsroom Staff' },
    byline: 'Leo Varga, Science Correspondent',
    language: 'en',
    status: 'published',
    publishedAt: '2024-03-10T09:00:00Z',
    leadImage: {
      url: 'https://images.example.org/2024/03/sodium-battery-prototype-survives-a-full-winter-outdoors.jpg',
      caption: 'The shipping-container battery at the test site, photographed in January.',
    },
    body: [
      {
        type: 'paragraph',
        text: 'A battery built from sodium rather than lithium has retained more than 90 per cent of its storage capacity after spending a full winter outdoors at a test site in the north, its developers said this week. The prototype, housed in a standard shipping container, was connected to a local grid and charged and discharged every day between October and March.',
      },
      {
        type: 'paragraph',
        text: 'Sodium is far more abundant than lithium and can be extracted from ordinary salt, which makes it attractive for the large batteries that electricity companies use to store wind and solar power. The drawback has been performance: sodium cells store less energy for their weight and have tended to lose capacity quickly in very cold conditions.',
      },
      {
        type: 'paragraph',
        text: 'The team, from a university engineering department working with a small manufacturer, said a new electrolyte allowed the cells to keep working at temperatures as low as minus 25 degrees Celsius. During the coldest week of the trial, the battery still delivered around 80 per cent of its rated power without any heating.',
      },
      { type: 'related', articleId: 'demo_012' },
      {
        type: 'paragraph',
        text: 'Weight matters less for batteries that sit beside a wind farm or a substation, and the researchers argue that sodium could undercut lithium on cost once production reaches scale. Utilities closing fossil fuel power stations are looking for cheap ways to store energy for hours at a time, to cover periods when the wind drops.',
      },
      {
        type: 'paragraph',
        text: 'Independent experts described the results as encouraging but said the prototype was small, storing about as much energy as a few dozen homes use in a day. The team is now building a unit ten times larger, due to be installed next to an onshore wind farm later this year.',
      },
    ],
    syndication: { allowed: true },
    hideFromPopular: false,
  },
  {
    id: 'demo_017',
    slug: 'heat-pumps-beat-expectations-in-cold-climate-housing-trial',
    headline: 'Heat pumps beat expectations in cold-climate housing trial',
    standfirst:
      'Homes fitted with heat pumps used less than a third of the energy of gas boilers over two winters, including during a week-long cold snap.',
    section: 'science',
    tags: ['energy', 'climate', 'housing', 'heat-pumps'],
    source: { name: 'Newsroom Staff' },
    byline: 'Leo Varga, Science Correspondent',
    language: 'en',
    status: 'published',
    publishedAt: '2024-03-17T08:45:00Z',
    leadImage: {
      url: 'https://images.example.org/2024/03/heat-pumps-beat-expectations-in-cold-climate-housing-trial.jpg',
      caption: 'A heat pump installed outside one of the stone cottages in the trial.',
      credit: 'Photo: Leo Varga',
    },
    body: [
      {
        type: 'paragraph',
        text: 'Heat pumps kept homes warm and used far less energy than gas boilers during two winters in one of the coldest parts of the country, according to a trial involving 750 households. The study, run by a national energy research centre, found that the pumps delivered on average three units of heat for every unit of electricity they consumed.',
      },
      {
        type: 'paragraph',
        text: 'The homes included a mix of modern flats, post-war semi-detached houses and older stone cottages, some of which had been considered unsuitable for heat pumps. Researchers found that with modest improvements, such as larger radiators and better loft insulation, even the oldest homes in the trial were comfortably heated.',
      },
      { type: 'related', articleId: 'demo_015' },
      {
        type: 'paragraph',
        text: 'Performance dropped during a week-long cold snap last January, when overnight temperatures fell below minus 15 degrees, but every home remained above 18 degrees indoors. On the coldest days the pumps still produced around twice as much heat as the electricity they used, the researchers said.',
      },
      {
        type: 'paragraph',
        text: 'Running costs were the main concern among participants. Because electricity is more expensive than gas per unit, households saved money only when their heat pump ran efficiently and they used a tariff with cheaper overnight rates. About a fifth of households paid slightly more than they had with a boiler, mainly in homes with poor insulation.',
      },
      {
        type: 'paragraph',
        text: 'The authors said the results undermined the idea that heat pumps only work in mild climates or new buildings. They called for grants for insulation to be paired with heat pump subsidies and for more training for installers, noting that poorly designed systems were the most common cause of disappointing results.',
      },
    ],
    syndication: { allowed: true },
    hideFromPopular: false,
  },
  {
    id: 'demo_018',
    slug: 'astronomers-spot-a-rare-galaxy-with-two-perfect-rings',
    headline: 'Astronomers spot a rare galaxy with two perfect rings',
    standfirst:
      'The distant galaxy, seen as it was more than a billion years ago, may have been struck head-on by a smaller neighbour, researchers say.',
    section: 'science',
    tags: ['space', 'astronomy'],
    source: { name: 'Meridian Wire', url: 'https://wire.example.org' },
    language: 'en',
    status: 'published',
    publishedAt: '2024-03-09T20:00:00Z',
    leadImage: {
      url: 'https://images.example.org/2024/03/astronomers-spot-a-rare-galaxy-with-two-perfect-rings.jpg',
      caption: 'The double-ringed galaxy, shown in false colour.',
      credit: 'Image: Aldermoor Observatory',
    },
    body: [
      {
        type: 'paragraph',
        text: 'Astronomers have found a galaxy surrounded by two almost perfectly circular rings of stars, one inside the other, an arrangement so rare that only a handful of similar objects are known. The galaxy lies about 1.3 billion light years away, meaning the light reaching telescopes today left it long before the first complex life appeared on Earth.',
      },
      {
        type: 'paragraph',
        text: 'Ring galaxies are usually formed when a small galaxy plunges straight through the centre of a larger one, like a stone dropped into a pond. The collision sends a ripple of gravity outwards, compressing gas and triggering bursts of star formation that show up as a bright ring. A second ring requires either a second collision or a very unusual first one.',
      },
      {
        type: 'paragraph',
        text: 'The team at Aldermoor Observatory spotted the object while searching survey images for galaxies with unusual shapes, a task shared with more than 3,000 volunteers who classify images online. One volunteer, a retired teacher, flagged it with a comment saying it looked like a target at an archery range.',
      },
      {
        type: 'paragraph',
        text: 'Follow-up observations showed that a small companion galaxy sits a short distance away, apparently having passed through its larger neighbour around 50 million years ago. Computer simulations suggest that a single head-on collision at the right angle and speed can produce two rings that spread outwards at slightly different rates.',
      },
      {
        type: 'paragraph',
        text: 'Because the rings expand and fade over a few hundred million years, the researchers say the galaxy offers a rare snapshot of a short-lived stage in galactic evolution. They have requested time on larger telescopes to measure the ages of stars in each ring, which could confirm whether both were formed by the same event.',
      },
    ],
    syndication: { allowed: true },
    hideFromPopular: false,
  },
  {
    id: 'demo_019',
    slug: 'wildflower-meadows-slow-the-decline-of-wild-bees-study-finds',
    headline: 'Wildflower meadows slow the decline of wild bees, study finds',
    standfirst:
      'Farms that set aside strips of native flowers saw wild bee numbers hold steady over five years, while those without them recorded steep falls.',
    section: 'science',
    tags: ['biodiversity', 'bees', 'farming'],
    source: { name: 'Harbour Press' },
    language: 'en',
    status: 'published',
    publishedAt: '2024-03-21T06:30:00Z',
    leadImage: {
      url: 'https://images.example.org/2024/03/wildflower-meadows-slow-the-decline-of-wild-bees-study-finds.jpg',
      caption: 'A strip of wildflowers along the edge of a wheat field in the study area.',
    },
    body: [
      {
        type: 'paragraph',
        text: 'Planting strips of wildflowers at the edges of fields can halt the decline of wild bees on farmland, according to a five-year study of 60 farms. Researchers found that bee numbers remained stable on farms that sowed native flowers, while on comparable farms without them the number of wild bees counted each summer fell by almost 40 per cent.',
      },
      {
        type: 'paragraph',
        text: 'The study focused on bumblebees and solitary bees, which pollinate many crops and wild plants but have declined sharply in recent decades because of habitat loss, pesticides and changing weather patterns. Unlike honeybees, which are managed by beekeepers, these species depend entirely on the flowers and nesting sites available in the surrounding landscape.',
      },
      {
        type: 'paragraph',
        text: 'The strips, usually between six and twelve metres wide, were sown with a mix of around 20 native species chosen to flower from early spring to late autumn. Researchers said continuous flowering was crucial, because gaps of even a few weeks without food can cause bee colonies to fail before they produce the next generation of queens.',
      },
      {
        type: 'quote',
        text: 'Farmers told us the strips also brought back birds and hares they had not seen for years. It is not just about the bees.',
        attribution: 'Dr Mira Castell, ecologist and study co-author',
      },
      {
        type: 'paragraph',
        text: 'Farmers in the study received payments to compensate for the land taken out of production, which amounted to about 3 per cent of their arable area. Several reported that yields of crops such as oilseed and field beans improved near the strips, which the researchers attribute to better pollination, although the effect varied from year to year.',
      },
      {
        type: 'paragraph',
        text: 'The authors say the results support expanding agri-environment schemes, but warn that wildflower strips alone cannot reverse losses caused by pesticide use and the removal of hedgerows. They are now studying whether linking strips across neighbouring farms, to create continuous corridors, could help bee populations recover rather than merely stabilise.',
      },
    ],
    syndication: { allowed: true },
    hideFromPopular: false,
  },
  {
    id: 'demo_020',
    slug: 'school-garden-soil-yields-promising-new-antibiotic-candidate',
    headline: 'School garden soil yields promising new antibiotic candidate',
    standfirst:
      'A compound made by bacteria found in a primary school’s vegetable patch killed several drug-resistant microbes in laboratory tests.',
    section: 'science',
    tags: ['health', 'antibiotics', 'research'],
    source: { name: 'Newsroom Staff' },
    language: 'en',
    status: 'published',
    publishedAt: '2024-03-24T10:10:00Z',
    body: [
      {
        type: 'paragraph',
        text: 'Scientists have identified a potential new antibiotic in a soil sample collected from a primary school vegetable garden, as part of a project that invites schoolchildren to help search for medicines. In laboratory tests, the compound killed several strains of bacteria that are resistant to existing drugs, including one responsible for serious hospital infections.',
      },
      {
        type: 'paragraph',
        text: 'The sample was one of more than 4,000 sent in by schools over three years. Pupils collected soil from playgrounds, gardens and parks, and laboratory staff grew the bacteria living in each sample to see whether any produced chemicals that stopped other microbes from growing. Most soil bacteria make such chemicals to compete with their neighbours.',
      },
      {
        type: 'paragraph',
        text: 'The new compound, produced by a previously unknown species of bacterium, appears to attack the outer wall of bacterial cells in a way that differs from existing antibiotics. The researchers say that could make it harder for bacteria to develop resistance, although they stress that this has not yet been demonstrated.',
      },
      {
        type: 'paragraph',
        text: 'Many steps remain before the compound could become a medicine. It must be shown to be safe in animals and then in people, and most candidates fail along the way. The team estimates that, even if all goes well, a treatment would be at least ten years away, and it is seeking partners to fund the next stage of work.',
      },
      {
        type: 'paragraph',
        text: 'The pupils who found the sample, aged between nine and eleven, have been invited to visit the laboratory, and the researchers have offered to name the bacterium after their school. Their teacher said the class had already begun asking whether they would receive a share of the profits.',
      },
    ],
    syndication: { allowed: true },
    hideFromPopular: false,
  },
  {
    id: 'demo_021',
    slug: 'deep-sea-survey-logs-dozens-of-species-new-to-science',
    headline: 'Deep-sea survey logs dozens of species new to science',
    standfirst:
      'A six-week expedition to an underwater mountain range returned with samples of at least 38 animals that researchers believe have never been described.',
    section: 'science',
    tags: ['oceans', 'biodiversity', 'research'],
    source: { name: 'Meridian Wire', url: 'https://wire.example.org' },
    byline: 'Leo Varga, Science Correspondent',
    language: 'en',
    status: 'published',
    publishedAt: '2024-03-28T07:50:00Z',
    leadImage: {
      url: 'https://images.example.org/2024/03/deep-sea-survey-logs-dozens-of-species-new-to-science.jpg',
      caption: 'A remotely operated vehicle is lowered from the research ship.',
    },
    body: [
      {
        type: 'paragraph',
        text: 'Marine biologists returning from a six-week expedition to a chain of underwater mountains say they have collected at least 38 animal species that are new to science, including sea stars, corals, sponges and a translucent worm that glows when disturbed. The expedition used a remotely operated vehicle to explore slopes at depths of up to 4,500 metres.',
      },
      {
        type: 'paragraph',
        text: 'Underwater mountains, known as seamounts, rise steeply from the ocean floor and deflect currents upwards, carrying nutrients that support unusually rich communities of life. Many have never been visited, and scientists estimate that only a small fraction of the species living on them have been formally described.',
      },
      {
        type: 'image',
        url: 'https://images.example.org/2024/03/deep-sea-survey-logs-dozens-of-species-new-to-science-2.jpg',
        caption: 'A previously unknown species of sea star, photographed at 3,200 metres.',
        credit: 'Photo: Expedition science team',
      },
      {
        type: 'paragraph',
        text: 'Confirming that an animal is new to science can take years, as specimens must be compared with existing collections and their DNA analysed. The team said the figure of 38 was conservative and could rise as the remaining samples, more than 1,200 in all, are examined by specialists in museums and universities around the world.',
      },
      {
        type: 'paragraph',
        text: 'The expedition also recorded signs of human impact, including fishing lines tangled around coral and a plastic crate lying at more than 2,000 metres. The researchers said seamounts are particularly vulnerable to bottom trawling, which can destroy in a single pass corals that have grown for centuries.',
      },
      {
        type: 'paragraph',
        text: 'The findings are expected to inform discussions on protecting areas of the high seas, where few rules currently limit fishing or mining. The expedition leader said it was sobering to be discovering species in places that could be damaged before anyone had the chance to study them.',
      },
    ],
    syndication: { allowed: true },
    hideFromPopular: false,
  },
  // ---------------------------------------------------------------- sport
  {
    id: 'demo_022',
    slug: 'harbour-city-end-winless-run-with-stoppage-time-winner',
    headline: 'Harbour City end winless run with stoppage-time winner',
    standfirst:
      'A header from substitute Teo Marsh in the 94th minute gave the struggling side their first league victory since early December.',
    section: 'sport',
    tags: ['football', 'harbour-city', 'league'],
    source: { name: 'Harbour Press' },
    byline: 'Callum Wyatt',
    language: 'en',
    status: 'published',
    publishedAt: '2024-03-03T17:45:00Z',
    leadImage: {
      url: 'https://images.example.org/2024/03/harbour-city-end-winless-run-with-stoppage-time-winner.jpg',
      caption: 'Teo Marsh celebrates his winning goal in front of the home supporters.',
      credit: 'Photo: Harbour Press Sport',
    },
    body: [
      {
        type: 'paragraph',
        text: 'Harbour City ended a run of 12 league matches without a win in dramatic fashion on Sunday, as substitute Teo Marsh headed in a corner deep into stoppage time to secure a 2-1 victory over Kingsmere United. The result lifts City out of the relegation places for the first time since November, on goal difference.',
      },
      {
        type: 'paragraph',
        text: "Kingsmere had taken the lead midway through the first half when their captain curled a free kick over the wall, and for long periods looked the more likely side to score again. City's goalkeeper made three fine saves before the break, including a one-handed stop from a close-range volley that drew applause from both sets of supporters.",
      },
      {
        type: 'paragraph',
        text: 'The home side improved after a change of shape at half-time and equalised on the hour, when a low cross from the right was turned in at the near post. With the crowd urging them forward, City pressed for a winner, and Marsh, on the pitch for barely ten minutes, rose highest to meet the final corner of the afternoon.',
      },
      {
        type: 'quote',
        text: 'I just told the lads that nobody would remember the twelve games if we won the thirteenth. They believed it more than I did.',
        attribution: 'Ivo Brandt, Harbour City head coach',
      },
      {
        type: 'paragraph',
        text: "The victory brings some relief for head coach Ivo Brandt, whose position had been the subject of speculation after a home defeat last month. The club's board had publicly backed him, but supporters' groups had called for change, and several banners criticising the club's owners were displayed before kick-off.",
      },
      {
        type: 'paragraph',
        text: 'City face a difficult run of fixtures in March, including trips to two of the top four sides. Brandt said the win would give his young squad confidence but warned against assuming their problems were over. Kingsmere remain eighth, six points outside the places that would earn qualification for continental competition.',
      },
    ],
    syndication: { allowed: true },
    hideFromPopular: false,
  },
  {
    id: 'demo_023',
    slug: 'northfield-rovers-give-manager-elena-voss-a-new-three-year-deal',
    headline: 'Northfield Rovers give manager Elena Voss a new three-year deal',
    standfirst:
      'The club’s board has rewarded the manager for taking Rovers to the top of the table with a contract that runs until 2027.',
    section: 'sport',
    tags: ['football', 'northfield-rovers', 'managers'],
    source: { name: 'Harbour Press' },
    byline: 'Callum Wyatt',
    language: 'en',
    status: 'published',
    publishedAt: '2024-03-12T13:00:00Z',
    leadImage: {
      url: 'https://images.example.org/2024/03/northfield-rovers-give-manager-elena-voss-a-new-three-year-deal.jpg',
      caption: 'Elena Voss on the touchline during Rovers’ win last weekend.',
    },
    body: [
      {
        type: 'paragraph',
        text: 'Northfield Rovers have signed manager Elena Voss to a new three-year contract, the club announced on Tuesday, ending speculation that she could be tempted away by one of the bigger clubs. Voss, who took charge two and a half years ago, has led Rovers to the top of the league with 11 matches of the season remaining.',
      },
      {
        type: 'paragraph',
        text: 'Under Voss, Rovers have built a reputation for a high-pressing style and for giving chances to players from their own academy. Five members of the current first-team squad came through the youth system, and the club has made a profit on player sales in each of the past two seasons while improving its league position.',
      },
      { type: 'related', articleId: 'demo_022' },
      {
        type: 'paragraph',
        text: "The club's chairman said the new deal reflected the board's confidence in Voss's long-term plans, which include redeveloping the training ground and expanding the women's team. Reports had linked her with at least two clubs last month, and supporters had staged a small demonstration outside the stadium urging the board to secure her future.",
      },
      {
        type: 'paragraph',
        text: 'Voss said she had never seriously considered leaving. “This club gave me a chance when others would not,” she said. “We have built something here, and I want to see where it can go.” She added that the contract talks had been straightforward and had been concluded before the winter transfer window closed.',
      },
      {
        type: 'paragraph',
        text: "Rovers' next match is a cup quarter-final at home on Saturday. The club are four points clear at the top of the league, and their run-in includes a trip to Kingsmere United, the only side to have beaten them this season, in the final week of April.",
      },
    ],
    syndication: { allowed: true },
    hideFromPopular: false,
  },
  {
    id: 'demo_024',
    slug: 'cup-semi-final-draw-pairs-leaders-with-second-tier-ashby-town',
    headline: 'Cup semi-final draw pairs leaders with second-tier Ashby Town',
    standfirst:
      'Northfield Rovers will face the competition’s surprise package, while Harbour City, into the last four for the first time in 19 years, meet the holders.',
    section: 'sport',
    tags: ['football', 'cup', 'northfield-rovers', 'harbour-city'],
    source: { name: 'Newsroom Staff' },
    language: 'en',
    status: 'published',
    publishedAt: '2024-03-16T18:20:00Z',
    leadImage: {
      url: 'https://images.example.org/2024/03/cup-semi-final-draw-pairs-leaders-with-second-tier-ashby-town.jpg',
      caption: 'Ashby Town players celebrate their quarter-final victory.',
    },
    body: [
      {
        type: 'paragraph',
        text: 'League leaders Northfield Rovers will play second-tier Ashby Town in the semi-finals of the national cup, after the draw was made on Saturday evening. In the other tie, holders Kingsmere United face Harbour City, who reached the last four for the first time in 19 years with a penalty shoot-out victory earlier in the day.',
      },
      {
        type: 'paragraph',
        text: "Ashby have been the story of this season's competition. The part-time club knocked out two top-flight sides on their way to the quarter-finals, where they beat a third 1-0 on Saturday afternoon with a goal from a defender who works as an electrician during the week. Their entire squad costs less in wages than some individual players earn at Rovers.",
      },
      { type: 'related', articleId: 'demo_023' },
      {
        type: 'paragraph',
        text: 'Rovers manager Elena Voss said her side would not underestimate their opponents. Rovers have won the cup only once, more than 40 years ago, and are aiming for a league and cup double. Voss has rotated her squad in earlier rounds, but is expected to name her strongest team for a semi-final that will be played at a neutral ground.',
      },
      {
        type: 'paragraph',
        text: "Harbour City's progress has been a welcome distraction from a difficult league campaign. The club have won three of their last five matches in all competitions after a long winless run, and head coach Ivo Brandt said reaching the semi-final had transformed the mood at the club. City beat Kingsmere in the league only a fortnight ago, with a stoppage-time winner.",
      },
      {
        type: 'paragraph',
        text: "Both semi-finals will be played on the weekend of 20 April, with the final scheduled for the last Saturday in May. Ashby's chairman said the club had received more than 10,000 ticket requests within an hour of the draw, more than three times the capacity of their home ground.",
      },
    ],
    syndication: { allowed: true },
    hideFromPopular: false,
  },
  {
    id: 'demo_025',
    slug: 'league-to-trial-semi-automated-offside-calls-next-season',
    headline: 'League to trial semi-automated offside calls next season',
    standfirst:
      'Cameras tracking players’ limbs will produce offside decisions within seconds, with video assistants confirming each call before it is shown to supporters.',
    section: 'sport',
    tags: ['football', 'referees', 'technology'],
    source: { name: 'Newsroom Staff' },
    language: 'en',
    status: 'published',
    publishedAt: '2024-03-23T12:40:00Z',
    leadImage: {
      url: 'https://images.example.org/2024/03/league-to-trial-semi-automated-offside-calls-next-season.jpg',
      caption: 'A video assistant referee reviews footage in the league’s operations centre.',
    },
    body: [
      {
        type: 'paragraph',
        text: "The top division will trial a semi-automated offside system next season, league officials confirmed on Saturday, in an attempt to speed up decisions that have frustrated players and supporters. The technology uses a dozen cameras mounted under stadium roofs to track the position of each player's limbs many times a second.",
      },
      {
        type: 'paragraph',
        text: 'When the system detects a possible offside, it alerts the video assistant referee, who checks the moment the ball was played and confirms the decision. Officials say the process should take around 25 seconds, compared with an average of more than a minute under the current system, where lines are drawn on screen by hand.',
      },
      {
        type: 'paragraph',
        text: 'A computer-generated animation of each decision will be shown on big screens inside stadiums and to television viewers, so that supporters can see why a goal has been ruled out. Clubs had asked for greater transparency after several disputed decisions this season, including two in matches involving Harbour City and Northfield Rovers.',
      },
      { type: 'related', articleId: 'demo_022' },
      {
        type: 'paragraph',
        text: "Referees' representatives welcomed the move, saying the current process placed officials under unfair scrutiny for decisions that are often measured in centimetres. But some coaches questioned whether the technology would reduce controversy, pointing out that disagreements often arise over whether a player was interfering with play rather than over where they were standing.",
      },
      {
        type: 'paragraph',
        text: "The league will meet the cost of installing cameras at every ground, funded partly by its broadcasting partners. If the trial is judged a success, the system could be extended to the second tier and to the women's league within two seasons, officials said, subject to agreement from the clubs involved.",
      },
    ],
    syndication: { allowed: true },
    hideFromPopular: false,
  },
  {
    id: 'demo_026',
    slug: 'record-crowd-watches-riverside-ladies-go-five-points-clear',
    headline: 'Record crowd watches Riverside Ladies go five points clear',
    standfirst:
      'More than 21,000 supporters saw Riverside beat their closest rivals 3-0, setting a new attendance record for a women’s league match.',
    section: 'sport',
    tags: ['football', 'womens-football', 'league'],
    source: { name: 'Harbour Press' },
    byline: 'Callum Wyatt',
    language: 'en',
    status: 'published',
    publishedAt: '2024-03-25T19:30:00Z',
    leadImage: {
      url: 'https://images.example.org/2024/03/record-crowd-watches-riverside-ladies-go-five-points-clear.jpg',
      caption: 'Riverside Ladies celebrate in front of a sold-out stand at Riverside Park.',
      credit: 'Photo: Callum Wyatt / Harbour Press',
    },
    body: [
      {
        type: 'paragraph',
        text: "A record crowd of 21,340 watched Riverside Ladies beat second-placed Northfield Rovers Women 3-0 on Monday evening, a result that moves them five points clear at the top of the league with four matches remaining. The attendance was the highest ever recorded for a women's league match in the country, beating the previous record by almost 4,000.",
      },
      {
        type: 'paragraph',
        text: "The match was moved from Riverside's usual ground to Riverside Park, home of the men's team, after tickets for the original venue sold out within a day. The club opened additional stands twice in the week before the game, and offered free tickets to local schools and youth clubs.",
      },
      {
        type: 'paragraph',
        text: 'Riverside took the lead after 12 minutes through their captain, Jess Amadi, who scored from the edge of the area, and added a second before half-time when a cross was deflected into the net. A late solo goal from 18-year-old forward Noor Kessler, who ran from the halfway line, brought the loudest cheer of the night.',
      },
      {
        type: 'quote',
        text: 'I have played in front of a few hundred people on cold Sunday afternoons. Tonight I could not hear my own teammates. I will never forget it.',
        attribution: 'Jess Amadi, Riverside Ladies captain',
      },
      {
        type: 'paragraph',
        text: "The league's chief executive said the crowd showed how quickly interest in the women's game was growing, and called on clubs to schedule more matches in their main stadiums. Average attendances this season are up by more than 60 per cent, and the league has signed a new broadcasting deal that will show every match live.",
      },
      {
        type: 'paragraph',
        text: 'Riverside could clinch the title as early as next weekend if they win away to third-placed Kingsmere United Women and Northfield drop points. The club said it would decide in the coming days whether the final home match of the season would also be played at Riverside Park.',
      },
    ],
    syndication: { allowed: false },
    hideFromPopular: false,
  },
  {
    id: 'demo_027',
    slug: 'debutant-amara-kell-wins-city-marathon-in-course-record',
    headline: 'Debutant Amara Kell wins city marathon in course record',
    standfirst:
      'Running her first marathon, the 24-year-old pulled away in the final five kilometres to finish almost a minute inside the old course best.',
    section: 'sport',
    tags: ['athletics', 'marathon'],
    source: { name: 'Newsroom Staff' },
    language: 'en',
    status: 'published',
    publishedAt: '2024-03-10T14:20:00Z',
    leadImage: {
      url: 'https://images.example.org/2024/03/debutant-amara-kell-wins-city-marathon-in-course-record.jpg',
      caption: 'Amara Kell crosses the finish line on the riverside embankment.',
    },
    body: [
      {
        type: 'paragraph',
        text: "Amara Kell won the city marathon at her first attempt on Sunday, breaking the women's course record by 58 seconds in cool, still conditions that suited fast running. The 24-year-old, previously best known as a track runner over 10,000 metres, crossed the line in two hours, 21 minutes and 40 seconds.",
      },
      {
        type: 'paragraph',
        text: 'Kell ran in a group of five leading women for most of the race, sitting behind the pacemakers as they passed halfway in just under 71 minutes. She made her decisive move on the long climb away from the harbour, about five kilometres from the finish, and no one was able to follow as she stretched her lead along the embankment.',
      },
      {
        type: 'paragraph',
        text: '“I was told to be patient, and honestly I was terrified of the last ten kilometres,” Kell said afterwards. “Everyone talks about hitting the wall. I kept waiting for it, and it never came.” She said she would now discuss with her coach whether to switch to the marathon permanently.',
      },
      {
        type: 'paragraph',
        text: "The men's race was won by defending champion Piet Ondra in a sprint finish, a second ahead of his training partner. More than 28,000 runners started the race, a record for the event, and organisers said they expected to raise a record sum for local charities, with a children's hospital ward among the main beneficiaries.",
      },
      {
        type: 'paragraph',
        text: 'Race organisers had introduced a new route this year, removing a steep bridge crossing and a sharp turn near the old town that had slowed runners in previous editions. Several club runners also reported personal bests, and the organisers said they hoped the faster course would attract more elite athletes in future years.',
      },
    ],
    syndication: { allowed: true },
    hideFromPopular: false,
  },
  {
    id: 'demo_028',
    slug: 'teenage-qualifier-reaches-quarter-finals-at-the-indoor-open',
    headline: 'Teenage qualifier reaches quarter-finals at the indoor open',
    standfirst:
      'Seventeen-year-old Lucia Ferrand has won five matches in eight days, including a first victory over a seeded player, to reach the last eight.',
    section: 'sport',
    tags: ['tennis', 'indoor-open'],
    source: { name: 'Newsroom Staff' },
    language: 'en',
    status: 'published',
    publishedAt: '2024-03-27T21:15:00Z',
    body: [
      {
        type: 'paragraph',
        text: "Lucia Ferrand, a 17-year-old ranked outside the world's top 200, has reached the quarter-finals of the indoor open after beating the tournament's fifth seed in straight sets on Wednesday night. Ferrand, who had to win three qualifying matches just to reach the main draw, took the match 6-4, 7-5 in an hour and 38 minutes.",
      },
      {
        type: 'paragraph',
        text: "Ferrand's aggressive returning troubled her more experienced opponent from the start. She broke serve four times, twice to love, and saved all three break points she faced in the second set, including one at 5-5 with a backhand winner down the line that brought the crowd to its feet.",
      },
      {
        type: 'paragraph',
        text: 'The teenager, who trains at a public tennis centre near her home, said she had planned to return to school on Monday after losing in qualifying. Her coach, who is also her aunt, said the family had booked the cheapest hotel they could find for three nights and had now extended the stay twice.',
      },
      {
        type: 'paragraph',
        text: "Her run has already earned her enough ranking points to move into the top 150, which would allow her to enter qualifying at larger tournaments later in the season. Tournament organisers said they were considering offering her a wildcard into next year's main draw, regardless of how she performs in her next match.",
      },
      {
        type: 'paragraph',
        text: 'Ferrand will play the third seed in the quarter-finals on Friday. Asked how she would approach the match, she said she would do what she had done all week: hit the ball hard and not look at the scoreboard. Her opponent, a former finalist here, said she had watched the match on television and was impressed by how calmly Ferrand played the big points.',
      },
    ],
    syndication: { allowed: true },
    hideFromPopular: false,
  },
  // -------------------------------------------------------------- culture
  {
    id: 'demo_029',
    slug: 'lantern-bay-film-festival-unveils-record-slate-of-debut-features',
    headline: 'Lantern Bay Film Festival unveils record slate of debut features',
    standfirst:
      'This year’s programme includes 84 first films from 31 countries, with a new strand devoted to documentaries shot on mobile phones.',
    section: 'culture',
    tags: ['film', 'festival', 'lantern-bay'],
    source: { name: 'Newsroom Staff' },
    byline: 'Maya Orrin, Arts Correspondent',
    language: 'en',
    status: 'published',
    publishedAt: '2024-03-01T10:00:00Z',
    leadImage: {
      url: 'https://images.example.org/2024/03/lantern-bay-film-festival-unveils-record-slate-of-debut-features.jpg',
      caption: 'The Harbour Cinema, Lantern Bay’s main festival venue.',
      credit: 'Photo: Lantern Bay Film Festival',
    },
    body: [
      {
        type: 'paragraph',
        text: 'The Lantern Bay Film Festival will screen 84 debut feature films this year, the largest number in its 26-year history, organisers announced on Friday. The selection, drawn from more than 2,600 submissions, includes work from 31 countries and will be shown across seven venues in the seaside town over ten days in mid-March.',
      },
      {
        type: 'paragraph',
        text: "Festival director Agnes Ruhl said the emphasis on first films reflected the festival's original purpose as a place for new voices. Nearly half of this year's selection was directed by women, and more than a dozen films were made with budgets smaller than the catering bill of a typical studio production, she said.",
      },
      { type: 'heading', text: 'A new strand for phone films' },
      {
        type: 'paragraph',
        text: "A new strand, called Pocket, will present eight documentaries shot entirely on mobile phones, including a portrait of a family running a night bus service and a film made by a group of teenagers about their town's last youth club. Ruhl said the strand recognised that many of the most urgent stories were now being filmed by people who would never call themselves filmmakers.",
      },
      {
        type: 'paragraph',
        text: 'The festival will open with The Salt Marsh, a drama about two sisters running a failing oyster farm, and close with an animated film made over six years by a single artist working in a converted garage. Both directors will attend, along with most of the filmmakers in competition.',
      },
      {
        type: 'paragraph',
        text: "Tickets go on sale to the public next week, with prices held at last year's levels. Organisers are also expanding a scheme that offers free tickets to residents of Lantern Bay and to students, and will add outdoor screenings on the harbour wall if the weather allows.",
      },
    ],
    syndication: { allowed: true },
    hideFromPopular: false,
  },
  {
    id: 'demo_030',
    slug: 'rain-fails-to-dampen-lantern-bay-festivals-opening-night',
    headline: 'Rain fails to dampen Lantern Bay festival’s opening night',
    standfirst:
      'Hundreds of filmgoers queued under umbrellas for the premiere of The Salt Marsh, which drew a long standing ovation inside the Harbour Cinema.',
    section: 'culture',
    tags: ['film', 'festival', 'lantern-bay'],
    source: { name: 'Newsroom Staff' },
    byline: 'Maya Orrin, Arts Correspondent',
    language: 'en',
    status: 'published',
    publishedAt: '2024-03-14T23:10:00Z',
    leadImage: {
      url: 'https://images.example.org/2024/03/rain-fails-to-dampen-lantern-bay-festivals-opening-night.jpg',
      caption: 'Filmgoers queue in the rain outside the Harbour Cinema on opening night.',
    },
    body: [
      {
        type: 'paragraph',
        text: 'Heavy rain and strong winds swept along the seafront on Thursday evening, but did little to deter the crowds who gathered for the opening night of the Lantern Bay Film Festival. Several hundred people queued under umbrellas outside the Harbour Cinema, many of them without tickets, in the hope of returns for the sold-out premiere.',
      },
      {
        type: 'paragraph',
        text: "The opening film, The Salt Marsh, tells the story of two estranged sisters who return to their childhood home to save the family's oyster farm after their father's death. Director Katrin Eller, whose first feature it is, shot the film over two winters on a stretch of coast not far from Lantern Bay, using several local residents in supporting roles.",
      },
      { type: 'related', articleId: 'demo_029' },
      {
        type: 'paragraph',
        text: 'The screening ended with a standing ovation that lasted several minutes, and Eller appeared visibly moved as she brought her cast and crew on stage. She said afterwards that the film had nearly been abandoned twice when funding fell through, and that she had paid for the final weeks of shooting by selling her car.',
      },
      {
        type: 'paragraph',
        text: 'Outside, festival staff handed out hot drinks to those still queuing, and a planned outdoor screening on the harbour wall was moved indoors to a church hall. Organisers said advance ticket sales were up by a fifth on last year, with several of the phone-shot documentaries in the new Pocket strand already sold out.',
      },
      {
        type: 'paragraph',
        text: 'The festival continues until the weekend after next, with the winners of the main competition to be announced at a ceremony on the final Saturday. Critics have already singled out a documentary about the last keepers of a remote lighthouse as a strong contender for the top prize.',
      },
    ],
    syndication: { allowed: true },
    hideFromPopular: false,
  },
  {
    id: 'demo_031',
    slug: 'lighthouse-keepers-documentary-takes-lantern-bays-top-prize',
    headline: 'Lighthouse keepers documentary takes Lantern Bay’s top prize',
    standfirst:
      'The Last Watch, a portrait of the final keepers of a remote island light, won the festival’s Golden Lantern award on Saturday night.',
    section: 'culture',
    tags: ['film', 'festival', 'documentary', 'lantern-bay'],
    source: { name: 'Newsroom Staff' },
    byline: 'Maya Orrin, Arts Correspondent',
    language: 'en',
    status: 'published',
    publishedAt: '2024-03-23T21:00:00Z',
    leadImage: {
      url: 'https://images.example.org/2024/03/lighthouse-keepers-documentary-takes-lantern-bays-top-prize.jpg',
      caption: 'Director Oskar Tamm with the Golden Lantern award.',
      credit: 'Photo: Maya Orrin',
    },
    body: [
      {
        type: 'paragraph',
        text: 'The Last Watch, a documentary about the final three keepers of a lighthouse on a remote island, has won the Golden Lantern, the top prize at the Lantern Bay Film Festival. The jury described the film as “patient, funny and quietly devastating” and praised its director, Oskar Tamm, for trusting his audience to sit with long stretches of silence.',
      },
      {
        type: 'paragraph',
        text: 'Tamm spent 14 months living on the island, which has no permanent residents apart from the keepers, before the light was converted to automatic operation last year. The film follows the men through their daily routines of cleaning lenses, recording the weather and repairing the generator, as well as the slow process of packing up lives spent largely alone.',
      },
      { type: 'related', articleId: 'demo_030' },
      {
        type: 'paragraph',
        text: 'Accepting the award, Tamm thanked the keepers, two of whom attended the ceremony. “They did not want to be in a film, and they told me so every day for the first month,” he said. “Then one morning they started explaining things to the camera instead of to me, and I knew we had something.”',
      },
      {
        type: 'paragraph',
        text: "The jury's special prize went to a drama about a night-shift nurse in a small hospital, while the audience award was won by The Salt Marsh, the festival's opening film. The prize for best film in the new Pocket strand was shared by two documentaries, both made by teenagers, one about a youth club and the other about a family-run fishing boat.",
      },
      {
        type: 'paragraph',
        text: "The festival reported its highest attendance to date, with more than 48,000 tickets sold across the ten days. Organisers said they would announce next year's dates in the summer and that the Pocket strand, introduced this year as an experiment, would become a permanent part of the programme.",
      },
    ],
    syndication: { allowed: true },
    hideFromPopular: false,
  },
  {
    id: 'demo_032',
    slug: 'folk-trio-the-salt-roads-announce-first-tour-in-a-decade',
    headline: 'Folk trio The Salt Roads announce first tour in a decade',
    standfirst:
      'The band, who split amicably in 2014, will play 22 dates this autumn and release an album of new songs recorded in a converted chapel.',
    section: 'culture',
    tags: ['music', 'folk', 'tours'],
    source: { name: 'Harbour Press' },
    byline: 'Sam Ferro',
    language: 'en',
    status: 'published',
    publishedAt: '2024-03-05T11:00:00Z',
    leadImage: {
      url: 'https://images.example.org/2024/03/folk-trio-the-salt-roads-announce-first-tour-in-a-decade.jpg',
      caption: 'The Salt Roads performing at a small venue in 2013.',
    },
    body: [
      {
        type: 'paragraph',
        text: 'The Salt Roads, the folk trio whose harmonies filled small venues and festival tents for much of the 2000s, have announced their first tour in ten years. The band will play 22 dates in the autumn, beginning in the coastal town where they formed and ending with two nights at a concert hall in the capital.',
      },
      {
        type: 'paragraph',
        text: 'The trio, made up of siblings Ada and Rhys Morrow and their childhood friend Jo Pettigrew, stopped performing together in 2014, saying at the time that they needed a break after almost a decade on the road. Since then, Ada Morrow has released two solo albums, while her brother has worked as a music teacher and Pettigrew has run a recording studio.',
      },
      {
        type: 'quote',
        text: 'We never fell out. We just ran out of songs we needed to sing together. Then, a couple of years ago, they started turning up again.',
        attribution: 'Ada Morrow, The Salt Roads',
      },
      {
        type: 'paragraph',
        text: 'The band’s new album, their fourth, was recorded over three weeks last summer in a converted chapel. Pettigrew said the building’s acoustics had shaped the record: “We sang around a single microphone, the way we did when we started. If someone coughed, we went again.” The album is due for release in September.',
      },
      {
        type: 'paragraph',
        text: 'Fans’ reaction to the announcement was swift. The band’s website briefly crashed as people tried to sign up for pre-sale tickets, and the group said they were already discussing extra dates. Rhys Morrow said tickets had been priced as low as possible and that a share of each night’s seats would be reserved for under-25s.',
      },
      {
        type: 'paragraph',
        text: 'The trio’s best-known song, a ballad about a shipwreck off the coast near their home town, has been recorded by dozens of other artists and is regularly sung in folk clubs. Asked whether they would still play it, Ada Morrow laughed. “We’d be chased out of town if we didn’t,” she said.',
      },
    ],
    syndication: { allowed: true },
    hideFromPopular: false,
  },
  {
    id: 'demo_033',
    slug: 'city-orchestra-takes-free-concerts-to-multi-storey-car-parks',
    headline: 'City orchestra takes free concerts to multi-storey car parks',
    standfirst:
      'The Marrowby Philharmonic will play six free concerts on the top decks of city-centre car parks this summer, hoping to reach new audiences.',
    section: 'culture',
    tags: ['music', 'orchestra', 'marrowby'],
    source: { name: 'Harbour Press' },
    byline: 'Sam Ferro',
    language: 'en',
    status: 'published',
    publishedAt: '2024-03-18T15:30:00Z',
    leadImage: {
      url: 'https://images.example.org/2024/03/city-orchestra-takes-free-concerts-to-multi-storey-car-parks.jpg',
      caption: 'The top deck of the Quayside car park, venue for the first concert.',
    },
    body: [
      {
        type: 'paragraph',
        text: 'The Marrowby Philharmonic will perform a series of free concerts on the rooftops of multi-storey car parks this summer, in an attempt to reach people who have never been to a classical concert. The six evening performances, beginning in late June, will feature music ranging from Beethoven to film soundtracks and new pieces by local composers.',
      },
      {
        type: 'paragraph',
        text: "The orchestra's artistic director, Felix Amunde, said the idea came from a rehearsal held in a car park during building work at the concert hall two years ago. People driving in to shop stopped to listen, and some stayed for more than an hour. He said the open concrete decks had surprisingly good acoustics and offered views across the city at sunset.",
      },
      { type: 'related', articleId: 'demo_007' },
      {
        type: 'paragraph',
        text: "The concerts have been made possible partly by the city's decision to ban private cars from the historic centre from June, which is expected to leave several car parks on its edge with spare capacity on summer evenings. The council has agreed to close the top decks on concert nights and to provide seating for around 800 people at each event.",
      },
      {
        type: 'quote',
        text: 'An orchestra belongs to the whole city, not just to the people who already own a concert ticket.',
        attribution: 'Felix Amunde, artistic director, Marrowby Philharmonic',
      },
      {
        type: 'paragraph',
        text: 'The project is funded by a grant from a local arts foundation and by sponsorship from a regional bus company, which will run extra services on concert nights. Each concert will last around an hour, without an interval, and audiences are encouraged to bring picnics and blankets. Children under twelve will be invited to conduct the orchestra for a short piece at the end of each evening.',
      },
      {
        type: 'paragraph',
        text: 'Orchestras in many countries have experimented with unusual venues, from railway stations to swimming pools, as they try to broaden their audiences. Amunde said the Marrowby concerts would be judged a success if even a few hundred people who attended went on to a performance in the concert hall afterwards.',
      },
    ],
    syndication: { allowed: true },
    hideFromPopular: false,
  },
  {
    id: 'demo_034',
    slug: 'le-festival-de-la-chanson-de-saint-aubrac-fete-ses-trente-ans',
    headline: 'Le festival de la chanson de Saint-Aubrac fête ses trente ans',
    standfirst:
      'Pour sa trentième édition, le festival accueillera une quarantaine d’artistes sur cinq scènes, dont une installée pour la première fois sur le lac.',
    section: 'culture',
    tags: ['music', 'festival', 'chanson'],
    source: { name: 'Bureau francophone' },
    byline: 'Claire Dumesnil',
    language: 'fr',
    status: 'published',
    publishedAt: '2024-03-29T09:00:00Z',
    leadImage: {
      url: 'https://images.example.org/2024/03/le-festival-de-la-chanson-de-saint-aubrac-fete-ses-trente-ans.jpg',
      caption: 'La grande scène du festival, au bord du lac de Saint-Aubrac.',
    },
    body: [
      {
        type: 'paragraph',
        text: 'Le festival de la chanson de Saint-Aubrac célébrera cet été sa trentième édition, ont annoncé vendredi ses organisateurs. Pendant quatre jours, fin juillet, une quarantaine d’artistes se produiront sur cinq scènes réparties dans ce village de moins de deux mille habitants, dont la population est multipliée par dix le temps du festival.',
      },
      {
        type: 'paragraph',
        text: 'Née en 1994 dans la cour de l’ancienne école, la manifestation n’était à l’origine qu’une simple soirée de concerts organisée par une poignée de bénévoles. Elle attire aujourd’hui plus de vingt mille spectateurs chaque année, mais revendique toujours le même esprit : des billets à prix modestes, une programmation mêlant jeunes talents et artistes confirmés, et des bénévoles venus de toute la région.',
      },
      {
        type: 'paragraph',
        text: 'Principale nouveauté de cette édition anniversaire, une scène flottante sera installée sur le lac. Les spectateurs pourront assister aux concerts depuis la rive ou à bord de barques louées pour l’occasion. « Nous voulions marquer le coup sans trahir ce que nous sommes », explique la présidente de l’association organisatrice, Odile Verchère.',
      },
      {
        type: 'paragraph',
        text: 'La programmation, dévoilée en partie, fait la part belle à la chanson à texte. Plusieurs artistes passés par le tremplin du festival au début de leur carrière reviendront en tête d’affiche, tandis qu’une soirée sera consacrée aux chansons écrites par des élèves des écoles du canton, accompagnés par l’harmonie municipale.',
      },
      {
        type: 'paragraph',
        text: 'Les billets seront mis en vente le mois prochain. Les organisateurs rappellent que le camping municipal affiche déjà complet et encouragent les festivaliers à privilégier les navettes gratuites mises en place depuis la gare la plus proche, afin de limiter la circulation sur les petites routes qui mènent au village.',
      },
    ],
    syndication: { allowed: true },
    hideFromPopular: false,
  },
  // ------------------------------------------ scheduled (published at seed time + 72 h)
  {
    id: 'demo_035',
    slug: 'what-is-at-stake-as-calderra-and-veskar-leaders-meet',
    headline: 'What is at stake as Calderra and Veskar leaders meet',
    standfirst:
      'The first summit between the two neighbours in six years will test whether a mediators’ plan for the Amsel river can survive domestic politics.',
    section: 'world',
    tags: ['defence', 'diplomacy', 'border-talks', 'calderra', 'veskar'],
    source: { name: 'Meridian Wire', url: 'https://wire.example.org' },
    byline: 'Ines Marlow, Diplomatic Correspondent',
    language: 'en',
    status: 'published',
    scheduledInHours: 72,
    leadImage: {
      url: 'https://images.example.org/2024/03/what-is-at-stake-as-calderra-and-veskar-leaders-meet.jpg',
      caption: 'The conference centre in Port Lisle where the summit will be held.',
      credit: 'Photo: Jonas Brell / Meridian Wire',
    },
    body: [
      {
        type: 'paragraph',
        text: 'The leaders of Calderra and Veskar meet in Port Lisle this week for their first face-to-face talks in six years, with mediators hoping to secure agreement in principle on a plan to reduce the military presence along their shared border. Both governments have played down expectations, but diplomats say the summit could set the tone for years.',
      },
      { type: 'heading', text: 'The corridor plan' },
      {
        type: 'paragraph',
        text: 'At the centre of the talks is a proposal for a demilitarised corridor along the Amsel river, with heavy weapons withdrawn from both banks and the disputed islands placed under joint civilian administration. Officials on both sides say the plan is a workable starting point, but the details of verification and timing remain contested.',
      },
      { type: 'related', articleId: 'demo_004' },
      {
        type: 'paragraph',
        text: "Domestic politics may prove the biggest obstacle. In Calderra, any change to the status of the islands requires parliamentary approval, and nationalist parties have threatened to bring down the coalition if ministers agree to share control. Veskar's government, which has just announced a sharp rise in defence spending, faces accusations that it is talking peace while preparing for conflict.",
      },
      {
        type: 'paragraph',
        text: 'Mediators hope to build on the practical steps taken since talks resumed, including the joint river patrols and military hotline agreed by defence ministers. They argue that both measures have already reduced the risk of accidents, and that a small number of successful steps can build the trust needed for larger compromises.',
      },
      {
        type: 'paragraph',
        text: 'For the thousands of families separated since the crossings closed, the most immediate question is whether the summit will produce an agreement to reopen them. Aid groups have urged both leaders to announce at least a temporary permit system, whatever happens on the wider questions, before the end of the week.',
      },
    ],
    syndication: { allowed: true },
    hideFromPopular: false,
  },
  // --------------------------------------------------------------- drafts
  {
    id: 'demo_036',
    slug: 'results-preview-what-to-watch-as-the-big-lenders-report',
    headline: 'Results preview: what to watch as the big lenders report',
    standfirst:
      'Falling interest rates are expected to squeeze the margins that have powered record bank profits, but bad debts remain low for now.',
    section: 'business',
    tags: ['banking', 'earnings', 'interest-rates'],
    source: { name: 'Newsroom Staff' },
    byline: 'Hana Ruiz',
    language: 'en',
    status: 'draft',
    body: [
      {
        type: 'paragraph',
        text: "The country's four largest banks report their results for the first quarter over the coming fortnight, and investors will be looking closely for signs that the era of record profits is drawing to an end. Higher interest rates have allowed banks to earn more on the difference between what they charge borrowers and what they pay savers.",
      },
      {
        type: 'paragraph',
        text: 'That gap, known as the net interest margin, is expected to narrow as the central bank begins cutting rates and competition for mortgage customers intensifies. Several lenders have already cut fixed-rate mortgage prices this year, while reducing the rates they pay on savings more slowly, which may soften the blow in the short term.',
      },
      {
        type: 'paragraph',
        text: 'Analysts will also watch bad debts. So far, the number of households and businesses falling behind on loan repayments has risen only modestly, helped by low unemployment. But banks have warned that the full effect of higher borrowing costs may take time to appear, particularly among smaller companies that borrowed heavily in recent years.',
      },
      {
        type: 'paragraph',
        text: 'Editor’s note: add lender-by-lender expectations and consensus forecasts before publication, and check the reporting dates with each bank’s press office.',
      },
    ],
    syndication: { allowed: true },
    hideFromPopular: false,
  },
  {
    id: 'demo_037',
    slug: 'harbourside-library-reopens-with-restored-map-collection',
    headline: 'Harbourside library reopens with restored map collection',
    standfirst:
      'After a three-year refurbishment, the library will put more than 400 hand-drawn maps of the coast on public display for the first time.',
    section: 'culture',
    tags: ['books', 'heritage', 'libraries'],
    source: { name: 'Harbour Press' },
    byline: 'Maya Orrin, Arts Correspondent',
    language: 'en',
    status: 'draft',
    leadImage: {
      url: 'https://images.example.org/2024/03/harbourside-library-reopens-with-restored-map-collection.jpg',
      caption: 'A conservator repairs an early nineteenth-century harbour chart.',
    },
    body: [
      {
        type: 'paragraph',
        text: 'Harbourside Library will reopen to the public next month after a three-year refurbishment, with a new gallery dedicated to its collection of historic maps. More than 400 hand-drawn charts and town plans, some dating from the early nineteenth century, will go on display for the first time, many of them restored after decades in damp storage.',
      },
      {
        type: 'paragraph',
        text: 'Conservators spent two years cleaning and repairing the maps, some of which had been folded so often that they were splitting along the creases. The most fragile will be shown in rotation, a few at a time, to limit their exposure to light, while high-resolution scans of the entire collection will be available online.',
      },
      {
        type: 'paragraph',
        text: 'Among the highlights is a harbour chart drawn by a local pilot in 1821, annotated in pencil with the positions of wrecks, sandbanks and the houses of people who could be relied on in a storm. Librarians say the map has helped historians trace the growth of the town from a fishing village into a busy port.',
      },
      {
        type: 'paragraph',
        text: "The building itself has also been transformed, with a new children's library on the ground floor, a café, and study spaces that will stay open until ten at night during the exam season. The reopening will be marked by a weekend of free events, including talks, map-making workshops and guided walks around the old harbour.",
      },
    ],
    syndication: { allowed: true },
    hideFromPopular: false,
  },
];
