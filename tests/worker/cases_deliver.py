"""request=deliver: the transport's delivery, envelope and mail, checked by
the worker as the milter checks mail (senders table, number, text, quota)
and then sent; refusals with the milter's codes; a whole mail larger than
the protocol's 64 KiB from a submit user, and from no one else."""

import os
import shutil
import tempfile

from cases_socket import as_user, request_as
from workerclient import SEED_NUMBER, Sim, Worker, case, check, sent

SEED_MAIL = ("From: \"P. Sommers\" <ps@example.com>\r\nTo: \"SMS PS\" <+32477324847@sms.test>\r\nSubject: \r\n"
             "Message-ID: <4F1A2B3C@mail.example.com>\r\n\r\ntest\r\n")

SENDERS = ("ps@example.com allow prefix=PS\n"
           "quota@example.com allow quota=1/hour\n"
           "@example.com allow\n"
           "default reject only example.com may send SMS\n")


def deliver(queue_id, sender, mail, recipient=SEED_NUMBER + "@sms.test", size=None):
    data = mail.encode()
    return [("request", "deliver"), ("queue_id", queue_id), ("sender", sender), ("recipient", recipient),
            ("mail_size", size if size is not None else len(data)), ("mail", mail)]


class Files:
    """The senders table and the quota book, outside the worker's directory."""

    def __enter__(self):
        self.dir = tempfile.mkdtemp(prefix="smsgate-deliver.")
        os.chmod(self.dir, 0o755)
        self.senders = os.path.join(self.dir, "senders")
        with open(self.senders, "w") as f:
            f.write(SENDERS)
        self.quota = os.path.join(self.dir, "quota.db")
        return self

    def __exit__(self, *exc):
        shutil.rmtree(self.dir, ignore_errors=True)

    def sections(self):
        return {"sms": {"domains": "sms.test", "senders": self.senders}, "milter": {"quota_database": self.quota}}


@case
def deliver_checked(b):
    with Files() as files, Sim(b["sim"]) as sim, Worker(b, {"gsm0": sim}, sections=files.sections()) as w:
        r = w.request(deliver("4F1A2B3C", "ps@example.com", SEED_MAIL))
        check(r.get("status") == "sent" and r.get("dsn") == "2.0.0", "seed delivery: %r" % r)
        check([m["text"] for m in sent(sim)] == ["PS test"], "the seed's text: %r" % sent(sim))
        again = w.request(deliver("4F1A2B3C", "ps@example.com", SEED_MAIL))
        check(again.get("status") == "already_sent", "the same delivery again: %r" % again)

        for queue_id, sender, recipient, dsn, words in [
                ("5A000001", "eve@elsewhere.test", SEED_NUMBER + "@sms.test", "5.7.1", "only example.com may send SMS"),
                ("5A000002", "a@example.com", "hello@sms.test", "5.1.3", ""),
                ("5A000003", "a@example.com", SEED_NUMBER + "@other.test", "4.3.5", "is not in an SMS domain")]:
            r = w.request(deliver(queue_id, sender, SEED_MAIL, recipient))
            check(r.get("dsn") == dsn and words in r.get("text", ""), "%s: %r" % (queue_id, r))
            w.wait_log(r"%s: to=<[^>]*>, relay=smsgate, status=(bounced|deferred) \(%s " % (queue_id, dsn.replace(".", r"\.")))

        # The quota, claimed in the milter's book: once per queue id.
        mail = SEED_MAIL.replace("4F1A2B3C@", "Q@")
        check(w.request(deliver("6B000001", "quota@example.com", mail)).get("status") == "sent", "first of the hour")
        check(w.request(deliver("6B000001", "quota@example.com", mail)).get("status") == "already_sent", "retry")
        over = w.request(deliver("6B000002", "quota@example.com", mail.replace("Q@", "Q2@")))
        check(over.get("status") == "temporary" and over.get("dsn") == "4.7.1", "over the quota: %r" % over)
        check(os.path.exists(files.quota), "the quota book was written")

        # An edit of the senders table counts from the next delivery.
        with open(files.senders, "w") as f:
            f.write("eve@elsewhere.test allow\n" + SENDERS)
        r = w.request(deliver("5A000004", "eve@elsewhere.test", SEED_MAIL.replace("4F1A2B3C@", "E@")))
        check(r.get("status") == "sent", "after the edit: %r" % r)


@case
def deliver_large_mail(b):
    # 1000 header lines of 100 bytes: 100 KB, beyond the 64 KiB of other requests.
    padding = "".join("X-Pad-%04d: %s\r\n" % (i, "x" * 86) for i in range(1000))
    mail = padding + SEED_MAIL.replace("4F1A2B3C@", "L@")
    check(len(mail) > 100000, "the mail is large")
    with Files() as files, Sim(b["sim"]) as sim:
        w = Worker(b, {"gsm0": sim}, {"socket_mode": "0666", "submit_users": "daemon"}, sections=files.sections())
        os.chmod(w.dir, 0o755)
        with w:
            r = request_as(w, as_user("daemon"), deliver("7C000001", "ps@example.com", mail))
            check(r.get("status") == "sent", "a large mail from the submit user: %r" % r)
            check([m["text"] for m in sent(sim)] == ["PS test"], "its text: %r" % sent(sim))
            r = request_as(w, as_user("nobody"), deliver("7C000002", "ps@example.com", mail))
            check(r.get("status") != "sent" and "larger than" in r.get("text", ""), "from nobody: %r" % r)
            small = request_as(w, as_user("nobody"), deliver("7C000003", "ps@example.com", SEED_MAIL))
            check(small.get("dsn") == "4.3.5" and "permission denied" in small.get("text", ""), "%r" % small)
            # Beyond max_message_size: the transport sends the head and the size.
            big = request_as(w, as_user("daemon"), deliver("7C000004", "ps@example.com", mail, size=20 * 1024 * 1024))
            check(big.get("dsn") == "5.3.4", "a mail over max_message_size: %r" % big)
