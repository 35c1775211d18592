#!/usr/bin/env bash
# Development certificates for the Interceptor admission webhook.
#
# Makes (or reuses) a private CA and issues a serving certificate for the
# webhook Service, signed by that CA. See certs/README.md.
#
#   CA_BUNDLE=$(certs/generate.sh [OUT_DIR] [options] | tail -n1)
#
# Contract:
#   * stdout carries exactly one line: the base64 (single line, no wrapping) of
#     ca.crt, i.e. the value for a webhook's clientConfig.caBundle. Every other
#     message goes to stderr.
#   * An existing CA in OUT_DIR is reused, so running the script again only
#     rotates the serving certificate (tls.crt/tls.key) and the caBundle stays
#     valid. --force-ca replaces the CA (and then the caBundle must be updated).
#   * Keys are written with mode 0600 and never leave OUT_DIR. The default
#     OUT_DIR (certs/out) is git-ignored: never commit what this script makes.
#
# Key type: EC P-256 by default. It is what cert-manager and most webhooks use
# today, both ends speak it (Go's crypto/tls in the kube-apiserver, .NET's
# Kestrel), keys are small and handshakes cheap. KEY_TYPE=rsa gives RSA 2048
# for tooling that cannot handle EC keys.
set -euo pipefail

SCRIPT_DIR="$(cd -- "$(dirname -- "${BASH_SOURCE[0]}")" && pwd)"
readonly SCRIPT_DIR

usage() {
  cat <<'EOF'
Usage: certs/generate.sh [OUT_DIR] [options]

Makes ca.crt, ca.key, tls.crt and tls.key in OUT_DIR (default: certs/out next
to this script) and prints the base64 CA bundle as the last line of stdout.

Options (each also settable through the environment variable in brackets):
  --service NAME        Service name                [SERVICE, default interceptor-webhook]
  --namespace NAME      Service namespace           [NAMESPACE, default interceptor-system]
  --cluster-domain D    cluster DNS domain          [CLUSTER_DOMAIN, default cluster.local]
  --days N              serving cert validity, days [DAYS, default 365]
  --ca-days N           CA validity (new CA only)   [CA_DAYS, default 3650]
  --san VALUE           extra SAN, repeatable       [EXTRA_SANS, comma- or space-separated]
                        VALUE is DNS:name, IP:addr, or a bare name/address
                        (an IPv4 or IPv6 literal becomes IP:, anything else DNS:)
  --key-type ec|rsa     EC P-256 or RSA 2048        [KEY_TYPE, default ec]
  --force-ca            make a new CA even if OUT_DIR already has one [FORCE_CA=1]
  -h, --help            this text

Examples:
  certs/generate.sh
  CA_BUNDLE=$(certs/generate.sh "$(mktemp -d)" --san webhook.example.test | tail -n1)
  certs/generate.sh --force-ca          # new CA: update every caBundle afterwards
EOF
}

log() { printf '%s\n' "generate.sh: $*" >&2; }
die() { log "error: $*"; exit 1; }

SERVICE="${SERVICE:-interceptor-webhook}"
NAMESPACE="${NAMESPACE:-interceptor-system}"
CLUSTER_DOMAIN="${CLUSTER_DOMAIN:-cluster.local}"
DAYS="${DAYS:-365}"
CA_DAYS="${CA_DAYS:-3650}"
KEY_TYPE="${KEY_TYPE:-ec}"
FORCE_CA="${FORCE_CA:-0}"
OUT_DIR=""

# EXTRA_SANS from the environment, then --san flags, all into one array.
sans_extra=()
if [[ -n "${EXTRA_SANS:-}" ]]; then
  read -r -a sans_extra <<<"${EXTRA_SANS//,/ }"
fi

need_value() {
  [[ $# -ge 2 && -n "$2" ]] || die "option $1 needs a value"
}

while [[ $# -gt 0 ]]; do
  case "$1" in
    -h | --help) usage; exit 0 ;;
    --service) need_value "$@"; SERVICE="$2"; shift 2 ;;
    --service=*) SERVICE="${1#*=}"; shift ;;
    --namespace) need_value "$@"; NAMESPACE="$2"; shift 2 ;;
    --namespace=*) NAMESPACE="${1#*=}"; shift ;;
    --cluster-domain) need_value "$@"; CLUSTER_DOMAIN="$2"; shift 2 ;;
    --cluster-domain=*) CLUSTER_DOMAIN="${1#*=}"; shift ;;
    --days) need_value "$@"; DAYS="$2"; shift 2 ;;
    --days=*) DAYS="${1#*=}"; shift ;;
    --ca-days) need_value "$@"; CA_DAYS="$2"; shift 2 ;;
    --ca-days=*) CA_DAYS="${1#*=}"; shift ;;
    --san) need_value "$@"; sans_extra+=("$2"); shift 2 ;;
    --san=*) sans_extra+=("${1#*=}"); shift ;;
    --key-type) need_value "$@"; KEY_TYPE="$2"; shift 2 ;;
    --key-type=*) KEY_TYPE="${1#*=}"; shift ;;
    --force-ca) FORCE_CA=1; shift ;;
    --) shift; [[ $# -le 1 ]] || die "too many arguments"; [[ $# -eq 0 ]] || OUT_DIR="$1"; break ;;
    -*) usage >&2; die "unknown option: $1" ;;
    *)
      [[ -z "$OUT_DIR" ]] || die "only one output directory may be given (got '$OUT_DIR' and '$1')"
      OUT_DIR="$1"; shift ;;
  esac
done
OUT_DIR="${OUT_DIR:-$SCRIPT_DIR/out}"

# ---- validation -------------------------------------------------------------
dns_label='^[a-z0-9]([-a-z0-9]*[a-z0-9])?$'
[[ ${#SERVICE} -le 63 && "$SERVICE" =~ $dns_label ]] || die "SERVICE '$SERVICE' is not a DNS-1123 label"
[[ ${#NAMESPACE} -le 63 && "$NAMESPACE" =~ $dns_label ]] || die "NAMESPACE '$NAMESPACE' is not a DNS-1123 label"
[[ "$CLUSTER_DOMAIN" =~ ^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$ ]] || die "CLUSTER_DOMAIN '$CLUSTER_DOMAIN' is not a DNS name"
[[ "$DAYS" =~ ^[1-9][0-9]*$ ]] || die "DAYS must be a positive integer (got '$DAYS')"
[[ "$CA_DAYS" =~ ^[1-9][0-9]*$ ]] || die "CA_DAYS must be a positive integer (got '$CA_DAYS')"
case "$KEY_TYPE" in ec | rsa) ;; *) die "KEY_TYPE must be 'ec' or 'rsa' (got '$KEY_TYPE')" ;; esac
case "$FORCE_CA" in 0 | 1 | true | false | yes | no | "") ;; *) die "FORCE_CA must be 0 or 1" ;; esac
if [[ "$FORCE_CA" == 1 || "$FORCE_CA" == true || "$FORCE_CA" == yes ]]; then FORCE_CA=1; else FORCE_CA=0; fi
command -v openssl >/dev/null 2>&1 || die "openssl not found on PATH"

# to_san VALUE: prints "DNS:x" or "IP:x"; rejects anything that could break
# out of the openssl config line (commas, spaces, control characters).
to_san() {
  local v="$1"
  case "$v" in
    DNS:* | IP:*) ;;
    *)
      if [[ "$v" =~ ^[0-9]{1,3}(\.[0-9]{1,3}){3}$ || "$v" == *:* ]]; then v="IP:$v"; else v="DNS:$v"; fi ;;
  esac
  local body="${v#*:}"
  if [[ "$v" == DNS:* ]]; then
    [[ ${#body} -le 253 && "$body" =~ ^(\*\.)?[A-Za-z0-9]([-A-Za-z0-9.]*[A-Za-z0-9])?$ ]] ||
      die "invalid DNS SAN '$body'"
  else
    [[ "$body" =~ ^[0-9A-Fa-f.:]+$ ]] || die "invalid IP SAN '$body'"
  fi
  printf '%s\n' "$v"
}

sans=(
  "DNS:$SERVICE"
  "DNS:$SERVICE.$NAMESPACE"
  "DNS:$SERVICE.$NAMESPACE.svc"
  "DNS:$SERVICE.$NAMESPACE.svc.$CLUSTER_DOMAIN"
  "DNS:localhost"
  "IP:127.0.0.1"
  "IP:::1"
)
for s in ${sans_extra[@]+"${sans_extra[@]}"}; do
  [[ -n "$s" ]] || continue
  sans+=("$(to_san "$s")")
done
# Drop duplicates, keep order (no associative arrays: macOS still ships bash 3.2).
san_line=""
for s in "${sans[@]}"; do
  [[ ",$san_line," != *",$s,"* ]] || continue
  san_line+="${san_line:+,}$s"
done

# ---- helpers ---------------------------------------------------------------
# ossl ARGS...: openssl, quiet on success, its own diagnostics on failure.
ossl() {
  if ! openssl "$@" 2>"$work/openssl.err"; then
    cat -- "$work/openssl.err" >&2
    die "openssl $1 failed"
  fi
}

new_key() { # new_key FILE
  if [[ "$KEY_TYPE" == ec ]]; then
    ossl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 \
      -pkeyopt ec_param_enc:named_curve -out "$1"
  else
    ossl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$1"
  fi
  chmod 0600 "$1"
}

# 128 random bits with the top bit cleared: positive, unique, fits 20 octets.
new_serial() {
  local hex
  hex="$(openssl rand -hex 16)"
  printf '0x%x%s\n' "$((0x${hex:0:1} & 7))" "${hex:1}"
}


# ---- output directory --------------------------------------------------------
umask 077
mkdir -p -- "$OUT_DIR"
OUT_DIR="$(cd -- "$OUT_DIR" && pwd)"
work="$(mktemp -d "$OUT_DIR/.generate.XXXXXX")"
trap 'rm -rf -- "$work"' EXIT

ca_crt="$OUT_DIR/ca.crt"
ca_key="$OUT_DIR/ca.key"

# ---- CA: reuse or create -----------------------------------------------------
reuse_ca=0
replaced_ca=0
if [[ "$FORCE_CA" != 1 ]] && [[ -e "$ca_crt" || -e "$ca_key" ]]; then
  [[ -f "$ca_crt" && -f "$ca_key" ]] ||
    die "$OUT_DIR has only one of ca.crt/ca.key; remove it or pass --force-ca"
  openssl x509 -in "$ca_crt" -noout 2>/dev/null || die "$ca_crt is not a PEM certificate; pass --force-ca"
  ca_cert_pub="$(openssl x509 -in "$ca_crt" -noout -pubkey)"
  ca_key_pub="$(openssl pkey -in "$ca_key" -pubout 2>/dev/null)" || die "$ca_key is not a readable private key; pass --force-ca"
  [[ "$ca_cert_pub" == "$ca_key_pub" ]] || die "ca.key does not match ca.crt in $OUT_DIR; pass --force-ca"
  ca_text="$(openssl x509 -in "$ca_crt" -noout -text)"
  [[ "$ca_text" == *"CA:TRUE"* ]] ||
    die "$ca_crt is not a CA certificate (no CA:TRUE); pass --force-ca"
  openssl x509 -in "$ca_crt" -noout -checkend 0 >/dev/null ||
    die "the CA in $OUT_DIR has expired; pass --force-ca"
  if ! openssl x509 -in "$ca_crt" -noout -checkend "$((DAYS * 86400))" >/dev/null; then
    log "warning: the CA expires before the new serving certificate ($DAYS days);" \
      "clients will reject it once the CA expires. Consider --force-ca."
  fi
  chmod 0600 "$ca_key"
  reuse_ca=1
  ca_subject="$(openssl x509 -in "$ca_crt" -noout -subject)"
  log "reusing the CA in $OUT_DIR ($ca_subject)"
else
  if [[ -e "$ca_crt" ]]; then replaced_ca=1; fi
  cat >"$work/ca.cnf" <<EOF
[req]
distinguished_name = dn
prompt = no
[dn]
CN = $SERVICE.$NAMESPACE webhook CA
[v3_ca]
basicConstraints = critical,CA:TRUE,pathlen:0
keyUsage = critical,keyCertSign,cRLSign
subjectKeyIdentifier = hash
EOF
  new_key "$work/ca.key"
  serial="$(new_serial)"
  ossl req -x509 -new -key "$work/ca.key" -config "$work/ca.cnf" -extensions v3_ca \
    -sha256 -days "$CA_DAYS" -set_serial "$serial" -out "$work/ca.crt"
  log "made a new $KEY_TYPE CA, valid $CA_DAYS days"
fi

# The CA used to sign: the new one from $work, or the reused one.
if [[ "$reuse_ca" == 1 ]]; then sign_crt="$ca_crt" sign_key="$ca_key"; else sign_crt="$work/ca.crt" sign_key="$work/ca.key"; fi

# ---- serving certificate --------------------------------------------------------
# keyEncipherment only makes sense for RSA key transport; EC keys only sign.
if [[ "$KEY_TYPE" == ec ]]; then key_usage="critical,digitalSignature"; else key_usage="critical,digitalSignature,keyEncipherment"; fi
cat >"$work/tls.cnf" <<EOF
[req]
distinguished_name = dn
prompt = no
[dn]
CN = $SERVICE.$NAMESPACE.svc
[v3_server]
basicConstraints = critical,CA:FALSE
keyUsage = $key_usage
extendedKeyUsage = serverAuth
subjectAltName = $san_line
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid:always
EOF
new_key "$work/tls.key"
ossl req -new -key "$work/tls.key" -config "$work/tls.cnf" -out "$work/tls.csr"
serial="$(new_serial)"
ossl x509 -req -in "$work/tls.csr" -CA "$sign_crt" -CAkey "$sign_key" \
  -extfile "$work/tls.cnf" -extensions v3_server -sha256 -days "$DAYS" \
  -set_serial "$serial" -out "$work/tls.crt"

openssl verify -CAfile "$sign_crt" "$work/tls.crt" >/dev/null 2>&1 ||
  die "the new serving certificate does not verify against the CA (this is a bug)"

# ---- install ---------------------------------------------------------------
# Each file is renamed into place (atomic per file). The key goes before the
# certificate, so a reloader that watches tls.crt sees a matching pair.
install_file() { # install_file NAME MODE
  chmod "$2" "$work/$1"
  mv -f -- "$work/$1" "$OUT_DIR/$1"
}
if [[ "$reuse_ca" == 0 ]]; then
  install_file ca.key 0600
  install_file ca.crt 0644
fi
install_file tls.key 0600
install_file tls.crt 0644

log "wrote $OUT_DIR/{ca.crt,ca.key,tls.crt,tls.key}"
tls_subject="$(openssl x509 -in "$OUT_DIR/tls.crt" -noout -subject)"
log "serving certificate: $tls_subject, $DAYS days"
log "SANs: $san_line"
if [[ "$replaced_ca" == 1 ]]; then
  log "the CA was replaced: update every caBundle (and Secret) that carried the old one"
fi
log "next steps (see certs/README.md):"
log "  kubectl -n $NAMESPACE create secret tls $SERVICE-tls --cert=$OUT_DIR/tls.crt --key=$OUT_DIR/tls.key --dry-run=client -o yaml | kubectl apply -f -"
log "  set webhooks[].clientConfig.caBundle to the line below"

# The one line on stdout.
openssl base64 -A -in "$OUT_DIR/ca.crt"
echo
