"""Screens of background jobs: start a batch check, watch any job's progress (polled fragment)."""

from __future__ import annotations

import uuid
from pathlib import PurePosixPath

from django import forms
from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.core.files.storage import default_storage
from django.db.models import Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render

from xxgk.accounts import policy
from xxgk.errors import DomainError
from xxgk.jobs import services
from xxgk.jobs.models import Job

Action = policy.Action
MAX_FILES = 200


def visible_jobs(request: HttpRequest):  # noqa: ANN201 — a QuerySet[Job]
    """Jobs the user started, or of an agency whose reports the user may see."""
    agencies = policy.visible_agencies(request.user, Action.VIEW_REPORTS)
    return Job.objects.filter(Q(created_by=request.user) | Q(agency__in=agencies))


@login_required
def detail(request: HttpRequest, pk: int) -> HttpResponse:
    """The job's page; its progress block refreshes itself until the job has finished.

    Templates: jobs/detail.html (includes jobs/_progress.html)
    """
    job = get_object_or_404(visible_jobs(request).select_related("agency"), pk=pk)
    return render(request, "jobs/detail.html", {"job": job})


@login_required
def progress(request: HttpRequest, pk: int) -> HttpResponse:
    """The progress fragment polled by xxgk/static/xxgk/jobs.js (one small query).

    Templates: jobs/_progress.html
    """
    job = get_object_or_404(visible_jobs(request), pk=pk)
    return render(request, "jobs/_progress.html", {"job": job})


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files in one field (Django's documented pattern for <input multiple>)."""

    def __init__(self, *args: object, **kwargs: object) -> None:
        kwargs.setdefault("widget", MultipleFileInput())
        super().__init__(*args, **kwargs)

    def clean(self, data: object, initial: object = None) -> object:
        single = super().clean
        if isinstance(data, list | tuple):
            return [single(d, initial) for d in data]
        return [single(data, initial)]


class CheckFilesForm(forms.Form):
    agency = forms.ModelChoiceField(queryset=None, label="所属机关", empty_label=None)
    files = MultipleFileField(label="年度报告文件（可多选；也可上传 zip 压缩包）")

    def __init__(self, *args: object, agencies: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self.fields["agency"].queryset = agencies


@login_required
def check_files(request: HttpRequest) -> HttpResponse:
    """Upload published reports (files or a zip) and check them all in the background.

    Templates: jobs/check_files.html
    """
    agencies = policy.visible_agencies(request.user, Action.VIEW_REPORTS)
    form = CheckFilesForm(request.POST or None, request.FILES or None, agencies=agencies)
    if request.method == "POST" and form.is_valid():
        uploads = form.cleaned_data["files"]
        if len(uploads) > MAX_FILES:
            form.add_error("files", f"一次最多上传{MAX_FILES}个文件，请分批上传或打包为 zip。")
        else:
            limit = settings.REPORT_MAX_MB * 1024 * 1024
            folder = f"jobs/uploads/{uuid.uuid4().hex}"
            paths, names = [], []
            for upload in uploads:
                if upload.size > limit and not upload.name.lower().endswith(".zip"):
                    form.add_error(
                        "files", f"{upload.name}过大，超过上限 {settings.REPORT_MAX_MB} MB。"
                    )
                    break
                name = PurePosixPath(upload.name).name
                paths.append(default_storage.save(f"{folder}/{len(paths)}-{name}", upload))
                names.append(name)
            else:
                try:
                    job = services.start_job(
                        "check_files",
                        actor=request.user,
                        agency=form.cleaned_data["agency"],
                        params={"paths": paths, "names": names},
                        title=f"批量校验{len(names)}个上传文件",
                    )
                except DomainError as exc:
                    form.add_error(None, exc.message)
                else:
                    return redirect(job)
    recent = visible_jobs(request).select_related("agency")[:20]
    return render(request, "jobs/check_files.html", {"form": form, "recent": recent})
