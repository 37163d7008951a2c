"""Build part A of the third new-documents *tuning* corpus (evals/corpora/newdocs-dev3/).

Fictional documents on Franco-German school cooperation, written to measure the answerer on
documents it never saw (questions: evals/newdocs-dev3-a.jsonl; part B, build_b.py, writes the
other documents of the folder):

- appel-projets-passerelles-pro-lille-nrw-2026.pdf: a call for projects pairing vocational
  lycées of the académie de Lille with Berufskollegs of North Rhine-Westphalia. "label : value"
  front matter, bold "Article n – …" titles, a bullet list, a 4-column table of mobility types
  and grants, a numbered procedure, a German paragraph, a running header and a page footer;
- vademecum-jules-verne-paris-2026-2027.docx: a guide to a one-year teacher mobility programme
  (Berlin, Vienna) in real Word styles (Title, Heading 1/2, List Number, List Bullet, two tables
  with a bold header row), one contact and one date left to be announced;
- faq-sections-abibac-nice-2026.md: an FAQ for families on the Abibac sections: question
  headings, nested bullet lists, a numbered procedure and a Markdown table.

Outputs are reproducible (reportlab's invariant mode, fixed core properties and zip
timestamps): running ``python evals/corpora/newdocs-dev3/build_a.py`` again changes nothing.
"""
from __future__ import annotations

import datetime as dt
from pathlib import Path
import sys

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # evals/corpora: shared generator helpers
from reproducible import paged_pdf, pdf_story, styled_docx  # noqa: E402

HERE = Path(__file__).resolve().parent
FIXED_DATE = dt.datetime(2026, 1, 5, 9, 0, 0)

# --- the call for projects (PDF) -------------------------------------------------------------
# A story is a list of (kind, payload): ("h", title); ("p", text); ("kv", (label, value));
# ("ol", [steps]); ("ul", [items]); ("table", rows) with a header row.
CALL_TITLE = ("Appel à projets 2026 – Programme « Passerelles pro » : mobilités croisées entre lycées "
              "professionnels de l'académie de Lille et Berufskollegs de Rhénanie-du-Nord-Westphalie")
CALL_HEADER = "Académie de Lille – DAREIC | Programme « Passerelles pro » Hauts-de-France – Nordrhein-Westfalen"
CALL_FOOTER = "Appel à projets Passerelles pro 2026 – DAREIC de Lille – page {n} sur {total}"
CALL = [
    ("kv", ("Référence", "DAREIC-LILLE/AP-2026-07")),
    ("kv", ("Date de publication", "8 décembre 2025")),
    ("kv", ("Public", "équipes pédagogiques des lycées professionnels publics et des sections professionnelles "
                      "des lycées polyvalents de l'académie de Lille")),
    ("kv", ("Date limite de dépôt des projets", "30 janvier 2026 à 17 heures")),
    ("kv", ("Nombre de projets retenus", "10 au maximum")),
    ("kv", ("Partenaire allemand", "ministère de l'École et de la Formation du Land de Rhénanie-du-Nord-Westphalie "
                                   "(Ministerium für Schule und Bildung, MSB)")),
    ("h", "Article 1 – Cadre de l'appel"),
    ("p", "Le présent appel met en œuvre le volet professionnel de la convention de coopération entre l'académie "
          "de Lille et le MSB. Il vise à créer ou à consolider des partenariats durables entre lycées "
          "professionnels et Berufskollegs. Le Berufskolleg est l'établissement allemand qui réunit la partie "
          "scolaire de la formation en alternance, des formations professionnelles à temps plein et la "
          "préparation au baccalauréat professionnel allemand (Fachabitur)."),
    ("p", "Le programme est cofinancé par la région académique Hauts-de-France et par le MSB. Il est ouvert pour "
          "deux années scolaires, 2026-2027 et 2027-2028."),
    ("p", "Für die deutschen Partner: Die Berufskollegs in Nordrhein-Westfalen reichen denselben zweisprachigen "
          "Projektbogen bei ihrer Bezirksregierung ein. Die Förderung der deutschen Schulen erfolgt durch das MSB."),
    ("h", "Article 2 – Projets éligibles"),
    ("p", "Sont éligibles les projets qui associent un lycée professionnel de l'académie et un Berufskolleg "
          "autour d'une filière commune et qui prévoient au moins une mobilité d'élèves dans chaque sens. "
          "Les domaines prioritaires sont les suivants :"),
    ("ul", ["maintenance des équipements industriels et industrie du futur ;",
            "logistique et transport ;",
            "hôtellerie-restauration ;",
            "soins et services à la personne (Pflege)."]),
    ("p", "Les projets portés par un campus des métiers et des qualifications (CMQ) sont examinés en priorité. "
          "Les classes de CAP sont éligibles ; les sections de BTS ne le sont pas cette année."),
    ("h", "Article 3 – Mobilités financées"),
    ("p", "La DAREIC verse aux lycées retenus les aides forfaitaires suivantes :"),
    ("table", [["Type de mobilité", "Durée", "Participants", "Aide forfaitaire de la DAREIC"],
               ["Visite préparatoire des enseignants", "3 jours", "2 enseignants par lycée",
                "450 euros par enseignant"],
               ["Mobilité de groupe d'élèves", "10 à 14 jours", "8 à 16 élèves et 2 accompagnateurs",
                "3 200 euros par groupe"],
               ["PFMP individuelle en entreprise", "4 semaines", "élèves de première ou de terminale",
                "1 100 euros par élève"],
               ["Accueil d'un groupe allemand", "10 à 14 jours", "8 à 16 apprentis ou élèves",
                "1 500 euros par groupe"],
               ["Projet en ligne commun (eTwinning)", "une année scolaire", "classe entière", "à préciser"]]),
    ("p", "La période de formation en milieu professionnel (PFMP) individuelle est réservée aux élèves âgés "
          "d'au moins 17 ans à la date du départ. Les aides sont versées en deux fois : 60 % à la signature de "
          "la convention de projet, le solde après la remise du bilan. La participation demandée aux familles "
          "ne peut pas dépasser 100 euros par élève et par mobilité."),
    ("h", "Article 4 – Engagements des établissements"),
    ("p", "Chaque projet est conduit par un professeur coordonnateur. Il enseigne dans la filière concernée et "
          "peut être assisté d'un professeur d'allemand. Le chef d'établissement signe la fiche projet ; il "
          "s'engage à inscrire les mobilités au projet d'établissement et à faire délivrer un Europass Mobilité "
          "à chaque élève parti en PFMP."),
    ("h", "Article 5 – Procédure de candidature"),
    ("ol", ["Le professeur coordonnateur prend contact avec un Berufskolleg, au besoin par la plateforme de mise en "
            "relation de la DAREIC.",
            "Les deux établissements rédigent ensemble la fiche projet bilingue, dont le modèle figure en annexe.",
            "Le chef d'établissement signe la fiche projet et l'envoie, avec le budget prévisionnel, à "
            "passerelles-pro@ac-lille.fr avant la date limite.",
            "Le Berufskolleg dépose la même fiche auprès de la Bezirksregierung (administration de district) dont "
            "il relève.",
            "Une commission franco-allemande examine les projets le 12 mars 2026 à Lille.",
            "Les résultats sont notifiés aux établissements au plus tard le 3 avril 2026."]),
    ("h", "Article 6 – Critères de sélection"),
    ("p", "La commission note chaque projet sur 100 points : qualité pédagogique (40 points), réciprocité des "
          "échanges (30 points), implication des entreprises partenaires (20 points) et reconnaissance des "
          "compétences acquises (10 points)."),
    ("h", "Article 7 – Calendrier"),
    ("kv", ("Séminaire de lancement des projets retenus", "21 et 22 mai 2026, à Düsseldorf")),
    ("kv", ("Premières mobilités", "à partir d'octobre 2026")),
    ("kv", ("Remise du bilan intermédiaire", "30 juin 2027")),
    ("kv", ("Séminaire de clôture", "date communiquée ultérieurement")),
    ("h", "Article 8 – Contacts"),
    ("p", "M. Thomas Vandewalle, chargé de mission formation professionnelle à la délégation académique aux "
          "relations européennes et internationales et à la coopération (DAREIC) de Lille, 03 20 15 64 82."),
    ("p", "Mme Nadia Bensalem, inspectrice de l'éducation nationale (IEN) en sciences et techniques "
          "industrielles, référente du programme pour les filières industrielles."),
    ("p", "Pour la Rhénanie-du-Nord-Westphalie : Mme Katrin Brückner, MSB, bureau de la coopération "
          "internationale, à Düsseldorf."),
    ("p", "Fait à Lille, le 8 décembre 2025. Le délégué académique aux relations européennes et internationales "
          "et à la coopération, Olivier Delannoy."),
]


def build_call_pdf(out: Path) -> None:
    def story():
        return pdf_story(CALL, CALL_TITLE, widths=[140, 75, 135, 115], title_size=14)
    paged_pdf(story, out, CALL_TITLE, CALL_HEADER, CALL_FOOTER, (2.2, 2.2))


# --- the vademecum (Word) --------------------------------------------------------------------
# ("title"|"h1"|"h2"|"p"|"num"|"bullet", text) or ("table", rows) with a bold header row.
GUIDE_HEADER = "Académie de Paris – DAREIC – Réf. DAREIC/JV/2025-41"
GUIDE = [
    ("title", "Vademecum du programme Jules Verne – campagne 2026-2027"),
    ("p", "Académie de Paris – Délégation académique aux relations européennes et internationales et à la "
          "coopération (DAREIC), en lien avec la division des personnels enseignants (DPE). Version du "
          "17 novembre 2025."),
    ("p", "Destinataires : professeurs titulaires du second degré, chefs d'établissement, inspecteurs "
          "d'académie – inspecteurs pédagogiques régionaux (IA-IPR) de langues vivantes."),
    ("h1", "1. Présentation du programme"),
    ("p", "Le programme Jules Verne permet à un enseignant titulaire d'exercer pendant une année scolaire "
          "complète dans un établissement scolaire à l'étranger, tout en restant rémunéré par l'académie. "
          "L'établissement d'accueil lui confie un service d'enseignement ; il ne perçoit aucun salaire du "
          "pays d'accueil."),
    ("p", "Pour la campagne 2026-2027, l'académie de Paris propose sept postes : cinq à Berlin, dans le cadre "
          "de sa convention avec l'administration berlinoise de l'éducation (Senatsverwaltung für Bildung, "
          "Jugend und Familie), et deux à Vienne, avec la direction de l'éducation de Vienne "
          "(Bildungsdirektion für Wien)."),
    ("table", [["Destination", "Postes", "Enseignement confié", "Niveau d'allemand exigé"],
               ["Berlin – Gymnasien et Integrierte Sekundarschulen", "3", "français langue étrangère (FLE)", "B2"],
               ["Berlin – sections bilingues franco-allemandes", "2",
                "discipline non linguistique (DNL) en français : mathématiques, histoire-géographie ou SVT", "B2"],
               ["Vienne – Bildungsdirektion für Wien", "2", "français langue étrangère (FLE)", "B1"]]),
    ("h1", "2. Qui peut candidater ?"),
    ("p", "Le candidat doit remplir toutes les conditions suivantes :"),
    ("bullet", "être professeur certifié ou agrégé, titulaire, en poste dans un collège ou un lycée de l'académie "
               "de Paris ;"),
    ("bullet", "justifier d'au moins trois années d'ancienneté dans l'académie au 1er septembre 2026 ;"),
    ("bullet", "avoir le niveau d'allemand exigé pour le poste demandé ;"),
    ("bullet", "ne pas avoir déjà bénéficié du programme Jules Verne au cours des cinq dernières années."),
    ("p", "Les professeurs stagiaires et les professeurs contractuels ne peuvent pas candidater. Les professeurs "
          "documentalistes et les conseillers principaux d'éducation (CPE) ne sont pas concernés par cette "
          "campagne."),
    ("h1", "3. Conditions de la mobilité"),
    ("h2", "3.1 Durée et statut"),
    ("p", "La mobilité dure une année scolaire, du 1er septembre 2026 au 31 juillet 2027. À Berlin, "
          "l'enseignant prend ses fonctions dès le 24 août 2026, date de la rentrée des enseignants berlinois. "
          "Il reste titulaire de son poste : un remplaçant l'occupe pendant son absence et il le retrouve à "
          "son retour."),
    ("p", "L'enseignant conserve son traitement et ses droits à l'avancement. Son service dans l'établissement "
          "d'accueil ne peut pas dépasser 20 heures de cours par semaine."),
    ("h2", "3.2 Aides financières"),
    ("p", "En plus de son traitement, l'enseignant perçoit une indemnité forfaitaire de mobilité de 2 400 euros, "
          "versée en deux fois : 1 200 euros en septembre et 1 200 euros en février. Ses frais de voyage "
          "aller-retour sont remboursés sur justificatifs, dans la limite de 350 euros. Aucune aide au "
          "logement n'est versée ; l'établissement d'accueil aide l'enseignant à trouver un logement. Le "
          "montant d'une aide complémentaire pour les enseignants qui partent avec leur famille reste à préciser."),
    ("h1", "4. Calendrier de la campagne"),
    ("table", [["Étape", "Date", "Responsable"],
               ["Réunion d'information en visioconférence", "10 décembre 2025 à 17 heures", "DAREIC"],
               ["Date limite de dépôt des candidatures", "16 janvier 2026", "candidat"],
               ["Entretiens de sélection", "du 9 au 13 février 2026", "commission académique"],
               ["Publication des résultats", "13 mars 2026", "DAREIC"],
               ["Confirmation des postes par les partenaires", "à préciser", "Berlin et Vienne"],
               ["Journée de préparation au départ", "24 juin 2026", "DAREIC et DPE"]]),
    ("h1", "5. Comment candidater ?"),
    ("num", "Remplir le formulaire de candidature en ligne sur le site de la DAREIC."),
    ("num", "Rédiger une lettre de motivation en français et un résumé d'une page en allemand."),
    ("num", "Joindre le compte rendu du dernier rendez-vous de carrière ou de la dernière inspection."),
    ("num", "Faire compléter l'avis du chef d'établissement, qui transmet le dossier à la DAREIC."),
    ("num", "Se présenter à l'entretien de sélection, conduit en partie en allemand devant un jury présidé par "
            "l'IA-IPR d'allemand."),
    ("h1", "6. Pendant et après la mobilité"),
    ("p", "Pendant l'année, l'enseignant est suivi par un tuteur de l'établissement d'accueil. Il remet un rapport "
          "d'étape à la DAREIC en février 2027, puis un rapport final avant le 15 juillet 2027."),
    ("p", "À son retour, il s'engage à faire profiter son établissement de son expérience : il anime au moins "
          "une action de formation ou monte un projet d'échange avec son établissement d'accueil."),
    ("h1", "7. Contacts"),
    ("bullet", "Mme Hélène Rousseau-Martin, chargée de mission mobilité des personnels à la DAREIC de Paris ;"),
    ("bullet", "M. Bruno Castel, gestionnaire à la DPE, pour les questions de traitement et de remplacement ;"),
    ("bullet", "Mme Ulrike Sommer, Senatsverwaltung für Bildung, Jugend und Familie, référente pour l'accueil "
               "des enseignants français à Berlin ;"),
    ("bullet", "correspondant à Vienne : sera communiqué ultérieurement."),
]


def build_guide_docx(out: Path) -> None:
    styled_docx(GUIDE, out, "Vademecum du programme Jules Verne – campagne 2026-2027", GUIDE_HEADER, FIXED_DATE)


# --- the FAQ (Markdown) ----------------------------------------------------------------------
FAQ = """\
# Sections Abibac de l'académie de Nice – Questions fréquentes (rentrée 2026)

*DAREIC et inspection pédagogique régionale d'allemand – mise à jour du 5 janvier 2026*

Cette page répond aux questions des familles d'élèves de troisième qui envisagent une entrée en seconde Abibac, ainsi qu'à celles des professeurs d'allemand de collège qui les accompagnent.

## Le dispositif

### Qu'est-ce que l'Abibac ?

L'Abibac est un double diplôme : il permet d'obtenir en même temps le baccalauréat français et l'Allgemeine Hochschulreife (Abitur) allemande. Il a été créé par l'accord franco-allemand du 31 mai 1994. Ses titulaires peuvent s'inscrire dans l'enseignement supérieur des deux pays sans examen complémentaire.

### Où peut-on le préparer dans l'académie ?

Trois lycées publics proposent une section Abibac :

| Lycée | Ville | Places en seconde | Journée portes ouvertes |
|---|---|---|---|
| Lycée des Orangers | Nice | 24 | 7 février 2026 |
| Lycée Émile-Ollivier | Toulon | 20 | 31 janvier 2026 |
| Lycée de l'Estérel | Saint-Raphaël | 15 | à préciser |

### Quels enseignements sont propres à la section ?

- En seconde :
  - 6 heures d'allemand par semaine, dont 2 heures consacrées à la littérature ;
  - histoire-géographie enseignée en partie en allemand, comme discipline non linguistique (DNL).
- En première et en terminale :
  - 6 heures de langue et littérature allemandes ;
  - 4 heures d'histoire-géographie, entièrement en allemand ;
  - une heure hebdomadaire de préparation aux épreuves spécifiques.

## Admission en seconde Abibac

### Mon enfant peut-il candidater ?

Oui, s'il est en classe de troisième et qu'il étudie l'allemand, en LV1, en LV2 ou en classe bilangue. Il doit avoir au moins le niveau A2 du cadre européen ; le niveau B1 est recommandé. Les élèves venant d'une autre académie peuvent candidater, mais aucune place d'internat ne leur est garantie.

### Comment se déroule la procédure d'admission ?

1. La famille remplit le dossier de candidature, téléchargeable sur le site de chaque lycée.
2. Le professeur d'allemand de troisième rédige une appréciation sur le niveau de l'élève.
3. La famille remet le dossier complet au collège avant le 13 mars 2026 ; le collège le transmet au lycée demandé.
4. L'élève passe un entretien en allemand d'environ 15 minutes le 8 avril 2026.
5. La commission d'admission, présidée par l'IA-IPR d'allemand, se réunit le 12 mai 2026.
6. La famille saisit ensuite le vœu du lycée dans Affelnet-lycée.

### Faut-il habiter dans le secteur du lycée ?

Non. L'admission en section Abibac déroge à la sectorisation. Elle ne vaut toutefois que pour la section : un élève qui la quitte en cours d'année retrouve son lycée de secteur à la rentrée suivante.

## Séjours et échanges

### Un séjour en Allemagne est-il obligatoire ?

Oui. En classe de première, chaque élève effectue un séjour individuel de trois semaines dans un Gymnasium partenaire de Bavière, dans le cadre de la convention entre l'académie et le ministère bavarois de l'Éducation. Il accueille ensuite son correspondant pendant trois semaines, en général en juin.

### Combien coûte le séjour ?

Les enseignements de la section sont gratuits. Le séjour en Bavière reste à la charge des familles : il coûte en moyenne 380 euros, voyage compris. L'Office franco-allemand pour la Jeunesse (OFAJ) peut accorder une aide au voyage, et les familles boursières peuvent solliciter le fonds social lycéen.

## Les examens

### Quelles sont les épreuves spécifiques ?

En terminale, deux épreuves spécifiques remplacent les épreuves ordinaires de langue vivante et d'histoire-géographie :

- une épreuve de langue et littérature allemandes :
  - écrit de 5 heures ;
  - oral d'environ 20 minutes ;
- une épreuve d'histoire-géographie en allemand :
  - écrit de 5 heures ;
  - oral d'environ 20 minutes.

Un commissaire allemand désigné par la Conférence permanente des ministres de l'Éducation des Länder (KMK) assiste au jury.

### Que se passe-t-il en cas d'échec aux épreuves spécifiques ?

L'élève n'obtient pas l'Abitur, mais il conserve le baccalauréat français s'il a obtenu la moyenne à l'ensemble des épreuves.

## Contacts

- M. Laurent Giacometti, IA-IPR d'allemand, coordonnateur académique des sections Abibac ;
- Mme Camille Ferrand, chargée de mission langues et échanges à la DAREIC, dareic-abibac@ac-nice.fr ;
- pour la Bavière : M. Markus Hollweck, ministère bavarois de l'Éducation (Bayerisches Staatsministerium für Unterricht und Kultus), service des échanges scolaires.

Une réunion d'information en ligne pour les familles est prévue avant la date limite de dépôt des dossiers ; sa date sera communiquée ultérieurement sur le site de l'académie.
"""


def build_faq_md(out: Path) -> None:
    out.write_text(FAQ, encoding="utf-8")


def build_all(folder: Path = HERE) -> list[Path]:
    call = folder / "appel-projets-passerelles-pro-lille-nrw-2026.pdf"
    build_call_pdf(call)
    guide = folder / "vademecum-jules-verne-paris-2026-2027.docx"
    build_guide_docx(guide)
    faq = folder / "faq-sections-abibac-nice-2026.md"
    build_faq_md(faq)
    return [call, guide, faq]


if __name__ == "__main__":
    for path in build_all():
        print(f"wrote {path.relative_to(HERE)}")
