/**
 * Site-independent boilerplate cues: class/id/role words, tag weights and debris lines.
 */
import type { Element } from 'domhandler';
import { classAndId } from './dom.js';

/** class/id words of page furniture (menus, comments, share bars, related lists, newsletter boxes…). */
export const UNLIKELY =
  /-ad-|\bads?\b|ad-slot|adslot|advert|ai2html|banner|breadcrumb|combx|comment|communit|cover-wrap|disqus|extra|footer|gdpr|legends|menu|related|remark|replies|rss|shoutbox|sidebar|skyscraper|social|sponsor|supplemental|ad-break|agegate|pagination|pager|popup|yom-remote|share|sharing|newsletter|subscri|signup|sign-up|promo|recommend|trending|most-?popular|mostread|most-read|outbrain|taboola|reaction|cookie|consent|modal|toolbar|jump-?link|read-?more|readmore|more-stories|navbar|\bnav\b|masthead|teaser|carousel|tooltip|overlay|donate|print-?only|skip-?link|byline|author-?(bio|info|box)|\btags?\b|tag-?list|topics|keywords|widget|follow|rating|pullquote|inline-?(ad|promo)|hidden/u;

/** class/id words that mark content, protecting an element from UNLIKELY. */
export const MAYBE = /\band\b|article|body|column|content|main|shadow|story|entry|post-?text|text/u;

/** Roles of page furniture. */
export const UNLIKELY_ROLES = new Set(['menu', 'menubar', 'complementary', 'navigation', 'alert', 'alertdialog', 'dialog', 'banner', 'contentinfo', 'search']);

const NEGATIVE =
  /-ad-|hidden|^hid$| hid$| hid |^hid |banner|combx|comment|com-|contact|footer|gdpr|masthead|media|meta|outbrain|promo|related|scroll|share|shoutbox|sidebar|skyscraper|sponsor|shopping|tags|widget|newsletter|social|recirc|byline|caption/u;
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

/** True when class, id or role mark the element as furniture (and nothing marks it as content). */
export function looksUnlikely(el: Element): boolean {
  const role = el.attribs.role?.toLowerCase();
  if (role && UNLIKELY_ROLES.has(role)) return true;
  const s = classAndId(el);
  if (s.length < 2) return false;
  if (el.attribs.itemprop?.toLowerCase() === 'articlebody') return false;
  return UNLIKELY.test(s) && !MAYBE.test(s);
}

/** Whole lines that are page furniture in any article: share/reaction prompts, ad labels, "read more" links. */
export const DEBRIS_LINE =
  /^(?:advertisements?|advertisement\W+(?:scroll|story|continues)[\w\s]*|ad|sponsored|share(?: this)?(?: article| story| post| on \w+)?|share via \w+|leave a (?:comment|reply)|\d* ?comments?|choose your reaction!?|what do you think\??|read (?:more|next|also)|related(?: articles| stories| posts| coverage| content| links)?|more from [\w\s]+|recommended(?: for you)?|you (?:may|might) also like|sign up(?: for [\w\s']+)?|subscribe(?: now| today)?|follow us(?: on [\w\s]+)?|click here[\w\s]*|continue reading(?: below| the main story)?|(?:story|article) continues below(?: advertisement)?|skip (?:to|ad)[\w\s]*|loading\W*|please enable javascript[\w\s.,]*|(?:image|photo|video|picture)(?: credit)?:?|copyright ©?[^.]{0,80}|©[^.]{0,80}|print|email|facebook|twitter|whatsapp|linkedin|pinterest|reddit|tweet|back to top|top of page|next article|previous article)\W*$/iu;
