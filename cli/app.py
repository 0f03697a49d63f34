"""The typer application classes every govreport command uses: Chinese usage errors and Chinese help pages.

typer (which runs on its own copy of click) words usage errors, the usage line, the help panels and the help
option in English, and its rich help truncates long Chinese help with "…". The classes here fix that in one
place:

- :class:`App` is a ``typer.Typer`` whose groups are :class:`Group` and whose commands are :class:`Command`.
- Both translate every click ``UsageError`` (missing argument, unknown option, bad choice, bad number, unknown
  command…) into a Chinese message, with click's English message on a second line (the project's errors are
  bilingual). The exception stays a ``UsageError``, so typer still prints it (with the usage line and a help
  hint) and exits with code 2 (:data:`cli.common.EXIT_USAGE`).
- Their contexts write the usage line as "用法：", their help option says "显示此帮助并退出。", and before
  typer's rich help or error output they set ``typer.rich_utils``'s titles and strings to Chinese.
- A value the command itself refuses is raised as :class:`BadValue`, with its Chinese and English reason. An
  unknown option is given suggestions only when they are spelled alike (click's own list is loose).
- Help shows what an option takes as a word ("--jobs N", "--db FILE", "PATH...") and nothing for a flag, not
  typer's type column ("<int range> [x>=1]", "<bool>", "<list[Path]>"): see :class:`Option`, :class:`Argument`.
- Help and error text is rendered as :class:`WrappingText` (:mod:`nlp.render.wrapping`), which may break a line
  between two Chinese characters. rich's own wrapping breaks at spaces only, and its table cells truncate a
  longer run of Chinese with "…": that is what cut option help in ``--help``.

``typer.rich_utils`` is imported only when help or an error is shown: it costs ~80 ms at start-up.
"""

from __future__ import annotations

import difflib
import re
from typing import Any

import typer
from rich.highlighter import Highlighter
from rich.text import Text
from typer import _click as click
from typer._click import exceptions as click_errors
from typer.core import TyperArgument, TyperCommand, TyperGroup, TyperOption

from nlp.render.wrapping import WrappingText

USAGE_PREFIX = "用法："
HELP_OPTION_HELP = "显示此帮助并退出。"
OPTIONS_METAVAR = "[选项]"
SUBCOMMAND_METAVAR = "命令 [参数]..."

RICH_STRINGS = {
    "ARGUMENTS_PANEL_TITLE": "参数",
    "OPTIONS_PANEL_TITLE": "选项",
    "COMMANDS_PANEL_TITLE": "命令",
    "ERRORS_PANEL_TITLE": "错误",
    "RICH_HELP": "运行 [blue]{command_path} {help_option}[/] 查看用法说明。",
    "DEFAULT_STRING": "[默认：{}]",
    "REQUIRED_LONG_STRING": "[必填]",
    "ENVVAR_STRING": "[环境变量：{}]",
    "DEPRECATED_STRING": "（已停用）",
}
"""``typer.rich_utils`` module strings, read by typer each time it prints help or an error."""


# --- Chinese usage errors -------------------------------------------------------------------------------


class ChineseUsageError(click_errors.UsageError):
    """A usage error already worded in Chinese (exit code 2, like every click usage error)."""


class BadValue(click_errors.BadParameter):
    """A value a command itself refuses (e.g. a date that is not 月-日), with the reason in Chinese and English.

    Shown like click's own refusals: "选项 --x 的值无效：<message>", then "Invalid value for '--x': <message_en>".
    """

    def __init__(self, message: str, message_en: str, param_hint: str | None = None) -> None:
        super().__init__(message, param_hint=param_hint)
        self.message_en = message_en


SUGGESTION_CUTOFF = 0.6
"""How alike (difflib ratio of the names without their dashes) an option must be to the one typed to be
suggested. click compares the names with their dashes, so "--bogus" and "--jobs" (both "--" and an "o" and an
"s") come out alike."""


def close_options(typed: str, candidates: Any) -> list[str]:
    """The options among ``candidates`` that look like a mistyping of ``typed`` ("--fromat" → "--format")."""
    names = {option.lstrip("-"): option for option in candidates or ()}
    near = difflib.get_close_matches(typed.lstrip("-"), list(names), n=3, cutoff=SUGGESTION_CUTOFF)
    return sorted(names[name] for name in near)


def translate(
    error: click_errors.UsageError, ctx: click.Context | None = None, args: list[str] | None = None
) -> ChineseUsageError:
    """The Chinese usage error for one of click's; click's English message follows on a second line.

    A message a command wrote in Chinese only (``typer.BadParameter("…")``, ``ctx.fail("…")``) has no English
    to add. Click's English messages can contain Chinese too (a path, an argument typed by the user), so that
    is decided by whether the message was recognised, not by the characters it contains.

    ``ctx`` (the command being parsed) stands in when the error has none, so that the usage line is shown.
    ``args`` (the command line being parsed) lets a missing option point at a stray argument that looks like its
    value ("report x.sqlite --out r.html": "是否想用 --db x.sqlite？").
    """
    english: str | None = error.format_message()
    if isinstance(error, click_errors.MissingParameter):
        chinese = _missing(error)
        meant = _meant_value(error.param, (error.ctx or ctx), args or [])
        if meant:
            chinese += f"是否想用 {meant}？"
            english = f"{english} Did you mean '{meant}'?"
    elif isinstance(error, BadValue):
        chinese = f"{_param_label(error.param, error.param_hint)} 的值无效：{error.message}"
        hint = f"'{error.param_hint}'" if isinstance(error.param_hint, str) else error.param_hint  # as click quotes it
        english = click_errors.BadParameter(error.message_en, error.ctx, error.param, hint).format_message()
    elif isinstance(error, click_errors.BadParameter):
        reason = _bad_value(error)
        if reason is None and _has_chinese(error.message):
            reason, english = error.message, None
        chinese = f"{_param_label(error.param, error.param_hint)} 的值无效：{reason or error.message}"
    elif isinstance(error, click_errors.NoSuchOption):
        near = close_options(error.option_name, error.possibilities)
        chinese = f"未知选项 {error.option_name}" + (f"（相近的选项：{'、'.join(near)}）。" if near else "。")
        english = click_errors.NoSuchOption(error.option_name, error.message, near).format_message()
    elif isinstance(error, click_errors.BadOptionUsage):
        chinese = _bad_option_usage(error)
    else:
        chinese = _usage_message(error.message)
        if chinese is None and _has_chinese(error.message):
            chinese, english = error.message, None
    chinese = chinese or "命令行用法有误。"
    message = chinese if english is None else f"{chinese}\n{' '.join(english.split())}"
    translated = ChineseUsageError(message, error.ctx or ctx)
    translated.exit_code = error.exit_code
    return translated


STORE_SUFFIXES = (".sqlite", ".sqlite3", ".db")
"""File name endings of a results store (``--db``)."""


def _looks_like_store(value: str) -> bool:
    from pathlib import Path

    from nlp.store import is_store

    path = Path(value)
    if path.suffix.lower() in STORE_SUFFIXES:
        return True
    try:
        return path.is_file() and is_store(path)
    except OSError:
        return False


# Options whose value is easily typed without the option: the test a stray argument must pass to be suggested.
LOOKALIKE_VALUES = {"--db": _looks_like_store}


def _meant_value(param: Any, ctx: click.Context | None, args: list[str]) -> str | None:
    """"--db x.sqlite" when the missing option is ``--db`` and ``x.sqlite`` stands on the command line as an
    argument (not as an option's value) and looks like a results store; None otherwise."""
    if param is None or param.param_type_name != "option" or ctx is None:
        return None
    name = next((opt for opt in param.opts if opt in LOOKALIKE_VALUES), None)
    if name is None:
        return None
    taking_value = {
        opt for p in ctx.command.params if p.param_type_name == "option" and not p.is_flag and p.nargs != 0 for opt in p.opts
    }
    loose, after_option, only_arguments = [], False, False
    for token in args:
        if after_option:
            after_option = False
        elif only_arguments or not token.startswith("-") or token == "-":
            loose.append(token)
        elif token == "--":
            only_arguments = True
        else:
            after_option = token in taking_value
    found = next((token for token in loose if LOOKALIKE_VALUES[name](token)), None)
    return f"{name} {found}" if found else None


def _missing(error: click_errors.MissingParameter) -> str:
    label = _param_label(error.param, error.param_hint)
    return f"缺少必填{label}。" if label.startswith("选项") else f"缺少{label}。"


def _param_label(param: Any, hint: Any) -> str:
    """The parameter as the message names it, e.g. "选项 --jobs / -j" or "参数 PATH": from the hint given to
    ``BadParameter`` if any, else from the parameter."""
    if hint is not None:
        names = hint if isinstance(hint, str) else " / ".join(hint)
        return f"{'选项' if names.startswith('-') else '参数'} {names}"
    if param is None:
        return "参数"
    if param.param_type_name == "option":
        return f"选项 {_option_names(param)}"
    return f"参数 {_argument_name(param)}"


def _option_names(param: Any) -> str:
    return " / ".join([*param.opts, *param.secondary_opts])


def _argument_name(param: Any) -> str:
    return param.display_name_raw if isinstance(param, TyperArgument) else param.metavar or (param.name or "").upper()


def _bad_value(error: click_errors.BadParameter) -> str | None:
    """Why the value was refused, in Chinese: from pydantic's structured error when typer validated with it,
    else from click's message; None when neither is known."""
    cause = error.__cause__
    details = cause.errors(include_url=False) if hasattr(cause, "errors") else []
    if details:
        reason = _pydantic_reason(details[0])
        if reason:
            return reason
    return _value_message(error.message)


def _value_message(message: str) -> str | None:
    for pattern, chinese in VALUE_MESSAGES:
        match = pattern.fullmatch(message)
        if match:
            return chinese(match)
    return None


def _quoted(value: Any) -> str:
    return f"“{value}”"


def _pydantic_reason(detail: dict) -> str | None:
    kind, value, limits = detail.get("type"), detail.get("input"), detail.get("ctx") or {}
    if kind in ("int_parsing", "int_from_float", "int_type"):
        return f"{_quoted(value)}不是整数。"
    if kind in ("float_parsing", "float_type"):
        return f"{_quoted(value)}不是数字。"
    if kind in ("bool_parsing", "bool_type"):
        return f"{_quoted(value)}不是有效的是/否值（可用 true/false、yes/no、1/0）。"
    comparisons = {
        "greater_than_equal": ("ge", "应大于或等于"),
        "greater_than": ("gt", "应大于"),
        "less_than_equal": ("le", "应小于或等于"),
        "less_than": ("lt", "应小于"),
    }
    if kind in comparisons:
        key, wording = comparisons[kind]
        return f"{wording} {limits.get(key)}，收到 {value}。"
    if kind == "enum":
        return f"{_quoted(value)}不是可选的值；可选：{_choices(str(limits.get('expected', '')))}。"
    if kind == "value_error":
        return _value_message(str(limits.get("error", "")))
    return None


def _choices(listed: str) -> str:
    """The choices click or pydantic list ("'json', 'jsonl', 'text'", "'a' or 'b'") as "json、jsonl、text"."""
    return "、".join(re.findall(r"'([^']*)'", listed)) or listed


PATH_KINDS = {"file": "文件", "directory": "文件夹", "dir": "文件夹", "path": "路径"}
_PATH = r"(file|directory|dir|path) '(.*)'"

VALUE_MESSAGES = [
    (re.compile(r"'(.*)' is not one of (.*)\."), lambda m: f"{_quoted(m[1])}不是可选的值；可选：{_choices(m[2])}。"),
    (re.compile(r"'(.*)' is not a valid integer( range)?\."), lambda m: f"{_quoted(m[1])}不是整数。"),
    (re.compile(r"'(.*)' is not a valid float( range)?\."), lambda m: f"{_quoted(m[1])}不是数字。"),
    (re.compile(r"(.*) is not in the range (.*)\."), lambda m: f"{m[1]} 超出允许范围 {m[2]}。"),
    (
        re.compile(_PATH + r" does not exist\.", re.IGNORECASE),
        lambda m: f"{PATH_KINDS[m[1].lower()]}{_quoted(m[2])}不存在。",
    ),
    (re.compile(_PATH + r" is a file\.", re.IGNORECASE), lambda m: f"{_quoted(m[2])}是文件，这里需要文件夹。"),
    (re.compile(_PATH + r" is a directory\.", re.IGNORECASE), lambda m: f"{_quoted(m[2])}是文件夹，这里需要文件。"),
    (re.compile(_PATH + r" is not readable\.", re.IGNORECASE), lambda m: f"没有读取{_quoted(m[2])}的权限。"),
    (re.compile(_PATH + r" is not writable\.", re.IGNORECASE), lambda m: f"没有写入{_quoted(m[2])}的权限。"),
]
"""click's (and typer's) English reasons for a refused value, and their Chinese."""


def _bad_option_usage(error: click_errors.BadOptionUsage) -> str:
    message = error.message
    if message.endswith("does not take a value."):
        return f"选项 {error.option_name} 是开关，后面不能带值。"
    count = re.search(r"requires (an|\d+) arguments?\.$", message)
    if count:
        return f"选项 {error.option_name} 后面需要{'一个' if count[1] == 'an' else f' {count[1]} 个'}值。"
    return f"选项 {error.option_name} 用法有误。"


def _usage_message(message: str) -> str | None:
    """Chinese for click's other usage errors (``ctx.fail``), matched on click's wording; None when unknown."""
    unknown = re.fullmatch(r"No such command '(.*)'\.(?: Did you mean (.*)\?)?", message)
    if unknown:
        near = "、".join(re.findall(r"'([^']*)'", unknown[2] or ""))
        return f"未知命令“{unknown[1]}”" + (f"（相近的命令：{near}）。" if near else "。")
    extra = re.fullmatch(r"Got unexpected extra arguments?(?:\(s\))? \((.*)\)", message)
    if extra:
        return f"多余的参数：{extra[1]}。"
    if message == "Missing command.":
        return "缺少命令。"
    takes = re.fullmatch(r"Argument '(.*)' takes (\d+) values\.", message)
    if takes:
        return f"参数 {takes[1]} 需要 {takes[2]} 个值。"
    return None


def _has_chinese(text: str) -> bool:
    return any("\u4e00" <= char <= "\u9fff" for char in text)


# --- Classes ---------------------------------------------------------------------------------------------


class HelpFormatter(click.HelpFormatter):
    def write_usage(self, prog: str, args: str = "", prefix: str | None = None) -> None:
        super().write_usage(prog, args, USAGE_PREFIX if prefix is None else prefix)


class Context(click.Context):
    formatter_class = HelpFormatter


class Argument(TyperArgument):
    """An argument as the help shows it: by its name, "PATH..." when it takes several values, without typer's
    type column ("<list[Path]>"). The usage line ("{PATH}...") and error messages ("参数 PATH") keep the name.

    typer appends "..." in the help only to an argument without a metavar, so the name given as ``metavar``
    moves to :attr:`label` (see :func:`readable_in_help`).
    """

    label: str

    @property
    def display_name_raw(self) -> str:
        return self.label

    def display_type_rich(self, ctx: click.Context) -> str | None:
        return None


class Option(TyperOption):
    """An option as the help shows it: a flag (``--with-text``, ``--help``) without a type, an option taking a
    value with its metavar (``--jobs N``, ``--db FILE``: declare one with ``metavar=``), or else a plain word
    for its type (N, PATH, TEXT, json|jsonl|text), never typer's "<bool>", "<int range>", "<path>"; a range in
    Chinese ("≥1", not "x>=1")."""

    def display_type_rich(self, ctx: click.Context) -> str | None:
        if self.is_flag or self.count:
            return None
        if self.metavar is not None:
            return self.metavar
        descriptor = self.type_descriptor
        if descriptor.is_choice:
            return self.display_type(ctx).strip("<>")
        if descriptor.is_path:
            return "PATH"
        if descriptor.annotation is int:
            return "N"
        if descriptor.annotation is float:
            return "NUMBER"
        return "TEXT"

    def _get_number_range_help_str(self) -> str | None:
        if self.count:
            return None
        if self.min is not None and self.max is not None:
            return f"{self.min}–{self.max}"
        if self.min is not None:
            return f"≥{self.min}"
        if self.max is not None:
            return f"≤{self.max}"
        return None


def readable_in_help(param: Any) -> Any:
    """``param`` (as typer made it) as :class:`Argument` or :class:`Option`; they add behaviour only, no state
    but an argument's :attr:`~Argument.label`."""
    if type(param) is TyperArgument:
        param.label = param.metavar or (param.name or "").upper()
        param.metavar = None
        param.__class__ = Argument
    elif type(param) is TyperOption:
        param.__class__ = Option
    return param


class _Chinese:
    """What :class:`Command` and :class:`Group` share (a mixin in front of typer's classes)."""

    context_class = Context

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[call-arg]
        for param in self.params:  # type: ignore[attr-defined]
            readable_in_help(param)

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        """Reading the command line: unknown or incomplete options, missing arguments, refused values."""
        given = list(args)  # the parser consumes the list
        try:
            return super().parse_args(ctx, args)  # type: ignore[misc]
        except click_errors.UsageError as error:
            raise _chinese(error, ctx, given) from error

    def invoke(self, ctx: click.Context) -> Any:
        """Running it: an unknown subcommand, a ``typer.BadParameter`` raised by the command itself, and the
        reader of the output going away."""
        try:
            return super().invoke(ctx)  # type: ignore[misc]
        except click_errors.UsageError as error:
            raise _chinese(error, ctx) from error
        except BrokenPipeError:
            raise _output_closed() from None

    def get_help_option(self, ctx: click.Context) -> Any:
        option = super().get_help_option(ctx)  # type: ignore[misc]
        if option is not None:
            option.help = HELP_OPTION_HELP
            readable_in_help(option)
        return option

    def format_help(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        use_chinese_rich_help()
        super().format_help(ctx, formatter)  # type: ignore[misc]


def _output_closed() -> typer.Exit:
    """Stop quietly when the reader of standard output has gone (``govreport summarize … | head``), with the code
    a shell gives a command killed by SIGPIPE, as ``cat`` gets. click would exit with 1, which here means that an
    input file failed."""
    import os
    import signal
    import sys

    from cli.common import EXIT_INTERRUPTED

    try:
        descriptor: int | None = sys.stdout.fileno()
    except (OSError, ValueError):  # captured output has no file descriptor, and nothing buffered to flush
        descriptor = None
    if descriptor is not None:
        # What is still buffered would fail again when Python flushes it at exit, with a message on stderr.
        os.dup2(os.open(os.devnull, os.O_WRONLY), descriptor)
    return typer.Exit(code=EXIT_INTERRUPTED + signal.SIGPIPE)


def _chinese(error: click_errors.UsageError, ctx: click.Context, args: list[str] | None = None) -> click_errors.UsageError:
    """The error to raise in place of ``error``: translated once (a group sees its subcommand's error again);
    the error that stands for "no arguments, show the help" passes through untouched."""
    if isinstance(error, (ChineseUsageError, click_errors.NoArgsIsHelpError)):
        return error
    use_chinese_rich_help()
    return translate(error, ctx, args)


class Command(_Chinese, TyperCommand):
    pass


class Group(_Chinese, TyperGroup):
    pass


class App(typer.Typer):
    """``typer.Typer`` with :class:`Group` and :class:`Command` and Chinese metavars in the usage line."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("cls", Group)
        kwargs.setdefault("options_metavar", OPTIONS_METAVAR)
        kwargs.setdefault("subcommand_metavar", SUBCOMMAND_METAVAR)
        super().__init__(**kwargs)

    def command(self, *args: Any, cls: type[TyperCommand] | None = None, **kwargs: Any) -> Any:
        return super().command(*args, cls=cls or Command, **kwargs)


# --- Rich help ------------------------------------------------------------------------------------------


def use_chinese_rich_help() -> None:
    """Set typer's rich help and error strings to Chinese, and its highlighter to one giving
    :class:`WrappingText` (typer reads both at the time it prints)."""
    from typer import rich_utils

    for name, value in RICH_STRINGS.items():
        setattr(rich_utils, name, value)
    if not isinstance(rich_utils.highlighter, WrappingHighlighter):
        rich_utils.highlighter = WrappingHighlighter(rich_utils.highlighter)


class WrappingHighlighter(Highlighter):
    """typer's highlighter (options, types, usage), returning :class:`WrappingText` and marking "用法："."""

    def __init__(self, inner: Highlighter) -> None:
        self.inner = inner

    def __call__(self, text: str | Text) -> Text:
        highlighted = WrappingText.of(self.inner(text))
        self.highlight(highlighted)
        return highlighted

    def highlight(self, text: Text) -> None:
        text.highlight_regex(f"^{USAGE_PREFIX}", style="usage")
