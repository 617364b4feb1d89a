"""Cards: where they are, what they hold, and the board's reads over them."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from datetime import datetime
from typing import Any, cast

from sqlalchemy import (
    Table,
    and_,
    bindparam,
    case,
    delete,
    exists,
    func,
    insert,
    literal,
    or_,
    select,
    text,
    update,
)
from sqlalchemy.orm import Session, joinedload

from jobhunt_desktop.domain.entities import (
    Application,
    ClosedReason,
    Contact,
    EventKind,
)
from jobhunt_desktop.domain.placement import CardPlace
from jobhunt_desktop.domain.readmodels import BoardRow
from jobhunt_desktop.domain.rules import (
    OfferElsewhere,
    PastApplication,
    company_key,
)
from jobhunt_desktop.domain.stages import StageKind
from jobhunt_desktop.domain.validation import MAX_ID
from jobhunt_desktop.persistence import mapping
from jobhunt_desktop.persistence.board_query import (
    TAGS_SQL,
    board_rows,
    board_sql,
    card_params,
    cards_sql,
)
from jobhunt_desktop.persistence.change_log import recorder
from jobhunt_desktop.persistence.in_lists import chunks
from jobhunt_desktop.persistence.models import (
    ApplicationRow,
    CompanyRow,
    ContactRow,
    EventRow,
    StageRow,
    TagRow,
    application_contacts,
    application_tags,
)
from jobhunt_desktop.persistence.one_trip import with_next_trip
from jobhunt_desktop.persistence.repositories.common import all_gone, row_by_id
from jobhunt_desktop.persistence.repositories.stages import StageRepository


def _company_soon(session: Session, name: str) -> Any:
    """The id of the company of that name (as `company_key` compares names), made
    first if there is none: an expression the statement that needs it evaluates, so
    nothing is read first (the make goes with the next round trip on a server)."""
    companies = cast(Table, CompanyRow.__table__)
    key = company_key(name)
    missing = ~exists().where(companies.c.name_key == key)
    made = select(literal(name.strip()), literal(key)).where(missing)
    with_next_trip(session, insert(companies).from_select(["name", "name_key"], made))
    return select(companies.c.id).where(companies.c.name_key == key).scalar_subquery()


def _tags_soon(session: Session, application_id: int, names: Iterable[str]) -> None:
    """The card's tags become these (made where new), with the next round trip on a
    server: nothing is read first."""
    wanted = sorted({n.strip().lower() for n in names if n.strip()})
    tags = cast(Table, TagRow.__table__)
    for name in wanted:
        missing = ~exists().where(tags.c.name == name)
        with_next_trip(
            session, insert(tags).from_select(["name"], select(literal(name)).where(missing))
        )
    links = application_tags
    with_next_trip(session, delete(links).where(links.c.application_id == application_id))
    if wanted:
        named = select(literal(application_id), tags.c.id).where(tags.c.name.in_(wanted))
        with_next_trip(session, insert(links).from_select(["application_id", "tag_id"], named))


class ApplicationRepository:
    """Cards. Writes take the fields of `Application` by name; the company and the
    tags are stored in their own tables, which only this class knows."""

    def __init__(self, session: Session) -> None:
        self.session = session

    def get(self, application_id: int) -> Application:
        # The card, its company, tags and contacts in one statement, not four: a card
        # has a handful of each, and on a server every statement is a round trip.
        row = row_by_id(
            self.session,
            ApplicationRow,
            application_id,
            "no application with id",
            _WHOLE_CARD,
        )
        return mapping.application(row, self._stages.get(row.stage_id))

    def present(
        self, application_ids: Sequence[int], known: Mapping[int, Mapping[str, Any]] | None = None
    ) -> tuple[list[CardPlace], int]:
        """Where each card of the ids that still exist is, in the order asked (once
        each), and how many of the ids were gone; GoneError when every one is. With
        `known`, the rows of these cards read already in this transaction (every one
        that exists), nothing is read again."""
        wanted = list(dict.fromkeys(i for i in application_ids))
        rows = dict(known) if known is not None else self._place_rows(wanted)
        cards = [_place(rows[i]) for i in wanted if i in rows]
        if wanted and not cards:
            raise all_gone("application", wanted)
        return cards, len(wanted) - len(cards)

    def _place_rows(self, card_ids: Sequence[int]) -> dict[int, Mapping[str, Any]]:
        table = ApplicationRow.__table__
        columns = [table.c[name] for name in _PLACE_COLUMNS]
        found: dict[int, Mapping[str, Any]] = {}
        for chunk in chunks([i for i in card_ids if 1 <= i <= MAX_ID]):
            query = select(*columns).where(table.c.id.in_(chunk))
            found.update(
                (r.id, dict(zip(_PLACE_COLUMNS, r, strict=True)))
                for r in self.session.execute(query)
            )
        return found

    def add(self, values: Mapping[str, Any], stage_id: int, now: datetime) -> int:
        """A new card at the end of the column; `values` hold company, title and any
        other fields. Its company (made if new) and its place are found by the
        database as it writes: one round trip on a server, and its tags go with the
        next."""
        table = cast(Table, ApplicationRow.__table__)
        plain = {k: v for k, v in values.items() if k not in ("company", "title", "tags")}
        last = select(func.coalesce(func.max(table.c.position), 0.0)).where(
            table.c.archived.is_(False), table.c.stage_id == stage_id
        )
        row = {
            "company_id": _company_soon(self.session, str(values["company"])),
            "title": values["title"],
            "stage_id": stage_id,
            "position": last.scalar_subquery() + 1.0,
            "created_at": now,
            "updated_at": now,
            "stage_entered_at": now,
            "archived": False,
            "priority": 0,
            **plain,
        }
        added = with_next_trip(self.session, insert(table).values(row).returning(table.c.id))
        new_id = int(added.rows()[0][0])  # what follows needs it: sent now
        if values.get("tags"):
            _tags_soon(self.session, new_id, values["tags"])
        seen = recorder(self.session)
        seen.cards.add(new_id)
        seen.touch(moves=((None, self._stages.get(stage_id).kind),))
        return new_id

    def change(
        self, application_id: int, values: Mapping[str, Any], now: datetime, was: Application
    ) -> None:
        """Set fields the person edited, from the card as this transaction read it
        (`was`): nothing is read again, and on a server it goes with the next round
        trip (a new company or tag made as it goes)."""
        table = cast(Table, ApplicationRow.__table__)
        if "applied_on" in values and values["applied_on"] != was.applied_on:
            recorder(self.session).touch(applied=True)
        columns = {k: v for k, v in values.items() if k not in ("company", "tags")}
        if "company" in values:
            columns["company_id"] = _company_soon(self.session, str(values["company"]))
        by_id = update(table).where(table.c.id == application_id)
        with_next_trip(self.session, by_id.values(**columns, updated_at=now))
        if "tags" in values:
            _tags_soon(self.session, application_id, values["tags"])
        self._written([application_id])

    def place(self, application_id: int, **columns: Any) -> None:
        """Set a card's place columns (stage_id, position, stage_entered_at,
        closed_reason, applied_on, archived, updated_at)."""
        self.place_many({application_id: columns})

    def place_many(
        self, columns: Mapping[int, Mapping[str, Any]], were: Sequence[CardPlace] = ()
    ) -> None:
        """`place` for several cards in one executemany per set of columns: a move
        of fifty cards is a few statements, not fifty. `were`: where the cards were,
        when the caller read it in this transaction (it is not read again)."""
        self._note_moves(columns, were)
        by_keys: dict[tuple[str, ...], list[dict[str, Any]]] = {}
        for application_id, values in columns.items():
            by_keys.setdefault(tuple(sorted(values)), []).append({"card": application_id, **values})
        table = cast(Table, ApplicationRow.__table__)
        for rows in by_keys.values():  # on a server, sent with the reads that follow
            by_id = update(table).where(table.c.id == bindparam("card"))
            with_next_trip(self.session, by_id, rows if len(rows) > 1 else rows[0])
        self._written(columns)

    def place_at_end(
        self,
        application_id: int,
        stage_id: int,
        columns: Mapping[str, Any],
        were: Sequence[CardPlace] = (),
    ) -> None:
        """`place` into a column, after its last card: the database finds the place
        as it writes, so nothing is read first (on a server it goes with the next
        round trip)."""
        table = cast(Table, ApplicationRow.__table__)
        last = select(func.coalesce(func.max(table.c.position), 0.0)).where(
            table.c.archived.is_(False),
            table.c.stage_id == stage_id,
            table.c.id != application_id,
        )
        self._note_moves({application_id: {"stage_id": stage_id, **columns}}, were)
        by_id = update(table).where(table.c.id == application_id)
        end = last.scalar_subquery() + 1.0
        with_next_trip(self.session, by_id.values(stage_id=stage_id, position=end, **columns))
        self._written([application_id])

    def _written(self, application_ids: Iterable[int]) -> None:
        """After a write past the session: noted for the Changes, and the rows the
        session holds (none, as a rule) read again if asked for."""
        ids = set(application_ids)
        for row in list(self.session.identity_map.values()):
            if isinstance(row, ApplicationRow) and row.id in ids:
                self.session.expire(row)
        recorder(self.session).cards.update(ids)

    def set_positions(self, positions: Mapping[int, float]) -> None:
        self.place_many({i: {"position": p} for i, p in positions.items()})

    def set_archived(
        self,
        application_ids: Sequence[int],
        archived: bool,
        now: datetime,
        were: Sequence[CardPlace] = (),
    ) -> None:
        self.place_many(
            {i: {"archived": archived, "updated_at": now} for i in application_ids}, were
        )

    def delete(self, application_ids: Sequence[int], were: Sequence[CardPlace] = ()) -> None:
        """Remove cards with their whole story (the database cascades); on a server
        with the next round trip. `were`: where they were, as read in this transaction."""
        if not application_ids:
            return
        self._note_moves({i: {"archived": True} for i in application_ids}, were)
        table = cast(Table, ApplicationRow.__table__)
        for chunk in chunks(list(application_ids)):
            with_next_trip(self.session, delete(table).where(table.c.id.in_(chunk)))
        gone = set(application_ids)
        for row in list(self.session.identity_map.values()):
            if getattr(row, "application_id", None) in gone or (
                isinstance(row, ApplicationRow) and row.id in gone
            ):
                self.session.expunge(row)
        recorder(self.session).removed.update(gone)

    def _note_moves(
        self, columns: Mapping[int, Mapping[str, Any]], were: Sequence[CardPlace] = ()
    ) -> None:
        """Tell the change recorder which stage kinds cards leave and enter (None: off
        the board, archived or deleted), and whether an applied-for date changed."""
        moving = [
            i for i, c in columns.items() if {"stage_id", "archived", "applied_on"} & c.keys()
        ]
        if not moving:
            return
        kinds = {stage.id: stage.kind for stage in self._stages.all()}
        moves: list[tuple[StageKind | None, StageKind | None]] = []
        applied = False
        known = {card.id: card for card in were}
        unknown = [i for i in moving if i not in known]
        cards = [known[i] for i in moving if i in known]
        for card in cards + (self.present(unknown)[0] if unknown else []):
            wanted = columns[card.id]
            stage_id, archived = (
                wanted.get("stage_id", card.stage_id),
                wanted.get("archived", card.archived),
            )
            moves.append(
                (
                    None if card.archived else kinds[card.stage_id],
                    None if archived else kinds[stage_id],
                )
            )
            applied = applied or wanted.get("applied_on", card.applied_on) != card.applied_on
        recorder(self.session).touch(moves=tuple(moves), applied=applied)

    def _row(self, application_id: int) -> ApplicationRow:
        return row_by_id(self.session, ApplicationRow, application_id, "no application with id")

    def stages_of(self, application_ids: Sequence[int]) -> dict[int, int]:
        """The column each existing card is in."""
        return self._per_card(ApplicationRow.stage_id, application_ids)

    def versions(self, application_ids: Sequence[int]) -> dict[int, int]:
        """The change counter value each existing card was last written at."""
        return self._per_card(ApplicationRow.version, application_ids)

    def _per_card(self, column: Any, application_ids: Sequence[int]) -> dict[int, int]:
        found: dict[int, int] = {}
        for chunk in chunks(application_ids):
            query = select(ApplicationRow.id, column).where(ApplicationRow.id.in_(chunk))
            found.update((r[0], r[1]) for r in self.session.execute(query))
        return found

    def get_many(self, application_ids: Sequence[int], links: bool = True) -> list[Application]:
        """Whole cards in three plain statements per chunk (cards, tags, contacts):
        planning reads them after every write, and ORM objects would cost more.
        Without `links` they come without tags and contacts, which planning never
        reads: two statements less, each a round trip to a server."""
        stages = {stage.id: stage for stage in self._stages.all()}
        cards = ApplicationRow.__table__
        found: list[Application] = []
        for chunk in chunks(application_ids):
            tags = self._tags_of(chunk) if links else {}
            people = self._contacts_of(chunk) if links else {}
            for row in self.session.execute(
                select(cards, CompanyRow.name.label("company_name"))
                .join(CompanyRow, CompanyRow.id == cards.c.company_id)
                .where(cards.c.id.in_(chunk))
            ):
                found.append(
                    mapping.application(
                        row,
                        stages[row.stage_id],
                        row.company_name,
                        tags.get(row.id, ()),
                        people.get(row.id, ()),
                    )
                )
        return found

    def _tags_of(self, card_ids: Sequence[int]) -> dict[int, list[str]]:
        tags: dict[int, list[str]] = {}
        for card_id, name in self.session.execute(
            select(application_tags.c.application_id, TagRow.name)
            .join(TagRow, TagRow.id == application_tags.c.tag_id)
            .where(application_tags.c.application_id.in_(card_ids))
        ):
            tags.setdefault(card_id, []).append(name)
        return tags

    def _contacts_of(self, card_ids: Sequence[int]) -> dict[int, list[Contact]]:
        contacts = ContactRow.__table__
        people: dict[int, list[Contact]] = {}
        for row in self.session.execute(
            select(
                application_contacts.c.application_id.label("card_id"),
                contacts,
                CompanyRow.name.label("company_name"),
            )
            .join(contacts, contacts.c.id == application_contacts.c.contact_id)
            .outerjoin(CompanyRow, CompanyRow.id == contacts.c.company_id)
            .where(application_contacts.c.application_id.in_(card_ids))
        ):
            people.setdefault(row.card_id, []).append(mapping.contact(row, row.company_name))
        return people

    def column_positions(self, stage_id: int) -> list[tuple[int, float]]:
        rows = self.session.execute(
            select(ApplicationRow.id, ApplicationRow.position)
            .where(ApplicationRow.stage_id == stage_id, ApplicationRow.archived.is_(False))
            .order_by(ApplicationRow.position, ApplicationRow.id)
        )
        return [(r[0], r[1]) for r in rows]

    def neighbours(
        self, stage_id: int, index: int, excluding: Sequence[int]
    ) -> tuple[float | None, float | None]:
        """Positions of the cards around a 0-based slot in a column, moving cards aside."""
        query = (
            select(ApplicationRow.position)
            .where(
                ApplicationRow.archived.is_(False),
                ApplicationRow.stage_id == stage_id,
                ApplicationRow.id.not_in(list(excluding)),
            )
            .order_by(ApplicationRow.position, ApplicationRow.id)
        )
        if index <= 0:
            after = self.session.scalar(query.limit(1))
            return None, after
        pair = list(self.session.scalars(query.limit(2).offset(index - 1)))
        before = pair[0] if pair else self.last_position(stage_id, excluding)
        return before, pair[1] if len(pair) > 1 else None

    def last_position(self, stage_id: int, excluding: Sequence[int] = ()) -> float | None:
        return self.session.scalar(
            select(func.max(ApplicationRow.position)).where(
                ApplicationRow.archived.is_(False),
                ApplicationRow.stage_id == stage_id,
                ApplicationRow.id.not_in(list(excluding)),
            )
        )

    def on_board(self) -> list[int]:
        """The ids of the cards on the board (not archived)."""
        query = select(ApplicationRow.id).where(ApplicationRow.archived.is_(False))
        return list(self.session.scalars(query.order_by(ApplicationRow.id)))

    def board(
        self,
        include_archived: bool = False,
        stage_id: int | None = None,
        only_archived: bool = False,
    ) -> list[BoardRow]:
        params = {"stage_id": stage_id} if stage_id is not None else {}
        query = board_sql(include_archived, stage_id, only_archived)
        rows = self.session.execute(text(query), params)
        return board_rows(rows, self.session.execute(text(TAGS_SQL)))

    def board_cards(self, application_ids: Sequence[int]) -> list[BoardRow]:
        """The board rows of these cards (those still on the board)."""
        found: list[BoardRow] = []
        for chunk in chunks(application_ids):
            cards, tags = cards_sql(len(chunk))
            params = card_params(chunk)
            found += board_rows(
                self.session.execute(text(cards), params), self.session.execute(text(tags), params)
            )
        return found

    def past_at_company(self, company: str, exclude_id: int | None = None) -> list[PastApplication]:
        """Earlier applications at the same company with their latest rejection time,
        in one statement (adding a card reads it, before anything else it does)."""
        key = company_key(company)
        last_rejection = (
            select(func.max(EventRow.occurred_at))
            .where(
                EventRow.application_id == ApplicationRow.id,
                EventRow.kind == EventKind.REJECTION.value,
            )
            .scalar_subquery()
        )
        rows = self.session.execute(
            select(
                ApplicationRow.id,
                CompanyRow.name,
                ApplicationRow.title,
                ApplicationRow.closed_reason,
                ApplicationRow.stage_entered_at,
                last_rejection,
            )
            .join(CompanyRow, CompanyRow.id == ApplicationRow.company_id)
            .where(CompanyRow.name_key == key)
        ).all()
        rejected = {r[0]: r[5] for r in rows if r[5] is not None}
        result = []
        for app_id, name, title, reason, entered, _last in rows:
            if app_id == exclude_id:
                continue
            when = rejected.get(app_id)
            if when is None and reason == "rejected":
                when = entered
            result.append(
                PastApplication(
                    application_id=app_id,
                    company=name,
                    title=title,
                    rejected_at=when,
                    closed_reason=None if reason is None else ClosedReason(reason),
                )
            )
        return result

    def entered_stage_kinds(self, kinds: Sequence[StageKind]) -> dict[int, datetime]:
        """The cards on the board in stages of these kinds, with when they entered."""
        rows = self.session.execute(
            select(ApplicationRow.id, ApplicationRow.stage_entered_at).where(
                ApplicationRow.archived.is_(False),
                ApplicationRow.stage_id.in_(self._stage_ids(kinds)),
            )
        )
        return {r[0]: r[1] for r in rows}

    def ids_in_stage_kinds(self, kinds: Sequence[StageKind]) -> list[int]:
        return list(
            self.session.scalars(
                select(ApplicationRow.id)
                .join(StageRow, StageRow.id == ApplicationRow.stage_id)
                .where(
                    StageRow.kind.in_([k.value for k in kinds]),
                    ApplicationRow.archived.is_(False),
                )
            )
        )

    def named_in_stage_kinds(self, kinds: Sequence[StageKind]) -> list[tuple[int, str, str]]:
        """(id, company, title) of the cards in these kinds of stage, by id: one query
        however many there are."""
        query = (
            select(ApplicationRow.id, CompanyRow.name, ApplicationRow.title)
            .join(CompanyRow, CompanyRow.id == ApplicationRow.company_id)
            .join(StageRow, StageRow.id == ApplicationRow.stage_id)
            .where(StageRow.kind.in_([k.value for k in kinds]), ApplicationRow.archived.is_(False))
            .order_by(ApplicationRow.id)
        )
        return [(r[0], r[1], r[2]) for r in self.session.execute(query)]

    def under_way(self, exclude: int | None = None) -> list[tuple[int, str, str]]:
        """(id, company, title) of the cards out there and undecided, as R12 counts
        them: in an active or offer stage, or applied for in an open one."""
        sent = self._stage_ids([StageKind.OPEN])
        going = self._stage_ids([StageKind.ACTIVE, StageKind.OFFER])
        query = (
            select(ApplicationRow.id, CompanyRow.name, ApplicationRow.title)
            .join(CompanyRow, CompanyRow.id == ApplicationRow.company_id)
            .where(
                ApplicationRow.archived.is_(False),
                ApplicationRow.id != (exclude or 0),
                or_(
                    ApplicationRow.stage_id.in_(going),
                    and_(ApplicationRow.stage_id.in_(sent), ApplicationRow.applied_on.is_not(None)),
                ),
            )
            .order_by(CompanyRow.name_key, ApplicationRow.id)
        )
        return [(r[0], r[1], r[2]) for r in self.session.execute(query)]

    def open_offers(self) -> list[OfferElsewhere]:
        """Offers on applications still waiting in an offer stage (R8), in one
        statement: from the few cards in offer stages (the board's index), so it stays
        cheap on a large board, to their offer events."""
        offer_stages = self._stage_ids([StageKind.OFFER])
        if not offer_stages:
            return []
        query = (
            select(
                ApplicationRow.id,
                CompanyRow.name,
                ApplicationRow.title,
                EventRow.id,
                EventRow.occurred_at,
                EventRow.deadline_at,
                EventRow.recorded_at,
            )
            .join(CompanyRow, CompanyRow.id == ApplicationRow.company_id)
            .join(
                EventRow,
                and_(
                    EventRow.application_id == ApplicationRow.id,
                    EventRow.kind == EventKind.OFFER.value,
                ),
            )
            .where(ApplicationRow.archived.is_(False), ApplicationRow.stage_id.in_(offer_stages))
        )
        offers = [
            OfferElsewhere(
                application_id=app_id,
                company=company,
                title=title,
                event_id=event_id,
                received_at=at,
                deadline_at=deadline,
                known_at=known,
            )
            for app_id, company, title, event_id, at, deadline, known in self.session.execute(query)
        ]
        return sorted(offers, key=lambda o: (o.received_at, o.event_id))

    def _stage_ids(self, kinds: Sequence[StageKind]) -> list[int]:
        return self._stages.ids_of_kinds(kinds)

    @property
    def _stages(self) -> StageRepository:
        return StageRepository(self.session)

    def counts_for_r12(self, enough: int) -> tuple[int, bool]:
        """(applications out there and undecided, counted up to `enough`; whether an
        offer was accepted), in one statement. R12 only asks whether the count reaches
        its threshold, so no more cards than that are read, however long the hunt."""
        live = ApplicationRow.archived.is_(False)
        under_way = self._stage_ids([StageKind.ACTIVE, StageKind.OFFER])
        sent = self._stage_ids([StageKind.OPEN])
        won = self._stage_ids([StageKind.CLOSED_WON])

        def up_to_enough(*where: Any) -> Any:
            first = select(ApplicationRow.id).where(live, *where).limit(enough).subquery()
            return select(func.count()).select_from(first).scalar_subquery()

        first = up_to_enough(ApplicationRow.stage_id.in_(under_way))
        sent_out = up_to_enough(
            ApplicationRow.stage_id.in_(sent), ApplicationRow.applied_on.is_not(None)
        )
        row = self.session.execute(
            select(
                first,
                # Applied-for cards in open stages are counted only if still needed.
                case((first >= enough, 0), else_=sent_out),
                # Archived or not, named so that the board index serves it.
                select(ApplicationRow.id)
                .where(ApplicationRow.archived.in_((False, True)), ApplicationRow.stage_id.in_(won))
                .exists(),
            )
        ).one()
        return min(enough, int(row[0] or 0) + int(row[1] or 0)), bool(row[2])


_PLACE_COLUMNS = ("id", "stage_id", "archived", "closed_reason", "applied_on", "stage_entered_at")


def _place(row: Mapping[str, Any]) -> CardPlace:
    """A card's place from its row, read for it or taken whole for an undo."""
    return CardPlace(*(row[name] for name in _PLACE_COLUMNS))


# What `get` loads with the card's row: everything `mapping.application` reads.
_WHOLE_CARD = (
    joinedload(ApplicationRow.company),
    joinedload(ApplicationRow.tags),
    joinedload(ApplicationRow.contacts),
)
