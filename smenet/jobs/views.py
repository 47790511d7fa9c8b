"""The job page: progress (refreshed every two seconds by the page itself, no script needed)
and, once finished, the message, the errors and the result to download."""

from __future__ import annotations

import os

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404
from django.shortcuts import render

from smenet.web.errors import domain_pages

from . import selectors


@login_required
@domain_pages("jobs/error.html")
def job_detail(request, pk: int):
    job = selectors.job_get_for_user(user=request.user, pk=pk)
    return render(
        request,
        "jobs/detail.html",
        {
            "job": job,
            "title": selectors.job_title(job),
            "refresh": not job.is_finished,
            "retention_days": settings.SMENET_JOB_FILES_DAYS,
        },
    )


@login_required
@domain_pages("jobs/error.html")
def job_result(request, pk: int):
    job = selectors.job_get_for_user(user=request.user, pk=pk)
    if not job.result:
        raise Http404
    try:
        handle = job.result.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    return FileResponse(
        handle,
        as_attachment=True,
        filename=job.result_name or os.path.basename(job.result.name or ""),
        content_type=job.result_type or "application/octet-stream",
    )
