/** A city none of the demo content has, as POST /v1/cities takes it. */
export const reykjavik = {
  slug: 'reykjavik',
  name: 'Reykjavík',
  country: 'IS',
  timezone: 'Atlantic/Reykjavik',
  latitude: 64.1466,
  longitude: -21.9426,
};
