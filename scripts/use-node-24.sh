# Source this file (`. scripts/use-node-24.sh`) to run the project on Node.js 24 LTS where the
# machine's Node is older and only the npm registry is reachable: the registry ships Node itself
# as the package node-linux-<arch> (with its headers). It is unpacked once into a cache folder,
# put first on PATH, and npm_config_nodedir points native builds (better-sqlite3) at its headers.
# Where Node 24 or newer is already installed it changes nothing.
NODE_24_VERSION="${NODE_24_VERSION:-24.22.3}"
if [ "$(node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0)" -lt 24 ]; then
  case "$(uname -m)" in
    x86_64) node_arch=x64 ;;
    aarch64 | arm64) node_arch=arm64 ;;
    *) node_arch="$(uname -m)" ;;
  esac
  node_home="${XDG_CACHE_HOME:-$HOME/.cache}/coop-action-month/node-v${NODE_24_VERSION}-linux-${node_arch}"
  if [ ! -x "$node_home/bin/node" ]; then
    echo "installing Node.js ${NODE_24_VERSION} from the npm registry (node-linux-${node_arch}) into ${node_home}" >&2
    node_tmp="$(mktemp -d)"
    (cd "$node_tmp" && npm pack --silent "node-linux-${node_arch}@${NODE_24_VERSION}" >/dev/null && tar xzf ./*.tgz) &&
      mkdir -p "$(dirname "$node_home")" && rm -rf "$node_home" && mv "$node_tmp/package" "$node_home"
    rm -rf "$node_tmp"
  fi
  export PATH="$node_home/bin:$PATH"
  export npm_config_nodedir="$node_home"
fi
