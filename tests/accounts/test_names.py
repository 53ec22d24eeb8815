"""
A full name must print: wherever a name is set (sign-up, profile, the admin's
user forms, the model itself for imports and commands) a name of zero-width
characters, of accent marks alone, or with a text-direction override is
refused with a Vietnamese message saying what is wrong, and nothing is saved.
Real Vietnamese names, typed decomposed or with hyphens and apostrophes, pass.
"""

import html
import unicodedata

import pytest
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command
from django.urls import reverse
from hypothesis import given
from hypothesis import strategies as st

from lms.accounts.models import User
from lms.accounts.validators import validate_full_name

PASSWORD = "a-long-test-password-1"

NO_LETTER = "Họ và tên phải có ít nhất một chữ cái."
FORMATTING = "Họ và tên có một ký tự định dạng không nhìn thấy được"

# (typed name, a part of the message that must be shown)
UNPRINTABLE_NAMES = [
    pytest.param("\u200b\u200b\u200b", FORMATTING + " (U+200B)", id="zero-width-spaces"),
    pytest.param("\u200c\u200d\u2060", FORMATTING, id="zero-width-joiners"),
    pytest.param("\u0301\u0303\u0323", NO_LETTER, id="accent-marks-only"),
    pytest.param("\u202eaoH ịhT nễyugN", FORMATTING + " (U+202E)", id="right-to-left-override"),
    pytest.param("Nguyễn \u2067Thị\u2069 Hoa", FORMATTING + " (U+2067)", id="bidi-isolate"),
    pytest.param("Nguyễn\u00adThị Hoa", FORMATTING + " (U+00AD)", id="soft-hyphen"),
    pytest.param("\u3164\u3164", FORMATTING + " (U+3164)", id="hangul-filler"),
    pytest.param("Nguyễn\x07 Hoa", "ký tự điều khiển không nhìn thấy được (U+0007)", id="control"),
    pytest.param("Hoa\ue000", "ký tự không in ra được (U+E000)", id="private-use"),
    pytest.param("Hoa \u0301", "dấu thanh hoặc dấu phụ không gắn với chữ cái nào", id="stray-accent"),
    pytest.param("Ho" + "\u0334" * 12 + "a", "quá nhiều dấu trên một chữ cái", id="stacked-marks"),
    pytest.param("... --- '''", NO_LETTER, id="punctuation-only"),
]

GOOD_NAMES = [
    ("Nguyễn Thị Hoa", "Nguyễn Thị Hoa"),
    (unicodedata.normalize("NFD", "Nguyễn Thị Hồng Nhung"), "Nguyễn Thị Hồng Nhung"),
    ("Lê-Phạm Anh Thư", "Lê-Phạm Anh Thư"),
    ("H'Hen Niê", "H'Hen Niê"),
    ("  Trần\tVăn   An ", "Trần Văn An"),
]


def page(response):
    return html.unescape(response.content.decode())


def message_text(error):
    return " ".join(error.messages)


# The validator ----------------------------------------------------------------------------------


@pytest.mark.parametrize(("name", "message"), UNPRINTABLE_NAMES)
def test_the_validator_names_the_problem_in_vietnamese(name, message):
    with pytest.raises(ValidationError) as refused:
        validate_full_name(name)
    assert message in message_text(refused.value)


@pytest.mark.parametrize(("name", "_stored"), GOOD_NAMES)
def test_the_validator_accepts_real_names(name, _stored):
    validate_full_name(name)


@given(st.text(max_size=150))
def test_a_name_passes_only_if_it_prints(name):
    try:
        validate_full_name(name)
    except ValidationError:
        return
    stored = " ".join(unicodedata.normalize("NFC", name).split())
    categories = {unicodedata.category(character) for character in stored}
    assert not stored or any(category.startswith("L") for category in categories)
    assert not categories & {"Cc", "Cf", "Co", "Cs", "Cn"}


VIETNAMESE_LETTERS = "aăâbcdđeêghiklmnoôơpqrstuưvxyáàảãạấầẩẫậắằẳẵặéèẻẽẹếềểễệíìỉĩịóòỏõọốồổỗộớờởỡợúùủũụứừửữựýỳỷỹỵ"


@given(st.lists(st.text(alphabet=VIETNAMESE_LETTERS, min_size=1, max_size=7), min_size=1, max_size=5))
def test_every_name_of_vietnamese_words_passes_typed_either_way(words):
    name = " ".join(word.capitalize() for word in words)
    validate_full_name(name)
    validate_full_name(unicodedata.normalize("NFD", name))


# The model: imports and commands go through full_clean ----------------------------------------


@pytest.mark.parametrize(("name", "message"), UNPRINTABLE_NAMES)
def test_full_clean_refuses_a_name_that_does_not_print(db, name, message):
    user = User(email="nhap@example.vn", full_name=name)
    user.set_password(PASSWORD)
    with pytest.raises(ValidationError) as refused:
        user.full_clean()
    assert message in message_text(refused.value)


def test_createsuperuser_refuses_a_name_that_does_not_print(db):
    with pytest.raises(CommandError, match="chữ cái"):
        call_command("createsuperuser", interactive=False, email="admin@example.vn", full_name="\u0301\u0301")
    assert not User.objects.exists()


# Sign-up --------------------------------------------------------------------------------------------


def signup_data(full_name):
    return {"full_name": full_name, "email": "moi@example.vn", "password1": PASSWORD, "password2": PASSWORD,
            "requested_org_unit": "", "position": ""}


@pytest.mark.parametrize(("name", "message"), UNPRINTABLE_NAMES)
def test_sign_up_refuses_a_name_that_does_not_print(client, db, name, message):
    response = client.post(reverse("account_signup"), signup_data(name))

    assert response.status_code == 200
    assert message in page(response)
    assert not User.objects.exists()


@pytest.mark.parametrize(("name", "stored"), GOOD_NAMES)
def test_sign_up_accepts_real_names_and_stores_them_in_nfc(client, db, name, stored):
    response = client.post(reverse("account_signup"), signup_data(name))

    assert response.status_code == 302
    assert User.objects.get().full_name == stored


# Profile ------------------------------------------------------------------------------------------


@pytest.fixture
def member(db):
    return User.objects.create_user(email="hoc.vien@example.vn", password=PASSWORD, full_name="Trần Văn An")


@pytest.mark.parametrize(("name", "message"), UNPRINTABLE_NAMES)
def test_the_profile_refuses_a_name_that_does_not_print(client, member, name, message):
    client.force_login(member)

    response = client.post(reverse("profile"), {"full_name": name, "learner_type": User.LearnerType.CITIZEN})

    assert response.status_code == 200
    assert message in page(response)
    member.refresh_from_db()
    assert member.full_name == "Trần Văn An"


@pytest.mark.parametrize(("name", "stored"), GOOD_NAMES)
def test_the_profile_accepts_real_names(client, member, name, stored):
    client.force_login(member)

    response = client.post(reverse("profile"), {"full_name": name, "learner_type": User.LearnerType.CITIZEN})

    assert response.status_code == 302
    member.refresh_from_db()
    assert member.full_name == stored


# The admin's user forms ----------------------------------------------------------------------------


@pytest.fixture
def admin(db):
    return User.objects.create_superuser(email="quan.tri@example.vn", password=PASSWORD, full_name="Quản Trị")


def admin_user_data(full_name, email="moi@example.vn"):
    return {"email": email, "full_name": full_name, "password1": PASSWORD, "password2": PASSWORD,
            "learner_type": User.LearnerType.CITIZEN, "phone": "", "position": "", "org_unit": "", "is_active": "on"}


@pytest.mark.parametrize(("name", "message"), UNPRINTABLE_NAMES)
def test_the_admin_cannot_create_a_user_whose_name_does_not_print(client, admin, name, message):
    client.force_login(admin)

    response = client.post(reverse("wagtailusers_users:add"), admin_user_data(name))

    assert response.status_code == 200
    assert message in page(response)
    assert not User.objects.filter(email="moi@example.vn").exists()


@pytest.mark.parametrize(("name", "message"), UNPRINTABLE_NAMES)
def test_the_admin_cannot_rename_a_user_to_a_name_that_does_not_print(client, admin, member, name, message):
    client.force_login(admin)

    data = admin_user_data(name, email=member.email)
    response = client.post(reverse("wagtailusers_users:edit", args=[member.pk]), data)

    assert response.status_code == 200
    assert message in page(response)
    member.refresh_from_db()
    assert member.full_name == "Trần Văn An"


def test_the_admin_creates_a_user_with_a_decomposed_vietnamese_name(client, admin):
    client.force_login(admin)

    data = admin_user_data(unicodedata.normalize("NFD", "Nguyễn Thị Hồng Nhung"))
    response = client.post(reverse("wagtailusers_users:add"), data)

    assert response.status_code == 302
    assert User.objects.get(email="moi@example.vn").full_name == "Nguyễn Thị Hồng Nhung"
