"""
The demo question bank and the end-of-course quizzes built from it.

The bank is question_bank.gift, imported the way a trainer imports a file
(parse_gift, then bank.import_questions), so the demo also shows that the
GIFT importer reads every question type. Each main course gets one quiz as
the last activity of its last section: a few fixed questions from its
category and one slot drawing two more at random. The warm-up course gets
none: it must stay finishable in a few minutes.
"""

from dataclasses import dataclass
from pathlib import Path

from courses.models import CoursePage, GradingMethod, QuizPage, SectionPage
from lms.quizzes.bank import category_for_path, import_questions
from lms.quizzes.formats.gift import parse_gift
from lms.quizzes.models import Question, QuestionCategory, QuizSlot

BANK_FILE = Path(__file__).with_name("question_bank.gift")
# The bank's top category: when it exists, the bank was imported before
# (and may since have been edited by trainers), so it is never imported twice.
BANK_ROOT = "Kỹ năng số"

# The same rules for every demo quiz, chosen to show the settings a trainer
# meets first; the review options keep their defaults.
COMMON_SETTINGS = {
    "attempts_allowed": 3,
    "grading_method": GradingMethod.HIGHEST,
    "pass_mark": 70,
    "shuffle_answers": True,
    "questions_per_page": 3,
    "minutes": 15,
}


@dataclass(frozen=True)
class Quiz:
    course: str
    slug: str
    title: str
    intro: str
    category: tuple
    # Names of the bank's questions placed in fixed slots, in this order.
    questions: tuple
    random_count: int = 2
    time_limit_minutes: int | None = None


QUIZZES = [
    Quiz(
        course="dich-vu-cong",
        slug="kiem-tra-dich-vu-cong",
        title="Kiểm tra cuối khoá: dịch vụ công trực tuyến",
        intro=(
            "<p>Bảy câu hỏi ngắn về địa chỉ Cổng Dịch vụ công, tài khoản VNeID, chuẩn bị hồ sơ và thanh toán "
            "phí, lệ phí. Đạt từ <b>70%</b> trở lên để hoàn thành khoá học. Bạn được làm tối đa ba lần; lần có "
            "điểm cao nhất được tính.</p>"
        ),
        category=(BANK_ROOT, "Dịch vụ công trực tuyến"),
        questions=(
            "Địa chỉ Cổng Dịch vụ công quốc gia",
            "Chuẩn bị trước khi nộp hồ sơ",
            "Nộp phí qua tài khoản người lạ",
            "Ứng dụng định danh điện tử",
            "Việc cần làm trên Cổng",
        ),
    ),
    Quiz(
        course="chu-ky-so",
        slug="kiem-tra-chu-ky-so",
        title="Kiểm tra cuối khoá: chữ ký số",
        intro=(
            "<p>Bảy câu hỏi về chữ ký số, giá trị pháp lý của văn bản điện tử và cách giữ an toàn thiết bị ký. "
            "Có một câu <b>tự luận</b>: giảng viên chấm và nhận xét, nên kết quả có sau khi giảng viên chấm "
            "xong. Đạt từ <b>70%</b> trở lên để hoàn thành khoá học; bạn được làm tối đa ba lần.</p>"
        ),
        category=(BANK_ROOT, "Chữ ký số"),
        questions=(
            "Chữ ký số là gì",
            "Chữ ký số bảo đảm điều gì",
            "Thiết bị chứa khoá bí mật",
            "Các loại chữ ký điện tử",
            "Đồng nghiệp nhờ ký hộ",
        ),
    ),
    Quiz(
        course="thanh-toan-khong-dung-tien-mat",
        slug="kiem-tra-thanh-toan-khong-dung-tien-mat",
        title="Kiểm tra cuối khoá: thanh toán không dùng tiền mặt",
        intro=(
            "<p>Sáu câu hỏi về mã VietQR, nộp phí dịch vụ công, mã OTP và các chiêu lừa đảo chuyển khoản. Đạt từ "
            "<b>70%</b> trở lên để hoàn thành khoá học. Bạn được làm tối đa ba lần; lần có điểm cao nhất được "
            "tính.</p>"
        ),
        category=(BANK_ROOT, "Thanh toán không dùng tiền mặt"),
        questions=(
            "Kiểm tra trước khi xác nhận chuyển khoản",
            "Nộp lệ phí vào tài khoản cá nhân",
            "Khoản tiền chuyển nhầm",
            "Đọc tin nhắn OTP",
        ),
    ),
    Quiz(
        course="an-toan-thong-tin",
        slug="kiem-tra-an-toan-thong-tin",
        title="Kiểm tra cuối khoá: an toàn thông tin",
        intro=(
            "<p>Bảy câu hỏi về mã OTP, trang web giả mạo, cuộc gọi lừa đảo và nơi phản ánh. Bạn có <b>15 phút</b> "
            "cho mỗi lần làm bài; hết giờ, bài được nộp với những câu đã trả lời. Đạt từ <b>70%</b> trở lên để "
            "hoàn thành khoá học; bạn được làm tối đa ba lần.</p>"
        ),
        category=(BANK_ROOT, "An toàn thông tin"),
        questions=(
            "Tổng đài phản ánh cuộc gọi lừa đảo",
            "Cuộc gọi giả danh công an",
            "Địa chỉ thật của trang đăng nhập",
            "Ngân hàng hỏi mã OTP",
            "Xử lý các tình huống lừa đảo",
        ),
        time_limit_minutes=15,
    ),
]


def ensure_question_bank(created):
    """
    Import question_bank.gift: the whole file the first time, then only the
    categories added to it since (a new course's questions), so the questions
    trainers have edited or removed stay as they left them.
    """
    result = parse_gift(BANK_FILE.read_bytes())
    if result.skipped:
        # The file ships with the code: a question it loses is a bug to fix there, not a warning to print.
        reasons = "; ".join(str(skipped.reason) for skipped in result.skipped)
        raise ValueError(f"{BANK_FILE.name} has questions the importer skips: {reasons}")
    if QuestionCategory.get_root_nodes().filter(name=BANK_ROOT).exists():
        new_paths = {tuple(path) for path in (question.category_path for question in result.questions)
                     if not category_exists(path)}
        result.questions = [question for question in result.questions if tuple(question.category_path) in new_paths]
        result.categories = [category for category in result.categories if tuple(category.path or ()) in new_paths]
        if not result.questions:
            return
    report = import_questions(result)
    created["questions"] += report.total


def category_exists(path):
    try:
        category_for_path(list(path), create=False)
    except QuestionCategory.DoesNotExist:
        return False
    return True


def ensure_quizzes(catalogue, created):
    """One quiz per main course, found by its slug anywhere in the course, added as the course's last activity."""
    for spec in QUIZZES:
        course = CoursePage.objects.child_of(catalogue).filter(slug=spec.course).first()
        if course is None or QuizPage.objects.descendant_of(course).filter(slug=spec.slug).exists():
            continue
        try:
            category = category_for_path(list(spec.category), create=False)
        except QuestionCategory.DoesNotExist:
            # A trainer removed the demo's category: there is nothing to build the quiz from.
            continue
        parent = SectionPage.objects.child_of(course).order_by("path").last() or course
        quiz = QuizPage(
            slug=spec.slug,
            title=spec.title,
            intro=spec.intro,
            time_limit_minutes=spec.time_limit_minutes,
            **COMMON_SETTINGS,
        )
        for order, slot in enumerate(slots_for(spec, category)):
            slot.sort_order = order
            quiz.slots.add(slot)
        # Slots are child objects of the page (modelcluster): add_child saves them with it,
        # and the published revision holds them too.
        parent.add_child(instance=quiz)
        quiz.save_revision().publish()
        created["pages"] += 1
        created["quizzes"] += 1


def slots_for(spec, category):
    """The fixed questions still in the bank (trainers may rename or move them), then the random slot."""
    in_category = Question.objects.filter(category=category).order_by("pk")
    slots = []
    for name in spec.questions:
        question = in_category.filter(name=name).first()
        if question is not None:
            slots.append(QuizSlot(question=question))
    slots.append(QuizSlot(random_category=category, random_count=spec.random_count))
    return slots
