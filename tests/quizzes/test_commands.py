"""The import_questions and export_questions management commands."""

import io

import pytest
from django.core.management import CommandError, call_command

from lms.quizzes import bank
from lms.quizzes.models import Question, QuestionCategory
from tests.conftest import manage_in_a_new_process

GIFT = """\
$CATEGORY: $course$/Kỹ năng số/An toàn thông tin

::OTP:: Có nên đọc mã OTP cho người lạ?{F}

::Mật khẩu:: Mật khẩu nào mạnh nhất?{
    =Tr0ng@2024
    ~123456
}

::Hỏng:: Câu này không có khối đáp án đóng {
    =a
    ~b

::Năm:: Cổng Dịch vụ công quốc gia ra mắt năm nào?{#2019}

::Thiếu:: Câu này cũng hỏng {=a ~b
"""

BOMB = b"""<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
]>
<quiz><question type="truefalse"><name><text>&lol3;</text></name></question></quiz>
"""


def run(*args):
    out, err = io.StringIO(), io.StringIO()
    call_command(*args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


@pytest.fixture
def gift_file(tmp_path):
    path = tmp_path / "ngan-hang.gift"
    path.write_text(GIFT, encoding="utf-8")
    return path


def test_import_prints_counts_by_type_and_skipped_lines(db, gift_file):
    out, _err = run("import_questions", str(gift_file))

    lines = out.splitlines()
    assert lines[0] == "Imported 3 questions: 1 numerical, 1 single_choice, 1 true_false"
    assert "  true_false: 1" in lines
    assert "Skipped 2 questions:" in lines
    skipped = [line for line in lines if line.startswith("  line ")]
    assert [line.split(":")[0] for line in skipped] == ["  line 10", "  line 16"]
    assert "line 10: line" not in out.lower()
    assert Question.objects.count() == 3
    assert Question.objects.get(name="OTP").category.path_label == "Kỹ năng số/An toàn thông tin"


def test_import_into_a_category_path(db, gift_file):
    run("import_questions", str(gift_file), "--category", "Tỉnh Thái Nguyên/Đợt 1", "--format", "gift")

    assert Question.objects.get(name="OTP").category.path_label == (
        "Tỉnh Thái Nguyên/Đợt 1/Kỹ năng số/An toàn thông tin"
    )


def test_the_format_follows_the_content_when_the_extension_says_nothing(db, tmp_path):
    path = tmp_path / "questions.dat"
    path.write_text(
        '<?xml version="1.0"?><quiz><question type="essay"><name><text>Cảm nhận</text></name>'
        "<questiontext><text>Bạn thấy thế nào?</text></questiontext></question></quiz>",
        encoding="utf-8",
    )

    out, _err = run("import_questions", str(path))

    assert out.splitlines()[0] == "Imported 1 question: 1 essay"


@pytest.mark.parametrize(
    "name, content",
    [("bomb.xml", BOMB), ("broken.xml", b"<quiz><question type="), ("latin1.gift", b"::Q:: C\xe2u h\xf3i? {T}")],
)
def test_an_unreadable_file_is_a_command_error_and_writes_nothing(db, tmp_path, name, content):
    path = tmp_path / name
    path.write_bytes(content)

    with pytest.raises(CommandError) as error:
        run("import_questions", str(path), "--category", "Không được tạo")

    assert "\n" not in str(error.value)
    assert str(path) in str(error.value)
    assert not Question.objects.exists()
    assert not QuestionCategory.objects.exists()


def test_a_missing_file_is_a_command_error(db, tmp_path):
    with pytest.raises(CommandError, match="Cannot read"):
        run("import_questions", str(tmp_path / "khong-co.gift"))


def test_the_command_exits_non_zero_with_a_one_line_reason(tmp_path):
    """The real process, as a trainer runs it: status 1 and one line on stderr."""
    path = tmp_path / "bomb.xml"
    path.write_bytes(BOMB)
    # The file is refused before anything touches the (empty) database.
    finished = manage_in_a_new_process(tmp_path, "import_questions", str(path))

    assert finished.returncode == 1
    assert finished.stderr.strip().count("\n") == 0
    assert finished.stderr.startswith("CommandError: Cannot import")


def test_export_to_stdout_and_to_a_file(db, gift_file, tmp_path):
    run("import_questions", str(gift_file))

    gift, _err = run("export_questions", "--category", "Kỹ năng số")
    output = tmp_path / "bank.xml"
    _out, err = run(
        "export_questions", "--category", "Kỹ năng số/An toàn thông tin", "--format", "xml", "-o", str(output)
    )

    assert "::OTP::" in gift and "$CATEGORY:" in gift
    assert len(bank.read_question_file(gift.encode(), "gift").questions) == 3
    xml = output.read_text(encoding="utf-8")
    assert xml.startswith("<?xml")
    assert [q.name for q in bank.read_question_file(xml.encode()).questions] == ["Mật khẩu", "Năm", "OTP"]
    assert "Exported 3 questions" in err


def test_export_of_an_unknown_category_is_a_command_error(db):
    QuestionCategory.add_root(name="Kỹ năng số")

    with pytest.raises(CommandError, match="Unknown category: Kỹ năng số/Không có"):
        run("export_questions", "--category", "Kỹ năng số/Không có")
