"""Errors of the application layer: each is a ``UserError`` whose text a person reads."""

from __future__ import annotations

from reflect_tui.errors import UserError


class ServiceError(UserError):
    """Something a person asked for could not be done; ``str(err)`` says why and what to do."""


class NotSaved(ServiceError):
    """The change was not written; the session in memory is as it was before the attempt."""


class NothingToFind(ServiceError):
    """A search was asked for with no words to find."""


class BadPeriod(ServiceError):
    """A report period or threshold typed by a person is not one a report can use."""


class ReportExists(ServiceError):
    """A report file is already there and was not replaced (ask, then pass ``force``)."""
