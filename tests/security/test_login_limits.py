"""
Login limits that fit commune centres (issue 9, finding 6): a class behind one
address signs in, each learner with their own password and some with a typo
first, while guessing one account's password is stopped, from one address and
from many. The real views, with the limits of lms.settings.base switched on.
"""

import pytest
from django.contrib.auth import get_user
from django.test import Client, override_settings
from django.urls import reverse

from lms.accounts.models import User

PASSWORD = "a-long-test-password-1"
WRONG = "not-my-password-9"
COMMUNE = "203.0.113.10"
TOO_MANY = "Bạn đã đăng nhập sai quá nhiều lần. Vui lòng thử lại sau."
WRONG_PASSWORD = "Địa chỉ e-mail hoặc mật khẩu không đúng."

pytestmark = pytest.mark.usefixtures("real_limits")


def log_in(email, password, address=COMMUNE, client=None, **headers):
    """One sign-in from `address` (a fresh browser unless `client` is given): (client, page)."""
    client = client or Client(REMOTE_ADDR=address)
    response = client.post(reverse("account_login"), {"login": email, "password": password},
                           REMOTE_ADDR=address, headers=headers)
    return client, response


def signed_in(client):
    return get_user(client).is_authenticated


@pytest.fixture
def class_of_40(db):
    return [
        User.objects.create_user(email=f"hoc.vien{number}@xa-an-binh.vn", password=PASSWORD,
                                 full_name=f"Học viên {number}")
        for number in range(40)
    ]


@pytest.fixture
def owner(db):
    return User.objects.create_user(email="chu.tai.khoan@example.vn", password=PASSWORD, full_name="Lê Văn Chủ")


def test_forty_learners_behind_one_address_all_sign_in_within_a_minute(class_of_40):
    for number, learner in enumerate(class_of_40):
        client = Client()
        if number % 3 == 0:
            _client, response = log_in(learner.email, WRONG, client=client)
            assert WRONG_PASSWORD in response.content.decode()
        _client, response = log_in(learner.email, PASSWORD, client=client)
        assert response.status_code == 302, f"learner {number} was refused"
        assert signed_in(client)


def test_ten_wrong_passwords_at_the_address_do_not_lock_out_the_admin(db):
    admin = User.objects.create_superuser(email="quan.tri@example.vn", password=PASSWORD, full_name="Quản Trị")
    for number in range(12):
        log_in(f"khach{number}@example.vn", WRONG)

    client, response = log_in(admin.email, PASSWORD)

    assert response.status_code == 302
    assert signed_in(client)


def test_guessing_one_password_from_one_address_is_stopped_even_before_the_right_one(owner):
    for _guess in range(5):
        _client, response = log_in(owner.email, WRONG, address="198.51.100.7")
        assert WRONG_PASSWORD in response.content.decode()

    client, response = log_in(owner.email, PASSWORD, address="198.51.100.7")

    assert TOO_MANY in response.content.decode()
    assert not signed_in(client)


def test_a_guesser_at_one_address_does_not_lock_the_owner_out_elsewhere(owner):
    for _guess in range(6):
        log_in(owner.email, WRONG, address="198.51.100.7")

    client, response = log_in(owner.email, PASSWORD, address=COMMUNE)

    assert response.status_code == 302
    assert signed_in(client)


def test_guessing_one_password_from_many_addresses_is_stopped(owner):
    for number in range(20):
        _client, response = log_in(owner.email, WRONG, address=f"198.51.100.{number + 1}")
        assert WRONG_PASSWORD in response.content.decode(), f"guess {number} was not even tried"

    client, response = log_in(owner.email, PASSWORD, address="192.0.2.200")

    assert TOO_MANY in response.content.decode()
    assert not signed_in(client)


def test_a_flood_of_wrong_passwords_from_one_address_is_stopped_there_only(owner):
    for number in range(60):
        log_in(f"thu{number}@example.vn", WRONG, address="198.51.100.7")

    _client, flooded = log_in(owner.email, PASSWORD, address="198.51.100.7")
    client, response = log_in(owner.email, PASSWORD, address=COMMUNE)

    assert TOO_MANY in flooded.content.decode()
    assert signed_in(client)


def test_a_forwarded_for_header_from_a_client_is_ignored_when_no_proxy_is_trusted(owner):
    for number in range(5):
        log_in(owner.email, WRONG, address="198.51.100.7", x_forwarded_for=f"192.0.2.{number + 1}")

    client, response = log_in(owner.email, PASSWORD, address="198.51.100.7", x_forwarded_for="192.0.2.99")

    assert TOO_MANY in response.content.decode()
    assert not signed_in(client)


@override_settings(TRUSTED_PROXIES=["10.0.0.0/8"])
def test_behind_a_trusted_load_balancer_each_client_address_has_its_own_budget(owner):
    balancer = "10.0.0.2"
    for _guess in range(6):
        log_in(owner.email, WRONG, address=balancer, x_forwarded_for="198.51.100.7")

    _client, guesser = log_in(owner.email, PASSWORD, address=balancer, x_forwarded_for="198.51.100.7")
    # The guesser cannot pass for the commune by writing its address into the header either.
    _client, spoofed = log_in(owner.email, PASSWORD, address=balancer, x_forwarded_for=f"{COMMUNE}, 198.51.100.7")
    client, response = log_in(owner.email, PASSWORD, address=balancer, x_forwarded_for=COMMUNE)

    assert TOO_MANY in guesser.content.decode()
    assert TOO_MANY in spoofed.content.decode()
    assert signed_in(client)


def test_forty_sign_ups_from_one_address_are_accepted(db):
    for number in range(40):
        response = Client(REMOTE_ADDR=COMMUNE).post(reverse("account_signup"), {
            "full_name": f"Người Dân {number}", "email": f"nguoi.dan{number}@example.vn",
            "password1": PASSWORD, "password2": PASSWORD,
        }, REMOTE_ADDR=COMMUNE)
        assert response.status_code == 302, f"sign-up {number} was refused"
    assert User.objects.filter(email__startswith="nguoi.dan").count() == 40
