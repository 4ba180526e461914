// Synthetic candidate exports for `npm run bench`: deterministic (seeded), realistic in size and
// shape (about 2 KB per applicant), a few percent suspicious, and laptop-farm clusters.
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';

// 3: phone pools distinct up to millions of applicants (2 repeated reference phones every 10,000:
// past that an "ordinary" export was full of genuinely shared phones).
export const GENERATOR_VERSION = 3;

function rng(seed) {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const GIVEN =
  'James Mary Robert Patricia John Jennifer Michael Linda David Elizabeth William Barbara Richard Susan Joseph Jessica Thomas Sarah Charles Karen Daniel Lisa Matthew Nancy Anthony Betty Mark Sandra Donald Ashley Steven Kimberly Paul Emily Andrew Donna Joshua Michelle Kenneth Carol Kevin Amanda Brian Melissa George Deborah Timothy Stephanie Ronald Rebecca Jason Sharon Edward Laura Jeffrey Cynthia Ryan Amy Jacob Angela Gary Helen Nicholas Anna Eric Brenda Jonathan Pamela Stephen Emma Larry Nicole Justin Samantha Scott Katherine Brandon Christine Benjamin Debra Samuel Rachel Gregory Carolyn Alexander Janet Patrick Maria Frank Olivia Raymond Heather Jack Diane Dennis Julie'.split(
    ' ',
  );
const FAMILY =
  'Smith Johnson Williams Brown Jones Garcia Miller Davis Rodriguez Martinez Hernandez Lopez Gonzalez Wilson Anderson Thomas Taylor Moore Jackson Martin Lee Perez Thompson White Harris Sanchez Clark Ramirez Lewis Robinson Walker Young Allen King Wright Scott Torres Nguyen Hill Flores Green Adams Nelson Baker Hall Rivera Campbell Mitchell Carter Roberts Gomez Phillips Evans Turner Diaz Parker Cruz Edwards Collins Reyes Stewart Morris Morales Murphy Cook Rogers Gutierrez Ortiz Morgan Cooper Peterson Bailey Reed Kelly Howard Ramos Kim Cox Ward Richardson Watson Brooks Chavez Wood James Bennett Gray Mendoza Ruiz Hughes Price Alvarez Castillo Sanders Patel Myers Long Ross Foster'.split(
    ' ',
  );
const PLACES = [
  ['US', 'OH', 'Columbus', 'America/New_York', '43004'],
  ['US', 'TX', 'Austin', 'America/Chicago', '78751'],
  ['US', 'CA', 'San Jose', 'America/Los_Angeles', '95112'],
  ['US', 'WA', 'Seattle', 'America/Los_Angeles', '98101'],
  ['US', 'NY', 'Buffalo', 'America/New_York', '14201'],
  ['CA', 'ON', 'Toronto', 'America/Toronto', 'M5V 2T6'],
  ['GB', 'ENG', 'Leeds', 'Europe/London', 'LS1 4AP'],
  ['DE', 'BE', 'Berlin', 'Europe/Berlin', '10115'],
  ['IN', 'KA', 'Bengaluru', 'Asia/Kolkata', '560001'],
  ['PL', 'MZ', 'Warsaw', 'Europe/Warsaw', '00-001'],
];
const EMPLOYERS = [
  'Acme Logistics Inc.',
  'Brightline Analytics',
  'Northwind Traders',
  'Globex Corporation',
  'Initech',
  'Umbrella Health',
  'Stark Industries',
  'Wayne Enterprises',
  'Hooli',
  'Vandelay Industries',
  'Soylent Foods',
  'Cyberdyne Systems',
];
const SCHOOLS = [
  'Ohio State University',
  'University of Texas at Austin',
  'San Jose State University',
  'University of Washington',
  'University of Toronto',
  'University of Leeds',
  'TU Berlin',
  'IIT Bombay',
  'Warsaw University of Technology',
];
const WORDS =
  'design build ship scalable reliable service platform api backend frontend react node typescript python java go rust kubernetes docker aws gcp azure terraform postgres mysql redis kafka graphql rest microservices migration latency throughput team mentor lead review testing automation pipeline deploy monitor incident on-call customer product feature roadmap agile sprint stakeholder analytics data model machine learning dashboard billing payments security compliance audit performance optimize refactor legacy cloud cost reduce improve launch mobile ios android web accessibility internationalization search index cache queue worker batch stream event schema contract documentation onboarding hiring interview'.split(
    ' ',
  );

function resumeText(r, words) {
  const out = [];
  for (let i = 0; i < words; i++) out.push(WORDS[Math.floor(r() * WORDS.length)]);
  return out.join(' ');
}

/**
 * Write `count` applicants as NDJSON to `file`. `linkHeavy`: a laptop farm every 20 applicants
 * instead of every 1000 (about a quarter of the export in clusters), whose members also share a
 * phone and name each other as references, so linking and link findings dominate.
 */
export async function generate(file, count, seed = 42, { linkHeavy = false } = {}) {
  const every = linkHeavy ? 20 : 1000;
  const r = rng(seed);
  const pick = (a) => a[Math.floor(r() * a.length)];
  const out = createWriteStream(file);
  let cluster = null;
  for (let i = 0; i < count; i++) {
    // Every 1000 applicants a laptop farm of 3–8 "different" people begins.
    if (i % every === every / 2) {
      const n = 3 + Math.floor(r() * 6);
      cluster = {
        left: n,
        shipTo: { line1: `${100 + i} Farm Road`, city: 'Litchfield Park', region: 'AZ', postalCode: '85340', country: 'US' },
        account: `sha256:farm${i}`,
        ip: `68.104.${(i >> 8) & 255}.${i & 255}`,
        resume: resumeText(r, 160),
        phone: `+1 480 ${200 + (Math.floor(i / 10000) % 800)} ${String(i % 10000).padStart(4, '0')}`,
      };
    }
    const inCluster = cluster && cluster.left-- > 0;
    const suspicious = !inCluster && r() < 0.03;
    const given = pick(GIVEN);
    const family = pick(FAMILY);
    const full = `${given} ${family}`;
    const [country, region, city, timezone, postalCode] = pick(PLACES);
    const home = { type: 'home', line1: `${1 + (i % 9000)} ${pick(FAMILY)} Street`, city, region, postalCode, country };
    const ipOf = (k) => `${24 + (i % 150)}.${(i >> 8) & 255}.${i & 255}.${10 + k}`;
    const start = 2008 + Math.floor(r() * 8);
    const a = {
      id: `bench-${i}`,
      name: { full, given, family },
      appliedAt: `2026-0${1 + (i % 9)}-1${i % 10}T12:00:00Z`,
      role: { title: 'Senior Software Engineer', remote: true },
      claimedLocation: { country, region, city, timezone },
      contact: {
        emails: [`${given}.${family}.${i}@example.com`.toLowerCase()],
        phones: [`+1 ${200 + (i % 700)} ${200 + (Math.floor(i / 700) % 700)} ${String(Math.floor(i / 490_000) % 10_000).padStart(4, '0')}`],
        addresses: [home],
      },
      identity: {
        documents: [
          {
            type: 'drivers_license',
            issuingCountry: country,
            nameOnDocument: suspicious && r() < 0.3 ? `${pick(GIVEN)} ${pick(FAMILY)}` : full,
            verified: true,
            verificationMethod: suspicious && r() < 0.3 ? 'upload' : 'in_person',
          },
        ],
      },
      profiles: [
        {
          network: 'linkedin',
          url: `https://www.linkedin.com/in/${given}-${family}-${i}`.toLowerCase(),
          displayName: full,
          createdAt: `${start}-06-01`,
          connections: suspicious && r() < 0.3 ? 4 : 50 + Math.floor(r() * 700),
        },
        {
          network: 'github',
          url: `https://github.com/${given}${family}${i}`.toLowerCase(),
          username: `${given}${family}${i}`.toLowerCase(),
          createdAt: `${start + 1}-02-11`,
          followers: Math.floor(r() * 80),
          publicRepos: Math.floor(r() * 40),
        },
      ],
      education: [{ institution: pick(SCHOOLS), degree: 'BS', field: 'Computer Science', start: `${start - 4}-09`, end: `${start}-05`, country }],
      employment: [
        {
          employer: pick(EMPLOYERS),
          title: 'Software Engineer',
          start: `${start}-07`,
          end: `${start + 5}-01`,
          country,
          city,
          remote: false,
          verified: r() < 0.5,
        },
        { employer: pick(EMPLOYERS), title: 'Senior Software Engineer', start: `${start + 5}-02`, country, city, remote: true },
      ],
      references: [
        {
          name: `${pick(GIVEN)} ${pick(FAMILY)}`,
          relationship: 'manager',
          company: pick(EMPLOYERS),
          email: `ref${i}@example.org`,
          phone: `+1 312 ${200 + (Math.floor(i / 10000) % 800)} ${String(i % 10000).padStart(4, '0')}`,
        },
      ],
      interviews: [
        {
          at: '2026-10-09T14:00:00-04:00',
          kind: 'video',
          cameraOn: !(suspicious && r() < 0.3),
          ip: ipOf(1),
          observations: suspicious && r() < 0.3 ? ['camera_refused'] : [],
        },
      ],
      network: {
        sessions: [
          {
            at: '2026-10-02T15:04:05Z',
            ip: inCluster ? cluster.ip : ipOf(2),
            kind: 'application',
            country: suspicious && r() < 0.4 ? 'CN' : country,
            userAgent: 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0 Safari/537.36',
          },
          { at: '2026-10-05T15:04:05Z', ip: ipOf(3), kind: 'assessment', country },
        ],
        remoteAccessTools: suspicious && r() < 0.2 ? ['AnyDesk'] : [],
      },
      equipment: { shipTo: inCluster ? cluster.shipTo : { ...home, type: undefined }, requestedAddressChange: inCluster || (suspicious && r() < 0.3) },
      payroll: {
        method: suspicious && r() < 0.2 ? 'crypto' : 'bank',
        bank: {
          holderName: suspicious && r() < 0.3 ? `${pick(GIVEN)} ${pick(FAMILY)}` : full,
          country: suspicious && r() < 0.3 ? 'CN' : country,
          bankName: 'Example Bank',
          accountFingerprint: inCluster ? cluster.account : `sha256:acct${i}`,
        },
        startDate: '2026-11-01',
      },
      ...(inCluster ? { resume: { text: cluster.resume } } : r() < 0.5 ? { resume: { text: resumeText(r, 150) } } : {}),
      source: { system: 'bench', exportedAt: '2026-11-01T00:00:00Z' },
    };
    if (linkHeavy && inCluster) {
      a.contact.phones.push(cluster.phone);
      a.references[0].phone = cluster.phone;
    }
    if (!out.write(`${JSON.stringify(a)}\n`)) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
}
