"""Event mentions: trigger words typed from the event lexicon, with their arguments read off
the dependency parse, their counts, time, modality and source."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date

from spacy.tokens import Doc, Span, Token

from newsgraph.extract.event_context import (
    ContextCues,
    case_of_crime,
    comes_under,
    context_cues,
    light_verb_event,
    modality,
    names_a_danger,
    negated,
    other_sense,
    preposition,
    word_of,
)
from newsgraph.extract.event_filter import event_filter, features
from newsgraph.extract.extraction import (
    Argument,
    Count,
    Entity,
    Event,
    Incident,
    Mention,
    Source,
    TextSpan,
    Time,
)
from newsgraph.extract.lexicons import (
    TRIGGER_POS,
    EventLexicon,
    base_forms,
    descriptors,
    event_lexicon,
    person_nouns,
    time_words,
    unchanged_pasts,
    weapon_lexicon,
)
from newsgraph.extract.spans import doc_text, in_capitals, sentence_numbers

# Modifiers that belong to a noun phrase's core when we cut an argument's span.
_NP_LEFT = {
    "det",
    "amod",
    "nummod",
    "compound",
    "nmod:poss",
    "flat",
    "advmod",
    "det:predet",
    "nmod:unmarked",
}
_NP_RIGHT = {"flat", "compound"}
# Not "nsubj:outer": in "The bad news is they're leaving" the outer subject is no agent.
_SUBJECTS = {"nsubj"}
_PASSIVE_SUBJECTS = {"nsubj:pass"}
_OBJECTS = {"obj", "iobj"}
_OBLIQUES = {"obl", "nmod", "obl:agent", "obl:unmarked", "nmod:unmarked"}
_COUNT_ROLES = {"victim", "detainee", "participant", "artifact", "target", "attacker", "agent"}
_NUMBER = re.compile(r"^\d{1,3}(?:,\d{3})*$|^\d+$")


# The parts of speech a trigger can be: the lexicon's (a proper noun only in a named war).
_TRIGGER_POS = TRIGGER_POS | {"PROPN"}


def _lemma(token: Token) -> str:
    return (token.lemma_ or token.text).lower()


def trigger_type(token: Token, lexicon: EventLexicon) -> str | None:
    """The event type a token triggers, or None."""
    pos = "VERB" if token.pos_ == "AUX" else token.pos_
    if pos not in _TRIGGER_POS:
        return None  # no trigger is a determiner, a preposition, a number or punctuation
    if pos == "PROPN":
        if (
            token.is_upper
            and lexicon.trigger(_lemma(token), token.lower_, "NOUN") is not None
            and in_capitals(token.sent)
        ):
            pos = "NOUN"  # a heading in capitals, every word a name to the tagger: "DOUBLE MURDER"
        elif token.lower_ not in lexicon.named_events or _names_a_thing(token):
            return None
        else:
            pos = "NOUN"  # a named war: "World War II", "the 1967 Six-Day War"
    light = light_verb_event(token)
    if light is not None:
        return light  # "opened fire"
    if pos == "VERB" and _lemma(token) in lexicon.life_verbs and _life_taken(token, lexicon):
        return "killing"  # "claimed the lives of 12 soldiers", "took his own life"
    trigger = lexicon.trigger(_lemma(token), token.lower_, pos)
    if trigger is None:
        return None
    if trigger.particle is not None and not any(
        c.lower_ == trigger.particle and c.dep_ in {"compound:prt", "advmod"} and c.i > token.i
        for c in token.children
    ):
        return None  # "passed away" (not "passed the bill")
    if trigger.type == "military_aid" and not _has_aid_cue(token, lexicon):
        return trigger.otherwise
    if trigger.type == "killing" and _attempted(token, lexicon):
        return "attack"
    return trigger.type


def _names_a_thing(word: Token) -> bool:
    """Whether a word of a name modifies another ("ISIL's War Committee", "Gulf War syndrome",
    "a Civil War re-enactment"): the name is of that thing, not of the event."""
    if word.dep_ == "compound":
        return True
    following = word.doc[word.i + 1] if word.i + 1 < len(word.doc) else None
    return following is not None and following.is_lower and following.pos_ in {"NOUN", "ADJ", "ADV"}


def _life_taken(verb: Token, lexicon: EventLexicon) -> Token | None:
    """The life a verb of `life_verbs` takes, its object ("claimed the lives of 12 soldiers")."""
    return next(
        (c for c in verb.children if c.dep_ == "obj" and c.lower_ in lexicon.life_nouns), None
    )


def _whose_life(life: Token) -> Token | None:
    """Whose life is taken: its of-phrase or its possessor ("the lives of 12 soldiers", "his
    own life")."""
    for child in life.children:
        if child.dep_ == "nmod" and preposition(child) == "of":
            return child
    return next((c for c in life.children if c.dep_ == "nmod:poss"), None)


def _attempted(token: Token, lexicon: EventLexicon) -> bool:
    """A killing told as an attempt: "attempted murder", "an assassination attempt"."""
    words = lexicon.attempt_words
    if token.dep_ == "compound" and _lemma(token.head) in words:
        return True
    if token.dep_ == "compound" and token.i > 0 and token.doc[token.i - 1].lower_ in words:
        return True  # "an attempted murder charge", the adjective hung on "charge"
    return any(c.dep_ == "amod" and {c.lower_, _lemma(c)} & words for c in token.children)


def is_weapon(token: Token) -> bool:
    """A noun that names a weapon or an armed platform (data/lexicons/weapons.json): "rockets",
    "a car bomb", "VBIEDs"; or a head that does so with a weapon word before it inside its own
    phrase: "an explosive device", "rocket fire", "suicide vehicles"."""
    if token.pos_ not in {"NOUN", "PROPN"}:
        return False
    weapons = weapon_lexicon()
    forms = {token.lower_, _lemma(token)}
    people = weapons.people.get(token.lower_, frozenset())
    if any(c.i < token.i and c.lower_ in people for c in token.children):
        return False  # "a suicide bomber"
    if forms & weapons.nouns:
        return True
    if not forms & weapons.with_modifier:
        return False
    doc = token.doc
    for before in doc[max(token.left_edge.i, token.i - 3) : token.i]:
        words = {before.lower_, _lemma(before)}
        if words & weapons.modifiers or (
            before.pos_ in {"NOUN", "PROPN"} and words & weapons.nouns
        ):
            return True
    return False


def _has_aid_cue(token: Token, lexicon: EventLexicon) -> bool:
    """Supplies and deliveries count as military aid only with arms nearby ("military supplies")."""
    if _lemma(token) == "arm":
        return True
    sentence = token.sent
    window = sentence.doc[max(sentence.start, token.i - 3) : min(sentence.end, token.i + 5)]
    return any(
        _lemma(t) in lexicon.military_aid_cues or t.lower_ in lexicon.military_aid_cues
        for t in window
    )


class MentionIndex:
    """Which entity mention covers a token."""

    def __init__(self, doc: Doc, mentions: list[Mention]) -> None:
        self.by_token: dict[int, Mention] = {}
        self.names: dict[str, list[Mention]] = {}
        for mention in mentions:
            if mention.entity is None:
                continue
            if mention.kind == "name":
                self.names.setdefault(mention.entity, []).append(mention)
            span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
            if span is None:
                continue
            for token in span:
                current = self.by_token.get(token.i)
                if current is None or (current.kind != "name" and mention.kind == "name"):
                    self.by_token[token.i] = mention

    def at(self, token: Token) -> Mention | None:
        return self.by_token.get(token.i)

    def named_in(self, mention: Mention, sentence: Span) -> Mention | None:
        """The nearest name of a pronoun's entity in the same sentence, if it has one."""
        if mention.entity is None:
            return None
        here = [
            m
            for m in self.names.get(mention.entity, [])
            if sentence.start_char <= m.start and m.end <= sentence.end_char
        ]
        return min(here, key=lambda m: abs(m.start - mention.start), default=None)


def _phrase(token: Token) -> Span:
    """The core noun phrase of a head: its determiners, modifiers and numbers, not its clauses."""
    left = token.i
    for child in token.lefts:
        if child.dep_ in _NP_LEFT and child.i < left:
            left = min(left, child.left_edge.i if child.dep_ in {"nummod", "advmod"} else child.i)
    right = token.i
    for child in token.rights:
        if child.dep_ in _NP_RIGHT:
            right = max(right, child.i)
    doc = token.doc
    # "son-in-law", "al-Abssi": tokens glued by hyphens are one word.
    while (
        right + 2 < len(doc)
        and doc[right].whitespace_ == ""
        and doc[right + 1].text == "-"
        and doc[right + 1].whitespace_ == ""
    ):
        right += 2
    if token.lower_ in event_lexicon().quantifiers:
        # "some of the fighters": the quantifier's people are in its of-phrase.
        for child in token.rights:
            if child.dep_ in {"nmod", "obl"} and preposition(child) == "of":
                right = max(right, child.right_edge.i)
    compared = _compared(token)
    if compared is not None:
        # "More than 30 Lebanese soldiers" parsed as "More" with its than-phrase.
        right = max(right, _phrase(compared).end - 1)
    # "and three people": a conjunction the parse hangs on a number is not the phrase's.
    while left < token.i and (doc[left].is_punct or doc[left].pos_ == "CCONJ"):
        left += 1
    return doc[left : right + 1]


_COMPARATIVES = frozenset({"more", "fewer", "less"})


def _compared(token: Token) -> Token | None:
    """The noun of a comparative's than-phrase ("soldiers" of "More than 30 soldiers", which
    the parse may head by "More")."""
    if token.lower_ not in _COMPARATIVES:
        return None
    return next(
        (c for c in token.rights if c.dep_ in {"nmod", "obl"} and preposition(c) == "than"), None
    )


def _word_argument(role: str, token: Token, confidence: float) -> Argument:
    """An argument of one word and no entity ("home" of "came home")."""
    return Argument(role, token.idx, token.idx + len(token.text), token.text, None, confidence)


def _argument(role: str, head: Token, index: MentionIndex) -> Argument:
    mention = index.at(head) or _apposed_mention(head, index)
    if mention is not None and mention.kind == "pronoun":
        # "Gaskin said climbers tried to rescue Rait, but he died": a sentence that names
        # the pronoun's entity gives the name.
        named = index.named_in(mention, head.sent)
        if named is not None and not _speaker_after(named, head):
            mention = named
    if mention is not None:
        return Argument(role, mention.start, mention.end, mention.text, mention.entity)
    phrase = _phrase(head)
    # A relative pronoun stands for the noun its clause modifies ("the leader who was killed").
    if head.lower_ in {"who", "whom"}:
        antecedent = _person_antecedent(head, index)
        if antecedent is None:
            # "Luciano, who was deported to Italy and who died in 1962": the "who" of the
            # first clause of the two.
            verb = _first_conjunct(head.head)
            first = next((c for c in verb.children if c.lower_ in {"who", "whom"}), None)
            if first is not None and first.i < head.i:
                antecedent = _person_antecedent(first, index)
        if antecedent is not None:
            return _argument(role, antecedent, index)
    if head.lower_ in {"who", "whom", "which", "that"} and head.head.dep_.startswith("acl"):
        return _argument(role, head.head.head, index)
    return Argument(role, phrase.start_char, phrase.end_char, phrase.text, None)


_PLACE_ROLES = {"place", "origin", "destination"}
# The roles that tell a journey: where it went, or what it was made in ("fled in a car").
_JOURNEY_ROLES = _PLACE_ROLES | {"vehicle"}
# Prepositions of where a journey goes to or comes from.
_WAY_PREPS = {"from", "to", "into", "toward", "towards"}
_GROUP_NOUNS = {
    "group",
    "organization",
    "movement",
    "militia",
    "faction",
    "network",
    "force",
    "forces",
    "army",
    "party",
}


def _named_by_of(head: Token, index: MentionIndex, lexicon: EventLexicon) -> Mention | None:
    """The place a kind of place is named by in its of-phrase: Talodi of "the town of
    Talodi", Mosul of "the city of Mosul" (`named_place_nouns`; not "the capital of Iraq")."""
    if _lemma(head) not in lexicon.named_place_nouns:
        return None
    for child in head.children:
        if child.dep_ == "nmod" and preposition(child) == "of":
            mention = index.at(child)
            if mention is not None and mention.type == "place":
                return mention
    return None


_ENCLOSING_PREPS = frozenset({"in", "at", "outside", "near", "of"})


def _enclosing_places(head: Token, index: MentionIndex, lexicon: EventLexicon) -> list[Mention]:
    """The named places a place phrase puts its place in: Afghanistan of "Kandahar,
    Afghanistan", West Texas of "a jail outside San Angelo in West Texas", West Papua of
    "Manokwari, the capital of West Papua" (a name, not "the capital")."""
    found: list[Mention] = []
    stack = [head]
    while stack:
        token = stack.pop()
        for child in token.children:
            prep = preposition(child) if child.dep_ in {"nmod", "obl"} else None
            if child.dep_ not in {"appos", "nmod:poss"} and prep not in _ENCLOSING_PREPS:
                continue
            stack.append(child)
            # "the capital of West Papua", "the town of Talodi" (not "the embassy of France").
            if prep == "of" and _lemma(token) not in (
                lexicon.named_place_nouns | lexicon.part_place_nouns
            ):
                continue
            mention = index.at(child)
            if mention is not None and mention.type == "place" and mention.kind == "name":
                found.append(mention)
    # "at their home in Newton Street, Millom, Cumbria" with the last name hung elsewhere: a
    # place name right after the comma that ends one.
    doc = head.doc
    last = max(found, key=lambda m: m.end, default=index.at(head))
    while last is not None and last.type == "place" and last.kind == "name":
        span = doc.char_span(last.start, last.end, alignment_mode="expand")
        after = span.end if span is not None else len(doc)
        if after + 1 >= len(doc) or doc[after].text != "," or doc[after + 1].sent != head.sent:
            break
        following = index.at(doc[after + 1])
        if following is None or following.start != doc[after + 1].idx or following in found:
            break
        if following.type != "place" or following.kind != "name":
            break
        found.append(following)
        last = following
    return found


def _site_phrase(token: Token) -> Span:
    """A place phrase with its locating modifiers: "a refugee camp near Tripoli"."""
    phrase = _phrase(token)
    right = phrase.end
    for child in token.rights:
        if child.dep_ in {"nmod", "acl"} and preposition(child) in {
            "near",
            "outside",
            "in",
            "of",
            "north",
            "south",
            "east",
            "west",
        }:
            right = max(right, child.right_edge.i + 1)
    return token.doc[phrase.start : right]


def _person_antecedent(who: Token, index: MentionIndex) -> Token | None:
    """The person "who" refers to: the nearest person name or person noun before it in the
    sentence, read off the surface since parsers often hang the clause on the wrong noun."""
    for i in range(who.i - 1, who.sent.start - 1, -1):
        token = who.doc[i]
        if (
            i == who.i - 1
            and token.pos_ == "PRON"
            and token.lower_ in context_cues().actor_pronouns
        ):
            return token  # "those who were injured"
        mention = index.at(token)
        if mention is not None:
            if mention.type == "person":
                return token
            continue
        if token.pos_ == "NOUN" and token.lower_ in person_nouns():
            return token
        if token.pos_ in {"VERB", "AUX"} or token.text in {";", "."}:
            return None
    return None


def _named_by_governing_clause(pronoun: Token, index: MentionIndex) -> Token | None:
    """Who a subject pronoun is where the sentence names it as the subject of the clause the
    pronoun's clause depends on: the clause of a verb of saying ("Police said they arrested two
    men"; ANNOTATION.md: "the Syrian Democratic Forces announced that they began their
    advance") or an adverbial clause ("Rex Tillerson met with Brunson's wife when he visited
    Ankara"). "they" stands for a plural noun or nouns joined by "and", "he" and "she" for a
    person's name; a pronoun the coreference already names in the sentence keeps that name."""
    if pronoun.lower_ not in {"they", "he", "she"} or pronoun.dep_ not in _SUBJECTS:
        return None
    mention = index.at(pronoun)
    if mention is not None and (
        mention.kind != "pronoun" or index.named_in(mention, pronoun.sent) is not None
    ):
        return None
    clause = pronoun.head
    while clause.dep_ == "conj" and clause.head.i != clause.i:
        clause = clause.head
    verb = clause.head
    reported = clause.dep_ == "ccomp" and _lemma(verb) in event_lexicon().reporting_verbs
    if not reported and clause.dep_ != "advcl":
        return None
    speaker = next((c for c in verb.children if c.dep_ in _SUBJECTS), None)
    if speaker is None or speaker.pos_ == "PRON" or speaker.i > pronoun.i:
        return None  # ("He died at his home, the Post stated": who reports it after is not he)
    if pronoun.lower_ == "they":
        plural = (
            speaker.tag_ in {"NNS", "NNPS"}
            or any(c.dep_ == "conj" for c in speaker.children)
            or _lemma(speaker) in _GROUP_NOUNS
        )
        return speaker if plural else None
    named = index.at(speaker)
    person = (
        named.type == "person" and named.kind == "name"
        if named is not None
        else speaker.pos_ == "PROPN"  # a name NER passed by ("Secretary of State Rex Tillerson")
    )
    return speaker if person and not any(c.dep_ == "conj" for c in speaker.children) else None


def _thing_named_before(pronoun: Token) -> Token | None:
    """The thing an object "it" or "them" stands for where its own sentence names it as the
    object of an earlier verb ("the team removed the bomb from the school and moved it to an
    isolated location", "the thieves reversed their car out of the store and set fire to
    it"; ANNOTATION.md: a sentence that names a pronoun's entity gives the name): the nearest
    such object before it, a common noun of its number."""
    if pronoun.lower_ not in {"it", "them"} or pronoun.dep_ not in _OBJECTS | _OBLIQUES | {"nmod"}:
        return None
    plural = pronoun.lower_ == "them"
    for i in range(pronoun.i - 1, pronoun.sent.start - 1, -1):
        token = pronoun.doc[i]
        if token.dep_ not in _OBJECTS or token.head.pos_ != "VERB" or token.pos_ != "NOUN":
            continue
        if token.head.i == pronoun.head.i:
            continue  # "set fire to it": the fire is no antecedent
        if (token.tag_ == "NNS") != plural or _people_word(token.text):
            return None
        return token
    return None


def _speaker_after(name: Mention, pronoun: Token) -> bool:
    """Whether a name is who reports the pronoun's clause after it ("He was booked into
    county jail, Baehr said"): one who speaks of himself there says "I", so the name is no
    reading of the pronoun, whatever the coreference joined."""
    doc = pronoun.doc
    span = doc.char_span(name.start, name.end, alignment_mode="expand")
    if span is None:
        return False
    verb = span.root.head
    return (
        span.root.dep_ == "nsubj"
        and verb.i > pronoun.i
        and _lemma(verb) in event_lexicon().reporting_verbs
        and span.start > pronoun.i
    )


def _apposed_mention(head: Token, index: MentionIndex) -> Mention | None:
    """The name a description stands beside: "Zarqawi, the leader ... who was killed"."""
    if head.pos_ != "NOUN":
        return None
    if head.dep_ == "appos" and index.at(head.head) is not None:
        return index.at(head.head)
    for child in head.children:
        # Not the speaker of an inverted "said local hospital director Hengky Tewu" the parse
        # hung beside the noun: an apposition follows its noun, not a verb.
        spoken = child.left_edge.i > 0 and head.doc[child.left_edge.i - 1].pos_ == "VERB"
        if child.dep_ == "appos" and index.at(child) is not None and not spoken:
            return index.at(child)
    # The parse may miss the apposition; the surface does not: "a militant group, Fatah al Islam".
    after = _phrase(head).end
    doc = head.doc
    if after + 1 < len(doc) and doc[after].text == "," and head.lower_ in _GROUP_NOUNS:
        return index.at(doc[after + 1])
    if head.lower_ in person_nouns():
        # "his wife, Laci, and her fetus", "his mum Alice McMeekin", "Jermayne Timmons, the
        # teen accused of shooting": a person's name beside the noun.
        named = after + 1 if after + 1 < len(doc) and doc[after].text == "," else after
        before = _phrase(head).start - 1
        for at in (named, before - 1 if before > 0 and doc[before].text == "," else -1):
            mention = index.at(doc[at]) if 0 <= at < len(doc) else None
            if mention is not None and mention.kind == "name" and mention.type == "person":
                return mention
    return None


def _subject_of(verb: Token) -> Token | None:
    for child in verb.children:
        if child.dep_ in _SUBJECTS | _PASSIVE_SUBJECTS:
            return child
    return _misparsed_subject(verb)


def _misparsed_subject(verb: Token) -> Token | None:
    """The subject of a passive the parse left without one: "More than 30 soldiers were
    killed" parsed with "soldiers" under "More". The nearest noun before the verb inside its
    own phrase, when nothing but auxiliaries and adverbs stand between."""
    if not any(child.dep_ == "aux:pass" for child in verb.children):
        return None
    i = verb.i - 1
    while i >= verb.sent.start and verb.doc[i].pos_ in {"AUX", "ADV", "PART"}:
        i -= 1
    if i < verb.sent.start:
        return None
    candidate = verb.doc[i]
    if candidate.pos_ not in {"NOUN", "PROPN", "PRON"}:
        return None
    ancestors = {a.i for a in candidate.ancestors}
    return candidate if verb.i in ancestors else None


def _state_verb(trigger: Token, state_verbs: frozenset[str]) -> Token | None:
    """The verb of "found dead", "left wounded" right before an adjective trigger the parse
    hung elsewhere ("was found dead late last night" with "dead" on "night")."""
    if trigger.pos_ != "ADJ" or trigger.i == trigger.sent.start:
        return None
    verb = trigger.doc[trigger.i - 1]
    if verb.pos_ != "VERB" or _lemma(verb) not in state_verbs or trigger.head.i == verb.i:
        return None
    return verb


def _name_read_as_verb(verb: Token, index: MentionIndex) -> Token | None:
    """The subject the tagger hid in a name it read as a verb: "Mark Felt, who was known as
    ..., died on Friday", with "Felt" a verb whose clause the parse hangs on "died" and "Mark"
    its subject. A capitalized verb inside the sentence, hung before the trigger as a clause
    of its own, right after the person or group name that is its subject."""
    for child in verb.lefts:
        if (
            child.pos_ != "VERB"
            or child.dep_ not in {"ccomp", "csubj", "advcl", "parataxis"}
            or not child.text[:1].isupper()
            or child.i == child.sent.start
        ):
            continue
        for subject in child.children:
            mention = index.at(subject)
            if (
                subject.dep_ in _SUBJECTS
                and subject.i == child.i - 1
                and mention is not None
                and mention.kind == "name"
                and mention.type in {"person", "organization"}
            ):
                return subject
    return None


_NON_FINITE = frozenset({"VB", "VBG", "VBN", "JJ"})


def _after_comma(verb: Token) -> bool:
    """A present participle set off by a comma from the noun the parse hangs it on."""
    return verb.tag_ == "VBG" and verb.i > 0 and verb.doc[verb.i - 1].text == ","


def _clause_after_place(verb: Token) -> bool:
    """A participle set off by a comma after a place, which the parse hangs on the place
    ("the quake struck the province of Aceh, killing three people"): it tells what the
    clause did there, not what the place did."""
    place = verb.head
    lexicon = event_lexicon()
    return _after_comma(verb) and (
        place.ent_type_ == "LOC" or _lemma(place) in lexicon.site_nouns | lexicon.named_place_nouns
    )


def _clause_after_deed(verb: Token) -> bool:
    """A participle set off by a comma after a common noun that names no one, which the parse
    hangs on the noun ("an armed man carried out a brazen robbery, making off with jewellery"):
    it tells what the clause's subject did, not what the noun did."""
    noun = verb.head
    return (
        _after_comma(verb)
        and noun.pos_ == "NOUN"
        and noun.dep_ in _OBJECTS
        and not noun.ent_type_
        and not _people_word(noun.text)
        and _lemma(noun) not in _GROUP_NOUNS
    )


def _inherited_subject(verb: Token) -> Token | None:
    """The subject a non-finite or conjoined verb shares with its governor: the governor's
    subject, or its object for a complement of a verb that has one."""
    if verb.dep_ == "acl" and verb.head.pos_ in {"NOUN", "PROPN", "PRON"}:
        if not _clause_after_place(verb) and not _clause_after_deed(verb):
            # "terrorists plotting attacks": a participle's subject is the noun it modifies.
            return verb.head
        # "Gunmen stormed the village of Kafr Nabl, killing six people": the clause's.
        governor = verb.head.head
        if verb.head.dep_ in _OBJECTS | _OBLIQUES and governor.pos_ == "VERB":
            return _subject_of(governor) or _inherited_subject(governor)
        return None
    seen = 0
    current = verb
    while current.dep_ in {"advcl", "xcomp", "conj", "acl", "ccomp"} and seen < 3:
        sibling = _infinitive_sibling(current)
        if sibling is not None:
            current = sibling  # "ordered to surrender their passports, not leave the province"
        if (
            current.dep_ == "conj"
            and not _same_tense(current, current.head)
            and not _past_after_infinitive(current)
        ):
            # "officials are monitoring men who fought ..., and then return": a conjunct of
            # another tense is no sure sibling of its head; no subject rather than a wrong one.
            return None
        if (
            current.dep_ == "advcl"
            and current.tag_ == "VBG"
            and _lemma(current.head) in context_cues().perception_verbs
        ):
            # "saw smoke coming from the roof": the object of seeing comes.
            seen_object = next((c for c in current.head.children if c.dep_ == "obj"), None)
            if seen_object is not None:
                return seen_object
        if current.dep_ == "xcomp" and current.tag_ in _NON_FINITE:
            # Object control: "ordered the troops to withdraw", "see their child die" (not a
            # finite verb the parse hung as a complement: "a man wanted for violating his
            # parole killed").
            controller = next((c for c in current.head.children if c.dep_ in {"obj", "iobj"}), None)
            if controller is not None:
                return controller
        complement = current.dep_ == "xcomp"
        current = current.head
        subject = _subject_of(current)
        if subject is not None:
            return subject
        if (
            complement
            and current.dep_ == "acl"
            # (a participle, not an infinitive: "rates to entice visiting tourists")
            and current.tag_ in {"VBN", "VBD", "VBG"}
            and current.head.pos_ in {"NOUN", "PROPN", "PRON"}
            and not _clause_after_place(current)
        ):
            return current.head  # "a doctor feared dead": who the participle tells of
        seen += 1
    return None


def _infinitive_sibling(conjunct: Token) -> Token | None:
    """The infinitive a bare verb is listed after, where the parse joined the bare verb to the
    infinitive's governor instead ("They were ordered to surrender their passports, check in
    with the police, not leave British Columbia", with "leave" a conjunct of "ordered")."""
    if conjunct.dep_ != "conj" or conjunct.tag_ != "VB" or conjunct.head.tag_ == "VB":
        return None
    return next(
        (
            c
            for c in conjunct.head.children
            if c.dep_ in {"xcomp", "advcl"}
            and c.tag_ == "VB"
            and c.i < conjunct.i
            and any(m.dep_ == "mark" and m.lower_ == "to" for m in c.children)
        ),
        None,
    )


def _past_after_infinitive(conjunct: Token) -> bool:
    """A past conjoined to an infinitive of purpose that hangs on a past ("went to Utah to
    pick up Jeffs and flew with him back to Texas"): the parse's conjunct of the first past,
    whose subject it shares."""
    infinitive = conjunct.head
    return (
        conjunct.tag_ == "VBD"
        and infinitive.tag_ == "VB"
        and infinitive.dep_ in {"advcl", "xcomp"}
        and infinitive.head.tag_ == "VBD"
    )


def _same_tense(conjunct: Token, head: Token) -> bool:
    """Whether a conjoined verb is in its head's tense: the same tag, each with an auxiliary
    of its own, or, beside a past, an inflected form with no auxiliary of its own that the
    tagger read as a base form ("pulled out a gun and shot the clerk", "shot" tagged VB)."""
    if conjunct.tag_ == head.tag_:
        return True
    auxiliaries = {"aux", "aux:pass"}
    if any(c.dep_ in auxiliaries for c in conjunct.children) and any(
        c.dep_ in auxiliaries for c in head.children
    ):
        # "has completed his consultations and is returning to Syria": finite verbs joined,
        # each with its auxiliary, share the subject whatever their tenses.
        return True
    if (
        conjunct.tag_ == "VBD"
        and head.tag_ in {"VB", "VBP"}
        and head.lower_ in unchanged_pasts()
        and not any(c.dep_ in {"aux", "aux:pass", "mark"} for c in head.children)
    ):
        return True  # "They then set fire to the vehicle and escaped": "set" a past
    if (
        conjunct.tag_ == "VBD"
        and head.tag_ == "VBN"
        and any(c.dep_ == "aux" and _lemma(c) == "have" for c in head.children)
        and not any(c.dep_ in auxiliaries for c in conjunct.children)
    ):
        return True  # "who had run the bureau and died in 1972": the perfect's participle
    if head.tag_ != "VBD" or any(c.dep_ in {"aux", "aux:pass"} for c in conjunct.children):
        return False
    # An inflected form read as a base ("shot" tagged VB), or a past spelled as its base ("set
    # fire to it"), with no "to" of an infinitive: a past.
    return (
        conjunct.tag_ == "VB"
        and (conjunct.lower_ != _lemma(conjunct) or conjunct.lower_ in unchanged_pasts())
        and not any(c.dep_ == "mark" for c in conjunct.children)
    )


def _past_read_as_participle(verb: Token) -> bool:
    """A past the parse read as a participle modifying its subject, leaving the sentence no
    verb: "In another attack, gunmen fired on a security patrol" with "gunmen" the root and
    "fired" hung on it. Right after the noun, with an object or an "on"-phrase of its own (a
    reduced passive takes neither: "Five soldiers killed in blast"), or an "at"-phrase of a
    weapon's discharge by a noun that is no weapon ("Police fired at the car"; not "Rockets
    fired at Israel")."""
    noun = verb.head
    aimed = _lemma(verb) in weapon_lexicon().discharge_verbs and not is_weapon(noun)
    return (
        verb.dep_ == "acl"
        and verb.tag_ in {"VBN", "VBD"}
        and noun.pos_ in {"NOUN", "PROPN"}
        and noun.dep_ in {"ROOT", "ccomp", "parataxis"}
        and verb.i == noun.i + 1
        and not any(c.dep_ in {"aux", "aux:pass", "obl:agent", "mark"} for c in verb.children)
        and any(
            c.dep_ == "obj"
            or (c.dep_ == "obl" and preposition(c) == "on")
            or (aimed and c.dep_ == "obl" and preposition(c) == "at")
            for c in verb.children
        )
    )


def _is_passive(verb: Token) -> bool:
    if _past_read_as_participle(verb):
        return False
    return (
        any(child.dep_ in {"aux:pass", "nsubj:pass"} for child in verb.children)
        # "soldiers killed in the battle"; "left four gunmen killed", "ordered him sent" (not
        # "seems to have sent").
        or (
            # "climbers killed in New Zealand": a reduced relative the tagger read as a past.
            (verb.tag_ == "VBN" or (verb.tag_ == "VBD" and verb.dep_ == "acl"))
            and (
                verb.dep_ in {"acl", "amod"}
                or (verb.dep_ == "xcomp" and not any(c.dep_ == "aux" for c in verb.children))
            )
        )
        # An adjectival participle is the state its subject suffered: "those who were injured".
        or (verb.pos_ == "ADJ" and verb.tag_ in {"VBN", "JJ"} and verb.lower_.endswith("ed"))
        # "When arrested in his early 20's, he ...", "Once captured, the rebels ...": a bare
        # participle opening a clause of time or condition (the tagger reads some as a past).
        or (
            verb.dep_ == "advcl"
            and verb.tag_ in {"VBN", "VBD"}
            and verb.i < verb.head.i
            and any(c.dep_ in {"mark", "advmod"} and c.i == verb.i - 1 for c in verb.children)
            and not any(c.dep_ in {"aux", "nsubj", "obj"} for c in verb.children)
        )
        # "was struck and killed by an airstrike": a participle conjoined to a passive.
        or (
            verb.tag_ == "VBN"
            and verb.dep_ == "conj"
            and verb.head.i != verb.i
            and not any(c.dep_ in {"aux", "nsubj"} for c in verb.children)
            and _is_passive(verb.head)
        )
    )


def _is_time_word(token: Token) -> bool:
    """A day the parse took for an object: "arrested Tuesday in a police swoop" (a weekday or
    "yesterday"; not a month, which may be a name)."""
    words = time_words()
    return token.pos_ in {"PROPN", "NOUN"} and (
        token.lower_ in words.weekdays or token.lower_ in words.day_words
    )


def _bare_passive(verb: Token, cues: ContextCues) -> bool:
    """A verb that only acts on someone ("kill", "arrest"), told with its subject and no
    object, auxiliary or conjoined verb: a headline's passive ("Mafia boss arrested in police
    swoop", "mum and sister killed"), whose subject is what it befell."""
    if word_of(verb, cues.patient_subjects) not in cues.patient_subjects:
        return False
    if verb.tag_ not in {"VBD", "VBN"}:
        return False
    if any(
        c.dep_ in {"aux", "aux:pass", "conj", "xcomp", "obl:agent", "expl"} for c in verb.children
    ):
        return False
    # "Police arrested and charged two men": the object is the conjoined verb's.
    return not (verb.dep_ == "conj" and any(c.dep_ in _OBJECTS for c in verb.head.children))


def _role_args(
    trigger: Token,
    event_type: str,
    index: MentionIndex,
    lexicon: EventLexicon,
    countries: dict[int, tuple[Span, Mention]] | None = None,
    nations: frozenset[str] = frozenset(),
) -> list[Argument]:
    """The arguments the structure gives a trigger. ``countries`` maps the document's demonyms
    to a mention of their country; ``nations`` holds the entity ids of its countries."""
    spec = lexicon.roles.get(event_type, {})
    cues = context_cues()
    preps: dict[str, str | None] = spec.get("prep", {})
    # By any form the lexicon knows the trigger by ("rammed", which the lemmatizer reads "ramm").
    own_preps = next((cues.prep_roles[f] for f in _forms(trigger) if f in cues.prep_roles), {})

    def prep_role(prep: str, head: Token) -> str | None:
        # "fired at protesters", "at the vessel": the trigger's own role of a preposition,
        # unless its phrase names a place ("shot at a checkpoint in Kabul").
        mention = index.at(head)
        names_place = (mention is not None and mention.type == "place") or _lemma(
            head
        ) in lexicon.site_nouns
        if prep in own_preps and not (names_place and preps.get(prep) in _PLACE_ROLES):
            # (Where the type reads no place by that preposition, the trigger's own role
            # holds for a place too: "rammed their car into a store".)
            return own_preps[prep]
        if preps.get(prep) == "vehicle" and names_place:
            return "place"  # "landed on an airstrip" (not "on a plane")
        if preps.get(prep) in {"place", "vehicle"} and _is_vehicle(head, preps):
            return "vehicle"  # "escaped in another car" (not "went to her vehicle")
        if preps.get(prep) == "vehicle":
            return None  # "the plagues God brought on the Egyptians", "move ahead by eight"
        return preps.get(prep)

    # Types that take an instrument: a weapon found where their attacker stands is one.
    armed = "instrument" in preps.values()
    weapons = weapon_lexicon()
    arguments: list[Argument] = []
    confidences = cues.argument_confidence

    def add(role: str | None, head: Token | None, source: str) -> None:
        before = len(arguments)
        _add(role, head)
        confidence = confidences.get(source, 1.0)
        for number in range(before, len(arguments)):
            arguments[number] = replace(arguments[number], confidence=confidence)

    def add_places(role: str, mentions: list[Mention]) -> None:
        for mention in mentions:
            if mention.type == "place" and mention.kind == "name":
                arguments.append(
                    Argument(role, mention.start, mention.end, mention.text, mention.entity)
                )

    def _add(role: str | None, head: Token | None) -> None:
        if not role or head is None or head.i == trigger.i:
            return
        if head.lower_ in cues.reflexive_pronouns and head.dep_ in _OBJECTS:
            # "has hanged himself": the one the clause names as its subject.
            head = _subject_of(head.head) or _inherited_subject(head.head) or head
        if head.is_space or head.is_punct:
            return  # the parser hangs a run of spaces as a subject ("  according to ...")
        if head.lower_ in {"which", "that"} and head.head.dep_.startswith("acl"):
            head = head.head.head  # "the bullet that struck her": the noun, a weapon
        # "those arrested were to be transferred", parsed as one verb: who is moved is "those".
        head = _those_before(head) or head
        # "Police said they arrested two men": the sentence names who "they" are.
        head = _named_by_governing_clause(head, index) or head
        # "removed the bomb from the school and moved it to an isolated location"
        antecedent = _thing_named_before(head)
        if antecedent is not None:
            head = antecedent
            if role == "target" and armed and is_weapon(head):
                role = "instrument"  # "had a gun and fired it twice"
        if head.lower_ in lexicon.life_nouns and head.dep_ == "obj" and head.head.i == trigger.i:
            whose = _whose_life(head)  # "claimed the lives of 12 soldiers": the soldiers
            if whose is None:
                return
            head = whose
        if role == "origin" and not _names_a_place(head, index, lexicon):
            # "fled violence in Sudan", "their flight from slavery in Egypt": the place what
            # was fled is in.
            inner = next(
                (
                    c
                    for c in head.children
                    if c.dep_ == "nmod" and preposition(c) == "in" and _names_place(c, index)
                ),
                None,
            )
            if inner is not None:
                head = inner
        if role in {"attacker", "instrument"} and not is_weapon(head):
            inner = _partitive(head)
            if is_weapon(inner):
                head = inner  # "with a pair of scissors"
        if role == "attacker" and armed and is_weapon(head):
            role = "instrument"  # "a car bomb exploded", "killed by rocket fire"
        elif role == "instrument" and not is_weapon(head):
            return  # "attacked with impunity", "killed with their tongues cut out"
        if trigger_type(head, lexicon) is not None:
            # "arrested 172 alleged terrorists plotting attacks" parsed as one compound headed
            # by "attacks": the people are the compound's first noun, not the other event.
            people = [
                c
                for c in head.lefts
                if c.dep_ == "compound"
                and c.pos_ == "NOUN"
                and trigger_type(c, lexicon) is None
                # People, not the thing the event is told by ("a car bomb attack").
                and (
                    c.tag_ == "NNS"
                    or _people_word(c.text)
                    or descriptors().get(c.lower_) in {"person", "organization"}
                )
            ]
            if not people:
                return
            head = people[0]
        mentioned = index.at(head)
        if role in _PLACE_ROLES and (mentioned is None or mentioned.kind != "name"):
            named = _named_by_of(head, index, lexicon)
            if named is not None:
                # "in the town of Talodi": the place is the town the name names (also where
                # "the town" is a mention of its own).
                arguments.append(Argument(role, named.start, named.end, named.text, named.entity))
                add_places(role, _enclosing_places(head, index, lexicon))
                return
        if role in _PLACE_ROLES and mentioned is None:
            # A site: "a refugee camp near Tripoli", with the place it names as the place.
            site = _site_phrase(head)
            arguments.append(Argument(role, site.start_char, site.end_char, site.text, None))
            if role == "place":
                # "a Kabul hotel", "a refugee camp near Tripoli", "the embassy of France in
                # Kabul" (Kabul, not France).
                compounds = [
                    m for c in head.lefts if c.dep_ == "compound" and (m := index.at(c)) is not None
                ]
                add_places(role, [*compounds, *_enclosing_places(head, index, lexicon)])
            return
        arguments.append(_argument(role, head, index))
        if role in _PLACE_ROLES:
            # "in Kandahar, Afghanistan", "in Santa Rosa in West Texas": the places that hold
            # a place are places of the event too.
            add_places(role, _enclosing_places(head, index, lexicon))
        # "in Jordan, Somalia, and Algeria": conjoined heads share the role.
        joined = any(c.dep_ == "conj" for c in head.children)
        described = _description_after_name(head, index) if joined else None
        for conj in head.children:
            if conj.dep_ != "conj" or conj.i == trigger.i:
                continue
            if described is not None and conj.i >= described:
                continue  # "Fred LaRue, a Nixon aide and key player, was found dead"
            # (a noun the tagger read as an adjective: "three soldiers and a civilian")
            nominal = conj.pos_ == "ADJ" and any(c.dep_ == "det" for c in conj.children)
            if conj.pos_ in {"PROPN", "NOUN"} or nominal:
                if role == "instrument" and not is_weapon(conj):
                    continue  # "wounded by a bullet in the chest and another in the arm"
                if role in cues.actor_roles and _bare_mass_noun(conj, index):
                    continue  # "to murder crime figures, racketeering, extortion and ..."
                arguments.append(_argument(role, conj, index))

    verbal = trigger.pos_ in {"VERB", "AUX"} or (
        trigger.pos_ == "ADJ" and event_type in {"killing", "injury"}
    )
    # A gerund tagged as a noun still takes a subject or object: "smuggling cocaine".
    verbal = verbal or any(
        c.dep_ in _SUBJECTS | _PASSIVE_SUBJECTS | _OBJECTS for c in trigger.children
    )
    # "died": who dies is the victim, whatever else the parse finds.
    subject_role = cues.subject_roles.get(_lemma(trigger))
    answering, taken = _answering(trigger, event_type)
    misread = (
        _adjective_clause(trigger) or _shot_dead(trigger, cues.dead_verbs)
        if verbal and trigger.pos_ in {"ADJ", "VERB"}
        else None
    )
    holder = trigger.head
    if (
        trigger.dep_ in {"compound", "amod"}
        and holder.i > trigger.i
        and _lemma(holder) in lexicon.incident_nouns
    ):
        # "a shooting incident on Cedar Flat Rd. in Metcalfe County": the incident's places
        # are the shooting's.
        for child in holder.children:
            prep = preposition(child) if child.dep_ in {"nmod", "obl"} else None
            if prep is not None and prep in preps and prep_role(prep, child) in _PLACE_ROLES:
                add(prep_role(prep, child), child, "preposition")
    if misread is not None:
        # "The gunman wounded three people" parsed as "wounded three people", an adjective.
        add(spec.get("subject"), misread[0], "subject")
        before = len(arguments)
        add(spec.get("object"), misread[1], "object")
        doc = trigger.doc
        for number in range(before, len(arguments)):
            argument = arguments[number]
            if argument.start <= trigger.idx < argument.end:
                # The object's phrase without the word read as its adjective.
                start = doc[trigger.i + 1].idx
                text = doc_text(doc)[start : argument.end]
                arguments[number] = replace(argument, start=start, text=text)
    elif verbal:
        has_object = any(
            child.dep_ in _OBJECTS and not _is_time_word(child) for child in trigger.children
        )
        # "Chargers' Jackson arrested on suspicion of DUI": a headline's bare participle.
        bare = not has_object and _bare_passive(trigger, cues)
        # "Bush hurt his left knee", "He originally injured it against the Panthers": the one
        # hurt is the subject, the part no argument.
        bodily = event_type == "injury" and any(
            child.dep_ in _OBJECTS and _names_a_part(child) for child in trigger.children
        )
        discharging = _lemma(trigger) in weapons.discharge_verbs
        entry = lexicon.trigger(_lemma(trigger), trigger.lower_)
        for child in trigger.children:
            if child.dep_ in _SUBJECTS | _PASSIVE_SUBJECTS and _description_before_name(
                child, index
            ):
                continue  # "A minister of the church, Brunson was detained": the name is who
            if child.dep_ in _PASSIVE_SUBJECTS:
                if armed and discharging and is_weapon(child):
                    add("instrument", child, "discharged_object")  # "mortars were fired"
                    continue
                if discharging and child.lower_ == "it":
                    continue  # "the bullet that struck her seconds after it was fired"
                passive_role = (
                    subject_role
                    if entry is not None and entry.passive_only
                    else spec.get("passive")
                )
                add(passive_role, child, "passive_subject")
            elif child.dep_ in _SUBJECTS:
                role = spec.get("subject")
                # "Chesnut was already in custody": who is kept.
                in_custody = _lemma(trigger) in cues.custody_nouns and any(
                    c.dep_ == "cop" for c in trigger.children
                )
                # "Horton and the two other victims killed and injured in the crossfire"
                victim = not has_object and _names_victims(child)
                if (
                    bodily
                    or in_custody
                    or victim
                    or (not has_object and (bare or _is_passive(trigger)))
                ):
                    role = spec.get("passive")
                elif not has_object and "intransitive_subject" in spec:
                    role = spec["intransitive_subject"]
                add(subject_role or role, child, "subject")
            elif child.dep_ in _OBJECTS:
                if bodily and _names_a_part(child):
                    continue
                if entry is not None and entry.intransitive:
                    continue  # "When Hoover died and Tolson retired", Tolson read as an object
                marker = preposition(child)
                if marker in preps:
                    # "come to Lucas Oil Stadium" parsed as an object with its preposition.
                    add(prep_role(marker, child), child, "preposition")
                    continue
                if armed and discharging and is_weapon(child):
                    add("instrument", child, "discharged_object")  # "fired rockets at ..."
                    continue
                if discharging and _lemma(child) in weapons.discharges:
                    continue  # "fired a round", "fired warning shots": what is fired, no target
                role = (entry.object_role if entry else None) or spec.get("object")
                if (
                    event_type == "movement"
                    and _lemma(trigger) in cues.vehicle_verbs
                    and _lemma(child) in cues.vehicle_nouns
                    and trigger.tag_ not in {"VBZ", "VBP"}
                ):
                    # "was driving a pickup truck", "boarded a plane" (not "she drives a red
                    # car": what she owns).
                    role = "vehicle"
                if event_type == "movement" and _path_read_as_particle(
                    trigger, child, preps, index, lexicon
                ):
                    # "was speeding down state Route 94", the preposition read as a particle:
                    # the road is where the journey went, not what was moved.
                    role = "place"
                if (
                    role in _PLACE_ROLES
                    and (
                        _person_or_group(_partitive(child), index)
                        or child.lower_ in cues.actor_pronouns
                    )
                    and not _names_a_place(child, index, lexicon)
                ):
                    role = spec.get("object")  # "evacuated the residents" (not "the city")
                if own_preps.get("into") == "target" and any(
                    c.dep_ in _OBLIQUES and preposition(c) == "into" for c in trigger.children
                ):
                    # "rammed their car into a store": what is driven in is the means, kept
                    # only if it is a weapon.
                    role = "instrument"
                add(role, child, "object")
            elif child.dep_ == "obl:agent":
                # "arrived by helicopter": what the journey is made by, not who makes it.
                role = "vehicle" if _is_vehicle(child, preps) else spec.get("by")
                add(role, child, "by_agent")
            elif (
                child.dep_ == "advmod"
                and child.lower_ in cues.destination_adverbs
                and "destination" in preps.values()
            ):
                # "When Alice came home": where the journey goes.
                arguments.append(
                    _word_argument("destination", child, confidences.get("preposition", 1.0))
                )
            elif (
                child.dep_ in {"advcl", "xcomp"}
                and _lemma(child) in cues.destination_verbs
                and "destination" in preps.values()
            ):
                # "They walked at least seven days to reach the camp".
                for goal in child.children:
                    if goal.dep_ == "obj":
                        add("destination", goal, "preposition")
            elif (
                child.dep_ in {"advcl", "xcomp"}
                and child.pos_ in {"NOUN", "PROPN"}
                and any(c.dep_ == "mark" and c.lower_ == "to" for c in child.children)
                # Not "is not going to be a park": a noun with its copula is what is said.
                and not any(c.dep_ == "cop" for c in child.children)
                and "to" in preps
            ):
                # "All aircraft returned to base safely", parsed as an infinitive "to base".
                add(prep_role("to", child), child, "preposition")
            elif child.dep_ == "advmod" and child.lower_ in cues.journey_adverbs:
                # "flew with him back to Texas": the journey's end hung on its adverb.
                for inner in child.children:
                    prep = preposition(inner) if inner.dep_ in _OBLIQUES else None
                    if prep in cues.journey_preps and prep in preps:
                        add(prep_role(prep, inner), inner, "preposition")
            elif child.dep_ in _OBLIQUES:
                prep = preposition(child)
                if (
                    prep is None
                    and event_type == "movement"
                    and _path_read_as_particle(trigger, child, preps, index, lexicon)
                ):
                    add("place", child, "preposition")  # the same, the road read as oblique
                    continue
                # "died of complications": an of-phrase is a role of the noun ("the killing
                # of X"), not of the verb.
                if (
                    prep is not None
                    and (prep in preps or prep in own_preps)
                    and prep not in cues.nominal_preps
                ):
                    role = prep_role(prep, child)
                    add(role, child, "preposition")
                    if role in {"origin", "destination"}:
                        # "extradited from Utah to Texas" with "to Texas" hung on Utah: the
                        # other end of the journey.
                        for inner in child.children:
                            other = preposition(inner) if inner.dep_ == "nmod" else None
                            if other in cues.journey_preps and preps.get(other) != role:
                                add(prep_role(other, inner), inner, "preposition")
        # "was found dead in Pagliarelli prison", "left wounded at the scene": the verb the
        # adjective completes holds the places; so does the verb of "found dead late last
        # night" where the parse hangs the adjective on "night", and its object or passive
        # subject is who is found.
        stated = _state_verb(trigger, cues.state_verbs)
        if stated is not None:
            for child in stated.children:
                if child.dep_ in _OBJECTS | _PASSIVE_SUBJECTS:
                    add(subject_role or spec.get("passive"), child, "inherited_subject")
        completed = stated
        if trigger.pos_ == "ADJ" and trigger.dep_ in {"xcomp", "oprd", "acomp"}:
            completed = trigger.head
        for child in completed.children if completed is not None else []:
            prep = preposition(child) if child.dep_ in _OBLIQUES else None
            if prep is not None and prep in preps:
                role = prep_role(prep, child)
                if role in _PLACE_ROLES:
                    add(role, child, "governor_place")
        if not answering and not any(
            child.dep_ in _SUBJECTS | _PASSIVE_SUBJECTS for child in trigger.children
        ):
            # (Who answers for the event is its actor, not the subject of the verb that tells
            # so: "the jury found him guilty of killing".)
            inherited = (
                _inherited_subject(trigger)
                or _misparsed_subject(trigger)
                or _name_read_as_verb(trigger, index)
            )
            if inherited is not None:
                role = spec.get("passive") if _is_passive(trigger) else spec.get("subject")
                if _names_victims(inherited) and not any(
                    c.dep_ in _OBJECTS for c in trigger.children
                ):
                    role = spec.get("passive")
                if event_type == "armed_clash":
                    role = "participant"
                role = subject_role or role
                add(role, inherited, "inherited_subject")
        if trigger.dep_ == "acl" and _clause_after_place(trigger) and "place" in preps.values():
            add("place", trigger.head, "governor_place")  # "struck Aceh, killing three"
        clausal = trigger.dep_.startswith("acl")
        if (
            (clausal or trigger.dep_ == "amod")
            and not any(c.dep_ in {"aux", "nsubj"} for c in trigger.children)
            and (
                (clausal and _is_passive(trigger))
                # "left one officer dead", "the wounded men": a modifier's noun suffers it
                # when it names people ("dead pigs" are no victims; nor "injured scrapes").
                or (
                    (_is_passive(trigger) or subject_role) and _person_or_group(trigger.head, index)
                )
            )
        ):
            # "the leader ... who was killed", "soldiers killed in the battle": the modified noun.
            add(subject_role or spec.get("passive"), trigger.head, "modified_noun")
        # "those arrested were transferred": who is arrested is "those".
        add(subject_role or spec.get("passive"), _those_before(trigger), "modified_noun")
    else:
        for child in trigger.children:
            if child.i in taken:
                continue
            if child.dep_ == "nmod:poss" or (
                # "the ancient Israelites' flight": a possessor the parser read as a compound.
                child.dep_ == "compound" and any(c.dep_ == "case" for c in child.children)
            ):
                role = spec.get("poss")
                owner = index.at(child)
                if (
                    event_type == "armed_clash"
                    and owner is not None
                    and owner.type == "place"
                    and (
                        owner.entity not in nations
                        or any(c.dep_ == "amod" and c.lower_ == "civil" for c in trigger.children)
                    )
                ):
                    # "Africa's longest civil wars", "Sudan's civil war", "the fighting of
                    # Sudan's South Kordofan region": where the war is, not a side of it
                    # ("Israel's war with Hamas" is Israel's).
                    role = "place"
                add(role, _fallen_to(trigger, child) or child, "possessor")
            elif child.dep_ in _OBLIQUES:
                prep = preposition(child)
                if prep is not None and prep in preps:
                    add(prep_role(prep, child), child, "preposition")
            elif child.dep_ == "compound" and armed and is_weapon(child):
                add("instrument", child, "weapon_compound")  # "a car bomb attack"
            elif child.dep_ == "compound" and index.at(child) is not None:
                mention = index.at(child)
                role = spec.get("object")
                if mention is not None and mention.type == "place":
                    # "a U.S. strike", "Russian strikes": a country's attack is its own; "a
                    # Baghdad bombing" is one in the city.
                    national = mention.entity in nations or mention.kind != "name"
                    role = "attacker" if national and event_type == "attack" else "place"
                add(role, child, "compound")
            elif (
                child.dep_ == "compound"
                and child.lower_ in lexicon.site_nouns
                and event_type in {"attack", "bombing", "plot"}
            ):
                # "the airport plot", "a checkpoint attack": the site is the target.
                arguments.append(
                    _word_argument("target", child, confidences.get("site_compound", 1.0))
                )
            elif (
                child.dep_ == "compound"
                and child.pos_ == "NOUN"
                and event_type in {"attack", "bombing"}
                and (
                    _lemma(child) in lexicon.armed_sides
                    or descriptors().get(_lemma(child)) in {"person", "organization"}
                )
            ):
                add(spec.get("subject"), child, "compound")  # "a coalition airstrike"
            elif (
                child.dep_ in {"amod", "compound"}
                and _lemma(trigger) in lexicon.victim_nouns
                and child.lower_ in lexicon.victim_modifiers
            ):
                # "civilian deaths", "troop casualties": whom the deaths befell.
                arguments.append(
                    _word_argument("victim", child, confidences.get("modified_noun", 1.0))
                )
            elif child.dep_ == "amod" and countries and child.i in countries:
                # "the Jordanian airport plot": the demonym places the event in its country;
                # "Israeli airstrikes" are Israel's, "South Korean airstrikes" South Korea's.
                words, country = countries[child.i]
                arguments.append(
                    Argument(
                        "attacker" if event_type == "attack" else "place",
                        words.start_char,
                        words.end_char,
                        words.text,
                        country.entity,
                        confidences.get("demonym", 1.0),
                    )
                )
        # "Plots have unfolded in Jordan": the places of the verb the trigger is subject of;
        # "fighting broke out between the military and the rebels": its sides.
        governor = trigger.head
        if (
            trigger.dep_ in _OBJECTS | _OBLIQUES
            and governor.pos_ == "VERB"
            and not _is_passive(governor)
        ):
            # "repelled a planned attack by forces loyal to ...": the parser hangs the noun's
            # by-phrase on the active verb, which has no agent of its own.
            for child in governor.children:
                if (
                    child.i > trigger.i
                    and child.dep_ == "obl"
                    and preposition(child) == "by"
                    and _person_or_group_noun(child, index)
                ):
                    add(spec.get("by"), child, "by_agent")
        if trigger.dep_ in _SUBJECTS | _PASSIVE_SUBJECTS and governor.pos_ == "VERB":
            for child in governor.children:
                prep = preposition(child) if child.dep_ in _OBLIQUES else None
                if prep in {"in", "at", "near", "across"}:
                    add("place", child, "governor_place")
                    # "broke out in the state of South Kordofan between the military and
                    # forces loyal to South Sudan": the sides hung on the place.
                    for inner in child.children if preps.get("between") else []:
                        if inner.dep_ == "nmod" and preposition(inner) == "between":
                            add(preps["between"], inner, "governor_sides")
                elif prep == "between" and preps.get(prep):
                    add(preps[prep], child, "governor_sides")
        # "remain in custody", "took him into custody": who is kept is the object of the
        # verb the custody hangs on, or else its subject.
        if (
            event_type == "arrest"
            and trigger.dep_ in _OBLIQUES
            and governor.pos_ == "VERB"
            # Not "the tip led to his arrest": kept in custody, not an arrest's outcome.
            and _lemma(trigger) in cues.custody_nouns
        ):
            kept = [c for c in governor.children if c.dep_ in _OBJECTS] or [
                c for c in governor.children if c.dep_ in _SUBJECTS | _PASSIVE_SUBJECTS
            ]
            if not kept and governor.dep_.startswith("acl") and _is_passive(governor):
                kept = [governor.head]  # "those sent to detention"
            for person in kept:
                add(spec.get("passive"), person, "custody_holder")
            if any(c.dep_ in _OBJECTS for c in governor.children):
                # "police took him into custody": who keeps him is the verb's subject.
                add(spec.get("subject"), _subject_of(governor), "custody_holder")
        # "A refugee camp was the target of an air strike": the target the sentence names.
        if (
            event_type in {"attack", "bombing"}
            and trigger.dep_ == "nmod"
            and preposition(trigger) == "of"
            and _lemma(governor) in {"target", "targets"}
        ):
            for child in governor.children:
                if child.dep_ in _SUBJECTS | _PASSIVE_SUBJECTS:
                    add("target", child, "effect_object")
        # "one strike engaged a unit and destroyed a position": what the attack did to whom.
        if (
            trigger.dep_ in _SUBJECTS
            and event_type in {"attack", "bombing"}
            and governor.pos_ == "VERB"
            and _lemma(governor) in cues.effect_verbs
        ):
            for verb in [governor, *_effect_conjuncts(governor)]:
                for child in verb.children:
                    if child.dep_ in _OBJECTS:
                        add("target", child, "effect_object")
        # "launched attacks", "found itself in a battle": the governing verb's subject acts.
        if (
            (
                trigger.dep_ in _OBJECTS
                # "engaged in fighting" (not "led to his death": a cause, no actor)
                or (trigger.dep_ in _OBLIQUES and preposition(trigger) != "to")
            )
            and governor.pos_ == "VERB"
            and (
                _supports(governor)
                or _lemma(governor) in cues.experiencer_verbs
                or comes_under(trigger)
                or light_verb_event(trigger) is not None
                # "departed for a deployment to Incirlik": who departs is deployed.
                or (event_type == "movement" and trigger_type(governor, lexicon) == "movement")
            )
        ):
            subject = _subject_of(governor) or _inherited_subject(governor)
            if subject is not None and all(a.start != subject.idx for a in arguments):
                role = spec.get("subject")
                if _lemma(governor) in cues.experiencer_verbs or comes_under(trigger):
                    role = spec.get("passive")  # "the victim suffered two puncture wounds"
                add(role, subject, "support_verb_subject")
            # "In Syria, forces conducted 23 strikes": the light verb's obliques are the event's.
            if trigger.dep_ in _OBJECTS:
                for child in governor.children:
                    prep = preposition(child) if child.dep_ in _OBLIQUES else None
                    if (
                        prep is not None
                        and (prep in preps or prep in own_preps)
                        and child.i != trigger.i
                    ):
                        add(prep_role(prep, child), child, "support_verb_oblique")
        # "Gunmen carried out a series of attacks": the actor of the run is the events'.
        series = trigger.head
        if (
            trigger.dep_ == "nmod"
            and preposition(trigger) == "of"
            and _lemma(series) in cues.series_nouns
            and series.dep_ in _OBJECTS
            and series.head.pos_ == "VERB"
            and _supports(series.head)
        ):
            actor = _subject_of(series.head) or _inherited_subject(series.head)
            add(spec.get("subject"), actor, "support_verb_subject")
        # "19 patients were treated for broken bones, cuts and other injuries": who is
        # treated for the injury has it.
        first = _first_conjunct(trigger)  # "treated for broken bones, cuts and other injuries"
        carer = first.head
        if (
            first.dep_ in _OBLIQUES
            and carer.pos_ == "VERB"
            and preposition(first) in cues.treatment_verbs.get(_lemma(carer), ())
        ):
            treated: list[Token | None] = [
                c for c in carer.children if c.dep_ in _OBJECTS | _PASSIVE_SUBJECTS
            ]
            for patient in treated or [_inherited_subject(carer)]:
                add(spec.get("passive"), patient, "support_verb_subject")
    for member in _members(trigger, cues.listing_verbs):
        # "Among the dead was a 10-year-old girl", "The dead included two children".
        add(subject_role or spec.get("passive"), member, "member")
    for actor in answering:
        if all(a.start != actor.idx for a in arguments):
            add(spec.get("by"), actor, "responsibility")
    if armed:
        # "strikes using attack aircraft", "conducted 23 strikes using rocket artillery".
        for obj in _used_objects(trigger, weapons.use_verbs):
            add("instrument", obj, "use_verb_object")
        if trigger.dep_ == "conj" and trigger.head.pos_ == "VERB" and trigger.pos_ == "VERB":
            # "grabbed a pair of scissors and stabbed the other girl", "pulled out a gun and
            # fired": the weapon the first verb takes up (only a weapon is kept).
            for child in trigger.head.children:
                if child.dep_ in _OBJECTS:
                    add("instrument", child, "use_verb_object")
    clause = _clause_head(trigger)
    if not any(a.role == "place" for a in arguments) and "place" in preps.values():
        # "the coastal city, where people fled their homes": the place the clause is told of.
        where = _where_antecedent(clause, index, lexicon) if clause is not None else None
        add("place", where, "clause_place")
    if not any(a.role in _PLACE_ROLES for a in arguments) and "place" in preps.values():
        located = _clause_place(trigger, index)
        outcome_of = _participle_governor(clause) if clause is not None else None
        if located is None and outcome_of is not None:
            located = _clause_place(outcome_of, index) or _place_object(outcome_of, index)
        if located is None and clause is not None:
            located = _fronted_place(trigger, clause, index)
        if located is not None:
            add("place", located, "clause_place")
    if subject_role == "victim" and not any(a.role == "victim" for a in arguments):
        # "Vincent Gigante, Mafia Leader Who Feigned Insanity, Dies at 77": an obituary's
        # headline, whose parse loses the subject; the person it opens with died.
        add("victim", _obituary_subject(trigger, index), "subject")
    return _actors_filtered(_place_filtered(arguments, index, lexicon), trigger.doc, index)


def _obituary_subject(trigger: Token, index: MentionIndex) -> Token | None:
    """The person a line opens with, when it tells a death with the age at it ("dies at 77",
    "dead at 95"; a headline the parse may split into several sentences)."""
    if not any(
        c.dep_ in _OBLIQUES and preposition(c) == "at" and c.pos_ == "NUM" for c in trigger.children
    ):
        return None
    doc = trigger.doc
    start = trigger.i
    while start > 0 and "\n" not in doc[start - 1].text + doc[start - 1].whitespace_:
        start -= 1
    mention = index.at(doc[start])
    if mention is None or mention.type != "person" or start == trigger.i:
        return None
    return doc[start]


def _members(trigger: Token, listing_verbs: frozenset[str]) -> list[Token]:
    """Who a group named by its fate counts: the girl of "Among the dead was a girl" (the
    noun the among-phrase is the subject or oblique of, with its copula), the children of "The
    dead included two children", "Those arrested included a minister"."""
    host = trigger.head
    if host.i == trigger.i:
        return []
    among = any(c.dep_ == "case" and c.lower_ == "among" for c in trigger.children)
    if (
        among
        and trigger.dep_ in _SUBJECTS | _OBLIQUES
        and host.pos_ in {"NOUN", "PROPN", "PRON"}
        and any(c.dep_ == "cop" for c in host.children)
    ):
        return [host]
    group = trigger
    if trigger.dep_.startswith("acl") and host.pos_ == "PRON":
        group = host  # "Those arrested"
    if group.dep_ == "nsubj" and _lemma(group.head) in listing_verbs:
        return [c for c in group.head.children if c.dep_ == "obj"]
    return []


def _adjective_clause(trigger: Token) -> tuple[Token, Token] | None:
    """The subject and object of a past-tense verb the parse took for an adjective or a
    participle modifying a noun: "The gunman wounded three people" as "the gunman" and
    "wounded three people" (the subject hung on the word or on the noun it modifies), or with
    both nouns as its subjects; "The army shelled rebel positions" the same. None for an adjective
    that is one ("the wounded men", "12 wounded")."""
    if trigger.tag_ not in {"VBD", "VBN", "JJ"} or not trigger.lower_.endswith("ed"):
        return None
    before = trigger.i - 1
    if before < 0:
        return None
    if trigger.pos_ == "VERB" and trigger.dep_ != "amod":
        return None  # a verb the parse read as one
    if trigger.dep_ == "amod" and trigger.head.i > trigger.i:
        noun = trigger.head
        subject = next(
            (
                c
                for c in [*noun.children, *trigger.children]
                if c.dep_ in _SUBJECTS and c.right_edge.i == before
            ),
            None,
        )
        if subject is not None and noun.pos_ in {"NOUN", "PROPN", "PRON"}:
            return subject, noun
        return None
    subjects = [c for c in trigger.children if c.dep_ in _SUBJECTS]
    first = next((c for c in subjects if c.right_edge.i == before), None)
    second = next((c for c in subjects if c.i > trigger.i), None)
    if first is not None and second is not None:
        return first, second
    return None


def _shot_dead(trigger: Token, dead_verbs: frozenset[str]) -> tuple[Token | None, Token] | None:
    """The attacker and victim of an adjective of killing right after a verb of `dead_verbs`
    and parsed as modifying the victim ("Gunmen shot dead two soldiers", "convicted a man of
    shooting dead his girlfriend"): the verb's subject, or the subject it shares, and the noun."""
    if trigger.i == trigger.sent.start:
        return None
    verb = trigger.doc[trigger.i - 1]
    if dead_verbs.isdisjoint(_forms(verb)):
        return None
    victim = trigger.head
    if trigger.dep_ == "xcomp" and victim.i == verb.i:
        # "Gunmen shot dead a policeman" parsed with the policeman the adjective's object.
        victim = next((c for c in trigger.children if c.dep_ == "obj"), trigger)
        if victim.i == trigger.i:
            return None
    elif trigger.dep_ != "amod" or victim.i < trigger.i:
        return None
    if victim.pos_ not in {"NOUN", "PROPN"}:
        return None
    subject = _subject_of(verb) or (_inherited_subject(verb) if verb.pos_ == "VERB" else None)
    return subject, victim


def _answering(trigger: Token, event_type: str) -> tuple[list[Token], set[int]]:
    """Who answers for the event a trigger names (`_answering_here`), or for the charge or the
    plan it is joined to or the aim of: "convicted of racketeering and conspiring to kill
    other mobsters" (who is convicted answers for the killing too). A crime named before
    its legal case ("the murder trial of Lopez") is answered for by whom the case is against."""
    case = case_of_crime(trigger, event_type, context_cues())
    if case is not None:
        return _accused_of_case(case), set()
    named, taken = _answering_here(trigger)
    charge = trigger
    for _ in range(3):
        if named or charge.dep_ not in {"conj", "xcomp"} or charge.head.i == charge.i:
            break
        charge = charge.head
        named, _ = _answering_here(charge)
    return named, taken


def _accused_of_case(case: Token) -> list[Token]:
    """Who a legal case is against: "the murder trial of Lopez and Carrasquillo", "charges
    against him", "he faces a murder charge", "convicted in a sexual assault case"."""
    against = [
        c
        for c in case.children
        if c.dep_ == "nmod"
        and preposition(c) in {"of", "against"}
        and (_accused_person(c) or c.lower_ in context_cues().actor_pronouns)
    ]
    if against:
        return against
    verb = case.head
    if case.dep_ in _OBJECTS and _lemma(verb) in context_cues().bearing_verbs:
        return [c for c in verb.children if c.dep_ in _SUBJECTS]
    if case.dep_ in _OBLIQUES and verb.pos_ == "VERB":
        # "stood trial on murder charges", "was convicted in a sexual assault case".
        return [c for c in verb.children if c.dep_ in _SUBJECTS | _PASSIVE_SUBJECTS]
    return []


def _charged_with(charge: Token, cues: ContextCues) -> bool:
    """Whether a noun of charging is the with-phrase of an accusing verb that the parse hung
    on the verb's object ("charged Christopher Kenyon Simpson with two counts of murder")."""
    person = charge.head
    verb = person.head
    return (
        charge.dep_ == "nmod"
        and person.dep_ in _OBJECTS
        and verb.pos_ == "VERB"
        and preposition(charge)
        in cues.accusing_verbs.get(word_of(verb, cues.words_of_responsibility), ())
    )


def _answering_here(trigger: Token) -> tuple[list[Token], set[int]]:
    """Who answers for the event a trigger names, told by the clause around it: who claims
    responsibility for it, is responsible for it, is blamed or accused of it, or has it
    attributed to them (`responsibility` in events.json); and the words the parse hung on the
    trigger that are that actor ("blamed the attack on Kurdish militants"), which fill no other
    role. A negated claim or one made by no one names no actor."""
    cues = context_cues()
    governor = trigger.head
    if governor.i == trigger.i:
        return [], set()
    lemma = word_of(governor, cues.words_of_responsibility)
    prep = preposition(trigger) if trigger.dep_ in _OBLIQUES else None
    if trigger.dep_ in {"advcl", "acl"}:
        # "convicted of killing two officers": the clause's preposition is its marker.
        prep = next((c.lower_ for c in trigger.children if c.dep_ == "mark"), None)
    actors: list[Token | None] = []
    taken: set[int] = set()
    misread = _misread_adjective(trigger, governor, prep)
    first = _first_conjunct(governor)
    if misread is not None and not negated(misread[0]):
        # "A jury found Scott Peterson guilty Friday of killing his wife", with "guilty" read
        # as a noun: whom the verb finds so.
        verb, adjective = misread
        actors.extend(
            c
            for c in verb.children
            if c.dep_ in _OBJECTS | _PASSIVE_SUBJECTS
            and not c.left_edge.i <= adjective.i <= c.right_edge.i
        )
    elif prep == "for" and lemma in cues.responsibility_nouns:
        # "ISIS claimed responsibility for the attack"; "responsibility ... was claimed by X".
        verb = governor.head
        if word_of(verb, cues.claim_verbs) in cues.claim_verbs and not negated(verb):
            if governor.dep_ in _OBJECTS | {"xcomp"}:
                actors.append(_claimer(verb))
            elif governor.dep_ in _PASSIVE_SUBJECTS:
                actors.extend(c for c in verb.children if c.dep_ == "obl:agent")
    elif prep == "for" and lemma in cues.claim_verbs and not negated(governor):
        # The same with "for the attack" hung on the verb.
        if any(
            c.dep_ in _OBJECTS and _lemma(c) in cues.responsibility_nouns for c in governor.children
        ):
            actors.append(_claimer(governor))
    elif prep in cues.responsible_adjectives.get(lemma, ()) and not negated(governor):
        # "Al-Shabaab was responsible for the attack", "the group responsible for the
        # massacre", "held the rebels responsible for the bombing", "Lopez was found guilty
        # in the murder".
        subject = next((c for c in governor.children if c.dep_ in _SUBJECTS), None)
        if subject is not None:
            actors.append(subject)
        elif governor.dep_ in {"amod", "acl"}:
            actors.append(governor.head)
        elif governor.dep_ == "xcomp":
            actors.extend(
                [c for c in governor.head.children if c.dep_ in _OBJECTS]
                or [c for c in governor.head.children if c.dep_ in _PASSIVE_SUBJECTS]
            )
    elif (
        prep in cues.accusing_nouns.get(lemma, ())
        and governor.pos_ == "NOUN"
        and (
            governor.dep_ in _OBLIQUES
            or (governor.dep_ in _OBJECTS and _lemma(governor.head) in cues.bearing_verbs)
            or _charged_with(governor, cues)
        )
        and not negated(governor.head)
    ):
        # "a man was questioned on suspicion of murder", "each face five charges of arson":
        # whom the suspicion or the charge falls on; "charged Simpson with two counts of
        # murder", "police arrested him on suspicion of murder": whom the verb charges or
        # holds.
        verb = governor.head
        held = [c for c in verb.children if c.dep_ in _OBJECTS | _PASSIVE_SUBJECTS]
        if _charged_with(governor, cues):
            actors.append(governor.head)  # the phrase hung on whom the verb charges
        elif governor.dep_ in _OBLIQUES and held:
            actors.extend(held)
        else:
            actors.extend(c for c in verb.children if c.dep_ in _SUBJECTS | _PASSIVE_SUBJECTS)
    elif prep in cues.accusing_verbs.get(lemma, ()) and not negated(governor):
        # "police blamed the rebels for the bombing", "the rebels were accused of the attack".
        actors.extend(c for c in governor.children if c.dep_ in _OBJECTS | _PASSIVE_SUBJECTS)
        if not actors and governor.dep_ == "acl":
            # "a man suspected of stabbing two women": the participle's noun, or the noun right
            # before it where the parse hung it higher ("the murder trial of an Albany teen
            # accused in the shooting death").
            before = governor.doc[governor.i - 1]
            for noun in (governor.head, before):
                if noun.pos_ in {"NOUN", "PROPN"} and _accused_person(noun):
                    actors.append(noun)
                    break
    elif (
        prep in cues.accusing_verbs.get(word_of(first.head, cues.accusing_verbs), ())
        and first.dep_ in _OBJECTS
        and not negated(first.head)
    ):
        # The same with "for the bombing" hung on the object, or on its last conjunct
        # ("accused the regime and other forces of heavy shelling").
        actors.append(first)
    elif (
        trigger.dep_ in _OBJECTS | _PASSIVE_SUBJECTS
        and lemma in cues.attributing_verbs
        and not negated(governor)
    ):
        # "blamed the attack on Kurdish militants", "the murder was attributed to the FMLN".
        preps = cues.attributing_verbs[lemma]
        for host in (governor, trigger):
            for child in host.children:
                if child.dep_ in _OBLIQUES and preposition(child) in preps:
                    actors.append(child)
                    taken.add(child.i)
    named = [a for a in actors if a is not None and not _nobody(a)]
    return named, taken


def _those_before(verb: Token) -> Token | None:
    """The "those" right before a participle that the parse made its determiner ("those
    arrested"): the people the participle tells of."""
    if verb.tag_ != "VBN" or verb.i == 0:
        return None
    those = verb.doc[verb.i - 1]
    if those.dep_ == "det" and those.lower_ == "those" and those.head.i == verb.i:
        return those
    return None


def _first_conjunct(token: Token) -> Token:
    """The first of the conjuncts a token is one of, which the parse hangs the others on."""
    while token.dep_ == "conj" and token.head.i != token.i:
        token = token.head
    return token


def _accused_person(noun: Token) -> bool:
    """A noun a participle of accusing may describe: a name or a word for a person."""
    return noun.pos_ == "PROPN" or _people_word(noun.lower_)


def _misread_adjective(
    trigger: Token, governor: Token, prep: str | None
) -> tuple[Token, Token] | None:
    """The verb and the adjective of responsibility the parse did not read as one, between
    that verb and the clause of the event ("found Peterson guilty Friday of killing", "guilty"
    a noun or a modifier of "Friday"); None where the parse has it right."""
    if trigger.dep_ not in {"advcl", "acl"} or prep is None:
        return None
    verb = governor
    if trigger.dep_ == "acl" and governor.pos_ == "NOUN" and governor.dep_ in _OBJECTS:
        verb = governor.head  # "found Peterson guilty of killing", "guilty" the object
    if verb.pos_ != "VERB":
        return None
    adjectives = context_cues().responsible_adjectives
    for token in verb.doc[verb.i + 1 : trigger.i]:
        if token.pos_ != "ADJ" and prep in adjectives.get(token.lower_, ()):
            return verb, token
    return None


def _claimer(verb: Token) -> Token | None:
    """The subject of a claim, its own or passed down ("the group, which claimed ...")."""
    subject = next((c for c in verb.children if c.dep_ in _SUBJECTS), None)
    return subject if subject is not None else _inherited_subject(verb)


def _nobody(token: Token) -> bool:
    """ "No one", "nobody", "no group": a claim no one made."""
    cues = context_cues()
    return token.lower_ in cues.nobody or any(
        c.dep_ == "det" and c.lower_ in cues.negation for c in token.children
    )


def _used_objects(trigger: Token, use_verbs: frozenset[str]) -> list[Token]:
    """The weapons an attack is told to use: the objects of a use verb whose phrase hangs on
    the trigger's noun phrase ("strikes delivering 850 munitions") or on the light verb whose
    object the trigger is ("conducted 23 strikes using attack aircraft")."""
    hosts = {trigger.i}
    governor = trigger.head
    if trigger.dep_ in _OBJECTS and governor.pos_ == "VERB" and _supports(governor):
        hosts.add(governor.i)
    found: list[Token] = []
    for token in trigger.sent:
        if token.pos_ != "VERB" or _lemma(token) not in use_verbs or token.i < trigger.i:
            continue
        if token.dep_ not in {"acl", "advcl", "xcomp"} or not _hangs_on(token, hosts):
            continue
        objects = [c for c in token.children if c.dep_ in _OBJECTS and is_weapon(c)]
        found += objects or _listed_weapons(token)
    return found


def _hangs_on(verb: Token, hosts: set[int]) -> bool:
    """Whether a participle's phrase hangs on one of the hosts through nouns only: "strikes
    coordinated with and in support of the government of Iraq using ... aircraft"."""
    current = verb.head
    for _ in range(6):
        if current.i in hosts:
            return True
        if current.pos_ not in {"NOUN", "PROPN"} or current.head.i == current.i:
            return False
        current = current.head
    return False


def _listed_weapons(verb: Token) -> list[Token]:
    """The weapon nouns that close the noun phrases after a use verb, up to its first
    preposition, for when the parse tore the list apart: "using attack, bomber, fighter and
    remotely piloted aircraft as well as rocket artillery against ISIL targets"."""
    found = []
    sentence = verb.sent
    for token in verb.doc[verb.i + 1 : min(sentence.end, verb.i + 16)]:
        if token.dep_ == "case" or token.tag_ in {"VBD", "VBZ", "VBP", "MD"} or token.is_sent_end:
            break
        following = token.doc[token.i + 1] if token.i + 1 < sentence.end else None
        closes = following is None or not (
            following.pos_ in {"NOUN", "PROPN", "ADJ", "CCONJ"} or following.text in {",", "-"}
        )
        if closes and is_weapon(token):
            found.append(token)
    return found


def _effect_conjuncts(verb: Token) -> list[Token]:
    """The verbs conjoined to an effect verb that share its subject: "engaged ...; destroyed
    ...; and damaged ..."."""
    return [
        c
        for c in verb.children
        if c.dep_ == "conj"
        and c.pos_ == "VERB"
        and _lemma(c) in context_cues().effect_verbs
        and not any(g.dep_ in _SUBJECTS | _PASSIVE_SUBJECTS for g in c.children)
    ]


def _actors_filtered(arguments: list[Argument], doc: Doc, index: MentionIndex) -> list[Argument]:
    """Actors must be able to act or suffer: a person, group or country, a name, a personal
    pronoun, or a noun phrase not headed by a word that never does ("The bad news")."""
    cues = context_cues()
    kept = []
    for argument in arguments:
        if argument.role in cues.actor_roles and argument.entity is None:
            span = doc.char_span(argument.start, argument.end, alignment_mode="expand")
            if span is not None and not _actor_head(span.root, index):
                continue
        kept.append(argument)
    return kept


def _bare_mass_noun(token: Token, index: MentionIndex) -> bool:
    """A singular common noun with no determiner, number or modifier that names no person or
    group: a deed or a thing ("racketeering", "extortion"), no one who acts or suffers."""
    return (
        token.tag_ == "NN"
        and not any(
            c.dep_ in {"det", "nummod", "nmod:poss", "amod", "compound"} for c in token.children
        )
        and not _person_or_group(token, index)
    )


def _actor_head(head: Token, index: MentionIndex) -> bool:
    if head.pos_ == "PROPN" or index.at(head) is not None:
        return True
    if head.pos_ == "PRON" or head.lower_ == "those":
        return head.lower_ in context_cues().actor_pronouns
    if head.pos_ == "NUM" or head.lower_ in event_lexicon().quantifiers:
        # "30 of the soldiers", "some of the fighters"; not "a series of earthquakes".
        inner = _partitive(head)
        return inner.i == head.i or _actor_head(inner, index)
    if head.pos_ in {"DET", "ADP", "ADV", "PUNCT", "CCONJ", "SCONJ", "PART", "AUX"}:
        return False
    # A noun, or a word the tagger took for a verb in a noun's place ("arrested 12 suspects").
    return not {head.lower_, _lemma(head)} & context_cues().non_actor_nouns


def _clause_place(trigger: Token, index: MentionIndex) -> Token | None:
    """A place entity in a locative phrase anywhere in the trigger's own clause, for when the
    parse hung "in Madrid" on the object ("arrested 12 suspects in Madrid"). In the subject,
    which names who acts, only a place on its head ("Police in Madrid arrested"), not one
    deeper in it ("the Special Advisor for Religious Minorities in the Near East will travel
    to Turkey")."""
    subjects = {"nsubj", "nsubj:pass"}
    stack = [
        c
        for c in trigger.children
        if c.dep_ not in {"advcl", "ccomp", "conj", "parataxis", "acl:relcl", *subjects}
    ]
    for token in (c for s in trigger.children if s.dep_ in subjects for c in s.children):
        if _locative_place(token, index):
            return token
    while stack:
        token = stack.pop()
        if _locative_place(token, index):
            return token
        stack.extend(
            c
            for c in token.children
            if c.dep_ not in {"acl:relcl", "conj", "parataxis", "ccomp", "advcl"}
        )
    return None


_FRONTED_PREPS = frozenset({"near", "in", "at", "outside"})


def _fronted_place(trigger: Token, clause: Token, index: MentionIndex) -> Token | None:
    """The place a sentence opens with, set off by a comma, for an event of its main clause:
    "Near Al Shadaddi, one strike engaged an ISIL tactical unit", read by the words where the
    parse hangs the name elsewhere (not "In Washington, officials said the attack ...", whose
    attack is told in a clause of its own)."""
    sentence = trigger.sent
    if clause.i != sentence.root.i or len(sentence) < 4:
        return None
    first = sentence[0]
    if first.lower_ not in _FRONTED_PREPS:
        return None
    mention = index.at(sentence[1])
    if mention is None or mention.type != "place" or mention.kind != "name":
        return None
    doc = trigger.doc
    after = doc.char_span(mention.start, mention.end, alignment_mode="expand")
    if after is None or after.end >= sentence.end or doc[after.end].text != ",":
        return None
    return after.root if trigger.i > after.end else None


def _where_antecedent(clause: Token, index: MentionIndex, lexicon: EventLexicon) -> Token | None:
    """The place a where-clause is told of: the city of "the coastal city ..., where people
    fled their homes", the camp of "the camp where they were held"."""
    if not clause.dep_.startswith("acl") or not any(
        c.dep_ == "advmod" and c.lower_ == "where" for c in clause.children
    ):
        return None
    place = clause.head
    if place.dep_ == "nmod" and preposition(place) == "of" and not _names_place(place, index):
        place = place.head  # "the coastal city of population 167,000, where"
    if _names_place(place, index) or _lemma(place) in lexicon.site_nouns:
        return place
    return None


def _fallen_to(trigger: Token, possessor: Token) -> Token | None:
    """Whom the possessive pronoun of "fell to their deaths", "sent them to their deaths"
    stands for: the object of the verb of falling or sending (`fatal_journeys`) the to-phrase
    ends, or else its subject (not "the tip led to his arrest")."""
    governor = trigger.head
    cues = context_cues()
    if (
        possessor.pos_ != "PRON"
        or trigger.dep_ not in _OBLIQUES
        or preposition(trigger) != "to"
        or _lemma(governor) not in cues.fatal_journeys
    ):
        return None
    objects = [c for c in governor.children if c.dep_ in _OBJECTS]
    who = objects[0] if objects else _subject_of(governor) or _inherited_subject(governor)
    if who is None or who.lower_ in cues.non_actor_nouns:
        return None
    return who


def _place_object(verb: Token, index: MentionIndex) -> Token | None:
    """The place a verb acts on, as its object: "quakes rocked Manokwari", "gunmen stormed
    the town of Talodi"."""
    return next((c for c in verb.children if c.dep_ in _OBJECTS and _names_place(c, index)), None)


def _names_place(token: Token, index: MentionIndex) -> bool:
    """A place mention, or a kind of place its of-phrase names ("the town of Talodi")."""
    mention = index.at(token)
    if mention is None:
        return _named_by_of(token, index, event_lexicon()) is not None
    return mention.type == "place"


def _person_or_group(token: Token, index: MentionIndex) -> bool:
    """A person or group by its mention, a noun for people, or a number of them ("two dead")."""
    mention = index.at(token)
    if mention is not None:
        return mention.type in {"person", "organization"}
    return token.pos_ == "NUM" or _people_word(token.text)


def _person_or_group_noun(token: Token, index: MentionIndex) -> bool:
    """A person or group by `_person_or_group`, or by a noun the descriptors type as one
    ("police", "troops")."""
    return _person_or_group(token, index) or descriptors().get(_lemma(token)) in {
        "person",
        "organization",
    }


def _locative_place(token: Token, index: MentionIndex) -> bool:
    """A place entity "in", "at" or "near" something, or a kind of place it names ("in the
    town of Talodi")."""
    return (
        token.dep_ in _OBLIQUES
        and preposition(token) in {"in", "at", "near"}
        and _names_place(token, index)
    )


def _place_filtered(
    arguments: list[Argument], index: MentionIndex, lexicon: EventLexicon
) -> list[Argument]:
    """Places must be places: a place entity, or a phrase headed by a site noun ("a refugee camp")."""
    kept = []
    for argument in arguments:
        if argument.role in {"place", "origin", "destination"} and argument.entity is None:
            words = {w.strip(".,") for w in argument.text.lower().split()}
            if not _sites(words) & lexicon.site_nouns:
                continue
        if (
            argument.role in {"place", "origin", "destination"}
            and argument.entity is not None
            and not argument.entity.startswith("place/")
            # A facility the NER calls an organization is a place: "Incirlik Air Base", "the
            # Children's Hospital of Manitoba" (its head before "of").
            and not _sites({_facility_head(argument.text)}) & lexicon.site_nouns
        ):
            continue
        kept.append(argument)
    return kept


def _facility_head(name: str) -> str:
    """The head word of a name, before its of-phrase: "Hospital" of "Children's Hospital of
    Manitoba", "Base" of "Incirlik Air Base"."""
    words = name.lower().split()
    if "of" in words[1:]:
        words = words[: words.index("of", 1)]
    return words[-1].strip(".,") if words else ""


def _sites(words: set[str]) -> set[str]:
    """Words with their singulars: "homes", "fields" and "churches" name sites too."""
    return _with_singulars(words)


def _with_singulars(words: set[str]) -> set[str]:
    """Words with the singulars their plurals may have: "soldiers", "churches", "policemen",
    "children"."""
    return (
        words
        | {w[:-1] for w in words if w.endswith("s")}
        | {w[:-2] for w in words if w.endswith("ches") or w.endswith("shes")}
        | {w[:-3] + "man" for w in words if w.endswith("men")}
        | {w[:-3] for w in words if w.endswith("ren")}
    )


def _number(tokens: list[Token], lexicon: EventLexicon) -> tuple[int, int] | None:
    """(value, token index) of the first number among tokens: digits or a number word."""
    for token in tokens:
        text = token.text.lower()
        if _NUMBER.match(text):
            return int(text.replace(",", "")), token.i
        if text in lexicon.number_words and token.pos_ == "NUM":
            return lexicon.number_words[text], token.i
    return None


def _qualifier(doc: Doc, number_at: int, lexicon: EventLexicon, lower: int) -> tuple[str, int]:
    """The bound words before a number ("more than", "as many as") and where they start."""
    for length in (3, 2, 1):
        start = number_at - length
        if start < lower:
            continue
        words = " ".join(t.lower_ for t in doc[start:number_at])
        if words in lexicon.qualifiers:
            return lexicon.qualifiers[words], start
    return "exactly", number_at


def _counts(
    event_type: str, trigger: Token, arguments: list[Argument], lexicon: EventLexicon
) -> list[Count]:
    doc = trigger.doc
    counts: list[Count] = []
    sentence = trigger.sent
    for argument in arguments:
        if argument.role not in _COUNT_ROLES or argument.entity is not None:
            continue
        span = doc.char_span(argument.start, argument.end, alignment_mode="expand")
        if span is None:
            continue
        found = _number(list(span), lexicon)
        if found is None:
            continue
        value, at = found
        qualifier, begin = _qualifier(doc, at, lexicon, sentence.start)
        evidence = doc[min(begin, span.start) : span.end]
        counts.append(
            Count(
                argument.role,
                value,
                qualifier,
                evidence.text,
                evidence.start_char,
                evidence.end_char,
            )
        )
    if trigger.pos_ == "NOUN":
        # "eight planeloads", "two attacks": a number on the trigger counts the events or goods.
        numbers = [c for c in trigger.children if c.dep_ == "nummod"]
        if numbers:
            found = _number(numbers, lexicon)
            if found is not None:
                value, at = found
                qualifier, begin = _qualifier(doc, at, lexicon, sentence.start)
                evidence = doc[begin : trigger.i + 1]
                role = "artifact" if event_type in {"military_aid", "movement"} else "event"
                counts.append(
                    Count(
                        role,
                        value,
                        qualifier,
                        evidence.text,
                        evidence.start_char,
                        evidence.end_char,
                    )
                )
    return counts


def _attribution(trigger: Token, index: MentionIndex, lexicon: EventLexicon) -> Source | None:
    """The source of the sentence's claim: "according to X", or the subject of a reporting verb
    that governs the trigger."""
    sentence = trigger.sent
    for token in sentence:
        if (
            token.lower_ == "according"
            and token.i + 2 < sentence.end
            and token.doc[token.i + 1].lower_ == "to"
        ):
            head = token.doc[token.i + 2]
            # The source phrase's head is the last token of its noun phrase.
            while (
                head.head.i != head.i
                and head.head.i > head.i
                and head.head.i < sentence.end
                and head.head.pos_ in {"PROPN", "NOUN"}
            ):
                head = head.head
            return _source(head, index)
    current = trigger
    found: Source | None = None
    for _ in range(8):
        if _lemma(current) in lexicon.reporting_verbs and current.pos_ == "VERB":
            subject = _subject_of(current)
            if subject is not None and subject.i != trigger.i:
                found = _source(subject, index)
                # "the authorities said they believed ...": the source is who said it.
                if subject.pos_ != "PRON" or found.entity is not None:
                    return found
        if current.head.i == current.i:
            break
        current = current.head
    if found is not None:
        return found
    for token in sentence:
        # A parenthetical "X said" elsewhere in the sentence.
        if (
            _lemma(token) in lexicon.reporting_verbs
            and token.pos_ == "VERB"
            and token.dep_ in {"parataxis", "ROOT"}
        ):
            subject = _subject_of(token)
            if subject is not None and subject.pos_ in {"PROPN", "NOUN"}:
                return _source(subject, index)
    return None


def _source(head: Token, index: MentionIndex) -> Source:
    argument = _argument("source", head, index)
    return Source(argument.text, argument.start, argument.end, argument.entity)


def _is_trigger_span(doc: Doc, argument: Argument, lexicon: EventLexicon) -> bool:
    """An event is no participant of another: "Fighting killed 40 soldiers" has no attacker."""
    if argument.entity is not None:
        return False
    span = doc.char_span(argument.start, argument.end, alignment_mode="expand")
    return span is not None and trigger_type(span.root, lexicon) is not None


_PLURAL_PEOPLE = frozenset(
    {"people", "men", "women", "suspects", "militants", "fighters", "civilians"}
)


def _people_word(text: str) -> bool:
    words = {w.lower().strip(".,") for w in text.split()}
    return bool(_with_singulars(words) & (person_nouns() | _PLURAL_PEOPLE))


def _overlaps_time(argument: Argument, times: list[Time]) -> bool:
    return any(t.start < argument.end and argument.start < t.end for t in times)


def _nearest_time(trigger: Token, times: list[Time]) -> Time | None:
    """The time expression of the trigger's own clause nearest to it: not one of a relative or
    other subordinate clause the trigger is outside of ("A U.S. strike on Jan. 1 hit two
    vehicles that had departed a headquarters": Jan. 1 is the strike's, not the departure's)."""
    sentence = trigger.sent
    inside = [t for t in times if sentence.start_char <= t.start < sentence.end_char]
    clause = _clause_head(trigger)
    sequence = _in_sequence(trigger)
    if sequence is not None:
        # "arrested him on Friday after the attack": the attack is before Friday; only a
        # time inside its own phrase is its.
        inside = [t for t in inside if sequence.start_char <= t.start < sequence.end_char]
    elif clause is not None:
        doc = trigger.doc
        clauses = [clause]
        governor = _participle_governor(clause)
        if governor is not None:
            clauses.append(governor)  # "quakes rocked Manokwari on Sunday, killing four"
        roots = [
            (t, span.root)
            for t in inside
            if (span := doc.char_span(t.start, t.end, alignment_mode="expand")) is not None
        ]
        # The verbs from the trigger up to its clause's: a conjoined verb with a subject of its
        # own off that path is a clause of its own ("when he visited Ankara, and a spokesman
        # said in April": April is not the visit's).
        own = {trigger.i}
        step = trigger
        while step.i != clause.i and step.head.i != step.i and len(own) < 12:
            step = step.head
            own.add(step.i)
        inside = [t for t, root in roots if any(_within_clause(root, c, own) for c in clauses)]
        at_once = _simultaneous_governor(clause)
        if not inside and at_once is not None:
            # "no comment on Thursday, as deadly fighting broke out": a clause of "as" or
            # "when" happens at the time of the clause it hangs on.
            inside = [t for t, root in roots if _within_clause(root, at_once, {at_once.i})]
    if not inside:
        return None
    return min(inside, key=lambda t: abs(t.start - trigger.idx))


_SIMULTANEOUS_MARKS = frozenset({"as", "when"})
_SEQUENCE_PREPS = frozenset({"after", "before", "since", "following"})


def _in_sequence(trigger: Token) -> Span | None:
    """The phrase of an event noun told as before or after its clause's event ("after the
    attack", "before the vote", "following the raid"): the noun's own phrase, or None."""
    if trigger.pos_ != "NOUN" or trigger.dep_ not in _OBLIQUES:
        return None
    if preposition(trigger) not in _SEQUENCE_PREPS:
        return None
    return trigger.doc[trigger.left_edge.i : trigger.right_edge.i + 1]


def _simultaneous_governor(clause: Token) -> Token | None:
    """The clause an adverbial clause of "as" or "when", or a gerund of "while", hangs on,
    which it shares its time with."""
    if clause.dep_ != "advcl":
        return None
    # ("when" is parsed as a mark or, as often, an adverb of the clause)
    marks = {
        c.lower_
        for c in clause.children
        if c.dep_ == "mark" or (c.dep_ == "advmod" and c.lower_ == "when" and c.i < clause.i)
    }
    # "fell about 600m while climbing to a small hut" (not a "while" of contrast, with a
    # subject of its own).
    gerund = clause.tag_ == "VBG" and not any(c.dep_ in _SUBJECTS for c in clause.children)
    if not marks & _SIMULTANEOUS_MARKS and not ("while" in marks and gerund):
        return None
    return _clause_head(clause.head)


def _attributive_year(trigger: Token) -> Time | None:
    """The year an event noun is named by ("the 2008 raid", "his 1994 arrest"), which the time
    expressions of the text leave out, a bare number being a count there ("2000 people")."""
    if trigger.pos_ != "NOUN" or not any(
        c.dep_ in {"det", "nmod:poss"} and c.i < trigger.i for c in trigger.children
    ):
        return None
    for child in trigger.children:
        if (
            child.dep_ in {"nummod", "compound"}
            and child.i == trigger.i - 1
            and _YEAR.fullmatch(child.text)
        ):
            year = child.text
            return Time(
                text=year,
                start=child.idx,
                end=child.idx + len(year),
                value=year,
                precision="year",
                begin=f"{year}-01-01",
                end_date=f"{year}-12-31",
            )
    return None


_YEAR = re.compile(r"(?:19|20)\d\d")
_SUBORDINATE = frozenset({"acl:relcl", "advcl", "ccomp", "parataxis", "csubj"})


def _participle_governor(clause: Token) -> Token | None:
    """The clause a free participle tells the outcome of ("quakes rocked Manokwari on Sunday,
    killing four people"), which it shares its time and place with: an adverbial -ing verb
    with no subject and no conjunction of its own."""
    if clause.dep_ != "advcl" or clause.tag_ != "VBG":
        return None
    if any(c.dep_ in {"mark", "nsubj", "nsubj:pass", "aux"} for c in clause.children):
        return None
    return _clause_head(clause.head)


def _clause_head(trigger: Token) -> Token | None:
    """The verb whose clause the trigger belongs to: itself if it is a verb, else the first verb
    or predicate of a copula above it, the first of conjoined verbs; None in a verbless
    fragment."""
    current = trigger
    for _ in range(12):
        if current.pos_ in {"VERB", "AUX"}:
            # Conjoined verbs share their clause's adjuncts: "On Monday, X was struck and killed".
            while current.dep_ == "conj" and current.head.pos_ in {"VERB", "AUX"}:
                current = current.head
            return current
        if any(c.dep_ == "cop" for c in current.children):
            return current  # "was already in custody for robbing a bank on March 6"
        if current.head.i == current.i:
            return None
        current = current.head
    return None


def _within_clause(token: Token, clause: Token, own: set[int]) -> bool:
    """Whether a token hangs under the clause's verb without crossing into a subordinate clause
    of its own, or into a conjoined clause with its own subject that is not one of ``own``."""
    current = token
    for _ in range(20):
        if current.i == clause.i:
            return True
        if current.pos_ in {"VERB", "AUX"} and current.dep_ in _SUBORDINATE:
            return False
        if (
            current.pos_ in {"VERB", "AUX"}
            and current.dep_ == "acl"
            and any(c.dep_ == "mark" for c in current.children)
        ):
            return False  # "in custody for allegedly robbing a bank on March 6"
        if (
            current.pos_ in {"VERB", "AUX"}
            and current.dep_ == "conj"
            and current.i not in own
            # (not a relative's "who": "those who were injured or who died last July")
            and any(
                c.dep_ in _SUBJECTS and c.lower_ not in {"who", "which", "that"}
                for c in current.children
            )
        ):
            return False
        if current.head.i == current.i:
            return False
        current = current.head
    return False


def find_times(text: str, published: date | None) -> list[Time]:
    from newsgraph.extract import timex

    return [
        Time(
            text=t.text,
            start=t.start,
            end=t.end,
            value=t.value,
            precision=t.precision,
            begin=t.begin.isoformat() if t.begin else None,
            end_date=t.end_date.isoformat() if t.end_date else None,
        )
        for t in timex.find_times(text, published)
    ]


def _demonym_countries(
    doc: Doc, mentions: list[Mention], entities: list[Entity]
) -> dict[int, tuple[Span, Mention]]:
    """The document's demonyms, by the index of their head word ("Korean" of "South Korean"),
    with their words and a mention of their country, where named."""
    from newsgraph.extract.gazetteer import default_gazetteer
    from newsgraph.extract.groups import demonym_spans

    gazetteer = default_gazetteer()
    by_geonames = {
        e.links["geonames"]: e for e in entities if e.type == "place" and e.links.get("geonames")
    }
    first_mention = {m.entity: m for m in reversed(mentions) if m.entity}
    found: dict[int, tuple[Span, Mention]] = {}
    for start, end, demonym in demonym_spans(doc, gazetteer):
        words = doc[start:end]
        if words.root.pos_ != "ADJ" or not demonym.place.geonames_id:
            continue
        entity = by_geonames.get(demonym.place.geonames_id)
        if entity is not None and entity.id in first_mention:
            found[words.root.i] = (words, first_mention[entity.id])
    return found


def extract_events(
    doc: Doc, mentions: list[Mention], published: date | None, entities: list[Entity] | None = None
) -> list[Event]:
    """Every trigger word in the document as an event mention, in text order."""
    lexicon = event_lexicon()
    index = MentionIndex(doc, mentions)
    candidates = [
        (token, event_type)
        for token in doc
        if (event_type := trigger_type(token, lexicon)) is not None and index.at(token) is None
    ]
    if not candidates:
        return []  # no word the lexicon proposes: the times and demonyms are not read
    judge = event_filter()
    countries = _demonym_countries(doc, mentions, entities or [])
    nations = frozenset(
        e.id for e in entities or [] if e.type == "place" and e.subtype == "country"
    )
    times = find_times(doc_text(doc), published)
    sentence_of = sentence_numbers(doc)
    # Whether the article has enough words of a context (armed sides, explosives) for a
    # trigger that needs one: counted once per article and word set, when first needed.
    in_article: dict[frozenset[str], bool] = {}
    events: list[Event] = []

    def arguments_of(token: Token, event_type: str) -> list[Argument]:
        return [
            a
            for a in _role_args(token, event_type, index, lexicon, countries, nations)
            if not _overlaps_time(a, times) and not _is_trigger_span(doc, a, lexicon)
        ]

    for token, event_type in candidates:
        if other_sense(token, event_type) or _listed_with_kinds(token, lexicon):
            continue  # "the fight with Congress over war funding", "attack, bomber ... aircraft"
        arguments = arguments_of(token, event_type)
        pos = "VERB" if token.pos_ == "AUX" else token.pos_
        entry = lexicon.trigger(_lemma(token), token.lower_, pos) or lexicon.trigger(
            _lemma(token), token.lower_
        )
        if entry is not None and event_type not in {entry.type, entry.otherwise}:
            entry = None  # "took his own life": a killing, not the journey "take" needs
        if (
            entry is not None
            and entry.needs_place
            and not any(a.role in _JOURNEY_ROLES for a in arguments)
            and not _known_journey(token)
            and not _to_kin(token)
            and not _heads_somewhere(token, index)
        ):
            continue  # "going to say" is no journey; "went to Baghdad", "fled in a car" is
        if (
            entry is not None
            and entry.needs_destination
            and not any(a.role in {"origin", "destination"} for a in arguments)
        ):
            continue  # "took place in Baghdad", "carrying a bag" ("taken to a hospital" is)
        if (
            entry is not None
            and entry.needs_weapon
            and not any(a.role == "instrument" for a in arguments)
        ):
            continue  # "struck a deal", "hit by a car" ("struck by a stray bullet" is)
        if entry is not None and entry.passive_only and not _is_passive(token):
            continue  # "she called her mother" ("Police were called to the house" is a journey)
        if entry is not None and entry.needs_body_part and not _said_of_body_part(token):
            continue  # "broke the law", "a torn flag" ("broke his leg", "a torn ligament" are)
        if (
            entry is not None
            and entry.needs_person
            and not any(
                (a.entity is not None and not a.entity.startswith("place/"))
                or _people_word(a.text)
                or a.text.lower() in context_cues().actor_pronouns
                for a in arguments
                if a.role == lexicon.roles.get(event_type, {}).get("object")
            )
            # "hanged himself"
            and not any(
                c.dep_ in _OBJECTS and c.lower_ in context_cues().reflexive_pronouns
                for c in token.children
            )
        ):
            continue  # "seized weapons" is no arrest, "execute a plan" no killing
        if entry is not None and entry.object_is_place and _leaves_no_place(token, index, lexicon):
            continue  # "left its mark", "left you none", "left it open"
        if entry is not None and entry.needs_place and _going_to(token, lexicon):
            continue  # "was going to dine at the Grange": the future, the place the dinner's
        if event_type == "armed_clash" and _fights_no_one(token, index, lexicon):
            continue  # "fight corruption", "fighting for his life", "battle cancer"
        context = _context_needed(token, event_type)
        armed = any(a.role == "instrument" for a in arguments)  # "struck by a stray bullet"
        if context is not None and not armed and not _told_among(token, context, in_article):
            continue  # a bar fight, riots with the police, a labour strike, exploding toads
        if event_type in context_cues().transport_types and _no_transport(
            token, arguments, lexicon
        ):
            continue  # "deliver remarks", "strikes delivering 850 munitions"
        if event_type in {"killing", "injury"} and _befalls_no_one(token, arguments):
            continue  # "2,600 birds have died", "a dead chicken", "the bill died in committee"
        if event_type == "movement" and _moved_by_nothing(token):
            continue  # "screams coming from the house", "the tremor sent small tsunamis"
        if event_type == "movement" and _weapon_moves(doc, arguments):
            continue  # "one of the bombs landed in a school yard": a bombing told, no journey
        if event_type == "movement" and _to_custody(token):
            if _custody_is_told(token, lexicon):
                continue  # "those sent to detention": the detention is the arrest
            # "sent to prison", "went to jail": jailed, not moved.
            event_type = "arrest"
            arguments = _jailed(token, arguments_of(token, "arrest"))
        if (
            entry is not None
            and entry.needs_custody
            and not _in_custody(token, entry.custody_objects)
        ):
            continue  # "held a meeting" (not "held at a jail", "held without bail")
        if _lemma(token) in context_cues().personnel_senses and _dismissal(token, index):
            continue  # "fired the coach", "he was fired from his job"
        if event_type in context_cues().actor_types and not _done_by_an_actor(token, index):
            continue  # "sea ice is threatening the polar bear", "threatened by flooding"
        if names_a_danger(token, {a.role for a in arguments}):
            continue  # "the threat posed by extremist groups"
        if (
            event_type in context_cues().needs_place_or_artifact
            and not _specific_journey(arguments)
            and not _known_journey(token)
        ):
            continue  # "they are leaving", "an exodus": no specific journey
        roles = []
        for argument in arguments:
            span = doc.char_span(argument.start, argument.end, alignment_mode="expand")
            if span is not None:
                roles.append((argument.role, span.root))
        confidence = judge.probability(features(token, event_type, roles))
        if confidence < judge.threshold:
            continue  # the lexicon proposes, the filter decides
        time = _nearest_time(token, times) or _attributive_year(token)
        if time is not None:
            arguments.append(Argument("time", time.start, time.end, time.text, None))
        events.append(
            Event(
                background=bool(entry and entry.background),
                type=event_type,
                trigger=TextSpan(token.idx, token.idx + len(token.text), token.text),
                sentence=sentence_of[token.i],
                arguments=_unique(arguments),
                counts=_counts(event_type, token, arguments, lexicon),
                time=time,
                modality=modality(token, event_type),
                attribution=_attribution(token, index, lexicon),
                confidence=confidence,
            )
        )
    events = _conjoined_places(doc, _caused_by_attacks(doc, events))
    return _one_killing_told_twice(doc, _framing_nouns(doc, events))


def with_heads(doc: Doc, events: list[Event], incidents: list[Incident]) -> None:
    """Record each argument's head word: the root of its span in the parse ("soldiers" of
    "More than 30 Lebanese soldiers", "Front" of "the Farabundo Marti National Liberation
    Front")."""
    heads: dict[tuple[int, int], TextSpan | None] = {}

    def headed(argument: Argument) -> Argument:
        if argument.head is not None:
            return argument
        key = (argument.start, argument.end)
        if key not in heads:
            span = doc.char_span(argument.start, argument.end, alignment_mode="expand")
            root = span.root if span is not None and len(span) else None
            if root is not None:
                root = _compared(root) or root
            heads[key] = (
                TextSpan(root.idx, root.idx + len(root.text), root.text)
                if root is not None
                else None
            )
        return replace(argument, head=heads[key])

    for event in events:
        event.arguments = [headed(a) for a in event.arguments]
    for incident in incidents:
        incident.arguments = [headed(a) for a in incident.arguments]


def _caused_by_attacks(doc: Doc, events: list[Event]) -> list[Event]:
    """An attack or bombing told as what killed or wounded ("a coalition airstrike killed 20
    militants", "was struck and killed by a coalition airstrike", "killed in the attack"):
    the killing's victims are the attack's targets, and each side's attacker is the other's,
    where the other names none."""
    by_start = {event.trigger.start: n for n, event in enumerate(events)}
    confidence = context_cues().argument_confidence.get("caused_by_attack", 0.7)
    result = list(events)
    for event in events:
        if event.type not in {"killing", "injury"}:
            continue
        trigger = doc.char_span(event.trigger.start, event.trigger.end)
        if trigger is None:
            continue
        for cause_word in _causes(trigger.root):
            number = by_start.get(cause_word.idx)
            if number is None or result[number].type not in {"attack", "bombing"}:
                continue
            cause = result[number]
            gained = [
                replace(a, role="target", confidence=confidence)
                for a in event.arguments
                if a.role == "victim"
                and not any(b.start == a.start and b.role == "target" for b in cause.arguments)
            ]
            if not any(a.role == "attacker" for a in cause.arguments):
                # "Gunmen killed 12 soldiers in an attack on an army post": the gunmen attacked.
                gained += [
                    replace(a, confidence=confidence)
                    for a in event.arguments
                    if a.role == "attacker" and not a.start <= cause_word.idx < a.end
                ]
            result[number] = replace(cause, arguments=_unique([*cause.arguments, *gained]))
            here = result[by_start[event.trigger.start]]
            # The attack's attacker and places are the killing's, where it names none.
            taken = [
                replace(a, confidence=confidence)
                for a in cause.arguments
                if (a.role == "attacker" and not any(b.role == "attacker" for b in here.arguments))
                or (a.role == "place" and not any(b.role == "place" for b in here.arguments))
            ]
            result[by_start[event.trigger.start]] = replace(
                here, arguments=_unique([*here.arguments, *taken])
            )
    return result


def _trigger_token(doc: Doc, event: Event) -> Token | None:
    """The word of the parse an event's trigger is."""
    span = doc.char_span(event.trigger.start, event.trigger.end)
    return span.root if span is not None else None


def _conjoined_places(doc: Doc, events: list[Event]) -> list[Event]:
    """A participle of harm conjoined to another names the same deed's other side, done in
    the same place: "struck the province of Aceh, killing three people and injuring dozens
    more" (the injuries were in Aceh too), where it names no place of its own."""
    harms = {"killing", "injury", "attack", "bombing"}
    by_start = {event.trigger.start: event for event in events}
    confidence = context_cues().argument_confidence["conjoined_place"]
    result = []
    for event in events:
        token = _trigger_token(doc, event)
        first = None
        if token is not None and token.dep_ == "conj" and token.pos_ == "VERB":
            # The parse may join the participle to the first one's object ("killing at least
            # three people and injuring dozens more").
            head = token.head.head if token.head.dep_ in _OBJECTS else token.head
            first = by_start.get(head.idx) if head.pos_ == "VERB" else None
        if (
            token is not None
            and first is not None
            and event.type in harms
            and first.type in harms
            and not any(a.role == "place" for a in event.arguments)
        ):
            places = [
                replace(a, confidence=confidence) for a in first.arguments if a.role == "place"
            ]
            event = replace(event, arguments=_unique([*event.arguments, *places]))
        result.append(event)
    return result


def _one_killing_told_twice(doc: Doc, events: list[Event]) -> list[Event]:
    """A killing named by its charge and again by the death it is about ("two counts of murder
    in the shooting death of Ka'Loni Flynn", "the murder trial of a man charged in the deaths
    of a woman and her fetus"): the same killing, so each has the other's victims and killers
    where it names none. Two killing mentions of one sentence are one where one is in the
    other's in-phrase, or both have the same killer."""
    result = list(events)
    killings = [n for n, e in enumerate(events) if e.type == "killing"]
    for n in killings:
        for m in killings:
            first, second = result[n], result[m]
            if n == m or first.sentence != second.sentence:
                continue
            if not _same_killing(doc, first, second):
                continue
            for role in ("victim", "attacker"):
                if not any(a.role == role for a in first.arguments):
                    taken = [a for a in second.arguments if a.role == role]
                    first = replace(first, arguments=_unique([*first.arguments, *taken]))
            result[n] = first
    return result


def _same_killing(doc: Doc, first: Event, second: Event) -> bool:
    """Whether two killing mentions of one sentence name one killing (`_one_killing_told_twice`)."""
    one, two = _trigger_token(doc, first), _trigger_token(doc, second)
    if one is None or two is None:
        return False
    for inner, outer in ((two, one), (one, two)):
        if inner.head.i == outer.i and inner.dep_ in {"nmod", "obl"} and preposition(inner) == "in":
            return True
    killers = {(a.start, a.end) for a in first.arguments if a.role == "attacker"}
    return bool(killers & {(a.start, a.end) for a in second.arguments if a.role == "attacker"})


def _framing_nouns(doc: Doc, events: list[Event]) -> list[Event]:
    """An attack noun in a phrase of "in" that frames the clause of another attack ("In another
    attack, gunmen fired on a security patrol in Karak") names the same deed: it has the
    clause's attacker, target, weapon, place and time, where it names none of that role."""
    by_start = {event.trigger.start: event for event in events}
    attacks = {"attack", "bombing"}
    result = []
    for event in events:
        token = _trigger_token(doc, event)
        if (
            token is None
            or event.type not in attacks
            or token.pos_ != "NOUN"
            or token.dep_ != "obl"
            or preposition(token) != "in"
            or token.i > token.head.i
        ):
            result.append(event)
            continue
        # The clause's verb, or the verb the parse hung on its subject ("gunmen fired").
        verbs = [token.head, *(c for c in token.head.children if c.dep_ == "acl")]
        if token.head.dep_ in _SUBJECTS:
            verbs.append(token.head.head)  # "In the attack, gunmen stormed" hung on "gunmen"
        clause = next(
            (
                by_start[v.idx]
                for v in verbs
                if v.idx in by_start and by_start[v.idx].type in attacks
            ),
            None,
        )
        if clause is not None:
            own = {a.role for a in event.arguments}
            taken = [a for a in clause.arguments if a.role not in own]
            event = replace(event, arguments=_unique([*event.arguments, *taken]))
        result.append(event)
    return result


def _causes(verb: Token) -> list[Token]:
    """The words that may name what a verb of killing or wounding was done by: its subject or
    by-agent ("a series of airstrikes" as its airstrikes), and the noun a relative clause
    hangs on ("The bombing, which killed 12 people"; also through conjoined verbs: "attacks,
    which targeted and killed scores of civilians"), or the nouns that noun hangs under."""
    found = [
        _partitive(child)
        for child in verb.children
        if child.dep_ in _SUBJECTS | {"obl:agent"}
        # "killed by a coalition airstrike", "were killed in the shootings"
        or (child.dep_ == "obl" and preposition(child) in {"by", "in"})
        # "the shooting death of Kathina Thomas"
        or (verb.pos_ == "NOUN" and child.dep_ in {"amod", "compound"} and child.i == verb.i - 1)
    ]
    clause = verb
    while clause.dep_ == "conj" and clause.head.pos_ == "VERB":
        clause = clause.head
    if clause.dep_ == "acl:relcl" and any(
        c.dep_ in _SUBJECTS and c.lower_ in {"which", "that"} for c in clause.children
    ):
        # The parse may hang the clause on the last noun of the attack's place ("attacks in
        # the town of Tel Tamer in Hasaka Province, which killed"): the nouns it hangs under.
        noun = clause.head
        for _ in range(4):
            found.append(noun)
            if noun.dep_ != "nmod" or noun.head.i == noun.i:
                break
            noun = noun.head
    return found


def _jailed(trigger: Token, arrest_arguments: list[Argument]) -> list[Argument]:
    """The arguments of a going or sending to custody, read as an arrest, as the arrest they
    are: who is jailed is the subject of "went to jail" (the object or passive subject of "sent
    to prison", as the arrest's roles have it), and the custody is the place."""
    cues = context_cues()
    self_moving = _lemma(trigger) in cues.custody_self_moving
    arguments = [
        replace(a, role="detainee") if self_moving and a.role == "agent" else a
        for a in arrest_arguments
    ]
    for child in trigger.children:
        if child.dep_ in _OBLIQUES and _custody_site(child):
            site = _site_phrase(child)
            arguments.append(Argument("place", site.start_char, site.end_char, site.text, None))
    return arguments


def _weapon_moves(doc: Doc, arguments: list[Argument]) -> bool:
    """What moves by itself is a projectile ("the bombs landed in the camp", "a shell
    fell")."""
    projectiles = context_cues().projectiles
    for argument in arguments:
        if argument.role != "agent":
            continue
        span = doc.char_span(argument.start, argument.end, alignment_mode="expand")
        if span is not None and _partitive(span.root).lower_ in projectiles:
            return True
    return False


def _moved_by_nothing(trigger: Token) -> bool:
    """A verb of going or sending whose subject is a thing that cannot travel of its own
    accord or send anything (`non_travellers`: sounds, weather, quakes, diseases), or an
    animal."""
    cues = context_cues()
    movers = [c for c in trigger.children if c.dep_ in _SUBJECTS]
    if trigger.pos_ == "NOUN":
        movers += [c for c in trigger.children if c.dep_ == "compound"]  # "disease transfer"
    if trigger.dep_ in {"acl", "amod"}:
        movers.append(trigger.head)  # "screams coming from the house"
    if trigger.dep_ == "xcomp" and not movers:
        # "allowed normal life to return": the object of the verb it completes.
        movers = [c for c in trigger.head.children if c.dep_ in _OBJECTS]
    if trigger.dep_ == "advcl" and not movers:
        inherited = _inherited_subject(trigger)  # "saw smoke coming from the roof"
        movers = [inherited] if inherited is not None else []
    return any(
        form in cues.non_travellers or form in cues.animal_nouns
        for m in movers
        for form in (m.lower_, _lemma(m))
    )


def _custody_is_told(trigger: Token, lexicon: EventLexicon) -> bool:
    """The custody a trigger goes to is itself an arrest trigger ("sent to detention")."""
    return any(
        c.dep_ in _OBLIQUES and trigger_type(c, lexicon) == "arrest" for c in trigger.children
    )


def _in_custody(trigger: Token, objects: frozenset[str]) -> bool:
    """Kept in prison, jail or custody, or without bail: "held at a jail", "held without
    bond"; or with an object of `objects`, its trigger's custody_objects ("serving a 12-year
    sentence", whose jail, if named, the parse hangs on the sentence)."""
    cues = context_cues()
    for child in trigger.children:
        if child.dep_ in _OBJECTS and _lemma(child) in objects:
            return True
        if child.dep_ not in _OBLIQUES and child.dep_ not in _OBJECTS:
            continue
        # "served four months in federal prison", the prison read as an object.
        prep = preposition(child)
        # "released from custody": one is let out of where one was held.
        if prep in {"in", "at", "into", "from"} and _custody_site(child):
            return True
        # "held without bond", "released on bail".
        if prep in {"without", "on"} and _lemma(child) in cues.custody_without:
            return True
    return False


def _to_custody(trigger: Token) -> bool:
    """A going, sending or return to prison, jail or custody: a jailing, no journey (a
    transfer to another prison stays one)."""
    cues = context_cues()
    return _lemma(trigger) in cues.custody_verbs and any(
        c.dep_ in _OBLIQUES and preposition(c) in {"to", "into"} and _custody_site(c)
        for c in trigger.children
    )


def _said_of_body_part(trigger: Token) -> bool:
    """A verb whose object, or an adjective whose noun, is a body part ("broke his leg", "tore
    a ligament in his knee", "a torn meniscus", "broken bones")."""
    parts = context_cues().body_parts
    if trigger.dep_ == "amod":
        return _lemma(trigger.head) in parts or trigger.head.lower_ in parts
    return any(
        c.dep_ in _OBJECTS | _PASSIVE_SUBJECTS and (_lemma(c) in parts or c.lower_ in parts)
        for c in trigger.children
    )


def _custody_site(token: Token) -> bool:
    """A place of custody by its noun or the noun before it: "the county jail", "a juvenile
    detention facility"."""
    nouns = context_cues().custody_nouns
    return _lemma(token) in nouns or any(
        c.dep_ == "compound" and _lemma(c) in nouns for c in token.children
    )


# What one is fired from when dismissed, and the words that stand for the noun of a relative
# clause ("a man who was fired").
_POSTS = frozenset({"job", "post", "position", "office", "role", "team", "company", "firm"})
_RELATIVE_PRONOUNS = frozenset({"who", "whom", "that", "which"})


def _dismissal(trigger: Token, index: MentionIndex) -> bool:
    """A verb of the lexicon's personnel senses ("fire") acting on a person or group, with no
    phrase of what is shot at or on: "fired the coach", "the coach was fired", "the fifth
    coach fired this season"; not "fired on the crowd", "fired rockets", "was fired upon"."""
    words = time_words()
    shot_at = {"at", "on", "upon", "into"}
    if trigger.pos_ == "VERB" and any(
        c.dep_ in _OBLIQUES and preposition(c) == "from" and c.lemma_.lower() in _POSTS
        for c in trigger.children
    ):
        return True  # "was fired last week from his job at an accounting firm"
    if trigger.pos_ != "VERB" or any(
        (
            c.dep_ in _OBLIQUES
            and preposition(c) in shot_at
            and c.lower_ not in words.weekdays  # "was fired on Monday"
            and c.lower_ not in words.months
        )
        or (c.pos_ == "ADP" and c.lower_ in shot_at)  # "was fired upon"
        for c in trigger.children
    ):
        return False
    patients = [c for c in trigger.children if c.dep_ in _OBJECTS | _PASSIVE_SUBJECTS]
    weapons = weapon_lexicon()
    if any(
        p.lemma_.lower() in weapons.nouns or p.lemma_.lower() in weapons.discharges
        for p in patients
    ):
        return False  # "the suspect with the gun fired a round"
    if any(c.dep_ in _OBLIQUES and preposition(c) == "as" for c in trigger.children):
        return True  # "was fired as county manager in September 2008"
    if trigger.dep_ == "acl" or (
        trigger.dep_ == "acl:relcl" and any(p.lower_ in _RELATIVE_PRONOUNS for p in patients)
    ):
        patients.append(trigger.head)  # "the coach fired this season", "a man who was fired"
    if trigger.tag_ == "VBG" and not any(preposition(c) == "of" for c in trigger.children):
        # "Cheeks's firing"; not "the army's firing of rockets"
        patients += [c for c in trigger.children if c.dep_ == "nmod:poss"]
    cues = context_cues()
    return any(
        _person_or_group(p, index)
        or p.lower_ in cues.actor_pronouns
        or _lemma(p) in cues.personnel_staff  # "Palin fired the board"
        for p in patients
    )


def _done_by_an_actor(trigger: Token, index: MentionIndex) -> bool:
    """A verb whose subject or by-agent, where it has one, can act: a person or group, a name,
    a noun for people or a pronoun ("ISIL threatened", "threatened by gunmen"; not "sea ice
    is threatening the bear", "refugees threatened by flooding")."""
    if trigger.pos_ != "VERB":
        return True
    doers = [c for c in trigger.children if c.dep_ in _SUBJECTS]
    doers += [
        c for c in trigger.children if c.dep_ in {"obl", "obl:agent"} and preposition(c) == "by"
    ]
    if not doers:
        return True  # no subject in the parse: who threatens is not told here
    pronouns = context_cues().actor_pronouns
    return any(
        _person_or_group(d, index) or d.pos_ == "PROPN" or d.lower_ in pronouns for d in doers
    )


def _befalls_no_one(trigger: Token, arguments: list[Argument]) -> bool:
    """A death or injury of animals or things only: an animal noun the trigger modifies ("dead
    pigs"), or victims that are all headed by animal nouns or by nouns of things said, sent or
    burnt ("2,600 birds died", "bills that died in previous Congresses", "the fire died
    down"; not "the deaths of three people and a dog")."""
    cues = context_cues()
    if trigger.dep_ == "amod" and _lemma(trigger.head) in cues.animal_nouns:
        return True
    doc = trigger.doc
    heads = []
    for argument in arguments:
        if argument.role != "victim":
            continue
        span = doc.char_span(argument.start, argument.end, alignment_mode="expand")
        lemma = _lemma(_partitive(span.root)) if span is not None else None
        heads.append(
            argument.entity is None
            and lemma is not None
            and (lemma in cues.animal_nouns or lemma in cues.intangible_nouns)
        )
    return bool(heads) and all(heads)


def _names_no_actor(token: Token) -> bool:
    """A noun of something that neither acts nor moves: a non-actor noun ("the issue", "the
    news", "a total") or an intangible one ("the message", "the bill")."""
    cues = context_cues()
    return any(
        word in cues.non_actor_nouns or word in cues.intangible_nouns
        for word in (token.lower_, _lemma(token))
    )


def _partitive(head: Token) -> Token:
    """The noun of a partitive's of-phrase, where the people or things are ("a total of 20
    children", "the first of eight planeloads", "thousands of birds"): of a number, a
    quantifier or a noun that names no actor or a thing; else the head itself ("the owner of
    the dog"), and so on down a partitive of a partitive."""
    for _ in range(3):  # "tens of thousands of birds": a partitive of a partitive
        quantity = (
            head.pos_ == "NUM"
            or head.lower_ in event_lexicon().quantifiers
            or _names_no_actor(head)
        )
        if not quantity:
            return head
        inner = next(
            (c for c in head.children if c.dep_ in {"nmod", "obl"} and preposition(c) == "of"),
            None,
        )
        if inner is None:
            return head
        head = inner
    return head


def _no_transport(trigger: Token, arguments: list[Argument], lexicon: EventLexicon) -> bool:
    """A delivery that carries nothing ("deliver remarks", "send the message"), a coming or
    going of something that is no mover ("the news came out of a symposium", "the issue has
    come up", "heavy rain moving into the valley"), or an attack's use of weapons: done by an
    attack ("strikes delivering 850 munitions") or against something ("aircraft delivering
    weapons against buildings")."""
    doc = trigger.doc
    cues = context_cues()
    if not any(c.dep_ in _OBJECTS for c in trigger.children):
        for child in trigger.children:
            if child.dep_ not in _SUBJECTS or child.pos_ != "NOUN":
                continue
            # "the first of eight planeloads ... had arrived": the mover is in the of-phrase.
            if _names_no_actor(_partitive(child)):
                return True
        # A participle on a noun that names no mover: "heavy rain moving into the valley",
        # "smoke coming from the roof" (not "the opportunity to travel").
        if (
            trigger.dep_ == "acl"
            and trigger.tag_ in {"VBG", "VBN"}
            and trigger.head.pos_ == "NOUN"
            and not any(c.dep_ in _SUBJECTS | {"mark"} for c in trigger.children)
            and _lemma(_partitive(trigger.head)) in cues.non_actor_nouns
        ):
            return True
    for argument in arguments:
        if argument.role != "artifact" or argument.entity is not None:
            continue
        span = doc.char_span(argument.start, argument.end, alignment_mode="expand")
        if span is not None and span.root.lower_ in cues.intangible_nouns:
            return True
    if any(c.dep_ == "obj" and c.lower_ in cues.intangible_nouns for c in trigger.children):
        return True  # "Hume withdrew his request": an object that is no thing carried
    attacks = {"attack", "bombing"}
    if trigger.dep_ == "acl" and trigger_type(trigger.head, lexicon) in attacks:
        return True
    for child in trigger.children:
        if child.dep_ in _SUBJECTS and trigger_type(child, lexicon) in attacks:
            return True
        if child.dep_ in _OBLIQUES and preposition(child) == "against":
            return True
    return False


def _leaves_no_place(trigger: Token, index: MentionIndex, lexicon: EventLexicon) -> bool:
    """A leaving verb whose object is no place it leaves, or that takes a second complement:
    "left its mark", "left you none", "left it open" (not "left Iraq", "left the country");
    or a participle of what remains: "seconds left", "the debt left from the Big Dig"."""
    if any(c.dep_ in {"iobj", "xcomp"} for c in trigger.children):
        return True
    doc = trigger.doc
    before = doc[max(trigger.sent.start, trigger.i - 4) : trigger.i]
    if (
        len(before)
        and (before[-1].pos_ == "NUM" or before[-1].lower_ in time_words().units)
        and any(t.lower_ == "with" for t in before)
    ):
        return True  # "with 4:43 left in the first half", "with two minutes left"
    if (
        _lemma(trigger) == "leave"
        and trigger.tag_ == "VBN"
        and trigger.dep_ in {"acl", "amod"}
        # Not a past tense read as a participle: "airmen left for Incirlik" (not "issues
        # left to the industry").
        and not any(
            c.dep_ in _SUBJECTS | {"aux"}
            or (
                c.dep_ in _OBLIQUES
                and preposition(c) in {"for", "to", "toward", "into"}
                and _names_a_place(c, index, lexicon)
            )
            for c in trigger.children
        )
    ):
        return True
    for child in trigger.children:
        if child.dep_ not in _OBJECTS:
            continue
        if _lemma(child) in context_cues().posts_left and not any(
            c.dep_ in {"det", "nmod:poss"} for c in child.children
        ):
            return True  # "Obama leaves office" (not "left the office")
        mention = index.at(child)
        if mention is not None:
            return mention.type not in {"place", "organization"}
        if child.pos_ != "PROPN" and not {child.lower_, _lemma(child)} & (
            lexicon.site_nouns | lexicon.places_left
        ):
            return True
    return False


def _path_read_as_particle(
    verb: Token,
    phrase: Token,
    preps: dict[str, str | None],
    index: MentionIndex,
    lexicon: EventLexicon,
) -> bool:
    """A place the parse hangs on a verb of going without its preposition, which it read as
    the verb's particle ("speeding down state Route 94", "walked up the hill"): the way the
    journey went (a preposition of `preps` whose role is the place)."""
    return (
        verb.pos_ == "VERB"
        and _names_a_place(phrase, index, lexicon)
        and any(c.dep_ == "compound:prt" and preps.get(c.lower_) == "place" for c in verb.children)
    )


def _names_a_place(token: Token, index: MentionIndex, lexicon: EventLexicon) -> bool:
    """A mention of a place or of an organization's site ("Incirlik Air Base"), a proper
    noun, or a site noun ("the airport")."""
    mention = index.at(token)
    if mention is not None:
        return mention.type in {"place", "organization"}
    return token.pos_ == "PROPN" or _lemma(token) in lexicon.site_nouns


def _going_to(trigger: Token, lexicon: EventLexicon) -> bool:
    """ "be going to" + a verb is the future, no journey, when "going" names no place of its
    own: "was going to dine at the Grange" (not "is going to Syria to fight")."""
    if trigger.lower_ != "going" or not any(
        c.dep_ == "aux" and _lemma(c) == "be" for c in trigger.children
    ):
        return False
    infinitive = any(
        c.dep_ in {"xcomp", "advcl"}
        and c.pos_ == "VERB"
        and any(m.dep_ == "mark" and m.lower_ == "to" for m in c.children)
        for c in trigger.children
    )
    if not infinitive:
        return False
    places = {
        prep
        for prep, role in lexicon.roles.get("movement", {}).get("prep", {}).items()
        if role in _PLACE_ROLES
    }
    return not any(
        (c.dep_ in _OBLIQUES and preposition(c) in places)
        or (c.dep_ == "advmod" and c.lower_ in lexicon.places_left)
        for c in trigger.children
    )


def _fights_no_one(trigger: Token, index: MentionIndex, lexicon: EventLexicon) -> bool:
    """Fighting whose opponent, or what it is fought for or through, is no armed side and no
    place: "fight corruption", "the battle against cancer", "fighting for his life", "battling
    through the financial crisis"; not "fight ISIL",
    "fighting the insurgents", "the fight for Mosul"."""
    durations = time_words().units  # "battled the blaze for hours" (not "for his life")
    opponents = [
        c
        for c in trigger.children
        if c.dep_ in _OBJECTS
        or (
            c.dep_ in _OBLIQUES
            and preposition(c) in {"against", "with", "for", "through"}
            and c.lower_ not in durations
        )
    ]
    return bool(opponents) and not any(
        _side_or_place(c, index, lexicon) for o in opponents for c in [o, *_conjuncts(o)]
    )


def _is_vehicle(head: Token, preps: dict[str, str | None]) -> bool:
    """Whether a phrase of a type that takes a vehicle names one ("in another car", "by
    helicopter")."""
    return "vehicle" in preps.values() and _lemma(head) in context_cues().vehicle_nouns


def _context_needed(trigger: Token, event_type: str) -> frozenset[str] | None:
    """The words a trigger needs around it to be its type (`armed_context` in events.json):
    armed sides, arms and wars for a fight, battle or clash (not a war or a firefight), a
    strike, an offensive or fire come under; those or explosives for an explosion, a blast or
    a bombing verb ("Klitschko bombed Thompson with a right hand"); None for any other
    trigger."""
    cues = context_cues()
    forms = frozenset(_forms(trigger))
    if event_type == "armed_clash" and forms.isdisjoint(cues.armed_by_themselves):
        return cues.armed_words
    if event_type == "attack" and comes_under(trigger) and light_verb_event(trigger) is not None:
        return cues.armed_words  # "came under fire from officials" is criticism
    if event_type == "attack" and not forms.isdisjoint(cues.armed_attacks):
        if any(
            c.dep_ in {"compound", "amod"} and c.lower_ in cues.armed_modifiers
            for c in trigger.children
        ):
            return None  # "an air strike": armed by its own word
        return cues.armed_words
    if event_type == "bombing" and not forms.isdisjoint(cues.armed_bombings):
        return cues.explosive_words
    return None


def _told_among(
    trigger: Token, words: frozenset[str], in_article: dict[frozenset[str], bool]
) -> bool:
    """Whether a word of `words` is in the trigger's sentence, or enough of them in its article
    ("a gun battle between the army and drug hitmen"; "the battle" of an article on one).
    `in_article` keeps the article's answer for each word set."""
    if any(t.lower_ in words for t in trigger.sent):
        return True
    if words not in in_article:
        count = sum(1 for t in trigger.doc if t.lower_ in words)
        in_article[words] = count >= context_cues().armed_in_article
    return in_article[words]


def _supports(verb: Token) -> bool:
    """Whether a verb is a support verb (`support_verbs`) by any of its forms ("battled",
    which the lemmatizer reads "battl")."""
    return not context_cues().support_verbs.isdisjoint(_forms(verb))


def _forms(trigger: Token) -> tuple[str, ...]:
    """The forms a trigger is looked up by in the lexicon: its lemma, its word, the guesses
    at its lemma ("bombed": "bomb")."""
    return (_lemma(trigger), trigger.lower_, *base_forms(trigger.lower_))


def _names_a_part(token: Token) -> bool:
    """A part of the body, or "it" standing for one, as the object of an injury."""
    return token.lower_ in context_cues().body_parts or token.lower_ == "it"


def _names_victims(subject: Token) -> bool:
    """A subject that calls itself, or one of its conjuncts, the victims ("Horton and the two
    other victims killed and injured in the crossfire"): who suffers, not who acts."""
    return any(_lemma(t) == "victim" for t in [subject, *_conjuncts(subject)])


def _conjuncts(token: Token) -> list[Token]:
    return [c for c in token.children if c.dep_ == "conj"]


def _side_or_place(head: Token, index: MentionIndex, lexicon: EventLexicon) -> bool:
    """A head that can be a side in a fight or the place fought for: a name, a personal
    pronoun, a number of people, a plural noun ("the insurgents", "troops"), a person, group
    or site noun, or a word of the lexicon's armed_sides ("the enemy", "the regime"). A
    singular common noun outside these is a cause or an ill ("corruption", "his life")."""
    if index.at(head) is not None or head.pos_ == "PROPN":
        return True
    if head.pos_ == "PRON":
        return head.lower_ in context_cues().actor_pronouns
    if head.pos_ != "NOUN" or head.tag_ == "NNS":
        return True
    words = {head.lower_, _lemma(head)}
    return bool(
        words
        & (
            person_nouns()
            | _GROUP_NOUNS
            | lexicon.site_nouns
            | lexicon.places_left
            | lexicon.armed_sides
            | lexicon.quantifiers
        )
    )


def _listed_with_kinds(trigger: Token, lexicon: EventLexicon) -> bool:
    """A bare singular noun listed with nouns that name no event is one of a list of kinds:
    "using attack, bomber, fighter and remotely piloted aircraft"."""
    if trigger.pos_ != "NOUN" or trigger.tag_ != "NN":
        return False
    if any(c.dep_ in {"det", "nummod", "nmod:poss", "det:poss"} for c in trigger.children):
        return False
    listed = [c for c in trigger.children if c.dep_ == "conj" and c.pos_ == "NOUN"]
    return bool(listed) and all(trigger_type(c, lexicon) is None for c in listed)


def _specific_journey(arguments: list[Argument]) -> bool:
    """A movement tells where from or to, what in, what was moved, or who moved, by more than
    a pronoun."""
    pronouns = context_cues().actor_pronouns
    return any(
        a.role in _JOURNEY_ROLES
        or a.role == "artifact"
        or (a.role == "agent" and a.text.lower() not in pronouns)
        for a in arguments
    )


def _to_kin(trigger: Token) -> bool:
    """A going or sending back to people as to a home (`kin_destinations`: "were returned to
    their families")."""
    kin = context_cues().kin_destinations
    return any(
        c.dep_ in _OBLIQUES and preposition(c) == "to" and c.lower_ in kin for c in trigger.children
    )


def _known_journey(trigger: Token) -> bool:
    """A journey named as one the reader knows of: a noun with "the" ("opposed the
    extradition", "would not block the transfer"), or one called off ("commercial flights
    were cancelled", "abandoned their trip"); not "an exodus", nor a site named by the same
    word ("reopening the crossings")."""
    if trigger.pos_ != "NOUN" or _lemma(trigger) in event_lexicon().site_nouns:
        return False
    called_off = (
        trigger.dep_ in _OBJECTS | _PASSIVE_SUBJECTS
        and _lemma(trigger.head) in context_cues().negating_governors
    )
    return called_off or any(c.dep_ == "det" and c.lower_ == "the" for c in trigger.children)


def _heads_somewhere(trigger: Token, index: MentionIndex) -> bool:
    """A person or group going one way ("Williams was going west in his Bentley", "the gunmen
    drove away"): a journey, though it names no place ("the storm moved north" names none of
    its own)."""
    cues = context_cues()
    children = list(trigger.children)
    heading = any(c.dep_ == "advmod" and c.lower_ in cues.direction_adverbs for c in children)
    # "drove away" (not "move away from its roots as a hardware company": where to or from
    # is told, and names no place).
    away = any(
        c.dep_ in {"compound:prt", "advmod"} and c.lower_ in cues.way_particles for c in children
    ) and not any(c.dep_ in _OBLIQUES and preposition(c) in _WAY_PREPS for c in children)
    if not heading and not away:
        return False
    subject = _subject_of(trigger) or _inherited_subject(trigger)
    return subject is not None and (
        _person_or_group_noun(subject, index) or subject.lower_ in cues.actor_pronouns
    )


def _description_before_name(subject: Token, index: MentionIndex) -> bool:
    """A description set before a person's name that the parse read as a second subject of
    the verb ("A minister of the Evangelical Presbyterian Church, Brunson was originally
    detained"): a common noun whose phrase ends in a comma right before the name."""
    if subject.pos_ != "NOUN":
        return False
    doc = subject.doc
    comma = subject.right_edge.i
    if doc[comma].text != ",":
        comma += 1  # the comma the parse hung elsewhere
    if comma + 1 >= len(doc) or doc[comma].text != ",":
        return False
    name = doc[comma + 1]
    mention = index.at(name)
    return (
        name.head.i == subject.head.i
        and name.dep_ in _SUBJECTS | _PASSIVE_SUBJECTS
        and mention is not None
        and mention.type == "person"
        and mention.kind == "name"
    )


def _description_after_name(head: Token, index: MentionIndex) -> int | None:
    """Where the description of a person's name begins that the parse read as conjoined to
    it ("Fred LaRue, a Richard Nixon White House aide and key player in the Watergate scandal,
    was found dead", with "aide" and "player" conjuncts of "Fred"): a common noun with an
    article right after the comma after the name; None where there is none."""
    mention = index.at(head)
    if mention is None or mention.type != "person" or mention.kind != "name":
        return None
    doc = head.doc
    span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
    if span is None or span.end + 1 >= len(doc) or doc[span.end].text != ",":
        return None
    article = doc[span.end + 1]
    if article.lower_ not in {"a", "an", "the"}:
        return None
    conj = article.head
    if conj.dep_ == "conj" and conj.head.i == head.i and conj.pos_ in {"NOUN", "PROPN"}:
        return conj.i
    return None


def _unique(arguments: list[Argument]) -> list[Argument]:
    seen: set[tuple[str, int, int]] = set()
    kept = []
    for argument in arguments:
        key = (argument.role, argument.start, argument.end)
        if key not in seen:
            seen.add(key)
            kept.append(argument)
    return kept
