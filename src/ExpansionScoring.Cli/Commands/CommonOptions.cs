using System.CommandLine;
using System.CommandLine.Parsing;
using ExpansionScoring.Cli.Input;

namespace ExpansionScoring.Cli.Commands;

/// <summary>The options shared by several commands, created per command so each can be added to its own command.</summary>
internal sealed class CommonOptions
{
    public Option<string> Preset { get; } = new("--preset") { Description = "Weight preset, case-insensitive: MidMarketBalanced (default), Enterprise, ProductLed, SmbSeatHeavy, or one defined in --config", HelpName = "NAME" };

    public Option<string> Model { get; } = new("--model") { Description = "Ready-made scoring model, case-insensitive: Expansion (default), FourDimension, ReadinessPoints, PqlPoints, Health", HelpName = "NAME" };

    public Option<string> Config { get; } = new("--config") { Description = "JSON file with the library's options (ExpansionScoringOptions)", HelpName = "FILE" };

    public Option<string> AsOf { get; } = new("--as-of") { Description = "Score as of this date (renewals, trigger decay, tenure); default: today in UTC", HelpName = "yyyy-MM-dd" };

    public Option<string> Overrides { get; } = new("--overrides") { Description = "CSV of pitch-window overrides: account_id,window,reason[,author][,expires]", HelpName = "FILE" };

    public Option<int?> Top { get; } = CreateTop();

    public Option<bool> Quiet { get; } = new("--quiet", "-q") { Description = "No progress bar or summary on standard error (warnings and rejected rows are still listed)" };

    public IEnumerable<Option> All => [Model, Preset, Config, AsOf, Overrides, Top, Quiet];

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

/// <summary>The options that say how an input file is written and mapped, for the commands that read a book.</summary>
internal sealed class InputOptions
{
    public Option<string[]> Map { get; } = new("--map") { Description = "Map an input field to a column of the file, as FIELD=COLUMN (the header text, any case); repeatable, for example --map account_id=\"Record ID\"", HelpName = "FIELD=COLUMN", AllowMultipleArgumentsPerToken = false };

    public Option<string> Mapping { get; } = new("--mapping") { Description = "JSON file with the column mapping and how the file is written: {\"columns\": {\"account_id\": \"Record ID\"}, \"culture\": \"de-DE\", \"delimiter\": \";\", \"dateFormats\": [...], \"encoding\": \"windows-1252\", \"sheet\": \"...\", \"keep\": [...]}; flags win over it", HelpName = "FILE" };

    public Option<string> Culture { get; } = new("--culture") { Description = "Culture the values are written in, such as en-US or de-DE (decimal mark, thousands separator, short date); default: invariant, '.' decimals and ISO dates", HelpName = "NAME" };

    public Option<string> Delimiter { get; } = new("--delimiter") { Description = "Field separator: , ; | or tab; default: detected from the header line", HelpName = "CHAR" };

    public Option<string> Encoding { get; } = new("--encoding") { Description = "Text encoding of the file, such as windows-1252 or iso-8859-1; default: UTF-8 (UTF-8 and UTF-16 byte order marks are honoured)", HelpName = "NAME" };

    public Option<string[]> DateFormat { get; } = new("--date-format") { Description = "A date format the file uses, such as dd.MM.yyyy or M/d/yyyy (tried after ISO dates); repeatable", HelpName = "FORMAT", AllowMultipleArgumentsPerToken = false };

    public Option<string> Sheet { get; } = new("--sheet") { Description = "Worksheet of an .xlsx workbook to read; default: the first", HelpName = "NAME" };

    public Option<string> Keep { get; } = new("--keep") { Description = "Input columns to copy into the output next to the scores, comma-separated, such as \"Company owner,Region\"", HelpName = "COLUMNS" };

    public IEnumerable<Option> All => [Map, Mapping, Culture, Delimiter, Encoding, DateFormat, Sheet, Keep];

    /// <summary>Reads the options' values from a parse result.</summary>
    public InputRequest Request(ParseResult parse) => new(
        parse.GetValue(Map) ?? [],
        parse.GetValue(Mapping),
        parse.GetValue(Culture),
        parse.GetValue(Delimiter),
        parse.GetValue(Encoding),
        parse.GetValue(DateFormat) ?? [],
        parse.GetValue(Sheet),
        parse.GetValue(Keep));
}
