from wagtail import hooks

from .workflows import SIGN_OFF_ACTION


@hooks.register("register_log_actions")
def register_medical_review_actions(actions):
    actions.register_action(
        SIGN_OFF_ACTION,
        "Medical review: sign off",
        "Credited the medical reviewer on the approved draft",
    )
