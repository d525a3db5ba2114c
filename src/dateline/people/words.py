"""Word lists for the people stage: honorifics, title words, department names, credit markers.

Constants only (lowercase unless said otherwise); the rules that use them live in
``repair.py``, ``titles.py``, ``names.py`` and ``gender.py``.
"""
from __future__ import annotations

#: Entity labels that name something (DATE, MONEY, CARDINAL... are left to later stages).
NAME_LABELS = frozenset({"PERSON", "ORG", "GPE", "LOC", "NORP", "FAC", "EVENT", "PRODUCT",
                         "WORK_OF_ART", "LAW", "LANGUAGE"})

#: Honorifics: forms of address, not titles. Value: the gender they imply, or None.
HONORIFICS = {
    "mr": "male", "mr.": "male", "mister": "male", "sir": "male", "lord": "male",
    "mrs": "female", "mrs.": "female", "ms": "female", "ms.": "female", "miss": "female",
    "dame": "female", "lady": "female", "madam": "female", "mme": "female", "mme.": "female",
    "mx": None, "mx.": None, "dr": None, "dr.": None,
}

#: Abbreviated titles and what they stand for.
TITLE_ABBREVIATIONS = {
    "sen.": "Senator", "sen": "Senator", "rep.": "Representative", "gov.": "Governor",
    "gen.": "General", "lt.": "Lieutenant", "col.": "Colonel", "sgt.": "Sergeant",
    "capt.": "Captain", "adm.": "Admiral", "maj.": "Major", "cmdr.": "Commander",
    "pres.": "President", "sec.": "Secretary", "amb.": "Ambassador", "prof.": "Professor",
    "det.": "Detective", "insp.": "Inspector", "supt.": "Superintendent", "rev.": "Reverend",
    "atty.": "Attorney", "cpl.": "Corporal", "pvt.": "Private", "fr.": "Father",
    "sr.": "Senior", "asst.": "Assistant", "dep.": "Deputy", "ceo": "CEO",
}

#: Nouns that head a person's title or role ("spokesman", "Secretary", "chief executive").
TITLE_HEADS = frozenset("""
president presidents vice-president secretary minister premier chancellor prime
spokesman spokeswoman spokesperson spokespeople representative rep senator congressman
congresswoman congressmember lawmaker legislator assemblyman assemblywoman councilman
councilwoman councillor councilor alderman mayor governor lieutenant-governor
ambassador envoy diplomat consul attache emissary delegate negotiator
advisor adviser aide counselor counsellor counsel consultant strategist pollster
director chairman chairwoman chairperson chair ceo cfo coo cto chief executive officer
head leader boss manager founder co-founder owner president-elect partner principal
commissioner administrator superintendent inspector regulator auditor comptroller treasurer
judge justice magistrate prosecutor attorney lawyer solicitor barrister
general admiral colonel major captain lieutenant sergeant corporal commander commandant marshal
officer sheriff constable detective chief-of-staff agent
king queen prince princess emperor empress duke duchess monarch sultan emir sheikh pope
cardinal bishop archbishop rabbi imam reverend pastor priest cleric ayatollah
professor lecturer researcher scientist economist analyst historian expert
reporter correspondent journalist editor columnist anchor commentator photographer author
writer producer publisher
coach player striker midfielder defender goalkeeper captain pitcher quarterback
nominee candidate contender frontrunner challenger incumbent speaker whip
deputy undersecretary under-secretary assistant associate member
official officials executive executives staffer operative organizer organiser activist
campaigner surrogate
dictator strongman ruler lady
comedian singer rapper actor actress star musician artist model designer chef dancer director
presenter host broadcaster novelist poet filmmaker entrepreneur businessman businesswoman
surgeon physician doctor nurse teacher engineer pilot architect accountant banker investor
farmer soldier firefighter paramedic broker trader dealer
""".split())

#: Words that may precede a title head inside a title ("former", "acting", "deputy", "chief").
TITLE_MODIFIERS = frozenset("""
former acting deputy vice interim chief senior junior top lead head assistant associate
executive general principal special foreign prime then outgoing incoming retired late
longtime long-time veteran fellow new current future presumptive de facto supreme grand
first second third co national regional state federal elect designate
press communications campaign defense defence security finance trade health
""".split())

#: Title heads that only a person carries: an entity introduced by one of these is a person.
PERSON_ONLY_HEADS = frozenset("""
president secretary minister premier chancellor spokesman spokeswoman spokesperson senator
congressman congresswoman lawmaker mayor governor ambassador envoy advisor adviser aide
director chairman chairwoman ceo founder commissioner judge prosecutor attorney lawyer
general admiral colonel captain lieutenant sergeant commander officer sheriff detective
king queen prince princess pope bishop archbishop rabbi imam reverend professor economist
analyst reporter correspondent journalist editor coach nominee candidate manager
""".split())

#: Heads ending like this are roles too ("campaigner", "chairman", "strategist").
ROLE_SUFFIXES = ("man", "woman", "person", "ist")

#: Words that are departments or portfolios in "Secretary of State", "Minister for Energy".
DEPARTMENT_WORDS = frozenset("""
state defense defence homeland security treasury commerce labor labour energy interior
agriculture education transportation transport health human services justice veterans affairs
housing urban development foreign home trade finance environment culture war navy army
air force industry economy economic staff and the of for
""".split())

#: Nouns that end an organisation's name ("Council", "Department"), used to split a person
#: off the end of a mis-tagged organisation ("Homeland Security Alejandro Mayorkas").
ORG_WORDS = DEPARTMENT_WORDS | frozenset("""
council department ministry office agency bureau service administration commission committee
board house senate congress parliament assembly court party union university institute
association foundation company corporation group bank police army command center centre
league club team network inc ltd corp llc plc holdings airlines airways motors media studios
records stadium hospital school college church airport tower
""".split())

#: Nouns naming a kind of organisation, which stand before its name ("Belgian club X").
ORG_NOUNS = frozenset("""
club team side company firm group maker manufacturer carrier airline bank insurer retailer
newspaper daily weekly paper magazine agency network broadcaster channel station website site
app platform service brand band label studio publisher startup start-up developer exchange
party organisation organization association federation union movement charity
""".split())

#: Connectors allowed inside a title ("Secretary of State", "Minister for Foreign Affairs").
TITLE_CONNECTORS = frozenset({"of", "for", "and", "&", "on", "to"})

#: Words that mark a line as a photo credit when they stand before a name on that line.
CREDIT_MARKERS = ("©", "photo:", "photos:", "photo by", "photograph:", "photograph by",
                  "picture:", "pictures:", "image:", "images:", "credit:", "cover photo",
                  "(photo", "photo credit", "/ afp", "/afp", "getty images", "/ reuters",
                  "/ ap", "/ epa", "/ getty", "via reuters", "via getty")

#: News and photo agencies: an organisation, never a person.
AGENCIES = frozenset("""
afp reuters ap epa getty xinhua bloomberg efe ansa dpa upi pa tass ria itar-tass kyodo
yonhap anadolu sipa shutterstock
""".split()) | {"associated press", "getty images", "agence france-presse", "epa-efe",
                "press association", "pa images", "ap photo"}

#: Photo position markers: "(r.)", "(l.)", "(C)", "(L-R)".
POSITION_MARKERS = frozenset({"r", "l", "c", "left", "right", "center", "centre", "top",
                              "bottom", "l-r", "r-l", "front", "back", "above", "below",
                              "inset", "pictured"})

#: Pronouns that point at a person, with their gender.
PRONOUN_GENDER = {"he": "male", "him": "male", "his": "male", "himself": "male",
                  "she": "female", "her": "female", "hers": "female", "herself": "female"}

#: Title words that carry gender.
GENDERED_TITLES = {
    "spokesman": "male", "chairman": "male", "congressman": "male", "councilman": "male",
    "assemblyman": "male", "king": "male", "prince": "male", "emperor": "male", "duke": "male",
    "father": "male", "businessman": "male", "sultan": "male",
    "spokeswoman": "female", "chairwoman": "female", "congresswoman": "female",
    "councilwoman": "female", "assemblywoman": "female", "queen": "female",
    "princess": "female", "empress": "female", "duchess": "female", "businesswoman": "female",
    "lady": "female", "wife": "female", "husband": "male", "widow": "female",
}

#: Modifiers that are not part of a formal title: lowercased at the start of a sentence
#: ("Former President X" → "former President"); "Chief Justice" keeps its capital.
FLOATING_MODIFIERS = frozenset("""
former then late acting outgoing incoming retired longtime long-time current new top veteran
""".split())

#: Determiners and particles stripped from the edges of an entity ("the White House").
EDGE_WORDS = frozenset({"the", "a", "an", "'s", "’s", "'", "’", "s"})

#: US party codes after a legislator's name: "Ted Cruz (R-Texas)".
PARTY_CODES = {"R": "Republican Party", "D": "Democratic Party", "I": "Independent"}
