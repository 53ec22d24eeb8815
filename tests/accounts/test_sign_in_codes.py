"""
People without an e-mail address: imported with a staff id, handed a printed
one-time code by their unit, signed in once with it, then signing in with
their staff id and the password they chose.
"""

import io
import re
from datetime import timedelta

import pytest
from allauth.account.models import EmailAddress
from django.core import mail
from django.core.management import call_command
from django.test import Client
from django.utils import timezone

from lms.accounts import imports, sign_in_codes
from lms.accounts.models import NO_MAILBOX_DOMAIN, SignInCode, User
from tests.conftest import PASSWORD

HEADER = "Họ và tên;Email;Mã đơn vị;Mã cán bộ"
NO_EMAIL = HEADER + "\nLò Văn Páo;;TN-SNV;CB-0042\n"
CODE = re.compile(r"[2-9A-Y]{4}-[2-9A-Y]{4}-[2-9A-Y]{4}")


@pytest.fixture
def pao(units, department_officer):
    imports.apply_people(NO_EMAIL.encode(), "nguoi.csv", department_officer)
    return User.objects.get(staff_id="CB-0042")


def hand_out(client, *people, **extra):
    response = client.post("/admin/people/sign-in-codes/", {"user": [person.pk for person in people], **extra})
    return response, CODE.findall(response.content.decode())


def test_a_row_with_a_staff_id_and_no_e_mail_makes_an_account_nothing_is_mailed_to(pao, units, department_officer):
    assert pao.email.endswith("@" + NO_MAILBOX_DOMAIN) and not pao.has_mailbox
    assert not EmailAddress.objects.filter(user=pao).exists()
    assert mail.outbox == []
    report = imports.preview_people(NO_EMAIL.encode(), "nguoi.csv", department_officer)
    assert [row.status for row in report.rows] == [imports.UNCHANGED]


def test_a_new_row_with_neither_e_mail_nor_staff_id_is_an_error_and_nothing_is_written(units, department_officer):
    report = imports.preview_people((HEADER + "\nLò Thị Mai;;TN-SNV;\n").encode(), "nguoi.csv", department_officer)
    (row,) = report.rows
    assert row.errors == ["Tài khoản mới cần địa chỉ e-mail hoặc mã cán bộ (người học đăng nhập bằng một trong hai)."]
    with pytest.raises(imports.ImportRefused):
        imports.apply_people((HEADER + "\nLò Thị Mai;;TN-SNV;\n").encode(), "nguoi.csv", department_officer)
    assert not User.objects.filter(full_name="Lò Thị Mai").exists()


def test_the_import_page_points_to_the_codes_of_people_without_e_mail(pao, officer_client, department_officer):
    page = officer_client.get("/admin/people/sign-in-codes/").content.decode()
    assert "Lò Văn Páo" in page and "CB-0042" in page


def test_an_officer_prints_one_time_codes_that_are_kept_only_as_hashes(pao, officer_client):
    response, codes = hand_out(officer_client, pao)
    assert response.status_code == 200 and "no-store" in response["Cache-Control"]
    (code,) = codes
    page = response.content.decode()
    assert "Lò Văn Páo" in page and "http://127.0.0.1:8000/accounts/sign-in-code/" in page.replace("testserver", "")
    stored = SignInCode.objects.get(user=pao)
    assert stored.code_hash == sign_in_codes.code_hash(code) and code.replace("-", "") not in stored.code_hash
    assert stored.expires_at - timezone.now() > timedelta(days=29)


def test_the_codes_download_as_csv_with_formulas_neutralised(units, department_officer, officer_client):
    imports.apply_people((HEADER + "\n=HYPERLINK(1);;TN-SNV;CB-7\n").encode(), "nguoi.csv", department_officer)
    person = User.objects.get(staff_id="CB-7")
    response, codes = hand_out(officer_client, person, format="csv")
    text = response.content.decode("utf-8-sig")
    assert response["Content-Disposition"] == 'attachment; filename="sign-in-codes.csv"'
    assert "'=HYPERLINK(1)" in text and codes[0] in text


def test_the_code_signs_the_person_in_once_then_they_choose_a_password_and_use_their_staff_id(pao, officer_client):
    _response, (code,) = hand_out(officer_client, pao)
    client = Client()
    response = client.post("/accounts/sign-in-code/", {"code": f"  {code.lower().replace('-', ' ')} "})
    assert response.status_code == 302 and response["Location"] == "/accounts/password/set/"
    assert client.get("/my/").status_code == 200
    client.post("/accounts/password/set/", {"password1": "Mật-khẩu-rất-dài-2026", "password2": "Mật-khẩu-rất-dài-2026"})
    client.logout()

    again = client.post("/accounts/sign-in-code/", {"code": code})
    assert again.status_code == 400
    assert "Mã đăng nhập này không hợp lệ" in again.content.decode()

    signed_in = client.post("/accounts/login/", {"login": "CB-0042", "password": "Mật-khẩu-rất-dài-2026"})
    assert signed_in.status_code == 302 and client.get("/my/").status_code == 200


def test_an_expired_or_replaced_code_signs_nobody_in(pao, officer_client):
    _response, (first,) = hand_out(officer_client, pao)
    _response, (second,) = hand_out(officer_client, pao)
    client = Client()
    assert client.post("/accounts/sign-in-code/", {"code": first}).status_code == 400
    SignInCode.objects.filter(user=pao).update(expires_at=timezone.now() - timedelta(minutes=1))
    assert client.post("/accounts/sign-in-code/", {"code": second}).status_code == 400
    assert "_auth_user_id" not in client.session


def test_codes_are_only_for_people_without_e_mail_and_without_a_role_in_the_officers_units(
    pao, units, department_officer, officer_client, make_user, role_groups
):
    with_mailbox = make_user(email="co.email@example.vn", org_unit=units["TN-SNV"])
    elsewhere = User.objects.create_user(
        email=f"x@{NO_MAILBOX_DOMAIN}", full_name="Hà Thị Xã", org_unit=units["TN-XA"], staff_id="CB-9")
    colleague = User.objects.create_user(
        email=f"y@{NO_MAILBOX_DOMAIN}", full_name="Hồ Văn Trưởng", org_unit=units["TN-SNV"], staff_id="CB-10")
    colleague.groups.add(role_groups["hr"])

    for person in (with_mailbox, elsewhere, colleague):
        response, codes = hand_out(officer_client, pao, person)
        assert response.status_code == 302 and codes == []
    assert not SignInCode.objects.exists()
    page = officer_client.get("/admin/people/sign-in-codes/").content.decode()
    assert "Lò Văn Páo" in page and "Hà Thị Xã" not in page and "Hồ Văn Trưởng" not in page


def test_a_learner_cannot_print_codes(pao, client, learner):
    client.force_login(learner)
    response, codes = hand_out(client, pao)
    assert response.status_code in (302, 403) and codes == []


def test_people_with_e_mail_may_sign_in_with_their_staff_id_too(units, make_user, client):
    make_user(email="lan@example.vn", staff_id="CB-1", org_unit=units["TN-SNV"])
    EmailAddress.objects.create(user=User.objects.get(staff_id="CB-1"), email="lan@example.vn", primary=True,
                                verified=True)
    response = client.post("/accounts/login/", {"login": "CB-1", "password": PASSWORD})
    assert response.status_code == 302


def test_an_unknown_staff_id_is_a_plain_failed_sign_in(db, client):
    response = client.post("/accounts/login/", {"login": "CB-404", "password": "whatever-123"})
    assert response.status_code == 200 and "không đúng" in response.content.decode()


def test_the_command_says_how_many_new_accounts_need_a_code(units, tmp_path):
    path = tmp_path / "nguoi.csv"
    path.write_text(NO_EMAIL, encoding="utf-8")
    out = io.StringIO()
    call_command("import_users", str(path), stdout=out)
    assert "1 new accounts have no e-mail: print their one-time sign-in codes" in out.getvalue()
