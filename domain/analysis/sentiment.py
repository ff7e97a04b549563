"""Scores caller frustration per turn from lexical cues and rolls it into a caller sentiment level."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from collections.abc import Set as AbstractSet
from typing import Final, NamedTuple

from domain.analysis._text import capitals, led_by, lower, narrowed, word_tokens
from domain.brief import SENTIMENT_LEVELS, SentimentLevel

# Patterns are matched against the ASCII-lowered turn (_text.lower); IGNORECASE makes `re` several times slower.
_I: Final = 0

THREAT_CUE: Final = "threatened violence"
PUBLIC_CUE: Final = "threatened to go public or elsewhere"

# A request for a human agent, in so many words ("can I speak to a real person", "transfer me to billing").
_HUMAN_ASK_PATTERN: Final = (
    r"\b(?:speak|talk|chat)(?:ing)?\s+(?:to|with)\s+(?:a\s+|an\s+|the\s+|your\s+|some\s*one\s+|somebody\s+)?"
    r"(?:real\s+|live\s+|actual\s+)?(?:human|person|agent|representative|rep|manager|supervisor|operator|"
    r"someone|somebody)\b"
    r"|\b(?:get|give|transfer|connect|put)\s+me\s+(?:through\s+)?(?:to|with|onto|on\s+to)?\s*(?:a\s+|an\s+|the\s+|your\s+)?"
    r"(?:real\s+|live\s+|[a-z-]+\s+)?(?:human|person|agent|representative|manager|supervisor|someone)\b"
    r"|\b(?:real|live|actual)\s+(?:human|person|agent)\b|\bhuman\s+being\b"
    # (not the store's offer: "is your manager's special still on?"; "your manager's name" still asks for them)
    r"|\byour\s+(?:manager|supervisor)\b(?!['\u2019]s\s+(?!name|number|email|details|contact)[a-z])"
    # "Representative. Agent. Human. Please.": a sentence that is only the word
    r"|(?:^|(?<=[.!?]\s))\W*(?:an?\s+|the\s+|your\s+)?(?:live\s+|real\s+)?(?:agent|representative|operator|human|manager"
    r"|supervisor)(?:\s+please)?"
    r"(?:[.!?]|\W*$)"
    # "I need a person who can actually do something", "I want a real agent"
    r"|\b(?:need|want)\s+(?:to\s+get\s+)?(?:a\s+|an\s+)?(?:real\s+|live\s+|actual\s+)?(?:human|person|agent|"
    r"representative|supervisor|manager)\b(?!\s+(?:number|id|code|portal|account|login|payee|form|letter|to\s+(?:come|visit|fix"
    r"|look|check|inspect)))"
    r"|\bneed\s+(?:someone|somebody)\s+(?:who\s+can\b|(?:right\s+)?now\b|immediately\b)"
    # "a refund, or a person who can get me one"; "someone who speaks Spanish", "una persona"
    r"|\b(?:a|an)\s+(?:real\s+|actual\s+|live\s+)?(?:person|human|agent)\s+who\s+(?:can|could|will)\b"
    r"|\buna\s+persona\b"
    # another way to reach a person: "Is there a phone number I can call?", "do you have any phone I can talk to?"
    r"|\b(?:a|any|another|some|the)\s+(?:tele)?(?:phone(?:\s+number)?|number)\s+(?:that\s+|where\s+)?(?:i|we)\s+"
    r"(?:can|could)\s+(?:call|ring|talk|speak)\b(?!\s+(?:you\s+)?back)"
    # "ok please transfer me" at the end of a turn: where to is the AI agent's offer before it
    r"|\b(?:transfer|connect)\s+me(?:\W+(?:please|now|then|through|over)){0,2}\W*$"
    # "transfer me to billing", "is there someone else I can speak with", "agent, agent"
    r"|\b(?:transfer|connect|put)\s+me\s+(?:through\s+)?to\s+(?:the\s+|your\s+|a\s+)?(?:billing|sales|support|"
    r"accounts|claims|customer\s+service|technical|tech|retentions?|cancellations?|fraud)\b"
    r"|\b(?:someone|somebody|anyone|anybody)\s+(?:else\s+)?(?:i|we)\s+(?:can|could)\s+(?:speak|talk)\s+(?:to|with)\b"
    r"|(?:^|(?<=[.!?]\s))\W*(?:agent|representative|operator)(?:\W+(?:agent|representative|operator))+\W*$"
    # "I don't want to talk to a robot": the negation is the request, so it opens the match
    r"|\b(?:don't|do\s+not)\s+want\s+(?:to\s+)?(?:talk|speak|chat)\s+(?:to|with)\s+(?:a\s+|the\s+|this\s+|an\s+)?"
    r"(?:robot|machine|bot|computer|ai|automated\s+\w+)\b"
)
# A person asked for by role ("talk to the claims handler", "speak to the fraud specialist"): a request for a
# human (the transfer trigger), but with no other cue one to be routed, not a sign of frustration (score_turn).
_ROLE_ASK_PATTERN: Final = (
    r"\b(?:(?:speak|talk|chat)(?:ing)?\s+(?:to|with)|(?:get|put|connect|transfer)\s+me\s+(?:through\s+)?(?:to|with|onto)?"
    r"\s*)\s*(?:a|an|the|your)?\s*(?:[a-z-]+\s+)?(?:handler|specialist|advis[eo]r"
    r"|adjuster|technician|pharmacist|nurse|underwriter|coordinator|manager|supervisor|officer|doctor)\b"
    # someone who speaks the caller's language: routing too ("someone speak spanish please")
    r"|\b(?:someone|somebody|anyone|anybody|a\s+person|an\s+agent)\s+(?:who\s+|that\s+)?(?:speaks?|can\s+speak)\s+"
    r"(?:spanish|french|english|mandarin|chinese|cantonese|vietnamese|korean|arabic|portuguese|russian|hindi"
    r"|punjabi|urdu|tagalog|polish|italian|german|japanese|haitian|creole|somali|farsi|persian|turkish)\b"
)
# Cue name -> (pattern, weight). Weights were set so that one strong cue (profanity, a threat, asking for
# a manager) or two mild ones (a repeated failed step plus a complaint word) make a turn "frustrated".
_CUES: tuple[tuple[str, re.Pattern[str], float], ...] = (
    (
        "asked for a human",
        # "talk to the claims handler" too (see _ROLE_ASK_PATTERN)
        re.compile(
            _HUMAN_ASK_PATTERN + "|(?P<role>" + _ROLE_ASK_PATTERN + ")",
            _I,
        ),
        2.0,
    ),
    (
        "threatened to cancel or complain",
        led_by(
            r"[abcflmorst]",
            # "I'd like to cancel my subscription" is a request, "... or I'll cancel my account" a threat.
            # (not "I cancelled my membership last year": done, told)
            r"(?=cancel|close|terminat)(?!(?:(?<=\bi\s)|(?<=\bwe\s))(?:cancell?ed|closed|terminated)\b)(?<!like\sto\s)(?<!want\sto\s)(?<!wanna\s)(?<!need\sto\s)(?<!please\s)(?<!you\s)(?<!can\si\s)"
            r"(?<!could\si\s)(?<!how\sdo\si\s)(?<!how\sto\s)(?<!help\sme\s)"
            # (nor a question about what follows: "If I cancel my subscription, can I still use my credits?")
            r"(?<!if\si\s)(?<!if\swe\s)"
            r"\b(?:cancel|close|terminate)\w*\s+(?:my\s+|the\s+|this\s+)?(?:account|subscription|service|membership|"
            r"contract|card)\b|\b(?:file|make|lodge|register|submit)\s+(?:a\s+|an\s+)?(?:formal\s+)?complaint\b"
            # (not one made before: "I made a complaint two weeks ago", "my complaint reference is ...")
            r"|\b(?<!made\sa\s)(?<!filed\sa\s)(?<!lodged\sa\s)(?<!submitted\sa\s)(?<!sent\sa\s)"
            # (nor none: "No complaints at all", nor a symptom: "my main complaint is a sore throat")
            r"(?<!no\s)(?<!main\s)(?<!chief\s)(?<!presenting\s)complain\w*"
            r"|\b(?:(?:lawyer|attorney(?<!power\sof\sattorney))(?!s?\s+(?:asked|said|told|advised|wants|needs|requested"
            r"|is\s+asking|has\s+asked))|sue|suing|lawsuit|legal\s+action|small\s+claims|"
            r"better\s+business\s+bureau|bbb|consumer\s+protection|ombudsman)\b"
            # "I'll report you", "I'm going to report this" (not a fault reported: "who to report it to, so I'd report
            # it here", "I'll report it to the council")
            r"|\breport\s+you\b|(?:(?<=i'll\s)|(?<=i\swill\s)|(?<=going\sto\s)|(?<=gonna\s))report\s+(?:this|it)\b"
            r"(?!\s+(?:here|online|to\s+(?:you|the\s+(?:council|city|landlord|right\s+\w+))))"
            r"|\btake\s+my\s+business\b|\bshop(?:ping)?\s+around\b"
            # "... or I'm switching to another bank", "I'll leave for another network" (not "I'm switching to another
            # carrier and they need my PIN": a decision taken, told calmly; nor a request or a question, "I'd like to
            # switch to another provider", "Can I switch to another brand and keep my books?"; nor another plan, seat
            # or card from the same company: "switch to a different plan" is routine)
            r"|(?=switch|leav)(?<!i'm\s)(?<!i\sam\s)(?<!we're\s)(?<!we\sare\s)(?<!i've\sdecided\sto\s)"
            r"(?<!like\sto\s)(?<!want\sto\s)(?<!need\sto\s)(?<!can\si\s)(?<!could\si\s)(?<!do\si\s)(?<!if\si\s)"
            r"(?<!should\si\s)"
            r"\b(?:switch(?:ing)?\s+(?:to\s+)?|leav(?:e|ing)\s+(?:you\s+)?(?:for|to)\s+)(?:another|a\s+different)\s+"
            r"(?:provider|company|bank|carrier|network|supplier|insurer|insurance|operator|airline|brand|store|shop"
            r"|vendor|retailer|service|one)s?\b"
            # ("Match it or I'm switching.": an ultimatum, whatever it names)
            r"|\bor\s+(?:else\s+)?(?:i'm|i\s+am|we're|we\s+are|i'll|we'll)\s+(?:switching|leaving|switch|leave"
            r"|going\s+elsewhere|going\s+to\s+(?:switch|leave))\b"
            # "I want my money back" is a demand; "will I get my money back?" a worried question (the look-behinds
            # run only where "my" starts: before the word, at every position the class lets through)
            r"|\b(?:return|refund|money)\s+(?:of\s+)?(?:the\s+|my\s+)?money\b"
            r"|(?=my\s)(?<!will\si\sget\s)(?<!can\si\sget\s)(?<!do\si\sget\s)(?<!would\si\sget\s)(?<!could\si\sget\s)"
            r"\bmy\s+money\s+back\b",
            _I,
        ),
        2.0,
    ),
    (
        # going public, to a regulator, or elsewhere: "I'm posting this on Twitter", "I've spoken to a reporter",
        # "I'll go to the consumer forum", "Never mind, I'll book elsewhere" (a cue of its own: its branches open on
        # common words, so it runs only on a turn that names where the caller would go)
        PUBLIC_CUE,
        led_by(
            r"[1bceginoprstw]",
            # (not "I saw it on Facebook")
            r"\b(?:post|posting|posted|put|putting|share|sharing|tweet|tweeting|going|go|went|write|writing)\b[^.?!]{0,25}"
            r"\b(?:on|to|all\s+over)\s+(?:twitter|facebook|instagram|tiktok|social\s+media|reddit|youtube|trustpilot|yelp)\b"
            r"|\b(?:bad|negative|one[-\s]star|1[-\s]star|terrible|scathing)\s+review\b"
            r"|\b(?:go(?:ing)?|went|spoken|spoke|speak(?:ing)?|talk(?:ed|ing)?|contact(?:ed|ing)?|call(?:ed|ing)?|tell(?:ing)?"
            r"|told|writ(?:e|ing)|written|email(?:ed|ing)?|report(?:ed|ing)?\s+(?:you|this|it))\s+(?:to\s+|with\s+)?"
            r"(?:the\s+|a\s+|my\s+)?(?:local\s+)?(?:press|reporter|journalist|newspaper|paper(?!\s+(?:shop|store|bill|copy"
            r"|form|statement|version))|news|media|bbc|watchdog|regulator|commissioner|trading\s+standards|fcc|ofcom|ofgem"
            r"|cfpb|ftc|state\s+attorney\s+general|attorney\s+general)\b"
            r"|\bconsumer\s+(?:forum|court|tribunal|council|affairs|commission)\b"
            # "Never mind, I'll just go elsewhere.", "I'll look at other providers"
            r"|\b(?:i'll|i\s+will|i'm\s+going\s+to|i'm\s+gonna|i\s+am\s+going\s+to|we'll|i'd\s+rather)\s+(?:just\s+|simply\s+)?"
            r"(?:go|book|shop|buy|look|get\s+it|take\s+it)\s+(?:\w+\s+)?(?:elsewhere|somewhere\s+else|(?:at\s+)?other\s+"
            r"(?:providers|companies|banks|carriers|networks|airlines|insurers|stores|shops|options))\b",
            _I,
        ),
        2.0,
    ),
    (
        "profanity",
        led_by(
            r"[abcdfhpsw]",
            r"\b(?:damn\w*|hell|crap\w*|shit\w*|bullshit|fuck\w*|f\*+\w*|wtf|ass(?:hole)?|bloody|screw\s+(?:this|you|it)|"
            r"pissed|piss\w*|bastard\w*|sucks?)\b",
            _I,
        ),
        3.0,
    ),
    (
        "repeated a failed step",
        led_by(
            r"[abcdefhijklmnoprstuwy]",
            r"\b(?:i(?:'ve|\s+have)?\s+)?(?:already|just)\s+(?:told|said|gave|given|explained|tried|done|did|sent|"
            r"provided|answered|checked|restarted|reset|tested)\b|\bi\s+(?:told|said\s+to)\s+you\b|\bas\s+i\s+"
            r"(?:said|told\s+you|mentioned|explained)\b|\bhow\s+many\s+times\b"
            # (not an error message read out, "Something went wrong. Please try again later.", nor "I'll try again")
            r"|(?<!try\s)(?<!try\sit\s)\b(?:once\s+)?again\b"
            # (not how often: "several times a year")
            r"|\b(?:second|third|fourth|fifth|sixth|tenth|several|many|multiple)\s+times?\b"
            r"(?!\s+(?:a|an|per|each)\s+(?:day|night|week|month|year)\b)|\bevery\s+time\b"
            # the AI agent or the service going round in circles: "you keep asking me", "it keeps sending me back" (not
            # "let's keep looking", "I'll keep trying"; "my internet keeps dropping" reports a problem)
            r"|\bkeeps?\s+(?:asking|saying|telling|sending|transferring|charging|billing|hanging\s+up|putting\s+me|"
            r"cutting\s+me|giving\s+me\s+the\s+same|repeating|looping|going\s+(?:back|round|around))\b"
            r"|\bstill\s+(?:not|no|isn't|doesn't|don't|can't|cannot|won't|hasn't|haven't|nothing|the\s+same|"
            r"does\s+not|do\s+not|is\s+not|has\s+not|have\s+not|without|didn't|did\s+not)\b"
            r"|\bnothing\s+(?:has\s+)?(?:helped|helps|works|worked|changed|happened|brought)\b"
            r"|\b(?:didn't|did\s+not|doesn't|does\s+not|hasn't|has\s+not|won't|will\s+not)\s+(?:help|work|solve|fix|"
            r"change|bring|brought|resolve)\w*\b|\bno\s+(?:longer|more)\s+(?:works?|working)\b"
            r"|\bnot\s+(?:working|work)\s+anymore\b|\b(?:yet|anymore)\b[^.?!]*\?|\bwhat\s+now\b"
            r"|\b(?:called|tried|asked|emailed|contacted|written|rang)\b[^.?!]{0,30}\b(?:twice|already)\b"
            r"|\btwice\s+(?:already|now|before|this\s+week)\b"
            # "I tried everything", "the error is always the same": the fix the caller was given did not take
            r"|\btried\s+everything\b|\balways\s+the\s+same\s+(?:error|mistake|message|problem|issue)\b"
            r"|\b(?:error|mistake|message|problem|issue)\s+is\s+always\s+the\s+same\b"
            # "I've called every day this week", "I've been calling for weeks"
            r"|\b(?:called|calling|tried|trying|emailed|rang)\b[^.?!]{0,20}\bevery\s+(?:single\s+)?(?:day|week)\b"
            r"|\b(?:calling|trying)\s+for\s+(?:days|weeks|months|(?:over\s+)?a\s+(?:week|month))\b"
            # "I've said it three times", "I've called five times" (not "I take it three times a day")
            r"|\b(?:said|told|asked|called|tried|explained|repeated|rang|emailed|restarted|rebooted|reset|unplugged|"
            r"reinstalled|done|entered|typed|sent|submitted|uploaded|faxed|posted)\s+(?:it\s+|that\s+|this\s+|you\s+|"
            r"them\s+|here\s+|(?:the|my|our|your|a)\s+(?:[a-z-]+\s+){1,2})?(?:like\s+|about\s+|over\s+)?(?:three|four|five|six|seven|eight|nine|ten|a\s+dozen|"
            r"a\s+hundred|a\s+million|\d+)\s+times\b"
            # "no, I said cancel": the caller corrects a misunderstanding they already set right
            r"|\bno\W+i\s+(?:said|told\s+you)\b"
            # sent from one place to the next, or kept waiting ("the gate agent told me to call you")
            r"|\b(?:back\s+and\s+forth|run\s*around|bounced\s+around|passed\s+around)\b"
            r"|\b(?:told|said)\s+(?:me\s+)?to\s+call\s+(?:you|here|this\s+number)\b"
            # calls that came to nothing: "this is my fourth call this week", "like I told the last three people",
            # "same as the last four times", "I was promised a callback on Monday"
            r"|\b(?:second|third|fourth|fifth|sixth|seventh|tenth)\s+(?:call|phone\s+call|attempt)\b"
            r"|\b(?:the\s+)?last\s+(?:two|three|four|five|six|several|\d+)\s+(?:people|agents|times|calls|representatives"
            r"|reps|persons)\b"
            r"|\b(?:was|were|been|i\s+was|they)\s+promised\b|\bpromised\s+(?:me\s+|us\s+)?(?:a\s+)?call\s*back\b"
            # "you said it was fixed, which never happened", "... which has not happened"
            # (not "a refund for the classes that did not happen")
            r"|(?:\bwhich|(?<=,\s)that)\s+(?:has\s+not|hasn't|never|did\s+not|didn't)\s+(?:happen|happened|been\s+done)\b"
            r"|\b(?:waiting|waited|on\s+hold)\b[^.?!]{0,20}\bfor\s+(?:over\s+|almost\s+|about\s+|nearly\s+)?"
            r"(?:an|\d+|two|three|four|five|ten|twenty|thirty|forty|forty[- ]five|fifty)\s+(?:minutes?|hours?)\b",
            _I,
        ),
        1.5,
    ),
    (
        "negative language",
        led_by(
            r"[abcdefhijklmnoprstuw]",
            r"\b(?:frustrat\w*|annoy\w*|angry|furious|upset|ridiculous|unacceptable|terrible|horrible|awful|useless|"
            r"pathetic|worst|incompetent|disgust\w*|outrage\w*|absurd|nonsense|joke|"
            # a waste of time, not "garden waste" or "a waste bin"
            r"wasted|wasting|waste\s+of|(?:a|such\s+a|total|complete|utter)\s+waste(?!\s+(?:bin|collection|disposal))|sick\s+of|"
            r"appalling|atrocious|horrendous|dreadful|deplorable|inexcusable|unprofessional|disgrace\w*|scandal\w*|"
            r"ludicrous|laughable|insane|shocking|"
            r"tired\s+of|fed\s+up|had\s+enough|"
            # patience lost, not thanks for it ("thank you for your patience")
            r"(?:los(?:t|e|ing)|out\s+of|no|without|my|any)\s+(?:more\s+)?patience|patience\s+(?:is|has|ran|runs)\b|"
            r"disappoint\w*|unbelievable|shame\w*|"
            # (not a caller who was scammed: "she got scammed" reports a fraud)
            r"(?<!got\s)(?<!was\s)(?<!been\s)(?<!were\s)(?<!get\s)scam\w*|rip[-\s]?off|"
            r"fraud\w*(?!\s+(?:team|specialist|department|unit|line|desk|prevention|alert|protection))|lie|lied|lying|stupid|idiot\w*|rude|hate|mess|undue|unfair|absolutely\s+not|seriously|"
            # "nobody's hurt" reassures
            r"(?:nobody|no\s+one)(?!(?:'s|\s+is|\s+was|\s+got|\s+were|\s+has)(?:\s+been)?\s+(?:hurt|injured))|never\s+(?:again|received|arrived|came|answered|responded)|no\s+response|"
            r"no\s+answer|no\s+help|without\s+(?:success|result|response|an?\s+answer)|can't\s+stand|"
            r"not\s+acceptable|not\s+ok|not\s+okay|not\s+happy|unhappy|dissatisf\w*|inadmissible|"
            r"urgent\w*(?!\s+care)|immediately|expect\s+(?:a|an|my)|i\s+demand|demand\w*"
            # the service itself judged ("Very bad service!"), and rights claimed ("it is my right as a customer")
            r"|(?:bad|poor|lousy)\s+(?:customer\s+)?(?:service|support)|my\s+rights?\s+as\s+an?\s+"
            r"(?:customer|consumer|client)|i\s+know\s+my\s+rights"
            # an AI agent that talks over the caller: "No, let me finish! Stop interrupting me."
            r"|let\s+me\s+finish|(?:stop|keep|keeps|kept)\s+interrupting)\b",
            _I,
        ),
        2.0,
    ),
    (
        "reported a problem",
        led_by(
            r"[bcdefiklmnpsuw]",
            # (not a caller who cannot keep a date: "I can't make it on Thursday", "I won't be able to attend")
            # (nor one who cannot stay on the line: "I can't hold, I'm at work", or do a day: "I can't do tomorrow")
            # (nor one who wants a payment stopped: "the check I want stopped")
            # (nor one who cannot pay: "I lost my job and I can't pay my bill" asks for help, not against the service)
            r"\b(?:(?:can't|cannot|can\s+not|couldn't|could\s+not|won't(?:\s+be\s+able\s+to)?+)(?!\s+(?:make\s+it|attend|"
            r"be\s+there|come\s+in|hold|stay\s+on|pay|afford|do\s+(?:tomorrow|today|tonight|\w+days?|that\s+day|then"
            r"|mornings?|afternoons?|evenings?|next\s+week|this\s+week))\b)|unable|impossible|not\s+possible|doesn't\s+work|"
            r"does\s+not\s+work|not\s+working|will\s+not|isn't\s+working|(?<!want\s)(?<!wanted\s)(?<!to\sbe\s)stopped|broken|broke|error|fail\w*|"
            r"charged|debited|billed|wrong|missing|defect\w*|damaged|blocked|locked|never(?!\s+mind)|no\s+way|"
            # (not a reassurance: "Nothing serious, just a question", "nothing's broken, I want an upgrade")
            r"nothing(?!\s+(?:serious|urgent|major|big|bad|important|much|else|wrong|to\s+worry)\b)(?!(?:'s|\s+is|\s+was)\s+"
            r"(?:wrong|broken|damaged|missing|serious|urgent)\b)|"
            r"keeps\s+\w+ing|"
            # "lost my card" is a problem, "lost my job" a hardship; "no problem" / "not an issue" are courtesy
            r"lost(?!\s+(?:my|his|her|our|their)\s+(?:job|work|husband|wife|partner|mother|father|mum|mom|dad|son|"
            r"daughter|house|home))|(?=problem|issue)(?<!\bno\s)(?<!\bnot\sa\s)(?<!\bnot\san\s)(?:problem|issue))\b",
            _I,
        ),
        1.0,
    ),
    (
        "rhetorical question",
        led_by(
            r"[adhw]",
            r"\b(?:why|how\s+come|what\s+is\s+going\s+on|are\s+you\s+serious|"
            r"did\s+you\s+(?:even\s+)?read|do\s+you\s+(?:even\s+)?understand)\b[^.!]*\?"
            r"|\bwhat\s+(?:does|is)\s+that\s+even\s+(?:mean|supposed\s+to\s+mean)\b"
            r"|\bwhat\s+(?:am\s+i|are\s+we)\s+supposed\s+to\s+do\b",
            _I,
        ),
        1.0,
    ),
    (
        "exasperation",
        led_by(
            r"[abdefgijlmnoprstwy]",
            r"\bare\s+you\s+(?:even\s+|actually\s+|really\s+)?(?:listening|hearing\s+me|kidding|joking)\b"
            r"|\bi\s+swear\s+(?:to\s+god|if)\b"
            # "I'm honestly so done with this" (not "I'm done with the form")
            r"|\b(?:i'm|im|i\s+am)\s+(?:(?:honestly|so|really|completely|totally|literally|absolutely|officially)\s+)+"
            r"done\s+with\b|\b(?:i'm|im|i\s+am)\s+done\s+with\s+(?:this|you|it|that|all\s+(?:of\s+)?this)\s*(?:[.!]|$)"
            r"|\b(?:don't|dont|do\s+not)\s+(?:even\s+)?care\s+any\s*more\b"
            # the AI agent is not following: "You don't understand.", "they don't understand me", "I'm more lost than I
            # was", "this conversation is not going well" (not "if you don't understand, ask me")
            r"|(?:^|(?<=[.!?,]\s))(?:(?:no|but|look|listen|sorry|okay|ok)\W+)*you\s+(?:still\s+|just\s+|clearly\s+|really\s+|"
            r"obviously\s+)?(?:don't|do\s+not|didn't|did\s+not)\s+understand\b"
            r"|\b(?:you|they)\s+(?:still\s+)?(?:don't|do\s+not|didn't|did\s+not)\s+understand\s+me\b"
            r"|\byou(?:'re|\s+are)\s+not\s+(?:listening|understanding)\b|\b(?:even\s+)?more\s+(?:lost|confused)\s+than\b"
            r"|\b(?:this|our|the)\s+(?:conversation|chat|call)\s+is\s+not\s+going\s+(?:well|anywhere)\b"
            # a question the AI agent passed over: "Could you answer my question?", "Answer what I asked."
            r"|\b(?:answer|read)\s+(?:what\s+i\s+(?:ask|asked|said|wrote)|my\s+question)\b(?!\s+(?:about|on|regarding))"
            r"|\b(?:going|getting)\s+nowhere\b"
            # "What's the point?", "what is the point of even calling" (not "what's the point of the fee?")
            r"|\bwhat(?:'s|\s+is)\s+the\s+point(?:\s*[?.!]*\s*$|\s+(?:anymore|then|of\s+(?:calling|even|trying|this|it)\b))"
            # a last sentence that is only "Whatever." gives up on the conversation, as "Forget it." does anywhere
            r"|(?:^|(?<=[.!?]\s))whatever\W*$"
            r"|(?:^|(?<=[.!?,]\s))(?:(?:oh|fine|okay|ok|just|look|you\s+know\s+what)\W+)*forget\s+it"
            r"(?=\s*(?:[.!]|$)|\W+(?:i'll|i\s+will|never\s+mind|whatever|just|i'm\s+(?:done|going|leaving)))"
            r"|\bthanks?\s+(?:you\s+)?for\s+nothing\b|\b(?:great|perfect|brilliant|wonderful|fantastic),?\s+(?:just|really|"
            r"absolutely)\s+(?:great|perfect|brilliant|wonderful|fantastic)\b"
            # sarcasm: "oh great, just perfect, another week without internet" (not "great, that's perfect")
            r"|\b(?:oh\s+(?:great|perfect|wonderful|fantastic|brilliant|lovely)|just\s+(?:perfect|great|wonderful|"
            r"fantastic|brilliant|lovely|what\s+i\s+needed))\b[^.?!]{0,40}\b(?:another|again|without|more\s+(?:days?|"
            r"weeks?|hours?)|no\s+(?:internet|power|phone|service|water|heat(?:ing)?))\b",
            _I,
        ),
        2.0,
    ),
    ("emphatic punctuation", led_by(r"[!?]", r"[!?]{2,}|!\s*$"), 1.0),
    (
        # "I don't want a refund, I want the book", "I don't need an apology, I need it fixed": the caller turns
        # down the remedy on offer and holds out for what they asked
        "turned down the remedy",
        led_by(
            r"[di]",
            # (not "I don't want the discount applied to this order": the remedy ends the clause)
            r"\b(?:(?:don't|dont|do\s+not)\s+(?:want|need)|didn't\s+ask\s+for)\s+(?:a\s+|an\s+|the\s+|your\s+|any\s+)?"
            r"(?:refund|voucher|coupon|discount|store\s+credit|credit\s+note|apolog(?:y|ies))"
            r"(?=\s*(?:[,.;!?]|$)|\s+(?:i\b|i'm|just|but|please|thanks))",
            _I,
        ),
        2.0,
    ),
    (
        # "... or somebody's going to get hurt", "I'll kill him", "I'm bringing my gun": angry on its own, and the
        # human needs the threat procedure (summary.next_steps)
        THREAT_CUE,
        led_by(
            r"[bgikops]",
            # someone getting hurt is a threat after the caller says they will come ("I'm coming down there and
            # somebody's going to get hurt"), not a hazard reported ("someone's going to get hurt on those stairs")
            r"\b(?:(?:i'm|i\s+am)\s+(?:coming|going\s+to\s+come|gonna\s+come)|i(?:'ll|\s+will)\s+come|or\s+else)\b[^?!]{0,80}"
            r"\bsome(?:one|body)(?:'s|'ll|\s+is|\s+will)?\s+(?:going\s+to\s+|gonna\s+)?get\s+(?:hurt|killed|shot)\b"
            r"|\b(?:i'll|i\s+will|i'm\s+going\s+to|i'm\s+gonna|i\s+am\s+going\s+to)\s+(?:kill|hurt|punch|shoot|stab|beat\s+up"
            r"|strangle)\s+(?:you|him|her|them|some(?:one|body)|every(?:one|body)|your|that)\b"
            r"|\b(?:bring|bringing|get|getting)\s+(?:a|my)\s+(?:gun|knife|weapon)\b"
            r"|\bburn\s+(?:it|this\s+place|the\s+(?:place|building|office)|your\s+\w+)\s+down\b",
            _I,
        ),
        4.0,
    ),
)
# Gates: a cue's regex runs only when the turn has one of the whole words (`word_tokens` of the lowered turn)
# or one of the substrings its every match needs. Tokenising once and testing set membership is far cheaper
# than scanning each turn with every pattern (the 60-turn brief has a 2 ms budget).
_GATES: dict[str, tuple[frozenset[str], tuple[str, ...]]] = {
    "asked for a human": (
        frozenset(
            [
                "persona",
                "officer",
                "doctor",
                "human",
                "person",
                "agent",
                "representative",
                "rep",
                "manager",
                "supervisor",
                "handler",
                "specialist",
                "advisor",
                "adviser",
                "adjuster",
                "technician",
                "pharmacist",
                "nurse",
                "underwriter",
                "coordinator",
                "operator",
                "someone",
                "somebody",
                "some",
                "transfer",
                "connect",
                "put",
                "anyone",
                "anybody",
                "robot",
                "machine",
                "bot",
                "computer",
                "ai",
                "automated",
                "phone",
                "telephone",
                "number",
            ]
        ),
        (),
    ),
    "threatened to cancel or complain": (
        frozenset(
            [
                "lawyer",
                "attorney",
                "sue",
                "suing",
                "lawsuit",
                "legal",
                "claims",
                "bbb",
                "bureau",
                "consumer",
                "ombudsman",
                "report",
                "business",
                "switch",
                "switching",
                "shop",
                "shopping",
                "leave",
                "leaving",
                "money",
            ]
        ),
        ("cancel", "close", "terminat", "complain"),
    ),
    "profanity": (
        frozenset(
            ["hell", "bullshit", "wtf", "ass", "asshole", "bloody", "screw", "pissed", "suck", "sucks"]
        ),
        ("damn", "crap", "shit", "fuck", "f*", "piss", "bastard"),
    ),
    "repeated a failed step": (
        frozenset(
            [
                "happen",
                "happened",
                "call",
                "attempt",
                "last",
                "promised",
                "submitted",
                "uploaded",
                "faxed",
                "posted",
                "already",
                "twice",
                "just",
                "told",
                "said",
                "mentioned",
                "explained",
                "times",
                "time",
                "again",
                "keep",
                "keeps",
                "still",
                "nothing",
                "yet",
                "anymore",
                "now",
                # "didn't help", "won't work", "no longer works": the negation is a whole word, and far rarer
                # in a turn than the substrings "work" / "fix" / "help" that gated this branch before.
                "didn",
                "did",
                "doesn",
                "does",
                "hasn",
                "has",
                "won",
                "will",
                "no",
                "forth",
                "around",
                "runaround",
                "waiting",
                "waited",
                "hold",
                "every",
                "calling",
                "trying",
                "everything",
                "always",
            ]
        ),
        (),
    ),
    "negative language": (
        frozenset(
            [
                "angry",
                "furious",
                "upset",
                "ridiculous",
                "unacceptable",
                "terrible",
                "horrible",
                "awful",
                "useless",
                "pathetic",
                "worst",
                "incompetent",
                "absurd",
                "nonsense",
                "joke",
                "wasting",
                "sick",
                "tired",
                "fed",
                "enough",
                "patience",
                "unbelievable",
                "lie",
                "lied",
                "lying",
                "stupid",
                "rude",
                "hate",
                "mess",
                "undue",
                "unfair",
                "absolutely",
                "seriously",
                "nobody",
                "one",
                "response",
                "answer",
                "help",
                "never",
                "without",
                "stand",
                "acceptable",
                "ok",
                "okay",
                "happy",
                "unhappy",
                "inadmissible",
                "immediately",
                "expect",
                "finish",
                "interrupting",
                "appalling",
                "atrocious",
                "horrendous",
                "dreadful",
                "deplorable",
                "inexcusable",
                "unprofessional",
                "ludicrous",
                "laughable",
                "insane",
                "shocking",
                "bad",
                "poor",
                "lousy",
                "right",
                "rights",
            ]
        ),
        (
            "frustrat",
            "annoy",
            "disgust",
            "outrage",
            "waste",
            "disappoint",
            "shame",
            "scam",
            "rip",
            "fraud",
            "idiot",
            "dissatisf",
            "urgent",
            "demand",
            "disgrace",
            "scandal",
        ),
    ),
    "reported a problem": (
        # "could not", "does not work", "will not", "not possible" all have the word "not"; "can't" is a
        # substring, so the frequent "can" / "could" / "will" / "does" of "Can you ..." open nothing.
        frozenset(
            [
                "cannot",
                "couldn",
                "unable",
                "impossible",
                "doesn",
                "not",
                "won",
                "isn",
                "stopped",
                "broken",
                "broke",
                "error",
                "charged",
                "debited",
                "billed",
                "wrong",
                "missing",
                "lost",
                "problem",
                "issue",
                "damaged",
                "blocked",
                "locked",
                "never",
                "no",
                "nothing",
                "keeps",
            ]
        ),
        ("fail", "defect", "can't"),
    ),
    "rhetorical question": (frozenset(["supposed", "even"]), ("?",)),
    "exasperation": (
        frozenset(
            [
                "listening",
                "hearing",
                "kidding",
                "joking",
                "swear",
                "done",
                "care",
                "great",
                "perfect",
                "wonderful",
                "fantastic",
                "brilliant",
                "lovely",
                "needed",
                "whatever",
                "forget",
                "nothing",
                "understand",
                "understanding",
                "lost",
                "confused",
                "nowhere",
                "going",
                "answer",
                "read",
                "point",
            ]
        ),
        (),
    ),
    "emphatic punctuation": (frozenset(), ("!", "??")),
    PUBLIC_CUE: (
        frozenset(
            [
                "twitter",
                "facebook",
                "instagram",
                "tiktok",
                "media",
                "reddit",
                "youtube",
                "trustpilot",
                "yelp",
                "review",
                "press",
                "reporter",
                "journalist",
                "newspaper",
                "paper",
                "news",
                "bbc",
                "watchdog",
                "regulator",
                "commissioner",
                "standards",
                "fcc",
                "ofcom",
                "ofgem",
                "cfpb",
                "ftc",
                "consumer",
                "general",
                "elsewhere",
                "else",
                "other",
            ]
        ),
        (),
    ),
    "turned down the remedy": (
        frozenset(["refund", "voucher", "coupon", "discount", "credit", "apology", "apologies"]),
        (),
    ),
    THREAT_CUE: (
        frozenset(
            [
                "hurt",
                "killed",
                "shot",
                "kill",
                "punch",
                "shoot",
                "stab",
                "strangle",
                "gun",
                "knife",
                "weapon",
                "burn",
                "beat",
            ]
        ),
        (),
    ),
}
# What "already" / "just" must be followed by, and what "twice" / "already" may follow, in "repeated a failed step".
_TOLD: Final = frozenset(
    [
        "told",
        "said",
        "gave",
        "given",
        "explained",
        "tried",
        "done",
        "did",
        "sent",
        "provided",
        "answered",
        "checked",
        "restarted",
        "reset",
        "tested",
    ]
)
_TRIED: Final = frozenset(["called", "tried", "asked", "emailed", "contacted", "written", "rang"])
_GOING_ROUND: Final = frozenset(  # "you keep asking me", "it keeps sending me back"
    [
        "asking",
        "saying",
        "telling",
        "sending",
        "transferring",
        "charging",
        "billing",
        "hanging",
        "putting",
        "cutting",
        "giving",
        "repeating",
        "looping",
        "going",
    ]
)
# "bad service", "poor support" (not "a bad experience at the restaurant", which is about somebody else)
_SERVICE: Final = frozenset(["service", "support"])
_ASKED_BY_ROLE: Final = frozenset(
    ["speak", "speaking", "talk", "talking", "chat", "chatting", "get", "put", "connect", "transfer"]
)
_ORDINALS: Final = frozenset(["second", "third", "fourth", "fifth", "sixth", "seventh", "tenth"])
_GOING_PUBLIC: Final = frozenset(
    [
        "post",
        "posting",
        "posted",
        "put",
        "putting",
        "share",
        "sharing",
        "tweet",
        "tweeting",
        "going",
        "go",
        "went",
        "write",
        "writing",
        "written",
        "spoken",
        "spoke",
        "speak",
        "speaking",
        "talk",
        "talked",
        "talking",
        "contact",
        "contacted",
        "contacting",
        "call",
        "called",
        "calling",
        "tell",
        "telling",
        "told",
        "email",
        "emailed",
        "emailing",
        "report",
        "reported",
        "reporting",
    ]
)
# Gate words (and substrings) that open a cue only beside one of a few other words of the turn: "just" is a gate
# word for "I just told you" but is in "Can I just talk to someone?" too, "time" for "every time" but is in "each
# time", "?" for "why ...?" but ends most questions. Every branch of the cue's pattern that such a word serves
# needs one of the words listed for it (or another gate word of its own), so a turn whose gate words all lack
# theirs cannot match, and the pattern, which costs far more than these set tests, is not run.
_CALL_VERBS: Final = frozenset(["call", "ring", "talk", "speak"])
_ONLY_WITH: dict[str, dict[str, frozenset[str]]] = {
    "asked for a human": {
        "doctor": _ASKED_BY_ROLE,
        "officer": _ASKED_BY_ROLE,
        "phone": _CALL_VERBS,
        "telephone": _CALL_VERBS,
        "number": _CALL_VERBS,
    },
    "repeated a failed step": {
        # "already told", "just tried"; "called twice already", "twice now"
        "just": _TOLD,
        "already": _TOLD | _TRIED,
        "twice": _TRIED | {"already", "now", "before", "this"},
        "time": frozenset(
            [
                "every",
                "second",
                "third",
                "fourth",
                "fifth",
                "sixth",
                "tenth",
                "umpteenth",
                "several",
                "many",
                "multiple",
            ]
        ),
        "now": frozenset(["what"]),
        "did": frozenset(["not"]),  # "did not help"
        "does": frozenset(["not"]),
        "has": frozenset(["not"]),
        "will": frozenset(["not"]),
        "no": frozenset(["longer", "more", "said", "told"]),  # "no longer works", "no, I said ..."
        "around": frozenset(["run", "bounced", "passed"]),
        "hold": frozenset(["on"]),
        "every": frozenset(["day", "week"]),  # "called every day this week"
        "calling": frozenset(["for", "every"]),  # "calling for weeks"
        "trying": frozenset(["for", "every"]),
        "everything": frozenset(["tried"]),
        "keep": _GOING_ROUND,
        "keeps": _GOING_ROUND,
        "always": frozenset(["same"]),
        # "my fourth call this week", "the last three people", "uploaded it three times", "I was promised"
        "call": _ORDINALS,
        "attempt": _ORDINALS,
        "last": frozenset(["people", "agents", "times", "calls", "representatives", "reps", "persons"]),
        "submitted": frozenset(["times"]),
        "uploaded": frozenset(["times"]),
        "faxed": frozenset(["times"]),
        "posted": frozenset(["times"]),
    },
    PUBLIC_CUE: {
        # going public needs its verb ("I'm posting this on Twitter", "I've spoken to a reporter"), a review its
        # adjective, leaving for elsewhere its "other providers" / "somewhere else"
        "media": _GOING_PUBLIC,
        "press": _GOING_PUBLIC,
        "paper": _GOING_PUBLIC,
        "news": _GOING_PUBLIC,
        "review": frozenset(["bad", "negative", "one", "1", "terrible", "scathing"]),
        "other": frozenset(
            [
                "providers",
                "companies",
                "banks",
                "carriers",
                "networks",
                "airlines",
                "insurers",
                "stores",
                "shops",
                "options",
            ]
        ),
        "else": frozenset(["somewhere"]),
    },
    "turned down the remedy": {
        "credit": frozenset(["don", "dont", "not", "didn"]),
        "refund": frozenset(["don", "dont", "not", "didn"]),
        "discount": frozenset(["don", "dont", "not", "didn"]),
    },
    "negative language": {
        "sick": frozenset(["of"]),
        "tired": frozenset(["of"]),
        "fed": frozenset(["up"]),
        "enough": frozenset(["had"]),
        "absolutely": frozenset(["not"]),
        "one": frozenset(["no"]),
        "never": frozenset(["again", "received", "arrived", "got", "came", "answered", "responded"]),
        "response": frozenset(["no", "without"]),
        "answer": frozenset(["no", "without"]),
        "help": frozenset(["no"]),
        "without": frozenset(["success", "result", "response", "answer"]),
        "stand": frozenset(["can"]),  # "can't stand"
        "acceptable": frozenset(["not"]),
        "ok": frozenset(["not"]),
        "okay": frozenset(["not"]),
        "happy": frozenset(["not"]),
        "expect": frozenset(["a", "an", "my"]),
        "finish": frozenset(["let"]),
        "rip": frozenset(["off", "ripoff"]),
        "patience": frozenset(
            ["lost", "lose", "losing", "out", "no", "without", "my", "any", "is", "has", "ran", "runs"]
        ),
        "bad": _SERVICE,
        "poor": _SERVICE,
        "lousy": _SERVICE,
        "right": frozenset(["customer", "consumer", "client"]),
        "rights": frozenset(["customer", "consumer", "client", "know"]),
    },
    "exasperation": {
        "understand": frozenset(["don", "not", "didn"]),
        "understanding": frozenset(["not"]),
        "lost": frozenset(["more"]),
        "confused": frozenset(["more"]),
        "going": frozenset(["well", "anywhere"]),
        "answer": frozenset(["ask", "asked", "said", "wrote", "question"]),
        "read": frozenset(["question"]),
        "point": frozenset(["what"]),
        "nothing": frozenset(["thanks", "thank"]),
    },
    "reported a problem": {
        "not": frozenset(["can", "could", "possible", "does", "working", "will"]),
        "doesn": frozenset(["work"]),
        "isn": frozenset(["working"]),
        "no": frozenset(["way"]),
    },
    "rhetorical question": {
        "?": frozenset(["why", "come", "going", "serious", "read", "understand"]),
        "supposed": frozenset(["what"]),
        "even": frozenset(["mean"]),  # "what does that even mean"
    },
}


def _opens(
    words: AbstractSet[str],
    low: str,
    gate_words: frozenset[str],
    gate_parts: tuple[str, ...],
    only_with: Mapping[str, frozenset[str]],
) -> bool:
    """Whether a gate word of the turn (`words`) or a gate substring of it (`low`) opens the cue: one that
    `only_with` does not list, or one said beside a word it lists for it."""
    for word in gate_words.intersection(words):
        needs = only_with.get(word)
        if needs is None or not words.isdisjoint(needs):
            return True
    for part in gate_parts:
        if part in low:
            needs = only_with.get(part)
            if needs is None or not words.isdisjoint(needs):
                return True
    return False


# Each cue with its gate, flattened once so the per-turn loop does no dict look-ups. The substring half of a
# gate is tested with `in` in a Python loop: for a handful of literals on a ~100-character turn that is two to
# four times faster than one compiled alternation, which `re` tries branch by branch at every position.
_GatedCue = tuple[
    str, re.Pattern[str], float, frozenset[str], tuple[str, ...], Mapping[str, frozenset[str]] | None
]
_GATED_CUES: tuple[_GatedCue, ...] = tuple(
    (name, pattern, weight, *_GATES[name], _ONLY_WITH.get(name)) for name, pattern, weight in _CUES
)


def _cues_for_call(lows: Iterable[str], words: AbstractSet[str]) -> tuple[_GatedCue, ...]:
    """The cues narrowed to one call: a gate substring that occurs in none of the caller's turns (`lows`) is
    dropped, and so is a cue whose gate words (`words`: every word the caller said) and substrings are all
    absent. Each turn then tests only what the call can contain; the outcome per turn is the same."""
    joined = "\n".join(lows)
    vocabulary = " ".join(words)
    kept: list[_GatedCue] = []
    for name, pattern, weight, gate_words, gate_parts, only_with in _GATED_CUES:
        parts = narrowed(gate_parts, joined, vocabulary)
        if parts or not words.isdisjoint(gate_words):
            kept.append((name, pattern, weight, gate_words, parts, only_with))
    return tuple(kept)


# Shouting is words in capitals, not codes read out in them ("invoice INV-2024-0087", "BSB 062-000", "SW1A 2AA",
# "ABC-DEF"): a token with a digit, or joined to another by a hyphen or slash, is a code; a lone capital word of
# two to four letters is an abbreviation ("BSB", "IBAN", "NHS"). Capitals count when two or more capital words
# stand together ("I SAID NO", "RIGHT NOW") or a lone one is five letters or more ("RIDICULOUS").
_WORD_EDGE: Final = "\"'.,;:!?()[]{}<>*_~"
_LONG_CAPS: Final = 5
_CODE_WORDS: Final = re.compile(r"\w+(?:\s*_\s*\w+)+")
_RUN_END: Final = (".", "!", "?", ";", ":")
_ACRONYMS: Final = frozenset(
    {
        "USA",
        "PDF",
        "APP",
        "SMS",
        "FAQ",
        "ATM",
        "USB",
        "GPS",
        "PIN",
        "SSN",
        "DVD",
        "CEO",
        "NBA",
        "NFL",
        "LAX",
        "SFO",
        "JFK",
        "AMC",
        "THE",
        "BBB",
        "EUR",
        "USD",
        "BRL",
        "CHF",
        "WIFI",
        "URL",
        "NAME",
        "EMAIL",
        "NUMBER",
        "ORG",
        "PRS",
        "IOS",
        "MAC",
        "OK",
        "ID",
        "TV",
        "PC",
        "DIY",
    }
)
_POSITIVE: Final = led_by(
    r"[abcefghilnpstw]",
    # "no worries", "no problem", "it's okay" are courtesy, not a complaint
    r"\b(?:thanks?|thank\s+you|great|perfect|awesome|excellent|appreciate\w*|"
    r"wonderful|fantastic|lovely|helpful|happy|glad|cool|sounds\s+good|that\s+works|brilliant|no\s+worries|"
    r"no\s+problem|not\s+a\s+problem|(?:it's|that's|it\s+is|that\s+is)\s+(?:ok|okay|fine|alright|all\s+right))\b",
    _I,
)
# Not pleased: "not happy", "not great". Tested on each match (as look-behinds in the pattern, they ran at every
# position its class lets through).
_NEGATED: Final = ("not ", "n't ", "never ")


def _positive(low: str) -> bool:
    """Whether the caller thanks or is pleased somewhere in `low`, not negated."""
    return any(not low.endswith(_NEGATED, 0, m.start()) for m in _POSITIVE.finditer(low))


_POSITIVE_WORDS: Final = frozenset(
    [
        "thanks",
        "thank",
        "great",
        "perfect",
        "awesome",
        "excellent",
        "wonderful",
        "fantastic",
        "lovely",
        "helpful",
        "happy",
        "glad",
        "cool",
        "sounds",
        "works",
        "brilliant",
        "worries",
        "problem",
        "ok",
        "okay",
        "fine",
        "alright",
        "right",  # "it's all right"
    ]
)
# As _ONLY_WITH, for _POSITIVE: "sounds good", "that works", "no worries", "no problem" / "not a problem", "it's
# okay" / "that's fine".
_POSITIVE_ONLY_WITH: dict[str, frozenset[str]] = {
    "sounds": frozenset(["good"]),
    "works": frozenset(["that"]),
    "worries": frozenset(["no"]),
    "problem": frozenset(["no", "not"]),
    "ok": frozenset(["it", "that"]),
    "okay": frozenset(["it", "that"]),
    "fine": frozenset(["it", "that"]),
    "alright": frozenset(["it", "that"]),
    "right": frozenset(["all"]),
}


def _may_be_positive(low: str, words: AbstractSet[str]) -> bool:
    """Whether `_POSITIVE` can match the turn (`low`, its `words`)."""
    return (not words.isdisjoint(_POSITIVE_WORDS) or "apprecia" in low) and _opens(
        words, low, _POSITIVE_WORDS, ("apprecia",), _POSITIVE_ONLY_WITH
    )


# The agent's next turn reacting to the caller with an apology or empathy ("I'm sorry to hear that", "I
# understand your frustration", "we apologise for the inconvenience") is evidence the caller turn before it
# was upset. A brief is built on the whole transcript, so the reply is available; on its own it is not enough
# (agents apologise by routine), it only adds to the caller's own cues. "Sorry, I didn't catch that" is the
# agent's failure, not a reaction to the caller's mood.
_EMPATHY: Final = led_by(
    r"[aisw]",
    # "I'm sorry about that" feels for the caller; a bare "Sorry about that, Boston." owns the AI agent's slip
    r"(?:(?<=i'm\s)|(?<=\sam\s)|(?<=we're\s)|(?<=\sare\s)|(?<=so\s)|(?<=really\s)|(?<=very\s)|(?<=truly\s))"
    r"sorry\s+about\s+that\b"
    r"|\b(?:sorry\s+(?:to\s+(?:hear|know|learn|read|see)|about\s+(?:the|this|all)|for\s+(?:the|any|this|that|your|all)\s+"
    r"(?:inconvenience|trouble|frustration|confusion|wait|delay|problems?|issues?|experience|hassle))"
    r"|(?:i|we)\s+(?:do\s+|sincerely\s+|truly\s+)?apologi[sz]e|apolog(?:y|ies)\s+for"
    r"|(?:i|we)\s+(?:completely\s+|totally\s+|fully\s+)?understand\s+(?:your|how|that\s+(?:this|it)|the\s+"
    r"(?:frustration|situation|inconvenience))|inconvenience|(?:i|we)\s+regret)",
    _I,
)
_EMPATHY_GATE: Final = ("sorry", "apolog", "understand", "inconvenien", "regret")
# Negation right before a match: "I don't want to talk to a person", "no, I don't need a human" decline a
# person; "I'm not angry, just confused" denies the feeling. Checked (end-anchored, on the few characters before
# the match) only when the cue's pattern has matched, so a turn without the cue pays nothing.
HUMAN_CUE: Final = "asked for a human"
_NEGATED_BEFORE: dict[str, re.Pattern[str]] = {
    HUMAN_CUE: re.compile(
        r"\b(?:don't|dont|do\s+not|doesn't|didn't|did\s+not|never|no\s+need\s+to)\s+(?:really\s+|even\s+)?"
        r"(?:(?:want|need|wish|have)\s+(?:to\s+)?)?(?:get\s+|be\s+)?$"
        # asked who is on the line, not for someone else: "Am I talking to a real person?", "Are you a real person?"
        r"|\b(?:am\s+i|are\s+we)\s+(?:even\s+|actually\s+|still\s+)?(?:(?:speaking|talking|chatting)\s+(?:to|with)\s+"
        r"(?:a\s+|an\s+)?)?$|\b(?:are\s+you|is\s+(?:this|that|it))\s+(?:even\s+|actually\s+)?(?:a\s+|an\s+)?$"
    ),
    # someone else's complaint or threat, relayed: "the customer is complaining about the missing GPS"
    "threatened to cancel or complain": re.compile(
        r"\b(?:customers?|clients?|he|she|they|people|everyone|everybody|someone|somebody|users?|guests?|patients?"
        r"|tenants?|neighbou?rs?)\s+(?:is\s+|are\s+|was\s+|were\s+|has\s+been\s+|have\s+been\s+|had\s+|keeps?\s+"
        r"|kept\s+)?(?:also\s+|already\s+|always\s+|now\s+)?$"
        # ruled out by the caller: "I'm not going to sue anyone, haha", "I won't cancel over this"
        r"|\b(?:not|never|won't|wouldn't|don't|do\s+not|no\s+need\s+to)\s+(?:going\s+to\s+|gonna\s+|planning\s+to\s+"
        r"|want\s+to\s+|trying\s+to\s+)?$"
    ),
    "negative language": re.compile(
        r"\b(?:i'm|im|i\s+am|i\s+was|we're|we\s+are|we\s+were)\s+(?:really\s+|just\s+)?(?:not|never)\s+"
        r"(?:really\s+|that\s+|too\s+|so\s+|even\s+)?$|\b(?:i|we)\s+(?:wasn't|weren't)\s+(?:really\s+)?$"
        # the matter played down: "It's not urgent at all", "it isn't urgent", "nothing urgent"
        r"|\b(?:not|isn't|wasn't|nothing)\s+(?:really\s+|that\s+|too\s+|so\s+|very\s+|at\s+all\s+)?$"
    ),
    # nothing amiss: "Nothing's broken, I just want to upgrade", "there's nothing wrong with it", "I wasn't charged"
    "reported a problem": re.compile(
        r"\b(?:nothing(?:'s|\s+is|\s+was)?|not|isn't|wasn't|aren't|weren't)\s+(?:really\s+|actually\s+|even\s+)?$"
    ),
}
_NEGATION_REACH: Final = 40  # characters before a match that `_NEGATED_BEFORE` looks at
# A request for a person asked politely ("Can I speak to a real person, please?") is a cue (it triggers the
# transfer) but, with no other cue in the turn, not frustration: it scores below FRUSTRATION_THRESHOLD.
# The request for a human without the by-role branch: a turn that asks only by role is a calm request.
_PLAIN_HUMAN_ASK: Final = re.compile(_HUMAN_ASK_PATTERN, _I)
_POLITE_ASK: Final = (
    "can i ",
    "could i ",
    "may i ",
    "i'd like",
    "i would like",
    "possible",
    "can you ",
    "could you ",
)
# "Please transfer me." is polite; "Just put me through to a person, please, now" is not.
_IMPATIENT: Final = ("just ", " now", "already", "right away", "hurry")
_ASKED_WORDS: Final = ("agent", "representative", "human", "operator", "person", "someone")
POLITE_HUMAN_WEIGHT: Final = 1.5
_ASKED_ABOUT: Final = re.compile(
    r"\b(?:someone|somebody|a\s+person|an?\s+agent|a\s+representative|an?\s+advisor)\s+about\s+(?:my|the|our|a|an|this)\b"
)
# A caller who asks for a person to praise the service ("can I tell your supervisor how helpful this was?").
_PRAISE: Final = re.compile(
    r"\bhow\s+(?:helpful|great|good|kind|patient)\b|\bcompliment|\bgreat\s+job\b|\bpositive\s+feedback\b"
    r"|\b(?:say|give|pass\s+on)\s+(?:my\s+)?(?:thanks|thank\s+you|kudos|praise)\b|\bcommend"
)
# An apology for the language after swearing: the swearing counts less.
_TAKEN_BACK: Final = re.compile(
    r"\b(?:sorry|apologi[sz]e|excuse\s+my\s+(?:language|french)|pardon\s+my\s+(?:language|french))\b"
)
PROFANITY_TAKEN_BACK: Final = 1.0
_ESCALATION_CUES: Final = frozenset(
    {"asked for a human", "threatened to cancel or complain", PUBLIC_CUE, "profanity", THREAT_CUE}
)
_REPORTED: Final = "reported a problem"
_PROBLEM_CUES: Final = frozenset({_REPORTED, "repeated a failed step", "negative language"})

# Contextual cues: weights below one strong cue, so each needs the caller's own words to reach the threshold.
AGENT_EMPATHY_WEIGHT: Final = 1.0
PROBLEM_PERSISTS_WEIGHT: Final = 0.0
LONG_COMPLAINT_WEIGHT: Final = 0.5
LONG_COMPLAINT_WORDS: Final = 20
# A caller who counts the failed attempts ("I've restarted it three times", "always the same error", "that's the
# third card I've tried") is more worn down than one who tried "again": the count lifts a failed step that is
# the turn's only evidence to the threshold (it confirms frustration; it does not make a frustrated caller angry).
COUNTED_ATTEMPTS_WEIGHT: Final = 0.5
_COUNTED: Final = re.compile(
    r"\b(?:twice|(?:two|three|four|five|six|seven|eight|nine|ten|several|many|multiple|\d+)\s+times"
    r"(?!\s+(?:a|an|per|each)\s+(?:day|night|week|month|year))|(?:second|third|fourth|fifth)\s+(?:time|attempt|try"
    r"|card|book|order|call)|always\s+the\s+same|again\s+and\s+again|over\s+and\s+over)\b"
)
# ... of something the caller did to make it work (not "the second time I'm staying with you", "the third time slot")
_ATTEMPTED: Final = re.compile(
    r"\b(?:tried|try|trying|done|did|clicked|called|rang|phoned|restarted|rebooted|reset|reinstalled|installed|entered"
    r"|re-?entered|typed|sent|submitted|uploaded|asked|told|explained|said|changed|updated|synchroni[sz]ed|synced"
    r"|logged|paid|emailed|unplugged|charged)\b|\balways\s+the\s+same\b"
)
_COUNT_WORDS: Final = ("twice", "times", "second", "third", "fourth", "fifth", "same", "again", "over")

FRUSTRATION_THRESHOLD: Final = 2.0
_LEVEL_FLOORS: tuple[tuple[float, SentimentLevel], ...] = (
    (5.5, "escalated"),
    (4.0, "angry"),
    (2.0, "frustrated"),
    (1.0, "slightly_frustrated"),
)
_FLOOR_OF: dict[SentimentLevel, float] = {level: floor for floor, level in _LEVEL_FLOORS}
# A short caller turn with no cue and no thanks ("yeah you do that", "Fine. Just hurry, please.") is no evidence
# that the caller calmed down: on it the rolling level falls one step at most (the turn's own score, which the
# frustration marker reads, is unchanged).
SHORT_TURN_WORDS: Final = 8
LABELS: dict[SentimentLevel, str] = {
    "calm": "Calm",
    "slightly_frustrated": "Slightly frustrated",
    "frustrated": "Frustrated",
    "angry": "Angry",
    "escalated": "Escalated",
}


class TurnSentiment(NamedTuple):
    """One caller turn: its own cue score, the cues found, and the rolling caller level after it."""

    turn_index: int
    score: float
    cues: tuple[str, ...]
    level: SentimentLevel

    @property
    def frustrated(self) -> bool:
        return self.score >= FRUSTRATION_THRESHOLD


def _shouting(text: str) -> bool:
    """Whether `text` shouts: two capital words or more, of six letters or more in all, that are not codes or
    abbreviations (see `_LONG_CAPS`). "I" and "A" are capitals in any text: they join a run but do not count,
    and a run ends with its sentence ("... in LA. I heard ...")."""
    if "_" in text:  # an error code spelled out: "E _ LIC _ ALREADY _ FULFILLED _ BY _ ANOTHER _ USER"
        text = _CODE_WORDS.sub(" ", text)
    words = letters = 0
    run: list[str] = []  # the capital words since the last other token or sentence end
    for token in [*text.split(), ""]:  # "" closes the last run
        if token.isupper():  # one C call turns away the lower-case words, most of a turn
            bare = token.strip(_WORD_EDGE).replace("'", "").replace("\u2019", "")
            if bare.isalpha():
                run.append(bare)
                if not token.endswith(_RUN_END):
                    continue
        if not run:
            continue
        counted = [w for w in run if len(w) > 1 and w not in _ACRONYMS]
        if len(run) >= 2 or (counted and len(counted[0]) >= _LONG_CAPS):
            words += len(counted)
            letters += sum(map(len, counted))
            if words >= 2 and letters >= 6:
                return True
        run = []
    return False


def _unnegated(
    name: str, pattern: re.Pattern[str], low: str, m: re.Match[str] | None
) -> re.Match[str] | None:
    """The first match of cue `name` from `m` on that is not negated just before it, or None."""
    negated = _NEGATED_BEFORE[name]
    while m is not None:
        if not negated.search(low, max(0, m.start() - _NEGATION_REACH), m.start()):
            return m
        m = pattern.search(low, m.end())
    return None


def _said(low: str) -> str:
    return low.strip(" .!?")


def score_turn(
    text: str,
    previous_caller_texts: tuple[str, ...] = (),
    *,
    reply: str = "",
    problem_before: bool = False,
    low: str | None = None,
    previous_said: tuple[str, ...] | None = None,
    tokens: list[str] | None = None,
    words: AbstractSet[str] | None = None,
    gated_cues: tuple[_GatedCue, ...] = _GATED_CUES,
) -> tuple[float, tuple[str, ...]]:
    """Frustration score of one caller turn and the names of the cues behind it.

    `reply` is the agent's next turn (its empathy is evidence), `problem_before` whether an earlier caller
    turn already reported a problem. `low` / `previous_said` / `tokens` (the `[a-z]+` words of `low`) /
    `words` (the set of `tokens`) are precomputed forms for `track`.
    """
    score = 0.0
    cues: list[str] = []
    by_role_only = False  # the request for a human names a role only ("the claims handler")
    if low is None:
        low = lower(text)
    if tokens is None:
        tokens = word_tokens(low)
    if words is None:
        words = frozenset(tokens)
    for name, pattern, weight, gate_words, gate_parts, only_with in gated_cues:
        if words.isdisjoint(gate_words):
            for part in gate_parts:
                if part in low:
                    break
            else:
                continue  # neither a gate word nor a gate substring: the pattern cannot match
        if only_with is not None and not _opens(words, low, gate_words, gate_parts, only_with):
            continue  # only gate words that need another word the turn does not have
        m = pattern.search(low)
        if m and name in _NEGATED_BEFORE:
            m = _unnegated(name, pattern, low, m)
        if m:
            score += weight
            cues.append(name)
            if name == HUMAN_CUE and m.lastgroup == "role":  # asked by role first: in so many words too?
                by_role_only = _PLAIN_HUMAN_ASK.search(low) is None
    if "profanity" in cues:
        # "This is a complete shit show. Sorry, that wasn't aimed at you.": sworn, then taken back
        swore = _CUE_PATTERNS["profanity"].search(low)
        if swore is not None and _TAKEN_BACK.search(low, swore.end()):
            score -= PROFANITY_TAKEN_BACK
    if capitals(text) >= 6 and _shouting(text):  # six capitals at least ("I SAID NO")
        score += 2.0
        cues.append("shouting (all caps)")
    if len(text) > 15:
        if previous_said is None:
            previous_said = tuple(_said(lower(p)) for p in previous_caller_texts)
        if previous_said and _said(low) in previous_said:
            score += 1.5
            cues.append("repeated the same request")
    if cues == [HUMAN_CUE]:
        if by_role_only or _PRAISE.search(low):
            # asked for someone by role only ("the fraud specialist"): routing, no frustration; or to praise the
            # service ("I'd like to tell someone how helpful this was")
            score = 0.0
        elif (
            any(k in low for k in _POLITE_ASK)
            or (
                "please" in low
                and not any(k in low for k in _IMPATIENT)
                and sum(map(tokens.count, _ASKED_WORDS)) < 2  # not "Agent. Agent. Please."
            )
            or (" about " in low and _ASKED_ABOUT.search(low))
        ):
            score = POLITE_HUMAN_WEIGHT  # or says what for: "I need to talk to someone about my mortgage"
    if score:
        problem = not _PROBLEM_CUES.isdisjoint(cues)
        if problem and problem_before and PROBLEM_PERSISTS_WEIGHT:
            score += PROBLEM_PERSISTS_WEIGHT
            cues.append("problem persists")
        if (
            score < FRUSTRATION_THRESHOLD
            and "repeated a failed step" in cues
            and not words.isdisjoint(_COUNT_WORDS)
            and _COUNTED.search(low)
            and _ATTEMPTED.search(low)
        ):
            score += COUNTED_ATTEMPTS_WEIGHT
            cues.append("counted the attempts")
        if problem and LONG_COMPLAINT_WEIGHT and len(tokens) >= LONG_COMPLAINT_WORDS:
            score += LONG_COMPLAINT_WEIGHT
            cues.append("long complaint")
        # The AI agent's empathy confirms a caller's upset, not a plain report: "My internet is not working." "I'm
        # sorry to hear that." is what an AI agent says to every problem (lowered: "Sorry to hear that." opens a reply).
        reply_low = lower(reply) if reply and AGENT_EMPATHY_WEIGHT and cues != [_REPORTED] else ""
        if reply_low and any(k in reply_low for k in _EMPATHY_GATE) and _EMPATHY.search(reply_low):
            score += AGENT_EMPATHY_WEIGHT
            cues.append("agent apologised")
        if (
            "profanity" not in cues
            and "exasperation" not in cues
            and _may_be_positive(low, words)
            and _positive(low)
        ):
            score -= 1.0
    return max(score, 0.0), tuple(cues)


_CUE_PATTERNS: dict[str, re.Pattern[str]] = {name: pattern for name, pattern, _ in _CUES}


def cue_position(name: str, low: str) -> int | None:
    """Where cue `name` (one of the cue names in `TurnSentiment.cues`) matches in the lowered turn `low`."""
    pattern = _CUE_PATTERNS.get(name)
    if pattern is None:
        return None
    m = pattern.search(low)
    if m and name in _NEGATED_BEFORE:
        m = _unnegated(name, pattern, low, m)
    return m.start() if m else None


def level_for(running: float, escalation_seen: bool) -> SentimentLevel:
    for floor, level in _LEVEL_FLOORS:
        if running >= floor:
            if level == "escalated" and not escalation_seen:
                return "angry"
            return level
    return "calm"


def track(
    caller_turns: list[tuple[int, str]],
    replies: Mapping[int, str] | None = None,
    *,
    lows: Mapping[int, str] | None = None,
    tokens: Mapping[int, list[str]] | None = None,
    word_sets: Mapping[int, AbstractSet[str]] | None = None,
) -> list[TurnSentiment]:
    """Scores each caller turn and carries a decaying running score, so one calm reply lowers but does not
    erase the level an angry caller reached. `replies` maps a caller turn's index to the agent turn that
    answered it, when there is one; `lows` / `tokens` / `word_sets` map it to its lowered text / `[a-z]+`
    words / the set of those words, when the caller has them."""
    if lows is None:
        lows = {index: lower(text) for index, text in caller_turns}
    if tokens is None:
        tokens = {index: word_tokens(lows[index]) for index, _ in caller_turns}
    if word_sets is None:
        word_sets = {index: frozenset(tokens[index]) for index, _ in caller_turns}
    said_words: set[str] = set()
    for index, _ in caller_turns:
        said_words.update(word_sets[index])
    gated_cues = _cues_for_call([lows[index] for index, _ in caller_turns], said_words)
    out: list[TurnSentiment] = []
    running = 0.0
    escalation_seen = False
    problem_before = False
    previous: list[str] = []
    for index, text in caller_turns:
        low = lows[index]
        score, cues = score_turn(
            text,
            reply=replies.get(index, "") if replies else "",
            problem_before=problem_before,
            low=low,
            previous_said=tuple(previous[-4:]),
            tokens=tokens[index],
            words=word_sets[index],
            gated_cues=gated_cues,
        )
        previous.append(_said(low))
        problem_before = problem_before or not _PROBLEM_CUES.isdisjoint(cues)
        escalation_seen = escalation_seen or not _ESCALATION_CUES.isdisjoint(cues)
        running = running * 0.5 + score
        level = level_for(running, escalation_seen)
        if (
            out
            and not cues
            and _RANKS[level] < _RANKS[out[-1].level] - 1  # fell two steps or more (cheap tests first)
            and len(tokens[index]) <= SHORT_TURN_WORDS
            and not _thanks(low, word_sets[index])
        ):
            level = SENTIMENT_LEVELS[_RANKS[out[-1].level] - 1]
            running = _FLOOR_OF[level]
        out.append(TurnSentiment(index, score, cues, level))
    return out


def _thanks(low: str, words: AbstractSet[str]) -> bool:
    """Whether the caller thanks or is pleased (`_POSITIVE`), the evidence of calming a short turn can carry."""
    return _may_be_positive(low, words) and _positive(low)


_RANKS: dict[str, int] = {level: i for i, level in enumerate(SENTIMENT_LEVELS)}


def rank(level: SentimentLevel) -> int:
    return _RANKS[level]


def noticeable_shift(shown: SentimentLevel, level: SentimentLevel) -> bool:
    """Whether going from `shown` (the level the last shift told the reader) to `level` is worth telling (seed
    000: "a noticeable change in caller sentiment"): any rise; a fall only back to calm or by two levels or
    more. The rolling level eases down a level a turn while the caller gives their details, and a shift on
    each of those turns would be noise between the ones that matter."""
    if level == shown:
        return False
    return rank(level) > rank(shown) or level == "calm" or rank(shown) - rank(level) >= 2


# A caller in distress: afraid, in tears, panicking, at the end of their tether. Not a frustration cue (they are
# not upset with the service but for someone or something: a dog at the emergency vet, a house they may lose),
# and the human's first move differs: reassure, do not apologise for a delay. Not "I'm worried the bill is
# wrong" (a concern), nor "I'm not scared".
_DISTRESS_OPENERS: Final = frozenset(
    [
        "scared",
        "frightened",
        "terrified",
        "petrified",
        "panicking",
        "panic",
        "shaking",
        "shaky",
        "desperate",
        "distraught",
        "tears",
        "crying",
        "sobbing",
        "worried",
        "freaking",
        "wits",
        "hurry",
        "begging",
        "sleeping",
        "sleep",
        "god",
        "beside",
    ]
)
_DISTRESS: Final = led_by(
    r"[(acdinoprstvw]",
    r"\b(?:i'm|im|i\s+am|i've\s+been|i\s+was|we're|we\s+are|i\s+feel)\s+(?:so\s+|really\s+|very\s+|absolutely\s+|just\s+"
    r"|a\s+bit\s+|a\s+little\s+|completely\s+|quite\s+|honestly\s+|literally\s+)*(?:scared|frightened|terrified|petrified"
    r"|panicking|shaking|shaky|desperate|distraught|beside\s+myself|in\s+tears|crying|sobbing|worried\s+sick"
    r"|freaking\s+out|in\s+a\s+panic)\b"
    r"|\bcan't\s+stop\s+(?:shaking|crying)\b|\(\s*(?:crying|sobbing|in\s+tears)\s*\)|\bworried\s+sick\b"
    r"|\b(?:so|really|very|terribly)\s+(?:scared|frightened|worried)\b|\bat\s+my\s+wits'?\s+end\b"
    r"|\b(?:i\s+)?(?:don't|do\s+not)\s+know\s+what\s+(?:else\s+)?to\s+do(?=\s*(?:[.!,]|$)|\s+(?:any\s*more|now))|\bplease\s+hurry\b|\bi'm\s+begging\s+you\b"
    r"|\boh\s+(?:my\s+)?god\W+please\b|\b(?:i'm\s+|i\s+am\s+|i've\s+been\s+)?not\s+sleeping\b|\bcan't\s+sleep\b",
)


def distressed(
    caller_turns: Iterable[int], lows: Sequence[str], word_sets: Mapping[int, AbstractSet[str]]
) -> tuple[int, int] | None:
    """The first caller turn that shows distress and where in it (`_DISTRESS`), or None. `caller_turns` are the
    caller's turn indices, `lows` every turn lowered, `word_sets` each caller turn's words (a turn with none of
    `_DISTRESS_OPENERS` is passed over unread, "know" opens one only beside "what")."""
    for index in caller_turns:
        words = word_sets[index]
        if words.isdisjoint(_DISTRESS_OPENERS) and not ("know" in words and "what" in words):
            continue
        m = _DISTRESS.search(lows[index])
        if m is not None:
            return index, m.start()
    return None
