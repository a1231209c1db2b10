#!/usr/bin/python3
"""submit.py - hands jobs to smsgated over its socket, as smsgate-transport
does, for the benchmarks.

    submit.py SOCKET COUNT [--tag T] [--number N] [--window W] [--wait]

Submits COUNT single-part SMS (request=submit, as root), each on a
connection of its own, at most WINDOW (default 200) at a time. Without
--wait a connection sends request=ping right behind its submit and is closed
at the first answer: the worker handles a connection's requests in order,
so that answer means the job is committed, and the job goes on without its
client (as after a transport that gave up waiting). With --wait each
connection waits for its job's outcome.

Prints one JSON line: "first" (UTC seconds of the first request written),
"last" (of the last answer read), "count", and "answers" (how many of each
status: "queued" for a job left to the worker).
"""

import argparse
import json
import selectors
import socket
import sys
import time


def encode(attrs):
    out = "smsgate=1\n"
    for name, value in attrs:
        value = str(value).replace("\\", "\\\\").replace("\n", "\\n").replace("\r", "\\r").replace("\0", "\\0")
        out += "%s=%s\n" % (name, value)
    return (out + "\n").encode()


def status_of(data):
    for line in data.decode(errors="replace").split("\n"):
        if line.startswith("status="):
            return line[len("status="):]
    return "none"


def request(args, i):
    # A Postfix-like queue id, unique per job of a run: the tag and a count.
    queue_id = "%s%06X" % (args.tag, i)
    attrs = [("request", "submit"), ("queue_id", queue_id), ("recipient", args.number + "@sms.example.com"),
             ("mail_key", "<%s@bench.example.com>" % queue_id), ("message_id", "<%s@bench.example.com>" % queue_id),
             ("number", args.number), ("sender", "bench@example.com"), ("text", "bench %s" % queue_id)]
    data = encode(attrs)
    if not args.wait:
        data += encode([("request", "ping")])
    return data


def main():
    p = argparse.ArgumentParser(description="hands jobs to smsgated over its socket")
    p.add_argument("socket")
    p.add_argument("count", type=int)
    p.add_argument("--tag", default="B", help="first characters of each queue id (hex digits)")
    p.add_argument("--number", default="+32477324847")
    p.add_argument("--window", type=int, default=200, help="connections at a time")
    p.add_argument("--wait", action="store_true", help="wait for each job's outcome")
    p.add_argument("--timeout", type=float, default=600, help="seconds for the whole run")
    args = p.parse_args()

    sel = selectors.DefaultSelector()
    answers = {}
    first = last = None
    started = 0
    done = 0
    deadline = time.monotonic() + args.timeout

    def start(i):
        nonlocal first
        s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        s.connect(args.socket)
        data = request(args, i)
        if first is None:
            first = time.time()
        s.sendall(data)
        s.setblocking(False)
        sel.register(s, selectors.EVENT_READ, [b""])

    while done < args.count:
        while started < args.count and started - done < args.window:
            start(started)
            started += 1
        if time.monotonic() > deadline:
            sys.stderr.write("submit.py: %d of %d jobs unanswered after %.0f s\n" % (args.count - done, args.count,
                                                                                       args.timeout))
            return 1
        for key, _ in sel.select(timeout=1):
            s, buf = key.fileobj, key.data
            chunk = s.recv(65536)
            buf[0] += chunk
            if chunk and b"\n\n" not in buf[0]:
                continue
            answer = status_of(buf[0]) if chunk else "closed"
            if not args.wait and answer == "ok":
                answer = "queued"  # the ping's answer: the submit before it is committed
            answers[answer] = answers.get(answer, 0) + 1
            last = time.time()
            sel.unregister(s)
            s.close()
            done += 1
    print(json.dumps({"first": first, "last": last, "count": args.count, "answers": answers}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
