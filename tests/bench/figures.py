#!/usr/bin/python3
"""figures.py - the benchmark figures from the simulators' logs.

    figures.py throughput T0 L SENT_LOG...
        SMS accepted in the sent logs (smsgate-modem-sim --log) from T0
        (UTC seconds, the first submission) on, and the time from T0 to
        the last one.
        Prints: count seconds sms_per_min ratio min_per_modem max_per_modem,
        where ratio is sms_per_min / (60 / L per modem), L the seconds per
        AT+CMGS.

    figures.py latency SUBMIT_TIMES COMMAND_LOG
        For each submission time (UTC seconds, one a line) the first
        AT+CMGS line the simulator received after it (--command-log), in
        milliseconds. Prints: samples median min max p90.
"""

import datetime
import json
import statistics
import sys


def utc_seconds(iso):
    """ "2026-01-02T03:04:05.678Z" as seconds since the epoch."""
    t = datetime.datetime.strptime(iso, "%Y-%m-%dT%H:%M:%S.%fZ")
    return t.replace(tzinfo=datetime.timezone.utc).timestamp()


def records(path):
    with open(path) as f:
        return [json.loads(line) for line in f if line.strip()]


def throughput(t0, seconds_per_sms, logs):
    times, per_modem = [], []
    for path in logs:
        sent = [t for t in (utc_seconds(r["time"]) for r in records(path)) if t >= t0]
        per_modem.append(len(sent))
        times += sent
    if not times:
        sys.exit("figures.py: nothing was sent")
    elapsed = max(times) - t0
    per_min = len(times) * 60.0 / elapsed
    limit = 60.0 / seconds_per_sms * len(logs)
    print("%d %.2f %.1f %.3f %d %d" % (len(times), elapsed, per_min, per_min / limit, min(per_modem),
                                       max(per_modem)))


def latency(submit_file, command_log):
    with open(submit_file) as f:
        submits = sorted(float(line) for line in f if line.strip())
    cmgs = sorted(utc_seconds(r["time"]) for r in records(command_log)
                  if r["line"].upper().startswith("AT+CMGS="))
    delays = []
    for i, t in enumerate(submits):
        end = submits[i + 1] if i + 1 < len(submits) else float("inf")
        after = [c for c in cmgs if t <= c < end]
        if not after:
            sys.exit("figures.py: no AT+CMGS after the submission at %.3f" % t)
        delays.append((after[0] - t) * 1000)
    delays.sort()
    p90 = delays[min(len(delays) - 1, int(round(0.9 * (len(delays) - 1))))]
    print("%d %.0f %.0f %.0f %.0f" % (len(delays), statistics.median(delays), delays[0], delays[-1], p90))


def main(argv):
    if len(argv) >= 4 and argv[1] == "throughput":
        throughput(float(argv[2]), float(argv[3]), argv[4:])
    elif len(argv) == 4 and argv[1] == "latency":
        latency(argv[2], argv[3])
    else:
        sys.stderr.write(__doc__)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
