"""`stats [--since DATE] [--until DATE] [--tag T ...] [--json]`: Insights in words."""

from __future__ import annotations

import argparse

from jobhunt_desktop.cli.context import Context
from jobhunt_desktop.domain.insights import Insights
from jobhunt_desktop.domain.insights_json import as_json

NOT_ENOUGH = "not enough data"


def percent(value: float | None) -> str:
    return NOT_ENOUGH if value is None else f"{value:.0%}"


def days_text(value: float | None) -> str:
    return NOT_ENOUGH if value is None else f"{value:g} days"


def cmd_stats(ctx: Context, args: argparse.Namespace) -> int:
    figures = ctx.services.insights.compute(
        since=ctx.day(args.since), until=ctx.day(args.until), tags=args.tag or ()
    )
    if args.json:
        ctx.json(as_json(figures))
        return 0
    for line in lines(figures):
        ctx.print(line)
    return 0


def lines(f: Insights) -> list[str]:
    out = [f"{f.cards} cards" + (f", {f.imported} with imported history" if f.imported else "")]
    out.append("Funnel: " + " > ".join(f"{s.name} {n}" for s, n in f.funnel))
    if f.exits:
        out.append("Exits: " + ", ".join(f"{s.name} {n}" for s, n in f.exits))
    out.append(
        f"Answered {f.answered} of {f.applied} applied: {percent(f.response_rate)}; "
        f"ghosted {f.ghosted}: {percent(f.ghosting_rate)}"
    )
    days = f.days_to_answer
    spread = "" if days.median is None else f" (middle half {days.low:g}-{days.high:g})"
    out.append(f"Time to a first answer: {days_text(days.median)}{spread}")
    stays = [f"{s.name} {days_text(d.median)}" for s, d in f.time_in_stage if d.count]
    if stays:
        out.append("Time in stage: " + ", ".join(stays))
    if f.companies:
        out.append("Companies (applications, answered, days to answer):")
        out += [
            f"  {c.company}: {c.applications}, {c.answered}, {days_text(c.median_days_to_answer)}"
            for c in f.companies[:10]
        ]
    if f.sources:
        out.append("Sources (applications, answered, interviews, offers):")
        out += [
            f"  {s.source}: {s.applications}, {s.answered}, {s.interviews}, {s.offers}"
            for s in f.sources
        ]
    if f.followups:
        out.append("Follow-ups sent (answered within 14 days):")
        out += [f"  {x.kind}: {x.sent} ({percent(x.answered_within_14_days)})" for x in f.followups]
    if f.themes:
        out.append("Feedback themes: " + ", ".join(f"{t.theme} ({t.count})" for t in f.themes[:8]))
    if f.activity:
        last = f.activity[-4:]
        weeks = ", ".join(f"{w:%d %b} {n}" for w, n in last)
        out.append(f"Applications a week (goal {f.weekly_goal}): {weeks}")
    return out
