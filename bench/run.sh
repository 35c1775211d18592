#!/usr/bin/env bash
# Admission webhook benchmark: the real interceptor (allow path, steady deny path, first deny) against a bare
# Kestrel endpoint with the same TLS and certificate, in one run, interleaved round by round.
#
#   bash bench/run.sh [--duration S] [--warmup S] [--rounds N] [--concurrency 16,1] [--no-breakdown]
#                     [--first-deny-pods N] [--no-log-variant] [--no-bare-variants] [--service-log FILE]
#
# Builds bench/Interceptor.Bench in Release and runs it. Progress and the Markdown table go to stderr; the table
# is also written to bench/results/admission-<date>.md (git-ignored). The interceptor logs to stdout (its console
# sink, as in a pod); that stream is piped to a byte counter, as a container runtime would read it, unless
# --service-log FILE keeps it. Needs the .NET SDK, bash and openssl (certs/generate.sh makes the certificates).
set -euo pipefail

ROOT="$(cd -- "$(dirname -- "${BASH_SOURCE[0]}")/.." && pwd)"
readonly ROOT
# shellcheck source=bench/common.sh
source "$ROOT/bench/common.sh"

usage() {
  bench_usage "${BASH_SOURCE[0]}" 11
}

bench_args=()
service_log=""
while [[ $# -gt 0 ]]; do
  case "$1" in
    -h | --help) usage; exit 0 ;;
    --duration | --warmup | --rounds | --concurrency | --first-deny-pods)
      bench_need_value "$1" $# "${2-}"
      bench_args+=("$1" "$2"); shift 2 ;;
    --no-log-variant | --no-bare-variants | --no-breakdown) bench_args+=("$1"); shift ;;
    --service-log)
      bench_need_value "$1" $# "${2-}"
      service_log="$2"; shift 2 ;;
    *) usage >&2; echo "run.sh: unknown option: $1" >&2; exit 2 ;;
  esac
done

command -v openssl >/dev/null 2>&1 || { echo "run.sh: openssl is required (certs/generate.sh)" >&2; exit 1; }

bench_build_release "$ROOT/bench/Interceptor.Bench"

results="$(bench_results_file "$ROOT" admission)"
dll="$ROOT/bench/Interceptor.Bench/bin/Release/net10.0/Interceptor.Bench.dll"
counts="$(mktemp)"
trap 'rm -f -- "$counts"' EXIT

bench_args+=(--revision "$(bench_revision "$ROOT" src/Interceptor)")

status=0
cd "$ROOT"
if [[ -n "$service_log" ]]; then
  dotnet "$dll" --repo-root "$ROOT" --results "$results" ${bench_args[@]+"${bench_args[@]}"} >"$service_log" || status=$?
  wc -lc <"$service_log" >"$counts"
else
  dotnet "$dll" --repo-root "$ROOT" --results "$results" ${bench_args[@]+"${bench_args[@]}"} | wc -lc >"$counts" || status=$?
fi

read -r lines bytes <"$counts"
summary="Interceptor console log during the whole run (both instances, warm-up included): ${lines} lines, ${bytes} bytes on stdout."
if [[ -f "$results" ]]; then
  printf '\n%s\n' "$summary" >>"$results"
fi
echo "$summary" >&2
echo "run.sh: exit status $status; report: ${results#"$ROOT"/}" >&2
exit "$status"
