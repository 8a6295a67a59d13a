"""Spanish: the widget's sentences (keys and placeholders as in en.py)."""

CATALOG = {
    "talk_notice": "Está silenciado: active el micrófono para que le oigan",
    "label": "Silenciar",
    "announce_muted": "Micrófono silenciado",
    "announce_on": "Micrófono activado",
    "hint_waiting_sdk": " (esperando al softphone)",
    "hint_pending": " (esperando la confirmación del softphone)",
    "hint_forced": " (silenciado por un supervisor)",
    "hint_unavailable": " (disponible durante una llamada conectada)",
    "hint_unknown": " (estado del micrófono desconocido)",
    "title_waiting_sdk": "Esperando a que cargue el softphone ({what}).",
    "title_pending": "Esperando la confirmación del softphone.",
    "title_forced": "Un supervisor le ha silenciado: solo un supervisor puede quitarlo.",
    "title_unavailable": "Se puede silenciar durante una llamada conectada; {call}.",
    "title_unknown": "El softphone no ha indicado si su micrófono está activado: una pulsación le pide "
    "silenciarlo y, si nada cambia, la siguiente le pide activarlo.",
    "call_none": "no hay llamada",
    "call_ringing": "la llamada aún está sonando",
    "call_held": "la llamada está en espera",
    "call_ended": "la llamada ha terminado",
    "call_unknown": "el estado de la llamada es desconocido",
    "detail_now": "ahora: {call}",
    "detail_timeout": "sin respuesta en {seconds} s",
    "detail_no_sdk": "{what} no apareció en {seconds} s",
    "reason_not-connected": "Silenciar solo funciona durante una llamada conectada. Espere a que se "
    "conteste la llamada.",
    "reason_rejected": "El softphone rechazó cambiar el micrófono. No ha cambiado nada; inténtelo de "
    "nuevo o use el control de silencio del propio softphone.",
    "reason_timeout": "El softphone no confirmó el cambio a tiempo, así que el botón muestra el último "
    "estado confirmado. Compruebe el softphone antes de hablar.",
    "reason_unauthorized": "El token de inicio de sesión fue rechazado o ha caducado. Vuelva a iniciar "
    "sesión.",
    "reason_forbidden": "No tiene permiso para cambiar este micrófono. Pida a un administrador el "
    "ámbito o el permiso que falta.",
    "reason_not-found": "No se encontró la llamada o su lugar en ella. Puede que haya terminado.",
    "reason_bad-request": "La solicitud de silencio no se aceptó tal como se envió.",
    "reason_rate-limited": "Demasiadas solicitudes en poco tiempo. Espere un momento e inténtelo de nuevo.",
    "reason_unavailable": "No se pudo contactar con el servicio de telefonía. Compruebe la red e "
    "inténtelo de nuevo.",
    "reason_media-not-muted": "El softphone indica silencio, pero el audio de su micrófono se sigue "
    "enviando. El cliente le oye: use el silencio del softphone o cuelgue.",
    "reason_forced-mute": "Un supervisor le ha silenciado y solo un supervisor puede quitarlo. Pida a "
    "su supervisor que le active el micrófono.",
    "reason_no-sdk": "No se encontró el softphone, así que este botón no puede funcionar. Compruebe que "
    "el SDK del softphone está cargado y que el widget recibe el objeto o la ruta correctos.",
}
