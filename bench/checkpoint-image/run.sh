#!/usr/bin/env bash
# Checkpoint archive -> pushed OCI checkpoint image on loopback: Interceptor's CheckpointImageBuilder
# against buildah doing the same job (from scratch, add, config --annotation, commit, push), same
# registry (.ci/registry.sh), same run, archives of random (incompressible) and compressible pages.
#
#   bench/checkpoint-image/run.sh [--large] [--rounds N]
#
# --large adds 2 GiB archives to the 256 MiB ones. Needs root (buildah with the vfs driver, apt).
# Wall time and peak RSS of every process come from /usr/bin/time; buildah's are summed (time) and
# maxed (RSS) over its five commands. Each buildah run gets a freshly generated archive and its own
# storage, so no layer is ever reused from an earlier run (buildah skips blobs it has pushed before).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."

sizes_mib=(256)
rounds=1
while [ $# -gt 0 ]; do
  case "$1" in
    --large) sizes_mib+=(2048) ;;
    --rounds) rounds=$2; shift ;;
    *) echo "usage: $0 [--large] [--rounds N]" >&2; exit 2 ;;
  esac
  shift
done

for tool in buildah /usr/bin/time; do
  command -v "$tool" >/dev/null 2>&1 || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq buildah time >/dev/null; }
done

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
source .ci/registry.sh && interceptor_registry_start
registry_host=${INTERCEPTOR_TEST_REGISTRY#http://}

dotnet build -c Release bench/checkpoint-image -v q -nologo >/dev/null
bench=bench/checkpoint-image/bin/Release/net10.0/Interceptor.CheckpointImageBench
fixtures=tests/Interceptor.Checkpoint.Tests/Fixtures/checkpointctl
results="$work/results.tsv"
seed=1

make_archive() { # $1 path $2 MiB $3 kind
  seed=$((seed + 10))
  "$bench" make-archive "$1" "$fixtures" $(($2 * 1024 * 1024)) "$3" "$seed"
}

# Appends "size kind tool variant seconds peak_rss_kb layer_bytes archive_bytes".
run_ours() { # $1 MiB $2 kind $3 compression $4 archive
  local out
  out=$(/usr/bin/time -f "time %e %M" "$bench" push "$INTERCEPTOR_TEST_REGISTRY" "$4" "$3" "bench/ours-$3-$seed-$RANDOM" 2>&1)
  local seconds rss layer
  seconds=$(sed -n 's/^time \([0-9.]*\) .*/\1/p' <<<"$out")
  rss=$(sed -n 's/^time [0-9.]* \([0-9]*\)$/\1/p' <<<"$out")
  layer=$(sed -n 's/.* layer_bytes=\([0-9]*\).*/\1/p' <<<"$out")
  printf '%s\t%s\tinterceptor\t%s\t%s\t%s\t%s\t%s\n' "$1" "$2" "$3" "$seconds" "$rss" "$layer" "$(stat -c %s "$4")" >> "$results"
}

run_buildah() { # $1 MiB $2 kind $3 variant (gzip|none) $4 archive
  local root="$work/buildah-$seed" times="$work/buildah-times" ref="$registry_host/bench/buildah-$3-$seed-$RANDOM:bench"
  local b=(buildah --storage-driver vfs --root "$root/root" --runroot "$root/run")
  local flags=(--tls-verify=false)
  [ "$3" = none ] && flags+=(--disable-compression)
  : > "$times"
  /usr/bin/time -a -o "$times" -f "%e %M" "${b[@]}" from --name ckpt scratch >/dev/null
  /usr/bin/time -a -o "$times" -f "%e %M" "${b[@]}" add ckpt "$4" / >/dev/null
  /usr/bin/time -a -o "$times" -f "%e %M" "${b[@]}" config --annotation io.kubernetes.cri-o.annotations.checkpoint.name=container-name ckpt
  /usr/bin/time -a -o "$times" -f "%e %M" "${b[@]}" commit -q ckpt "localhost/ckpt:$seed" >/dev/null
  /usr/bin/time -a -o "$times" -f "%e %M" "${b[@]}" push -q "${flags[@]}" "localhost/ckpt:$seed" "docker://$ref"
  local layer
  layer=$(skopeo inspect --raw --tls-verify=false "docker://$ref" | python3 -c 'import json,sys; print(json.load(sys.stdin)["layers"][0]["size"])')
  awk -v s="$1" -v k="$2" -v v="$3" -v l="$layer" -v a="$(stat -c %s "$4")" \
    '{ t += $1; if ($2 > m) m = $2 } END { printf "%s\t%s\tbuildah\t%s\t%.2f\t%d\t%s\t%s\n", s, k, v, t, m, l, a }' "$times" >> "$results"
  "${b[@]}" rm -a >/dev/null 2>&1 || true
  rm -rf "$root"
}

for size in "${sizes_mib[@]}"; do
  for kind in random compressible; do
    for round in $(seq 1 "$rounds"); do
      echo "bench: ${size} MiB ${kind}, round ${round}" >&2
      archive="$work/ours.tar"
      make_archive "$archive" "$size" "$kind"
      for compression in none gzip zstd; do run_ours "$size" "$kind" "$compression" "$archive"; done
      rm -f "$archive"
      for variant in gzip none; do
        archive="$work/buildah.tar"
        make_archive "$archive" "$size" "$kind"
        run_buildah "$size" "$kind" "$variant" "$archive"
        rm -f "$archive"
      done
    done
  done
done

python3 - "$results" <<'PY'
import collections, statistics, sys
rows = collections.defaultdict(list)
for line in open(sys.argv[1]):
    size, kind, tool, variant, seconds, rss, layer, archive = line.split("\t")
    rows[(int(size), kind, tool, variant)].append((float(seconds), int(rss), int(layer), int(archive)))
def med(key, i):
    return statistics.median(r[i] for r in rows[key])
print(f"{'archive':>8} {'data':<13} {'tool':<12} {'layer':<5} {'seconds':>8} {'MB/s':>7} {'peak RSS MB':>11} {'layer/archive':>13}")
for key in sorted(rows):
    size, kind, tool, variant = key
    s, rss, layer, archive = med(key, 0), med(key, 1), med(key, 2), med(key, 3)
    print(f"{size:>5} MiB {kind:<13} {tool:<12} {variant:<5} {s:>8.2f} {archive / s / 1e6:>7.1f} {rss / 1024:>11.1f} {layer / archive:>13.3f}")
print()
print("throughput ratio interceptor / buildah (same archive size and data, medians):")
for size, kind in sorted({(k[0], k[1]) for k in rows}):
    b_gzip, b_none = rows.get((size, kind, "buildah", "gzip")), rows.get((size, kind, "buildah", "none"))
    for ours in ("none", "gzip", "zstd"):
        o = med((size, kind, "interceptor", ours), 0)
        print(f"  {size:>5} MiB {kind:<13} interceptor {ours:<4}: "
              f"{med((size, kind, 'buildah', 'gzip'), 0) / o:5.2f}x buildah (gzip, its default), "
              f"{med((size, kind, 'buildah', 'none'), 0) / o:5.2f}x buildah --disable-compression")
PY
