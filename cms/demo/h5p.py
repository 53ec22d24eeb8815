"""
An H5P activity for the demo, from the team's shared samples when they are
beside the project (H5P content types are third-party code: the repository
never holds them). Without the samples the demo simply has no H5P lesson.
"""

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


def ensure_package(created):
    """
    The demo package, imported the first time. Called outside the seed's
    transaction: an import writes files, which a rollback could not take back.
    """
    package = H5PPackage.objects.filter(title=PACKAGE_TITLE).first()
    if package is None and SAMPLE.is_file():
        package = h5p_services.import_package(str(SAMPLE), title=PACKAGE_TITLE)
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
            ("paragraph", "<p>Một câu hỏi nhanh để làm quen với hoạt động tương tác H5P: chọn đáp án rồi bấm "
                          "<b>Check</b>. Điểm của bạn được ghi lại, và bài hoàn thành khi bạn trả lời đúng.</p>"),
            ("h5p", {"package": package, "pass_threshold": 100}),
        ],
    )
    section.add_child(instance=lesson)
    lesson.save_revision().publish()
    created["pages"] += 1
