"""MkDocs hooks of the docs site (mkdocs.yml `hooks:`).

The README's prose is included in the site's pages (pymdownx.snippets sections) rather than
copied, and its links are written for the repository's root; the docs' own pages link files
outside docs/ (`../examples/demo.py`, `../generated/hoiio/_generated/openapi.json`). After the
inclusion, this rewrites such links to what they mean on the site:

- `docs/X.md` becomes the page X.md;
- `examples/X.py` becomes the Examples page's section for X;
- `CHANGELOG.md` and `README.md` become the Changelog and Home pages;
- the generated JSON files (`generated/hoiio/schemas/*.json`, `generated/hoiio/_generated/*.json`:
  the response schemas, the OpenAPI document) are copied into the site at the same path, and
  links to them point there.

Each link is made relative to the page that holds it, so the strict build checks it.
"""

from __future__ import annotations

import posixpath
import re
from pathlib import Path
from typing import Any, List, Optional

from markdown import Extension, Markdown
from markdown.preprocessors import Preprocessor

#: Repository files published in the site as they are, at the same path.
PUBLISHED = ("generated/hoiio/schemas/*.json", "generated/hoiio/_generated/*.json")
_REPO_ROOTED = ("docs/", "examples/", "generated/", "CHANGELOG.md", "README.md")
_LINK = re.compile(r"\]\((?P<target>(?:\.\./)+[^)#\s]+|(?:" + "|".join(map(re.escape, _REPO_ROOTED)) + r")[^)#\s]*)(?P<anchor>#[^)\s]*)?\)")
_page_dir: List[str] = [""]


def repo_path(target: str, page_dir: str) -> Optional[str]:
    """The repository path a link means: `../` ones from the page's place under docs/, the
    others (the README's) from the root. None for a link inside docs/ written with `../`."""
    if target.startswith("../"):
        path = posixpath.normpath(posixpath.join("docs", page_dir, target))
        return None if path.startswith("docs/") else path
    return target


def site_target(target: str, anchor: str, page_dir: str) -> Optional[str]:
    """Where a link to a repository file points on the site, relative to the page's folder."""
    path = repo_path(target, page_dir)
    if path is None or path.startswith("../"):
        return None
    frag = anchor
    if path.startswith("docs/"):
        dest = path[len("docs/") :]
    elif path.startswith("examples/"):
        dest, frag = "examples.md", "#" + posixpath.splitext(posixpath.basename(path))[0].replace("_", "-")
    elif path == "CHANGELOG.md":
        dest = "changelog.md"
    elif path == "README.md":
        dest = "index.md"
    else:
        dest = path  # a published file, or a link the strict build reports as broken
    return posixpath.relpath(dest, page_dir or ".") + (frag or "")


class _RepoLinks(Preprocessor):
    def run(self, lines: List[str]) -> List[str]:
        page_dir = _page_dir[0]

        def fix(m: "re.Match[str]") -> str:
            new = site_target(m.group("target"), m.group("anchor") or "", page_dir)
            return m.group(0) if new is None else "](" + new + ")"

        out: List[str] = []
        fence = False
        for line in lines:
            if line.lstrip().startswith(("```", "~~~")):
                fence = not fence
            out.append(line if fence else _LINK.sub(fix, line))
        return out


class RepoLinksExtension(Extension):
    def extendMarkdown(self, md: Markdown) -> None:  # noqa: N802 (Markdown's API)
        # after pymdownx.snippets (priority 32) has included the README's sections
        md.preprocessors.register(_RepoLinks(md), "hoiio_repo_links", 8)


def on_config(config: Any) -> Any:
    config.markdown_extensions.append(RepoLinksExtension())
    return config


def on_files(files: Any, config: Any) -> Any:
    from mkdocs.structure.files import File

    root = Path(config.config_file_path).parent
    for pattern in PUBLISHED:
        for path in sorted(root.glob(pattern)):
            rel = path.relative_to(root).as_posix()
            files.append(File(rel, str(root), config.site_dir, config.use_directory_urls))
    return files


def on_page_markdown(markdown: str, page: Any, config: Any, files: Any) -> Optional[str]:
    # the page being rendered next: its links are made relative to its folder
    _page_dir[0] = posixpath.dirname(page.file.src_uri)
    return markdown
