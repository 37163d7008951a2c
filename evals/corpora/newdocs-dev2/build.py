"""Build the generated PDF and Word documents of the second new-documents *tuning* corpus.

evals/corpora/newdocs-dev2/ holds fictional documents on Franco-German and European school
cooperation, written for measuring and then tuning the answerer on unseen documents
(evals/newdocs-dev2-a.jsonl for the three generated here, evals/newdocs-dev2-b.jsonl for the
hand-written HTML, Markdown and text documents that sit next to them).

- convention-pfmp-lorient-bremen.pdf: a partnership convention between a vocational lycée of the
  académie de Rennes and a Berufsschule in Bremen for work placements abroad (PFMP). Bold titles
  "Article n – …" a little larger than the body, bullet lists, a numbered procedure, a 3-column
  table of what each party pays, side-by-side signature blocks ("Fait à …, le …"), a running
  header and a "page n / total" footer;
- bilan-echanges-scolaires-dijon-2024-2025.docx: an annual report with real Word styles (Title,
  Heading 1/2, List Number, List Bullet, tables with a bold header row): a 4-column table by
  partner Land (pairings, pupils, teachers), next year's objectives, named contacts, one contact
  left "à préciser";
- fiche-sejours-observation-tyrol-2026.pdf: an information sheet on teacher job shadowing in
  Tyrol (Austria): "label : value" lines, unnumbered section titles in bold body type, a bullet
  list, a numbered procedure and a 2-column table of amounts, a running header and a footer.

Outputs are reproducible (reportlab's invariant mode, fixed core properties and zip
timestamps): running ``python evals/corpora/newdocs-dev2/build.py`` again changes nothing.
"""
from __future__ import annotations

import datetime as dt
from pathlib import Path
import sys

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # evals/corpora: shared generator helpers
from reproducible import paged_pdf, pdf_story, styled_docx  # noqa: E402

HERE = Path(__file__).resolve().parent
FIXED_DATE = dt.datetime(2025, 12, 1, 9, 0, 0)

# Every PDF story is a list of (kind, payload):
# ("h", title) a section title; ("p", text); ("kv", (label, value)) a "label : value" line;
# ("ol", [steps]); ("ul", [items]); ("table", rows) with a header row; ("sign", [left, right])
# two signature blocks side by side, each a list of lines; ("break", None).

# --- the PFMP convention (PDF) -------------------------------------------------------------
CONV_TITLE = "Convention de partenariat pour les périodes de formation en milieu professionnel à l'étranger"
CONV_HEADER = "Lycée professionnel de Kerdaniel (Lorient) – Berufsschule am Weserhafen (Brême) | Convention PFMP"
CONV_FOOTER = "Convention PFMP Lorient / Brême – années scolaires 2025-2026 à 2027-2028 – page {n} / {total}"
CONVENTION = [
    ("p", "Référence : LP-KER/DDFPT/2025-14 – Académie de Rennes, DAREIC"),
    ("p", "Entre le lycée professionnel de Kerdaniel, 12 rue de l'Arsenal, 56100 Lorient (académie de Rennes), "
          "représenté par sa proviseure, Mme Morgane Kervella, et la Berufsschule am Weserhafen, "
          "Überseetor 9, 28217 Brême (Freie Hansestadt Bremen), représentée par son directeur (Schulleiter), "
          "M. Jörn Hinrichs, il est convenu ce qui suit."),
    ("h", "Article 1 – Objet"),
    ("p", "La présente convention organise des périodes de formation en milieu professionnel (PFMP) "
          "effectuées à Brême par des élèves du lycée de Kerdaniel, et l'accueil réciproque à Lorient "
          "d'apprentis (Auszubildende) de la Berufsschule am Weserhafen. Elle s'inscrit dans "
          "l'accréditation Erasmus+ obtenue par le lycée pour la période 2021-2027."),
    ("p", "Les PFMP réalisées à Brême font partie intégrante de la formation : elles sont évaluées comme "
          "les périodes effectuées en France et comptent pour l'examen du baccalauréat professionnel."),
    ("h", "Article 2 – Publics concernés"),
    ("p", "Peuvent partir les élèves de première des filières suivantes :"),
    ("ul", ["baccalauréat professionnel Logistique ;",
            "baccalauréat professionnel Maintenance des matériels, option tracteurs et matériels agricoles ;",
            "baccalauréat professionnel Métiers de l'électricité et de ses environnements connectés (MELEC)."]),
    ("p", "Les candidats doivent être âgés d'au moins 16 ans à la date du départ et justifier d'un niveau A2 "
          "en allemand ou B1 en anglais. Les élèves mineurs partent avec l'autorisation écrite de leurs "
          "représentants légaux."),
    ("p", "Côté allemand, sont concernés les apprentis de deuxième année des métiers de la logistique "
          "portuaire (Fachkraft für Hafenlogistik) et de l'électrotechnique."),
    ("h", "Article 3 – Durée et calendrier des mobilités"),
    ("p", "La PFMP à Brême dure quatre semaines. Pour l'année scolaire 2025-2026, elle se déroule du "
          "2 mars au 27 mars 2026 ; le départ en groupe depuis Lorient a lieu le dimanche 1er mars 2026."),
    ("p", "Au plus 12 élèves partent chaque année, accompagnés pendant la première semaine par deux "
          "professeurs. L'accueil des apprentis brêmois à Lorient dure trois semaines ; ses dates seront "
          "communiquées ultérieurement par la Berufsschule."),
    ("h", "Article 4 – Sélection et préparation du départ"),
    ("p", "La sélection et la préparation des élèves suivent les étapes ci-dessous :"),
    ("ol", ["L'élève remet une lettre de motivation et un CV en allemand ou en anglais au directeur délégué "
            "aux formations professionnelles et technologiques (DDFPT) avant le 14 novembre 2025.",
            "Il passe un entretien de motivation, en partie en langue étrangère, devant l'équipe pédagogique.",
            "La commission de sélection, présidée par la proviseure, arrête la liste des élèves retenus le "
            "4 décembre 2025.",
            "La Berufsschule attribue à chaque élève une entreprise d'accueil et un tuteur.",
            "Une convention de stage tripartite est signée par l'élève (ou ses représentants légaux), "
            "l'entreprise d'accueil et le lycée.",
            "Un document Europass Mobilité est ouvert au nom de chaque élève.",
            "Les élèves suivent six heures de préparation linguistique et culturelle avant le départ."]),
    ("h", "Article 5 – Accueil, tutorat et suivi"),
    ("p", "Les élèves sont hébergés en familles d'accueil recrutées par la Berufsschule. Chaque élève est "
          "suivi par un tuteur dans l'entreprise et par un professeur référent du lycée, joignable à tout "
          "moment. La Berufsschule désigne une coordinatrice locale ; elle rencontre les élèves chaque "
          "vendredi."),
    ("p", "Les élèves assistent le mercredi matin aux cours de la Berufsschule avec les apprentis de leur "
          "filière."),
    ("h", "Article 6 – Financement"),
    ("p", "Chaque partie prend en charge les dépenses suivantes :"),
    ("table", [["Poste", "Lycée de Kerdaniel (Erasmus+)", "Berufsschule am Weserhafen"],
               ["Voyage aller-retour Lorient – Brême", "275 euros par élève", "–"],
               ["Hébergement en famille d'accueil", "–", "22 euros par nuit"],
               ["Frais de vie sur place", "41 euros par jour", "–"],
               ["Transports locaux à Brême", "–", "abonnement mensuel offert"],
               ["Visite du professeur référent", "forfait de 650 euros", "à préciser"]]),
    ("p", "La participation des familles ne peut pas dépasser 80 euros par élève. Aucun élève ne peut être "
          "écarté du départ pour des raisons financières ; le fonds social lycéen peut être sollicité."),
    ("h", "Article 7 – Assurances et responsabilité"),
    ("p", "Le lycée souscrit une assurance responsabilité civile et rapatriement pour chaque élève. Les "
          "élèves partent munis de la carte européenne d'assurance maladie (CEAM). L'entreprise d'accueil "
          "reste responsable de la sécurité de l'élève sur le lieu de travail."),
    ("h", "Article 8 – Évaluation et reconnaissance"),
    ("p", "Le tuteur remplit une grille d'évaluation commune, rédigée en français et en allemand. Elle est "
          "transmise au professeur référent à la fin de la période. Les compétences acquises sont inscrites "
          "dans l'Europass Mobilité ; les élèves qui le souhaitent présentent l'unité facultative de "
          "mobilité du baccalauréat professionnel."),
    ("h", "Article 9 – Durée, modification et résiliation"),
    ("p", "La présente convention est conclue pour trois années scolaires, de 2025-2026 à 2027-2028. Elle peut "
          "être modifiée par avenant signé des deux parties. Chaque partie peut la résilier par lettre "
          "recommandée avec un préavis de trois mois."),
    ("h", "Article 10 – Contacts"),
    ("ul", ["Pour le lycée : M. Yann Le Goff, DDFPT, ddfpt.kerdaniel@ac-rennes.fr ;",
            "Pour la Berufsschule : Mme Anke Brandt, coordinatrice des échanges internationaux, "
            "a.brandt@bs-weserhafen.de ;",
            "Pour l'académie : Mme Soizic Marrec, chargée de mission formation professionnelle à la "
            "délégation académique aux relations européennes et internationales et à la coopération "
            "(DAREIC) de Rennes."]),
    ("p", "Fait en deux exemplaires originaux, en français et en allemand, les deux versions faisant "
          "également foi."),
    ("sign", [["Pour le lycée professionnel de Kerdaniel", "Fait à Lorient, le 6 octobre 2025",
               "La proviseure, Morgane Kervella"],
              ["Pour la Berufsschule am Weserhafen", "Fait à Brême, le 20 octobre 2025",
               "Le directeur, Jörn Hinrichs"]]),
]

# --- the information sheet (PDF) -----------------------------------------------------------
SHEET_TITLE = "Séjours d'observation professionnelle au Tyrol (Autriche) – 2026"
SHEET_HEADER = "Académie de Lyon – DAREIC | Fiche d'information"
SHEET_FOOTER = "Fiche DAREIC Lyon – séjours d'observation au Tyrol – {n}/{total}"
SHEET = [
    ("kv", ("Référence", "DAREIC-LYON/FI-2026-03")),
    ("kv", ("Date de publication", "1er décembre 2025")),
    ("kv", ("Public", "professeurs d'allemand et professeurs de DNL en section européenne allemand, "
                      "en collège ou en lycée public de l'académie de Lyon")),
    ("kv", ("Date limite", "23 janvier 2026 à midi")),
    ("kv", ("Durée du séjour", "deux semaines, soit dix jours ouvrés")),
    ("kv", ("Lieux", "Innsbruck, Kufstein et Lienz")),
    ("kv", ("Nombre de places", "12")),
    ("h", "Présentation"),
    ("p", "La DAREIC de l'académie de Lyon et la direction de l'éducation du Tyrol (Bildungsdirektion "
          "für Tirol) proposent des séjours d'observation professionnelle, ou job shadowing, dans des "
          "établissements secondaires tyroliens. Les enseignants retenus observent les cours d'un collègue "
          "autrichien, participent à la vie de l'établissement et préparent avec lui un projet d'échange "
          "de classes."),
    ("p", "Le programme est financé par la région académique Auvergne-Rhône-Alpes et par la Bildungsdirektion "
          "für Tirol, qui accueille les participants sans frais d'inscription. La DNL "
          "(discipline non linguistique) est la matière enseignée en allemand en section européenne."),
    ("h", "Déroulement du séjour"),
    ("p", "Le séjour commence par une journée d'accueil commune à Innsbruck, organisée par la Bildungsdirektion. "
          "Chaque participant observe ensuite au moins 20 heures de cours dans son établissement d'accueil et "
          "intervient lui-même dans deux ou trois cours de français. Il est hébergé à l'hôtel ou chez "
          "l'habitant, à son choix."),
    ("h", "Qui peut candidater ?"),
    ("ul", ["être titulaire et en poste dans l'académie de Lyon ;",
            "enseigner l'allemand ou une DNL en allemand ;",
            "ne pas avoir bénéficié d'une mobilité Erasmus+ de personnel depuis septembre 2024 ;",
            "s'engager à accueillir à son tour un collègue tyrolien à l'automne 2026."]),
    ("p", "Les professeurs contractuels ne sont pas éligibles cette année. Les professeurs documentalistes "
          "peuvent candidater s'ils coordonnent un projet franco-autrichien."),
    ("h", "Dates à retenir"),
    ("kv", ("Commission de sélection", "5 février 2026")),
    ("kv", ("Réunion préparatoire en visioconférence", "à préciser")),
    ("kv", ("Séjours au Tyrol", "du 13 au 24 avril 2026")),
    ("kv", ("Remise du rapport de mobilité", "15 mai 2026")),
    ("kv", ("Journée de restitution", "3 juin 2026, à Lyon")),
    ("h", "Comment candidater ?"),
    ("ol", ["Remplir le formulaire de candidature en ligne sur le site de la DAREIC.",
            "Joindre une lettre de motivation d'une page, rédigée en allemand.",
            "Obtenir l'avis signé du chef d'établissement sur le formulaire.",
            "Envoyer le dossier complet à dareic-mobilite@ac-lyon.fr avant la date limite.",
            "Attendre la réponse de la commission de sélection, envoyée par courriel la semaine suivante."]),
    ("h", "Prise en charge"),
    ("p", "Les frais sont remboursés par la DAREIC sur justificatifs, selon les forfaits ci-dessous :"),
    ("table", [["Poste", "Montant"],
               ["Voyage aller-retour (forfait)", "309 euros"],
               ["Indemnité journalière de séjour", "95 euros par jour"],
               ["Hébergement la nuit de la journée d'accueil", "pris en charge par la Bildungsdirektion"],
               ["Remplacement pendant l'absence", "non pris en charge"]]),
    ("p", "Une avance de 70 % est versée trois semaines avant le départ ; le solde est versé "
          "après la remise du rapport de mobilité."),
    ("h", "Après le séjour"),
    ("p", "Chaque participant rédige un rapport de mobilité en ligne et présente son expérience à la "
          "journée de restitution. Il devient personne ressource pour les projets avec l'Autriche dans son "
          "bassin. Le nom de l'établissement d'accueil de chaque participant sera communiqué ultérieurement."),
    ("h", "Contacts"),
    ("p", "Mme Nathalie Fabre-Rossi, chargée de mission mobilité des personnels à la DAREIC, "
          "dareic-mobilite@ac-lyon.fr, 04 72 80 63 47."),
    ("p", "Pour le Tyrol : M. Florian Eberharter, Bildungsdirektion für Tirol, service des relations "
          "internationales."),
]


def build_convention_pdf(out: Path) -> None:
    def story():
        return pdf_story(CONVENTION, CONV_TITLE, section_size=11, widths=[170, 150, 140])
    paged_pdf(story, out, CONV_TITLE, CONV_HEADER, CONV_FOOTER, (2.3, 2.3))


def build_sheet_pdf(out: Path) -> None:
    def story():
        return pdf_story(SHEET, SHEET_TITLE, section_size=10, widths=[220, 200])
    paged_pdf(story, out, SHEET_TITLE, SHEET_HEADER, SHEET_FOOTER, (2.0, 2.2))


# --- the annual report (Word) ----------------------------------------------------------------
# ("title"|"h1"|"h2"|"p"|"num"|"bullet", text) or ("table", rows) with a bold header row.
REPORT_HEADER = "Académie de Dijon – DAREIC – Réf. DAREIC/2025-117"
REPORT = [
    ("title", "Bilan annuel 2024-2025 des échanges scolaires"),
    ("p", "Académie de Dijon – Délégation académique aux relations européennes et internationales et à la "
          "coopération (DAREIC). Document présenté au comité de pilotage du 2 octobre 2025."),
    ("p", "Réf. : DAREIC/2025-117 – Diffusion : chefs d'établissement, IA-IPR d'allemand, professeurs "
          "référents des appariements."),
    ("h1", "1. Synthèse"),
    ("p", "En 2024-2025, les établissements de l'académie de Dijon ont conduit 64 appariements actifs avec "
          "des établissements allemands, contre 57 l'année précédente. Ils ont permis la mobilité de "
          "3 412 élèves et de 287 enseignants. La Rhénanie-Palatinat reste le premier partenaire : elle "
          "concentre près de la moitié des appariements."),
    ("p", "Le budget consacré aux échanges s'est élevé à 86 500 euros, dont 52 000 euros de subventions de "
          "l'Office franco-allemand pour la Jeunesse (OFAJ) et 34 500 euros de crédits académiques."),
    ("h1", "2. Échanges par Land partenaire"),
    ("p", "Le tableau ci-dessous présente les échanges collectifs réalisés dans le cadre des appariements :"),
    ("table", [["Land partenaire", "Appariements", "Élèves", "Enseignants"],
               ["Rhénanie-Palatinat", "31", "1 640", "128"],
               ["Bade-Wurtemberg", "17", "905", "74"],
               ["Hesse", "8", "412", "39"],
               ["Saxe", "5", "290", "27"],
               ["Bavière", "3", "165", "19"],
               ["Total", "64", "3 412", "287"]]),
    ("h2", "2.1 Mobilités individuelles"),
    ("p", "112 élèves ont participé au programme Brigitte-Sauzay, d'une durée de trois mois, et 19 au "
          "programme Voltaire, d'une durée de six mois. Les mobilités individuelles ont concerné en "
          "majorité des élèves de seconde."),
    ("h2", "2.2 Formation professionnelle"),
    ("p", "46 élèves de lycée professionnel ont effectué une période de formation en entreprise en "
          "Bade-Wurtemberg. Parmi eux, 31 ont obtenu la certification complémentaire Azubi-Bac pro, qui "
          "atteste de compétences professionnelles acquises en Allemagne."),
    ("h1", "3. Faits marquants"),
    ("bullet", "Renouvellement de la convention avec le ministère de l'Éducation de Rhénanie-Palatinat, "
               "signé à Mayence le 12 mai 2025 ;"),
    ("bullet", "Forum académique des partenariats, organisé à Dijon le 27 novembre 2024, avec "
               "140 participants ;"),
    ("bullet", "Premier appariement entre un lycée agricole de Côte-d'Or et une école professionnelle de Saxe ;"),
    ("bullet", "Ouverture de deux nouvelles sections Abibac, à Nevers et à Auxerre."),
    ("h1", "4. Difficultés rencontrées"),
    ("bullet", "hausse du coût des transports en autocar, de 18 % en un an ;"),
    ("bullet", "manque de familles d'accueil dans les établissements ruraux ;"),
    ("bullet", "baisse du nombre de professeurs d'allemand disponibles pour accompagner les séjours."),
    ("h1", "5. Objectifs pour 2025-2026"),
    ("p", "Le comité de pilotage a retenu les objectifs suivants pour l'année 2025-2026 :"),
    ("num", "Atteindre 70 appariements actifs, en priorité avec la Hesse et la Saxe."),
    ("num", "Ouvrir cinq appariements entre écoles élémentaires de l'académie et Grundschulen de "
            "Rhénanie-Palatinat."),
    ("num", "Porter à 60 le nombre d'élèves de lycée professionnel en formation en Allemagne."),
    ("num", "Former 40 professeurs référents lors d'une journée académique, dont la date reste à préciser."),
    ("num", "Publier une carte interactive des appariements sur le site de la DAREIC."),
    ("h1", "6. Contacts"),
    ("bullet", "Mme Sophie Marchand-Roux, déléguée académique aux relations européennes et internationales et à "
               "la coopération (DAREIC) ;"),
    ("bullet", "M. Pierre-Yves Garnier, chargé de mission appariements et échanges collectifs ;"),
    ("bullet", "Mme Élodie Chevalier, chargée de mission mobilités individuelles (Sauzay, Voltaire) ;"),
    ("bullet", "Mme Sabine Hoffmann, correspondante du ministère de l'Éducation de Rhénanie-Palatinat à "
               "Mayence ;"),
    ("bullet", "correspondant pour la Bavière : à préciser (poste vacant depuis juin 2025)."),
]


def build_report_docx(out: Path) -> None:
    styled_docx(REPORT, out, "Bilan annuel 2024-2025 des échanges scolaires", REPORT_HEADER, FIXED_DATE)


def build_all(folder: Path = HERE) -> list[Path]:
    convention = folder / "convention-pfmp-lorient-bremen.pdf"
    build_convention_pdf(convention)
    report = folder / "bilan-echanges-scolaires-dijon-2024-2025.docx"
    build_report_docx(report)
    sheet = folder / "fiche-sejours-observation-tyrol-2026.pdf"
    build_sheet_pdf(sheet)
    return [convention, report, sheet]


if __name__ == "__main__":
    for path in build_all():
        print(f"wrote {path.relative_to(HERE)}")
