/**
 * The site of a URL: its registrable domain by the public-suffix list (tldts), so news.bbc.co.uk, example.com.au
 * and two blogs on blogspot.com each come out right. Imports nothing from src/.
 */
import { parse } from 'tldts';

/**
 * The registrable domain of a URL's host ("www.bbc.co.uk" → "bbc.co.uk"; private suffixes count, so
 * "a.blogspot.com" is its own site); the host itself for IP addresses, `localhost` and other hosts without a
 * public suffix; null when `url` does not parse.
 */
export function siteOf(url: string): string | null {
  let host: string;
  try {
    host = new URL(url).hostname.toLowerCase().replace(/\.$/u, '');
  } catch {
    return null;
  }
  if (host === '') return null;
  return parse(host, { allowPrivateDomains: true }).domain ?? host;
}
