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

# restore_node_modules LOCK_SUM / save_node_modules LOCK_SUM: the npm workspaces' node_modules
# folders as `npm ci` left them for this lock file, Node and platform, copied (not linked: a clone
# may write into its own) into a fresh clone instead of installing them again.
node_modules_entry() {
  echo "$(shopeasy_cache_dir)/node_modules/$({ echo "$1"; node --version; uname -m; } | sha256sum | cut -c1-16)"
}

restore_node_modules() {
  local cached dir
  cached=$(node_modules_entry "$1")
  [ -f "$cached/.shopeasy-ready" ] || return 1
  while IFS= read -r dir; do
    if ! { mkdir -p "$(dirname "$dir")" && cp -a "$cached/tree/$dir" "$dir"; }; then
      # Half a copy is worse than none: npm ci starts from nothing.
      xargs -r rm -rf <"$cached/folders"
      return 1
    fi
  done <"$cached/folders"
}

save_node_modules() {
  local cached staging dir
  cached=$(node_modules_entry "$1")
  [ -f "$cached/.shopeasy-ready" ] && return 0
  staging="$cached.partial.$$"
  rm -rf "$staging" && mkdir -p "$staging/tree" || return 1
  # Every workspace's own node_modules too (npm nests a version that differs from the root's).
  git ls-files -z --cached --others --exclude-standard -- '**/package.json' 'package.json' 2>/dev/null |
    xargs -0 -n1 dirname | sort -u | while IFS= read -r dir; do
      [ -d "$dir/node_modules" ] && echo "$dir/node_modules" | sed 's#^\./##'
    done >"$staging/folders"
  while IFS= read -r dir; do
    mkdir -p "$staging/tree/$(dirname "$dir")" && cp -a "$dir" "$staging/tree/$dir" || { rm -rf "$staging"; return 1; }
  done <"$staging/folders"
  touch "$staging/.shopeasy-ready"
  # A parallel clone may have saved the same entry meanwhile; either copy is the same install.
  mv -T "$staging" "$cached" 2>/dev/null || rm -rf "$staging"
  # Each entry is a whole node_modules (about 750 MiB): keep the two newest lock files' installs.
  find "$(dirname "$cached")" -mindepth 1 -maxdepth 1 -type d ! -name '*.partial.*' -printf '%T@ %p\n' |
    sort -rn | tail -n +3 | cut -d' ' -f2- | xargs -r rm -rf
}
