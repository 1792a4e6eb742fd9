"""Reading an export by profile, by a mapping given now (`--map`), or by a saved mapping."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.orm import Session

from capture.imports.detect import SOURCES, Progress, first_line, read_export, read_text
from capture.imports.mapping import MappedProfile, fingerprint, parse_mapping
from capture.imports.reading import decode
from capture.imports.records import ImportContext, ImportRefused, Parsed
from storage.import_mappings import saved_mappings

RESERVED = frozenset({"auto", "northstar", *SOURCES})


@dataclass(frozen=True)
class Read:
    """A read export, and the mapping to save with its header's fingerprint (if one is named)."""

    parsed: Parsed
    save: tuple[str, str, str] | None = None  # (name, fingerprint, spec)


def read_file(session: Session, workspace_id: str, data: bytes, ctx: ImportContext, source: str,
              mapping: str | None, save_as: str | None, progress: Progress | None) -> Read:
    """The export read by the mapping given, else by profiles and the workspace's saved mappings.

    ImportRefused when it cannot be read; a saved mapping whose columns are there but whose
    header changed is named in the refusal (`import_map_header_changed`)."""
    if mapping is not None:
        return _read_mapped(data, ctx, mapping, save_as, progress)
    saved = tuple(MappedProfile(row.name, parse_mapping(row.spec), row.fingerprint)
                  for row in saved_mappings(session, workspace_id))
    if source not in RESERVED and source not in {profile.name for profile in saved}:
        raise ImportRefused("import_unknown_source", source=source,
                            known=", ".join(sorted(RESERVED - {"auto"})))
    try:
        return Read(read_export(data, ctx, source, progress, extra=saved))
    except ImportRefused as refusal:
        if refusal.code == "import_unknown_layout" and data[:4] != b"PK\x03\x04":
            text = decode(data)
            changed = [profile.name for profile in saved if source in ("auto", profile.name)
                       and profile.header(text) is not None]
            if changed:
                raise ImportRefused("import_map_header_changed", name=changed[0]) from None
        raise


def mapping_name(save_as: str | None) -> str:
    """The name a mapping is saved under; ImportRefused when it is reserved or not a name."""
    name = (save_as or "mapping").strip().lower()
    if name in RESERVED or not name.replace("_", "").replace("-", "").isalnum() or len(name) > 32:
        raise ImportRefused("import_map_name_taken", name=name)
    return name


def _read_mapped(data: bytes, ctx: ImportContext, spec: str, save_as: str | None,
                 progress: Progress | None) -> Read:
    name = mapping_name(save_as)
    profile = MappedProfile(name, parse_mapping(spec))
    text = decode(data)
    found = profile.header(text)
    if found is None:
        raise ImportRefused("import_map_columns_missing", header=first_line(text),
                            columns=", ".join(profile.mapping.columns.values()))
    parsed = read_text(text, ctx, name, progress=progress, extra=(profile,))
    save = (name, fingerprint(found[1]), profile.mapping.spec()) if save_as else None
    return Read(parsed, save)
