/**
 * Dates as written: machine values (ISO 8601, RFC 2822, epoch) normalized with their offset kept, and the first date
 * expression in free text, with the month names of eighteen languages (the tables below).
 */

const pad = (n: number | string, w = 2) => String(n).padStart(w, '0');

/**
 * Month names and their common abbreviations, one list per month: en, de, fr, es, it, pt, nl, then the languages
 * whose pages write the month as a word just as often — ru and uk (genitive, as a date writes them), pl, cs, sv, da,
 * no, ro, tr, id, and ar (the Egyptian and the Levantine names, often written together: "24 نيسان / أبريل 2020"). Short
 * forms only where no common word shares them.
 * why not chrono-node: it costs ~1 ms a page to load and run, and these tables are all the day needs
 */
const MONTH_NAMES: string[][] = [
  [
    'january',
    'jan',
    'januar',
    'jänner',
    'jän',
    'janvier',
    'janv',
    'enero',
    'ene',
    'gennaio',
    'gen',
    'janeiro',
    'januari',
    'января',
    'январь',
    'янв',
    'січня',
    'stycznia',
    'styczeń',
    'ledna',
    'leden',
    'ianuarie',
    'ocak',
    'يناير',
    'كانون الثاني',
  ],
  [
    'february',
    'feb',
    'febr',
    'februar',
    'feber',
    'février',
    'fevrier',
    'févr',
    'fevr',
    'febrero',
    'febbraio',
    'fevereiro',
    'fev',
    'februari',
    'февраля',
    'февраль',
    'фев',
    'февр',
    'лютого',
    'lutego',
    'luty',
    'února',
    'únor',
    'februarie',
    'şubat',
    'subat',
    'فبراير',
    'شباط',
  ],
  [
    'march',
    'mar',
    'märz',
    'maerz',
    'mär',
    'mrz',
    'mars',
    'marzo',
    'março',
    'marco',
    'maart',
    'mrt',
    'марта',
    'март',
    'березня',
    'marca',
    'marzec',
    'března',
    'březen',
    'martie',
    'marts',
    'mart',
    'maret',
    'مارس',
    'آذار',
  ],
  [
    'april',
    'apr',
    'avril',
    'avr',
    'abril',
    'abr',
    'aprile',
    'апреля',
    'апрель',
    'апр',
    'квітня',
    'kwietnia',
    'kwiecień',
    'dubna',
    'duben',
    'aprilie',
    'nisan',
    'أبريل',
    'ابريل',
    'إبريل',
    'نيسان',
  ],
  ['may', 'mai', 'mayo', 'maggio', 'mag', 'maio', 'mei', 'мая', 'май', 'травня', 'maja', 'maj', 'května', 'květen', 'mayıs', 'mayis', 'مايو', 'أيار', 'ايار'],
  [
    'june',
    'jun',
    'juni',
    'juin',
    'junio',
    'giugno',
    'giu',
    'junho',
    'июня',
    'июнь',
    'червня',
    'czerwca',
    'czerwiec',
    'června',
    'červen',
    'iunie',
    'haziran',
    'يونيو',
    'يونيه',
    'حزيران',
  ],
  [
    'july',
    'jul',
    'juli',
    'juillet',
    'juil',
    'julio',
    'luglio',
    'lug',
    'julho',
    'июля',
    'июль',
    'липня',
    'lipca',
    'lipiec',
    'července',
    'červenec',
    'iulie',
    'temmuz',
    'يوليو',
    'يوليه',
    'تموز',
  ],
  [
    'august',
    'aug',
    'août',
    'aout',
    'agosto',
    'ago',
    'augustus',
    'августа',
    'август',
    'авг',
    'серпня',
    'sierpnia',
    'sierpień',
    'srpna',
    'srpen',
    'augusti',
    'ağustos',
    'agustos',
    'agustus',
    'أغسطس',
    'اغسطس',
    'آب',
  ],
  [
    'september',
    'sep',
    'sept',
    'septembre',
    'septiembre',
    'setiembre',
    'settembre',
    'set',
    'setembro',
    'сентября',
    'сентябрь',
    'сент',
    'вересня',
    'września',
    'wrzesień',
    'září',
    'septembrie',
    'eylül',
    'eylul',
    'سبتمبر',
    'أيلول',
    'ايلول',
  ],
  [
    'october',
    'oct',
    'oktober',
    'okt',
    'octobre',
    'octubre',
    'ottobre',
    'ott',
    'outubro',
    'out',
    'октября',
    'октябрь',
    'окт',
    'жовтня',
    'października',
    'październik',
    'října',
    'říjen',
    'octombrie',
    'ekim',
    'أكتوبر',
    'اكتوبر',
    'تشرين الأول',
  ],
  [
    'november',
    'nov',
    'novembre',
    'noviembre',
    'novembro',
    'ноября',
    'ноябрь',
    'нояб',
    'листопада',
    'listopada',
    'listopad',
    'listopadu',
    'noiembrie',
    'kasım',
    'kasim',
    'نوفمبر',
    'تشرين الثاني',
  ],
  [
    'december',
    'dec',
    'dezember',
    'dez',
    'décembre',
    'decembre',
    'déc',
    'diciembre',
    'dic',
    'dicembre',
    'dezembro',
    'декабря',
    'декабрь',
    'дек',
    'грудня',
    'grudnia',
    'grudzień',
    'prosince',
    'prosinec',
    'decembrie',
    'aralık',
    'aralik',
    'desember',
    'ديسمبر',
    'كانون الأول',
  ],
];

const MONTH = new Map<string, number>(MONTH_NAMES.flatMap((names, i) => names.map((n) => [n, i + 1] as [string, number])));
// why longest first: "septembre" must not stop at "sept"
const MONTH_ALT = [...MONTH.keys()].sort((a, b) => b.length - a.length).join('|');

/** Month number of a name or abbreviation in any of the tables, or undefined. */
export function monthOf(name: string): number | undefined {
  return MONTH.get(name.toLowerCase().replace(/\.$/u, ''));
}

/** Lowest year taken from a page that does not state it as the publication date in its metadata. */
export const MIN_YEAR = 1995;

function validDay(y: number, m: number, d: number, minYear = 1990): boolean {
  if (!(y >= minYear && y <= 2100 && m >= 1 && m <= 12 && d >= 1)) return false;
  return d <= new Date(Date.UTC(y, m, 0)).getUTCDate();
}

function offsetOf(z: string | undefined): string {
  if (!z) return '';
  if (/^(?:z|gmt|utc|ut)$/iu.test(z)) return 'Z';
  const m = /^([+-])(\d{1,2}):?(\d{2})?$/u.exec(z);
  return m ? `${m[1]}${pad(m[2]!)}:${m[3] ?? '00'}` : '';
}

function hour12(h: number, ampm: string | undefined): number {
  if (!ampm) return h;
  const pm = ampm.toLowerCase().startsWith('p');
  if (pm && h < 12) return h + 12;
  if (!pm && h === 12) return 0;
  return h;
}

// why module constants: normalizeDate runs for every dated element and candidate; per call, each rebuilt its pattern
const DAY_MONTH_YEAR = new RegExp(
  `(?:^|[\\s,])(\\d{1,2})(?:st|nd|rd|th)?\\.?\\s+(${MONTH_ALT})\\.?,?\\s+(\\d{4})(?:,?\\s+(?:at\\s+|um\\s+|` +
    `à\\s+)?(\\d{1,2}):(\\d{2})(?::(\\d{2}))?\\s*([ap]\\.?m\\.?)?\\s*(Z|[+-]\\d{2}:?\\d{2}|GMT|UTC)?)?`,
  'iu',
);
const MONTH_DAY_YEAR = new RegExp(
  `(?:^|[\\s,])(${MONTH_ALT})\\.?\\s+(\\d{1,2})(?:st|nd|rd|th)?,?\\s+(\\d{4})` +
    `(?:,?\\s+(?:at\\s+)?(\\d{1,2}):(\\d{2})(?::(\\d{2}))?\\s*([ap]\\.?m\\.?)?\\s*(Z|[+-]\\d{2}:?\\d{2}|GMT|UTC)?)?`,
  'iu',
);

/** Normalize a machine-written date (a meta or attribute value) to ISO 8601 with its offset kept, or null. */
export function normalizeDate(input: string | null | undefined, monthFirst = false): string | null {
  if (!input) return null;
  const s = input.trim();
  // ISO-like: 2024-05-03, 2024-05-03T15:47:42.389+02:00, 2024-05-03 15:47:42 +0200, 2024/05/03 15:47
  let m = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[T\s]+(\d{1,2}):(\d{2})(?::(\d{2})(\.\d+)?)?\s*(Z|[+-]\d{1,2}:?\d{2}|GMT|UTC)?)?/iu.exec(s);
  if (m) {
    const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
    if (!validDay(y, mo, d)) return null;
    const day = `${m[1]}-${pad(mo)}-${pad(d)}`;
    if (m[4] === undefined) return day;
    return `${day}T${pad(m[4])}:${m[5]}:${m[6] ?? '00'}${m[7] ?? ''}${offsetOf(m[8])}`;
  }
  // Compact ISO: 20240503, 20240503T154742Z
  m = /^(\d{4})(\d{2})(\d{2})(?:T(\d{2})(\d{2})(\d{2})?(Z)?)?$/u.exec(s);
  if (m && validDay(Number(m[1]), Number(m[2]), Number(m[3]))) {
    const day = `${m[1]}-${m[2]}-${m[3]}`;
    return m[4] === undefined ? day : `${day}T${m[4]}:${m[5]}:${m[6] ?? '00'}${m[7] ?? ''}`;
  }
  // Epoch seconds or milliseconds
  if (/^\d{10}(?:\d{3})?$/u.test(s)) {
    const ms = s.length === 13 ? Number(s) : Number(s) * 1000;
    const iso = new Date(ms).toISOString();
    return validDay(Number(iso.slice(0, 4)), 1, 1) ? iso.replace('.000Z', 'Z') : null;
  }
  // RFC 2822 / written: "Fri, 03 May 2024 15:47:42 +0200", "May 3, 2024 at 3:47 PM", "3. Mai 2024 10:00 GMT"
  m = DAY_MONTH_YEAR.exec(s);
  let y: number;
  let mo: number | undefined;
  let d: number;
  if (m) {
    [d, mo, y] = [Number(m[1]), monthOf(m[2]!), Number(m[3])];
  } else {
    m = MONTH_DAY_YEAR.exec(s);
    if (!m) return numericDate(s, monthFirst);
    [mo, d, y] = [monthOf(m[1]!), Number(m[2]), Number(m[3])];
  }
  if (!mo || !validDay(y, mo, d)) return null;
  const day = `${y}-${pad(mo)}-${pad(d)}`;
  if (m[4] === undefined) return day;
  // why: a clock time without an offset stays local as written; with one, the offset is kept
  return `${day}T${pad(hour12(Number(m[4]), m[7]))}:${m[5]}:${m[6] ?? '00'}${offsetOf(m[8])}`;
}

function numericDate(s: string, monthFirst: boolean): string | null {
  // 03.05.2024 is day first; 09/05/2020 is month first on US-English pages, day first elsewhere
  const m = /^(\d{1,2})([./-])(\d{1,2})[./-](\d{4})(?:,?\s+(\d{1,2}):(\d{2})\s*([ap]\.?m\.?)?)?/iu.exec(s);
  if (!m) return null;
  let [d, mo] = [Number(m[1]), Number(m[3])];
  const y = Number(m[4]);
  if ((m[2] === '/' && monthFirst && d <= 12) || mo > 12) [d, mo] = [mo, d];
  if (!validDay(y, mo, d)) return null;
  const day = `${y}-${pad(mo)}-${pad(d)}`;
  if (!m[5]) return day;
  return `${day}T${pad(hour12(Number(m[5]), m[7]))}:${m[6]}:00`;
}

/** True when a numeric date could be read either way (both parts ≤ 12: 09/05/2020). */
export function ambiguousNumeric(s: string): boolean {
  const m = /^\s*(\d{1,2})[./-](\d{1,2})[./-]\d{4}/u.exec(s);
  return !!m && Number(m[1]) <= 12 && Number(m[2]) <= 12 && m[1] !== m[2];
}

/** A date expression found in text: the calendar day it names and where it was. */
export interface TextDate {
  day: string;
  /** The day with its time of day when one follows as written (no offset unless written): 2020-09-05T00:35:00. */
  value: string;
  index: number;
  length: number;
}

const B = '(?<![\\p{L}\\p{N}])';
const E = '(?![\\p{L}\\p{N}])';
// groups: 1-4 ISO y sep m d; 5-7 day month-name year; 8-10 month-name day year; 11-14 numeric d sep m year; 15-17 CJK;
// 18-20 dotted with spaces (German and Czech typography: "4. 2. 2022", often with thin spaces)
const TEXT_DATE = new RegExp(
  [
    `${B}(\\d{4})([-/.])(\\d{1,2})\\2(\\d{1,2})${E}`,
    `${B}(\\d{1,2})(?:st|nd|rd|th|er|º|°)?\\.?\\s*(?:de\\s+|of\\s+)?(${MONTH_ALT})\\.?(?:\\s*/\\s*\\p{L}+)?,?\\s*(?:de\\s+|del\\s+)?(\\d{4})${E}`,
    `${B}(${MONTH_ALT})\\.?\\s+(\\d{1,2})(?:st|nd|rd|th)?,?\\s+(\\d{4})${E}`,
    `${B}(\\d{1,2})([./-])(\\d{1,2})\\12(\\d{4}|\\d{2})${E}`,
    `(\\d{4})\\s*[年년]\\s*(\\d{1,2})\\s*[月월]\\s*(\\d{1,2})\\s*[日일]`,
    `${B}(\\d{1,2})\\.\\s{1,2}(\\d{1,2})\\.\\s{1,2}(\\d{4})${E}`,
  ].join('|'),
  'iu',
);

/**
 * The first date expression in `text` (a day, month and year; no time of day), or null. Two-digit years only in
 * dotted numeric dates (31.10.23). `monthFirst` reads 09/05/2020 as September 5.
 */
export function findTextDate(text: string, monthFirst = false, minYear = MIN_YEAR): TextDate | null {
  let rest = text;
  let offset = 0;
  for (let tries = 0; tries < 4; tries++) {
    const m = TEXT_DATE.exec(rest);
    if (!m) return null;
    const day = dayOf(m, monthFirst, minYear);
    if (day) {
      // why: "Posted: 09/05/2020 12:35 AM" keeps its clock time; normalizeDate reads the time the day is followed by
      const timed = /^\s*,?\s*(?:at|um|à|a las|alle|às|om|-|,)?\s*\d{1,2}:\d{2}/iu.test(rest.slice(m.index + m[0].length))
        ? normalizeDate(rest.slice(m.index, m.index + m[0].length + 40), monthFirst)
        : null;
      return { day, value: timed?.startsWith(day) ? timed : day, index: offset + m.index, length: m[0].length };
    }
    offset += m.index + m[0].length;
    rest = rest.slice(m.index + m[0].length);
  }
  return null;
}

function dayOf(m: RegExpExecArray, monthFirst: boolean, minYear: number): string | null {
  let y: number;
  let mo: number | undefined;
  let d: number;
  if (m[1]) [y, mo, d] = [Number(m[1]), Number(m[3]), Number(m[4])];
  else if (m[5]) [d, mo, y] = [Number(m[5]), monthOf(m[6]!), Number(m[7])];
  else if (m[8]) [mo, d, y] = [monthOf(m[8]), Number(m[9]), Number(m[10])];
  else if (m[11]) {
    const sep = m[12]!;
    const yy = m[14]!;
    // why: "31.10.23" is a German short date; "10/31/23" or "1-2-23" are too often not dates at all
    if (yy.length === 2 && sep !== '.') return null;
    y = yy.length === 2 ? 2000 + Number(yy) : Number(yy);
    [d, mo] = [Number(m[11]), Number(m[13])];
    if ((sep === '/' && monthFirst && d <= 12) || mo > 12) [d, mo] = [mo, d];
  } else if (m[15]) [y, mo, d] = [Number(m[15]), Number(m[16]), Number(m[17])];
  else [d, mo, y] = [Number(m[18]), Number(m[19]), Number(m[20])];
  if (!mo || !validDay(y, mo, d, minYear)) return null;
  return `${y}-${pad(mo)}-${pad(d)}`;
}
