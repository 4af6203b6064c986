"""Serve plotly.js from the installed `plotly` package as static/vendor/plotly/plotly.min.js.

No copy of the 4 MB bundle lives in the repository; runserver finds it here and collectstatic
copies it like any other static file.
"""

from __future__ import annotations

import os

import plotly
from django.contrib.staticfiles.finders import BaseFinder
from django.core.files.storage import FileSystemStorage

PREFIX = "vendor/plotly"
NAME = "plotly.min.js"


def _package_data() -> str:

    return os.path.join(os.path.dirname(plotly.__file__), "package_data")


class PlotlyFinder(BaseFinder):
    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.storage = FileSystemStorage(location=_package_data())
        self.storage.prefix = PREFIX

    def check(self, **kwargs):
        return []

    def find(self, path, find_all=False):
        if path == f"{PREFIX}/{NAME}":
            match = os.path.join(_package_data(), NAME)
            if os.path.exists(match):
                return [match] if find_all else match
        return [] if find_all else None

    def list(self, ignore_patterns):
        if os.path.exists(os.path.join(_package_data(), NAME)):
            yield NAME, self.storage
