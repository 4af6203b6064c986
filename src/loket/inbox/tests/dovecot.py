"""A throwaway Dovecot IMAP server for the e-mail intake tests (Debian's dovecot-imapd, which
scripts/test installs when missing): its own config, users and Maildirs in a temporary
directory, on a free port, stopped and removed afterwards."""

from __future__ import annotations

import grp
import imaplib
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
import time
from pathlib import Path

DOVECOT = shutil.which("dovecot") or "/usr/sbin/dovecot"


def dovecot_available() -> bool:
    return Path(DOVECOT).exists()


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Dovecot:
    """with Dovecot() as server: server.port, server.append(user, raw_bytes), server.url(user)"""

    PASSWORD = "test-wachtwoord"

    def __init__(self, users: tuple[str, ...] = ("kcc@zeventerpen.example",)) -> None:
        self.users = users
        self.port = _free_port()
        self.dir = Path(tempfile.mkdtemp(prefix="loket-dovecot-"))
        self.process: subprocess.Popen | None = None

    def _config(self) -> Path:
        root = os.geteuid() == 0
        if root:
            # Dovecot refuses to run its login and mail processes as root: use its own users.
            mail_user = pwd.getpwnam("dovecot")
            login_user, internal_user = "dovenull", "dovecot"
        else:
            mail_user = pwd.getpwuid(os.geteuid())
            login_user = internal_user = mail_user.pw_name
        home = self.dir / "home"
        home.mkdir()
        os.chmod(self.dir, 0o755)
        if root:
            os.chown(home, mail_user.pw_uid, mail_user.pw_gid)
        (self.dir / "users").write_text(
            "".join(f"{user}:{{PLAIN}}{self.PASSWORD}\n" for user in self.users)
        )
        config = self.dir / "dovecot.conf"
        config.write_text(
            f"""
base_dir = {self.dir}/run
state_dir = {self.dir}/state
log_path = {self.dir}/dovecot.log
instance_name = loket-test-{self.port}
protocols = imap
listen = 127.0.0.1
ssl = no
disable_plaintext_auth = no
auth_mechanisms = plain login
first_valid_uid = 1
first_valid_gid = 1
default_internal_user = {internal_user}
default_login_user = {login_user}
default_internal_group = {grp.getgrgid(pwd.getpwnam(internal_user).pw_gid).gr_name}
passdb {{
  driver = passwd-file
  args = scheme=PLAIN username_format=%u {self.dir}/users
}}
userdb {{
  driver = static
  args = uid={mail_user.pw_uid} gid={mail_user.pw_gid} home={home}/%u
}}
mail_location = maildir:~/Maildir
service imap-login {{
  inet_listener imap {{
    address = 127.0.0.1
    port = {self.port}
  }}
  inet_listener imaps {{
    port = 0
  }}
}}
"""
        )
        return config

    def __enter__(self) -> Dovecot:
        config = self._config()
        self.process = subprocess.Popen(
            [DOVECOT, "-F", "-c", str(config)],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
        )
        deadline = time.monotonic() + 15
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"Dovecot stopte: {self.process.stderr.read().decode()}")
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=0.5):
                    return self
            except OSError:
                time.sleep(0.1)
        self.__exit__()
        raise RuntimeError("Dovecot startte niet binnen 15 s.")

    def __exit__(self, *exc) -> None:
        if self.process is not None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
            self.process = None
        shutil.rmtree(self.dir, ignore_errors=True)

    def url(self, user: str | None = None, folder: str = "INBOX") -> str:
        user = (user or self.users[0]).replace("@", "%40")
        return f"imap://{user}:{self.PASSWORD}@127.0.0.1:{self.port}/{folder}"

    def connect(self, user: str | None = None) -> imaplib.IMAP4:
        imap = imaplib.IMAP4("127.0.0.1", self.port, timeout=10)
        imap.login(user or self.users[0], self.PASSWORD)
        return imap

    def append(self, raw: bytes, user: str | None = None, folder: str = "INBOX") -> None:
        """Deliver a message as a mail server would (IMAP APPEND)."""
        imap = self.connect(user)
        try:
            status, data = imap.append(folder, None, None, raw)
            assert status == "OK", data
        finally:
            imap.logout()

    def clear(self, user: str | None = None, folder: str = "INBOX") -> None:
        imap = self.connect(user)
        try:
            imap.select(folder)
            imap.store("1:*", "+FLAGS", "\\Deleted")
            imap.expunge()
        except imaplib.IMAP4.error:
            pass
        finally:
            imap.logout()
