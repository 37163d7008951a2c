"""Build the generated documents of part A of the fourth new-documents *tuning* corpus (evals/corpora/newdocs-dev4/).

Fictional documents on French–Austrian school cooperation and on language assistants, written to
measure the answerer on documents it never saw (questions: evals/newdocs-dev4.jsonl; part B,
build_b.py, writes the other documents of the folder). Part A is these two generated files plus
one hand-written file:

- convention-corse-carinthie-2025.pdf (built here): a partnership convention between the académie
  de Corse and the Land of Carinthia (Kärnten, Bildungsdirektion für Kärnten). Bilingual title,
  parties and "Vu / Considérant" preamble, bold "Article n – …" titles, a bulleted list with a
  lead-in, a 2-column table of the commitments of each side, an amount left to a later
  amendment, a date "à préciser", a side-by-side signature block, a running header and a
  "page n / total" footer;
- guide-professeur-referent-assistants-guyane-2026.docx (built here): a guide for the teachers who
  host a foreign language assistant in the académie de la Guyane, in real Word styles (Title,
  Heading 1/2, bold "label : value" lines, List Bullet lists with a lead-in, one List Number
  procedure, a 4-column table with a bold header row and a total row), one date and one amount
  left open;
- faq-mare-e-monti-corse-carinthie-2026.md (by hand, not built here): an FAQ of the DAREIC de Corse
  on "Mare e Monti", the individual pupil exchange with Carinthia that puts the convention's pupil
  mobility into practice (## question headings, paragraphs, bulleted and numbered lists, one
  Markdown table).

Outputs are reproducible (reportlab's invariant mode, fixed core properties and zip
timestamps): running ``python evals/corpora/newdocs-dev4/build_a.py`` again changes nothing.
"""
from __future__ import annotations

import datetime as dt
import io
from pathlib import Path
import sys

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # evals/corpora: shared generator helpers
from reproducible import fixed_zip, paged_pdf, pdf_story  # noqa: E402

HERE = Path(__file__).resolve().parent
FIXED_DATE = dt.datetime(2026, 2, 2, 9, 30, 0)

# --- the convention (PDF) --------------------------------------------------------------------
# A story is a list of (kind, payload): ("h", title); ("p", text); ("lead", text); ("de", text) in
# italics; ("kv", (label, value)); ("ul", [items]); ("table", rows) with a header row; ("sign", sides).
CONV_TITLE = ("Convention de partenariat dans le domaine de l'éducation entre l'académie de Corse "
              "et le Land de Carinthie (Kärnten)")
CONV_HEADER = "Académie de Corse – DAREIC | Partnerschaftsvereinbarung Korsika – Kärnten"
CONV_FOOTER = "Convention Corse – Carinthie du 14 novembre 2025 – page {n} / {total}"
CONVENTION = [
    ("de", "Partnerschaftsvereinbarung im Bildungsbereich zwischen der Académie de Corse und dem Land Kärnten"),
    ("lead", "Entre"),
    ("p", "l'académie de Corse, représentée par M. Rémi Ceccaldi, recteur de l'académie de Corse, "
          "chancelier des universités, ci-après dénommée « l'académie »,"),
    ("lead", "et"),
    ("p", "le Land de Carinthie, représenté par M. Gerhard Pirker, directeur de l'éducation (Bildungsdirektor) "
          "de la Bildungsdirektion für Kärnten, ci-après dénommée « la Bildungsdirektion »,"),
    ("p", "Vu l'accord culturel entre la République française et la République d'Autriche ;"),
    ("p", "Considérant l'intérêt commun des deux parties pour l'apprentissage de la langue du partenaire, pour "
          "la mobilité des élèves et des personnels et pour la formation aux métiers du tourisme, secteur "
          "essentiel de l'économie de la Corse comme de la Carinthie ;"),
    ("p", "il est convenu ce qui suit."),
    ("h", "Article 1 – Objet"),
    ("p", "La présente convention a pour objet de développer une coopération durable entre les établissements "
          "scolaires de l'académie de Corse et ceux du Land de Carinthie. Elle fixe les domaines de cette "
          "coopération, les engagements de chaque partie et les modalités de son suivi."),
    ("h", "Article 2 – Domaines de coopération"),
    ("p", "Les parties conviennent de coopérer dans les domaines suivants :"),
    ("ul", ["les appariements entre écoles, collèges et lycées corses et établissements carinthiens ;",
            "les mobilités individuelles et collectives d'élèves ;",
            "les séjours d'observation d'enseignants (job shadowing) ;",
            "l'échange d'assistants de langue ;",
            "les projets européens communs, notamment dans le cadre du programme Erasmus+ ;",
            "la formation professionnelle aux métiers de l'hôtellerie, de la restauration et du tourisme."]),
    ("h", "Article 3 – Appariements"),
    ("p", "Les parties s'efforcent de constituer au moins douze appariements actifs d'ici la fin de l'année "
          "scolaire 2028-2029. Au sens de la présente convention, un appariement est dit actif lorsque les deux "
          "établissements ont réalisé au moins une mobilité physique dans chaque sens au cours des deux "
          "dernières années scolaires. Les échanges uniquement virtuels sont encouragés mais ne suffisent pas "
          "à rendre un appariement actif."),
    ("p", "La DAREIC de Corse et la Bildungsdirektion tiennent à jour une liste commune des appariements, "
          "publiée chaque année au mois d'octobre."),
    ("h", "Article 4 – Formation professionnelle"),
    ("p", "Les élèves des sections hôtellerie-restauration des lycées professionnels de l'académie peuvent "
          "effectuer une période de formation en milieu professionnel (PFMP) de quatre semaines dans un "
          "établissement hôtelier de Carinthie, en particulier dans la région du Wörthersee, entre mai et "
          "septembre. Ils doivent être âgés d'au moins 16 ans à la date du départ."),
    ("p", "L'académie verse à chaque élève effectuant une PFMP en Carinthie une aide forfaitaire de 600 euros "
          "destinée à couvrir les frais de voyage."),
    ("p", "Les élèves des écoles hôtelières de Carinthie (Tourismusschulen) peuvent accomplir en Corse leur "
          "stage obligatoire d'été (Pflichtpraktikum). Les conditions de leur accueil sont fixées par la "
          "Bildungsdirektion."),
    ("h", "Article 5 – Mobilité des enseignants"),
    ("p", "Chaque année, jusqu'à quatre enseignants de chaque partie effectuent un séjour d'observation de deux "
          "semaines dans un établissement partenaire. Les frais de voyage sont pris en charge par l'autorité "
          "d'envoi, dans la limite de 450 euros par enseignant ; l'hébergement est assuré par l'établissement "
          "d'accueil ou par une famille d'enseignant volontaire."),
    ("h", "Article 6 – Engagements des parties"),
    ("p", "Pour la mise en œuvre de la présente convention, chaque partie prend les engagements suivants :"),
    ("table", [["L'académie de Corse", "La Bildungsdirektion für Kärnten"],
               ["désigne à la DAREIC un chargé de mission pour la Carinthie",
                "désigne au sein de son service des relations internationales un interlocuteur pour la Corse"],
               ["accueille chaque année deux assistants de langue allemande originaires de Carinthie",
                "accueille chaque année deux assistants de langue française originaires de Corse"],
               ["organise chaque automne à Ajaccio une université d'automne de l'allemand ouverte à six "
                "enseignants carinthiens",
                "organise chaque printemps à Klagenfurt un séminaire de didactique du français ouvert à six "
                "enseignants corses"],
               ["verse l'aide au voyage des élèves corses en PFMP",
                "prend en charge l'hébergement des élèves corses en PFMP"],
               ["diffuse les offres de partenariat auprès des établissements de l'académie",
                "diffuse les offres de partenariat auprès des écoles du Land"]]),
    ("h", "Article 7 – Comité de pilotage"),
    ("p", "Un comité de pilotage paritaire, composé de trois représentants de chaque partie, suit la mise en "
          "œuvre de la convention. Il est coprésidé par le délégué académique aux relations européennes et "
          "internationales et à la coopération (DAREIC) et par le chef du service des relations internationales "
          "de la Bildungsdirektion."),
    ("p", "Le comité se réunit une fois par an, alternativement en Corse et en Carinthie. Sa première réunion "
          "se tiendra à Klagenfurt, à une date à préciser d'un commun accord. Il établit chaque année un bilan "
          "des actions menées."),
    ("h", "Article 8 – Financement"),
    ("p", "Chaque partie finance les actions relevant de ses propres engagements, dans la limite de ses crédits "
          "disponibles. Pour l'année 2026, l'académie de Corse réserve une enveloppe de 18 000 euros à la mise "
          "en œuvre de la convention. Le montant de la contribution de la Bildungsdirektion sera fixé par "
          "avenant."),
    ("h", "Article 9 – Langues"),
    ("p", "La présente convention est rédigée en français et en allemand, les deux versions faisant également "
          "foi. Les documents du comité de pilotage sont établis dans les deux langues."),
    ("h", "Article 10 – Contacts"),
    ("p", "Pour l'académie de Corse : Mme Laetitia Mondoloni, chargée de mission pour les pays germanophones à "
          "la DAREIC de Corse, 04 95 51 37 26."),
    ("p", "Für das Land Kärnten : M. Florian Kogler, service des relations internationales (Referat für "
          "internationale Angelegenheiten) de la Bildungsdirektion für Kärnten, à Klagenfurt am Wörthersee."),
    ("h", "Article 11 – Durée, modification et dénonciation"),
    ("p", "La présente convention est conclue pour une durée de cinq ans à compter de sa signature. Elle est "
          "renouvelable par tacite reconduction pour des périodes de même durée. Elle peut être modifiée par "
          "avenant signé des deux parties."),
    ("p", "Chaque partie peut dénoncer la convention par écrit, moyennant un préavis de six mois. Les mobilités "
          "déjà engagées à la date de la dénonciation sont menées à leur terme."),
    ("p", "Fait à Ajaccio, le 14 novembre 2025, en deux exemplaires originaux, chacun en langue française et "
          "en langue allemande."),
    ("sign", [["Pour l'académie de Corse", "Le recteur de l'académie de Corse, chancelier des universités",
               "Rémi Ceccaldi"],
              ["Für das Land Kärnten", "Der Bildungsdirektor für Kärnten", "Gerhard Pirker"]]),
]


def build_convention_pdf(out: Path) -> None:
    def story():
        return pdf_story(CONVENTION, CONV_TITLE, widths=[225, 225], title_size=14, header_fill="#dde6ee")
    paged_pdf(story, out, CONV_TITLE, CONV_HEADER, CONV_FOOTER, (2.3, 2.2))


# --- the guide (Word) ------------------------------------------------------------------------
# ("title"|"h1"|"h2"|"p"|"num"|"bullet", text); ("kv", (label, value)) a paragraph with a bold
# "label :"; ("table", rows) with a bold header row and a bold last row when it is a total.
GUIDE_TITLE = "Accueillir un assistant de langue vivante étrangère – Guide du professeur référent 2026-2027"
GUIDE_HEADER = "Académie de la Guyane – DAREIC – Réf. DAREIC-GUY/ALV/2026-03"
GUIDE = [
    ("title", GUIDE_TITLE),
    ("p", "Académie de la Guyane – Délégation académique aux relations européennes et internationales et à la "
          "coopération (DAREIC), avec les inspecteurs d'académie – inspecteurs pédagogiques régionaux (IA-IPR) "
          "de langues vivantes. Version du 2 février 2026."),
    ("p", "Ce guide s'adresse aux professeurs de langues vivantes des collèges et lycées qui accueilleront un "
          "assistant de langue à la rentrée 2026, ainsi qu'aux chefs d'établissement."),
    ("kv", ("Période du contrat", "du 1er octobre 2026 au 30 avril 2027")),
    ("kv", ("Service de l'assistant", "12 heures par semaine")),
    ("kv", ("Rémunération", "1 045 euros bruts par mois")),
    ("kv", ("Stage d'accueil académique", "5 et 6 octobre 2026, au rectorat (site de Troubiran), à Cayenne")),
    ("h1", "1. Les assistants de langue dans l'académie"),
    ("p", "Pour l'année 2026-2027, l'académie de la Guyane accueille 21 assistants de langue, recrutés par France "
          "Éducation international avec les pays partenaires. Leur répartition est la suivante :"),
    ("table", [["Langue", "Pays d'origine", "Nombre d'assistants", "Communes d'affectation"],
               ["Anglais", "Royaume-Uni, Guyana, Trinité-et-Tobago", "9", "Cayenne, Kourou, Matoury"],
               ["Espagnol", "Colombie, Pérou, Mexique", "6", "Cayenne, Saint-Laurent-du-Maroni"],
               ["Portugais", "Brésil", "4", "Saint-Georges-de-l'Oyapock, Cayenne"],
               ["Allemand", "Allemagne, Autriche", "2", "Cayenne, Kourou"],
               ["Total", "", "21", ""]]),
    ("p", "Les assistants d'allemand sont partagés entre un lycée et un collège. Aucun assistant d'italien ni de "
          "chinois n'est prévu cette année."),
    ("h1", "2. Le rôle du professeur référent"),
    ("p", "Le professeur référent est le professeur de la langue de l'assistant que le chef d'établissement "
          "désigne pour l'accueillir, organiser son service et l'accompagner pendant toute la durée du "
          "contrat. Il est son interlocuteur privilégié dans l'établissement, mais il n'est pas son supérieur "
          "hiérarchique : l'assistant est placé sous l'autorité du chef d'établissement."),
    ("h2", "2.1 Avant l'arrivée de l'assistant"),
    ("p", "Dès qu'il connaît le nom de l'assistant, le professeur référent :"),
    ("bullet", "prend contact avec lui par courriel, en général au mois de juillet, après la réception de l'arrêté "
               "de nomination ;"),
    ("bullet", "l'aide à chercher un logement, en lien avec le gestionnaire de l'établissement ;"),
    ("bullet", "lui rappelle que la vaccination contre la fièvre jaune est obligatoire pour entrer en Guyane ;"),
    ("bullet", "prépare avec l'équipe de langue un emploi du temps provisoire."),
    ("h2", "2.2 Les premiers jours"),
    ("p", "À l'arrivée de l'assistant, le professeur référent suit les étapes ci-dessous, dans cet ordre :"),
    ("num", "Accueillir l'assistant à l'aéroport de Cayenne-Félix-Éboué ou à la gare routière, puis "
            "l'accompagner jusqu'à son logement."),
    ("num", "Le conduire au secrétariat le jour de sa prise de fonctions pour signer le procès-verbal "
            "d'installation, sans lequel aucun salaire ne peut être versé."),
    ("num", "L'aider à ouvrir un compte bancaire et à demander son affiliation à la sécurité sociale auprès de "
            "la CGSS de Guyane."),
    ("num", "Lui présenter l'équipe de direction, les professeurs de langue, la vie scolaire et le règlement "
            "intérieur."),
    ("num", "Lui remettre son emploi du temps définitif au plus tard le 16 octobre 2026."),
    ("h1", "3. Le service de l'assistant"),
    ("h2", "3.1 Les activités confiées"),
    ("p", "L'assistant intervient toujours en appui d'un professeur. Il peut notamment :"),
    ("bullet", "animer des séances de conversation en petits groupes de 12 élèves au plus ;"),
    ("bullet", "préparer les élèves aux épreuves orales et aux certifications en langue ;"),
    ("bullet", "présenter la culture et l'actualité de son pays ;"),
    ("bullet", "participer aux clubs de langue et aux projets d'échange de l'établissement."),
    ("p", "L'assistant ne remplace pas un professeur absent, ne surveille pas les examens et ne reste jamais seul "
          "responsable d'une classe entière. Un assistant peut être partagé entre deux établissements au plus, "
          "situés dans la même commune."),
    ("h2", "3.2 Congés et absences"),
    ("p", "L'assistant suit le calendrier des vacances scolaires de l'académie de la Guyane. Toute absence est "
          "signalée le jour même au chef d'établissement ; un arrêt de travail est transmis au secrétariat dans "
          "un délai de 48 heures."),
    ("h1", "4. Rémunération et aides"),
    ("p", "L'assistant perçoit 1 045 euros bruts par mois, versés par le rectorat à la fin de chaque mois. Le "
          "premier salaire étant versé fin octobre, l'assistant peut demander au rectorat une avance de 700 "
          "euros dès la signature de son procès-verbal d'installation."),
    ("p", "Le billet d'avion entre le pays d'origine et la Guyane n'est pas remboursé par l'académie. Une aide au "
          "logement de la Collectivité territoriale de Guyane (CTG) est à l'étude ; son montant sera communiqué "
          "ultérieurement."),
    ("h1", "5. Calendrier de l'année"),
    ("kv", ("Réunion des professeurs référents (visioconférence)", "17 septembre 2026 à 15 heures")),
    ("kv", ("Stage d'accueil des assistants", "5 et 6 octobre 2026")),
    ("kv", ("Bilan intermédiaire avec les IA-IPR", "fin janvier 2027, date à préciser")),
    ("kv", ("Fin des contrats", "30 avril 2027")),
    ("kv", ("Rapport de fin de séjour du professeur référent", "au plus tard le 21 mai 2027")),
    ("h1", "6. Contacts"),
    ("bullet", "Mme Sandrine Lama-Bernard, chargée de mission assistants de langue à la DAREIC de la Guyane, "
               "05 94 27 19 63 ;"),
    ("bullet", "M. Thierry Sainte-Rose, IA-IPR d'anglais, coordonnateur pédagogique du dispositif ;"),
    ("bullet", "Mme Isabelle Nouvet, gestionnaire à la division des personnels enseignants (DPE), pour la paie "
               "et les arrêts de travail des assistants."),
]
DOCX_STYLES = {"title": "Title", "h1": "Heading 1", "h2": "Heading 2", "p": None, "num": "List Number",
               "bullet": "List Bullet"}


def build_guide_docx(out: Path) -> None:
    """Like reproducible.styled_docx, with bold "label :" lines and a bold total row."""
    import docx

    d = docx.Document()
    d.core_properties.title = GUIDE_TITLE
    d.core_properties.author = "DAREIC"
    d.core_properties.created = d.core_properties.modified = FIXED_DATE
    d.sections[0].header.paragraphs[0].text = GUIDE_HEADER
    for kind, payload in GUIDE:
        if kind == "table":
            t = d.add_table(rows=len(payload), cols=len(payload[0]))
            t.style = "Table Grid"
            last = len(payload) - 1
            for i, row in enumerate(payload):
                bold = i == 0 or (i == last and row[0] == "Total")
                for j, text in enumerate(row):
                    t.cell(i, j).paragraphs[0].add_run(text).bold = bold
        elif kind == "kv":
            label, value = payload
            p = d.add_paragraph()
            p.add_run(f"{label} :").bold = True
            p.add_run(f" {value}")
        else:
            d.add_paragraph(payload, style=DOCX_STYLES[kind])
    buf = io.BytesIO()
    d.save(buf)
    out.write_bytes(fixed_zip(buf.getvalue(), FIXED_DATE))


def build_all(folder: Path = HERE) -> list[Path]:
    convention = folder / "convention-corse-carinthie-2025.pdf"
    build_convention_pdf(convention)
    guide = folder / "guide-professeur-referent-assistants-guyane-2026.docx"
    build_guide_docx(guide)
    return [convention, guide]


if __name__ == "__main__":
    for path in build_all():
        print(f"wrote {path.relative_to(HERE)}")
