"""Wagtail's preview of a draft marks each claim that may not be published, for the Checks panel.

The claim spans of the rendered preview get `data-claim-problem` (why, as the publish check words it)
and `data-claim-problem-kind` ("forbidden" wording, or missing "evidence"); the content checker's
`claim-can-be-published` rule (claims.wagtail_hooks, claims-check.js) counts them. Only the preview
(`request.is_preview`) is marked: the public page, and its cached annotation, never are.
"""

from __future__ import annotations

import html as html_lib
import re

from django.utils.html import strip_tags

from . import validation

CLAIM_SPAN = re.compile(r'<span class="claim"(?P<attrs>[^>]*)>(?P<inner>.*?)</span>', re.S)
SPACE = re.compile(r"\s+")


def _words(text: str) -> str:
    return SPACE.sub(" ", text).strip()


def mark_problems(page_html: str, problems: list[tuple]) -> str:
    """`page_html` with every claim span whose sentence has a problem marked; `problems` as
    `claims.validation.problems` gives them (claim, why it may not be published or "")."""
    blocked = [(_words(claim.text), claim, why) for claim, why in problems if why and _words(claim.text)]
    if not blocked:
        return page_html

    def mark(match: re.Match) -> str:
        said = _words(html_lib.unescape(strip_tags(match["inner"])))
        if not said or "data-claim-problem" in match["attrs"]:
            return match[0]
        for sentence, claim, why in blocked:
            if said in sentence or sentence in said:
                kind = "forbidden" if claim.severity == "forbidden" else "evidence"
                return (
                    f'<span class="claim"{match["attrs"]} data-claim-problem="{html_lib.escape(why)}" '
                    f'data-claim-problem-kind="{kind}">{match["inner"]}</span>'
                )
        return match[0]

    return CLAIM_SPAN.sub(mark, page_html)


class ClaimProblemsInPreview:
    """Mixin for a page model with `claim_texts()` and `claim_evidence()` (before `Page` in its bases):
    its preview marks the claims the publish check would refuse, for the draft as the editor has it."""

    def serve_preview(self, request, mode_name):
        response = super().serve_preview(request, mode_name)
        if getattr(response, "is_rendered", True) is False:
            response.render()
        if response.status_code == 200 and "text/html" in response.get("Content-Type", ""):
            found = validation.problems(self.claim_texts(), evidence=self.claim_evidence())
            response.content = mark_problems(response.content.decode(response.charset), found)
        return response
