"""Public JSON API: published items, online applications, tracking. Thin: services only.

No response ever carries an applicant's personal data: the output serializers list the
fields, and `public_status` (case desk) already leaves them out.
"""

from __future__ import annotations

from django.db.models import Q
from django.utils import timezone

from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import status
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from xxgk.agencies.models import Agency
from xxgk.api.serializers import (
    ApplicationIn,
    ApplicationOut,
    PublicationPage,
    TrackOut,
)
from xxgk.api.throttles import ApplicationThrottle, TrackThrottle
from xxgk.applications.models import Application, Channel
from xxgk.applications.services import find_by_tracking_code, public_status, submit_application
from xxgk.errors import DomainError
from xxgk.portal import finder

PER_PAGE = 20


class PublicationList(APIView):
    @extend_schema(
        summary="检索已发布的主动公开信息",
        parameters=[
            OpenApiParameter("agency", str, description="机关网址代码或全称"),
            OpenApiParameter("q", str, description="关键词（两个或更多汉字走索引）"),
            OpenApiParameter("category", int, description="主题分类编号"),
            OpenApiParameter("year", int, description="年份"),
            OpenApiParameter("validity", str, description="valid / expired / repealed"),
            OpenApiParameter("page", int, description="页码"),
        ],
        responses={200: PublicationPage},
    )
    def get(self, request: Request) -> Response:
        filters, errors = finder.parse(request.query_params.dict())
        if errors:
            return Response(errors, status=status.HTTP_400_BAD_REQUEST)
        page = finder.public_search(filters, per_page=PER_PAGE)
        names = dict(
            Agency.objects.filter(id__in={h.agency_id for h in page.hits}).values_list("id", "name")
        )
        results = [
            {
                "id": int(h.key.split(":", 1)[1]) if h.key.startswith(finder.KEY_PREFIX) else None,
                "index_number": h.index_number,
                "title": h.title,
                "agency": names.get(h.agency_id, ""),
                "category": h.category,
                "category_id": h.category_id,
                "item_code": h.item_code,
                "year": h.year,
                "validity": h.validity,
                "published_at": h.published_at,
                "url": request.build_absolute_uri(h.url),
                "snippet_html": str(h.snippet_html),
            }
            for h in page.hits
        ]
        body = {
            "count": page.total,
            "page": page.page,
            "num_pages": page.num_pages,
            "results": results,
        }
        return Response(PublicationPage(body).data)


def _out(application: Application) -> dict[str, object]:
    s = public_status(application)
    return {
        "agency": s["agency"],
        "case_number": s["case_number"],
        "tracking_code": application.tracking_code,
        "received_on": s["received_on"],
        "due": s["due_date"],
        "due_explanation": s["due_explanation"],
    }


class ApplicationCreate(APIView):
    throttle_classes = [ApplicationThrottle]

    @extend_schema(
        summary="提交政府信息公开申请",
        parameters=[
            OpenApiParameter(
                "Idempotency-Key",
                str,
                OpenApiParameter.HEADER,
                description=(
                    "同一标识以相同内容重复提交只会得到同一件申请（同样返回201）；"
                    "同一标识用于不同内容时返回422（最多96个字符）"
                ),
            )
        ],
        request=ApplicationIn,
        responses={201: ApplicationOut},
    )
    def post(self, request: Request) -> Response:
        serializer = ApplicationIn(data=request.data)
        if not serializer.is_valid():
            return Response(serializer.errors, status=status.HTTP_400_BAD_REQUEST)
        ref = serializer.validated_data["agency"].strip()
        agency = Agency.objects.active().filter(Q(code=ref) | Q(name=ref)).first()
        if agency is None:
            return Response({"agency": ["没有这个机关：请填写机关全称或网址代码。"]}, status=400)
        raw_key = (request.headers.get("Idempotency-Key") or "").strip()
        if len(raw_key) > 96:
            return Response({"Idempotency-Key": ["提交标识过长（最多96个字符）。"]}, status=400)
        key = f"api:{raw_key}" if raw_key else None
        try:
            application = submit_application(
                agency=agency,
                actor=None,
                channel=Channel.ONLINE,
                received_on=timezone.localdate(),
                applicant=serializer.applicant(),
                request=serializer.request_data(),
                idempotency_key=key,
            )
        except DomainError as exc:
            if exc.code == "idempotency_conflict":
                return Response({"Idempotency-Key": [exc.message]}, status=422)
            return Response({"non_field_errors": [exc.message]}, status=400)
        # A replay of the same body answers exactly as the first request did (201).
        return Response(ApplicationOut(_out(application)).data, status=status.HTTP_201_CREATED)


class ApplicationTrack(APIView):
    throttle_classes = [TrackThrottle]

    @extend_schema(
        summary="凭查询码查询办理进度",
        parameters=[OpenApiParameter("code", str, required=True, description="回执上的查询码")],
        responses={200: TrackOut},
    )
    def get(self, request: Request) -> Response:
        application = find_by_tracking_code(request.query_params.get("code", ""))
        if application is None:
            return Response({"detail": "未找到"}, status=status.HTTP_404_NOT_FOUND)
        s = public_status(application)
        body = {
            "agency": s["agency"],
            "case_number": s["case_number"],
            "status": s["status"],
            "status_label": s["status_label"],
            "received_on": s["received_on"],
            "due": s["due_date"],
            "due_provisional": s["due_provisional"],
            "due_explanation": s["due_explanation"],
            "closed_on": s["closed_on"],
            "outcome": s["outcome"],
            "outcome_label": s["outcome_label"],
            "letters": s["letters"],
        }
        return Response(TrackOut(body).data)
