"""SIM send limits: a modem at its max_per_hour or in its quiet hours takes
no new jobs and the other modems take them; when every modem is held, a
new delivery is deferred with 4.7.0 and a reason; the counts come from the
database and survive a restart; a long message is counted whole;
smsgatectl status shows counts, limits and holds. Quiet windows are made
around the current local time, so that no case depends on the clock."""

import os
import re
import shutil
import subprocess
import tempfile
import time

from cases_modem import read_metrics
from workerclient import Sim, Worker, case, check, sent, wait_until

NUMBER = "+32477324847"


def sent_texts(sim):
    return [s["text"] for s in sent(sim)]


def status_lines(w, name):
    """smsgatectl status: the modem's row and the indented lines under it."""
    out = w.ctl("status")
    check(out.returncode == 0, "smsgatectl status: %s" % out.stderr)
    lines, mine = [], False
    for line in out.stdout.splitlines():
        if not line.startswith(" "):
            mine = line.split()[:1] == [name]
        if mine:
            lines.append(line)
    check(lines, "no row for %s:\n%s" % (name, out.stdout))
    return "\n".join(lines)


def check_deferred(r, words):
    check(r.get("status") == "temporary" and r.get("dsn") == "4.7.0", "deferred with 4.7.0: %r" % r)
    check(r.get("text") == words, "the reason: %r" % r)


def quiet_around_now(minutes_before=60, minutes_after=60):
    """A quiet window from an hour before the local time now to an hour after."""
    t = time.localtime()
    now = t.tm_hour * 60 + t.tm_min

    def hhmm(m):
        m %= 24 * 60
        return "%02d:%02d" % (m // 60, m % 60)
    return hhmm(now - minutes_before) + "-" + hhmm(now + minutes_after)


@case
def limits_hourly(b):
    limits = {"a": {"max_per_hour": "2"}, "b": {"max_per_hour": "3"}}
    metrics = os.path.join(tempfile.mkdtemp(prefix="smsgate-metrics."), "smsgate.prom")
    with Sim(b["sim"]) as a, Sim(b["sim"]) as other:
        w = Worker(b, {"a": a, "b": other}, worker_options={"metrics_file": metrics}, modem_options=limits)
        with w:
            # Five messages for five places: a sends two, then hands the
            # rest to b, whatever the order the router took them in.
            for i in range(5):
                r = w.submit(NUMBER, "message %d" % i, "L000000%d" % i)
                check(r.get("status") == "sent" and r.get("dsn") == "2.0.0", "message %d: %r" % (i, r))
            check(len(sent(a)) == 2 and len(sent(other)) == 3, "a 2, b 3: %r %r" % (sent_texts(a), sent_texts(other)))
            check(sorted(sent_texts(a) + sent_texts(other)) == ["message %d" % i for i in range(5)], "each once")
            # Both at their limit: the sixth is deferred, not queued.
            r = w.submit(NUMBER, "one too many", "L0000005")
            check_deferred(r, "every SIM has reached its hourly limit")
            w.wait_log(r"L0000005: to=<.*>, relay=smsgate, status=deferred \(4\.7\.0 every SIM has reached its "
                       r"hourly limit\)")
            check(len(sent(a)) + len(sent(other)) == 5, "nothing more sent")
            rows = status_lines(w, "a")
            check(re.search(r"sent this hour: 2 \(limit 2\), today: 2 \(no limit\); at hourly limit until \d\d:\d\d",
                            rows), "a's limits in the status:\n" + rows)
            rows = status_lines(w, "b")
            check("sent this hour: 3 (limit 3)" in rows and "at hourly limit until" in rows, "b's:\n" + rows)
            s = w.status()
            check(s.get("modem0.sent_hour") == "2" and s.get("modem0.max_per_hour") == "2"
                  and s.get("modem0.held") == "hourly limit", "the status attributes: %r" % s)
            # The metrics file says the same (rewritten every poll_seconds).
            a_label = (("modem", "a"),)
            wait_until(lambda: os.path.exists(metrics) and
                       read_metrics(metrics).get(("smsgate_modem_held", a_label)) == 1, 15, "a held in the metrics")
            m = read_metrics(metrics)
            check(m.get(("smsgate_modem_sent_last_hour", a_label)) == 2
                  and m.get(("smsgate_modem_sent_last_day", (("modem", "b"),))) == 3, "the counts: %r" % m)
            # The counts are the database's: a restart keeps them.
            w.stop()
            w.start()
            r = w.submit(NUMBER, "after a restart", "L0000006")
            check_deferred(r, "every SIM has reached its hourly limit")
            rows = status_lines(w, "a")
            check("sent this hour: 2 (limit 2)" in rows and "at hourly limit" in rows, "after the restart:\n" + rows)
            check(len(sent(a)) + len(sent(other)) == 5, "nothing more sent after the restart")
    shutil.rmtree(os.path.dirname(metrics), ignore_errors=True)


@case
def limits_long_message_whole(b):
    # Room for two more parts: a three-part message is deferred whole (no
    # part goes), a two-part one goes whole.
    with Sim(b["sim"]) as a, Worker(b, {"a": a}, modem_options={"a": {"max_per_day": "3"}}) as w:
        r = w.submit(NUMBER, "one part", "M0000001")
        check(r.get("status") == "sent", "one part: %r" % r)
        r = w.submit(NUMBER, "x" * 400, "M0000002")
        check_deferred(r, "every SIM has reached its daily limit")
        check(len(sent(a)) == 1, "no part of the long message went: %r" % sent_texts(a))
        r = w.submit(NUMBER, "y" * 200, "M0000003")
        check(r.get("status") == "sent" and "2 parts" in r.get("text", ""), "two parts: %r" % r)
        check(len(sent(a)) == 3, "three parts in all: %r" % sent_texts(a))
        rows = status_lines(w, "a")
        check(re.search(r"sent this hour: 3 \(no limit\), today: 3 \(limit 3\); at daily limit until", rows),
              "the status:\n" + rows)


@case
def limits_quiet_hours(b):
    quiet = quiet_around_now()
    with Sim(b["sim"]) as a, Sim(b["sim"]) as other:
        with Worker(b, {"a": a, "b": other}, modem_options={"a": {"quiet_hours": quiet}}) as w:
            for i in range(3):
                r = w.submit(NUMBER, "in a's quiet hours %d" % i, "Q000000%d" % i)
                check(r.get("status") == "sent" and "via b" in r.get("text", ""), "b sends it: %r" % r)
            check(sent(a) == [] and len(sent(other)) == 3, "a quiet: %r %r" % (sent_texts(a), sent_texts(other)))
            rows = status_lines(w, "a")
            until = quiet.split("-")[1]
            check(re.search(r"sent this hour: 0 \(no limit\), today: 0 \(no limit\); quiet hours %s; quiet until %s"
                            % (re.escape(quiet), until), rows), "a quiet in the status:\n" + rows)
            check("quiet" not in status_lines(w, "b"), "b is not quiet")
    with Sim(b["sim"]) as a, Sim(b["sim"]) as other:
        both = {"a": {"quiet_hours": quiet}, "b": {"quiet_hours": quiet}}
        with Worker(b, {"a": a, "b": other}, modem_options=both) as w:
            r = w.submit(NUMBER, "at night", "Q0000010")
            check_deferred(r, "every SIM is in its quiet hours")
            check(sent(a) == [] and sent(other) == [], "nothing sent")


@case
def limits_config_errors(b):
    # A send limit or quiet window that is not of its form stops the worker
    # at the start, with the file, the section and the key named.
    rows = [({"quiet_hours": "22h-7h"}, "[modem.a]: quiet_hours '22h-7h' is not HH:MM-HH:MM"),
            ({"quiet_hours": "07:00-07:00"}, "[modem.a]: quiet_hours '07:00-07:00' is empty"),
            ({"max_per_hour": "-5"}, "[modem.a]: a send limit must be 0 (none) or more")]
    with Sim(b["sim"]) as a:
        for keys, says in rows:
            w = Worker(b, {"a": a}, modem_options={"a": keys})
            try:
                out = subprocess.run([b["smsgated"], "-c", w.config], capture_output=True, text=True, timeout=30)
                check(out.returncode != 0, "smsgated refuses %r" % keys)
                check(says in out.stderr and w.config in out.stderr, "%r: %s" % (keys, out.stderr))
            finally:
                w.__exit__(None, None, None)
