"""Detection throughput on German, French and Spanish next to English, Russian and Arabic.

    .venv/bin/python bench/multilingual_de_fr_es.py             # 3 M characters per language
    .venv/bin/python bench/multilingual_de_fr_es.py --mb 0.5    # a quick smoke run

The same synthetic news shape as `bench/multilingual.py` (whose measuring code this reuses): ordinary war
reporting, about 1 document in 12 mentioning a chemical in passing, about 1 in 40 carrying a staging claim; the
templates below were written for this benchmark. Rules only for de/fr/es (no trained model).
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import multilingual  # noqa: E402  (bench/multilingual.py, next to this file)

multilingual.TEMPLATES.update({
    "de": {
        "towns": ("Idlib", "Sarakib", "Dschisr asch-Schughur", "Hama", "Latakia", "Aleppo", "Daraa", "Homs"),
        "events": (
            "Regierungstruppen beschossen am Montag Dörfer bei {town}, dabei wurden {n} Zivilisten getötet.",
            "Rebellen rückten nach heftigen nächtlichen Gefechten in Richtung {town} vor.",
            "Hilfsorganisationen zufolge sind in der vergangenen Woche {n} Familien aus {town} geflohen.",
            "Den Krankenhäusern in {town} fehlen Treibstoff und Medikamente, sagten Ärzte Reportern.",
            "Die Preise für Brot und Benzin in {town} haben sich seit Monatsbeginn verdoppelt, sagten Bewohner.",
            "Die Gespräche über die Zukunft von {town} und der Umgebung endeten ohne Einigung.",
        ),
        "passing": ("In einer Düngemittel- und Chemiefabrik bei {town} brach ein Feuer aus, niemand wurde verletzt.",),
        "claims": (
            "Kämpfer bereiten in den kommenden Tagen die Inszenierung eines Chemiewaffenangriffs in {town} vor, "
            "teilte das russische Versöhnungszentrum mit.",
            "Das Verteidigungsministerium erklärte, Kämpfer hätten Kanister mit Chlor nach {town} gebracht und "
            "ausländische Kamerateams seien eingetroffen, um einen inszenierten Angriff zu filmen.",
        ),
    },
    "fr": {
        "towns": ("Idleb", "Saraqeb", "Jisr al-Choghour", "Hama", "Lattaquié", "Alep", "Deraa", "Homs"),
        "events": (
            "Les forces gouvernementales ont bombardé lundi des villages près de {town}, tuant {n} civils.",
            "Les rebelles ont progressé vers {town} après de violents combats qui ont duré toute la nuit.",
            "Selon les organisations humanitaires, {n} familles ont fui {town} la semaine dernière.",
            "Les hôpitaux de {town} manquent de carburant et de médicaments, ont déclaré des médecins.",
            "Le prix du pain et du carburant a doublé à {town} depuis le début du mois, selon les habitants.",
            "Les pourparlers sur l'avenir de {town} et de ses environs se sont achevés sans accord.",
        ),
        "passing": ("Un incendie s'est déclaré dans une usine d'engrais et de produits chimiques près de {town}.",),
        "claims": (
            "Des combattants préparent une mise en scène d'attaque chimique à {town} dans les prochains jours, a "
            "indiqué le Centre russe pour la réconciliation.",
            "Le ministère de la Défense a affirmé que des combattants avaient apporté des bonbonnes de chlore à "
            "{town} et que des équipes de télévision étrangères étaient arrivées pour filmer une fausse attaque.",
        ),
    },
    "es": {
        "towns": ("Idlib", "Saraqib", "Yisr al Shugur", "Hama", "Latakia", "Alepo", "Daraa", "Homs"),
        "events": (
            "Las fuerzas gubernamentales bombardearon el lunes aldeas cerca de {town} y mataron a {n} civiles.",
            "Los rebeldes avanzaron hacia {town} tras intensos combates que duraron toda la noche.",
            "Según las organizaciones humanitarias, {n} familias huyeron de {town} la semana pasada.",
            "Los hospitales de {town} se quedan sin combustible ni medicinas, dijeron los médicos.",
            "El precio del pan y del combustible en {town} se ha duplicado desde comienzos de mes.",
            "Las conversaciones sobre el futuro de {town} y sus alrededores terminaron sin acuerdo.",
        ),
        "passing": ("Un incendio se declaró en una fábrica de fertilizantes y productos químicos cerca de {town}.",),
        "claims": (
            "Los militantes preparan la escenificación de un ataque químico en {town} en los próximos días, "
            "informó el Centro ruso para la Reconciliación.",
            "El Ministerio de Defensa afirmó que los militantes trasladaron bombonas de cloro a {town} y que "
            "equipos de filmación extranjeros llegaron para grabar un falso ataque.",
        ),
    },
})

if __name__ == "__main__":
    multilingual.main([*sys.argv[1:], "--claims", "0"] if "--claims" not in sys.argv else sys.argv[1:])
