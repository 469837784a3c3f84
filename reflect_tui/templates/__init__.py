"""Session templates: Markdown files -> ``Template``, validation, and the template library.

The public API other packages import::

    parse_template(text, source) -> Template       # raises TemplateError
    load_template_file(path) -> Template           # also catches bytes/encoding problems
    TemplateError, Problem                          # problems print as FILE:LINE: message
    TemplateLibrary.load(extra_dirs) -> TemplateLibrary
"""

from reflect_tui.templates.library import LibraryEntry, TemplateLibrary
from reflect_tui.templates.parser import load_template_file, parse_template
from reflect_tui.templates.problems import Problem, TemplateError

__all__ = [
    "LibraryEntry",
    "Problem",
    "TemplateError",
    "TemplateLibrary",
    "load_template_file",
    "parse_template",
]
