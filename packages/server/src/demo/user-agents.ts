import { type Rng, Weighted } from './prng.ts';

/** Real user-agent strings, so device, browser and OS come out of the same parser as live traffic. */
export type Device = 'desktop' | 'mobile' | 'tablet';
export type Region = 'pl' | 'cis' | 'gulf' | 'west';

const chrome = (v: number) => `Chrome/${v}.0.0.0 Safari/537.36`;
const WIN = 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko)';
const MAC = 'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko)';
const LINUX = 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko)';
const android = (model: string, version: number, chromeVersion: string) =>
  `Mozilla/5.0 (Linux; Android ${version}; ${model}) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/${chromeVersion} Mobile Safari/537.36`;
const iphone = (os: string, safari: string) =>
  `Mozilla/5.0 (iPhone; CPU iPhone OS ${os} like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/${safari} Mobile/15E148 Safari/604.1`;

type Entry = readonly [ua: string, weight: number];

const DESKTOP: Entry[] = [
  [`${WIN} ${chrome(126)}`, 20],
  [`${WIN} ${chrome(124)}`, 9],
  [`${WIN} ${chrome(130)}`, 8],
  [`${MAC} ${chrome(126)}`, 9],
  [`${MAC} ${chrome(129)}`, 4],
  [`${LINUX} ${chrome(125)}`, 3],
  ['Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:127.0) Gecko/20100101 Firefox/127.0', 5],
  ['Mozilla/5.0 (Macintosh; Intel Mac OS X 10.15; rv:128.0) Gecko/20100101 Firefox/128.0', 1.5],
  ['Mozilla/5.0 (X11; Ubuntu; Linux x86_64; rv:126.0) Gecko/20100101 Firefox/126.0', 1.5],
  ['Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Safari/605.1.15', 9],
  ['Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Safari/605.1.15', 3],
  [`${WIN} Chrome/126.0.0.0 Safari/537.36 Edg/126.0.0.0`, 9],
  [`${WIN} Chrome/118.0.0.0 Safari/537.36 OPR/104.0.0.0`, 1.5],
];
const DESKTOP_CIS: Entry[] = [
  [`${WIN} Chrome/122.0.0.0 YaBrowser/24.4.0.0 Safari/537.36`, 18],
  [`${WIN} Chrome/120.0.0.0 YaBrowser/24.1.0.0 Safari/537.36`, 6],
];

const MOBILE_ANDROID: Entry[] = [
  [android('SM-S918B', 14, '126.0.6478.122'), 5],
  [android('SM-A546B', 14, '125.0.6422.165'), 6],
  [android('SM-G991B', 13, '124.0.6367.113'), 4],
  [android('SM-A155F', 14, '127.0.6533.64'), 3],
  [android('SM-S928B', 14, '128.0.6613.99'), 3],
  [android('Pixel 8', 14, '126.0.6478.71'), 3],
  [android('Pixel 7', 14, '125.0.6422.113'), 2],
  [android('Pixel 7a', 14, '127.0.6533.103'), 1.5],
  [android('23021RAAEG', 13, '124.0.6367.82'), 3],
  [android('K', 10, '126.0.0.0'), 5],
  [
    'Mozilla/5.0 (Linux; Android 14; SM-A546B) AppleWebKit/537.36 (KHTML, like Gecko) SamsungBrowser/25.0 Chrome/121.0.0.0 Mobile Safari/537.36',
    3,
  ],
];
const MOBILE_IOS: Entry[] = [
  [iphone('17_5', '17.5'), 10],
  [iphone('17_4_1', '17.4.1'), 4],
  [iphone('18_1', '18.1'), 6],
  [
    'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) CriOS/126.0.6478.54 Mobile/15E148 Safari/604.1',
    2,
  ],
];
const TABLET: Entry[] = [
  ['Mozilla/5.0 (iPad; CPU OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1', 6],
  ['Mozilla/5.0 (iPad; CPU OS 16_7 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/16.6 Mobile/15E148 Safari/604.1', 2],
  ['Mozilla/5.0 (Linux; Android 13; SM-X710) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/125.0.6422.165 Safari/537.36', 3],
];

/** iPhone share among phones by region (high in the Gulf and the West, low in the CIS). */
const IOS_SHARE: Record<Region, number> = { pl: 0.35, cis: 0.3, gulf: 0.55, west: 0.55 };

const scaled = (entries: Entry[], factor: number): Entry[] => entries.map(([ua, w]) => [ua, w * factor] as const);

function buildPickers(region: Region): Record<Device, Weighted<string>> {
  const androidWeight = MOBILE_ANDROID.reduce((s, [, w]) => s + w, 0);
  const iosWeight = MOBILE_IOS.reduce((s, [, w]) => s + w, 0);
  const ios = IOS_SHARE[region];
  return {
    desktop: new Weighted(region === 'cis' ? [...DESKTOP, ...DESKTOP_CIS] : DESKTOP),
    mobile: new Weighted([...scaled(MOBILE_ANDROID, (1 - ios) / androidWeight), ...scaled(MOBILE_IOS, ios / iosWeight)]),
    tablet: new Weighted(TABLET),
  };
}

const PICKERS: Record<Region, Record<Device, Weighted<string>>> = {
  pl: buildPickers('pl'),
  cis: buildPickers('cis'),
  gulf: buildPickers('gulf'),
  west: buildPickers('west'),
};

export function pickUserAgent(rng: Rng, region: Region, device: Device): string {
  return PICKERS[region][device].pick(rng);
}

/** Every user agent the demo can send, for tests of the enrichment. */
export function allUserAgents(): string[] {
  return [...DESKTOP, ...DESKTOP_CIS, ...MOBILE_ANDROID, ...MOBILE_IOS, ...TABLET].map(([ua]) => ua);
}
