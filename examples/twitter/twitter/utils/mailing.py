"""Sending mail rendered from the project's templates."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from django.core.mail import send_mail
from django.template.loader import render_to_string


def send_templated_mail(
    template: str, context: Mapping[str, object], to: Sequence[str]
) -> int:
    """Render ``mail/<template>/subject.txt`` and ``body.txt`` and send them.

    The subject is squeezed onto one line, as mail headers require. Returns the
    number of messages sent (0 or 1).
    """
    subject = render_to_string(f"mail/{template}/subject.txt", dict(context))
    body = render_to_string(f"mail/{template}/body.txt", dict(context))
    return send_mail(" ".join(subject.split()), body, None, list(to))
