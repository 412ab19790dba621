#!/usr/bin/env bash
# soak.sh: one model under steady load for minutes — does anything of its server grow?
#
#   bench/scripts/soak.sh MODEL [--minutes N] [--transport T] [-R RATE | --slo SLO] [--connections C]
#
# 1. Capacity (skipped with -R): `./run.sh run --shape capacity --slo SLO` (default p99=1ms
#    corrected, the quick suite's objective; a busy machine may find none below it: then give a
#    looser --slo, e.g. p99=10ms, or -R); the soak rate is 80% of it.
# 2. The soak: `sockbench server` and `sockbench loadgen --shape open -R <rate>` for N minutes
#    (default 10; 10 s warm-up before), placed as the suite runner places them: the server on
#    CPU 1, the generator's JVM beside it and its workers alone on CPU 0 (--worker-cpus).
# 3. Each minute: the server process's RSS, open descriptors and threads (/proc, 2 s before the
#    minute's end, while the load is still on), printed as they come; at the end, with each minute's corrected p99 (the minute's
#    one-second histograms of latency.hlog added up by HdrHistogram's HistogramLogProcessor,
#    never percentiles averaged) and what changed from the first minute to the last.
#
# Defaults: TCP, 8 connections, 64 B. Loopback only. Exit 0 when the generator ran to its end
# (its self-check verdict is printed; an invalid soak still shows its trend), 2 for bad input.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
RUN="$ROOT/run.sh"
JAR="$ROOT/bench/target/sockbench.jar"

usage() {
    sed -n '4p' "${BASH_SOURCE[0]}" | sed 's/^# *//' >&2
    exit 2
}
bad() { echo "soak: $*" >&2; exit 2; }

[[ $# -ge 1 && "$1" != -* ]] || usage
MODEL="$1"
shift
MINUTES=10 TRANSPORT=tcp RATE="" SLO=p99=1ms CONNECTIONS=8
while [[ $# -gt 0 ]]; do
    case "$1" in
        --minutes) MINUTES="${2:-}"; shift 2 ;;
        --transport) TRANSPORT="${2:-}"; shift 2 ;;
        -R | --rate) RATE="${2:-}"; shift 2 ;;
        --slo) SLO="${2:-}"; shift 2 ;;
        --connections) CONNECTIONS="${2:-}"; shift 2 ;;
        -h | --help) usage ;;
        *) bad "unknown option $1" ;;
    esac
done
[[ "$MINUTES" =~ ^[1-9][0-9]*$ ]] || bad "--minutes must be a whole number of minutes, got '$MINUTES'"
[[ -z "$RATE" || "$RATE" =~ ^[1-9][0-9]*$ ]] || bad "-R must be requests per second, got '$RATE'"
[[ "$CONNECTIONS" =~ ^[1-9][0-9]*$ ]] || bad "--connections must be a positive number, got '$CONNECTIONS'"

WORK="$(mktemp -d /tmp/sockbench-soak-XXXXXX)"
SERVER_JVM=""
LOADGEN=""
cleanup() {
    for pid in $LOADGEN $SERVER_JVM; do kill "$pid" 2>/dev/null || true; done
    wait 2>/dev/null || true
    rm -rf "$WORK"
}
trap cleanup EXIT

JAVA_HOME="$("$RUN" jdk)"
"$RUN" list >/dev/null # builds once, before anything is timed
SERVER_CPU=(taskset -c 1)
WORKER_CPUS=(--worker-cpus 0)
[[ $(nproc) -ge 2 ]] || { SERVER_CPU=(); WORKER_CPUS=(); }

# 1. Capacity.
if [[ -z "$RATE" ]]; then
    echo "soak: measuring $MODEL's capacity over $TRANSPORT ($SLO) ..." >&2
    "$RUN" run --models "$MODEL" --transports "$TRANSPORT" --shape capacity --slo "$SLO" --refine 3 \
        --connections "$CONNECTIONS" --warmup 1s --duration 1s --out "$WORK/capacity" >"$WORK/capacity.out" 2>&1 || true
    summary="$(ls "$WORK"/capacity/latest/cases/*/summary.json 2>/dev/null | head -n 1)"
    capacity="$([[ -n "$summary" ]] && sed -n 's/.*"capacityPerSec" : \([0-9.]*\).*/\1/p' "$summary" | head -n 1)"
    if [[ -z "$capacity" ]]; then
        tail -n 5 "$WORK/capacity.out" >&2
        bad "no capacity measured for $MODEL over $TRANSPORT at $SLO (see above); give a looser --slo or the rate with -R"
    fi
    RATE="$(awk -v c="$capacity" 'BEGIN { printf "%d", c * 0.8 }')"
    echo "soak: capacity $(printf '%.0f' "$capacity") req/s at $SLO; soaking at 80%: $RATE req/s" >&2
fi

# 2. The server, then the generator.
: >"$WORK/server.out" # there before the server writes it: the loops below read it at once
: >"$WORK/loadgen.out"
"${SERVER_CPU[@]}" "$RUN" server -m "$MODEL" -T "$TRANSPORT" >"$WORK/server.out" 2>&1 &
SERVER_JVM=$!
ENDPOINT=""
for _ in $(seq 1 600); do
    ENDPOINT="$(sed -n 's/^LISTENING //p' "$WORK/server.out")"
    [[ -n "$ENDPOINT" ]] && break
    kill -0 "$SERVER_JVM" 2>/dev/null || break
    sleep 0.1
done
[[ -n "$ENDPOINT" ]] || { cat "$WORK/server.out" >&2; bad "$MODEL did not start over $TRANSPORT"; }
# The process that holds the listening socket: the JVM, or the program it started (native-epoll).
case "$ENDPOINT" in
    tcp://*) owner="$(ss -Hltnp "sport = :${ENDPOINT##*:}")" ;;
    unix://*) owner="$(ss -Hlxp src "${ENDPOINT#unix://}")" ;;
    *) bad "the soak measures stream transports (tcp, unix-stream), not $TRANSPORT" ;;
esac
SERVER="$(sed -n 's/.*pid=\([0-9]*\).*/\1/p' <<<"$owner" | head -n 1)"
[[ -n "$SERVER" ]] || SERVER=$SERVER_JVM

"${SERVER_CPU[@]}" "$RUN" loadgen --target "$ENDPOINT" -s open -R "$RATE" -c "$CONNECTIONS" \
    -d "${MINUTES}m" --warmup 10s --hlog "$WORK/latency.hlog" --json "$WORK/summary.json" --label "$MODEL" \
    "${WORKER_CPUS[@]}" >"$WORK/loadgen.out" 2>&1 &
LOADGEN=$!
until grep -q '^PHASE measure' "$WORK/loadgen.out"; do
    kill -0 "$LOADGEN" 2>/dev/null || { tail -n 5 "$WORK/loadgen.out" >&2; bad "the generator stopped before measuring"; }
    sleep 0.2
done
start=$(date +%s)

# 3. Near each minute's end (not at it: the last one's end is the generator's, which closes its
#    connections then): the server's RSS, descriptors, threads.
echo "soak: $MODEL over $TRANSPORT at $RATE req/s, $CONNECTIONS connections, $MINUTES min (server pid $SERVER)" >&2
declare -a RSS FDS THREADS
for ((m = 1; m <= MINUTES; m++)); do
    while (($(date +%s) < start + 60 * m - 2)); do sleep 1; done
    RSS[m]="$(awk '/^VmRSS:/ { printf "%.1f", $2 / 1024 }' "/proc/$SERVER/status" 2>/dev/null || echo '?')"
    THREADS[m]="$(awk '/^Threads:/ { print $2 }' "/proc/$SERVER/status" 2>/dev/null || echo '?')"
    FDS[m]="$(ls "/proc/$SERVER/fd" 2>/dev/null | wc -l)"
    echo "  minute $m: RSS ${RSS[m]} MiB, ${FDS[m]} descriptors, ${THREADS[m]} threads" >&2
done
wait "$LOADGEN" || true
LOADGEN=""
[[ -f "$WORK/latency.hlog" ]] || { tail -n 5 "$WORK/loadgen.out" >&2; bad "the generator wrote no latency.hlog"; }

# The corrected p99 of the intervals that started within [from, to) (log seconds), µs: the first
# value of the added-up distribution whose cumulative count reaches 99% of the total.
p99_us() {
    "$JAVA_HOME/bin/java" -cp "$JAR" org.HdrHistogram.HistogramLogProcessor -i "$WORK/latency.hlog" \
        -tag corrected -outputValueUnitRatio 1000 -start "$1" -end "$2" 2>/dev/null |
        awk '/Total count/ { gsub(/[^0-9]/, "", $NF); total = $NF }
             /^ *[0-9.]+ +[0-9.]+ +[0-9]+/ { n++; value[n] = $1; count[n] = $3 }
             END { for (i = 1; i <= n; i++) if (total > 0 && count[i] >= 0.99 * total) { printf "%.1f", value[i]; exit } print "?" }'
}
first="$(grep -m 1 '^Tag=corrected,' "$WORK/latency.hlog" | cut -d, -f2)"

echo
echo "soak: $MODEL, $TRANSPORT, $RATE req/s (open loop), $CONNECTIONS connections, 64 B, $(date -u +%Y-%m-%d)"
printf '%-8s %10s %12s %8s %14s\n' minute "RSS MiB" descriptors threads "p99 µs (corr.)"
declare -a P99
for ((m = 1; m <= MINUTES; m++)); do
    from="$(awk -v f="$first" -v m="$m" 'BEGIN { printf "%.3f", f + 60 * (m - 1) - 0.5 }')"
    to="$(awk -v f="$first" -v m="$m" 'BEGIN { printf "%.3f", f + 60 * m - 0.5 }')"
    P99[m]="$(p99_us "$from" "$to")"
    printf '%-8s %10s %12s %8s %14s\n' "$m" "${RSS[m]}" "${FDS[m]}" "${THREADS[m]}" "${P99[m]}"
done
echo "first to last minute: RSS ${RSS[1]} -> ${RSS[MINUTES]} MiB, descriptors ${FDS[1]} -> ${FDS[MINUTES]}," \
    "threads ${THREADS[1]} -> ${THREADS[MINUTES]}, p99 ${P99[1]} -> ${P99[MINUTES]} µs"
valid="$(sed -n 's/.*"valid" : \(true\|false\).*/\1/p' "$WORK/summary.json" 2>/dev/null | head -n 1)"
echo "generator self-check: ${valid:-unknown}$(grep -m 1 -o '"invalidReasons" : \[[^]]*\]' "$WORK/summary.json" 2>/dev/null | sed 's/^/, /')"
