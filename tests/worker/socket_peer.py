#!/usr/bin/env python3
"""socket_peer - a client of smsgated's socket run as another user (the
tests start it with Popen(user=..., group=...)), so that the worker sees
that user's credentials.

usage: socket_peer.py request SOCKET ATTRS-JSON
           one request; prints the reply's attributes as JSON
       socket_peer.py hold SOCKET COUNT
           opens up to COUNT connections and sends nothing on them but half
           a request on the first; prints {"opened": N}; waits for a line on
           stdin; then waits until the worker has closed every connection
           (or 120 s passed) and prints how each ended, as JSON
"""

import json
import select
import socket
import struct
import sys
import time

sys.dont_write_bytecode = True

from workerclient import decode, encode  # noqa: E402


def request(path, attrs):
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as s:
        s.settimeout(60)
        s.connect(path)
        try:
            s.sendall(encode(attrs))
        except (BrokenPipeError, ConnectionResetError):
            pass  # the worker stopped reading at a bound: what it said still counts
        data = b""
        while not data.endswith(b"\n\n"):
            try:
                chunk = s.recv(65536)
            except ConnectionResetError:
                break
            if not chunk:
                break
            data += chunk
    return decode(data)


def hold(path, count):
    sockets = []
    for _ in range(count):
        s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        # A blocking connect() to a listener whose backlog is full waits up
        # to SO_SNDTIMEO (a non-blocking one fails at once): give up then.
        s.setsockopt(socket.SOL_SOCKET, socket.SO_SNDTIMEO, struct.pack("ll", 2, 0))
        try:
            s.connect(path)
        except OSError:
            s.close()
            break
        sockets.append(s)
    if sockets:
        sockets[0].sendall(b"smsgate=1\nrequest=sta")
    print(json.dumps({"opened": len(sockets)}), flush=True)
    sys.stdin.readline()
    # How each connection ended: what the worker said before it closed.
    said = {s.fileno(): b"" for s in sockets}
    open_ones = {s.fileno(): s for s in sockets}
    poller = select.poll()
    for fd in open_ones:
        poller.register(fd, select.POLLIN)
    deadline = time.monotonic() + 120
    while open_ones and time.monotonic() < deadline:
        for fd, _ in poller.poll(1000):
            try:
                chunk = open_ones[fd].recv(65536)
            except OSError:
                chunk = b""
            if chunk:
                said[fd] += chunk
            else:
                poller.unregister(fd)
                del open_ones[fd]
    answers = [decode(data).get("dsn", "") for data in said.values()]
    print(json.dumps({"still_open": len(open_ones), "refused": answers.count("4.3.2"),
                      "timed_out": answers.count("4.4.2"), "closed_silently": answers.count("")}), flush=True)
    for s in sockets:
        s.close()


if __name__ == "__main__":
    if len(sys.argv) == 4 and sys.argv[1] == "request":
        print(json.dumps(request(sys.argv[2], json.loads(sys.argv[3]))))
    elif len(sys.argv) == 4 and sys.argv[1] == "hold":
        hold(sys.argv[2], int(sys.argv[3]))
    else:
        sys.stderr.write(__doc__)
        sys.exit(64)
