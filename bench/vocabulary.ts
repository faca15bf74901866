// The built-in vocabulary the dataset generator writes articles from. Plain English news words,
// roughly most common first: the generator picks early words more often, so a search for a
// common word matches a large share of articles and a rarer one a handful, as on a real site.
// Lists are whitespace-separated strings so the formatter keeps them compact.

function words(list: string): readonly string[] {
  return list.trim().split(/\s+/);
}

/** Short words that glue sentences together; never used as search terms or tags. */
export const functionWords = words(`
  the of and to in a that for on with as was by at from is it be has have had their its after but not this were which
  are an they will would also over more than into about when while before under between could
`);

/** Words nearly every news article uses, whatever it is about; like stop words, not searched or tagged. */
export const everydayWords = words(`
  said year new people week month officials local
`);

/** Content words, most frequent first: what articles are about, searched for and tagged. */
export const contentWords = words(`
  government city minister report country council plan public market national services water school health police
  court vote election party leader budget company workers prices energy climate research study team season match
  players coach club league final record museum festival music film theatre book artist gallery science scientists
  university students teachers hospital doctors patients families children housing rent homes transport railway bus
  road bridge port river coast island border talks agreement deal trade tariffs exports farmers harvest food drought
  flood storm weather summer winter spring autumn morning evening night decade century history future change growth
  bank interest rates inflation economy jobs wages strike union factory industry technology software data network
  phone internet privacy security defence army navy troops ceasefire peace war refugees aid charity volunteers
  community village town region province capital parliament senate law bill reform tax spending debt loan investors
  shares profits losses sales customers shops retail online digital mobile space rocket satellite telescope planet
  ocean forest wildlife species birds fish whales bees trees garden park stadium race cup champion title goal victory
  defeat injury transfer contract manager director chief executive board chairman mayor governor president prime
  ambassador envoy diplomats summit treaty sanctions protest crowd march rally campaign voters poll survey results
  evidence trial judge jury verdict appeal prison crime fraud investigation inquiry witness statement interview
  speech debate policy strategy programme project scheme funding grant cost price fuel oil gas solar wind power grid
  electricity battery cars electric airport flights airline tourism hotels visitors travel holiday beach mountain
  valley lake snow heat temperature rain fire smoke air pollution emissions carbon recycling waste plastic design
  architecture building tower street square markets library archive exhibition concert orchestra opera dance novel
  poetry author writer painter photographer television radio newspaper journalist editor broadcast series episode
  audience fans tickets sponsors athletes olympic marathon cycling tennis football rugby cricket sailing rowing
  swimming boxing chess medicine vaccine virus disease cancer brain genes laboratory experiment discovery fossil
  dinosaur ancient ruins excavation statue painting manuscript coins treasure shipwreck glacier volcano earthquake
  tide harbour lighthouse ferry canal tunnel highway cyclists pedestrians parking neighbours residents landlords
  tenants pension retirement insurance savings mortgage startup founders robots chips cloud cyberattack hackers
  passwords algorithm drones telescopes comet asteroid
`);

/** Verbs and adjectives that make sentences read like sentences; also searchable. */
export const linkingWords = words(`
  announced warned agreed rejected approved delayed opened closed raised cut expected planned reported confirmed
  denied launched won lost signed called urged promised major small large first last early late rising falling strong
  weak senior young old former recent annual regional international rural coastal northern southern eastern western
  central quiet sharp steady sudden historic modest ambitious controversial
`);

export const sections = ['world', 'business', 'science', 'sport', 'culture'] as const;

export const sources = [
  { name: 'Meridian Wire', url: 'https://wire.example.org' },
  { name: 'Harbour Press Agency', url: 'https://hpa.example.net' },
  { name: 'The Daily Lantern', url: 'https://lantern.example.com' },
  { name: 'Northgate Gazette' },
  { name: 'Staff reporters' },
] as const;

export const firstNames = words(`
  Ines Tomas Amara Jonas Priya Malik Sofia Owen Lena Kofi Hana Marco Ruth Felix Noor Elena Dev Clara Yusuf Mei
`);

export const lastNames = words(`
  Marlow Brell Okafor Lindqvist Raman Haddad Costa Pryce Novak Mensah Sato Ricci Adler Hart Qureshi Vidal Kapoor
  Weiss Demir Chen
`);
