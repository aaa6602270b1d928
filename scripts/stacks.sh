# Sourced by ./conformance: the Wine stacks the kit can drive, chosen by name.
#
#   wine-8   the system's Wine (Debian 12's Wine 8), installed with apt-get when missing; prefix .cache/wineprefix
#   wine-10  Debian 13's Wine 10 in a Debian 13 root under .cache/stacks/debian13, made once with debootstrap
#            (or mmdebstrap) and reused; the probe runs in it with chroot, the work tree bound at its own path,
#            prefix .cache/wineprefix-wine-10
#   dir      any Wine build or install tree (--wine DIR): its own wine, wineserver and wineboot; prefix
#            .cache/wineprefix-dir-<hash of the path>
#
# Every mount is undone when the script ends, also on failure or Ctrl-C: a mount left under the checkout would
# break the next clean-up or CI run.

debian13_root="$cache/stacks/debian13"
debian13_info="$debian13_root/.conformance-stack"
stack_mounts=()

# Sets STACK_NAME and the stack's wine, wineserver and prefix; nothing is made yet (stack_prepare does that).
stack_select() {
  local choice="$1" dir="$2"
  case "$choice" in
    wine-8)
      STACK_NAME="wine-8 (system Wine)"
      STACK_KIND=system
      STACK_PREFIX="${WINEPREFIX:-$cache/wineprefix}" ;;
    wine-10)
      STACK_NAME="wine-10 (Debian 13 root)"
      STACK_KIND=chroot
      STACK_WINE=wine
      STACK_WINESERVER=wineserver
      STACK_PREFIX="$cache/wineprefix-wine-10" ;;
    dir)
      [[ -d "$dir" ]] || { say "--wine $dir: no such directory"; exit 2; }
      dir=$(cd "$dir" && pwd)
      STACK_KIND=dir
      STACK_NAME="wine from $dir"
      STACK_WINE=$(first_executable "$dir/wine" "$dir/bin/wine" "$dir/loader/wine") \
        || { say "--wine $dir: no wine loader there (looked for wine, bin/wine, loader/wine)"; exit 3; }
      STACK_WINESERVER=$(first_executable "$dir/server/wineserver" "$dir/bin/wineserver" "$dir/lib/wine/wineserver" "$dir/lib/wine/wineserver64") \
        || { say "--wine $dir: no wineserver there (looked for server/wineserver, bin/wineserver, lib/wine/wineserver)"; exit 3; }
      STACK_PREFIX="$cache/wineprefix-dir-$(printf '%s' "$dir" | sha256sum | cut -c1-12)" ;;
    windows) on_windows || { say "--stack windows runs on Windows only (Git Bash); here use wine-8, wine-10 or --wine DIR"; exit 2; } ;;
    *) say "unknown stack '$choice' (expected wine-8, wine-10, model, or --wine DIR)"; exit 2 ;;
  esac
}

first_executable() {
  local c
  for c in "$@"; do
    if [[ -x "$c" && ! -d "$c" ]]; then echo "$c"; return 0; fi
  done
  return 1
}

# Makes whatever the stack still lacks (Wine, the Debian 13 root, the prefix) and says what it does and how long it took.
stack_prepare() {
  case "$STACK_KIND" in
    system)
      ensure_system_wine
      STACK_WINE=$(command -v wine)
      STACK_WINESERVER=$(command -v wineserver || echo /usr/lib/wine/wineserver64) ;;
    chroot)
      ensure_debian13_root
      mount_debian13_root ;;
    dir) ;;
  esac
  local version
  if ! version=$(stack_exec "$STACK_WINE" --version 2>&1 | head -1) || [[ "$version" != wine-* ]]; then
    say "$STACK_NAME: '$STACK_WINE --version' failed: $version"
    exit 3
  fi
  say "stack: $STACK_NAME, $version"
  ensure_prefix
  export CONFORMANCE_STARTED=".cache/probe-started.$$"
}

ensure_system_wine() {
  if command -v wine >/dev/null 2>&1; then return; fi
  local start; start=$(now)
  say "Wine is not installed; installing it with apt-get (wine, wine64: Debian's Wine 8, about 700 MB)."
  local sudo=""
  [[ $(id -u) -ne 0 ]] && sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends wine wine64 >/dev/null
  command -v wine >/dev/null 2>&1 || { say "Wine installation failed"; exit 3; }
  say "Wine installed: $(wine --version 2>/dev/null) ($(took "$start") s)"
}

# Runs a command of the stack (wine, wineserver) with the stack's environment: inside the root for wine-10.
stack_exec() {
  local env=(HOME="${HOME:-/root}" WINEPREFIX="$STACK_PREFIX" WINEDEBUG="${WINEDEBUG:--all}"
             CONFORMANCE_STARTED="${CONFORMANCE_STARTED:-}" WINEDLLOVERRIDES="${WINEDLLOVERRIDES:-}"
             CONFORMANCE_JOURNAL="${CONFORMANCE_JOURNAL:-}" CONFORMANCE_INTERRUPT="${CONFORMANCE_INTERRUPT:-}")
  case "$STACK_KIND" in
    chroot)
      # A runtime directory of its own keeps Wine 10's "XDG_RUNTIME_DIR is invalid" message away.
      [[ -f "$debian13_info" ]] || { say "the Debian 13 root is not made (./conformance stacks make wine-10)"; return 3; }
      install -d -m 0700 "$debian13_root/run/user/0"
      chroot "$debian13_root" /usr/bin/env -i PATH=/usr/local/bin:/usr/bin:/bin LANG=C.UTF-8 XDG_RUNTIME_DIR=/run/user/0 "${env[@]}" \
        /bin/sh -c 'cd "$0" && exec "$@"' "$root" "$@" ;;
    dir) env "${env[@]}" WINESERVER="$STACK_WINESERVER" "$@" ;;
    *) env "${env[@]}" "$@" ;;
  esac
}

# The wine command of the stack: the probe (or wineboot) under it.
stack_wine() { stack_exec "$STACK_WINE" "$@"; }

ensure_prefix() {
  if [[ -f "$STACK_PREFIX/system.reg" ]]; then return; fi
  local start rc=0; start=$(now)
  say "creating the Wine prefix at ${STACK_PREFIX#$root/} (once, about 10 s)"
  mkdir -p "$STACK_PREFIX"
  # No Mono or Gecko: the probe is a self-contained .NET app and there is no network to fetch them.
  WINEDLLOVERRIDES="mscoree,mshtml=" stack_wine wineboot --init >"$cache/wineboot.log" 2>&1 || rc=$?
  # Bounded: a wineserver that does not end is not waited for forever.
  stack_exec timeout 120 "$STACK_WINESERVER" -w >>"$cache/wineboot.log" 2>&1 || true
  if [[ ! -f "$STACK_PREFIX/system.reg" ]]; then
    tail -20 "$cache/wineboot.log" >&2
    say "$STACK_NAME could not create its prefix (wineboot exited $rc; log: .cache/wineboot.log)"
    rm -rf "$STACK_PREFIX"
    exit 3
  fi
  say "prefix created ($(took "$start") s, $(du -sh "$STACK_PREFIX" | cut -f1))"
}

# The mirror the host's apt uses, read at run time (never written into the project).
debian_mirror() {
  local m=""
  if [[ -f /etc/apt/sources.list.d/debian.sources ]]; then
    m=$(awk '/^URIs:/ { print $2; exit }' /etc/apt/sources.list.d/debian.sources)
  fi
  if [[ -z "$m" && -f /etc/apt/sources.list ]]; then
    m=$(awk '$1 == "deb" && $2 !~ /security/ { print $2; exit }' /etc/apt/sources.list)
  fi
  [[ -n "$m" ]] || { say "no Debian mirror configured for apt on this machine"; exit 3; }
  echo "$m"
}

ensure_debian13_root() {
  if [[ -f "$debian13_info" ]]; then return; fi
  [[ $(id -u) -eq 0 ]] || { say "making the Debian 13 root needs root (debootstrap, chroot, mount)"; exit 3; }
  local tool=""
  if command -v mmdebstrap >/dev/null 2>&1; then tool=mmdebstrap
  elif command -v debootstrap >/dev/null 2>&1; then tool=debootstrap
  else
    say "installing debootstrap with apt-get (to make the Debian 13 root)"
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends debootstrap >/dev/null \
      || { say "installing debootstrap failed"; exit 3; }
    tool=debootstrap
  fi
  local mirror partial="$debian13_root.partial" log="$cache/stacks/debian13.log" t0 t1 t2 t3
  mirror=$(debian_mirror)
  mkdir -p "$cache/stacks"
  unmount_under "$partial"
  rm -rf "$partial"
  say "making a Debian 13 (trixie) root for Wine 10 at ${debian13_root#$root/} with $tool (once; about 2.2 GB with the prefix; log: ${log#$root/})"
  t0=$(now)
  if [[ $tool == mmdebstrap ]]; then
    mmdebstrap --variant=minbase trixie "$partial" "$mirror" >"$log" 2>&1 || { tail -20 "$log" >&2; say "$tool failed"; exit 3; }
  else
    debootstrap --variant=minbase trixie "$partial" "$mirror" >"$log" 2>&1 || { tail -20 "$log" >&2; say "$tool failed"; exit 3; }
  fi
  t1=$(now)
  say "  $tool: $(took "$t0") s, $(du -sh "$partial" | cut -f1)"
  bind_root "$partial"
  chroot "$partial" apt-get update -qq >>"$log" 2>&1 || { tail -20 "$log" >&2; say "apt-get update in the root failed"; exit 3; }
  chroot "$partial" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends --download-only wine wine64 >>"$log" 2>&1 \
    || { tail -20 "$log" >&2; say "downloading Wine 10 failed"; exit 3; }
  t2=$(now)
  say "  apt-get update and download of Wine 10: $(took "$t1") s"
  chroot "$partial" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends wine wine64 >>"$log" 2>&1 \
    || { tail -20 "$log" >&2; say "installing Wine 10 failed"; exit 3; }
  chroot "$partial" apt-get clean
  t3=$(now)
  local version packages
  version=$(chroot "$partial" /usr/bin/env -i PATH=/usr/bin:/bin wine --version 2>/dev/null | head -1 || true)
  # Only the partial root is mounted and no wineserver ran in it: unmount without unmount_all, whose wineserver
  # stop would run inside (and so create) the final root's path before the partial one is moved there.
  unmount_under "$partial"
  stack_mounts=()
  packages=$(chroot "$partial" dpkg-query -W -f '.\n' | wc -l)
  # The root needs its apt sources no more; the mirror's name stays out of the checkout.
  : >"$partial/etc/apt/sources.list"
  rm -f "$partial"/etc/apt/sources.list.d/*
  {
    echo "wine: $version"
    echo "made: $(date -u +%Y-%m-%dT%H:%M:%SZ) with $tool"
    echo "bootstrap: $(awk -v s="$t0" -v e="$t1" 'BEGIN { printf "%.0f", e - s }') s"
    echo "download: $(awk -v s="$t1" -v e="$t2" 'BEGIN { printf "%.0f", e - s }') s"
    echo "install: $(awk -v s="$t2" -v e="$t3" 'BEGIN { printf "%.0f", e - s }') s ($packages packages in the root)"
  } >"$partial/.conformance-stack"
  # A leftover directory at the final path would make mv move the root inside it instead of renaming it.
  unmount_under "$debian13_root"
  rm -rf "$debian13_root"
  mv -T "$partial" "$debian13_root"
  say "  Wine 10 installed: $(took "$t2") s; the root holds $version, $(du -sh "$debian13_root" | cut -f1) ($(took "$t0") s in all)"
}

# Binds what Wine needs into a root; every mount is recorded so that unmount_all undoes it.
bind_root() {
  local r="$1"
  exit_actions+=(unmount_all)
  mkdir -p "$r/proc" "$r/sys" "$r/dev" "$r/$root"
  mount -t proc proc "$r/proc" && stack_mounts+=("$r/proc")
  mount -t sysfs sysfs "$r/sys" && stack_mounts+=("$r/sys")
  mount --bind /dev "$r/dev" && stack_mounts+=("$r/dev")
  mount --bind /dev/pts "$r/dev/pts" && stack_mounts+=("$r/dev/pts")
  mount -t tmpfs -o mode=1777 shm "$r/dev/shm" && stack_mounts+=("$r/dev/shm")
  mount --bind "$root" "$r/$root" && stack_mounts+=("$r/$root")
}

# One run at a time per root: a second run waits instead of unmounting under the first.
mount_debian13_root() {
  exec 9>"$cache/stacks/debian13.lock"
  if ! flock -n 9; then
    say "another run is using the Debian 13 root; waiting for it"
    flock 9
  fi
  unmount_under "$debian13_root"
  bind_root "$debian13_root"
}

# Stops the stack's wineserver (a server left running inside the root would keep its mounts busy), then unmounts.
unmount_all() {
  if [[ ${#stack_mounts[@]} -eq 0 ]]; then return; fi
  if [[ "${STACK_KIND:-}" == chroot && -n "${STACK_PREFIX:-}" ]]; then
    stack_exec wineserver -k >/dev/null 2>&1 || true
  fi
  local i m
  for ((i = ${#stack_mounts[@]} - 1; i >= 0; i--)); do
    m="${stack_mounts[i]}"
    umount "$m" 2>/dev/null || { sleep 0.5; umount "$m" 2>/dev/null; } || umount -l "$m" || say "could not unmount $m"
  done
  stack_mounts=()
}

# Undoes mounts a killed run may have left under a root.
unmount_under() {
  local r="$1" m
  [[ -d "$r" ]] || return 0
  while read -r m; do
    [[ -n "$m" ]] && { umount "$m" 2>/dev/null || umount -l "$m"; }
  done < <(findmnt -rn -o TARGET | awk -v r="$r/" 'index($0, r) == 1' | sort -r)
}

size_of() { if [[ -e "$1" ]]; then du -sh "$1" 2>/dev/null | cut -f1; else echo "-"; fi; }

# ./conformance stacks [make wine-10 | remove wine-8|wine-10|dir|all]
stacks_command() {
  case "${1:-list}" in
    list)
      printf '%-9s %-44s %s\n' "stack" "where" "size"
      if command -v wine >/dev/null 2>&1; then
        printf '%-9s %-44s %s\n' "wine-8" "system: $(wine --version 2>/dev/null | head -1)" "prefix $(size_of "$cache/wineprefix")"
      else
        printf '%-9s %-44s %s\n' "wine-8" "not installed (run installs it)" "-"
      fi
      if [[ -f "$debian13_info" ]]; then
        unmount_under "$debian13_root" >/dev/null 2>&1 || true
        printf '%-9s %-44s %s\n' "wine-10" ".cache/stacks/debian13: $(awk -F': ' '/^wine:/ { print $2 }' "$debian13_info")" \
          "root $(size_of "$debian13_root"), prefix $(size_of "$cache/wineprefix-wine-10")"
        sed 's/^/          /' "$debian13_info"
      else
        printf '%-9s %-44s %s\n' "wine-10" "not made (run --stack wine-10 makes it)" "-"
      fi
      local p
      for p in "$cache"/wineprefix-dir-*; do
        [[ -d "$p" ]] && printf '%-9s %-44s %s\n' "dir" ".cache/${p#$cache/}" "prefix $(size_of "$p")"
      done ;;
    make)
      [[ "${2:-}" == wine-10 ]] || { say "usage: ./conformance stacks make wine-10"; exit 2; }
      ensure_debian13_root ;;
    remove)
      case "${2:-}" in
        wine-10)
          unmount_under "$debian13_root"; unmount_under "$debian13_root.partial"
          # The work tree is bound inside the root while a run uses it: never delete through a mount.
          if findmnt -rn -o TARGET | grep -q "^$debian13_root"; then
            say "the Debian 13 root is still mounted (a run is using it?); not removing it"; exit 3
          fi
          rm -rf "$debian13_root" "$debian13_root.partial" "$cache/wineprefix-wine-10"
          say "removed the Debian 13 root and its prefix" ;;
        wine-8) rm -rf "$cache/wineprefix"; say "removed the wine-8 prefix (the system's Wine stays)" ;;
        dir) rm -rf "$cache"/wineprefix-dir-*; say "removed the prefixes of --wine stacks" ;;
        all) stacks_command remove wine-10; stacks_command remove wine-8; stacks_command remove dir ;;
        *) say "usage: ./conformance stacks remove wine-8|wine-10|dir|all"; exit 2 ;;
      esac ;;
    *) say "usage: ./conformance stacks [list | make wine-10 | remove wine-8|wine-10|dir|all]"; exit 2 ;;
  esac
}
