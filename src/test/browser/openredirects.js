'use strict';
// Every payload of the shared open-redirect corpus as the rd of GET /logout, with the answer's
// Location resolved the way a browser resolves it (WHATWG URL): none may lead to another host.
// Run by dev.authgate.browser.SignInInChromiumTest.
const fs = require('fs');

const base = process.env.FLOW_AUTHGATE_URL;
const corpus = process.env.FLOW_CORPUS;
const allowed = new Set([new URL(base).host, 'www.whitelisteddomain.tld']);

function decodeOnce(line) {
  try {
    return decodeURIComponent(line.replace(/\+/g, ' '));
  } catch (e) {
    return line;
  }
}

async function main() {
  const lines = fs.readFileSync(corpus, 'utf8').split('\n').filter((l, i, all) => i < all.length - 1 || l !== '');
  let followed = 0;
  const escaped = [];
  for (const line of lines) {
    const rd = decodeOnce(line);
    const response = await fetch(`${base}/logout?rd=${encodeURIComponent(rd)}`, { redirect: 'manual' });
    if (response.status === 303) {
      followed++;
      const target = new URL(response.headers.get('location'), `${base}/logout`);
      if (!allowed.has(target.host) || !['http:', 'https:'].includes(target.protocol)) {
        escaped.push(`${line} -> ${target.href}`);
      }
    } else if (response.status !== 200) {
      escaped.push(`${line} -> status ${response.status}`);
    }
  }
  console.log(`${lines.length} payloads, ${followed} followed to an allowed host, ${escaped.length} escaped`);
  if (lines.length !== 559 || escaped.length > 0) {
    console.error(escaped.join('\n'));
    process.exit(1);
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
