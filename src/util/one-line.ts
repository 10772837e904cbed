const LINE_BREAK = /\r\n|[\r\n\t\v\f\u0085\u2028\u2029]/g;
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/g;

/**
 * Input text as one line a reader can see: a line break in a quoted cell would
 * break a table row, and control characters (an escape sequence in a source's
 * name) would reach a terminal, so line breaks and tabs become spaces and other
 * control characters U+FFFD, which shows where one was.
 */
export function oneLine(text: string): string {
  return text.replace(LINE_BREAK, " ").replace(CONTROL, "\ufffd");
}
