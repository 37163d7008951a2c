"""Static texts and assets of the French UI (welcome, README, CSS/JS, logos, translation overrides).
They are written into the Chainlit app folder at every start by ``server.prepare_app_dir``."""
from __future__ import annotations

APP_NAME = "Assistant DAREIC"

WELCOME_FR = """\
**Bienvenue !** Posez vos questions sur la coopération éducative franco-allemande et européenne :
partenariats entre académies et Länder, appariements, plan Erasmus+, conventions de coopération.

Chaque réponse cite ses sources : cliquez sur **[1]**, **[2]**… pour lire le passage d'origine.
Vous pouvez poser des questions de suivi (« Et pour Rouen ? »).
"""

README_FR = """\
# Assistant DAREIC

Cet assistant répond en français à partir des documents du corpus de la DAREIC
(délégation académique aux relations européennes, internationales et à la coopération).
Il fonctionne entièrement hors ligne : aucune question ne quitte cette machine.

## Poser une question

- Tapez votre question dans la zone de saisie, ou choisissez une suggestion.
- Les marqueurs **[1]**, **[2]**… renvoient aux passages cités : cliquez dessus pour
  afficher le document, la section, la page et l'extrait dans le panneau latéral.
- Les questions de suivi tiennent compte de la conversation (« Et pour Rouen ? ») ;
  la question réellement recherchée est alors indiquée en italique.
- Si le corpus ne contient pas la réponse, l'assistant le dit au lieu d'inventer.

## Donner votre avis

Utilisez 👍 ou 👎 sous une réponse, avec un commentaire si vous le souhaitez.
Ces avis servent à améliorer l'assistant.

## Ajouter un document (administrateurs)

Joignez un fichier PDF, DOCX, TXT ou MD au message (trombone ou glisser-déposer).
Il est vérifié, ajouté au corpus puis indexé ; les réponses suivantes peuvent le citer.
"""

# Two fixes in the page, as plain DOM code (Chainlit offers no option for either):
# 1. Chainlit >= 2.11 opens the source panel by itself, with every side element of the
#    conversation, whenever an answer arrives (Chainlit issue #2911). Sources should open
#    on a click on [n] only: close the panel when it opens or fills up without one.
# 2. The file picker rejects wrong types or sizes with English toasts: say it in French.
JS = """\
(function () {
  var MAX_MB = __MAX_MB__;
  var lastClick = 0, wasOpen = false;
  var FR = [
    [/^File type must be|File type not allowed|^Invalid file type/i,
     "Type de fichier non pris en charge : seuls les documents PDF, DOCX, TXT ou MD peuvent être ajoutés au corpus."],
    [/^File is larger than|File size too large|too large/i,
     "Fichier trop volumineux : " + MAX_MB + " Mo au maximum. Le corpus n'a pas été modifié."],
    [/^Too many files/i, "Trop de fichiers à la fois."],
    [/credentialssignin/i, "Identifiant ou mot de passe incorrect."]
  ];
  document.addEventListener("click", function (e) {
    if (e.target && e.target.closest && e.target.closest("a.element-link")) lastClick = Date.now();
  }, true);
  function sourcePanel() {
    var content = document.getElementById("side-view-content");
    var open = !!content;
    if (open && Date.now() - lastClick > 1500) {
      var many = content.children.length > 1;
      if (!wasOpen || many) {
        var title = document.getElementById("side-view-title");
        var button = title && title.querySelector("button");
        if (button) { button.click(); open = false; }
      }
    }
    wasOpen = open;
  }
  function toasts() {
    var nodes = document.querySelectorAll("[data-sonner-toast], [role=alert], .text-destructive");
    for (var i = 0; i < nodes.length; i++) {
      var walker = document.createTreeWalker(nodes[i], NodeFilter.SHOW_TEXT);
      var t;
      while ((t = walker.nextNode())) {
        for (var j = 0; j < FR.length; j++) {
          if (FR[j][0].test(t.nodeValue) && t.nodeValue !== FR[j][1]) { t.nodeValue = FR[j][1]; break; }
        }
      }
    }
  }
  new MutationObserver(function () { sourcePanel(); toasts(); })
    .observe(document.documentElement, { childList: true, subtree: true, characterData: true });
  sourcePanel(); toasts();
  window.__dareicUi = true;
})();
"""

CSS = """\
/* Assistant DAREIC: no web fonts are loaded (offline); use the local sans-serif fonts. */
:root { --font-sans: Inter, "Noto Sans", "DejaVu Sans", Roboto, "Segoe UI", system-ui, sans-serif; }
/* Citation markers stand out a little more. */
.message-content a.element-link, .element-link { font-weight: 600; }
"""

LOGO_SVG = """\
<svg xmlns="http://www.w3.org/2000/svg" width="240" height="64" viewBox="0 0 240 64">
  <rect x="2" y="8" width="48" height="48" rx="10" fill="#1f4e9c"/>
  <rect x="14" y="20" width="8" height="24" fill="#000000"/>
  <rect x="22" y="20" width="8" height="24" fill="#dd0000"/>
  <rect x="30" y="20" width="8" height="24" fill="#ffce00"/>
  <text x="62" y="42" font-family="DejaVu Sans, sans-serif" font-size="26" font-weight="700"
        fill="{fill}">DAREIC</text>
</svg>
"""

ICON_SVG = """\
<svg xmlns="http://www.w3.org/2000/svg" width="64" height="64" viewBox="0 0 64 64">
  <rect width="64" height="64" rx="14" fill="#1f4e9c"/>
  <rect x="16" y="16" width="10" height="32" fill="#000000"/>
  <rect x="27" y="16" width="10" height="32" fill="#dd0000"/>
  <rect x="38" y="16" width="10" height="32" fill="#ffce00"/>
</svg>
"""

LOGIN_SVG = """\
<svg xmlns="http://www.w3.org/2000/svg" width="800" height="1000" viewBox="0 0 800 1000">
  <rect width="800" height="1000" fill="#1f4e9c"/>
  <rect x="330" y="330" width="46" height="150" fill="#000000"/>
  <rect x="377" y="330" width="46" height="150" fill="#dd0000"/>
  <rect x="424" y="330" width="46" height="150" fill="#ffce00"/>
  <text x="400" y="570" text-anchor="middle" font-family="DejaVu Sans, sans-serif" font-size="44"
        font-weight="700" fill="#ffffff">Assistant DAREIC</text>
  <text x="400" y="625" text-anchor="middle" font-family="DejaVu Sans, sans-serif" font-size="21"
        fill="#dbe4f5">Coopération éducative franco-allemande et européenne</text>
</svg>
"""

# Chainlit's fr-FR translation, with the texts this app wants different.
FR_OVERRIDES = {
    "auth": {
        "login": {
            "form": {
                "email": {"label": "Identifiant", "placeholder": "prenom.nom",
                          "required": "l'identifiant est obligatoire"},
            },
        },
    },
    "chat": {
        "watermark": "Réponses extraites des documents du corpus : vérifiez les passages cités.",
        "input": {"placeholder": "Posez votre question sur la coopération européenne et franco-allemande…"},
        "fileUpload": {"dragDrop": "Déposez ici un document PDF, DOCX, TXT ou MD à ajouter au corpus"},
    },
}
