### 相談員の文例集（phrasebook）：相談員が日本語で選び、住民には住民の言語で届きます。
### この ja ファイルが原文です。相談員の画面には、訳文の横にこの日本語が出ます。
###
### 差し込み（すべての言語で同じ名前・同じ数にします。テストが確かめます）：
###   $date, $new_date  … 日付（曜日つき。言語ごとの書き方で入ります）
###   $time, $new_time  … 時刻（14:00）
###   $place            … 場所（設定した市の窓口・施設の一覧から。住所と地図は別の行に付きます）
###   $document         … 書類ひとつ（設定した書類の一覧から）
###   $documents        … 書類いくつか（同じ一覧から。言語ごとの区切りで並びます）
###   $amount           … 金額（円。言語ごとの書き方で入ります）
###   $phone            … 電話番号（窓口・施設の番号）
###   $number           … 受付番号（自動で入ります）
### メッセージ名は pb-<場面>-<名前>。場面の名前は ja/staff.ftl の pb-group-<場面>。

## first：最初の連絡・お待たせするとき

pb-first-hello = こんにちは。生活の相談の担当者です。これから、このLINEでお話を聞きます。
pb-first-read = メッセージを読みました。今日中に、担当者からお電話します。
pb-first-call-at = { $date }の{ $time }ごろ、担当者からお電話します。
pb-first-wait = 確認していますので、少しお待ちください。
pb-first-reply-by = { $date }までに、このLINEでお返事します。
pb-first-call-missed = お電話しましたが、つながりませんでした。{ $date }の{ $time }ごろ、もう一度お電話します。
pb-first-good-time = 今、お電話で話しても大丈夫ですか。
pb-first-number = 受付番号は { $number } です。窓口や電話では、この番号を伝えてください。

## appointment：来所・訪問の約束

pb-appointment-come = { $date }の{ $time }に、{ $place }に来てください。受付で、受付番号 { $number } を伝えてください。
pb-appointment-can-you-come = { $date }の{ $time }に、{ $place }に来ることができますか。
pb-appointment-cancelled = { $date }の{ $time }の約束は、取り消しになりました。あらためて連絡します。
pb-appointment-changed = 約束の日時が変わりました。新しい日時は{ $new_date }の{ $new_time }、場所は{ $place }です。
pb-appointment-reminder = 明日{ $date }の{ $time }に、{ $place }でお待ちしています。
pb-appointment-late = 遅れるときや来られなくなったときは、このLINEで知らせてください。
pb-appointment-home-visit = { $date }の{ $time }ごろ、担当者がご自宅にうかがいます。
pb-appointment-where = 場所は{ $place }です。

## documents：持ってくる書類

pb-documents-bring = { $document }を持ってきてください。
pb-documents-bring-list = 次のものを持ってきてください：{ $documents }
pb-documents-photo = { $document }の写真を、このLINEで送ってもかまいません。
pb-documents-letter = 届いた手紙（通知）の写真を、このLINEで送ってください。
pb-documents-without = { $document }がなくても、来てください。どうするか一緒に考えます。
pb-documents-not-needed = { $document }は、持ってこなくて大丈夫です。
pb-documents-received = 写真を受け取りました。ありがとうございます。

## shelter：今夜の居場所

pb-shelter-arranged = 今夜泊まる場所を用意しました。場所は{ $place }です。{ $time }までに着くようにしてください。着いたら { $phone } に電話してください。
pb-shelter-meet = { $time }に、{ $place }で担当者が待っています。
pb-shelter-none =
    申し訳ありません。今夜泊まる場所は、まだ用意できていません。
    今夜は{ $place }に行ってください。明日の朝、もう一度連絡します。
    危ないときは110（警察）に、けがや急な病気のときは119（救急車）に電話してください。
pb-shelter-emergency = 危ないときは110（警察）に、けがや急な病気のときは119（救急車）に電話してください。
pb-shelter-bring = 薬、携帯電話の充電器、在留カードなど、今夜必要なものを持ってきてください。
pb-shelter-until = { $date }まで泊まることができます。その前に、これからのことを一緒に相談しましょう。
pb-shelter-safe-now = 今、安全な場所にいますか。どこにいるか教えてください。

## housing：住まい

pb-housing-guarantor = 保証人がいなくても、保証会社を使って部屋を借りる方法があります。申し込みを手伝います。
pb-housing-arrears = 家賃を払えていないことは、一人で悩まないでください。払い方や使える支援を一緒に考えます。
pb-housing-eviction = 部屋を出るように言われる手紙が届いても、私たちと話す前に部屋を出ないでください。手紙の写真を送ってください。
pb-housing-landlord = あなたがよければ、私たちから大家さんや管理会社に話すことができます。
pb-housing-viewing = 借りられるかもしれない部屋が見つかりました。{ $date }の{ $time }に見に行けますか。
pb-housing-rent = 家賃は月{ $amount }です。

## money：お金

pb-money-small-loan = 急にお金が必要なときは、社会福祉協議会で少しのお金（{ $amount }まで）を借りられることがあります。あとで返すお金です。申し込みを手伝います。
pb-money-livelihood = 生活保護を受けられるかもしれません。{ $place }で申し込みを手伝います。
pb-money-food = 食べ物の支援があります。{ $date }に{ $place }で受け取れます。
pb-money-application-documents = 申し込みには、次のものが必要です：{ $documents }
pb-money-decided = 受け取る金額は{ $amount }に決まりました。{ $date }に支払われます。

## interpreter：通訳

pb-interpreter-call = 電話には通訳が入ります。
pb-interpreter-visit = { $date }の{ $time }に来るとき、通訳が一緒にいます。
pb-interpreter-arranging = 通訳を探しています。少しお待ちください。

## closing：終わりに

pb-closing-anything-else = ほかに困っていることはありますか。
pb-closing-will-close = この相談は、これで終わりにします。ありがとうございました。
pb-closing-write-again = また困ったときは、いつでもこのLINEに書いてください。
pb-closing-take-care = どうぞお体に気をつけてください。

## 差し込みの書き方

# 金額：$amount は区切りを入れた数字（amount-group-separator で区切ります）
amount-yen = { $amount }円
amount-group-separator = {","}

# 書類（$document, $documents）。設定の [phrasebook] documents で、出す書類を選びます。
doc-residence_card = 在留カード
doc-my_number_card = マイナンバーカード
doc-health_insurance_card = 健康保険証
doc-passport = パスポート
doc-pay_slips = 給与明細
doc-bank_book = 預金通帳
doc-rental_contract = 賃貸借契約書
doc-letter = 届いた手紙（通知）
doc-seal = 印鑑

## question：ボタンで答えてもらう質問（はい・いいえは、ほかの文例でも聞けます）

pb-question-which-time = 次の日時のうち、来られるものを押してください。
pb-question-which-place = 行きやすい場所の番号を押してください。

# 質問のボタン。どれも20文字まで。
ask-none-fits = どれも無理

# 住民が質問のボタンを押したとき（または答えを書いたとき）の返事
ask-thanks = ありがとうございます。あなたの答えを相談員に伝えました。
ask-already-answered = この質問には、もう答えをいただいています。答えを変えたいときは、このLINEに書いてください。相談員が読みます。
ask-not-open = この質問は、もう締め切りました。答えは、このLINEに書いてください。相談員が読みます。
ask-case-closed = この相談は、もう終わっています。また困ったときは、このLINEに書いてください。新しく相談できます。
date-button = { $month }/{ $day }({ $weekday }) { $time }
weekday-short-0 = 日
weekday-short-1 = 月
weekday-short-2 = 火
weekday-short-3 = 水
weekday-short-4 = 木
weekday-short-5 = 金
weekday-short-6 = 土
