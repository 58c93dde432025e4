### Câu mẫu của nhân viên tư vấn (phrasebook) bằng tiếng Việt. Bản gốc là ../ja/phrasebook.ftl.
### Các chỗ điền ({ $date } v.v.) giữ đúng tên và đúng số lượng như bản gốc.

## first: liên lạc đầu tiên, xin chờ

pb-first-hello = Xin chào. Tôi là nhân viên phụ trách tư vấn về đời sống. Từ bây giờ, tôi sẽ lắng nghe bạn qua LINE này.
pb-first-read = Chúng tôi đã đọc tin nhắn của bạn. Trong hôm nay, nhân viên phụ trách sẽ gọi điện cho bạn.
pb-first-call-at = Nhân viên phụ trách sẽ gọi điện cho bạn vào khoảng { $time }, { $date }.
pb-first-wait = Chúng tôi đang kiểm tra. Xin bạn vui lòng chờ một chút.
pb-first-reply-by = Chúng tôi sẽ trả lời bạn qua LINE này chậm nhất vào { $date }.
pb-first-call-missed = Chúng tôi đã gọi điện nhưng không liên lạc được với bạn. Chúng tôi sẽ gọi lại vào khoảng { $time }, { $date }.
pb-first-good-time = Bây giờ bạn có thể nói chuyện qua điện thoại được không?
pb-first-number = Số hồ sơ tư vấn của bạn là { $number }. Khi đến quầy hoặc gọi điện, hãy cho biết số này.

## appointment: hẹn đến và thăm nhà

pb-appointment-come = Vui lòng đến lúc { $time }, { $date }. Địa điểm: { $place }. Tại quầy tiếp nhận, hãy cho biết số { $number }.
pb-appointment-can-you-come = Bạn có thể đến lúc { $time }, { $date } được không? Địa điểm: { $place }.
pb-appointment-cancelled = Cuộc hẹn lúc { $time }, { $date } đã bị hủy. Chúng tôi sẽ liên lạc lại với bạn.
pb-appointment-changed = Lịch hẹn của bạn đã thay đổi. Thời gian mới là { $new_time }, { $new_date }. Địa điểm: { $place }.
pb-appointment-reminder = Xin nhắc lại: ngày mai, { $date }, lúc { $time }, chúng tôi chờ bạn. Địa điểm: { $place }.
pb-appointment-late = Nếu bạn đến muộn hoặc không thể đến, vui lòng báo qua LINE này.
pb-appointment-home-visit = Nhân viên phụ trách sẽ đến thăm nhà bạn vào khoảng { $time }, { $date }.
pb-appointment-where = Địa điểm là { $place }.

## documents: giấy tờ cần mang theo

pb-documents-bring = Vui lòng mang theo { $document }.
pb-documents-bring-list = Vui lòng mang theo những thứ sau: { $documents }
pb-documents-photo = Bạn cũng có thể gửi ảnh chụp { $document } qua LINE này.
pb-documents-letter = Vui lòng chụp ảnh lá thư (giấy thông báo) bạn đã nhận được và gửi qua LINE này.
pb-documents-without = Dù không có { $document }, bạn vẫn cứ đến nhé. Chúng ta sẽ cùng nhau tìm cách.
pb-documents-not-needed = Bạn không cần mang theo { $document }.
pb-documents-received = Chúng tôi đã nhận được ảnh. Xin cảm ơn bạn.

## shelter: chỗ ngủ đêm nay

pb-shelter-arranged = Chúng tôi đã chuẩn bị chỗ ngủ cho bạn đêm nay. Địa điểm: { $place }. Vui lòng đến trước { $time }. Khi đến nơi, hãy gọi số { $phone }.
pb-shelter-meet = Nhân viên phụ trách sẽ chờ bạn lúc { $time }. Địa điểm: { $place }.
pb-shelter-none =
    Chúng tôi rất tiếc. Hiện chúng tôi vẫn chưa tìm được chỗ ngủ cho bạn đêm nay.
    Đêm nay, vui lòng đến địa điểm này: { $place }. Sáng mai chúng tôi sẽ liên lạc lại.
    Khi gặp nguy hiểm, hãy gọi 110 (cảnh sát). Khi bị thương hoặc bị bệnh đột ngột, hãy gọi 119 (xe cấp cứu).
pb-shelter-emergency = Khi gặp nguy hiểm, hãy gọi 110 (cảnh sát). Khi bị thương hoặc bị bệnh đột ngột, hãy gọi 119 (xe cấp cứu).
pb-shelter-bring = Hãy mang theo những thứ cần cho đêm nay: thuốc, sạc điện thoại, thẻ lưu trú (zairyu card)...
pb-shelter-until = Bạn có thể ở lại đến { $date }. Trước ngày đó, chúng ta sẽ cùng bàn về những việc tiếp theo.
pb-shelter-safe-now = Bây giờ bạn có đang ở nơi an toàn không? Hãy cho chúng tôi biết bạn đang ở đâu.

## housing: nhà ở

pb-housing-guarantor = Dù không có người bảo lãnh, bạn vẫn có thể thuê nhà bằng cách dùng công ty bảo lãnh (hoshō gaisha). Chúng tôi sẽ giúp bạn làm đơn.
pb-housing-arrears = Đừng một mình lo lắng về tiền nhà chưa trả. Chúng ta sẽ cùng nghĩ cách trả và những hỗ trợ bạn có thể dùng.
pb-housing-eviction = Nếu bạn nhận được thư yêu cầu rời khỏi nhà, xin đừng rời đi trước khi nói chuyện với chúng tôi. Vui lòng gửi ảnh chụp lá thư.
pb-housing-landlord = Nếu bạn đồng ý, chúng tôi có thể nói chuyện với chủ nhà hoặc công ty quản lý.
pb-housing-viewing = Chúng tôi đã tìm được một căn phòng bạn có thể thuê. Bạn có thể đi xem lúc { $time }, { $date } được không?
pb-housing-rent = Tiền thuê nhà là { $amount } một tháng.

## money: tiền

pb-money-small-loan = Khi cần tiền gấp, bạn có thể vay một khoản nhỏ (tối đa { $amount }) tại Hội đồng Phúc lợi Xã hội (Shakai Fukushi Kyōgikai). Đây là tiền vay, sau này phải trả lại. Chúng tôi sẽ giúp bạn làm đơn.
pb-money-livelihood = Có thể bạn sẽ nhận được trợ cấp sinh hoạt (seikatsu hogo). Chúng tôi sẽ giúp bạn làm đơn. Địa điểm: { $place }.
pb-money-food = Có hỗ trợ thực phẩm. Bạn có thể nhận vào { $date }. Địa điểm: { $place }.
pb-money-application-documents = Để làm đơn, bạn cần những thứ sau: { $documents }
pb-money-decided = Số tiền bạn sẽ nhận đã được quyết định là { $amount }. Tiền sẽ được chi trả vào { $date }.

## interpreter: phiên dịch

pb-interpreter-call = Cuộc gọi sẽ có phiên dịch viên tham gia.
pb-interpreter-visit = Khi bạn đến lúc { $time }, { $date }, sẽ có phiên dịch viên đi cùng.
pb-interpreter-arranging = Chúng tôi đang tìm phiên dịch viên. Xin bạn vui lòng chờ một chút.

## closing: kết thúc

pb-closing-anything-else = Bạn còn điều gì khác đang gặp khó khăn không?
pb-closing-will-close = Chúng tôi xin kết thúc buổi tư vấn này tại đây. Xin cảm ơn bạn.
pb-closing-write-again = Khi gặp khó khăn, bạn có thể viết vào LINE này bất cứ lúc nào.
pb-closing-take-care = Chúc bạn giữ gìn sức khỏe.

## Cách viết các chỗ điền

amount-yen = { $amount } yên
amount-group-separator = {"."}

doc-residence_card = thẻ lưu trú (zairyu card, 在留カード)
doc-my_number_card = thẻ My Number (マイナンバーカード)
doc-health_insurance_card = thẻ bảo hiểm y tế (保険証)
doc-passport = hộ chiếu
doc-pay_slips = phiếu lương (給与明細)
doc-bank_book = sổ ngân hàng (通帳)
doc-rental_contract = hợp đồng thuê nhà (賃貸借契約書)
doc-letter = lá thư (giấy thông báo) bạn đã nhận được
doc-seal = con dấu cá nhân (inkan, 印鑑)

## question: câu hỏi trả lời bằng cách bấm nút

pb-question-which-time = Bạn có thể đến vào ngày giờ nào dưới đây? Hãy bấm vào một lựa chọn.
pb-question-which-place = Nơi nào thuận tiện cho bạn hơn? Hãy bấm vào số.

ask-none-fits = Đều không được

# Trả lời khi người dân bấm nút của câu hỏi (hoặc viết câu trả lời)
ask-thanks = Cảm ơn bạn. Chúng tôi đã chuyển câu trả lời của bạn cho nhân viên tư vấn.
ask-already-answered = Bạn đã trả lời câu hỏi này rồi. Nếu muốn đổi câu trả lời, hãy viết ở đây. Nhân viên tư vấn sẽ đọc.
ask-not-open = Câu hỏi này không còn nhận trả lời nữa. Hãy viết câu trả lời của bạn ở đây. Nhân viên tư vấn sẽ đọc.
ask-case-closed = Cuộc tư vấn này đã kết thúc. Nếu lại gặp khó khăn, hãy viết ở đây để bắt đầu một cuộc tư vấn mới.
date-button = { $weekday } { $day }/{ $month } { $time }
weekday-short-0 = CN
weekday-short-1 = T2
weekday-short-2 = T3
weekday-short-3 = T4
weekday-short-4 = T5
weekday-short-5 = T6
weekday-short-6 = T7
