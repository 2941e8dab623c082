"""
The admin's *Privacy requests* page: for a person who asks what the site keeps about
their e-mail address, or asks for it to be erased. It answers for every kind of personal
data the signed-in user may handle (``core.privacy``), and for nothing else.
"""

import datetime

from django import forms
from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import urlencode
from django.views.generic import TemplateView
from wagtail.admin.auth import permission_denied
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from . import privacy


class PrivacyForm(forms.Form):
    email = forms.EmailField(label="E-mail address")


class PrivacyView(WagtailAdminTemplateMixin, TemplateView):
    template_name = "core/admin/privacy.html"
    page_title = "Privacy requests"
    header_icon = "lock"

    def dispatch(self, request, *args, **kwargs):
        if not privacy.may_handle_requests(request.user):
            return permission_denied(request)
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        form = PrivacyForm(self.request.GET or None)
        found = None
        if form.is_valid():
            found = privacy.find(form.cleaned_data["email"], self.request.user)
        context.update(
            form=form,
            found=found,
            total=sum(count for _name, count in found or ()),
            kinds=[source.name for source in privacy.sources(self.request.user)],
        )
        return context

    def post(self, request, *args, **kwargs):
        form = PrivacyForm(request.POST)
        if not form.is_valid():
            messages.error(request, "Enter the e-mail address the request is about.")
            return redirect(reverse("privacy_requests"))
        email = form.cleaned_data["email"]
        again = reverse("privacy_requests") + "?" + urlencode({"email": email})
        action = request.POST.get("action")
        if action == "export":
            response = HttpResponse(
                privacy.export_json(email, request.user), content_type="application/json"
            )
            stamp = datetime.date.today().isoformat()
            response["Content-Disposition"] = f'attachment; filename="personal-data-{stamp}.json"'
            return response
        if action != "erase":
            messages.error(request, "Choose to download or to erase.")
            return redirect(again)
        if request.POST.get("confirm", "").strip().casefold() != email.casefold():
            messages.error(request, "Type the address again in the confirmation box to erase.")
            return redirect(again)
        erased = privacy.erase(email, request.user)
        summary = "; ".join(f"{name}: {count}" for name, count in erased)
        messages.success(request, f"Erased what was kept about {email} ({summary}).")
        return redirect(reverse("privacy_requests"))
