"""chaos_tally - what a chaos run did, counted from what the real
components left: the simulator's log of every SMS-SUBMIT it accepted,
Postfix's mail log (which mails it queued, which bounced), the mails in the
test users' Maildirs, and postqueue -p.

Pure: the inputs are read by the caller; here they are only counted.
"""

import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from chaos_plan import INCOMING_USER, REPORT_LEVEL

QUEUE_ID = r"[0-9A-Za-z]+"


@dataclass
class Tally:
    accepted: int = 0          # SMS Postfix queued (copies counted once each)
    copies: int = 0            # queued copies beyond one per SMS (a cut SMTP connection)
    not_accepted: list = field(default_factory=list)
    lost: list = field(default_factory=list)
    bounced: list = field(default_factory=list)
    doubled: list = field(default_factory=list)   # SMS with a part sent more often than queued
    extra_parts: int = 0       # part submissions beyond one per queued copy
    strangers: list = field(default_factory=list)  # submissions no SMS of the plan explains
    incoming_missing: list = field(default_factory=list)
    incoming_doubled: dict = field(default_factory=dict)
    incoming_incomplete: list = field(default_factory=list)
    reports_expected: int = 0
    reports_missing: list = field(default_factory=list)
    reports_network_skipped: int = 0  # the handset's report came first
    reports_doubled: dict = field(default_factory=dict)
    reports_unexpected: list = field(default_factory=list)
    kills: int = 0
    # Copies of a mail beyond the times the worker recorded it as sent:
    # sendmail had the mail when the worker was killed, before its mark was
    # written. At most one per kill; any other copy is a mail handed
    # over twice by a worker that knew it had been, and fails the run.
    at_kill: dict = field(default_factory=dict)
    queue_empty: bool = False
    queue: str = ""

    def failures(self):
        """What makes the run fail, one line each."""
        out = []
        if self.not_accepted:
            out.append("%d SMS never accepted by Postfix: %s" % (len(self.not_accepted), self.not_accepted[:10]))
        if self.lost:
            out.append("%d SMS lost: %s" % (len(self.lost), self.lost[:10]))
        if self.doubled:
            out.append("%d SMS sent twice: %s" % (len(self.doubled), self.doubled[:10]))
        if self.strangers:
            out.append("%d SMS sent that nobody mailed: %s" % (len(self.strangers), self.strangers[:5]))
        if self.incoming_missing:
            out.append("%d incoming SMS without a mail: %s" % (len(self.incoming_missing),
                                                                self.incoming_missing[:10]))
        if sum(self.at_kill.values()) > self.kills:
            out.append("%d copies handed over at a kill, more than the %d kills: %s" % (
                sum(self.at_kill.values()), self.kills, sorted(self.at_kill.items())[:10]))
        if self.incoming_doubled:
            out.append("%d incoming SMS mailed more than once: %s" % (len(self.incoming_doubled),
                                                                       sorted(self.incoming_doubled.items())[:10]))
        if self.incoming_incomplete:
            out.append("%d incoming SMS mailed incomplete: %s" % (len(self.incoming_incomplete),
                                                                   self.incoming_incomplete[:10]))
        if self.reports_missing:
            out.append("%d report mails missing: %s" % (len(self.reports_missing), self.reports_missing[:10]))
        if self.reports_doubled:
            out.append("%d report mails sent more than once: %s" % (len(self.reports_doubled),
                                                                     sorted(self.reports_doubled.items())[:10]))
        if self.reports_unexpected:
            out.append("%d report mails nobody expected: %s" % (len(self.reports_unexpected),
                                                                 self.reports_unexpected[:10]))
        if not self.queue_empty:
            out.append("Postfix's queue is not empty:\n" + self.queue)
        return out


def queued_copies(maillog):
    """Message-ID -> the queue ids Postfix accepted it under (qmgr saw them)."""
    ids = defaultdict(set)
    for qid, message_id in re.findall(r"\b(%s): message-id=<([^>]*)>" % QUEUE_ID, maillog):
        ids[message_id].add(qid)
    active = set(re.findall(r"\bqmgr\[\d+\]: (%s): from=<[^>]*>, size=" % QUEUE_ID, maillog))
    return {m: sorted(q & active) for m, q in ids.items()}


def bounced_queue_ids(maillog):
    return set(re.findall(r"\b(%s): to=<[^>]*>, relay=.*, status=bounced" % QUEUE_ID, maillog))


def sms_of_records(plan, records):
    """The plan's SMS each record is a part of, or None: by the tag in its
    text; a last part too short to hold a whole tag by the other parts of
    its concatenation reference, else by being part of the one text mailed
    to its number that holds it."""
    by_tag = {s.tag: s for s in plan.sms}
    by_number = defaultdict(list)
    for s in plan.sms:
        by_number[s.number].append(s)

    def tagged(r):
        m = re.search(r"\bc\d{5}", r.get("text", ""))
        sms = by_tag.get(m.group(0)) if m else None
        return sms if sms is not None and sms.number == r.get("to") else None

    by_reference = {}
    for r in records:
        sms = tagged(r)
        if sms is not None and "ref" in r:
            by_reference[(r.get("to"), r["ref"])] = sms
    out = []
    for r in records:
        sms = tagged(r) or by_reference.get((r.get("to"), r.get("ref")))
        if sms is None:
            holders = [s for s in by_number.get(r.get("to"), []) if r.get("text") and r["text"] in s.text]
            sms = holders[0] if len(holders) == 1 else None
        out.append(sms)
    return out


def count_sent(plan, copies, bounced, records, tally):
    """SMS lost and sent twice, from the simulator's records: every part of
    every queued copy at least once, none more often than copies queued."""
    sends = defaultdict(Counter)  # tag -> seq -> submissions
    totals = defaultdict(set)
    for r, sms in zip(records, sms_of_records(plan, records)):
        if sms is None:
            tally.strangers.append((r.get("to"), r.get("text")))
            continue
        sends[sms.tag][r.get("seq", 1)] += 1
        totals[sms.tag].add(r.get("total", 1))
    for sms in plan.sms:
        qids = copies.get(sms.message_id, [])
        if not qids:
            tally.not_accepted.append(sms.tag)
            continue
        tally.accepted += 1
        tally.copies += len(qids) - 1
        seqs = sends.get(sms.tag, Counter())
        total = max(totals.get(sms.tag, {1}))
        if any(seqs[s] == 0 for s in range(1, total + 1)):
            if any(q in bounced for q in qids):
                tally.bounced.append(sms.tag)
            else:
                tally.lost.append(sms.tag)
        extra = sum(max(0, n - len(qids)) for n in seqs.values())
        if extra:
            tally.doubled.append("%s to %s (%s)" % (sms.tag, sms.number, dict(seqs)))
            tally.extra_parts += extra


def count_incoming(plan, mailboxes, tally):
    """Every incoming SMS exactly one mail in the default mailbox, whole."""
    mails = Counter()
    for m in mailboxes.get(INCOMING_USER, []):
        if m.get("X-SMS-Report") is not None:
            continue
        text = "%s\n%s" % (m.get("Subject", ""), body_of(m))
        tags = set(re.findall(r"\bi\d{5}", text))
        for tag in tags:
            mails[tag] += 1
        if "missing" in text.lower() and tags:
            tally.incoming_incomplete.extend(sorted(tags))
    for sms in plan.incoming:
        n = mails.get(sms.tag, 0)
        if n == 0:
            tally.incoming_missing.append(sms.tag)
        elif n > 1:
            tally.incoming_doubled[sms.tag] = n
    return mails


def expected_reports(plan, copies, failing, bounced):
    """(queue id, number, kind) of every report mail the senders' levels ask for."""
    out = set()
    for sms in plan.sms:
        for qid in copies.get(sms.message_id, []):
            if qid in bounced:
                continue
            fails = sms.number in failing
            if REPORT_LEVEL[sms.sender] == "all":
                out.add((sms.sender, qid, sms.number, "network"))
            if fails or REPORT_LEVEL[sms.sender] == "all":
                out.add((sms.sender, qid, sms.number, "failed" if fails else "handset"))
    return out


def count_reports(plan, copies, bounced, mailboxes, tally):
    expected = expected_reports(plan, copies, set(plan.failing_numbers), bounced)
    tally.reports_expected = len(expected)
    seen = Counter()
    for user in REPORT_LEVEL:
        for m in mailboxes.get(user, []):
            kind = m.get("X-SMS-Report")
            if kind is not None:
                seen[(user, m.get("X-SMS-Queue-ID"), m.get("X-SMS-Number"), kind)] += 1
    # The worker writes no "network" mail when the handset's report came
    # before +CMGS was recorded ("a later report said more"): not missing.
    finals = {k[:3] for k in seen if k[3] in ("handset", "failed")}
    missing = expected - set(seen)
    tally.reports_network_skipped = sum(1 for k in missing if k[3] == "network" and k[:3] in finals)
    tally.reports_missing = sorted(k for k in missing if not (k[3] == "network" and k[:3] in finals))
    tally.reports_doubled = {k: n for k, n in seen.items() if n > 1}
    tally.reports_unexpected = sorted(set(seen) - expected)


def outbox_keys(worker_log):
    """Each report mail's and incoming SMS's outbox key, from the lines the
    worker logs when it queues them; and how often each key was recorded
    as sent: marked at once, or marked later after a failed mark."""
    keys, marked = {}, Counter()
    last_received = {}  # pid -> tags of the SMS it logged last
    for line in worker_log.splitlines():
        m = re.search(r"smsgated\[(\d+)\]: (.*)$", line)
        if not m:
            continue
        pid, text = m.groups()
        r = re.match(r"(%s): (\w+) report to <([^>]*)>, queued as (\S+)" % QUEUE_ID, text)
        if r:
            keys[("report", r.group(1), r.group(2))] = r.group(4)
            continue
        if text.startswith("received: "):
            last_received[pid] = set(re.findall(r"\bi\d{5}", text))
            continue
        r = re.search(r"by default mailbox, (?:already )?queued as (incoming:\d+)", text)
        if r:
            for tag in last_received.pop(pid, ()):
                keys[("incoming", tag)] = r.group(1)
            continue
        r = re.search(r"\boutbox: (\S+?)(?: to <[^>]*>)?: (?:sent to sendmail|marked sent after)", text)
        if r:
            marked[r.group(1)] += 1
    return keys, marked


def copies_at_kills(tally, worker_log):
    """Splits the doubled mails: copies the worker never recorded as sent
    (a kill between sendmail taking the mail and the worker writing its
    mark, which a full disk makes longer) are counted per kill; the rest
    stay doubles that fail the run."""
    keys, marked = outbox_keys(worker_log)

    def split(doubled, key_of):
        for what, n in list(doubled.items()):
            key = key_of(what)
            if key is None:
                continue
            unmarked = n - max(marked.get(key, 0), 1)
            if unmarked <= 0:
                continue
            tally.at_kill[key] = unmarked
            if n - unmarked <= 1:
                del doubled[what]
            else:
                doubled[what] = n - unmarked

    split(tally.reports_doubled, lambda k: keys.get(("report", k[1], k[3])))
    split(tally.incoming_doubled, lambda tag: keys.get(("incoming", tag)))


def body_of(m):
    try:
        part = m.get_body(("plain",)) or m
        return part.get_content()
    except (KeyError, LookupError, AttributeError):
        return m.get_payload(decode=True).decode(errors="replace") if not m.is_multipart() else ""


def tally_run(plan, records, maillog, mailboxes, mailq, worker_log="", kills=0):
    tally = Tally(kills=kills)
    copies = queued_copies(maillog)
    bounced = bounced_queue_ids(maillog)
    count_sent(plan, copies, bounced, records, tally)
    count_incoming(plan, mailboxes, tally)
    count_reports(plan, copies, bounced, mailboxes, tally)
    copies_at_kills(tally, worker_log)
    tally.queue = mailq
    tally.queue_empty = "Mail queue is empty" in mailq
    return tally


def summary(plan, tally, faults, elapsed):
    """The block to quote: the counts, then the faults that were made."""
    dup_reports = sum(n - 1 for n in tally.reports_doubled.values())
    dup_incoming = sum(n - 1 for n in tally.incoming_doubled.values())
    lines = [
        "chaos summary: seed %d, scale %g, %.0f s" % (plan.seed, plan.scale, elapsed),
        "  SMS mailed                  %d (%d long, %d by sendmail), to %d numbers" % (
            len(plan.sms), sum(s.long for s in plan.sms), sum(s.via == "sendmail" for s in plan.sms),
            len({s.number for s in plan.sms})),
        "  SMS accepted by Postfix     %d (+%d copies of cut connections)" % (tally.accepted, tally.copies),
        "  SMS lost                    %d" % len(tally.lost),
        "  SMS bounced                 %d" % len(tally.bounced),
        "  SMS sent twice              %d (%d extra part submissions)" % (len(tally.doubled), tally.extra_parts),
        "  SMS sent, nobody mailed     %d" % len(tally.strangers),
        "  incoming SMS                %d (%d long, parts in random order)" % (
            len(plan.incoming), sum(1 for s in plan.incoming if s.order)),
        "  incoming without a mail     %d" % len(tally.incoming_missing),
        "  incoming mailed twice       %d (%d extra mails)" % (len(tally.incoming_doubled), dup_incoming),
        "  incoming mailed incomplete  %d" % len(tally.incoming_incomplete),
        "  report mails expected       %d" % tally.reports_expected,
        "  report mails missing        %d (%d network reports rightly left out: the handset's came first)" % (
            len(tally.reports_missing), tally.reports_network_skipped),
        "  report mails duplicated     %d (%d extra mails)" % (len(tally.reports_doubled), dup_reports),
        "  report mails unexpected     %d" % len(tally.reports_unexpected),
        "  handed over at a kill       %d (sendmail had the mail when the worker was killed; at most %d)" % (
            sum(tally.at_kill.values()), tally.kills),
        "  Postfix queue               %s" % ("empty" if tally.queue_empty else "NOT EMPTY"),
        "  faults                      %s" % faults,
    ]
    return "\n".join(lines)
