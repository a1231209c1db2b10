# systemctl_shim.sh - sourced by install_by_readme.sh: a shell function
# "systemctl" for a host where systemd is not PID 1. It starts a unit the way
# systemd would as far as smsgate's units need it: the directories of
# RuntimeDirectory=, StateDirectory= and LogsDirectory= owned by User= and
# Group= with their modes, UMask=, then ExecStart= as User= with the user's
# groups (runuser, initgroups), in the background with its output in
# $SHIM_LOG_DIR/UNIT.out. A Type= other than simple fails. The sandboxing
# keys (ProtectSystem=, ReadWritePaths=, NoNewPrivileges=, DevicePolicy=,
# PrivateTmp= and the like) are not applied: they are listed when a unit
# starts, and systemd-analyze verify checks them where systemd is.
# setpriv switches the user and execs: the recorded pid is the daemon's, and
# the user's uid leaves it no capability.
# Where systemd runs, the real systemctl is used.

SHIM_PIDS=${SHIM_PIDS:-/tmp/systemctl-shim.pids}

unit_file() {
    local f
    for f in /etc/systemd/system/$1.service /usr/lib/systemd/system/$1.service /lib/systemd/system/$1.service; do
        [ -f "$f" ] && { echo "$f"; return 0; }
    done
    echo "systemctl: no unit $1" >&2
    return 1
}

# unit_key FILE KEY: the values of KEY in [Service], one a line.
unit_key() { awk -v k="$2" '/^\[/ { s = ($0 == "[Service]") } s && index($0, k "=") == 1 { print substr($0, length(k) + 2) }' "$1"; }

unit_pid() { awk -v u="$1" '$1 == u { print $2 }' "$SHIM_PIDS" 2>/dev/null | tail -n 1; }

unit_dirs() {  # FILE USER GROUP: make the unit's directories as systemd does
    local file=$1 user=$2 group=$3 kind base mode d
    for kind in Runtime:/run State:/var/lib Logs:/var/log; do
        base=${kind#*:}
        mode=$(unit_key "$file" "${kind%%:*}DirectoryMode" | tail -n 1)
        for d in $(unit_key "$file" "${kind%%:*}Directory"); do
            install -d -o "$user" -g "$group" -m "${mode:-0755}" "$base/$d"
        done
    done
}

unit_start() {
    local file user group umask exec g pid type
    file=$(unit_file "$1") || return 1
    type=$(unit_key "$file" Type | tail -n 1)
    case ${type:-simple} in simple | exec) ;; *) echo "systemctl: $1: Type=$type is not emulated" >&2; return 1 ;; esac
    user=$(unit_key "$file" User | tail -n 1)
    group=$(unit_key "$file" Group | tail -n 1)
    umask=$(unit_key "$file" UMask | tail -n 1)
    exec=$(unit_key "$file" ExecStart | tail -n 1)
    [ -n "$user" ] && [ -n "$exec" ] || { echo "systemctl: $1: no User= or ExecStart=" >&2; return 1; }
    # --init-groups gives the user its groups from /etc/group; a
    # supplementary group the user is not in would be given by systemd and
    # not here.
    for g in $(unit_key "$file" SupplementaryGroups); do
        id -nG "$user" | tr ' ' '\n' | grep -qx "$g" ||
            { echo "systemctl: $1: $user is not in $g (SupplementaryGroups=)" >&2; return 1; }
    done
    unit_dirs "$file" "$user" "${group:-$user}"
    echo "systemctl: $1: not applied: $(awk '/^\[/ { s = ($0 == "[Service]") } s && /^(Protect|Private|Restrict|ReadWrite|NoNew|Device|Lock|Memory)/ { sub(/=.*/, ""); print }' "$file" | sort -u | tr '\n' ' ')" >&2
    echo "systemctl: $1: as $user: $exec" >&2
    (umask "${umask:-0022}"; exec setsid setpriv --reuid="$user" --regid="${group:-$user}" --init-groups -- $exec) \
        </dev/null >>"${SHIM_LOG_DIR:-/tmp}/$1.out" 2>&1 &
    pid=$!
    echo "$1 $pid" >>"$SHIM_PIDS"
    sleep 1
    kill -0 "$pid" 2>/dev/null || { echo "systemctl: $1 exited at once:" >&2; cat "${SHIM_LOG_DIR:-/tmp}/$1.out" >&2; return 1; }
}

unit_stop() {
    local pid n=50
    pid=$(unit_pid "$1")
    [ -n "$pid" ] || return 0
    kill "$pid" 2>/dev/null || true
    while kill -0 "$pid" 2>/dev/null && [ "$n" -gt 0 ]; do n=$((n - 1)); sleep 0.2; done
    kill -KILL "$pid" 2>/dev/null || true
    sed -i "/^$1 /d" "$SHIM_PIDS"
}

systemctl() {
    if [ -d /run/systemd/system ]; then
        command systemctl "$@"
        return
    fi
    local verb=$1 u now=no
    shift
    [ "${1:-}" = --now ] && { now=yes; shift; }
    for u in "$@"; do
        u=${u%.service}
        case $verb in
        start) [ -n "$(unit_pid "$u")" ] || unit_start "$u" || return 1 ;;
        restart) unit_stop "$u"; unit_start "$u" || return 1 ;;
        stop) unit_stop "$u" ;;
        enable) [ "$now" = no ] || unit_start "$u" || return 1 ;;
        reload) kill -HUP "$(unit_pid "$u")" ;;
        is-active) [ -n "$(unit_pid "$u")" ] && kill -0 "$(unit_pid "$u")" 2>/dev/null || return 3 ;;
        *) echo "systemctl: $verb is not emulated" >&2; return 1 ;;
        esac
    done
}
