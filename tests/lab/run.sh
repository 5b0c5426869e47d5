#!/usr/bin/env bash
# The OCSP stapling lab: real nginx and Apache httpd (mod_ssl) from Debian's
# packages, a real `openssl ocsp` responder and a test PKI made here, each
# scenario captured with `openssl s_client … -showcerts -status -msg` and
# with `certscope --connect`, and certscope's verdict and rows asserted.
# docs/stapling.md is the table of what each scenario shows.
#
#   bash tests/lab/run.sh        (after scripts/setup.sh --tests)
#   CERTSCOPE_LAB_CAPTURES=tests/e2e/artifacts/lab bash tests/lab/run.sh
#                                (also keeps the transcripts for tests/e2e/lab.mjs)
#
# Every server listens on 127.0.0.1 (the responder, whose OpenSSL 3.0 `-port`
# takes no address, on all addresses) on a free port, with its own config in
# a temporary directory; each is stopped by its PID at the end, also on
# failure. Every wait is bounded. Prints "N passed, N failed"; exits 1 when a
# check failed, 2 when the lab could not run.
set -uo pipefail
# Relative to where the lab was started from (see KEEP below).
KEEP=${CERTSCOPE_LAB_CAPTURES:-}
[ -z "$KEEP" ] || [ "${KEEP#/}" != "$KEEP" ] || KEEP="$PWD/$KEEP"
cd "$(dirname "${BASH_SOURCE[0]}")"
LAB=$(pwd)
ROOT=$(cd ../.. && pwd)
. "$LAB/pki.sh"
export PATH="$HOME/.cargo/bin:$PATH:/usr/sbin:/sbin"
START=$(date +%s)

die() { echo "lab: $*" >&2; exit 2; }
if ! command -v nginx >/dev/null || ! command -v apache2 >/dev/null; then
  echo "lab: installing nginx and apache2 (scripts/setup.sh --tests)"
  bash "$ROOT/scripts/setup.sh" --tests >&2 || die "scripts/setup.sh --tests failed"
fi
for tool in openssl nginx apache2 node perl; do
  command -v "$tool" >/dev/null || die "$tool is missing (run scripts/setup.sh --tests)"
done
MODULES=/usr/lib/apache2/modules
[ -f "$MODULES/mod_ssl.so" ] || die "mod_ssl is missing ($MODULES)"

CERTSCOPE=${CERTSCOPE:-}
if [ -z "$CERTSCOPE" ]; then
  (cd "$ROOT" && cargo build -q -p certscope-cli) || die "cannot build certscope"
  CERTSCOPE="$ROOT/target/debug/certscope"
fi

W=$(mktemp -d "${TMPDIR:-/tmp}/certscope-lab.XXXXXX")
OUT="$W/out"
PKI="$W/pki"
mkdir -p "$OUT" "$PKI" "$W/nginx" "$W/apache/htdocs"
RESPONDER_PID=""
RESPONDER_LOG=""
TRYLATER_PID=""

stop_pid() { # pid: TERM, wait up to 5 s, then KILL
  local pid=$1 i
  [ -n "$pid" ] || return 0
  kill "$pid" 2>/dev/null || return 0
  for i in $(seq 50); do kill -0 "$pid" 2>/dev/null || return 0; sleep 0.1; done
  kill -KILL "$pid" 2>/dev/null || true
}
stop_nginx() {
  [ -s "$W/nginx/nginx.pid" ] && stop_pid "$(cat "$W/nginx/nginx.pid")"
  rm -f "$W/nginx/nginx.pid"
}
stop_apache() {
  [ -s "$W/apache/httpd.pid" ] && stop_pid "$(cat "$W/apache/httpd.pid")"
  rm -f "$W/apache/httpd.pid"
}
stop_responder() {
  stop_pid "$RESPONDER_PID"; RESPONDER_PID=""
  stop_pid "$TRYLATER_PID"; TRYLATER_PID=""
}
cleanup() {
  stop_nginx; stop_apache; stop_responder
  if [ -n "${LAB_KEEP:-}" ]; then echo "lab: kept $W"; else rm -rf "$W"; fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# A port nothing listens on: a refused connect means free.
free_port() {
  local p
  while :; do
    p=$((20000 + RANDOM % 25000))
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null; then echo "$p"; return; fi
  done
}
OCSP_PORT=$(free_port)
NGINX_PORT=$(free_port)
APACHE_PORT=$(free_port)
while [ "$NGINX_PORT" = "$OCSP_PORT" ]; do NGINX_PORT=$(free_port); done
while [ "$APACHE_PORT" = "$OCSP_PORT" ] || [ "$APACHE_PORT" = "$NGINX_PORT" ]; do APACHE_PORT=$(free_port); done
HOST=lab.test

# ---- the test PKI -----------------------------------------------------------
# Root → intermediate → leaves good (1001), must-staple (1002), revoked
# (1003); a delegated OCSP responder certificate (id-kp-OCSPSigning,
# ocsp-nocheck). The leaves' AIA names the loopback responder.
make_pki() {
  cd "$PKI" || exit 2
  pki_ext_cnf ext.cnf "$HOST" "http://127.0.0.1:$OCSP_PORT/"
  pki_key root.key
  openssl req -new -x509 -key root.key -subj "/O=certscope lab/CN=Lab Root" -days 3650 \
    -config ext.cnf -extensions root -set_serial 0x01 -out root.pem
  # name subject serial extensions issuer
  issue() {
    pki_key "$1.key"
    openssl req -new -key "$1.key" -subj "$2" -out "$1.csr"
    openssl x509 -req -in "$1.csr" -CA "$5.pem" -CAkey "$5.key" -set_serial "$3" -days "${6:-397}" \
      -extfile ext.cnf -extensions "$4" -out "$1.pem" 2>/dev/null
  }
  issue inter "/O=certscope lab/CN=Lab Intermediate" 0x02 inter root 1825
  issue responder "/O=certscope lab/CN=Lab OCSP Responder" 0x03 responder inter
  issue good "/CN=$HOST" 0x1001 leaf inter
  issue muststaple "/CN=$HOST" 0x1002 muststaple inter
  issue revoked "/CN=$HOST" 0x1003 leaf inter
  for l in good muststaple revoked; do cat "$l.pem" inter.pem > "$l-fullchain.pem"; done
  cat inter.pem root.pem > chain.pem
  local exp rev
  exp=$(date -u -d '+397 days' +%y%m%d%H%M%SZ)
  rev=$(date -u -d '-1 day' +%y%m%d%H%M%SZ)
  printf 'V\t%s\t\t1001\tunknown\t/CN=good\n' "$exp" > index.txt
  printf 'V\t%s\t\t1002\tunknown\t/CN=muststaple\n' "$exp" >> index.txt
  printf 'R\t%s\t%s,keyCompromise\t1003\tunknown\t/CN=revoked\n' "$exp" "$rev" >> index.txt
  echo 'unique_subject = no' > index.txt.attr
  # Responses made offline, for nginx's ssl_stapling_file.
  # name leaf validity-flags...
  offline() {
    local name=$1 leaf=$2; shift 2
    openssl ocsp -issuer inter.pem -cert "$leaf.pem" -no_nonce -reqout "$name.req" >/dev/null
    openssl ocsp -index index.txt -rsigner responder.pem -rkey responder.key -CA inter.pem \
      -reqin "$name.req" -respout "$name.ocsp.der" "$@" >/dev/null 2>&1
  }
  offline revoked revoked -ndays 7
  offline stale good -nmin 1
  cd "$LAB" || exit 2
}
make_pki || die "cannot make the test PKI"

# ---- the OCSP responder -----------------------------------------------------
# mode: delegated (the responder certificate signs) or ca (the intermediate
# signs); then extra flags (-nmin 1 for short-lived responses).
start_responder() {
  local mode=$1; shift
  [ $# -gt 0 ] || set -- -ndays 7
  stop_responder
  local signer=responder
  [ "$mode" = ca ] && signer=inter
  local log="$W/ocsp-$mode-$RANDOM.log"
  RESPONDER_LOG=$log
  openssl ocsp -index "$PKI/index.txt" -port "$OCSP_PORT" -rsigner "$PKI/$signer.pem" -rkey "$PKI/$signer.key" \
    -CA "$PKI/inter.pem" -ignore_err "$@" > "$log" 2>&1 &
  RESPONDER_PID=$!
  # A connection that sends nothing hangs this responder: wait for its log line, never probe.
  local i
  for i in $(seq 100); do
    grep -q "waiting for OCSP client connections" "$log" 2>/dev/null && return 0
    kill -0 "$RESPONDER_PID" 2>/dev/null || break
    sleep 0.1
  done
  cat "$log" >&2; die "the OCSP responder did not start"
}

# A responder that answers every request with tryLater (RFC 6960 §4.2.1:
# OCSPResponse { responseStatus 3 }): `openssl ocsp` cannot be made to.
start_trylater() {
  stop_responder
  local log="$W/trylater.log"
  perl -MIO::Socket::INET -e '
    my $s = IO::Socket::INET->new(LocalAddr => "127.0.0.1", LocalPort => $ARGV[0], Listen => 8, ReuseAddr => 1) or die "$!";
    $| = 1; print "listening\n";
    while (my $c = $s->accept) {
      $c->timeout(5); my ($head, $len) = ("", 0);
      while (defined(my $l = <$c>)) { $head .= $l; $len = $1 if $l =~ /^content-length:\s*(\d+)/i; last if $l =~ /^\r?\n$/; }
      read($c, my $body, $len) if $len; my $der = "\x30\x03\x0a\x01\x03";
      print $c "HTTP/1.0 200 OK\r\nContent-Type: application/ocsp-response\r\nContent-Length: 5\r\n\r\n$der";
      close $c; print "answered\n";
    }' "$OCSP_PORT" > "$log" 2>&1 &
  TRYLATER_PID=$!
  local i
  for i in $(seq 50); do grep -q listening "$log" 2>/dev/null && return 0; sleep 0.1; done
  die "the tryLater responder did not start"
}

# ---- nginx ------------------------------------------------------------------
# leaf-file key extra-directives [protocols]: one server for $HOST on NGINX_PORT, and a
# default server that refuses any other name (ssl_reject_handshake).
start_nginx() {
  local cert=$1 key=$2 extra=$3 protocols=${4:-TLSv1.2 TLSv1.3}
  stop_nginx
  cat > "$W/nginx/nginx.conf" <<CONF
worker_processes 1;
pid $W/nginx/nginx.pid;
error_log $W/nginx/error.log info;
events { worker_connections 64; }
http {
    access_log off;
    # nginx 1.22's default leaves out TLS 1.3 (1.23.4 added it).
    ssl_protocols $protocols;
    client_body_temp_path $W/nginx/tmp-body;
    proxy_temp_path $W/nginx/tmp-proxy;
    fastcgi_temp_path $W/nginx/tmp-fastcgi;
    uwsgi_temp_path $W/nginx/tmp-uwsgi;
    scgi_temp_path $W/nginx/tmp-scgi;
    server {
        listen 127.0.0.1:$NGINX_PORT ssl default_server;
        ssl_reject_handshake on;
    }
    server {
        listen 127.0.0.1:$NGINX_PORT ssl;
        server_name $HOST;
        ssl_certificate $cert;
        ssl_certificate_key $key;
$extra
        location / { return 200 "lab\n"; }
    }
}
CONF
  nginx -p "$W/nginx" -e "$W/nginx/error.log" -c "$W/nginx/nginx.conf" || die "nginx did not start ($(tail -3 "$W/nginx/error.log"))"
  local i
  for i in $(seq 50); do [ -s "$W/nginx/nginx.pid" ] && return 0; sleep 0.1; done
  die "nginx wrote no pid file"
}

# ---- Apache httpd -----------------------------------------------------------
# cert-file key server-level-lines vhost-lines
start_apache() {
  local cert=$1 key=$2 outside=$3 inside=$4
  stop_apache
  mkdir -p "$W/apache/mutex" "$W/apache/run"
  chmod 777 "$W/apache/mutex" "$W/apache/run"
  local user=""
  [ "$(id -u)" = 0 ] && user="User nobody
Group $(id -gn nobody 2>/dev/null || echo nogroup)"
  cat > "$W/apache/httpd.conf" <<CONF
ServerRoot $W/apache
ServerName $HOST
Listen 127.0.0.1:$APACHE_PORT
PidFile $W/apache/httpd.pid
Mutex file:$W/apache/mutex default
DefaultRuntimeDir $W/apache/run
ErrorLog $W/apache/error.log
LogLevel warn ssl:info
$user
LoadModule mpm_event_module $MODULES/mod_mpm_event.so
LoadModule authz_core_module $MODULES/mod_authz_core.so
LoadModule socache_shmcb_module $MODULES/mod_socache_shmcb.so
LoadModule ssl_module $MODULES/mod_ssl.so
StartServers 1
ServerLimit 1
ThreadsPerChild 8
MaxRequestWorkers 8
DocumentRoot $W/apache/htdocs
$outside
<VirtualHost 127.0.0.1:$APACHE_PORT>
    ServerName $HOST
    SSLEngine on
    SSLCertificateFile $cert
    SSLCertificateKeyFile $key
$inside
</VirtualHost>
CONF
  apache2 -f "$W/apache/httpd.conf" -k start || die "apache2 did not start ($(tail -3 "$W/apache/error.log"))"
  local i
  for i in $(seq 50); do
    if [ -s "$W/apache/httpd.pid" ] && (exec 3<>"/dev/tcp/127.0.0.1/$APACHE_PORT") 2>/dev/null; then return 0; fi
    sleep 0.1
  done
  die "apache2 did not start listening ($(tail -3 "$W/apache/error.log"))"
}

# ---- capturing and checking -------------------------------------------------
PASSED=0
FAILED=0
FAILURES=()
declare -A SEEN

# name port [s_client flags…]: certscope's own capture command.
capture() {
  local name=$1 port=$2; shift 2
  timeout 15 openssl s_client -connect "127.0.0.1:$port" -servername "$HOST" -showcerts -status -msg "$@" \
    < /dev/null > "$OUT/$name.txt" 2>&1
  grep -q -- "-----BEGIN CERTIFICATE-----" "$OUT/$name.txt"
}
stapled() { grep -q "OCSP Response Data:" "$OUT/$1.txt"; }

# name port: capture until the server staples (nginx fetches lazily), at most ~10 s.
capture_until_stapled() {
  local name=$1 port=$2 i
  for i in $(seq 20); do
    capture "$name" "$port" && stapled "$name" && return 0
    sleep 0.5
  done
  return 1
}

# name [--at TIME]: certscope's JSON report of a capture.
report() {
  local name=$1; shift
  if [ "${1:-}" = --at ]; then echo "$2" > "$OUT/$name.at"; else echo "$AT" > "$OUT/$name.at"; fi
  "$CERTSCOPE" --json --no-system-roots --roots "$PKI/root.pem" --host "$HOST" --at "$AT" "$@" "$OUT/$name.txt" > "$OUT/$name.json"
  [ $? -le 1 ] || { echo "    certscope failed on $name" >&2; return 1; }
}

# scenario-name report-name expectations…
expect() {
  local label=$1 name=$2; shift 2
  keep "$label" "$name"
  if node "$LAB/check.mjs" expect "$OUT/$name.json" "$@"; then
    PASSED=$((PASSED + 1)); echo "ok   $label"
  else
    FAILED=$((FAILED + 1)); FAILURES+=("$label"); echo "FAIL $label"
  fi
}
# CERTSCOPE_LAB_CAPTURES=DIR keeps every checked transcript, the lab's root
# and a manifest of what the CLI said about each (verdict, finding codes,
# summary rows) in DIR, for the browser suite that pastes the same
# transcripts into the page (tests/e2e/lab.mjs). Unset: nothing is kept.
if [ -n "$KEEP" ]; then
  mkdir -p "$KEEP" || die "cannot make $KEEP"
  # Only what the lab itself writes there: a stale capture must not be checked again.
  rm -f "$KEEP"/*.txt "$KEEP/manifest.json" "$KEEP/lab-root.pem"
  cp "$PKI/root.pem" "$KEEP/lab-root.pem" || die "cannot write to $KEEP"
fi
# label name: keep a pasted transcript (not a --connect report) and its report.
keep() {
  local label=$1 name=$2
  [ -n "$KEEP" ] && [ -f "$OUT/$name.txt" ] && [ -f "$OUT/$name.at" ] || return 0
  cp "$OUT/$name.txt" "$KEEP/$name.txt"
  node "$LAB/check.mjs" keep "$OUT/$name.json" "$KEEP" "$name" "$label" "${label%% *}" \
    "$(cat "$OUT/$name.at")" lab-root.pem "$HOST" || fail "$label: could not keep the capture in $KEEP"
}

# label: a check that is not a report (an observed server behaviour).
pass() { PASSED=$((PASSED + 1)); echo "ok   $1"; }
fail() { FAILED=$((FAILED + 1)); FAILURES+=("$1"); echo "FAIL $1${2:+: $2}"; }
observe() { SEEN[$1]=$2; }

# label name port [certscope flags…]: --connect gives the pasted transcript's report.
same_as_connect() {
  local label=$1 name=$2 port=$3; shift 3
  "$CERTSCOPE" --json --no-system-roots --roots "$PKI/root.pem" --connect "127.0.0.1:$port" --servername "$HOST" \
    --at "$AT" "$@" > "$OUT/$name.connect.json"
  if [ $? -gt 1 ]; then fail "$label" "certscope --connect failed"; return; fi
  if node "$LAB/check.mjs" same "$OUT/$name.json" "$OUT/$name.connect.json"; then pass "$label"; else fail "$label"; fi
}

# The snippet certscope suggests for a server, from a report, with its one
# placeholder path made real: everything else is applied verbatim.
snippet() {
  node "$LAB/check.mjs" snippet "$OUT/$1.json" "$2"
}

# One "as of" for every report, so a pasted capture and --connect a few
# seconds apart agree to the day count: later than any response the lab
# makes (the lab is stopped after 15 minutes), and LATER, after the 1-minute
# responses of scenario 8 have expired.
AT=$(date -u -d '+15 minutes' +%Y-%m-%dT%H:%M:%SZ)
LATER=$(date -u -d '+25 minutes' +%Y-%m-%dT%H:%M:%SZ)

# =============================================================================
echo "== nginx $(nginx -v 2>&1 | sed 's/.*\///'), responder signing with a delegated certificate (ocsp-nocheck)"
start_responder delegated
N="$PKI"

# 1. Stapling off.
start_nginx "$N/good-fullchain.pem" "$N/good.key" ""
capture nginx-off "$NGINX_PORT" -tls1_3 || fail "nginx-off: no handshake"
report nginx-off
expect "nginx 1: stapling off → not stapled, with nginx's fix" nginx-off \
  verdict=warning has:stapling-off "row:ocsp-stapling~sent no OCSP response" \
  "remedy:stapling-off~ssl_stapling on;" "remedy:stapling-off~nginx fetches the response lazily"
same_as_connect "nginx 1: --connect = pasted transcript" nginx-off "$NGINX_PORT"

# 2./3. certscope's nginx lines, verbatim (the chain file path is its placeholder).
NGINX_FIX=$(snippet nginx-off nginx) || fail "nginx 2: no nginx snippet in the report"
printf '%s\n' "$NGINX_FIX" > "$OUT/nginx-snippet.conf"
if grep -q "/etc/ssl/certs/chain.pem" <<<"$NGINX_FIX"; then pass "nginx 2: the snippet names its chain-file placeholder"; else fail "nginx 2: placeholder"; fi
NGINX_ON=$(sed "s#/etc/ssl/certs/chain.pem#$N/chain.pem#" <<<"$NGINX_FIX")
start_nginx "$N/good-fullchain.pem" "$N/good.key" "$NGINX_ON"
capture nginx-first "$NGINX_PORT" -tls1_2
if stapled nginx-first; then
  observe nginx-first "stapled on the first handshake"
  pass "nginx 3: first handshake after a start (stapled this time)"
else
  observe nginx-first "no staple on the first handshake"
  report nginx-first
  expect "nginx 3: first handshake after a start → no staple, certscope says to retry" nginx-first \
    has:stapling-off "message:stapling-off~retry after a few seconds"
fi
if capture_until_stapled nginx-on "$NGINX_PORT"; then
  report nginx-on
  expect "nginx 2: certscope's lines applied → Stapled: Good, fresh" nginx-on \
    verdict=ok not:stapling-off "row:ocsp-stapling~Stapled: Good, fresh" "row:ocsp-status~Good"
  same_as_connect "nginx 2: --connect = pasted transcript" nginx-on "$NGINX_PORT"
  if grep -q "1st line: GET " "$RESPONDER_LOG"; then pass "nginx 2: nginx fetched with GET"; else fail "nginx 2: nginx fetched with GET"; fi
else
  fail "nginx 2: certscope's lines applied → never stapled" "$(tail -3 "$W/nginx/error.log")"
fi

# --connect over TLS 1.2: the staple arrives in a CertificateStatus message.
# (http-level: nginx 1.22 picks the protocol with the default server's settings.)
start_nginx "$N/good-fullchain.pem" "$N/good.key" "$NGINX_ON" TLSv1.2
if capture_until_stapled nginx-tls12 "$NGINX_PORT" && grep -q "CertificateStatus" "$OUT/nginx-tls12.txt"; then
  report nginx-tls12
  expect "nginx 2: TLS 1.2 only → Stapled: Good, fresh" nginx-tls12 verdict=ok "row:ocsp-stapling~Stapled: Good, fresh"
  same_as_connect "nginx 2: --connect over TLS 1.2 = pasted transcript" nginx-tls12 "$NGINX_PORT"
else
  fail "nginx 2: TLS 1.2 only → never stapled"
fi

# 7. The leaf without its intermediate, then the fullchain fix.
start_nginx "$N/good.pem" "$N/good.key" "$NGINX_ON"
capture nginx-nochain "$NGINX_PORT"
report nginx-nochain
expect "nginx 7: ssl_certificate without the intermediate → missing intermediate, fullchain fix" nginx-nochain \
  verdict=error has:issuer-missing "row:chain-issues~Incomplete" "remedy:issuer-missing~\`ssl_certificate\` must name one file with the leaf first"
# nginx still staples (it finds the issuer in ssl_trusted_certificate).
if capture_until_stapled nginx-nochain-stapled "$NGINX_PORT"; then
  observe nginx-nochain "chain incomplete, still stapled (issuer from ssl_trusted_certificate)"
  report nginx-nochain-stapled
  expect "nginx 7: chain incomplete, stapled → still the missing intermediate; the staple named as the leaf's" nginx-nochain-stapled \
    verdict=error has:issuer-missing "message:ocsp-no-matching-response~by its serial and its issuer's name" \
    "row:ocsp-stapling~not matched to this certificate"
  same_as_connect "nginx 7: --connect = pasted transcript" nginx-nochain-stapled "$NGINX_PORT"
else
  observe nginx-nochain "chain incomplete, no staple"
fi
start_nginx "$N/good-fullchain.pem" "$N/good.key" "$NGINX_ON"
capture nginx-fullchain "$NGINX_PORT"
report nginx-fullchain
expect "nginx 7: the fullchain fix applied → chain complete" nginx-fullchain not:issuer-missing "row:chain-issues~None"

# 4. Must-staple leaf, stapling off, then on.
start_nginx "$N/muststaple-fullchain.pem" "$N/muststaple.key" ""
capture nginx-ms-off "$NGINX_PORT"
report nginx-ms-off
expect "nginx 4: must-staple, stapling off → error" nginx-ms-off \
  verdict=error has:must-staple-without-ocsp has:stapling-off "row:ocsp-must-staple~no valid, fresh response is stapled"
start_nginx "$N/muststaple-fullchain.pem" "$N/muststaple.key" "$NGINX_ON"
if capture_until_stapled nginx-ms-on "$NGINX_PORT"; then
  report nginx-ms-on
  expect "nginx 4: must-staple, stapling on → satisfied" nginx-ms-on \
    verdict=ok must-staple=true "row:ocsp-must-staple~a valid, fresh response is stapled"
  same_as_connect "nginx 4: --connect = pasted transcript" nginx-ms-on "$NGINX_PORT"
else
  fail "nginx 4: must-staple, stapling on → never stapled"
fi

# 5. Revoked leaf: nginx will not staple a revoked response it fetched itself…
start_nginx "$N/revoked-fullchain.pem" "$N/revoked.key" "$NGINX_ON"
for i in 1 2 3 4 5 6; do capture nginx-revoked-fetch "$NGINX_PORT"; stapled nginx-revoked-fetch && break; sleep 0.5; done
if stapled nginx-revoked-fetch; then
  observe nginx-revoked-fetch "stapled the revoked response"
  fail "nginx 5: a fetched revoked response was stapled (nginx used to refuse)"
else
  observe nginx-revoked-fetch "no staple; error log: $(grep -o 'certificate status "revoked"[^,]*' "$W/nginx/error.log" | head -1)"
  report nginx-revoked-fetch
  expect "nginx 5: revoked leaf, fetched → nginx staples nothing" nginx-revoked-fetch has:stapling-off
  if grep -q 'certificate status "revoked"' "$W/nginx/error.log"; then pass "nginx 5: nginx logs the revoked status"; else fail "nginx 5: nginx logs the revoked status"; fi
fi
# …so the revoked staple comes from ssl_stapling_file.
start_nginx "$N/revoked-fullchain.pem" "$N/revoked.key" "ssl_stapling on; ssl_stapling_file $N/revoked.ocsp.der;"
capture nginx-revoked "$NGINX_PORT" -tls1_3
report nginx-revoked
expect "nginx 5: revoked staple (ssl_stapling_file) → Revoked, reason and time" nginx-revoked \
  verdict=error has:ocsp-revoked "row:ocsp-status~Revoked" "row:ocsp-status~keyCompromise" "row:ocsp-stapling~Stapled: Revoked"
same_as_connect "nginx 5: --connect = pasted transcript" nginx-revoked "$NGINX_PORT"

# 8. Stale: a 1-minute response that nginx keeps sending (ssl_stapling_file), checked 25 minutes on.
start_nginx "$N/good-fullchain.pem" "$N/good.key" "ssl_stapling on; ssl_stapling_file $N/stale.ocsp.der;"
capture nginx-stale "$NGINX_PORT"
report nginx-stale --at "$LATER"
expect "nginx 8: stale staple, as of 25 minutes on → stale" nginx-stale \
  verdict=error has:ocsp-stale "row:ocsp-stapling~stale"
same_as_connect "nginx 8: --connect = pasted transcript" nginx-stale "$NGINX_PORT" --at "$LATER"

# 6. Responder down, then answering tryLater.
stop_responder
start_nginx "$N/good-fullchain.pem" "$N/good.key" "$NGINX_ON"
for i in 1 2 3 4 5 6; do capture nginx-down "$NGINX_PORT"; sleep 0.5; done
report nginx-down
if stapled nginx-down; then fail "nginx 6: responder down, yet a staple"; else
  observe nginx-down "no staple; error log: $(grep -o '\] [0-9#]*: [^,]* while requesting certificate status' "$W/nginx/error.log" | tail -1 | sed 's/^[^:]*: //')"
  expect "nginx 6: responder down → nothing stapled, certscope: stapling-off" nginx-down has:stapling-off
fi
start_trylater
start_nginx "$N/good-fullchain.pem" "$N/good.key" "$NGINX_ON"
for i in 1 2 3 4 5 6; do capture nginx-trylater "$NGINX_PORT"; sleep 0.5; done
report nginx-trylater
if stapled nginx-trylater; then
  observe nginx-trylater "stapled tryLater"
  expect "nginx 6: responder says tryLater → staple of tryLater" nginx-trylater has:ocsp-not-successful
else
  observe nginx-trylater "no staple; error log: $(grep -o 'OCSP response not successful[^,]*' "$W/nginx/error.log" | tail -1)"
  expect "nginx 6: responder says tryLater → nothing stapled, certscope: stapling-off" nginx-trylater has:stapling-off
fi
grep -q answered "$W/trylater.log" && pass "nginx 6: nginx asked the tryLater responder" || fail "nginx 6: nginx never asked the tryLater responder"

# --connect errors: a name the server refuses (TLS alert), a closed port, a name that does not resolve.
start_responder delegated
set +e
"$CERTSCOPE" --connect "127.0.0.1:$NGINX_PORT" --servername other.test > /dev/null 2> "$OUT/alert.err"; rc=$?
grep -q "alert" "$OUT/alert.err" && [ $rc = 2 ] && pass "--connect: TLS alert → exit 2, says so" || fail "--connect: TLS alert" "rc=$rc $(cat "$OUT/alert.err")"
stop_nginx
"$CERTSCOPE" --connect "127.0.0.1:$NGINX_PORT" > /dev/null 2> "$OUT/refused.err"; rc=$?
grep -q "connection refused" "$OUT/refused.err" && [ $rc = 2 ] && pass "--connect: connection refused → exit 2, says so" || fail "--connect: refused" "rc=$rc $(cat "$OUT/refused.err")"
"$CERTSCOPE" --connect "no-such-host.invalid:443" --timeout 5 > /dev/null 2> "$OUT/dns.err"; rc=$?
grep -q "cannot resolve" "$OUT/dns.err" && [ $rc = 2 ] && pass "--connect: DNS failure → exit 2, says so" || fail "--connect: DNS failure" "rc=$rc $(cat "$OUT/dns.err")"
set -uo pipefail

# --fetch-ocsp against the delegated responder, from a server that staples nothing.
start_nginx "$N/good-fullchain.pem" "$N/good.key" ""
"$CERTSCOPE" --json --no-system-roots --roots "$PKI/root.pem" --connect "127.0.0.1:$NGINX_PORT" --servername "$HOST" --at "$AT" --fetch-ocsp > "$OUT/nginx-fetch.json"
expect "--fetch-ocsp (delegated responder): Good, signed by the responder certificate" nginx-fetch \
  verdict=warning "row:ocsp-status~Good — signed by a delegated responder, fresh" has:stapling-off has:ocsp-responder-nocheck
stop_nginx

# =============================================================================
echo "== Apache $(apache2 -v | sed -n 's/Server version: Apache\/\([^ ]*\).*/\1/p'), responder signing with the CA's own key"
start_responder ca

# 1. Stapling off.
start_apache "$N/good-fullchain.pem" "$N/good.key" "" ""
capture apache-off "$APACHE_PORT" -tls1_3 || fail "apache-off: no handshake"
report apache-off
expect "Apache 1: stapling off → not stapled, with Apache's fix" apache-off \
  verdict=warning has:stapling-off "row:ocsp-stapling~sent no OCSP response" "remedy:stapling-off~SSLUseStapling on"
same_as_connect "Apache 1: --connect = pasted transcript" apache-off "$APACHE_PORT"

# 2. certscope's Apache lines, verbatim: the cache line outside the
# <VirtualHost> (its path made real), the rest inside.
APACHE_FIX=$(snippet apache-off Apache) || fail "Apache 2: no Apache snippet in the report"
printf '%s\n' "$APACHE_FIX" > "$OUT/apache-snippet.conf"
APACHE_OUT=$(grep '^SSLStaplingCache ' <<<"$APACHE_FIX" | sed "s#/var/run/ocsp#$W/apache/run/ocsp#")
APACHE_IN=$(sed -n '/^<VirtualHost/,/^<\/VirtualHost>/p' <<<"$APACHE_FIX" | sed '1d;$d')
if [ -n "$APACHE_OUT" ] && grep -q "SSLUseStapling on" <<<"$APACHE_IN"; then pass "Apache 2: the snippet has the cache line and the vhost line"; else fail "Apache 2: snippet shape" "$APACHE_FIX"; fi
start_apache "$N/good-fullchain.pem" "$N/good.key" "$APACHE_OUT" "$APACHE_IN"
capture apache-first "$APACHE_PORT" -tls1_2
if stapled apache-first; then
  observe apache-first "stapled on the first handshake"
  report apache-first
  expect "Apache 3: first handshake after a start → stapled (Apache fetches while answering)" apache-first \
    verdict=ok "row:ocsp-stapling~Stapled: Good, fresh"
else
  observe apache-first "no staple on the first handshake"
  fail "Apache 3: first handshake after a start → no staple"
fi
if capture_until_stapled apache-on "$APACHE_PORT"; then
  report apache-on
  expect "Apache 2: certscope's lines applied → Stapled: Good, fresh" apache-on \
    verdict=ok not:stapling-off "row:ocsp-stapling~Stapled: Good, fresh" "row:ocsp-status~signed by the issuer"
  same_as_connect "Apache 2: --connect = pasted transcript" apache-on "$APACHE_PORT"
  if grep -q "1st line: POST " "$RESPONDER_LOG"; then pass "Apache 2: Apache fetched with POST"; else fail "Apache 2: Apache fetched with POST"; fi
else
  fail "Apache 2: certscope's lines applied → never stapled" "$(tail -3 "$W/apache/error.log")"
fi

# 7. The leaf without its intermediate.
start_apache "$N/good.pem" "$N/good.key" "$APACHE_OUT" "$APACHE_IN"
capture apache-nochain "$APACHE_PORT"
report apache-nochain
expect "Apache 7: SSLCertificateFile without the intermediate → missing intermediate, fullchain fix" apache-nochain \
  verdict=error has:issuer-missing "remedy:issuer-missing~\`SSLCertificateFile\` names that same full-chain file"
same_as_connect "Apache 7: --connect = pasted transcript" apache-nochain "$APACHE_PORT"
observe apache-nochain "$(stapled apache-nochain && echo 'chain incomplete, still stapled' || echo 'chain incomplete, no staple')"

# 4. Must-staple leaf, stapling off, then on.
start_apache "$N/muststaple-fullchain.pem" "$N/muststaple.key" "" ""
capture apache-ms-off "$APACHE_PORT"
report apache-ms-off
expect "Apache 4: must-staple, stapling off → error" apache-ms-off \
  verdict=error has:must-staple-without-ocsp "row:ocsp-must-staple~no valid, fresh response is stapled"
start_apache "$N/muststaple-fullchain.pem" "$N/muststaple.key" "$APACHE_OUT" "$APACHE_IN"
if capture_until_stapled apache-ms-on "$APACHE_PORT"; then
  report apache-ms-on
  expect "Apache 4: must-staple, stapling on → satisfied" apache-ms-on \
    verdict=ok must-staple=true "row:ocsp-must-staple~a valid, fresh response is stapled"
  same_as_connect "Apache 4: --connect = pasted transcript" apache-ms-on "$APACHE_PORT"
else
  fail "Apache 4: must-staple, stapling on → never stapled"
fi

# 5. Revoked leaf, response fetched by Apache itself.
start_apache "$N/revoked-fullchain.pem" "$N/revoked.key" "$APACHE_OUT" "$APACHE_IN"
capture apache-revoked "$APACHE_PORT" -tls1_3
if stapled apache-revoked; then
  observe apache-revoked "stapled the revoked response"
  report apache-revoked
  expect "Apache 5: revoked leaf → Revoked from the staple, reason and time" apache-revoked \
    verdict=error has:ocsp-revoked "row:ocsp-status~Revoked" "row:ocsp-status~keyCompromise" "row:ocsp-stapling~Stapled: Revoked"
  same_as_connect "Apache 5: --connect = pasted transcript" apache-revoked "$APACHE_PORT"
else
  observe apache-revoked "no staple"
  report apache-revoked
  expect "Apache 5: revoked leaf → nothing stapled" apache-revoked has:stapling-off
fi

# 8. Stale: the responder now makes 1-minute responses; checked 25 minutes on.
start_responder ca -nmin 1
start_apache "$N/good-fullchain.pem" "$N/good.key" "$APACHE_OUT" "$APACHE_IN"
if capture_until_stapled apache-stale "$APACHE_PORT"; then
  report apache-stale --at "$LATER"
  expect "Apache 8: 1-minute staple, as of 25 minutes on → stale" apache-stale \
    verdict=error has:ocsp-stale "row:ocsp-stapling~stale"
  same_as_connect "Apache 8: --connect = pasted transcript" apache-stale "$APACHE_PORT" --at "$LATER"
else
  fail "Apache 8: never stapled"
fi

# 6. Responder down, then answering tryLater.
stop_responder
start_apache "$N/good-fullchain.pem" "$N/good.key" "$APACHE_OUT" "$APACHE_IN"
capture apache-down "$APACHE_PORT"
report apache-down
if stapled apache-down; then
  observe apache-down "stapled: $(grep -o 'OCSP Response Status: [a-zA-Z]*' "$OUT/apache-down.txt" | head -1)"
  expect "Apache 6: responder down → Apache staples its own tryLater; certscope: the responder's error" apache-down \
    verdict=error has:ocsp-not-successful "row:ocsp-stapling~tryLater"
else
  observe apache-down "no staple"
  expect "Apache 6: responder down → nothing stapled" apache-down has:stapling-off
fi
same_as_connect "Apache 6: --connect = pasted transcript (responder down)" apache-down "$APACHE_PORT"
start_trylater
start_apache "$N/good-fullchain.pem" "$N/good.key" "$APACHE_OUT" "$APACHE_IN"
capture apache-trylater "$APACHE_PORT"
report apache-trylater
if stapled apache-trylater; then
  observe apache-trylater "stapled: $(grep -o 'OCSP Response Status: [a-zA-Z]*' "$OUT/apache-trylater.txt" | head -1)"
  expect "Apache 6: responder says tryLater → Apache staples it; certscope: the responder's error" apache-trylater \
    verdict=error has:ocsp-not-successful "row:ocsp-stapling~tryLater"
else
  observe apache-trylater "no staple"
  expect "Apache 6: responder says tryLater → nothing stapled" apache-trylater has:stapling-off
fi

# --fetch-ocsp against the CA-signed responder.
start_responder ca
start_apache "$N/good-fullchain.pem" "$N/good.key" "" ""
"$CERTSCOPE" --json --no-system-roots --roots "$PKI/root.pem" --connect "127.0.0.1:$APACHE_PORT" --servername "$HOST" --at "$AT" --fetch-ocsp > "$OUT/apache-fetch.json"
expect "--fetch-ocsp (CA-signed responder): Good, signed by the issuer" apache-fetch \
  verdict=warning "row:ocsp-status~Good — signed by the issuer, fresh" has:stapling-off
stop_apache
stop_responder

# =============================================================================
echo
echo "== what the servers did"
for k in $(printf '%s\n' "${!SEEN[@]}" | sort); do printf '  %-22s %s\n' "$k" "${SEEN[$k]}"; done
echo
echo "lab time: $(( $(date +%s) - START )) s"
for f in "${FAILURES[@]}"; do echo "failed: $f"; done
echo "$PASSED passed, $FAILED failed"
[ "$FAILED" = 0 ]
