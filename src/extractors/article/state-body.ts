/**
 * The article's HTML carried in a page's inline state, for pages that render their text with scripts (Next.js and
 * React Query data, Nuxt, Apollo caches): the body is then a JSON string in a `<script>`, and the markup shows none.
 */

// why the keys: the names such states give the story's markup; a value must hold paragraphs to count (below)
const STATE_BODY =
  /"(?:contentHtml|content_html|bodyHtml|body_html|articleBody|articleHtml|htmlContent|html_content|content|body|html)"\s*:\s*"((?:[^"\\]|\\.){400,})"/gu;
const PARAGRAPH = /<(?:p|br)[\s/>]/giu;

/** The longest JSON string under a body-like key whose HTML holds at least three paragraphs or line breaks, or null. */
export function stateBodyHtml(source: string): string | null {
  let best: string | null = null;
  STATE_BODY.lastIndex = 0;
  for (let m = STATE_BODY.exec(source), tries = 0; m && tries < 50; m = STATE_BODY.exec(source), tries++) {
    const raw = m[1]!;
    if (best && raw.length <= best.length) continue;
    let html: string;
    try {
      html = JSON.parse(`"${raw}"`) as string;
    } catch {
      continue;
    }
    if ((html.match(PARAGRAPH)?.length ?? 0) >= 3) best = html;
  }
  return best;
}
