"""German: the widget's sentences (keys and placeholders as in en.py)."""

CATALOG = {
    "talk_notice": "Sie sind stummgeschaltet: Schalten Sie das Mikrofon ein, um gehört zu werden",
    "label": "Stumm",
    "announce_muted": "Mikrofon stummgeschaltet",
    "announce_on": "Mikrofon an",
    "hint_waiting_sdk": " (wartet auf das Softphone)",
    "hint_pending": " (wartet auf die Bestätigung des Softphones)",
    "hint_forced": " (von einer Supervisorin oder einem Supervisor stummgeschaltet)",
    "hint_unavailable": " (während eines verbundenen Anrufs verfügbar)",
    "hint_unknown": " (Mikrofonzustand unbekannt)",
    "title_waiting_sdk": "Wartet, bis das Softphone ({what}) geladen ist.",
    "title_pending": "Wartet auf die Bestätigung des Softphones.",
    "title_forced": "Ein Supervisor hat Sie stummgeschaltet: Nur ein Supervisor kann das aufheben.",
    "title_unavailable": "Stummschalten ist während eines verbundenen Anrufs möglich; {call}.",
    "title_unknown": "Das Softphone hat nicht gemeldet, ob Ihr Mikrofon an ist: Ein Druck bittet es "
    "um Stummschalten, und wenn sich nichts ändert, bittet der nächste um Einschalten.",
    "call_none": "kein Anruf",
    "call_ringing": "der Anruf klingelt noch",
    "call_held": "der Anruf wird gehalten",
    "call_ended": "der Anruf ist beendet",
    "call_unknown": "der Anrufzustand ist unbekannt",
    "detail_now": "jetzt: {call}",
    "detail_timeout": "keine Antwort in {seconds} s",
    "detail_no_sdk": "{what} ist nicht innerhalb von {seconds} s erschienen",
    "reason_not-connected": "Stummschalten geht nur während eines verbundenen Anrufs. Warten Sie, bis "
    "der Anruf angenommen ist.",
    "reason_rejected": "Das Softphone hat das Ändern des Mikrofons abgelehnt. Nichts hat sich geändert; "
    "versuchen Sie es erneut oder nutzen Sie die Stummtaste des Softphones.",
    "reason_timeout": "Das Softphone hat die Änderung nicht rechtzeitig bestätigt; die Taste zeigt den "
    "zuletzt bestätigten Zustand. Prüfen Sie das Softphone, bevor Sie sprechen.",
    "reason_unauthorized": "Das Anmeldetoken wurde abgelehnt oder ist abgelaufen. Melden Sie sich neu an.",
    "reason_forbidden": "Sie dürfen dieses Mikrofon nicht ändern. Bitten Sie eine Administratorin oder "
    "einen Administrator um den fehlenden Scope oder die fehlende Berechtigung.",
    "reason_not-found": "Der Anruf oder Ihre Teilnahme daran wurde nicht gefunden. Er ist vielleicht beendet.",
    "reason_bad-request": "Die Stummschalt-Anfrage wurde so nicht angenommen.",
    "reason_rate-limited": "Zu viele Anfragen in kurzer Zeit. Warten Sie einen Moment und versuchen Sie "
    "es erneut.",
    "reason_unavailable": "Der Telefoniedienst war nicht erreichbar. Prüfen Sie das Netzwerk und "
    "versuchen Sie es erneut.",
    "reason_media-not-muted": "Das Softphone meldet stumm, aber Ihr Mikrofon wird noch gesendet. Die "
    "Kundin oder der Kunde hört Sie: Nutzen Sie die Stummtaste des Softphones oder legen Sie auf.",
    "reason_forced-mute": "Ein Supervisor hat Sie stummgeschaltet, und nur ein Supervisor kann das "
    "aufheben. Bitten Sie Ihren Supervisor, die Stummschaltung aufzuheben.",
    "reason_no-sdk": "Das Softphone wurde nicht gefunden, daher funktioniert diese Taste nicht. Prüfen "
    "Sie, ob das SDK des Softphones geladen ist und das Widget das richtige Objekt oder den richtigen "
    "Pfad erhält.",
}
