"""
H5P files are never active content on the site's origin: markup that can run
script (SVG, XML) is refused at import, and every file under /h5p/ is served
with a sandboxing Content-Security-Policy and nosniff, so even a file opened
directly runs nothing. Only the scripts and styles a library preloads (what
h5p-standalone loads into the player) are served as JavaScript and CSS.
"""

import pytest
from django.utils import translation

from courses.h5p import services
from courses.h5p.models import H5PLibrary, H5PPackage
from courses.h5p.validation import PackageRefused, validate_package
from courses.models import CompletionRule, LessonPage
from lms.enrollment import services as enrollment_services

from .conftest import TRUE_FALSE, build_zip, files_under, package_files, sample

SVG = '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" viewBox="0 0 10 10">{}</svg>'
HOSTILE = {
    "a script element": SVG.format("<script>alert(document.cookie)</script>"),
    "a namespaced script element": SVG.format('<s:script xmlns:s="http://www.w3.org/2000/svg">alert(1)</s:script>'),
    "an event handler": SVG.format('<rect width="10" height="10" onload="alert(1)"/>'),
    "an event handler on the root": '<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>',
    "an upper-case event handler": SVG.format('<rect ONCLICK="alert(1)"/>'),
    "a javascript: link": SVG.format('<a xlink:href="javascript:alert(1)"><text>x</text></a>'),
    "a javascript: link with an entity": SVG.format('<a href="&#106;ava&#x09;script:alert(1)"><text>x</text></a>'),
    "an animation setting a link": SVG.format('<a><animate attributeName="href" values="javascript:alert(1)"/></a>'),
    "an animation setting a handler": SVG.format('<rect><set attributeName="onmouseover" to="alert(1)"/></rect>'),
    "a foreignObject": SVG.format(
        '<foreignObject><div xmlns="http://www.w3.org/1999/xhtml"><img src="x" /></div></foreignObject>'
    ),
    "an XHTML element": SVG.format('<iframe xmlns="http://www.w3.org/1999/xhtml" src="/admin/"/>'),
    "an XSLT stylesheet": '<?xml-stylesheet type="text/xsl" href="evil.xml"?>' + SVG.format(""),
    "a svg document embedded as data": SVG.format('<use href="data:image/svg+xml;base64,PHN2Zz48L3N2Zz4="/>'),
}
XHTML_IN_XML = (
    '<?xml version="1.0"?><html xmlns="http://www.w3.org/1999/xhtml"><body>'
    "<script>fetch('/admin/')</script></body></html>"
)


def refusal(files):
    with translation.override("en"), pytest.raises(PackageRefused) as refused:
        validate_package(build_zip(package_files(extra=files)))
    with translation.override("en"):
        return str(refused.value)


@pytest.mark.parametrize("case", HOSTILE)
@pytest.mark.parametrize("name", ["content/images/icon.svg", "H5P.Hello-1.0/icon.svg"])
def test_an_svg_that_can_run_script_is_refused_and_nothing_is_written(db, media, case, name):
    assert f"The file {name} contains active content" in refusal({name: HOSTILE[case]})

    with pytest.raises(PackageRefused):
        services.import_package(build_zip(package_files(extra={name: HOSTILE[case]})))
    assert H5PPackage.objects.count() == H5PLibrary.objects.count() == 0
    assert files_under(media) == []


def test_xml_with_an_xhtml_script_is_refused(db):
    assert "The file content/page.xml contains active content" in refusal({"content/page.xml": XHTML_IN_XML})


@pytest.mark.parametrize("text", ["<svg><rect></svg>", "not markup at all", "<svg/><svg/>"])
def test_an_svg_that_is_not_well_formed_is_refused(db, text):
    """A browser runs what precedes the error of a malformed document: it could not be checked, so it is refused."""
    assert "The file content/a.svg is not a well-formed SVG or XML file" in refusal({"content/a.svg": text})


def test_entity_declarations_are_refused(db):
    """H5P files never need them, and they are how XML bombs swell."""
    bomb = '<!DOCTYPE svg [<!ENTITY a "aaaa"><!ENTITY b "&a;&a;&a;">]>' + SVG.format("<text>&b;</text>")

    assert "The file content/a.svg declares XML entities" in refusal({"content/a.svg": bomb})


@pytest.mark.parametrize(
    "name", ["content/page.html", "content/page.htm", "content/page.xhtml", "H5P.Hello-1.0/x.html"]
)
def test_html_and_xhtml_files_are_refused(db, name):
    assert f"not allowed: {name}" in refusal({name: "<script>alert(1)</script>"})


def test_harmless_svg_and_xml_are_accepted(db):
    harmless = SVG.format(
        '<style>.a { fill: #0b5cad; }</style><defs><linearGradient id="g"/></defs>'
        '<a xlink:href="#g"><rect class="a" width="10" height="10" style="opacity: .5"/></a>'
        '<image href="data:image/png;base64,iVBORw0KGgo="/><text>on=click javascript</text>'
    )
    doctype = '<?xml version="1.0"?><!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN" ' \
              '"http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd">' + SVG.format("<g/>")

    validate_package(build_zip(package_files(extra={
        "content/images/a.svg": harmless, "H5P.Hello-1.0/icon.svg": doctype,
        "content/data.xml": '<?xml version="1.0"?><items><item name="x"/></items>',
    })))


def test_the_trainer_reads_why_in_vietnamese_on_the_form(admin_client, media):
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.utils.html import escape

    data = build_zip(package_files(extra={"content/images/icon.svg": HOSTILE["an event handler"]})).getvalue()
    response = admin_client.post(
        "/admin/snippets/h5p/h5ppackage/add/", {"file": SimpleUploadedFile("x.h5p", data, "application/zip")}
    )

    assert response.status_code == 200
    assert escape("Tệp content/images/icon.svg chứa nội dung có thể chạy mã") in response.content.decode()
    assert files_under(media) == []


# Serving ------------------------------------------------------------------------------------------

SANDBOX = "sandbox"


@pytest.fixture
def player(media, course, learner, learner_client):
    """An enrolled learner's client; the lesson holds the True/False sample and a package with every kind of file."""
    true_false = services.import_package(sample(TRUE_FALSE))
    mixed = services.import_package(build_zip(package_files(extra={
        "content/images/icon.svg": SVG.format("<rect/>"),
        "content/data.xml": "<items/>",
        "content/guide.pdf": b"%PDF-1.4\n",
        "content/notes.txt": "<script>alert(1)</script>",
    })))
    lesson = course.add_child(instance=LessonPage(
        title="Hoạt động", slug="hoat-dong", completion_rule=CompletionRule.H5P_SCORE,
        body=[
            ("h5p", {"package": true_false, "pass_threshold": 80}),
            ("h5p", {"package": mixed, "pass_threshold": 80}),
        ],
    ))
    lesson.save_revision().publish()
    enrollment_services.enroll(learner, course)
    learner_client.content = f"/h5p/lessons/{lesson.pk}/{mixed.pk}/"
    return learner_client


def get(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return response


def assert_inert(response):
    policy = response["Content-Security-Policy"]
    assert SANDBOX in policy.split("; ") and "default-src 'none'" in policy
    assert "script-src" not in policy
    assert response["X-Content-Type-Options"] == "nosniff"


@pytest.mark.parametrize(
    "path, content_type",
    [
        ("H5P.TrueFalse-1.6/icon.svg", "image/svg+xml"),
        ("H5P.TrueFalse-1.6/library.json", "application/json"),
        ("H5P.TrueFalse-1.6/scripts/h5p-true-false.js", "text/javascript"),
        ("H5P.TrueFalse-1.6/styles/h5p-true-false.css", "text/css"),
        ("FontAwesome-4.5/fontawesome-webfont.woff", "font/woff"),
        # Editor scripts the player never loads: text that cannot run, whatever page names them.
        ("H5P.TrueFalse-1.6/upgrades.js", "text/plain"),
        ("H5P.TrueFalse-1.6/presave.js", "text/plain"),
    ],
)
def test_library_files_are_inert_and_only_preloaded_code_is_served_as_code(player, path, content_type):
    response = get(player, f"/h5p/libraries/{path}")

    assert response["Content-Type"].split(";")[0] == content_type
    assert_inert(response)
    assert "attachment" not in response.get("Content-Disposition", "")


@pytest.mark.parametrize(
    "path, content_type, attachment",
    [
        ("h5p.json", "application/json", False),
        ("content/content.json", "application/json", False),
        ("content/images/anh.png", "image/png", False),
        ("content/images/icon.svg", "image/svg+xml", False),
        ("content/notes.txt", "text/plain", False),
        ("content/data.xml", None, True),
        ("content/guide.pdf", "application/pdf", True),
    ],
)
def test_content_files_are_inert_and_documents_are_downloads(player, path, content_type, attachment):
    response = get(player, player.content + path)

    assert_inert(response)
    if content_type:
        assert response["Content-Type"].split(";")[0] == content_type
    assert ("attachment" in response.get("Content-Disposition", "")) is attachment
