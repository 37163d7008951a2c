"""Build the generated documents of part B of the fourth new-documents *tuning* corpus (evals/corpora/newdocs-dev4/).

Fictional documents on European school cooperation, written to measure the answerer on documents
it never saw (questions: evals/newdocs-dev4.jsonl; part A, build_a.py, writes three other
documents of the folder). Part B is these two generated files plus one hand-written page:

- programme-erasmus-maore-horizons-mayotte-2026-2027.pdf (built here): a two-page "fiche programme"
  (flyer) of the Erasmus+ consortium « Maore Horizons » of the académie de Mayotte. A coloured title
  band, two side-by-side columns ("Le programme en bref" / "Qui peut partir ?", then "Procédure"
  numbered steps / "Calendrier 2026-2027" dates) laid out as borderless two-cell tables, a 5-column
  table of amounts by destination, bulleted notes, one date left to be announced, a running header
  and a "page n / total" footer;
- note-service-sommerakademie-salzbourg-mayotte-2026.docx (built here): a note de service of the
  rectorat of the académie de Mayotte calling for teachers' applications to a summer course in
  Salzburg (Austria). Sender and addressee block, "Objet / Référence / Pièces jointes"
  lines, Heading 1 sections, paragraphs numbered "2.1", "2.2"…, a List Bullet list, a List Number
  procedure, a 3-column calendar table with a bold header row, details left "à préciser" and a
  right-aligned signature block;
- programme-klassenbruecke-echanges-classes-leipzig.html (by hand, not built here): the French
  page of a Franco-German association's site in Leipzig on its class-exchange programme, as saved
  from the browser (cookie banner, language switcher, menus, breadcrumb, share links, sidebar,
  footer) whose <article> holds h1/h2/h3, lists, an <ol> procedure, a 5-column table and an FAQ in
  <details>/<summary>.

Outputs are reproducible (reportlab's invariant mode, fixed core properties and zip timestamps):
running ``python evals/corpora/newdocs-dev4/build_b.py`` again changes nothing.
"""
from __future__ import annotations

import datetime as dt
import io
from pathlib import Path
import sys

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # evals/corpora: shared generator helpers
from reproducible import fixed_zip, paged_pdf  # noqa: E402

HERE = Path(__file__).resolve().parent
FIXED_DATE = dt.datetime(2026, 1, 12, 9, 0, 0)

# --- the Erasmus+ flyer (PDF) ----------------------------------------------------------------
FLYER_TITLE = "Erasmus+ « Maore Horizons » – Fiche programme 2026-2027"
FLYER_SUBTITLE = ("Consortium Erasmus+ de l'académie de Mayotte – mobilités des élèves et des personnels "
                  "dans l'enseignement scolaire")
FLYER_HEADER = "Académie de Mayotte – DAREIC | Consortium Erasmus+ Maore Horizons"
FLYER_FOOTER = "Fiche programme Maore Horizons 2026-2027 – version du 2 février 2026 – page {n} / {total}"

INTRO = ("Le consortium « Maore Horizons » réunit des collèges et des lycées de l'académie de Mayotte autour "
         "d'un même projet européen, coordonné par la délégation académique aux relations européennes et "
         "internationales et à la coopération (DAREIC). Il permet aux élèves et aux personnels de partir "
         "dans un établissement partenaire en Europe, sans que chaque établissement ait à déposer sa propre "
         "demande auprès de l'agence Erasmus+ France / Éducation Formation.")

BRIEF = [  # left column: "label : value" lines
    ("Accréditation", "obtenue en 2024, valable jusqu'en 2027 (n° 2024-1-FR01-KA120-SCH-000198342)"),
    ("Établissements membres", "11 (7 collèges et 4 lycées)"),
    ("Subvention 2026-2027", "486 300 euros"),
    ("Mobilités prévues", "118, dont 84 mobilités d'élèves et 34 mobilités de personnels"),
    ("Coordination", "DAREIC de Mayotte, à Mamoudzou"),
]
WHO_LEAD = "Peuvent partir :"
WHO = [
    "les élèves de la 4e à la terminale scolarisés dans un établissement membre du consortium ;",
    "les enseignants, les conseillers principaux d'éducation (CPE), les psychologues de l'éducation nationale "
    "et les personnels de direction de ces établissements.",
]
WHO_AFTER = ("Les élèves doivent avoir au moins 14 ans à la date du départ, et 16 ans pour une mobilité "
             "individuelle de longue durée. Les élèves qui n'ont jamais voyagé hors de l'océan Indien sont "
             "prioritaires.")
TYPES_LEAD = "Types de mobilité et durées :"
TYPES = [
    "mobilité de groupe d'élèves : 2 à 30 jours ;",
    "mobilité individuelle de courte durée : 10 à 29 jours ;",
    "mobilité individuelle de longue durée : 30 à 365 jours ;",
    "observation en situation de travail (job shadowing) : 2 à 60 jours ;",
    "cours et formations pour les personnels : 2 à 30 jours.",
]
AMOUNTS = [
    ["Destination", "Établissement partenaire", "Forfait voyage par participant",
     "Soutien individuel par jour (élève)", "Soutien individuel par jour (personnel)"],
    ["Funchal (Madère, Portugal)", "Escola Secundária da Levada", "1 500 euros", "56 euros", "98 euros"],
    ["Santa Cruz de Tenerife (Canaries, Espagne)", "IES Anaga Norte", "1 500 euros", "58 euros", "101 euros"],
    ["Fribourg-en-Brisgau (Allemagne)", "Gewerbeschule am Seepark", "1 735 euros", "63 euros", "112 euros"],
    ["Cork (Irlande)", "Lee Valley Community School", "1 735 euros", "70 euros", "126 euros"],
    ["La Valette (Malte)", "St. Elmo Secondary School", "1 735 euros", "56 euros", "98 euros"],
]
AMOUNT_NOTES = [
    "Le soutien individuel couvre l'hébergement, les repas et les transports sur place. Il est versé au taux "
    "plein jusqu'au 14e jour ; à partir du 15e jour, il est réduit à 70 %.",
    "Pour une mobilité individuelle de longue durée, le soutien individuel est remplacé par un forfait de "
    "1 450 euros par mois.",
    "Un soutien à l'inclusion de 100 euros par élève ayant moins d'opportunités est versé à l'établissement "
    "d'envoi.",
    "Les accompagnateurs des groupes d'élèves reçoivent le soutien prévu pour les personnels ; il faut un "
    "accompagnateur pour 6 élèves.",
    "Le titre de séjour délivré à Mayotte ne permet pas de circuler dans l'espace Schengen : les élèves de "
    "nationalité étrangère doivent obtenir un visa. Les frais de visa sont pris en charge par le consortium.",
]
STEPS = [
    "Le chef d'établissement désigne un référent Erasmus+ parmi les enseignants.",
    "L'équipe remplit la fiche projet de mobilité (objectifs, public, destination, dates) sur l'espace "
    "collaboratif du consortium.",
    "Le chef d'établissement dépose la fiche projet, avec l'avis du conseil pédagogique, avant la date limite.",
    "La commission de sélection du consortium examine les fiches et répartit les mobilités entre les "
    "établissements.",
    "L'établissement choisit les élèves sur lettre de motivation et entretien ; les familles signent "
    "l'autorisation parentale.",
    "Chaque participant suit une préparation linguistique et interculturelle d'au moins 12 heures avant "
    "le départ.",
    "Au retour, le participant remplit le rapport en ligne de la Commission européenne dans les 30 jours "
    "et reçoit un Europass Mobilité.",
]
CALENDAR = [
    ("Lancement de la campagne", "2 février 2026"),
    ("Réunion d'information des chefs d'établissement", "11 février 2026, en visioconférence"),
    ("Date limite de dépôt des fiches projets", "27 mars 2026"),
    ("Commission de sélection", "16 avril 2026"),
    ("Formation des référents Erasmus+", "3 juin 2026, à Mamoudzou"),
    ("Premières mobilités", "à partir d'octobre 2026"),
    ("Fin des mobilités", "31 juillet 2027"),
    ("Réunion d'information pour les familles", "date communiquée ultérieurement"),
]
PARTNER_NOTE = ("Partenaire en Allemagne : la Gewerbeschule am Seepark, une Berufsschule (école professionnelle) "
                "de Fribourg-en-Brisgau, accueille les élèves de lycée professionnel pour des stages de "
                "3 semaines en entreprise (Betriebspraktikum).")
CONTACTS = [
    "Mme Zaïnaba Soilihi, déléguée académique aux relations européennes et internationales et à la "
    "coopération (DAREIC) de Mayotte ;",
    "M. Thibault Mercadier, chargé de mission Erasmus+, coordinateur du consortium Maore Horizons, "
    "02 69 61 47 25, erasmus@ac-mayotte.fr.",
]


def flyer_story() -> list:
    from xml.sax.saxutils import escape

    from reportlab.lib import colors
    from reportlab.lib.styles import ParagraphStyle, getSampleStyleSheet
    from reportlab.platypus import ListFlowable, ListItem, Paragraph, Spacer, Table, TableStyle

    base = getSampleStyleSheet()
    body = ParagraphStyle("body", parent=base["BodyText"], fontName="Helvetica", fontSize=9.5, leading=12.5,
                          spaceAfter=4)
    band_title = ParagraphStyle("band", parent=body, fontName="Helvetica-Bold", fontSize=17, leading=21,
                                textColor=colors.white)
    band_sub = ParagraphStyle("bandsub", parent=body, fontSize=10, leading=13, textColor=colors.white)
    box_title = ParagraphStyle("boxtitle", parent=body, fontName="Helvetica-Bold", fontSize=11.5, leading=14,
                               textColor=colors.HexColor("#003b80"), spaceBefore=2, spaceAfter=5)
    lead = ParagraphStyle("lead", parent=body, fontName="Helvetica-Bold", spaceBefore=3, spaceAfter=2)
    cell = ParagraphStyle("cell", parent=body, fontSize=8.5, leading=10.5, spaceAfter=0)
    head = ParagraphStyle("head", parent=cell, fontName="Helvetica-Bold", textColor=colors.white)

    def p(text, style=body):
        return Paragraph(escape(text), style)

    def kv(label, value):
        return Paragraph(f"<b>{escape(label)} :</b> {escape(value)}", body)

    def bullets(items):
        return ListFlowable([ListItem(p(t), value="•") for t in items], bulletType="bullet", start="•",
                            leftIndent=12)

    def numbered(items):
        return ListFlowable([ListItem(p(t)) for t in items], bulletType="1", bulletFormat="%s.", leftIndent=14)

    def two_columns(left, right):
        t = Table([[left, right]], colWidths=[242, 242], hAlign="LEFT")
        t.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"), ("LEFTPADDING", (0, 0), (-1, -1), 4),
                               ("RIGHTPADDING", (0, 0), (-1, -1), 10),
                               ("LINEAFTER", (0, 0), (0, 0), 0.5, colors.HexColor("#9fb4d0"))]))
        return t

    band = Table([[[p(FLYER_TITLE, band_title), p(FLYER_SUBTITLE, band_sub)]]], colWidths=[484])
    band.setStyle(TableStyle([("BACKGROUND", (0, 0), (-1, -1), colors.HexColor("#003b80")),
                              ("TOPPADDING", (0, 0), (-1, -1), 10), ("BOTTOMPADDING", (0, 0), (-1, -1), 10),
                              ("LEFTPADDING", (0, 0), (-1, -1), 12)]))
    story = [band, Spacer(1, 10), p(INTRO), Spacer(1, 6)]

    left = [p("Le programme en bref", box_title)] + [kv(label, value) for label, value in BRIEF]
    left += [p(TYPES_LEAD, lead), bullets(TYPES)]
    right = [p("Qui peut partir ?", box_title), p(WHO_LEAD, lead), bullets(WHO), p(WHO_AFTER)]
    story += [two_columns(left, right), Spacer(1, 10)]

    story.append(p("Montants par destination", box_title))
    story.append(p("Le consortium verse à chaque participant un forfait voyage et un soutien individuel, "
                   "selon la destination :"))
    data = [[p(c, head if i == 0 else cell) for c in row] for i, row in enumerate(AMOUNTS)]
    table = Table(data, colWidths=[118, 112, 82, 86, 86], hAlign="LEFT")
    table.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.5, colors.HexColor("#9fb4d0")),
                               ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#003b80")),
                               ("ROWBACKGROUNDS", (0, 1), (-1, -1), [colors.white, colors.HexColor("#eef3fa")]),
                               ("VALIGN", (0, 0), (-1, -1), "TOP")]))
    story += [table, Spacer(1, 6), bullets(AMOUNT_NOTES), p(PARTNER_NOTE), Spacer(1, 10)]

    left = [p("Procédure pour les établissements", box_title), numbered(STEPS)]
    right = [p("Calendrier 2026-2027", box_title)] + [kv(label, value) for label, value in CALENDAR]
    story += [two_columns(left, right), Spacer(1, 10)]

    story += [p("Contacts", box_title), bullets(CONTACTS)]
    return story


def build_flyer_pdf(out: Path) -> None:
    paged_pdf(flyer_story, out, FLYER_TITLE, FLYER_HEADER, FLYER_FOOTER, (2.2, 1.9))


# --- the note de service (Word) --------------------------------------------------------------
# ("h1", text) Heading 1; ("p", text) body; ("np", (number, text)) a numbered paragraph "2.1 …";
# ("bullet", text) List Bullet; ("num", text) List Number; ("table", rows) with a bold header row.
NOTE_HEADER = "Académie de Mayotte – Rectorat – DAREIC"
NOTE_TOP = [
    "ACADÉMIE DE MAYOTTE",
    "Liberté – Égalité – Fraternité",
    "Délégation académique aux relations européennes et internationales et à la coopération (DAREIC)",
    "Affaire suivie par : Mme Roukia Attoumani, chargée de mission langues et partenariats",
    "Tél. : 02 69 61 47 38 – Mél. : dareic@ac-mayotte.fr",
]
NOTE_DATE = "Mamoudzou, le 12 janvier 2026"
NOTE_TITLE = "Note de service n° 2026-DAREIC-014"
NOTE_TO = ("Le recteur de l'académie de Mayotte, chancelier des universités, à Mesdames et Messieurs "
           "les chefs d'établissement du second degré, Mesdames et Messieurs les inspecteurs de l'éducation "
           "nationale chargés de circonscription, Mesdames et Messieurs les directeurs d'école (pour "
           "information des professeurs des écoles).")
NOTE_META = [
    ("Objet", "appel à candidatures – Sommerakademie Salzburg 2026 : stage d'été de perfectionnement "
              "linguistique et pédagogique à Salzbourg (Autriche)"),
    ("Référence", "accord de coopération du 4 juillet 2024 entre l'académie de Mayotte et la direction de "
                  "l'éducation du Land de Salzbourg (Bildungsdirektion für Salzburg)"),
    ("Pièces jointes", "annexe 1 : formulaire de candidature ; annexe 2 : grille d'avis du supérieur "
                       "hiérarchique"),
]
NOTE = [
    ("h1", "1. Objet de l'appel"),
    ("np", ("1.1", "Dans le cadre de l'accord de coopération cité en référence, l'académie de Mayotte offre "
                   "à 8 enseignants la possibilité de participer à la Sommerakademie (académie d'été) organisée "
                   "par la Pädagogische Hochschule Salzburg, l'école supérieure de formation des enseignants du "
                   "Land de Salzbourg.")),
    ("np", ("1.2", "Le stage a pour objectifs de renforcer la maîtrise de l'allemand des enseignants, de développer "
                   "l'enseignement d'une discipline en langue étrangère et de préparer des appariements entre des "
                   "établissements de Mayotte et du Land de Salzbourg.")),
    ("h1", "2. Public et conditions"),
    ("np", ("2.1", "Les 8 places sont réparties ainsi : 5 places pour le second degré (professeurs d'allemand et "
                   "enseignants de discipline non linguistique en section européenne allemand) et 3 places pour "
                   "le premier degré (professeurs des écoles habilités à enseigner l'allemand).")),
    ("np", ("2.2", "Pour être candidat, l'enseignant doit remplir les conditions suivantes :")),
    ("bullet", "être en poste dans l'académie de Mayotte pour l'année scolaire 2026-2027 ;"),
    ("bullet", "avoir au moins le niveau B1 du cadre européen commun de référence pour les langues (CECRL) en "
               "allemand, les professeurs d'allemand étant dispensés de justificatif ;"),
    ("bullet", "ne pas avoir participé à la Sommerakademie en 2024 ou en 2025 ;"),
    ("bullet", "s'engager à rendre compte du stage selon les modalités prévues au point 7."),
    ("np", ("2.3", "Les professeurs contractuels peuvent candidater si leur contrat couvre toute l'année scolaire "
                   "2026-2027. Les professeurs stagiaires ne peuvent pas candidater.")),
    ("h1", "3. Contenu et déroulement du stage"),
    ("np", ("3.1", "Le stage a lieu du lundi 13 juillet au vendredi 31 juillet 2026, soit trois semaines, à la "
                   "Pädagogische Hochschule Salzburg.")),
    ("np", ("3.2", "Il comprend 20 heures de cours d'allemand par semaine en groupes de niveau, des ateliers de "
                   "didactique consacrés à l'enseignement d'une matière intégré à une langue étrangère (EMILE), "
                   "des rencontres avec des enseignants salzbourgeois et une journée d'étude à Hallein.")),
    ("np", ("3.3", "Les stagiaires sont logés en chambre individuelle dans la résidence étudiante de la "
                   "Pädagogische Hochschule. Le nom du tuteur autrichien de chaque stagiaire sera communiqué "
                   "ultérieurement.")),
    ("np", ("3.4", "À l'issue du stage, chaque stagiaire reçoit une attestation de participation "
                   "(Teilnahmebestätigung). Le stage est inscrit au plan académique de formation pour une "
                   "durée de 60 heures.")),
    ("h1", "4. Prise en charge financière"),
    ("np", ("4.1", "Le rectorat prend en charge le billet d'avion aller-retour entre Dzaoudzi et Munich, dans la "
                   "limite de 2 100 euros, ainsi que le trajet en train entre Munich et Salzbourg.")),
    ("np", ("4.2", "La Bildungsdirektion für Salzburg prend en charge les frais d'inscription, d'un montant de "
                   "780 euros par stagiaire, et l'hébergement.")),
    ("np", ("4.3", "Le rectorat verse en outre à chaque stagiaire une indemnité forfaitaire de séjour de "
                   "350 euros, destinée aux repas.")),
    ("np", ("4.4", "Le stage ayant lieu pendant les congés d'été, il ne donne lieu à aucun remplacement ni à "
                   "aucune rémunération supplémentaire.")),
    ("h1", "5. Modalités de candidature"),
    ("p", "Le dossier de candidature est constitué et transmis selon les étapes suivantes :"),
    ("num", "Télécharger le formulaire de candidature (annexe 1) sur le site de la DAREIC."),
    ("num", "Rédiger une lettre de motivation en allemand d'une page au maximum."),
    ("num", "Faire compléter la grille d'avis (annexe 2) par le chef d'établissement ou, pour les professeurs "
            "des écoles, par l'inspecteur de l'éducation nationale (IEN) de circonscription."),
    ("num", "Envoyer le dossier complet, en un seul fichier PDF, à dareic@ac-mayotte.fr avant la date limite."),
    ("num", "Passer un entretien en allemand de 20 minutes en visioconférence devant une commission présidée par "
            "l'IA-IPR d'allemand."),
    ("h1", "6. Calendrier"),
    ("table", [["Étape", "Date", "Observations"],
               ["Date limite de dépôt des candidatures", "27 février 2026 à 12 heures (heure de Mayotte)",
                "envoi par courriel à la DAREIC"],
               ["Entretiens en visioconférence", "17 et 18 mars 2026", "convocation individuelle par courriel"],
               ["Publication des résultats", "3 avril 2026", "avec une liste complémentaire de 3 noms"],
               ["Réunion de préparation au départ", "10 juin 2026", "au rectorat, à Mamoudzou"],
               ["Départ de Dzaoudzi", "11 juillet 2026", "vol par Paris et Munich, horaires à préciser"],
               ["Sommerakademie", "du 13 au 31 juillet 2026", "Pädagogische Hochschule Salzburg, Salzbourg"],
               ["Remise du rapport de stage", "2 octobre 2026", "à la DAREIC"]]),
    ("h1", "7. Engagements après le stage"),
    ("np", ("7.1", "Chaque stagiaire remet à la DAREIC un rapport de stage de trois pages au plus.")),
    ("np", ("7.2", "Il anime un atelier lors de la Journée académique des langues vivantes, dont la date sera "
                   "communiquée ultérieurement, et recherche un établissement partenaire dans le Land de Salzbourg pour un "
                   "projet eTwinning ou un appariement.")),
    ("h1", "8. Contacts"),
    ("bullet", "Mme Roukia Attoumani, chargée de mission langues et partenariats à la DAREIC, "
               "02 69 61 47 38, pour le dossier de candidature ;"),
    ("bullet", "M. Olivier Tessier, IA-IPR d'allemand, pour les questions pédagogiques et les entretiens ;"),
    ("bullet", "Mag. Georg Rainer, Bildungsdirektion für Salzburg, interlocuteur pour l'hébergement à Salzbourg."),
    ("p", "Je vous remercie de bien vouloir assurer la diffusion de la présente note auprès de l'ensemble des "
          "enseignants concernés."),
]
SIGNATURE = ["Le recteur de l'académie de Mayotte,", "chancelier des universités,", "",
             "Laurent Dorval-Mathurin"]


def build_note_docx(out: Path) -> None:
    import docx
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Cm, Pt

    d = docx.Document()
    d.core_properties.title = "Note de service n° 2026-DAREIC-014 – Sommerakademie Salzburg 2026"
    d.core_properties.author = "Rectorat de l'académie de Mayotte"
    d.core_properties.created = d.core_properties.modified = FIXED_DATE
    d.sections[0].header.paragraphs[0].text = NOTE_HEADER
    d.styles["Normal"].font.name = "Arial"
    d.styles["Normal"].font.size = Pt(10.5)

    for i, line in enumerate(NOTE_TOP):
        par = d.add_paragraph()
        par.paragraph_format.space_after = Pt(0)
        par.add_run(line).bold = i == 0
    date = d.add_paragraph(NOTE_DATE)
    date.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    d.add_paragraph(NOTE_TITLE, style="Title")
    d.add_paragraph(NOTE_TO)
    for label, value in NOTE_META:
        par = d.add_paragraph()
        par.paragraph_format.left_indent = Cm(0.5)
        par.add_run(f"{label} : ").bold = True
        par.add_run(value)

    for kind, payload in NOTE:
        if kind == "h1":
            d.add_heading(payload, level=1)
        elif kind == "p":
            d.add_paragraph(payload)
        elif kind == "np":
            number, text = payload
            par = d.add_paragraph()
            par.add_run(number + " ").bold = True
            par.add_run(text)
        elif kind == "bullet":
            d.add_paragraph(payload, style="List Bullet")
        elif kind == "num":
            d.add_paragraph(payload, style="List Number")
        elif kind == "table":
            t = d.add_table(rows=len(payload), cols=len(payload[0]))
            t.style = "Table Grid"
            for r, row in enumerate(payload):
                for c, text in enumerate(row):
                    t.cell(r, c).paragraphs[0].add_run(text).bold = r == 0
            d.add_paragraph()

    for line in SIGNATURE:
        par = d.add_paragraph(line)
        par.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        par.paragraph_format.space_after = Pt(0)

    buf = io.BytesIO()
    d.save(buf)
    out.write_bytes(fixed_zip(buf.getvalue(), FIXED_DATE))


def build_all(folder: Path = HERE) -> list[Path]:
    flyer = folder / "programme-erasmus-maore-horizons-mayotte-2026-2027.pdf"
    build_flyer_pdf(flyer)
    note = folder / "note-service-sommerakademie-salzbourg-mayotte-2026.docx"
    build_note_docx(note)
    return [flyer, note]


if __name__ == "__main__":
    for path in build_all():
        print(f"wrote {path.relative_to(HERE)}")
