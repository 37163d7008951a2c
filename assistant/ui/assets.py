"""Static texts and assets of the French UI (welcome, README, CSS/JS, logos, translation overrides).
They are written into the Chainlit app folder at every start by ``server.prepare_app_dir``."""
from __future__ import annotations

APP_NAME = "Assistant DAREIC"


def _starters() -> list[tuple[str, str]]:
    """Suggestions on the welcome screen, (label, question), from assistant/data/starters.json."""
    import json
    from pathlib import Path

    data = json.loads((Path(__file__).resolve().parents[1] / "data" / "starters.json").read_text(encoding="utf-8"))
    return [(s["label"], s["question"]) for s in data["starters"]]


STARTERS = _starters()

WELCOME_FR = """\
**Bienvenue !** Posez vos questions sur la coopération éducative franco-allemande et européenne :
partenariats entre académies et Länder, appariements, plan Erasmus+, conventions de coopération.

Chaque réponse cite ses sources : cliquez sur **[1]**, **[2]**… pour lire le passage d'origine.
Vous pouvez poser des questions de suivi (« Et pour l'autre académie ? »).
"""

README_FR = """\
# Assistant DAREIC

Cet assistant répond en français à partir des documents du corpus de la DAREIC
(délégation académique aux relations européennes, internationales et à la coopération).
Il fonctionne entièrement hors ligne : aucune question ne quitte cette machine.

## Poser une question

- Tapez votre question dans la zone de saisie, ou choisissez une suggestion.
- Les marqueurs **[1]**, **[2]**… renvoient aux passages cités : cliquez dessus pour
  afficher dans le panneau latéral le titre du document, la section, la page et le
  passage, la phrase citée en gras. Pour un PDF, la page elle-même s'affiche dessous,
  la citation surlignée, avec un lien qui ouvre le document original à cette page.
- Quand l'assistant ne trouve pas la réponse, il le dit et nomme les passages les
  plus proches, à ouvrir de la même façon d'un clic sur leur marqueur.
- Les questions de suivi tiennent compte de la conversation (« Et pour l'autre académie ? ») ;
  la question réellement recherchée est alors indiquée en italique.

## Donner votre avis

Utilisez 👍 ou 👎 sous une réponse, avec un commentaire si vous le souhaitez.
Ces avis servent à améliorer l'assistant.

## Ajouter un document (administrateurs)

Joignez un fichier PDF, DOCX, HTML, TXT ou MD au message (trombone ou glisser-déposer),
avec ou sans question. Il est vérifié, ajouté au corpus puis indexé ; un message
en donne le résultat, puis la question éventuelle reçoit sa réponse, qui peut déjà
citer le document. Un fichier qui porte le nom d'un document fourni avec
l'assistant est refusé : renommez-le.
"""

# Three fixes in the page, as plain DOM code (Chainlit offers no option for any of them):
# 1. Chainlit >= 2.11 opens the source panel by itself, with every side element of the
#    conversation, whenever an answer arrives (Chainlit issue #2911). Sources should open
#    on a click on [n] only: close the panel when it opens or fills up without one.
# 2. The file picker rejects wrong types or sizes with English toasts: say it in French.
# 3. Some labels are written in English in Chainlit's bundle, outside its translation
#    files (buttons' hidden texts, aria-label and title attributes): put them in French.
#    Only whole texts are replaced, and never inside a message or the input box.
JS = """\
(function () {
  var MAX_MB = __MAX_MB__;
  var lastClick = 0, wasOpen = false;
  var FR = [
    [/^File type must be|File type not allowed|^Invalid file type/i,
     "Type de fichier non pris en charge : seuls les documents PDF, DOCX, HTML, TXT ou MD peuvent être ajoutés au corpus."],
    [/^File is larger than|File size too large|too large/i,
     "Fichier trop volumineux : " + MAX_MB + " Mo au maximum. Le corpus n'a pas été modifié."],
    [/^Too many files/i, "Trop de fichiers à la fois."],
    [/Session not found/i, "La connexion n'est pas encore établie : joignez le fichier de nouveau dans un instant."],
    [/credentialssignin/i, "Identifiant ou mot de passe incorrect."]
  ];
  var LABELS = __LABELS__;
  var ATTRS = ["aria-label", "title", "placeholder", "alt"];
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
  function french(value) {
    var key = value && value.trim();
    return key && Object.prototype.hasOwnProperty.call(LABELS, key) ? value.replace(key, LABELS[key]) : null;
  }
  function ours(node) {
    var el = node.nodeType === 1 ? node : node.parentElement;
    return !(el && el.closest && el.closest(".prose, #chat-input, .message-content, textarea"));
  }
  function fixText(t) {
    if (!ours(t)) return;
    var v = french(t.nodeValue);
    if (v !== null && v !== t.nodeValue) t.nodeValue = v;
  }
  function fixAttrs(el) {
    if (!el.getAttribute || !ours(el)) return;
    for (var i = 0; i < ATTRS.length; i++) {
      var old = el.getAttribute(ATTRS[i]), v = french(old);
      if (v !== null && v !== old) el.setAttribute(ATTRS[i], v);
    }
  }
  function translate(root) {
    if (!root) return;
    if (root.nodeType === 3) { fixText(root); return; }
    if (root.nodeType !== 1) return;
    fixAttrs(root);
    var els = root.querySelectorAll("[aria-label], [title], [placeholder], [alt]");
    for (var i = 0; i < els.length; i++) fixAttrs(els[i]);
    var walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT), t;
    while ((t = walker.nextNode())) fixText(t);
  }
  new MutationObserver(function (records) {
    for (var i = 0; i < records.length; i++) {
      var r = records[i];
      if (r.type === "childList") { for (var j = 0; j < r.addedNodes.length; j++) translate(r.addedNodes[j]); }
      else if (r.type === "characterData") fixText(r.target);
      else if (r.type === "attributes") fixAttrs(r.target);
    }
    sourcePanel(); toasts();
  }).observe(document.documentElement, { childList: true, subtree: true, characterData: true,
                                         attributes: true, attributeFilter: ATTRS });
  translate(document.body); sourcePanel(); toasts();
  window.__dareicUi = true;
})();
"""

# English texts of Chainlit's bundle that its translation files do not cover (found by listing
# every button's text, aria-label and title in a browser, and in frontend/dist/assets/index-*.js).
UI_LABELS_FR = {
    "Toggle theme": "Changer de thème",
    "Toggle Sidebar": "Afficher ou masquer la liste des conversations",
    "Close": "Fermer",
    "Close toast": "Fermer la notification",
    "Close lightbox": "Fermer l'aperçu",
    "Open PDF in a larger view": "Agrandir le PDF",
    "A modal with a larger view of the PDF.": "Le PDF en grand.",
    "View PDF": "Voir le PDF",
    "Download PDF": "Télécharger le PDF",
    "Print/Open PDF": "Imprimer ou ouvrir le PDF",
    "Loading PDF...": "Chargement du PDF…",
    "Loading preview...": "Chargement de l'aperçu…",
    "Loading...": "Chargement…",
    "Go to previous page": "Page précédente",
    "Go to next page": "Page suivante",
    "Previous": "Précédent",
    "Next": "Suivant",
    "More pages": "Autres pages",
    "Previous slide": "Diapositive précédente",
    "Next slide": "Diapositive suivante",
    "Are you sure?": "Êtes-vous sûr ?",
    "An error occurred": "Une erreur est survenue",
    "An error occurred while loading the content": "Le contenu n'a pas pu être chargé.",
    "Your browser does not support the video tag.": "Votre navigateur ne peut pas lire cette vidéo.",
    "Raw code": "Code",
    "Output": "Résultat",
    "Tasks": "Tâches",
    "Save": "Enregistrer",
}

CSS = """\
/* Assistant DAREIC: no web fonts are loaded (offline); use the local sans-serif fonts. */
:root { --font-sans: Inter, "Noto Sans", "DejaVu Sans", Roboto, "Segoe UI", system-ui, sans-serif; }
/* Citation markers stand out a little more. */
.message-content a.element-link, .element-link { font-weight: 600; }
"""

# The product's own mark, neutral (no flag): a speech bubble whose lines stand for quoted
# passages. Used as the logo, the favicon, the welcome icon and the assistant's avatar.
MARK = """\
  <rect width="64" height="64" rx="14" fill="#1f4e9c"/>
  <path d="M15 14h34a5 5 0 0 1 5 5v19a5 5 0 0 1-5 5H31l-11 8v-8h-5a5 5 0 0 1-5-5V19a5 5 0 0 1 5-5z" fill="#ffffff"/>
  <rect x="18" y="21" width="28" height="4" rx="2" fill="#1f4e9c"/>
  <rect x="18" y="28" width="22" height="4" rx="2" fill="#1f4e9c"/>
  <rect x="18" y="35" width="13" height="4" rx="2" fill="#7f9fd8"/>
"""

ICON_SVG = f"""\
<svg xmlns="http://www.w3.org/2000/svg" width="64" height="64" viewBox="0 0 64 64">
{MARK}</svg>
"""

LOGO_SVG = f"""\
<svg xmlns="http://www.w3.org/2000/svg" width="240" height="64" viewBox="0 0 240 64">
  <g transform="translate(2 8) scale(0.75)">
{MARK}  </g>
  <text x="62" y="42" font-family="DejaVu Sans, sans-serif" font-size="26" font-weight="700"
        fill="{{fill}}">DAREIC</text>
</svg>
"""

LOGIN_SVG = f"""\
<svg xmlns="http://www.w3.org/2000/svg" width="800" height="1000" viewBox="0 0 800 1000">
  <rect width="800" height="1000" fill="#1f4e9c"/>
  <g transform="translate(320 320) scale(2.5)">
{MARK}  </g>
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
    "alerts": {"info": "Information"},
    "chat": {
        "messages": {"feedback": {"status": {"updated": "Merci pour votre avis"}}},
        "watermark": "Réponses extraites des documents du corpus : vérifiez les passages cités.",
        "input": {"placeholder": "Posez votre question sur la coopération européenne et franco-allemande…"},
        "fileUpload": {"dragDrop": "Déposez ici un document PDF, DOCX, HTML, TXT ou MD à ajouter au corpus"},
    },
}
