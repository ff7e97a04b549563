"""Finds the moments an agent must see: identity verification, AI commitments and transfer triggers."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Final

from domain.analysis._text import led_by

# Patterns are matched against the ASCII-lowered turn (_text.lower); IGNORECASE makes `re` several times slower.
_I: Final = 0

# Not a confirmation: "once I've verified your identity", "I haven't verified you", "let me check if that matches
# what we have on file", "that doesn't match our records".
_NOT_YET: Final = (
    r"(?<!once\s)(?<!until\s)(?<!before\s)(?<!after\s)(?<!when\s)(?<!if\s)(?<!n't\s)(?<!not\s)(?<!yet\s)"
)
# ... nor "once your identity is verified", "as soon as your record is verified", "until the verification is
# complete": the same words before "your" or "the".
_NOT_YET_YOURS: Final = (_NOT_YET + r"(?<!soon\sas\s)") + "".join(
    rf"(?<!{word}\s{whose}\s)"
    for word in ("once", "until", "before", "after", "when", "if", r"soon\sas")
    for whose in ("your", "the")
)
IDENTITY_VERIFIED: Final = led_by(
    r"[adeistvwy]",
    r"\b(?:you(?:'re|re|\s+are)\s+(?:now\s+|all\s+|fully\s+)?verified|you(?:'ve|\s+have)\s+(?:now\s+)?been\s+(?:verified|authenticated)|"
    + r"(?=i'|i\s|we)"  # the look-behinds run only where the words they guard start
    + _NOT_YET
    + r"(?:i(?:'ve|\s+have)|we(?:'ve|\s+have))\s+"
    r"(?:now\s+|successfully\s+)?(?:verified|authenticated|confirmed)\s+(?:you|your\s+(?:identity|account|details|policy|membership|profile"
    # "I've verified your record."
    r"|records?\b)"
    r"|(?:that\s+)?(?:it's|it\s+is)\s+(?:really\s+)?you"
    # "I've verified the account" (but "I've confirmed the account is open" says nothing of the caller)
    r"|(?<=verified\s)the\s+account\b|(?<=authenticated\s)the\s+account\b)"
    # "I've found your chart and verified your identity"
    r"|(?=and\s+verified)(?<!n't\s)(?<!not\s)(?<!yet\s)(?<!been\s)(?:\band\s+)verified\s+(?:you|your\s+(?:identity|records?\b))"
    # "I was able to verify you" (not "I wasn't able to")
    r"|(?:i|we)\s+(?:was|were|have\s+been|'ve\s+been)\s+able\s+to\s+(?:verify|authenticate|confirm)\s+"
    r"(?:you|your\s+identity)"
    # "Great, that matches what we have on file"
    r"|(?=(?:that|everything|it|all|those|these|they)\s+match)(?<!if\s)(?<!whether\s)(?<!sure\s)"
    r"(?:that|everything|it|all|those|these|they)\s+match(?:es)?(?:\s+(?:exactly\s+)?"
    r"(?:what\s+(?:we\s+have|we've\s+got|is|'s)\s+on\s+(?:file|record)|our\s+(?:records?|file|system)|the\s+"
    r"(?:records?|account|file))"
    # "Thank you, that matches." (the sentence ends there: the detail asked for is right)
    r"|(?=[.!]|$))"
    r"|(?=identity|account|details|verification)"
    + _NOT_YET_YOURS
    + r"(?:(?:identity|account|details)\s+(?:has|have)\s+(?:now\s+)?been\s+(?:verified|confirmed|authenticated)"
    r"|(?:identity|verification)\s+(?:is\s+)?(?:verified|confirmed|complete[d]?|successful))"
    # "Your record is verified", "your account is now verified", "your details are confirmed" (not "once your record
    # is verified", "your record is not verified"; "your account is confirmed" may be of a booking)
    r"|(?=your|the)"
    + _NOT_YET_YOURS
    + r"(?:your|the)\s+(?:(?:identity|records?|details)\s+(?:is|are|has\s+been|have\s+been)\s+(?:now\s+)?"
    r"(?:successfully\s+)?(?:verified|confirmed|authenticated)|(?:account|profile)\s+(?:is|has\s+been)\s+(?:now\s+)?"
    r"(?:successfully\s+)?(?:verified|authenticated))"
    r"|thanks?(?:\s+you)?\s+for\s+verifying|verification\s+(?:was\s+)?(?:successful|complete)"
    r"|successfully\s+(?:verified|authenticated)"
    # "Thank you Mr. Krishnamurthy, verified." (a word of its own that ends the sentence; not "not verified.")
    r"|(?:^|(?<=[,.!]\s))verified(?=\s*(?:[.!]|$)))\b",
    _I,
)
# "I'll definitely send it", "you will certainly get a refund": an adverb between the will and the verb.
_ADVERB: Final = (
    r"(?:(?:definitely|certainly|absolutely|surely|personally|also|then|now|soon|just|immediately)\s+)?"
)
COMMITMENT: Final = led_by(
    r"[iwy]",
    r"\b(?:i|we)(?:'ll|\s+will|\s+am\s+going\s+to|'m\s+going\s+to|\s+are\s+going\s+to|'re\s+going\s+to)\s+"
    + _ADVERB
    + r"(?!need\b|have\s+to\b|be\s+happy\b|just\s+need\b|ask\b|check\s+if\b|see\s+if\b|try\b|look\s+into\s+whether\b)"
    r"(?:make\s+sure|ensure|send|process|issue|refund|credit|call|email|escalate|arrange|schedule|book|reserve|"
    r"cancel|waive|fix|resolve|replace|ship|follow\s+up|get\s+back|have\s+(?:someone|a|an|the)|transfer|connect|"
    r"update|apply|notify|let|add|expedite|reimburse|reverse|remove|submit|file|open|create|put|set\s+up|take\s+care)"
    r"|\byou(?:'ll|\s+will)\s+"
    + _ADVERB
    + r"(?:receive|get|be\s+(?:refunded|credited|contacted|called|receiving|getting|issued|reimbursed|compensated)|"
    r"see|hear\s+(?:from|back))"
    r"|\bi\s+(?:promise|guarantee)\b|\bwe\s+(?:promise|guarantee)\b"
    # an action the agent says it took on the caller's money or account: "I've waived the late fee and credited
    # your account", "I've locked your card"
    # ("ive": speech-to-text without the apostrophe)
    r"|\b(?:(?:i|we)(?:'ve|\s+have)|ive)\s+(?:now\s+|just\s+|already\s+|also\s+)?(?:waived|credited|refunded|reimbursed|"
    r"reversed|issued\s+(?:a\s+|the\s+|you\s+a\s+)?(?:full\s+|partial\s+)?(?:refund|credit)|applied\s+(?:a\s+|the\s+)?(?:credit|discount)"
    r"|locked|blocked|frozen|froze|cancell?ed|updated|booked|rescheduled|scheduled|submitted|filed|reset|activated"
    # "I've requested a refund for the duplicate charge", "we've arranged a technician", "I've opened a case"
    r"|requested|initiated|raised|processed|arranged|escalated|ordered|opened|created|added|started|generated"
    # "I've switched you to the basic plan", "I've resent the confirmation"
    r"|switched|downgraded|upgraded|paused|restored|reactivated|unlocked|extended|enrolled|renewed|resent|emailed"
    r"|texted|rebooked|set\s+up|turned\s+(?:off|on)|disabled|enabled|stopped)\b",
    _I,
)
# The verbs of an action taken ("I've waived ...", "we have requested ..."): DONE's, and the words the commitment
# gate needs beside "'ve" / "have" (COMMITMENT_ONLY_WITH).
ACTION_VERBS: Final = (
    "waived",
    "credited",
    "refunded",
    "reimbursed",
    "reversed",
    "issued",
    "applied",
    "cancelled",
    "canceled",
    "sent",
    "updated",
    "locked",
    "blocked",
    "frozen",
    "froze",
    "changed",
    "added",
    "removed",
    "processed",
    "booked",
    "scheduled",
    "rescheduled",
    "submitted",
    "filed",
    "opened",
    "created",
    "reset",
    "activated",
    "moved",
    "ordered",
    "requested",
    "initiated",
    "raised",
    "arranged",
    "escalated",
    "started",
    "generated",
    "switched",
    "downgraded",
    "upgraded",
    "paused",
    "restored",
    "reactivated",
    "unlocked",
    "extended",
    "enrolled",
    "renewed",
    "resent",
    "emailed",
    "texted",
    "rebooked",
    "set up",
    "turned off",
    "turned on",
    "disabled",
    "enabled",
    "stopped",
)
# An action the AI agent says it has taken (lowered text): done, nothing for the human to follow through, and
# no promise ("I've processed the cancellation effective immediately").
DONE: Final = re.compile(
    r"\b(?:(?:i|we)(?:'ve|\s+have)|ive)\s+(?:now\s+|just\s+|already\s+|also\s+|gone\s+ahead\s+and\s+)?(?:"
    + "|".join(ACTION_VERBS)
    + r")\b"
)
# Reimbursement that "can be" or "may be" given is a possibility, not a promise.
_NOT_PROMISED: Final = "".join(
    rf"(?<!{modal}\sbe\s{word})"
    for modal in ("can", "could", "may", "might")
    for word in ("reimbursed", "compensated")
)
UNFULFILLABLE: Final = led_by(
    r"[1abcdfgimnprw]",
    r"\b(?:guarantee\w*|promise|assure|100\s?%|for\s+sure|definitely|certainly\s+(?:will|be|get)|absolutely\s+(?:will|be|get)"
    r"|without\s+(?:fail|a\s+doubt)|no\s+matter\s+what|always\s+(?:be|get)"
    # what a person or a process must deliver: "never happens again", compensation for a loss
    r"|(?:never|not)\s+happen(?:s|ing)?\s+again|won't\s+happen\s+again|within\s+the\s+(?:next\s+)?hour"
    # "I'll make sure you won't be sent to collections"
    r"|make\s+sure\b(?=[^.]*\b(?:won't|will\s+not|never)\b))\b"
    r"|\bwithin\s+(?:the\s+next\s+)?(?:\d+|an?|one|two|three|four|five|twenty[- ]four|forty[- ]eight|seventy[- ]two)"
    r"\s+(?:business\s+)?(?:minutes?|hours?|days?)\b|\b(?:by|before)\s+(?:tomorrow|tonight|end\s+of\s+(?:the\s+)?day)\b"
    r"|\b(?:right\s+away|immediately)\b(?=[^.]*\b(?:refund|credit|fix|resolve|ship|deliver|replace)\w*)"
    # (the look-behinds follow the word: before it, they would run at every position the class lets through)
    r"|\b(?:reimburse|compensate)d?\b"
    + _NOT_PROMISED
    # a decision that is someone else's: "Your claim will be approved by Friday", "it'll be approved"
    + r"|(?:(?<=will\s)|(?<='ll\s))be\s+approved\b",
    _I,
)
# A person sent out at a set time ("I'll have a technician out there tomorrow morning"): a promise someone else
# must keep. Its own pattern, behind its own gate: its words open with "e", "s" and "t", and UNFULFILLABLE led by
# those letters too would try its alternatives at most positions of every agent turn (four times slower).
VISIT: Final = led_by(
    r"[cdeinpst]",
    r"\b(?:technician|engineer|tech|plumber|electrician|courier|nurse|doctor|inspector|someone|somebody)\s+"
    r"(?:out|over|round|around)\b(?:\s+there|\s+to\s+(?:you|your\s+\w+))?\s+(?:tomorrow|today|tonight|this\s+(?:morning|"
    r"afternoon|evening|week)|on\s+\w+day|\w+day|between|by|within|first\s+thing)\b",
    _I,
)
VISIT_GATE: Final = (" out ", " over ", "round ")
# "The doctor will definitely call you back", "your refund will definitely be processed today": an assurance for
# someone else (a commitment has "I" / "we" / "you" as its subject) about a delivery (not "restarting the router
# will definitely help").
ASSURED: Final = led_by(
    r"[w]",
    r"will\s+(?:definitely|certainly|absolutely|surely|100%)\s+(?:be\s+(?:processed|refunded|credited|fixed|resolved|"
    r"sent|delivered|shipped|approved|done|back|there|reimbursed|completed|paid|repaired|replaced|restored|"
    r"reconnected|on\s+time)|call|ring|phone|contact|reach|arrive|come|visit|fix|resolve|process|refund|send|"
    r"deliver|ship|approve|reimburse|pay|get\s+back)\b",
    _I,
)
# An UNFULFILLABLE match that is a promise word: a promise only when made (`PROMISE` at its position).
PROMISE_WORDS: Final = ("guarantee", "promise", "assure")
# A guarantee or promise that is made, not denied ("we can't guarantee", "there's no guarantee", "not promised").
# "Guarantee" and "promise" said as they are (or with an "s") are made only as a verb, after who makes them or how
# ("I guarantee", "we can promise", "I personally guarantee", "Promise."), or as the speaker's own ("you have my
# word and my promise", "that's a promise"); after anything else they name a thing: "our Price Match Guarantee
# covers it", "you may have a guarantee", "our customer promise". "Guaranteed", "promised" and "assure" are made
# wherever they stand ("you're guaranteed a refund", "I can assure you").
_MADE_BY: Final = (
    r"(?:^|(?<=[.!?,;:%]\s)|(?<=\bi\s)|(?<=\bwe\s)|(?<='ll\s)|(?<=will\s)|(?<=can\s)|(?<=could\s)|(?<=would\s)"
    r"|(?<=\bdo\s)|(?<=does\s)|(?<=\bdid\s)|(?<=\bto\s)|(?<=\band\s)|(?<=also\s)|(?<=just\s)|(?<=even\s)|(?<=ly\s)"
    r"|(?<=\bmy\s)|(?<=\bthey\s)|(?<=\bit\s)|(?<=that's\sa\s)|(?<=you\sa\s))"
)
PROMISE: Final = led_by(
    r"[agp]",
    r"(?=guarantee|promise|assure)(?<!n't\s)(?<!not\s)(?<!no\s)(?<!cannot\s)(?<!never\s)"
    r"(?:assure|(?:guarantee|promise)(?=d|ing)|" + _MADE_BY + r"(?:guarantee|promise))",
    _I,
)
ASSISTANT_FAILURE: Final = led_by(
    r"[abcdfinostuw]",
    r"\b(?:sorry,?\s+(?:but\s+)?i\s+(?:didn't|did\s+not|don't|do\s+not|couldn't|could\s+not|can't|cannot|am\s+"
    r"(?:unable|not\s+able))\s+(?:quite\s+|really\s+)?(?:understand|catch|hear|find|locate|help|do|process|access|complete)"
    r"|i(?:'m|\s+am)\s+(?:unable|not\s+able)\s+to|(?:didn't|did\s+not)\s+(?:quite\s+)?(?:get|catch)\s+that"
    # "I'm not sure I follow", "I'm not sure I understood"
    r"|not\s+(?:quite\s+)?sure\s+(?:i|that\s+i)\s+(?:follow|understand|understood|got\s+that|caught\s+that)|could\s+you\s+"
    r"(?:please\s+)?repeat|(?:say|try)\s+(?:that|it)\s+again|something\s+went\s+wrong|isn't\s+(?:something|"
    r"anything)\s+i\s+can|(?:is|are)\s+not\s+available|(?:was\s+(?:unable|not\s+able)|wasn't\s+able)|failed|unsuccessful"
    # ("if you can't make it" is the caller's)
    r"|beyond\s+what\s+i\s+can|outside\s+(?:of\s+)?(?:my|what\s+i)|(?<!you\s)(?<!they\s)(?:cannot|can't|could\s+not|couldn't)\s+"
    r"(?:accept|process|complete|book|find|make|reserve|do\s+that)"
    # "I can't issue refunds" (not "you can't change ticket details": a rule, not the AI agent failing)
    r"|(?<![a-z])(?:i|we)\s+(?:cannot|can't|cant|could\s+not|couldn't)\s+(?:issue|offer|approve|waive|refund|unlock|unblock"
    r"|remove|pause|cancel|change))\b",
    _I,
)
ASSISTANT_HANDOFF: Final = led_by(
    r"[aceghpfrst]",
    # (not to another automated assistant: "Let me transfer you to our credit assistant.")
    r"\b(?:(?:transfer(?:ring)?\s+you|connect(?:ing)?\s+you\s+(?:to|with|now))(?!(?:\s+(?:to|with))?\s+(?:our|the|a|an|my)\s+"
    r"(?:[a-z-]+\s+)?(?:assistant|virtual|bot|automated)\b)|escalat\w+\s+(?:this|you|your|to)|"
    r"(?:a|an|the)\s+(?:[a-z-]+\s+)?(?:human|live|specialist|supervisor|manager|representative)\b[^.]{0,30}\b(?:will|can)\b"
    r"|hand(?:ing)?\s+(?:you\s+)?(?:over|off)|put(?:ting)?\s+you\s+through"
    # "I'm going to get the on-call maintenance supervisor on the line right away."
    r"|get\s+(?:you\s+)?(?:a|an|the|our|someone)\b[^.?!]{0,50}\bon\s+the\s+(?:line|phone)"
    # "Let me get a pharmacist to help.", "Please hold while I get a fraud specialist." (not "let me get a new card
    # sent")
    r"|(?:(?<=\bme\s)|(?<=\bi\s)|(?<=i'll\s)|(?<=will\s))get\s+(?:you\s+)?(?:a|an|the|our|one\s+of\s+our)\s+"
    r"(?:[a-z-]+\s+)?(?:pharmacists?|nurses?|colleagues?|specialists?|supervisors?|managers?|representatives?|technicians?"
    r"|advis[eo]rs?|bankers?|adjusters?|agents?|person|human|team\s+members?)"
    # ("... let me get someone.", "I'll get someone for you")
    r"|(?:(?<=\bme\s)|(?<=\bi\s)|(?<=i'll\s)|(?<=will\s))get\s+(?:you\s+)?(?:someone|somebody)(?:\s+(?:who|to|from"
    r"|for\s+you)|(?=\s*[.!]|\s*$))"
    # "I'll send this to a billing specialist", "I'm passing your case to our claims team"
    r"|(?:send|sending|pass|passing|refer|referring|forward|forwarding)\s+(?:this|it|you|your\s+\w+)\s+(?:on\s+|over\s+)?to"
    r"\s+(?:a|an|the|our)\s+(?:[a-z-]+\s+)?(?:specialist|supervisor|manager|representative|agent|adjuster|pharmacist"
    r"|nurse|technician|team|department|staff\s+member|colleague))\b"
    # "I'll pass that to a staff member to update"
    r"|(?:pass|passing|send|sending)\s+that\s+(?:on\s+|over\s+)?to\s+(?:a|an|the|our|one\s+of\s+our)\s+(?:[a-z-]+\s+)?"
    r"(?:specialist|supervisor|manager|representative|agent|adjuster|pharmacist|nurse|technician|team|department"
    r"|staff\s+members?|colleagues?)\b",
    _I,
)

# The caller asks who is on the line ("Am I talking to a real person?", "Are you a robot?", "is this an AI").
# The words one of which every ASKED_IF_AI match holds.
ASKED_IF_AI_WORDS: Final = frozenset(
    [
        "real",
        "actual",
        "live",
        "human",
        "person",
        "robot",
        "robots",
        "robotic",
        "bot",
        "machine",
        "machines",
        "computer",
        "computers",
        "computerized",
        "ai",
        "automated",
        "artificial",
        "recording",
        "recordings",
        "recorded",
    ]
)
ASKED_IF_AI_GATE: Final = ("am i", "are you", "is this", "is that", "is it")
ASKED_IF_AI: Final = led_by(
    r"[ai]",
    r"\bam\s+i\s+(?:speaking|talking|chatting)\s+(?:to|with)\s+(?:a\s+|an\s+)?(?:real\s+|actual\s+|live\s+)?"
    r"(?:person|human|robot|bot|machine|computer|ai|automated)\b"
    r"|\bare\s+you\s+(?:even\s+|actually\s+|just\s+)?(?:a\s+|an\s+)?(?:real\b|actual\s+person|live\s+person|human\b"
    # ("Are you a recording?", not "Are you recording this call?")
    r"|person\b|robot|bot\b|machine|computer|ai\b|automated|artificial|recording\b(?!\s+(?:this|the|me|us|my|our|it)\b))"
    # (not "I got a text to call this number, is that real?")
    r"|\bis\s+(?:this|that|it)\s+(?:even\s+|actually\s+|just\s+)?(?:a\s+|an\s+)?(?:(?:real|actual|live)\s+(?:person|human|agent)"
    r"|human\b(?!\s+(?:error|mistake|resources))|person\b|robot|bot\b|machine|computer|ai\b|automated"
    r"|recording\b(?!\s+(?:this|the|me|us|my|our|it)\b)"
    r"|recorded\s+message)",
)
# An AI agent claiming to be a person ("No, I'm a real person.", "I'm not a bot"), not saying it is none ("I'm not a
# real person, I'm a virtual assistant"); its words gate `CLAIMS_HUMAN_WORDS`.
CLAIMS_HUMAN_WORDS: Final = ("real", "live", "human", "not a", "not an")
CLAIMS_HUMAN: Final = re.compile(
    r"\b(?:i'm|i\s+am)\s+(?:a\s+)?(?:(?:real|live)\s+(?:person|human|agent)|human(?:\s+being)?)\b"
    r"|\b(?:i'm|i\s+am)\s+not\s+an?\s+(?:bot|robot|machine|computer|ai|recording)\b"
)
# Topics that route to specialist humans by policy (seed 004: "billing disputes, account closure, legal").
TOPICS: tuple[tuple[str, str, re.Pattern[str]], ...] = (
    (
        # Danger to people or property now (a gas smell, a fire, water pouring in, someone who cannot breathe):
        # before anything else, whatever else the call is about.
        "emergency",
        "a safety emergency",
        led_by(
            r"[abcdefghiklmnoprstuvw]",
            r"\b(?:gas\s+leak|(?:smell|smells|smelling)\s+(?:of\s+|like\s+)?(?:gas|smoke|burning)|carbon\s+monoxide"
            # (not "your sale is on fire": something that burns)
            r"|(?:house|home|flat|apartment|kitchen|building|car|garage|shed|barn|roof|room|truck|van|oven|stove|dryer"
            r"|microwave)(?:\s+is|\s+was|'s)?\s+on\s+fire|(?:it's|it\s+is|caught)\s+on\s+fire|a\s+fire\s+in"
            r"|smoke\s+(?:is\s+)?(?:coming|pouring|everywhere)|sparks?\s+(?:coming|flying)|sparking|exposed\s+wires?"
            r"|burst\s+pipe|pipe\s+(?:has\s+)?burst|water\s+(?:is\s+)?(?:pouring|gushing|coming|leaking)\s+"
            r"(?:in|into|through|from)"
            # a room flooding (not "flooded with calls")
            r"|(?:basement|kitchen|bathroom|house|home|apartment|flat|room|floor|garage|cellar|street)\s+"
            r"(?:is\s+|has\s+|got\s+|was\s+)?(?:been\s+)?flood(?:ed|ing)|(?:it's|it\s+is)\s+flooding"
            # (not "I nearly had a heart attack when I saw the bill")
            r"|(?:can't|cannot|can\s+not)\s+breathe|not\s+breathing|chest\s+pains?"
            # "my chest hurts", "chest has been tight since this morning", "pain in my chest"
            r"|chest\s+(?:is\s+|feels\s+|has\s+been\s+|keeps\s+|started\s+)?(?:hurts?|hurting|tight|tightness|aching|crushing)"
            r"|(?:pain|pains|tightness|pressure|hurting)\s+in\s+(?:my|his|her|the)\s+chest|(?:is|am|are|he's|she's|i'm|they're)"
            r"\s+having\s+a\s+heart\s+attack|unconscious|overdosed?|bleeding\s+(?:heavily|badly|a\s+lot)"
            r"|someone\s+broke\s+in|(?:a|been)\s+break[-\s]in"
            # happening now: "someone's breaking in", "there's someone trying to break into the house"
            r"|(?:someone|somebody|they|he)(?:(?:'s|'re|\s+is|\s+are)\s+(?:trying\s+to\s+)?break(?:ing)?|\s+trying\s+to\s+break)"
            r"\s+in"
            # a medicine taken wrongly, or something swallowed ("I gave my daughter a double dose of her seizure
            # medication", "my son swallowed a battery")
            r"|(?:a|the|her|his)\s+double\s+dose|(?:took|taken|swallowed|gave\s+(?:him|her|them))\s+too\s+many"
            # ("I took two of my blood pressure pills by mistake", "she accidentally took her grandma's tablets")
            r"|(?:took|taken|swallowed|gave\s+(?:him|her|them|my\s+\w+))\s+(?:[\w']+\s+){0,6}?(?:pills?|tablets?"
            r"|doses?|capsules?|medication|medicine|meds)\s+by\s+(?:mistake|accident)"
            r"|accidentally\s+(?:took|taken|swallowed|gave\s+(?:him|her|them|my\s+\w+))\s+(?:[\w']+\s+){0,5}?"
            r"(?:pills?|tablets?|doses?|capsules?|medication|medicine|meds)"
            r"|(?:swallowed|ingested)\s+(?:a\s+|an\s+|some\s+|the\s+|my\s+|his\s+|her\s+)?(?:[a-z]+\s+)?(?:pills?|tablets?"
            r"|batter(?:y|ies)|medication|medicine|bleach|detergent|pods?|magnets?))\b",
            _I,
        ),
    ),
    (
        # A caller afraid of someone who can reach them through the account (an abusive ex tracking their phone, a
        # stalker): the vulnerable-customer procedure, before any change that person would be told of.
        "personal_safety",
        "a personal safety concern",
        led_by(
            r"[adfimprstw]",
            # (not "tracking my parcel")
            r"\b(?:(?:tracking|stalking|following|watching|monitoring)\s+(?:my\s+location|me\b|where\s+i\s+(?:am|go|live))"
            r"|stalk(?:er|ers|ed|ing)\b|domestic\s+(?:abuse|violence)|abusive\s+(?:ex|partner|husband|wife|boyfriend"
            r"|girlfriend|relationship)|(?:restraining|protective|protection)\s+order"
            r"|(?:afraid|scared|frightened)\s+(?:of\s+(?:him|her|them)|for\s+my\s+(?:life|safety))"
            r"|i(?:'m|\s+am)\s+not\s+safe|i\s+(?:don't|do\s+not)\s+feel\s+safe)",
            _I,
        ),
    ),
    (
        # Money lost to a scam or an account used by someone else: the fraud team's, before any other topic.
        "fraud",
        "suspected fraud",
        led_by(
            r"[acfhipstw]",
            # (not "this is a scam", said of the company's own charges)
            r"\b(?:(?=scam)(?<!this\sis\sa\s)(?<!what\sa\s)(?<!such\sa\s)(?<!total\s)(?<!complete\s)scam(?:med|mer|mers)?|fraud\w*|identity\s+theft|(?:hacked|compromised)\s+(?:my\s+)?account"
            r"|account\s+(?:was\s+|has\s+been\s+|got\s+)?(?:hacked|compromised)|phish\w*"
            r"|(?:tried|trying|attempted)\s+to\s+hack|hack(?:ed|ing)\s+into"
            r"|(?:card|wallet|purse|identity|cheque\s*book|checkbook)\s+(?:was\s+|has\s+been\s+|got\s+)stolen"
            r"|stolen\s+(?:credit\s+|debit\s+)?card"
            r"|someone\s+(?:else\s+)?(?:used|has\s+used|is\s+using)\s+my\s+(?:card|account|identity|details)"
            # "Someone must have opened it in my name" (not "I opened the account in my name")
            r"|(?:someone|somebody|they|he|she)\s+(?:must\s+have\s+|has\s+|had\s+|have\s+)?(?:opened|took\s+out|taken\s+out"
            r"|applied\s+for)\b[^.?!]{0,30}\bin\s+my\s+name"
            # "Someone took 900 dollars out of my checking account", "... and it wasn't me"
            r"|(?:someone|somebody)\s+(?:has\s+|just\s+)?(?:took|taken|withdrew|withdrawn|stole|stolen|spent|transferred"
            r"|moved|charged)\b[^.?!]{0,50}\b(?:from|out\s+of|on|off)\s+my|it\s+(?:wasn't|was\s+not)\s+me"
            # "I lost my debit card yesterday and I think someone used it"
            r"|(?:card|wallet|purse)\b[^.?!]{0,60}\b(?:someone|somebody)\s+(?:else\s+)?(?:has\s+|must\s+have\s+)?"
            r"(?:used|is\s+using)\s+(?:it|them)\b)\b",
            _I,
        ),
    ),
    (
        # Someone has died (the account holder, often): condolences, and the bereavement process (not "my phone died").
        "bereavement",
        "a bereavement",
        led_by(
            r"[abdefghmpsuw]",
            r"\b(?:passed\s+away|(?:father|mother|dad|mum|mom|husband|wife|son|daughter|brother|sister|partner|grandmother"
            # ("my mom, Linda Keller, died in March")
            r"|grandfather|grandma|grandpa|aunt|uncle|he|she)(?:,[^,.!?]{2,40},)?\s+(?:has\s+|had\s+|just\s+|recently\s+)?died"
            r"|death\s+certificate|deceased|executor|estate\s+of|bereave\w*)\b",
            _I,
        ),
    ),
    (
        "legal_matter",
        "a legal matter",
        led_by(
            r"[acfgilstw]",
            # "power of attorney" is an authority to act for someone, not a legal matter; "court" and "sue" only as
            # they are said of one ("1450 Alder Court" is an address, "this is Sue" a name)
            r"\b(?:lawyer|attorney(?<!power\sof\sattorney)|suing|lawsuit|legal\s+(?:action|matter|team|department|issue|advice)"
            r"|(?:to|in|into|through\s+the)\s+court|court\s+(?:order|date|case|hearing|summons|papers|action|proceedings)"
            r"|sue\s+(?:you|your|them|the|this|y'all|u)|(?:i'll|i\s+will|i'm\s+going\s+to|going\s+to|gonna|will|i\s+can)\s+sue"
            r"|subpoena|litigation|solicitor|small\s+claims"
            # the police asking for a customer's records ("This is Officer Dan Martinez with the Portland Police
            # Bureau"): a legal request, whoever takes the call
            r"|(?:this\s+is|i'm|i\s+am)\s+(?:officer|detective|deputy|sergeant|sgt|constable|special\s+agent)\b"
            r"|for\s+an?\s+(?:police|criminal)\s+investigation)\b",
            _I,
        ),
    ),
    (
        "account_closure",
        "account closure",
        led_by(
            r"[acdilmstw]",
            r"\b(?:close|cancel|terminate|shut\s+down|delete|deactivate)\w*\s+(?:my\s+|the\s+|our\s+|this\s+)?"
            r"(?:[a-z]+\s+)?(?:account|subscription|membership|service|contract|plan|internet|broadband|line)\b"
            r"|\b(?:cancel|terminate)\s+(?:my|our)\s+(?:[a-z]+\s+){0,2}policy\b"
            r"|\b(?:account|subscription|membership)\s+(?:closure|cancellation|termination)\b"
            # "I want to cancel.", "i wanna cancel everything"
            # (not "if I want to cancel, ...", a question about the terms)
            r"|(?=wan|like)(?<!if\si\s)(?<!if\swe\s)\b(?:want|wanna|like)\s+(?:to\s+)?cancel(?:\s+(?:it|everything|it\s+all))?\s*(?:[.!]|$)",
            _I,
        ),
    ),
    (
        "billing_dispute",
        "a billing dispute",
        led_by(
            r"[bcdehilmnoprtuw]",
            r"\b(?:dispute\w*|overcharg\w*|double[-\s]?(?:charged|billed|charge)|charged\s+(?:me\s+)?(?:twice|two\s+times|"
            r"again|wrong\w*|incorrectly|for\s+something)|wrong(?:ly)?\s+(?:charge|bill)\w*|(?:incorrect|unauthori[sz]ed|"
            r"undue|unknown|duplicate|extra|hidden)\s+(?:charge|fee|payment|debit|bill)\w*|chargeback|billing\s+"
            r"(?:error|mistake|issue|problem)|never\s+(?:authori[sz]ed|ordered)|refund\s+(?:the|this|that)\s+charge"
            r"|charged\b(?:[^.?!]|\.\d){0,40}\b(?:by\s+mistake|in\s+error)|mistakenly\s+(?:charged|billed)"
            r"|unrecogni[sz]ed\s+(?:charge|transaction|payment|debit)|(?:charge|transaction|payment|debit)s?\b(?:[^.?!]|\.\d){0,30}"
            r"\b(?:don't|do\s+not|didn't|did\s+not)\s+(?:recogni[sz]e|make|authori[sz]e)"
            # "My bill this month is 412 dollars. It's usually around 95."
            r"|bill\b[^?]{0,60}\b(?:usually|normally|typically)\b"
            # "I need a corrected invoice", "I'm not paying this"
            r"|corrected\s+(?:invoice|bill)|(?:i'm|i\s+am|we're|we\s+are)\s+not\s+paying\s+(?:this|that|it|for)"
            # "My mortgage payment was taken twice this month", "you debited me two times"
            r"|(?:taken|took|debited|withdrawn|deducted|billed|paid|came\s+out|went\s+out)\s+(?:out\s+)?(?:me\s+)?(?:twice|two\s+times)"
            # "I cancelled last month and you still charged me"
            # (the look-behind after the class: "still" would let every "s" of a turn through the look-ahead)
            r"|(?<=still\s)(?:being\s+)?(?:charged|billed|charging\s+me|billing\s+me)"
            # "you charged me for an annual plan I never signed up for" (not the marketing calls of "I never signed up
            # for this", said of a call)
            r"|(?:charged|billed|membership)\b[^.?!]{0,80}\b(?:never|didn't|did\s+not)\s+"
            r"(?:sign(?:ed)?\s+up\s+for|subscribed?\s+to|agreed?\s+to)"
            # "I was charged 180 dollars in roaming even though I had a travel pass"
            # "a bill I already paid"
            r"|(?:bill|invoice|charge)s?\b[^.?!]{0,25}\b(?:i've\s+|i\s+have\s+|i\s+|we\s+)?already\s+paid\b"
            r"|charged\b[^.?!]{0,60}\beven\s+though|(?:charged|billed)\b[^.?!]{1,30}\b(?:twice|two\s+times)"
            r"|late\s+fee|(?:bill|charge|invoice)s?\s+(?:is|was|are|were|seems?)\s+(?:way\s+|much\s+|a\s+lot\s+|far\s+)?"
            r"(?:too\s+)?high(?:er)?|(?:that's|that\s+is|it's|it\s+is|those\s+are)\s+not\s+mine)\b",
            _I,
        ),
    ),
)


@dataclass(frozen=True, slots=True)
class Hit:
    turn_index: int
    sentence: str


# Substrings every match of a pattern contains; a turn without any of them skips the pattern (see `maybe`).
IDENTITY_GATE: Final = ("verif", "authenticat", "confirm", "complete", "success", "match")
COMMITMENT_GATE: Final = (
    "'ll",
    "will",
    "going",
    "promise",
    "guarantee",
    "'ve",  # an action taken: "I've waived", "we've credited" ...
    "have",  # ... "I have cancelled"
    "ive",  # ... "ive issued a full refund" (speech-to-text)
)
UNFULFILLABLE_GATE: Final = (
    "guarantee",
    "promise",
    "assure",
    "make sure",
    "100",
    "sure",
    "definitely",
    "certainly",
    "absolutely",
    "without",
    "matter",
    "always",
    "within",
    "tomorrow",
    "tonight",
    "end",
    "away",
    "immediately",
    "reimburse",
    "compensate",
    "happen",
    "be approved",
)
FAILURE_GATE: Final = (
    "sorry",
    "sure",
    "able",
    "did",
    "repeat",
    "again",
    "wrong",
    "isn't",
    "fail",
    "unsuccessful",
    "beyond",
    "outside",
    "cannot",
    "can't",
    "cant",  # speech-to-text: "i cant unblock cards"
    "could",
)
HANDOFF_GATE: Final = (
    "me get",
    "i get",
    "ll get",
    "will get",
    "send",
    "pass",
    "refer",
    "forward",
    "on the line",
    "on the phone",
    "transfer",
    "connect",
    "escalat",
    "human",
    "live",
    "specialist",
    "supervisor",
    "manager",
    "representative",
    "hand",
    "through",
)
TOPIC_GATES: dict[str, tuple[str, ...]] = {
    "emergency": (
        "gas",
        "smell",
        "monoxide",
        "fire",
        "smoke",
        "spark",
        "wire",
        "burst",
        "flood",
        "water",
        "breathe",
        "chest",
        "heart",
        "unconscious",
        "breathing",
        "overdose",
        "bleeding",
        "broke",
        "break",
        "double",
        "too many",
        "swallowed",
        "ingested",
        "mistake",
        "accident",
    ),
    "personal_safety": (
        "tracking",
        "stalk",
        "following",
        "watching",
        "monitoring",
        "domestic",
        "abusive",
        "restraining",
        "protective",
        "protection",
        "afraid",
        "scared",
        "frightened",
        "safe",
    ),
    "fraud": (
        "scam",
        "fraud",
        "theft",
        "hack",
        "compromised",
        "phish",
        "someone",
        "somebody",
        "stolen",
        "in my name",
        "wasn't me",
        "was not me",
    ),
    "bereavement": ("passed", "died", "death", "deceased", "executor", "estate", "bereave"),
    "legal_matter": (
        "lawyer",
        "attorney",
        "sue",
        "suing",
        "lawsuit",
        "legal",
        "court",
        "subpoena",
        "litigation",
        "solicitor",
        "small",
        "officer",
        "detective",
        "deputy",
        "sergeant",
        "sgt",
        "constable",
        "special agent",
        "investigation",
    ),
    "account_closure": ("clos", "cancel", "terminat", "shut", "delete", "deactivat"),
    "billing_dispute": (
        "dispute",
        "overcharg",
        "double",
        "charged",
        "wrong",
        "incorrect",
        "unauthori",
        "undue",
        "unknown",
        "duplicate",
        "extra",
        "hidden",
        "chargeback",
        "billing",
        "never",
        "refund",
        "mistake",
        "recogni",
        "authori",
        "high",
        "mine",
        "charge",
        "transaction",
        "payment",
        "debit",
        "late",
        "usually",
        "normally",
        "typically",
        "corrected",
        "not paying",
        "twice",
        "two times",
        "billed",
        "already paid",
        "sign up",
        "signed up",
        "subscribe",
        "agree",
    ),
}


def maybe(pattern: re.Pattern[str], gate: tuple[str, ...], low: str) -> re.Match[str] | None:
    """`pattern.search(low)`, skipped when `low` has none of the gate's substrings (then it cannot match)."""
    for k in gate:
        if k in low:
            return pattern.search(low)
    return None


# Gate substrings that open a pattern only beside one of a few other substrings: "have" is in every "I have waived
# the fee" but also in "Could I have your name?", "sorry" in "Sorry, I didn't catch that" and in "I'm sorry about
# that". Each branch of the pattern that such a substring serves needs one of the substrings listed for it (or
# another gate substring of its own).
# "I've waived", "we have credited": an action taken (a verb COMMITMENT does not list only loosens the gate)
COMMITMENT_ONLY_WITH: dict[str, tuple[str, ...]] = dict.fromkeys(("'ve", "have", "ive"), ACTION_VERBS)
FAILURE_ONLY_WITH: dict[str, tuple[str, ...]] = {
    "sorry": ("n't", "not", "unable"),  # "sorry, I didn't / cannot / am unable ..."
    "sure": ("not",),  # "not sure I follow"
    "could": ("n't", "not"),  # "could not", "couldn't" ("could you repeat" has "repeat")
    "did": ("n't", "not"),
    "able": ("n't", "not", "unable"),  # "unable to", "not able to", "not available", "wasn't able"
}


def maybe_with(
    pattern: re.Pattern[str], gate: tuple[str, ...], only_with: dict[str, tuple[str, ...]], low: str
) -> re.Match[str] | None:
    """`maybe`, where a gate substring that `only_with` lists opens the gate only in a turn that also has one of
    the substrings listed for it."""
    for k in gate:
        if k in low:
            needs = only_with.get(k)
            if needs is None or any(n in low for n in needs):
                return pattern.search(low)
    return None
