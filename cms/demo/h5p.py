"""
An H5P activity for the demo, built on the True/False content type of the
team's shared samples when they are beside the project (H5P content types are
third-party code: the repository never holds them). The sample's own question
and buttons are in English; the demo swaps in a Vietnamese question and
Vietnamese button labels, as a trainer would in the H5P editor. Without the
samples the demo simply has no H5P lesson.
"""

import io
import json
import zipfile
from pathlib import Path

from django.conf import settings
from wagtail.models import Page

from courses.h5p import services as h5p_services
from courses.h5p.models import H5PPackage
from courses.models import CompletionRule, LessonPage, SectionPage

SAMPLE = Path(settings.BASE_DIR).parent / "shared" / "samples" / "h5p" / "true-false-hello-world.h5p"
PACKAGE_TITLE = "Thử sức: đúng hay sai?"
SECTION = "bao-ve-tai-khoan"
LESSON_SLUG = "thu-suc-dung-hay-sai"


# The sample's correct answer is "false"; so is this statement's.
QUESTION = (
    "<p>Nhân viên ngân hàng gọi điện báo tài khoản của bạn sắp bị khoá và đề nghị bạn đọc mã OTP vừa nhận "
    "để “xác minh”. Bạn nên đọc mã cho họ.</p>"
)
LABELS = {
    "trueText": "Đúng",
    "falseText": "Sai",
    "score": "Bạn được @score trên @total điểm",
    "checkAnswer": "Kiểm tra",
    "showSolutionButton": "Xem đáp án",
    "tryAgain": "Làm lại",
    "wrongAnswerMessage": "Chưa đúng: ngân hàng, công an hay nhà mạng không bao giờ hỏi mã OTP. Hãy cúp máy và "
    "tự gọi số tổng đài in ở mặt sau thẻ.",
    "correctAnswerMessage": "Chính xác: không bao giờ đọc mã OTP cho ai, kể cả người xưng là nhân viên ngân hàng.",
    "scoreBarLabel": "Bạn được :num trên :total điểm",
}
DIALOGS = {
    "confirmCheck": {"header": "Kết thúc?", "body": "Bạn có chắc muốn nộp câu trả lời?", "cancelLabel": "Huỷ",
                     "confirmLabel": "Nộp"},
    "confirmRetry": {"header": "Làm lại?", "body": "Bạn có chắc muốn làm lại?", "cancelLabel": "Huỷ",
                     "confirmLabel": "Làm lại"},
}


def vietnamese_package(sample):
    """The sample archive with its question, labels and language in Vietnamese; every library as it was."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(sample) as source, zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as target:
        for member in source.infolist():
            data = source.read(member)
            if member.filename == "h5p.json":
                manifest = json.loads(data)
                manifest.update(title=PACKAGE_TITLE, language="vi")
                data = json.dumps(manifest, ensure_ascii=False).encode()
            elif member.filename == "content/content.json":
                content = json.loads(data)
                content["question"] = QUESTION
                content["l10n"] = {**content.get("l10n", {}), **LABELS}
                content.update(DIALOGS)
                data = json.dumps(content, ensure_ascii=False).encode()
            target.writestr(member, data)
    buffer.seek(0)
    return buffer


def ensure_package(created):
    """
    The demo package, imported the first time. Called outside the seed's
    transaction: an import writes files, which a rollback could not take back.
    """
    package = H5PPackage.objects.filter(title=PACKAGE_TITLE).first()
    if package is None and SAMPLE.is_file():
        package = h5p_services.import_package(vietnamese_package(SAMPLE), title=PACKAGE_TITLE)
        created["H5P activities"] += 1
    return package


def ensure_lesson(package, created):
    """A practice lesson at the end of the account-safety section, done when answered right."""
    section = SectionPage.objects.filter(slug=SECTION).first()
    if package is None or section is None or Page.objects.child_of(section).filter(slug=LESSON_SLUG).exists():
        return
    lesson = LessonPage(
        title=PACKAGE_TITLE,
        slug=LESSON_SLUG,
        minutes=2,
        completion_rule=CompletionRule.H5P_SCORE,
        body=[
            ("paragraph", "<p>Một câu hỏi nhanh để làm quen với hoạt động tương tác H5P: bấm <b>Mở hoạt "
                          "động</b>, chọn <b>Đúng</b> hoặc <b>Sai</b> rồi bấm <b>Kiểm tra</b>. Điểm của bạn được "
                          "ghi lại, và bài hoàn thành khi bạn trả lời đúng.</p>"),
            ("h5p", {"package": package, "pass_threshold": 100}),
        ],
    )
    section.add_child(instance=lesson)
    lesson.save_revision().publish()
    created["pages"] += 1
