"""chaos_load - the traffic of a chaos run: SMS mailed to Postfix over
SMTP (smtplib, as a mail client does) and with sendmail(1), and SMS
arriving from the network through the simulator's control socket, each at
a steady pace.

A mail is tried again until Postfix took it: after a refused connection or
a 4xx reply (Postfix restarting, the milter busy) nothing was queued; after
a connection cut in the middle of the transaction it may have been, and the
mail is sent again with the same Message-ID, so that the count of copies
Postfix queued (read from its log) tells what the gateway had to send.
"""

import smtplib
import subprocess
import threading
import time

from cases_delivery import mail
from postfixclient import MAIL_DOMAIN, SMS_DOMAIN

THREADS = 3
RETRY_SECONDS = 1.0


def mail_of(sms):
    sender = "%s@%s" % (sms.sender, MAIL_DOMAIN)
    recipient = "%s@%s" % (sms.number, SMS_DOMAIN)
    return sender, recipient, mail(sender, recipient, sms.text, message_id=sms.message_id)


class Mailer:
    """THREADS threads that hand the plan's SMS to Postfix, SMS i not
    before start + i / rate, one SMTP connection per mail. Between pause() and
    resume() Postfix is down on purpose: SMTP waits, sendmail does not (its
    mail waits in the maildrop)."""

    def __init__(self, postfix, plan, rate, abort):
        self.postfix = postfix
        self.plan = plan
        self.rate = rate
        self.abort = abort
        self.postfix_up = threading.Event()
        self.postfix_up.set()
        self.lock = threading.Lock()
        self.next = 0
        self.connected = 0
        self.accepted = 0
        self.retries = 0
        self.ambiguous = []  # tags of mails whose transaction was cut
        self.refused = []  # (tag, reply): permanent refusals, a fault of the test
        self.errors = []
        self.started = None
        self.threads = [threading.Thread(target=self._run, daemon=True) for _ in range(THREADS)]

    def start(self):
        self.started = time.monotonic()
        for t in self.threads:
            t.start()

    def done(self):
        return not any(t.is_alive() for t in self.threads)

    def join(self, timeout):
        deadline = time.monotonic() + timeout
        for t in self.threads:
            t.join(max(0.0, deadline - time.monotonic()))
        return self.done()

    def _take(self):
        with self.lock:
            if self.next >= len(self.plan.sms):
                return None, None
            i = self.next
            self.next += 1
            return self.plan.sms[i], self.started + i / self.rate

    def _run(self):
        try:
            while not self.abort.is_set():
                sms, due = self._take()
                if sms is None:
                    return
                delay = due - time.monotonic()
                if delay > 0 and self.abort.wait(delay):
                    return
                while not self.abort.is_set():
                    outcome = self._sendmail(sms) if sms.via == "sendmail" else self._smtp(sms)
                    if outcome == "accepted":
                        with self.lock:
                            self.accepted += 1
                        break
                    if outcome == "refused":
                        break
                    with self.lock:
                        self.retries += 1
                    self.abort.wait(RETRY_SECONDS)
        except Exception as e:  # reported by the main thread
            self.errors.append(repr(e))

    def pause(self, timeout=60):
        """No new SMTP connection, and none open any more (an smtpd child
        with a client would keep Postfix's port after its master left)."""
        self.postfix_up.clear()
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            with self.lock:
                if self.connected == 0:
                    return
            time.sleep(0.05)

    def resume(self):
        self.postfix_up.set()

    def _sendmail(self, sms):
        sender, recipient, text = mail_of(sms)
        out = subprocess.run(["/usr/sbin/sendmail", "-C", self.postfix.dir, "-i", "-f", sender, "--", recipient],
                             input=text, capture_output=True, text=True, timeout=120)
        return "accepted" if out.returncode == 0 else "again"

    def _smtp(self, sms):
        """One SMTP connection for one mail: "accepted", "again" or "refused"."""
        with self.lock:
            if not self.postfix_up.is_set():
                return "again"
            self.connected += 1
        try:
            return self._transaction(sms)
        finally:
            with self.lock:
                self.connected -= 1

    def _transaction(self, sms):
        sender, recipient, text = mail_of(sms)
        try:
            connection = smtplib.SMTP("127.0.0.1", self.postfix.port, "client.example.com", timeout=120)
        except (smtplib.SMTPException, OSError):
            return "again"  # nothing was sent
        try:
            connection.sendmail(sender, [recipient], text.encode())
            outcome = "accepted"
        except smtplib.SMTPRecipientsRefused as e:
            code, reply = list(e.recipients.values())[0]
            outcome = self._refusal(sms, code, reply)
        except smtplib.SMTPResponseException as e:
            outcome = self._refusal(sms, e.smtp_code, e.smtp_error)
        except (smtplib.SMTPException, OSError):
            # Cut in the middle: queued or not, the log will tell.
            with self.lock:
                self.ambiguous.append(sms.tag)
            outcome = "again"
        try:
            connection.quit()
        except (smtplib.SMTPException, OSError):
            connection.close()
        return outcome

    def _refusal(self, sms, code, reply):
        if 400 <= code < 500:
            return "again"
        with self.lock:
            self.refused.append((sms.tag, "%d %s" % (code, reply)))
        return "refused"


class Network:
    """The plan's incoming SMS arriving at the simulator, spread evenly
    over span seconds."""

    def __init__(self, sim, plan, span, abort):
        self.sim = sim
        self.plan = plan
        self.span = span
        self.abort = abort
        self.injected = 0
        self.errors = []
        self.thread = threading.Thread(target=self._run, daemon=True)

    def start(self):
        self.thread.start()

    def join(self, timeout):
        self.thread.join(timeout)
        return not self.thread.is_alive()

    def _run(self):
        started = time.monotonic()
        step = self.span / max(1, len(self.plan.incoming))
        try:
            for k, sms in enumerate(self.plan.incoming):
                delay = started + k * step - time.monotonic()
                if delay > 0 and self.abort.wait(delay):
                    return
                if sms.order:
                    self.sim.ok("inject-parts --ref=%d %s %s %s" % (sms.reference, sms.number,
                                                                     ",".join(map(str, sms.order)), sms.text))
                else:
                    self.sim.ok("inject %s %s" % (sms.number, sms.text))
                self.injected += 1
        except Exception as e:  # reported by the main thread
            self.errors.append(repr(e))
