/**
 * Dates the page shows or marks up outside its metadata, found in one walk of the body: `<time>`, `<abbr title>`,
 * `datetime` and date-named `data-*` attributes, and date expressions in short visible texts. Each one is weighed
 * by where it stands: a date class, a "Published" label, the article header or the lines around the headline count
 * for it; comments, sidebars, related lists and navigation count against it.
 */
import type { AnyNode, Element } from 'domhandler';
import { findTextDate, MIN_YEAR, normalizeDate } from './date-text.js';
import { walk } from './dom.js';
import { rx } from '../rx.js';

/** A date the page shows, weighed by its position. */
export interface PageDate {
  /** ISO value as written (an element's machine value keeps its time and offset; a text gives the day). */
  value: string;
  day: string;
  /** 'element' (a machine value in an attribute) or 'text' (visible words). */
  from: 'element' | 'text';
  kind: 'published' | 'modified';
  score: number;
  /** Near the headline, in a header or byline, or in a date-classed element. */
  placed: boolean;
  order: number;
  /** Tag and class of the element holding the date and of its parent: repeated, it marks a list. */
  sig: string;
  /** Which <article> element it stands in (1, 2, …; 0: none). */
  card: number;
  /** In a photo caption or a reader's comment: it dates the photo or the comment, never the page. */
  foreign: boolean;
}

// why: class and id words that mark a date, a byline or a header region (several languages)
const DATE_CUE = /date|datum|fecha|time|zeit|publi|posted|byline|erstellt|created|parution/iu;
const META_CUE = /meta|info|author|autor|subline|credit|details|stand|submitted/iu;
const HEADER_CUE = /header|headline|heading|kopf|intro|title/iu;
// why: dates of other stories, comments and archives, not of this page
const BAD_WORDS = new Set([
  'comment',
  'comments',
  'sidebar',
  'related',
  'widget',
  'widgets',
  'recent',
  'popular',
  'archive',
  'archives',
  'calendar',
  'reply',
  'replies',
  'trending',
  'recommended',
  'recommendations',
  'promo',
  'breadcrumb',
  'breadcrumbs',
  'newsletter',
  'latest',
  'weitere',
  'more',
  'card',
  'cards',
  'slider',
  'swiper',
  'carousel',
  'tweet',
  'tweets',
  'forum',
  'discussion',
  'kommentare',
  'commentaires',
  'comentarios',
  'commenti',
]);
/** Some word of the class or id (split at spaces, hyphens and underscores) names another page's or a reader's part. */
const badCue = (cls: string) =>
  cls
    .toLowerCase()
    .split(/[\s_-]+/u)
    .some((w) => BAD_WORDS.has(w));
// why not <form>: ASP.NET pages wrap the whole page in one
const BAD_TAGS = new Set(['aside', 'nav', 'footer', 'select']);
// why: photo captions date the photo ("…in Uman, 28 April 2023")
const MEDIA_CUE = /(?:^|\s)(?:pic|image|img|photo|foto|bild|figure|gallery|video|slide|wp-caption)/iu;
const MEDIA_TAGS = new Set(['figure', 'figcaption', 'picture']);
// why: page-wide wrappers name their layout ("layoutTwoColumnsRightSidebar", "no-sidebars"), not their content
const WRAPPER_CUE = /content|main|page|site|container|layout|wrapper|no-|has-|with-/iu;
// why nav and select: menus hold no date of the page, and are large
const SKIP_TAGS = new Set([
  'script',
  'style',
  'template',
  'svg',
  'noscript',
  'iframe',
  'head',
  'nav',
  'select',
  'button',
  'video',
  'audio',
  'map',
  'object',
  'canvas',
]);

// why: a label before the date says which date it is
const PUBLISHED_LABEL = rx('iu')`
    (?:published|posted|veröffentlicht|veröffentlichung|erstellt|erschienen|publié|publie|mise? en ligne|publicado|pubblicato|gepubliceerd|geplaatst|
      publicatie|written|created|datum|date|fecha|data|stand|dated|issued|опубликовано|опубліковано|дата публикации|opublikowano|publikováno|
      zveřejněno|publicerad|publiceret|publisert|yayınlanma|yayın tarihi|diterbitkan|dipublikasikan)(?:\s+\p{L}{1,3})?(?:\s+\p{L}{2,12}\.?,)?[\s:.,|-]*$`;
const MODIFIED_LABEL = rx('iu')`
    (?:updated?|aktualisiert|geändert|änderung|zuletzt|last edited|edited|modified|revised|mis à jour|modifié|actualizado|actualización|aggiornato|
      atualizado|bijgewerkt|gewijzigd|обновлено|оновлено|zaktualizowano|aktualizováno|uppdaterad|opdateret|oppdatert|güncellendi|güncellenme|
      diperbarui)(?:\s+\p{L}{1,5}){0,2}[\s:.,|-]*$`;
// why the gate: the date regex is costly and most texts with digits hold no year
const YEARISH = /\d{4}|\d[./-]\d{1,2}[./-]\d\d|\d\s*[年년]/u;
// a dateline: the date, maybe a clock time, then a dash
const DATELINE = /^(?:,?\s*\d{1,2}[:.]\d{2}(?:\s*uhr)?)?\s*[-–—]\s/iu;
// why: "am 24. Juli 2017", "on May 3, 2024": a preposition before a date in a short line is a weaker label
// (a weekday may stand between the label and the date: "posted on Monday, March 5th, 2012", "am Montag, 5. März")
const WEAK_LABEL = /(?:^|\s)(?:am|on|le|el|il|op|em|vom|du|del)(?:\s+\p{L}{2,12}\.?,)?\s*$/iu;
// why "-dt": Korean and Japanese CMSs write data-deploy-dt="2026.01.29 18:40"
const ELEMENT_DATE_ATTRS = /^data-(?:[\w-]*(?:date|time|publish|created)[\w-]*|[\w-]+-dt)$/iu;
const UPDATE_ATTR = /updat|modif|edit|re-deploy|revis/iu;

const PUB_CUE = /publi|posted|erstellt/iu;
// why: WordPress lists the post's categories and tags as classes ("category-video", "post_tag-comments")
const TAXONOMY = /^(?:category|tag|post_tag|post-tag|author|topic|section|format|type|status)[-_]/iu;

/** The cue bits of a class or id value (taxonomy classes left out). why bits: one pass, no string built per element */
function cueMask(raw: string, wrapper: boolean): number {
  const v =
    raw.length > 40 && TAXONOMY_GATE.test(raw)
      ? raw
          .split(/\s+/u)
          .filter((w) => !TAXONOMY.test(w))
          .join(' ')
      : raw;
  let mask = 0;
  if (DATE_CUE.test(v)) mask |= PUB_CUE.test(v) ? 65 : 1;
  else if (META_CUE.test(v)) mask |= 2;
  if (HEADER_CUE.test(v)) mask |= 4;
  if (!wrapper && TODAY_CUE.test(v)) mask |= 1024;
  if (!wrapper && !WRAPPER_CUE.test(v)) {
    if (BAD_GATE.test(v) && badCue(v)) mask |= COMMENT_CUE.test(v) ? 8 | 4096 : 8;
    if (MEDIA_CUE.test(v)) mask |= 32;
  }
  return mask;
}

// why: a masthead shows today's date or a clock ("today", "current-date", German "heute", "uhr"): the day of the
// visit, not of the page
// ("clock" left out: icon classes such as fa-clock mark a post's own time)
// (whole words only: "usatoday", "zdfheute" name a site)
const TODAY_CUE = /(?:^|[\s_-])(?:today|todays|heute|uhr)(?:$|[\s_-])|current-?date|date-?now|today-?date/iu;

const COMMENT_CUE = /comment|repl|kommentar|forum|discussion|tweet/iu;

const TAXONOMY_GATE = /(?:category|tag|topic|section|format|type|status|author)[-_]/iu;
// why a gate: splitting every class into words costs an array per element; most classes hold no such word
const BAD_GATE = rx('iu')`
    comment|sidebar|related|widget|recent|popular|archive|calendar|repl|trending|recommend|promo|breadcrumb|newsletter|latest|weitere|more|card|
      slider|swiper|carousel|tweet|forum|discussion|kommentar|commentaire|comentario|commenti`;

/*
 * Bits of an element's mask, pushed on entering it and undone on leaving: 1 date class, 2 meta/byline class,
 * 4 header, 8 other stories or comments, 16 <h1>, 32 photo or caption, 64 publication class, 128 <article>,
 * 512 first <h2>, 1024 today's date or a clock, 2048 a date read from the element's pieces together, 4096 comments.
 */
interface Frame {
  dateCue: number;
  metaCue: number;
  header: number;
  bad: number;
  media: number;
  pub: number;
  today: number;
  pieces: number;
  comment: number;
}

/**
 * Dates of the page's body, each weighed by its place. `monthFirst` reads 09/05/2020 as September 5. With `cards`
 * (a page of several <article> elements that does not declare itself one article), dates inside an <article> count
 * only in the one holding the headline.
 */
export function pageDates(body: Element | null, monthFirst: boolean, cards = false): PageDate[] {
  if (!body) return [];
  const out: PageDate[] = [];
  const f: Frame = { dateCue: 0, metaCue: 0, header: 0, bad: 0, media: 0, pub: 0, today: 0, pieces: 0, comment: 0 };
  const stack: number[] = [];
  // why: a page repeats its class names (menu items, cards, paragraphs); each is read once
  const cues = new Map<string, number>();
  const cached = (v: string, wrapper: boolean) => {
    if (wrapper) return cueMask(v, true);
    let m = cues.get(v);
    if (m === undefined) {
      m = cueMask(v, false);
      cues.set(v, m);
    }
    return m;
  };
  let order = 0;
  let h1Order = -1;
  let inH1 = 0;
  // why: a page without an <h1> carries its headline in the first <h2> (blogs); on a page of cards an <h2> is a
  // card's headline, so it never makes its card the page's
  let h2Order = -1;
  let inH2 = 0;
  let texts = 0;
  let cardCount = 0;
  let card = 0;
  let h1Card = -1;
  const push = (value: string, day: string, from: PageDate['from'], kind: PageDate['kind'], label: number, holder: Element, words = 0) => {
    if (out.length >= 60 || f.today) return;
    let score = from === 'element' ? 2 : 1;
    if (f.dateCue) score += 2;
    else if (f.metaCue) score += 1;
    if (f.header) score += 1;
    if (f.pub) score += 1;
    score += label;
    if (f.bad) score -= 4;
    if (f.media) score -= 3;
    // why: a date line is short; a date inside running text is more often an event's
    if (words > 40) score -= 1;
    const placed = f.dateCue + f.metaCue + f.header > 0 || label > 0;
    out.push({ value, day, from, kind, score, placed, order, sig: sigOf(holder), card, foreign: f.media + f.comment > 0 });
  };
  walk(
    body,
    (n: AnyNode) => {
      if (n.type === 'text') {
        order++;
        if (inH1 && h1Order < 0 && n.data.trim().length >= 4) {
          h1Order = order;
          h1Card = card;
        }
        if (inH2 && h2Order < 0 && n.data.trim().length >= 4) h2Order = order;
        // why: bylines and date lines are short; dates inside paragraphs are the story's own (events, deadlines),
        // so of a long text only its start is read (a dateline)
        if (n.data.length < 6) return;
        const long = n.data.length > 160;
        const s = long ? n.data.trimStart().slice(0, 48) : n.data;
        if (!YEARISH.test(s) || ++texts > 4000) return;
        const found = findTextDate(s, monthFirst);
        // why the words of a dated element count too: measured, a <time> whose words restate its day is better
        // evidence than one whose words do not (sidebars and feeds carry bare machine dates)
        if (!found) return;
        const before = s.slice(Math.max(0, found.index - 40), found.index) || prevText(n);
        const modified = MODIFIED_LABEL.test(before);
        // why: a short text node may be one piece of a long paragraph split by links
        const words = Math.max(s.trim().length, blockText(n).length) - found.length;
        // why: a dateline opens the story ("BERLIN, 27.1.2022 – Bei der…"): a date first in its text, then a dash
        const dateline =
          found.index <= 30 && DATELINE.test(s.slice(found.index + found.length, found.index + found.length + 12)) && !/\d/u.test(s.slice(0, found.index));
        if (long && !dateline) return;
        const label = modified ? 0 : PUBLISHED_LABEL.test(before) ? 3 : dateline ? 2 : WEAK_LABEL.test(before) ? 1 : 0;
        // why: a date inside a sentence, words before and after it and no label, is one the text talks about (an
        // event, a deadline), not the page's ("Der nächste Stammtisch findet am Mi. 5. Feb 2020 um 19 Uhr statt")
        if (!label && inSentence(s, found.index, found.length)) return;
        if (n.parent?.type === 'tag') push(found.value, found.day, 'text', modified ? 'modified' : 'published', label, n.parent, words);
        return;
      }
      // why: a short inline script in the body that writes a date (showDate("2020/04/17 01:43:09")) shows it there
      if (n.type === 'script') {
        const v = n.attribs.src === undefined ? scriptShownDate(n) : null;
        if (v) push(v, v.slice(0, 10), 'element', 'published', 0, n);
        return false;
      }
      if (n.type !== 'tag') return false;
      const tag = n.name;
      if (SKIP_TAGS.has(tag)) return false;
      const a = n.attribs;
      // why: an archived copy carries the Wayback Machine's toolbar, whose dates are the captures' (as htmldate discards it)
      if (a.id?.startsWith('wm-ipp')) return false;
      const wrapper = tag === 'html' || tag === 'body' || tag === 'main';
      let mask = 0;
      if (a.class !== undefined && a.class.length > 1) mask |= cached(a.class, wrapper);
      if (a.id !== undefined && a.id.length > 1) mask |= cached(a.id, wrapper);
      if (MEDIA_TAGS.has(tag)) mask |= 32;
      if (tag === 'header' || tag === 'time') mask |= tag === 'time' ? 1 : 4;
      if (BAD_TAGS.has(tag)) mask |= 8;
      if (tag === 'h1') {
        mask |= 16;
        inH1++;
      } else if (tag === 'h2' && h2Order < 0) mask |= 512;
      if (tag === 'article') {
        mask |= 128;
        card = ++cardCount;
      }
      if (mask & 512) inH2++;
      apply(f, mask, 1);
      const raw = machineDate(n, tag, mask);
      const v = raw ? normalizeDate(raw, monthFirst) : null;
      if (v && Number(v.slice(0, 4)) >= MIN_YEAR) {
        const updated = (/updated|modified/iu.test(a.class ?? '') && !/publi/iu.test(a.class ?? '')) || /modified/iu.test(a.itemprop ?? '');
        const pub = a.pubdate !== undefined || /publi/iu.test(`${a.class ?? ''} ${a.itemprop ?? ''}`) || Object.keys(a).some((k) => /publish/iu.test(k));
        push(v, v.slice(0, 10), 'element', updated ? 'modified' : 'published', pub ? 3 : 0, n);
      } else if (mask & 1 && !f.pieces && tag !== 'time') {
        // why: date badges split the day, month and year into elements of their own (<span class="day">26</span> Okt 2018)
        const d = piecedDate(n, monthFirst);
        if (d) {
          mask |= 2048;
          f.pieces++;
          const before = d.before || prevText(n);
          const modified = MODIFIED_LABEL.test(before) || /updated|modified/iu.test(d.el.attribs.class ?? '');
          push(d.value, d.day, 'text', modified ? 'modified' : 'published', modified ? 0 : PUBLISHED_LABEL.test(before) ? 3 : 0, d.el);
        }
      }
      stack.push(mask);
      return true;
    },
    () => {
      const mask = stack.pop() ?? 0;
      apply(f, mask, -1);
      if (mask & 16) inH1--;
      if (mask & 512) inH2--;
      if (mask & 128) card = 0;
    },
  );
  // why kept, scored out: a page that shows one day only, even in a card, shows its own (the lone-date rule)
  const others = cards ? out.filter((d) => d.card !== 0 && d.card !== h1Card) : [];
  if (others.length) {
    const own = out.filter((d) => d.card === 0 || d.card === h1Card);
    out.length = 0;
    out.push(...own);
  }
  demoteLists(out);
  // why: the lines just before and after the headline hold the byline and its date
  if (h1Order < 0) h1Order = h2Order;
  if (h1Order >= 0) {
    for (const d of out) {
      const dist = d.order - h1Order;
      if (dist >= -12 && dist <= 40) {
        d.score += 2;
        d.placed = true;
      }
    }
  }
  for (const d of others) out.push({ ...d, score: OUTSIDE, placed: false });
  return out;
}

/** The score of a date in another card of a page of cards: no rule but the lone date's reads it. */
export const OUTSIDE = -100;

const sigOf = (el: Element) => {
  const p = el.parent;
  const own = `${el.name}.${el.attribs.class ?? ''}`;
  return p && p.type === 'tag' ? `${own}<${p.name}.${p.attribs.class ?? ''}` : own;
};

/**
 * Dates in the same place, repeated with different days, are a list (comments, other stories, a table of days):
 * the first of them keeps its weight (a blog's front page dates itself by its newest post), the rest lose theirs.
 */
function demoteLists(dates: PageDate[]): void {
  const days = new Map<string, Set<string>>();
  for (const d of dates) {
    const set = days.get(d.sig) ?? new Set<string>();
    set.add(d.day);
    days.set(d.sig, set);
  }
  const seen = new Set<string>();
  for (const d of dates) {
    if (days.get(d.sig)!.size < 3) continue;
    if (seen.has(d.sig)) d.score -= 4;
    seen.add(d.sig);
  }
}

function apply(f: Frame, mask: number, by: number): void {
  if (mask & 1) f.dateCue += by;
  if (mask & 2) f.metaCue += by;
  if (mask & 4) f.header += by;
  if (mask & 8) f.bad += by;
  if (mask & 32) f.media += by;
  if (mask & 64) f.pub += by;
  if (mask & 1024) f.today += by;
  if (mask & 2048) f.pieces += by;
  if (mask & 4096) f.comment += by;
}

/** The machine-readable date an element carries in an attribute, or null. */
function machineDate(el: Element, tag: string, mask: number): string | null {
  const a = el.attribs;
  if (tag === 'time') return a.datetime ?? a['data-datetime'] ?? null;
  if (a.datetime) return a.datetime;
  // why: hAtom's <abbr class="published" title="2019-06-27T10:21:40Z"> and date-classed elements with an ISO title
  if ((tag === 'abbr' || mask & 1) && a.title && /^\s*\d{4}-\d{2}-\d{2}/u.test(a.title)) return a.title;
  for (const k in a) {
    if (k.startsWith('data-') && ELEMENT_DATE_ATTRS.test(k) && !UPDATE_ATTR.test(k)) {
      const v = a[k]!;
      if (/^\s*\d{4}[-/.]\d{2}[-/.]\d{2}/u.test(v)) return v;
    }
  }
  return null;
}

/**
 * The date a small element's text pieces make together, when no single piece holds it: the pieces joined by spaces,
 * up to 8 of them and 60 characters. `el` is the innermost element holding them all (a wrapper's one child).
 */
function piecedDate(outer: Element, monthFirst: boolean): { value: string; day: string; before: string; el: Element } | null {
  let el = outer;
  for (let i = 0; i < 4; i++) {
    const kids = el.children.filter((c) => c.type === 'tag' || (c.type === 'text' && c.data.trim()));
    if (kids.length !== 1 || kids[0]!.type !== 'tag') break;
    el = kids[0] as Element;
  }
  const pieces: string[] = [];
  let total = 0;
  let whole = false;
  const collect = (n: AnyNode, depth: number): boolean => {
    if (n.type === 'text') {
      const t = n.data.trim();
      if (!t) return true;
      pieces.push(t);
      total += t.length;
      return pieces.length <= 8 && total <= 60;
    }
    if (n.type !== 'tag' || depth > 3 || SKIP_TAGS.has(n.name)) return true;
    for (const c of n.children) if (!collect(c, depth + 1)) return false;
    return true;
  };
  if (!collect(el, 0) || pieces.length < 2) return null;
  const joined = pieces.join(' ');
  if (!YEARISH.test(joined)) return null;
  for (const p of pieces) if (YEARISH.test(p) && findTextDate(p, monthFirst)) whole = true;
  if (whole) return null;
  const found = findTextDate(joined, monthFirst);
  return found ? { value: found.value, day: found.day, before: joined.slice(Math.max(0, found.index - 40), found.index), el } : null;
}

const SCRIPT_STAMP = /["'](\d{4}[-/.]\d{2}[-/.]\d{2}[ T]\d{2}:\d{2}(?::\d{2})?)/u;

/** The date and time a short inline script writes into the page, or null (data blobs and code libraries are long). */
function scriptShownDate(el: Element): string | null {
  const only = el.children.length === 1 ? el.children[0] : undefined;
  const t = only?.type === 'text' ? only.data : '';
  if (t.length < 12 || t.length > 200 || /^\s*[[{]/u.test(t)) return null;
  const m = SCRIPT_STAMP.exec(t);
  const v = m ? normalizeDate(m[1]!) : null;
  return v && Number(v.slice(0, 4)) >= MIN_YEAR ? v : null;
}

const WORD = /\p{L}{2,}/gu;

// why: "This entry was posted on … and is filed under", "Dieser Eintrag wurde am … veröffentlicht": the sentence
// that states the publication is no event's
const PUBLISH_WORD = /publi|posted|gepostet|veröffentlicht|erstellt|geschrieben|written|eingetragen|erschienen/iu;

// why lower case: prose runs on function words and verbs; a byline of names and titles is capitalized
const LOWER_WORD = /(?<!\p{L})\p{Ll}\p{L}+/gu;

/**
 * Four words or more before the date, two of them in lower case, and three or more after it, two in lower case, in
 * the same text, none of them "published".
 */
function inSentence(s: string, index: number, length: number): boolean {
  const before = s.slice(Math.max(0, index - 60), index);
  if ((before.match(WORD)?.length ?? 0) < 4 || (before.match(LOWER_WORD)?.length ?? 0) < 2) return false;
  const after = s.slice(index + length, index + length + 60);
  if ((after.match(WORD)?.length ?? 0) < 3 || (after.match(LOWER_WORD)?.length ?? 0) < 2) return false;
  return !PUBLISH_WORD.test(before) && !PUBLISH_WORD.test(after);
}

/** The text just before a text node (its previous sibling's), for a label in its own element ("Datum" <dd>…). */
function prevText(n: AnyNode): string {
  let p: AnyNode | null = n.prev ?? n.parent?.prev ?? null;
  for (let i = 0; p && i < 3; i++, p = p.prev) {
    const t = textOfSmall(p).trim();
    if (t) return t.slice(-40);
  }
  return '';
}

const BLOCKS = new Set(['p', 'li', 'td', 'dd', 'div', 'blockquote', 'section', 'article', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6']);

/** The text of the block a text node stands in (up to ~200 characters). */
function blockText(n: AnyNode): string {
  let p = n.parent;
  for (let i = 0; p && i < 4 && !(p.type === 'tag' && BLOCKS.has(p.name)); i++) p = p.parent;
  return p ? textOfSmall(p, 0, 200).replace(/\s+/gu, ' ').trim() : '';
}

/** Text of a small subtree, a few levels deep at most (labels are shallow; pages may nest 50,000 deep). */
function textOfSmall(n: AnyNode, depth = 0, max = 80): string {
  if (n.type === 'text') return n.data;
  if (!('children' in n) || depth > 4) return '';
  let out = '';
  for (const c of n.children) {
    out += textOfSmall(c, depth + 1, max);
    if (out.length > max) break;
  }
  return out;
}
