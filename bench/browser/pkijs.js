// The PKI.js page: its chain engine (CertificateChainValidationEngine) and
// its OCSP verification, on PEM text and DER bytes as a person would paste
// them. window.check(input) resolves to { ok, verdict }.
import * as pkijs from 'pkijs';
import { pemBlocks } from './pem.js';

window.check = async ({ chain, root, ocsp, at }) => {
  const certs = pemBlocks(chain, 'CERTIFICATE').map((der) => pkijs.Certificate.fromBER(der));
  const anchor = pkijs.Certificate.fromBER(pemBlocks(root, 'CERTIFICATE')[0]);
  const checkDate = new Date(at);
  const engine = new pkijs.CertificateChainValidationEngine({ trustedCerts: [anchor], certs, checkDate });
  const path = await engine.verify();
  const response = pkijs.OCSPResponse.fromBER(ocsp);
  const basic = pkijs.BasicOCSPResponse.fromBER(response.responseBytes.response.valueBlock.valueHexView);
  // Issuer-signed responses carry no certificate: PKI.js looks for the signer among them.
  if (!basic.certs?.length) basic.certs = [certs[1]];
  // The issuer, just validated by the chain engine, is the trusted responder
  // (verify() would re-check its chain at today's date, having no date parameter).
  const signed = await basic.verify({ trustedResponders: [certs[1]], issuerCerts: [certs[1]] });
  const { isForCertificate, status } = await basic.getCertificateStatus(certs[0], certs[1]);
  const ok = path.result === true && signed === true && isForCertificate && status === 0;
  return { ok, verdict: `chain ${path.result ? 'valid' : path.resultMessage}, OCSP ${signed ? 'signed' : 'bad signature'}, status ${status}` };
};
document.querySelector('#paste').disabled = false;
