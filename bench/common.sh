# shellcheck shell=bash
# Shared by the benchmark commands in bench/ (source it; it defines functions only).

# Prints the usage text: the script's header comment from line 2 to line $2, without the leading "# ".
bench_usage() {
  sed -n "2,${2}p" "$1" | sed 's/^# \{0,1\}//'
}

# Fails with status 2 unless option $1 has a non-empty value; call as: bench_need_value "$1" $# "${2-}".
bench_need_value() {
  [[ $2 -ge 2 && -n "$3" ]] || { echo "$(basename -- "$0"): $1 needs a value" >&2; exit 2; }
}

# Builds project directory $1 in Release, after checking the .NET SDK is there.
bench_build_release() {
  command -v dotnet >/dev/null 2>&1 || { echo "$(basename -- "$0"): the .NET SDK (dotnet) is required" >&2; exit 1; }
  echo "$(basename -- "$0"): building ${1#"$ROOT"/} (Release)" >&2
  dotnet build -c Release "$1" -nologo -v quiet >&2
}

# The measured source: git describe of the repository at $1, noting uncommitted changes under $2 (what the bench measures).
bench_revision() {
  local revision
  revision="$(git -C "$1" describe --always --dirty 2>/dev/null || echo unknown)"
  if [[ -n "$(git -C "$1" status --porcelain -- "$2" 2>/dev/null)" ]]; then
    revision+=" ($2 has uncommitted changes)"
  fi
  echo "$revision"
}

# A new report path bench/results/$2-<UTC date-time>.md under the repository at $1 (git-ignored), its folder made.
bench_results_file() {
  mkdir -p "$1/bench/results"
  echo "$1/bench/results/$2-$(date -u +%Y-%m-%d-%H%M%S).md"
}
