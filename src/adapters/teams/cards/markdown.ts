/**
 * Teams renders TextBlock and Fact text as Markdown. Every string a card shows comes from the core as plain
 * text, often with people's own words in it (reasons, names), so it is escaped: `**x**` stays literal, a
 * `[link](…)` in a reason cannot turn into a disguised link, and `${…}` or `<at>` never reach the client as
 * syntax. Backslash escapes are CommonMark's, which the Teams Markdown subset follows.
 */

/** Characters with a meaning anywhere in a line (emphasis, links, code, HTML-like tags, templates). */
const INLINE = /[\\`*_~[\]<>{}$]/g;
/** Markers that only mean something at the start of a line: bullets, headings, ordered lists. */
const LINE_START = /^([ \t]*)([-+#]|\d+(?=[.)]))/gm;

/** Plain text as Markdown that renders exactly that text; a newline stays a visible line break. */
export function escapeMarkdown(text: string): string {
  return text
    .replace(INLINE, (char) => `\\${char}`)
    .replace(LINE_START, (_match, indent: string, marker: string) =>
      /\d/.test(marker) ? `${indent}${marker}\\` : `${indent}\\${marker}`,
    )
    .replace(/\r\n?|\n/g, '\n\n');
}
