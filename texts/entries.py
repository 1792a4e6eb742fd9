"""What the bot says about entries: confirmations, refusals, lists and help, in German and
English."""

from __future__ import annotations

ENTRY_TEXTS: dict[str, dict[str, str]] = {
    "did_you_mean": {"de": " Meintest du „{suggestion}“?", "en": " Did you mean “{suggestion}”?"},
    "saved": {"de": "✅ Gespeichert: {what}", "en": "✅ Saved: {what}"},
    "undo": {"de": "Rückgängig", "en": "Undo"},
    "delete": {"de": "Löschen", "en": "Delete"},
    "undone": {"de": "↩️ Entfernt: {what}", "en": "↩️ Removed: {what}"},
    "deleted": {"de": "🗑️ Gelöscht: {what}", "en": "🗑️ Deleted: {what}"},
    "nothing_to_undo": {
        "de": "Es gibt keinen Eintrag von dir, den ich rückgängig machen könnte.",
        "en": "You have no entry that I could undo.",
    },
    "not_found": {
        "de": "Diesen Eintrag gibt es nicht mehr (schon gelöscht?).",
        "en": "That entry no longer exists (already deleted?).",
    },
    "not_yours": {
        "de": "Nur wer den Eintrag gemacht hat oder ein Workspace-Admin kann ihn löschen.",
        "en": "Only the person who made the entry or a workspace admin can delete it.",
    },
    "db_down": {
        "de": "⚠️ Die Datenbank ist gerade nicht erreichbar – der Eintrag wurde *nicht* "
              "gespeichert. Bitte versuch es in einer Minute noch einmal.",
        "en": "⚠️ The database is unreachable right now – the entry was *not* saved. "
              "Please try again in a minute.",
    },
    "not_saved": {"de": "❌ Nicht gespeichert. {reason}", "en": "❌ Not saved. {reason}"},
    "list_title": {"de": "*Die letzten {n} Einträge*", "en": "*The last {n} entries*"},
    "list_empty": {"de": "Noch keine Einträge.", "en": "No entries yet."},
    "unknown_subcommand": {
        "de": "„{sub}“ kenne ich nicht. `/kpi help` zeigt, was geht.",
        "en": "I don't know “{sub}”. `/kpi help` shows what works.",
    },
    "admin_only": {
        "de": "Das dürfen nur Workspace-Admins und -Owner. Bitte frag eine*n von ihnen.",
        "en": "Only workspace admins and owners can do that. Please ask one of them.",
    },
    "empty_message": {"de": "Die Nachricht hat keinen Text.", "en": "The message has no text."},
    "goals_title": {"de": "*Ziele*", "en": "*Goals*"},
    "no_goals": {"de": "Noch keine Ziele. Beispiel: `/kpi goal error_rate_per_100 2`",
                 "en": "No goals yet. Example: `/kpi goal error_rate_per_100 2`"},
    "digest_posted": {"de": "✅ Digest gepostet.", "en": "✅ Digest posted."},
    "digest_already": {"de": "Der Digest dieser Woche ist schon gepostet (oder wird gerade gepostet).",
                       "en": "This week's digest is already posted (or being posted)."},
    "digest_no_channel": {"de": "Es ist noch kein KPI-Kanal gesetzt: `/kpi settings channel #kpi`",
                          "en": "No KPI channel set yet: `/kpi settings channel #kpi`"},
    "digest_failed": {"de": "❌ Posten fehlgeschlagen; ich versuche es automatisch erneut. Ist der Bot im Kanal?",
                      "en": "❌ Posting failed; I will retry automatically. Is the bot in the channel?"},
    "token_created": {
        "de": "🔑 Neuer Ingestion-Token (wird nur jetzt angezeigt; der alte gilt nicht mehr):\n`{token}`\n"
              "Verwendung: `Authorization: Bearer <token>` an `POST /ingest/v1/events` – siehe README.",
        "en": "🔑 New ingestion token (shown only now; the old one no longer works):\n`{token}`\n"
              "Use it as `Authorization: Bearer <token>` on `POST /ingest/v1/events` – see the README.",
    },
    "export_done": {"de": "Alle Einträge, Notizen, Einstellungen und Ziele als CSV – wieder einlesbar mit `northstar import`.",
                    "en": "Every entry, note, setting and goal as CSV – re-importable with `northstar import`."},
    "export_sent": {"de": "📤 Export ist in deinen Direktnachrichten.", "en": "📤 The export is in your direct messages."},
    "modal_submit": {"de": "Speichern", "en": "Save"},
    "modal_cancel": {"de": "Abbrechen", "en": "Cancel"},
    "title_cost": {"de": "Kosten erfassen", "en": "Log a cost"},
    "title_hours": {"de": "Stunden erfassen", "en": "Log hours"},
    "title_note": {"de": "Notiz erfassen", "en": "Log a note"},
    "title_record": {"de": "Kennzahl erfassen", "en": "Record a number"},
    "f_amount": {"de": "Betrag", "en": "Amount"},
    "f_category": {"de": "Kategorie", "en": "Category"},
    "f_description": {"de": "Beschreibung", "en": "Description"},
    "f_date": {"de": "Datum", "en": "Date"},
    "f_channel": {"de": "Kanal (UTM-Quelle)", "en": "Channel (UTM source)"},
    "f_every": {"de": "Wiederkehrend", "en": "Recurring"},
    "f_once": {"de": "einmalig", "en": "once"},
    "f_month": {"de": "monatlich", "en": "monthly"},
    "f_year": {"de": "jährlich", "en": "yearly"},
    "f_duration": {"de": "Dauer", "en": "Duration"},
    "f_activity": {"de": "Tätigkeit", "en": "Activity"},
    "f_text": {"de": "Notiz", "en": "Note"},
    "f_kind": {"de": "Art", "en": "Kind"},
    "f_metric": {"de": "Kennzahl", "en": "Metric"},
    "f_value": {"de": "Wert", "en": "Value"},
    "f_dimension": {"de": "Kanal oder Ursache", "en": "Channel or cause"},
    "hint_amount": {"de": "z. B. 49,90 oder 1.234,56", "en": "e.g. 49.90 or 1,234.56"},
    "hint_duration": {"de": "z. B. 1h30, 90m, 1,5", "en": "e.g. 1h30, 90m, 1.5"},
    "hint_dimension": {
        "de": "Kanal (z. B. newsletter) – bei Fehlern die Ursache (z. B. Nacharbeit)",
        "en": "Channel (e.g. newsletter) – for errors the cause (e.g. rework)",
    },
}

HELP = {
    "de": """*northstar – so erfasst du Zahlen*
• `/cost 49,90 tools Zapier` – Kosten (`date:gestern`, `channel:instagram`, `every:monat`)
• `/hours 1h30 kundenservice Tickets` – Stunden (`1,5`, `90m`, `1:30`; Tätigkeiten: kundenservice, vertrieb, marketing, betrieb, produkt, verwaltung, automatisierung, sonstiges)
• `/note Newsletter auf Dienstag verschoben` – Notiz (`kind:blocker`, `date:20.11.`)
• `/kpi record bestellungen 42` – Kennzahl (`channel:shop`, bei `fehler` `cause:nacharbeit`)
Ohne Argumente öffnet jeder Befehl ein Formular.

*Weitere /kpi-Befehle*
• `/kpi undo` – deinen letzten Eintrag zurücknehmen
• `/kpi list` – die letzten 10 Einträge mit Bearbeiten- und Löschen-Knopf und ihren Änderungen (bearbeiten: wer den Eintrag gemacht hat oder Admins)
• `/kpi report` – die Scorecard dieser Woche; `/kpi report t13w` – die letzten 13 Wochen (wie in App Home)
• `/kpi digest` – Vorschau des Wochen-Digests (`/kpi digest post` postet ihn, Admins)
• `/kpi goal <kpi> <ziel>` – Ziel setzen, z. B. `/kpi goal error_rate_per_100 2`; gilt ab dieser Woche, frühere Wochen behalten ihr Ziel
• `/kpi export` – alle Einträge als CSV in deine DMs
• `/kpi settings` – Einstellungen (Admins): Kanal, Wochentag, Uhrzeit, Zeitzone, Sprache, Stundensatz, `nudge so 15:00` | `nudge off` (Erinnerung an fehlende Zahlen) …
• `/kpi owner` – wer welche Zahl liefert; `/kpi owner bestellungen @ben` setzt (Admins), `/kpi owner bestellungen -` entfernt; auch `/kpi goal … owner:@ben`
• `/kpi import` – wie du Stripe-, PayPal-, Shop- und Bank-Exporte importierst (Datei in eine DM oder den KPI-Kanal)
• `/kpi rule` – Regeln für importierte Bank- und PayPal-Zeilen; `/kpi rule Hoster software` ordnet zu (Admins; auch `umsatz`, `transfer`)
• `/kpi metric` – eigene Kennzahlen; `/kpi metric add newsletter_anmeldungen "Newsletter-Anmeldungen" sum count` legt eine an (Admins)
• `/kpi questions F1 | F2 | F3` – die drei Fragen des Digests (Admins); `/kpi questions reset` – die Standardfragen
• `/kpi pause 2026-W52` · `/kpi pause until 2027-01-04` · `/kpi resume` · `/kpi resume 2026-W47` – Wochen ohne Digest und Erinnerungen (Admins)
• `/kpi away until 2026-12-31` · `/kpi away off` – du bist weg: keine Erinnerungen an dich
• `/kpi forget-me` – deine Notizen löschen und deinen Namen von allem anderen entfernen (mit Rückfrage)
Datumsangaben: `heute`, `gestern`, `20.11.`, `2026-11-20`, `-3` (vor drei Tagen).""",
    "en": """*northstar – how to log numbers*
• `/cost 49.90 tools Zapier` – a cost (`date:yesterday`, `channel:ads`, `every:month`)
• `/hours 1h30 support Tickets` – hours (`1.5`, `90m`, `1:30`; activities: support, sales, marketing, ops, product, admin, automation, other)
• `/note Newsletter moved to Tuesday` – a note (`kind:blocker`, `date:2026-11-20`)
• `/kpi record orders 42` – a number (`channel:shop`, for `errors` `cause:rework`)
Each command without arguments opens a form.

*More /kpi commands*
• `/kpi undo` – take back your last entry
• `/kpi list` – the last 10 entries with Edit and Delete buttons and their changes (edit: whoever made the entry, or admins)
• `/kpi report` – this week's scorecard; `/kpi report t13w` – the last 13 weeks (as in App Home)
• `/kpi digest` – preview the weekly digest (`/kpi digest post` posts it, admins)
• `/kpi goal <kpi> <target>` – set a goal, e.g. `/kpi goal error_rate_per_100 2`; it holds from this week on, past weeks keep theirs
• `/kpi export` – all entries as CSV to your DMs
• `/kpi settings` – settings (admins): channel, weekday, time, timezone, language, hourly rate, `nudge sun 15:00` | `nudge off` (reminder about missing numbers) …
• `/kpi owner` – who delivers which number; `/kpi owner orders @ben` sets (admins), `/kpi owner orders -` clears; also `/kpi goal … owner:@ben`
• `/kpi import` – how to import Stripe, PayPal, shop and bank exports (a file in a DM or the KPI channel)
• `/kpi rule` – rules for imported bank and PayPal lines; `/kpi rule Hoster software` assigns (admins; also `revenue`, `transfer`)
• `/kpi metric` – own metrics; `/kpi metric add newsletter_signups "Newsletter sign-ups" sum count` defines one (admins)
• `/kpi questions Q1 | Q2 | Q3` – the digest's three questions (admins); `/kpi questions reset` – the defaults
• `/kpi pause 2026-W52` · `/kpi pause until 2027-01-04` · `/kpi resume` · `/kpi resume 2026-W47` – weeks without digest and nudges (admins)
• `/kpi away until 2026-12-31` · `/kpi away off` – you are away: no nudges to you
• `/kpi forget-me` – delete your notes and take your name off everything else (asks first)
Dates: `today`, `yesterday`, `2026-11-20`, `20.11.`, `-3` (three days ago).""",
}
