"""The card dialog's fields: the words beside, inside and over each one."""

from __future__ import annotations

LINE_FIELDS: dict[str, tuple[str, str]] = {
    # name: (placeholder, usual tooltip)
    "company": ("Company name", "Who is hiring; required"),
    "title": ("Job title", "The role you applied for; required"),
    "url": ("https://…", "Link to the job ad; https:// is added if you leave it out"),
    "location": ("City or region", "Where the job is"),
    "salary_min": ("from", "The lowest salary on offer, a whole number"),
    "salary_max": ("to", "The highest salary on offer, a whole number"),
    "salary_currency": ("EUR", "Three-letter currency code, such as EUR or USD"),
    "salary_text": ("e.g. 60k + bonus", "The salary as the ad words it"),
    "source": ("Where you found it", "A job board, a friend, the company site…"),
    "tags": ("remote, python", "Separate tags with commas"),
}
COMBO_TIPS = {
    "work_mode": "On site, hybrid or remote",
    "salary_period": "What the salary figures cover",
    "priority": "How much this one matters to you",
    "closed_reason": "Why the application ended, if it has",
}
TEXT_TIPS = {
    "notes": "Anything you want to remember",
    "description": "The job description, pasted from the ad",
}
APPLIED_TIP = "The day you sent the application"
