# frontdesk — 職員向けの言葉（日本語のみ）
# 相談員の画面と、コーディネーターへの通知に使います。住民に送る言葉は frontdesk.ftl にあります。
# 回答の選択肢（opt-*）と項目名（field-*）は frontdesk.ftl の日本語をそのまま使います。

## 窓口（キュー）

queue-consultation = 生活相談センター
queue-housing = 住まい支援
queue-shelter = 一時宿泊（シェルター）
queue-interpreter = 通訳（多文化共生センター）

## 優先度

priority-emergency = 緊急
priority-urgent = 至急
priority-normal = 通常

## 状態

status-new = 新規
status-in_progress = 対応中
status-waiting = 住民の返事待ち
status-resolved = 解決
status-closed = 終了

## 終了の理由

outcome-supported = 支援により解決
outcome-referred = 他機関へつないだ
outcome-no_contact = 連絡がとれない
outcome-withdrawn = 本人が取り下げ
outcome-duplicate = 重複
outcome-erased = 本人の求めでデータ削除

## 役割

role-staff = 相談員
role-coordinator = コーディネーター
role-admin = 管理者

## 受付の理由

reason-submitted = 相談を送信
reason-asked_for_staff = 相談員と話したい
reason-crisis = 危機のことば

## 危機の種類

crisis-suicide = 自殺
crisis-self_harm = 自傷
crisis-violence = 暴力
crisis-abuse = 虐待
crisis-means = 手段の準備（懸念）
crisis-farewell = 別れ・身辺整理（懸念）
crisis-hopelessness = 絶望感（懸念）
crisis-burden = 負担感（懸念）
crisis-loss_isolation = 喪失と孤立（懸念）

## 言語

lang-ja = 日本語
lang-ja-simple = やさしい日本語
lang-pt-BR = ポルトガル語
lang-vi = ベトナム語
lang-en = 英語
lang-unknown = 未選択

## 履歴

action-claim = 担当した
action-assign = 担当を変えた
action-transfer = 窓口を移した
action-status = 状態を変えた
action-note = メモ
action-interpreter = 通訳を依頼した
action-reply = 住民に返信した
action-erase_requested = 住民がデータ削除を求めた
action-erased = データを削除した

## 定型文（住民の言語で送ります）

canned-received-name = メッセージを受け取りました
canned-call-name = 電話します（日時）
canned-window-name = 窓口に来てください（日時・窓口）
canned-interpreter-name = 通訳が入ります

## コーディネーターへの通知（LINEグループ）
# 自由記述・電話番号・名前は入れません。受付番号と画面へのリンクだけで十分です。

# $stage: first（最初の通知）、reminder（だれも「対応します」を押さないので再通知）、
# escalated（さらに未対応のため当番と相談センターへ）
alert-stage =
    { $stage ->
        [reminder] 【再通知・未対応】
        [escalated] 【未対応のため当番へ】
       *[first] {""}
    }
alert-title =
    { $level ->
        [emergency] 【緊急】新しい相談があります
       *[urgent] 【至急】今夜の居場所がない相談です
    }
alert-body =
    受付番号：{ $number }
    窓口：{ $queue }　優先度：{ $priority }
    今夜の場所：{ $tonight }
    言語：{ $lang }
    世帯：{ $household }
alert-link = { $url }
# 通知のボタン。「対応します」を押すと「対応します 受付番号」がグループに送られ、担当になります。
alert-ack-label = 対応します
alert-open-label = ダッシュボードで開く

## 「対応します」を押したときのグループへの返事
# 名前は職員アカウントの名前です。
alert-ack-claimed = { $name }さんが対応します（{ $number }）
alert-ack-held = この相談は{ $name }さんが対応しています（{ $number }）
# LINEアカウントが職員アカウントにつながっていない人へ。相談の中身は書きません。
alert-ack-link-first =
    「対応します」で担当になるには、先にLINEアカウントを職員アカウントにつなげてください。
    管理者に「frontdesk staff link 職員名」でコードを出してもらい、そのコードをこのアカウントに1対1のトークで送ります。
    今すぐ対応するときは、ダッシュボードで「担当する」を押してください。
alert-ack-not-allowed = このアカウントでは、この相談を担当できません。ダッシュボードで確かめてください。
alert-ack-unknown = 受付番号 { $number } の相談は見つかりません。番号を確かめてください。
alert-ack-closed = この相談（{ $number }）はすでに終了しています。

## 相談の画面と一覧に出す通知の状態
alert-state-waiting = 通知 { $time } 送信・未対応
alert-state-reminded = 再通知済み・未対応
alert-state-escalated = 当番へ連絡済み・未対応
alert-state-acked = 対応：{ $name }（{ $via }）{ $time }
alert-via-line = LINE
alert-via-dashboard = ダッシュボード

## LINEアカウントをつなげるコード（1対1のトークで送られたとき）
line-link-done = { $name }さんの職員アカウントに、このLINEアカウントをつなげました。これからは通知の「対応します」で担当になれます。
line-link-unknown = このコードは使えません。コードを確かめるか、管理者に新しいコードを出してもらってください。
line-link-expired = このコードは有効期限（15分）が切れています。管理者に新しいコードを出してもらってください。
line-link-used = このコードはすでに使われています。管理者に新しいコードを出してもらってください。

## 文例集（phrasebook）の場面。文例そのものは locales/*/phrasebook.ftl にあります。

pb-group-first = 最初の連絡・お待たせ
pb-group-appointment = 来所・訪問の約束
pb-group-documents = 持ってくる書類
pb-group-shelter = 今夜の居場所
pb-group-housing = 住まい
pb-group-money = お金
pb-group-interpreter = 通訳
pb-group-closing = 終わりに

## 住民が押したボタン（会話記録で、住民が見たボタンの横に出します）

tap-language = 言語
tap-consent_record = 記録への同意
tap-consent_share = 協力機関との共有への同意
tap-safety = 今の危険
tap-tonight = 今夜の場所
tap-topics = 相談したいこと
tap-household = 世帯
tap-adults = 大人の人数
tap-children = 子どもの人数
tap-vulnerable = 配慮が必要な方
tap-area = 地域
tap-description = 困っていること
tap-contact = 連絡方法
tap-phone = 電話番号
tap-contact_time = 連絡の時間帯
tap-interpreter = 通訳
tap-window = 窓口
tap-summary = 確認
tap-change = 直す項目
tap-cmd = 操作
tap-lang = 言語
tap-modal = 確認
pb-group-question = 質問（ボタンで答えてもらう）

## 未対応の通知（だれも「対応します」を押していない通知。管理画面と相談の履歴）

escalation-waiting-title = 未対応の通知
escalation-waiting-help = シェルター・緊急の通知で、まだだれも対応していないものです。LINEで「対応します」を押すか、ダッシュボードで「担当する」を押すと、ここから消えます。
escalation-waiting-none = 未対応の通知はありません。
escalation-col-case = 受付番号
escalation-col-level = 種類
escalation-col-stage = 通知の段階
escalation-col-sent = 最初の通知
escalation-col-age = 経過
escalation-level-1 = 至急（今夜の居場所がない）
escalation-level-2 = 緊急
escalation-stage-0 = 通知済み
escalation-stage-1 = 再通知済み
escalation-stage-2 = 当番とセンターに通知済み
escalation-age = { $minutes }分
action-alert_reminder = 未対応のため、コーディネーターに再通知した
action-alert_escalated = 未対応のため、当番とセンターに通知した

## 文例の差し込み：相談の画面の入力欄と、文例の見出し（〈日付〉の〈時刻〉に…）

pb-slot-date = 日付
pb-slot-new_date = 新しい日付
pb-slot-time = 時刻
pb-slot-new_time = 新しい時刻
pb-slot-place = 場所
pb-slot-document = 書類
pb-slot-documents = 書類（いくつでも）
pb-slot-amount = 金額（円）
pb-slot-phone = 電話番号
pb-slot-number = 受付番号

## 質問（ボタンで答えてもらう質問。issue 14）
action-ask = 質問を送った
action-answer = 住民が質問に答えた
tap-ask = 質問への回答
question-tap-other = この相談の質問ではないボタン（受け付けていません）
question-title = 質問
question-none = まだ質問していません。
question-state-open = 回答待ち
question-state-answered = 回答
question-state-expired = 期限切れ
question-state-cancelled = 取り消し
question-deadline = 期限
question-via-tap = ボタン
question-via-typed = 入力した文
question-asked-in = 送った言語
question-form-title = 質問を送る（ボタンで答えてもらう）
question-form-phrase = 質問の文例
question-form-slots = 文例に入れる日時・場所（文例が使うものだけ）
question-form-kind = 答え方
question-kind-yes_no = はい／いいえ
question-kind-times = 日時から選ぶ
question-kind-places = 場所から選ぶ
question-form-times = 選んでもらう日時（2つ〜6つ）
question-form-places = 選んでもらう場所（2つ〜6つ）
question-form-send = 質問を送る
question-form-note = 住民の言語で、答えのボタンを付けて送ります。新しい質問を送ると、答えのない前の質問は取り消しになります。
