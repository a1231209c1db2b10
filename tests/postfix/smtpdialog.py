"""smtpdialog - an SMTP client that sends exactly the bytes it is given.

swaks and smtplib correct what they send (quotes, brackets, line ends);
the hostile inputs must reach Postfix as written: a bare LF, 8-bit octets,
an overlong line, a command with a header in it. Dialogue sends one
command line, reads the whole (multi-line) reply and gives it back as text.
"""

import socket


class Dialogue:
    def __init__(self, port, host="127.0.0.1", timeout=60):
        self.sock = socket.create_connection((host, port), timeout=timeout)
        self.buffer = b""
        self.greeting = self.reply()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        try:
            self.sock.sendall(b"QUIT\r\n")
            self.reply()
        except OSError:
            pass
        self.sock.close()

    def _line(self):
        while b"\n" not in self.buffer:
            chunk = self.sock.recv(65536)
            if not chunk:
                raise ConnectionError("the server closed the connection")
            self.buffer += chunk
        line, self.buffer = self.buffer.split(b"\n", 1)
        return line.rstrip(b"\r").decode("utf-8", "replace")

    def reply(self):
        """One reply, its lines joined with newlines ("250-a\\n250 b")."""
        lines = [self._line()]
        while len(lines[-1]) >= 4 and lines[-1][3] == "-":
            lines.append(self._line())
        return "\n".join(lines)

    def send(self, raw, expect_reply=True):
        """raw: bytes without the line end; CRLF is added."""
        self.sock.sendall(raw + b"\r\n")
        return self.reply() if expect_reply else None

    def command(self, text):
        return self.send(text.encode("utf-8"))

    def mail(self, sender, recipients, body_lines):
        """A whole transaction; the replies to MAIL, each RCPT, DATA and
        the end of data (None where the dialogue stopped)."""
        replies = {"mail": self.command("MAIL FROM:<%s>" % sender), "rcpt": [], "data": None, "end": None}
        for r in recipients:
            replies["rcpt"].append(self.command("RCPT TO:<%s>" % r))
        if not any(r.startswith("250") for r in replies["rcpt"]):
            self.command("RSET")
            return replies
        replies["data"] = self.command("DATA")
        if replies["data"].startswith("354"):
            for line in body_lines:
                self.send(("." + line if line.startswith(".") else line).encode("utf-8"), expect_reply=False)
            replies["end"] = self.send(b".")
        return replies
