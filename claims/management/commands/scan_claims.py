import json
import sys

from django.core.management.base import BaseCommand, CommandError

from claims import learned, ruleset


class Command(BaseCommand):
    help = (
        "Scan text for health claims: one passage per input line, one JSON object per line out. "
        "One reading serves articles, product copy and reviews: the rules and the sentence classifier."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="A UTF-8 text file, or - for standard input.")
        parser.add_argument("--rules-only", action="store_true", help="Leave the sentence classifier out.")

    def handle(self, *args, file, rules_only, **options):
        try:
            if file == "-":
                data = sys.stdin.buffer.read()
            else:
                with open(file, "rb") as handle:
                    data = handle.read()
        except OSError as error:
            raise CommandError(f"Cannot read {file}: {error.strerror or error}.") from None
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError as error:
            raise CommandError(f"{file} is not valid UTF-8 (byte {error.start}).") from None
        out = self.stdout
        lines = text.splitlines()
        model = None if rules_only else learned.classifier()
        if model is not None:
            learned.prepare(lines)  # one batch through the encoder rather than one call per line
        compiled, _ = ruleset.current()
        for number, line in enumerate(lines, start=1):
            claims = [
                {
                    "start": claim.start,
                    "end": claim.end,
                    "text": claim.text,
                    "category": claim.category,
                    "severity": claim.severity,
                    "disclaimer": claim.disclaimer,
                    "found_by": "classifier" if claim.rule_ids == ("classifier",) else "rules",
                }
                for claim in compiled.scan(line, classifier=model)
            ]
            out.write(json.dumps({"line": number, "claims": claims}, ensure_ascii=False))
