"""The shopper's forms: checkout (contact, address, shipping method) and writing a review."""

from django import forms

from .catalogue import review_photos
from .catalogue.models import ShippingMethod
from .orders.checkout import Customer
from .orders.lookup import NUMBER_RE, normalise_number
from .us_states import STATES, state_name, zip_in_state


def _required(message: str) -> dict:
    return {"required": message}


class ErrorsTiedToFields(forms.Form):
    """Each field with an error is marked invalid and described by its message (the templates render
    it as `<p id="id_<name>_errors">`) as well as by any hint it already names."""

    UNTIED = ()  # fields whose message the template shows elsewhere

    def full_clean(self):
        super().full_clean()
        for name in self.errors:
            field = self.fields.get(name)
            if field is None or name in self.UNTIED or field.widget.is_hidden:
                continue
            described = " ".join(filter(None, [field.widget.attrs.get("aria-describedby"), f"id_{name}_errors"]))
            field.widget.attrs.update({"aria-invalid": "true", "aria-describedby": described})


class CheckoutForm(ErrorsTiedToFields):
    UNTIED = ("shipping_method",)  # its message is under the fieldset's legend
    email = forms.EmailField(
        label="E-mail", max_length=254, error_messages=_required("Enter your e-mail address."),
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    full_name = forms.CharField(
        label="Full name", max_length=120, error_messages=_required("Enter your full name."),
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    address_line1 = forms.CharField(
        label="Address", max_length=200, error_messages=_required("Enter your street address."),
        widget=forms.TextInput(attrs={"autocomplete": "address-line1"}),
    )
    address_line2 = forms.CharField(
        label="Apartment, suite (optional)", max_length=200, required=False,
        widget=forms.TextInput(attrs={"autocomplete": "address-line2"}),
    )
    city = forms.CharField(
        label="City", max_length=100, error_messages=_required("Enter your city."),
        widget=forms.TextInput(attrs={"autocomplete": "address-level2"}),
    )
    region = forms.ChoiceField(
        label="State", choices=[("", "Choose a state")] + list(STATES.items()),
        error_messages={"required": "Choose your state.", "invalid_choice": "Choose your state from the list."},
        widget=forms.Select(attrs={"autocomplete": "address-level1"}),
    )
    postal_code = forms.RegexField(
        label="ZIP code", regex=r"^\d{5}(-\d{4})?$", max_length=10,
        error_messages={"required": "Enter your ZIP code.", "invalid": "Enter a ZIP code such as 10001 or 10001-1234."},
        widget=forms.TextInput(attrs={"autocomplete": "postal-code", "inputmode": "numeric"}),
    )
    shipping_method = forms.ModelChoiceField(
        label="Shipping", queryset=ShippingMethod.objects.filter(active=True), widget=forms.RadioSelect, empty_label=None,
        error_messages={"required": "Choose a shipping method.", "invalid_choice": "Choose a shipping method from the list."},
    )
    checkout_key = forms.CharField(
        widget=forms.HiddenInput, max_length=64,
        error_messages={"required": "This checkout page has run out. Please reload it and try again."},
    )

    def clean(self):
        data = super().clean()
        state, postal_code = data.get("region"), data.get("postal_code")
        if state and postal_code and not zip_in_state(postal_code, state):
            self.add_error("postal_code", f"ZIP code {postal_code} is not in {state_name(state)}.")
        return data

    def has_field_errors(self) -> bool:
        """Whether a field (not the form as a whole) has an error: what the error summary lists."""
        return any(name != forms.forms.NON_FIELD_ERRORS for name in self.errors)


    def customer(self) -> Customer:
        data = self.cleaned_data
        return Customer(
            email=data["email"],
            full_name=data["full_name"],
            address_line1=data["address_line1"],
            address_line2=data["address_line2"],
            city=data["city"],
            region=data["region"],
            postal_code=data["postal_code"],
            country="US",
        )


class MultiplePhotoInput(forms.FileInput):
    allow_multiple_selected = True


class ReviewPhotosField(forms.FileField):
    """Up to three photos, each checked and re-encoded (catalogue/review_photos.py); cleans to a list of
    EncodedPhoto."""

    widget = MultiplePhotoInput

    def __init__(self, **kwargs):
        kwargs.setdefault("required", False)
        super().__init__(**kwargs)
        self.widget.attrs.update({"multiple": True, "accept": review_photos.ACCEPT_ATTRIBUTE, "aria-describedby": "id_photos_hint"})

    def clean(self, data, initial=None):
        files = [f for f in (data if isinstance(data, (list, tuple)) else [data]) if f]
        try:
            return review_photos.prepare_uploads(files)
        except review_photos.PhotoRejected as error:
            raise forms.ValidationError(str(error)) from None


class ReviewForm(ErrorsTiedToFields):
    rating = forms.TypedChoiceField(
        label="Rating", coerce=int, choices=[(n, f"{n} star{'s' if n > 1 else ''}") for n in range(5, 0, -1)], widget=forms.RadioSelect
    )
    title = forms.CharField(label="Title", max_length=120)
    body = forms.CharField(label="Your review", max_length=4000, widget=forms.Textarea(attrs={"rows": 5}))
    author_name = forms.CharField(label="Name shown with the review", max_length=80, widget=forms.TextInput(attrs={"autocomplete": "nickname"}))
    email = forms.EmailField(label="E-mail (not shown)", max_length=254, widget=forms.EmailInput(attrs={"autocomplete": "email"}))
    photos = ReviewPhotosField(label="Photos (optional)")
    website = forms.CharField(label="Leave this field empty", required=False, widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}))


class VerifiedReviewForm(ReviewForm):
    """A review written through an order line's review link: the order gives the e-mail, and the
    private link keeps robots out, so no e-mail field and no honeypot."""

    email = None
    website = None


# Find my order (shop/orders/lookup.py).
class FindOrderForm(ErrorsTiedToFields):
    email = forms.EmailField(
        label="E-mail", max_length=254,
        error_messages={"required": "Enter the e-mail address you ordered with.", "invalid": "Enter an e-mail address such as name@example.com."},
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    number = forms.CharField(
        label="Order number", max_length=40, error_messages=_required("Enter your order number."),
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false", "autocapitalize": "characters", "aria-describedby": "id_number_hint"}),
    )

    def clean_number(self):
        number = self.cleaned_data["number"]
        if not NUMBER_RE.fullmatch(normalise_number(number)):
            raise forms.ValidationError("Enter the order number as it is in your e-mail, such as CR-7K2M9QXP.")
        return number

