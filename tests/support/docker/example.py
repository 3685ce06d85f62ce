"""A copy of the tangled example, as a reader's checkout or a server has it."""

from __future__ import annotations

import dataclasses
import secrets
import shutil
import subprocess
from pathlib import Path

REPO = Path(__file__).resolve().parents[3]
EXAMPLE = REPO / "examples" / "twitter"
SITE = "twitter.example.com"  # DJANGO_ALLOWED_HOSTS of conf/prod/*.example


def copy_example(dest: Path) -> Path:
    """Copy the tangled example into DEST/twitter, as a reader's checkout."""
    root = dest / "twitter"
    ignore = shutil.ignore_patterns(
        ".venv", "__pycache__", ".mypy_cache", ".ruff_cache", "*.mo", "db.sqlite3"
    )
    shutil.copytree(EXAMPLE, root, ignore=ignore)
    return root


@dataclasses.dataclass(frozen=True)
class ProdSecrets:
    """The secrets a test writes into conf/prod/*.env, to look for later."""

    secret_key: str
    postgres_password: str
    rabbitmq_password: str
    email_password: str

    def values(self) -> list[str]:
        """Every secret value."""
        return list(dataclasses.astuple(self))


def fill(example: Path, values: dict[str, str]) -> str:
    """The text of an .env.example with its blanks (``NAME=``) filled in."""
    lines = []
    for line in example.read_text().splitlines():
        name = line.removesuffix("=")
        lines.append(f"{line}{values[name]}" if line.endswith("=") else line)
    return "\n".join(lines) + "\n"


def write_prod_conf(root: Path) -> ProdSecrets:
    """Write conf/prod/*.env and a self-signed certificate, as a server has."""
    made = ProdSecrets(
        secret_key=secrets.token_urlsafe(50),
        postgres_password=secrets.token_hex(16),
        rabbitmq_password=secrets.token_hex(16),
        email_password=secrets.token_hex(8),
    )
    broker = f"amqp://twitter:{made.rabbitmq_password}@rabbitmq:5672/twitter"
    values = {
        "DJANGO_SECRET_KEY": made.secret_key,
        "DJANGO_EMAIL_HOST_PASSWORD": made.email_password,
        "CELERY_BROKER_URL": broker,
        "POSTGRES_PASSWORD": made.postgres_password,
        "RABBITMQ_DEFAULT_PASS": made.rabbitmq_password,
    }
    conf = root / "conf" / "prod"
    for name in ("django", "postgres", "rabbitmq"):
        text = fill(conf / f"{name}.env.example", values)
        (conf / f"{name}.env").write_text(text)
    tls = conf / "tls"
    tls.mkdir()
    request = f"req -x509 -newkey rsa:2048 -nodes -days 2 -subj /CN={SITE}"
    san = f"subjectAltName=DNS:{SITE},IP:127.0.0.1"
    key, chain = tls / "privkey.pem", tls / "fullchain.pem"
    subprocess.run(
        ["openssl", *request.split(), "-addext", san,
         "-keyout", str(key), "-out", str(chain)],
        capture_output=True,
        check=True,
    )  # fmt: skip
    return made
