using System.CommandLine;
using System.Globalization;
using ArchPgtable.Contracts.Running;
using ArchPgtable.Host.Verify;

namespace ArchPgtable.Host.Cli;

/// <summary>
/// The options of a command that runs generated contract cases (<c>verify</c>, <c>diff</c>): <c>--cases N</c>,
/// <c>--seed S</c> (a 64-bit run seed or a replay token; drawn and printed when absent) and <c>--helper NAME</c>,
/// with the same parsing and one-line errors in both.
/// </summary>
internal sealed class ContractRunOptions
{
    public ContractRunOptions(string casesDescription, string helperDescription)
    {
        Cases = new Option<int>("--cases")
        {
            Description = casesDescription,
            DefaultValueFactory = _ => 200,
            HelpName = "N",
            CustomParser = r =>
            {
                var text = r.Tokens.Count > 0 ? r.Tokens[0].Value : "";
                if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n >= 1)
                {
                    return n;
                }

                r.AddError($"--cases '{text}' is not a whole number from 1 to {int.MaxValue}.");
                return 0;
            },
        };
        Seed = new Option<string?>("--seed")
        {
            Description = "Run seed: any 64-bit integer (negative allowed), making the whole run deterministic; or a replay token a counterexample printed "
                + "(with --helper and --cases 1 it replays that case). Without it a random run seed is drawn and printed.",
            HelpName = "S",
            Validators = { r => Check(r, t => VerifySeed.Parse(t, out var e) is null ? e : null) },
        };
        Helper = new Option<string?>("--helper") { Description = helperDescription, HelpName = "NAME" };
        Helper.Validators.Add(r =>
        {
            var name = r.Tokens.Count > 0 ? r.Tokens[0].Value : null;
            if (name is not null && !ContractSuite.HelperNames.Contains(name))
            {
                r.AddError($"unknown helper '{name}'; known: {string.Join(", ", ContractSuite.HelperNames)}.");
            }
        });
    }

    /// <summary><c>--cases N</c>: generated cases per property (200 without it).</summary>
    public Option<int> Cases { get; }

    /// <summary><c>--seed S</c>.</summary>
    public Option<string?> Seed { get; }

    /// <summary><c>--helper NAME</c>.</summary>
    public Option<string?> Helper { get; }

    /// <summary>The seed asked for, or a drawn one.</summary>
    public VerifySeed GetSeed(ParseResult parse) => parse.GetValue(Seed) is { } s ? VerifySeed.Parse(s, out _)! : VerifySeed.Random();

    /// <summary>Adds an error to <paramref name="r"/> for each token <paramref name="error"/> rejects.</summary>
    public static void Check(System.CommandLine.Parsing.OptionResult r, Func<string, string?> error)
    {
        foreach (var token in r.Tokens)
        {
            if (error(token.Value) is { } message)
            {
                r.AddError(message);
            }
        }
    }
}
