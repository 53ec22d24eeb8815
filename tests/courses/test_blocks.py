"""Every lesson block renders as a learner would see it, and a bad video block is refused."""

import pytest
from wagtail.blocks import StreamValue
from wagtail.blocks.struct_block import StructBlockValidationError

from courses.blocks import LessonStreamBlock, VideoBlock, video_embed_url
from lms.enrollment import services
from tests.conftest import every_block, lessons_of


def test_every_block_renders_on_a_lesson(learner_client, learner, course, picture, checklist):
    lesson = lessons_of(course)[0]
    lesson.body = every_block(picture, checklist)
    lesson.save_revision().publish()
    services.enroll(learner, course)

    page = learner_client.get(lesson.url).content.decode()

    assert "<h2>Đăng nhập bằng VNeID</h2>" in page
    assert "<b>VNeID</b>" in page
    assert 'alt="Trang đăng nhập"' in page and "Hình 1" in page and 'loading="lazy"' in page
    assert "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ" in page
    assert checklist.url in page and "TXT" in page
    assert 'class="callout warning"' in page and "Không chia sẻ mã OTP." in page
    assert '<ol class="steps">' in page and "Bấm Nộp hồ sơ" in page


def test_the_lesson_stream_offers_every_block_type():
    assert set(LessonStreamBlock.base_blocks) == {
        "heading", "paragraph", "image", "video", "document", "callout", "steps", "h5p"
    }


@pytest.mark.parametrize(
    "url, embed",
    [
        ("https://www.youtube.com/watch?v=dQw4w9WgXcQ&t=10", "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ"),
        ("https://youtu.be/dQw4w9WgXcQ", "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ"),
        ("https://vimeo.com/76979871", "https://player.vimeo.com/video/76979871"),
        ("https://example.gov.vn/video/huong-dan", None),
    ],
)
def test_video_addresses_become_embeds_only_for_known_hosts(url, embed):
    assert video_embed_url(url) == embed


@pytest.mark.parametrize("with_url, with_file", [(False, False), (True, True)])
def test_a_video_needs_exactly_one_source(checklist, with_url, with_file):
    block = VideoBlock()
    value = block.to_python(
        {"url": "https://youtu.be/dQw4w9WgXcQ" if with_url else "", "file": checklist.pk if with_file else None}
    )
    with pytest.raises(StructBlockValidationError):
        block.clean(value)


def test_an_uploaded_video_plays_in_a_video_element(checklist):
    raw_stream = [{"type": "video", "value": {"url": "", "file": checklist.pk, "caption": ""}}]
    html = StreamValue(LessonStreamBlock(), raw_stream, is_lazy=True)
    rendered = str(html)
    assert f'<video controls preload="none" src="{checklist.url}"' in rendered


def test_editors_preview_lessons_and_courses_without_an_enrollment(course):
    lesson = lessons_of(course)[0]
    lesson.title = "Bài 1.1 (bản nháp)"

    lesson_preview = lesson.make_preview_request()
    course_preview = course.make_preview_request()

    assert lesson_preview.status_code == 200
    assert "Bài 1.1 (bản nháp)</h1>" in lesson_preview.content.decode()
    assert course_preview.status_code == 200
    assert lessons_of(course)[1].url in course_preview.content.decode()
