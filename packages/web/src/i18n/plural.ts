/** Messages and their interpolation: `{name}` placeholders, plural forms chosen by Intl.PluralRules on `count`. */

export type PluralForms = Partial<Record<Intl.LDMLPluralRule, string>> & { other: string };
export type Message = string | PluralForms;
export type Vars = Record<string, string | number>;

const rulesCache = new Map<string, Intl.PluralRules>();

function pluralRules(locale: string): Intl.PluralRules {
  let rules = rulesCache.get(locale);
  if (!rules) {
    rules = new Intl.PluralRules(locale);
    rulesCache.set(locale, rules);
  }
  return rules;
}

export function renderMessage(message: Message, locale: string, vars: Vars = {}, formatNumber?: (n: number) => string): string {
  let text: string;
  if (typeof message === 'string') text = message;
  else {
    const count = Number(vars.count ?? 0);
    const form = pluralRules(locale).select(count);
    text = message[form] ?? message.other;
  }
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const value = vars[name];
    if (value === undefined) return whole;
    return typeof value === 'number' && formatNumber ? formatNumber(value) : String(value);
  });
}
