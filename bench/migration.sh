#!/usr/bin/env bash
# Live migration benchmark: the downtime the controller adds to checkpoint + transfer + restore (against a direct
# script doing the same steps with no controller, interleaved round by round), and the makespan of kubectl-style
# drains under a per-node limit against the ideal schedule, with the real interceptor, agents and embedded registry
# around a fake API server with simulated nodes.
#
#   bash bench/migration.sh [--rounds N] [--sizes 1,5,20,50,100] [--drain-rounds N] [--drain-sizes 1,5,20,50,100]
#                           [--drain-limit N] [--drain-retry S] [--poll-interval S] [--resync-interval S]
#                           [--checkpoint-ms-per-mib N] [--memory-mib N] [--restore-ms N] [--ready-ms N]
#                           [--no-downtime] [--no-drain] [--samples FILE] [--service-log FILE]
#
# Builds bench/Migration in Release and runs it. Progress and the Markdown report go to stderr; the report is also
# written to bench/results/migration-<date>.md (git-ignored). The services log JSON to stdout (Warning and above):
# counted, or kept with --service-log FILE. Needs the .NET SDK and bash. Every address is 127.0.0.1.
set -euo pipefail

ROOT="$(cd -- "$(dirname -- "${BASH_SOURCE[0]}")/.." && pwd)"
readonly ROOT
# shellcheck source=bench/common.sh
source "$ROOT/bench/common.sh"

bench_args=()
service_log=""
while [[ $# -gt 0 ]]; do
  case "$1" in
    -h | --help) bench_usage "${BASH_SOURCE[0]}" 14; exit 0 ;;
    --rounds | --sizes | --drain-rounds | --drain-sizes | --drain-limit | --drain-retry | --poll-interval | --resync-interval \
      | --checkpoint-ms-per-mib | --memory-mib | --restore-ms | --ready-ms | --samples)
      bench_need_value "$1" $# "${2-}"
      bench_args+=("$1" "$2"); shift 2 ;;
    --no-downtime | --no-drain) bench_args+=("$1"); shift ;;
    --service-log)
      bench_need_value "$1" $# "${2-}"
      service_log="$2"; shift 2 ;;
    *) bench_usage "${BASH_SOURCE[0]}" 14 >&2; echo "migration.sh: unknown option: $1" >&2; exit 2 ;;
  esac
done

bench_build_release "$ROOT/bench/Migration"
results="$(bench_results_file "$ROOT" migration)"
dll="$ROOT/bench/Migration/bin/Release/net10.0/Interceptor.Bench.Migration.dll"
bench_args+=(--revision "$(bench_revision "$ROOT" src)")

status=0
cd "$ROOT"
if [[ -n "$service_log" ]]; then
  dotnet "$dll" --repo-root "$ROOT" --results "$results" "${bench_args[@]}" >"$service_log" || status=$?
  lines="$(wc -l <"$service_log")"
else
  counts="$(mktemp)"
  trap 'rm -f -- "$counts"' EXIT
  dotnet "$dll" --repo-root "$ROOT" --results "$results" "${bench_args[@]}" | wc -l >"$counts" || status=$?
  lines="$(cat "$counts")"
fi

if [[ -f "$results" ]]; then
  printf '\nService log lines on stdout during the whole run (interceptor and agents, Warning and above, warm-up included): %s\n' "$lines" >>"$results"
fi
echo "migration.sh: exit status $status; service log lines: $lines; report: ${results#"$ROOT"/}" >&2
exit "$status"
