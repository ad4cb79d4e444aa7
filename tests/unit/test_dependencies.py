"""The private hooks of textual and textual-serve that the game overrides still exist with
the shape the overrides expect; if an upgrade changes them, this says where to look."""

from __future__ import annotations

import inspect

import pytest


def test_option_list_still_has_the_render_hook_choice_list_overrides():
    from textual.widgets import OptionList

    hook = getattr(OptionList, "_get_option_render", None)
    assert hook is not None, ("textual's OptionList._get_option_render is gone: "
                              "game/ui/widgets/choices.py overrides it")
    assert list(inspect.signature(hook).parameters) == ["self", "option", "style"], \
        "OptionList._get_option_render changed: see game/ui/widgets/choices.py"
    assert hasattr(OptionList, "_option_render_cache") or \
        "_option_render_cache" in inspect.getsource(OptionList), \
        "OptionList._option_render_cache is gone: see game/ui/widgets/choices.py"


def test_app_service_still_opens_its_process_through_the_hook_the_server_overrides():
    service = pytest.importorskip(
        "textual_serve.app_service",
        reason="textual-serve is not installed (a play-only install): nothing to check")
    hook = getattr(service.AppService, "_open_app_process", None)
    assert hook is not None, ("textual-serve's AppService._open_app_process is gone: "
                              "game/serve/server.py overrides it")
    assert list(inspect.signature(hook).parameters)[:3] == ["self", "width", "height"], \
        "AppService._open_app_process changed: see game/serve/server.py"
