using Spectre.Console;

namespace ArchPgtable.Host.Cli;

/// <summary>
/// A Spectre.Console console on the context's output: colours and the terminal's width on a
/// terminal; otherwise no escape codes, ASCII borders and a fixed 120 columns (tables are built to fit 80; prose lines are not wrapped below 120), so that logs and
/// golden files are stable.
/// </summary>
internal static class ConsoleFactory
{
    public const int RedirectedWidth = 120;

    public static IAnsiConsole Create(CliContext context)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = context.IsTerminal ? AnsiSupport.Detect : AnsiSupport.No,
            ColorSystem = context.IsTerminal ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
            Out = new AnsiConsoleOutput(context.Out),
        });
        if (!context.IsTerminal)
        {
            console.Profile.Width = RedirectedWidth;
            console.Profile.Capabilities.Unicode = false;
        }

        return console;
    }
}
