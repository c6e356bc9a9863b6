import json
import sys

from django.core.management.base import BaseCommand, CommandError

from claims import ruleset


class Command(BaseCommand):
    help = "Scan text for health claims: one passage per input line, one JSON object per line out."

    def add_arguments(self, parser):
        parser.add_argument("file", help="A UTF-8 text file, or - for standard input.")
        parser.add_argument("--context", default="article", choices=["article", "product", "review"])

    def handle(self, *args, file, context, **options):
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
        for number, line in enumerate(text.splitlines(), start=1):
            claims = [
                {
                    "start": claim.start,
                    "end": claim.end,
                    "text": claim.text,
                    "category": claim.category,
                    "severity": claim.severity,
                    "disclaimer": claim.disclaimer,
                }
                for claim in ruleset.scan(line, context=context)
            ]
            out.write(json.dumps({"line": number, "claims": claims}, ensure_ascii=False))
