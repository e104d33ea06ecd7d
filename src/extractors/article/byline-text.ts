/**
 * Bylines read from the page's text: byline elements (each name of a list of name elements read apart, quotation
 * credits left out) and labelled bylines ("Author: Jane Roe", "von Jane Roe", "Autorin/Autor Jane Roe").
 */
import type { AnyNode, Element } from 'domhandler';
import { isElement, selectAll, squash, tagOf, textOf, walk } from './dom.js';

/** True inside a quotation or its credit: the person there is quoted, not the author. */
function inQuote(el: Element): boolean {
  for (let n: AnyNode | null = el; n && isElement(n); n = n.parent) {
    const tag = tagOf(n);
    if (tag === 'blockquote' || tag === 'q') return true;
    if (/quote|zitat|citation/iu.test(`${n.attribs.class ?? ''}`)) return true;
  }
  return false;
}

/** Text of a subtree, or null as soon as it runs past `max` characters (bounded work on huge containers). */
function shortText(root: AnyNode, max: number): string | null {
  let out = '';
  let over = false;
  walk(root, (n) => {
    if (over) return false;
    if (n.type === 'text') {
      out += n.data;
      if (out.length > max * 4) over = true;
      return false;
    }
    return !(n !== root && (n.type === 'comment' || n.type === 'script' || n.type === 'style'));
  });
  if (over) return null;
  const t = squash(out);
  return t.length > max ? null : t;
}

/** Two to five words, each capitalized or a name particle ("Anna de la Cruz", "Dr. Max Roe"). */
const NAMEISH = /^[\p{Lu}][\p{L}.'’-]*(?:\s+(?:[\p{Lu}][\p{L}.'’-]*|de|da|del|der|den|di|du|la|le|van|von|bin|al)){1,4}$/u;

/**
 * The text of a byline element; when it only wraps a list of name elements (<span>Ann Lee</span><span>Bo Chan</span>)
 * the names joined by commas, so that they are not read as one long name.
 */
export function bylineText(el: Element): string {
  let box: Element = el;
  // descend through single-child wrappers
  for (let i = 0; i < 4; i++) {
    const kids = box.children.filter(isElement);
    const loose = box.children.some((c) => c.type === 'text' && c.data.trim());
    if (kids.length !== 1 || loose) break;
    box = kids[0]!;
  }
  const kids = box.children.filter(isElement);
  const loose = box.children.some((c) => c.type === 'text' && c.data.trim());
  if (kids.length >= 2 && !loose) {
    const texts = kids.map((k) => squash(textOf(k))).filter(Boolean);
    // why: only when every child reads as a full name (a given/family name pair in two spans is one name)
    if (texts.length >= 2 && texts.every((t) => NAMEISH.test(t))) return texts.join(', ');
  }
  return squash(textOf(el));
}

/** True when `el` lies inside `box`. */
function within(el: AnyNode, box: AnyNode): boolean {
  for (let n: AnyNode | null = el; n; n = n.parent) if (n === box) return true;
  return false;
}

/**
 * Texts of the first `max` elements of the page `test` accepts that are not inside a quotation, all from around the
 * first one (within its grandparent): bylines elsewhere on the page belong to other stories (related lists, teasers).
 */
export function bylineTexts(root: AnyNode, test: (el: Element) => boolean, max: number): string[] {
  const out: string[] = [];
  let box: AnyNode | null = null;
  for (const el of selectAll(root, test, 200)) {
    if (out.length >= max) break;
    if (!isElement(el) || inQuote(el)) continue;
    if (box && !within(el, box)) continue;
    const t = bylineText(el).slice(0, 200);
    if (!t) continue;
    out.push(t);
    box ??= el.parent?.parent ?? el.parent ?? el;
  }
  return out;
}

/** Labels that introduce the author's name; "Text" and "Author" only with a colon (a "Text Without Notes" link). */
const LABEL_WORDS =
  String.raw`(?:by|von|par|por|door|av|af|written by|reported by|autor(?:in)?\s*\/\s*autor(?:in)?|(?:text|texto|tekst|authors?|` +
  String.raw`autor(?:in)?|auteur)\s*:)`;
const LABEL = new RegExp(String.raw`^${LABEL_WORDS}\s*:?$`, 'iu');
const LABELLED = new RegExp(String.raw`^${LABEL_WORDS}\s*:?\s+(.+)$`, 'iu');

/**
 * The line of the form "<label> <name>", found from its label's text node: the smallest element around the label
 * that holds more than the label, when it is short (quotations skipped). None when the first `max` such lines differ.
 */
export function labelledBylines(root: AnyNode, max = 3): string[] {
  const out: string[] = [];
  let tries = 0;
  walk(root, (n) => {
    // why: bounded work on pathological pages (thousands of "By" lines)
    if (out.length >= max || tries > 50) return false;
    if (isElement(n)) {
      const tag = tagOf(n);
      return !(tag === 'script' || tag === 'style' || tag === 'head' || tag === 'blockquote' || tag === 'nav' || tag === 'footer');
    }
    if (n.type !== 'text') return n.type === 'root';
    const t = n.data.trim();
    if (!t || t.length > 80) return false;
    if (!LABEL.test(t) && !LABELLED.test(t)) return false;
    tries++;
    // climb to the element whose text holds the name too
    let el = n.parent;
    for (let i = 0; i < 3 && el && isElement(el) && el.children.length <= 200; i++) {
      const text = shortText(el, 120);
      if (text === null) break;
      const m = LABELLED.exec(text);
      if (m && NAMEISH.test(m[1]!.split(/\s*[,|•·]\s*/u)[0]!.trim())) {
        if (!inQuote(el)) out.push(text);
        break;
      }
      el = el.parent;
    }
    return false;
  });
  // why: different labelled bylines on one page belong to different stories (a front page's cards)
  return new Set(out).size === 1 ? out.slice(0, 1) : [];
}

/**
 * A paragraph that is only a bold full name ("<p><strong>Jane Roe</strong></p>") at the head or the foot of the
 * story's paragraphs: the byline of outlets that set it in the text (a bold line amid the story is a subheading).
 */
export function boldNameParagraph(root: AnyNode): string[] {
  const isLong = (n: AnyNode | undefined) => !!n && tagOf(n) === 'p' && squash(textOf(n)).length >= 120;
  let tries = 0;
  for (const el of selectAll(root, (e) => e.name === 'p')) {
    if (!isElement(el)) continue;
    const kids = el.children.filter(isElement);
    if (kids.length !== 1 || !/^(?:strong|b)$/u.test(tagOf(kids[0]!))) continue;
    if (el.children.some((c) => c.type === 'text' && c.data.replace(/\u00a0/gu, ' ').trim())) continue;
    const t = squash(textOf(el));
    if (!NAMEISH.test(t) || t.split(' ').length > 4 || inQuote(el)) continue;
    // why: bounded work: each candidate reads its siblings
    if (++tries > 20 || (el.parent?.children.length ?? 0) > 2000) break;
    const sibs = (el.parent?.children ?? []).filter((c) => isElement(c) && tagOf(c) === 'p' && squash(textOf(c)));
    const i = sibs.indexOf(el);
    const head = isLong(sibs[i + 1]) && !sibs.slice(0, i).some(isLong);
    const foot = i === sibs.length - 1 && isLong(sibs[i - 1]);
    if (head || foot) return [t];
  }
  return [];
}
