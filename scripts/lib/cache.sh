# Sourced by scripts/lib/checks.sh (so by bootstrap, test, infra and ops checks): built tools and
# Python virtual environments live in one cache per machine, outside the clone, keyed by what
# they are built from. A fresh clone (CI's, a second worktree) reuses them while those inputs
# are unchanged; a changed requirements file or tool pin builds a new entry beside the old one.
#   SHOPEASY_CACHE  the cache folder (default ${XDG_CACHE_HOME:-~/.cache}/shopeasy)

shopeasy_cache_dir() { echo "${SHOPEASY_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/shopeasy}"; }

# ensure_venv DIR REQUIREMENTS: DIR becomes a link to the cached venv built from REQUIREMENTS with
# this machine's python3; it is built (under a lock, so parallel clones build it once) when missing.
ensure_venv() {
  local dir=$1 requirements=$2 key cached
  key=$({ cat "$requirements"; python3 --version; } | sha256sum | cut -c1-16)
  cached="$(shopeasy_cache_dir)/venvs/$(basename "$dir")-$key"
  if [ ! -f "$cached/.shopeasy-ready" ]; then
    mkdir -p "$(dirname "$cached")"
    (
      flock 9
      [ -f "$cached/.shopeasy-ready" ] && exit 0
      echo "installing Python environment $dir from $requirements (kept in $cached)"
      rm -rf "$cached"
      python3 -m venv "$cached" &&
        "$cached/bin/pip" install --quiet --disable-pip-version-check -r "$requirements" &&
        touch "$cached/.shopeasy-ready"
    ) 9>"$cached.lock" || return 1
  fi
  if [ "$(readlink "$dir" 2>/dev/null)" != "$cached" ]; then
    rm -rf "$dir" && ln -s "$cached" "$dir"
  fi
}

# link_tools_cache: .tools (programs built from the Go module proxy, the generator JAR) becomes a
# link to the cache's tools folder. Each tool there carries the version it was built from and is
# rebuilt when its pin changes, so clones on different pins share it safely.
link_tools_cache() {
  local root cached
  root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
  cached="$(shopeasy_cache_dir)/tools"
  [ "$(readlink "$root/.tools" 2>/dev/null)" = "$cached" ] && return 0
  mkdir -p "$cached"
  # Tools a checkout built before the cache existed move there rather than being built again.
  if [ -d "$root/.tools" ] && [ ! -L "$root/.tools" ]; then
    cp -an "$root/.tools/." "$cached/" && rm -rf "$root/.tools"
  fi
  ln -sfn "$cached" "$root/.tools"
}
