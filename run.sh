#!/usr/bin/env bash
# sockbench's one entry point.
#
#   ./run.sh                 run the quick suite (capacity of every model but the ffm-* on TCP and Unix stream)
#   ./run.sh test            run the unit and integration tests (./mvnw -B verify)
#   ./run.sh jdk             print the JDK 25 this script would use, and exit
#   ./run.sh jmh [REGEX] [JMH options]   the JMH micro-benchmarks (bench/.../jmh), JSON results in
#                            results/jmh-<time>/jmh.json; e.g. ./run.sh jmh Protocol -prof gc
#   ./run.sh ARGS...         run the sockbench CLI: list, server, loadgen, run, report, --help
#
# It finds a JDK 25 by itself (JAVA_HOME, then java on PATH, then the newest in /usr/lib/jvm, or
# in SOCKBENCH_JVM_DIR when set), builds the runnable jar once with the Maven wrapper, and rebuilds
# only when a source or pom changed.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
JAR="$ROOT/bench/target/sockbench.jar"
STAMP="$ROOT/.build-stamp"
BUILD_LOG="$ROOT/bench/target/build.log"
REQUIRED_MAJOR=25
JVM_DIR="${SOCKBENCH_JVM_DIR:-/usr/lib/jvm}"

# The major version of a java launcher ("25" for 25.0.1, "8" for 1.8.0_402), empty if it does not run.
java_major() {
    local version
    version="$("$1" -version 2>&1 | sed -n 's/.* version "\([^"]*\)".*/\1/p' | head -n 1)" || true
    case "$version" in
        1.*) version="${version#1.}" ;;
    esac
    echo "${version%%[.+-]*}"
}

# A usable JDK home: java and javac (the build needs a JDK, not a JRE), version 25 or newer.
is_jdk25() {
    local home="$1" major
    [[ -x "$home/bin/java" && -x "$home/bin/javac" ]] || return 1
    major="$(java_major "$home/bin/java")"
    [[ "$major" =~ ^[0-9]+$ ]] && (( major >= REQUIRED_MAJOR ))
}

find_jdk() {
    if [[ -n "${JAVA_HOME:-}" ]] && is_jdk25 "$JAVA_HOME"; then
        echo "$JAVA_HOME"
        return 0
    fi
    local java home
    if java="$(command -v java 2>/dev/null)"; then
        home="$(dirname "$(dirname "$(readlink -f "$java")")")"
        if is_jdk25 "$home"; then
            echo "$home"
            return 0
        fi
    fi
    # The system JVM folder: the newest JDK 25+ there.
    local best="" best_major=0 major
    for home in "$JVM_DIR"/*/; do
        home="${home%/}"
        is_jdk25 "$home" || continue
        major="$(java_major "$home/bin/java")"
        if (( major > best_major )); then
            best="$home"
            best_major="$major"
        fi
    done
    [[ -n "$best" ]] && echo "$best"
}

if ! JDK="$(find_jdk)" || [[ -z "$JDK" ]]; then
    found="none"
    if command -v java >/dev/null 2>&1; then
        found="java $(java_major "$(command -v java)") at $(command -v java)"
    fi
    echo "sockbench needs a JDK $REQUIRED_MAJOR or newer (checked JAVA_HOME, java on PATH and $JVM_DIR; found: $found)." \
        "Install Temurin 25 (the package temurin-25-jdk from Adoptium's apt repository, or a download; see https://adoptium.net) or your distribution's JDK 25, or set JAVA_HOME to one." >&2
    exit 2
fi
export JAVA_HOME="$JDK"

if [[ "${1:-}" == "jdk" ]]; then
    echo "$JAVA_HOME"
    exit 0
fi

# What the build depends on: every source and resource file and every pom, with mtimes. A
# changed, added or removed file changes the fingerprint.
fingerprint() {
    (
        cd "$ROOT"
        find pom.xml .mvn */pom.xml */src -type f -printf '%p %T@\n' 2>/dev/null | LC_ALL=C sort | cksum
    )
}

cd "$ROOT"

if [[ "${1:-}" == "test" ]]; then
    shift
    ./mvnw -B verify "$@"
    # The verify built the jar from these sources: no rebuild needed before the next run.
    fingerprint >"$STAMP"
    exit 0
fi

current="$(fingerprint)"
if [[ ! -f "$JAR" || ! -f "$STAMP" || "$(cat "$STAMP")" != "$current" ]]; then
    echo "building sockbench..." >&2
    mkdir -p "$(dirname "$BUILD_LOG")"
    if ! ./mvnw -B -q -DskipTests package >"$BUILD_LOG" 2>&1; then
        tail -n 40 "$BUILD_LOG" >&2
        echo "sockbench: the build failed; the full log is $BUILD_LOG" >&2
        exit 1
    fi
    echo "$current" >"$STAMP"
fi
cd - >/dev/null

# The flags every sockbench JVM uses: the parent pom's sockbench.jvm.flags (core's JvmFlags.ALL).
read -r -a JVM_FLAGS <<<"$(sed -n 's:.*<sockbench.jvm.flags>\(.*\)</sockbench.jvm.flags>.*:\1:p' "$ROOT/pom.xml")"

if [[ $# -eq 0 ]]; then
    set -- run --suite quick
fi
if [[ "${1:-}" == "jmh" ]]; then
    shift
    # JMH's own main: it forks a JVM per benchmark (the JDK found above) and writes JSON that its
    # usual visualisers read. Never part of ./run.sh test.
    out="$ROOT/results/jmh-$(date +%Y-%m-%dT%H-%M-%S)"
    mkdir -p "$out"
    echo "sockbench: JMH results will be in $out/jmh.json" >&2
    status=0
    "$JAVA_HOME/bin/java" "${JVM_FLAGS[@]}" -cp "$JAR" org.openjdk.jmh.Main "$@" \
        -rf json -rff "$out/jmh.json" || status=$?
    [[ -f "$out/jmh.json" ]] && echo "$out/jmh.json"
    exit "$status"
fi

# Flags by role, as loadgen's WarmupPolicy gives them (why: see there; a test keeps them equal): the load generator's, none for a
# server, and the harness's for the rest (the suite runner, report, list).
case "$1" in
    loadgen) JVM_FLAGS+=(-XX:CompileThresholdScaling=0.1 -XX:-UsePerfData) ;;
    server) ;;
    *) JVM_FLAGS+=(-XX:TieredStopAtLevel=1) ;;
esac
exec "$JAVA_HOME/bin/java" "${JVM_FLAGS[@]}" -Dsockbench.home="$ROOT" -jar "$JAR" "$@"
