"""Demo accounts: one per role in the seed agency, a few in the sibling agencies, a supervisor."""

from __future__ import annotations

from xxgk.accounts.models import Membership, Role, User
from xxgk.agencies.models import Agency

DEMO_PASSWORD = "Xxgk-demo-2026"

# (username, full name, agency code, role)
DEMO_ACCOUNTS: list[tuple[str, str, str, Role]] = [
    ("kjj-drafter", "张承办", "daye-kjj", Role.DRAFTER),
    ("kjj-section", "李科长", "daye-kjj", Role.SECTION_HEAD),
    ("kjj-secrecy", "王保密", "daye-kjj", Role.SECRECY_REVIEWER),
    ("kjj-deputy", "赵分管", "daye-kjj", Role.DEPUTY_HEAD),
    ("kjj-head", "钱局长", "daye-kjj", Role.HEAD),
    ("kjj-officehead", "孙主任", "daye-kjj", Role.OFFICE_HEAD),
    ("kjj-office", "周公开", "daye-kjj", Role.OFFICE_STAFF),
    ("kjj-admin", "吴管理", "daye-kjj", Role.ADMIN),
    ("tjj-drafter", "郑承办", "daye-tjj", Role.DRAFTER),
    ("tjj-office", "冯公开", "daye-tjj", Role.OFFICE_STAFF),
    ("tjj-admin", "陈管理", "daye-tjj", Role.ADMIN),
    ("zfb-drafter", "褚承办", "daye-zfb", Role.DRAFTER),
    ("zfb-officehead", "卫主任", "daye-zfb", Role.OFFICE_HEAD),
    ("zfb-office", "蒋公开", "daye-zfb", Role.OFFICE_STAFF),
    ("zfb-secrecy", "沈保密", "daye-zfb", Role.SECRECY_REVIEWER),
    ("zfb-section", "韩科长", "daye-zfb", Role.SECTION_HEAD),
    ("zfb-deputy", "杨分管", "daye-zfb", Role.DEPUTY_HEAD),
    ("zfb-head", "朱主任", "daye-zfb", Role.HEAD),
    ("daye-supervisor", "秦督查", "daye", Role.SUPERVISOR),
]


def load() -> None:
    """Create the demo accounts and roles (idempotent; passwords are reset to the demo one)."""
    agencies = {a.code: a for a in Agency.objects.all()}
    for username, full_name, code, role in DEMO_ACCOUNTS:
        user = User.objects.filter(username=username).first()
        if user is None:
            user = User(username=username, full_name=full_name)
            user.set_password(DEMO_PASSWORD)
            user.save()
        Membership.objects.get_or_create(user=user, agency=agencies[code], role=role)
