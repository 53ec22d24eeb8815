"""HR's import screens: upload, a preview of every row, then apply (a task) — or nothing at all."""

from django.core.files.uploadedfile import SimpleUploadedFile

from lms.accounts.models import OrgUnit, PeopleImport, User

UPLOAD = "/admin/people/import/"
UNITS_UPLOAD = "/admin/people/import-units/"
HEADER = "Họ và tên;Email;Mã đơn vị;Mã cán bộ\n"


def upload(client, content, url=UPLOAD, name="nguoi.csv"):
    return client.post(url, {"file": SimpleUploadedFile(name, content.encode("utf-8-sig"))})


def test_the_preview_lists_each_row_and_applying_creates_the_people(officer_client, units, department_officer):
    response = upload(officer_client, HEADER + "Nguyễn Thị Hoa;hoa@example.vn;TN-SNV-VP;00123\n")
    assert response.status_code == 302
    preview = officer_client.get(response.url).content.decode()

    assert "Nguyễn Thị Hoa" in preview and "1 mới, 0 cập nhật, 0 không đổi, 0 có lỗi." in preview
    assert "Chưa có gì được lưu." in preview
    assert not User.objects.filter(email="hoa@example.vn").exists()

    done = officer_client.post(response.url, {"apply": "1"}, follow=True).content.decode()

    person = User.objects.get(email="hoa@example.vn")
    assert person.org_unit == units["TN-SNV-VP"] and person.staff_id == "00123"
    # The immediate task backend applies it within the request: the page shows it done.
    applied = PeopleImport.objects.get()
    assert applied.status == PeopleImport.Status.DONE
    assert "Đã xong" in done and "1 mới, 0 cập nhật, 0 không đổi, 0 có lỗi." in done
    # The file's personal data is not kept once it is applied.
    assert bytes(applied.data) == b""
    assert officer_client.get(f"/admin/people/import/{applied.pk}/errors.csv").status_code == 404


def test_a_unit_outside_the_officers_units_is_an_error_and_cannot_be_applied(officer_client, units):
    rows = "Nguyễn Thị Hoa;hoa@example.vn;TN-SNV;\nHà Thị Xã;xa@example.vn;TN-XA;\n"
    response = upload(officer_client, HEADER + rows)
    preview = officer_client.get(response.url).content.decode()

    assert "Đơn vị TN-XA nằm ngoài các đơn vị bạn phụ trách." in preview
    assert 'name="apply"' not in preview

    officer_client.post(response.url, {"apply": "1"})

    assert not User.objects.filter(email__in=["hoa@example.vn", "xa@example.vn"]).exists()


def test_what_people_typed_is_escaped_in_the_preview_and_neutralised_in_the_errors_csv(officer_client, units):
    response = upload(officer_client, HEADER + "<script>alert(1)</script>;=HYPERLINK(\"x\");TN-SNV;\n")
    preview = officer_client.get(response.url).content.decode()

    assert "<script>alert(1)</script>" not in preview
    assert "&lt;script&gt;" in preview
    errors = officer_client.get(response.url + "errors.csv").content.decode("utf-8-sig")
    assert "'=hyperlink" in errors.lower()


def test_a_file_that_cannot_be_read_is_refused_with_a_message(officer_client, units):
    response = officer_client.post(UPLOAD, {"file": SimpleUploadedFile("x.csv", b"\x00\x01\x02\xff\xfe")})

    assert response.status_code == 400
    assert not PeopleImport.objects.exists()


def test_another_officers_import_is_not_found(officer_client, make_user, units):
    other = make_user(email="khac@example.vn")
    pending = PeopleImport.objects.create(created_by=other, filename="x.csv", data=b"email\n")

    assert officer_client.get(f"/admin/people/import/{pending.pk}/").status_code == 404


def test_units_are_imported_inside_the_officers_units(officer_client, units):
    response = upload(officer_client, "Mã đơn vị,Tên đơn vị,Loại,Mã đơn vị cấp trên\nTN-SNV-P2,Phòng 2,đơn vị,TN-SNV\n",
                      url=UNITS_UPLOAD)
    officer_client.post(response.url, {"apply": "1"})
    assert OrgUnit.objects.get(code="TN-SNV-P2").get_parent().code == "TN-SNV"

    outside = upload(officer_client, "code,name,kind,parent_code\nTN-XA-P,Phòng,unit,TN-XA\n", url=UNITS_UPLOAD)
    assert "ra ngoài các đơn vị bạn phụ trách" in officer_client.get(outside.url).content.decode()
    officer_client.post(outside.url, {"apply": "1"})
    assert not OrgUnit.objects.filter(code="TN-XA-P").exists()


def test_the_people_menu_shows_for_hr_and_not_for_trainers(officer_client, make_trainer, make_course, client):
    assert UPLOAD in officer_client.get("/admin/").content.decode()
    client.force_login(make_trainer(make_course(slug="khoa", lessons=1), email="gv@example.vn"))
    assert UPLOAD not in client.get("/admin/").content.decode()


def test_while_the_task_runs_the_page_shows_its_progress_and_refreshes(officer_client, department_officer):
    running = PeopleImport.objects.create(created_by=department_officer, filename="x.csv", data=b"email\n",
                                          status=PeopleImport.Status.RUNNING)
    running.report_progress(5000, 20000)

    html = officer_client.get(f"/admin/people/import/{running.pk}/").content.decode()

    assert '<progress max="100" value="25">' in html and "5000 / 20000" in html
    assert 'http-equiv="refresh"' in html


def test_an_import_whose_unit_went_away_since_the_preview_fails_and_writes_nothing(officer_client, units):
    rows = "Nguyễn Thị Hoa;hoa@example.vn;TN-SNV;\nTrần Nam;nam@example.vn;TN-SNV-VP;\n"
    response = upload(officer_client, HEADER + rows)
    OrgUnit.objects.get(code="TN-SNV-VP").delete()

    html = officer_client.post(response.url, {"apply": "1"}, follow=True).content.decode()

    assert PeopleImport.objects.get().status == PeopleImport.Status.FAILED
    assert "Thất bại" in html and "không lưu gì cả" in html
    assert not User.objects.filter(email__in=["hoa@example.vn", "nam@example.vn"]).exists()
