// The @peculiar/x509 page: its chain builder and certificate verification,
// and the OCSP response (which @peculiar/x509 does not read) through
// @peculiar/asn1-ocsp and WebCrypto, as its users do. window.check(input)
// resolves to { ok, verdict }.
import 'reflect-metadata'; // @peculiar/x509's dependency injection needs it
import * as x509 from '@peculiar/x509';
import { AsnConvert } from '@peculiar/asn1-schema';
import { OCSPResponse, BasicOCSPResponse } from '@peculiar/asn1-ocsp';
import { pemBlocks } from './pem.js';

x509.cryptoProvider.set(crypto);
const hex = (buf) => [...new Uint8Array(buf)].map((b) => b.toString(16).padStart(2, '0')).join('');

window.check = async ({ chain, root, ocsp, at }) => {
  const date = new Date(at);
  const certs = pemBlocks(chain, 'CERTIFICATE').map((der) => new x509.X509Certificate(der));
  const anchor = new x509.X509Certificate(pemBlocks(root, 'CERTIFICATE')[0]);
  const path = await new x509.X509ChainBuilder({ certificates: [...certs.slice(1), anchor] }).build(certs[0]);
  let chainOk = path.length === certs.length + 1 && path[path.length - 1].equal(anchor);
  for (let i = 0; chainOk && i < path.length; i++) {
    const issuer = path[Math.min(i + 1, path.length - 1)];
    chainOk = await path[i].verify({ publicKey: issuer, date });
  }
  // OCSP: the issuer signed it, it names the leaf, it is current and "good".
  const response = AsnConvert.parse(ocsp, OCSPResponse);
  const basic = AsnConvert.parse(response.responseBytes.response.buffer, BasicOCSPResponse);
  const issuer = certs[1];
  const algorithms = new x509.AlgorithmProvider();
  const alg = algorithms.toWebAlgorithm(basic.signatureAlgorithm);
  const key = await issuer.publicKey.export({ ...alg, ...issuer.publicKey.algorithm }, ['verify']);
  let signature = basic.signature;
  for (const formatter of [new x509.AsnEcSignatureFormatter(), new x509.AsnDefaultSignatureFormatter()]) {
    const web = formatter.toWebSignature({ ...alg, ...key.algorithm }, signature);
    if (web) {
      signature = web;
      break;
    }
  }
  const signed = await crypto.subtle.verify({ ...alg, ...key.algorithm }, key, signature, AsnConvert.serialize(basic.tbsResponseData));
  const single = basic.tbsResponseData.responses.find((r) => hex(r.certID.serialNumber) === certs[0].serialNumber);
  const current = single && single.thisUpdate <= date && (!single.nextUpdate || date <= single.nextUpdate);
  const good = single?.certStatus?.good !== undefined;
  const ok = chainOk && signed && !!current && good;
  return { ok, verdict: `chain ${chainOk ? 'valid' : 'invalid'}, OCSP ${signed ? 'signed' : 'bad signature'}, ${good ? 'good' : 'not good'}${current ? '' : ', not current'}` };
};
document.querySelector('#paste').disabled = false;
