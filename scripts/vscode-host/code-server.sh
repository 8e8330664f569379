#!/usr/bin/env bash
# Runs an extension test suite in a real VS Code (code-server 4.139.1 = VS Code 1.139, Node 24 extension host)
# driven by headless Debian chromium; needs only Debian's apt and the npm registry. Exits with the suite's code.
#
# usage: code-server.sh --install-only
#        code-server.sh --workspace DIR --tests PATH [--dev PATH] [--vsix FILE] [--screenshot FILE]
#   --tests   the suite: a file exporting run(), or a directory holding index.js
#   --dev     the extension under development; leave it out with --vsix so the installed package is tested
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
CODE_SERVER_VERSION=4.139.1
NODE_VERSION=24.21.0
# Outside the repository, so fresh clones and `git clean` keep the few-minute install.
CACHE="${XDG_CACHE_HOME:-$HOME/.cache}/stack-standard-vscode-host/code-server-$CODE_SERVER_VERSION"
NODE24_BIN="$CACHE/node24/node_modules/node/bin"
CODE_SERVER="$CACHE/cs/node_modules/.bin/code-server"

install_only=false workspace="" tests="" dev="" vsix="" screenshot=""
while [ $# -gt 0 ]; do
  case "$1" in
    --install-only) install_only=true ;;
    --workspace) workspace="${2:?--workspace needs a folder}"; shift ;;
    --tests) tests="${2:?--tests needs a path}"; shift ;;
    --dev) dev="${2:?--dev needs a path}"; shift ;;
    --vsix) vsix="${2:?--vsix needs a file}"; shift ;;
    --screenshot) screenshot="${2:?--screenshot needs a file}"; shift ;;
    *) echo "code-server.sh: unknown argument '$1'" >&2; exit 2 ;;
  esac
  shift
done

# Debian packages: chromium for the workbench, and what code-server's install needs to compile its native
# modules (`kerberos` wants the GSSAPI headers), asked of apt in one go and only when something is missing.
ensure_system_packages() {
  local missing=()
  command -v chromium >/dev/null || missing+=(chromium)
  command -v curl >/dev/null || missing+=(curl)
  if [ ! -e "$CACHE/ok" ]; then
    [ -e /usr/include/gssapi/gssapi.h ] || missing+=(libkrb5-dev)
    command -v g++ >/dev/null && command -v make >/dev/null || missing+=(build-essential)
    command -v python3 >/dev/null || missing+=(python3)
    command -v pkg-config >/dev/null || missing+=(pkg-config)
  fi
  [ ${#missing[@]} -eq 0 ] && return
  local sudo="" log
  [ "$(id -u)" -eq 0 ] || sudo=sudo
  log="$(mktemp)"
  echo "Installing Debian packages: ${missing[*]}"
  { $sudo apt-get update -qq \
      && $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}"
  } >"$log" 2>&1 || { cat "$log"; rm -f "$log"; exit 1; }
  rm -f "$log"
}

ensure_code_server() {
  [ -e "$CACHE/ok" ] && return
  echo "Installing Node $NODE_VERSION and code-server $CODE_SERVER_VERSION into $CACHE (once; 2-5 minutes)"
  rm -rf "$CACHE" && mkdir -p "$CACHE"
  local log="$CACHE/install.log"
  # Newer npm skips dependencies' install scripts by default; code-server's compile its native modules.
  export npm_config_dangerously_allow_all_scripts=true
  # Under `npm test` the outer npm exports its user agent (naming Node 20); code-server's install script reads the
  # Node version from it, so the inner npm must report its own.
  unset npm_config_user_agent
  npm install --prefix "$CACHE/node24" --no-save --no-audit --no-fund "node@$NODE_VERSION" >"$log" 2>&1 \
    || { tail -40 "$log"; exit 1; }
  # The node package carries Node's headers, so node-gyp needs no download from nodejs.org.
  local headers
  headers="$(echo "$CACHE"/node24/node_modules/node/node_modules/node-linux-*)"
  PATH="$NODE24_BIN:$PATH" npm_config_nodedir="$headers" \
    npm install --prefix "$CACHE/cs" --no-save --no-audit --no-fund "code-server@$CODE_SERVER_VERSION" >>"$log" 2>&1 \
    || { tail -40 "$log"; exit 1; }
  touch "$CACHE/ok"
}

mkdir -p "$(dirname "$CACHE")"
exec 9>"$CACHE.lock"
flock 9   # two runs at once must not install into the same folder
ensure_system_packages
ensure_code_server
exec 9>&-
$install_only && exit 0

if [ -z "$workspace" ] || [ -z "$tests" ]; then
  echo "code-server.sh: --workspace and --tests are required" >&2
  exit 2
fi

run="$(mktemp -d -t stack-standard-vscode.XXXXXX)"
cs_pid="" driver_pid=""
# shellcheck disable=SC2317  # reached through the EXIT trap
cleanup() {
  trap '' INT TERM   # a second Ctrl-C must not cut the cleanup short
  if [ -n "$driver_pid" ]; then
    kill -TERM "$driver_pid" 2>/dev/null || true   # playwright closes chromium on SIGTERM
    wait "$driver_pid" 2>/dev/null || true
  fi
  if [ -n "$cs_pid" ]; then
    # code-server runs in its own session: signalling the group also ends its extension host and watchers.
    kill -TERM -- "-$cs_pid" 2>/dev/null || true
    for _ in $(seq 50); do kill -0 -- "-$cs_pid" 2>/dev/null || break; sleep 0.1; done
    kill -KILL -- "-$cs_pid" 2>/dev/null || true
  fi
  rm -rf "$run"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

mkdir -p "$run/user-data/User" "$run/extensions"
cp "$HERE/settings.json" "$run/user-data/User/settings.json"
export TMPDIR="$run" XDG_CONFIG_HOME="$run" XDG_DATA_HOME="$run"
code_server_args=(--config /dev/null --user-data-dir "$run/user-data" --extensions-dir "$run/extensions")

if [ -n "$vsix" ]; then
  PATH="$NODE24_BIN:$PATH" "$CODE_SERVER" "${code_server_args[@]}" --install-extension "$vsix" \
    >"$run/install-extension.log" 2>&1 || { cat "$run/install-extension.log"; exit 1; }
fi

# Port 0: the kernel picks a free port and code-server reports it.
PATH="$NODE24_BIN:$PATH" setsid "$CODE_SERVER" "${code_server_args[@]}" --auth none --bind-addr 127.0.0.1:0 \
  --disable-telemetry --disable-update-check --disable-workspace-trust \
  --vscode-option enable-smoke-test-driver >"$run/code-server.log" 2>&1 &
cs_pid=$!

url=""
for _ in $(seq 300); do
  url="$(grep -so 'listening on http://127\.0\.0\.1:[0-9]*' "$run/code-server.log" | grep -o 'http://.*' || true)"
  [ -n "$url" ] && curl -fs -o /dev/null "$url/healthz" && break
  kill -0 "$cs_pid" 2>/dev/null || break
  url=""
  sleep 0.1
done
[ -n "$url" ] || { echo "code-server did not start:" >&2; tail -40 "$run/code-server.log" >&2; exit 1; }

# VS Code runs a suite only in a development host; an empty folder makes one that develops no extension.
[ -n "$dev" ] || { dev="$run/no-extension"; mkdir -p "$dev"; }
driver_args=(--url "$url" --workspace "$workspace" --tests "$tests" --dev "$dev")
[ -z "$screenshot" ] || driver_args+=(--screenshot "$screenshot")
# In the background, so that a signal reaches the trap at once rather than when the driver finishes.
node "$HERE/drive-workbench.mjs" "${driver_args[@]}" &
driver_pid=$!
status=0
wait "$driver_pid" || status=$?
driver_pid=""
exit "$status"
