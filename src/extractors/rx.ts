/**
 * A regular expression written over several lines, for alternations longer than a line: the formatter cannot break a
 * regex literal. `` rx('iu')`
     \b(?:song|album|⏎    podcast|film)\b` `` is `/\b(?:song|album|podcast|film)\b/iu`: each line
 * break and the indentation after it are dropped, nothing else (a space inside a line is part of the pattern).
 */
export function rx(flags = ''): (strings: TemplateStringsArray, ...parts: (string | number)[]) => RegExp {
  return (strings, ...parts) => new RegExp(String.raw(strings, ...parts).replace(/\n[ \t]*/gu, ''), flags);
}
