#!/usr/bin/env bash
# The load generator's speed benchmark (issue #4), not a test. Two questions:
#
#  1. Latency floor: ping-pong, TCP, 64 B. sockbench's median round trip against each model,
#     next to sockperf's (sockperf prints one-way latency: half the round trip) in the same run:
#     `sockperf ping-pong --tcp` as is, and with both sides busy-polling (--nonblocked --timeout 0).
#  2. Never the bottleneck: CPU us per request of the generator and of the server, both read from
#     /proc over the measured interval (between PHASE measure and PHASE done), closed loop at the
#     server's capacity.
#
# Server on CPU 1, load generator (and sockperf's client) on CPU 0, like the suite runner pins them.
# Needs: a built bench/target/sockbench.jar (./run.sh builds it), sockperf (apt-get install sockperf),
# taskset, python3. Usage: loadgen/speed-benchmark.sh [rounds] [seconds]
set -euo pipefail
cd "$(dirname "$0")/.."
ROUNDS=${1:-3}
SECS=${2:-10}
JAVA=${JAVA_HOME:+$JAVA_HOME/bin/}java
JAR=bench/target/sockbench.jar
FLAGS=(--sun-misc-unsafe-memory-access=allow --enable-native-access=ALL-UNNAMED --add-exports=java.base/sun.nio.ch=ALL-UNNAMED)
OUT=$(mktemp -d)
trap 'rm -rf "$OUT"' EXIT
command -v sockperf >/dev/null || { echo "sockperf not found: apt-get install -y sockperf" >&2; exit 2; }
[ -f "$JAR" ] || { echo "$JAR not found: run ./run.sh once to build it" >&2; exit 2; }

start_server() { # model -> sets SP, EP
  taskset -c 1 "$JAVA" "${FLAGS[@]}" -cp "$JAR" dev.sockbench.servers.ServerMain -m "$1" > "$OUT/srv" 2>&1 &
  SP=$!
  for _ in $(seq 100); do grep -q LISTENING "$OUT/srv" && break; sleep 0.1; done
  EP=$(awk '/LISTENING/ {print $2}' "$OUT/srv")
}
stop_server() { kill "$SP"; wait "$SP" 2>/dev/null || true; }
cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }

sockperf_rtt() { # [extra sockperf options for both sides] -> median round trip, us
  # shellcheck disable=SC2068
  taskset -c 1 sockperf server --tcp -i 127.0.0.1 -p 11111 $@ > "$OUT/sps" 2>&1 &
  local s=$!
  sleep 1
  # shellcheck disable=SC2068
  taskset -c 0 sockperf ping-pong --tcp -i 127.0.0.1 -p 11111 -t "$SECS" -m 64 $@ > "$OUT/sp" 2>&1
  kill "$s"; wait "$s" 2>/dev/null || true
  awk '/percentile 50.000 =/ {print 2 * $NF}' "$OUT/sp"
}

loadgen() { # args... -> runs against $EP, prints the summary file; fills $OUT/ticks with server/generator CPU ticks
  coproc LG { exec taskset -c 0 "$JAVA" "${FLAGS[@]}" -cp "$JAR" dev.sockbench.loadgen.LoadgenMain \
      --target "$EP" "$@" --json "$OUT/summary.json" 2>/dev/null; }
  local gp=$LG_PID s0=0 s1=0 g0=0 g1=0 line
  while read -r line <&"${LG[0]}"; do
    case "$line" in
      "PHASE measure") s0=$(cpu_ticks "$SP"); g0=$(cpu_ticks "$gp") ;;
      "PHASE done") s1=$(cpu_ticks "$SP"); g1=$(cpu_ticks "$gp") ;;
    esac
  done
  wait "$gp" || true
  echo "$((s1 - s0)) $((g1 - g0))" > "$OUT/ticks"
}

echo "# $(date -u +%Y-%m-%dT%H:%MZ) $(uname -r), $(nproc) CPUs, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $("$JAVA" -version 2>&1 | head -1)"
echo "# load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "## ping-pong, TCP, 64 B: median round trip, us ($ROUNDS rounds of ${SECS}s, interleaved)"
MODELS=(blocking-platform nio-epoll netty-epoll-et netty-epoll-lt netty-iouring)
for r in $(seq "$ROUNDS"); do
  printf 'round %s: sockperf %s, sockperf-busy-poll %s' "$r" "$(sockperf_rtt)" "$(sockperf_rtt --nonblocked --timeout 0)"
  for m in "${MODELS[@]}"; do
    start_server "$m"
    loadgen -s ping-pong -d "${SECS}s" --warmup 3s
    stop_server
    printf ', %s %s' "$m" "$(python3 -c "import json; print(json.load(open('$OUT/summary.json'))['latencyUs']['raw']['p50'])")"
  done
  echo
done

echo "## closed loop at capacity: CPU us per request, server vs generator (generator pinned to 1 CPU, -t 1)"
TCK=$(getconf CLK_TCK)
for m in netty-epoll-et nio-epoll; do
  for load in "-c 16" "-c 16 --depth 4"; do
    for r in $(seq "$ROUNDS"); do
      start_server "$m"
      # shellcheck disable=SC2086
      loadgen -s closed $load -t 1 -d "${SECS}s" --warmup 5s
      stop_server
      read -r st gt < "$OUT/ticks"
      python3 - "$m" "$load" "$st" "$gt" "$TCK" "$OUT/summary.json" <<'PY'
import json, sys
m, load, st, gt, tck, f = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4]), int(sys.argv[5]), sys.argv[6]
s = json.load(open(f))
req = s["requests"]
print(f"{m} closed {load}: {s['achievedRatePerSec']:.0f}/s, server {st * 1e6 / tck / req:.2f} us/req, "
      f"generator {gt * 1e6 / tck / req:.2f} us/req, generator busiest thread {s['generator']['busyPercent']:.0f}%")
PY
    done
  done
done
echo "# load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
