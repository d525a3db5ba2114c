"""Word lists and patterns for telling page furniture from article text.

Each pattern matches a whole line (or the start of one) of scraped text and carries the reason
recorded in ``Article.removed``. They are deliberately about the *kind* of line (a credit, a share
prompt, a cookie notice), never about one site. English first, with the commonest equivalents in
a few other languages where a page's furniture is often left untranslated into English.
"""
from __future__ import annotations

import re

I = re.IGNORECASE

# ---- reasons (the words users see in ``removed``) --------------------------------------------
TITLE = "title"
BYLINE = "byline"
DATE = "date line"
CAPTION = "photo caption"
CREDIT = "photo credit"
GALLERY = "image gallery"
TEASER = "related-article teaser"
RELATED = "related-articles block"
FOOTER = "footer"
MENU = "menu or navigation"
SHARE = "share prompt"
SUBSCRIBE = "subscribe or sign-in prompt"
COOKIE = "cookie or privacy notice"
ADVERT = "advertisement"
COPYRIGHT = "copyright notice"
COMMENTS = "comments"
REPEATED = "repeated line"
PROMO = "promotion or call to action"
BIO = "author biography"
LOW_TEXT = "not running text"
OUTSIDE = "outside the article"
URL = "bare link"
CODE = "markup or code"
HEADING = "section heading"

# ---- agencies and credit words ----------------------------------------------------------------
AGENCIES = (r"AFP|AP|Reuters|REUTERS|Associated Press|PA|PA Wire|PA Images|EPA|EPA-EFE|Getty|"
            r"Getty Images|Shutterstock|Rex|Rex Features|Alamy|Bloomberg|dpa|ANSA|Xinhua|"
            r"Anadolu|Anadolu Agency|UPI|TASS|Sipa|NurPhoto|Zuma|ZUMA|Corbis|iStock|"
            r"iStockphoto|NASA|Handout")
AGENCY = re.compile(rf"^(?:{AGENCIES})$")

_CREDIT_LEAD = (r"(?:cover |main |top |header |featured |lead )?(?:photo(?:graph)?s?|pictures?|"
                r"images?|pics?|foto|fotos|Фото|illustration|graphic|credit|"
                r"photo credit|image credit|source|quelle|bild)")
#: A line that is only a credit: "© Name / AFP", "Cover photo: Name / AFP", "Photo: Name, AP",
#: "Image copyright Getty Images", "(credit: NASA)", "Getty Images".
CREDIT_LINE = re.compile(
    rf"^\(?\s*(?:(?:©|\(c\)|copyright)\s*(?!\d{{4}}\b)\S.*|{_CREDIT_LEAD}\s*(?::|by|copyright|©)\s*.+|"
    rf"(?:{AGENCIES})(?:\s*(?:/|via)\s*(?:{AGENCIES}))?)\s*\)?$", I)
#: A credit at the end of a caption: "... Lopez Obrador (l.)  © Brendan Smialowski / AFP",
#: "... (credit: NASA/Jude Guidry)", "... (NASA/JPL-Caltech/ASU)", "... REUTERS/Brendan McDermid".
CREDIT_TAIL = re.compile(
    rf"(?:\s+(?:©|\(c\))\s*(?P<c1>[^©]{{2,80}})"
    rf"|\s*\((?:{_CREDIT_LEAD}\s*[:\-]?\s*)?(?P<c2>[^()]{{2,60}}/[^()]{{2,60}})\)"
    rf"|\s*\((?:{_CREDIT_LEAD})\s*[:\-]\s*(?P<c3>[^()]{{2,60}})\)"
    rf"|\s+(?P<c4>(?-i:(?:{AGENCIES}|[A-Z][\w.'-]+(?: [A-Z][\w.'-]+){{0,3}})\s*/\s*"
    rf"(?:{AGENCIES}|[A-Z][\w.'-]+(?: [A-Z][\w.'-]+){{0,3}})))"
    rf"|\s+(?P<c6>(?-i:{AGENCIES}))"
    rf"|\s+(?P<c5>(?:{_CREDIT_LEAD})\s*:\s*[A-Z][^.!?]{{1,60}}))\s*$", I)

# ---- line kinds ---------------------------------------------------------------------------------
#: Each (pattern, reason); a line matching the pattern as a whole is dropped with that reason.
LINE_PATTERNS: list[tuple[re.Pattern[str], str]] = [
    (re.compile(r"^(?:more (?:on|from|about|in) .{1,60}?:?|read more(?: about .{1,60})?:?|"
                r"read (?:the rest|the full (?:story|article)|more here)\b.{0,40}|"
                r"(?:continue|keep) reading.{0,40}|"
                r"(?:related|see also|also read|also see|read also|recommended|you may also like|"
                r"you might (?:also )?like|more stories|more news|more articles|"
                r"(?:related|recommended|popular|top|latest|trending) "
                r"(?:stories|articles|news|posts|topics|coverage|videos|content|links)|"
                r"most (?:popular|read|viewed|shared|commented)(?: .{1,30})?|"
                r"what to read next|read (?:these|this) next|read next|up next|next up|don'?t miss|trending(?: now| news)?|"
                r"leia (?:também|mais)|veja também|você pode gostar.*|artigos relacionados|"
                r"notícias relacionadas|lee también|te puede interesar|noticias relacionadas|"
                r"leggi anche|articoli correlati|potrebbe interessarti|"
                r"à lire aussi|lire aussi|sur le même sujet|"
                r"mehr zum thema|das könnte sie auch interessieren|lesen sie auch|"
                r"читайте также|похожие статьи|по теме|"
                r"baca juga|berita terkait))\s*[:.…»>]*\s*$", I), RELATED),
    (re.compile(r"^(?:share|share this(?: article| story| post| page)?|share (?:on|via|to) \w+|"
                r"tweet|pin(?: it)?|e-?mail|print|whatsapp|facebook|twitter|linkedin|reddit|"
                r"pinterest|flipboard|telegram|messenger|copy link|copied|comment|"
                r"(?:\d+\s+)?shares?|click to share.*|share (?:this|on) .{1,40})\s*[:!]?$", I),
     SHARE),
    (re.compile(r"^(?:(?:facebook|twitter|whatsapp|pinterest|linkedin|reddit|email|e-mail|"
                r"print|share|tweet|messenger|telegram|vk|vkontakte|odnoklassniki|pint|"
                r"baixar)[\s,|·•/]*){2,}$", I), SHARE),
    (re.compile(r"^(?:subscribe|sign (?:in|up)|log ?in|log ?out|register|my account|"
                r"create (?:an|your) account|already a subscriber\??|"
                r"(?:subscribe|sign up)(?: now| today)?(?: for| to) .{1,80}|"
                r"get (?:our|the) .{1,40} newsletter.*|newsletters?|"
                r"(?:join|follow) us(?: on .{1,40})?|follow .{1,40} on (?:twitter|facebook|instagram).*|"
                r"download (?:the|our) app.*|"
                r"support (?:us|our journalism|independent journalism).*|"
                r"support [\w.]+ (?:and|so|to|by|with|today)\b.{0,120}|"
                r"(?:donate|make a donation|become a supporter)\b.{0,80}|"
                r"become a (?:member|subscriber|patron).*)[\s.!:]*$", I), SUBSCRIBE),
    (re.compile(r"\bcookies?\b.{0,120}\b(?:use|using|accept|consent|polic(?:y|ies)|settings|"
                r"preferences|experience|personali[sz]|browsing|continu)|"
                r"\b(?:use|using|accept|consent to|set|store)\b.{0,60}\bcookies\b|"
                r"\bby (?:continuing to )?(?:use|using|brows(?:e|ing)|visit(?:ing)?) (?:this|our|the) "
                r"(?:web)?site\b|^(?:(?:your |our )?privacy (?:policy|notice|settings|centre|center|"
                r"rights)|terms (?:of (?:use|service)|and conditions)|cookie (?:policy|settings)|"
                r"do not sell my (?:personal )?info(?:rmation)?|ad ?choices|accessibility)"
                r"(?:\s*[|·•,]\s*.{0,40})*\s*$", I), COOKIE),
    (re.compile(r"^(?:advertisement|advertising|sponsored(?: content| links?)?|ad|ads|"
                r"paid content|promoted(?: stories| content)?|partner content|"
                r"story continues below(?: advertisement)?|article continues below.*|"
                r"iklan|anzeige|publicidad|publicidade|pubblicità|реклама)\s*[:.]?$", I), ADVERT),
    (re.compile(r"^(?:©|\(c\)|copyright)\s*(?:\d{4}|[^a-z]{0,3}\d{4})|\ball rights reserved\b|"
                r"\balle rechte vorbehalten\b|\btodos los derechos reservados\b|"
                r"\btous droits réservés\b|\bвсе права защищены\b", I), COPYRIGHT),
    (re.compile(r"^(?:leave a (?:comment|reply)\b.{0,40}|cancel reply|"
                r"your email address will not be published.{0,80}|required fields are marked.{0,10}|"
                r"save my name, email,? and website in this browser.{0,80}|"
                r"notify me of (?:new |follow-up )?(?:comments|posts).{0,60}|"
                r"you must be (?:logged|signed) in to (?:post|leave) a comment.{0,20}|"
                r"this site uses akismet to reduce spam.{0,80})$", I), COMMENTS),
    (re.compile(r"^(?:\d+\s+)?(?:comments?|replies|reply|leave a (?:comment|reply)|"
                r"(?:post|add|write|view|show|load|see) (?:a |all |more |the )?comments?.*|"
                r"(?:\[\s*)?\d+ comments?(?:\s*\])?|comments are closed\.?|"
                r"join the (?:conversation|discussion).*|"
                r"lascia un commento.*|deixe (?:um|seu) comentário.*|comentários?)\s*$", I),
     COMMENTS),
    (re.compile(r"^(?:image|photo|picture|slide)?\s*\d+\s*(?:of|/)\s*\d+\b.{0,20}$|"
                r"^(?:back to (?:gallery|slideshow)|view (?:gallery|slideshow|all photos|photos)|"
                r"(?:open|launch|view|see) (?:the )?(?:gallery|slideshow)|\d+ photos?|"
                r"(?:image|photo) \d+ of \d+|caption|close|expand|enlarge(?: this image)?|"
                r"hide caption|toggle caption|show caption|next|previous|prev|"
                r"(?:previous|next) (?:post|article|story|image|photo|slide)|"
                r"media playback is unsupported on your device)\s*$", I), GALLERY),
    (re.compile(r"^(?:\d{1,3}/\d{1,3}\s+\S.*[^.!?\"”]|\d{1,3} show all\b.*|"
                r"media playback is unsupported on your device\b.*|"
                r"enlarge this image\b.*|(?:hide|toggle) caption\b.*)$", I), GALLERY),
    (re.compile(r"^(?:read or )?share this (?:story|article|post)\s*:.*$", I), SHARE),
    (re.compile(r"^(?:skip to (?:main )?(?:content|navigation|article|search)|"
                r"(?:main |toggle |close |open )?(?:menu|navigation)|home(?:page)?|search|"
                r"sections|topics|tags?|categories|back to top|return to top|"
                r"jump to .{1,30}|go to .{1,30}|breadcrumbs?|you are here:?.*|"
                r"(?:home|startseite|inicio|início|accueil)\s*[›»>/|].*|.+\s[›»>]\s.+[›»>]\s.+)\s*$", I),
     MENU),
    (re.compile(r"^(?:https?://|www\.)\S+$", I), URL),
    (re.compile(r"(?:\[(?:…|\.\.\.)\]|\[\s*read more\s*\])$", I), TEASER),
    (re.compile(r"^(?:video|watch(?: now| live| video)?|listen(?: now)?|podcast|gallery|"
                r"photos|in pictures|live|live updates|read more|see more|more|related|"
                r"(?:also|must|further) read|read also|recommended|don'?t miss|top stories|"
                r"latest|trending|popular|more from .{1,30})\s*[:|»>]\s*.{1,160}$", I), TEASER),
    (re.compile(r"^also on [\w.-]+\.[a-z]{2,}\b.{0,160}$|"
                r"^.{10,160}\s\[(?-i:[A-Z]+(?: [A-Z]+){0,2})\]\s*\|?$", I), TEASER),
    (re.compile(r"^.{0,300}click to tweet$", I), PROMO),
    (re.compile(r"^.{0,200}\(\d{1,2}:\d\d\)$"), TEASER),
    (re.compile(r"^(?:get|sign up for) (?:our |the )?(?:breaking news|daily|weekly|free|latest)\b.{0,100}"
                r"(?:alerts|newsletters?|emails?|updates|inbox)\b.{0,100}$|"
                r"\b(?:unsubscribe at any time|no spam,? we promise)\b.{0,120}$|"
                r"^(?:breaking news emails|newsletter sign-?up)$|"
                r"^(?:e-?mail|contact|follow|write to)\b.{0,80}(?:@\w+|\b\S+@\S+\.\w+).{0,120}$",
                I), SUBSCRIBE),
    (re.compile(r"\brecaptcha\b", I), COOKIE),
    (re.compile(r"^[A-ZÀ-Þ][\w.'’-]+(?: [A-ZÀ-Þ][\w.'’-]+){0,3} (?:is|has been|was|joined)\b"
                r".{0,80}\b(?:writer|reporter|journalist|editor|correspondent|contributor|columnist|"
                r"author|blogger|photographer|producer|anchor)s?\b"
                r"(?! (?:said|says|told)\b).{0,400}$"), BIO),
    (re.compile(r"^.{0,200}\bclick here\b.{0,200}$|^(?:tell us what you think|"
                r"(?:like|enjoy(?:ed)?) this (?:story|article)\?.{0,60}|"
                r"what do you think\?.{0,60}|have your say.{0,40})\W*$", I), PROMO),
    (re.compile(r"^(?:/\*|\*/|//|<[a-z!/]|\{|\}|function\s*\(|var |window\.|document\.|"
                r"\.[a-z-]+\s*\{|@media\b|&(?:amp;)*lt;)", I), CODE),
]

#: Longest line (in words) each kind of furniture is believed of: past it, a line is prose that
#: happens to mention cookies or "Settings > Themes > Select".
MAX_WORDS = {MENU: 15, GALLERY: 40, SHARE: 20, RELATED: 20, ADVERT: 12, COOKIE: 60,
             COPYRIGHT: 60, SUBSCRIBE: 60, COMMENTS: 40}

# ---- bylines and dates ----------------------------------------------------------------------------
MONTHS = (r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
          r"sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?")
_DATE = (rf"(?:{MONTHS}\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}}|\d{{1,2}}(?:st|nd|rd|th)?\s+"
         rf"{MONTHS},?\s+\d{{4}}|\d{{4}}-\d{{2}}-\d{{2}}|\d{{1,2}}[/.]\d{{1,2}}[/.]\d{{2,4}}|"
         rf"{MONTHS}\s+\d{{1,2}}(?:st|nd|rd|th)?\b|\d{{1,2}}\s+{MONTHS}\b|"
         rf"(?:updated|published|posted)\s+\d+\s+(?:minutes?|hours?|days?)\s+ago)")
_UP = "A-ZÀ-ÖØ-ÞĀ-ŽА-ЯЁ"
_NAME = (rf"(?!(?i:by|von|par|por)\s)[{_UP}][\w'’.-]+(?:\s+(?:de|van|von|der|da|di|del|la|le|bin|al|"
         rf"[{_UP}][\w'’.-]+)){{1,4}}")
_NAMES = rf"{_NAME}(?:\s*(?:,|and|&)\s*{_NAME})*"
_ROLES = (r"(?:(?:[A-Za-z]+ ){0,3}(?:writer|reporter|correspondent|editor|columnist|contributor|"
          r"analyst|producer|journalist)s?|staff|for [A-Z][\w ]{2,40})")
_SEP = r"\s*(?:,|\||-|–|—|·|•)\s*"
#: "By Jane Doe", "By Jane Doe and John Roe, Reuters", "by Jeff Foust", "Jane Doe, Reuters",
#: "Jane Doe | CNN", "Jane Doe, Staff Writer", "Jane Doe - Nov 19, 2019", "Von Max Muster".
BYLINE_LINE = re.compile(
    rf"^(?:(?i:by|von|par|por|di|door|oleh|text:|текст:|written by|words by|story by)\s+"
    rf"(?P<a1>{_NAMES})(?:{_SEP}.{{0,80}})?"
    rf"|(?P<a2>{_NAMES}){_SEP}(?:(?i:{AGENCIES})\b|(?i:{_ROLES})|[A-Z][\w.]+(?:\.com|\.org)|(?i:{_DATE}))"
    rf"(?:{_SEP}?.{{0,60}})?)\s*$", re.UNICODE)
DATE_IN_LINE = re.compile(_DATE, I)
#: Words allowed in a line that is only a date (and time, and 'updated', 'published' ...).
DATE_WORDS = re.compile(
    rf"^(?:{MONTHS}|(?:mon|tues?|wed(?:nes)?|thu(?:rs)?|fri|sat(?:ur)?|sun)(?:day)?\.?|"
    r"updated|published|posted|first|last|modified|on|at|am|pm|a\.m|p\.m|et|est|edt|pst|pdt|"
    r"cst|cdt|gmt|bst|cet|utc|ist|aest|amt|min|mins|read|minutes?|hours?|days?|ago|read|time|"
    r"reading|and|the|of|this|article|story|was|is|\d[\d:./-]*\w*|[:/.,|·•–—-]+)$", I)

# ---- words -------------------------------------------------------------------------------------------
#: Words that start a sentence in running text, used to find where a gallery caption ends.
SENTENCE_OPENERS = frozenset(
    "The A An It He She They We I In On At After Before But And As When While Police Officials "
    "This That There These Those His Her Their Its One Two Three Some Many Most Among Mr Mrs Ms "
    "Dr According Meanwhile However Earlier Later Witnesses Authorities Emergency".split())
