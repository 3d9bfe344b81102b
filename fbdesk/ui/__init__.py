"""The Textual terminal UI. `fbdesk.ui.app.build_app(desk)` builds the app; nothing is imported here so that
`import fbdesk.ui` stays cheap."""
