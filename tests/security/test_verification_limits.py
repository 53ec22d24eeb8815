"""
Certificate verification never locks out a whole commune (issue 9, finding 6):
an HR office behind one address checks as many real certificates as it likes
within the generous per-address ceiling, while guessing codes (answers of "no
such certificate" or "mistyped code") is stopped early, per client address,
behind the load balancer too.
"""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client, override_settings

from certificates import codes
from certificates.models import Certificate
from lms.enrollment import services as enrollment_services

pytestmark = pytest.mark.usefixtures("fixed_clock")

OFFICE = "203.0.113.10"
BALANCER = "10.0.0.2"


@pytest.fixture
def certificate(learner, course):
    enrollment = enrollment_services.enroll(learner, course)
    return Certificate.objects.create(
        enrollment=enrollment, code=codes.new_code(), full_name="Nguyễn Thị Hoa", course_title="Chữ ký số",
        hours=2, issued_on="2026-11-20", organisation="HọcSố",
    )


def check(code, address=OFFICE, **headers):
    return Client(REMOTE_ADDR=address).get(f"/certificates/verify/{code}.json", headers=headers).status_code


def test_an_hr_office_checks_a_hundred_real_certificates_in_a_minute(certificate):
    statuses = [check(certificate.display_code) for _ in range(100)]

    assert statuses == [200] * 100


def test_guessing_codes_is_stopped_after_thirty_misses_then_even_real_codes_wait(certificate):
    misses = [check(codes.new_code()) for _ in range(30)]
    mistyped = check(certificate.code[:-1] + ("2" if certificate.code[-1] != "2" else "3"))

    assert misses == [404] * 30
    assert mistyped == 429
    assert check(certificate.display_code) == 429
    assert check(certificate.display_code, address="198.51.100.20") == 200


def test_mistyped_codes_count_as_misses_too(certificate):
    typo = certificate.code[:-1] + ("2" if certificate.code[-1] != "2" else "3")
    statuses = [check(typo) for _ in range(31)]

    assert statuses == [400] * 30 + [429]


def test_a_guesser_cannot_reset_its_count_with_a_forwarded_for_header(db):
    statuses = [check(codes.new_code(), x_forwarded_for=f"192.0.2.{number}") for number in range(31)]

    assert statuses[-1] == 429


@override_settings(TRUSTED_PROXIES=["10.0.0.0/8"])
def test_behind_the_load_balancer_one_guesser_does_not_stop_the_others(certificate):
    guesses = [check(codes.new_code(), address=BALANCER, x_forwarded_for="198.51.100.7") for _ in range(31)]

    assert guesses[-1] == 429
    assert check(certificate.display_code, address=BALANCER, x_forwarded_for=OFFICE) == 200


def test_the_per_address_ceiling_still_holds_for_real_codes(certificate):
    statuses = [check(certificate.display_code) for _ in range(301)]

    assert statuses[:300] == [200] * 300
    assert statuses[300] == 429


def test_the_429_page_is_in_vietnamese(db):
    for _ in range(30):
        check(codes.new_code())

    response = Client(REMOTE_ADDR=OFFICE).get(f"/certificates/verify/{codes.new_code()}/")

    assert response.status_code == 429
    assert "Bạn đã thử quá nhiều lần" in response.content.decode()


def test_bulk_files_are_limited_to_ten_a_minute_per_address(certificate):
    def upload():
        csv_file = SimpleUploadedFile("ma.csv", f"Mã\n{certificate.display_code}\n".encode(), content_type="text/csv")
        return Client(REMOTE_ADDR=OFFICE).post("/certificates/verify/bulk/", {"file": csv_file}).status_code

    statuses = [upload() for _ in range(11)]

    assert statuses == [200] * 10 + [429]
