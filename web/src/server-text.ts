// The API answers checks in English only. The messages a register form or a CSV import meets
// most are recognised here and said in the user's language; anything else is shown as sent.
import { translate, type MessageKey } from './i18n';
import type { Lang } from './format';

type Rule = [RegExp, MessageKey, string[]];

/** What a value should be ("write a whole number from 0 to 2147483647, digits only"). */
const ACCEPTS: Rule[] = [
  [/^write a whole number from (-?\d+) to (\d+), digits only$/, 'srv.wholeNumber', ['min', 'max']],
  [/^write a number from (-?\d+) to (\d+) in plain decimal notation.*$/, 'srv.decimal', ['min', 'max']],
];

const RULES: Rule[] = [
  [/^'(.*)' is negative$/, 'srv.negative', ['value']],
  [/^'(.*)' is not a whole number \(an exponent is not allowed\)$/, 'srv.exponent', ['value']],
  [/^'(.*)' is not a whole number \(a decimal mark or a thousands separator is not allowed\)$/, 'srv.decimalMark', ['value']],
  [/^'(.*)' is not a whole number$/, 'srv.notWhole', ['value']],
  [/^'(.*)' is not a number$/, 'srv.notNumber', ['value']],
  [/^is required$/, 'srv.required', []],
  [/^(\S+) is not a date$/, 'srv.notDate', ['value']],
  [/^'(.*)' is not one of (.+)$/, 'srv.notOneOf', ['value', 'options']],
  [/^this unit is outside the data-entry scope of user (\S+)$/, 'srv.outsideScope', ['user']],
  [/^duplicate of line (\d+)$/, 'srv.duplicate', ['line']],
  [/^(\d+) fields, but the header has (\d+)$/, 'srv.fieldCount', ['n', 'header']],
  [/^column (\d+) '(.*)' is not a field of register (\S+)$/, 'srv.unknownColumn', ['column', 'title', 'register']],
  [/^'(.*)' names (\d+) units on (\S+); use the unit code$/, 'srv.ambiguousUnit', ['name', 'n', 'date']],
];

function apply(rules: Rule[], l: Lang, text: string): string | null {
  for (const [re, key, names] of rules) {
    const m = re.exec(text);
    if (m) return translate(l, key, Object.fromEntries(names.map((n, i) => [n, m[i + 1]])));
  }
  return null;
}

/** A server message in the given language (English messages are left as they are). */
export function serverText(l: Lang, message: string): string {
  if (l === 'en') return message;
  const [head, ...rest] = message.split('; ');
  const first = apply(RULES, l, head);
  if (first === null) return message;
  const tail = rest.join('; ');
  if (!tail) return first;
  return `${first}; ${apply(ACCEPTS, l, tail) ?? tail}`;
}
