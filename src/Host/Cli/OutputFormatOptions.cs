using System.CommandLine;

namespace ArchPgtable.Host.Cli;

/// <summary>
/// The output convention every command shares: <c>--format text|json|csv</c> (plus command-specific
/// formats such as verify's <c>ktap</c>) and <c>--json</c>, an alias of <c>--format json</c>. Commands
/// added later call <see cref="AddTo"/> and <see cref="Get"/> and get the same spelling and errors.
/// </summary>
internal sealed class OutputFormatOptions
{
    private readonly string[] _names;

    /// <summary>Creates the options; <paramref name="extra"/> names formats beyond text, json and csv.</summary>
    public OutputFormatOptions(params OutputFormat[] extra)
    {
        _names = [.. new[] { OutputFormat.Text, OutputFormat.Json, OutputFormat.Csv }.Concat(extra).Select(Name)];
        Format = new Option<string>("--format")
        {
            Description = "Report format.",
            DefaultValueFactory = _ => "text",
            HelpName = string.Join('|', _names),
        };
        Format.AcceptOnlyFromAmong(_names);
        Json = new Option<bool>("--json") { Description = "Same as --format json." };
    }

    /// <summary><c>--format</c>.</summary>
    public Option<string> Format { get; }

    /// <summary><c>--json</c>.</summary>
    public Option<bool> Json { get; }

    /// <summary>Adds both options and the check that they agree to <paramref name="command"/>.</summary>
    public void AddTo(Command command)
    {
        command.Options.Add(Format);
        command.Options.Add(Json);
        command.Validators.Add(r =>
        {
            var format = r.GetResult(Format);
            if (r.GetValue(Json) && format is { Implicit: false } && r.GetValue(Format) != "json")
            {
                r.AddError($"--json and --format {r.GetValue(Format)} ask for different formats.");
            }
        });
    }

    /// <summary>The format asked for.</summary>
    public OutputFormat Get(ParseResult parse) =>
        parse.GetValue(Json) ? OutputFormat.Json : Enum.Parse<OutputFormat>(parse.GetValue(Format) ?? "text", ignoreCase: true);

    private static string Name(OutputFormat format) => format.ToString().ToLowerInvariant();
}
