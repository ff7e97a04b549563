"""Caller sentiment and agent markers on voice-style calls: negated requests and feelings, codes read out in
capitals, polite phrases, polite requests for a person, how fast the level falls, identity confirmations,
promises and exasperation. Transcripts are hand-written."""

from __future__ import annotations

import pytest

from domain.analysis import build_brief
from domain.analysis.sentiment import score_turn
from domain.brief import AgentAssistPortal, CallRecord, Utterance

pytestmark = pytest.mark.unit

GREETING = "Thanks for calling Acme Utilities, this call may be recorded. How can I help?"
HUMAN = "asked for a human"
PROMISE = "unfulfillable_promise"


def call(*turns: tuple[str, str]) -> CallRecord:
    return CallRecord(
        phone_number="+15550002222",
        turns=[Utterance(role="user" if r == "u" else "assistant", content=c) for r, c in turns],
    )


def cues(text: str) -> tuple[str, ...]:
    return score_turn(text)[1]


def level(*turns: tuple[str, str]) -> str:
    return build_brief(call(*turns)).header.sentiment.level


def marker_types(brief: AgentAssistPortal, turn: int) -> list[str]:
    return [m.type for m in brief.transcript[turn].markers]


# --- 1. negated requests and negated feelings ----------------------------------------------------------


@pytest.mark.parametrize(
    "line",
    [
        "i don't want to talk to a person i just want to pay my bill",
        "no i don't need a human",
        "I do not want to speak to an agent, I can do it here.",
    ],
)
def test_declining_a_person_is_not_asking_for_one(line: str) -> None:
    assert HUMAN not in cues(line)
    brief = build_brief(call(("a", "How can I help?"), ("u", line)))
    assert brief.header.sentiment.level == "calm"
    assert not brief.transfer_reason.startswith("Caller asked to speak with a human agent")


@pytest.mark.parametrize(
    "line",
    [
        "Yes. I'm not angry, I'm just confused, sorry.",
        "i'm not upset i just want it fixed",
        "i'm not angry i just want it fixed",
        "I am not frustrated with you at all.",
    ],
)
def test_a_denied_feeling_is_not_a_frustration_cue(line: str) -> None:
    assert "negative language" not in cues(line)
    assert level(("a", "How can I help?"), ("u", line)) == "calm"


@pytest.mark.parametrize(
    "line",
    [
        "I don't want to wait, I want to speak to a person.",
        "Why can't I talk to a real person?",
        "I'm so angry right now.",
        "I'm not happy with this at all.",
    ],
)
def test_an_unnegated_request_or_feeling_is_still_a_cue(line: str) -> None:
    assert score_turn(line)[0] >= 2.0


# --- 2. codes in capitals are not shouting -------------------------------------------------------------


@pytest.mark.parametrize(
    "line",
    [
        "We overpaid invoice INV-2024-0087. Can you refund it to BSB 062-000, account number 1234 5678?",
        "It's SW1A 2AA, and the reference is ABC-DEF.",
        "The IBAN was GB33 BUKB 2020 1555 5555 55.",
        "My NHS number is on the GP letter from the DVLA.",
    ],
)
def test_codes_and_abbreviations_are_not_shouting(line: str) -> None:
    assert "shouting (all caps)" not in cues(line)
    assert level(("a", "Which account is it?"), ("u", line)) == "calm"


@pytest.mark.parametrize(
    "line",
    ["THIS IS RIDICULOUS", "I SAID NO", "This is RIDICULOUS and UNACCEPTABLE.", "I want it fixed RIGHT NOW."],
)
def test_real_shouting_still_counts(line: str) -> None:
    assert "shouting (all caps)" in cues(line)


# --- 3. polite phrases ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("agent", "line"),
    [
        ("Would you like me to send a renewal request?", "no problem"),
        ("I can only extend it by a week.", "No worries if you can't do much."),
        ("Sorry, I didn't understand.", "It's okay, no problem."),
        ("Is there anything else?", "That's not a problem at all, thanks."),
    ],
)
def test_polite_phrases_are_calm(agent: str, line: str) -> None:
    assert level(("a", agent), ("u", line)) == "calm"


def test_a_real_problem_is_still_reported() -> None:
    assert "reported a problem" in cues("There's a problem with my last bill.")
    assert (
        level(("a", "How can I help?"), ("u", "The app shows an error when I log in."))
        == "slightly_frustrated"
    )


def test_a_hardship_is_not_a_complaint() -> None:
    assert (
        level(("a", "How can I help?"), ("u", "Sorry, I lost my job last month, so it's been tight."))
        == "calm"
    )
    assert "reported a problem" in cues("I lost my card yesterday.")


# --- 4. a polite request for a person ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("agent", "line"),
    [
        ("What's it about?", "Can I speak to a real person please?"),
        ("How can I help?", "actually um could i just talk to a person please it's kind of complicated"),
    ],
)
def test_a_polite_request_for_a_person_is_at_most_slightly_frustrated(agent: str, line: str) -> None:
    brief = build_brief(call(("a", agent), ("u", line)))
    assert brief.header.sentiment.level == "slightly_frustrated"
    assert brief.transfer_reason.startswith("Caller asked to speak with a human agent")  # still the trigger
    assert HUMAN in cues(line)  # still a cue
    assert "frustration" not in marker_types(brief, 1)


@pytest.mark.parametrize(
    "line",
    [
        "I want to speak to a manager.",
        "Representative. Agent. Human.",
        "Can I speak to a real person please? This is the third time I've called.",
        "Could I talk to a person, this is ridiculous.",
    ],
)
def test_a_blunt_request_or_one_with_other_cues_is_frustrated(line: str) -> None:
    brief = build_brief(call(("a", "How can I help?"), ("u", line)))
    assert brief.header.sentiment.level in ("frustrated", "angry", "escalated")
    assert "frustration" in marker_types(brief, 1)


# --- 5. a short turn without cues does not calm the caller ---------------------------------------------


def test_a_short_reply_after_an_escalation_keeps_the_level_up() -> None:
    brief = build_brief(
        call(
            ("a", "How can I help?"),
            ("u", "This is damn ridiculous, I'm calling my lawyer, you people are useless!"),
            ("a", "Let me get a supervisor for you."),
            ("u", "yeah you do that"),
        )
    )
    assert brief.header.sentiment.level in ("escalated", "angry")
    assert "frustration" not in marker_types(brief, 3)  # the turn itself carries no cue


def test_a_short_reply_after_a_long_angry_exchange_is_not_calm() -> None:
    brief = build_brief(
        call(
            ("a", "How can I help?"),
            ("u", "My internet has been down for a week and nobody has fixed it, this is unacceptable."),
            ("a", "I'm sorry to hear that. Can I have your account number?"),
            ("u", "I already gave it to you twice! This is ridiculous!"),
            ("a", "I apologise. I'll book a technician."),
            ("u", "Fine. Just hurry, please."),
        )
    )
    assert brief.header.sentiment.level in ("frustrated", "angry")
    assert "frustration" not in marker_types(brief, 5)


def test_a_thank_you_still_lowers_the_level_and_short_turns_ease_it_a_step_at_a_time() -> None:
    angry = ("u", "Damn it, I'm calling my lawyer!")
    assert level(("a", "How can I help?"), angry, ("a", "I see."), ("u", "Okay.")) == "angry"
    assert level(("a", "How can I help?"), angry, ("a", "I see."), ("u", "Thank you.")) == "frustrated"
    short = [t for _ in range(5) for t in (("a", "Anything else?"), ("u", "Okay."))]
    assert level(("a", "How can I help?"), angry, *short) == "calm"


# --- 6. identity confirmations -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("agent", "verified"),
    [
        ("Thank you, Jasmine, I've found your chart and verified your identity.", True),
        ("Thank you, Jasmine, I've verified your identity.", True),
        ("Great, that matches what we have on file.", True),
        ("Thanks, I was able to verify you.", True),
        ("I've confirmed it's you.", True),
        ("I couldn't verify your identity.", False),
        ("Sorry, that doesn't match what we have on file.", False),
        ("I haven't verified your identity yet.", False),
        ("Once I've verified your identity I can help.", False),
        ("Let me check if that matches what we have on file.", False),
        ("I wasn't able to verify you.", False),
    ],
)
def test_identity_confirmations(agent: str, verified: bool) -> None:
    brief = build_brief(call(("a", GREETING), ("u", "It's Jasmine Lee, born 3 March 1990."), ("a", agent)))
    assert ("identity_verified" in marker_types(brief, 2)) is verified


def test_a_confirmed_identity_has_no_verify_step() -> None:
    brief = build_brief(
        call(
            ("a", GREETING),
            ("u", "It's Jasmine Lee, born 3 March 1990."),
            ("a", "Thanks, I was able to verify you."),
            ("u", "Great. I need to move my appointment."),
        )
    )
    assert not any("Verify the caller's identity" in s.action for s in brief.suggested_next_steps)


# --- 7. promises ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("agent", "flagged"),
    [
        ("I can't guarantee a time, but I'll escalate it.", False),
        ("I cannot promise anything, but I'll pass it on.", False),
        ("Don't worry, the doctor will definitely call you back within the hour.", True),
        ("Don't worry, your refund will definitely be processed today.", True),
        ("We will reimburse the nine hundred dollars you lost.", True),
        ("Don't worry, I'll make sure this never happens again.", True),
        ("I'll have a technician out there tomorrow morning between eight and noon.", True),
        ("Restarting the router will definitely help.", False),
        ("I'll send you a confirmation email now.", False),
        ("I'll book you in for tomorrow morning at nine.", False),
    ],
)
def test_promises_a_person_or_process_must_keep(agent: str, flagged: bool) -> None:
    brief = build_brief(call(("a", GREETING), ("u", "My bill is wrong."), ("a", agent)))
    assert (PROMISE in [f.type for f in brief.compliance_flags]) is flagged


def test_an_action_the_agent_says_it_took_is_a_commitment() -> None:
    agent = "I've waived the late fee and credited your account fifty dollars."
    brief = build_brief(call(("a", GREETING), ("u", "I was charged a late fee."), ("a", agent)))
    assert "ai_commitment" in marker_types(brief, 2)


# --- 8. exasperation -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "line",
    [
        "no i said cancel",
        "dude i've said it three times cancel it",
        "are you even listening to me",
        "i swear to god if this isn't fixed today",
        "I'm honestly so done with this.",
        "i've called five times",
        "i don't care anymore just fix it",
        "oh great thats just perfect another week without internet",
    ],
)
def test_exasperation_is_not_calm(line: str) -> None:
    assert level(("a", "How can I help?"), ("u", line)) != "calm"


@pytest.mark.parametrize(
    "line",
    [
        "I said yes",
        "I've called before",
        "great, that's perfect, thank you",
        "I take it three times a day.",
        "I'm done with the form, what's next?",
        "Oh great, thank you so much!",
    ],
)
def test_calm_lines_near_the_exasperation_cues_stay_calm(line: str) -> None:
    assert level(("a", "How can I help?"), ("u", line)) == "calm"


def test_as_i_said_alone_is_not_a_frustrated_turn() -> None:
    brief = build_brief(call(("a", "How can I help?"), ("u", "as I said on the form")))
    assert "frustration" not in marker_types(brief, 1)


def test_swearing_taken_back_counts_less_but_still_counts() -> None:
    taken_back, _ = score_turn("This is a complete shit show. Sorry. Sorry, that wasn't aimed at you.")
    sworn, _ = score_turn("This is a complete shit show.")
    assert 2.0 <= taken_back < sworn
    assert score_turn("Sorry, but this is a complete shit show.")[0] == sworn


def test_asking_for_the_fraud_team_is_not_negative_language() -> None:
    assert score_turn("I think I'd better speak to the fraud specialist then. Is that possible?")[0] < 2.0
    assert "negative language" in score_turn("This is fraud, plain and simple.")[1]


# --- 9. a caller the AI agent is not following ----------------------------------------------------------


@pytest.mark.parametrize(
    "line",
    [
        "You don't understand. I never ordered the second router.",
        "No, you still don't understand, the charge is from March.",
        "but you clearly don't understand i never had a second line",  # as speech-to-text writes it
        "Look, you just don't understand what I'm asking.",
        "I feel like they don't understand me at all.",
        "You're not listening, I said the upstairs unit.",
        "Now I'm even more confused than before.",
        "This conversation is going nowhere.",
        "This chat is not going well.",
        "Could you just answer my question?",
        "Answer what I asked, please.",
        "Honestly, very bad customer service!",
        "It's my right as a consumer to send it back within 14 days.",
        "I've tried everything and the error is always the same.",
        "This is appalling, three engineers and no dial tone.",
        "Frankly it's a disgrace how this was handled.",
        "Honestly, what's the point of even calling you?",
        "What's the point?",
        # sarcastic thanks do not take the sting out of it
        "You don't understand. Thanks a lot for your wonderful help.",
    ],
)
def test_a_caller_who_is_not_being_followed_is_frustrated(line: str) -> None:
    brief = build_brief(call(("a", "How can I help?"), ("u", line)))
    assert "frustration" in marker_types(brief, 1), score_turn(line)


@pytest.mark.parametrize(
    "line",
    [
        "If you don't understand my accent, I can spell it.",
        "Sorry, I don't understand the second option.",
        "I had a bad experience at the hotel last time, so a different one please.",
        "Thank you for your patience, that's all I needed.",
        "Can you answer my question about the late fee?",
        "If I cancel my subscription, can I still use my credits this month?",
        "The app says something went wrong, please try again later.",
        "Okay, I'll try again tomorrow.",
        "Is the problem always the same price?",
        "What's the point of the setup fee on my bill?",
    ],
)
def test_calm_lines_near_those_cues_stay_calm(line: str) -> None:
    assert score_turn(line)[0] < 2.0, score_turn(line)


def test_an_error_message_read_out_is_not_a_step_repeated() -> None:
    assert "repeated a failed step" not in cues(
        "It says: Oops, something went wrong. Please try again later."
    )
    assert "repeated a failed step" in cues("I tried again and it still says the same thing.")


@pytest.mark.parametrize(
    "reply",
    [
        "I'm sorry to hear that. Let me check.",
        "Sorry to hear that. Let me check.",  # the reply's first word has a capital
        "I'm sorry to learn about the issue you are facing, let me look into it.",
        "So sorry to know about this, I will do my best to help.",
        "I'm sorry about that. Would you like a technician visit?",
    ],
)
def test_an_agent_who_answers_a_complaint_with_empathy_confirms_it(reply: str) -> None:
    line = "I restarted it again this morning."
    alone, _ = score_turn(line)
    answered, found = score_turn(line, reply=reply)
    assert alone < 2.0 <= answered and "agent apologised" in found
    # a plain report answered with the empathy an AI agent gives every problem is not an upset caller
    report = "I cannot log in to the app since Monday."
    assert score_turn(report, reply=reply) == score_turn(report)
    # the AI agent owning its own slip is not a reaction to the caller's mood
    assert score_turn(line, reply="Sorry, I didn't catch that. Could you repeat it?")[0] == alone
    assert score_turn(line, reply="Sorry about that, Boston. What date?")[0] == alone


# --- 10. a threat to leave is the caller's own, and names a competitor --------------------------------------


@pytest.mark.parametrize(
    "line",
    [
        "Hi, I'm on the unlimited plan. Can I switch to another plan that's cheaper?",
        "I'd like to switch to a different plan, please.",
        "Can I switch to another brand and still keep my books?",
        "The customer is complaining that the GPS was not in the box.",
        "My clients keep complaining about the delivery times.",
    ],
)
def test_a_plan_change_or_someone_elses_complaint_is_no_threat(line: str) -> None:
    brief = build_brief(call(("a", "How can I help?"), ("u", line)))
    assert "threatened to cancel or complain" not in cues(line)
    assert brief.header.sentiment.level == "calm"
    assert not any("frustration" in s.action for s in brief.suggested_next_steps)


@pytest.mark.parametrize(
    "line",
    [
        "Fix this or I'm switching to another provider.",
        "If this isn't sorted today I'll switch to another bank.",
        "I'm thinking of leaving for a different network.",
        "The engineer never came, I want to complain.",
        "They keep ignoring me, so I'm going to complain.",
    ],
)
def test_a_threat_to_leave_or_complain_still_counts(line: str) -> None:
    assert "threatened to cancel or complain" in cues(line)


@pytest.mark.parametrize(
    ("line", "turned_down"),
    [
        ("I don't want a refund, I want the book I paid for.", True),
        ("I don't need an apology, I need the heating fixed.", True),
        ("I didn't ask for a voucher. I asked for my parcel.", True),
        ("I don't want the discount applied to this order, just the next one.", False),
        ("Do I need a voucher code for that?", False),
        ("Can I get a refund instead?", False),
    ],
)
def test_a_caller_who_turns_down_the_remedy_on_offer_is_frustrated(line: str, turned_down: bool) -> None:
    brief = build_brief(call(("a", "I can offer you a refund or a voucher."), ("u", line)))
    assert ("frustration" in marker_types(brief, 1)) is turned_down, score_turn(line)


# --- 11. calls that came to nothing, going public, giving up ---------------------------------------------------


@pytest.mark.parametrize(
    ("line", "cue"),
    [
        ("Like I told the last three people. This is my fourth call this week.", "repeated a failed step"),
        ("Same as the last four times.", "repeated a failed step"),
        ("I've sent the death certificate three times.", "repeated a failed step"),
        ("i was promised a callback on monday and nothing", "repeated a failed step"),
        ("I'm posting this on Twitter tonight.", "threatened to go public or elsewhere"),
        ("I've spoken to a reporter at the local paper.", "threatened to go public or elsewhere"),
        ("Fine. I will go to the consumer forum.", "threatened to go public or elsewhere"),
        ("Never mind. I'll book elsewhere.", "threatened to go public or elsewhere"),
        ("Fine, whatever. I'll just look at other providers.", "threatened to go public or elsewhere"),
        ("Forget it.", "exasperation"),
        ("No, thanks for nothing.", "exasperation"),
        ("Oh great, just great.", "exasperation"),
    ],
)
def test_a_caller_worn_down_by_earlier_contacts_or_giving_up_shows_it(line: str, cue: str) -> None:
    assert cue in cues(line)


@pytest.mark.parametrize(
    "line",
    [
        "I take it three times a day.",
        "Our last three invoices were fine.",
        "I saw your ad on Facebook.",
        "I got the paper bill yesterday, it's fine.",
        "Can I go to another store to pick it up?",
        "I'll leave you a great review.",
        "Forget it, I found the email.",
        "Forget it then, the Tuesday slot is fine.",
    ],
)
def test_calm_lines_near_the_giving_up_cues_stay_calm(line: str) -> None:
    assert score_turn(line)[0] < 2.0, score_turn(line)


@pytest.mark.parametrize(
    ("line", "frustrated"),
    [
        ("Can you just put me onto a human.", False),  # asked plainly: the request, not a mood
        ("Yes. A refund, or a person who can get me one.", True),
        ("someone speak spanish please", False),  # routing to a language
        ("Then get me a pharmacist, please, this is urgent.", True),
    ],
)
def test_more_ways_to_ask_for_a_person_are_requests_for_one(line: str, frustrated: bool) -> None:
    brief = build_brief(call(("a", "How can I help?"), ("u", line)))
    assert "escalation_trigger" in marker_types(brief, 1)
    assert brief.transfer_reason.startswith("Caller asked to speak with a human agent")
    assert ("frustration" in marker_types(brief, 1)) is frustrated


@pytest.mark.parametrize(
    ("line", "complaint"),
    [
        (
            "No complaints at all, you've been great. I'm moving to Canada, so please close the account.",
            False,
        ),
        ("My main complaint is a sore throat, can I see someone today?", False),
        ("I want to make a complaint about the engineer.", True),
    ],
)
def test_no_complaint_or_a_symptom_is_no_complaint(line: str, complaint: bool) -> None:
    brief = build_brief(call(("a", "How can I help?"), ("u", line)))
    assert ("threatened to cancel or complain" in cues(line)) is complaint
    assert ("complaint" in brief.transfer_reason) is complaint


# --- 12. a matter played down, a threat ruled out, a polite "please transfer me" -----------------------------
@pytest.mark.parametrize(
    "line",
    [
        "It's not urgent at all, whenever someone has a minute.",
        "Nothing serious, I just have a question about my meter.",
        "Nobody's been hurt, it's only the bumper.",
        "There's nothing wrong with the phone, I just want to upgrade it.",
        "Nothing's broken, I'd like to add a second line.",
        "No, nothing else, thanks.",
        "Don't worry, I'm not going to sue anyone, haha. I just need to add my son to the policy.",
        "I'm not going to complain, it was a small thing.",
    ],
)
def test_a_matter_played_down_or_a_threat_ruled_out_is_calm(line: str) -> None:
    assert level(("a", GREETING), ("u", line)) == "calm"


@pytest.mark.parametrize(
    "line",
    [
        "This is urgent, my basement is flooding!",
        "Nothing works and nobody calls me back.",
        "If you don't fix this today I'll cancel my account.",
    ],
)
def test_the_same_words_unnegated_still_count(line: str) -> None:
    assert level(("a", GREETING), ("u", line)) in ("frustrated", "angry", "escalated")


@pytest.mark.parametrize(
    ("line", "frustrated"),
    [
        ("Please transfer me.", False),
        ("ok please transfer me", False),
        ("Can you transfer me, please?", False),
        ("Just transfer me, please.", True),
        ("Transfer me now, please.", True),
        ("Agent. Agent. Please.", True),
    ],
)
def test_please_transfer_me_is_a_request_unless_impatient(line: str, frustrated: bool) -> None:
    brief = build_brief(call(("a", "I can help with that, or transfer you to someone."), ("u", line)))
    assert brief.transfer_reason.startswith("Caller asked to speak with a human agent")
    assert ("frustration" in marker_types(brief, 1)) is frustrated


@pytest.mark.parametrize(
    "line",
    [
        "Is your manager's special on salmon still going this week?",
        "I need a representative payee form for my mother.",
    ],
)
def test_a_product_or_a_form_named_after_a_person_is_no_request_for_one(line: str) -> None:
    brief = build_brief(call(("a", GREETING), ("u", line)))
    assert HUMAN not in cues(line)
    assert not brief.transfer_reason.startswith("Caller asked to speak with a human agent")


def test_asking_for_the_managers_name_is_still_asking_for_the_manager() -> None:
    assert HUMAN in cues("Give me your manager's name.")


def test_an_error_code_spelled_with_underscores_is_not_shouting() -> None:
    line = 'The app shows "ERROR: E _ LICENSE _ ALREADY _ FULFILLED _ BY _ ANOTHER _ USER" on every book.'
    assert "shouting (all caps)" not in cues(line)
    assert "shouting (all caps)" in cues("I TOLD YOU ALREADY, the app shows an error on every book.")


@pytest.mark.parametrize(
    ("line", "asked"),
    [
        ("This isn't working. Is there a phone number I can call?", True),
        ("Do you have any number we could ring instead?", True),
        ("What's the number I can call you back on if we get cut off?", False),
        ("My phone number is 555 0142, you can call me on it.", False),
    ],
)
def test_asking_for_a_number_to_reach_a_person_is_asking_for_one(line: str, asked: bool) -> None:
    assert (HUMAN in cues(line)) is asked


# --- 13. counted attempts, and what was said would happen and never did ---------------------------------------
@pytest.mark.parametrize(
    "line",
    [
        "I've restarted the router three times now.",
        "I tried it twice and it's always the same.",
        "That's the third card I've tried, again.",
    ],
)
def test_a_caller_who_counts_the_failed_attempts_is_frustrated(line: str) -> None:
    score, found = score_turn(line)
    assert "counted the attempts" in found and score >= 2.0


@pytest.mark.parametrize(
    "line",
    [
        "I restarted it again this morning.",  # tried again, not counted
        "I take the tablets three times a day and it's fine.",  # a dose, not attempts
        "It's the second time I'm staying with you, I'd like the same room.",  # a visit, not an attempt
        "I'd like to book the third time slot on Friday.",
        "We go there several times a year.",
    ],
)
def test_an_attempt_not_counted_or_a_dose_is_not_counted(line: str) -> None:
    assert "counted the attempts" not in cues(line)
    assert score_turn(line)[0] < 2.0


def test_a_count_confirms_frustration_but_does_not_make_it_anger() -> None:
    alone = score_turn("It's broken and I've called about it.")[0]
    counted = score_turn("It's broken and I've called about it twice already.")[0]
    assert alone < 2.0 <= counted < 4.0


@pytest.mark.parametrize(
    ("line", "frustrated"),
    [
        ("They said an engineer would come on Monday, which never happened.", True),
        ("You told me it was sorted, that never happened.", True),
        ("Can I get the credits back for the classes that did not happen?", False),
    ],
)
def test_a_promise_that_never_happened_is_frustrating(line: str, frustrated: bool) -> None:
    assert (score_turn(line)[0] >= 2.0) is frustrated


@pytest.mark.parametrize(
    ("line", "threat"),
    [
        ("There's a light out on Elm Road. I wasn't sure who to report it to, so I'd report it here.", False),
        ("I'll report it to the council myself if that's easier.", False),
        ("If this isn't fixed by Friday I'll report you.", True),
        ("I'm going to report this.", True),
    ],
)
def test_reporting_a_fault_is_no_threat_to_report_the_company(line: str, threat: bool) -> None:
    assert ("threatened to cancel or complain" in cues(line)) is threat


def test_an_urgent_care_appointment_is_a_clinic_not_urgency() -> None:
    line = "hi i'd like to book an urgent care appointment for tomorrow its for a sprained ankle"
    assert level(("a", GREETING), ("u", line)) == "calm"


@pytest.mark.parametrize(
    ("line", "frustrated"),
    [
        ("I'd like to sign up for the garden waste collection, the brown bin one.", False),
        ("Where do I get a new waste bin?", False),
        ("This is a waste of time.", True),
        ("You've wasted an hour of my life.", True),
    ],
)
def test_garden_waste_is_no_waste_of_time(line: str, frustrated: bool) -> None:
    assert ("negative language" in cues(line)) is frustrated
