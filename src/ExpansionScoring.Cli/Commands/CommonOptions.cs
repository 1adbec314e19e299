using System.CommandLine;
using System.CommandLine.Parsing;
using ExpansionScoring.Cli.Input;

namespace ExpansionScoring.Cli.Commands;

/// <summary>The options shared by several commands, created per command so each can be added to its own command.</summary>
internal sealed class CommonOptions
{
    public Option<string> Preset { get; } = new("--preset") { Description = "Weight preset, case-insensitive: MidMarketBalanced (default), Enterprise, ProductLed, SmbSeatHeavy, or one defined in --config", HelpName = "NAME" };

    public Option<string> Config { get; } = new("--config") { Description = "JSON file with the library's options (ExpansionScoringOptions)", HelpName = "FILE" };

    public Option<string> AsOf { get; } = new("--as-of") { Description = "Score as of this date (renewals, trigger decay, tenure); default: today in UTC", HelpName = "yyyy-MM-dd" };

    public Option<string> Overrides { get; } = new("--overrides") { Description = "CSV of pitch-window overrides: account_id,window,reason[,author][,expires]", HelpName = "FILE" };

    public Option<int?> Top { get; } = CreateTop();

    public Option<bool> Quiet { get; } = new("--quiet", "-q") { Description = "No progress bar or summary on standard error (warnings and rejected rows are still listed)" };

    public IEnumerable<Option> All => [Preset, Config, AsOf, Overrides, Top, Quiet];

    public static Option<string> Format(string defaultValue, params string[] allowed)
    {
        var option = new Option<string>("--format", "-f")
        {
            Description = $"Output format: {string.Join(", ", allowed)}",
            HelpName = string.Join('|', allowed),
            DefaultValueFactory = _ => defaultValue,
            CustomParser = result => result.Tokens.Count > 0 ? result.Tokens[^1].Value.ToLowerInvariant() : defaultValue,
        };
        option.Validators.Add(result =>
        {
            string? value = result.GetValueOrDefault<string>();
            if (value is not null && !allowed.Contains(value))
            {
                result.AddError($"--format: '{value}' is not a format here (allowed: {string.Join(", ", allowed)})");
            }
        });
        return option;
    }

    public static Option<string> Out() => new("--out", "-o") { Description = "Write the result to this file instead of standard output", HelpName = "FILE" };

    /// <summary>Parses <c>--as-of</c>, or gives today in UTC from the environment's clock.</summary>
    /// <exception cref="CliException">The date is not yyyy-MM-dd.</exception>
    public static DateOnly ParseAsOf(string? text, CliEnvironment environment)
    {
        if (text is null)
        {
            return environment.TodayUtc;
        }

        return AccountRowParser.TryParseDate(text, out var date)
            ? date
            : throw new CliException($"--as-of: '{text}' is not a date (expected yyyy-MM-dd, for example 2026-11-23)");
    }

    private static Option<int?> CreateTop() => new("--top")
    {
        Description = "Only the N largest opportunities (score: those accounts, largest first)",
        HelpName = "N",
        CustomParser = result =>
        {
            string text = result.Tokens.Count > 0 ? result.Tokens[^1].Value : string.Empty;
            if (int.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out int n) && n >= 1)
            {
                return n;
            }

            result.AddError($"--top: '{text}' is not a whole number of at least 1");
            return null;
        },
    };
}
