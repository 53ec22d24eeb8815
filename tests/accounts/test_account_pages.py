"""
The account pages (allauth's, drawn in the site's own look) and the profile page:
Vietnamese by default, English on request, names stored in NFC, e-mails in
Vietnamese, and the login rate limit of the real settings switched on.

Fixtures live here so the file stands on its own; their names start with
"account_" so they never shadow the shared ones in tests/conftest.py.
"""

import re
import unicodedata

import pytest
from allauth.account.models import EmailAddress
from django.conf import settings
from django.contrib.auth import get_user
from django.core import mail
from django.core.cache import cache
from django.urls import reverse

from lms.accounts.models import OrgUnit, User

PASSWORD = "a-long-test-password-1"
NEW_PASSWORD = "another-long-password-2"
NAME = "Nguyễn Thị Hồng Nhung"
NAME_NFD = unicodedata.normalize("NFD", NAME)


@pytest.fixture
def account_user(db):
    return User.objects.create_user(email="hoc.vien@example.vn", password=PASSWORD, full_name="Trần Văn An")


@pytest.fixture
def account_client(client, account_user):
    client.force_login(account_user)
    return client


@pytest.fixture
def english(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


@pytest.fixture
def empty_cache():
    """Rate-limit counters live in the cache: start and end each such test with none."""
    cache.clear()
    yield
    cache.clear()


def page(response):
    return response.content.decode()


def signup_data(**overrides):
    data = {
        "full_name": NAME_NFD,
        "email": "nhung.nguyen@example.vn",
        "password1": PASSWORD,
        "password2": PASSWORD,
        "requested_org_unit": "",
        "position": "",
    }
    data.update(overrides)
    return data


def link_in(message, path_start):
    match = re.search(rf"https?://[^\s]+{re.escape(path_start)}[^\s]*", message.body)
    assert match, message.body
    return match.group(0).split("testserver", 1)[1]


# Entrance pages -------------------------------------------------------------------------------


ENTRANCE_PAGES = [
    # (page, Vietnamese it shows, allauth's English it must not show)
    ("account_login", ["Đăng nhập", "Mật khẩu", "Quên mật khẩu?", "Ghi nhớ đăng nhập"], ["Sign In", "Remember"]),
    ("account_signup", ["Đăng ký", "Mật khẩu", "Nhập lại mật khẩu", "Địa chỉ e-mail"], ["Sign Up", "Password"]),
    ("account_reset_password", ["Đặt lại mật khẩu", "Địa chỉ e-mail"], ["Password Reset", "Reset My"]),
]


@pytest.mark.parametrize("url_name, vietnamese, english", ENTRANCE_PAGES)
def test_entrance_pages_are_vietnamese_by_default(client, db, url_name, vietnamese, english):
    response = client.get(reverse(url_name))

    assert response.status_code == 200
    html = page(response)
    assert '<html lang="vi">' in html
    for text in vietnamese:
        assert text in html
    for text in english:
        assert text not in html
    # Drawn inside the site's page with its form look, not allauth's bare layout.
    assert 'class="site-header"' in html
    assert 'class="form-card"' in html
    assert "Menu:" not in html


@pytest.mark.parametrize(
    "url_name, english_texts",
    [
        ("account_login", ["Sign In", "Password", "Forgot your password?", "Remember Me"]),
        ("account_signup", ["Sign Up", "Password (again)"]),
        ("account_reset_password", ["Password Reset", "Reset My Password"]),
    ],
)
def test_entrance_pages_are_english_with_the_language_cookie(english, db, url_name, english_texts):
    response = english.get(reverse(url_name))

    assert response.status_code == 200
    html = page(response)
    assert '<html lang="en">' in html
    for text in english_texts:
        assert text in html
    assert "Mật khẩu" not in html


def test_login_page_puts_labels_above_full_width_inputs_and_a_real_checkbox(client, db):
    html = page(client.get(reverse("account_login")))

    assert re.search(r'<label for="id_login">E-mail hoặc mã cán bộ</label>\s*<input type="text" name="login"', html)
    assert '<a href="/accounts/sign-in-code/">' in html
    assert '<div class="help" id="id_password_helptext"><a href="/accounts/password/reset/">' in html
    checkbox_in_label = r'<label for="id_remember"><input type="checkbox" name="remember" id="id_remember"> Ghi nhớ'
    assert re.search(checkbox_in_label, html)
    assert '<button type="submit" class="button prominent">' in html


def test_signup_page_explains_the_name_on_certificates(client, db):
    html = page(client.get(reverse("account_signup")))

    assert 'class="intro"' in html
    assert "Nguyễn Thị Hồng Nhung" in html
    # The optional profile fields say so; the required ones do not.
    assert re.search(r'<label for="id_position">[^<]+<span class="optional">', html)
    assert not re.search(r'<label for="id_email">[^<]+<span class="optional">', html)
    assert html.index('name="full_name"') < html.index('name="email"') < html.index('name="password1"')


# Sign up --------------------------------------------------------------------------------------


def test_signup_stores_the_nfc_name_logs_in_and_sends_a_verification_mail(client, db):
    response = client.post(reverse("account_signup"), signup_data())

    assert response.status_code == 302
    assert response.url == reverse("my_learning")
    user = User.objects.get(email="nhung.nguyen@example.vn")
    assert user.full_name == NAME
    assert unicodedata.is_normalized("NFC", user.full_name)
    assert user.learner_type == User.LearnerType.CITIZEN
    assert get_user(client).pk == user.pk
    # Verification is optional: the mail goes out, but nothing waits for it.
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["nhung.nguyen@example.vn"]
    assert "Vui lòng xác minh địa chỉ e-mail của bạn" in mail.outbox[0].subject
    assert "/accounts/confirm-email/" in mail.outbox[0].body
    assert not EmailAddress.objects.get(user=user).verified


def test_signup_with_an_org_unit_makes_a_civil_servant_who_requests_the_unit(client, db):
    unit = OrgUnit.add_root(name="Sở Thông tin và Truyền thông", code="STTTT", kind="department")

    client.post(reverse("account_signup"), signup_data(requested_org_unit=unit.pk, position="Chuyên viên"))

    user = User.objects.get(email="nhung.nguyen@example.vn")
    # Only HR confirms a unit: the learner's choice waits as a request.
    assert user.org_unit is None
    assert user.requested_org_unit == unit
    assert user.position == "Chuyên viên"
    assert user.learner_type == User.LearnerType.OFFICIAL


def test_verification_link_confirms_the_address(client, db):
    client.post(reverse("account_signup"), signup_data())
    confirm_url = link_in(mail.outbox[0], "/accounts/confirm-email/")

    response = client.get(confirm_url)
    assert response.status_code == 200
    assert "Xác minh địa chỉ e-mail" in page(response)

    response = client.post(confirm_url, follow=True)
    assert EmailAddress.objects.get(email="nhung.nguyen@example.vn").verified
    assert "Bạn đã xác minh địa chỉ nhung.nguyen@example.vn." in page(response)


def test_verification_sent_page_is_in_the_site_look(client, db):
    response = client.get(reverse("account_email_verification_sent"))

    assert response.status_code == 200
    html = page(response)
    assert "Xác minh địa chỉ e-mail của bạn" in html
    assert 'class="site-header"' in html


def test_signup_with_a_registered_email_is_refused_in_vietnamese(client, account_user):
    response = client.post(reverse("account_signup"), signup_data(email="Hoc.Vien@Example.vn"))

    assert response.status_code == 200
    assert "Đã có tài khoản đăng ký bằng địa chỉ e-mail này." in page(response)
    assert User.objects.count() == 1
    assert mail.outbox == []
    assert not get_user(client).is_authenticated


def test_signup_without_a_name_is_refused(client, db):
    response = client.post(reverse("account_signup"), signup_data(full_name="   "))

    assert response.status_code == 200
    assert '<ul class="errorlist"' in page(response)
    assert not User.objects.exists()


# Log in and out -------------------------------------------------------------------------------


def test_login_by_email(client, account_user):
    response = client.post(reverse("account_login"), {"login": "HOC.VIEN@example.vn", "password": PASSWORD})

    assert response.status_code == 302
    assert get_user(client).pk == account_user.pk


def test_login_with_a_wrong_password_is_refused_in_vietnamese(client, account_user):
    response = client.post(reverse("account_login"), {"login": account_user.email, "password": "wrong-password"})

    assert response.status_code == 200
    html = page(response)
    assert "Địa chỉ e-mail hoặc mật khẩu không đúng." in html
    assert 'class="errorlist nonfield"' in html
    assert not get_user(client).is_authenticated


def test_login_error_is_english_with_the_language_cookie(english, account_user):
    response = english.post(reverse("account_login"), {"login": account_user.email, "password": "wrong-password"})

    assert "The email address and/or password you specified are not correct." in page(response)


def test_logout_asks_first_then_says_goodbye(account_client):
    response = account_client.get(reverse("account_logout"))
    assert response.status_code == 200
    assert "Bạn có chắc muốn đăng xuất?" in page(response)

    response = account_client.post(reverse("account_logout"))
    assert response.status_code == 302
    assert not get_user(account_client).is_authenticated
    # The home page is Wagtail's; the message shows on the next page drawn by base.html.
    assert "Bạn đã đăng xuất." in page(account_client.get(reverse("account_login")))


def test_failed_logins_are_rate_limited_by_the_real_settings(client, account_user, settings, empty_cache):
    # lms.settings.test switches rate limits off; put back what base.py sets.
    settings.ACCOUNT_RATE_LIMITS = {"login_failed": "10/m/ip,5/5m/key"}
    wrong = {"login": account_user.email, "password": "wrong-password"}

    for _attempt in range(5):
        response = client.post(reverse("account_login"), wrong)
        assert "Địa chỉ e-mail hoặc mật khẩu không đúng." in page(response)

    # allauth 65 answers the sixth with a form error (200), not a 429, even with the right password.
    response = client.post(reverse("account_login"), {"login": account_user.email, "password": PASSWORD})
    assert response.status_code == 200
    assert "Bạn đã đăng nhập sai quá nhiều lần. Vui lòng thử lại sau." in page(response)
    assert not get_user(client).is_authenticated


def test_too_many_sign_ups_from_one_address_get_a_vietnamese_429(client, db, settings, empty_cache):
    settings.ACCOUNT_RATE_LIMITS = {"signup": "1/m/ip"}
    client.post(reverse("account_signup"), signup_data())

    response = client.post(reverse("account_signup"), signup_data(email="nguoi.khac@example.vn"))

    assert response.status_code == 429
    assert "Bạn đã thử quá nhiều lần" in page(response)
    assert not User.objects.filter(email="nguoi.khac@example.vn").exists()


# Password reset and change --------------------------------------------------------------------


def test_password_reset_sends_a_vietnamese_mail_and_the_link_sets_a_new_password(client, account_user):
    response = client.post(reverse("account_reset_password"), {"email": account_user.email})
    assert response.status_code == 302
    done = client.get(response.url)
    assert "Chúng tôi đã gửi thư cho bạn." in page(done)

    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert "Đặt lại mật khẩu" in message.subject
    assert "yêu cầu đặt lại mật khẩu cho tài khoản của bạn" in message.body
    assert "Cảm ơn bạn đã sử dụng" in message.body

    response = client.get(link_in(message, "/accounts/password/reset/key/"), follow=True)
    assert response.status_code == 200
    html = page(response)
    assert "Mật khẩu mới" in html and "Nhập lại mật khẩu mới" in html
    set_password_url = response.redirect_chain[-1][0]

    response = client.post(set_password_url, {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD}, follow=True)
    assert "Mật khẩu của bạn đã được thay đổi." in page(response)
    account_user.refresh_from_db()
    assert account_user.check_password(NEW_PASSWORD)


def test_password_rules_are_explained_and_enforced_in_vietnamese(client, db):
    response = client.post(reverse("account_signup"), signup_data(password1="ngan", password2="ngan"))

    html = page(response)
    assert "Mật khẩu của bạn phải chứa ít nhất 8 ký tự." in html  # the help text
    assert "Mật khẩu này quá ngắn. Mật khẩu phải có ít nhất 8 ký tự." in html  # the error
    assert "This password is too short" not in html
    assert not User.objects.exists()


def test_password_reset_link_that_is_wrong_says_so(client, db):
    response = client.get("/accounts/password/reset/key/1-wrong-key/", follow=True)

    assert response.status_code == 200
    assert "Liên kết không hợp lệ" in page(response)


def test_password_change(account_client, account_user):
    url = reverse("account_change_password")
    html = page(account_client.get(url))
    assert "Mật khẩu hiện tại" in html
    assert 'class="account-nav"' in html

    response = account_client.post(
        url, {"oldpassword": PASSWORD, "password1": NEW_PASSWORD, "password2": NEW_PASSWORD}, follow=True
    )
    assert "Đã đổi mật khẩu." in page(response)
    account_user.refresh_from_db()
    assert account_user.check_password(NEW_PASSWORD)


def test_email_management_page(account_client, account_user):
    response = account_client.get(reverse("account_email"))

    assert response.status_code == 200
    html = page(response)
    assert "Các địa chỉ e-mail sau đây gắn với tài khoản của bạn:" in html
    assert account_user.email in html
    assert 'type="radio" name="email"' in html
    assert "Thêm địa chỉ e-mail" in html


# Profile --------------------------------------------------------------------------------------


def test_profile_requires_login(client, db):
    response = client.get(reverse("profile"))

    assert response.status_code == 302
    assert response.url.startswith(reverse("account_login"))


def test_profile_page_links_to_password_and_email(account_client):
    response = account_client.get(reverse("profile"))

    assert response.status_code == 200
    html = page(response)
    assert '<html lang="vi">' in html
    assert f'href="{reverse("account_change_password")}"' in html
    assert f'href="{reverse("account_email")}"' in html
    assert 'value="Trần Văn An"' in html


def test_profile_edits_name_position_and_unit_with_the_name_in_nfc(account_client, account_user):
    unit = OrgUnit.add_root(name="UBND xã Tân Cương", code="TC", kind="commune")

    response = account_client.post(
        reverse("profile"),
        {
            "full_name": "  " + NAME_NFD + "  ",
            "phone": "0912 345 678",
            "requested_org_unit": unit.pk,
            "position": "Công chức văn hoá - xã hội",
            "learner_type": User.LearnerType.OFFICIAL,
        },
    )

    assert response.status_code == 302
    assert response.url == reverse("profile")
    account_user.refresh_from_db()
    assert account_user.full_name == NAME
    assert account_user.position == "Công chức văn hoá - xã hội"
    assert account_user.phone == "0912 345 678"
    assert account_user.org_unit is None
    assert account_user.requested_org_unit == unit
    assert account_user.learner_type == User.LearnerType.OFFICIAL


@pytest.mark.parametrize("url_name", ["profile", "account_signup"])
def test_position_is_stored_in_nfc(client, account_user, url_name):
    position = "Công chức văn hoá - xã hội"
    if url_name == "profile":
        client.force_login(account_user)
        data = {"full_name": account_user.full_name, "learner_type": User.LearnerType.OFFICIAL}
    else:
        data = signup_data()
    data["position"] = unicodedata.normalize("NFD", position)

    response = client.post(reverse(url_name), data)

    assert response.status_code == 302
    user = User.objects.get(pk=account_user.pk) if url_name == "profile" else User.objects.get(email=data["email"])
    assert user.position == position


def test_profile_with_an_empty_name_shows_the_error(account_client, account_user):
    response = account_client.post(reverse("profile"), {"full_name": " ", "learner_type": User.LearnerType.CITIZEN})

    assert response.status_code == 200
    assert '<ul class="errorlist"' in page(response)
    account_user.refresh_from_db()
    assert account_user.full_name == "Trần Văn An"
