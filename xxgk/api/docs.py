"""The human-readable API page (/api/): the OpenAPI document rendered as plain HTML.

No Swagger UI or ReDoc: both load scripts from a CDN, and agencies run on intranets. The page is
generated from the same schema as /api/v1/openapi.json, so it cannot drift from the API.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, field
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from drf_spectacular.generators import SchemaGenerator


@dataclass(frozen=True)
class Field:
    name: str
    where: str
    type: str
    required: bool
    description: str


@dataclass(frozen=True)
class Operation:
    method: str
    path: str
    summary: str
    description: str
    parameters: list[Field] = field(default_factory=list)
    body: list[Field] = field(default_factory=list)
    responses: list[tuple[str, str]] = field(default_factory=list)


@functools.cache
def schema() -> dict[str, Any]:
    return SchemaGenerator().get_schema(request=None, public=True)


def _resolve(spec: dict[str, Any], node: dict[str, Any]) -> dict[str, Any]:
    ref = node.get("$ref")
    if ref:
        return spec["components"]["schemas"][ref.rsplit("/", 1)[-1]]
    if "allOf" in node and len(node["allOf"]) == 1:
        return _resolve(spec, node["allOf"][0])
    return node


def _type(spec: dict[str, Any], node: dict[str, Any]) -> str:
    node = _resolve(spec, node)
    if "enum" in node:
        return "取值：" + "、".join(str(v) for v in node["enum"] if v not in ("", None))
    kind = node.get("type", "object")
    if kind == "array":
        return f"数组（{_type(spec, node.get('items', {}))}）"
    return {"string": "字符串", "integer": "整数", "boolean": "布尔值", "number": "数字"}.get(
        kind, "对象"
    ) + (f"，格式 {node['format']}" if node.get("format") else "")


def _body_fields(spec: dict[str, Any], body: dict[str, Any]) -> list[Field]:
    content = body.get("content", {}).get("application/json", {})
    node = _resolve(spec, content.get("schema", {}))
    required = set(node.get("required", []))
    return [
        Field(name, "请求体", _type(spec, prop), name in required, prop.get("description", ""))
        for name, prop in node.get("properties", {}).items()
    ]


def operations() -> list[Operation]:
    spec = schema()
    found = []
    for path, methods in spec["paths"].items():
        for method, op in methods.items():
            parameters = [
                Field(
                    p["name"],
                    {"query": "查询参数", "header": "请求头", "path": "路径"}.get(p["in"], p["in"]),
                    _type(spec, p.get("schema", {})),
                    bool(p.get("required")),
                    p.get("description", ""),
                )
                for p in op.get("parameters", [])
            ]
            found.append(
                Operation(
                    method=method.upper(),
                    path=path,
                    summary=op.get("summary", ""),
                    description=op.get("description", ""),
                    parameters=parameters,
                    body=_body_fields(spec, op.get("requestBody", {})),
                    responses=[
                        (code, r.get("description", "")) for code, r in op["responses"].items()
                    ],
                )
            )
    return found


def api_docs(request: HttpRequest) -> HttpResponse:
    spec = schema()
    return render(
        request,
        "api/docs.html",
        {"title": spec["info"]["title"], "version": spec["info"]["version"], "ops": operations()},
    )
