"""Screens of the fbdesk app: `self.app` is the `FbdeskApp` (typed), and `self.desk` its Desk."""

from __future__ import annotations

from textual import getters
from textual.screen import ModalScreen, Screen, ScreenResultType

from fbdesk.desk import Desk
from fbdesk.ui.app import FbdeskApp


class DeskScreen(Screen[ScreenResultType]):
    app = getters.app(FbdeskApp)

    @property
    def desk(self) -> Desk:
        return self.app.desk


class DeskModal(ModalScreen[ScreenResultType]):
    """A dialog over another screen; it dismisses with a `ScreenResultType`."""

    app = getters.app(FbdeskApp)

    @property
    def desk(self) -> Desk:
        return self.app.desk
