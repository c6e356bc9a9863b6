"""Editor checks: what blocks publishing and what is only a warning."""

from __future__ import annotations

import html as html_lib
from collections.abc import Mapping
from dataclasses import dataclass
from dataclasses import field as default

from django.core.exceptions import ValidationError
from django.template.defaultfilters import pluralize
from django.utils.html import strip_tags
from django.utils.safestring import mark_safe
from django.utils.text import Truncator

from . import labels, ruleset
from .engine import placeholders, skipped_rules
from .engine.placeholders import Reference


@dataclass(frozen=True)
class Evidence:
    """What the edited content offers in support of its claims.

    `references`: the numbers of its reference list (None when not known: any citation marker counts;
    an empty set when it has none, as a product description). `verified`: the wording its verification
    records cover. `cited_as`: the reference entries by number, for the disclaimers' `{citation}`.
    """

    references: frozenset[int] | None = None
    verified: tuple[str, ...] = ()
    cited_as: Mapping[int, Reference] = default(default_factory=dict)  # how a disclaimer names each reference


def plain_text(rich_html: str) -> str:
    return html_lib.unescape(strip_tags(rich_html.replace("</p>", "</p>\n").replace("<br/>", "\n").replace("<br>", "\n")))


def _scanned(texts, context: str):
    for item in texts:
        text, options = item if isinstance(item, tuple) else (item, {})
        options = {"context": context, **options}
        for claim in ruleset.scan(text or "", **options):
            yield claim, options["context"]


def findings(texts, *, context: str = "article") -> list:
    """Claims in each text; an item may be (text, options) to pass scan options such as nonhuman_refs or context."""
    return [claim for claim, _ in _scanned(texts, context)]


def problems(texts, *, context: str = "article", evidence: Evidence = Evidence()) -> list[tuple]:
    """(claim, why it may not be published, or "") for each claim. Reviews are customers' words: never blocked."""
    return [
        (claim, "" if claim_context == "review" else claim.publishing_problem(references=evidence.references, verified=evidence.verified))
        for claim, claim_context in _scanned(texts, context)
    ]


def blocking_messages(texts, *, context: str = "article", evidence: Evidence = Evidence()) -> list[str]:
    """One message per claim that must not be published, naming the sentence; and one per rule that ran
    over its time budget here, since the text was then not checked against it (the check fails closed)."""
    with skipped_rules() as skipped:
        messages = [
            f"{problem}: “{Truncator(claim.text.strip()).chars(160)}”"
            for claim, problem in problems(texts, context=context, evidence=evidence)
            if problem
        ]
    messages += [f"Claim rule “{rule_id}” was too slow to check this text; ask whoever edits claim rules to fix it" for rule_id in skipped]
    return messages


@dataclass(frozen=True)
class Source:
    """One text the claim checks read, and where the editor finds it.

    `where`: words for the editor ("Title", "Body, block 3 (paragraph)"); `field`: the form field;
    `block`: the StreamField block's index (and `block_id` its id) when the text is one block's;
    `options`: scan options (context, nonhuman_refs, heading: a title or heading only naming its topic
    is not a claim); `shows_disclaimer`: whether a reader sees the claim's disclaimer next to it.
    """

    where: str
    text: str
    field: str = ""
    block: int | None = None
    block_id: str = ""
    options: dict = default(default_factory=dict)
    shows_disclaimer: bool = True


@dataclass(frozen=True)
class Finding:
    """One claim sentence in one source: what the editor reads about it in the panel and in errors."""

    source: Source
    claim: object  # engine.Claim
    problem: str  # why it may not be published, or ""
    labels: tuple[tuple[str, str], ...]  # (label, words) for each wording found, problems first
    problem_words: tuple[str, ...]
    disclaimer: str  # the disclaimer's text as a reader sees it (HTML, placeholders filled), or ""
    cited: bool
    verified: bool

    @property
    def label(self) -> str:
        return labels.claim_label(self.claim)

    def message(self) -> str:
        """“sentence”: each problem wording with its label (a refused publish, on the block and at the top)."""
        named = "; ".join(f"{label} (“{words}”)" for label, words in self.labels if words in self.problem_words)
        return f"{named or self.problem}: “{Truncator(self.claim.text.strip()).chars(160)}”"


@dataclass
class Report:
    findings: list[Finding]
    skipped_rules: list[str]

    @property
    def blocking(self) -> list[Finding]:
        return [finding for finding in self.findings if finding.problem]


def report(sources, *, context: str = "article", evidence: Evidence = Evidence()) -> Report:
    """Every claim in the sources, with its labels, its problem and the disclaimer a reader sees."""
    _, texts = ruleset.current()
    with skipped_rules() as skipped:
        findings = []
        for source in sources:
            options = {"context": context, **source.options}
            for claim in ruleset.scan(source.text or "", **options):
                review = options["context"] == "review"
                problem = "" if review else claim.publishing_problem(references=evidence.references, verified=evidence.verified)
                blocking = () if review else claim.problem_phrases(references=evidence.references, verified=evidence.verified)
                found = sorted(claim.phrases, key=lambda phrase: phrase not in blocking)
                findings.append(
                    Finding(
                        source=source,
                        claim=claim,
                        problem=problem,
                        labels=tuple((labels.phrase_label(*phrase), phrase[2]) for phrase in found)
                        or ((labels.claim_label(claim), ""),),
                        problem_words=tuple(words for _, _, words in blocking),
                        disclaimer=_disclaimer(claim, texts, evidence) if source.shows_disclaimer else "",
                        cited=claim.is_cited(evidence.references),
                        verified=bool(claim.needs_evidence()) and claim.is_verified_by(evidence.verified),
                    )
                )
    return Report(findings=findings, skipped_rules=list(skipped))


def _disclaimer(claim, texts: dict, evidence: Evidence) -> str:
    template = texts.get(claim.disclaimer, "")
    if not template:
        return ""
    cited = [evidence.cited_as[n] for n in placeholders.markers(claim.text) if n in evidence.cited_as]
    return mark_safe(placeholders.fill(template, condition_names=placeholders.conditions(claim.text), references=cited))


def publish_errors(
    report_: Report, *, verb: str = "publish", block_messages: Mapping[str, Mapping[int, list[str]]] | None = None
) -> tuple[list[str], dict[str, dict[int, ValidationError]], dict[str, list[str]]]:
    """What a refused publish shows: messages for the summary at the top, one error for each StreamField
    block holding a problem ({field: {block index: error}}) and messages for each other field.
    `block_messages`: other problems of single blocks ({field: {index: [message]}}), e.g. a citation
    marker naming no reference."""
    summary, blocks, fields = [], {}, {}
    for name, by_block in (block_messages or {}).items():
        for position, messages in by_block.items():
            blocks.setdefault(name, {}).setdefault(position, []).extend(messages)
            summary += [f"{message} (body, block {position + 1})" for message in messages]
    for finding in report_.blocking:
        summary.append(f"Cannot {verb}: {finding.problem}: “{Truncator(finding.claim.text.strip()).chars(160)}” ({finding.source.where})")
        if finding.source.block is not None:
            blocks.setdefault(finding.source.field, {}).setdefault(finding.source.block, []).append(finding.message())
        elif finding.source.field:
            fields.setdefault(finding.source.field, []).append(finding.message())
    summary += [
        f"Claim rule “{rule_id}” was too slow to check this text; ask whoever edits claim rules to fix it"
        for rule_id in report_.skipped_rules
    ]
    errors = {name: {i: ValidationError(" ".join(m)) for i, m in by_block.items()} for name, by_block in blocks.items() if by_block}
    return summary, errors, fields


PARTICIPLES = {"publish": "published", "save": "saved"}


def add_publish_errors(form, report_: Report, *, verb: str = "publish", block_messages=None) -> None:
    """Put a refused publish on the form: the summary at the top (non-field errors), the error on each
    offending StreamField block (Wagtail's StreamBlockValidationError) and on each other field."""
    from wagtail.blocks import StreamBlockValidationError

    summary, blocks, fields = publish_errors(report_, verb=verb, block_messages=block_messages)
    for message in summary:
        form.add_error(None, message)
    for name, block_errors in blocks.items():
        error = StreamBlockValidationError(block_errors=block_errors)
        marked = len(block_errors)
        error.message = f"{marked} block{pluralize(marked)} marked below cannot be {PARTICIPLES.get(verb, verb)} as {pluralize(marked, 'it is,they are')}."
        form.add_error(name, error)
    for name, messages in fields.items():
        for message in messages:
            form.add_error(name if name in form.fields else None, message)
