"""Incidents: event mentions of one real event merged, with its place, site, time, counts,
modality and source."""

from __future__ import annotations

from dataclasses import replace

from spacy.tokens import Doc

from newsgraph.extract.event_context import context_cues
from newsgraph.extract.extraction import Argument, Event, Incident, Mention, Relation, TextSpan
from newsgraph.extract.spans import doc_text

# Types of one family may describe the same event ("a furious battle" in which soldiers
# were "killed"); the first type listed names the merged incident.
_FAMILIES = [
    ("armed_clash", "bombing", "attack", "killing", "injury"),
    ("plot",),
    ("arrest",),
    ("military_aid",),
    ("movement",),
    ("threat",),
    ("recruitment",),
    ("training",),
    ("protest",),
]
_ACTOR_ROLES = {"attacker", "target", "victim", "agent", "detainee", "participant"}
# How many sentences apart two mentions of one incident may be.
_WINDOW = 2


def _family(event_type: str) -> int:
    for number, family in enumerate(_FAMILIES):
        if event_type in family:
            return number
    return len(_FAMILIES)


# Which type names an incident whose mentions differ: the most specific violent one first.
_PRIORITY = [event_type for family in _FAMILIES for event_type in family]


def _rank(event_type: str) -> int:
    return _PRIORITY.index(event_type) if event_type in _PRIORITY else len(_PRIORITY)


def _entities(event: Event, roles: set[str] | None = None) -> set[str]:
    return {
        a.entity
        for a in event.arguments
        if a.entity is not None and (roles is None or a.role in roles)
    }


def _definite(event: Event, text: str) -> bool:
    """ "the fighting", "the attack": a trigger that refers back to an event told before."""
    before = text[max(0, event.trigger.start - 4) : event.trigger.start].lower()
    return before.endswith("the ")


def _same_incident(a: Event, b: Event, text: str, doc: Doc) -> bool:
    if abs(a.sentence - b.sentence) > _WINDOW:
        return False
    if _family(a.type) != _family(b.type):
        # Across types only a plot and what it plots ("plotting attacks"), or what a plot
        # frames ("In the airport plot, ... the bomb maker flew from Baghdad").
        if _family(a.type) == 0 and b.type == "movement" and _subordinate(doc, b, a):
            # "killed his son-in-law as he tried crossing into Iraq": the crossing is the
            # circumstance of the killing.
            return True
        if {a.type, b.type} == {"military_aid", "movement"}:
            # "the first of eight planeloads of military supplies had arrived": one delivery.
            return a.sentence == b.sentence and _near(doc, a, b)
        if "plot" not in (a.type, b.type):
            return False
        plot, other = (a, b) if a.type == "plot" else (b, a)
        return _linked(doc, plot, other) or (plot.sentence == other.sentence and _frames(doc, plot))
    if not _compatible(a, b):
        return False
    if _governs(doc, a, b) or _governs(doc, b, a):
        return True
    shared = _entities(a, _ACTOR_ROLES | {"place"}) & _entities(b, _ACTOR_ROLES | {"place"})
    if shared:
        return True
    if _definite(b, text) and b.sentence > a.sentence and not (a.background or b.background):
        return True
    # A violent event told over consecutive sentences ("a furious battle ... soldiers were
    # killed fighting"), unless one of them names a long war or is a relative clause's fact
    # about someone ("Zarqawi, ... who was killed last summer"): that is no narrative.
    return (
        _family(a.type) == 0
        and b.sentence - a.sentence <= _WINDOW
        and a.modality == b.modality == "asserted"
        and not (a.background or b.background)
        and not (_in_relative_clause(doc, a) or _in_relative_clause(doc, b))
    )


def _in_relative_clause(doc: Doc, event: Event) -> bool:
    """The trigger is the verb of a relative clause ("who was killed last summer")."""
    i = _token(doc, event)
    return i is not None and doc[i].dep_ in {"relcl", "acl:relcl"}


def _compatible(a: Event, b: Event) -> bool:
    """No conflicting time or place between two mentions."""
    if a.time and b.time and a.time.value and b.time.value and a.time.value != b.time.value:
        return False
    places_a = _entities(a, {"place"})
    places_b = _entities(b, {"place"})
    return not (places_a and places_b and not places_a & places_b)


def _token(doc: Doc, event: Event) -> int | None:
    span = doc.char_span(event.trigger.start, event.trigger.end, alignment_mode="expand")
    return span.root.i if span is not None else None


def _linked(doc: Doc, a: Event, b: Event) -> bool:
    """One trigger is the other's syntactic head or dependent."""
    i, j = _token(doc, a), _token(doc, b)
    if i is None or j is None:
        return False
    return doc[i].head.i == j or doc[j].head.i == i


def _near(doc: Doc, a: Event, b: Event) -> bool:
    """One trigger is within two dependency steps of the other."""
    i, j = _token(doc, a), _token(doc, b)
    if i is None or j is None:
        return False
    ancestors_i = {doc[i].head.i, doc[i].head.head.i}
    ancestors_j = {doc[j].head.i, doc[j].head.head.i}
    return j in ancestors_i or i in ancestors_j or bool(ancestors_i & {doc[j].head.i})


def _subordinate(doc: Doc, clause: Event, main: Event) -> bool:
    """`clause` is an adverbial or complement clause, at most two steps under `main`."""
    i, j = _token(doc, clause), _token(doc, main)
    if i is None or j is None:
        return False
    token = doc[i]
    for _ in range(2):
        if token.dep_ not in {"advcl", "xcomp", "ccomp"} or token.head.i == token.i:
            return False
        token = token.head
        if token.i == j:
            return True
    return False


def _frames(doc: Doc, event: Event) -> bool:
    """A scene-setting phrase: "In the Jordanian airport plot, ..." governs its whole sentence."""
    i = _token(doc, event)
    if i is None:
        return False
    token = doc[i]
    return (
        token.dep_ in {"obl", "nmod"}
        and any(c.dep_ == "case" and c.lower_ in {"in", "during"} for c in token.children)
        and token.head.dep_ == "ROOT"
    )


def _governs(doc: Doc, head: Event, dependent: Event) -> bool:
    """`dependent`'s trigger sits inside `head`'s clause: "killed fighting", "plotting attacks"."""
    head_token = doc.char_span(head.trigger.start, head.trigger.end, alignment_mode="expand")
    dependent_token = doc.char_span(
        dependent.trigger.start, dependent.trigger.end, alignment_mode="expand"
    )
    if head_token is None or dependent_token is None:
        return False
    # Only clauses that tell one event: "killed fighting" (an adverbial clause), "killed in
    # the battle"; not two events joined by "and", nor a noun deep inside another's phrase.
    token = dependent_token.root
    if token.head.i != head_token.root.i or token.i == token.head.i:
        return False
    if token.dep_ in {"advcl", "xcomp"}:
        return True
    return token.dep_ in {"obl", "nmod"} and any(
        c.dep_ == "case" and c.lower_ in {"in", "during", "amid"} for c in token.children
    )


def merge_incidents(
    doc: Doc, events: list[Event], article_id: str
) -> tuple[list[Event], list[Incident]]:
    """Group event mentions into incidents; each event gets its incident id."""
    text = doc_text(doc)
    parent = list(range(len(events)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for j, later in enumerate(events):
        for i in range(j - 1, -1, -1):
            earlier = events[i]
            if later.sentence - earlier.sentence > _WINDOW:
                break
            if _same_incident(earlier, later, text, doc):
                parent[find(j)] = find(i)
                break

    groups: dict[int, list[int]] = {}
    for index in range(len(events)):
        groups.setdefault(find(index), []).append(index)

    incidents: list[Incident] = []
    updated = list(events)
    for members in groups.values():
        mentions = [events[i] for i in members]
        plot_led = any(m.type == "plot" for m in mentions)
        foreground = [m for m in mentions if not m.background] or mentions
        incident_type = "plot" if plot_led else min((m.type for m in foreground), key=_rank)
        first = mentions[0]
        incident_id = f"incident/{incident_type}-{first.trigger.start}"
        arguments = _merged_arguments(mentions)
        place_argument = next((a for a in arguments if a.role == "place" and a.entity), None)
        site_argument = next((a for a in arguments if a.role == "place" and a.entity is None), None)
        place = place_argument.entity if place_argument else None
        if site_argument is not None and place is None:
            # "a refugee camp near Tripoli": the site's own place names the incident's place.
            place = next(
                (
                    a.entity
                    for m in mentions
                    for a in m.arguments
                    if a.entity
                    and a.entity.startswith("place/")
                    and site_argument.start <= a.start < site_argument.end + 40
                ),
                None,
            )
        time = next(
            (m.time for m in mentions if m.time is not None and m.time.value), None
        ) or next((m.time for m in mentions if m.time is not None), None)
        counts = []
        seen_counts: set[tuple[int, int]] = set()
        for mention in mentions:
            for count in mention.counts:
                key = (count.value, count.start)
                if key not in seen_counts:
                    seen_counts.add(key)
                    counts.append(count)
        modality = "planned" if plot_led else _modality([m.modality for m in mentions])
        attribution = next((m.attribution for m in mentions if m.attribution is not None), None)
        confidence = min(0.95, max(m.confidence for m in mentions) + 0.05 * (len(mentions) - 1))
        incidents.append(
            Incident(
                id=incident_id,
                type=incident_type,
                mentions=sorted(members),
                arguments=arguments,
                place=place,
                site=TextSpan(site_argument.start, site_argument.end, site_argument.text)
                if site_argument
                else None,
                time=time,
                counts=counts,
                modality=modality,
                attribution=attribution,
                confidence=confidence,
            )
        )
        for index in members:
            updated[index] = replace(events[index], incident=incident_id)
    incidents.sort(key=lambda incident: incident.mentions[0])
    return updated, incidents


# Modalities that say the event did not (yet) take place as told; one mention that tells it
# as taking place outweighs them.
_IRREALIS = frozenset({"negated", "hypothetical", "planned", "generic"})


def _modality(modalities: list[str]) -> str:
    realis = [m for m in modalities if m not in _IRREALIS]
    if not realis:
        return modalities[0]
    return next((m for m in realis if m != "asserted"), "asserted")


def _merged_arguments(mentions: list[Event]) -> list[Argument]:
    seen: set[tuple[str, str | None, int]] = set()
    merged = []
    for mention in mentions:
        for argument in mention.arguments:
            key = (
                argument.role,
                argument.entity,
                argument.start if argument.entity is None else -1,
            )
            if key not in seen:
                seen.add(key)
                merged.append(argument)
    return merged


# Incidents an authority carries out at home: an arrest by "Saudis" or "Jordanian police"
# happened in their country when the text names no other place.
_DOMESTIC_TYPES = {"arrest"}


def place_from_agents(incidents: list[Incident], relations: list[Relation]) -> None:
    """Give a place-less domestic incident its agent's country, from nationality relations."""
    country_of = {r.subject: r.object for r in relations if r.type == "nationality"}
    for incident in incidents:
        if incident.place is not None or incident.type not in _DOMESTIC_TYPES:
            continue
        for argument in incident.arguments:
            if argument.role == "agent" and argument.entity in country_of:
                incident.place = country_of[argument.entity]
                incident.confidence = round(incident.confidence * 0.9, 3)
                break


def supplier_and_recipient(doc: Doc, incidents: list[Incident], mentions: list[Mention]) -> None:
    """Military aid: the place it came from is its supplier, and a group that asked for help
    in the sentence before ("The army called for outside support.") its recipient."""
    for incident in incidents:
        if incident.type != "military_aid":
            continue
        roles = {a.role for a in incident.arguments}
        if "agent" not in {a.role for a in incident.arguments if a.entity}:
            for argument in list(incident.arguments):
                if argument.role == "origin" and argument.entity:
                    incident.arguments.append(replace(argument, role="agent"))
                    break
        if "participant" in roles:
            continue
        first = incident.arguments[0].start if incident.arguments else None
        if first is None:
            continue
        sentence = doc.char_span(first, first + 1, alignment_mode="expand")
        if sentence is None:
            continue
        current = sentence.sent
        previous = doc[current.start - 1].sent if current.start > 0 else None
        if previous is None:
            continue
        for mention in mentions:
            if (
                mention.entity
                and mention.type == "organization"
                and previous.start_char <= mention.start < previous.end_char
            ):
                head = doc.char_span(mention.start, mention.end, alignment_mode="expand")
                # The subject, by the parse or by place: a sentence that opens with the group.
                opens = head is not None and head.start - previous.start <= 2
                if head is not None and (head.root.dep_ in {"nsubj", "nsubj:pass"} or opens):
                    incident.arguments.append(
                        Argument(
                            "participant",
                            mention.start,
                            mention.end,
                            mention.text,
                            mention.entity,
                            context_cues().argument_confidence["previous_sentence_group"],
                        )
                    )
                    break


def framed_participants(
    doc: Doc, events: list[Event], incidents: list[Incident], mentions: list[Mention]
) -> None:
    """People named in a sentence a plot frames ("In the airport plot, ... the explosives for
    Mr. Darsi") take part in the plot."""
    sentences = list(doc.sents)
    for incident in incidents:
        if incident.type != "plot":
            continue
        for index in incident.mentions:
            event = events[index]
            if event.type != "plot" or not _frames(doc, event) or event.sentence >= len(sentences):
                continue
            sentence = sentences[event.sentence]
            taken: set[str | None] = {a.entity for a in incident.arguments if a.entity}
            source = incident.attribution.entity if incident.attribution else None
            for mention in mentions:
                if (
                    mention.type == "person"
                    and mention.kind == "name"
                    and mention.entity not in taken
                    and mention.entity != source
                    and sentence.start_char <= mention.start < sentence.end_char
                ):
                    incident.arguments.append(
                        Argument(
                            "participant",
                            mention.start,
                            mention.end,
                            mention.text,
                            mention.entity,
                            context_cues().argument_confidence["framed_person"],
                        )
                    )
                    taken.add(mention.entity)
