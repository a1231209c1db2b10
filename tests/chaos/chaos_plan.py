"""chaos_plan - what one chaos run does, decided up front from the seed:
the SMS mailed to the gateway, the SMS that arrive from the network, and
the faults with the point of the run at which each strikes.

Pure: no process, no file, no clock. The same seed and scale give the same
plan, so that a failing run can be run again (CHAOS_SEED, CHAOS_SCALE).
"""

import random
from dataclasses import dataclass, field

# The numbers of a run at scale 1; a run at scale N has N times as many of
# each (SMS, numbers, incoming SMS and faults alike; at least one of each,
# so that a scale below 1 is a quick trial of the harness).
SMS = 1000
NUMBERS = 300
INCOMING = 300
KILLS = 10
DROPS = 5
SILENCES = 2
POSTFIX_RESTARTS = 1
DISK_FULLS = 1

# One SMS in LONG_EVERY is long (two or three parts); one in SENDMAIL_EVERY
# is handed to sendmail(1) instead of SMTP; one incoming SMS in three is long,
# its parts delivered in random order.
LONG_EVERY = 6
SENDMAIL_EVERY = 5
LONG_INCOMING_EVERY = 3
# One number in FAILING_EVERY gets "failed" status reports (TP-ST 0x41).
FAILING_EVERY = 30

# The senders (mailboxes of the test instance): alice hears of everything
# (notify=all), ps of failures only.
SENDERS_TABLE = """\
# The chaos test's senders: every report for alice, failures for ps.
alice@example.com   allow notify=all parts=5
ps@example.com      allow parts=5
default             reject only alice and ps may send SMS
"""
SENDERS = ("alice", "ps")
REPORT_LEVEL = {"alice": "all", "ps": "failure"}
# Incoming SMS come from numbers nobody mailed to: none of them is claimed
# by a conversation, all go to the default mailbox.
INCOMING_USER = "bob"
MAIL_USERS = ("alice", "bob", "ps")


@dataclass
class Sms:
    """One SMS mailed to the gateway; the tag is in every part of its text."""
    index: int
    sender: str
    number: str
    text: str
    long: bool
    via: str  # "smtp" or "sendmail"
    message_id: str

    @property
    def tag(self):
        return "c%05d" % self.index


@dataclass
class Incoming:
    """One SMS from the network; order is the order of its parts (long ones)."""
    index: int
    number: str
    text: str
    order: list = field(default_factory=list)
    reference: int = 0

    @property
    def tag(self):
        return "i%05d" % self.index


@dataclass
class Fault:
    """One fault; at is the fraction of the SMS sent when it strikes."""
    kind: str  # kill, drop, silence, postfix-restart, disk-full
    at: float


@dataclass
class Plan:
    seed: int
    scale: int
    sms: list
    incoming: list
    faults: list
    failing_numbers: list


def outgoing_number(i):
    return "+32470%06d" % (100000 + i)


def incoming_number(i):
    return "+32478%06d" % (200000 + i)


def short_text(rng, tag):
    # GSM 7-bit only, at most 160 characters: one part.
    words = " ".join(rng.choice(WORDS) for _ in range(rng.randint(2, 8)))
    return "%s %s" % (tag, words)


def long_text(rng, tag, parts):
    """A text of two or three parts in which every part holds the tag:
    the tag begins every word, so that any 153 characters hold a whole one."""
    length = rng.randint(170, 300) if parts == 2 else rng.randint(320, 450)
    words = []
    while sum(len(w) + 1 for w in words) < length:
        words.append("%s%s" % (tag, rng.choice(WORDS)))
    return " ".join(words)[:length].rstrip()


WORDS = ("alpha", "bravo", "charlie", "delta", "echo", "foxtrot", "golf", "hotel", "india", "juliet",
         "kilo", "lima", "mike", "november", "oscar", "papa", "quebec", "romeo", "sierra", "tango")


def scaled(n, scale):
    return max(1, round(n * scale))


def make_plan(seed, scale):
    rng = random.Random(seed)
    numbers = [outgoing_number(i) for i in range(scaled(NUMBERS, scale))]
    failing = numbers[::FAILING_EVERY]
    sms = []
    for i in range(scaled(SMS, scale)):
        tag = "c%05d" % i
        is_long = i % LONG_EVERY == LONG_EVERY - 1
        text = long_text(rng, tag, rng.choice((2, 3))) if is_long else short_text(rng, tag)
        sms.append(Sms(index=i, sender=rng.choice(SENDERS), number=numbers[i % len(numbers)], text=text,
                       long=is_long, via="sendmail" if i % SENDMAIL_EVERY == 2 else "smtp",
                       message_id="%s.%d@chaos.example.com" % (tag, seed)))
    rng.shuffle(sms)  # numbers, senders and kinds interleaved in time
    incoming = []
    incoming_count = scaled(INCOMING, scale)
    for i in range(incoming_count):
        tag = "i%05d" % i
        number = incoming_number(i % max(1, incoming_count // 3))
        if i % LONG_INCOMING_EVERY == 0:
            order = [1, 2, 3]
            rng.shuffle(order)
            incoming.append(Incoming(i, number, long_text(rng, tag, 3), order, reference=1 + i))
        else:
            incoming.append(Incoming(i, number, short_text(rng, tag)))
    rng.shuffle(incoming)
    kinds = (["kill"] * scaled(KILLS, scale) + ["drop"] * scaled(DROPS, scale) + ["silence"] * scaled(SILENCES, scale) +
             ["postfix-restart"] * scaled(POSTFIX_RESTARTS, scale) + ["disk-full"] * scaled(DISK_FULLS, scale))
    rng.shuffle(kinds)
    # Spread over the sending, from 5 % to 90 % of the SMS sent, each in a
    # slot of its own with a random point inside it.
    slot = 0.85 / len(kinds)
    faults = [Fault(kind, 0.05 + slot * (k + rng.uniform(0.1, 0.9))) for k, kind in enumerate(kinds)]
    return Plan(seed=seed, scale=scale, sms=sms, incoming=incoming, faults=faults, failing_numbers=failing)
