"""MkDocs hooks of the docs site (mkdocs.yml `hooks:`): the README's prose is included in the
site's pages (pymdownx.snippets sections) rather than copied, and its links are written for the
repository's root; this rewrites them, after the inclusion, to the pages they mean on the site.

- `docs/X.md` (a README link) becomes X.md, relative to the page that includes it;
- `examples/X.py` and `../examples/X.py` become the Examples page's section for X;
- `CHANGELOG.md` becomes the Changelog page.
"""

from __future__ import annotations

import posixpath
import re
from typing import Any, List, Optional

from markdown import Extension, Markdown
from markdown.preprocessors import Preprocessor

_LINK = re.compile(r"\]\((?P<target>(?:\.\./)?(?:docs/[^)#\s]+|examples/[^)#\s]+|CHANGELOG\.md))(?P<anchor>#[^)\s]*)?\)")
_page_dir: List[str] = [""]


def site_target(target: str, anchor: str, page_dir: str) -> str:
    """Where a repository-relative link points on the site, relative to the page's folder."""
    if target.startswith("../"):
        target = target[3:]
    if target.startswith("docs/"):
        dest, frag = target[len("docs/") :], anchor
    elif target.startswith("examples/"):
        dest, frag = "examples.md", "#" + posixpath.splitext(posixpath.basename(target))[0].replace("_", "-")
    else:
        dest, frag = "changelog.md", anchor
    return posixpath.relpath(dest, page_dir or ".") + (frag or "")


class _RepoLinks(Preprocessor):
    def run(self, lines: List[str]) -> List[str]:
        page_dir = _page_dir[0]

        def fix(m: "re.Match[str]") -> str:
            return "](" + site_target(m.group("target"), m.group("anchor") or "", page_dir) + ")"

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


def on_page_markdown(markdown: str, page: Any, config: Any, files: Any) -> Optional[str]:
    # the page being rendered next: its links are made relative to its folder
    _page_dir[0] = posixpath.dirname(page.file.src_uri)
    return markdown
