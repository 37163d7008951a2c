"""Build the generated PDF of part B of the third new-documents *tuning* corpus (evals/corpora/newdocs-dev3/).

Fictional documents on Franco-German and European school cooperation, written to measure the
answerer on documents it never saw (questions: evals/newdocs-dev3-b.jsonl; part A, build_a.py,
writes three other documents of the folder). Part B is this PDF plus two hand-written files:

- compte-rendu-commission-mixte-normandie-schleswig-holstein-2025.pdf (built here): the minutes of
  a joint commission between the région académique Normandie and the Land of Schleswig-Holstein.
  Numbered section titles set larger than the body, "label : value" front matter, two attendee
  lists introduced by bold lead-ins, six numbered decisions, a numbered procedure, a 4-column
  budget table with a total row, a German paragraph, details left "à préciser", a running header
  and a "page n / total" footer;
- mobilite-eleves-seconde-autriche-suisse-versailles.html (by hand): a rectorat web page as saved
  from the browser (cookie banner, header, menus, breadcrumb, share buttons, footer) whose
  <article> holds h1/h2/h3, a <dl>, nested lists, an <ol> procedure, a 5-column table and an FAQ;
- note-service-stagiaires-hambourg-creteil-2026.txt (by hand): a plain-text note de service with
  capitalised titles underlined by "=", numbered paragraphs, dotted "label .... value" lines and a
  "|" table.

The PDF is reproducible (reportlab's invariant mode): running
``python evals/corpora/newdocs-dev3/build_b.py`` again changes nothing.
"""
from __future__ import annotations

from pathlib import Path
import sys

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # evals/corpora: shared generator helpers
from reproducible import paged_pdf, pdf_story  # noqa: E402

HERE = Path(__file__).resolve().parent

# A story is a list of (kind, payload): ("h", title); ("p", text); ("lead", text) a bold lead-in line;
# ("kv", (label, value)); ("ol", [items]); ("ul", [items]); ("table", rows) with a header row and
# a bold last row when it is a total; ("de", text) a German paragraph in italics.
CR_TITLE = ("Compte rendu de la 5e commission mixte de coopération éducative entre la région académique "
            "Normandie et le Land de Schleswig-Holstein")
CR_HEADER = "Région académique Normandie – DRAREIC | Commission mixte Normandie / Schleswig-Holstein"
CR_FOOTER = "Compte rendu de la commission mixte du 9 octobre 2025 – diffusion restreinte – page {n} / {total}"
MINUTES = [
    ("kv", ("Référence", "DRAREIC-NOR/CR/2025-22")),
    ("kv", ("Date et lieu", "jeudi 9 octobre 2025, de 9 h 30 à 16 h, ministère de l'Éducation du "
                            "Schleswig-Holstein, Kiel")),
    ("kv", ("Présidence", "Mme Hélène Mauduit et Dr. Birte Ketelsen, co-présidentes")),
    ("kv", ("Rédaction", "Mme Nadia Benali, DRAREIC")),
    ("kv", ("Validation", "compte rendu approuvé par les deux co-présidentes le 6 novembre 2025")),
    ("h", "1. Participants"),
    ("lead", "Pour la région académique Normandie :"),
    ("ul", ["Mme Hélène Mauduit, déléguée régionale académique aux relations européennes et internationales "
            "et à la coopération (DRAREIC), co-présidente ;",
            "M. Antoine Guérin, inspecteur d'académie – inspecteur pédagogique régional (IA-IPR) d'allemand ;",
            "Mme Nadia Benali, chargée de mission formation professionnelle à la DRAREIC ;",
            "M. Julien Osmont, proviseur du lycée maritime Côte-de-Nacre de Courseulles-sur-Mer (en "
            "visioconférence)."]),
    ("lead", "Pour le Land de Schleswig-Holstein :"),
    ("ul", ["Dr. Birte Ketelsen, cheffe du bureau des relations internationales du ministère de l'Éducation "
            "(Ministerium für Allgemeine und Berufliche Bildung, Wissenschaft, Forschung und Kultur, MBWFK), "
            "co-présidente ;",
            "M. Sönke Petersen, chargé de la formation continue des enseignants à l'Institut für "
            "Qualitätsentwicklung an Schulen Schleswig-Holstein (IQSH) ;",
            "Mme Merle Johannsen, coordinatrice des échanges au Schleswig-Holsteinisches Institut für "
            "Berufliche Bildung (SHIBB), l'institut qui pilote les écoles professionnelles du Land."]),
    ("p", "Excusé : le représentant de la chambre des métiers de Flensbourg (Handwerkskammer Flensburg)."),
    ("h", "2. Bilan de l'année scolaire 2024-2025"),
    ("p", "Mme Mauduit présente le bilan. En 2024-2025, 27 appariements entre établissements normands et "
          "établissements du Schleswig-Holstein ont été actifs, contre 22 l'année précédente. Ils ont permis "
          "la mobilité de 734 élèves et de 61 enseignants. Les échanges collectifs restent concentrés sur les "
          "collèges ; les lycées professionnels n'y ont participé que pour 9 %."),
    ("p", "Dr. Ketelsen souligne la baisse du nombre d'élèves qui apprennent le français dans le Land : ils "
          "étaient 41 000 en 2020 et sont 36 500 cette année. Elle propose de faire de la mobilité individuelle "
          "une priorité commune, afin de rendre le français plus attractif dans les Gymnasien et les "
          "Gemeinschaftsschulen."),
    ("p", "La commission constate que la convention-cadre signée à Rouen le 15 juin 2021 a atteint ses objectifs "
          "quantitatifs. Elle regrette en revanche que la formation professionnelle reste en retrait."),
    ("h", "3. Décisions de la commission"),
    ("p", "Après discussion, la commission arrête les décisions suivantes :"),
    ("ol", ["La convention-cadre du 15 juin 2021 est reconduite pour cinq ans. Un avenant sur la formation "
            "professionnelle y sera joint ; il sera signé lors de la visite de la ministre du Land à Caen, dont "
            "la date reste à préciser.",
            "Un programme d'échanges individuels, nommé « Nordlicht », est créé pour les élèves de seconde et "
            "leurs correspondants de 10e classe. Chaque élève passe six semaines dans la famille de son "
            "correspondant, puis l'accueille six semaines. Il concernera 20 binômes dès l'année 2026-2027.",
            "Seize élèves de baccalauréat professionnel Conduite et gestion des entreprises maritimes "
            "effectueront une période de formation en milieu professionnel (PFMP) de trois semaines dans des "
            "entreprises portuaires de Kiel et de Flensbourg.",
            "Un séminaire de contact réunira à Lübeck 15 chefs d'établissement normands et 15 chefs "
            "d'établissement du Land pour créer de nouveaux appariements.",
            "Douze professeurs d'allemand de l'académie suivront un stage de formation continue de deux "
            "semaines organisé par l'IQSH.",
            "Le projet de certification commune des compétences professionnelles, proposé par le SHIBB, est "
            "ajourné : la commission l'examinera de nouveau lors de sa prochaine réunion."]),
    ("h", "4. Candidature au programme Nordlicht"),
    ("p", "Pour la première campagne, les élèves normands candidatent selon la procédure suivante :"),
    ("ol", ["L'élève remplit avec sa famille la fiche de candidature bilingue, disponible auprès de son "
            "professeur d'allemand.",
            "Le professeur d'allemand et le chef d'établissement donnent leur avis sur la fiche.",
            "L'établissement transmet le dossier à la DRAREIC au plus tard le 15 janvier 2026.",
            "La DRAREIC et le MBWFK forment les binômes en tenant compte des centres d'intérêt des élèves.",
            "Les familles reçoivent les coordonnées du correspondant et de sa famille à la fin du mois de mars 2026."]),
    ("p", "Les élèves du Schleswig-Holstein candidatent auprès de leur établissement selon un calendrier fixé "
          "par le MBWFK, qui sera communiqué ultérieurement."),
    ("h", "5. Budget prévisionnel 2026"),
    ("p", "Les deux parties s'engagent sur le budget suivant, sous réserve du vote de leurs crédits pour 2026 :"),
    ("table", [["Action", "Normandie (DRAREIC)", "Schleswig-Holstein (MBWFK)", "Autres financeurs"],
               ["Programme Nordlicht (20 binômes)", "6 000 euros", "6 000 euros", "OFAJ : à préciser"],
               ["PFMP maritimes (16 élèves)", "9 600 euros", "hébergement pris en charge",
                "Erasmus+ : 14 400 euros"],
               ["Séminaire de contact à Lübeck", "3 500 euros (voyages)", "4 200 euros (organisation)", "–"],
               ["Stage IQSH (12 professeurs)", "7 200 euros", "formation gratuite", "–"],
               ["Total", "26 300 euros", "10 200 euros", "–"]]),
    ("p", "L'Office franco-allemand pour la Jeunesse (OFAJ) sera sollicité pour les frais de voyage des élèves "
          "du programme Nordlicht ; le montant de sa subvention n'est pas connu à ce jour."),
    ("h", "6. Calendrier"),
    ("kv", ("Date limite de candidature au programme Nordlicht", "15 janvier 2026")),
    ("kv", ("Séminaire de contact", "du 18 au 20 mars 2026, à Lübeck")),
    ("kv", ("PFMP maritimes à Kiel et à Flensbourg", "du 4 au 22 mai 2026")),
    ("kv", ("Stage IQSH des professeurs d'allemand", "du 6 au 17 juillet 2026, à Kronshagen")),
    ("kv", ("Premiers départs Nordlicht", "septembre 2026 (dates à préciser)")),
    ("kv", ("6e commission mixte", "automne 2026, à Caen ; date à préciser")),
    ("h", "7. Questions diverses"),
    ("p", "M. Osmont demande que les élèves de PFMP soient accueillis en internat plutôt qu'en auberge de "
          "jeunesse. Mme Johannsen répond que le SHIBB recherche des places en internat à Flensbourg ; la "
          "solution retenue sera communiquée ultérieurement. Le nom du référent du SHIBB pour les PFMP "
          "reste à préciser."),
    ("p", "Dr. Ketelsen conclut la réunion par une déclaration adressée aux établissements du Land :"),
    ("de", "Die Kommission begrüßt die Gründung des Programms Nordlicht. Die Schulen in Schleswig-Holstein "
           "werden gebeten, interessierte Schülerinnen und Schüler der 10. Klasse bis zum 31. Januar 2026 "
           "beim Ministerium zu melden."),
    ("p", "La séance est levée à 16 h. Le présent compte rendu est diffusé aux membres de la commission et aux "
          "chefs d'établissement des appariements actifs."),
]


def build_minutes_pdf(out: Path) -> None:
    def story():
        return pdf_story(MINUTES, CR_TITLE, widths=[140, 100, 120, 100], title_size=14, section_size=12,
                         section_space=(10, 6), header_fill="#dde4ee", bold_total=True)
    paged_pdf(story, out, CR_TITLE, CR_HEADER, CR_FOOTER, (2.4, 2.2))


def build_all(folder: Path = HERE) -> list[Path]:
    minutes = folder / "compte-rendu-commission-mixte-normandie-schleswig-holstein-2025.pdf"
    build_minutes_pdf(minutes)
    return [minutes]


if __name__ == "__main__":
    for path in build_all():
        print(f"wrote {path.relative_to(HERE)}")
