// The benchmark's inputs (crates/certscope/tests/data/, sources in
// SOURCES.md there), for run.mjs and cold-ab.mjs alike.
import { readFile } from 'node:fs/promises';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const data = (p) => readFile(join(repo, 'crates', 'certscope', 'tests', 'data', p));
const text = async (p) => (await data(p)).toString();

export const pemOf = (der, label) => `-----BEGIN ${label}-----\n${der.toString('base64').match(/.{1,64}/g).join('\n')}\n-----END ${label}-----\n`;
const secondBlock = (pem) => pem.slice(pem.indexOf('-----BEGIN', 1));

export const CASES = [
  {
    name: 'RSA chain + OCSP',
    chain: (await text('ocsp/ND1_Cert_EE.pem')) + (await text('ocsp/ND1_Issuer_ICA.pem')) + secondBlock(await text('ocsp/ND1_Issuer_ICA-Cross.pem')),
    root: await text('ocsp/ND1_Cross_Root.pem'),
    ocsp: await data('ocsp/ND1.der'),
    at: '2012-10-12T00:00:00Z',
  },
  {
    name: 'EC chain (P-256) + OCSP',
    chain: (await text('staple/good.pem')) + (await text('staple/inter.pem')),
    root: await text('staple/root.pem'),
    ocsp: await data('staple/good.ocsp.der'),
    at: (await text('staple/asof.txt')).trim(),
  },
  {
    // The shape of the EC input issue 15 measured: a P-384 root signs the P-256 intermediate.
    name: 'EC chain (P-384 root) + OCSP',
    chain: (await text('p384root/leaf.pem')) + (await text('p384root/inter.pem')),
    root: await text('p384root/root.pem'),
    ocsp: await data('p384root/good.ocsp.der'),
    at: (await text('p384root/asof.txt')).trim(),
  },
];
// What a person pastes into certscope: the chain, the root and the response as PEM.
for (const c of CASES) c.paste = c.chain + c.root + pemOf(c.ocsp, 'OCSP RESPONSE');
