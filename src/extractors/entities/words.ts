/** Closed word lists the entity rules use: titles, organization heads and suffixes, connectors. Lower case. */

/** Words before a name that make it a person ("President Donald Trump", "striker Tom Hale"). */
export const PERSON_TITLES: ReadonlySet<string> = new Set(
  (
    'mr mrs ms miss dr prof professor sir dame lord lady president vice prime minister premier chancellor senator sen rep ' +
    'representative congressman congresswoman gov governor mayor judge justice king queen prince princess pope ' +
    'sheikh general gen col colonel lt lieutenant capt captain cmdr commander sgt sergeant adm admiral maj major ' +
    'rev reverend father sister brother bishop archbishop cardinal rabbi imam ayatollah coach manager striker ' +
    'midfielder defender goalkeeper forward skipper batsman bowler chairman chairwoman chairperson ceo cfo coo ' +
    'spokesman spokeswoman spokesperson secretary ambassador envoy deputy chief director dean officer detective ' +
    'inspector superintendent constable agent analyst economist attorney lawyer dr. mr. mrs. ms. st saint ' +
    'veteran founder co-founder executive actor actress singer rapper player champion star'
  ).split(' '),
);

/** Titles that are capitalized as part of a name phrase but are not part of the name ("President", "Mr"). */
export const LEADING_TITLES: ReadonlySet<string> = new Set(
  (
    'mr mrs ms miss dr prof president vice prime minister premier chancellor senator sen rep gov governor mayor judge ' +
    'justice pope sheikh general gen col lt capt captain cmdr sgt adm maj rev reverend father bishop archbishop ' +
    'cardinal rabbi imam ayatollah coach chairman chairwoman ceo secretary ambassador deputy chief foreign defence ' +
    'defense finance interior trade state opposition leader speaker officer detective inspector superintendent ' +
    'commissioner minister-president former late acting interim king queen prince princess democrat republican ' +
    'councilman councilwoman councillor councilor alderman selectman selectwoman harbormaster manager linebacker ' +
    'quarterback pitcher striker midfielder defender goalkeeper spokesman spokeswoman spokesperson'
  ).split(' '),
);

/** A word as ORG_SUFFIXES and the other word lists key it: lower case, no final full stop, "n.v" as "nv" ("N.V.", "S.A."). */
export const suffixKey = (lower: string) => lower.replace(/\.$/u, '').replace(/^(\p{L})\.(\p{L})$/u, '$1$2');

/** Last words that make a phrase an organization, with the kind they suggest. */
export const ORG_SUFFIXES: ReadonlyMap<string, 'company' | 'government' | 'media' | 'other'> = new Map([
  ...(
    'inc incorporated corp corporation co company cos bros air ltd limited llc llp plc ag sa nv bv gmbh spa srl ab ' +
    'asa oyj kk pty group holdings holding bank bancorp airlines airline airways motors technologies technology ' +
    'systems industries partners capital securities investments pharmaceuticals pharma aircraft aerospace energy ' +
    'petroleum oil telecom communications electronics entertainment studios pictures records brands foods ' +
    'enterprises ventures insurance financial trust mining steel motor services solutions products resources ' +
    'associates consulting labs networks stores cooperative co-op wireless seafoods semiconductor semiconductors ' +
    'software logistics robotics therapeutics biosciences railway railways railroad'
  )
    .split(' ')
    .map((w) => [w, 'company'] as const),
  ...(
    'ministry department agency commission council committee parliament senate assembly congress court police army ' +
    'navy force forces government administration authority bureau office party cabinet directorate'
  )
    .split(' ')
    .map((w) => [w, 'government'] as const),
  ...'times post news journal herald tribune gazette chronicle telegraph press television tv radio magazine newsroom'
    .split(' ')
    .map((w) => [w, 'media'] as const),
  ...(
    'association federation union university college institute foundation society club league organization ' +
    'organisation alliance church school academy fund federation united rovers wanderers athletic fc hospital ' +
    'museum orchestra exchange network library transit international'
  )
    .split(' ')
    .map((w) => [w, 'other'] as const),
]);

/**
 * Legal forms that end a company's name ("Inc", "Ltd", "plc"): the ORG_SUFFIXES that are nothing else, so a name stops
 * at them ("Kia Motor Corp of South Korea"); "company" and "corporation" also head "X of Y" names and are left out.
 */
export const LEGAL_FORMS: ReadonlySet<string> = new Set(
  'inc incorporated corp co ltd limited llc llp plc ag sa nv bv gmbh spa srl ab asa oyj kk pty'.split(' '),
);

/** Kinship nouns written before a person's name ("her son Kody Cook", "his widow, Ann"). */
export const KIN_NOUNS: ReadonlySet<string> = new Set(
  (
    'son sons daughter daughters wife husband brother brothers sister sisters mother father mom dad uncle aunt cousin ' +
    'grandson granddaughter grandmother grandfather nephew niece fiancé fiancée fiance fiancee widow widower ' +
    'boyfriend girlfriend stepson stepdaughter stepfather stepmother'
  ).split(' '),
);

/** Occupations written before a name, joined by a slash to a title ("Rapper/actor", "Singer/songwriter"). */
export const OCCUPATIONS: ReadonlySet<string> = new Set(
  'songwriter writer author producer director comedian filmmaker musician entrepreneur activist model'.split(' '),
);

/** Titles and occupations joined by a slash before a name ("Rapper/actor Ludacris", "Singer/songwriter"), lower case. */
export const isSlashTitle = (lower: string): boolean =>
  lower.includes('/') && lower.split('/').every((w) => PERSON_TITLES.has(w) || LEADING_TITLES.has(w) || OCCUPATIONS.has(w));

/** Heads that take "of" inside an organization's name ("Bank of England", "University of Chicago"). */
export const OF_HEADS: ReadonlySet<string> = new Set(
  (
    'bank university ministry department institute council board church house court federation association union agency ' +
    'chamber college school museum office bureau organization organisation society league party assembly academy ' +
    'commission committee federation confederation corporation company republic kingdom order friends'
  ).split(' '),
);

/** Lower-case particles inside personal names ("Charles de Gaulle", "Ludwig van Beethoven"). */
export const NAME_PARTICLES: ReadonlySet<string> = new Set('de van von der den la le du da di del dos das al el bin ibn ter'.split(' '));

/** Capitalized words that are never part of a person or organization name on their own. */
export const NEVER_NAME: ReadonlySet<string> = new Set(
  (
    'i a an the this that these those it its he she we they you his her their our my your me him us them there here ' +
    'monday tuesday wednesday thursday friday saturday sunday january february march april june july august september ' +
    'october november december jan feb mar apr jun jul aug sep sept oct nov dec ' +
    'and or but if when while as at in on of for to by with from after before since until under over about ' +
    'mr mrs ms dr ceo cfo coo cto chairman president minister official officials'
  ).split(' '),
);

/** Acronyms and short forms of places (not organizations, whatever compromise tags them). */
export const PLACE_ACRONYMS: ReadonlySet<string> = new Set('us usa uk uae ussr prc drc gb nyc la dc hk'.split(' '));

/** Words after or before an organization's name that say it is a business ("shares of X", "X's chief executive"). */
export const BUSINESS_CUES: ReadonlySet<string> = new Set(
  (
    'shares stock stocks stake shareholders investors earnings revenue revenues profit profits sales quarter ' +
    'company companies firm firms group conglomerate maker makers manufacturer retailer bank lender insurer carrier ' +
    'airline brand startup start-up giant rival rivals competitor subsidiary unit owner deal bid acquisition merger ' +
    'takeover customers users app platform products ceo executive executives chief spokesman spokeswoman board directors ' +
    'spokesperson employees workers analyst analysts partner business services'
  ).split(' '),
);

/** Last words of names that are neither people nor organizations: events, laws, products, places, facilities. */
export const OTHER_HEADS: ReadonlySet<string> = new Set(
  (
    'cup championship championships games olympics open prix trophy award awards prize series tour festival war act ' +
    'bill treaty accord agreement program programme project flight index summit day week year season stadium park ' +
    'street road avenue square bridge river lake mountain mountains island islands bay airport station hall centre ' +
    'center hotel valley county province state city sea ocean coast desert strait canal gulf peninsula region ' +
    'district airport plaza tower building course circuit arena field ground grounds road factory plant terminal ' +
    'mine refinery port harbour harbor conference convention expo exhibition fair mall highway boulevard expressway ' +
    'freeway motorway complex fundraiser gala parade marathon telethon village hamlet township borough neighbourhood ' +
    'neighborhood'
  ).split(' '),
);

/** Last words of job titles written with capitals ("Chief Operating Officer"). */
export const JOB_TITLE_HEADS: ReadonlySet<string> = new Set(
  (
    'officer executive director president chairman chairwoman secretary minister spokesman spokeswoman manager editor correspondent ' +
    'strategist economist analyst adviser advisor consultant columnist commentator reporter producer'
  ).split(' '),
);

/** Acronyms of ordinary things, not organizations. */
export const COMMON_ACRONYMS: ReadonlySet<string> = new Set(
  (
    'usd eur gbp jpy chf cny rmb aud cad utc gmt est pst edt vip ceo cfo coo cto gdp gnp cpi tv pc am pm ok dna hiv aids sars suv ipo mp mps pr ' +
    'faq usb gps id pin atm vat eta rbi era ppm bpd ot ko mvp qc rip diy asap fyi ' +
    // technology and markets: things, measures and formats, never organizations
    'lcd led oled os sdk api cpu gpu ram rom ssd hdd isdn dsl lan wan wifi url html pdf ai ar vr iot ' +
    'pmi ppi pce eps roe ebit ebitda etf ipos m&a r&d faqs ' +
    // media and everyday things
    'cd cds dvd dvds dj djs fm mc mph kph rpm hq ufo sos tba'
  ).split(' '),
);

/** Nouns that introduce an organization's name in apposition ("news agency Carvpress"), with the kind they say. */
export const ORG_NOUNS: ReadonlyMap<string, 'company' | 'government' | 'media' | 'other'> = new Map([
  ...'agency newspaper daily weekly magazine broadcaster tabloid paper journal outlet website'.split(' ').map((w) => [w, 'media'] as const),
  ...(
    'company firm chain maker carrier retailer insurer lender bank brokerage conglomerate airline automaker startup giant ' +
    'manufacturer supplier operator producer distributor exporter importer utility miner refiner carmaker chipmaker ' +
    'shipbuilder subsidiary'
  )
    .split(' ')
    .map((w) => [w, 'company'] as const),
  ...'club party movement group'.split(' ').map((w) => [w, 'other'] as const),
]);

/**
 * Words for a part of a firm written after its name ("Apple Computer", "Microsoft Research", "Ford Credit", "Samsung
 * Mobile"): the name stays the firm's, not a product's (rule brand-model).
 */
export const FIRM_UNIT_WORDS: ReadonlySet<string> = new Set([
  ...'computer research credit finance health healthcare music game retail cloud mobile'.split(' '),
  ...'defense defence space transport global worldwide institution'.split(' '),
]);

/** Roles after an employer's name ("Microsoft CEO", "Disney veteran"). */
export const EMPLOYER_ROLES: ReadonlySet<string> = new Set(
  (
    'ceo cfo coo cto chairman chairwoman spokesman spokeswoman spokesperson executive executives veteran founder ' +
    'co-founder employee employees engineer engineers analyst analysts shareholders shares stock subsidiary unit ' +
    'chief president boss'
  ).split(' '),
);

/** Nationalities, peoples and faiths compromise's lexicon lacks ("Yugoslav", "Tutsi"): not organizations. */
export const EXTRA_DEMONYMS: ReadonlySet<string> = new Set(
  (
    'yemeni yemenis bahraini bahrainis somali somalis nepali nepalis afghani azerbaijani azerbaijanis emirati emiratis ' +
    'bengali bengalis punjabi punjabis tajiki cypriot cypriots swahili hindi farsi ' +
    'yugoslav arab arabs hutu hutus tutsi tutsis tajik tajiks uzbek kazakh kurd kurds kurdish serb serbs croat croats ' +
    'bosnian slav slavs basque catalan flemish walloon sikh sikhs hindu hindus muslim muslims moslem moslems ' +
    'christian christians jewish jew jews catholic catholics protestant protestants shiite shiites sunni sunnis ' +
    'palestinian palestinians israeli israelis pashtun tamil tamils sinhalese zulu afrikaner afrikaners maori inuit ' +
    'chechen chechens ossetian uighur tibetan latino latina hispanic malay malays ' +
    // why: religions are named like peoples (OntoNotes' NORP), never people or organizations
    'islam christianity judaism hinduism buddhism sikhism'
  ).split(' '),
);

/**
 * Street words that a place's name holds inside it ("Fraser Highway SkyTrain", "Sherbrook Street Stella's"): a name
 * with one after its first word is an address or a facility, never a person's. why not "park", "lane", "hill": surnames
 */
export const STREET_WORDS: ReadonlySet<string> = new Set('street avenue highway boulevard road mall plaza expressway freeway motorway'.split(' '));

/**
 * Abbreviations of US states (AP style) and Canadian provinces written after a town and a comma ("Carmel, Calif.",
 * "Arichat, N.S."): the news convention for naming a place.
 */
export const STATE_ABBREVIATIONS: ReadonlySet<string> = new Set(
  (
    'Ala. Ariz. Ark. Calif. Colo. Conn. Del. Fla. Ga. Ill. Ind. Kan. Ky. La. Md. Mass. Mich. Minn. Miss. Mo. Mont. Neb. ' +
    'Nev. N.H. N.J. N.M. N.Y. N.C. N.D. Okla. Ore. Pa. R.I. S.C. S.D. Tenn. Vt. Va. Wash. W.Va. Wis. Wyo. D.C. ' +
    'B.C. Alta. Sask. Man. Ont. Que. N.S. N.B. P.E.I. N.L. Nfld. Y.T. N.W.T.'
  ).split(' '),
);

/**
 * Lower-case heads that a name modifies when it names a thing, not a person: commodities and indexes ("Brent crude",
 * "the Dow Jones industrial average"), projects and works ("the Kinder Morgan pipeline"), attacks ("the Westgate
 * attack"), facilities and meetings ("Charles de Gaulle airport", "the Jackson Hole symposium").
 * why not "administration", "era", "campaign", "case", "summit": those follow people's names ("the Trump administration")
 */
export const THING_HEADS: ReadonlySet<string> = new Set(
  (
    'crude index indexes indices average averages composite futures ' +
    'pipeline pipelines project projects extension expansion ' +
    'attack attacks bombing bombings shooting shootings massacre siege ' +
    'center centre stadium arena airport port symposium'
  ).split(' '),
);

/** Animals people name: a name right after one, or with one heading its apposition, is a pet's ("his terrier Chloe"). */
export const ANIMAL_NOUNS: ReadonlySet<string> = new Set(
  (
    'dog dogs puppy pup cat kitten terrier bulldog retriever spaniel poodle beagle dachshund collie pug husky chihuahua ' +
    'labradoodle greyhound rottweiler horse pony mare stallion filly colt gelding parrot rabbit hamster ferret tortoise'
  ).split(' '),
);

/**
 * First words of the names of studios, hotels, cafés and such ("Studio Schicketanz", "Hotel Arden"): a venue or a
 * business, never a person.
 */
export const VENUE_WORDS: ReadonlySet<string> = new Set('studio hotel cafe café restaurant gallery clinic bistro brasserie boutique salon'.split(' '));

/**
 * Nouns for works that introduce a title ("the period drama Downton Abbey", "her album Golden Hour"). why not "show",
 * "play", "book", "hit", "track": they are verbs as often, and a person follows a verb ("hit Tom Hale")
 */
export const WORK_NOUNS: ReadonlySet<string> = new Set(
  (
    'film films movie movies series miniseries sitcom drama dramas documentary docuseries biopic thriller comedy novel ' +
    'novels memoir musical opera album albums song songs ballad painting poem podcast programme episode franchise ' +
    'trilogy saga anthem'
  ).split(' '),
);

/** Words of region names ("Middle East", "Far East", "Midwest"): places, not organizations. */
export const REGION_WORDS: ReadonlySet<string> = new Set(
  (
    'north south east west middle far near central northern southern eastern western northeast northwest southeast ' +
    'southwest midwest northeastern northwestern southeastern southwestern mid-west'
  ).split(' '),
);

/** Prepositions of place: a town after one is the place, though the document names its team ("lost in Seattle"). */
export const LOCATIVES: ReadonlySet<string> = new Set(['in', 'at']);

/** Feasts and holidays, which name days and seasons, never people or organizations ("Christmas sales"). */
export const HOLIDAYS: ReadonlySet<string> = new Set(
  (
    'christmas xmas easter thanksgiving halloween hanukkah chanukah ramadan eid diwali passover lent advent pentecost ' +
    'kwanzaa epiphany whitsun michaelmas candlemas hogmanay'
  ).split(' '),
);
