#!/usr/bin/env bash
# Webhook memory with big clusters: peak RSS (VmHWM) of the real webhook, run as its own process until /readyz is
# green, against the fake API server seeded with realistic pods (10,000 and 50,000 by default), against the 256 Mi limit.
#
#   bash bench/cache-memory.sh [--pods 10000,50000] [--baseline GIT-REV] [--container-limit MIB]
#
# Builds src/Interceptor and bench/CacheMemory in Release and runs the webhook from this tree ("this tree"); with
# --baseline, also builds src/Interceptor of that revision (git archive into a temporary directory) and measures it
# first, against the same fake server. --container-limit also runs each build with the GC heap limit .NET sets in a
# container of that size. The report goes to stderr and bench/results/cache-memory-<date>.md (git-ignored).
set -euo pipefail

ROOT="$(cd -- "$(dirname -- "${BASH_SOURCE[0]}")/.." && pwd)"
readonly ROOT
# shellcheck source=bench/common.sh
source "$ROOT/bench/common.sh"

bench_args=()
baseline=""
while [[ $# -gt 0 ]]; do
  case "$1" in
    -h | --help) bench_usage "${BASH_SOURCE[0]}" 10; exit 0 ;;
    --pods | --container-limit)
      bench_need_value "$1" $# "${2-}"
      bench_args+=("$1" "$2"); shift 2 ;;
    --baseline)
      bench_need_value "$1" $# "${2-}"
      baseline="$2"; shift 2 ;;
    *) bench_usage "${BASH_SOURCE[0]}" 10 >&2; echo "cache-memory.sh: unknown option: $1" >&2; exit 2 ;;
  esac
done

interceptor_dll() {
  echo "$1/src/Interceptor/bin/Release/net10.0/Interceptor.dll"
}

builds=()
if [[ -n "$baseline" ]]; then
  tree="$(mktemp -d)"
  trap 'rm -rf -- "$tree"' EXIT
  git -C "$ROOT" archive "$baseline" | tar -x -C "$tree"
  bench_build_release "$tree/src/Interceptor"
  builds+=(--build "$(git -C "$ROOT" rev-parse --short "$baseline")=$(interceptor_dll "$tree")")
fi
bench_build_release "$ROOT/src/Interceptor"
bench_build_release "$ROOT/bench/CacheMemory"
builds+=(--build "this tree=$(interceptor_dll "$ROOT")")

results="$(bench_results_file "$ROOT" cache-memory)"
dll="$ROOT/bench/CacheMemory/bin/Release/net10.0/Interceptor.Bench.CacheMemory.dll"
status=0
cd "$ROOT"
dotnet "$dll" --repo-root "$ROOT" --results "$results" --revision "$(bench_revision "$ROOT" src/Interceptor)" \
  "${builds[@]}" ${bench_args[@]+"${bench_args[@]}"} || status=$?
echo "cache-memory.sh: exit status $status; report: ${results#"$ROOT"/}" >&2
exit "$status"
