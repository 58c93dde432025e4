# frontdesk — 日本語
# 相談者（住民）に送る言葉です。短く、やさしく、ひとつの文にひとつのことを。
# 選択肢の .words は、ボタンを使わずに文字で答えたときに受け付ける言い方です（カンマ区切り）。

## 言語

# この言語の名前（言語を選ぶボタンに、その言語自身で表示します）
lang-name = 日本語
    .words = 日本語, にほんご, japanese, japones, nihongo, tieng nhat
q-language = 使う言葉を選んでください。
# 言語がまだわからない人への最初のあいさつ（4つの言語で並べて送ります）
welcome-language = こんにちは。市の「くらしの相談窓口」のLINEです。使う言葉を選んでください。
# 言語がまだわからない人が、ボタン以外を送ったとき（4つの言語で並べて送ります）
reask-language = すみません、わかりませんでした。使う言葉を下のボタンから選んでください。
language-changed = 日本語で続けます。

## はじめのあいさつ

welcome =
    こんにちは。市の「くらしの相談窓口」です。
    このLINEで、住まい・お金・仕事・家族など、くらしの困りごとを相談できます。
    これは緊急通報ではありません。命の危険があるときは、110番（警察）か119番（救急・消防）に電話してください。
    「やさしい にほんご」も選べます。

## 同意

q-consent-record =
    はじめに確認させてください。
    このやりとりの内容は、市の相談員が相談のために記録し、読みます。記録してもよいですか？
consent-declined =
    わかりました。記録はしません。
    電話や窓口でも相談できます。
    くらしの相談窓口：{ $phone }
    受付時間：{ $hours }
    いつでもまた声をかけてください。
q-consent-share =
    相談の内容を、必要に応じて協力機関（住まいの支援団体、一時的な宿泊場所、市の他の課）と共有してもよいですか？
    共有しない場合も、相談はできます。

## 安全

q-safety = 今、あなたや一緒にいる人に、危険がありますか？
emergency-numbers =
    今すぐ電話してください。
    警察：{ $police }
    救急・消防：{ $ambulance }
    このLINEの相談も、このまま続けられます。

## 今夜の居場所

q-tonight = 今夜はどこで寝ますか？
opt-tonight-home-safe = 自宅（安心）
    .words = 自宅, 家, うち, いえ, じたく
opt-tonight-home-at-risk = 自宅（住めなくなりそう）
    .words = 追い出される, 退去, 立ち退き
opt-tonight-car = 車の中
    .words = 車, くるま, 車中泊
opt-tonight-net-cafe = ネットカフェ・24時間店
    .words = ネットカフェ, ネカフェ, 漫画喫茶, まんきつ, ファミレス
opt-tonight-friend = 友人・知人の家
    .words = 友達, 友人, 知人, ともだち
opt-tonight-outside = 外（路上など）
    .words = 外, 路上, 野宿, 公園, そと
opt-tonight-facility = 病院・施設
    .words = 病院, 施設, びょういん
opt-tonight-other = その他
    .words = ほか, 他

## 相談したいこと

q-topics = 相談したいことを選んでください。いくつでも選べます。選び終わったら「決定」を押してください。
topics-selected = 選んだもの：{ $selected }
    ほかにもあれば選んでください。終わったら「決定」を押してください。
topics-none-yet = まだ何も選んでいません。ひとつ以上選んでください。
opt-topic-housing = 住まい
    .words = 家賃, 保証人, 住居, 部屋, 引っ越し, 立ち退き, アパート
opt-topic-shelter = 今夜泊まる場所
    .words = 泊まる, 寝る場所, シェルター
opt-topic-money = お金
    .words = 生活費, 借金, ローン, 金
opt-topic-work = 仕事
    .words = 失業, 仕事がない, しごと
opt-topic-health = 健康・介護・障害
    .words = 病気, 介護, 障害, けんこう
opt-topic-family = 家族・子ども
    .words = 家族, 子ども, 子供, こども
opt-topic-loneliness = 孤独・ひきこもり
    .words = 孤独, ひきこもり, ひとり
opt-topic-documents = 書類・手続き
    .words = 書類, 手続き, しょるい
opt-topic-other = その他
    .words = ほか, 他
opt-done = 決定
    .words = 決定, 終わり, おわり, 次, つぎ, 以上

## 世帯

q-household = ひとりで暮らしていますか？ほかの人と一緒ですか？
opt-household-alone = ひとり
    .words = 一人, ひとり, 単身
opt-household-with-others = ほかの人と一緒
    .words = 家族, 一緒, いっしょ
q-adults = あなたを入れて、大人は何人ですか？数字で答えてください。
q-children = 子ども（18歳未満）は何人ですか？いなければ「0」と答えてください。
q-vulnerable = あなたや一緒に暮らす人の中に、高齢の方、障害のある方、妊娠中の方はいますか？あてはまるものを選んで、最後に「決定」を押してください。
opt-vulnerable-elderly = 高齢の方
    .words = 高齢, 老人, お年寄り
opt-vulnerable-disability = 障害のある方
    .words = 障害, 障がい
opt-vulnerable-pregnant = 妊娠中の方
    .words = 妊娠, 妊婦
opt-vulnerable-none = いない
    .words = いない, なし, いません
vulnerable-selected = 選んだもの：{ $selected }
    ほかにもあれば選んでください。終わったら「決定」を押してください。

## 地域

q-area = お住まい（今いる場所）の地域を選んでください。LINEの位置情報を送ることもできます。
opt-area-central = 中央地区
    .words = 中央, ちゅうおう
opt-area-east = 東地区
    .words = 東, ひがし
opt-area-south = 南地区
    .words = 南, みなみ
opt-area-outside = 市外
    .words = 市外, 他の市
opt-area-unknown = わからない
    .words = わからない, 不明, わかりません
area-location-received = 位置情報を受け取りました。

## 困っていること（自由記入）

q-description =
    困っていることを、あなたの言葉で教えてください。長くても大丈夫です。
    写真や書類を送ることもできます。書き終わったら「次へ」を押してください。
description-received = ありがとうございます。付け足すことがあれば、続けて送ってください。終わったら「次へ」を押してください。
attachment-received = ファイルを受け取りました。相談の記録に入れました。
reask-sticker = スタンプありがとうございます。困っていることを、文字で教えてください。
opt-next = 次へ
    .words = 次, つぎ, 次へ, 以上, 終わり
opt-skip = 書かずに進む
    .words = スキップ, なし, 特にない

## 連絡方法

q-contact = 相談員からの連絡は、どの方法がよいですか？
opt-contact-line = このLINEで
    .words = LINE, ライン
opt-contact-phone = 電話
    .words = 電話, でんわ, tel
opt-contact-visit = 窓口に行く
    .words = 窓口, 行く, 来所
q-phone = 電話番号を教えてください。（例：090-1234-5678）
reask-phone = 電話番号が読み取れませんでした。もう一度送ってください。（例：{ $example }）
q-contact-time = 連絡してよい時間帯はいつですか？
opt-time-morning = 午前
    .words = 午前, 朝, あさ
opt-time-afternoon = 午後
    .words = 午後, 昼, ひる
opt-time-evening = 夕方以降
    .words = 夕方, 夜, よる
opt-time-anytime = いつでも
    .words = いつでも, 何時でも
q-interpreter = 通訳が必要ですか？
opt-yes = はい
    .words = はい, うん, ええ, 必要, お願い, yes
opt-no = いいえ
    .words = いいえ, いや, ない, 不要, no

## 「大丈夫」「いいよ」のような答え
# 「大丈夫」は、質問によって「はい」にも「いいえ」にもなります。ボタンを使わずにこう書かれたとき：
# words-fine（「平気です」の意味）は、「今、危険がありますか？」「通訳が必要ですか？」には「いいえ」として受け付けます。
# words-unclear（何に賛成しているか、はっきりしない答え）と、同意・データの削除・送信の確認への words-fine は、もう一度ボタンで聞きます。
# どちらも、opt-yes・opt-no・opt-send などと同じ言葉を入れないでください。
words-fine =
    .words = 大丈夫, 大丈夫です, 大丈夫だよ, だいじょうぶ, だいじょうぶです, だいじょぶ, 平気, 平気です, 問題ない, 問題ありません
words-unclear =
    .words = いいよ, いいです, いい, いいですよ, ok, okay, オッケー, オーケー, 了解, りょうかい, わかった, わかりました
reask-unclear = すみません、その答えでは、どちらの意味かわかりませんでした。大切な質問なので、下のボタンで答えてください。

## 窓口

q-window =
    相談する窓口を選べます。
    ・市役所の生活支援課
    ・社会福祉協議会の相談センター
opt-window-city-hall = 市役所 生活支援課
    .words = 市役所, 生活支援課
opt-window-council = 社会福祉協議会
    .words = 社協, 社会福祉協議会, 相談センター
opt-window-any = どちらでもよい
    .words = どちらでも, どっちでも, おまかせ

## 確認

summary-title = 内容を確認してください。
summary-line = ・{ $field }：{ $value }
field-consent-share = 協力機関との共有
field-safety = 今の危険
field-tonight = 今夜の場所
field-topics = 相談したいこと
field-household = 世帯
field-vulnerable = 配慮が必要な方
field-area = 地域
field-description = 困っていること
field-attachments = 送ったファイル
field-contact = 連絡方法
field-phone = 電話番号
field-contact-time = 連絡の時間帯
field-interpreter = 通訳
field-window = 窓口
household-summary = 大人 { $adults }人、子ども { $children }人
value-none = なし
value-location = 位置情報
summary-question = この内容で送りますか？
opt-send = 送る
    .words = 送る, 送信, はい
opt-change = 直す
    .words = 直す, 変更, 修正, 訂正
opt-cancel = やめる
    .words = やめる, 中止, キャンセル
q-change-which = どの答えを直しますか？
cancelled = 相談を取り消しました。相談の内容は、どこにも送っていません。いつでもまた声をかけてください。

## 送信

sent =
    相談を受け付けました。受付番号は { $number } です。
    相談員が内容を読んで、{ $days }日以内（土日・祝日・年末年始を除く）に連絡します。
    窓口の受付時間：{ $hours }
sent-emergency-again =
    危険があるときは、すぐに電話してください。
    警察：{ $police }　救急・消防：{ $ambulance }
# 窓口が開いていて、急ぐ相談（今夜の場所がない、危険、つらい気持ち）のとき
sent-today =
    相談を受け付けました。受付番号は { $number } です。
    相談員が内容を読んで、今日のうちに連絡します。
# 窓口の時間外（夜・土日・祝日・年末年始）。$date は date-md、$time は開く時刻
sent-closed =
    相談を受け付けました。受付番号は { $number } です。
    今は窓口の時間外です。窓口は { $date } { $time } に開きます。
    相談員が内容を読んで、窓口が開いてから{ $days }日以内（土日・祝日・年末年始を除く）に連絡します。
# 窓口は開いているが、急ぐ相談への最初の連絡の時間が今日の受付時間に残っていないとき（例：17:10）。$date, $time は次に開く日時
sent-later-urgent =
    相談を受け付けました。受付番号は { $number } です。
    相談員が内容を読んで、できるだけ早く連絡します。今日の受付時間のうちに連絡できないときは、次に窓口が開く { $date } { $time } から、すぐに連絡します。
sent-closed-urgent =
    相談を受け付けました。受付番号は { $number } です。
    今は窓口の時間外です。窓口は { $date } { $time } に開きます。
    窓口が開いたら、すぐに相談員が連絡します。
# 時間外に、急ぐ相談（今夜の場所がない、危険、つらい気持ち）の人へ。設定ファイルの [hours.tonight] がないときの文。このあと緊急の番号が続きます
tonight-default =
    窓口が開いている時間は、電話でも相談できます。窓口の電話：{ $phone }
case-open-notice = 受付番号 { $number } の相談は受け付け中です。このメッセージも相談の記録に入れました。相談員から連絡します。

## いつでも使える言葉

opt-back = もどる
    .words = 戻る, もどる, 前, まえ
opt-language = Language/言語
    .words = 言語, ことば, 言葉, language
opt-person = 人と話したい
    .words = 人と話したい, 相談員, 担当者, オペレーター, 人間
cmd-restart = 最初から
    .words = 最初から, はじめから, やり直し, リセット
q-restart-confirm = 最初からやり直しますか？今までの答えは消えます。
restarted = 最初からはじめます。
person-case-opened =
    相談員につなぎます。受付番号は { $number } です。
    相談員から、このLINEで返事をします。少し待ってください。
person-case-opened-closed =
    相談員につなぎます。受付番号は { $number } です。
    今は窓口の時間外です。窓口が { $date } { $time } に開いたら、相談員がこのLINEで返事をします。
q-resume = 前の相談の続きがあります。続けますか？最初からやり直しますか？
opt-continue = 続ける
    .words = 続ける, つづける, 続き
opt-start-over = 最初から
    .words = 最初から, はじめから, やり直し

## 聞き直し

reask-choose = すみません、わかりませんでした。下のボタンから選ぶか、番号を送ってください。
reask-number = すみません、わかりませんでした。数字で答えてください。（例：2）
reask-text = すみません、文字で教えてください。
reask-location = 位置情報ありがとうございます。今の質問には、ボタンで答えてください。

## 危機のとき

crisis-message =
    教えてくれて、ありがとうございます。あなたの安全がいちばん大切です。
    今すぐ危険があるときは、警察（{ $police }）か救急（{ $ambulance }）に電話してください。
    このLINEの相談員にも、すぐに伝えました。
hotlines-intro = 話を聞いてくれる電話もあります。
hotline-line = ・{ $name }：{ $number }（{ $time }）

## 心配なことばのとき（はっきりした危険のことばではないが、つらさのサインがあるとき）
# 気持ちを言葉にして受けとめ、電話の相談先を伝え、今安全かを聞きます。「いいえ」なら緊急の案内をします。
concern-hopelessness = もう終わりにしたいと思うほど、つらい気持ちなのですね。
concern-burden = 自分がまわりの負担になっていると感じて、苦しいのですね。
concern-farewell = お別れのようなことばがあったので、あなたのことがとても心配です。
concern-means = あなたの書いたことを読んで、あなたのことがとても心配です。
concern-loss_isolation = 大切なものを失って、ひとりで抱えているのですね。
concern-offer = 話してくれて、ありがとうございます。このLINEの相談員に、すぐに伝えました。ひとりで抱えこまなくていいのです。
q-safe-now = 今、あなたは安全ですか？自分を傷つけてしまいそうなとき、だれかに傷つけられそうなときは「いいえ」を押してください。
safe-thanks = 教えてくれて、ありがとうございます。相談員から、できるだけ早く連絡します。ここに続けて書くこともできます。

## 書き方

# 窓口の受付時間。月〜金が同じ時間で土日が休みのとき（$open, $close は設定ファイルの [hours] から）
centre-hours = 平日 { $open }〜{ $close }（土日・祝日・年末年始を除く）
# それ以外の週：開く曜日ごとの時間（$weekday は weekday-*）を list-separator でつないだものが $week
centre-hours-day = { $weekday } { $open }〜{ $close }
centre-hours-week = { $week }（祝日・年末年始を除く）
# 選んだものを並べるときの区切り
list-separator = {"、"}


## 相談員が対応しているとき

staff-handling = 受付番号 { $number } の相談は、相談員が担当しています。このLINEに書いたことは、そのまま相談員に届きます。
case-closed-restart = 受付番号 { $number } の相談は終わりました。また困ったときは、新しく相談できます。

## 相談の状況（いつでも聞けます。$number は受付番号。状況の後に my-case-next-* が続くことがあります）

cmd-status = 相談の状況
    .words = 状況, 相談の状況, 状況を教えて, 状態, 進み具合, 進捗, どうなった, どうなっていますか, ステータス, status
my-case-received = 受付番号 { $number } の相談：受け付けました。これから相談員が読みます。
my-case-handling = 受付番号 { $number } の相談：相談員が対応しています。
my-case-waiting = 受付番号 { $number } の相談：相談員が、あなたの返事を待っています。このLINEに書いてください。
my-case-closed = 受付番号 { $number } の相談：終わりました。また困ったときは、いつでもこのLINEに書いてください。
my-case-next-today = 相談員から、今日のうちに連絡します。
my-case-next-days = 相談員から、{ $days }日以内（土日・祝日・年末年始を除く）に連絡します。
# 急ぐ相談で、今日の受付時間に連絡の時間が残っていないとき。$date, $time は次に開く日時
my-case-next-later = 相談員が、できるだけ早く連絡します。今日の受付時間のうちに連絡できないときは、次に窓口が開く { $date } { $time } から、すぐに連絡します。
# 窓口の時間外。$date は date-md、$time は開く時刻
my-case-next-closed = 今は窓口の時間外です。窓口は { $date } { $time } に開きます。
my-case-none = まだ相談は届いていません。このLINEに何か書いて送ると、相談を始められます。
my-case-none-intake = まだ相談は届いていません。下の質問に答えて、最後に「送る」を選ぶと、相談が届きます。

## 緊急の連絡先（リッチメニューのボタン、またはことばで）

cmd-emergency = 緊急の連絡先
    .words = 緊急の連絡先, 緊急連絡先, 緊急の電話, 緊急電話, 緊急番号, emergency

## リッチメニュー（トーク画面の下のボタン。ボタンの名前は20文字まで、メニューを開く文字は14文字まで）

richmenu-start = 相談をはじめる
richmenu-status = 相談の状況
richmenu-emergency = 緊急の連絡先
richmenu-language = 言語/Language
# メニュー画像で、ボタンの言葉の下に小さく出す2行目（{""}：なし）
richmenu-emergency-note = {""}
richmenu-language-note = Idioma · Ngôn ngữ · ことば
richmenu-chat-bar = 相談メニュー

## データの削除（いつでも言えます）

cmd-erase = データの削除
    .words = データを消して, データを消してください, データ削除, データの削除, 個人情報を消して, 個人情報を消してください, 記録を消して, 記録を消してください
q-erase-confirm = あなたのデータ（書いたこと、答え、名前）を消してほしいですか？相談員が確認してから消します。
erase-requested = わかりました。データを消す依頼を受け付けました。相談員が確認してから消します。終わったら、このLINEでお知らせします。
erase-not-requested = わかりました。データはそのままにします。
erase-done = あなたのデータを消しました。また相談したいときは、いつでも声をかけてください。

## 相談員からの定型文（相談員が選んで送ります）

canned-received = メッセージを受け取りました。相談員が内容を確認して、返事をします。
canned-call = { $date } { $time }ごろに、相談員から電話します。
canned-window = { $date } { $time }に、{ $window }に来てください。受付で受付番号 { $number } を伝えてください。
canned-interpreter = 次の相談には、通訳が入ります。
# 相談員が送るメッセージに出る名前（LINEの「送信者」、20文字まで）。職員の名前は出しません。
sender-staff = 相談員
# 日付：$month 月、$day 日、$weekday 曜日（下の weekday-*）
date-md = { $month }月{ $day }日（{ $weekday }）
weekday-0 = 日
weekday-1 = 月
weekday-2 = 火
weekday-3 = 水
weekday-4 = 木
weekday-5 = 金
weekday-6 = 土
