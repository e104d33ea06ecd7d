/**
 * Site-independent boilerplate cues: class/id/role words, tag weights and debris lines.
 */
import type { Element } from 'domhandler';
import { classAndId } from './dom.js';
import { rx } from '../rx.js';

/** class/id words of page furniture (menus, comments, share bars, related lists, newsletter boxes…). */
export const UNLIKELY = rx('u')`
    -ad-|\bads?\b|ad-slot|adslot|advert|ai2html|banner|breadcrumb|combx|comment|communit|cover-wrap|disqus|extra|footer|gdpr|legends|menu|related|
      remark|replies|rss|shoutbox|sidebar|skyscraper|social|sponsor|supplemental|ad-break|agegate|pagination|pager|popup|yom-remote|share|sharing|
      newsletter|subscri|signup|sign-up|promo|recommend|trending|most-?popular|mostread|most-read|outbrain|taboola|reaction|cookie|consent|modal|toolbar|
      jump-?link|read-?more|readmore|more-stories|navbar|\bnav\b|masthead|teaser|carousel|tooltip|overlay|donate|print-?only|skip-?link|byline|
      author-?(bio|info|box)|\btags?\b|tag-?list|topics|keywords|widget|follow|rating|pullquote|inline-?(ad|promo)|hidden|caption|cutline|credit|
      disclaimer|disclosure|author-?about|about-?(the-)?author|bio\b`;

/** class/id words that mark content, protecting an element from UNLIKELY. */
export const MAYBE = /\band\b|article|body|column|content|main|shadow|story|entry|post-?text|text/u;

/** Roles of page furniture. */
export const UNLIKELY_ROLES = new Set(['menu', 'menubar', 'complementary', 'navigation', 'alert', 'alertdialog', 'dialog', 'banner', 'contentinfo', 'search']);

const NEGATIVE = rx('u')`
    -ad-|hidden|^hid$| hid$| hid |^hid |banner|combx|comment|com-|contact|footer|gdpr|masthead|media|meta|outbrain|promo|related|scroll|share|
      shoutbox|sidebar|skyscraper|sponsor|shopping|tags|widget|newsletter|social|recirc|byline|caption`;
const POSITIVE = /article|body|content|entry|hentry|h-entry|main|page|pagination|post|text|blog|story/u;

/** Class weight: +25 for content words, −25 for furniture words, per attribute (class and id). */
export function classWeight(el: Element): number {
  let w = 0;
  for (const v of [el.attribs.class, el.attribs.id]) {
    if (!v) continue;
    const s = v.toLowerCase();
    if (NEGATIVE.test(s)) w -= 25;
    if (POSITIVE.test(s)) w += 25;
  }
  if (el.attribs.itemprop?.toLowerCase() === 'articlebody') w += 50;
  return w;
}

/** Furniture words strong enough to beat a content word ("wp-caption-text", "comment-body"). */
export const STRONG_UNLIKELY = /caption|cutline|comment|disqus|related|share|sharing|newsletter|recommend|outbrain|taboola|promo|sponsor|social/u;

/** True when class, id or role mark the element as furniture (and nothing marks it as content). */
export function looksUnlikely(el: Element): boolean {
  const role = el.attribs.role?.toLowerCase();
  if (role && UNLIKELY_ROLES.has(role)) return true;
  // why: most elements have neither (classAndId would be " ")
  if (el.attribs.class === undefined && el.attribs.id === undefined) return false;
  const s = classAndId(el);
  if (s.length < 2) return false;
  const itemprop = el.attribs.itemprop?.toLowerCase();
  if (itemprop === 'articlebody') return false;
  if (itemprop === 'caption' || STRONG_UNLIKELY.test(s)) return !/article-?body|story-?body|post-?body|entry-content|main-?content/u.test(s);
  return UNLIKELY.test(s) && !MAYBE.test(s);
}

/** Whole lines that are page furniture in any article: share/reaction prompts, ad labels, "read more" links. */
export const DEBRIS_LINE = rx('iu')`
    ^(?:advertisements?|advertisement\W+(?:scroll|story|continues)[\w\s]*|ad|sponsored|share(?: this)?(?: article| story| post| on \w+)?|
      share via \w+|leave a (?:comment|reply)|\d* ?comments?|choose your reaction!?|what do you think\??|read (?:more|next|also)|
      related(?: articles| stories| posts| coverage| content| links)?|more from [\w\s]+|recommended(?: for you)?|you (?:may|might) also like|
      sign up(?: for [\w\s']+)?|subscribe(?: now| today)?|follow us(?: on [\w\s]+)?|click here[\w\s]*|continue reading(?: below| the main story)?|
      (?:story|article) continues below(?: advertisement)?|skip (?:to|ad)[\w\s]*|loading\W*|please enable javascript[\w\s.,]*|(?:image|photo|video|
      picture)(?: credit)?:?|copyright ©?[^.]{0,80}|©[^.]{0,80}|print|email|facebook|twitter|whatsapp|linkedin|pinterest|reddit|tweet|back to top|
      top of page|most (?:popular|read|viewed|shared)|trending(?: now)?|popular (?:posts|stories|articles)|next article|previous article|advert|
      sharing is caring!?|key points|tags|tagged|categor(?:y|ies|ias|ie)|topics|image \d+ of \d+|\(?(?:image|photo|picture|foto|bild) ?(?:credit|source|
      quelle)?:[^)]{0,100}\)?|this (?:slideshow|video|content) requires javascript\.?|enable javascript[\w\s.,]*|スポンサードリンク|関連記事|관련기사|相关阅读|相關新聞|
      (?:reporting|writing|editing|additional reporting|compiled) by .{0,200})\W*$`;

/** A block that is only a date line ("Published Monday, November 18, 2019 8:22AM EST", "Updated at 1:23 p.m.", "2018-08-16"). */
export const DATE_LINE = rx('iu')`
    ^(?:(?:published|posted|updated|last updated|modified|created|date|veröffentlicht|aktualisiert|publicado|publié|pubblicato|
      stand)\b[\s:|,-]*(?:on|at|am|le|el|il)?\s*)?(?:[\p{L}]{3,12}\.?,?\s+)?(?:\d{1,4}[./-]\d{1,2}[./-]\d{1,4}|\d{1,2}(?:st|nd|rd|
      th)?\.?\s+[\p{L}]{3,12}\.?,?\s+\d{4}|[\p{L}]{3,12}\.?\s+\d{1,2}(?:st|nd|rd|th)?,?\s+\d{4}|\d{1,2}:\d{2}\s*(?:[ap]\.?m\.?)?)(?:[\s,|/-]*(?:at\s+|
      um\s+|às\s+)?\d{1,2}[:.h]\d{2}(?::\d{2})?\s*(?:[ap]\.?m\.?|uhr|h)?)?(?:\s*\(?[A-Z]{2,5}\)?)?[\s|,]*$`;

/** Lead-in of a byline or time-stamp line ("By Jane Doe - 11/18/19 11:04 PM EST", "Posted: Fri 6:45 PM"). */
export const STAMP_LINE =
  /^(?:by\s+[\p{Lu}][\p{L}.'’-]+(?:\s+[\p{Lu}][\p{L}.'’-]+){0,3}\s*[-|,•·]\s*.{0,40}\d|(?:published|posted|updated|last updated)\b.{0,60}\d.{0,40})$/iu;
