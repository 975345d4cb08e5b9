"""Each agency configures its publication channels (公开办 / 系统管理员): thin views over services."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from xxgk.accounts import policy
from xxgk.errors import DomainError
from xxgk.publications import services
from xxgk.publications.models import Channel, ChannelKind


class ChannelForm(forms.Form):
    name = forms.CharField(label="渠道名称", max_length=100)
    kind = forms.ChoiceField(label="渠道类型", choices=ChannelKind.choices)
    url = forms.URLField(label="网址（可选）", required=False, assume_scheme="https")


def _agency(request: HttpRequest, code: str):  # type: ignore[no-untyped-def]
    return get_object_or_404(
        policy.visible_agencies(request.user, policy.Action.MANAGE_CHANNELS), code=code
    )


@login_required
def channels(request: HttpRequest, code: str) -> HttpResponse:
    """List and add the agency's channels. Templates: publications/channels.html"""
    agency = _agency(request, code)
    form = ChannelForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.create_channel(agency, actor=request.user, **form.cleaned_data)
        except DomainError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, "渠道已添加。")
            return redirect("publications:channels", code=agency.code)
    return render(
        request,
        "publications/channels.html",
        {"agency": agency, "channels": Channel.objects.filter(agency=agency), "form": form},
    )


@login_required
@require_POST
def toggle_channel(request: HttpRequest, code: str, pk: int) -> HttpResponse:
    agency = _agency(request, code)
    channel = get_object_or_404(Channel, agency=agency, pk=pk)
    try:
        services.set_channel_active(channel, actor=request.user, active=not channel.is_active)
    except DomainError as exc:
        messages.error(request, exc.message)
    return redirect("publications:channels", code=agency.code)
