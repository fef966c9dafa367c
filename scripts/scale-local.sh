#!/usr/bin/env bash
# Starts Daogou as several real processes on one PostgreSQL, for the scale benchmark and to try the
# multi-process deployment locally (docs/deploy.md): N `serve --role api` processes on consecutive ports
# and M `serve --role worker` processes. Runs in the foreground; Ctrl-C (or SIGTERM) stops every process it
# started. Prints one line per process, then `ready api=<ports>` once every API process answers /health.
#
#   scripts/scale-local.sh [--api N] [--workers M] [--base-port P] [--database URL] [--logs DIR] [--from-source]
#
# Defaults: 2 api, 1 worker, ports 7101…, the local test PostgreSQL. --from-source runs src/ through tsx
# instead of the built dist/ (npm run build). Extra settings pass through the environment (DAOGOU_*).
set -euo pipefail

api=2
workers=1
base_port=7101
database="${DAOGOU_DATABASE_URL:-postgres://postgres@127.0.0.1:5432/test}"
logs=""
from_source=0
while [ $# -gt 0 ]; do
  case "$1" in
    --api) api="$2"; shift 2 ;;
    --workers) workers="$2"; shift 2 ;;
    --base-port) base_port="$2"; shift 2 ;;
    --database) database="$2"; shift 2 ;;
    --logs) logs="$2"; shift 2 ;;
    --from-source) from_source=1; shift ;;
    -h | --help) sed -n '2,11p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "unknown option: $1 (see --help)" >&2; exit 2 ;;
  esac
done
case "$database" in postgres://* | postgresql://*) ;; *) echo "--database must be a postgres:// URL: several processes need PostgreSQL" >&2; exit 2 ;; esac

root="$(cd "$(dirname "$0")/.." && pwd)"
if [ "$from_source" = 1 ]; then daogou=("$root/node_modules/.bin/tsx" "$root/src/cli/main.ts"); else daogou=(node "$root/bin/daogou.js"); fi
logs="${logs:-$(mktemp -d /tmp/daogou-scale.XXXXXX)}"
mkdir -p "$logs"
export DAOGOU_DATABASE_URL="$database"
export DAOGOU_DATA_DIR="${DAOGOU_DATA_DIR:-$logs/data}"

pids=()
stop() {
  trap - INT TERM EXIT
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
}
trap stop EXIT
trap 'exit 130' INT TERM

# Migrate once before the processes start, rather than N+M processes queueing on the migration lock.
"${daogou[@]}" stats --json >"$logs/migrate.log" 2>&1 || { cat "$logs/migrate.log" >&2; exit 1; }

echo "logs $logs"
for ((i = 0; i < workers; i++)); do
  "${daogou[@]}" serve --role worker >"$logs/worker-$((i + 1)).log" 2>&1 &
  pids+=($!)
  echo "worker $((i + 1)) pid $!"
done
ports=()
for ((i = 0; i < api; i++)); do
  port=$((base_port + i))
  "${daogou[@]}" serve --role api --port "$port" >"$logs/api-$((i + 1)).log" 2>&1 &
  pids+=($!)
  ports+=("$port")
  echo "api $((i + 1)) pid $! port $port"
done

for port in "${ports[@]}"; do
  for ((t = 0; ; t++)); do
    if curl -sf "http://127.0.0.1:$port/health" >/dev/null 2>&1; then break; fi
    if [ "$t" -ge 240 ]; then echo "api on port $port did not answer /health in 120 s (see $logs)" >&2; exit 1; fi
    sleep 0.5
  done
done
echo "ready api=$(IFS=,; echo "${ports[*]}")"

# A process that exits (a fault test's kill -9) is reported; the others go on until this script is stopped.
while [ "${#pids[@]}" -gt 0 ]; do
  wait -n "${pids[@]}" 2>/dev/null || true
  alive=()
  for pid in "${pids[@]}"; do
    if kill -0 "$pid" 2>/dev/null; then alive+=("$pid"); else echo "pid $pid exited" >&2; fi
  done
  pids=("${alive[@]}")
done
