"""Logs for a log collector: one JSON object per line on stdout, with the request's fields.

`JsonFormatter` writes time, level, logger and message, and where the record belongs to a
request also method, path, status, duration_ms and request_id. Access lines come from
gunicorn's access log (gunicorn.conf.py), whose records carry the request's atoms; log lines
written while Django handles a request get the request's id, method and path from
`RequestIdMiddleware`. `PlainFormatter` is the development format, redacted the same way.

Nothing that identifies a person or opens an account is written: no query strings (they can
carry tokens), no client address, user agent, referrer or user name, and the password reset
link's user id and token and an invitation link's token are replaced in every path and message
(`redact`).
"""

import json
import logging
import re
import uuid
from contextvars import ContextVar
from datetime import UTC, datetime

REDACTED = "[redacted]"

# /konto/nytt-passord/<uidb64>/<token>/ (password_reset_confirm). After the first visit Django
# redirects to .../<uidb64>/set-password/, which still names the user: both parts go.
PASSWORD_RESET_LINK = re.compile(r"(/nytt-passord/)(?!ferdig/)[^/\s?#\"']+/[^/\s?#\"']+")
# /konto/invitasjon/<token>/ (accounts:invitation-accept): the token opens an account too.
INVITATION_LINK = re.compile(r"(/invitasjon/)[^/\s?#\"']+")

# An id the load balancer already gave the request is kept, so its log and ours line up; any
# other value (too long, odd characters that could forge log fields) is replaced by our own.
REQUEST_ID_HEADER = "X-Request-ID"
VALID_REQUEST_ID = re.compile(r"[A-Za-z0-9._-]{8,128}")

_request_fields: ContextVar[dict | None] = ContextVar("request_fields", default=None)


def redact(text: str) -> str:
    text = PASSWORD_RESET_LINK.sub(rf"\1{REDACTED}/{REDACTED}", text)
    return INVITATION_LINK.sub(rf"\1{REDACTED}", text)


class RequestIdMiddleware:
    """Gives each request an id, answers it in X-Request-ID, and hands it with the method and
    the path (never the query string) to every log line written while the request runs."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        given = request.headers.get(REQUEST_ID_HEADER, "")
        request_id = given if VALID_REQUEST_ID.fullmatch(given) else uuid.uuid4().hex
        request.request_id = request_id
        token = _request_fields.set(
            {"request_id": request_id, "method": request.method, "path": request.path}
        )
        try:
            response = self.get_response(request)
        finally:
            _request_fields.reset(token)
        response[REQUEST_ID_HEADER] = request_id
        return response


def _access_fields(atoms) -> dict:
    """The fields of a gunicorn access record, whose args are the request's atoms."""
    fields = {"method": atoms["m"], "path": atoms["U"]}
    if str(atoms["s"]).isdigit():
        fields["status"] = int(atoms["s"])
    if isinstance(atoms["D"], int):
        fields["duration_ms"] = round(atoms["D"] / 1000, 1)
    request_id = atoms["{x-request-id}o"]
    if request_id != "-":
        fields["request_id"] = request_id
    return fields


def request_fields(record: logging.LogRecord) -> dict:
    if record.name == "gunicorn.access" and isinstance(record.args, dict):
        return _access_fields(record.args)
    fields = dict(_request_fields.get() or {})
    # django.request and django.security records carry the request and, for errors, the status.
    request = getattr(record, "request", None)
    if hasattr(request, "method") and hasattr(request, "path"):
        fields.setdefault("method", request.method)
        fields.setdefault("path", request.path)
        if getattr(request, "request_id", None):
            fields.setdefault("request_id", request.request_id)
    status = getattr(record, "status_code", None)
    if isinstance(status, int):
        fields["status"] = status
    return fields


class JsonFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        entry = {
            "time": datetime.fromtimestamp(record.created, tz=UTC).isoformat(
                timespec="milliseconds"
            ),
            "level": record.levelname,
            "logger": record.name,
            "message": redact(record.getMessage()),
        }
        for name, value in request_fields(record).items():
            entry[name] = redact(value) if name == "path" else value
        if record.exc_info:
            entry["exception"] = redact(self.formatException(record.exc_info))
        if record.stack_info:
            entry["stack"] = self.formatStack(record.stack_info)
        return json.dumps(entry, default=str)


class PlainFormatter(logging.Formatter):
    """The development format: readable lines, with the same redaction as the JSON lines."""

    def format(self, record: logging.LogRecord) -> str:
        return redact(super().format(record))


def logging_settings(log_format: str, level: str) -> dict:
    """settings.LOGGING: every line to stdout in `log_format` ("json" or "plain")."""
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "formatters": {
            "plain": {
                "()": "hamarregion.logging.PlainFormatter",
                "format": "%(asctime)s %(levelname)s %(name)s %(message)s",
            },
            "json": {"()": "hamarregion.logging.JsonFormatter"},
        },
        "handlers": {
            "console": {
                "class": "logging.StreamHandler",
                "stream": "ext://sys.stdout",
                "formatter": log_format,
            }
        },
        "root": {"handlers": ["console"], "level": level},
        # Django's own console handler would print every line a second time through the root, and
        # post_office adds a plain-text one of its own to a logger that has none.
        "loggers": {
            **{
                name: {"handlers": ["console"], "level": "INFO", "propagate": False}
                for name in ("django", "post_office")
            },
            # WeasyPrint says each step of each PDF it makes, and fontTools each font it
            # subsets: only their warnings are worth a line.
            **{name: {"level": "WARNING"} for name in ("weasyprint", "fontTools")},
        },
    }
