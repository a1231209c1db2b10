#!/usr/bin/env python3
"""quota_db.py: the quota database as another process uses it, for the
milter cases.

  quota_db.py hold DB DIR    takes the write lock of DB (BEGIN EXCLUSIVE),
                             creates DIR/locked, waits for DIR/answered (at
                             most 40 s), gives the lock back and creates
                             DIR/released.
  quota_db.py count DB KEY QUEUE_ID
                             prints the SMS counted for KEY and the numbers
                             marked as counted for QUEUE_ID: "SENT MARKS".
"""
import os
import sqlite3
import sys
import time


def touch(path):
    with open(path, "w"):
        pass


def hold(db, directory):
    con = sqlite3.connect(db, isolation_level=None, timeout=30)
    con.execute("BEGIN EXCLUSIVE")
    touch(os.path.join(directory, "locked"))
    answered = os.path.join(directory, "answered")
    deadline = time.monotonic() + 40
    while not os.path.exists(answered) and time.monotonic() < deadline:
        time.sleep(0.05)
    con.execute("ROLLBACK")
    con.close()
    touch(os.path.join(directory, "released"))


def count(db, key, queue_id):
    con = sqlite3.connect(db, timeout=30)
    sent = con.execute("SELECT coalesce(sum(sent), 0) FROM quota_counts WHERE key = ?", (key,)).fetchone()[0]
    marks = con.execute("SELECT count(*) FROM quota_counted WHERE queue_id = ?", (queue_id,)).fetchone()[0]
    print(sent, marks)


if __name__ == "__main__":
    # Started in the background by miltertest: its connection to the milter
    # must not stay open in this process after the case closed it.
    os.closerange(3, 1024)
    if sys.argv[1] == "hold":
        hold(sys.argv[2], sys.argv[3])
    elif sys.argv[1] == "count":
        count(sys.argv[2], sys.argv[3], sys.argv[4])
    else:
        sys.exit("usage: quota_db.py hold DB DIR | count DB KEY QUEUE_ID")
