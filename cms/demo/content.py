"""
The words of the demo site: home, catalogue and help pages, the printable
handouts and the five demo courses of the "Bình dân học vụ số" programme.
Written for civil servants and citizens, and meant to be correct: a trainer
can keep these courses as a starting point.
"""

from decimal import Decimal

from courses.models import Audience, CompletionRule

from .images import Cover, Screen
from .specs import (
    Course,
    Handout,
    Lesson,
    Section,
    document,
    heading,
    image,
    paragraph,
    steps,
    tip,
    video,
    warning,
)

MARK_DONE = CompletionRule.MARK_DONE

HOME = {
    "title": "HọcSố",
    "slug": "home",
    "headline": "Bình dân học vụ số: ai cũng dùng được dịch vụ số",
    "intro": (
        "<p>HọcSố là nơi học trực tuyến của phong trào <b>“Bình dân học vụ số”</b>: các khoá học ngắn, "
        "thực hành từng bước, giúp cán bộ, công chức và người dân dùng thành thạo "
        '<a href="/courses/dich-vu-cong/">dịch vụ công trực tuyến</a>, '
        '<a href="/courses/chu-ky-so/">chữ ký số</a>, '
        '<a href="/courses/thanh-toan-khong-dung-tien-mat/">thanh toán không dùng tiền mặt</a> và '
        '<a href="/courses/an-toan-thong-tin/">tự bảo vệ mình trên không gian mạng</a>.</p>'
        "<p>Học miễn phí, trên điện thoại hay trên máy tính ở nhà văn hoá, vào lúc nào thuận tiện; "
        "tiến độ của bạn được lưu lại để học tiếp lần sau.</p>"
    ),
}

CATALOGUE = {
    "title": "Khoá học",
    "slug": "courses",
    "intro": (
        "<p>Chọn khoá học phù hợp với công việc và nhu cầu của bạn. Mỗi khoá gồm các bài ngắn, "
        "có hình minh hoạ từng bước; bạn có thể dừng lại và học tiếp bất cứ lúc nào. "
        "Mới bắt đầu? Hãy học khoá <b>Khởi động</b> trước, chỉ mất vài phút.</p>"
    ),
}

HELP = {
    "title": "Trợ giúp",
    "slug": "tro-giup",
    "body": (
        "<h2>Câu hỏi thường gặp</h2>"
        "<h3>Làm thế nào để ghi danh một khoá học?</h3>"
        "<p>Đăng nhập (hoặc tạo tài khoản miễn phí bằng địa chỉ e-mail), vào mục "
        '<a href="/courses/">Khoá học</a>, mở khoá bạn muốn học và bấm <b>Ghi danh khoá học này</b>. '
        "Một số khoá chỉ dành cho học viên được cơ quan giao học: khi đó, hãy liên hệ cán bộ phụ trách "
        "đào tạo của đơn vị.</p>"
        "<h3>Tiến độ học tập được tính như thế nào?</h3>"
        "<p>Bài đọc được tính là hoàn thành khi bạn mở bài. Bài thực hành được tính khi bạn bấm "
        "<b>Đánh dấu đã xong</b> ở cuối bài. Thanh tiến độ cho biết bạn đã hoàn thành bao nhiêu phần trăm "
        "các bài bắt buộc; bài “Đọc thêm” không bắt buộc. Khoá học hoàn thành khi bạn xong mọi bài bắt buộc. "
        'Tiến độ của tất cả các khoá nằm ở trang <a href="/my/">Học tập của tôi</a>.</p>'
        "<h3>Tôi quên mật khẩu thì làm sao?</h3>"
        '<p>Mở trang <a href="/accounts/password/reset/">đặt lại mật khẩu</a> (có liên kết ngay trên trang '
        "đăng nhập) và nhập địa chỉ e-mail đã đăng ký. Hệ thống gửi cho bạn một thư có đường liên kết để đặt "
        "mật khẩu mới. Không thấy thư sau vài phút: hãy xem trong hộp thư rác (Spam).</p>"
        "<h3>Khi nào tôi nhận được giấy chứng nhận?</h3>"
        "<p>Ngay khi bạn hoàn thành mọi bài bắt buộc của một khoá học có cấp giấy chứng nhận (khoá có bài "
        "kiểm tra: khi bài kiểm tra đạt), HọcSố cấp cho bạn giấy chứng nhận điện tử có chữ ký số, thường chỉ "
        'sau ít phút. Giấy chứng nhận nằm ở mục <b>Chứng chỉ của tôi</b> trên trang <a href="/my/">Học tập của '
        "tôi</a>: tải tệp PDF để in hoặc gửi, hoặc chia sẻ đường liên kết xác minh.</p>"
        "<p>Mỗi giấy chứng nhận có một mã riêng và một mã QR. Cơ quan, đơn vị của bạn kiểm tra bằng cách quét "
        'mã QR, nhập mã tại trang <a href="/certificates/verify/">Xác minh chứng chỉ</a> hoặc tải tệp PDF lên '
        "chính trang đó.</p>"
        "<h3>Tôi cần người hướng dẫn trực tiếp?</h3>"
        "<p>Hãy liên hệ cán bộ phụ trách đào tạo của cơ quan, hoặc tổ công nghệ số cộng đồng tại UBND xã, "
        "phường nơi bạn sinh sống.</p>"
    ),
}

# Until the programme uploads its own recordings, the video blocks point at the
# official sites that publish video guides; a page that is not a known video
# host renders as a plain "watch the video" link, never a broken player.
VIDEO_PUBLIC_SERVICES = "https://dichvucong.gov.vn"
VIDEO_DIGITAL_SIGNATURE = "https://ca.gov.vn"
VIDEO_PASSPHRASE = "https://tinnhiemmang.vn"
VIDEO_SAFE_PAYMENT = "https://sbv.gov.vn"

DOSSIER_CHECKLIST = Handout(
    title="Bảng kiểm chuẩn bị hồ sơ nộp trực tuyến",
    filename="bang-kiem-nop-ho-so-truc-tuyen.txt",
    text="""BẢNG KIỂM CHUẨN BỊ HỒ SƠ NỘP TRỰC TUYẾN
Cổng Dịch vụ công quốc gia - https://dichvucong.gov.vn

TRƯỚC KHI NỘP
[ ] Điện thoại đã cài ứng dụng VNeID; tài khoản định danh điện tử đã kích hoạt (mức độ 2).
[ ] Nhớ mật khẩu và mã PIN (passcode) VNeID; điện thoại có sóng để nhận mã OTP.
[ ] Đã đọc trang thông tin thủ tục: thành phần hồ sơ, thời hạn giải quyết, phí, lệ phí.
[ ] Đã chọn đúng tỉnh, thành phố và cơ quan giải quyết.

GIẤY TỜ ĐÍNH KÈM
[ ] Chụp hoặc quét đủ từng giấy tờ theo danh sách thành phần hồ sơ.
[ ] Ảnh rõ nét, đủ bốn góc, không loá sáng, không mất chữ.
[ ] Tệp định dạng PDF hoặc JPG, dung lượng trong giới hạn cho phép.
[ ] Tên tệp dễ hiểu, ví dụ: to-khai.pdf, giay-kham-suc-khoe.pdf.

KHI NỘP
[ ] Kiểm tra thông tin được điền sẵn: họ tên, ngày sinh, số định danh cá nhân, nơi cư trú.
[ ] Chọn cách nhận kết quả: trực tuyến, tại cơ quan giải quyết hoặc qua bưu chính.
[ ] Ghi lại mã hồ sơ sau khi nộp thành công: ..............................

SAU KHI NỘP
[ ] Thanh toán phí, lệ phí (nếu có) ngay trên Cổng; lưu biên lai điện tử.
[ ] Theo dõi hồ sơ trong mục "Quản lý hồ sơ đã nộp"; bổ sung kịp thời nếu được yêu cầu.
[ ] Nhận kết quả và đánh giá mức độ hài lòng.

LƯU Ý: Không cung cấp mật khẩu, mã OTP cho bất kỳ ai. Không chuyển tiền vào số tài khoản
do người lạ gửi qua tin nhắn hay điện thoại, kể cả khi họ xưng là cán bộ.
""",
)

SIGNING_CHECKLIST = Handout(
    title="Bảng kiểm an toàn chữ ký số",
    filename="bang-kiem-an-toan-chu-ky-so.txt",
    text="""BẢNG KIỂM AN TOÀN CHỮ KÝ SỐ
Dành cho cán bộ, công chức, viên chức được cấp chứng thư chữ ký số

HẰNG NGÀY
[ ] Chỉ ký bản cuối cùng; đọc lại toàn văn trước khi ký.
[ ] Rút USB token khỏi máy ngay sau khi ký xong.
[ ] Khoá màn hình máy tính (phím Windows + L) mỗi khi rời chỗ ngồi.
[ ] Với ký số từ xa: chỉ xác nhận yêu cầu ký do chính mình vừa tạo.

MÃ PIN
[ ] Đã đổi mã PIN mặc định khi nhận thiết bị.
[ ] Không ghi mã PIN lên token, lên giấy dán cạnh máy tính hay vào tệp trên máy.
[ ] Không đưa token, mã PIN cho người khác ký hộ, kể cả văn thư, đồng nghiệp.

ĐỊNH KỲ
[ ] Kiểm tra thời hạn của chứng thư; đề nghị gia hạn trước khi hết hạn.
[ ] Chỉ cập nhật phần mềm ký số từ nguồn chính thức của cơ quan hoặc nhà cung cấp.
[ ] Đề nghị thay đổi thông tin chứng thư khi chuyển công tác hoặc thay đổi chức danh.

KHI CÓ SỰ CỐ
[ ] Mất token hoặc nghi lộ mã PIN: báo ngay bộ phận quản lý chữ ký số của cơ quan
    để tạm dừng hoặc thu hồi chứng thư.
[ ] Thấy văn bản lạ được ký bằng chứng thư của mình: báo lãnh đạo đơn vị và
    bộ phận quản lý chữ ký số.

Bộ phận quản lý chữ ký số của cơ quan: ....................................
""",
)

SCAM_CHECKLIST = Handout(
    title="Bảng kiểm xử lý khi bị lừa đảo trực tuyến",
    filename="bang-kiem-khi-bi-lua-dao.txt",
    text="""BẢNG KIỂM: KHI NGHI NGỜ HOẶC ĐÃ BỊ LỪA ĐẢO TRỰC TUYẾN
Dán cạnh điện thoại; gửi cho người thân, nhất là ông bà, cha mẹ.

NGAY LẬP TỨC
[ ] Dừng mọi trao đổi: không chuyển thêm tiền, không đọc thêm mã OTP.
[ ] Gọi tổng đài ngân hàng (số in ở mặt sau thẻ) để khoá thẻ, khoá tài khoản
    và đề nghị tra soát giao dịch.
    Tổng đài ngân hàng của tôi: ..............................
[ ] Nếu đã cài ứng dụng lạ: tắt Wi-Fi và dữ liệu di động, gỡ ứng dụng,
    nhờ người có chuyên môn kiểm tra điện thoại.

TRONG NGÀY
[ ] Đổi mật khẩu e-mail, Zalo, Facebook, ngân hàng từ một thiết bị an toàn;
    bật xác thực hai lớp.
[ ] Báo cho người thân, bạn bè: kẻ gian có thể mượn danh bạn để lừa tiếp.
[ ] Trình báo cơ quan công an nơi gần nhất, mang theo:
    - giấy tờ tuỳ thân;
    - sao kê hoặc ảnh chụp các giao dịch đã chuyển;
    - ảnh chụp tin nhắn, số điện thoại, đường link, tên và số tài khoản của kẻ gian.

PHẢN ÁNH ĐỂ BẢO VỆ NGƯỜI KHÁC
[ ] Cuộc gọi lừa đảo, cuộc gọi rác: gọi tổng đài 156 (miễn phí)
    hoặc nhắn V [số điện thoại][nội dung] gửi 5656.
[ ] Tin nhắn lừa đảo, tin nhắn rác: nhắn S [số hoặc tên người gửi][nội dung] gửi 5656.
[ ] Trang web nghi lừa đảo: tra cứu tại https://tinnhiemmang.vn/website-lua-dao

GHI NHỚ
- Công an không giải quyết vụ việc qua điện thoại và không yêu cầu chuyển tiền.
- Ngân hàng không gửi đường link yêu cầu đăng nhập và không hỏi mã OTP.
- Cảnh giác với "dịch vụ lấy lại tiền bị lừa": thường là lừa đảo lần hai.
""",
)

WARM_UP = Course(
    slug="khoi-dong",
    title="Khởi động: làm quen với HọcSố",
    summary="Ba bài rất ngắn để biết cách học trên HọcSố: ghi danh, học từng bài, đánh dấu hoàn thành "
    "và xem tiến độ. Chỉ mất khoảng năm phút.",
    description="<p>Khoá học dành cho người mới: sau năm phút, bạn biết cách tìm khoá học, học từng bài "
    "và theo dõi tiến độ của mình trên HọcSố.</p>",
    audience=Audience.EVERYONE,
    hours=Decimal("0.5"),
    tags=["Làm quen"],
    cover=Cover("Ảnh bìa – Khởi động với HọcSố", icon="play", top="#5b3fa8", bottom="#b59af0"),
    allow_preview=False,
    lessons=[
        Lesson(
            slug="chao-mung",
            title="Chào mừng bạn đến với HọcSố",
            minutes=2,
            body=[
                heading("Học kỹ năng số, từng bước một"),
                paragraph(
                    "<p>HọcSố là nơi học trực tuyến của phong trào <b>“Bình dân học vụ số”</b>. Các khoá học "
                    "ở đây ngắn, thực tế và miễn phí: dùng dịch vụ công trực tuyến, ký số văn bản, thanh toán "
                    "không dùng tiền mặt, tự bảo vệ mình trước lừa đảo trên mạng.</p>"
                ),
                tip(
                    "Học trên điện thoại",
                    "<p>Mọi bài học đều đọc được trên điện thoại. Ở nơi sóng yếu, hãy tắt tự động phát video; "
                    "phần chữ và hình vẫn tải nhanh.</p>",
                ),
            ],
        ),
        Lesson(
            slug="cach-hoc",
            title="Học trên HọcSố như thế nào?",
            minutes=2,
            body=[
                heading("Ba điều cần biết"),
                paragraph(
                    "<ol><li><b>Ghi danh</b>: mở trang khoá học và bấm <b>Ghi danh khoá học này</b>.</li>"
                    "<li><b>Học theo thứ tự</b>: nút ở cuối mỗi bài đưa bạn sang bài tiếp theo; mục "
                    "<b>Nội dung khoá học</b> cho thấy toàn bộ các bài.</li>"
                    "<li><b>Hoàn thành</b>: bài đọc được tính xong khi bạn mở; bài thực hành cần bấm "
                    "<b>Đánh dấu đã xong</b>. Bài “Đọc thêm” không bắt buộc.</li></ol>"
                ),
                tip(
                    "Học tiếp từ chỗ đã dừng",
                    "<p>Trang <b>Học tập của tôi</b> liệt kê các khoá bạn đang học và tiến độ của từng khoá. "
                    "Nút <b>Tiếp tục học</b> đưa bạn về đúng bài còn dang dở.</p>",
                ),
            ],
        ),
        Lesson(
            slug="san-sang",
            title="Sẵn sàng bắt đầu",
            minutes=1,
            completion_rule=MARK_DONE,
            body=[
                heading("Thử đánh dấu hoàn thành"),
                paragraph(
                    "<p>Đây là một bài thực hành: bấm <b>Đánh dấu đã xong</b> ở cuối trang để hoàn thành "
                    "khoá khởi động. Sau đó, hãy quay lại mục <b>Khoá học</b> và chọn khoá tiếp theo — "
                    "nếu chưa biết bắt đầu từ đâu, khoá <b>Sử dụng Cổng Dịch vụ công quốc gia</b> là lựa "
                    "chọn tốt.</p>"
                ),
            ],
        ),
    ],
)

PUBLIC_SERVICES = Course(
    slug="dich-vu-cong",
    title="Sử dụng Cổng Dịch vụ công quốc gia",
    summary="Đăng nhập bằng tài khoản VNeID, nộp hồ sơ, thanh toán phí, lệ phí và theo dõi kết quả giải quyết "
    "thủ tục hành chính ngay trên điện thoại hoặc máy tính, không phải xếp hàng.",
    description=(
        "<p>Khoá học hướng dẫn từng bước cách dùng Cổng Dịch vụ công quốc gia "
        '(<a href="https://dichvucong.gov.vn">dichvucong.gov.vn</a>), nơi người dân và doanh nghiệp thực '
        "hiện thủ tục hành chính trực tuyến với các bộ, ngành và địa phương. Sau khoá học, bạn có thể:</p>"
        "<ul><li>đăng nhập bằng tài khoản định danh điện tử VNeID;</li>"
        "<li>tìm đúng thủ tục và nộp hồ sơ trực tuyến;</li>"
        "<li>thanh toán phí, lệ phí không dùng tiền mặt;</li>"
        "<li>theo dõi tiến độ và nhận kết quả.</li></ul>"
        "<p>Cán bộ bộ phận một cửa có thể dùng khoá học này để hướng dẫn lại cho người dân.</p>"
    ),
    audience=Audience.EVERYONE,
    hours=Decimal("3"),
    tags=["Dịch vụ công trực tuyến", "VNeID"],
    cover=Cover("Ảnh bìa – Sử dụng Cổng Dịch vụ công quốc gia", icon="building", top="#0b5cad", bottom="#5fa8e8"),
    allow_preview=False,
    sections=[
        Section(
            slug="lam-quen-va-dang-nhap",
            title="Làm quen và đăng nhập",
            summary="Cổng Dịch vụ công quốc gia là gì, cần chuẩn bị gì, và cách đăng nhập bằng VNeID.",
            lessons=[
                Lesson(
                    slug="cong-dich-vu-cong-la-gi",
                    title="Cổng Dịch vụ công quốc gia là gì?",
                    minutes=8,
                    body=[
                        heading("Một cổng cho mọi thủ tục"),
                        paragraph(
                            "<p>Cổng Dịch vụ công quốc gia (<b>dichvucong.gov.vn</b>) kết nối hệ thống giải quyết "
                            "thủ tục hành chính của các bộ, ngành và tất cả các tỉnh, thành phố. Với một tài khoản, "
                            "bạn nộp hồ sơ cho nhiều cơ quan khác nhau, theo dõi mọi hồ sơ ở một nơi và nhận thông "
                            "báo qua tin nhắn hoặc thư điện tử.</p>"
                            "<p>Nhiều thủ tục quen thuộc đã làm được hoàn toàn trên mạng, như cấp đổi giấy phép lái "
                            "xe, cấp phiếu lý lịch tư pháp, đăng ký khai sinh.</p>"
                        ),
                        image(
                            Screen("Minh hoạ – trang chủ Cổng Dịch vụ công quốc gia", "portal-home"),
                            alt_text="Trang chủ một cổng dịch vụ công: thanh tiêu đề có nút Đăng nhập được khoanh "
                            "vàng, ô tìm kiếm ở giữa và các nhóm dịch vụ bên dưới",
                            caption="Nút Đăng nhập ở góc trên bên phải; ô tìm kiếm thủ tục ở giữa trang.",
                        ),
                        heading("Trực tuyến toàn trình và một phần", level="h3"),
                        paragraph(
                            "<p><b>Dịch vụ công trực tuyến toàn trình</b>: mọi bước, từ nộp hồ sơ, thanh toán đến "
                            "nhận kết quả, đều làm trên mạng. <b>Dịch vụ công trực tuyến một phần</b>: bạn nộp hồ "
                            "sơ trên mạng nhưng vẫn đến cơ quan để xuất trình bản gốc hoặc nhận kết quả. Trang "
                            "thông tin của từng thủ tục cho biết thủ tục thuộc loại nào.</p>"
                        ),
                        video(VIDEO_PUBLIC_SERVICES, "Video hướng dẫn sử dụng trên Cổng Dịch vụ công quốc gia"),
                        tip(
                            "Chuẩn bị trước khi bắt đầu",
                            "<ul><li>điện thoại thông minh đã cài ứng dụng <b>VNeID</b>, tài khoản định danh "
                            "điện tử mức độ 2;</li><li>số điện thoại chính chủ để nhận mã OTP;</li>"
                            "<li>ảnh chụp hoặc bản quét rõ nét các giấy tờ cần nộp;</li>"
                            "<li>tài khoản ngân hàng hoặc ví điện tử nếu thủ tục có thu phí.</li></ul>",
                        ),
                    ],
                ),
                Lesson(
                    slug="dang-nhap-bang-vneid",
                    title="Đăng nhập bằng tài khoản định danh điện tử VNeID",
                    minutes=12,
                    body=[
                        heading("Một tài khoản cho mọi cổng dịch vụ công"),
                        paragraph(
                            "<p>Tài khoản định danh điện tử do Bộ Công an cấp qua ứng dụng <b>VNeID</b> dùng để "
                            "đăng nhập Cổng Dịch vụ công quốc gia và cổng dịch vụ công của các tỉnh. Với tài "
                            "khoản mức độ 2, nhiều thông tin trong tờ khai được điền sẵn từ Cơ sở dữ liệu quốc gia "
                            "về dân cư, nên bạn gõ ít hơn và ít sai sót hơn.</p>"
                        ),
                        steps(
                            "Đăng nhập bằng mã QR",
                            (
                                Screen("Màn hình – nút Đăng nhập trên Cổng Dịch vụ công", "portal-home", step=1),
                                "<p>Vào <b>dichvucong.gov.vn</b> và bấm <b>Đăng nhập</b> ở góc trên bên phải.</p>",
                            ),
                            (
                                Screen("Màn hình – mã QR đăng nhập bằng tài khoản định danh", "login-qr", step=2),
                                "<p>Chọn đăng nhập bằng <b>tài khoản định danh điện tử</b> do Bộ Công an cấp, "
                                "dành cho công dân. Trang đăng nhập hiện một mã QR.</p>",
                            ),
                            (
                                Screen("Màn hình – quét mã QR bằng ứng dụng VNeID", "phone-scan", step=3),
                                "<p>Mở ứng dụng <b>VNeID</b> trên điện thoại, chọn quét mã QR và đưa camera vào "
                                "mã trên màn hình máy tính.</p>",
                            ),
                            (
                                Screen("Màn hình – xác nhận đăng nhập bằng mã PIN VNeID", "phone-code", step=4),
                                "<p>Xác nhận đăng nhập trên điện thoại bằng <b>mã PIN (passcode)</b> VNeID. "
                                "Trang trên máy tính tự chuyển sang trạng thái đã đăng nhập.</p>",
                            ),
                        ),
                        paragraph(
                            "<p>Không quét được mã? Bạn có thể nhập <b>số định danh cá nhân</b> (12 chữ số trên "
                            "thẻ căn cước) và mật khẩu VNeID, rồi nhập mã OTP gửi về số điện thoại đã đăng ký.</p>"
                        ),
                        warning(
                            "Không ai được hỏi mật khẩu và mã OTP của bạn",
                            "<p>Cán bộ, công an hay nhân viên ngân hàng <b>không bao giờ</b> đề nghị bạn đọc mã "
                            "OTP, mật khẩu hoặc mã PIN VNeID qua điện thoại. Chỉ quét mã QR trên trang "
                            "<b>dichvucong.gov.vn</b> do chính bạn mở.</p>",
                        ),
                    ],
                ),
                Lesson(
                    slug="tim-thu-tuc",
                    title="Tìm đúng thủ tục hành chính",
                    minutes=8,
                    body=[
                        heading("Tìm theo tên thủ tục"),
                        paragraph(
                            "<p>Gõ vài từ khoá ngắn vào ô tìm kiếm trên trang chủ, ví dụ "
                            "<i>“cấp đổi giấy phép lái xe”</i> hoặc <i>“lý lịch tư pháp”</i>. Bấm vào tên thủ tục "
                            "để xem thành phần hồ sơ, thời hạn giải quyết và phí, lệ phí.</p>"
                        ),
                        steps(
                            "Chọn thủ tục và cơ quan giải quyết",
                            (
                                Screen("Màn hình – kết quả tìm kiếm thủ tục", "search", step=1),
                                "<p>Trong danh sách kết quả, tìm đúng thủ tục và bấm <b>Nộp trực tuyến</b>.</p>",
                            ),
                            (
                                Screen("Màn hình – chọn tỉnh, thành phố và cơ quan giải quyết", "form", step=2),
                                "<p>Chọn <b>tỉnh, thành phố</b> và <b>cơ quan thực hiện</b> — thường là nơi bạn cư "
                                "trú hoặc nơi đã cấp giấy tờ trước đây — rồi bấm <b>Đồng ý</b>.</p>",
                            ),
                        ),
                        tip(
                            "Đọc kỹ trước khi nộp",
                            "<p>Dành hai phút đọc phần thành phần hồ sơ giúp bạn chuẩn bị đủ giấy tờ ngay lần "
                            "đầu, tránh bị yêu cầu bổ sung và kéo dài thời gian chờ.</p>",
                        ),
                    ],
                ),
            ],
        ),
        Section(
            slug="nop-ho-so-va-nhan-ket-qua",
            title="Nộp hồ sơ, thanh toán và nhận kết quả",
            summary="Điền tờ khai, đính kèm giấy tờ, thanh toán trực tuyến và theo dõi hồ sơ đến khi có kết quả.",
            lessons=[
                Lesson(
                    slug="nop-ho-so-truc-tuyen",
                    title="Nộp hồ sơ trực tuyến",
                    minutes=15,
                    completion_rule=MARK_DONE,
                    body=[
                        heading("Chuẩn bị giấy tờ"),
                        paragraph(
                            "<p>Chụp hoặc quét từng giấy tờ ở nơi đủ sáng: đặt giấy trên mặt phẳng, chụp thẳng góc, "
                            "đủ bốn mép. Lưu ở định dạng PDF hoặc JPG và đặt tên tệp dễ hiểu. Giấy tờ đã có trong "
                            "kho dữ liệu cá nhân trên Cổng có thể chọn lại thay vì tải lên lần nữa.</p>"
                        ),
                        document(DOSSIER_CHECKLIST, "In ra và đánh dấu từng mục trước khi bấm Nộp hồ sơ."),
                        steps(
                            "Điền tờ khai và nộp hồ sơ",
                            (
                                Screen("Màn hình – tờ khai điện tử", "form", step=1),
                                "<p>Kiểm tra thông tin đã được điền sẵn và điền các ô còn trống; ô có dấu "
                                "<b>*</b> là bắt buộc.</p>",
                            ),
                            (
                                Screen("Màn hình – đính kèm thành phần hồ sơ", "upload", step=2),
                                "<p>Ở mục <b>Thành phần hồ sơ</b>, đính kèm từng giấy tờ vào đúng dòng của nó.</p>",
                            ),
                            (
                                Screen("Màn hình – chọn cách nhận kết quả và nộp hồ sơ", "form", step=3),
                                "<p>Chọn cách nhận kết quả: <b>trực tuyến</b>, <b>tại cơ quan giải quyết</b> hoặc "
                                "<b>qua bưu chính</b>. Đánh dấu ô cam đoan rồi bấm <b>Nộp hồ sơ</b>.</p>",
                            ),
                        ),
                        tip(
                            "Ghi lại mã hồ sơ",
                            "<p>Nộp thành công, hệ thống cấp một <b>mã hồ sơ</b> và gửi tin nhắn hoặc thư xác nhận. "
                            "Ghi lại mã này để tra cứu, hoặc đọc cho cán bộ khi cần hỏi về hồ sơ.</p>",
                        ),
                    ],
                ),
                Lesson(
                    slug="thanh-toan-truc-tuyen",
                    title="Thanh toán phí, lệ phí trực tuyến",
                    minutes=10,
                    body=[
                        heading("Thanh toán ngay trên Cổng"),
                        paragraph(
                            "<p>Với thủ tục có thu phí, lệ phí, bạn thanh toán qua <b>nền tảng thanh toán trực "
                            "tuyến</b> của Cổng Dịch vụ công quốc gia, bằng ứng dụng ngân hàng hoặc ví điện tử. "
                            "Không cần mang tiền mặt, không phải ra ngân hàng.</p>"
                        ),
                        steps(
                            "Thanh toán bằng ứng dụng ngân hàng",
                            (
                                Screen("Màn hình – chọn ngân hàng hoặc ví điện tử", "payment", step=1),
                                "<p>Mở hồ sơ cần thanh toán và bấm <b>Thanh toán</b>; chọn ngân hàng hoặc ví "
                                "điện tử của bạn.</p>",
                            ),
                            (
                                Screen("Màn hình – quét mã QR thanh toán", "phone-scan", step=2),
                                "<p>Mở ứng dụng ngân hàng, quét mã QR, kiểm tra <b>số tiền</b> và <b>tên cơ quan "
                                "thụ hưởng</b> rồi xác nhận.</p>",
                            ),
                        ),
                        image(
                            Screen("Minh hoạ – giao dịch thanh toán thành công", "signature-check"),
                            alt_text="Bên trái là biên lai, bên phải là dấu tích xanh lớn và các dòng thông tin "
                            "đều có dấu tích",
                            caption="Giao dịch thành công: lưu lại biên lai điện tử để đối chiếu khi cần.",
                        ),
                        warning(
                            "Chỉ thanh toán qua Cổng hoặc tại cơ quan",
                            "<p>Không chuyển khoản theo số tài khoản do người lạ gửi qua tin nhắn, Zalo hay điện "
                            "thoại, kể cả khi họ xưng là cán bộ. Phí, lệ phí thủ tục hành chính chỉ nộp qua Cổng "
                            "Dịch vụ công hoặc trực tiếp tại cơ quan giải quyết.</p>",
                        ),
                    ],
                ),
                Lesson(
                    slug="theo-doi-va-nhan-ket-qua",
                    title="Theo dõi hồ sơ và nhận kết quả",
                    minutes=8,
                    completion_rule=MARK_DONE,
                    body=[
                        heading("Hồ sơ của tôi đang ở đâu?"),
                        paragraph(
                            "<p>Sau khi đăng nhập, vào <b>Quản lý hồ sơ đã nộp</b> hoặc dùng ô <b>Tra cứu hồ sơ</b> "
                            "với mã hồ sơ. Mỗi hồ sơ có trạng thái: <i>đã tiếp nhận</i>, <i>đang xử lý</i>, "
                            "<i>yêu cầu bổ sung</i>, <i>đã có kết quả</i>.</p>"
                        ),
                        steps(
                            "Theo dõi và bổ sung hồ sơ",
                            (
                                Screen("Màn hình – tiến độ giải quyết hồ sơ", "status", step=1),
                                "<p>Mở hồ sơ để xem các bước đã xong và bước đang xử lý.</p>",
                            ),
                            (
                                Screen("Màn hình – bổ sung giấy tờ theo yêu cầu", "upload", step=2),
                                "<p>Nếu hồ sơ ở trạng thái <b>yêu cầu bổ sung</b>, đọc lý do, đính kèm giấy tờ còn "
                                "thiếu và gửi lại — không cần nộp hồ sơ mới.</p>",
                            ),
                        ),
                        tip(
                            "Kết quả bản điện tử",
                            "<p>Với nhiều thủ tục, kết quả được trả dưới dạng <b>bản điện tử có chữ ký số</b> của "
                            "cơ quan, có giá trị pháp lý như bản giấy và được lưu vào kho dữ liệu của bạn để dùng "
                            "lại cho lần sau.</p>",
                        ),
                        paragraph(
                            "<p>Nhận kết quả xong, hãy dành một phút <b>đánh giá mức độ hài lòng</b>: ý kiến của "
                            "bạn giúp cơ quan phục vụ tốt hơn.</p>"
                        ),
                    ],
                ),
                Lesson(
                    slug="doc-them-khi-gap-su-co",
                    title="Đọc thêm: khi gặp sự cố",
                    minutes=5,
                    is_required=False,
                    body=[
                        heading("Một số lỗi thường gặp"),
                        paragraph(
                            "<ul><li><b>Không quét được mã QR</b>: tăng độ sáng màn hình, lau camera, hoặc đăng "
                            "nhập bằng số định danh cá nhân và mật khẩu.</li>"
                            "<li><b>Không nhận được OTP</b>: kiểm tra sóng điện thoại, chờ một phút rồi bấm gửi "
                            "lại; mã chỉ gửi về số điện thoại đã đăng ký với VNeID.</li>"
                            "<li><b>Tệp quá lớn</b>: chụp lại ở độ phân giải thấp hơn hoặc nén tệp PDF trước khi "
                            "tải lên.</li></ul>"
                        ),
                        tip(
                            "Cần người hướng dẫn?",
                            "<p>Bộ phận một cửa của UBND xã, phường và tổ công nghệ số cộng đồng có thể hướng dẫn "
                            "bạn trực tiếp. Số tổng đài hỗ trợ được ghi ở cuối trang dichvucong.gov.vn.</p>",
                        ),
                    ],
                ),
            ],
        ),
    ],
)

DIGITAL_SIGNATURE = Course(
    slug="chu-ky-so",
    title="Chữ ký số và văn bản điện tử",
    summary="Chữ ký số là gì, giá trị pháp lý của văn bản điện tử theo Luật Giao dịch điện tử 2023, cách ký số "
    "tệp PDF, kiểm tra chữ ký và giữ an toàn khoá bí mật.",
    description=(
        "<p>Văn bản điện tử có chữ ký số đang dần thay thế văn bản giấy trong cơ quan nhà nước. Khoá học giúp "
        "cán bộ, công chức, viên chức:</p>"
        "<ul><li>phân biệt chữ ký số với ảnh chụp chữ ký;</li>"
        "<li>nắm giá trị pháp lý của văn bản điện tử và chữ ký số;</li>"
        "<li>ký số và kiểm tra chữ ký trên tệp PDF;</li>"
        "<li>bảo vệ thiết bị ký, mã PIN và xử lý khi mất.</li></ul>"
    ),
    audience=Audience.OFFICIALS,
    hours=Decimal("4"),
    tags=["Chữ ký số", "Văn bản điện tử"],
    cover=Cover("Ảnh bìa – Chữ ký số và văn bản điện tử", icon="signature", top="#0f766e", bottom="#5cc6a8"),
    allow_preview=False,
    sections=[
        Section(
            slug="hieu-ve-chu-ky-so",
            title="Hiểu về chữ ký số",
            summary="Chữ ký số hoạt động thế nào và vì sao văn bản điện tử có giá trị pháp lý.",
            lessons=[
                Lesson(
                    slug="chu-ky-so-la-gi",
                    title="Chữ ký số là gì?",
                    minutes=12,
                    body=[
                        heading("Không phải ảnh chụp chữ ký"),
                        paragraph(
                            "<p><b>Chữ ký số</b> là chữ ký điện tử tạo bằng mật mã khoá công khai. Mỗi người ký có "
                            "một cặp khoá: <b>khoá bí mật</b> chỉ mình họ nắm giữ (trong USB token, SIM ký số hoặc "
                            "hệ thống ký số từ xa) để tạo chữ ký, và <b>khoá công khai</b>, nằm trong chứng thư chữ "
                            "ký số, để bất kỳ ai cũng kiểm tra được chữ ký.</p>"
                            "<p>Hình chữ ký tay được chụp rồi dán vào văn bản <b>không phải</b> chữ ký số: ai cũng "
                            "sao chép được, và nó không cho biết văn bản có bị sửa hay không.</p>"
                        ),
                        heading("Chữ ký số bảo đảm điều gì?", level="h3"),
                        paragraph(
                            "<ul><li><b>Xác thực người ký</b>: chữ ký gắn với chứng thư mang tên bạn, do tổ chức "
                            "cung cấp dịch vụ chứng thực chữ ký số cấp.</li>"
                            "<li><b>Toàn vẹn</b>: sửa dù một dấu phẩy sau khi ký, phần mềm kiểm tra sẽ báo chữ ký "
                            "không còn hợp lệ.</li>"
                            "<li><b>Chống chối bỏ</b>: chỉ người ký nắm khoá bí mật, nên không thể phủ nhận đã "
                            "ký.</li></ul>"
                        ),
                        video(VIDEO_DIGITAL_SIGNATURE, "Tài liệu và video về chữ ký số chuyên dùng Chính phủ (Ban Cơ yếu Chính phủ)"),
                        image(
                            Screen("Minh hoạ – văn bản có chữ ký số hợp lệ", "signature-check"),
                            alt_text="Một văn bản bên trái; bên phải là bảng kiểm tra chữ ký với dấu tích xanh lớn",
                            caption="Phần mềm đọc PDF báo chữ ký hợp lệ và văn bản chưa bị sửa sau khi ký.",
                        ),
                    ],
                ),
                Lesson(
                    slug="gia-tri-phap-ly",
                    title="Giá trị pháp lý của văn bản điện tử",
                    minutes=12,
                    body=[
                        heading("Luật Giao dịch điện tử 2023"),
                        paragraph(
                            "<p><b>Luật Giao dịch điện tử số 20/2023/QH15</b>, có hiệu lực từ ngày 01/7/2024, "
                            "khẳng định: thông tin trong thông điệp dữ liệu không bị phủ nhận giá trị pháp lý chỉ "
                            "vì nó ở dạng điện tử. Khi pháp luật yêu cầu văn bản phải có chữ ký, yêu cầu đó được "
                            "đáp ứng nếu thông điệp dữ liệu được ký bằng chữ ký điện tử theo đúng quy định của "
                            "Luật; yêu cầu đóng dấu được đáp ứng bằng chữ ký số của cơ quan, tổ chức.</p>"
                        ),
                        heading("Ba loại chữ ký điện tử", level="h3"),
                        paragraph(
                            "<ul><li><b>Chữ ký điện tử chuyên dùng</b>: do một cơ quan, tổ chức tạo lập và dùng "
                            "riêng cho hoạt động của mình.</li>"
                            "<li><b>Chữ ký số công cộng</b>: được bảo đảm bởi chứng thư chữ ký số công cộng, dùng "
                            "trong hoạt động công cộng, như doanh nghiệp kê khai thuế hay người dân ký hợp đồng "
                            "điện tử.</li>"
                            "<li><b>Chữ ký số chuyên dùng công vụ</b>: được bảo đảm bởi chứng thư do Ban Cơ yếu "
                            "Chính phủ cấp, dùng để ký văn bản trong hoạt động công vụ.</li></ul>"
                            "<p>Theo <b>Nghị định 30/2020/NĐ-CP về công tác văn thư</b>, văn bản điện tử của cơ quan "
                            "được ký số bởi người có thẩm quyền và ký số của cơ quan, tổ chức khi phát hành.</p>"
                        ),
                        tip(
                            "Không cần in ra để ký lại",
                            "<p>Văn bản điện tử đã ký số hợp lệ có giá trị như bản giấy có chữ ký và con dấu. "
                            "Bản in ra giấy không còn kiểm tra được chữ ký số, nên hãy lưu và chuyển tiếp chính tệp "
                            "điện tử.</p>",
                        ),
                    ],
                ),
                Lesson(
                    slug="doc-them-ky-so-tu-xa",
                    title="Đọc thêm: ký số từ xa trên điện thoại",
                    minutes=6,
                    is_required=False,
                    body=[
                        heading("Ký không cần USB token"),
                        paragraph(
                            "<p>Với <b>ký số từ xa</b>, khoá bí mật được giữ trong thiết bị an toàn của nhà cung "
                            "cấp dịch vụ; bạn xác nhận từng lần ký trên ứng dụng điện thoại bằng mã PIN hoặc sinh "
                            "trắc học. Nhờ vậy có thể ký văn bản khi đi công tác mà không mang theo token.</p>"
                        ),
                        warning(
                            "Chỉ xác nhận yêu cầu ký do chính bạn tạo",
                            "<p>Nếu điện thoại hiện yêu cầu ký mà bạn không vừa bấm ký, hãy <b>từ chối</b> và báo "
                            "ngay cho bộ phận quản lý chữ ký số của cơ quan.</p>",
                        ),
                    ],
                ),
            ],
        ),
        Section(
            slug="ky-va-kiem-tra",
            title="Ký và kiểm tra văn bản",
            summary="Thực hành ký số tệp PDF, kiểm tra chữ ký trên văn bản nhận được và giữ an toàn thiết bị ký.",
            lessons=[
                Lesson(
                    slug="ky-so-tep-pdf",
                    title="Ký số một tệp PDF",
                    minutes=15,
                    completion_rule=MARK_DONE,
                    body=[
                        heading("Trước khi ký"),
                        paragraph(
                            "<p>Bạn cần: chứng thư chữ ký số còn hiệu lực; USB token hoặc ứng dụng ký số từ xa; và "
                            "phần mềm ký số theo hướng dẫn của cơ quan hoặc nhà cung cấp — ví dụ <b>vSignPDF</b> với "
                            "chữ ký số chuyên dùng công vụ. Chỉ ký <b>bản cuối cùng</b>: mọi chỉnh sửa sau khi ký "
                            "đều làm chữ ký mất hiệu lực.</p>"
                        ),
                        steps(
                            "Ký số văn bản PDF",
                            (
                                Screen("Màn hình – mở tệp PDF và chọn Ký số", "pdf-sign", step=1),
                                "<p>Cắm USB token vào máy (hoặc mở ứng dụng ký số từ xa). Mở tệp PDF bằng phần mềm "
                                "ký số và bấm <b>Ký số</b> trên thanh công cụ.</p>",
                            ),
                            (
                                Screen("Màn hình – chọn vị trí đặt chữ ký", "pdf-sign", step=2),
                                "<p>Kéo chuột chọn <b>vị trí hiển thị chữ ký</b>, thường ở phần chữ ký cuối văn bản, "
                                "và chọn kiểu hiển thị: hình chữ ký, họ tên, thời gian ký.</p>",
                            ),
                            (
                                Screen("Màn hình – nhập mã PIN của thiết bị ký", "phone-code", step=3),
                                "<p>Chọn đúng chứng thư mang tên bạn và nhập <b>mã PIN</b> (hoặc xác nhận trên điện "
                                "thoại nếu ký từ xa).</p>",
                            ),
                            (
                                Screen("Màn hình – kiểm tra lại văn bản vừa ký", "signature-check", step=4),
                                "<p>Lưu văn bản đã ký thành <b>tệp mới</b> rồi mở lại, kiểm tra chữ ký hợp lệ trước "
                                "khi gửi đi.</p>",
                            ),
                        ),
                        tip(
                            "Hai chữ ký trên văn bản phát hành",
                            "<p>Văn bản của cơ quan có chữ ký số của <b>người có thẩm quyền</b>, sau đó là chữ ký "
                            "số của <b>cơ quan, tổ chức</b> do văn thư thực hiện khi phát hành. Người có thẩm quyền "
                            "ký trước.</p>",
                        ),
                    ],
                ),
                Lesson(
                    slug="kiem-tra-chu-ky",
                    title="Kiểm tra chữ ký số trên văn bản nhận được",
                    minutes=10,
                    body=[
                        heading("Bốn điều cần xem"),
                        paragraph(
                            "<p>Mở tệp PDF bằng phần mềm có hỗ trợ chữ ký số (phần mềm ký số của cơ quan hoặc "
                            "Adobe Acrobat Reader) và mở bảng <b>Chữ ký</b> (Signatures). Kiểm tra:</p>"
                            "<ol><li><b>Chữ ký hợp lệ</b>: không có biểu tượng cảnh báo đỏ hoặc vàng.</li>"
                            "<li><b>Văn bản chưa bị sửa</b> kể từ khi ký.</li>"
                            "<li><b>Người ký</b>: họ tên, cơ quan trong chứng thư đúng là người có thẩm quyền.</li>"
                            "<li><b>Chứng thư</b> do tổ chức chứng thực hợp pháp cấp và còn hiệu lực tại thời "
                            "điểm ký.</li></ol>"
                            "<p>Nếu phần mềm báo <i>chưa xác định được tính hợp lệ</i>, thường là máy tính chưa cài "
                            "chứng thư gốc của tổ chức chứng thực: cài theo hướng dẫn của cơ quan rồi kiểm tra "
                            "lại.</p>"
                        ),
                        steps(
                            "Xem thông tin chữ ký",
                            (
                                Screen("Màn hình – bảng Chữ ký trong phần mềm đọc PDF", "signature-check", step=1),
                                "<p>Bấm vào vùng chữ ký trên văn bản, hoặc biểu tượng chữ ký ở thanh bên, để mở bảng "
                                "<b>Chữ ký</b>.</p>",
                            ),
                            (
                                Screen("Màn hình – chi tiết chứng thư của người ký", "signature-check", step=2),
                                "<p>Mở phần <b>chi tiết chứng thư</b> để xem người ký, tổ chức cấp và thời hạn hiệu "
                                "lực.</p>",
                            ),
                        ),
                        warning(
                            "Khi chữ ký không đáng tin",
                            "<p>Chữ ký báo <b>không hợp lệ</b>, văn bản <b>bị thay đổi</b> sau khi ký, hoặc chứng "
                            "thư <b>không rõ nguồn gốc</b>: chưa xử lý văn bản đó, hãy liên hệ nơi gửi qua kênh "
                            "chính thức để xác minh.</p>",
                        ),
                    ],
                ),
                Lesson(
                    slug="bao-ve-khoa-bi-mat",
                    title="Giữ an toàn khoá bí mật và mã PIN",
                    minutes=8,
                    completion_rule=MARK_DONE,
                    body=[
                        heading("Chữ ký số là trách nhiệm của chính bạn"),
                        paragraph(
                            "<p>Mọi văn bản được ký bằng chứng thư của bạn đều được coi là do bạn ký. Vì vậy:</p>"
                            "<ul><li>không đưa token, mã PIN hay tài khoản ký số từ xa cho người khác ký hộ, kể cả "
                            "đồng nghiệp, văn thư;</li>"
                            "<li>đổi mã PIN mặc định ngay khi nhận thiết bị; không dán mã PIN lên token hay lưu "
                            "trong máy tính;</li>"
                            "<li>rút token khỏi máy ngay sau khi ký; không để token cắm qua đêm trên máy dùng "
                            "chung;</li>"
                            "<li>chỉ cài phần mềm ký số từ nguồn chính thức của cơ quan hoặc nhà cung cấp.</li></ul>"
                        ),
                        warning(
                            "Mất token hoặc nghi lộ mã PIN",
                            "<p>Báo ngay bộ phận quản lý chữ ký số của cơ quan để <b>tạm dừng hoặc thu hồi chứng "
                            "thư</b>. Chỉ một giờ chậm trễ cũng đủ để kẻ gian ký văn bản nhân danh bạn.</p>",
                        ),
                        document(SIGNING_CHECKLIST, "Bảng kiểm một trang để dán cạnh máy tính."),
                    ],
                ),
            ],
        ),
    ],
)

CYBER_SAFETY = Course(
    slug="an-toan-thong-tin",
    title="An toàn thông tin và nhận diện lừa đảo trực tuyến",
    summary="Bảo vệ tài khoản bằng mật khẩu mạnh và xác thực hai lớp; nhận diện tin nhắn, cuộc gọi, trang web "
    "giả mạo; biết làm gì ngay khi bị lừa.",
    description=(
        "<p>Lừa đảo qua mạng ngày càng tinh vi: giả danh công an, ngân hàng; gửi đường link cài ứng dụng giả; "
        "lập trang web giống hệt trang thật. Khoá học giúp bạn và gia đình:</p>"
        "<ul><li>đặt mật khẩu mạnh và bật xác thực hai lớp cho các tài khoản quan trọng;</li>"
        "<li>nhận ra dấu hiệu của tin nhắn, cuộc gọi và trang web lừa đảo;</li>"
        "<li>biết báo ở đâu và làm gì ngay khi lỡ bị lừa.</li></ul>"
    ),
    audience=Audience.EVERYONE,
    hours=Decimal("3"),
    tags=["An toàn thông tin", "Phòng chống lừa đảo"],
    cover=Cover("Ảnh bìa – An toàn thông tin và nhận diện lừa đảo", icon="shield", top="#a15c00", bottom="#f0a33a"),
    # Open to everyone without enrolling: a warning about scams helps most when it travels far.
    allow_preview=True,
    sections=[
        Section(
            slug="bao-ve-tai-khoan",
            title="Bảo vệ tài khoản",
            summary="Mật khẩu mạnh, xác thực hai lớp và những thói quen giữ tài khoản an toàn.",
            lessons=[
                Lesson(
                    slug="mat-khau-manh",
                    title="Mật khẩu mạnh, dễ nhớ",
                    minutes=10,
                    body=[
                        heading("Dài quan trọng hơn phức tạp"),
                        paragraph(
                            "<p>Mật khẩu như <i>123456</i>, ngày sinh hay số điện thoại bị dò ra trong vài giây. "
                            "Cách dễ nhất để có mật khẩu mạnh là dùng <b>cụm mật khẩu</b>: ghép ba, bốn từ không liên "
                            "quan mà chỉ bạn nghĩ ra, ví dụ <i>ca-phe-mua-ha-xe-dap-7</i>. Mật khẩu nên dài ít nhất "
                            "12 ký tự.</p>"
                            "<ul><li><b>Mỗi tài khoản một mật khẩu</b>: khi một trang web bị lộ dữ liệu, kẻ gian sẽ "
                            "thử ngay mật khẩu đó với e-mail, Zalo, ngân hàng của bạn.</li>"
                            "<li>Dùng <b>trình quản lý mật khẩu</b> có sẵn trong điện thoại hoặc trình duyệt để "
                            "nhớ thay bạn.</li>"
                            "<li>Trên máy tính dùng chung, không lưu mật khẩu và nhớ <b>đăng xuất</b> khi dùng "
                            "xong.</li></ul>"
                        ),
                        video(VIDEO_PASSPHRASE, "Video cảnh báo lừa đảo trực tuyến trên trang Tín nhiệm mạng"),
                        tip(
                            "Khi nào cần đổi mật khẩu?",
                            "<p>Đổi ngay khi bạn lỡ nhập mật khẩu vào một trang lạ, hoặc nhận được thông báo đăng "
                            "nhập mà bạn không thực hiện.</p>",
                        ),
                    ],
                ),
                Lesson(
                    slug="xac-thuc-hai-lop",
                    title="Bật xác thực hai lớp",
                    minutes=10,
                    completion_rule=MARK_DONE,
                    body=[
                        heading("Thêm một lớp khoá"),
                        paragraph(
                            "<p><b>Xác thực hai lớp</b> yêu cầu thêm một mã từ điện thoại mỗi khi đăng nhập trên "
                            "thiết bị mới. Kẻ gian có biết mật khẩu cũng không vào được tài khoản nếu không có "
                            "điện thoại của bạn. Hãy bật cho e-mail, Zalo, Facebook và ứng dụng ngân hàng.</p>"
                        ),
                        steps(
                            "Bật xác thực hai lớp cho một tài khoản",
                            (
                                Screen("Màn hình – mục Bảo mật trong cài đặt tài khoản", "two-step", step=1),
                                "<p>Mở <b>Cài đặt</b> → <b>Bảo mật</b> của ứng dụng, tìm mục <b>Xác thực hai "
                                "lớp</b> (có nơi gọi là <i>Xác minh 2 bước</i>) và bật lên.</p>",
                            ),
                            (
                                Screen("Màn hình – nhập mã xác thực 6 số", "phone-code", step=2),
                                "<p>Chọn cách nhận mã — <b>ứng dụng xác thực</b> an toàn hơn tin nhắn SMS — rồi nhập "
                                "mã 6 số để xác nhận.</p>",
                            ),
                            (
                                Screen("Màn hình – lưu mã dự phòng", "form", step=3),
                                "<p>Chép các <b>mã dự phòng</b> ra giấy, cất nơi an toàn: chúng giúp bạn đăng nhập "
                                "khi mất điện thoại.</p>",
                            ),
                        ),
                        warning(
                            "Mã OTP là chìa khoá cuối cùng",
                            "<p><b>Không bao giờ đọc mã OTP hay mã xác thực cho người khác</b>, kể cả người xưng là "
                            "nhân viên ngân hàng, nhà mạng hay công an. Cơ quan, tổ chức thật không hỏi mã này.</p>",
                        ),
                    ],
                ),
                Lesson(
                    slug="doc-them-cap-nhat-va-sao-luu",
                    title="Đọc thêm: cập nhật phần mềm và sao lưu dữ liệu",
                    minutes=6,
                    is_required=False,
                    body=[
                        heading("Hai thói quen nhỏ, lợi ích lớn"),
                        paragraph(
                            "<p><b>Cập nhật</b> hệ điều hành và ứng dụng khi có phiên bản mới: phần lớn bản cập nhật "
                            "vá những lỗ hổng mà kẻ gian đang khai thác. Bật tự động cập nhật nếu có thể.</p>"
                            "<p><b>Sao lưu</b> ảnh, danh bạ, tài liệu quan trọng lên dịch vụ lưu trữ đám mây hoặc ổ "
                            "cứng ngoài. Khi điện thoại bị mất, hỏng hay bị mã độc khoá dữ liệu, bạn vẫn còn bản "
                            "sao.</p>"
                        ),
                        tip(
                            "Chỉ cài ứng dụng từ kho chính thức",
                            "<p>Chỉ tải ứng dụng từ <b>App Store</b> hoặc <b>Google Play</b>. Không cài tệp "
                            "<i>.apk</i> được gửi qua tin nhắn, Zalo hay trang web lạ.</p>",
                        ),
                    ],
                ),
            ],
        ),
        Section(
            slug="nhan-dien-lua-dao",
            title="Nhận diện và xử lý lừa đảo",
            summary="Những chiêu lừa phổ biến qua tin nhắn, cuộc gọi, trang web giả mạo và cách xử lý khi lỡ bị lừa.",
            lessons=[
                Lesson(
                    slug="gia-danh-cong-an-ngan-hang",
                    title="Tin nhắn và cuộc gọi giả danh công an, ngân hàng",
                    minutes=12,
                    body=[
                        heading("Những kịch bản thường gặp"),
                        paragraph(
                            "<ul><li><b>Giả danh công an, viện kiểm sát</b>: báo bạn “liên quan đến một vụ án”, "
                            "đe doạ bắt giữ, yêu cầu giữ bí mật và chuyển tiền vào “tài khoản tạm giữ” để "
                            "“xác minh”.</li>"
                            "<li><b>Giả danh cán bộ hướng dẫn cập nhật VNeID, dữ liệu dân cư</b>: gửi đường link "
                            "cài ứng dụng giả; ứng dụng này chiếm quyền điều khiển điện thoại và rút tiền trong "
                            "tài khoản.</li>"
                            "<li><b>Tin nhắn mạo danh ngân hàng</b>: báo tài khoản bị khoá, điểm thưởng sắp hết "
                            "hạn, kèm đường link tới trang đăng nhập giả. Tin nhắn loại này có thể hiện lẫn trong "
                            "hộp tin của ngân hàng thật.</li>"
                            "<li><b>Giả người thân, người quen</b>: chiếm tài khoản Zalo, Facebook rồi nhắn mượn "
                            "tiền, có khi gọi video ngắn bằng hình ảnh và giọng nói giả.</li></ul>"
                        ),
                        image(
                            Screen("Minh hoạ – tin nhắn lừa đảo có đường link", "phone-sms"),
                            alt_text="Điện thoại hiện một tin nhắn có đường link được khoanh vàng, bên cạnh là biển "
                            "cảnh báo màu đỏ",
                            caption="Tin nhắn lừa đảo thường thúc giục gấp gáp và kèm một đường link lạ.",
                        ),
                        heading("Nguyên tắc ghi nhớ", level="h3"),
                        paragraph(
                            "<p>Công an <b>không giải quyết vụ việc qua điện thoại</b> và không yêu cầu chuyển tiền. "
                            "Ngân hàng <b>không gửi đường link</b> yêu cầu đăng nhập và không hỏi mã OTP. Ứng dụng "
                            "VNeID chỉ tải từ App Store hoặc Google Play, không bao giờ qua đường link.</p>"
                        ),
                        steps(
                            "Khi nhận cuộc gọi đáng ngờ",
                            (
                                Screen("Màn hình – cuộc gọi đến từ số lạ", "phone-call", step=1),
                                "<p><b>Bình tĩnh, không làm theo</b> yêu cầu chuyển tiền, đọc mã OTP, cung cấp số "
                                "thẻ hay cài ứng dụng. Kết thúc cuộc gọi.</p>",
                            ),
                            (
                                None,
                                "<p><b>Tự gọi lại</b> cơ quan, ngân hàng hoặc người thân bằng số điện thoại bạn đã "
                                "biết (in trên thẻ, trên trang web chính thức) để xác minh.</p>",
                            ),
                            (
                                None,
                                "<p>Báo công an xã, phường nơi cư trú, và kể cho người cao tuổi trong gia đình về "
                                "chiêu lừa vừa gặp.</p>",
                            ),
                        ),
                    ],
                ),
                Lesson(
                    slug="trang-web-gia-mao",
                    title="Nhận diện trang web và ứng dụng giả mạo",
                    minutes=10,
                    body=[
                        heading("Kiểm tra địa chỉ trước khi đăng nhập"),
                        paragraph(
                            "<p>Trang giả thường sao chép y hệt giao diện trang thật, chỉ khác <b>tên miền</b>: thêm "
                            "một chữ, đổi một ký tự hoặc dùng đuôi lạ, ví dụ <i>dichvucong-gov.vn.top</i> thay cho "
                            "<i>dichvucong.gov.vn</i>. Trang của cơ quan nhà nước Việt Nam có tên miền kết thúc "
                            "bằng <b>.gov.vn</b>.</p>"
                            "<p>Biểu tượng ổ khoá trên thanh địa chỉ chỉ cho biết kết nối được mã hoá, <b>không</b> "
                            "chứng minh trang đó là thật.</p>"
                        ),
                        steps(
                            "Kiểm tra một đường link trước khi mở",
                            (
                                Screen("Màn hình – thanh địa chỉ của trang web giả mạo", "fake-site", step=1),
                                "<p>Đọc kỹ tên miền trên thanh địa chỉ, phần đứng ngay trước dấu “/” đầu tiên. Nghi "
                                "ngờ khi thấy tên lạ, nhiều dấu gạch nối hoặc đuôi không quen.</p>",
                            ),
                            (
                                Screen("Màn hình – tra cứu danh sách trang web lừa đảo", "search", step=2),
                                "<p>Tra cứu tên miền tại <b>tinnhiemmang.vn/website-lua-dao</b>, danh sách trang web "
                                "lừa đảo do Trung tâm Giám sát an toàn không gian mạng quốc gia cập nhật.</p>",
                            ),
                        ),
                        warning(
                            "Lỡ nhập mật khẩu vào trang lạ?",
                            "<p>Đổi mật khẩu ngay trong ứng dụng hoặc trang chính thức, bật xác thực hai lớp, và "
                            "gọi tổng đài ngân hàng nếu đó là tài khoản ngân hàng.</p>",
                        ),
                    ],
                ),
                Lesson(
                    slug="khi-bi-lua-dao",
                    title="Khi đã bị lừa: làm gì ngay?",
                    minutes=10,
                    completion_rule=MARK_DONE,
                    body=[
                        heading("Hành động trong giờ đầu tiên"),
                        paragraph(
                            "<p>Báo càng sớm, càng có cơ hội chặn dòng tiền. Đừng ngại hay xấu hổ: kẻ lừa đảo nhắm "
                            "vào tất cả mọi người, kể cả người hiểu biết về công nghệ.</p>"
                        ),
                        steps(
                            "Ba việc cần làm ngay",
                            (
                                Screen("Màn hình – khoá thẻ trong ứng dụng ngân hàng", "phone-lock", step=1),
                                "<p>Gọi <b>tổng đài ngân hàng</b> (số in ở mặt sau thẻ) hoặc dùng chức năng "
                                "<b>khoá thẻ, khoá tài khoản</b> trong ứng dụng; đề nghị ngân hàng tra soát giao "
                                "dịch.</p>",
                            ),
                            (
                                Screen("Màn hình – đổi mật khẩu, đăng xuất thiết bị lạ", "two-step", step=2),
                                "<p>Đổi mật khẩu e-mail, Zalo, Facebook và đăng xuất khỏi các thiết bị lạ. Nếu đã cài "
                                "ứng dụng lạ: tắt mạng, gỡ ứng dụng, nhờ người có chuyên môn kiểm tra máy.</p>",
                            ),
                            (
                                None,
                                "<p>Đến <b>cơ quan công an nơi gần nhất</b> để trình báo, mang theo giấy tờ tuỳ thân, "
                                "sao kê giao dịch, ảnh chụp tin nhắn, số điện thoại, tên và số tài khoản của kẻ "
                                "gian.</p>",
                            ),
                        ),
                        document(SCAM_CHECKLIST, "In ra, dán cạnh điện thoại hoặc gửi cho người thân."),
                        tip(
                            "Phản ánh để bảo vệ người khác",
                            "<p>Cuộc gọi lừa đảo: gọi tổng đài <b>156</b> (miễn phí) hoặc nhắn "
                            "<i>V [số điện thoại][nội dung]</i> gửi <b>5656</b>. Tin nhắn lừa đảo: nhắn "
                            "<i>S [số hoặc tên người gửi][nội dung]</i> gửi <b>5656</b>.</p>",
                        ),
                        warning(
                            "Cẩn thận lừa đảo lần hai",
                            "<p>Những người nhận “lấy lại tiền bị lừa” qua mạng, kể cả xưng là luật sư hay cơ quan "
                            "công an, thường là kẻ lừa đảo tiếp theo. Chỉ làm việc trực tiếp với cơ quan công an.</p>",
                        ),
                    ],
                ),
            ],
        ),
    ],
)

PAYMENT_CHECKLIST = Handout(
    title="Bảng kiểm thanh toán không dùng tiền mặt an toàn",
    filename="bang-kiem-thanh-toan-an-toan.txt",
    text="""BẢNG KIỂM THANH TOÁN KHÔNG DÙNG TIỀN MẶT AN TOÀN
Dán cạnh điện thoại; gửi cho người thân, nhất là ông bà, cha mẹ.

CÀI ĐẶT MỘT LẦN
[ ] Ứng dụng ngân hàng, ví điện tử tải từ App Store hoặc Google Play, đúng tên nhà phát hành.
[ ] Mật khẩu ứng dụng khác mật khẩu mở máy, khác ngày sinh, số điện thoại.
[ ] Bật thông báo biến động số dư; đặt hạn mức chuyển tiền trong ngày vừa với nhu cầu.
[ ] Dùng Smart OTP trong ứng dụng thay cho OTP qua tin nhắn nếu ngân hàng có.
[ ] Đã đăng ký sinh trắc học (khuôn mặt) với ngân hàng bằng căn cước gắn chip hoặc VNeID.

TRƯỚC MỖI LẦN CHUYỂN TIỀN
[ ] Đọc tên người nhận hiện trên màn hình sau khi quét mã QR hoặc nhập số tài khoản.
[ ] Đúng số tiền, đúng nội dung chuyển khoản.
[ ] Đọc nội dung tin nhắn OTP (số tiền, nơi nhận) trước khi nhập mã.
[ ] Nộp phí, lệ phí: chỉ trên dichvucong.gov.vn; cơ quan nhà nước không thu qua tài khoản cá nhân.

KHÔNG BAO GIỜ
- Đọc mã OTP, mật khẩu cho bất kỳ ai, kể cả người xưng là nhân viên ngân hàng, công an.
- Chuyển lại khoản "chuyển nhầm" theo lời người lạ: báo ngân hàng của bạn xử lý.
- Tin ảnh chụp màn hình "đã chuyển khoản": xem số dư trong ứng dụng của chính bạn.
- Cho mượn, cho thuê hay bán tài khoản ngân hàng, ví điện tử: đó là vi phạm pháp luật.

KHI NGHI BỊ LỪA
[ ] Gọi ngay tổng đài ngân hàng (số in ở mặt sau thẻ): khoá tài khoản, đề nghị tra soát.
    Tổng đài ngân hàng của tôi: ..............................
[ ] Trình báo công an nơi gần nhất, mang sao kê và ảnh chụp tin nhắn, số tài khoản kẻ gian.
[ ] Phản ánh cuộc gọi lừa đảo: gọi 156; tin nhắn lừa đảo: nhắn S [người gửi][nội dung] gửi 5656.
""",
)

CASHLESS_PAYMENT = Course(
    slug="thanh-toan-khong-dung-tien-mat",
    title="Thanh toán không dùng tiền mặt",
    summary="Dùng ứng dụng ngân hàng và ví điện tử, quét mã VietQR, nộp phí dịch vụ công trực tuyến; giữ an toàn "
    "mã OTP và nhận biết các chiêu lừa đảo chuyển khoản.",
    description=(
        "<p>Đi chợ, đóng tiền điện, nộp lệ phí làm giấy tờ: ngày càng nhiều khoản chi trả bằng điện thoại, không "
        "cần tiền mặt. Khoá học giúp bạn và gia đình:</p>"
        "<ul><li>biết ngân hàng số, ví điện tử là gì và chọn cách phù hợp;</li>"
        "<li>quét mã VietQR để chuyển tiền, kiểm tra đúng người nhận trước khi xác nhận;</li>"
        "<li>nộp phí, lệ phí thủ tục hành chính trên Cổng Dịch vụ công quốc gia;</li>"
        "<li>giữ an toàn mã OTP và nhận ra các chiêu lừa đảo chuyển khoản thường gặp.</li></ul>"
    ),
    audience=Audience.EVERYONE,
    hours=Decimal("2"),
    tags=["Thanh toán số", "Phòng chống lừa đảo"],
    cover=Cover("Ảnh bìa – Thanh toán không dùng tiền mặt", icon="qr", top="#0f6b5c", bottom="#5cc2a8"),
    allow_preview=False,
    sections=[
        Section(
            slug="lam-quen-thanh-toan-so",
            title="Làm quen với thanh toán số",
            summary="Ngân hàng số, ví điện tử và mã VietQR: chuyển tiền, trả tiền hàng chỉ bằng điện thoại.",
            lessons=[
                Lesson(
                    slug="ngan-hang-so-va-vi-dien-tu",
                    title="Ngân hàng số và ví điện tử",
                    minutes=10,
                    body=[
                        heading("Ba cách trả tiền bằng điện thoại"),
                        paragraph(
                            "<ul><li><b>Ứng dụng ngân hàng</b> (mobile banking): ứng dụng của chính ngân hàng nơi "
                            "bạn có tài khoản. Chuyển tiền trong nước qua hệ thống NAPAS đến tài khoản của hầu hết "
                            "ngân hàng, cả ngày đêm, kể cả ngày nghỉ.</li>"
                            "<li><b>Ví điện tử</b> (MoMo, ZaloPay, VNPT Money, ShopeePay...): nạp tiền từ tài khoản "
                            "ngân hàng đã liên kết để trả tiền hàng, tiền điện, nước, cước điện thoại. Ví phải liên "
                            "kết với tài khoản ngân hàng <b>đứng tên chính bạn</b>.</li>"
                            "<li><b>Mobile Money</b> (Viettel Money, VNPT Money, MobiFone Money): tài khoản gắn với "
                            "số thuê bao di động, hữu ích ở nơi xa điểm giao dịch ngân hàng.</li></ul>"
                        ),
                        heading("Mở tài khoản ngay trên điện thoại", level="h3"),
                        paragraph(
                            "<p>Nhiều ngân hàng cho mở tài khoản trực tuyến: tải ứng dụng, chụp căn cước gắn chip "
                            "và quay khuôn mặt theo hướng dẫn (gọi là <i>eKYC</i>). Theo quy định của Ngân hàng Nhà "
                            "nước, tài khoản phải được <b>đối chiếu sinh trắc học khuôn mặt</b> với căn cước gắn "
                            "chip hoặc tài khoản VNeID thì mới chuyển tiền trực tuyến được, và chuyển trên 10 triệu "
                            "đồng một lần hoặc trên 20 triệu đồng một ngày phải xác thực lại bằng khuôn mặt. Việc "
                            "này giúp kẻ gian khó dùng tài khoản của bạn dù biết mật khẩu.</p>"
                        ),
                        tip(
                            "Chỉ dùng đơn vị được cấp phép",
                            "<p>Ví điện tử và trung gian thanh toán phải được Ngân hàng Nhà nước cấp phép; danh "
                            "sách có trên trang <b>sbv.gov.vn</b>. Chỉ tải ứng dụng từ <b>App Store</b> hoặc "
                            "<b>Google Play</b>, đúng tên nhà phát hành, không cài qua đường link được gửi đến.</p>",
                        ),
                    ],
                ),
                Lesson(
                    slug="thanh-toan-bang-ma-vietqr",
                    title="Chuyển tiền và trả tiền bằng mã VietQR",
                    minutes=10,
                    completion_rule=MARK_DONE,
                    body=[
                        heading("Một mã QR cho mọi ngân hàng"),
                        paragraph(
                            "<p><b>VietQR</b> là chuẩn mã QR chung do NAPAS và các ngân hàng triển khai: mã in ở "
                            "quầy hàng, trên hoá đơn hay trong ứng dụng của người nhận quét được bằng ứng dụng của "
                            "bất kỳ ngân hàng nào và của nhiều ví điện tử. Mã chứa sẵn ngân hàng, số tài khoản, có "
                            "khi cả số tiền và nội dung: bạn không phải gõ, nên không gõ nhầm.</p>"
                        ),
                        steps(
                            "Trả tiền bằng mã VietQR",
                            (
                                Screen("Màn hình – quét mã VietQR bằng ứng dụng ngân hàng", "phone-scan", step=1),
                                "<p>Mở ứng dụng ngân hàng, chọn <b>Quét QR</b> và hướng camera vào mã.</p>",
                            ),
                            (
                                Screen("Màn hình – kiểm tra người nhận và số tiền", "form", step=2),
                                "<p><b>Đọc tên người nhận</b> hiện trên màn hình: phải đúng tên cửa hàng, người bán "
                                "hay cơ quan bạn định trả. Nhập hoặc kiểm tra số tiền, nội dung chuyển khoản.</p>",
                            ),
                            (
                                Screen("Màn hình – xác nhận giao dịch bằng mã OTP", "phone-code", step=3),
                                "<p>Xác nhận bằng mật khẩu, vân tay, khuôn mặt hoặc mã OTP. Chờ màn hình báo "
                                "<b>giao dịch thành công</b> và cho người bán xem, hoặc để họ tự kiểm tra tiền đã "
                                "về.</p>",
                            ),
                        ),
                        warning(
                            "Mã QR dán đè",
                            "<p>Kẻ gian có thể dán mã QR của chúng đè lên mã của cửa hàng. Nếu tên người nhận "
                            "khác tên cửa hàng, <b>dừng lại</b> và hỏi người bán.</p>",
                        ),
                        tip(
                            "Thực hành",
                            "<p>Nhờ một người thân tạo mã VietQR trong ứng dụng ngân hàng của họ (mục <i>Nhận "
                            "tiền</i> hoặc <i>Mã QR của tôi</i>), chuyển thử 1.000 đồng và đọc tên người nhận "
                            "trước khi xác nhận. Xong, bấm <b>Đánh dấu đã xong</b>.</p>",
                        ),
                    ],
                ),
                Lesson(
                    slug="doc-them-hoa-don-dinh-ky",
                    title="Đọc thêm: trả tiền điện, nước, học phí hằng tháng",
                    minutes=5,
                    is_required=False,
                    body=[
                        heading("Đỡ phải xếp hàng mỗi tháng"),
                        paragraph(
                            "<p>Trong ứng dụng ngân hàng hoặc ví điện tử, mục <b>Thanh toán hoá đơn</b> cho trả tiền "
                            "điện, nước, internet, cước điện thoại, học phí: chọn nhà cung cấp, nhập <b>mã khách "
                            "hàng</b> in trên hoá đơn, kiểm tra tên chủ hộ và số tiền rồi xác nhận. Nhiều ứng dụng "
                            "cho bật <b>tự động thanh toán</b> hằng tháng.</p>"
                            "<p>Tiền điện cũng trả được trên Cổng Dịch vụ công quốc gia, mục <b>Thanh toán trực "
                            "tuyến</b>.</p>"
                        ),
                        tip(
                            "Lưu biên lai",
                            "<p>Ứng dụng lưu lịch sử giao dịch; với khoản quan trọng, chụp màn hình biên lai để "
                            "đối chiếu khi cần.</p>",
                        ),
                    ],
                ),
            ],
        ),
        Section(
            slug="thanh-toan-an-toan",
            title="Nộp phí dịch vụ công và thanh toán an toàn",
            summary="Nộp phí, lệ phí trên Cổng Dịch vụ công quốc gia; giữ mã OTP; nhận biết lừa đảo chuyển khoản.",
            lessons=[
                Lesson(
                    slug="nop-phi-dich-vu-cong",
                    title="Nộp phí, lệ phí trên Cổng Dịch vụ công quốc gia",
                    minutes=10,
                    body=[
                        heading("Trả ngay khi nộp hồ sơ"),
                        paragraph(
                            "<p>Với thủ tục có phí, lệ phí (cấp bản sao trích lục hộ tịch, lý lịch tư pháp, đăng ký "
                            "xe...), Cổng Dịch vụ công quốc gia <b>dichvucong.gov.vn</b> cho trả ngay sau khi nộp "
                            "hồ sơ, qua ngân hàng hoặc ví điện tử bạn chọn. Trên Cổng còn nộp được tiền phạt vi phạm "
                            "giao thông, đóng bảo hiểm xã hội tự nguyện, bảo hiểm y tế hộ gia đình, trả tiền "
                            "điện.</p>"
                        ),
                        steps(
                            "Thanh toán một khoản phí trên Cổng",
                            (
                                Screen("Màn hình – thanh toán trực tuyến trên Cổng Dịch vụ công", "payment", step=1),
                                "<p>Đăng nhập bằng tài khoản VNeID, mở <b>Quản lý hồ sơ đã nộp</b> (hoặc mục "
                                "<b>Thanh toán trực tuyến</b>) và chọn khoản cần trả. Kiểm tra mã hồ sơ và số "
                                "tiền.</p>",
                            ),
                            (
                                Screen("Màn hình – quét mã thanh toán bằng điện thoại", "phone-scan", step=2),
                                "<p>Chọn ngân hàng hoặc ví điện tử của bạn, rồi quét mã QR hiện trên màn hình hoặc "
                                "chuyển sang ứng dụng để xác nhận.</p>",
                            ),
                            (
                                Screen("Màn hình – biên lai điện tử trong hồ sơ", "status", step=3),
                                "<p>Khi thanh toán xong, trạng thái hồ sơ ghi <b>đã thanh toán</b> và có biên lai "
                                "điện tử: tải về hoặc chụp lại để lưu.</p>",
                            ),
                        ),
                        warning(
                            "Không chuyển phí vào tài khoản cá nhân",
                            "<p>Cơ quan nhà nước <b>không thu phí, lệ phí qua tài khoản đứng tên cá nhân</b> và "
                            "không gửi số tài khoản qua tin nhắn, Zalo hay cuộc gọi. Ai đề nghị như vậy, kể cả "
                            "xưng là cán bộ, đều là lừa đảo.</p>",
                        ),
                    ],
                ),
                Lesson(
                    slug="giu-an-toan-ma-otp",
                    title="Giữ an toàn mã OTP và ứng dụng ngân hàng",
                    minutes=8,
                    body=[
                        heading("OTP là chữ ký của bạn cho một giao dịch"),
                        paragraph(
                            "<p><b>Mã OTP</b> (mã xác thực một lần) chỉ dùng được một lần, trong vài phút. Nhập mã "
                            "là đồng ý cho giao dịch đó: ai có mã là rút được tiền của bạn. Vì vậy:</p>"
                            "<ul><li><b>Đọc hết tin nhắn OTP</b> trước khi nhập: số tiền, nơi nhận có đúng khoản "
                            "bạn đang trả không?</li>"
                            "<li><b>Không đọc, không chụp gửi mã OTP</b> cho ai. Ngân hàng, công an, nhà mạng "
                            "không bao giờ hỏi mã này.</li>"
                            "<li>Ưu tiên <b>Smart OTP</b> trong ứng dụng ngân hàng: an toàn hơn OTP qua tin "
                            "nhắn.</li></ul>"
                        ),
                        image(
                            Screen("Minh hoạ – ô nhập mã OTP trong ứng dụng", "phone-code"),
                            alt_text="Điện thoại hiện biểu tượng ổ khoá và sáu ô nhập mã OTP, các ô mã được khoanh "
                            "vàng",
                            caption="Mã OTP chỉ nhập vào ứng dụng hay trang bạn tự mở, không đọc cho ai.",
                        ),
                        video(VIDEO_SAFE_PAYMENT, "Khuyến cáo thanh toán an toàn trên trang Ngân hàng Nhà nước Việt Nam"),
                        tip(
                            "Ba cài đặt nên bật",
                            "<p>Bật <b>thông báo biến động số dư</b> để biết ngay mỗi khoản ra vào; đặt <b>hạn mức "
                            "chuyển tiền</b> trong ngày vừa với nhu cầu; đặt mật khẩu ứng dụng khác mật khẩu mở "
                            "máy. Mất điện thoại: gọi ngay tổng đài ngân hàng để khoá.</p>",
                        ),
                    ],
                ),
                Lesson(
                    slug="nhan-biet-lua-dao-chuyen-khoan",
                    title="Nhận biết lừa đảo chuyển khoản",
                    minutes=12,
                    completion_rule=MARK_DONE,
                    body=[
                        heading("Những chiêu thường gặp"),
                        paragraph(
                            "<ul><li><b>“Chuyển nhầm” rồi đòi lại</b>: một khoản tiền lạ vào tài khoản, rồi có "
                            "người gọi nhờ chuyển trả vào một tài khoản khác, hoặc xưng công ty tài chính đòi "
                            "“trả nợ kèm lãi”. Không chuyển theo lời họ: báo ngân hàng của bạn để ngân hàng hoàn "
                            "trả đúng nơi gửi.</li>"
                            "<li><b>Ảnh chụp màn hình giả</b>: người mua gửi ảnh “đã chuyển khoản” hay tin nhắn "
                            "báo số dư giả. Chỉ giao hàng khi ứng dụng ngân hàng của <b>chính bạn</b> báo tiền đã "
                            "về.</li>"
                            "<li><b>Đặt cọc, phí nhận thưởng, phí giải ngân</b>: mua hàng online, “trúng thưởng”, "
                            "vay tiền nhanh, việc nhẹ lương cao đều đòi chuyển trước một khoản. Càng chuyển, họ "
                            "càng đòi thêm.</li>"
                            "<li><b>Giả danh cán bộ thu phí</b>: gọi báo hồ sơ, bảo hiểm, tiền điện còn nợ, gửi số "
                            "tài khoản cá nhân để nộp.</li></ul>"
                        ),
                        steps(
                            "Trước khi chuyển tiền cho người lạ",
                            (
                                Screen("Màn hình – cuộc gọi yêu cầu chuyển tiền gấp", "phone-call", step=1),
                                "<p><b>Dừng lại</b> khi bị thúc giục, doạ nạt hay được hứa lợi lớn: kẻ gian cần bạn "
                                "vội.</p>",
                            ),
                            (
                                None,
                                "<p><b>Xác minh qua kênh khác</b>: tự gọi người thân, cơ quan, ngân hàng bằng số bạn "
                                "đã biết; đọc kỹ tên người nhận hiện trong ứng dụng.</p>",
                            ),
                            (
                                Screen("Màn hình – khoá tài khoản trong ứng dụng ngân hàng", "phone-lock", step=3),
                                "<p>Lỡ chuyển hay lỡ đọc mã OTP: <b>gọi ngay tổng đài ngân hàng</b> để khoá tài "
                                "khoản và đề nghị tra soát, rồi trình báo công an nơi gần nhất. Phản ánh số điện thoại "
                                "của kẻ gian qua tổng đài <b>156</b> (miễn phí) để cảnh báo người khác.</p>",
                            ),
                        ),
                        document(PAYMENT_CHECKLIST, "In ra, dán cạnh điện thoại hoặc gửi cho người thân."),
                        warning(
                            "Không cho mượn, cho thuê tài khoản",
                            "<p>Kẻ gian mua, thuê tài khoản ngân hàng và ví điện tử của người khác để nhận tiền lừa "
                            "đảo. Mua bán, cho thuê, cho mượn tài khoản là <b>vi phạm pháp luật</b>; người đứng tên "
                            "có thể phải chịu trách nhiệm.</p>",
                        ),
                    ],
                ),
            ],
        ),
    ],
)

# In catalogue order: the warm-up first, for newcomers.
COURSES = [WARM_UP, PUBLIC_SERVICES, DIGITAL_SIGNATURE, CASHLESS_PAYMENT, CYBER_SAFETY]
