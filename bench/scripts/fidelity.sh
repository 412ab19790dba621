#!/usr/bin/env bash
# fidelity.sh: sockbench against tools nobody here wrote, on this machine, in one run.
#
#   bench/scripts/fidelity.sh [SECONDS]      (default 5 s per measurement; root installs what is missing)
#
# Prints three tables, each with the exact command lines it ran:
#   1. ping-pong median round trip, 64 B: sockbench's generator against its fastest Java model
#      (netty-epoll-et) and against native-epoll, beside sockperf ping-pong against sockperf's own
#      server, in its busy-poll mode (--nonblocked --timeout 0) and its default mode (epoll_wait
#      with a 10 ms timeout), TCP and UDP; ratios to sockperf busy-poll;
#   2. JMH's SampleTime round trip (RoundTripBenchmark) against the same model over TCP: its median
#      beside the generator's, both with server and client on one CPU as JMH's fork has them
#      (they should agree within 15%);
#   3. throughput ceilings: sockbench's stream shape against native-epoll, sockperf throughput
#      (one way, 64 B), iperf3 (TCP, one stream).
# Server on CPU 1, client on CPU 0 (taskset), as the suite runner pins them. Loopback only.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
SECS="${1:-5}"
RUN="$ROOT/run.sh"
WORK="$(mktemp -d /tmp/sockbench-fidelity-XXXXXX)"
PIDS=()
cleanup() {
    for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
    wait 2>/dev/null || true
    rm -rf "$WORK"
}
trap cleanup EXIT

need() {
    command -v "$1" >/dev/null 2>&1 && return 0
    if [[ $EUID -eq 0 ]] && command -v apt-get >/dev/null 2>&1; then
        (apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q "$2") >/dev/null
    fi
    command -v "$1" >/dev/null 2>&1 || { echo "fidelity: needs $1 (package $2)" >&2; exit 2; }
}
need sockperf sockperf
need iperf3 iperf3
need python3 python3
SERVER_CPU=(taskset -c 1)
CLIENT_CPU=(taskset -c 0)
[[ $(nproc) -ge 2 ]] || { SERVER_CPU=(); CLIENT_CPU=(); }

"$RUN" list >/dev/null  # builds once, before anything is timed

# Starts a sockbench server; sets ENDPOINT.
start_server() {
    SERVERS=$((${SERVERS:-0} + 1))
    local model="$1" transport="$2" out="$WORK/server-$SERVERS.out"  # a new file: never an old LISTENING line
    local cpu=("${SERVER_CPU[@]}")
    [[ "${3:-}" == same-cpu ]] && cpu=("${CLIENT_CPU[@]}")
    "${cpu[@]}" "$RUN" server -m "$model" -T "$transport" >"$out" 2>&1 &
    PIDS+=($!)
    SERVER_PID=$!
    for _ in $(seq 1 600); do
        ENDPOINT="$(sed -n 's/^LISTENING //p' "$out")"
        [[ -n "$ENDPOINT" ]] && return 0
        sleep 0.1
    done
    echo "fidelity: $model did not start: $(cat "$out")" >&2
    exit 1
}
stop_server() { kill "$SERVER_PID" 2>/dev/null || true; wait "$SERVER_PID" 2>/dev/null || true; }

json() { python3 -c "import json,sys; d=json.load(open(sys.argv[1])); print(eval(sys.argv[2]))" "$@"; }

# sockbench ping-pong median (µs) against ENDPOINT.
sockbench_pingpong() {
    local cmd=("${CLIENT_CPU[@]}" "$RUN" loadgen --target "$ENDPOINT" -s ping-pong --payload 64 --warmup 2s -d "${SECS}s" --json "$WORK/pp.json")
    echo "${cmd[*]}" >>"$WORK/commands"
    "${cmd[@]}" >/dev/null 2>&1 || true
    json "$WORK/pp.json" "d['latencyUs']['corrected']['p50']"
}

# sockperf ping-pong median round trip (µs), TCP or UDP, busy or default.
sockperf_pingpong() {
    local proto="$1" mode="$2" port=$((11000 + RANDOM % 1000)) flag=()
    [[ $proto == tcp ]] && flag=(--tcp)
    "${SERVER_CPU[@]}" sockperf server "${flag[@]}" -i 127.0.0.1 -p "$port" >/dev/null 2>&1 &
    local spid=$!
    PIDS+=($spid)
    sleep 1
    local busy=()
    [[ $mode == busy ]] && busy=(--nonblocked --timeout 0)
    local cmd=("${CLIENT_CPU[@]}" sockperf ping-pong "${flag[@]}" -i 127.0.0.1 -p "$port" -m 64 -t "$SECS" --full-rtt "${busy[@]}")
    echo "${cmd[*]}" >>"$WORK/commands"
    "${cmd[@]}" 2>&1 | sed -n 's/.*percentile 50.000 = *\([0-9.]*\).*/\1/p' | head -n 1
    kill "$spid" 2>/dev/null || true
    wait "$spid" 2>/dev/null || true
}

ratio() { python3 -c "import sys; a,b=float(sys.argv[1]),float(sys.argv[2]); print(f'{a/b:.2f}')" "$1" "$2"; }

echo "# sockbench fidelity, $(date -u +%Y-%m-%dT%H:%MZ), $(nproc) CPUs, kernel $(uname -r), ${SECS} s each"
echo
echo "## 1. Ping-pong median round trip, 64 B (µs)"
echo
printf '| transport | sockperf busy-poll | sockperf default | sockbench → native-epoll | sockbench → netty-epoll-et | sockbench/sockperf busy |\n|---|---|---|---|---|---|\n'
for transport in tcp udp; do
    busy="$(sockperf_pingpong "$transport" busy)"
    default="$(sockperf_pingpong "$transport" default)"
    start_server native-epoll "$transport"; native="$(sockbench_pingpong)"; stop_server
    start_server netty-epoll-et "$transport"; netty="$(sockbench_pingpong)"; stop_server
    printf '| %s | %s | %s | %s | %s | %s |\n' "$transport" "$busy" "$default" "$native" "$netty" "$(ratio "$native" "$busy")"
done
echo
echo "## 2. JMH SampleTime round trip against the generator's ping-pong, TCP, nio-epoll (µs)"
echo
echo "Both on CPU 0, server and client: JMH's benchmark runs the server in its own JVM, on the"
echo "fork's CPU, and a same-CPU round trip is faster than a cross-CPU one (no wake-up of another CPU)."
echo
start_server nio-epoll tcp same-cpu; gen="$(sockbench_pingpong)"; stop_server
jmh_cmd=("${CLIENT_CPU[@]}" "$RUN" jmh RoundTrip -p model=nio-epoll -f 1 -wi 2 -w 2s -i 3 -r "${SECS}s")
echo "${jmh_cmd[*]}" >>"$WORK/commands"
jmh_json="$("${jmh_cmd[@]}" 2>/dev/null | tail -n 1)"
jmh="$(json "$jmh_json" "d[0]['primaryMetric']['scorePercentiles']['50.0']")"
printf '| generator ping-pong p50 | JMH RoundTrip p50 | JMH / generator |\n|---|---|---|\n| %s | %s | %s |\n' "$gen" "$jmh" "$(ratio "$jmh" "$gen")"
echo
echo "## 3. Throughput ceilings on loopback"
echo
start_server native-epoll tcp
stream_cmd=("${CLIENT_CPU[@]}" "$RUN" loadgen --target "$ENDPOINT" -s stream -c 1 --warmup 2s -d "${SECS}s" --json "$WORK/stream.json")
echo "${stream_cmd[*]}" >>"$WORK/commands"
"${stream_cmd[@]}" >/dev/null 2>&1 || true
stop_server
stream_gbit="$(json "$WORK/stream.json" "round(d['stream']['bytesPerSec'] * 8 / 1e9, 2)")"
port=$((12000 + RANDOM % 1000))
"${SERVER_CPU[@]}" sockperf server --tcp -i 127.0.0.1 -p "$port" >/dev/null 2>&1 &
spid=$!; PIDS+=($spid); sleep 1
tp_cmd=("${CLIENT_CPU[@]}" sockperf throughput --tcp -i 127.0.0.1 -p "$port" -m 64 -t "$SECS")
echo "${tp_cmd[*]}" >>"$WORK/commands"
tp="$("${tp_cmd[@]}" 2>&1 | sed -n 's/.*Summary: Message Rate is \([0-9]*\).*/\1/p' | head -n 1)"
kill "$spid" 2>/dev/null || true
port=$((13000 + RANDOM % 1000))
"${SERVER_CPU[@]}" iperf3 -s -1 -p "$port" >/dev/null 2>&1 &
PIDS+=($!); sleep 1
ip_cmd=("${CLIENT_CPU[@]}" iperf3 -c 127.0.0.1 -p "$port" -t "$SECS" -J)
echo "${ip_cmd[*]}" >>"$WORK/commands"
iperf_gbit="$("${ip_cmd[@]}" | python3 -c "import json,sys; print(round(json.load(sys.stdin)['end']['sum_received']['bits_per_second']/1e9, 2))")"
printf '| sockbench stream → native-epoll (echo, 64 KiB) | sockperf throughput (one way, 64 B) | iperf3 (one way, one stream) |\n|---|---|---|\n| %s Gbit/s | %s msg/s | %s Gbit/s |\n' "$stream_gbit" "$tp" "$iperf_gbit"
echo
echo "## Command lines"
echo
sed "s/^/    /" "$WORK/commands"
