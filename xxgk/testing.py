"""Test personas across two agencies, shared by every app's tests (see conftest.py).

Agency A = 大冶市科技局, agency B = 大冶市统计局, both under 大冶市人民政府 (whose
supervisor sees both, read-only). One user per role in A; the same roles in B with other
names, so every isolation test can pick "the same role, the other agency".
"""

from __future__ import annotations

from dataclasses import dataclass, field

from xxgk.accounts.models import Membership, Role, User
from xxgk.agencies.models import Agency, AgencyKind

PASSWORD = "Persona-pass-2026"

# persona name -> (agency key, role)
PERSONAS_A = {
    "alice": Role.DRAFTER,
    "bob": Role.SECTION_HEAD,
    "carol": Role.SECRECY_REVIEWER,
    "dave": Role.DEPUTY_HEAD,
    "erin": Role.HEAD,
    "frank": Role.OFFICE_HEAD,
    "grace": Role.OFFICE_STAFF,
    "heidi": Role.ADMIN,
}
PERSONAS_B = {
    "charlie": Role.DRAFTER,
    "bianca": Role.SECTION_HEAD,
    "boris": Role.SECRECY_REVIEWER,
    "bruno": Role.DEPUTY_HEAD,
    "betty": Role.HEAD,
    "bella": Role.OFFICE_HEAD,
    "olivia": Role.OFFICE_STAFF,
    "mallory": Role.ADMIN,
}


@dataclass
class World:
    government: Agency
    a: Agency
    b: Agency
    users: dict[str, User] = field(default_factory=dict)

    def __getattr__(self, name: str) -> User:
        try:
            return self.__dict__["users"][name]
        except KeyError:
            raise AttributeError(name) from None

    def user_with(self, agency: Agency, role: Role) -> User:
        names = PERSONAS_A if agency == self.a else PERSONAS_B
        return self.users[next(n for n, r in names.items() if r == role)]


def make_world() -> World:
    """Create the two agencies, their parent and every persona."""
    gov = Agency.objects.create(
        name="大冶市人民政府", short_name="冶政", code="daye", kind=AgencyKind.GOVERNMENT
    )
    a = Agency.objects.create(
        name="大冶市科技局",
        short_name="冶科",
        code="daye-kjj",
        kind=AgencyKind.DEPARTMENT,
        parent=gov,
        office_name="大冶市科技局办公室",
        office_address="湖北省大冶市东岳路行政中心",
        office_phone="0714-8711234",
        office_email="kjj@daye.example.gov.cn",
        office_postcode="435100",
    )
    b = Agency.objects.create(
        name="大冶市统计局",
        short_name="冶统",
        code="daye-tjj",
        kind=AgencyKind.DEPARTMENT,
        parent=gov,
        office_name="大冶市统计局办公室",
    )
    world = World(government=gov, a=a, b=b)
    for agency, personas in ((a, PERSONAS_A), (b, PERSONAS_B)):
        for name, role in personas.items():
            user = User(username=name, full_name=name.capitalize())
            user.set_password(PASSWORD)
            user.save()
            Membership.objects.create(user=user, agency=agency, role=role)
            world.users[name] = user
    sam = User(username="sam", full_name="Sam")
    sam.set_password(PASSWORD)
    sam.save()
    Membership.objects.create(user=sam, agency=gov, role=Role.SUPERVISOR)
    world.users["sam"] = sam
    outsider = User(username="oscar", full_name="Oscar")
    outsider.set_password(PASSWORD)
    outsider.save()
    world.users["oscar"] = outsider  # signed in, but no role anywhere
    return world
