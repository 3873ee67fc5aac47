# Sourced by .ci/run (which runs under `set -euo pipefail`): starts the services the integration
# tests use, on loopback only, and stops them when the run exits.
#
# Virtuoso Open Source 7 (Debian package virtuoso-opensource): its own database in a temporary
# directory and free ports, so nothing collides with a system service. Exports
#   GEOKG_VIRTUOSO_URL       http://127.0.0.1:PORT (SPARQL at /sparql, Graph Store at /sparql-graph-crud-auth)
#   GEOKG_VIRTUOSO_USER / GEOKG_VIRTUOSO_PASSWORD   the fresh database's administrator (dba/dba)
# for tests/test_triplestore.py. When Virtuoso is missing or does not start, nothing is exported
# and the run goes on: with GEOKG_REQUIRE_TOOLS set the integration test then fails and says why.

_geokg_free_port() {
  python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}

_geokg_virtuoso_stop() {
  local rc=$?
  if [ -n "${GEOKG_VIRTUOSO_PID:-}" ] && kill -0 "$GEOKG_VIRTUOSO_PID" 2>/dev/null; then
    kill "$GEOKG_VIRTUOSO_PID" 2>/dev/null || true
    for _ in $(seq 30); do kill -0 "$GEOKG_VIRTUOSO_PID" 2>/dev/null || break; sleep 0.5; done
    kill -9 "$GEOKG_VIRTUOSO_PID" 2>/dev/null || true
  fi
  [ -n "${GEOKG_VIRTUOSO_DIR:-}" ] && rm -rf "$GEOKG_VIRTUOSO_DIR"
  return "$rc"
}

_geokg_virtuoso_start() {
  local ini=/etc/virtuoso-opensource-7/virtuoso.ini dir http_port sql_port
  if ! command -v virtuoso-t >/dev/null || [ ! -f "$ini" ]; then
    echo "services.sh: virtuoso-opensource not installed; triple-store tests will skip (or fail in CI)" >&2
    return 0
  fi
  dir=$(mktemp -d "${TMPDIR:-/tmp}/geokg-virtuoso.XXXXXX")
  http_port=$(_geokg_free_port)
  sql_port=$(_geokg_free_port)
  # Section-aware rewrite: database files into $dir, both servers on loopback and free ports.
  awk -v d="$dir" -v hp="$http_port" -v sp="$sql_port" '
    /^\[/ { section = $0 }
    section == "[Database]" && /^(DatabaseFile|ErrorLogFile|LockFile|TransactionFile|xa_persistent_file)[ \t]*=/ {
      split($0, kv, "="); key = kv[1]; gsub(/[ \t]/, "", key)
      ext = (key == "DatabaseFile") ? "db" : (key == "ErrorLogFile") ? "log" : (key == "LockFile") ? "lck" \
          : (key == "TransactionFile") ? "trx" : "pxa"
      print key " = " d "/virtuoso." ext; next }
    section == "[TempDatabase]" && /^(DatabaseFile|TransactionFile)[ \t]*=/ {
      split($0, kv, "="); key = kv[1]; gsub(/[ \t]/, "", key)
      print key " = " d "/virtuoso-temp." ((key == "DatabaseFile") ? "db" : "trx"); next }
    section == "[Parameters]" && /^ServerPort[ \t]*=/ { print "ServerPort = 127.0.0.1:" sp; next }
    section == "[HTTPServer]" && /^ServerPort[ \t]*=/ { print "ServerPort = 127.0.0.1:" hp; next }
    section == "[Parameters]" && /^DirsAllowed[ \t]*=/ { print "DirsAllowed = ., " d; next }
    { print }
  ' "$ini" > "$dir/virtuoso.ini"
  (cd "$dir" && exec virtuoso-t +configfile "$dir/virtuoso.ini" +foreground >"$dir/stdout.log" 2>&1) &
  GEOKG_VIRTUOSO_PID=$!
  GEOKG_VIRTUOSO_DIR=$dir
  trap _geokg_virtuoso_stop EXIT
  if python3 - "http://127.0.0.1:$http_port/sparql" <<'PY'
import sys, time, urllib.request
for _ in range(120):
    try:
        urllib.request.urlopen(sys.argv[1] + "?query=ASK%7B%7D", timeout=2).read()
        sys.exit(0)
    except Exception:
        time.sleep(0.5)
sys.exit(1)
PY
  then
    export GEOKG_VIRTUOSO_URL="http://127.0.0.1:$http_port"
    export GEOKG_VIRTUOSO_USER=dba GEOKG_VIRTUOSO_PASSWORD=dba
    echo "services.sh: Virtuoso $(virtuoso-t -? 2>&1 | head -1 | tr -d '\r') on $GEOKG_VIRTUOSO_URL (pid $GEOKG_VIRTUOSO_PID)" >&2
  else
    echo "services.sh: Virtuoso did not answer on port $http_port; log:" >&2
    tail -n 20 "$dir/virtuoso.log" "$dir/stdout.log" >&2 || true
  fi
}

_geokg_virtuoso_start
