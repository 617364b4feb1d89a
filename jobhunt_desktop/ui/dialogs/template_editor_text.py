"""The template editor's words that need no widget: how a template is named and
described in the list, how the problems that stop a save read, and the preview
filled with sample values.

They live apart from the dialog and its widgets because they are plain text worked
out from the templates' domain rules, shared by the list, the form and the dialog.
"""

from __future__ import annotations

from collections.abc import Sequence

from jobhunt_desktop.domain.entities import FollowUpKind
from jobhunt_desktop.domain.messages import plain_text
from jobhunt_desktop.domain.templates import Template, render, sample_values
from jobhunt_desktop.domain.wording import RULE_ACTIONS
from jobhunt_desktop.services.drafting import TemplateItem

ANY_KIND = "Any follow-up"
PREVIEW_HEADING = "Preview, with sample values:"
PROBLEMS_HEADING = "Fix these to save the template:"
# Shown between "$" and "{" so a line never breaks inside a placeholder's name.
WORD_JOINER = "\u2060"

# What the form holds: name, kind (its value, or None), subject, body.
Fields = tuple[str, str | None, str, str]


def item_text(item: TemplateItem) -> str:
    """The list entry: built-ins say so, and say when the user has changed them."""
    template = item.template
    if not template.builtin:
        return template.name
    return f"{template.name} (built in, edited)" if item.modified else f"{template.name} (built in)"


def item_tip(item: TemplateItem) -> str | None:
    """The list entry's tooltip: what a built-in answers and whether it was edited;
    None for the user's own templates, which have none."""
    template = item.template
    if not template.builtin:
        return None
    kind = template.kind
    answers = kind_label(kind) if kind is not None else ANY_KIND
    state = "you have edited it" if item.modified else "as it comes"
    return f"Built in, for “{answers}”: {state}"


def kind_label(kind: FollowUpKind) -> str:
    return RULE_ACTIONS.get(kind.value, kind.value.replace("_", " ").capitalize())


def problems_text(problems: Sequence[str]) -> str:
    """One bullet a problem, with a line-break guard inside each `${`."""
    text = "\n".join(f"• {problem}" for problem in problems)
    return text.replace("${", f"${WORD_JOINER}{{")


def sample_preview(key: str | None, fields: Fields) -> str:
    """The message the form's fields would make, filled with sample values; raises
    UserError when the template cannot render."""
    name, kind, subject, body = fields
    template = Template(
        key or "new",
        name,
        FollowUpKind(kind) if kind else None,
        subject,
        body,
        False,
    )
    draft = render(template, sample_values())
    return plain_text(draft.subject, draft.body)
