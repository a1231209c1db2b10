#!/bin/sh
# transport_links.sh - smsgate-transport, started by pipe(8) for every
# delivery, loads none of the libraries of the checks it leaves to the
# worker: no libphonenumber (and its ICU, protobuf, abseil), no GMime (and
# its GLib), no SQLite. Each costs start-up time in every delivery and in
# every retry while the worker is down. Reads the binary's dependencies
# with ldd.
set -eu
binary=${SMSGATE_TRANSPORT:?}
deps=$(ldd "$binary") || { echo "FAIL: ldd $binary: $deps"; exit 1; }
found=$(printf '%s\n' "$deps" | awk '{ print $1 }' |
    grep -E '^lib(phonenumber|gmime|glib|gobject|gio|sqlite3|icu|protobuf|absl_|gpgme|idn2)' || true)
if [ -n "$found" ]; then
    echo "FAIL: $binary loads libraries of the worker's checks:" $found
    exit 1
fi
echo "transport_links: ok ($(printf '%s\n' "$deps" | wc -l) shared objects)"
