ack-received = Recebemos sua mensagem. Obrigado. Uma pessoa da prefeitura vai ler.
