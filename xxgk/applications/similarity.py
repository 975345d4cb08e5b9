"""重复申请 suggestions (条例 Art. 36(六)): the same applicant asked for the same thing before."""

from __future__ import annotations

from difflib import SequenceMatcher

from xxgk.applications.models import Application, Status

SIMILARITY_THRESHOLD = 0.75


def similarity(a: str, b: str) -> float:
    """Return the similarity of two descriptions (0..1), ignoring spaces and punctuation."""

    def norm(text: str) -> str:
        return "".join(ch for ch in text if ch.isalnum())

    x, y = norm(a), norm(b)
    if not x or not y:
        return 0.0
    return SequenceMatcher(None, x, y).ratio()


def duplicate_candidates(
    application: Application, limit: int = 5
) -> list[tuple[Application, float]]:
    """Return earlier answered cases of the same applicant at the agency that look the same."""
    text = f"{application.information_title} {application.description}"
    earlier = (
        Application.objects.filter(
            agency=application.agency,
            applicant_key=application.applicant_key,
            status=Status.CLOSED,
        )
        .exclude(pk=application.pk)
        .exclude(outcome__startswith="other.")
        .order_by("-closed_on")[:200]
    )
    scored = [
        (other, similarity(text, f"{other.information_title} {other.description}"))
        for other in earlier
    ]
    hits = [(o, round(score, 2)) for o, score in scored if score >= SIMILARITY_THRESHOLD]
    return sorted(hits, key=lambda pair: -pair[1])[:limit]
