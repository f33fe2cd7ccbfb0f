"""Resolution within an article: name mentions that denote the same entity become one `Entity`."""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import replace
from typing import Protocol

from spacy.tokens import Doc

from newsgraph.extract.entity_typer import Typer
from newsgraph.extract.entity_typer import features as type_features
from newsgraph.extract.extraction import Entity, Mention
from newsgraph.extract.lexicons import locative_prepositions, name_connectives
from newsgraph.extract.names import clean_name, normalize_name, resolution_key
from newsgraph.extract.spans import is_possessive_s

# How much each kind of evidence counts when mentions of one name disagree on its type.
_VOTE_LABEL = 1.0
# How many mentions' worth of NER labels a name's type vote holds at most: NER's reading
# of a name is one vote, shared among the labels it gave the name's mentions, since one
# model's same mistake on every mention is not many votes (chosen on CoNLL and UNER dev;
# BENCHMARKS.md, Extraction rules).
_LABEL_VOTES = 1.0
_VOTE_PERSON_TITLE = 2.0
_VOTE_SUBTYPE_CUE = 3.0
_VOTE_DESCRIPTOR = 1.5

# Types one name takes by metonymy, mention by mention: a city and its club or government.
_METONYMS = ("place", "organization")


class TypePrior(Protocol):
    """A source of outside knowledge about a name: (type, weight), e.g. a gazetteer for places;
    and which names its curated lists settle, that no learned model may re-type."""

    def __call__(self, name: str) -> tuple[str, float] | None: ...

    def curated(self, name: str) -> bool: ...


def _tokens(text: str) -> list[str]:
    return normalize_name(text).replace("-", " ").split()


def _is_short_form(short: list[str], full: list[str]) -> bool:
    """`short` is a trailing part of `full` ("Abssi" of "Shakir al-Abssi"), both as words."""
    return 0 < len(short) < len(full) and full[-len(short) :] == short


class _Clusters:
    """Union-find over name strings."""

    def __init__(self) -> None:
        self.parent: dict[str, str] = {}

    def find(self, item: str) -> str:
        self.parent.setdefault(item, item)
        while self.parent[item] != item:
            self.parent[item] = self.parent[self.parent[item]]
            item = self.parent[item]
        return item

    def union(self, a: str, b: str) -> None:
        self.parent[self.find(a)] = self.find(b)


def _votes(mention: Mention) -> list[tuple[str, float]]:
    votes = [(mention.type, _VOTE_LABEL)]
    if mention.title:
        votes.append(("person", _VOTE_PERSON_TITLE))
    if mention.subtype:
        votes.append((mention.type, _VOTE_SUBTYPE_CUE))
    if mention.cue:
        votes.append((mention.cue, _VOTE_DESCRIPTOR))
    return votes


def _leading(votes: dict[str, float]) -> str:
    return max(votes, key=lambda t: votes[t])


def _may_shorten(short: dict[str, float], full: dict[str, float]) -> bool:
    """Whether a short form of these types may name an entity of the full form's types.

    Same type, or a person short form of a name NER mistyped ("Mr. Abssi" of an
    organization-labelled "Shakir al-Abssi"); a place short form never joins a person
    ("Jordan" is not "Michael Jordan").
    """
    short_type, full_type = _leading(short), _leading(full)
    return short_type == full_type or (short_type == "person" and full_type != "place")


def _surname_of_person(short: list[str], votes: dict[str, float], full: dict[str, float]) -> bool:
    """A one-word name that only NER's label calls an organization, ending a person's name
    in the article, is that person's surname ("Lynagh kicked" after "Michael Lynagh").
    ``votes`` are the short form's votes other than NER labels'; a place never qualifies
    (people_named_like_places weighs those)."""
    return len(short) == 1 and _leading(full) == "person" and not votes


def resolve_entities(
    mentions: list[Mention],
    prior: TypePrior | None = None,
    aliases: dict[str, str] | None = None,
    typer: Typer | None = None,
) -> tuple[list[Mention], list[Entity]]:
    """Group name mentions into entities and settle each entity's type.

    Mentions of one name, short forms that end exactly one longer name ("Abssi",
    "Mr. Abssi" → "Shakir al-Abssi"), and short forms that open exactly one organization's
    name ("Magna" → "Magna International Inc") form a cluster; the cluster's type is the vote
    of its mentions' labels, titles (a "Mr." or "General" is a person), surface cues, and the
    optional prior (a gazetteer). A place's name keeps its organization sense apart, mention
    by mention, where a mention's own evidence outweighs the gazetteer (a city and its club).
    ``aliases`` maps names the article defines as another's acronym to that name (both
    normalized, see missed_names.defined_acronyms): they join it, and the full name's mentions
    alone vote on the type. ``typer`` (entity_typer) may replace the voted type of a cluster by
    the one a model learned from its evidence, unless the prior's lists settle the name or
    the cluster is a nationality acting as a group.
    Returns the mentions with type and `entity` set, and the entities in order of first
    mention.
    """
    names = [normalize_name(m.text) for m in mentions]
    clusters = _Clusters()
    labels: dict[str, dict[str, float]] = defaultdict(lambda: defaultdict(float))
    # The votes of titles and surface cues alone, without NER's labels.
    cues: dict[str, dict[str, float]] = defaultdict(lambda: defaultdict(float))
    for name, mention in zip(names, mentions, strict=True):
        clusters.find(name)
        label, *others = _votes(mention)
        labels[name][label[0]] += label[1]
        for entity_type, weight in others:
            labels[name][entity_type] += weight
            cues[name][entity_type] += weight
    distinct = sorted(set(names), key=len, reverse=True)
    # Each name's words once, and the names by last word: a short form can only end a name
    # that ends with the same word, so each name is compared with those alone.
    words = {name: _tokens(name) for name in distinct}
    by_last: dict[str, list[str]] = defaultdict(list)
    for name in distinct:
        if words[name]:
            by_last[words[name][-1]].append(name)
    surnames: set[str] = set()
    for name in distinct:
        # A short form joins a longer name only when exactly one longer name ends with it:
        # "Bush" stays apart when both "George Bush" and "Jeb Bush" are in the article.
        short = words[name]
        longer = [
            other
            for other in (by_last[short[-1]] if short else ())
            if _is_short_form(short, words[other])
            and (
                _may_shorten(labels[name], labels[other])
                or (
                    _leading(labels[name]) == "organization"
                    and _surname_of_person(short, cues[name], labels[other])
                )
            )
            # "California" is not short for "University of California": the words after a
            # connective name something else.
            and not set(words[other][: -len(short)]) & name_connectives()
            # Nor a place for a longer place: "Sudan" and "South Sudan", "Charleston" and
            # "South Charleston", "York" and "New York" are other places.
            and not (_leading(labels[name]) == _leading(labels[other]) == "place")
        ]
        if len({clusters.find(other) for other in longer}) == 1:
            clusters.union(name, longer[0])
            if not _may_shorten(labels[name], labels[longer[0]]):
                surnames.add(name)

    # A company or group is shortened to its first words: "Magna" after "Magna International
    # Inc", "Pirelli" after "Pirelli SpA". The short form takes the full name's type, whatever
    # NER made of it alone; a full name with a connective ("Al Qaeda in Mesopotamia") is a
    # group of its own, not a longer spelling of its first words.
    by_first: dict[str, list[str]] = defaultdict(list)
    for name in distinct:
        if len(words[name]) > 1 and not set(words[name]) & name_connectives():
            by_first[words[name][0]].append(name)
    anchored: set[str] = set()
    titled = {name for name, mention in zip(names, mentions, strict=True) if mention.title}
    for name in distinct:
        short = words[name]
        # A place's name opens many a group's ("California Avocado Commission"), so a short
        # form NER reads as a place stays the place.
        if not short or name in titled or _leading(labels[name]) == "place":
            continue
        fuller = [
            other
            for other in by_first.get(short[0], ())
            if len(words[other]) > len(short)
            and words[other][: len(short)] == short
            and _leading(labels[other]) == "organization"
        ]
        if len({clusters.find(other) for other in fuller}) == 1:
            clusters.union(name, fuller[0])
            anchored.add(fuller[0])

    acronyms = {
        acronym: full_name
        for acronym, full_name in (aliases or {}).items()
        if acronym in labels and full_name in labels
    }
    for acronym, full_name in acronyms.items():
        clusters.union(acronym, full_name)

    members: dict[str, list[int]] = defaultdict(list)
    for index, name in enumerate(names):
        members[clusters.find(name)].append(index)

    resolved = list(mentions)
    entities: list[Entity] = []
    for indices in members.values():
        tally: dict[str, float] = defaultdict(float)
        read_as: Counter[str] = Counter()
        for index in indices:
            if names[index] in acronyms:
                continue
            label, *others = _votes(mentions[index])
            read_as[label[0]] += 1
            for entity_type, weight in others:
                tally[entity_type] += weight
        # NER reads every mention of a name with the same model, so its labels are not
        # independent votes: together they weigh as much as _LABEL_VOTES mentions at most,
        # shared by label, while titles and surface cues each count in full.
        total = sum(read_as.values())
        for entity_type, count in read_as.items():
            tally[entity_type] += _VOTE_LABEL * min(total, _LABEL_VOTES) * count / total
        canonical = max((clean_name(mentions[i].text) for i in indices), key=len)
        known = prior(canonical) if prior is not None else None
        if known is not None:
            tally[known[0]] += known[1]
        # Ties go to the type of the longest name's first mention.
        longest = next(i for i in indices if clean_name(mentions[i].text) == canonical)
        best = max(tally.values())
        entity_type = (
            mentions[longest].type
            if tally[mentions[longest].type] == best
            else max(tally, key=lambda t: tally[t])
        )
        is_anchored = any(names[i] in anchored for i in indices)
        is_surname = any(names[i] in surnames for i in indices)
        if is_anchored:
            entity_type = "organization"
        elif is_surname:
            entity_type = "person"
        # A nationality acting as a group ("the Syrian government", "Saudis") is an
        # organization by the rule that found it: no learned model re-types it.
        national = all(mentions[i].label == "DEMONYM" for i in indices)
        if (
            typer is not None
            and not national
            and not (prior is not None and prior.curated(canonical))
        ):
            evidence = type_features(
                [mentions[i] for i in indices],
                [mentions[i] for i in indices if names[i] not in acronyms],
                known,
                canonical,
                anchored=is_anchored,
                surname=is_surname,
            )
            entity_type = typer.choose(evidence, entity_type, canonical)
        key = resolution_key(entity_type, canonical)
        subtypes = Counter(mentions[i].subtype for i in indices if mentions[i].subtype)
        titles = Counter(mentions[i].title for i in indices if mentions[i].title)
        entity = Entity(
            id=key,
            type=entity_type,
            name=canonical,
            subtype=subtypes.most_common(1)[0][0] if subtypes else None,
            mentions=sorted(indices),
        )
        if titles and entity_type == "person":
            entity.properties["title"] = titles.most_common(1)[0][0]
        # A place's name is often an organization in one sentence and the place in the next
        # ("Anaheim at Buffalo" after "Buffalo 13 12 1": the club, then the city): a mention
        # whose own evidence outweighs the gazetteer keeps its side of that line.
        apart: dict[str, list[int]] = defaultdict(list)
        # Only a name the gazetteer knows as a place has both senses ("Air France" has one).
        if entity_type in _METONYMS and known is not None and known[0] == "place":
            for index in indices:
                own = mentions[index].type
                if own in _METONYMS and own != entity_type:
                    local: dict[str, float] = defaultdict(float)
                    for vote_type, weight in _votes(mentions[index]):
                        local[vote_type] += weight
                    local[known[0]] += known[1]
                    if local[own] > local[entity_type]:
                        apart[own].append(index)
        staying = [i for i in indices if not any(i in group for group in apart.values())]
        if not staying:
            apart, staying = defaultdict(list), list(indices)
        entity.mentions = staying
        spellings = {clean_name(mentions[i].text) for i in staying}
        entity.alternate_names = sorted(spellings - {canonical})
        for index in staying:
            resolved[index] = replace(mentions[index], type=entity_type, entity=key)
        entities.append(entity)
        for other_type, group in apart.items():
            other_key = resolution_key(other_type, canonical)
            other = Entity(id=other_key, type=other_type, name=canonical, mentions=group)
            other.alternate_names = sorted(
                {clean_name(mentions[i].text) for i in group} - {canonical}
            )
            for index in group:
                resolved[index] = replace(mentions[index], type=other_type, entity=other_key)
            entities.append(other)

    # Two clusters can still land on one key (same name after cleaning): merge them.
    merged: dict[str, Entity] = {}
    for entity in entities:
        if entity.id in merged:
            kept = merged[entity.id]
            kept.mentions = sorted(kept.mentions + entity.mentions)
            kept.alternate_names = sorted(set(kept.alternate_names) | set(entity.alternate_names))
        else:
            merged[entity.id] = entity
    ordered = sorted(merged.values(), key=lambda e: e.mentions[0])
    return resolved, ordered


def people_named_like_places(
    doc: Doc, mentions: list[Mention], entities: list[Entity]
) -> tuple[list[Mention], list[Entity]]:
    """A surname that is also a place joins the person the article introduced by full name:
    after "Neil Jordan", "Jordan said" is the director; "flew to Jordan" is still the country.

    A place mention moves to a person when exactly one person's name ends with its words
    and it comes after that person's first mention, unless the article uses the name as a
    place somewhere: after a locative preposition ("in", "to", "from"), not as a possessive
    ("in Jordan's film").
    """
    people: dict[tuple[str, ...], list[Entity]] = defaultdict(list)
    for entity in entities:
        if entity.type == "person":
            words = _tokens(entity.name)
            for size in range(1, len(words)):
                people[tuple(words[-size:])].append(entity)
    if not people:
        return mentions, entities
    by_id = {entity.id: entity for entity in entities}
    candidates: dict[int, Entity] = {}
    located: set[str] = set()
    for index, mention in enumerate(mentions):
        if mention.kind != "name" or mention.type != "place" or mention.entity is None:
            continue
        span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
        if span is None:
            continue
        before = doc[span.start - 1].lower_ if span.start > 0 else ""
        possessive = span.end < len(doc) and is_possessive_s(doc[span.end])
        if before in locative_prepositions() and not possessive:
            located.add(mention.entity)
            continue
        owners = people.get(tuple(_tokens(mention.text)), [])
        if len(owners) == 1 and mentions[owners[0].mentions[0]].start < mention.start:
            candidates[index] = owners[0]
    moved = {i: person for i, person in candidates.items() if mentions[i].entity not in located}
    if not moved:
        return mentions, entities
    resolved = list(mentions)
    for index, person in moved.items():
        place = by_id[resolved[index].entity or ""]
        place.mentions = [i for i in place.mentions if i != index]
        person.mentions = sorted([*person.mentions, index])
        spelling = clean_name(resolved[index].text)
        if spelling != person.name and spelling not in person.alternate_names:
            person.alternate_names = sorted([*person.alternate_names, spelling])
        resolved[index] = replace(resolved[index], type="person", entity=person.id)
    kept = [entity for entity in entities if entity.mentions]
    return resolved, kept
