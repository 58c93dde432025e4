### Staff phrases (phrasebook) in English. The original is ../ja/phrasebook.ftl.
### Simple English for people who read it as a second language. The slots ({ $date } etc.)
### have the same names and the same number as in the original.

## first: first contact and waiting

pb-first-hello = Hello. I am from the Daily Life Help Desk. From now on, I will listen to you on this LINE.
pb-first-read = We have read your message. A staff member will call you today.
pb-first-call-at = A staff member will call you on { $date }, at about { $time }.
pb-first-wait = We are checking. Please wait a moment.
pb-first-reply-by = We will answer on this LINE by { $date }.
pb-first-call-missed = We called you, but we could not reach you. We will call again on { $date }, at about { $time }.
pb-first-good-time = Can you talk on the phone now?
pb-first-number = Your request number is { $number }. Please say this number at the reception desk or on the phone.

## appointment: appointments and visits

pb-appointment-come = Please come on { $date } at { $time }. Place: { $place }. At the reception desk, please say the number { $number }.
pb-appointment-can-you-come = Can you come on { $date } at { $time }? Place: { $place }.
pb-appointment-cancelled = The appointment on { $date } at { $time } is cancelled. We will contact you again.
pb-appointment-changed = Your appointment has changed. The new time is { $new_date } at { $new_time }. Place: { $place }.
pb-appointment-reminder = Reminder: we will see you tomorrow, { $date }, at { $time }. Place: { $place }.
pb-appointment-late = If you will be late or cannot come, please tell us on this LINE.
pb-appointment-home-visit = A staff member will visit your home on { $date }, at about { $time }.
pb-appointment-where = The place is { $place }.

## documents: documents to bring

pb-documents-bring = Please bring { $document }.
pb-documents-bring-list = Please bring: { $documents }
pb-documents-photo = If you like, you can send a photo of { $document } on this LINE.
pb-documents-letter = Please send a photo of the letter (notice) you received on this LINE.
pb-documents-without = Please come even without { $document }. We will find a way together.
pb-documents-not-needed = You do not need to bring { $document }.
pb-documents-received = We received the photo. Thank you.

## shelter: where to sleep tonight

pb-shelter-arranged = We found a place for you to stay tonight: { $place }. Please arrive by { $time }. When you arrive, call { $phone }.
pb-shelter-meet = A staff member will wait for you at { $time }. Place: { $place }.
pb-shelter-none =
    We are very sorry. We have not found a place for you to sleep tonight yet.
    Tonight, please go to this place: { $place }. We will contact you again tomorrow morning.
    If you are in danger, call 110 (police). If you are hurt or suddenly sick, call 119 (ambulance).
pb-shelter-emergency = If you are in danger, call 110 (police). If you are hurt or suddenly sick, call 119 (ambulance).
pb-shelter-bring = Please bring what you need for tonight: medicine, a phone charger, your residence card (zairyu card) and so on.
pb-shelter-until = You can stay until { $date }. Before then, we will talk together about the next steps.
pb-shelter-safe-now = Are you in a safe place now? Please tell us where you are.

## housing: housing

pb-housing-guarantor = Even without a guarantor, you can rent a home with a guarantee company (hoshō gaisha). We can help you apply.
pb-housing-arrears = If you are behind on rent, you do not have to deal with it alone. Let's think together about how to pay and what support you can use.
pb-housing-eviction = If you got a letter telling you to leave your home, please do not leave before you talk to us. Please send us a photo of the letter.
pb-housing-landlord = If you agree, we can talk to your landlord or the real estate agent.
pb-housing-viewing = We found a home you may be able to rent. Can you go to see it on { $date } at { $time }?
pb-housing-rent = The rent is { $amount } a month.

## money: money

pb-money-small-loan = In an emergency, the Social Welfare Council (Shakai Fukushi Kyōgikai) can lend a small amount of money (up to { $amount }). It is a loan: you must pay it back later. We can help you apply.
pb-money-livelihood = You may be able to get public assistance for living costs (seikatsu hogo). We can help you apply. Place: { $place }.
pb-money-food = There is food support. You can pick it up on { $date }. Place: { $place }.
pb-money-application-documents = To apply, you will need: { $documents }
pb-money-decided = The amount you will get is decided: { $amount }. It will be paid on { $date }.

## interpreter: interpreter

pb-interpreter-call = An interpreter will join the phone call.
pb-interpreter-visit = When you come on { $date } at { $time }, an interpreter will be there with you.
pb-interpreter-arranging = We are looking for an interpreter. Please wait a little.

## closing: closing

pb-closing-anything-else = Is there anything else we can help you with?
pb-closing-will-close = We will close this request now. Thank you for contacting us.
pb-closing-write-again = If you need help again, write to this LINE any time.
pb-closing-take-care = Please take care of yourself.

## How the slots are written

amount-yen = ¥{ $amount }
amount-group-separator = {","}

doc-residence_card = your residence card (zairyu card, 在留カード)
doc-my_number_card = your My Number card (マイナンバーカード)
doc-health_insurance_card = your health insurance card (保険証)
doc-passport = your passport
doc-pay_slips = your pay slips (給与明細)
doc-bank_book = your bank book (通帳)
doc-rental_contract = your rental contract (賃貸借契約書)
doc-letter = the letter (notice) you received
doc-seal = your personal seal (inkan, 印鑑)

## question: questions answered with one tap

pb-question-which-time = Which of these days and times can you come? Please tap one.
pb-question-which-place = Which place is easier for you? Please tap the number.

ask-none-fits = None of these work
# The answer when a resident taps a question's button (or writes their answer)
ask-thanks = Thank you. We gave your answer to the staff member.
ask-already-answered = You already answered this question. If you want to change your answer, please write it here. A staff member will read it.
ask-not-open = This question is closed now. Please write your answer here. A staff member will read it.
ask-case-closed = This consultation has already ended. If you need help again, please write here to start a new one.
# Short enough for a button (20 characters): "Wed Dec 10 14:00"
date-button = { $weekday } { $month ->
         [1] Jan
         [2] Feb
         [3] Mar
         [4] Apr
         [5] May
         [6] Jun
         [7] Jul
         [8] Aug
         [9] Sep
         [10] Oct
         [11] Nov
        *[12] Dec
    } { $day } { $time }
weekday-short-0 = Sun
weekday-short-1 = Mon
weekday-short-2 = Tue
weekday-short-3 = Wed
weekday-short-4 = Thu
weekday-short-5 = Fri
weekday-short-6 = Sat
