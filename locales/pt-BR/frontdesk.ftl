# frontdesk — Português (Brasil)
# Textos enviados ao morador que pede ajuda. Curtos, gentis, uma ideia por frase. Tratamento: "você".
# O .words das opções: o que a pessoa pode digitar em vez de tocar no botão (separado por vírgulas).

## Idioma (言語)

# Nome deste idioma, no próprio idioma (aparece no botão de escolher o idioma)
lang-name = Português
    .words = português, portuguese, ポルトガル語, ぽるとがるご, porutogarugo, tiếng bồ đào nha, bồ đào nha, brasileiro, pt
q-language = Escolha o idioma.
# Primeira mensagem para quem ainda não escolheu o idioma (enviada junto com as outras línguas)
welcome-language = Olá! Este é o LINE de consultas sobre a vida da prefeitura. Escolha o seu idioma.
reask-language = Desculpe, não entendi. Escolha o seu idioma nos botões abaixo.
language-changed = Vamos continuar em português.

## Primeira mensagem (はじめのあいさつ)

welcome =
    Olá! Aqui é o Atendimento de Consultas sobre a Vida (くらしの相談窓口) da prefeitura.
    Por este LINE, você pode pedir ajuda com problemas do dia a dia: moradia, dinheiro, trabalho, família e outros.
    Este LINE não é um serviço de emergência. Se a sua vida estiver em perigo, ligue 110 (polícia) ou 119 (ambulância e bombeiros).
    Você também pode escolher "japonês fácil" (やさしい にほんご).

## Autorização (同意)

q-consent-record =
    Antes de começar, preciso perguntar uma coisa.
    Os atendentes da prefeitura vão registrar e ler esta conversa, para poder ajudar você. Podemos registrar?
consent-declined =
    Tudo bem. Não vamos registrar nada.
    Você também pode pedir ajuda por telefone ou indo pessoalmente ao atendimento.
    Atendimento de Consultas sobre a Vida (くらしの相談窓口): { $phone }
    Horário de atendimento: { $hours }
    Pode voltar a falar com a gente quando quiser.
q-consent-share =
    Se for preciso, podemos compartilhar as informações do seu caso com parceiros da prefeitura (grupos de apoio à moradia, abrigos temporários, outras seções da prefeitura)?
    Se você disser não, pode continuar a consulta do mesmo jeito.

## Segurança (安全)

q-safety = Agora, você ou alguém que está com você corre perigo?
emergency-numbers =
    Ligue agora mesmo.
    Polícia: { $police }
    Ambulância e bombeiros: { $ambulance }
    Você também pode continuar esta conversa aqui no LINE.

## Onde dormir hoje (今夜の居場所)

q-tonight = Onde você vai dormir hoje à noite?
opt-tonight-home-safe = Em casa (tudo bem)
    .words = casa, em casa, minha casa, apartamento
opt-tonight-home-at-risk = Em casa (vou perder)
    .words = despejo, despejado, despejada, vou perder a casa, perder a casa, aluguel atrasado, ter que sair, vou ter que sair
opt-tonight-car = No carro
    .words = carro, no carro, dentro do carro, automóvel
opt-tonight-net-cafe = Net café/loja 24h
    .words = net café, netcafé, internet café, cyber café, mangá café, manga kissa, lan house, 24h, 24 horas, restaurante 24h, loja 24h
opt-tonight-friend = Casa de amigo
    .words = amigo, amiga, amigos, casa de amigo, casa de amiga, conhecido, conhecida
opt-tonight-outside = Na rua/ao ar livre
    .words = rua, na rua, lá fora, fora, ao ar livre, parque, praça, calçada, sem teto, sem-teto, sem casa, não tenho casa, não tenho onde dormir
opt-tonight-facility = Hospital/instituição
    .words = hospital, internado, internada, instituição, clínica, casa de repouso
opt-tonight-other = Outro lugar
    .words = outro, outra, outro lugar

## Assuntos (相談したいこと)

q-topics = Escolha sobre o que você quer conversar. Pode escolher mais de um. Quando terminar, toque em "Pronto".
topics-selected = Você escolheu: { $selected }
    Se tiver mais alguma coisa, escolha também. Quando terminar, toque em "Pronto".
topics-none-yet = Você ainda não escolheu nada. Escolha pelo menos um.
opt-topic-housing = Moradia
    .words = moradia, casa, aluguel, fiador, apartamento, quarto, mudança, despejo
opt-topic-shelter = Onde dormir hoje
    .words = dormir, lugar para dormir, onde dormir, abrigo, pernoite, hoje à noite
opt-topic-money = Dinheiro
    .words = dinheiro, grana, dívida, dívidas, empréstimo, contas, sem dinheiro, custo de vida
opt-topic-work = Trabalho
    .words = trabalho, emprego, serviço, desemprego, desempregado, desempregada, demitido, demitida, sem trabalho, empreiteira
opt-topic-health = Saúde/deficiência
    .words = saúde, doença, doente, cuidado, cuidador, cuidados, idoso, deficiência, deficiente
opt-topic-family = Família/filhos
    .words = família, filho, filha, filhos, criança, crianças, marido, esposa, divórcio, separação
opt-topic-loneliness = Solidão/isolamento
    .words = solidão, sozinho, sozinha, isolado, isolada, isolamento, hikikomori
opt-topic-documents = Documentos/papelada
    .words = documento, documentos, papel, papéis, papelada, formulário, visto, zairyu, cartão de residente, trâmite, trâmites
opt-topic-other = Outro assunto
    .words = outro, outra, outro assunto, outra coisa
opt-done = Pronto
    .words = pronto, terminei, acabei, só isso, é isso, fim, feito, próximo, ok

## Com quem você vive (世帯)

q-household = Você mora sozinho(a) ou com outras pessoas?
opt-household-alone = Sozinho(a)
    .words = sozinho, sozinha, só eu, moro sozinho, moro sozinha
opt-household-with-others = Com outras pessoas
    .words = com família, com a família, família, junto, juntos, com alguém, acompanhado, acompanhada, com amigos
q-adults = Contando com você, quantos adultos são? Responda com um número.
q-children = E quantas crianças (menores de 18 anos)? Se não tiver nenhuma, responda "0".
q-vulnerable = Na sua casa (contando você), tem pessoa idosa, pessoa com deficiência ou mulher grávida? Escolha quem tiver e, no final, toque em "Pronto".
opt-vulnerable-elderly = Pessoa idosa
    .words = idoso, idosa, idosos, velho, velha, terceira idade, avô, avó
opt-vulnerable-disability = Com deficiência
    .words = deficiência, deficiente, pcd, cadeira de rodas, necessidades especiais
opt-vulnerable-pregnant = Grávida
    .words = grávida, gravidez, gestante, esperando bebê, gestação
opt-vulnerable-none = Ninguém
    .words = ninguém, nenhum, nenhuma, não, não tem, nada
vulnerable-selected = Você escolheu: { $selected }
    Se tiver mais alguém, escolha também. Quando terminar, toque em "Pronto".

## Região (地域)

q-area = Escolha a região onde você mora (ou onde você está agora). Você também pode mandar a sua localização pelo LINE.
opt-area-central = Central (中央地区)
    .words = central, centro, região central, chuo, 中央
opt-area-east = Leste (東地区)
    .words = leste, região leste, lado leste, higashi, 東
opt-area-south = Sul (南地区)
    .words = sul, região sul, lado sul, minami, 南
opt-area-outside = Fora da cidade
    .words = fora da cidade, outra cidade, outro município, não moro aqui
opt-area-unknown = Não sei
    .words = não sei, sei lá, desconhecido, não tenho certeza
area-location-received = Recebemos a sua localização.

## O que está acontecendo (困っていること・自由記入)

q-description =
    Com as suas palavras, conte o que está acontecendo. Pode escrever bastante, sem problema.
    Você também pode mandar fotos ou documentos. Quando terminar, toque em "Próximo".
description-received = Obrigado. Se quiser contar mais alguma coisa, pode continuar mandando. Quando terminar, toque em "Próximo".
attachment-received = Recebemos o arquivo. Ele foi guardado junto com a sua consulta.
reask-sticker = Obrigado pela figurinha! Agora, conte por escrito o que está acontecendo, por favor.
opt-next = Próximo
    .words = próximo, seguinte, pronto, terminei, acabei, só isso, é isso
opt-skip = Seguir sem escrever
    .words = pular, sem escrever, não quero escrever, nada, depois, skip

## Forma de contato (連絡方法)

q-contact = Como você prefere que um(a) atendente entre em contato?
opt-contact-line = Por este LINE
    .words = line, pelo line, aqui, mensagem, chat
opt-contact-phone = Telefone
    .words = telefone, ligação, ligar, celular, fone, tel
opt-contact-visit = Ir pessoalmente
    .words = pessoalmente, balcão, presencial, ir na prefeitura, prefeitura
q-phone = Qual é o seu número de telefone? (Ex.: 090-1234-5678)
reask-phone = Não consegui ler o número de telefone. Pode mandar de novo? (Ex.: { $example })
q-contact-time = Em que horário podemos entrar em contato?
opt-time-morning = Manhã
    .words = manhã, de manhã, cedo
opt-time-afternoon = Tarde
    .words = tarde, à tarde, de tarde
opt-time-evening = Fim de tarde/noite
    .words = noite, à noite, de noite, fim de tarde, fim da tarde
opt-time-anytime = Qualquer hora
    .words = qualquer hora, qualquer horário, a qualquer hora, tanto faz, quando quiser
q-interpreter = Você precisa de intérprete?
opt-yes = Sim
    .words = sim, s, claro, pode, pode sim, preciso, certo, isso, aham, uhum, yes
opt-no = Não
    .words = não, n, não quero, não precisa, não preciso, agora não, no

## Respostas como "tudo bem" e "ok" (「大丈夫」「いいよ」)
# "Tudo bem" pode querer dizer sim ou não, conforme a pergunta. Quando a pessoa digita em vez de tocar:
# words-fine ("estou bem, sem problema") vale como "não" para "você corre perigo agora?" e "precisa de intérprete?";
# words-unclear (concordar sem dizer com o quê) e words-fine nas perguntas de autorização, apagar dados e confirmar o envio: perguntamos de novo.
# Não repita aqui palavras de opt-yes, opt-no, opt-send etc.
words-fine =
    .words = tudo bem, tá tudo bem, está tudo bem, tudo certo, estou bem, tô bem, to bem, tranquilo, de boa, sem problema, sem problemas
words-unclear =
    .words = ok, okay, okey, tá bom, ta bom, tá, beleza, blz, pode ser, tá certo, entendi, combinado
reask-unclear = Desculpe, com essa resposta não deu para saber se é sim ou não. Esta pergunta é importante: responda tocando em um dos botões abaixo, por favor.

## Local de atendimento (窓口)

q-window =
    Você pode escolher o local do atendimento:
    ・Prefeitura (市役所) – Seção de Apoio à Vida (生活支援課)
    ・Centro de Consultas do Conselho de Bem-Estar Social (社会福祉協議会, "shakyō")
opt-window-city-hall = Prefeitura (生活支援課)
    .words = prefeitura, shiyakusho, seção de apoio à vida, apoio à vida, 市役所, 生活支援課
opt-window-council = Conselho (社会福祉協議会)
    .words = conselho, shakyo, conselho de bem-estar social, bem-estar social, centro de consultas, 社協, 社会福祉協議会
opt-window-any = Tanto faz
    .words = tanto faz, qualquer um, qualquer, os dois, vocês escolhem

## Conferir (確認)

summary-title = Confira as suas respostas.
summary-line = ・{ $field }: { $value }
field-consent-share = Compartilhar dados
field-safety = Perigo agora
field-tonight = Onde dorme hoje
field-topics = Assuntos
field-household = Com quem vive
field-vulnerable = Atenção especial
field-area = Região
field-description = Sua situação
field-attachments = Arquivos enviados
field-contact = Forma de contato
field-phone = Telefone
field-contact-time = Horário para contato
field-interpreter = Intérprete
field-window = Local de atendimento
household-summary = Adultos: { $adults } / Crianças: { $children }
value-none = Nada
value-location = Localização enviada
summary-question = Podemos enviar assim?
opt-send = Enviar
    .words = enviar, mandar, manda, pode mandar, pode enviar, sim, s
opt-change = Corrigir
    .words = corrigir, mudar, alterar, trocar, editar, consertar, errado
opt-cancel = Cancelar
    .words = cancelar, desistir, parar, não enviar, não mandar, apagar
q-change-which = Qual resposta você quer corrigir?
cancelled = A consulta foi cancelada. Nada foi enviado. Pode voltar a falar com a gente quando quiser.

## Envio (送信)

sent =
    Recebemos o seu pedido de ajuda. O seu número de atendimento é { $number }.
    Um(a) atendente vai ler e entrar em contato com você em até { $days ->
        [one] { $days } dia
       *[other] { $days } dias
    } (sem contar sábados, domingos, feriados e o recesso de fim de ano).
    Horário de atendimento: { $hours }
sent-emergency-again =
    Se houver perigo, ligue na hora.
    Polícia: { $police } / Ambulância e bombeiros: { $ambulance }
sent-today =
    Recebemos o seu pedido de ajuda. O seu número de atendimento é { $number }.
    Um(a) atendente vai ler e entrar em contato com você ainda hoje.
sent-closed =
    Recebemos o seu pedido de ajuda. O seu número de atendimento é { $number }.
    Agora o atendimento está fechado. Ele abre { $date }, às { $time }.
    Depois que abrir, um(a) atendente vai ler e entrar em contato com você em até { $days ->
        [one] { $days } dia
       *[other] { $days } dias
    } (sem contar sábados, domingos, feriados e o recesso de fim de ano).
# Aberto agora, mas sem tempo hoje para o primeiro contato de um caso urgente (ex.: 17:10). $date e $time: a próxima abertura
sent-later-urgent =
    Recebemos o seu pedido de ajuda. O seu número de atendimento é { $number }.
    Um(a) atendente vai ler e entrar em contato com você o quanto antes. Se não der tempo ainda hoje, vamos entrar em contato assim que o atendimento abrir: { $date }, às { $time }.
sent-closed-urgent =
    Recebemos o seu pedido de ajuda. O seu número de atendimento é { $number }.
    Agora o atendimento está fechado. Ele abre { $date }, às { $time }.
    Assim que abrir, um(a) atendente vai entrar em contato com você.
tonight-default =
    No horário de atendimento, você também pode falar conosco por telefone: { $phone }
case-open-notice = O seu pedido número { $number } já está em andamento. Esta mensagem também foi guardada junto com ele. Um(a) atendente vai entrar em contato.

## Palavras que funcionam a qualquer momento (いつでも使える言葉)

opt-back = Voltar
    .words = voltar, volta, anterior, para trás, pra trás
opt-language = Idioma/言語
    .words = idioma, língua, linguagem, language, mudar idioma, trocar idioma, 言語
opt-person = Falar com atendente
    .words = falar com uma pessoa, falar com alguém, falar com atendente, atendente, pessoa de verdade, humano, operador
cmd-restart = Recomeçar
    .words = recomeçar, começar de novo, do começo, desde o início, reiniciar, reset
q-restart-confirm = Quer começar tudo de novo? As respostas que você já deu vão ser apagadas.
restarted = Vamos começar de novo.
person-case-opened =
    Vamos passar você para um(a) atendente. O seu número de atendimento é { $number }.
    O(a) atendente vai responder aqui neste LINE. Espere um pouquinho, por favor.
person-case-opened-closed =
    Vamos passar você para um(a) atendente. O seu número de atendimento é { $number }.
    Agora o atendimento está fechado. Ele abre { $date }, às { $time }. Quando abrir, o(a) atendente vai responder aqui neste LINE.
q-resume = Você tem uma consulta que não terminou. Quer continuar de onde parou ou começar de novo?
opt-continue = Continuar
    .words = continuar, continua, seguir, de onde parei
opt-start-over = Começar de novo
    .words = começar de novo, recomeçar, do começo

## Quando não entendemos (聞き直し)

reask-choose = Desculpe, não entendi. Escolha um dos botões abaixo ou mande o número da opção.
reask-number = Desculpe, não entendi. Responda com um número. (Ex.: 2)
reask-text = Desculpe, conte por escrito, por favor.
reask-location = Obrigado pela localização. Para esta pergunta, responda tocando em um botão.

## Em crise (危機のとき)

crisis-message =
    Obrigado por contar isso para a gente. A sua segurança é o mais importante agora.
    Se você estiver em perigo neste momento, ligue para a polícia ({ $police }) ou para a ambulância ({ $ambulance }).
    Nós já avisamos agora mesmo um(a) atendente deste LINE.
hotlines-intro = Também existem telefones com pessoas prontas para ouvir você:
hotline-line = ・{ $name }: { $number } ({ $time })

## Quando algo nos preocupa (心配なことばのとき)
concern-hopelessness = Parece que você está sofrendo tanto que queria que tudo acabasse.
concern-burden = Parece que você sente que é um peso para os outros, e isso dói muito.
concern-farewell = Você escreveu algo que parece uma despedida, e ficamos muito preocupados com você.
concern-means = Lendo o que você escreveu, ficamos muito preocupados com você.
concern-loss_isolation = Parece que você perdeu algo muito importante e está enfrentando isso sozinho(a).
concern-offer = Obrigado por contar para a gente. Já avisamos um(a) atendente deste LINE agora mesmo. Você não precisa passar por isso sozinho(a).
q-safe-now = Neste momento, você está em segurança? Se você sente que pode se machucar, ou que alguém pode machucar você, toque em "Não".
safe-thanks = Obrigado por responder. Um(a) atendente vai entrar em contato o quanto antes. Você pode continuar escrevendo aqui.

## Como escrever (書き方)

# Horário de atendimento ($open e $close vêm do arquivo de configuração)
centre-hours = De segunda a sexta, das { $open } às { $close } (fechado em feriados e no recesso de fim de ano)
# Outras semanas: cada dia aberto com o horário ($weekday é um weekday-*), unidos por list-separator em $week
centre-hours-day = { $weekday } das { $open } às { $close }
centre-hours-week = { $week } (fechado em feriados e no recesso de fim de ano)
# Separador quando listamos o que a pessoa escolheu
list-separator = {", "}

## Quando um(a) atendente está cuidando do caso

staff-handling = Sua consulta nº { $number } está com um(a) atendente. O que você escrever aqui vai direto para essa pessoa.
case-closed-restart = A consulta nº { $number } foi encerrada. Se precisar de ajuda de novo, é só escrever para começar uma nova.

## Situação da consulta (pode perguntar a qualquer momento; $number é o número; depois pode vir um my-case-next-*)

cmd-status = Situação do pedido
    .words = status, situação, situação do pedido, situação da consulta, andamento, como está meu pedido, como está o meu pedido, como está minha consulta
my-case-received = Consulta nº { $number }: recebida. Um(a) atendente ainda vai ler.
my-case-handling = Consulta nº { $number }: um(a) atendente está cuidando dela.
my-case-waiting = Consulta nº { $number }: estamos esperando a sua resposta. Escreva aqui neste LINE, por favor.
my-case-closed = Consulta nº { $number }: encerrada. Se precisar de ajuda de novo, é só escrever aqui a qualquer momento.
my-case-next-today = Um(a) atendente vai entrar em contato com você ainda hoje.
my-case-next-days =
    Um(a) atendente vai entrar em contato com você em até { $days ->
        [one] { $days } dia
       *[other] { $days } dias
    } (sem contar sábados, domingos, feriados e o recesso de fim de ano).
# Fora do horário. $date é date-md, $time a hora em que abre
# Caso urgente sem tempo hoje para o contato. $date e $time: a próxima abertura
my-case-next-later = Um(a) atendente vai entrar em contato com você o quanto antes. Se não der tempo ainda hoje, vamos entrar em contato assim que o atendimento abrir: { $date }, às { $time }.
my-case-next-closed = Agora o atendimento está fechado. Ele abre { $date }, às { $time }.
my-case-none = Você ainda não enviou nenhum pedido de ajuda. Para começar, é só escrever qualquer mensagem aqui.
my-case-none-intake = Você ainda não enviou o seu pedido de ajuda. Responda às perguntas abaixo e, no final, escolha "Enviar".

## Números de emergência (botão do menu, ou por escrito)

cmd-emergency = Emergência
    .words = emergência, números de emergência, telefones de emergência, telefone de emergência, socorro, emergency

## Menu (os botões embaixo da conversa; rótulos com até 20 caracteres, texto do menu com até 14)

richmenu-start = Iniciar consulta
richmenu-status = Situação do pedido
richmenu-emergency = Emergência
richmenu-language = Idioma/Language
# Segunda linha, menor, na imagem do menu, sob as palavras do botão ({""}: nenhuma)
richmenu-emergency-note = Telefones para ligar
richmenu-language-note = 言語 · Ngôn ngữ
richmenu-chat-bar = Menu

## Apagar os dados (pode pedir a qualquer momento)

cmd-erase = Apagar meus dados
    .words = apagar meus dados, apague meus dados, apagar dados, excluir meus dados, exclua meus dados, deletar meus dados, quero apagar meus dados
q-erase-confirm = Você quer que a gente apague os seus dados (o que você escreveu, suas respostas, seu nome)? Um(a) atendente confirma antes de apagar.
erase-requested = Certo. Recebemos o seu pedido para apagar os dados. Um(a) atendente vai confirmar e então apagar. Avisaremos aqui no LINE quando terminar.
erase-not-requested = Certo. Seus dados continuam guardados.
erase-done = Seus dados foram apagados. Se quiser conversar de novo, é só escrever.

## Mensagens prontas do(a) atendente

canned-received = Recebemos sua mensagem. Um(a) atendente vai ler e responder.
canned-call = Um(a) atendente vai ligar para você { $date }, por volta das { $time }.
canned-window = Por favor, venha { $date }, às { $time }. Local: { $window }. Na recepção, informe o número { $number }.
canned-interpreter = Na próxima conversa, um(a) intérprete vai participar.
# O nome mostrado nas mensagens escritas pela equipe (o "remetente" do LINE, até 20 caracteres). Nunca o nome da pessoa.
sender-staff = Atendente
date-md = { $weekday }, { $day }/{ $month }
weekday-0 = domingo
weekday-1 = segunda-feira
weekday-2 = terça-feira
weekday-3 = quarta-feira
weekday-4 = quinta-feira
weekday-5 = sexta-feira
weekday-6 = sábado
