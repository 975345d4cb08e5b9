"""Typed readers for environment variables.

Every setting comes from the environment (see docs/configuration.md). A malformed
value stops start-up with a one-line Chinese message that names the variable, so an
operator never has to read a traceback to find a typo.
"""

from __future__ import annotations

import os
import secrets
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import TypeVar

from django.core.exceptions import ImproperlyConfigured

T = TypeVar("T")

_TRUE = {"1", "true", "yes", "on", "是"}
_FALSE = {"0", "false", "no", "off", "否", ""}


class Env:
    """Read typed values from a mapping (os.environ by default)."""

    def __init__(self, environ: Mapping[str, str] | None = None) -> None:
        self.environ = os.environ if environ is None else environ

    def raw(self, name: str) -> str | None:
        value = self.environ.get(name)
        return None if value is None else value.strip()

    def str(self, name: str, default: str) -> str:
        value = self.raw(name)
        return default if value in (None, "") else value

    def bool(self, name: str, default: bool) -> bool:
        value = self.raw(name)
        if value is None:
            return default
        lowered = value.lower()
        if lowered in _TRUE:
            return True
        if lowered in _FALSE:
            return False
        raise ImproperlyConfigured(
            f"配置项 {name} 的值“{value}”无效：应为 true/false（或 1/0、yes/no）。"
        )

    def int(self, name: str, default: int, *, minimum: int | None = None) -> int:
        value = self.raw(name)
        if value in (None, ""):
            return default
        try:
            number = int(value)
        except ValueError:
            raise ImproperlyConfigured(f"配置项 {name} 的值“{value}”无效：应为整数。") from None
        if minimum is not None and number < minimum:
            raise ImproperlyConfigured(f"配置项 {name} 的值 {number} 无效：不能小于 {minimum}。")
        return number

    def list(self, name: str, default: list[str]) -> list[str]:
        value = self.raw(name)
        if value in (None, ""):
            return list(default)
        return [item.strip() for item in value.split(",") if item.strip()]

    def choice(self, name: str, default: str, choices: tuple[str, ...]) -> str:
        value = self.str(name, default)
        if value not in choices:
            raise ImproperlyConfigured(
                f"配置项 {name} 的值“{value}”无效：可选值为 {'、'.join(choices)}。"
            )
        return value

    def rate_limits(self, name: str) -> dict[str, tuple[int, int]]:
        """Parse "apply_ip=10/3600,track_ip=20/3600" into {name: (max hits, window seconds)}."""
        out: dict[str, tuple[int, int]] = {}
        for item in self.list(name, []):
            key, _, value = item.partition("=")
            hits, _, window = value.partition("/")
            if not (key.strip() and hits.strip().isdigit() and window.strip().isdigit()):
                raise ImproperlyConfigured(
                    f"配置项 {name} 的“{item}”无效：应写成 名称=次数/秒数，如 apply_ip=10/3600。"
                )
            out[key.strip()] = (int(hits), int(window))
        return out

    def json_object(self, name: str) -> dict[str, str]:
        """Parse a JSON object of strings, e.g. {"标题": "https://…"}."""
        import json

        value = self.raw(name)
        if not value:
            return {}
        try:
            data = json.loads(value)
        except ValueError:
            raise ImproperlyConfigured(f"配置项 {name} 不是有效的 JSON。") from None
        if not isinstance(data, dict) or not all(
            isinstance(k, str) and isinstance(v, str) for k, v in data.items()
        ):
            raise ImproperlyConfigured(f"配置项 {name} 应为 JSON 对象，键和值都是文本。")
        return data

    def parsed(self, name: str, parse: Callable[[object], T], default: T) -> T:
        """Parse NAME as JSON and hand it to `parse` (which raises ValueError in Chinese)."""
        import json

        value = self.raw(name)
        if not value:
            return default
        try:
            data = json.loads(value)
        except ValueError:
            raise ImproperlyConfigured(f"配置项 {name} 不是有效的 JSON。") from None
        try:
            return parse(data)
        except ValueError as exc:
            raise ImproperlyConfigured(f"配置项 {name} 无效：{exc}") from None

    def secret(self, name: str) -> str | None:
        """Return NAME, or the content of the file named by NAME_FILE (Docker secrets)."""
        value = self.raw(name)
        if value:
            return value
        path = self.raw(f"{name}_FILE")
        if not path:
            return None
        try:
            return Path(path).read_text(encoding="utf-8").strip()
        except OSError as exc:
            raise ImproperlyConfigured(
                f"配置项 {name}_FILE 指向的文件“{path}”无法读取：{exc.strerror}。"
            ) from None


def ensure_secret_key(data_dir: Path) -> str:
    """Return the key kept in DATA_DIR/secret_key, creating it on first use (demo mode)."""
    path = data_dir / "secret_key"
    if path.exists():
        return path.read_text(encoding="utf-8").strip()
    data_dir.mkdir(parents=True, exist_ok=True)
    key = secrets.token_urlsafe(50)
    path.write_text(key, encoding="utf-8")
    path.chmod(0o600)
    return key


def ensure_data_keys(data_dir: Path) -> str:
    """Return the demo's data key kept in DATA_DIR/data_keys, creating it on first use.

    Production sets XXGK_DATA_KEYS instead (settings.py refuses to start without it when
    XXGK_SECURE=true): a key stored next to the data it protects protects little.
    """
    from cryptography.fernet import Fernet

    path = data_dir / "data_keys"
    if path.exists():
        return path.read_text(encoding="utf-8").strip()
    data_dir.mkdir(parents=True, exist_ok=True)
    key = Fernet.generate_key().decode("ascii")
    path.write_text(key, encoding="utf-8")
    path.chmod(0o600)
    return key
