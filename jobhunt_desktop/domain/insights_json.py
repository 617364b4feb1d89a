"""The Insights figures as `stats --json` prints them: plain values, null for "not
enough data", rates rounded to four places."""

from __future__ import annotations

from typing import Any

from jobhunt_desktop.domain.insights import Insights


def as_json(figures: Insights) -> dict[str, Any]:
    """The figures as `stats --json` prints them (null: not enough data)."""

    def share(value: float | None) -> float | None:
        return None if value is None else round(value, 4)

    days = figures.days_to_answer
    return {
        "cards": figures.cards,
        "imported": figures.imported,
        "funnel": [{"stage": s.name, "reached": n} for s, n in figures.funnel],
        "exits": [{"stage": s.name, "reached": n} for s, n in figures.exits],
        "applied": figures.applied,
        "answered": figures.answered,
        "response_rate": share(figures.response_rate),
        "ghosted": figures.ghosted,
        "ghosting_rate": share(figures.ghosting_rate),
        "median_days_to_answer": days.median,
        "days_to_answer_iqr": None if days.median is None else [days.low, days.high],
        "time_in_stage": [
            {"stage": s.name, "median_days": None if d.median is None else round(d.median, 1)}
            for s, d in figures.time_in_stage
        ],
        "companies": [
            {
                "company": c.company,
                "applications": c.applications,
                "answered": c.answered,
                "median_days_to_answer": c.median_days_to_answer,
                "promises": c.promises,
                "promises_kept": share(c.promises_kept),
                "median_days_late": c.median_days_late,
            }
            for c in figures.companies
        ],
        "sources": [
            {
                "source": s.source,
                "applications": s.applications,
                "answered": s.answered,
                "interviews": s.interviews,
                "offers": s.offers,
                "response_rate": share(s.rate(s.answered)),
            }
            for s in figures.sources
        ],
        "followups": [
            {
                "kind": f.kind,
                "sent": f.sent,
                "answered_within_14_days": share(f.answered_within_14_days),
            }
            for f in figures.followups
        ],
        "feedback_themes": [
            {"theme": t.theme, "count": t.count, "application_ids": list(t.application_ids)}
            for t in figures.themes
        ],
        "weekly": [
            {"week": w.isoformat(), "applied": a, "answered": n} for w, a, n in figures.weekly
        ],
        "activity": [{"week": w.isoformat(), "applied": n} for w, n in figures.activity],
        "weekly_goal": figures.weekly_goal,
    }
