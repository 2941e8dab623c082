from django.core.exceptions import ValidationError
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.blocks import StreamBlockValidationError, StructBlockValidationError

from . import publishing


def _block_error(path, message):
    """Wrap ``message`` in the nested block errors that point the editor at ``path``."""
    error = ValidationError(message)
    for step in reversed(path[1:]):
        error = StructBlockValidationError(block_errors={step: error})
    return StreamBlockValidationError(block_errors={path[0]: error})


class BasePageForm(WagtailAdminPageForm):
    """
    Shows the publish gate's problems on the fields and blocks they concern.

    Runs when the editor asks for anything that leads to publication (publish, schedule,
    submit for review, approve); saving a draft is never blocked.
    """

    def leads_to_publication(self):
        data = self.data
        if data.get("action-publish") or data.get("action-submit"):
            return True
        return bool(data.get("action-workflow-action")) and (
            data.get("workflow-action-name") == "approve"
        )

    def is_valid(self):
        valid = super().is_valid()
        if not valid or not self.leads_to_publication():
            return valid
        problems = publishing.check(self.save(commit=False))
        for problem in problems:
            self._show(problem)
        return not problems

    def _show(self, problem):
        message = str(problem)
        if problem.field in self.formsets:
            formset = self.formsets[problem.field]
            formset._non_form_errors = formset.error_class([*formset.non_form_errors(), message])
            # Make the form invalid even though the formset's own validation ran already.
            self.add_error(None, message)
        elif problem.field in self.fields and problem.block:
            self.add_error(problem.field, _block_error(problem.block, message))
        elif problem.field in self.fields:
            self.add_error(problem.field, message)
        else:
            self.add_error(None, message)
