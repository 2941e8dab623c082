"""Error-level findings are publish rules: the publish gate refuses a story that has one."""

from django.core.checks import ERROR

from newsdesk.core.models import BasePage
from newsdesk.core.publishing import Problem, publish_rule

from . import base
from .text import Copy


@publish_rule(BasePage)
def no_error_findings(page):
    for finding in base.run(Copy.from_page(page), level=ERROR):
        yield Problem(
            finding.id,
            finding.msg,
            finding.hint or "",
            field=finding.field,
            block=finding.block,
        )
