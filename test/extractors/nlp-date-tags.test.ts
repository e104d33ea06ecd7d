import { describe, expect, it } from 'vitest';
import { parseText } from '../../src/extractors/nlp.js';

/** The tags of the first token whose text is `word` (after `from` characters). */
function tagsOf(text: string, word: string, from = 0): ReadonlySet<string> {
  const t = parseText(text).tokens.find((k) => k.start >= from && k.text.replace(/[.,]$/u, '') === word);
  if (!t) throw new Error(`no token ${word} in ${text}`);
  return t.tags;
}

describe('date tags of the shared parse', () => {
  it.each([
    ['The plant opens in May.', 'May'],
    ['Talks resume by March after the holidays.', 'March'],
    ['Shares fell on 5 May after the report.', 'May'],
    ['The vote is set for March 12, officials said.', 'March'],
    ['Hiring slowed in early May.', 'May'],
    ['Prices rose in may and june.', 'may'],
  ])('%s: %s is a month', (text, word) => {
    const tags = tagsOf(text, word);
    expect(tags.has('Month')).toBe(true);
    expect(tags.has('Date')).toBe(true);
    expect(tags.has('Modal')).toBe(false);
    expect(tags.has('Verb')).toBe(false);
  });

  it.each([
    ['Investors may sell if rates rise.', 'may'],
    ['Workers will march to the capitol on Friday.', 'march'],
    ['Prime Minister Theresa May said the vote would go ahead.', 'May'],
  ])('%s: %s is not a month', (text, word) => {
    expect(tagsOf(text, word).has('Month')).toBe(false);
  });

  it.each([
    ['Shares fell on 5 May after the report.', '5'],
    ['The vote is set for March 12, officials said.', '12'],
    ['It closed in May 2019 for repairs.', '2019'],
    ['Work ends on the 5th of March.', '5th'],
  ])('%s: %s is part of the date', (text, word) => {
    expect(tagsOf(text, word).has('Date')).toBe(true);
  });

  it('9 am is a time, and "am" is no verb there', () => {
    const text = 'The market opens at 9 am on Monday, and I am told it will be busy.';
    expect(tagsOf(text, 'am').has('Time')).toBe(true);
    expect(tagsOf(text, 'am').has('Verb')).toBe(false);
    expect(tagsOf(text, '9').has('Time')).toBe(true);
    const second = tagsOf(text, 'am', text.indexOf('I am'));
    expect(second.has('Time')).toBe(false);
  });
});
