"""The image rights report: what each picture may be used for, and where it is used."""

from collections import defaultdict

import django_filters
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.db.models import Count
from django.http import JsonResponse
from django.views.decorators.http import require_POST
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.views.reports import ReportView
from wagtail.models import Page, ReferenceIndex
from wagtail.permissions import policy_registry

from newsdesk.core.exports import SafeSpreadsheetExportMixin
from newsdesk.core.models import NewsroomSettings

from . import licences, metadata
from .models import NewsImage

PROBLEM_CHOICES = [
    ("missing", "Missing what the licence requires"),
    ("alt", "No alt text"),
    ("unlicensed", "No licence"),
    ("noncommercial", "Non-commercial only"),
    ("no_derivatives", "Never cropped (no derivatives)"),
]


class RightsFilterSet(WagtailFilterSet):
    licence = django_filters.ChoiceFilter(choices=licences.CHOICES, label="Licence")
    problem = django_filters.ChoiceFilter(
        choices=PROBLEM_CHOICES, label="Show", method="filter_problem"
    )

    class Meta:
        model = NewsImage
        fields = ["licence", "problem"]

    def filter_problem(self, queryset, name, value):
        if value == "alt":
            return queryset.filter(description="")
        if value == "unlicensed":
            return queryset.filter(licence="")
        if value == "noncommercial":
            codes = [
                code for code, lic in licences.LICENCES.items() if not lic.allows_commercial_use
            ]
            return queryset.filter(licence__in=codes)
        if value == "no_derivatives":
            codes = [code for code, lic in licences.LICENCES.items() if not lic.allows_derivatives]
            return queryset.filter(licence__in=codes)
        if value == "missing":
            return queryset.filter(
                pk__in=[image.pk for image in queryset if image.missing_rights()]
            )
        return queryset


class RightsReportView(SafeSpreadsheetExportMixin, ReportView):
    """
    Every picture with its licence, credit, what it lacks, and the pages that use it.
    Open to anyone who may edit images; the counts by licence head the list.
    """

    page_title = "Image rights"
    header_icon = "image"
    results_template_name = "images/rights_report_results.html"
    index_url_name = "newsdesk_image_rights"
    index_results_url_name = "newsdesk_image_rights_results"
    filterset_class = RightsFilterSet
    any_permission_required = ["add", "change"]
    paginate_by = 50
    list_export = ["title", "get_licence_display", "attribution", "copyright_notice", "source_url"]
    export_headings = {
        "title": "Title",
        "get_licence_display": "Licence",
        "attribution": "Credit",
        "copyright_notice": "Copyright notice",
        "source_url": "Source URL",
    }

    @property
    def permission_policy(self):
        return policy_registry.get_by_type(NewsImage)

    def get_queryset(self):
        return NewsImage.objects.order_by("-created_at", "-pk")

    def decorate_paginated_queryset(self, images):
        images = list(images)
        usage = _usage([image.pk for image in images])
        commercial = NewsroomSettings.for_request(self.request).commercial
        for image in images:
            image.used_in = usage.get(image.pk, [])
            image.missing = image.missing_rights()
            image.warnings = image.rights_warnings(commercial=commercial)
        return images

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        counts = dict(
            NewsImage.objects.values_list("licence")
            .annotate(n=Count("pk"))
            .values_list("licence", "n")
        )
        context["by_licence"] = [
            (licences.LICENCES[code].name if code else "No licence", n)
            for code, n in sorted(counts.items(), key=lambda item: -item[1])
        ]
        context["uncredited"] = NewsImage.objects.lacking_rights().count()
        return context


def _usage(image_ids):
    """{image id: [page, …]} from Wagtail's reference index, in one query per kind."""
    if not image_ids:
        return {}
    references = ReferenceIndex.objects.filter(
        to_content_type=ContentType.objects.get_for_model(NewsImage),
        to_object_id__in=[str(pk) for pk in image_ids],
        base_content_type=ContentType.objects.get_for_model(Page),
    ).values_list("to_object_id", "object_id")
    page_ids = defaultdict(set)
    for image_id, page_id in references:
        page_ids[int(image_id)].add(int(page_id))
    pages = Page.objects.in_bulk({pk for ids in page_ids.values() for pk in ids})
    return {
        image_id: sorted((pages[pk] for pk in ids if pk in pages), key=lambda page: page.title)
        for image_id, ids in page_ids.items()
    }


# What the upload form is told a file's embedded metadata says, before anything is saved.
RIGHTS_LABELS = {
    "creator": "Creator",
    "credit_line": "Credit",
    "source_name": "Source",
    "copyright_notice": "Copyright",
    "default_caption": "Caption",
    "work_title": "Title of the work",
    "description": "Alt text",
}


@require_POST
def read_file_rights(request):
    """
    The rights a chosen file carries in its IPTC, XMP or EXIF metadata, read before the
    upload is saved so that the editor sees and confirms them in the form. Nothing is
    stored: the same reading happens again when the picture is saved.
    """
    policy = policy_registry.get_by_type(NewsImage)
    if not policy.user_has_permission(request.user, "add"):
        raise PermissionDenied
    upload = request.FILES.get("file")
    if upload is None:
        return JsonResponse({"error": "Choose a picture file."}, status=400)
    found = metadata.read_rights(upload.read())
    fields = {name: found[name][:500] for name in RIGHTS_LABELS if found.get(name)}
    licence = licences.from_url(found.get("licence_url", ""))
    if licence is not None:
        fields["licence"] = licence.code
    read = [(RIGHTS_LABELS[name], value) for name, value in fields.items() if name in RIGHTS_LABELS]
    if licence is not None:
        read.append(("Licence", licence.name))
    return JsonResponse({"fields": fields, "read": read})
