"""Demo agencies: the seed's 大冶市科技局 inside its real parent chain, plus siblings."""

from __future__ import annotations

from xxgk.agencies.models import Agency, AgencyKind

# (code, name, short name, kind, parent code, office data)
DEMO_AGENCIES: list[tuple[str, str, str, str, str | None, dict[str, str]]] = [
    ("hubei", "湖北省人民政府", "鄂政", AgencyKind.GOVERNMENT, None, {}),
    ("huangshi", "黄石市人民政府", "黄政", AgencyKind.GOVERNMENT, "hubei", {}),
    (
        "daye",
        "大冶市人民政府",
        "冶政",
        AgencyKind.GOVERNMENT,
        "huangshi",
        {
            "office_name": "大冶市人民政府办公室（政务公开办）",
            "office_address": "湖北省大冶市新冶大道1号",
            "office_postcode": "435100",
            "office_phone": "0714-8720000",
        },
    ),
    (
        "daye-kjj",
        "大冶市科技局",
        "冶科",
        AgencyKind.DEPARTMENT,
        "daye",
        {
            "office_name": "大冶市科技局办公室",
            "office_address": "湖北省大冶市东岳路行政中心",
            "office_hours": "工作日 上午8:30—12:00，下午14:30—17:30（法定节假日除外）",
            "office_phone": "0714-8711234",
            "office_fax": "0714-8711235",
            "office_email": "kjj@daye.example.gov.cn",
            "office_postcode": "435100",
            "website": "http://www.daye.gov.cn/",
            "credit_code": "11420281MB1A00001X",
        },
    ),
    (
        "daye-tjj",
        "大冶市统计局",
        "冶统",
        AgencyKind.DEPARTMENT,
        "daye",
        {
            "office_name": "大冶市统计局办公室",
            "office_address": "湖北省大冶市东岳路行政中心",
            "office_hours": "工作日 上午8:30—12:00，下午14:30—17:30",
            "office_phone": "0714-8715678",
            "office_email": "tjj@daye.example.gov.cn",
            "office_postcode": "435100",
        },
    ),
    (
        "daye-zfb",
        "大冶市人民政府办公室",
        "冶政办",
        AgencyKind.DEPARTMENT,
        "daye",
        {
            "office_name": "大冶市人民政府办公室政务公开科",
            "office_address": "湖北省大冶市新冶大道1号",
            "office_hours": "工作日 上午8:30—12:00，下午14:30—17:30",
            "office_phone": "0714-8720001",
            "office_fax": "0714-8720002",
            "office_email": "zwgk@daye.example.gov.cn",
            "office_postcode": "435100",
        },
    ),
]


def load() -> None:
    """Create or update the demo agencies (idempotent)."""
    by_code: dict[str, Agency] = {}
    for code, name, short, kind, parent, office in DEMO_AGENCIES:
        defaults = {
            "name": name,
            "short_name": short,
            "kind": kind,
            "parent": by_code.get(parent or ""),
        }
        defaults.update(office)
        agency = Agency.objects.filter(code=code).first()
        if agency is None:
            agency = Agency.objects.create(code=code, **defaults)
        else:
            changed = [k for k, v in defaults.items() if getattr(agency, k) != v]
            if changed:
                for k in changed:
                    setattr(agency, k, defaults[k])
                agency.save()
        by_code[code] = agency
