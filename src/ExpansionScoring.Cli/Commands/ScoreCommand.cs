using System.Diagnostics;
using System.Globalization;
using ExpansionScoring.Cli.Configuration;
using ExpansionScoring.Cli.Input;
using ExpansionScoring.Cli.Output;
using ExpansionScoring.Pitch;
using ExpansionScoring.Cli.Reports;

namespace ExpansionScoring.Cli.Commands;

/// <summary>The options of <c>expansion-score score</c>.</summary>
internal sealed record ScoreRequest(
    string Input,
    string Format,
    string? Out,
    string? Rejects,
    bool Strict,
    string? Model,
    string? Preset,
    string? Config,
    string? AsOf,
    string? Overrides,
    int? Top,
    bool Quiet,
    bool Compact = false,
    bool Pitch = false)
{
    /// <summary>Gets how the input is written and mapped.</summary>
    public InputRequest InputOptions { get; init; } = InputRequest.None;

    /// <summary>Gets a value indicating whether the CSV is written for a spreadsheet (<c>--excel</c>): a byte order mark, and the <c>--culture</c>'s separator and decimal mark.</summary>
    public bool Excel { get; init; }
}

/// <summary>
/// <c>expansion-score score INPUT</c>: reads the book row by row, scores each account with the model and streams the
/// results out; every row is either scored or listed as rejected. Exit 0 when every row was scored, 2 when some were
/// rejected, 1 when nothing could be done (or <c>--strict</c> met a bad row).
/// </summary>
internal static class ScoreCommand
{
    /// <summary>The output format: as given with <c>--format</c>, else <c>parquet</c> for an <c>--out</c> file named <c>.parquet</c>, else <c>csv</c>.</summary>
    public static string Format(string? given, string? output)
        => given ?? (output is not null && output.EndsWith(".parquet", StringComparison.OrdinalIgnoreCase) ? "parquet" : "csv");

    public static async Task<int> RunAsync(ScoreRequest request, TextReader stdin, TextWriter stdout, TextWriter stderr, CliEnvironment environment, CancellationToken cancellationToken)
    {
        // Everything that can be wrong with the arguments is checked before any output is opened.
        var asOf = CommonOptions.ParseAsOf(request.AsOf, environment);
        var options = ModelSetup.LoadOptions(request.Config, request.Model);
        var model = ModelSetup.Build(options, request.Preset, request.Config);
        var overrides = request.Overrides is null ? null : OverridesFile.Load(request.Overrides, request.Strict);
        if (request.Excel && request.Format != "csv")
        {
            throw new CliException($"--excel writes CSV; it cannot be combined with --format {request.Format}");
        }

        // Parquet holds the --compact columns, written from the same batch path.
        bool parquet = request.Format == "parquet";
        string compactName = parquet ? "--format parquet" : "--compact";
        if (request.Compact || parquet)
        {
            if (request.Format is not ("csv" or "parquet"))
            {
                throw new CliException($"--compact writes CSV; it cannot be combined with --format {request.Format}");
            }

            if (request.Pitch)
            {
                throw new CliException($"{compactName} writes only the numbers and names; it cannot be combined with --pitch");
            }

            if (request.Top is not null || request.Overrides is not null)
            {
                throw new CliException($"{compactName} scores every account as computed; it cannot be combined with {(request.Top is not null ? "--top" : "--overrides")}");
            }
        }

        if (parquet && request.Out is null)
        {
            throw new CliException("--format parquet writes a file: give --out FILE.parquet (a Parquet file ends with its index, so it cannot stream to standard output)");
        }

        if (parquet && FileKinds.Of(request.Out!) is FileKind.CharacterDevice or FileKind.BlockDevice or FileKind.Fifo)
        {
            throw new CliException(NotSeekable(request.Out!));
        }

        OutputTarget.RequireDistinct(request.Out, "--out", request.Rejects, "--rejects");
        var inputSettings = InputSetup.Settings(request.InputOptions, request.Config);
        var values = InputSetup.Values(inputSettings);
        var schema = new InputSchema(options.Signals);
        using var source = Partitions.Resolve(request.Input) is { } parts
            ? new ChainedAccountSource(parts, schema, inputSettings, stderr.WriteLine)
            : AccountSources.Open(request.Input, stdin, schema, inputSettings, stderr.WriteLine);
        var parser = new AccountRowParser(schema, source.FieldNames, values, (source as CsvAccountSource)?.Map.ColumnOfField);

        using var output = request.Out is null ? OutputTarget.ToStandardOutput(stdout) : OutputTarget.ToFile(request.Out, "--out");
        using var rejectsOutput = request.Rejects is null ? null : OutputTarget.ToFile(request.Rejects, "--rejects");
        using var rejectsCsv = rejectsOutput is null ? null : new RejectsCsvWriter(rejectsOutput.Writer);
        bool showProgress = !request.Quiet && environment.ErrorIsTerminal;
        var heldMessages = new List<string>();
        void Report(Rejection rejection)
        {
            if (rejectsCsv is not null)
            {
                rejectsCsv.Write(rejection);
            }
            else if (showProgress)
            {
                heldMessages.Add($"rejected {rejection}");
            }
            else
            {
                stderr.WriteLine($"rejected {rejection}");
            }
        }

        var clock = Stopwatch.StartNew();
        if (request.Compact || parquet || (request.Format == "csv" && request.Top is null && overrides is null && !request.Pitch))
        {
            return await RunBatchAsync(request, stderr, model, asOf, options, source, parser, output, rejectsOutput, rejectsCsv, showProgress, heldMessages, Report, clock, cancellationToken).ConfigureAwait(false);
        }

        var excel = request.Excel ? CsvOutput.ForExcel(values.Culture) : null;
        if (excel is not null)
        {
            CsvOutput.StartForExcel(output.Writer);
        }

        var keepNames = (source as CsvAccountSource)?.Map.KeepNames ?? [];
        using var writer = CreateWriter(request.Format, output, asOf, model, environment, keepNames, excel, request.Pitch);
        var run = new ScoreRun(parser, model, asOf, overrides, writer, Report, request.Strict, request.Top, writer.ListsRejections, (writer as TableResultWriter)?.Totals, request.Pitch ? PitchScriptBuilder.Default : null);
        try
        {
            await ProgressDisplay.RunAsync(showProgress, stderr, source.TotalBytes, progress => run.Execute(source, progress, cancellationToken)).ConfigureAwait(false);
        }
        finally
        {
            foreach (string message in heldMessages)
            {
                stderr.WriteLine(message);
            }
        }

        string preset = options.Weights is null ? options.Preset : "custom weights";
        writer.Complete(new RunSummary(run.Rows, run.Scored, run.Rejected, asOf, preset) { Skipped = source.BlankRows + source.Footer.Count }, run.Rejections);
        writer.Dispose();
        rejectsCsv?.Dispose();
        output.Commit();
        rejectsOutput?.Commit();
        clock.Stop();

        overrides?.Report(stderr, request.Quiet);

        string skipped = AccountSources.Skipped(source, request.Input, stderr.WriteLine);
        if (run.Rows == 0)
        {
            stderr.WriteLine($"warning: {request.Input}: no data rows");
        }

        if (run.Thin.Warning is { } thin)
        {
            stderr.WriteLine($"warning: {thin}");
        }


        if (run.Rejected > 0 && request.Rejects is not null)
        {
            stderr.WriteLine($"{run.Rejected.ToString("N0", CultureInfo.InvariantCulture)} row{(run.Rejected > 1 ? "s" : string.Empty)} rejected; listed in {request.Rejects}");
        }

        if (!request.Quiet)
        {
            double seconds = Math.Max(clock.Elapsed.TotalSeconds, 1e-3);
            stderr.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"scored {run.Scored:N0} of {run.Rows:N0} rows ({run.Rejected:N0} rejected{skipped}) as of {Formatting.Date(asOf)} with preset {preset} in {seconds:0.0} s ({run.Rows / seconds:N0} rows/s), peak memory {ProcessMemory.PeakMb()} MB"));
        }

        return run.Rejected > 0 || overrides?.RejectedCount > 0 ? ExitCodes.RowsRejected : ExitCodes.Success;
    }

    /// <summary>
    /// The CSV outputs on the batch path: <c>--compact</c>, and the default CSV (explained only as it is written, by
    /// <see cref="ExplainedCsvWriter"/>) when no <c>--top</c>, <c>--overrides</c> or <c>--pitch</c> asks for the row route.
    /// </summary>
    private static async Task<int> RunBatchAsync(ScoreRequest request, TextWriter stderr, ScoringModel model, DateOnly asOf, ExpansionScoringOptions options, IAccountSource source, AccountRowParser parser, OutputTarget output, OutputTarget? rejectsOutput, RejectsCsvWriter? rejectsCsv, bool showProgress, List<string> heldMessages, Action<Rejection> report, Stopwatch clock, CancellationToken cancellationToken)
    {
        var keepNames = (source as CsvAccountSource)?.Map.KeepNames ?? [];
        IScoredSink writer;
        if (request.Format == "parquet")
        {
            writer = output.FileStream is { CanSeek: true } file
                ? new ParquetResultWriter(file, model, keepNames)
                : throw new CliException(NotSeekable(request.Out!));
        }
        else
        {
            var excel = request.Excel ? CsvOutput.ForExcel(parser.Values.Culture) : null;
            if (excel is not null)
            {
                CsvOutput.StartForExcel(output.Writer);
            }

            var file = excel is null ? output.FileStream : null;
            writer = request.Compact
                ? file is not null ? new CompactCsvWriter(file, model, keepNames) : new CompactCsvWriter(output.Writer, model, keepNames, excel)
                : new ExplainedCsvWriter(file is not null ? new CsvResultWriter(file, asOf, model.Signals, keepNames) : new CsvResultWriter(output.Writer, asOf, model.Signals, keepNames, excel), model, asOf);
        }

        var run = new CompactScoreRun(parser, model, asOf, writer, report, request.Strict);
        try
        {
            await ProgressDisplay.RunAsync(showProgress, stderr, source.TotalBytes, progress => run.Execute(source, progress, cancellationToken)).ConfigureAwait(false);
        }
        finally
        {
            foreach (string message in heldMessages)
            {
                stderr.WriteLine(message);
            }
        }

        ((IDisposable)writer).Dispose();
        rejectsCsv?.Dispose();
        output.Commit();
        rejectsOutput?.Commit();
        clock.Stop();
        string skipped = AccountSources.Skipped(source, request.Input, stderr.WriteLine);
        if (run.Rows == 0)
        {
            stderr.WriteLine($"warning: {request.Input}: no data rows");
        }

        if (run.Thin.Warning is { } thin)
        {
            stderr.WriteLine($"warning: {thin}");
        }

        if (run.Rejected > 0 && request.Rejects is not null)
        {
            stderr.WriteLine($"{run.Rejected.ToString("N0", CultureInfo.InvariantCulture)} row{(run.Rejected > 1 ? "s" : string.Empty)} rejected; listed in {request.Rejects}");
        }

        if (!request.Quiet && writer is ExplainedCsvWriter)
        {
            string preset = options.Weights is null ? options.Preset : "custom weights";
            double seconds = Math.Max(clock.Elapsed.TotalSeconds, 1e-3);
            stderr.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"scored {run.Scored:N0} of {run.Rows:N0} rows ({run.Rejected:N0} rejected{skipped}) as of {Formatting.Date(asOf)} with preset {preset} in {seconds:0.0} s ({run.Rows / seconds:N0} rows/s), peak memory {ProcessMemory.PeakMb()} MB"));
        }
        else if (!request.Quiet)
        {
            string preset = options.Weights is null ? options.Preset : "custom weights";
            double seconds = Math.Max(clock.Elapsed.TotalSeconds, 1e-3);
            string path = run.Path == Columnar.ScoringPath.General ? $"the general engine{(model.BatchPathFallbackReason is { } why ? $" ({why})" : string.Empty)}" : "the batch path";
            stderr.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"scored {run.Scored:N0} of {run.Rows:N0} rows ({run.Rejected:N0} rejected{skipped}) as of {Formatting.Date(asOf)} with preset {preset} on {path} in {seconds:0.00} s ({run.Rows / seconds:N0} rows/s), peak memory {ProcessMemory.PeakMb()} MB"));
        }

        return run.Rejected > 0 ? ExitCodes.RowsRejected : ExitCodes.Success;
    }

    private static string NotSeekable(string path) => $"--out {path}: Parquet is written to a regular file (it ends with an index of where each part starts), not to a device or a FIFO";

    private static IResultWriter CreateWriter(string format, OutputTarget output, DateOnly asOf, ScoringModel model, CliEnvironment environment, IReadOnlyList<string> keepNames, CsvHelper.CsvWriterOptions? csvOptions, bool pitch) => format switch
    {
        "json" => new JsonDocumentWriter(output.Writer) { KeepNames = keepNames },
        "jsonl" => new JsonLinesWriter(output.Writer) { KeepNames = keepNames },
        "table" => new TableResultWriter(
            Consoles.Create(output.Writer, isTerminal: !output.IsFile && environment.OutputIsTerminal, environment.TerminalWidth),
            model,
            asOf,
            pitch) { KeepNames = keepNames },
        _ => new CsvResultWriter(output.Writer, asOf, model.Signals, keepNames, csvOptions, pitch),
    };
}

/// <summary>The row loop of one scoring run: parse, apply the override, explain, write; count everything.</summary>
internal sealed class ScoreRun(
    AccountRowParser parser,
    ScoringModel model,
    DateOnly asOf,
    OverridesFile? overrides,
    IResultWriter writer,
    Action<Rejection> onRejected,
    bool strict,
    int? top,
    bool keepRejections,
    PortfolioAccumulator? totals = null,
    PitchScriptBuilder? pitches = null)
{
    private const int EstimateAfterRows = 2048;
    private readonly List<Rejection> rejections = [];

    public long Rows { get; private set; }

    public long Scored { get; private set; }

    public long Rejected { get; private set; }

    /// <summary>Gets the count of thin-data accounts, for the warning.</summary>
    public ThinData Thin { get; } = new(model);

    /// <summary>Gets the rejected rows, kept only when the output format lists them.</summary>
    public IReadOnlyList<Rejection> Rejections => rejections;

    public int Execute(IAccountSource source, Action<long, long> progress, CancellationToken cancellationToken)
    {
        // With --top, only the N largest opportunities are kept (earlier rows win ties), then written largest first.
        var best = top is { } n ? new PriorityQueue<(ScoredAccount Account, string?[] Kept, PitchScript? Pitch), (double Opportunity, long Order)>(n + 1, TopComparer.Instance) : null;
        foreach (var row in source.ReadRows())
        {
            Rows++;
            if (Rows == EstimateAfterRows && source.TotalBytes is { } total && source.BytesRead > 0)
            {
                parser.ExpectRows((long)(total / (double)source.BytesRead * Rows * 1.05));
            }

            if (Rows % ProgressDisplay.ReportEvery == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
                progress(Rows, source.BytesRead);
            }

            var account = parser.Parse(row, out var rejection);
            if (account is null)
            {
                Rejected++;
                if (strict)
                {
                    throw new CliException($"{rejection} (--strict stops at the first rejected row; no output was written)");
                }

                if (keepRejections)
                {
                    rejections.Add(rejection!);
                }

                onRejected(rejection!);
                continue;
            }

            if (overrides is not null)
            {
                account = overrides.Apply(account);
            }

            var result = model.Explain(account, asOf);
            var pitch = pitches?.Build(result, account, asOf);
            totals?.Add(account);
            Thin.Add(result.Confidence, result.MissingSignals.Count);
            Scored++;
            if (best is null)
            {
                writer.WriteAccount(result, row.Kept, pitch);
            }
            else
            {
                best.Enqueue((result, row.Kept, pitch), (result.Opportunity, -Rows));
                if (best.Count > top)
                {
                    best.Dequeue();
                }
            }
        }

        if (best is not null)
        {
            var ordered = new List<(ScoredAccount Account, string?[] Kept, PitchScript? Pitch)>(best.Count);
            while (best.Count > 0)
            {
                ordered.Add(best.Dequeue());
            }

            for (int i = ordered.Count - 1; i >= 0; i--)
            {
                writer.WriteAccount(ordered[i].Account, ordered[i].Kept, ordered[i].Pitch);
            }
        }

        progress(Rows, source.BytesRead);
        return 0;
    }

    /// <summary>Smallest opportunity first, and among equals the later row first, so the queue drops those.</summary>
    private sealed class TopComparer : IComparer<(double Opportunity, long Order)>
    {
        public static readonly TopComparer Instance = new();

        public int Compare((double Opportunity, long Order) x, (double Opportunity, long Order) y)
        {
            int c = x.Opportunity.CompareTo(y.Opportunity);
            return c != 0 ? c : x.Order.CompareTo(y.Order);
        }
    }
}
