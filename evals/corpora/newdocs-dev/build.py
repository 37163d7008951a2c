"""Build the PDF and Word documents of the new-documents *tuning* corpus.

evals/corpora/newdocs-dev/ holds five fictional documents on Franco-German and European
school cooperation, written for tuning the answerer on unseen formats (evals/newdocs-dev.jsonl);
the held-out new documents are evals/corpora/newdocs/ and are never tuned on.

- charte-partenariat-clermont-thuringe.pdf: a charter whose numbered section titles are set in
  the body's size and weight (nothing but the number marks them), a numbered procedure, a
  table, a running header and a "page n / total" footer (generated here);
- appel-projets-pfai-orleans-tours-2026.docx: a call for projects with real Word styles
  (Title, Heading 1/2, List Number, List Bullet, tables with a bold header row) (generated here);
- faq-voltaire-sauzay-amiens.html: an FAQ page of <details>/<summary> panels (written by hand);
- guide-job-shadowing-erasmus-toulouse.md: a Markdown guide with nested lists (written by hand);
- compte-rendu-copil-nancy-metz-sarre.txt: plain-text minutes of a steering committee (by hand).

Outputs are reproducible (reportlab's invariant mode, fixed core properties and zip
timestamps): running ``python evals/corpora/newdocs-dev/build.py`` again changes nothing.
"""
from __future__ import annotations

import datetime as dt
from pathlib import Path
import sys

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # evals/corpora: shared generator helpers
from reproducible import paged_pdf, pdf_story, styled_docx  # noqa: E402

HERE = Path(__file__).resolve().parent
FIXED_DATE = dt.datetime(2025, 11, 3, 9, 0, 0)

# --- the charter (PDF) --------------------------------------------------------------------
# ("h", text) a numbered section title in body type; ("p", text); ("ol", [steps]);
# ("ul", [items]); ("table", rows) with a header row; ("break", None).
CHARTER_TITLE = "Charte de partenariat scolaire Auvergne – Thuringe"
CHARTER_HEADER = "Académie de Clermont-Ferrand – DAREIC | Charte de partenariat avec la Thuringe"
CHARTER_FOOTER = "Charte Clermont-Ferrand / Thuringe – version du 14 mars 2025 – page {n} / {total}"
CHARTER = [
    ("p", "Entre l'académie de Clermont-Ferrand, représentée par la rectrice de région académique, et le "
          "ministère de l'Éducation, de la Jeunesse et des Sports de Thuringe (Thüringer Ministerium für "
          "Bildung, Jugend und Sport, TMBJS), représenté par son secrétaire d'État, il est convenu ce qui suit."),
    ("h", "1. Objet de la charte"),
    ("p", "La présente charte encadre les partenariats entre les collèges et lycées de l'académie de "
          "Clermont-Ferrand et les établissements scolaires de Thuringe. Elle vise à porter le nombre de "
          "partenariats actifs de 23 à 40 d'ici la rentrée 2028."),
    ("p", "Elle complète, sans la remplacer, la convention-cadre de coopération éducative signée à Erfurt "
          "le 9 octobre 2019."),
    ("h", "2. Engagements des établissements"),
    ("p", "Chaque établissement partenaire s'engage à :"),
    ("ul", ["désigner un professeur référent du partenariat (PRP), interlocuteur unique de l'établissement "
            "partenaire ;",
            "organiser au moins une mobilité physique de groupe tous les deux ans ;",
            "accueillir à son tour les élèves et les professeurs de l'établissement partenaire ;",
            "mener avec le partenaire au moins un projet numérique commun par année scolaire."]),
    ("p", "Une mobilité de groupe réunit au moins 10 élèves et dure de 8 à 12 jours, trajets compris. "
          "Les élèves sont accompagnés par un adulte pour huit élèves au plus."),
    ("h", "3. Procédure d'adhésion"),
    ("p", "Un établissement rejoint la charte selon les étapes suivantes :"),
    ("ol", ["Le chef d'établissement identifie un établissement partenaire en Thuringe, seul ou avec "
            "l'aide de la DAREIC.",
            "Les deux établissements rédigent un projet pédagogique commun, en français et en allemand.",
            "Le dossier d'adhésion est transmis à la DAREIC avant le 15 novembre.",
            "Une commission mixte réunissant la DAREIC et le ThILLM examine les dossiers en décembre.",
            "La rectrice et le secrétaire d'État thuringien signent le certificat d'adhésion.",
            "L'établissement est inscrit au registre académique des partenariats."]),
    ("p", "Le ThILLM (Thüringer Institut für Lehrerfortbildung, Lehrplanentwicklung und Medien) est "
          "l'institut de formation des enseignants de Thuringe ; il instruit les dossiers côté allemand."),
    ("break", None),
    ("h", "4. Financement"),
    ("p", "Les aides sont versées par chaque partie à ses propres établissements :"),
    ("table", [["Poste", "Côté Clermont-Ferrand", "Côté Thuringe"],
               ["Aide par élève et par jour", "25 euros", "à préciser"],
               ["Plafond par projet", "3 000 euros", "2 500 euros"],
               ["Formation des professeurs référents", "deux journées par an", "une journée par an"]]),
    ("p", "Les familles ne peuvent pas être sollicitées au-delà de 150 euros par élève et par mobilité."),
    ("h", "5. Durée et renouvellement"),
    ("p", "La charte est conclue pour une durée de cinq ans à compter de sa signature. Elle est renouvelée "
          "par tacite reconduction. Chaque partie peut la dénoncer par écrit avec un préavis de six mois."),
    ("h", "6. Suivi et évaluation"),
    ("p", "Un comité de suivi se réunit une fois par an, alternativement à Clermont-Ferrand et à Erfurt. "
          "Chaque établissement adresse un bilan annuel à la DAREIC avant le 30 juin."),
    ("h", "7. Contacts"),
    ("p", "Pour l'académie de Clermont-Ferrand : Mme Hélène Vasseur, déléguée académique aux relations "
          "européennes et internationales et à la coopération (DAREIC), helene.vasseur@ac-clermont.fr."),
    ("p", "Pour la Thuringe : M. Matthias Krüger, chargé de la coopération internationale au TMBJS, "
          "matthias.krueger@tmbjs.thueringen.de."),
    ("p", "Fait à Clermont-Ferrand, le 14 mars 2025, en deux exemplaires originaux, en français et en allemand."),
]


def build_charter_pdf(out: Path) -> None:
    # Section titles: same font, size and weight as the body; only the space above and the number differ.
    def story():
        return pdf_story(CHARTER, CHARTER_TITLE, widths=[170, 140, 140], section_size=10, section_bold=False,
                         section_space=(10, 5), header_fill=None)
    paged_pdf(story, out, CHARTER_TITLE, CHARTER_HEADER, CHARTER_FOOTER, (2.4, 2.3))


# --- the call for projects (Word) ---------------------------------------------------------
# ("title"|"h1"|"h2"|"p"|"num"|"bullet", text) or ("table", rows) with a bold header row.
CALL_HEADER = "Académie d'Orléans-Tours – DAREIC"
CALL = [
    ("title", "Appel à projets PFAI 2026 – Projets franco-allemands innovants"),
    ("p", "La délégation académique aux relations européennes et internationales et à la coopération "
          "(DAREIC) de l'académie d'Orléans-Tours lance la quatrième édition de son appel à projets PFAI, "
          "en partenariat avec le ministère de la Culture de Saxe (Sächsisches Staatsministerium für Kultus)."),
    ("h1", "1. Présentation"),
    ("p", "PFAI signifie « projets franco-allemands innovants ». L'appel soutient des projets menés "
          "conjointement par une classe de l'académie et une classe d'un établissement de Saxe."),
    ("p", "L'enveloppe totale de l'appel est de 48 000 euros. Quinze projets au plus seront retenus."),
    ("h2", "1.1 Thématiques prioritaires"),
    ("bullet", "la transition écologique et la biodiversité des bassins de la Loire et de l'Elbe ;"),
    ("bullet", "la mémoire partagée et la citoyenneté européenne ;"),
    ("bullet", "les sciences et le numérique en langue partenaire."),
    ("h1", "2. Critères d'éligibilité"),
    ("p", "Pour être éligible, un projet doit remplir toutes les conditions suivantes :"),
    ("bullet", "être porté par un collège, un lycée général et technologique ou un lycée professionnel public "
               "de l'académie d'Orléans-Tours ;"),
    ("bullet", "associer au moins un établissement partenaire situé en Saxe ;"),
    ("bullet", "impliquer au moins deux disciplines, dont une autre que l'allemand ;"),
    ("bullet", "concerner un groupe de 12 à 30 élèves ;"),
    ("bullet", "se dérouler entre le 1er septembre 2026 et le 30 juin 2027."),
    ("p", "Les écoles élémentaires ne sont pas éligibles cette année ; elles relèvent du dispositif "
          "« Élysée Prim »."),
    ("h1", "3. Financement"),
    ("p", "Le montant de l'aide dépend du type de projet :"),
    ("table", [["Type de projet", "Aide maximale", "Part minimale de cofinancement"],
               ["Projet à distance (sans mobilité)", "1 500 euros", "10 %"],
               ["Projet avec une mobilité", "3 500 euros", "25 %"],
               ["Projet avec mobilités croisées", "5 000 euros", "30 %"]]),
    ("p", "L'aide couvre les frais de transport, d'hébergement et de matériel pédagogique. Elle ne couvre "
          "pas les frais de restauration des accompagnateurs."),
    ("h1", "4. Dépôt des candidatures"),
    ("h2", "4.1 Étapes"),
    ("num", "Le professeur coordonnateur présente le projet en conseil pédagogique."),
    ("num", "Le chef d'établissement valide le projet et le budget prévisionnel."),
    ("num", "Le dossier est déposé sur la plateforme ADAGE, rubrique « Appels à projets »."),
    ("num", "La lettre d'engagement signée de l'établissement partenaire saxon est jointe au dossier."),
    ("num", "La DAREIC accuse réception du dossier sous huit jours."),
    ("h2", "4.2 Calendrier"),
    ("table", [["Étape", "Date"],
               ["Ouverture de l'appel", "5 janvier 2026"],
               ["Date limite de dépôt", "13 mars 2026"],
               ["Réunion du jury", "à préciser"],
               ["Publication des résultats", "mai 2026"],
               ["Remise du bilan final", "15 juillet 2027"]]),
    ("h1", "5. Sélection"),
    ("p", "Le jury est présidé par le délégué académique aux relations européennes et internationales. "
          "Il comprend deux inspecteurs pédagogiques régionaux d'allemand et un représentant du ministère "
          "saxon. Les projets sont notés sur 20 points ; la note minimale pour être retenu est de 12."),
    ("h1", "6. Contact"),
    ("p", "Pour toute question : M. Thomas Bellanger, chargé de mission coopération franco-allemande, "
          "thomas.bellanger@ac-orleans-tours.fr, 02 38 79 41 62."),
]


def build_call_docx(out: Path) -> None:
    styled_docx(CALL, out, "Appel à projets PFAI 2026", CALL_HEADER, FIXED_DATE)


def build_all(folder: Path = HERE) -> list[Path]:
    pdf = folder / "charte-partenariat-clermont-thuringe.pdf"
    build_charter_pdf(pdf)
    word = folder / "appel-projets-pfai-orleans-tours-2026.docx"
    build_call_docx(word)
    return [pdf, word]


if __name__ == "__main__":
    for path in build_all():
        print(f"wrote {path.relative_to(HERE)}")
