// PEM blocks of one label as DER bytes (both peers get the same text input).
export function pemBlocks(text, label) {
  const re = new RegExp(`-----BEGIN ${label}-----([^-]+)-----END ${label}-----`, 'g');
  return [...text.matchAll(re)].map((m) => Uint8Array.from(atob(m[1].replace(/\s+/g, '')), (c) => c.charCodeAt(0)).buffer);
}
