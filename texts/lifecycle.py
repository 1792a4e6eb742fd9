"""Texts of the workspace's life: retention, and `/kpi forget-me`."""

from __future__ import annotations

LIFECYCLE_TEXTS: dict[str, dict[str, str]] = {
    "setting_retention_days": {
        "de": "Aufbewahrung nach dem Deinstallieren in Tagen: eine ganze Zahl von 0 bis {max}, z. B. `/kpi settings retention_days 30`.",
        "en": "Days to keep the data after the app is uninstalled: a whole number from 0 to {max}, e.g. `/kpi settings retention_days 30`.",
    },
    "settings_field.retention_days": {"de": "Aufbewahrung nach Deinstallation (Tage)", "en": "Retention after uninstall (days)"},
    "forget.ask": {
        "de": "*Dich vergessen?* In diesem Workspace würde ich:\n{plan}\nDeine Zahlen (Kosten, Stunden, Kennzahlen) bleiben, aber ohne deinen Namen. Schon in Slack gepostete Nachrichten (z. B. Digests) ändere ich nicht. Das lässt sich nicht rückgängig machen.",
        "en": "*Forget you?* In this workspace I would:\n{plan}\nYour numbers (costs, hours, metrics) stay, but without your name. Messages already posted in Slack (such as digests) are not changed. This cannot be undone.",
    },
    "forget.nothing": {
        "de": "In diesem Workspace ist nichts mit deinem Namen gespeichert – es gibt nichts zu vergessen.",
        "en": "Nothing with your name is stored in this workspace – there is nothing to forget.",
    },
    "forget.notes": {"de": "• {n} Notiz(en) von dir löschen", "en": "• delete {n} note(s) of yours"},
    "forget.entered_by": {"de": "• deinen Namen von {n} Eintrag/Einträgen entfernen", "en": "• take your name off {n} entr(y/ies)"},
    "forget.deleted_by": {"de": "• deinen Namen von {n} gelöschten Eintrag/Einträgen entfernen (wer gelöscht hat)", "en": "• take your name off {n} deletion(s) (who deleted)"},
    "forget.set_by": {"de": "• deinen Namen von {n} Ziel(en) entfernen", "en": "• take your name off {n} goal(s)"},
    "forget.goal_history_set_by": {"de": "• deinen Namen von {n} früheren Zielständen entfernen", "en": "• take your name off {n} earlier goal value(s)"},
    "forget.edited_by": {"de": "• deinen Namen von {n} Änderung(en) im Änderungsprotokoll entfernen", "en": "• take your name off {n} change(s) in the edit log"},
    "forget.owner_set_by": {"de": "• deinen Namen von {n} Zuständigkeit(en) entfernen, die du vergeben hast", "en": "• take your name off {n} ownership(s) you assigned"},
    "forget.pause_set_by": {"de": "• deinen Namen von {n} Pause(n) entfernen", "en": "• take your name off {n} pause(s)"},
    "forget.known_none_by": {"de": "• deinen Namen von {n} „nichts diese Woche“ entfernen", "en": "• take your name off {n} “nothing this week” mark(s)"},
    "forget.import_created_by": {"de": "• deinen Namen von {n} Import(en) entfernen", "en": "• take your name off {n} import(s)"},
    "forget.rule_created_by": {"de": "• deinen Namen von {n} Regel(n) entfernen", "en": "• take your name off {n} rule(s)"},
    "forget.mapping_created_by": {"de": "• deinen Namen von {n} gespeicherten Zuordnung(en) entfernen", "en": "• take your name off {n} saved mapping(s)"},
    "forget.owned_inputs": {"de": "• {n} Zuständigkeit(en) für Eingaben aufheben", "en": "• end {n} ownership(s) of inputs"},
    "forget.away": {"de": "• deine Abwesenheit löschen", "en": "• delete your away mark"},
    "forget.nudges": {"de": "• {n} Erinnerung(en) an dich aus dem Protokoll löschen", "en": "• delete {n} nudge(s) to you from the log"},
    "forget.installed_by": {"de": "• deinen Namen von {n} Installation(en) der App entfernen (wer installiert hat)", "en": "• take your name off {n} installation(s) of the app (who installed it)"},
    "forget.confirm": {"de": "Ja, vergiss mich", "en": "Yes, forget me"},
    "forget.cancel": {"de": "Abbrechen", "en": "Cancel"},
    "forget.cancelled": {"de": "Abgebrochen – nichts wurde geändert.", "en": "Cancelled – nothing was changed."},
    "forget.done": {
        "de": "🧹 Erledigt: {notes} Notiz(en) gelöscht; dein Name von {entered_by} Eintrag/Einträgen, {deleted_by} Löschung(en), {set_by} Ziel(en) und {edited_by} Änderung(en) entfernt. Schon gepostete Slack-Nachrichten bleiben, wie sie sind.",
        "en": "🧹 Done: {notes} note(s) deleted; your name taken off {entered_by} entr(y/ies), {deleted_by} deletion(s), {set_by} goal(s) and {edited_by} change(s). Messages already posted in Slack stay as they are.",
    },
    "forget.not_yours": {
        "de": "Diesen Knopf kann nur die Person drücken, die `/kpi forget-me` geschickt hat.",
        "en": "Only the person who sent `/kpi forget-me` can press this button.",
    },
}
