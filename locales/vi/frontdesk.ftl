# frontdesk — Tiếng Việt
# Lời nhắn gửi đến người dân cần tư vấn. Ngắn, nhẹ nhàng, mỗi câu một ý. Xưng hô: gọi người đọc là "bạn".
# .words của các lựa chọn: những cách người dân có thể gõ chữ thay vì bấm nút (cách nhau bằng dấu phẩy).

## Ngôn ngữ (言語)

# Tên của ngôn ngữ này, viết bằng chính ngôn ngữ đó (hiện trên nút chọn ngôn ngữ)
lang-name = Tiếng Việt
    .words = tiếng việt, việt, tiếng việt nam, vietnamese, vietnamita, ベトナム語, べとなむご, betonamugo, vn
q-language = Hãy chọn ngôn ngữ bạn muốn dùng.
# Lời chào đầu tiên cho người chưa chọn ngôn ngữ (gửi cùng với các ngôn ngữ khác)
welcome-language = Xin chào. Đây là LINE tư vấn đời sống của thành phố. Hãy chọn ngôn ngữ của bạn.
reask-language = Xin lỗi, chúng tôi chưa hiểu. Hãy chọn ngôn ngữ bằng các nút bên dưới.
language-changed = Chúng ta sẽ tiếp tục bằng tiếng Việt.

## Lời chào đầu tiên (はじめのあいさつ)

welcome =
    Xin chào. Đây là Quầy tư vấn đời sống (くらしの相談窓口) của thành phố.
    Qua LINE này, bạn có thể nhờ tư vấn về những khó khăn trong cuộc sống: nhà ở, tiền bạc, công việc, gia đình...
    Đây không phải là đường dây khẩn cấp. Nếu tính mạng đang gặp nguy hiểm, hãy gọi 110 (cảnh sát) hoặc 119 (cấp cứu, cứu hỏa).
    Bạn cũng có thể chọn "tiếng Nhật dễ hiểu" (やさしい にほんご).

## Sự đồng ý (同意)

q-consent-record =
    Trước tiên, chúng tôi cần hỏi bạn một điều.
    Nhân viên tư vấn của thành phố sẽ ghi lại và đọc nội dung trò chuyện này để tư vấn cho bạn. Bạn có đồng ý cho chúng tôi ghi lại không?
consent-declined =
    Được rồi. Chúng tôi sẽ không ghi lại.
    Bạn cũng có thể nhờ tư vấn qua điện thoại hoặc đến trực tiếp tại quầy.
    Quầy tư vấn đời sống (くらしの相談窓口): { $phone }
    Giờ tiếp nhận: { $hours }
    Bạn có thể liên lạc lại bất cứ lúc nào.
q-consent-share =
    Khi cần thiết, bạn có đồng ý để chúng tôi chia sẻ nội dung tư vấn với các nơi hỗ trợ khác (tổ chức hỗ trợ nhà ở, chỗ ở tạm thời, các phòng ban khác của thành phố) không?
    Nếu bạn không đồng ý, bạn vẫn được tư vấn như bình thường.

## An toàn (安全)

q-safety = Ngay lúc này, bạn hoặc người đang ở cùng bạn có gặp nguy hiểm không?
emergency-numbers =
    Hãy gọi điện ngay bây giờ.
    Cảnh sát: { $police }
    Cấp cứu, cứu hỏa: { $ambulance }
    Bạn vẫn có thể tiếp tục trò chuyện trên LINE này.

## Chỗ ngủ tối nay (今夜の居場所)

q-tonight = Tối nay bạn sẽ ngủ ở đâu?
opt-tonight-home-safe = Ở nhà (an toàn)
    .words = nhà, ở nhà, nhà mình, nhà tôi, căn hộ, phòng trọ, ký túc xá, ktx
opt-tonight-home-at-risk = Nhà (sắp bị đuổi)
    .words = sắp bị đuổi, bị đuổi, đuổi nhà, phải dọn đi, phải chuyển đi, nợ tiền nhà, sắp mất nhà
opt-tonight-car = Trong xe ô tô
    .words = xe, ô tô, oto, xe hơi, trong xe, ngủ trong xe
opt-tonight-net-cafe = Net café/quán 24h
    .words = net café, quán net, tiệm net, manga café, quán 24h, 24h, cửa hàng 24h, nhà hàng 24h
opt-tonight-friend = Bạn bè/người quen
    .words = bạn bè, nhà bạn bè, người quen, nhà người quen, đồng hương
opt-tonight-outside = Ngoài đường
    .words = ngoài đường, đường phố, ngoài trời, ngoài, công viên, vỉa hè, ngủ ngoài, vô gia cư, không có nhà, không có chỗ ở, không có chỗ ngủ
opt-tonight-facility = Bệnh viện/cơ sở
    .words = bệnh viện, nằm viện, cơ sở, nhà tạm trú, trung tâm, viện dưỡng lão
opt-tonight-other = Nơi khác
    .words = khác, nơi khác, chỗ khác

## Điều muốn tư vấn (相談したいこと)

q-topics = Hãy chọn điều bạn muốn được tư vấn. Bạn có thể chọn nhiều mục. Chọn xong, hãy bấm "Xong".
topics-selected = Bạn đã chọn: { $selected }
    Nếu còn điều khác, hãy chọn thêm. Chọn xong, hãy bấm "Xong".
topics-none-yet = Bạn chưa chọn mục nào. Hãy chọn ít nhất 1 mục.
opt-topic-housing = Nhà ở
    .words = nhà ở, tiền nhà, tiền thuê nhà, người bảo lãnh, phòng, căn hộ, chuyển nhà, dọn nhà, bị đuổi nhà
opt-topic-shelter = Chỗ ngủ tối nay
    .words = chỗ ngủ, chỗ ở tạm, ngủ ở đâu, nhà tạm trú, tối nay
opt-topic-money = Tiền bạc
    .words = tiền, tiền bạc, vay, vay tiền, tiền sinh hoạt, hết tiền, không có tiền, nợ nần, mắc nợ, trả nợ, khoản nợ
opt-topic-work = Công việc
    .words = việc, việc làm, công việc, mất việc, thất nghiệp, không có việc, bị đuổi việc, nghỉ việc, công ty
opt-topic-health = Sức khỏe/khuyết tật
    .words = sức khỏe, bệnh, bị bệnh, khám bệnh, chăm sóc, điều dưỡng, khuyết tật, bị ốm, ốm đau, bị đau
opt-topic-family = Gia đình/con cái
    .words = gia đình, con cái, con nhỏ, trẻ em, chồng, ly hôn, con tôi, vợ tôi, vợ chồng
opt-topic-loneliness = Cô đơn/thu mình
    .words = cô đơn, một mình, không có ai, khép kín, thu mình, hikikomori
opt-topic-documents = Giấy tờ/thủ tục
    .words = giấy tờ, thủ tục, hồ sơ, visa, gia hạn visa, thẻ ngoại kiều, thẻ cư trú, zairyu
opt-topic-other = Chuyện khác
    .words = khác, chuyện khác, việc khác
opt-done = Xong
    .words = xong, xong rồi, hết, hết rồi, vậy thôi, tiếp, tiếp theo, ok

## Người sống cùng (世帯)

q-household = Bạn sống một mình hay sống cùng người khác?
opt-household-alone = Một mình
    .words = một mình, sống một mình, 1 mình, mình tôi
opt-household-with-others = Cùng người khác
    .words = cùng người khác, với người khác, gia đình, cùng gia đình, ở chung, sống chung, bạn cùng phòng
q-adults = Tính cả bạn, có bao nhiêu người lớn? Hãy trả lời bằng số.
q-children = Có bao nhiêu trẻ em (dưới 18 tuổi)? Nếu không có, hãy trả lời "0".
q-vulnerable = Bạn hoặc người sống cùng bạn có ai là người cao tuổi, người khuyết tật hoặc đang mang thai không? Hãy chọn những người có, rồi bấm "Xong".
opt-vulnerable-elderly = Người cao tuổi
    .words = cao tuổi, người cao tuổi, người già, ông bà
opt-vulnerable-disability = Người khuyết tật
    .words = khuyết tật, người khuyết tật, tàn tật, xe lăn
opt-vulnerable-pregnant = Người mang thai
    .words = mang thai, có thai, có bầu, bầu, bà bầu
opt-vulnerable-none = Không có ai
    .words = không có ai, không ai, không có, không, ko, k
vulnerable-selected = Bạn đã chọn: { $selected }
    Nếu còn người khác, hãy chọn thêm. Chọn xong, hãy bấm "Xong".

## Khu vực (地域)

q-area = Hãy chọn khu vực bạn đang sống (hoặc nơi bạn đang ở bây giờ). Bạn cũng có thể gửi vị trí qua LINE.
opt-area-central = Trung tâm (中央地区)
    .words = trung tâm, khu trung tâm, chuo, 中央
opt-area-east = Phía Đông (東地区)
    .words = đông, phía đông, khu đông, higashi, 東
opt-area-south = Phía Nam (南地区)
    .words = nam, phía nam, khu nam, minami, 南
opt-area-outside = Ngoài thành phố
    .words = ngoài thành phố, thành phố khác, tỉnh khác
opt-area-unknown = Không biết
    .words = không biết, ko biết, k biết, không rõ, chưa rõ
area-location-received = Chúng tôi đã nhận được vị trí của bạn.

## Khó khăn đang gặp (困っていること・自由記入)

q-description =
    Hãy dùng lời của chính bạn để kể cho chúng tôi nghe bạn đang gặp khó khăn gì. Viết dài cũng được.
    Bạn cũng có thể gửi ảnh hoặc giấy tờ. Viết xong, hãy bấm "Tiếp".
description-received = Cảm ơn bạn. Nếu muốn kể thêm, bạn cứ gửi tiếp. Xong rồi thì hãy bấm "Tiếp".
attachment-received = Chúng tôi đã nhận được tệp. Tệp đã được lưu cùng hồ sơ tư vấn của bạn.
reask-sticker = Cảm ơn bạn đã gửi sticker. Hãy viết bằng chữ cho chúng tôi biết bạn đang gặp khó khăn gì nhé.
opt-next = Tiếp
    .words = tiếp, tiếp theo, xong, xong rồi, hết, next
opt-skip = Bỏ qua, không viết
    .words = bỏ qua, không viết, không có gì, thôi, skip

## Cách liên lạc (連絡方法)

q-contact = Bạn muốn nhân viên tư vấn liên lạc với bạn bằng cách nào?
opt-contact-line = Qua LINE này
    .words = line, qua line, nhắn tin, tin nhắn, chat
opt-contact-phone = Điện thoại
    .words = điện thoại, gọi điện, gọi, đt, sđt, phone, tel
opt-contact-visit = Đến quầy trực tiếp
    .words = đến quầy, trực tiếp, gặp trực tiếp, đến tận nơi, đến văn phòng
q-phone = Hãy cho chúng tôi biết số điện thoại của bạn. (Ví dụ: 090-1234-5678)
reask-phone = Chúng tôi không đọc được số điện thoại. Bạn hãy gửi lại nhé. (Ví dụ: { $example })
q-contact-time = Chúng tôi có thể liên lạc với bạn vào khoảng thời gian nào?
opt-time-morning = Buổi sáng
    .words = sáng, buổi sáng
opt-time-afternoon = Buổi chiều
    .words = chiều, buổi chiều, trưa, buổi trưa
opt-time-evening = Từ chiều tối trở đi
    .words = chiều tối, buổi tối, đêm, ban đêm, tối muộn
opt-time-anytime = Lúc nào cũng được
    .words = lúc nào cũng được, bất cứ lúc nào, giờ nào cũng được, khi nào cũng được
q-interpreter = Bạn có cần phiên dịch không?
opt-yes = Có
    .words = có, vâng, ừ, ờ, đúng, đồng ý, cần, có cần, dạ có, vâng ạ, yes, dạ vâng
opt-no = Không
    .words = không, ko, k, hông, hok, khum, không ạ, dạ không, không cần, không muốn, không đồng ý, no, không có, không có ạ

## Những câu như "không sao", "được" (「大丈夫」「いいよ」)
# "Không sao" có thể là "có" hoặc "không", tùy câu hỏi. Khi người dân gõ chữ thay vì bấm nút:
# words-fine ("tôi ổn, không sao") được hiểu là "không" với câu "bạn có đang gặp nguy hiểm không?" và "bạn có cần phiên dịch không?";
# words-unclear (đồng ý mà không rõ đồng ý điều gì), và words-fine ở câu hỏi đồng ý, xóa dữ liệu, xác nhận gửi: chúng tôi hỏi lại.
# Đừng lặp lại ở đây những từ đã có trong opt-yes, opt-no, opt-send...
words-fine =
    .words = không sao, không sao đâu, không sao cả, không sao ạ, ổn, tôi ổn, ổn mà, ổn rồi, không vấn đề gì, bình thường
words-unclear =
    .words = được, được rồi, được ạ, dạ được, cũng được, ok, oke, okay, ừ được, ok ạ, hiểu rồi
reask-unclear = Xin lỗi, với câu trả lời này chúng tôi chưa biết ý bạn là có hay không. Đây là câu hỏi quan trọng, bạn hãy trả lời bằng các nút bên dưới nhé.

## Nơi tư vấn (窓口)

q-window =
    Bạn có thể chọn nơi tư vấn:
    ・Phòng Hỗ trợ Đời sống (生活支援課) tại Tòa thị chính (市役所)
    ・Trung tâm tư vấn của Hội đồng Phúc lợi Xã hội (社会福祉協議会, "Shakyō")
opt-window-city-hall = Thị chính (生活支援課)
    .words = tòa thị chính, thị chính, shiyakusho, phòng hỗ trợ đời sống, 市役所, 生活支援課
opt-window-council = Hội đồng (社会福祉協議会)
    .words = hội đồng, hội đồng phúc lợi xã hội, phúc lợi xã hội, phúc lợi, shakyo, trung tâm tư vấn, 社協, 社会福祉協議会
opt-window-any = Chỗ nào cũng được
    .words = chỗ nào cũng được, đâu cũng được, nơi nào cũng được, tùy, tùy bạn, sao cũng được

## Kiểm tra lại (確認)

summary-title = Hãy kiểm tra lại nội dung.
summary-line = ・{ $field }: { $value }
field-consent-share = Chia sẻ thông tin
field-safety = Nguy hiểm lúc này
field-tonight = Chỗ ngủ tối nay
field-topics = Điều muốn tư vấn
field-household = Người sống cùng
field-vulnerable = Người cần quan tâm
field-area = Khu vực
field-description = Khó khăn đang gặp
field-attachments = Tệp đã gửi
field-contact = Cách liên lạc
field-phone = Số điện thoại
field-contact-time = Thời gian liên lạc
field-interpreter = Phiên dịch
field-window = Nơi tư vấn
household-summary = Người lớn: { $adults } người, trẻ em: { $children } người
value-none = Không có
value-location = Vị trí đã gửi
summary-question = Bạn có muốn gửi nội dung này không?
opt-send = Gửi
    .words = gửi, gửi đi, vâng, đồng ý
opt-change = Sửa
    .words = sửa, sửa lại, thay đổi, đổi, chỉnh, sai rồi
opt-cancel = Hủy
    .words = hủy, dừng, thôi, không gửi, bỏ đi, hủy bỏ
q-change-which = Bạn muốn sửa câu trả lời nào?
cancelled = Đã hủy cuộc tư vấn. Không có nội dung nào được gửi đi. Bạn có thể liên lạc lại bất cứ lúc nào.

## Gửi (送信)

sent =
    Chúng tôi đã nhận được yêu cầu tư vấn của bạn. Mã số hồ sơ của bạn là { $number }.
    Nhân viên tư vấn sẽ đọc và liên lạc với bạn trong vòng { $days } ngày (không tính thứ Bảy, Chủ nhật, ngày lễ và kỳ nghỉ cuối năm).
    Giờ tiếp nhận tại quầy: { $hours }
sent-emergency-again =
    Nếu có nguy hiểm, hãy gọi điện ngay.
    Cảnh sát: { $police } / Cấp cứu, cứu hỏa: { $ambulance }
sent-today =
    Chúng tôi đã nhận được yêu cầu tư vấn của bạn. Mã số hồ sơ của bạn là { $number }.
    Nhân viên tư vấn sẽ đọc và liên lạc với bạn ngay trong hôm nay.
sent-closed =
    Chúng tôi đã nhận được yêu cầu tư vấn của bạn. Mã số hồ sơ của bạn là { $number }.
    Bây giờ quầy tư vấn đã đóng cửa. Quầy sẽ mở cửa lúc { $time }, { $date }.
    Sau khi quầy mở cửa, nhân viên tư vấn sẽ đọc và liên lạc với bạn trong vòng { $days } ngày (không tính thứ Bảy, Chủ nhật, ngày lễ và kỳ nghỉ cuối năm).
# Quầy đang mở, nhưng hôm nay không còn đủ thời gian để liên lạc lần đầu cho hồ sơ khẩn (ví dụ 17:10). $date, $time: lần mở cửa tiếp theo
sent-later-urgent =
    Chúng tôi đã nhận được yêu cầu tư vấn của bạn. Mã số hồ sơ của bạn là { $number }.
    Nhân viên tư vấn sẽ đọc và liên lạc với bạn sớm nhất có thể. Nếu hôm nay không kịp, nhân viên tư vấn sẽ liên lạc ngay khi quầy mở cửa lúc { $time }, { $date }.
sent-closed-urgent =
    Chúng tôi đã nhận được yêu cầu tư vấn của bạn. Mã số hồ sơ của bạn là { $number }.
    Bây giờ quầy tư vấn đã đóng cửa. Quầy sẽ mở cửa lúc { $time }, { $date }.
    Ngay khi quầy mở cửa, nhân viên tư vấn sẽ liên lạc với bạn.
tonight-default =
    Trong giờ tiếp nhận, bạn cũng có thể gọi điện để được tư vấn: { $phone }
case-open-notice = Yêu cầu tư vấn số { $number } đang được xử lý. Tin nhắn này cũng đã được lưu vào hồ sơ. Nhân viên tư vấn sẽ liên lạc với bạn.

## Những từ dùng được bất cứ lúc nào (いつでも使える言葉)

opt-back = Quay lại
    .words = quay lại, trở lại, lùi lại, back
opt-language = Ngôn ngữ/言語
    .words = ngôn ngữ, tiếng, đổi tiếng, đổi ngôn ngữ, language, 言語
opt-person = Nói với nhân viên
    .words = nói chuyện với người, nói với người, nói với nhân viên, nhân viên, nhân viên tư vấn, gặp nhân viên, người thật, tư vấn viên
cmd-restart = Làm lại từ đầu
    .words = bắt đầu lại, làm lại, làm lại từ đầu, từ đầu, reset, restart
q-restart-confirm = Bạn có muốn làm lại từ đầu không? Những câu trả lời trước đó sẽ bị xóa.
restarted = Chúng ta bắt đầu lại từ đầu nhé.
person-case-opened =
    Chúng tôi sẽ kết nối bạn với nhân viên tư vấn. Mã số hồ sơ của bạn là { $number }.
    Nhân viên tư vấn sẽ trả lời bạn qua LINE này. Bạn vui lòng chờ một chút nhé.
person-case-opened-closed =
    Chúng tôi sẽ kết nối bạn với nhân viên tư vấn. Mã số hồ sơ của bạn là { $number }.
    Bây giờ quầy tư vấn đã đóng cửa. Quầy sẽ mở cửa lúc { $time }, { $date }. Khi quầy mở cửa, nhân viên tư vấn sẽ trả lời bạn qua LINE này.
q-resume = Bạn còn một cuộc tư vấn chưa xong. Bạn muốn tiếp tục hay làm lại từ đầu?
opt-continue = Tiếp tục
    .words = tiếp tục, tiếp, làm tiếp
opt-start-over = Làm lại từ đầu
    .words = làm lại, bắt đầu lại, từ đầu

## Hỏi lại (聞き直し)

reask-choose = Xin lỗi, chúng tôi chưa hiểu. Hãy chọn một nút bên dưới, hoặc gửi số thứ tự.
reask-number = Xin lỗi, chúng tôi chưa hiểu. Hãy trả lời bằng số. (Ví dụ: 2)
reask-text = Xin lỗi, bạn hãy viết bằng chữ cho chúng tôi nhé.
reask-location = Cảm ơn bạn đã gửi vị trí. Với câu hỏi này, bạn hãy trả lời bằng nút bấm nhé.

## Khi gặp khủng hoảng (危機のとき)

crisis-message =
    Cảm ơn bạn đã chia sẻ với chúng tôi. Sự an toàn của bạn là điều quan trọng nhất.
    Nếu ngay lúc này bạn đang gặp nguy hiểm, hãy gọi cảnh sát ({ $police }) hoặc cấp cứu ({ $ambulance }).
    Chúng tôi cũng đã báo ngay cho nhân viên tư vấn của LINE này.
hotlines-intro = Ngoài ra, bạn có thể gọi các đường dây điện thoại lắng nghe dưới đây:
hotline-line = ・{ $name }: { $number } ({ $time })

## Khi chúng tôi lo lắng cho bạn (心配なことばのとき)
concern-hopelessness = Có vẻ bạn đang đau khổ đến mức muốn mọi thứ kết thúc.
concern-burden = Có vẻ bạn đang cảm thấy mình là gánh nặng cho người khác, và điều đó rất nặng nề.
concern-farewell = Bạn đã viết những lời giống như lời từ biệt, và chúng tôi rất lo cho bạn.
concern-means = Đọc những gì bạn viết, chúng tôi rất lo cho bạn.
concern-loss_isolation = Có vẻ bạn vừa mất đi điều rất quan trọng và đang phải chịu đựng một mình.
concern-offer = Cảm ơn bạn đã chia sẻ. Chúng tôi đã báo ngay cho nhân viên tư vấn của LINE này. Bạn không phải một mình vượt qua chuyện này.
q-safe-now = Ngay lúc này, bạn có đang an toàn không? Nếu bạn nghĩ mình có thể tự làm hại bản thân, hoặc có người có thể làm hại bạn, hãy bấm "Không".
safe-thanks = Cảm ơn bạn đã trả lời. Nhân viên tư vấn sẽ liên lạc với bạn sớm nhất có thể. Bạn vẫn có thể tiếp tục viết ở đây.

## Cách viết (書き方)

# Giờ tiếp nhận của quầy ($open, $close lấy từ tệp cấu hình)
centre-hours = Thứ Hai đến thứ Sáu, từ { $open } đến { $close } (nghỉ thứ Bảy, Chủ nhật, ngày lễ và kỳ nghỉ cuối năm)
# Tuần khác: mỗi ngày mở cửa với giờ của ngày đó ($weekday là weekday-*), nối bằng list-separator thành $week
centre-hours-day = { $weekday } từ { $open } đến { $close }
centre-hours-week = { $week } (nghỉ ngày lễ và kỳ nghỉ cuối năm)
# Dấu ngăn cách khi liệt kê những mục đã chọn
list-separator = {", "}

## Khi nhân viên tư vấn đang phụ trách

staff-handling = Hồ sơ tư vấn số { $number } đang được nhân viên tư vấn phụ trách. Những gì bạn viết ở đây sẽ được gửi thẳng đến nhân viên.
case-closed-restart = Hồ sơ tư vấn số { $number } đã kết thúc. Nếu lại gặp khó khăn, bạn có thể bắt đầu một cuộc tư vấn mới.

## Tình trạng hồ sơ (có thể hỏi bất cứ lúc nào; $number là mã số hồ sơ; sau đó có thể có my-case-next-*)

cmd-status = Tình trạng hồ sơ
    .words = trạng thái, tình trạng, tình trạng hồ sơ, hồ sơ của tôi thế nào, hồ sơ thế nào rồi, status
my-case-received = Hồ sơ tư vấn số { $number }: đã được tiếp nhận. Nhân viên tư vấn sẽ đọc.
my-case-handling = Hồ sơ tư vấn số { $number }: nhân viên tư vấn đang phụ trách.
my-case-waiting = Hồ sơ tư vấn số { $number }: chúng tôi đang chờ bạn trả lời. Bạn hãy viết vào LINE này nhé.
my-case-closed = Hồ sơ tư vấn số { $number }: đã kết thúc. Nếu lại gặp khó khăn, bạn có thể viết vào đây bất cứ lúc nào.
my-case-next-today = Nhân viên tư vấn sẽ liên lạc với bạn ngay trong hôm nay.
my-case-next-days = Nhân viên tư vấn sẽ liên lạc với bạn trong vòng { $days } ngày (không tính thứ Bảy, Chủ nhật, ngày lễ và kỳ nghỉ cuối năm).
# Ngoài giờ làm việc. $date là date-md, $time là giờ mở cửa
# Hồ sơ khẩn, hôm nay không còn kịp liên lạc. $date, $time: lần mở cửa tiếp theo
my-case-next-later = Nhân viên tư vấn sẽ liên lạc với bạn sớm nhất có thể. Nếu hôm nay không kịp, nhân viên tư vấn sẽ liên lạc ngay khi quầy mở cửa lúc { $time }, { $date }.
my-case-next-closed = Bây giờ quầy tư vấn đã đóng cửa. Quầy sẽ mở cửa lúc { $time }, { $date }.
my-case-none = Bạn chưa gửi yêu cầu tư vấn nào. Hãy viết bất cứ điều gì vào đây để bắt đầu.
my-case-none-intake = Bạn chưa gửi yêu cầu tư vấn. Hãy trả lời các câu hỏi bên dưới, và cuối cùng chọn "Gửi".

## Số khẩn cấp (nút trong menu, hoặc gõ chữ)

cmd-emergency = Số khẩn cấp
    .words = số khẩn cấp, khẩn cấp, số điện thoại khẩn cấp, gọi khẩn cấp, cấp cứu, emergency

## Menu (các nút bên dưới cuộc trò chuyện; nhãn tối đa 20 ký tự, chữ mở menu tối đa 14)

richmenu-start = Bắt đầu tư vấn
richmenu-status = Tình trạng hồ sơ
richmenu-emergency = Số khẩn cấp
richmenu-language = Ngôn ngữ/Language
# Dòng thứ hai, chữ nhỏ hơn, trên ảnh menu, dưới chữ của nút ({""}: không có)
richmenu-emergency-note = Số điện thoại cần gọi
richmenu-language-note = 言語 · Idioma
richmenu-chat-bar = Menu

## Xóa dữ liệu (có thể yêu cầu bất cứ lúc nào)

cmd-erase = Xóa dữ liệu
    .words = xóa dữ liệu, xoá dữ liệu, xóa dữ liệu của tôi, hãy xóa dữ liệu, xin xóa dữ liệu, xóa thông tin của tôi
q-erase-confirm = Bạn có muốn chúng tôi xóa dữ liệu của bạn (những gì bạn đã viết, câu trả lời, tên) không? Nhân viên sẽ xác nhận trước khi xóa.
erase-requested = Vâng. Chúng tôi đã nhận yêu cầu xóa dữ liệu. Nhân viên sẽ xác nhận rồi xóa. Khi xong, chúng tôi sẽ báo qua LINE này.
erase-not-requested = Vâng. Dữ liệu của bạn được giữ nguyên.
erase-done = Dữ liệu của bạn đã được xóa. Khi cần tư vấn lại, bạn có thể nhắn bất cứ lúc nào.

## Tin nhắn mẫu của nhân viên

canned-received = Chúng tôi đã nhận được tin nhắn của bạn. Nhân viên sẽ đọc và trả lời.
canned-call = Nhân viên sẽ gọi điện cho bạn vào khoảng { $time }, { $date }.
canned-window = Vui lòng đến { $window } lúc { $time }, { $date }. Tại quầy tiếp nhận, hãy cho biết số { $number }.
canned-interpreter = Buổi tư vấn tới sẽ có phiên dịch viên tham gia.
# Tên hiển thị trên tin nhắn do nhân viên gửi ("người gửi" của LINE, tối đa 20 ký tự). Không bao giờ là tên thật của nhân viên.
sender-staff = Nhân viên tư vấn
date-md = { $weekday }, ngày { $day }/{ $month }
weekday-0 = Chủ nhật
weekday-1 = Thứ Hai
weekday-2 = Thứ Ba
weekday-3 = Thứ Tư
weekday-4 = Thứ Năm
weekday-5 = Thứ Sáu
weekday-6 = Thứ Bảy
