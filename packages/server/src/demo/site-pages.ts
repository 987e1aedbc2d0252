import { type Rng, Weighted } from './prng.ts';

/** The company website: pages, their forms, where visits land and how visitors move on. */
export interface Page {
  path: string;
  title: string;
  /** Form on the page (its id is the form_view / form_submit name). */
  form?: string;
  /** Chance that a session converts when this page is where the visitor decides. */
  conversion: number;
  /** Bounce-rate multiplier when the session lands here. */
  bounce: number;
}

const BLOG_POSTS: ReadonlyArray<readonly [slug: string, title: string]> = [
  ['how-to-calculate-cac', 'How to calculate customer acquisition cost (CAC)'],
  ['jak-liczyc-roi-z-marketingu', 'Jak liczyć ROI z marketingu'],
  ['b2b-sales-funnel-stages', 'The B2B sales funnel: stages and conversion rates'],
  ['skvoznaya-analitika-dlya-b2b', 'Сквозная аналитика для B2B: с чего начать'],
  ['lead-scoring-guide', 'Lead scoring: a practical guide'],
  ['crm-dla-malej-firmy', 'CRM dla małej firmy: ranking 2025'],
  ['mql-vs-sql', 'MQL vs SQL: where marketing hands over to sales'],
  ['whatsapp-crm-for-sales-teams', 'WhatsApp CRM for sales teams in the Gulf'],
  ['kpi-otdela-prodazh', 'KPI отдела продаж: 10 метрик'],
  ['ltv-cac-ratio', 'LTV:CAC — what a healthy ratio looks like'],
  ['cold-email-templates', 'Cold email templates that get replies'],
  ['lejek-sprzedazowy', 'Lejek sprzedażowy krok po kroku'],
  ['nps-survey-questions', 'NPS survey questions and how to act on answers'],
  ['crm-dlya-malogo-biznesa', 'CRM для малого бизнеса: как выбрать'],
  ['marketing-budget-template', 'Marketing budget template for 2025'],
  ['arabic-landing-pages', 'Arabic landing pages that convert'],
  ['pipeline-review-meeting', 'How to run a weekly pipeline review'],
  ['automatyzacja-sprzedazy', 'Automatyzacja sprzedaży w praktyce'],
  ['webinar-marketing-playbook', 'The webinar marketing playbook'],
  ['churn-reduction-saas', 'Seven ways to reduce churn in B2B SaaS'],
  ['email-deliverability', 'Email deliverability for sales teams'],
  ['sales-forecasting', 'Sales forecasting without spreadsheets'],
  ['utm-parameters-guide', 'UTM parameters: a complete guide'],
  ['telephony-integration', 'Connecting telephony to your CRM'],
];

const FEATURES = [
  ['pipeline', 'Visual sales pipeline'],
  ['email-sequences', 'Email sequences'],
  ['analytics', 'Sales analytics and reports'],
  ['telephony', 'Built-in telephony'],
  ['whatsapp', 'WhatsApp and Telegram inboxes'],
] as const;

const page = (path: string, title: string, conversion: number, bounce: number, form?: string): Page =>
  form === undefined ? { path, title, conversion, bounce } : { path, title, conversion, bounce, form };

export const PAGES: ReadonlyMap<string, Page> = new Map(
  [
    page('/', 'Vistula Cloud — CRM and sales automation for growing B2B teams', 0.0072, 0.9),
    page('/pricing', 'Pricing — Vistula Cloud', 0.021, 0.85),
    page('/demo', 'Book a demo — Vistula Cloud', 0.084, 0.8, 'demo-request'),
    page('/contact', 'Contact sales — Vistula Cloud', 0.048, 0.9, 'contact-us'),
    page('/signup', 'Start your free trial — Vistula Cloud', 0.108, 0.7, 'trial-signup'),
    page('/checkout', 'Checkout — Vistula Cloud', 0, 0.5),
    page('/webinars', 'Webinars — Vistula Cloud', 0.042, 1.0, 'webinar-registration'),
    page('/lp/trial', 'Try Vistula Cloud free for 14 days', 0.036, 1.05, 'trial-signup'),
    page('/lp/spring-offer', 'Spring offer: 3 months of Pro at 50 % off', 0.03, 1.05, 'spring-offer'),
    page('/about', 'About us — Vistula Cloud', 0.0018, 1.0),
    page('/customers', 'Customer stories — Vistula Cloud', 0.006, 0.9),
    page('/integrations', 'Integrations — Vistula Cloud', 0.0048, 0.95),
    page('/careers', 'Careers at Vistula Cloud', 0.0006, 1.1),
    ...FEATURES.map(([slug, title]) => page(`/features/${slug}`, `${title} — Vistula Cloud`, 0.009, 0.95)),
    ...BLOG_POSTS.map(([slug, title]) => page(`/blog/${slug}`, title, 0.0036, 1.2, 'newsletter')),
  ].map((p) => [p.path, p] as const),
);

export function pageOf(path: string): Page {
  const found = PAGES.get(path);
  if (!found) throw new Error(`demo: unknown page ${path}`);
  return found;
}

/** Blog posts by popularity (a few posts bring most of the search traffic). */
const BLOG = new Weighted(BLOG_POSTS.map(([slug], i) => [`/blog/${slug}`, 1 / (i + 1.5)] as const));
const FEATURE = new Weighted(FEATURES.map(([slug], i) => [`/features/${slug}`, 5 - i] as const));

/** A path template: 'blog' and 'feature' expand to a post or feature page. */
export type PathChoice = string;

export function expandPath(rng: Rng, choice: PathChoice): string {
  if (choice === 'blog') return BLOG.pick(rng);
  if (choice === 'feature') return FEATURE.pick(rng);
  return choice;
}

/** Landing pages of unpaid traffic by how the visitor came. */
export const LANDINGS = {
  search: Weighted.fromRecord({
    blog: 52,
    '/': 16,
    feature: 12,
    '/pricing': 7,
    '/integrations': 4,
    '/customers': 3,
    '/webinars': 2,
    '/demo': 2,
    '/contact': 1,
    '/about': 1,
  }),
  direct: Weighted.fromRecord({
    '/': 55,
    '/pricing': 12,
    blog: 8,
    feature: 6,
    '/contact': 5,
    '/demo': 4,
    '/careers': 3,
    '/signup': 3,
    '/about': 4,
  }),
  social: Weighted.fromRecord({ blog: 50, '/webinars': 15, '/': 15, feature: 10, '/careers': 5, '/lp/trial': 5 }),
  referral: Weighted.fromRecord({ '/': 35, feature: 20, blog: 15, '/pricing': 12, '/integrations': 10, '/customers': 8 }),
  email: Weighted.fromRecord({ blog: 40, '/webinars': 20, '/pricing': 15, feature: 12, '/': 8, '/demo': 5 }),
} as const;

/** Where a visitor goes next from any page. */
const NEXT = Weighted.fromRecord({
  '/pricing': 20,
  feature: 20,
  blog: 14,
  '/': 9,
  '/demo': 8,
  '/customers': 6,
  '/integrations': 6,
  '/contact': 5,
  '/webinars': 4,
  '/signup': 4,
  '/about': 3,
  '/careers': 1,
});

export function nextPage(rng: Rng, current: string): string {
  for (let i = 0; i < 4; i++) {
    const path = expandPath(rng, NEXT.pick(rng));
    if (path !== current) return path;
  }
  return '/pricing';
}

/** The form a visitor who decides to convert uses, when the page they are on has none. */
export const CONVERSION_FORM_PAGE = Weighted.fromRecord({ '/demo': 40, '/signup': 35, '/contact': 25 });

/** Sites visitors leave to (outbound clicks), by the page they were on. */
export const OUTBOUND_TARGETS = new Weighted([
  ['https://github.com/vistulacloud/api-examples', 3],
  ['https://www.g2.com/products/vistula-cloud/reviews', 2],
  ['https://apps.apple.com/app/vistula-cloud/id1234567890', 2],
  ['https://play.google.com/store/apps/details?id=example.vistulacloud', 2],
  ['https://www.youtube.com/@vistulacloud', 1],
  ['https://t.me/vistulacloud', 1],
] as const);

/** Goal fired with a form submission (forms without one count through form_submit alone); a goal named like its form shows as one goal in a breakdown by goal. */
export const FORM_GOALS: Record<string, string> = {
  'demo-request': 'demo-request',
  'trial-signup': 'signup',
  'spring-offer': 'signup',
};
