"""The editors' word on entities: the people and organisation sections of ``content/entities.yaml``.

```yaml
people:
  aliases: {Halvorsen: Per Halvorsen}   # written name → the entity it is
  distinct: [Reagan]                    # never merged automatically
  not_people: [Grace Road]              # no one, wherever written
  keep: [Oscar]                         # a person, although a rule refuses the name
organizations:
  aliases: {UN: United Nations}
  distinct: [ADB]
  not_organizations: [Reuters]
  keep: [Net]
```

These sections are read when the site is built (the resolver applies them to every name of the
archive), never by the extraction: an edit rewrites the pages it changes and extracts nothing.
The file's ``places`` and ``topics`` sections are the ingest's (``wire_ingest.overrides``), and
both read the file with ``load_file`` so it means the same to each.
"""

from __future__ import annotations

from pathlib import Path

import yaml

from .resolve import Overrides

KINDS = {"person": ("people", "not_people"), "organization": ("organizations", "not_organizations")}
_SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class EntitiesFileError(ValueError):
    """The file cannot be used; the message names it and says why."""


def load_file(path: Path | None) -> dict:
    """The file as a mapping (empty when there is none); ``EntitiesFileError`` when it is not
    YAML or not a mapping of sections."""
    if path is None or not path.exists():
        return {}
    try:
        data = yaml.load(path.read_bytes(), Loader=_SAFE_LOADER) or {}
    except yaml.YAMLError as exc:
        raise EntitiesFileError(f"{path}: not valid YAML: {' '.join(str(exc).split())[:200]}") from exc
    if not isinstance(data, dict):
        raise EntitiesFileError(f"{path}: expected a mapping at the top level")
    return data


def section(data: dict, key: str, path: Path) -> dict:
    value = data.get(key) or {}
    if not isinstance(value, dict):
        raise EntitiesFileError(f"{path}: '{key}' must be a mapping")
    return value


def name_map(value, path: Path, key: str) -> dict[str, str]:
    value = value or {}
    if not isinstance(value, dict) or not all(isinstance(k, str) and isinstance(v, str) for k, v in value.items()):
        raise EntitiesFileError(f"{path}: '{key}' must map names to names")
    return {" ".join(k.split()): " ".join(v.split()) for k, v in value.items()}


def name_list(value, path: Path, key: str) -> frozenset[str]:
    value = value or []
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise EntitiesFileError(f"{path}: '{key}' must be a list of names")
    return frozenset(" ".join(v.split()) for v in value)


def read_resolution(path: Path | None) -> tuple[Overrides, list[str]]:
    """The resolution part of the file, and warnings about lines that were left out (an alias
    that leads back to itself). Chains of aliases are followed to their end (``A: B`` and
    ``B: C`` make both ``C``)."""
    data = load_file(path)
    aliases, distinct, refused, kept = {}, {}, {}, {}
    warnings: list[str] = []
    for kind, (name, refusals) in KINDS.items():
        part = section(data, name, path)
        aliases[kind], found = follow_chains(name_map(part.get("aliases"), path, f"{name}.aliases"))
        warnings += [f"{path}: {name}.aliases: {variant} leads back to itself; left out" for variant in found]
        distinct[kind] = name_list(part.get("distinct"), path, f"{name}.distinct")
        refused[kind] = name_list(part.get(refusals), path, f"{name}.{refusals}")
        kept[kind] = name_list(part.get("keep"), path, f"{name}.keep")
    return Overrides(aliases=aliases, distinct=distinct, refused=refused, kept=kept), warnings


def follow_chains(aliases: dict[str, str]) -> tuple[dict[str, str], list[str]]:
    """Each alias pointed at the end of its chain; the variants in a cycle left out."""
    out: dict[str, str] = {}
    cycles: list[str] = []
    for variant in aliases:
        seen = {variant}
        target = aliases[variant]
        while target in aliases and target not in seen:
            seen.add(target)
            target = aliases[target]
        if target in seen:
            cycles.append(variant)
        elif target != variant:
            out[variant] = target
    return out, sorted(cycles)
