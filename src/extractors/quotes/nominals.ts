/**
 * Pronouns and common-noun descriptions a speaker can be written as ("she", "the company", "the founder of X"),
 * and what kind of entity each can stand for.
 */

const MALE = new Set(['he', 'him', 'his', 'himself']);
const FEMALE = new Set(['she', 'her', 'hers', 'herself']);
const ORG_PRONOUNS = new Set(['it', 'its', 'itself']);
const PLURAL = new Set(['they', 'them', 'their', 'we', 'us', 'our']);

/** Pronouns a speaker mention can be. */
export const SPEAKER_PRONOUNS = new Set([...MALE, ...FEMALE, ...ORG_PRONOUNS, ...PLURAL, 'i', 'you']);

// why: nominals that stand for an organization mentioned before ("the company said")
const ORG_NOUNS = new Set([
  'company',
  'firm',
  'agency',
  'ministry',
  'department',
  'government',
  'group',
  'organization',
  'organisation',
  'bank',
  'retailer',
  'startup',
  'business',
  'club',
  'team',
  'party',
  'union',
  'council',
  'city',
  'board',
  'court',
  'network',
  'studio',
  'platform',
  'app',
  'service',
  'campaign',
  'administration',
  'commission',
  'authority',
  'office',
  'corporation',
  'giant',
  'maker',
  'manufacturer',
  'carrier',
  'airline',
  'province',
  'police',
  'committee',
  'outlet',
  'newspaper',
  'paper',
  'site',
  'publication',
  'charity',
  'foundation',
  'university',
  'school',
  'hospital',
  'lab',
  'regulator',
  'watchdog',
  'association',
  'coalition',
  'lawsuit',
  'complaint',
  'report',
  'study',
  'statement',
]);

// why: nominals that stand for a person mentioned before ("the mayor said")
const PERSON_NOUNS = new Set([
  'mayor',
  'minister',
  'president',
  'premier',
  'senator',
  'governor',
  'candidate',
  'ceo',
  'chief',
  'executive',
  'founder',
  'director',
  'chair',
  'chairman',
  'chairwoman',
  'leader',
  'officer',
  'coach',
  'player',
  'star',
  'actor',
  'actress',
  'singer',
  'rapper',
  'author',
  'writer',
  'doctor',
  'professor',
  'researcher',
  'scientist',
  'lawyer',
  'attorney',
  'judge',
  'man',
  'woman',
  'boy',
  'girl',
  'father',
  'mother',
  'son',
  'daughter',
  'husband',
  'wife',
  'spokesperson',
  'spokesman',
  'spokeswoman',
  'representative',
  'official',
  'manager',
  'owner',
  'analyst',
  'expert',
  'economist',
  'businessman',
  'businesswoman',
  'entrepreneur',
  'artist',
  'musician',
  'driver',
  'victim',
  'resident',
  'teacher',
  'student',
  'nominee',
  'secretary',
  'congressman',
  'congresswoman',
  'lawmaker',
  'politician',
  'pm',
  'councillor',
  'councilor',
  'trustee',
  'commissioner',
  'superintendent',
  'sheriff',
  'detective',
  'sergeant',
  'inspector',
  'constable',
  'captain',
  'general',
  'host',
  'creator',
  'designer',
  'developer',
  'engineer',
  'proprietor',
  'publisher',
  'editor',
  'reporter',
  'journalist',
  'columnist',
  'activist',
  'advocate',
  'organizer',
  'volunteer',
  'nurse',
  'physician',
  'surgeon',
  'psychologist',
  'pastor',
  'priest',
  'rabbi',
  'imam',
  'farmer',
  'worker',
  'employee',
  'veteran',
  'rookie',
  'athlete',
  'defenceman',
  'defenseman',
  'goalie',
  'goaltender',
  'forward',
  'winger',
  'quarterback',
  'pitcher',
  'striker',
  'midfielder',
  'golfer',
  'skater',
  'runner',
  'boxer',
  'fighter',
  'skipper',
  'retiree',
  'cartoonist',
  'filmmaker',
  'producer',
  'chef',
  'diplomat',
  'ambassador',
  'envoy',
  'prosecutor',
  'investigator',
  'consultant',
  'strategist',
  'adviser',
  'advisor',
  'pollster',
  'historian',
  'philosopher',
  'novelist',
  'poet',
  'photographer',
  'parent',
  'grandmother',
  'grandfather',
  'brother',
  'sister',
  'uncle',
  'aunt',
  'friend',
  'neighbour',
  'neighbor',
  'landlord',
  'tenant',
  'mp',
  'mla',
  'mpp',
]);

const DOC_NOUNS = new Set([
  'statement',
  'office',
  'post',
  'tweet',
  'letter',
  'email',
  'release',
  'account',
  'campaign',
  'website',
  'blog',
  'spokesperson',
  'spokesman',
  'spokeswoman',
  'representative',
  'team',
  'memo',
  'message',
  'filing',
  'complaint',
  'lawsuit',
  'report',
]);

const PUBLICATION_NOUNS = new Set([
  'statement',
  'release',
  'post',
  'memo',
  'report',
  'paper',
  'document',
  'notice',
  'study',
  'survey',
  'findings',
  'letter',
  'filing',
  'complaint',
  'lawsuit',
]);

export type MentionClass = 'person' | 'org' | 'male' | 'female' | 'plural' | 'other';

/** What kind of entity a pronoun or nominal mention can stand for. */
export function classifyNominal(mention: string): MentionClass {
  const words = mention.toLowerCase().split(/\s+/u).filter(Boolean);
  if (words.length === 1) {
    const w = words[0]!;
    if (MALE.has(w)) return 'male';
    if (FEMALE.has(w)) return 'female';
    if (ORG_PRONOUNS.has(w)) return 'org';
    if (PLURAL.has(w)) return 'plural';
  }
  const head = nominalHead(mention);
  const det = words[0] ?? '';
  // why: "her statement read", "his office said": the words come from the possessor
  if (DOC_NOUNS.has(head) && words.length <= 3) {
    if (det === 'his') return 'male';
    if (det === 'her') return 'female';
    if (det === 'its' || det === 'their') return 'org';
  }
  if (isPersonNoun(head) && det !== 'a' && det !== 'an' && det !== 'one') return 'person';
  // why: "the post read", "a statement said": the words are the publishing organization's
  if ((det === 'the' || det === 'a') && PUBLICATION_NOUNS.has(head)) return 'org';
  if (det !== 'the' && det !== 'its' && det !== 'this' && det !== 'that') return 'other';
  if (ORG_NOUNS.has(head)) return 'org';
  return 'other';
}

/** The head noun of a nominal: its last word before any "of/at/for …" ("the founder of X" → founder). */
export function nominalHead(mention: string): string {
  const words = mention.toLowerCase().split(/\s+/u).filter(Boolean);
  const cut = words.findIndex((w, i) => i > 0 && /^(of|at|for|from|with|in|on|who|which|that)$/u.test(w));
  const core = cut > 0 ? words.slice(0, cut) : words;
  return (core[core.length - 1] ?? '').replace(/[^a-z-]/gu, '');
}

/** Whether a noun names a person's role ("mayor", "spokeswoman", "sergeant-at-arms"). */
export function isPersonNoun(word: string): boolean {
  const w = word.toLowerCase();
  return PERSON_NOUNS.has(w) || PERSON_NOUNS.has(w.split('-')[0] ?? '');
}
