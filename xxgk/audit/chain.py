"""The audit chain as pure Python: canonical serialisation, row hashes, verification.

Each audit row stores `hash = SHA-256(prev_hash + "\\n" + canonical_json(content))`, where
`content` is every column the row shows (sequence number, time, actor, agency, action, object,
before, after, source). Changing any column of any row, deleting a row or inserting one breaks
the chain at that row; `verify` names the first such row. See docs/adr/0008-audit-chain.md.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

GENESIS = "0" * 64

# The columns that are hashed, in the order they are shown to a reader (the JSON itself is
# key-sorted, so this order is documentation only).
CONTENT_FIELDS = (
    "seq",
    "at",
    "actor_pk",
    "actor_name",
    "agency_pk",
    "agency_name",
    "action",
    "object_type",
    "object_id",
    "object_repr",
    "before",
    "after",
    "source",
)


def canonical_json(value: Any) -> bytes:
    """Serialise `value` the one way the chain hashes it.

    UTF-8, keys sorted at every level, no insignificant whitespace, non-ASCII kept as is
    (not \\u-escaped), NaN/Infinity refused. Only JSON types are allowed: callers normalise
    dates and decimals to strings first (see `jsonable`).
    """
    return json.dumps(
        value, ensure_ascii=False, sort_keys=True, separators=(",", ":"), allow_nan=False
    ).encode("utf-8")


def jsonable(value: Any) -> Any:
    """Return `value` as plain JSON types (dates → ISO text, Decimal/other → str)."""
    return json.loads(json.dumps(value, ensure_ascii=False, default=_fallback))


def _fallback(value: Any) -> str:
    isoformat = getattr(value, "isoformat", None)
    if callable(isoformat):
        return str(isoformat())
    return str(value)


def row_hash(prev_hash: str, content: Mapping[str, Any]) -> str:
    """Hash of one row: the previous row's hash joined to this row's canonical content."""
    missing = [name for name in CONTENT_FIELDS if name not in content]
    if missing:
        raise ValueError(f"audit content lacks {missing}")
    payload = {name: content[name] for name in CONTENT_FIELDS}
    digest = hashlib.sha256()
    digest.update(prev_hash.encode("ascii"))
    digest.update(b"\n")
    digest.update(canonical_json(payload))
    return digest.hexdigest()


@dataclass(frozen=True)
class StoredRow:
    """One audit row as read back from the database."""

    seq: int
    prev_hash: str
    hash: str
    content: Mapping[str, Any]


@dataclass(frozen=True)
class Anchor:
    """A (sequence number, hash) pair written outside the database."""

    seq: int
    hash: str


@dataclass(frozen=True)
class Problem:
    """The first break of the chain: which row and what happened to it."""

    seq: int
    kind: str  # "altered" | "deleted" | "inserted"
    message: str


@dataclass(frozen=True)
class Verdict:
    rows: int
    last_seq: int
    last_hash: str
    problem: Problem | None

    @property
    def ok(self) -> bool:
        return self.problem is None


def verify(
    rows: Iterable[StoredRow],
    *,
    head_seq: int,
    head_hash: str,
    anchors: Iterable[Anchor] = (),
) -> Verdict:
    """Recompute the chain over `rows` (ascending seq) and return the first break.

    `head_seq`/`head_hash` are the chain head kept in its own row (written with every append);
    `anchors` are copies of earlier heads kept outside the database. Rows must number 1, 2, 3 …
    without gaps: a gap is a deleted row, a row whose stored `prev_hash` is not the previous
    row's hash is an inserted (or re-linked) row, a row whose content no longer hashes to its
    stored hash is an altered row. Rows past the head, or a chain shorter than the head or an
    anchor, mean rows were inserted at or deleted from the end.
    """
    anchor_by_seq = {anchor.seq: anchor.hash for anchor in anchors}
    expected_seq = 1
    prev = GENESIS
    count = 0
    for row in rows:
        count += 1
        if row.seq > expected_seq:
            return _verdict(
                count,
                expected_seq - 1,
                prev,
                expected_seq,
                "deleted",
                f"第 {expected_seq} 条记录已被删除（序号从 {expected_seq - 1} 跳到 {row.seq}）。",
            )
        if row.seq < expected_seq:  # duplicate numbers cannot happen with the unique index
            return _verdict(
                count, expected_seq - 1, prev, row.seq, "inserted", f"第 {row.seq} 条记录重复出现。"
            )
        if row.seq > head_seq:
            return _verdict(
                count,
                expected_seq - 1,
                prev,
                row.seq,
                "inserted",
                f"第 {row.seq} 条记录是在链头（第 {head_seq} 条）之后插入的。",
            )
        if row.prev_hash != prev:
            return _verdict(
                count,
                expected_seq - 1,
                prev,
                row.seq,
                "inserted",
                f"第 {row.seq} 条记录与前一条记录不相连（被插入或替换）。",
            )
        if row_hash(prev, row.content) != row.hash:
            return _verdict(
                count,
                expected_seq - 1,
                prev,
                row.seq,
                "altered",
                f"第 {row.seq} 条记录的内容已被修改。",
            )
        anchored = anchor_by_seq.get(row.seq)
        if anchored is not None and anchored != row.hash:
            return _verdict(
                count,
                expected_seq - 1,
                prev,
                row.seq,
                "altered",
                f"第 {row.seq} 条记录与锚点文件中的哈希不一致（链被重算过）。",
            )
        prev = row.hash
        expected_seq += 1
    last = expected_seq - 1
    if last < head_seq:
        return _verdict(
            count,
            last,
            prev,
            last + 1,
            "deleted",
            f"第 {last + 1} 条及之后的记录已被删除（链头为第 {head_seq} 条）。",
        )
    if head_seq and prev != head_hash:
        return _verdict(
            count,
            last,
            prev,
            last,
            "altered",
            f"链头的哈希与第 {last} 条记录不一致（链被重算过）。",
        )
    beyond = [seq for seq in anchor_by_seq if seq > last]
    if beyond:
        return _verdict(
            count,
            last,
            prev,
            last + 1,
            "deleted",
            f"锚点文件记录了第 {min(beyond)} 条，但数据库中只有 {last} 条。",
        )
    return Verdict(rows=count, last_seq=last, last_hash=prev, problem=None)


def _verdict(rows: int, last: int, prev: str, seq: int, kind: str, message: str) -> Verdict:
    return Verdict(rows=rows, last_seq=last, last_hash=prev, problem=Problem(seq, kind, message))
