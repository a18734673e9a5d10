"""Northflank ``${...}`` expressions inside strings: a small parser that
returns structured data, never diagnostics.

Grammar (spec d.1-d.3), on the *decoded* string value::

    expression := "${" ws value ws "}"  |  "${{" ws value ws "}}"   (run time)
    value      := string | number | path [ "(" [ arg ("," arg)* ] ")" ]
    arg        := value | lambda | regex   (lambda: only in fn.filter/map/find/some/every;
                                         regex: only in fn.search/split/replace/replaceAll)
    lambda     := ( name | "(" [ name ("," name)* ] ")" ) "=>" value
    path       := name ( "." segment | "[" digits "]" )*
    string     := "'" ... "'" | '"' ... '"'        (backslash escapes)
    number     := "-"? digits ( "." digits )?

Two forms parse but are not documented by Northflank (spec d.3, open
question 18): a lambda argument, whose parameters are names inside its
body, a regex literal (``/,\\s*/``) where the reference types an argument
"string or regex", and a doubled quote inside a literal (``'it''s'``). They are recorded
as ``Expression.undocumented``, not as syntax errors.

The roots are ``args``, ``refs``, ``fn`` and ``secrets``, optionally behind
the ``template.`` prefix; only ``fn.<name>`` can be called. ``\\${`` (an odd
number of backslashes before ``$``) is an escape, not an expression.

Two kinds of ``${...}`` are *not* Northflank expressions and are never
syntax errors, because Northflank passes them through unevaluated:

- a lone name, ``${DATABASE_URL}`` or ``${port}``: runtime-variable
  interpolation and shell expansion in commands (Northflank's own examples
  use ``${NF_ORLEAN_PG_HOST}`` in a secret group). These are ``placeholder``
  expressions and no rule reports them: there is nothing to fix.
- a dotted path under another head, ``${addons.db.host}``: recorded as an
  `UnknownHead` (a rule warns: usually an invented namespace).

Offsets are indices into the decoded string; `nflint.strpos` turns them
into file positions.
"""

from __future__ import annotations

import re

from nflint import messages as msg
from nflint.analysis.expression_fast import simple
from nflint.analysis.expression_model import Call, Expression, Reference, SyntaxProblem, UnknownHead

ROOTS = ("args", "refs", "fn", "secrets")
#: the functions whose ``fn`` argument is typed ``(item, index) => ...``
LAMBDA_FUNCTIONS = frozenset({"filter", "map", "find", "some", "every"})
#: the functions whose pattern argument may be a regex (``search``, ``split``:
#: "string or regex" in the reference; ``replace``, ``replaceAll``: untyped)
REGEX_FUNCTIONS = frozenset({"search", "split", "replace", "replaceAll"})
_REGEX = re.compile(r"/(?:[^/\\\n]|\\.)+/[a-z]*")
_PARAM = r"[ \t]*[A-Za-z_$][A-Za-z0-9_$]*[ \t]*"
#: ``(t, i) =>``, ``() =>`` or ``t =>``
_LAMBDA = re.compile(
    rf"(?:\((?P<params>(?:{_PARAM}(?:,{_PARAM})*)?[ \t]*)\)|(?P<param>{_PARAM}))[ \t]*=>"
)
TEMPLATE = "template"
#: bare words that are values, not names, inside function arguments
LITERALS = frozenset({"true", "false", "null", "undefined"})
_NAME_START = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ_$")
_NAME_CHARS = _NAME_START | frozenset("0123456789-")
_DIGITS = frozenset("0123456789")
_NAME = re.compile(r"[A-Za-z0-9_$-]*")
_SPACES = re.compile(r"[ \t\r\n]*")
_NUMBER = re.compile(r"-?[0-9]+(?:\.[0-9]+)?")
#: first characters of shell parameter expansions (``${#VAR}``, ``${!VAR}``)
_SHELL_START = frozenset("#!@*")

__all__ = ["Call", "Expression", "Reference", "SyntaxProblem", "UnknownHead", "parse"]


class _Fail(Exception):
    def __init__(
        self, message: str, start: int, end: int | None = None, hint: str | None = None
    ) -> None:
        super().__init__(message)
        self.problem = SyntaxProblem(message, start, start + 1 if end is None else end, hint)


class _Found:
    """What the parser has found so far in one expression."""

    __slots__ = ("calls", "locals", "references", "undocumented", "unknown")

    def __init__(self) -> None:
        self.references: list[Reference] = []
        self.calls: list[Call] = []
        self.unknown: list[UnknownHead] = []
        self.undocumented: list[SyntaxProblem] = []
        #: the parameters of the lambdas being parsed (names, not roots)
        self.locals: list[str] = []


def parse(text: str) -> tuple[Expression, ...]:
    """Every ``${...}`` in ``text``, in order."""
    found: list[Expression] = []
    pos = text.find("${")
    while pos >= 0:
        if _escaped(text, pos):
            pos = text.find("${", pos + 2)
            continue
        expression = simple(text, pos) or _Parser(text, pos).expression()
        found.append(expression)
        pos = text.find("${", max(expression.end, pos + 2))
    return tuple(found)


def _escaped(text: str, pos: int) -> bool:
    count = 0
    while pos - count - 1 >= 0 and text[pos - count - 1] == "\\":
        count += 1
    return count % 2 == 1


class _Parser:
    __slots__ = ("found", "pos", "start", "text")

    def __init__(self, text: str, start: int) -> None:
        self.text = text
        self.start = start
        self.pos = start
        self.found = _Found()

    # -- entry point -------------------------------------------------------

    def expression(self) -> Expression:
        text, start = self.text, self.start
        runtime = text.startswith("${{", start)
        self.pos = start + (3 if runtime else 2)
        close = "}}" if runtime else "}"
        self._space()
        if self._foreign():
            end = self._recover(quotes=False)
            placeholder = not self.found.unknown
            return Expression(start, end, runtime, placeholder, unknown=tuple(self.found.unknown))
        try:
            if self._peek() == "":
                raise self._unterminated()
            if text.startswith(close, self.pos):
                raise _Fail(
                    "empty expression: expected a reference, a function call or a literal",
                    self.pos,
                )
            self._value(top=True)
            self._space()
            if not text.startswith(close, self.pos):
                if self.pos >= len(text):
                    raise self._unterminated()
                raise _Fail(
                    f"unexpected {msg.quote(text[self.pos])}; "
                    f"expected {msg.quote(close)} to end the expression",
                    self.pos,
                )
            end = self.pos + len(close)
        except _Fail as failure:
            # a broken expression reports its syntax error and nothing else
            end = self._recover(quotes=True)
            return Expression(start, end, runtime, error=failure.problem)
        return Expression(
            start,
            end,
            runtime,
            False,
            tuple(self.found.references),
            tuple(self.found.calls),
            tuple(self.found.unknown),
            undocumented=tuple(self.found.undocumented),
        )

    # -- foreign syntax ------------------------------------------------------

    def _foreign(self) -> bool:
        """True for ``${NAME}``, ``${#NAME}`` and ``${head.x}`` with a head that
        is not a Northflank root: those are not parsed as expressions."""
        text, pos = self.text, self.pos
        char = text[pos : pos + 1]
        if char and char in _SHELL_START:
            return True
        if char not in _NAME_START:
            return False
        end = self._name_end(pos)
        head = text[pos:end]
        if head in ROOTS or head == TEMPLATE:
            return False
        if text[end : end + 1] == ".":
            stop = end
            while stop < len(text) and (text[stop] in _NAME_CHARS or text[stop] in ".[]"):
                stop += 1
            path = text[pos:stop].rstrip(".")
            self.found.unknown.append(UnknownHead(head, path, pos, pos + len(path)))
            return True
        rest = _SPACES.match(text, end).end()  # type: ignore[union-attr]
        # a lone name, or a shell expansion such as ${PORT:-8080}
        return text[rest : rest + 1] != "("

    # -- values ------------------------------------------------------------

    def _value(self, *, top: bool = False) -> None:
        char = self._peek()
        if char in ("'", '"'):
            self._string(char)
        elif char in _DIGITS or (char == "-" and self._peek(1) in _DIGITS):
            self._number()
        elif char and char in _NAME_START:
            self._path(top=top)
        elif char == "":
            raise self._unterminated()
        else:
            raise _Fail(
                f"unexpected {msg.quote(char)}; expected a reference, a function call or a literal",
                self.pos,
            )

    def _string(self, quote: str) -> None:
        text, open_at = self.text, self.pos
        pos = open_at + 1
        while pos < len(text):
            char = text[pos]
            if char == "\\":
                pos += 2
                continue
            if char == quote:
                if text.startswith(quote, pos + 1) and pos > open_at + 1:
                    self.found.undocumented.append(
                        SyntaxProblem(
                            f"a doubled quote {msg.quote(quote * 2)} inside a literal is not "
                            "documented by Northflank",
                            pos,
                            pos + 2,
                        )
                    )
                    pos += 2
                    continue
                self.pos = pos + 1
                return
            pos += 1
        raise _Fail(f"unterminated string literal: no closing {msg.quote(quote)}", open_at)

    def _number(self) -> None:
        self.pos = _NUMBER.match(self.text, self.pos).end()  # type: ignore[union-attr]

    def _name_end(self, pos: int) -> int:
        return _NAME.match(self.text, pos).end()  # type: ignore[union-attr]

    def _path(self, *, top: bool) -> None:
        text, start = self.text, self.pos
        segments = self._segments()
        self._space()
        is_call = self._peek() == "("
        template = segments[0][0] == TEMPLATE
        rest = segments[1:] if template else segments
        if not rest:
            raise _Fail(
                f"expected {msg.quote('.')} and args, refs or fn after the template prefix",
                *self._here(segments[0][2]),
            )
        head, _, head_end = rest[0]
        if head in self.found.locals and not template:
            if is_call:
                raise _Fail("only fn.<name>(...) can be called", self.pos)
            return  # a lambda parameter: ``t.name`` inside ``(t) => ...``
        if head not in ROOTS:
            if is_call:
                raise _Fail("only fn.<name>(...) can be called", self.pos)
            if len(segments) == 1 and not top and head in LITERALS:
                return
            path_text = text[rest[0][1] : rest[-1][2]]
            self.found.unknown.append(UnknownHead(head, path_text, start, self.pos, template))
            return
        if len(rest) == 1:
            raise _Fail(
                f"expected {msg.quote('.')} and a name after {msg.quote(head)}",
                *self._here(head_end),
            )
        if head == "fn":
            self._call(rest, start, template)
            return
        if is_call:
            raise _Fail("only fn.<name>(...) can be called", self.pos)
        last = rest[-1][2]
        end = last + (1 if text[last : last + 1] == "]" else 0)
        self.found.references.append(
            Reference(
                head, tuple(s[0] for s in rest[1:]), start, end, rest[1][1], rest[1][2], template
            )
        )

    def _segments(self) -> list[tuple[str, int, int]]:
        """``a.b[0].c``: each name or index with its offsets."""
        text, pos = self.text, self.pos
        end = self._name_end(pos)
        segments = [(text[pos:end], pos, end)]
        pos = end
        while pos < len(text) and text[pos] in ".[":
            if text[pos] == ".":
                seg_end = self._name_end(pos + 1)
                if pos + 1 >= len(text):  # "${refs." as typed: the text ends after the dot
                    raise self._unterminated()
                if seg_end == pos + 1:
                    raise _Fail(
                        f"unexpected {msg.quote(text[pos + 1])}; "
                        f"expected a name after {msg.quote('.')}",
                        *self._here(pos + 1),
                    )
                segments.append((text[pos + 1 : seg_end], pos + 1, seg_end))
                pos = seg_end
            else:
                close = pos + 1
                while close < len(text) and text[close] in _DIGITS:
                    close += 1
                if close == pos + 1 or text[close : close + 1] != "]":
                    raise _Fail(f"expected an array index such as [0] after {msg.quote('[')}", pos)
                segments.append((text[pos + 1 : close], pos + 1, close))
                pos = close + 1
        self.pos = pos
        return segments

    def _here(self, pos: int) -> tuple[int, int]:
        """The character at ``pos``; at the end of the string, unterminated."""
        if pos < len(self.text):
            return pos, pos + 1
        raise self._unterminated()

    def _call(self, rest: list[tuple[str, int, int]], start: int, template: bool) -> None:
        name, name_start, name_end = rest[1]
        if len(rest) > 2:
            raise _Fail(
                f"expected {msg.quote('(')} after fn.{name}; functions have no members",
                rest[2][1] - 1,
            )
        if self._peek() != "(":
            raise _Fail(
                f"expected {msg.quote('(')} after fn.{name}: a function must be called",
                *self._here(self.pos),
            )
        index = len(self.found.calls)
        self.found.calls.append(Call(name, 0, start, start, name_start, name_end, template))
        self.pos += 1
        self._space()
        argc = 0
        if self._peek() == ")":
            self.pos += 1
        else:
            while True:
                self._space()
                lambda_ = name in LAMBDA_FUNCTIONS and self._lambda(name)
                if not lambda_ and (name not in REGEX_FUNCTIONS or not self._regex(name)):
                    self._value()
                argc += 1
                self._space()
                char = self._peek()
                if char == ",":
                    self.pos += 1
                    continue
                if char == ")":
                    self.pos += 1
                    break
                if char == "":
                    raise self._unterminated()
                nested = char == "{" and self.text[self.pos - 1 : self.pos] == "$"
                raise _Fail(
                    f"a nested {msg.quote('${')} in the arguments of fn.{name}"
                    if nested
                    else f"unexpected {msg.quote(char)} in the arguments of fn.{name}; "
                    f"expected {msg.quote(',')} or {msg.quote(')')}",
                    self.pos - 1 if nested else self.pos,
                    hint="inside ${...}, write args.X and refs.x.y without ${}"
                    if nested
                    else None,
                )
        self.found.calls[index] = Call(name, argc, start, self.pos, name_start, name_end, template)

    def _lambda(self, name: str) -> bool:
        """A lambda argument of fn.``name`` (``(t) => t.ok``, ``t => t.ok``):
        parsed, its parameters known inside its body; False when the
        argument is not one."""
        match = _LAMBDA.match(self.text, self.pos)
        if match is None:
            return False
        params = match.group("params")
        names = [match.group("param")] if params is None else params.split(",")
        names = [n.strip() for n in names if n.strip()]
        self.found.undocumented.append(
            SyntaxProblem(
                f"a lambda argument in fn.{name} is not documented by Northflank",
                match.start(),
                match.end(),
            )
        )
        self.pos = match.end()
        self._space()
        self.found.locals.extend(names)
        try:
            self._value()
        finally:
            del self.found.locals[len(self.found.locals) - len(names) :]
        return True

    def _regex(self, name: str) -> bool:
        """A regex literal argument of fn.``name`` (``/,\\s*/g``); False
        when the argument is not one."""
        match = _REGEX.match(self.text, self.pos)
        if match is None:
            return False
        self.found.undocumented.append(
            SyntaxProblem(
                f"a regex literal in fn.{name} is not documented by Northflank",
                match.start(),
                match.end(),
            )
        )
        self.pos = match.end()
        return True

    # -- helpers -----------------------------------------------------------

    def _peek(self, ahead: int = 0) -> str:
        pos = self.pos + ahead
        return self.text[pos] if pos < len(self.text) else ""

    def _space(self) -> None:
        self.pos = _SPACES.match(self.text, self.pos).end()  # type: ignore[union-attr]

    def _unterminated(self) -> _Fail:
        close = "}}" if self.text.startswith("${{", self.start) else "}"
        return _Fail(
            f"unterminated expression: no closing {msg.quote(close)}", self.start, self.start + 2
        )

    def _recover(self, *, quotes: bool) -> int:
        """Where a broken or foreign expression ends: after the next closing
        brace (outside quotes when ``quotes``), or the end of the string."""
        text, pos = self.text, self.pos
        quote = ""
        while pos < len(text):
            char = text[pos]
            if quote:
                if char == "\\":
                    pos += 1
                elif char == quote:
                    quote = ""
            elif quotes and char in ("'", '"'):
                quote = char
            elif char == "}":
                return pos + 1
            pos += 1
        return len(text)
