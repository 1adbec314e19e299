using System.Globalization;
using ExpansionScoring.Cli.Configuration;
using ExpansionScoring.Cli.Demo;
using ExpansionScoring.Cli.Input;
using ExpansionScoring.Cli.Output;
using ExpansionScoring.Cli.Reports;

namespace ExpansionScoring.Cli.Commands;

/// <summary>The options of <c>expansion-score portfolio</c> and <c>expansion-score demo</c>; <see cref="Input"/> is <see langword="null"/> for the demo book.</summary>
internal sealed record PortfolioRequest(
    string? Input,
    string Format,
    string? Out,
    string? Model,
    string? Preset,
    string? Config,
    string? AsOf,
    string? Overrides,
    int? Top,
    bool Quiet)
{
    /// <summary>Gets how the input is written and mapped.</summary>
    public InputRequest InputOptions { get; init; } = InputRequest.None;

    /// <summary>Gets the input column whose values split the book into one portfolio each (<c>--group-by</c>), or <see langword="null"/>.</summary>
    public string? GroupBy { get; init; }
}

/// <summary>
/// <c>expansion-score portfolio INPUT</c> and <c>expansion-score demo</c>: scores a book into the core
/// <see cref="PortfolioAccumulator"/> one row at a time (memory does not grow with the book, except the heatmap the
/// HTML report draws) and writes the <see cref="Portfolio"/> as a table, JSON or a self-contained HTML report.
/// Rejected rows follow the rules of <c>score</c>: listed on standard error, exit code 2.
/// </summary>
internal static class PortfolioCommand
{
    /// <summary>The heatmap cells kept for the HTML report; larger books show the hottest ones and say how many were left out.</summary>
    public const int HtmlHeatmapLimit = 400;

    /// <summary>The group of the accounts whose <c>--group-by</c> column is empty.</summary>
    public const string NoValue = "(blank)";

    public static async Task<int> RunAsync(PortfolioRequest request, TextReader stdin, TextWriter stdout, TextWriter stderr, CliEnvironment environment, CancellationToken cancellationToken)
    {
        var asOf = CommonOptions.ParseAsOf(request.AsOf, environment);
        var options = ModelSetup.LoadOptions(request.Config, request.Model);
        var model = ModelSetup.Build(options, request.Preset, request.Config);
        var overrides = request.Overrides is null ? null : OverridesFile.Load(request.Overrides);
        var portfolioOptions = new PortfolioOptions { TopN = request.Top ?? 10, IncludeHeatmap = request.Format == "html" };
        var accumulator = new PortfolioAccumulator(model, asOf, portfolioOptions);
        var thinData = new ThinData(model.Signals.Count);
        var groups = new Dictionary<string, PortfolioAccumulator>(StringComparer.Ordinal);
        string source;
        string skipped = string.Empty;
        long rows, rejected = 0;

        if (request.Input is null)
        {
            source = "demo book";
            var book = DemoBook.Create(asOf);
            foreach (var account in book)
            {
                accumulator.Add(overrides is null ? account : overrides.Apply(account));
            }

            rows = book.Count;
        }
        else
        {
            source = request.Input == "-" ? "standard input" : Path.GetFileName(request.Input);
            var inputSettings = InputSetup.Settings(request.InputOptions, request.Config);
            int groupIndex = -1;
            if (request.GroupBy is { } groupColumn)
            {
                // The grouping column is read as a kept column; the mapping's own kept columns come first.
                groupIndex = inputSettings.Keep.Count;
                inputSettings.Keep.Add(groupColumn.Trim());
            }

            var values = InputSetup.Values(inputSettings);
            var schema = new InputSchema(options.Signals);
            using var input = AccountSources.Open(request.Input, stdin, schema, inputSettings, stderr.WriteLine);
            var parser = new AccountRowParser(schema, input.FieldNames, values, (input as CsvAccountSource)?.Map.ColumnOfField);
            bool showProgress = !request.Quiet && environment.ErrorIsTerminal;
            var held = new List<string>();
            long count = 0, bad = 0;
            await ProgressDisplay.RunAsync(showProgress, stderr, input.TotalBytes, progress =>
            {
                foreach (var row in input.ReadRows())
                {
                    count++;
                    if (count % ProgressDisplay.ReportEvery == 0)
                    {
                        cancellationToken.ThrowIfCancellationRequested();
                        progress(count, input.BytesRead);
                    }

                    var account = parser.Parse(row, out var rejection);
                    if (account is null)
                    {
                        bad++;
                        (showProgress ? (Action<string>)held.Add : stderr.WriteLine)($"rejected {rejection}");
                        continue;
                    }

                    var score = model.Score(overrides is null ? account : overrides.Apply(account), asOf);
                    accumulator.Add(score);
                    thinData.Add(score.Confidence, score.MissingSignalCount);
                    if (groupIndex >= 0)
                    {
                        string key = row.Kept.Length > groupIndex && row.Kept[groupIndex] is { } v ? v.Trim() : NoValue;
                        if (!groups.TryGetValue(key, out var group))
                        {
                            group = new PortfolioAccumulator(model, asOf, new PortfolioOptions { TopN = portfolioOptions.TopN });
                            groups.Add(key, group);
                        }

                        group.Add(score);
                    }
                }

                progress(count, input.BytesRead);
                return 0;
            }).ConfigureAwait(false);
            held.ForEach(stderr.WriteLine);
            rows = count;
            rejected = bad;
            skipped = AccountSources.Skipped(input, request.Input, stderr.WriteLine);
        }

        var portfolio = accumulator.ToPortfolio();
        string preset = options.Weights is null ? options.Preset : "custom weights";
        var report = new PortfolioReport(portfolio, source, ModelSetup.ModelName(request.Model, request.Config), preset, rows, rejected)
        {
            ThinDataWarning = thinData.Warning,
            GroupBy = request.GroupBy?.Trim(),
            Groups = [.. groups.OrderBy(g => g.Key == NoValue).ThenBy(g => g.Key, StringComparer.OrdinalIgnoreCase).Select(g => (g.Key, g.Value.ToPortfolio()))],
        };

        using (var output = request.Out is null ? OutputTarget.ToStandardOutput(stdout) : OutputTarget.ToFile(request.Out, "--out"))
        {
            switch (request.Format)
            {
                case "json":
                    PortfolioJson.Write(output.Writer, report);
                    break;
                case "html":
                    PortfolioHtml.Write(output.Writer, report, HtmlHeatmapLimit);
                    break;
                default:
                    PortfolioTable.Write(Consoles.Create(output.Writer, isTerminal: !output.IsFile && environment.OutputIsTerminal, environment.TerminalWidth), report);
                    break;
            }

            output.Commit();
        }

        overrides?.Report(stderr, request.Quiet);

        if (request.Input is not null)
        {
            if (rows == 0)
            {
                stderr.WriteLine($"warning: {request.Input}: no data rows");
            }

            if (report.ThinDataWarning is { } thin)
            {
                stderr.WriteLine($"warning: {thin}");
            }

            if (!request.Quiet)
            {
                stderr.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"summarised {portfolio.AccountCount:N0} of {rows:N0} rows ({rejected:N0} rejected{skipped}) as of {Formatting.Date(asOf)} with model {report.Model}, preset {preset}"));
            }
        }

        return rejected > 0 || overrides?.RejectedCount > 0 ? ExitCodes.RowsRejected : ExitCodes.Success;
    }
}
