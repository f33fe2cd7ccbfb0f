"""What the context of a trigger word says about its event: its modality (asserted,
hypothetical, planned, negated, generic), whether the word is used in another sense, and
which noun phrases may fill an actor's role. Read off the dependency parse, with the cue
words of `data/lexicons/events.json`."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from spacy.tokens import Token

from newsgraph.extract.lexicons import base_forms, event_lexicon, event_table

# Clause links a modality travels down: "plans to attack", "will establish camps and launch
# attacks", "said they would attack". Not relative clauses: "the men who attacked" is told as
# it happened whatever the main clause says.
_CLAUSE_LINKS = frozenset({"xcomp", "ccomp", "conj", "csubj"})
_NOMINAL_LINKS = frozenset(
    {"obj", "iobj", "obl", "nmod", "nsubj", "nsubj:pass", "compound", "appos", "obl:unmarked"}
)
# How far up the parse a cue may govern the trigger.
_STEPS = 4


@dataclass(frozen=True)
class ContextCues:
    negation: frozenset[str]
    negating_governors: frozenset[str]
    conditional_marks: frozenset[str]
    hypothetical_aux: frozenset[str]
    future_aux: frozenset[str]
    planning_governors: frozenset[str]
    habitual_adverbs: frozenset[str]
    generic_determiners: frozenset[str]
    definition_verbs: frozenset[str]
    evidential: dict[str, str]
    reporting_verbs: frozenset[str]
    support_verbs: frozenset[str]
    non_armed_prep: dict[str, frozenset[str]]
    non_armed_modifiers: dict[str, frozenset[str]]
    # What the word acts on in another sense ("used to attack Windows users": a computer's).
    non_armed_objects: dict[str, frozenset[str]]
    # What the word modifies in another sense ("placed on injured reserve": a players' list).
    non_armed_heads: dict[str, frozenset[str]]
    actor_roles: frozenset[str]
    actor_pronouns: frozenset[str]
    non_actor_nouns: frozenset[str]
    non_travellers: frozenset[str]
    argument_confidence: dict[str, float]
    needs_place_or_artifact: frozenset[str]
    campaign_nouns: dict[str, frozenset[str]]
    needs_agent: frozenset[str]
    intangible_nouns: frozenset[str]
    effect_verbs: frozenset[str]
    subject_roles: dict[str, str]
    # Per trigger lemma, roles of its prepositions that override its type's ("fired at").
    prep_roles: dict[str, dict[str, str]]
    # Prepositions whose phrase is a role only on a noun trigger ("the killing of X").
    nominal_preps: frozenset[str]
    # Animals: their deaths and injuries are no event of the taxonomy ("2,600 birds died").
    animal_nouns: frozenset[str]
    transport_types: frozenset[str]
    campaign_prep: dict[str, frozenset[str]]
    campaign_place_prep: dict[str, frozenset[str]]
    particle_senses: dict[str, frozenset[str]]
    # Per movement lemma, the prepositions (and their nouns, or any) of another sense.
    prepositional_senses: dict[str, dict[str, frozenset[str]]]
    # Bare objects of "leave" that are posts, no places ("leaves office").
    posts_left: frozenset[str]
    # Bodies of people a verb of personnel_senses dismisses ("fired the board").
    personnel_staff: frozenset[str]
    # People one goes back to as to a home ("returned to their families").
    kin_destinations: frozenset[str]
    transitive_senses: frozenset[str]
    # Triggers that only act on someone: with a subject and no object they are a headline's
    # passive ("climbers killed in New Zealand").
    patient_subjects: frozenset[str]
    timing_senses: dict[str, frozenset[str]]
    # Where a person sent or gone is jailed, not moved ("sent to prison"), and those verbs.
    custody_nouns: frozenset[str]
    custody_verbs: frozenset[str]
    # Of those, the verbs whose subject goes to custody itself ("went to jail").
    custody_self_moving: frozenset[str]
    # What one is held without in custody ("held without bail").
    custody_without: frozenset[str]
    reflexive_pronouns: frozenset[str]
    # Adverbs that name where a movement goes ("came home").
    destination_adverbs: frozenset[str]
    # Adverbs of the way one goes ("was going west"): a journey, though no place is named.
    direction_adverbs: frozenset[str]
    # What a journey is made in or by ("escaped in another car"): its vehicle.
    vehicle_nouns: frozenset[str]
    # Verbs of going whose object is the vehicle, when it is one ("was driving a pickup").
    vehicle_verbs: frozenset[str]
    # Particles of a verb of going that tell a journey with no place named ("drove away").
    way_particles: frozenset[str]
    # Verbs of a purpose clause whose object is where a journey goes ("walked to reach the camp").
    destination_verbs: frozenset[str]
    listing_verbs: frozenset[str]
    state_verbs: frozenset[str]
    # Verbs a killing adjective follows with the victim after it ("shot dead his girlfriend").
    dead_verbs: frozenset[str]
    # Verbs whose object is the subject of a participle after it ("saw smoke coming").
    perception_verbs: frozenset[str]
    # What is fired or dropped: it lands or falls in an attack, on no journey.
    projectiles: frozenset[str]
    # Parts of the body an injury verb takes for object ("hurt his knee").
    body_parts: frozenset[str]
    # Support verbs whose subject undergoes the injury or killing they govern.
    experiencer_verbs: frozenset[str]
    # Verbs whose subject undergoes the event their under-phrase names ("came under fire").
    under_verbs: frozenset[str]
    # Nouns of a run of events ("a series of attacks"), carried out as the events are.
    series_nouns: frozenset[str]
    treatment_verbs: dict[str, frozenset[str]]
    fatal_journeys: frozenset[str]
    # Attack verbs that mean a dismissal when they act on a person ("fired the coach").
    personnel_senses: frozenset[str]
    # Types whose verb needs a subject or agent that can act ("sea ice threatens the bear").
    actor_types: frozenset[str]
    # The prepositions that give a movement its origin or destination ("to", "from", ...).
    journey_preps: frozenset[str]
    # Adverbs that are a journey's end ("came home", "went abroad", "came back").
    journey_adverbs: frozenset[str]
    # Armed sides, their arms and wars: a fight word is an armed clash only near them, in its
    # sentence or (armed_in_article of them) in its article.
    armed_words: frozenset[str]
    armed_in_article: int
    # Armed clash triggers that need no armed side ("war", "firefight").
    armed_by_themselves: frozenset[str]
    # Attack triggers that do need them ("strike", "offensive").
    armed_attacks: frozenset[str]
    # Their own modifiers that arm them by themselves ("an air strike").
    armed_modifiers: frozenset[str]
    # Bombing triggers that need them or explosives ("explosion"), and the words of both.
    armed_bombings: frozenset[str]
    explosive_words: frozenset[str]
    # Who answers for an event: the nouns, verbs and adjectives of claiming it, accusing
    # someone of it (with the prepositions before the event) or attributing it (before the
    # actor), and the subjects that name no one.
    responsibility_nouns: frozenset[str]
    claim_verbs: frozenset[str]
    responsible_adjectives: dict[str, frozenset[str]]
    accusing_verbs: dict[str, frozenset[str]]
    accusing_nouns: dict[str, frozenset[str]]
    bearing_verbs: frozenset[str]
    attributing_verbs: dict[str, frozenset[str]]
    nobody: frozenset[str]
    words_of_responsibility: frozenset[str]
    # The same less the claim verbs: a word under which an event is told as done by someone.
    answering_words: frozenset[str]
    # Fires and the crews that fight them: an attack on a fire is no attack.
    fires: frozenset[str]
    fire_crews: frozenset[str]
    # Nouns that are events only as the object of their verbs ("opened fire"), or as the
    # subject of others ("a bomb landed in the camp"): type, verbs, subject verbs.
    light_verb_nouns: dict[str, tuple[str, frozenset[str], frozenset[str]]]
    # What a plot may aim at: the event types of an aim verb, and the verbs of force the
    # lexicon does not list ("a plot to overthrow the government").
    plot_aim_types: frozenset[str]
    plot_aim_verbs: frozenset[str]
    # The nouns of a crime's legal case, and the types whose word before them is the crime.
    crime_case_nouns: frozenset[str]
    crime_case_types: frozenset[str]


@cache
def context_cues() -> ContextCues:
    table = event_table()
    cues = table["modality_cues"]
    senses = table["non_armed_senses"]
    responsibility = table["responsibility"]
    answering = frozenset(
        [
            *responsibility["nouns"],
            *responsibility["adjectives"],
            *responsibility["accusing_verbs"],
            *responsibility["accusing_nouns"],
            *responsibility["attributing_verbs"],
        ]
    )
    return ContextCues(
        negation=frozenset(cues["negation"]),
        negating_governors=frozenset(cues["negating_governors"]),
        conditional_marks=frozenset(cues["conditional_marks"]),
        hypothetical_aux=frozenset(cues["hypothetical_aux"]),
        future_aux=frozenset(cues["future_aux"]),
        planning_governors=frozenset(cues["planning_governors"]),
        habitual_adverbs=frozenset(cues["habitual_adverbs"]),
        generic_determiners=frozenset(cues["generic_determiners"]),
        definition_verbs=frozenset(cues["definition_verbs"]),
        evidential=dict(table["modality"]),
        reporting_verbs=frozenset(table["reporting_verbs"]),
        support_verbs=frozenset(table["support_verbs"]),
        non_armed_prep={k: frozenset(v["prep"]) for k, v in senses.items()},
        non_armed_modifiers={k: frozenset(v["modifiers"]) for k, v in senses.items()},
        non_armed_objects={k: frozenset(v.get("objects", ())) for k, v in senses.items()},
        non_armed_heads={k: frozenset(v.get("heads", ())) for k, v in senses.items()},
        actor_roles=frozenset(table["actor_roles"]),
        actor_pronouns=frozenset(table["actor_pronouns"]),
        non_actor_nouns=frozenset(table["non_actor_nouns"]),
        non_travellers=frozenset(table["non_travellers"]),
        argument_confidence={k: float(v) for k, v in table["argument_confidence"].items()},
        needs_place_or_artifact=frozenset(table["needs_place_or_artifact"]),
        campaign_nouns={k: frozenset(v["nouns"]) for k, v in table["campaigns"].items()},
        intangible_nouns=frozenset(table["intangible_nouns"]),
        effect_verbs=frozenset(table["effect_verbs"]),
        subject_roles={
            lemma: spec["subject_role"]
            for lemma, spec in table["triggers"].items()
            if spec.get("subject_role")
        },
        prep_roles={
            lemma: dict(spec["prep_roles"])
            for lemma, spec in table["triggers"].items()
            if spec.get("prep_roles")
        },
        nominal_preps=frozenset(table["nominal_preps"]),
        animal_nouns=frozenset(table["animal_nouns"]),
        transport_types=frozenset(table["transport_types"]),
        needs_agent=frozenset(
            lemma for lemma, spec in table["triggers"].items() if spec.get("needs_agent")
        ),
        campaign_prep={k: frozenset(v["prep"]) for k, v in table["campaigns"].items()},
        campaign_place_prep={k: frozenset(v["place_prep"]) for k, v in table["campaigns"].items()},
        particle_senses={k: frozenset(v) for k, v in table["particle_senses"].items()},
        prepositional_senses={
            lemma: {prep: frozenset(nouns) for prep, nouns in preps.items()}
            for lemma, preps in table["prepositional_senses"].items()
        },
        posts_left=frozenset(table["posts_left"]),
        personnel_staff=frozenset(table["personnel_staff"]),
        kin_destinations=frozenset(table["kin_destinations"]),
        transitive_senses=frozenset(table["transitive_senses"]),
        patient_subjects=frozenset(table["patient_subjects"]),
        timing_senses={k: frozenset(v) for k, v in table["timing_senses"].items()},
        custody_nouns=frozenset(table["custody_nouns"]["nouns"]),
        custody_verbs=frozenset(table["custody_nouns"]["verbs"]),
        custody_self_moving=frozenset(table["custody_nouns"]["self_moving"]),
        custody_without=frozenset(table["custody_nouns"]["without"]),
        reflexive_pronouns=frozenset(table["reflexive_pronouns"]),
        destination_adverbs=frozenset(table["destination_adverbs"]),
        direction_adverbs=frozenset(table["direction_adverbs"]),
        vehicle_nouns=frozenset(table["vehicle_nouns"]),
        vehicle_verbs=frozenset(table["vehicle_verbs"]),
        way_particles=frozenset(table["way_particles"]),
        destination_verbs=frozenset(table["destination_verbs"]),
        listing_verbs=frozenset(table["listing_verbs"]),
        state_verbs=frozenset(table["state_verbs"]),
        dead_verbs=frozenset(table["dead_verbs"]),
        perception_verbs=frozenset(table["perception_verbs"]),
        projectiles=frozenset(table["projectiles"]),
        body_parts=frozenset(table["body_parts"]),
        experiencer_verbs=frozenset(table["experiencer_verbs"]),
        under_verbs=frozenset(table["under_verbs"]),
        series_nouns=frozenset(table["series_nouns"]),
        treatment_verbs={k: frozenset(v) for k, v in table["treatment_verbs"].items()},
        fatal_journeys=frozenset(table["fatal_journeys"]),
        personnel_senses=frozenset(table["personnel_senses"]),
        actor_types=frozenset(table["actor_types"]),
        journey_preps=frozenset(
            prep
            for prep, role in table["roles"]["movement"]["prep"].items()
            if role in {"origin", "destination"}
        ),
        journey_adverbs=frozenset([*table["places_left"], "back"]),
        armed_words=frozenset(table["armed_context"]["words"]),
        armed_in_article=int(table["armed_context"]["in_article"]),
        armed_by_themselves=frozenset(table["armed_context"]["needs_none"]),
        armed_attacks=frozenset(table["armed_context"]["attack"]),
        armed_modifiers=frozenset(table["armed_context"]["modifiers"]),
        armed_bombings=frozenset(table["armed_context"]["bombing"]),
        explosive_words=frozenset(
            table["armed_context"]["explosive_words"] + table["armed_context"]["words"]
        ),
        responsibility_nouns=frozenset(responsibility["nouns"]),
        claim_verbs=frozenset(responsibility["claim_verbs"]),
        responsible_adjectives={k: frozenset(v) for k, v in responsibility["adjectives"].items()},
        accusing_verbs={k: frozenset(v) for k, v in responsibility["accusing_verbs"].items()},
        accusing_nouns={k: frozenset(v) for k, v in responsibility["accusing_nouns"].items()},
        bearing_verbs=frozenset(responsibility["bearing_verbs"]),
        attributing_verbs={k: frozenset(v) for k, v in responsibility["attributing_verbs"].items()},
        nobody=frozenset(responsibility["nobody"]),
        answering_words=answering,
        words_of_responsibility=answering | frozenset(responsibility["claim_verbs"]),
        fires=frozenset(table["firefighting"]["fires"]),
        fire_crews=frozenset(table["firefighting"]["crews"]),
        light_verb_nouns={
            noun: (spec["type"], frozenset(spec["verbs"]), frozenset(spec.get("subject_verbs", ())))
            for noun, spec in table["light_verb_nouns"].items()
        },
        plot_aim_types=frozenset(table["plot_aims"]["types"]),
        plot_aim_verbs=frozenset(table["plot_aims"]["verbs"]),
        crime_case_nouns=frozenset(table["crime_cases"]["nouns"]),
        crime_case_types=frozenset(table["crime_cases"]["types"]),
    )


def _lemma(token: Token) -> str:
    return (token.lemma_ or token.text).lower()


def _negated_here(token: Token, cues: ContextCues) -> bool:
    for child in token.children:
        word = child.lower_
        if word in cues.negation and child.dep_ in {"advmod", "det", "case", "cc:preconj", "neg"}:
            return True
    return False


def negated(token: Token) -> bool:
    """A "not", "never" or "no" on the word itself ("has not claimed", "no attack")."""
    return _negated_here(token, context_cues())


def word_of(token: Token, words: frozenset[str] | dict[str, frozenset[str]]) -> str:
    """The token's lemma if it is one of `words`, or the base form the lemmatizer missed
    ("blamed" read as "blam"); else the lemma."""
    lemma = _lemma(token)
    if lemma in words:
        return lemma
    return next((form for form in base_forms(token.lower_) if form in words), lemma)


def _aux_modality(token: Token, cues: ContextCues) -> str | None:
    for child in token.children:
        if child.dep_ not in {"aux", "aux:pass"}:
            continue
        word = child.lower_
        if word in cues.future_aux:
            return "planned"
        if word in cues.hypothetical_aux:
            following = child.nbor() if child.i + 1 < len(child.doc) else None
            if word in {"'d", "’d"} and following is not None and following.tag_ == "VBN":
                continue  # "he'd been dropped off", "they'd fled": had, not would
            return "hypothetical"
        if word == "going" or _lemma(child) == "go":
            # "are going to attack"
            return "planned"
    return None


def _conditional(token: Token, cues: ContextCues) -> bool:
    """The clause is an if-clause, or the consequence of one ("if we withdraw, they will ...")."""
    for child in token.children:
        if child.dep_ == "mark" and child.lower_ in cues.conditional_marks:
            return True
        if child.dep_ == "advcl" and any(
            g.dep_ == "mark" and g.lower_ in cues.conditional_marks for g in child.children
        ):
            return True
    return False


def _generic(verb: Token, cues: ContextCues) -> bool:
    """A present-tense statement about a kind: "terrorists attack soft targets"."""
    if any(c.dep_ == "advmod" and c.lower_ in cues.habitual_adverbs for c in verb.children):
        return True
    if not _present_simple(verb):
        return False
    subjects = [c for c in verb.children if c.dep_ in {"nsubj", "nsubj:pass"}]
    if not subjects and verb.tag_ != "VB":
        return False  # "there appears to be ...": no kind is spoken of
    if subjects and not (_bare_plural(subjects[0]) or subjects[0].lower_ in {"who", "that"}):
        return False
    # Objects too are kinds, not counted or named things: "attack soft targets".
    objects = [c for c in verb.children if c.dep_ in {"obj", "iobj"}]
    return all(_bare_plural(o) or o.pos_ == "PRON" for o in objects)


def _generic_at(chain: list[Token], position: int, cues: ContextCues) -> bool:
    """The trigger's own verb, or the verb whose object a nominal trigger is ("terrorists
    launch attacks on soft targets"), states something of a kind."""
    token = chain[position]
    if token.pos_ not in {"VERB", "AUX"}:
        return False
    if position == 0:
        return _generic(token, cues)
    below = chain[position - 1]
    if position == 1 and below.pos_ in {"NOUN", "PROPN"} and below.dep_ in {"obj", "obl"}:
        return _generic(token, cues)
    return (
        position >= 1
        and all(t.dep_ in {"xcomp", "conj"} for t in chain[:position])
        and (_generic(token, cues))
    )


def _present_simple(verb: Token) -> bool:
    """A present-tense verb of its own: "attack", "attacks", or a base form the tagger left
    without the auxiliary or "to" a base form needs ("men who fought ... and then return")."""
    if any(c.dep_ in {"aux", "aux:pass", "mark"} for c in verb.children):
        return False
    if verb.tag_ in {"VBP", "VBZ"}:
        return True
    return verb.tag_ == "VB" and verb.dep_ == "conj" and verb.head.tag_ != "VB"


def _bare_plural(noun: Token) -> bool:
    return (
        noun.pos_ == "NOUN"
        and noun.tag_ == "NNS"
        and not any(
            c.dep_ in {"det", "nummod", "nmod:poss", "det:poss"} or c.like_num
            for c in noun.children
        )
    )


_DEFINITE = frozenset({"the", "this", "these", "that", "those"})


def _definite(noun: Token) -> bool:
    """A noun with a definite, demonstrative or possessive determiner: "the attack", "these
    strikes", "his death"."""
    return any(
        c.dep_ in {"nmod:poss", "det:poss"} or (c.dep_ == "det" and c.lower_ in _DEFINITE)
        for c in noun.children
    )


def _kind_spoken_of(trigger: Token, cues: ContextCues) -> bool:
    """A trigger noun that stands for any event of its kind: "in each strike", "A strike ...
    means one or more kinetic events", "classified as a strike"."""
    if trigger.pos_ != "NOUN":
        return False
    determiners = {c.lower_ for c in trigger.children if c.dep_ == "det"}
    if determiners & cues.generic_determiners:
        return True
    if not determiners & {"a", "an"}:
        return False
    if any(c.dep_ == "case" and c.lower_ == "as" for c in trigger.children):
        return True
    return trigger.dep_ == "nsubj" and _lemma(trigger.head) in cues.definition_verbs


def modality(trigger: Token, event_type: str) -> str:
    """asserted, negated, hypothetical, planned or generic, from the trigger's clause and the
    clauses that govern it; else an evidential cue (alleged, reported, foiled, ...)."""
    cues = context_cues()
    if event_type == "plot":
        return "planned"
    if _kind_spoken_of(trigger, cues):
        return "generic"
    # The chain of heads the trigger's event depends on, nearest first.
    chain = [trigger]
    token = trigger
    for _ in range(_STEPS):
        head = token.head
        if head.i == token.i:
            break
        link = token.dep_
        if token.pos_ in {"VERB", "AUX", "ADJ"} and link not in _CLAUSE_LINKS | {
            "advcl",
            "amod",
            "acl",
        }:
            break
        if token.pos_ not in {"VERB", "AUX", "ADJ"} and link not in _NOMINAL_LINKS | _CLAUSE_LINKS:
            break
        if word_of(head, cues.answering_words) in cues.answering_words:
            break  # "denied responsibility for the bombing": who did it, not whether it was
        if _lemma(head) in cues.reporting_verbs and head.pos_ == "VERB":
            break  # "officials said they attacked": the report does not change the event
        if (
            token.pos_ == "NOUN"
            and link == "nsubj"
            and head.pos_ == "VERB"
            and _lemma(head) not in cues.support_verbs
            and _definite(token)
        ):
            break  # "his death will degrade ISIL": what a known event does is told after it
        chain.append(head)
        token = head
    for position, token in enumerate(chain):
        if _negated_here(token, cues):
            return "negated"
        if position and _lemma(token) in cues.negating_governors:
            return "negated"
        if _conditional(token, cues):
            return "hypothetical"
        aux = _aux_modality(token, cues)
        if aux is not None:
            return aux
        if position and _lemma(token) in cues.planning_governors:
            return "planned"
        if _generic_at(chain, position, cues):
            return "generic"
        if token.dep_ == "acl:relcl" or (token.pos_ in {"VERB", "AUX"} and token.dep_ == "advcl"):
            break
    for token in [
        trigger,
        *(c for c in trigger.children if c.dep_ in {"advmod", "amod"}),
        *chain[1:3],
    ]:
        if token.i == trigger.i:
            continue
        for form in (token.lower_, _lemma(token)):
            if form in cues.evidential:
                return cues.evidential[form]
    return "asserted"


def _names_a_kind(trigger: Token) -> bool:
    """A noun that modifies another noun names a kind of that thing, not an occurrence:
    "strike assessments", "a fighting position", "an assault ship", "suicide attacks" (the
    attacks are the event, not a suicide), "a non-combat related incident"."""
    return (
        trigger.pos_ == "NOUN"
        and trigger.dep_ in {"compound", "amod"}
        and trigger.head.i != trigger.i
        # "a stabbing spree", "a shooting incident" name the deed, not a kind of thing.
        and _lemma(trigger.head) not in event_lexicon().incident_nouns
        and (
            trigger.head.pos_ in {"NOUN", "PROPN"}
            # A compound adjective: "a non-combat related incident", "war-torn".
            or (trigger.head.pos_ == "ADJ" and trigger.head.dep_ == "amod")
        )
    )


def case_of_crime(trigger: Token, event_type: str, cues: ContextCues) -> Token | None:
    """The noun of the legal case a crime is named before: "trial" of "the murder trial of an
    Albany teen", "charges" of "murder and racketeering charges" (the particular crime the
    case is about); None where the word modifies no such noun."""
    if trigger.dep_ not in {"compound", "amod"} or event_type not in cues.crime_case_types:
        return None
    head = trigger.head
    while head.dep_ == "conj" and head.i < head.head.i:
        head = head.head  # "murder and racketeering charges" (not "death penalty cases")
    if head.pos_ in {"NOUN", "PROPN"} and head.lower_ in cues.crime_case_nouns:
        return head
    return None


def _describes(trigger: Token) -> bool:
    """A participle or adjective that describes a noun ("a threatened species", "a hard fought
    meet", with no object or phrase of its own), is said of it ("listed as threatened") or has
    a noun folded in ("injuries not considered life-threatening"), not a verb of an
    occurrence."""
    if trigger.pos_ not in {"VERB", "ADJ"}:
        return False
    if trigger.dep_ == "amod" and trigger.head.pos_ in {"NOUN", "PROPN"}:
        # With an object or a phrase of its own it is a clause the parse hung on a noun:
        # "Fighters of Fatah al-Islam clashed with the Lebanese Army in Tripoli".
        return not any(c.dep_ in {"obj", "obl", "nmod", "obl:agent"} for c in trigger.children)
    return trigger.pos_ == "ADJ" or any(
        c.dep_ == "cop"
        or (c.dep_ == "compound" and c.i < trigger.i)
        # "listed as threatened"; not "killed in clashes", "died in fighting", a noun the
        # tagger read as a verb
        or (c.dep_ == "case" and (trigger.tag_ == "VBN" or c.lower_ == "as"))
        for c in trigger.children
    )


def _campaign(trigger: Token, event_type: str, cues: ContextCues) -> bool:
    """ "the fight against Daesh": a campaign noun against an enemy, with no place of its own
    ("the battle against ISIL in Mosul", "the fight for Mosul" are fighting)."""
    if trigger.pos_ != "NOUN" or _lemma(trigger) not in cues.campaign_nouns.get(
        event_type, frozenset()
    ):
        return False
    located = cues.campaign_place_prep.get(event_type, frozenset())
    against = False
    for child in trigger.children:
        if child.dep_ not in {"nmod", "obl"}:
            continue
        case = preposition(child)
        if case in located:
            return False
        if case in cues.campaign_prep.get(event_type, frozenset()):
            # The parse may hang the place on the enemy: "the war against the rebels in Mosul".
            if any(g.dep_ in {"nmod", "obl"} and preposition(g) in located for g in child.children):
                return False
            if child.ent_type_ == "LOC":
                return False  # "a proxy war against South Sudan": a war on a state is fought
            against = True
    return against


def preposition(token: Token) -> str | None:
    """The case marker of a nominal: "in" of "in Mosul", also where the parse hangs it on the
    first word of a name ("of South Kordofan" with "of" on "South", "to Lucas Oil Stadium"
    with "to" on "Lucas")."""
    direct = next((c.lower_ for c in token.children if c.dep_ == "case"), None)
    if direct is not None:
        return direct
    first = next((c for c in token.lefts if c.dep_ == "compound"), None)
    if first is None or first.pos_ != "PROPN" or token.pos_ not in {"PROPN", "NOUN"}:
        return None
    return next((c.lower_ for c in first.children if c.dep_ == "case"), None)


def names_a_danger(trigger: Token, roles: set[str]) -> bool:
    """A noun of the lexicon's needs_agent ("threat") without who makes it: no agent among
    its arguments and no to-infinitive of what is threatened ("the threat posed by extremist
    groups", "pose a threat" are dangers; "ISIL's threat to attack" is a threat)."""
    if trigger.pos_ != "NOUN" or _lemma(trigger) not in context_cues().needs_agent:
        return False
    if roles & {"agent", "attacker"}:
        return False
    return not any(
        c.dep_ in {"acl", "xcomp"}
        and any(m.dep_ == "mark" and m.lower_ == "to" for m in c.children)
        for c in trigger.children
    )


def other_sense(trigger: Token, event_type: str) -> bool:
    """The word names something else than the event type: "the fight with Congress over war
    funding", "a political battle", "a heart attack", "strike assessments", "went off", "went
    missing"."""
    cues = context_cues()
    if _names_a_kind(trigger) and case_of_crime(trigger, event_type, cues) is None:
        return True
    if _campaign(trigger, event_type, cues):
        return True
    if event_type in cues.actor_types | {"armed_clash"} and _describes(trigger):
        return True  # "threatened species", "life-threatening injuries", "hard fought matches"
    particles = cues.particle_senses.get(_lemma(trigger), frozenset())
    passive = any(c.dep_ == "aux:pass" for c in trigger.children)
    if any(
        c.lower_ in particles
        # "was brought up in Millom": the parse's adverb right after a passive is its particle.
        and (c.dep_ == "compound:prt" or (passive and c.dep_ == "advmod" and c.i == trigger.i + 1))
        for c in trigger.children
    ):
        return True  # "the bomb went off", "the issue came up"
    if any(light_verb_event(c) is not None for c in trigger.children):
        return True  # "troops returned fire": the fire is the event, not a return
    if event_type == "plot" and _aims_at_no_force(trigger, cues):
        return True  # "conspiracy to bribe the police", "conspired to rig bids"
    if event_type == "attack" and _fights_fire(trigger, cues):
        return True  # "an initial attack on the flames", "fire crews attacked it"
    if event_type == "movement" and _prepositional_sense(trigger, cues):
        return True  # "leaves behind a husband", "went on a shooting rampage"
    if event_type == "movement" and trigger.pos_ == "VERB":
        if _lemma(trigger) in cues.transitive_senses and any(
            c.dep_ == "obj" for c in trigger.children
        ):
            return True  # "heads the university"
        journey = any(
            (c.dep_ in {"obl", "nmod"} and preposition(c) in cues.journey_preps)
            or (c.dep_ == "advmod" and c.lower_ in cues.journey_adverbs)
            for c in trigger.children
        )
        if not journey and any(
            c.dep_ == "xcomp" and (c.pos_ == "ADJ" or c.tag_ == "VBN") for c in trigger.children
        ):
            return True  # "went missing", "the tests return positive" (not "returned to base safe")
        timing = cues.timing_senses.get(_lemma(trigger), frozenset())
        if not journey and any(
            any(m.dep_ in {"case", "mark"} and m.lower_ in timing for m in c.children)
            for c in trigger.children
        ):
            return True  # "the attack comes a day after the vote"
    preps = cues.non_armed_prep.get(event_type, frozenset())
    modifiers = cues.non_armed_modifiers.get(event_type, frozenset())
    objects = cues.non_armed_objects.get(event_type, frozenset())
    heads = cues.non_armed_heads.get(event_type, frozenset())
    if trigger.dep_ in {"amod", "compound"} and _lemma(trigger.head) in heads:
        return True  # "placed Bush on injured reserve"
    following = trigger.nbor() if trigger.i + 1 < len(trigger.doc) else None
    if trigger.pos_ == "NOUN" and following is not None and _lemma(following) in heads:
        return True  # "death row", "an arrest warrant", however the parse hangs the two
    for child in trigger.children:
        if child.dep_ in {"amod", "compound"} and child.lower_ in modifiers:
            return True
        if child.dep_ in {"obj", "nmod", "obl"} and (
            child.lower_ in objects or _lemma(child) in objects
        ):
            return True  # "used to attack Windows users", "attacks on IE browsers"
        if child.dep_ in {"nmod", "obl"} and any(
            c.dep_ == "case" and c.lower_ in preps for c in child.children
        ):
            return True
    # "the fight with Congress over war funding": the over-phrase may hang on the with-phrase.
    for child in trigger.children:
        if child.dep_ in {"nmod", "obl"}:
            for grandchild in child.children:
                if grandchild.dep_ in {"nmod", "obl"} and any(
                    c.dep_ == "case" and c.lower_ in preps for c in grandchild.children
                ):
                    return True
    return False


def _aims_at_no_force(trigger: Token, cues: ContextCues) -> bool:
    """A plot whose aim, its infinitive ("conspiring to kill", "a plot to bomb"), is no use
    of force: a plot is a planned attack, and "conspiracy to bribe the police" none."""
    # The parse may hang the infinitive on the noun before: "a charge of conspiracy to bribe".
    after = [c for c in trigger.head.children if c.left_edge.i == trigger.right_edge.i + 1]
    for child in [*trigger.children, *after]:
        if child.dep_ not in {"xcomp", "acl", "advcl"} or child.pos_ != "VERB":
            continue
        if not any(c.dep_ == "mark" and c.lower_ == "to" for c in child.children):
            continue
        if _lemma(child) in cues.plot_aim_verbs:
            return False
        entry = event_lexicon().trigger(_lemma(child), child.lower_, "VERB")
        return entry is None or entry.type not in cues.plot_aim_types
    return False


def light_verb_event(token: Token) -> str | None:
    """The type of the event a noun names as the object of its light verb ("opened fire"), or
    as the subject of a verb that tells it ("a bomb landed in the camp")."""
    if token.pos_ != "NOUN":
        return None
    entry = context_cues().light_verb_nouns.get(token.lower_)
    if entry is None:
        return None
    if token.dep_ == "nmod" and token.head.dep_ == "nsubj" and preposition(token) == "of":
        token = token.head  # "one of the bombs landed in a school yard"
    if token.dep_ == "nsubj":
        return entry[0] if _lemma(token.head) in entry[2] else None
    if token.dep_ in {"obj", "nsubj:pass"}:
        return entry[0] if _lemma(token.head) in entry[1] else None
    if comes_under(token):
        return entry[0]  # "came under fire from inside the house"
    return None


def comes_under(token: Token) -> bool:
    """Whether a noun is what its verb's subject comes under (`under_verbs`): "came under
    fire", "came under attack"."""
    return (
        token.dep_ == "obl"
        and preposition(token) == "under"
        and _lemma(token.head) in context_cues().under_verbs
    )


def _fights_fire(trigger: Token, cues: ContextCues) -> bool:
    """An attack on a fire, or one by firefighters: its object or on/against-phrase is a fire,
    or its subject (or that of the verb launching it) a fire crew."""
    for child in trigger.children:
        if child.lower_ in cues.fires and (
            child.dep_ == "obj"
            or (child.dep_ in {"nmod", "obl"} and preposition(child) in {"on", "against"})
        ):
            return True
    subjects = [c for c in trigger.children if c.dep_ == "nsubj"]
    if trigger.dep_ == "obj":
        subjects += [c for c in trigger.head.children if c.dep_ == "nsubj"]
    return any(
        subject.lower_ in cues.fire_crews
        or any(c.dep_ == "compound" and c.lower_ == "fire" for c in subject.children)
        for subject in subjects
    )


def _prepositional_sense(trigger: Token, cues: ContextCues) -> bool:
    """A movement verb with a phrase of another sense: "leaves behind a husband", "went on a
    shooting rampage" (not "went on a trip")."""
    senses = cues.prepositional_senses.get(_lemma(trigger))
    if not senses:
        return False
    for child in trigger.children:
        if child.dep_ not in {"obl", "nmod"}:
            continue
        nouns = senses.get(preposition(child) or "")
        if nouns is not None and (not nouns or _lemma(child) in nouns):
            return True
    return False
