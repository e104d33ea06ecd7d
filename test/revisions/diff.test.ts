import { describe, expect, it } from 'vitest';
import { applyDiff, changeOf, diffTexts, units } from '../../src/revisions/diff.js';
import { revisionViews } from '../../src/revisions/versions.js';

const V1 = 'Corals survive heat. They pass it on, a study finds.\n\nThe team sampled 40 colonies.';
const V2 =
  'Corals survive heat. They pass resilience on, a study finds.\n\nThe team sampled 40 colonies.\n\n' +
  'A second team will repeat it in 2021.\n\nCorrection: an earlier version gave the wrong reef.';

describe('units', () => {
  it.each([
    ['', []],
    ['One.', ['One.']],
    ['One. Two? Three!', ['One.', ' ', 'Two?', ' ', 'Three!']],
    ['“Go,” she said. Then he left.', ['“Go,” she said.', ' ', 'Then he left.']],
    ['Para one\n\nPara two.', ['Para one', '\n\n', 'Para two.']],
    ['Dr. Lucas Brennan met J. Smith on Sept. 14. Then he left.', ['Dr. Lucas Brennan met J. Smith on Sept. 14.', ' ', 'Then he left.']],
    [' lead and trail ', [' lead and trail ']],
  ])('%j', (text, want) => {
    expect(units(text)).toEqual(want);
    expect(units(text).join('')).toBe(text);
  });
});

describe('diffTexts / applyDiff', () => {
  it.each([
    ['same', V1, V1],
    ['edit, added paragraph, correction', V1, V2],
    ['the other way', V2, V1],
    ['from nothing', '', V1],
    ['to nothing', V1, ''],
    ['all new', 'A. B. C.', 'X. Y.'],
  ])('%s: the older text comes back from the newer one', (_name, older, newer) => {
    const ops = diffTexts(older, newer);
    expect(applyDiff(newer, ops)).toBe(older);
  });

  it('stores only what differs', () => {
    expect(diffTexts(V1, V1)).toEqual([units(V1).length]);
    const ops = diffTexts(V1, V2);
    expect(ops.filter((o) => typeof o === 'string')).toEqual(['They pass it on, a study finds.']);
    expect(JSON.stringify(ops).length).toBeLessThan(60);
  });

  it('refuses ops that do not fit the text', () => {
    expect(() => applyDiff('One. Two.', [5])).toThrow(RangeError);
    expect(() => applyDiff('One. Two.', [1])).toThrow(RangeError);
  });
});

describe('changeOf', () => {
  it('names the sentences added and removed on the way to the newer text', () => {
    expect(changeOf(V2, diffTexts(V1, V2))).toEqual({
      added: ['They pass resilience on, a study finds.', 'A second team will repeat it in 2021.', 'Correction: an earlier version gave the wrong reef.'],
      removed: ['They pass it on, a study finds.'],
    });
    expect(changeOf(V1, diffTexts(V1, V1))).toEqual({ added: [], removed: [] });
  });
});

describe('revisionViews', () => {
  it('numbers the versions oldest first, each with its change to the next and the headline at a glance', () => {
    const V3 = `${V2}\n\nUpdated with comment from the ministry.`;
    const revisions = [
      { fetchedAt: 't1', modifiedAt: null, title: 'Old headline', diff: diffTexts(V1, V2) },
      { fetchedAt: 't2', modifiedAt: 'm2', title: 'New headline', diff: diffTexts(V2, V3) },
    ];
    const views = revisionViews({ text: V3, title: 'New headline', fetchedAt: 't3', modifiedAt: 'm3' }, revisions, true);
    expect(views.map((v) => [v.version, v.next, v.headline, v.text])).toEqual([
      [1, 2, { from: 'Old headline', to: 'New headline' }, V1],
      [2, 3, null, V2],
    ]);
    expect(views[1]!.added).toEqual(['Updated with comment from the ministry.']);
    expect(views[1]!.removed).toEqual([]);
  });
});
