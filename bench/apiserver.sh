#!/usr/bin/env bash
# Fake API server benchmark: create, get, list (with label and field selectors), merge patch, watch fan-out and
# pods started by simulated nodes, with the real KubernetesClient, against a bare Kestrel endpoint replaying the
# fake server's own answers, in one run, interleaved round by round, over HTTP and HTTPS.
#
#   bash bench/apiserver.sh [--rounds N] [--duration S] [--warmup S] [--objects N] [--node-pods N]
#                           [--transports http,https]
#
# Builds bench/ApiServer in Release and runs it. Progress and the Markdown table go to stderr; the table is also
# written to bench/results/apiserver-<date>.md (git-ignored). Needs the .NET SDK and bash. Every address is 127.0.0.1.
set -euo pipefail

ROOT="$(cd -- "$(dirname -- "${BASH_SOURCE[0]}")/.." && pwd)"
readonly ROOT
# shellcheck source=bench/common.sh
source "$ROOT/bench/common.sh"

bench_args=()
while [[ $# -gt 0 ]]; do
  case "$1" in
    -h | --help) bench_usage "${BASH_SOURCE[0]}" 10; exit 0 ;;
    --rounds | --duration | --warmup | --objects | --node-pods | --transports)
      bench_need_value "$1" $# "${2-}"
      bench_args+=("$1" "$2"); shift 2 ;;
    *) bench_usage "${BASH_SOURCE[0]}" 10 >&2; echo "apiserver.sh: unknown option: $1" >&2; exit 2 ;;
  esac
done

bench_build_release "$ROOT/bench/ApiServer"
results="$(bench_results_file "$ROOT" apiserver)"
dll="$ROOT/bench/ApiServer/bin/Release/net10.0/Interceptor.Bench.ApiServer.dll"

status=0
cd "$ROOT"
dotnet "$dll" --repo-root "$ROOT" --results "$results" --revision "$(bench_revision "$ROOT" src/Interceptor.Simulator)" ${bench_args[@]+"${bench_args[@]}"} || status=$?
echo "apiserver.sh: exit status $status; report: ${results#"$ROOT"/}" >&2
exit "$status"
