#!/usr/bin/env bash
# Start-up of the ai-lanes CLI against a JVM making one plain JDK HttpClient call, interleaved in one run.
#
#   mvn -q -o -B package -pl engine,model-server,cli,benchmarks -DskipTests
#   benchmarks/cli-startup.sh [ROUNDS] [OTHER_JAR]
#
# Starts the scripted provider (`ai-lanes demo-provider`, OpenAI wire format on 127.0.0.1), then runs, in every
# round and in a rotating order:
#   jdk      java -cp benchmarks/target/classes io.ailanes.benchmarks.JdkHttpCall: one JDK HttpClient call
#   call     bin/ai-lanes call --model deepseek/deepseek-chat with a 2 KB prompt (fresh --out and --ledger)
#   version  bin/ai-lanes --version
#   plain    java -jar cli/target/ai-lanes.jar call ...: the same call without the class-data archive and flags
#   other    java -jar OTHER_JAR call ...: when OTHER_JAR is given (e.g. a jar built from an older commit)
# and prints, per case, the median wall and CPU (user + sys) time, their ratios to jdk's medians of the same
# run, the per-round wall ratio to jdk (lowest, median, highest), and the classes the JVM loaded (one extra
# run each, -Xlog:class+load). Bash's `time` measures each process; nothing else is needed.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
rounds="${1:-15}"
other_jar="${2:-}"
jar="$root/cli/target/ai-lanes.jar"
classes="$root/benchmarks/target/classes"
[ -f "$jar" ] && [ -f "$classes/io/ailanes/benchmarks/JdkHttpCall.class" ] || {
  echo "build first: mvn -q -o -B package -pl engine,model-server,cli,benchmarks -DskipTests" >&2; exit 2; }
"$root/bin/ai-lanes" --version >/dev/null   # builds the CLI if its sources changed

work="$(mktemp -d)"
server_pid=""
trap '[ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null; rm -rf "$work"' EXIT
java -jar "$jar" demo-provider >"$work/server.out" 2>&1 &
server_pid=$!
for _ in $(seq 1 200); do grep -q 'openai kind' "$work/server.out" 2>/dev/null && break; sleep 0.1; done
url=$(sed -n 's/.*openai kind: *baseUrl //p' "$work/server.out")
[ -n "$url" ] || { echo "the scripted provider did not start:" >&2; cat "$work/server.out" >&2; exit 1; }
printf 'providers:\n  - id: deepseek\n    kind: openai\n    baseUrl: %s\n' "$url" >"$work/ai-lanes.yaml"
# A 2 KB prompt.
for _ in $(seq 1 32); do printf 'Explain the off-by-one error in Pager.pageCount, line by line please. '; done >"$work/prompt.txt"
export AI_LANES_HOME="$work/home"

cases=(jdk call version plain)
[ -n "$other_jar" ] && cases+=(other)
n=0
run_case() { # case, extra java options for class counting (may be empty)
  n=$((n + 1))
  local call_args=(call --provider-config "$work/ai-lanes.yaml" --model deepseek/deepseek-chat
    --out "$work/out-$n" --ledger "$work/ledger-$n.jsonl" --prompt-file "$work/prompt.txt")
  case "$1" in
    jdk) java $2 -cp "$classes" io.ailanes.benchmarks.JdkHttpCall "$url" "$work/prompt.txt" ;;
    call) AI_LANES_JAVA_OPTS="$2" "$root/bin/ai-lanes" "${call_args[@]}" ;;
    version) AI_LANES_JAVA_OPTS="$2" "$root/bin/ai-lanes" --version ;;
    plain) java $2 -jar "$jar" "${call_args[@]}" ;;
    other) java $2 -jar "$other_jar" "${call_args[@]}" ;;
  esac
}

TIMEFORMAT='%R %U %S'
for round in $(seq 1 "$rounds"); do
  count=${#cases[@]}
  for i in $(seq 0 $((count - 1))); do
    c=${cases[$(((i + round) % count))]}
    if ! { time run_case "$c" "" >/dev/null 2>"$work/last.err"; } 2>"$work/time"; then
      echo "$c failed:" >&2; cat "$work/last.err" >&2; exit 1
    fi
    read -r real user sys <"$work/time"
    echo "$round $real $(awk "BEGIN{print $user + $sys}")" >>"$work/$c.times"
  done
  rm -rf "$work"/out-* "$work"/ledger-*
done
for c in "${cases[@]}"; do
  run_case "$c" "-Xlog:class+load=info:file=$work/$c.classes" >/dev/null 2>&1 || true
done

median() { sort -n | awk '{v[NR]=$1} END {print (NR % 2) ? v[(NR+1)/2] : (v[NR/2] + v[NR/2+1]) / 2}'; }
jdk_wall=$(cut -d' ' -f2 "$work/jdk.times" | median)
jdk_cpu=$(cut -d' ' -f3 "$work/jdk.times" | median)
echo "$rounds rounds, interleaved; $(nproc) cores; $(java -version 2>&1 | sed -n 1p); load $(cut -d' ' -f1-3 /proc/loadavg)"
printf '%-8s %9s %9s %11s %10s %26s %8s\n' case wall_s cpu_s wall/jdk cpu/jdk "per-round wall/jdk min/med/max" classes
for c in "${cases[@]}"; do
  wall=$(cut -d' ' -f2 "$work/$c.times" | median)
  cpu=$(cut -d' ' -f3 "$work/$c.times" | median)
  per_round=$(awk 'NR == FNR {jdk[$1] = $2; next} {print $2 / jdk[$1]}' "$work/jdk.times" "$work/$c.times" | sort -n)
  lo=$(echo "$per_round" | head -1); hi=$(echo "$per_round" | tail -1); mid=$(echo "$per_round" | median)
  classes_loaded=$(wc -l <"$work/$c.classes" 2>/dev/null || echo "?")
  printf '%-8s %9.2f %9.2f %11.2f %10.2f %10.2f / %.2f / %.2f %8s\n' "$c" "$wall" "$cpu" \
    "$(awk "BEGIN{print $wall / $jdk_wall}")" "$(awk "BEGIN{print $cpu / $jdk_cpu}")" "$lo" "$mid" "$hi" "$classes_loaded"
done
