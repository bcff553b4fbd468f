// SPDX-License-Identifier: GPL-3.0-or-later
//
// The peer side of `meson test --benchmark ob3-peers`: verifies every
// credential in a folder with @digitalcredentials/verifier-core (Data
// Integrity) or did-jwt-vc (VC-JWT), once to check the result, then again
// timed.  Prints "<credentials per second> <details>".  No network: every
// key is a did:key and the contexts are the loader's bundled ones.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

const [kind, dir] = process.argv.slice(2);
// The libraries log as they go: keep stdout for the one result line.
const say = (text) => process.stdout.write(text + '\n');
console.log = console.info = console.warn = console.error = () => {};
const files = readdirSync(dir).sort().map((f) => readFileSync(join(dir, f), 'utf8'));

let verify;
if (kind.startsWith('jwt-')) {
  // did-jwt-vc's verifyCredential() insists on the VC 1.1 context, which
  // OB 3.0 VC-JWTs (VC 2.0) do not have: use the JWT verification it is
  // built on (did-jwt's verifyJWT: did:key resolution, signature, nbf/exp).
  const { verifyJWT } = await import('did-jwt');
  const { Resolver } = await import('did-resolver');
  const { getResolver } = await import('key-did-resolver');
  const resolver = new Resolver(getResolver());
  verify = async (text) => {
    try {
      const r = await verifyJWT(text, { resolver, policy: { aud: false } });
      return r.verified === true;
    } catch (e) {
      return e.message;
    }
  };
} else {
  const { verifyCredential } = await import('@digitalcredentials/verifier-core');
  verify = async (text) => {
    const r = await verifyCredential({ credential: JSON.parse(text), knownDIDRegistries: [] });
    const step = (r.log ?? []).find((s) => s.id === 'valid_signature');
    return step ? step.valid === true : JSON.stringify(r.errors ?? r).slice(0, 200);
  };
}

const first = await verify(files[0]);
if (first !== true) {
  process.stderr.write(`${kind}: the peer does not verify these credentials: ${first}\n`);
  process.exit(1);
}
const start = process.hrtime.bigint();
let ok = 0;
for (const text of files) if ((await verify(text)) === true) ok++;
const seconds = Number(process.hrtime.bigint() - start) / 1e9;
say(`${(files.length / seconds).toFixed(1)} ${kind}: ${ok} of ${files.length} valid in ${seconds.toFixed(2)} s`);
