"""French: the widget's sentences (keys and placeholders as in en.py)."""

CATALOG = {
    "talk_notice": "Votre micro est coupé : réactivez-le pour être entendu",
    "label": "Couper le micro",
    "announce_muted": "Micro coupé",
    "announce_on": "Micro activé",
    "hint_waiting_sdk": " (en attente du softphone)",
    "hint_pending": " (en attente de la confirmation du softphone)",
    "hint_forced": " (coupé par un superviseur)",
    "hint_unavailable": " (disponible pendant un appel connecté)",
    "hint_unknown": " (état du micro inconnu)",
    "title_waiting_sdk": "En attente du chargement du softphone ({what}).",
    "title_pending": "En attente de la confirmation du softphone.",
    "title_forced": "Un superviseur a coupé votre micro : seul un superviseur peut le rétablir.",
    "title_unavailable": "La coupure du micro est possible pendant un appel connecté ; {call}.",
    "title_unknown": "Le softphone n'a pas indiqué si votre micro est activé : un appui lui demande "
    "de le couper et, si rien ne change, l'appui suivant lui demande de le réactiver.",
    "call_none": "aucun appel",
    "call_ringing": "l'appel sonne encore",
    "call_held": "l'appel est en attente",
    "call_ended": "l'appel est terminé",
    "call_unknown": "l'état de l'appel est inconnu",
    "detail_now": "maintenant : {call}",
    "detail_timeout": "pas de réponse en {seconds} s",
    "detail_no_sdk": "{what} n'est pas apparu en {seconds} s",
    "reason_not-connected": "La coupure du micro ne fonctionne que pendant un appel connecté. Attendez "
    "que l'appel soit décroché.",
    "reason_rejected": "Le softphone a refusé de changer le micro. Rien n'a changé ; réessayez ou "
    "utilisez la coupure du micro du softphone.",
    "reason_timeout": "Le softphone n'a pas confirmé le changement à temps ; le bouton montre le "
    "dernier état confirmé. Vérifiez le softphone avant de parler.",
    "reason_unauthorized": "Le jeton de connexion a été refusé ou a expiré. Reconnectez-vous.",
    "reason_forbidden": "Vous n'êtes pas autorisé à changer ce micro. Demandez à un administrateur la "
    "portée ou l'autorisation manquante.",
    "reason_not-found": "L'appel ou votre place dans l'appel est introuvable. Il est peut-être terminé.",
    "reason_bad-request": "La demande de coupure n'a pas été acceptée telle quelle.",
    "reason_rate-limited": "Trop de demandes en peu de temps. Patientez un instant et réessayez.",
    "reason_unavailable": "Le service de téléphonie est injoignable. Vérifiez le réseau et réessayez.",
    "reason_media-not-muted": "Le softphone indique que le micro est coupé, mais votre micro est "
    "toujours transmis. Le client vous entend : utilisez la coupure du softphone ou raccrochez.",
    "reason_forced-mute": "Un superviseur a coupé votre micro, et seul un superviseur peut le "
    "rétablir. Demandez à votre superviseur de le réactiver.",
    "reason_no-sdk": "Le softphone est introuvable, ce bouton ne peut donc pas fonctionner. Vérifiez "
    "que le SDK du softphone est chargé et que le widget reçoit le bon objet ou le bon chemin.",
}
