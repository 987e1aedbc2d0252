/**
 * Northstar's browser snippet: `<script defer data-site="SITE" src="https://northstar.example/t.js">`.
 *
 * Sends pageviews (SPA navigation through the history API included), scroll depth per page, form
 * views and submissions, outbound link clicks, goals, A/B exposures and identify calls to
 * `/api/v1/collect`. It sets no cookie and stores nothing in the browser: the server derives the
 * visitor from a daily-rotated salt, the IP address and the user agent. It honours Do Not Track and
 * Global Privacy Control, and with `data-consent="required"` sends nothing until
 * `northstar.consent(true)`.
 *
 * What leaves the page, and nothing else: the page URL and title, the referrer, event names and
 * values the site passes in, form ids/names, outbound link URLs, the deepest scroll percent, and for
 * identify a contact id or the SHA-256 of an email address (the address itself never; a form's
 * other fields never).
 */

type Fields = Record<string, string | number | undefined>;

((w: Window & { northstar?: unknown }, d: Document, nav: Navigator & { globalPrivacyControl?: boolean }) => {
  const script = d.currentScript as HTMLScriptElement | null;
  const site = script?.dataset.site;
  if (!script || !site) return;
  const endpoint = script.dataset.api || new URL('/api/v1/collect', script.src).href;
  const blocked = nav.doNotTrack === '1' || (w as { doNotTrack?: string }).doNotTrack === '1' || nav.globalPrivacyControl === true;
  const loc = location;
  let consented = script.dataset.consent !== 'required';
  let pageUrl = '';
  let pageRef = d.referrer;
  let deepest = 0;
  let reported = 0;
  let formWatch: IntersectionObserver | undefined;

  const randomId = () => Date.now().toString(36) + Array.from(crypto.getRandomValues(new Uint32Array(2)), (n) => n.toString(36)).join('');

  /** One event; `unloading` prefers sendBeacon, which survives the page going away. */
  const send = (fields: Fields, unloading?: boolean) => {
    if (blocked || !consented || !pageUrl) return;
    const body = JSON.stringify({ site, events: [{ id: randomId(), url: pageUrl, referrer: pageRef || undefined, ...fields }] });
    if (unloading && nav.sendBeacon?.(endpoint, body)) return;
    const post = (retry: boolean): unknown =>
      fetch(endpoint, { method: 'POST', body, keepalive: true })
        .then((response) => {
          if (response.status > 499 || response.status === 429) throw 0;
        })
        .catch(() => retry && setTimeout(() => post(false), 2000));
    post(true);
  };

  const measureScroll = () => {
    const height = d.documentElement.scrollHeight;
    const seen = height > 0 ? Math.min(100, Math.round(((w.scrollY + w.innerHeight) / height) * 100)) : 100;
    if (seen > deepest) deepest = seen;
  };

  const reportScroll = () => {
    if (deepest <= reported) return;
    reported = deepest;
    send({ type: 'scroll', scroll: deepest }, true);
  };

  const formName = (form: Element) => form.id || form.getAttribute('name') || form.getAttribute('action') || 'form';

  const sha256 = async (text: string) =>
    Array.from(new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text))), (b) =>
      b.toString(16).padStart(2, '0'),
    ).join('');

  const api = {
    goal: (name: string, options?: { value?: number; currency?: string }) =>
      send({ type: 'goal', name, value: options?.value, currency: options?.currency }),
    event: (name: string) => send({ type: 'custom', name }),
    experiment: (experiment: string, variant: string) => send({ type: 'custom', name: 'experiment_exposure', experiment, variant }),
    /** A CRM contact id, or an email address, which is hashed here and never sent as it is. */
    identify: (contact: string) => {
      const value = String(contact).trim();
      if (!value.includes('@')) return send({ type: 'identify', contact: value }, true);
      // crypto.subtle exists only on HTTPS pages (and localhost); elsewhere an email is not sent at all.
      if (crypto.subtle) sha256(value.toLowerCase()).then((hex) => send({ type: 'identify', contact: `sha256:${hex}` }, true));
    },
    consent: (on: boolean) => {
      consented = on;
      pageUrl = '';
      if (on) pageview();
    },
  };

  const pageview = () => {
    const url = loc.href;
    if (!consented || url.split('#')[0] === pageUrl.split('#')[0]) return;
    reportScroll();
    if (pageUrl) pageRef = pageUrl;
    pageUrl = url;
    deepest = reported = 0;
    measureScroll();
    send({ type: 'pageview', title: d.title });
    // Forms and experiments of the new page: after a tick, so a SPA has rendered them.
    setTimeout(() => {
      formWatch?.disconnect();
      formWatch = new IntersectionObserver((entries, observer) => {
        for (const entry of entries) {
          if (!entry.isIntersecting) continue;
          observer.unobserve(entry.target);
          send({ type: 'form_view', name: formName(entry.target) });
        }
      });
      for (const form of d.querySelectorAll('form')) formWatch.observe(form);
      for (const el of d.querySelectorAll<HTMLElement>('[data-experiment]'))
        api.experiment(el.dataset.experiment ?? '', el.dataset.variant ?? '');
    }, 100);
  };

  const hook = (method: 'pushState' | 'replaceState') => {
    const original = history[method];
    history[method] = function (this: History, ...args: Parameters<History['pushState']>) {
      original.apply(this, args);
      pageview();
    };
  };
  hook('pushState');
  hook('replaceState');
  addEventListener('popstate', pageview);
  addEventListener('scroll', measureScroll, { passive: true });
  addEventListener('pagehide', reportScroll);
  d.addEventListener('visibilitychange', () => d.visibilityState === 'hidden' && reportScroll());

  d.addEventListener(
    'submit',
    (event) => {
      const form = event.target as HTMLFormElement;
      send({ type: 'form_submit', name: formName(form) }, true);
      const email = form.querySelector<HTMLInputElement>('input[name=email i],input[type=email]')?.value;
      if (email?.includes('@')) api.identify(email);
    },
    true,
  );

  const outbound = (event: Event) => {
    const link = (event.target as Element).closest?.('a[href]') as HTMLAnchorElement | null;
    if (link && /^https?:$/.test(link.protocol) && link.host !== loc.host) send({ type: 'outbound', name: link.href }, true);
  };
  d.addEventListener('click', outbound, true);
  d.addEventListener('auxclick', outbound, true);

  // Calls made before the script loaded, through the stub `northstar('goal', 'signup')`.
  const queued = (w.northstar as { q?: ArrayLike<unknown>[] } | undefined)?.q ?? [];
  const call = (method: string, ...args: unknown[]) =>
    (api[method as keyof typeof api] as ((...a: unknown[]) => unknown) | undefined)?.(...args);
  w.northstar = Object.assign(call, api);
  pageview();
  for (const [method, ...args] of Array.from(queued, (entry) => Array.from(entry))) call(String(method), ...args);
})(window, document, navigator);
