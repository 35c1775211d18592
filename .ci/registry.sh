#!/usr/bin/env bash
# A real OCI registry on loopback for the checkpoint-image tests: Debian's docker-registry
# (distribution 2.8), storage on a temp dir, deletes enabled, twice: plain HTTP and TLS with a CA made here.
#
#   source .ci/registry.sh && interceptor_registry_start   # CI: exports the variables below, stops on EXIT
#   .ci/registry.sh                                          # by hand: prints the exports, runs until Ctrl-C
#
# Exports: INTERCEPTOR_TEST_REGISTRY       http://127.0.0.1:PORT
#          INTERCEPTOR_TEST_REGISTRY_TLS   https://127.0.0.1:PORT (certificate for 127.0.0.1, issued by the CA below)
#          INTERCEPTOR_TEST_REGISTRY_CA    PEM file of that CA
# Needs root for apt when docker-registry, skopeo or openssl is missing.

interceptor_registry_install() {
  local missing=()
  command -v docker-registry >/dev/null 2>&1 || missing+=(docker-registry)
  command -v skopeo >/dev/null 2>&1 || missing+=(skopeo)
  command -v openssl >/dev/null 2>&1 || missing+=(openssl)
  command -v python3 >/dev/null 2>&1 || missing+=(python3)
  if [ ${#missing[@]} -gt 0 ]; then
    echo "registry: installing ${missing[*]}" >&2
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
  fi
}

# A port nothing listens on now; the registry binds it a moment later (a race we accept on loopback).
interceptor_registry_free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}

interceptor_registry_certs() {
  local dir=$1
  openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj "/CN=interceptor-test-registry-ca" \
    -addext "basicConstraints=critical,CA:TRUE" -addext "keyUsage=critical,keyCertSign,cRLSign" \
    -keyout "$dir/ca.key" -out "$dir/ca.crt" 2>/dev/null
  openssl req -newkey rsa:2048 -nodes -subj "/CN=127.0.0.1" -keyout "$dir/tls.key" -out "$dir/tls.csr" 2>/dev/null
  printf 'subjectAltName=IP:127.0.0.1\nbasicConstraints=CA:FALSE\nextendedKeyUsage=serverAuth\n' > "$dir/ext.cnf"
  openssl x509 -req -in "$dir/tls.csr" -CA "$dir/ca.crt" -CAkey "$dir/ca.key" -CAcreateserial -days 2 \
    -extfile "$dir/ext.cnf" -out "$dir/tls.crt" 2>/dev/null
  chmod 600 "$dir"/*.key
}

# $1 dir, $2 port, $3 extra YAML under http: (TLS or nothing)
interceptor_registry_run() {
  local dir=$1 port=$2 tls=$3
  mkdir -p "$dir/data"
  cat > "$dir/config.yml" <<YAML
version: 0.1
log:
  level: warn
storage:
  filesystem:
    rootdirectory: $dir/data
  delete:
    enabled: true
http:
  addr: 127.0.0.1:$port
$tls
YAML
  docker-registry serve "$dir/config.yml" > "$dir/registry.log" 2>&1 &
  echo $!
}

interceptor_registry_wait() {
  local url=$1 ca=${2:-} i
  for i in $(seq 1 100); do
    if python3 - "$url" "$ca" <<'PY' 2>/dev/null; then return 0; fi
import ssl, sys, urllib.request
url, ca = sys.argv[1], sys.argv[2]
context = ssl.create_default_context(cafile=ca) if ca else None
urllib.request.urlopen(url + "/v2/", timeout=1, context=context)
PY
    sleep 0.1
  done
  echo "registry: $url/v2/ did not answer" >&2
  return 1
}

interceptor_registry_stop() {
  local i pid
  kill ${INTERCEPTOR_REGISTRY_PIDS:-} 2>/dev/null || true
  # A registry takes a moment to stop; its storage is removed only after both have.
  for pid in ${INTERCEPTOR_REGISTRY_PIDS:-}; do
    for i in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
  done
  [ -n "${INTERCEPTOR_REGISTRY_DIR:-}" ] && rm -rf "$INTERCEPTOR_REGISTRY_DIR"
  INTERCEPTOR_REGISTRY_PIDS=""
}

interceptor_registry_start() {
  interceptor_registry_install
  INTERCEPTOR_REGISTRY_DIR=$(mktemp -d)
  local plain_port tls_port plain_pid tls_pid
  interceptor_registry_certs "$INTERCEPTOR_REGISTRY_DIR"
  plain_port=$(interceptor_registry_free_port)
  plain_pid=$(interceptor_registry_run "$INTERCEPTOR_REGISTRY_DIR/plain" "$plain_port" "")
  tls_port=$(interceptor_registry_free_port)
  tls_pid=$(interceptor_registry_run "$INTERCEPTOR_REGISTRY_DIR/tls" "$tls_port" "  tls:
    certificate: $INTERCEPTOR_REGISTRY_DIR/tls.crt
    key: $INTERCEPTOR_REGISTRY_DIR/tls.key")
  INTERCEPTOR_REGISTRY_PIDS="$plain_pid $tls_pid"
  # Chain onto whatever EXIT trap the caller has, so sourcing this does not drop its cleanup.
  local previous
  previous=$(trap -p EXIT | sed -E "s/^trap -- '(.*)' EXIT$/\1/")
  trap "interceptor_registry_stop${previous:+; $previous}" EXIT
  export INTERCEPTOR_TEST_REGISTRY="http://127.0.0.1:$plain_port"
  export INTERCEPTOR_TEST_REGISTRY_TLS="https://127.0.0.1:$tls_port"
  export INTERCEPTOR_TEST_REGISTRY_CA="$INTERCEPTOR_REGISTRY_DIR/ca.crt"
  interceptor_registry_wait "$INTERCEPTOR_TEST_REGISTRY" \
    && interceptor_registry_wait "$INTERCEPTOR_TEST_REGISTRY_TLS" "$INTERCEPTOR_TEST_REGISTRY_CA" \
    && echo "registry: $INTERCEPTOR_TEST_REGISTRY and $INTERCEPTOR_TEST_REGISTRY_TLS" >&2
}

if [ "${BASH_SOURCE[0]}" = "$0" ]; then
  set -euo pipefail
  interceptor_registry_start
  echo "export INTERCEPTOR_TEST_REGISTRY=$INTERCEPTOR_TEST_REGISTRY"
  echo "export INTERCEPTOR_TEST_REGISTRY_TLS=$INTERCEPTOR_TEST_REGISTRY_TLS"
  echo "export INTERCEPTOR_TEST_REGISTRY_CA=$INTERCEPTOR_TEST_REGISTRY_CA"
  trap 'exit 0' INT TERM
  # The registries were started from command substitutions, so they are not this shell's children to wait for.
  while kill -0 $INTERCEPTOR_REGISTRY_PIDS 2>/dev/null; do sleep 1; done
fi
