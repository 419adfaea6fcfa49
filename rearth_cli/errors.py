"""The contract's error codes as a small exception family, raised by the library and turned into records."""

from __future__ import annotations


class RearthError(Exception):
    """An input that cannot be analysed; `code` is one of the contract's error codes."""

    code = "internal"

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


class NotFound(RearthError):
    code = "not_found"


class PermissionDenied(RearthError):
    code = "permission_denied"


class NotText(RearthError):
    code = "not_text"


class DecodeError(RearthError):
    code = "decode_error"


class TooLarge(RearthError):
    code = "too_large"


class Empty(RearthError):
    code = "empty"


class BadRecord(RearthError):
    code = "bad_record"


class Internal(RearthError):
    code = "internal"
