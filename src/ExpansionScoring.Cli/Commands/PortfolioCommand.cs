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
/// HTML report's board lists, up to its cap) and writes the <see cref="Portfolio"/> as a table, JSON or a self-contained HTML report.
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
        var thinData = new ThinData(model);
        bool html = request.Format == "html";
        BoardData? board = html && request.Input is null ? new BoardData(model, asOf) : null;
        AccountScore Add(Account account, string?[]? kept = null)
        {
            var score = model.Score(account, asOf);
            accumulator.Add(score);
            thinData.Add(score.Confidence, score.MissingSignalCount);
            board?.Add(account, kept);
            return score;
        }

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
                Add(overrides is null ? account : overrides.Apply(account));
            }

            rows = book.Count;
        }
        else
        {
            var inputSettings = InputSetup.Settings(request.InputOptions, request.Config);

            // The board lists the mapping's kept columns (such as the owner), not the grouping column added below.
            board = html ? new BoardData(model, asOf, keptColumns: inputSettings.Keep) : null;
            int groupIndex = -1;
            if (request.GroupBy is { } groupColumn)
            {
                // The grouping column is read as a kept column; the mapping's own kept columns come first.
                groupIndex = inputSettings.Keep.Count;
                inputSettings.Keep.Add(groupColumn.Trim());
            }

            var values = InputSetup.Values(inputSettings);
            var schema = new InputSchema(options.Signals);

            // Overrides, --group-by and the HTML board need each account whole: the row route. Otherwise the batch path.
            Func<Account, string?[], AccountScore>? perRow = overrides is null && groupIndex < 0 && board is null ? null : (account, kept) =>
            {
                var score = Add(overrides is null ? account : overrides.Apply(account), kept);
                if (groupIndex >= 0)
                {
                    string key = kept.Length > groupIndex && kept[groupIndex] is { } v ? v.Trim() : NoValue;
                    if (!groups.TryGetValue(key, out var group))
                    {
                        group = new PortfolioAccumulator(model, asOf, new PortfolioOptions { TopN = portfolioOptions.TopN });
                        groups.Add(key, group);
                    }

                    group.Add(score);
                }

                return score;
            };

            if (Partitions.Resolve(request.Input) is { } parts)
            {
                // A book in parts: on the batch path each part is summed on its own, in parallel, and the parts'
                // accumulators merged, which is exact in any grouping; the row route takes the parts one after another.
                source = $"{request.Input} ({parts.Count} part{(parts.Count > 1 ? "s" : string.Empty)})";
                var results = new (PortfolioAccumulator Part, ThinData Thin, long Rows, long Bad, List<string> Messages)[parts.Count];
                await Parallel.ForAsync(0, parts.Count, new ParallelOptions { MaxDegreeOfParallelism = perRow is null ? Environment.ProcessorCount : 1, CancellationToken = cancellationToken }, async (i, ct) =>
                {
                    var part = perRow is null ? new PortfolioAccumulator(model, asOf, portfolioOptions) : accumulator;
                    var thin = perRow is null ? new ThinData(model) : thinData;
                    var messages = new List<string>();
                    var (count, bad, _) = await SummariseAsync(parts[i], stdin, stderr, schema, inputSettings, values, model, asOf, perRow, part, thin, showProgress: false, messages, $"{parts[i]}: ", ct).ConfigureAwait(false);
                    results[i] = (part, thin, count, bad, messages);
                }).ConfigureAwait(false);
                rows = 0;
                foreach (var (part, thin, count, bad, messages) in results)
                {
                    messages.ForEach(stderr.WriteLine);
                    if (perRow is null)
                    {
                        accumulator.Merge(part);
                        thinData.Merge(thin);
                    }

                    rows += count;
                    rejected += bad;
                }
            }
            else
            {
                source = request.Input == "-" ? "standard input" : Path.GetFileName(request.Input);
                bool showProgress = !request.Quiet && environment.ErrorIsTerminal;
                var held = new List<string>();
                (rows, rejected, skipped) = await SummariseAsync(request.Input, stdin, stderr, schema, inputSettings, values, model, asOf, perRow, accumulator, thinData, showProgress, held, string.Empty, cancellationToken).ConfigureAwait(false);
                held.ForEach(stderr.WriteLine);
            }
        }

        var portfolio = accumulator.ToPortfolio();
        string preset = options.Weights is null ? options.Preset : "custom weights";
        var report = new PortfolioReport(portfolio, source, ModelSetup.ModelName(request.Model, request.Config), preset, rows, rejected, board)
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
                    $"summarised {portfolio.AccountCount:N0} of {rows:N0} rows ({rejected:N0} rejected{skipped}) as of {Formatting.Date(asOf)} with model {report.Model}, preset {preset}, peak memory {ProcessMemory.PeakMb()} MB"));
            }
        }

        return rejected > 0 || overrides?.RejectedCount > 0 ? ExitCodes.RowsRejected : ExitCodes.Success;
    }

    /// <summary>
    /// Scores one book (or one part of it) into <paramref name="accumulator"/>: on the batch path when
    /// <paramref name="perRow"/> is <see langword="null"/>, otherwise each accepted account (with its kept values) is
    /// handed to <paramref name="perRow"/>, which adds it. Rejections go to <paramref name="held"/> when progress is shown
    /// or the book is a part (to be printed in order afterwards), otherwise straight to standard error.
    /// </summary>
    private static async Task<(long Rows, long Rejected, string Skipped)> SummariseAsync(string path, TextReader stdin, TextWriter stderr, InputSchema schema, InputSettings inputSettings, ValueParser values, ScoringModel model, DateOnly asOf, Func<Account, string?[], AccountScore>? perRow, PortfolioAccumulator accumulator, ThinData thinData, bool showProgress, List<string> held, string prefix, CancellationToken cancellationToken)
    {
        bool hold = showProgress || prefix.Length > 0;
        Action<string> say = hold ? held.Add : stderr.WriteLine;
        using var input = AccountSources.Open(path, stdin, schema, inputSettings, say);
        var parser = new AccountRowParser(schema, input.FieldNames, values, (input as CsvAccountSource)?.Map.ColumnOfField);
        long count = 0, bad = 0;
        if (perRow is null)
        {
            // The batch path: chunks of columns scored at once, summed from their outcome columns.
            var run = new CompactScoreRun(parser, model, asOf, new PortfolioSink(accumulator), rejection => say($"{prefix}rejected {rejection}"), strict: false);
            await ProgressDisplay.RunAsync(showProgress, stderr, input.TotalBytes, progress => run.Execute(input, progress, cancellationToken)).ConfigureAwait(false);
            thinData.Merge(run.Thin);
            return (run.Rows, run.Rejected, AccountSources.Skipped(input, path, say));
        }

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
                    say($"{prefix}rejected {rejection}");
                    continue;
                }

                perRow(account, row.Kept);
            }

            progress(count, input.BytesRead);
            return 0;
        }).ConfigureAwait(false);
        return (count, bad, AccountSources.Skipped(input, path, say));
    }
}
