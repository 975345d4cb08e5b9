"""Guarantee 14: applicants' ID numbers, phones, e-mails and addresses are encrypted at rest."""

from __future__ import annotations

import importlib
import os
import subprocess
import sys
from datetime import date
from pathlib import Path

from django.apps import apps
from django.core.exceptions import ImproperlyConfigured
from django.core.management import call_command
from django.db import connection

import pytest
import time_machine
from cryptography.fernet import Fernet

from xxgk.applications import services as desk
from xxgk.applications.demo import _id_number
from xxgk.applications.models import Application
from xxgk.audit.models import AuditRecord
from xxgk.privacy import keys
from xxgk.privacy.tests.rawdump import raw_dump

pytestmark = pytest.mark.django_db
REPO = Path(__file__).resolve().parents[3]
ID = _id_number(7)
PHONE = "13912345678"
EMAIL = "wang.xiaoming@example.com"
ADDRESS = "湖北省大冶市罗桥街道幸福路88号"


def person() -> desk.ApplicantData:
    return desk.ApplicantData(
        kind="natural",
        name="王小明",
        id_type="resident_id",
        id_number=ID,
        phone=PHONE,
        email=EMAIL,
        address=ADDRESS,
        postcode="435100",
    )


def submit_person(world, received: date = date(2026, 3, 2)) -> Application:
    with time_machine.travel("2026-03-02 10:00 +0800", tick=False):
        return desk.submit_application(
            agency=world.a,
            actor=world.alice,
            channel="in_person",
            received_on=received,
            applicant=person(),
            request=desk.RequestData(title="项目资金", description="请提供项目资金拨付文件"),
        )


def raw_column(pk: int, name: str) -> str:
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {name} FROM applications_application WHERE id = %s", [pk])
        return cursor.fetchone()[0]


def test_a_raw_dump_shows_no_personal_data(world):
    case = submit_person(world)
    dump = raw_dump()
    for secret in (ID, PHONE, EMAIL, ADDRESS, "幸福路"):
        assert secret not in dump
    case = Application.objects.get(pk=case.pk)
    assert (case.id_number, case.phone, case.email, case.address) == (ID, PHONE, EMAIL, ADDRESS)
    assert raw_column(case.pk, "id_number").startswith(keys.TOKEN_PREFIX)


def test_repeat_applicants_are_found_by_the_keyed_hash(world):
    first = submit_person(world)
    second = submit_person(world)
    assert first.applicant_key == second.applicant_key
    assert ID not in first.applicant_key
    assert Application.objects.filter(applicant_key=first.applicant_key).count() == 2


def test_keys_rotate_reencrypts_under_the_new_key(world, settings):
    case = submit_person(world)
    old = settings.XXGK_DATA_KEYS[0]
    new = keys.new_key()
    settings.XXGK_DATA_KEYS = [new, old]
    call_command("keys", "rotate", stdout=open(os.devnull, "w"))  # noqa: SIM115
    token = raw_column(case.pk, "id_number")
    assert Fernet(new.encode()).decrypt(token.encode()).decode() == ID
    settings.XXGK_DATA_KEYS = [new]  # the old key removed
    assert Application.objects.get(pk=case.pk).phone == PHONE
    assert AuditRecord.objects.filter(action="privacy.keys_rotated").count() == 1
    assert AuditRecord.objects.get(action="privacy.keys_rotated").after == {
        "keys": 2,
        "rows": 1,
        "values": 4,
    }
    settings.XXGK_DATA_KEYS = [old]  # a key that never encrypted these
    with pytest.raises(ImproperlyConfigured, match="无法解密申请人个人信息"):
        Application.objects.get(pk=case.pk)


def test_rotation_again_changes_nothing(world, settings):
    submit_person(world)
    call_command("keys", "rotate", stdout=open(os.devnull, "w"))  # noqa: SIM115
    assert AuditRecord.objects.get(action="privacy.keys_rotated").after["rows"] == 0


def test_the_data_migration_encrypts_existing_plaintext(world):
    case = submit_person(world)
    with connection.cursor() as cursor:  # as written before encryption existed
        cursor.execute(
            "UPDATE applications_application SET id_number = %s, phone = %s WHERE id = %s",
            [ID, PHONE, case.pk],
        )
    migration = importlib.import_module("xxgk.applications.migrations.0004_encrypt_personal_data")
    migration.encrypt_existing(apps, None)
    assert raw_column(case.pk, "id_number").startswith(keys.TOKEN_PREFIX)
    assert ID not in raw_dump()
    assert Application.objects.get(pk=case.pk).id_number == ID


def test_production_refuses_to_start_without_a_key(tmp_path):
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith("XXGK_") and k != "DJANGO_SETTINGS_MODULE"
    }
    env.update({"XXGK_SECURE": "true", "XXGK_DATA_DIR": str(tmp_path), "XXGK_SECRET_KEY": "x" * 50})
    done = subprocess.run(
        [sys.executable, "-c", "import sys; from xxgk.cli import main; sys.exit(main(['check']))"],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 2
    assert done.stderr.strip() == (
        "配置错误：未配置申请人个人信息加密密钥 XXGK_DATA_KEYS（或 XXGK_DATA_KEYS_FILE）："
        "生产环境（XXGK_SECURE=true）必须提供，可用 xxgk keys generate 生成。"
    )
    assert not (tmp_path / "data_keys").exists()


def test_a_malformed_key_is_refused_in_chinese():
    with pytest.raises(ImproperlyConfigured, match="第 2 个密钥无效"):
        keys.parse_keys(f"{keys.new_key()},not-a-key")
