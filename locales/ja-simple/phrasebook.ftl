### 相談員の 文例集（phrasebook）の やさしい にほんご。原文は ../ja/phrasebook.ftl です。
### 差し込み（{ $date } など）は 原文と 同じ 名前・同じ 数に します。

## first：最初の 連絡・待って もらう とき

pb-first-hello = こんにちは。生活（せいかつ）の 相談（そうだん）の 担当（たんとう）です。これから、この LINEで 話（はなし）を 聞（き）きます。
pb-first-read = メッセージを 読（よ）みました。今日（きょう）、担当（たんとう）の 人が 電話（でんわ） します。
pb-first-call-at = { $date } { $time }ごろ、担当（たんとう）の 人が 電話（でんわ） します。
pb-first-wait = 今（いま）、しらべて います。少（すこ）し 待（ま）って ください。
pb-first-reply-by = { $date }までに、この LINEで 返事（へんじ）を します。
pb-first-call-missed = 電話（でんわ） しましたが、つながりませんでした。{ $date } { $time }ごろ、もう 一度（いちど） 電話（でんわ） します。
pb-first-good-time = 今（いま）、電話（でんわ）で 話（はな）しても いいですか。
pb-first-number = 受付番号（うけつけ ばんごう）は { $number } です。窓口（まどぐち）や 電話（でんわ）で、この 番号（ばんごう）を 言（い）って ください。

## appointment：来（く）る 日（ひ）の 約束（やくそく）

pb-appointment-come = { $date } { $time }に、{ $place }に 来（き）て ください。受付（うけつけ）で、受付番号（うけつけ ばんごう） { $number }を 言（い）って ください。
pb-appointment-can-you-come = { $date } { $time }に、{ $place }に 来（く）る ことが できますか。
pb-appointment-cancelled = { $date } { $time }の 約束（やくそく）は、なしに なりました。また 連絡（れんらく） します。
pb-appointment-changed = 約束（やくそく）の 日（ひ）と 時間（じかん）が かわりました。新（あたら）しい 日（ひ）は { $new_date } { $new_time }です。場所（ばしょ）は { $place }です。
pb-appointment-reminder = あした { $date } { $time }に、{ $place }で 待（ま）って います。
pb-appointment-late = おくれる とき、来（く）る ことが できない ときは、この LINEで 教（おし）えて ください。
pb-appointment-home-visit = { $date } { $time }ごろ、担当（たんとう）の 人が あなたの 家（いえ）に 行（い）きます。
pb-appointment-where = 場所（ばしょ）は { $place }です。

## documents：持（も）って くる もの

pb-documents-bring = { $document }を 持（も）って きて ください。
pb-documents-bring-list = これを 持（も）って きて ください：{ $documents }
pb-documents-photo = { $document }の 写真（しゃしん）を、この LINEで 送（おく）っても いいです。
pb-documents-letter = とどいた 手紙（てがみ）の 写真（しゃしん）を、この LINEで 送（おく）って ください。
pb-documents-without = { $document }が なくても、来（き）て ください。どう するか、いっしょに 考（かんが）えます。
pb-documents-not-needed = { $document }は、持（も）って こなくても いいです。
pb-documents-received = 写真（しゃしん）を もらいました。ありがとう ございます。

## shelter：今夜（こんや） ねる 場所（ばしょ）

pb-shelter-arranged = 今夜（こんや） とまる 場所（ばしょ）が あります。場所（ばしょ）は { $place }です。{ $time }までに 行（い）って ください。着（つ）いたら、{ $phone }に 電話（でんわ） して ください。
pb-shelter-meet = { $time }に、{ $place }で 担当（たんとう）の 人が 待（ま）って います。
pb-shelter-none =
    ごめんなさい。今夜（こんや） とまる 場所（ばしょ）は、まだ ありません。
    今夜（こんや）は { $place }に 行（い）って ください。あしたの 朝（あさ）、また 連絡（れんらく） します。
    あぶない ときは、110（警察（けいさつ））に 電話（でんわ） して ください。けがや 急（きゅう）な 病気（びょうき）の ときは、119（救急車（きゅうきゅうしゃ））に 電話（でんわ） して ください。
pb-shelter-emergency = あぶない ときは、110（警察（けいさつ））に 電話（でんわ） して ください。けがや 急（きゅう）な 病気（びょうき）の ときは、119（救急車（きゅうきゅうしゃ））に 電話（でんわ） して ください。
pb-shelter-bring = 薬（くすり）、スマホの 充電器（じゅうでんき）、在留（ざいりゅう）カードなど、今夜（こんや） いる ものを 持（も）って きて ください。
pb-shelter-until = { $date }まで とまる ことが できます。その 前（まえ）に、これからの ことを いっしょに 相談（そうだん） しましょう。
pb-shelter-safe-now = 今（いま）、安全（あんぜん）な 場所（ばしょ）に いますか。どこに いるか 教（おし）えて ください。

## housing：住（す）む ところ

pb-housing-guarantor = 保証人（ほしょうにん）が いなくても、保証会社（ほしょう がいしゃ）を 使（つか）って 部屋（へや）を かりる ことが できます。申（もう）し込（こ）みを 手伝（てつだ）います。
pb-housing-arrears = 家賃（やちん）を はらえない ことを、ひとりで なやまないで ください。はらい方（かた）や 使（つか）える 助（たす）けを、いっしょに 考（かんが）えます。
pb-housing-eviction = 部屋（へや）を 出（で）るように という 手紙（てがみ）が 来（き）ても、わたしたちと 話（はな）す 前（まえ）に 部屋（へや）を 出（で）ないで ください。手紙（てがみ）の 写真（しゃしん）を 送（おく）って ください。
pb-housing-landlord = あなたが よければ、わたしたちが 大家（おおや）さんや 管理会社（かんり がいしゃ）と 話（はな）す ことが できます。
pb-housing-viewing = かりる ことが できるかも しれない 部屋（へや）が 見（み）つかりました。{ $date } { $time }に 見（み）に 行（い）けますか。
pb-housing-rent = 家賃（やちん）は 1か月（いっかげつ） { $amount }です。

## money：お金（かね）

pb-money-small-loan = 急（きゅう）に お金（かね）が いる ときの 話（はなし）です。社会福祉協議会（しゃかい ふくし きょうぎかい）で、{ $amount }まで かりる ことが できる ときが あります。あとで かえす お金（かね）です。申（もう）し込（こ）みを 手伝（てつだ）います。
pb-money-livelihood = 生活保護（せいかつ ほご）（生活（せいかつ）の ための お金（かね））を もらえるかも しれません。{ $place }で 申（もう）し込（こ）みを 手伝（てつだ）います。
pb-money-food = 食（た）べ物（もの）を もらう ことが できます。{ $date }に { $place }で もらえます。
pb-money-application-documents = 申（もう）し込（こ）みには、これが いります：{ $documents }
pb-money-decided = もらえる お金（かね）は { $amount }に 決（き）まりました。{ $date }に はらわれます。

## interpreter：通訳（つうやく）

pb-interpreter-call = 電話（でんわ）には 通訳（つうやく）が 入（はい）ります。
pb-interpreter-visit = { $date } { $time }に 来（く）る とき、通訳（つうやく）が いっしょに います。
pb-interpreter-arranging = 通訳（つうやく）を さがして います。少（すこ）し 待（ま）って ください。

## closing：おわりに

pb-closing-anything-else = ほかに こまって いる ことは ありますか。
pb-closing-will-close = この 相談（そうだん）は、これで おわりに します。ありがとう ございました。
pb-closing-write-again = また こまった ときは、いつでも この LINEに 書（か）いて ください。
pb-closing-take-care = 体（からだ）に 気（き）を つけて ください。

## 差し込みの 書き方

amount-yen = { $amount }円
amount-group-separator = {","}

doc-residence_card = 在留（ざいりゅう）カード
doc-my_number_card = マイナンバーカード
doc-health_insurance_card = 保険証（ほけんしょう）
doc-passport = パスポート
doc-pay_slips = 給料（きゅうりょう）の 明細（めいさい）
doc-bank_book = 銀行（ぎんこう）の 通帳（つうちょう）
doc-rental_contract = 部屋（へや）を かりた ときの 契約書（けいやくしょ）
doc-letter = とどいた 手紙（てがみ）
doc-seal = はんこ

## question：ボタンで 答（こた）えて もらう 質問（しつもん）

pb-question-which-time = 来（く）る ことが できる 日（ひ）と 時間（じかん）を 押（お）して ください。
pb-question-which-place = 行（い）きやすい 場所（ばしょ）の 番号（ばんごう）を 押（お）して ください。

ask-none-fits = どれも だめ

# 質問の ボタンを おした ときの 返事（へんじ）
ask-thanks = ありがとう ございます。あなたの 答え（こたえ）を 相談員（そうだんいん）に 伝え（つたえ）ました。
ask-already-answered =
    この 質問（しつもん）には、もう 答え（こたえ）が あります。
    答えを かえたい ときは、ここに 書いて ください。
    相談員（そうだんいん）が 読みます。
ask-not-open =
    この 質問（しつもん）は、もう おわりました。
    答え（こたえ）は、ここに 書いて ください。
    相談員（そうだんいん）が 読みます。
ask-case-closed =
    この 相談（そうだん）は、もう おわりました。
    また こまったら、ここに 書いて ください。
    あたらしく 相談 できます。
date-button = { $month }/{ $day }({ $weekday }) { $time }
weekday-short-0 = 日
weekday-short-1 = 月
weekday-short-2 = 火
weekday-short-3 = 水
weekday-short-4 = 木
weekday-short-5 = 金
weekday-short-6 = 土
