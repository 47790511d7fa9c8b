from __future__ import annotations

from rest_framework import generics

from smenet.taxonomy import selectors

from .serializers import SubjectOutputSerializer


class SubjectListApi(generics.ListAPIView):
    serializer_class = SubjectOutputSerializer

    def get_queryset(self):
        return selectors.subject_list()
