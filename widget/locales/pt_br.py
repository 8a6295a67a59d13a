"""Brazilian Portuguese: the widget's sentences (keys and placeholders as in en.py)."""

CATALOG = {
    "talk_notice": "Você está silenciado: ative o microfone para ser ouvido",
    "label": "Silenciar",
    "announce_muted": "Microfone silenciado",
    "announce_on": "Microfone ligado",
    "hint_waiting_sdk": " (aguardando o softphone)",
    "hint_pending": " (aguardando a confirmação do softphone)",
    "hint_forced": " (silenciado por um supervisor)",
    "hint_unavailable": " (disponível durante uma chamada conectada)",
    "hint_unknown": " (estado do microfone desconhecido)",
    "title_waiting_sdk": "Aguardando o softphone ({what}) carregar.",
    "title_pending": "Aguardando a confirmação do softphone.",
    "title_forced": "Um supervisor silenciou você: só um supervisor pode reativar.",
    "title_unavailable": "É possível silenciar durante uma chamada conectada; {call}.",
    "title_unknown": "O softphone não informou se o seu microfone está ligado: um toque pede para "
    "silenciar e, se nada mudar, o próximo pede para reativar.",
    "call_none": "nenhuma chamada",
    "call_ringing": "a chamada ainda está tocando",
    "call_held": "a chamada está em espera",
    "call_ended": "a chamada terminou",
    "call_unknown": "o estado da chamada é desconhecido",
    "detail_now": "agora: {call}",
    "detail_timeout": "sem resposta em {seconds} s",
    "detail_no_sdk": "{what} não apareceu em {seconds} s",
    "reason_not-connected": "Silenciar só funciona durante uma chamada conectada. Aguarde até a chamada "
    "ser atendida.",
    "reason_rejected": "O softphone recusou a mudança do microfone. Nada mudou; tente de novo ou use o "
    "controle de silenciar do próprio softphone.",
    "reason_timeout": "O softphone não confirmou a mudança a tempo, então o botão mostra o último estado "
    "confirmado. Verifique o softphone antes de falar.",
    "reason_unauthorized": "O token de acesso foi recusado ou expirou. Entre novamente.",
    "reason_forbidden": "Você não tem permissão para mudar este microfone. Peça a um administrador o "
    "escopo ou a permissão que falta.",
    "reason_not-found": "A chamada ou a sua participação nela não foi encontrada. Ela pode ter terminado.",
    "reason_bad-request": "O pedido de silenciar não foi aceito como enviado.",
    "reason_rate-limited": "Pedidos demais em pouco tempo. Aguarde um momento e tente de novo.",
    "reason_unavailable": "Não foi possível acessar o serviço de telefonia. Verifique a rede e tente de "
    "novo.",
    "reason_media-not-muted": "O softphone informa que está silenciado, mas o áudio do seu microfone "
    "ainda está sendo enviado. O cliente ouve você: use o silenciar do softphone ou desligue.",
    "reason_forced-mute": "Um supervisor silenciou você, e só um supervisor pode reativar. Peça ao seu "
    "supervisor para reativar o seu microfone.",
    "reason_no-sdk": "O softphone não foi encontrado, então este botão não pode funcionar. Verifique se "
    "o SDK do softphone está carregado e se o widget recebe o objeto ou o caminho certo.",
}
