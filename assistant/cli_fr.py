"""French for the words of ``dareic --help`` and of usage errors that Typer writes itself
("Usage:", "Commands", "Show this message and exit.", ``<str>``, "Missing argument"…).

Typer has no translation catalogue: ``install()`` sets its help-panel titles, wraps the few
methods that hold English literals, and leaves everything else as it is. Idempotent."""
from __future__ import annotations

import re

USAGE = "Utilisation : "
HELP_OPTION = "Afficher cette aide et quitter."

# Typer shows each option's type as <str>, <int>, <path>…; a flag needs none.
TYPES = {"str": "texte", "int": "entier", "float": "nombre", "path": "chemin", "file": "fichier",
         "directory": "dossier", "dir": "dossier", "bool": "oui|non"}

PANELS = {
    "ARGUMENTS_PANEL_TITLE": "Arguments",
    "OPTIONS_PANEL_TITLE": "Options",
    "COMMANDS_PANEL_TITLE": "Commandes",
    "ERRORS_PANEL_TITLE": "Erreur",
    "ABORTED_TEXT": "Interrompu.",
    "RICH_HELP": "Aide : [blue]{command_path} {help_option}[/]",
    "DEFAULT_STRING": "[par défaut : {}]",
    "ENVVAR_STRING": "[variable d'environnement : {}]",
    "REQUIRED_LONG_STRING": "[obligatoire]",
    "DEPRECATED_STRING": "(obsolète) ",
}

ERRORS = [
    (re.compile(r"^Missing argument '?([^'.]+)'?\.?"), r"Argument manquant : \1."),
    (re.compile(r"^Missing option '?([^'.]+)'?\.?"), r"Option manquante : \1."),
    (re.compile(r"^Missing parameter: (.+)"), r"Paramètre manquant : \1"),
    (re.compile(r"^Missing command\."), "Commande manquante."),
    (re.compile(r"^No such command '(.+)'\."), r"Commande inconnue : « \1 »."),
    (re.compile(r"^No such option: (.+)"), r"Option inconnue : \1"),
    (re.compile(r"\(Possible options: (.+)\)"), r"(options possibles : \1)"),
    (re.compile(r"^Got unexpected extra arguments? \((.+)\)"), r"Argument(s) en trop : \1"),
    (re.compile(r"^Invalid value for (.+?): "), r"Valeur invalide pour \1 : "),
    (re.compile(r"^Invalid value: "), "Valeur invalide : "),
    (re.compile(r"'(.+)' is not a valid integer\.?"), r"« \1 » n'est pas un nombre entier."),
    (re.compile(r"'(.+)' is not a valid float\.?"), r"« \1 » n'est pas un nombre."),
    (re.compile(r"'(.+)' is not one of (.+)\.?$"), r"« \1 » n'est pas l'une des valeurs \2."),
    (re.compile(r"Option '(.+)' requires an argument\.?"), r"L'option \1 attend une valeur."),
    (re.compile(r"Input should be a valid integer.*"), "un nombre entier est attendu."),
    (re.compile(r"Input should be a valid number.*"), "un nombre est attendu."),
    (re.compile(r"Input should be greater than or equal to (\S+)"), r"la valeur doit être au moins \1"),
    (re.compile(r"Input should be less than or equal to (\S+)"), r"la valeur doit être au plus \1"),
    (re.compile(r"(\S+) is not in the range (\S+)\.?"), r"\1 est hors de l'intervalle \2."),
]
# Placeholders of the usage line.
METAVARS = [("COMMAND [ARGS]...", "COMMANDE [ARGUMENTS]..."), ("[ARGS]...", "[ARGUMENTS]...")]


def french_error(message: str) -> str:
    for pattern, repl in ERRORS:
        message = pattern.sub(repl, message)
    return message


def french_type(shown: str | None, is_flag: bool = False) -> str | None:
    """``<str>`` → ``<texte>``; a flag's ``<bool>`` is dropped."""
    if shown is None:
        return None
    m = re.fullmatch(r"<(list\[)?(\w+)\]?(?: range)?>(\.\.\.)?", shown)
    if not m:
        return shown
    if is_flag and m.group(2) == "bool":
        return None
    name = TYPES.get(m.group(2).lower(), m.group(2))
    return f"<{name}>…" if m.group(1) or m.group(3) else f"<{name}>"


def install() -> None:
    from typer import core, rich_utils
    from typer._click import core as click_core
    from typer._click import exceptions, formatting

    if getattr(core, "_dareic_fr", False):
        return
    for name, value in PANELS.items():
        if hasattr(rich_utils, name):
            setattr(rich_utils, name, value)

    write_usage = formatting.HelpFormatter.write_usage

    def french_usage(self, prog: str, args: str = "", prefix: str | None = None) -> None:
        for english, french in METAVARS:
            args = args.replace(english, french)
        write_usage(self, prog, args, USAGE if prefix is None else prefix)

    formatting.HelpFormatter.write_usage = french_usage
    # The rich help writes the usage line itself: its "Usage: " prefix is highlighted by a regex.
    rich_utils.OptionHighlighter.highlights = [h.replace("Usage: ", USAGE) for h in rich_utils.OptionHighlighter.highlights]

    get_help_option = click_core.Command.get_help_option

    def french_help_option(self, ctx):
        option = get_help_option(self, ctx)
        if option is not None and option.help == "Show this message and exit.":
            option.help = HELP_OPTION
        return option

    click_core.Command.get_help_option = french_help_option

    get_usage = click_core.Context.get_usage

    def french_get_usage(self) -> str:
        return re.sub(r"^Usage: ", USAGE, get_usage(self))

    click_core.Context.get_usage = french_get_usage

    for cls in (core.TyperOption, core.TyperArgument):
        shown = cls.display_type_rich

        def french_display(self, ctx, _shown=shown):
            return french_type(_shown(self, ctx), bool(getattr(self, "is_flag", False)))

        cls.display_type_rich = french_display

    for cls in (exceptions.ClickException, exceptions.BadParameter, exceptions.MissingParameter,
                exceptions.NoSuchOption):
        if "format_message" in cls.__dict__:
            original = cls.__dict__["format_message"]

            def french_message(self, _original=original) -> str:
                return french_error(_original(self))

            cls.format_message = french_message
    core._dareic_fr = True
