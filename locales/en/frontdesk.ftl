# frontdesk — English
# What the bot sends to a resident who asks for help. Simple English for people who read it as a
# second language: short sentences, one idea each, everyday words, no idioms. Address: "you".
# An option's .words: what a person may type instead of tapping its button (comma-separated).

## Language (言語)

# This language's name, in the language itself (on the language button)
lang-name = English
    .words = english, inglês, ingles, inglés, 英語, えいご, eigo, tiếng anh, tieng anh, ingles
q-language = Please choose your language.
# The first message to someone who has not chosen a language yet (sent with the other languages)
welcome-language = Hello! This is the city's LINE for help with daily life. Please choose your language.
reask-language = Sorry, I did not understand. Please choose your language with the buttons below.
language-changed = We will continue in English.

## First message (はじめのあいさつ)

welcome =
    Hello! This is the city's Daily Life Help Desk (くらしの相談窓口).
    On this LINE, you can ask for help with problems in daily life: housing, money, work, family and more.
    This LINE is not an emergency service. If your life is in danger, call 110 (police) or 119 (ambulance and fire).
    You can also choose "easy Japanese" (やさしい にほんご).

## Permission (同意)

q-consent-record =
    Before we start, I need to ask you something.
    City staff will save and read this conversation, so that they can help you. May we save it?
consent-declined =
    That is OK. We will not save anything.
    You can also ask for help by phone, or come to the help desk.
    Daily Life Help Desk (くらしの相談窓口): { $phone }
    Opening hours: { $hours }
    You can write to us again any time.
q-consent-share =
    If needed, may we share your information with the city's partners (housing support groups, emergency shelters, other city offices)?
    If you say no, you can still continue.

## Safety (安全)

q-safety = Right now, are you or someone with you in danger?
emergency-numbers =
    Please call now.
    Police: { $police }
    Ambulance and fire: { $ambulance }
    You can also continue this conversation here on LINE.

## Where you sleep tonight (今夜の居場所)

q-tonight = Where will you sleep tonight?
opt-tonight-home-safe = At home (safe)
    .words = at home, my home, my house, my apartment, my room
opt-tonight-home-at-risk = At home (losing it)
    .words = evicted, eviction, losing my home, losing my house, must leave, have to leave, rent not paid, behind on rent
opt-tonight-car = In a car
    .words = car, in a car, in my car, in the car
opt-tonight-net-cafe = Internet cafe/24h
    .words = internet cafe, net cafe, manga cafe, manga kissa, 24 hours, 24h, fast food, family restaurant
opt-tonight-friend = At a friend's
    .words = friend, friends, at a friend's, friend's house, friend's place, a friend
opt-tonight-outside = Outside/street
    .words = outside, on the street, street, in the park, park, homeless, nowhere, no place to sleep, sleeping outside
opt-tonight-facility = Hospital/facility
    .words = hospital, in hospital, in the hospital, facility, care home, clinic
opt-tonight-other = Somewhere else
    .words = somewhere else, other place, another place, other

## Topics (相談したいこと)

q-topics = What do you want to talk about? You can choose more than one. When you finish, tap "Done".
topics-selected = You chose: { $selected }
    If there is more, choose it too. When you finish, tap "Done".
topics-none-yet = You have not chosen anything yet. Please choose at least one.
opt-topic-housing = Housing
    .words = housing, house, home, rent, apartment, room, landlord, guarantor, moving
opt-topic-shelter = A place to sleep
    .words = place to sleep, somewhere to sleep, where to sleep, sleep, shelter, tonight
opt-topic-money = Money
    .words = money, no money, debt, debts, loan, bills, living costs, cannot pay
opt-topic-work = Work
    .words = work, job, jobs, no job, lost my job, fired, unemployed, salary, wages, boss
opt-topic-health = Health/disability
    .words = health, sick, illness, hospital, doctor, disability, disabled, care, nursing care
opt-topic-family = Family/children
    .words = family, child, children, kids, son, daughter, husband, wife, divorce, baby
opt-topic-loneliness = Loneliness
    .words = loneliness, lonely, alone, isolated, no friends, nobody to talk to
opt-topic-documents = Papers/forms
    .words = papers, documents, document, forms, form, visa, residence card, zairyu card, procedure
opt-topic-other = Something else
    .words = something else, other topic, another thing
opt-done = Done
    .words = done, finished, that's all, thats all, that is all, nothing more, next

## Who you live with (世帯)

q-household = Do you live alone, or with other people?
opt-household-alone = Alone
    .words = alone, by myself, on my own, just me, only me, i live alone
opt-household-with-others = With others
    .words = with others, with family, with my family, with someone, with friends, together, with my husband, with my wife
q-adults = How many adults, including you? Please answer with a number.
q-children = How many children (under 18)? If there are none, answer "0".
q-vulnerable = In your home (including you), is there an older person, a person with a disability, or a pregnant woman? Choose all that apply, then tap "Done".
opt-vulnerable-elderly = Older person
    .words = older person, elderly, old person, old, senior, grandmother, grandfather, grandparent
opt-vulnerable-disability = Disability
    .words = disability, disabled, wheelchair, special needs, handicap
opt-vulnerable-pregnant = Pregnant
    .words = pregnant, pregnancy, expecting a baby, expecting
opt-vulnerable-none = Nobody
    .words = nobody, no one, none, nobody else, neither
vulnerable-selected = You chose: { $selected }
    If there is someone else, choose them too. When you finish, tap "Done".

## Area (地域)

q-area = Which area do you live in (or where are you now)? You can also send your location on LINE.
opt-area-central = Central (中央地区)
    .words = central, centre, center, city centre, city center, chuo, 中央
opt-area-east = East (東地区)
    .words = east, east area, east side, higashi, 東
opt-area-south = South (南地区)
    .words = south, south area, south side, minami, 南
opt-area-outside = Outside the city
    .words = outside the city, another city, other city, not in this city, i don't live here
opt-area-unknown = I don't know
    .words = i don't know, i dont know, don't know, dont know, not sure, no idea
area-location-received = We received your location.

## What is happening (困っていること・自由記入)

q-description =
    In your own words, please tell us what is happening. You can write as much as you like.
    You can also send photos or documents. When you finish, tap "Next".
description-received = Thank you. If you want to tell us more, you can keep writing. When you finish, tap "Next".
attachment-received = We received the file. It is saved with your request.
reask-sticker = Thank you for the sticker! Now, please tell us in writing what is happening.
opt-next = Next
    .words = next, go on, continue, finished writing, i'm done, im done
opt-skip = Skip writing
    .words = skip, skip writing, i don't want to write, later, not now

## How we contact you (連絡方法)

q-contact = How should a staff member contact you?
opt-contact-line = On this LINE
    .words = line, on line, by line, here, message, chat
opt-contact-phone = Phone
    .words = phone, phone call, call me, telephone, mobile, by phone
opt-contact-visit = Come in person
    .words = in person, visit, come to the office, go to the office, city hall, counter
q-phone = What is your phone number? (For example: 090-1234-5678)
reask-phone = I could not read the phone number. Can you send it again? (For example: { $example })
q-contact-time = What time is good to contact you?
opt-time-morning = Morning
    .words = morning, in the morning, early, am
opt-time-afternoon = Afternoon
    .words = afternoon, in the afternoon, after lunch
opt-time-evening = Evening
    .words = evening, in the evening, night, at night
opt-time-anytime = Any time
    .words = any time, anytime, whenever, any time is ok, all day
q-interpreter = Do you need an interpreter?
opt-yes = Yes
    .words = yes, yeah, yep, yes please, sure, of course, i need one, i do, y
opt-no = No
    .words = no, nope, no thanks, no thank you, not needed, i don't need, i dont need, n

## Answers like "fine" and "ok" (「大丈夫」「いいよ」)
# "Fine" can mean yes or no, depending on the question. When a person types instead of tapping:
# words-fine ("I am fine, no problem") counts as "no" for "are you in danger now?" and "do you need an interpreter?";
# words-unclear (agreeing without saying to what), and words-fine at the permission, delete-data and send questions: we ask again.
# Do not repeat words of opt-yes, opt-no, opt-send etc. here.
words-fine =
    .words = fine, i'm fine, im fine, i am fine, all good, all right, alright, no problem, no problems, i'm okay, i am okay, i'm ok
words-unclear =
    .words = ok, okay, okey, got it, i see, understood, sounds good, good
reask-unclear = Sorry, from this answer I cannot tell if it is yes or no. This question is important: please answer by tapping one of the buttons below.

## Where you talk to us (窓口)

q-window =
    You can choose where to talk to us:
    ・City Hall (市役所) – Daily Life Support Section (生活支援課)
    ・The Social Welfare Council's help center (社会福祉協議会, "shakyō")
opt-window-city-hall = City Hall (生活支援課)
    .words = city hall, shiyakusho, daily life support, life support section, 市役所, 生活支援課
opt-window-council = Council (社会福祉協議会)
    .words = council, shakyo, welfare council, social welfare council, help center, 社協, 社会福祉協議会
opt-window-any = Either is fine
    .words = either, either one, both, any, you choose, either is fine

## Check (確認)

summary-title = Please check your answers.
summary-line = ・{ $field }: { $value }
field-consent-share = Share information
field-safety = Danger now
field-tonight = Where you sleep
field-topics = Topics
field-household = Who you live with
field-vulnerable = Special care
field-area = Area
field-description = Your situation
field-attachments = Files sent
field-contact = How to contact you
field-phone = Phone
field-contact-time = Time to contact
field-interpreter = Interpreter
field-window = Where to talk
household-summary = Adults: { $adults } / Children: { $children }
value-none = None
value-location = Location sent
summary-question = May we send it like this?
opt-send = Send
    .words = send, send it, please send, submit, go ahead
opt-change = Change
    .words = change, fix, edit, correct, wrong, change an answer
opt-cancel = Cancel
    .words = cancel, stop, don't send, do not send, delete it, quit
q-change-which = Which answer do you want to change?
cancelled = Your request was cancelled. Nothing was sent. You can write to us again any time.

## Sent (送信)

sent =
    We received your request for help. Your request number is { $number }.
    A staff member will read it and contact you within { $days ->
        [one] { $days } working day
       *[other] { $days } working days
    } (not counting Saturdays, Sundays, holidays and the New Year break).
    Opening hours: { $hours }
sent-emergency-again =
    If there is danger, call right away.
    Police: { $police } / Ambulance and fire: { $ambulance }
sent-today =
    We received your request for help. Your request number is { $number }.
    A staff member will read it and contact you today.
sent-closed =
    We received your request for help. Your request number is { $number }.
    The help desk is closed now. It opens on { $date } at { $time }.
    After it opens, a staff member will read your request and contact you within { $days ->
        [one] { $days } working day
       *[other] { $days } working days
    } (not counting Saturdays, Sundays, holidays and the New Year break).
# Open now, but no time left today for the first contact of an urgent case (e.g. 17:10). $date and $time: the next opening
sent-later-urgent =
    We received your request for help. Your request number is { $number }.
    A staff member will read it and contact you as soon as possible. If there is no time left today, we will contact you when the help desk opens: { $date } at { $time }.
sent-closed-urgent =
    We received your request for help. Your request number is { $number }.
    The help desk is closed now. It opens on { $date } at { $time }.
    As soon as it opens, a staff member will contact you.
tonight-default =
    During opening hours, you can also call us: { $phone }
case-open-notice = Your request number { $number } is already being handled. This message was saved with it. A staff member will contact you.

## Words that work at any time (いつでも使える言葉)

opt-back = Back
    .words = back, go back, previous, return
opt-language = Language/言語
    .words = language, change language, other language, 言語
opt-person = Talk to a person
    .words = talk to a person, talk to someone, talk to staff, a person, real person, human, staff, operator
cmd-restart = Start again
    .words = start again, start over, restart, from the beginning, begin again, reset
q-restart-confirm = Do you want to start again? Your answers so far will be deleted.
restarted = Let's start again.
person-case-opened =
    We will pass you to a staff member. Your request number is { $number }.
    The staff member will answer here on this LINE. Please wait a little.
person-case-opened-closed =
    We will pass you to a staff member. Your request number is { $number }.
    The help desk is closed now. It opens on { $date } at { $time }. When it opens, a staff member will answer here on this LINE.
q-resume = You have a request that is not finished. Do you want to continue where you stopped, or start again?
opt-continue = Continue
    .words = continue, go on, keep going, where i stopped
opt-start-over = Start again
    .words = start again, start over, from the beginning

## When we do not understand (聞き直し)

reask-choose = Sorry, I did not understand. Please choose one of the buttons below, or send the number of the answer.
reask-number = Sorry, I did not understand. Please answer with a number. (For example: 2)
reask-text = Sorry, please tell us in writing.
reask-location = Thank you for the location. For this question, please tap a button.

## In a crisis (危機のとき)

crisis-message =
    Thank you for telling us. Your safety is the most important thing now.
    If you are in danger right now, call the police ({ $police }) or an ambulance ({ $ambulance }).
    We have told a staff member of this LINE right away.
hotlines-intro = There are also phone lines with people ready to listen to you:
hotline-line = ・{ $name }: { $number } ({ $time })

## When something worries us (心配なことばのとき)
concern-hopelessness = It sounds like you are suffering so much that you want everything to end.
concern-burden = It sounds like you feel you are a burden to others. That hurts a lot.
concern-farewell = You wrote something that sounds like a goodbye. We are very worried about you.
concern-means = Reading what you wrote, we are very worried about you.
concern-loss_isolation = It sounds like you lost something very important, and you are facing it alone.
concern-offer = Thank you for telling us. We have told a staff member of this LINE right away. You do not have to go through this alone.
q-safe-now = Are you safe right now? If you feel you may hurt yourself, or someone may hurt you, tap "No".
safe-thanks = Thank you for answering. A staff member will contact you as soon as possible. You can keep writing here.

## How things are written (書き方)

# Opening hours ($open and $close come from the configuration file)
centre-hours = Monday to Friday, { $open } to { $close } (closed on holidays and during the New Year break)
# Other weeks: each open day with its hours ($weekday is a weekday-*), joined by list-separator in $week
centre-hours-day = { $weekday } { $open } to { $close }
centre-hours-week = { $week } (closed on holidays and during the New Year break)
# Separator when we list what the person chose
list-separator = {", "}

## When a staff member is handling the request

staff-handling = A staff member is handling your request no. { $number }. What you write here goes straight to them.
case-closed-restart = Request no. { $number } is closed. If you need help again, just write to start a new one.

## Request status (can be asked at any time; $number is the number; a my-case-next-* may follow)

cmd-status = My request status
    .words = status, my status, request status, my request, how is my request, check my request, what is happening with my request
my-case-received = Request no. { $number }: received. A staff member will read it soon.
my-case-handling = Request no. { $number }: a staff member is handling it.
my-case-waiting = Request no. { $number }: we are waiting for your answer. Please write here on this LINE.
my-case-closed = Request no. { $number }: closed. If you need help again, just write here any time.
my-case-next-today = A staff member will contact you today.
my-case-next-days =
    A staff member will contact you within { $days ->
        [one] { $days } working day
       *[other] { $days } working days
    } (not counting Saturdays, Sundays, holidays and the New Year break).
# Outside opening hours. $date is date-md, $time the time it opens
# An urgent case with no time left today for the contact. $date and $time: the next opening
my-case-next-later = A staff member will contact you as soon as possible. If there is no time left today, we will contact you when the help desk opens: { $date } at { $time }.
my-case-next-closed = The help desk is closed now. It opens on { $date } at { $time }.
my-case-none = You have not sent a request for help yet. To start, just write any message here.
my-case-none-intake = You have not sent your request yet. Please answer the questions below, and at the end choose "Send".

## Emergency numbers (a menu button, or typed)

cmd-emergency = Emergency
    .words = emergency, emergency numbers, emergency number, help me, sos

## Menu (the buttons under the chat; labels up to 20 characters, the menu text up to 14)

richmenu-start = Ask for help
richmenu-status = My request status
richmenu-emergency = Emergency
richmenu-language = Language/言語
# Second, smaller line on the menu image, under the button's words ({""}: none)
richmenu-emergency-note = Numbers to call
richmenu-language-note = Idioma · Ngôn ngữ
richmenu-chat-bar = Menu

## Delete my data (can be asked at any time)

cmd-erase = Delete my data
    .words = delete my data, delete my information, erase my data, remove my data, i want my data deleted
q-erase-confirm = Do you want us to delete your data (what you wrote, your answers, your name)? A staff member checks before deleting.
erase-requested = OK. We received your request to delete your data. A staff member will check it and then delete it. We will tell you here on LINE when it is done.
erase-not-requested = OK. Your data stays saved.
erase-done = Your data was deleted. If you want to talk again, just write to us.

## Staff's ready-made messages

canned-received = We received your message. A staff member will read it and answer.
canned-call = A staff member will call you on { $date }, at about { $time }.
canned-window = Please come on { $date } at { $time }. Place: { $window }. At the reception desk, please say the number { $number }.
canned-interpreter = An interpreter will join our next conversation.
# The name shown on messages written by staff (LINE's "sender", up to 20 characters). Never the person's name.
sender-staff = Staff member
# The month written as a word: "12/10" reads as 12 October to many readers and 10 December to others
date-md = { $weekday }, { $month ->
         [1] January
         [2] February
         [3] March
         [4] April
         [5] May
         [6] June
         [7] July
         [8] August
         [9] September
         [10] October
         [11] November
        *[12] December
    } { $day }
weekday-0 = Sunday
weekday-1 = Monday
weekday-2 = Tuesday
weekday-3 = Wednesday
weekday-4 = Thursday
weekday-5 = Friday
weekday-6 = Saturday
