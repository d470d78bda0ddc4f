import { describe, expect, it } from 'vitest';
import { escapeMarkdown } from '../../../../src/adapters/teams/cards/markdown.js';
import { shown } from './card-checks.js';

describe('escapeMarkdown', () => {
  it.each([
    ['**bold** and _italic_', '\\*\\*bold\\*\\* and \\_italic\\_'],
    ['[click](https://evil.test)', '\\[click\\](https://evil.test)'],
    ['<at>Ada</at>', '\\<at\\>Ada\\</at\\>'],
    ['- not a bullet', '\\- not a bullet'],
    ['1. not a list', '1\\. not a list'],
    ['# not a heading', '\\# not a heading'],
    ['a\\b', 'a\\\\b'],
  ])('escapes %j', (input, expected) => {
    expect(escapeMarkdown(input)).toBe(expected);
  });

  it('leaves ordinary sentences alone', () => {
    expect(escapeMarkdown("Approved by Ada for Sales, Eng — 10:42. It's fine!")).toBe(
      "Approved by Ada for Sales, Eng — 10:42. It's fine!",
    );
  });

  it('breaks lines where the text does', () => {
    expect(escapeMarkdown('one\ntwo\r\nthree')).toBe('one\n\ntwo\n\nthree');
  });

  it('reads back as the original text', () => {
    const text = 'we track $' + '{x} "bugs"\n- [a](b) `c` ~d~ {e} 2) f';
    expect(shown(escapeMarkdown(text))).toBe(text);
  });
});
