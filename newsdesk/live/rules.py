"""
The publish gate's rules for live updates: an update is published the moment it is
posted, so its pictures need the same credit, licence and alt text a story's do.
"""

from django.core.checks import ERROR

from newsdesk.checks import base
from newsdesk.checks.text import Copy
from newsdesk.core.publishing import Problem, publish_rule
from newsdesk.images.uses import image_uses

from .models import LiveUpdate


@publish_rule(LiveUpdate)
def pictures_credited(update):
    story = Copy(image_uses=list(image_uses(update)), page=update)
    for finding in base.run(story, level=ERROR, family="images"):
        yield Problem(
            finding.id, finding.msg, finding.hint or "", field=finding.field, block=finding.block
        )
