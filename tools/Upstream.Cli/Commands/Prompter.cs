using Spectre.Console;
using Upstream.Cli.Output;

namespace Upstream.Cli.Commands;

/// <summary>
/// Fills in what the command line left out: asked with Spectre's prompts in a terminal; without one (a script, a pipe)
/// nothing is asked and every missing option is named in one error (exit 2).
/// </summary>
public sealed class Prompter(CliConsole console)
{
    private readonly List<string> _missing = [];

    public string Text(string? given, string option, string question)
    {
        if (!string.IsNullOrWhiteSpace(given))
        {
            return given;
        }

        if (!console.Interactive)
        {
            _missing.Add(option);
            return "";
        }

        return console.Out.Prompt(new TextPrompt<string>($"{question.EscapeMarkup()}:"));
    }

    public T Choice<T>(T? given, string option, string question, IReadOnlyList<T> choices)
        where T : struct, Enum
    {
        if (given is { } value)
        {
            return value;
        }

        if (!console.Interactive)
        {
            _missing.Add(option);
            return default;
        }

        return console.Out.Prompt(new SelectionPrompt<T>().Title($"{question.EscapeMarkup()}?").AddChoices(choices).UseConverter(c => Render.Words(c)));
    }

    public void ThrowIfMissing()
    {
        if (_missing.Count > 0)
        {
            throw new CliException(ExitCodes.BadInput, $"Missing {string.Join(", ", _missing)} (not asked: the console is not interactive).");
        }
    }
}
