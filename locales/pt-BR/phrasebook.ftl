### Frases da equipe (phrasebook) em português do Brasil. O original é ../ja/phrasebook.ftl.
### Os campos ({ $date } etc.) têm os mesmos nomes e a mesma quantidade do original.

## first: primeiro contato e espera

pb-first-hello = Olá. Sou da equipe de atendimento para problemas do dia a dia. A partir de agora, vou ouvir você por este LINE.
pb-first-read = Lemos sua mensagem. Um(a) atendente vai ligar para você ainda hoje.
pb-first-call-at = Um(a) atendente vai ligar para você { $date }, por volta das { $time }.
pb-first-wait = Estamos verificando. Aguarde um momento, por favor.
pb-first-reply-by = Vamos responder por este LINE até { $date }.
pb-first-call-missed = Ligamos para você, mas não conseguimos falar. Vamos ligar de novo { $date }, por volta das { $time }.
pb-first-good-time = Você pode falar por telefone agora?
pb-first-number = Seu número de atendimento é { $number }. Informe esse número na recepção ou por telefone.

## appointment: agendamentos e visitas

pb-appointment-come = Por favor, venha { $date }, às { $time }. Local: { $place }. Na recepção, informe o número { $number }.
pb-appointment-can-you-come = Você pode vir { $date }, às { $time }? Local: { $place }.
pb-appointment-cancelled = O horário de { $date }, às { $time }, foi cancelado. Vamos entrar em contato de novo.
pb-appointment-changed = Seu horário mudou. O novo horário é { $new_date }, às { $new_time }. Local: { $place }.
pb-appointment-reminder = Lembrete: esperamos você amanhã, { $date }, às { $time }. Local: { $place }.
pb-appointment-late = Se você for se atrasar ou não puder vir, avise por este LINE, por favor.
pb-appointment-home-visit = Um(a) atendente vai visitar sua casa { $date }, por volta das { $time }.
pb-appointment-where = O local é { $place }.

## documents: documentos para trazer

pb-documents-bring = Por favor, traga { $document }.
pb-documents-bring-list = Por favor, traga: { $documents }
pb-documents-photo = Se preferir, você pode mandar uma foto de { $document } por este LINE.
pb-documents-letter = Por favor, mande por este LINE uma foto da carta (aviso) que você recebeu.
pb-documents-without = Mesmo sem { $document }, venha assim mesmo. Vamos ver juntos o que fazer.
pb-documents-not-needed = Não precisa trazer { $document }.
pb-documents-received = Recebemos a foto. Obrigado(a).

## shelter: onde dormir esta noite

pb-shelter-arranged = Conseguimos um lugar para você passar esta noite: { $place }. Chegue até as { $time }, por favor. Quando chegar, ligue para { $phone }.
pb-shelter-meet = Um(a) atendente vai esperar você às { $time }. Local: { $place }.
pb-shelter-none =
    Sentimos muito. Ainda não conseguimos um lugar para você dormir esta noite.
    Esta noite, vá até este local, por favor: { $place }. Amanhã de manhã vamos entrar em contato de novo.
    Em caso de perigo, ligue 110 (polícia). Em caso de ferimento ou doença súbita, ligue 119 (ambulância).
pb-shelter-emergency = Em caso de perigo, ligue 110 (polícia). Em caso de ferimento ou doença súbita, ligue 119 (ambulância).
pb-shelter-bring = Traga o que você precisa para esta noite: remédios, carregador de celular, cartão de residente (zairyu card) etc.
pb-shelter-until = Você pode ficar até { $date }. Antes disso, vamos conversar juntos sobre os próximos passos.
pb-shelter-safe-now = Você está em um lugar seguro agora? Diga onde você está, por favor.

## housing: moradia

pb-housing-guarantor = Mesmo sem fiador, é possível alugar usando uma empresa de garantia (hoshō gaisha). Podemos ajudar com o pedido.
pb-housing-arrears = Não fique sozinho(a) com o aluguel atrasado. Vamos pensar juntos em como pagar e em que apoio você pode usar.
pb-housing-eviction = Se chegou uma carta pedindo para você sair da moradia, não saia antes de falar com a gente. Mande uma foto da carta, por favor.
pb-housing-landlord = Se você concordar, podemos conversar com o proprietário ou com a imobiliária.
pb-housing-viewing = Encontramos um imóvel que talvez você possa alugar. Você pode ir vê-lo { $date }, às { $time }?
pb-housing-rent = O aluguel é de { $amount } por mês.

## money: dinheiro

pb-money-small-loan = Em uma emergência, o Conselho de Bem-Estar Social (Shakai Fukushi Kyōgikai) pode emprestar um pequeno valor (até { $amount }). É um empréstimo: depois é preciso devolver. Podemos ajudar com o pedido.
pb-money-livelihood = Talvez você possa receber o auxílio de subsistência (seikatsu hogo). Podemos ajudar com o pedido. Local: { $place }.
pb-money-food = Há ajuda com alimentos. Você pode buscar { $date }. Local: { $place }.
pb-money-application-documents = Para o pedido, você vai precisar de: { $documents }
pb-money-decided = O valor que você vai receber foi definido: { $amount }. O pagamento será feito { $date }.

## interpreter: intérprete

pb-interpreter-call = Um(a) intérprete vai participar da ligação.
pb-interpreter-visit = Quando você vier, { $date }, às { $time }, um(a) intérprete vai estar junto.
pb-interpreter-arranging = Estamos procurando um(a) intérprete. Aguarde um pouco, por favor.

## closing: encerramento

pb-closing-anything-else = Tem mais alguma coisa em que podemos ajudar?
pb-closing-will-close = Vamos encerrar este atendimento agora. Obrigado(a) pelo contato.
pb-closing-write-again = Se precisar de novo, escreva para este LINE quando quiser.
pb-closing-take-care = Cuide-se bem.

## Como os campos são escritos

amount-yen = ¥{ $amount }
amount-group-separator = {"."}

doc-residence_card = cartão de residente (zairyu card, 在留カード)
doc-my_number_card = cartão My Number (マイナンバーカード)
doc-health_insurance_card = cartão do seguro de saúde (保険証)
doc-passport = passaporte
doc-pay_slips = holerites (給与明細)
doc-bank_book = caderneta do banco (通帳)
doc-rental_contract = contrato de aluguel (賃貸借契約書)
doc-letter = a carta (aviso) que você recebeu
doc-seal = carimbo pessoal (inkan, 印鑑)

## question: perguntas respondidas com um toque

pb-question-which-time = Em qual destes dias e horários você pode vir? Toque em um deles.
pb-question-which-place = Qual lugar é mais fácil para você? Toque no número.

ask-none-fits = Nenhum dá certo

# A resposta quando a pessoa toca num botão de pergunta (ou escreve a resposta)
ask-thanks = Obrigado. Passamos a sua resposta para o(a) atendente.
ask-already-answered = Você já respondeu esta pergunta. Se quiser mudar a resposta, escreva aqui. O(a) atendente vai ler.
ask-not-open = Esta pergunta não está mais aberta. Escreva a sua resposta aqui. O(a) atendente vai ler.
ask-case-closed = Esta consulta já foi encerrada. Se precisar de ajuda de novo, escreva aqui para começar uma nova.
date-button = { $weekday } { $day }/{ $month } { $time }
weekday-short-0 = dom
weekday-short-1 = seg
weekday-short-2 = ter
weekday-short-3 = qua
weekday-short-4 = qui
weekday-short-5 = sex
weekday-short-6 = sáb
