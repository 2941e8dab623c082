"""Admin form widgets."""

from django import forms


class FilteredCheckboxSelectMultiple(forms.CheckboxSelectMultiple):
    """
    Checkboxes with a box that narrows them as the editor types: a list of a few hundred
    topics stays one click per choice, with no ctrl-click list box to get wrong. The
    chosen ones are listed first. Without JavaScript it is a plain list of checkboxes.
    """

    template_name = "core/widgets/filtered_checkboxes.html"

    class Media:
        js = ["newsdesk/js/filtered_checkboxes.js"]
        css = {"all": ["newsdesk/css/filtered_checkboxes.css"]}

    def optgroups(self, name, value, attrs=None):
        groups = super().optgroups(name, value, attrs)
        # Chosen first, then the others, each in the queryset's order.
        return sorted(groups, key=lambda group: not any(o["selected"] for o in group[1]))
