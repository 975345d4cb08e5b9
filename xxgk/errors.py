"""Domain errors raised by services; views and commands show their Chinese message."""

from __future__ import annotations


class DomainError(Exception):
    """A refused action: the message is shown to the user as is (Chinese)."""

    def __init__(self, message: str, *, code: str = "invalid") -> None:
        super().__init__(message)
        self.message = message
        self.code = code


class PermissionDenied(DomainError):
    """The actor may not do this (for this agency/object)."""

    def __init__(self, message: str = "您没有执行此操作的权限。") -> None:
        super().__init__(message, code="permission_denied")
