"""Disclaimers gain a one-line short form, and the default texts name the claim's condition and citation.

Texts are frozen here (not imported from claims.engine.defaults, which will change again). Only rows
still equal to the old default text are rewritten; a text an editor has changed is left alone. A short
form is filled in only where it is empty.
"""

from django.db import migrations, models

OLD_TEXTS = {
    "cure": (
        "No light-therapy device has been shown to cure or reverse any disease. This is not medical "
        "advice; keep following your clinician's treatment plan."
    ),
    "nonhuman_study": (
        "This finding comes from animal or laboratory research. It has not been shown to happen in "
        "people, and it is not evidence that our devices help any condition."
    ),
    "study_result": (
        "Result from a study: see the reference for its design and size. It used a specific device and "
        "protocol in a specific group of people; your results may differ."
    ),
    "authority": (
        "FDA clearance (510(k)) means FDA found a device substantially equivalent to one already sold for"
        " its cleared use. It is not FDA approval and does not cover other uses."
    ),
    "disease": (
        "Red and near-infrared light is not an established treatment for this condition; the research is "
        "limited and mixed. Our devices are not cleared or approved to diagnose, treat, cure or prevent "
        "any disease. Keep following your clinician's treatment plan."
    ),
}

NEW_TEXTS = {
    "cure": (
        "No light-therapy device has been shown to cure or reverse {condition|any disease}. This is not "
        "medical advice; keep following your clinician's treatment plan."
    ),
    "nonhuman_study": (
        "This finding comes from animal or laboratory research ({citation|no reference is given}). It has"
        " not been shown to happen in people, and it is not evidence that our devices help {condition|any"
        " condition}."
    ),
    "study_result": (
        "Result from one study ({citation|see the references for its design and size}). It used a "
        "specific device and protocol in a specific group of people; your results may differ."
    ),
    "authority": (
        "FDA clearance (510(k)) means FDA found a device substantially equivalent to one already sold for"
        " its cleared use. It is not FDA approval and does not cover other uses such as "
        "{condition|treating a disease}."
    ),
    "disease": (
        "Red and near-infrared light is not an established treatment for {condition|this condition}; the "
        "research is limited and mixed. Our devices are not cleared or approved to diagnose, treat, cure "
        "or prevent {condition|it} or any other disease. Keep following your clinician's treatment plan."
    ),
}

SHORT_TEXTS = {
    "cure": (
        "No light device has been shown to cure or reverse {condition|any disease}."
    ),
    "urgency": (
        "Don't delay, stop or replace medical care because of this page."
    ),
    "testimonial": (
        "One customer's experience, not evidence of what most buyers get."
    ),
    "nonhuman_study": (
        "Animal or laboratory finding ({citation|no reference given}), not shown in people."
    ),
    "study_result": (
        "Result from one study ({citation|see the references}); your results may differ."
    ),
    "authority": (
        "FDA clearance is not FDA approval and covers only the cleared use."
    ),
    "disease": (
        "Not an established treatment for {condition|this condition}; keep to your clinician's plan."
    ),
    "safety": (
        "Light and heat devices can burn skin and harm eyes; read the safety instructions."
    ),
    "structure_function": (
        "Effects reported in research; results vary. Not medical advice."
    ),
}


def forwards(apps, schema_editor):
    Disclaimer = apps.get_model("claims", "Disclaimer")
    for key, old in OLD_TEXTS.items():
        Disclaimer.objects.filter(key=key, text=old).update(text=NEW_TEXTS[key])
    for key, short in SHORT_TEXTS.items():
        Disclaimer.objects.filter(key=key, short_text="").update(short_text=short)


def backwards(apps, schema_editor):
    Disclaimer = apps.get_model("claims", "Disclaimer")
    for key, new in NEW_TEXTS.items():
        Disclaimer.objects.filter(key=key, text=new).update(text=OLD_TEXTS[key])


class Migration(migrations.Migration):
    dependencies = [("claims", "0002_default_rules")]

    operations = [
        migrations.AddField(
            model_name="disclaimer",
            name="short_text",
            field=models.CharField(
                blank=True,
                help_text=(
                    "One line shown instead of the full text when the same note was already shown in full "
                    "earlier in the section; the full text stays one click away. Must still say the essential "
                    "point. Empty: always the full text. Same placeholders."
                ),
                max_length=200,
                verbose_name="short form",
            ),
        ),
        migrations.AlterField(
            model_name="disclaimer",
            name="text",
            field=models.TextField(
                help_text=(
                    "Shown in the note right after every paragraph that makes a matching claim. {condition} "
                    "becomes the condition the claim names and {citation} the reference it cites; a fallback "
                    "may follow a bar, e.g. {condition|any disease}."
                )
            ),
        ),
        migrations.RunPython(forwards, backwards),
    ]
