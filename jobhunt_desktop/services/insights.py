"""Insights: the figures of `domain.insights` over what the database holds, for the
period and tags asked for, and the themes of the feedback."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import date

from jobhunt_desktop.domain.feedback_themes import themes
from jobhunt_desktop.domain.insights import Insights, Period, compute
from jobhunt_desktop.domain.timeutil import local_date
from jobhunt_desktop.persistence.repositories import StageRepository
from jobhunt_desktop.persistence.repositories.insights import insight_sources
from jobhunt_desktop.services.base import Service
from jobhunt_desktop.services.collector import collector_held_off


class InsightService(Service):
    def compute(
        self,
        since: date | None = None,
        until: date | None = None,
        tags: Sequence[str] = (),
        with_themes: bool = True,
    ) -> Insights:
        with collector_held_off():
            return self._compute(since, until, tags, with_themes)

    def _compute(
        self, since: date | None, until: date | None, tags: Sequence[str], with_themes: bool
    ) -> Insights:
        with self.db.read() as session:
            settings = self.settings_in(session)
            stages = StageRepository(session).all()
            sources = insight_sources(session)
        figures = compute(
            sources.cards,
            sources.arrivals,
            stages,
            local_date(self.now(), settings.time_zone),
            promises=sources.promises,
            messages=sources.messages,
            renames=sources.renames,
            period=Period(since, until),
            tags=tags,
            ghost_after_days=settings.ghost_after_days,
            weekly_goal=settings.weekly_goal,
            include_archived=settings.insights_archived,
            zone=settings.time_zone,
        )
        if not with_themes:
            return figures
        texts = [(card, text) for card, text in sources.feedback if card in figures.card_ids]
        found = themes(texts, settings.feedback_language)
        return replace(figures, themes=found, feedback=tuple(texts))
